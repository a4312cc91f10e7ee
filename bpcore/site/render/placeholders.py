"""A Markdown extension for computed numbers in prose.

``[[name]]``, ``[[name:digits]]`` and ``[[quote:key]]``.

A sentence of a page stays plain Markdown around the numbers it discusses:

- ``[[loss.E]]`` becomes the value named ``loss.E``, with the default decimals,
  tagged with its name and its full value (as [`num`][bpcore.site.render.numbers.num] makes it);
- ``[[threshold.epochs:0]]`` shows it with no decimals;
- ``[[quote:y(1)]]`` becomes a printed figure of a source, marked as a quotation.

Names are looked up in a registry (any object with ``named(name, digits)`` and
``quote(key)``, such as [`Registry`][bpcore.site.registry.Registry]) that the
extension's ``registry`` option gives, as an object or as ``"module:attribute"``:

```yaml
markdown_extensions:
  - bpcore.site.render.placeholders:
      registry: bpcore.site.examples:REGISTRY
```

An unknown name raises ``KeyError``, which fails the build naming the page.
Inside code spans and fenced code the brackets are left alone.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Protocol
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor

from bpcore.site.render.numbers import DIGITS, Named, num, quotation

# Names may hold brackets (``train.E[100]``): the name runs to the last "]]" of a run of "]".
PATTERN = r"\[\[(quote:)?([^:\n]+?)(?::(\d+))?\]\](?!\])"


class Lookup(Protocol):
    """What the extension needs of a registry."""

    def named(self, name: str, digits: int = DIGITS) -> Named:
        """The value called ``name``, to show with ``digits`` decimals."""
        ...

    def quote(self, key: str) -> str:
        """The printed figure ``key``."""
        ...


def resolve(registry: Lookup | str) -> Lookup:
    """The registry itself, or the object a ``"module:attribute"`` string names.

    Raises:
        ValueError: If the string is not of that form.
    """
    if not isinstance(registry, str):
        return registry
    module, sep, attribute = registry.partition(":")
    if not sep or not module or not attribute:
        raise ValueError(f"registry must be 'module:attribute', got {registry!r}")
    found: Lookup = getattr(importlib.import_module(module), attribute)
    return found


class _Placeholder(InlineProcessor):  # type: ignore[misc]
    def __init__(self, pattern: str, md: Markdown, registry: Lookup) -> None:
        super().__init__(pattern, md)
        self.registry = registry

    def handleMatch(  # noqa: N802 (Markdown's API name)
        self, m: re.Match[str], data: str
    ) -> tuple[ElementTree.Element | str, int, int]:
        if m.group(1):
            key = m.group(2)
            html = quotation(key, self.registry.quote(key))
        else:
            html = num(self.registry.named(m.group(2), int(m.group(3) or DIGITS)))
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class PlaceholderExtension(Extension):  # type: ignore[misc]
    """``[[name]]``, ``[[name:digits]]`` and ``[[quote:key]]`` in prose, from a registry."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"registry": ["", "The registry, or 'module:attribute' naming it"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        registry = self.getConfig("registry")
        if not registry:
            raise ValueError("the placeholders extension needs its 'registry' option")
        # After code spans (190) and escapes (180), before links (160) and emphasis:
        # a name may hold brackets and underscores.
        md.inlinePatterns.register(_Placeholder(PATTERN, md, resolve(registry)), "bp-named", 176)


def makeExtension(**kwargs: Any) -> PlaceholderExtension:  # noqa: N802 (Markdown's API name)
    """Entry point for Python-Markdown."""
    return PlaceholderExtension(**kwargs)
