"""Golden values: every value the site displays, pinned in one file, and a readable diff.

The file ``tests/golden_values.toml`` holds one ``"name" = value`` line per
value, grouped by source, floats written with ``repr`` so that they read back
bit for bit. ``tests/test_golden.py`` recomputes the values and compares;
``scripts/accept_golden.py`` (``make golden``) rewrites the file after an
intended change. Both print [`diff`][bpcore.site.golden.diff]. The values
are the registry's: adding an example there adds its table here.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from bpcore.site.examples import REGISTRY
from bpcore.site.registry import Golden, Value

Values = Mapping[str, Mapping[str, Value]]
"""Values by source, then by name, read-only: what the functions below accept."""

FILE = Path(__file__).resolve().parents[2] / "tests" / "golden_values.toml"
"""Where the golden values live."""

# A different BLAS or CPU changes a result by a few units in the last place (about 1e-16
# relative) per operation, much as moving an input by one unit in the last place does. Moving
# any one input of the example that way, or summing every matrix product in the reverse order,
# moves every value by at most 3% of REL_TOL (measured): by at most 2e-12 relative, a headroom
# of about 30 times, except the round-off-sized values, which have floors or bounds.
REL_TOL = 1e-10
"""Relative tolerance of the comparison: far above what another BLAS or CPU moves a value."""

# Far below the smallest value the site shows (about 4e-17), so it hides no change.
ABS_FLOOR = 1e-300
"""Absolute tolerance of every value: lets an exact zero come back as a subnormal or a negative
zero."""

NOISE_FLOORS: tuple[tuple[str, float], ...] = (
    # Central differences divide a round-off change of E (~0.05, ulp ~7e-18) by
    # 2h = 2e-6: one ulp in any input moves them by up to 3e-11 (measured).
    ("check.numeric.", 1e-9),
)
"""Absolute floors for values whose last digits are round-off, by a part of their name.

A part matches at a dot boundary anywhere, so ``xor.check.numeric.b1`` matches
``check.numeric.``. Values that are round-off through and through (the gradient
check's differences and relative errors) have no floor: they are held to the
bound their page claims (the registry's bounds), see [`same`][bpcore.site.golden.same].
"""

LOSS = re.compile(r"(^|\.)E(\d|\[|\.|$)")
"""Names of losses: ``loss.E``, ``loss.E2.exact``, ``train.E[500]``, ``xor.tanh.E[100]``."""

# Summing the products in another order (as another BLAS may) moved outputs by at most 1e-16
# and losses by at most 1.2e-16 * sqrt(2E) (measured on both examples): the floor is about a
# hundred times that. Near a minimum it is far more than E times REL_TOL (E is about 1e-23
# after a fast run).
OUTPUT_ROUNDOFF = 1e-14
"""How far round-off may move a network output, absolutely.

A loss ``E = sum(r**2) / (2m)`` of residuals ``r = y - t`` moves by about
``sqrt(2E) * dy`` when round-off moves the outputs by ``dy``, so a loss's floor
is ``OUTPUT_ROUNDOFF * sqrt(2E)``.
"""


def abs_floor(name: str, value: float = 0.0) -> float:
    """The absolute tolerance for ``value``, named ``name`` within its source."""
    dotted = "." + name
    floor = next((floor for part, floor in NOISE_FLOORS if "." + part in dotted), ABS_FLOOR)
    if LOSS.search(name):
        floor = max(floor, OUTPUT_ROUNDOFF * math.sqrt(2 * abs(value)))
    return floor


def same(name: str, old: Value, new: Value) -> bool:
    """Whether ``new`` equals ``old`` within the tolerance for ``name``; strings must be equal.

    A round-off value with a bound (``REGISTRY.bound(name)``) is the same while both
    stay below the bound: that is what its page claims, and all its digits say.
    """
    if isinstance(old, str) or isinstance(new, str):
        return old == new
    if math.isnan(old) or math.isnan(new):
        return math.isnan(old) and math.isnan(new)
    bound = REGISTRY.bound(name)
    if bound is not None:
        return abs(old) < bound and abs(new) < bound
    return math.isclose(old, new, rel_tol=REL_TOL, abs_tol=abs_floor(name, max(abs(old), abs(new))))


def collect() -> Golden:
    """Compute every golden value afresh, by source.

    From the [`REGISTRY`][bpcore.site.examples.REGISTRY].
    """
    return REGISTRY.collect()


def _literal(value: Value) -> str:
    # repr(float) is the shortest text that reads back to the same float, and it is
    # valid TOML (inf and nan included); JSON string escapes are valid TOML too.
    return json.dumps(value) if isinstance(value, str) else repr(float(value))


def dumps(golden: Values) -> str:
    """The golden file's text: a header, then one table per source, one value per line."""
    lines = [
        "# Golden values: every value the site displays, as bpcore computes it.",
        "# Written by scripts/accept_golden.py (make golden); do not edit by hand.",
        "# Floats are repr(float): they read back bit for bit.",
    ]
    for source, named in golden.items():
        lines += ["", f"[{source}]"]
        lines += [f"{json.dumps(name)} = {_literal(value)}" for name, value in named.items()]
    return "\n".join(lines) + "\n"


def loads(text: str) -> Golden:
    """Read the golden file's text back."""
    return {source: dict(named) for source, named in tomllib.loads(text).items()}


def load(path: Path = FILE) -> Golden:
    """Read the golden file; an absent file reads as no values (so every value is 'added')."""
    return loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _flat(golden: Values) -> dict[str, Value]:
    return {f"{s}:{n}": v for s, named in golden.items() for n, v in named.items()}


def _change(old: Value, new: Value) -> str:
    if isinstance(old, str) or isinstance(new, str):
        return f"old {_literal(old)}  new {_literal(new)}"
    d = abs(new - old)
    rel = d / abs(old) if old != 0 else math.inf
    return f"old {old!r}  new {new!r}  abs {d:.3g}  rel {rel:.3g}"


def diff(old: Values, new: Values) -> list[str]:
    """One readable line per value that changed beyond tolerance, was added or was removed.

    Names are ``source:name``. Values within tolerance are not listed.

    Examples:
        >>> diff({"g": {"a": 1.0, "b": "x"}}, {"g": {"a": 1.5, "c": 2.0}})
        ['changed g:a  old 1.0  new 1.5  abs 0.5  rel 0.5', 'removed g:b  "x"', 'added   g:c  2.0']
    """
    before, after = _flat(old), _flat(new)
    lines = []
    for key, value in before.items():
        if key not in after:
            lines.append(f"removed {key}  {_literal(value)}")
        elif not same(key.split(":", 1)[1], value, after[key]):
            lines.append(f"changed {key}  {_change(value, after[key])}")
    lines += [f"added   {key}  {_literal(v)}" for key, v in after.items() if key not in before]
    return lines


def accepted(old: Values, new: Values) -> Golden:
    """What ``make golden`` writes: the new values, but an old one wherever it is the same.

    A value within tolerance of its golden value keeps the golden value, so that
    accepting a change on another machine (another BLAS, another CPU) rewrites
    only what changed beyond tolerance, and the file's diff shows just that.

    Examples:
        >>> accepted({"g": {"a": 0.1, "b": 1.0}}, {"g": {"a": 0.1 + 1e-17, "b": 2.0, "c": 3.0}})
        {'g': {'a': 0.1, 'b': 2.0, 'c': 3.0}}
    """
    out: Golden = {}
    for source, named in new.items():
        before = old.get(source, {})
        out[source] = {
            name: before[name] if name in before and same(name, before[name], value) else value
            for name, value in named.items()
        }
    return out


def summary(old: Values, new: Values, lines: list[str]) -> str:
    """The diff's last line: how many values changed, were added and were removed."""
    changed, added, removed = (
        sum(line.startswith(kind) for line in lines) for kind in ("changed", "added", "removed")
    )
    return (
        f"{changed} changed, {added} added, {removed} removed; "
        f"{len(_flat(old))} values before, {len(_flat(new))} now"
    )
