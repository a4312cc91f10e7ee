"""The one registry of named values: what pages, the golden file and the drift check all read.

Each example registers once, with a source name and a function that computes
its values by name (numbers, and for the article's verdicts, text); a source
may also register quotations of printed figures, and bounds: for values whose
digits are round-off, the bound the page claims they stay below (they are
shown as that bound, and the golden comparison holds them to it). Names of
numbers are unique across sources, since pages look them up by name alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from bpcore.site.render.numbers import DIGITS, Named

Value = float | str
"""A named value: a number, or text such as a verdict."""
Golden = dict[str, dict[str, Value]]
"""Values by source, then by name."""


class Registry:
    """Named values by source, and quotations, computed on first use.

    Examples:
        >>> reg = Registry()
        >>> reg.register("demo", lambda: {"demo.half": 0.5, "demo.word": "yes"})
        >>> reg.named("demo.half", 1), reg.numbers()
        (Named(name='demo.half', value=0.5, digits=1, bound=None), {'demo.half': 0.5})
    """

    def __init__(self) -> None:
        self._sources: dict[str, Callable[[], Mapping[str, Value]]] = {}
        self._quotes: dict[str, str] = {}
        self._bounds: list[tuple[re.Pattern[str], float]] = []
        self._numbers: dict[str, float] | None = None

    def register(
        self,
        source: str,
        compute: Callable[[], Mapping[str, Value]],
        quotes: Mapping[str, str] | None = None,
        bounds: Mapping[str, float] | None = None,
    ) -> None:
        """Add a source of named values, the quotations it shows, and its round-off bounds.

        Args:
            source: The source's name, a table of the golden file.
            compute: Returns every value of the source by name.
            quotes: Printed figures by key, shown as quotations.
            bounds: Regular expressions matching names of round-off values, each
                with the bound the page claims they stay below.

        Raises:
            ValueError: If the source or a quotation key is registered already.
        """
        if source in self._sources:
            raise ValueError(f"source {source!r} is registered already")
        clash = sorted(set(quotes or {}) & set(self._quotes))
        if clash:
            raise ValueError(f"quotations {clash} of {source!r} are registered already")
        self._sources[source] = compute
        self._quotes.update(quotes or {})
        self._bounds += [(re.compile(pattern), bound) for pattern, bound in (bounds or {}).items()]
        self._numbers = None

    @property
    def sources(self) -> Mapping[str, Callable[[], Mapping[str, Value]]]:
        """Every source by name."""
        return dict(self._sources)

    @property
    def quotes(self) -> Mapping[str, str]:
        """Every quotation by key."""
        return dict(self._quotes)

    def collect(self) -> Golden:
        """Every value by source, as the golden file holds them."""
        return {source: dict(compute()) for source, compute in self._sources.items()}

    def numbers(self) -> dict[str, float]:
        """Every numeric value by its name alone (computed once; treat it as read-only).

        Raises:
            ValueError: If two sources use the same name.
        """
        if self._numbers is None:
            self._numbers = numbers_of(self.collect())
        return self._numbers

    def value(self, name: str) -> float:
        """The value called ``name``.

        Raises:
            KeyError: If no value has that name; the message lists close names.
        """
        known = self.numbers()
        if name not in known:
            close = [k for k in known if k.split(".")[0] == name.split(".")[0]][:8]
            raise KeyError(f"no value named {name!r}; names like it: {close}")
        return known[name]

    def bound(self, name: str) -> float | None:
        """The bound a round-off value called ``name`` is claimed to stay below, if any."""
        return next((bound for pattern, bound in self._bounds if pattern.search(name)), None)

    def named(self, name: str, digits: int = DIGITS) -> Named:
        """The value called ``name``, ready to show with ``digits`` decimals (or as its bound).

        Raises:
            KeyError: If no value has that name.
        """
        return Named(name, self.value(name), digits, self.bound(name))

    def quote(self, key: str) -> str:
        """The printed figure ``key``, verbatim.

        Raises:
            KeyError: If no source quotes a figure by that key.
        """
        if key not in self._quotes:
            raise KeyError(f"no printed figure {key!r}; quoted are: {sorted(self._quotes)}")
        return self._quotes[key]


def numbers_of(golden: Mapping[str, Mapping[str, Value]]) -> dict[str, float]:
    """Every numeric value of ``golden`` by its name alone, as pages name them in ``data-name``.

    Raises:
        ValueError: If two sources use the same name.
    """
    out: dict[str, float] = {}
    for source, named in golden.items():
        for name, value in named.items():
            if isinstance(value, str):
                continue
            if name in out:
                raise ValueError(f"value name {name!r} of source {source!r} is used twice")
            out[name] = value
    return out
