"""No hand-typed results: no decimal number in the docs' prose, only in code that computes it.

Every number a page shows comes from the registry, written ``[[name]]`` in
prose or printed by a block. The article's printed figures are quoted in one
place, ``bpcore/site/examples/article.py`` (``QUOTED``), which is code, not
docs, and a page shows them as ``[[quote:key]]``; so the docs need no exception
for them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"

DECIMAL = re.compile(r"(?<![\w.])\d*\.\d+(?![\w.]*\d)")
"""A decimal number such as ``0.907``, ``.5`` or ``2.0`` (not ``bpcore.values`` nor ``1.2.3``)."""

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+).+?\1")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
PLACEHOLDER = re.compile(r"\[\[[^\n]+?\]\](?!\])")
"""A named number, ``[[name:digits]]``: its name and digits are not numbers shown."""

ALLOWED: list[tuple[re.Pattern[str], str]] = [
    # Each entry: a pattern whose matches may hold a decimal, and why it is not a result.
    (re.compile(r"MkDocs 1\.\d+"), "the version of MkDocs the site is built with"),
    (re.compile(r"Python 3\.\d+"), "the version of Python the project needs"),
]
"""Decimals that are not results: version numbers, each with its reason."""


def prose(text: str) -> list[tuple[int, str]]:
    """The lines of a Markdown page outside fenced code, inline code and link targets.

    Returns:
        ``(line number, text)`` pairs, numbered from 1, code removed from the text.
    """
    out = []
    fence = ""
    lines = text.splitlines()
    # Front matter (YAML between --- lines at the top) is settings, not prose.
    front = lines.index("---", 1) + 1 if lines and lines[0] == "---" and "---" in lines[1:] else 0
    for number, line in enumerate(lines, start=1):
        if number <= front:
            continue
        opening = FENCE.match(line)
        if fence:
            # A fence closes with the same character, at least as many, and nothing after.
            if opening and opening.group(1).startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        line = PLACEHOLDER.sub("", INLINE_CODE.sub("", line))
        out.append((number, LINK_TARGET.sub("]()", line)))
    return out


def hand_typed(text: str) -> list[tuple[int, str]]:
    """Every decimal number in a page's prose that no allow-list entry covers: (line, number)."""
    found = []
    for number, line in prose(text):
        for pattern, _reason in ALLOWED:
            line = pattern.sub("", line)
        found += [(number, m.group()) for m in DECIMAL.finditer(line)]
    return found


def doc_pages() -> list[Path]:
    """Every Markdown page of the docs."""
    return sorted(DOCS.rglob("*.md"))


def test_there_are_pages_to_check() -> None:
    assert doc_pages(), f"no Markdown pages under {DOCS}"


@pytest.mark.parametrize("page", doc_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_decimal_number_is_typed_in_prose(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = [
        f"docs/{page.relative_to(DOCS)}:{n}: {num!r} typed by hand in: {lines[n - 1].strip()}"
        for n, num in hand_typed(text)
    ]
    assert not found, "name these values and write [[name]] instead:\n" + "\n".join(found)


SAMPLE = """\
# A page

The loss is 0.234 here, and .5 there.
Inline `step(net, X, T, 0.5)` is code; so is a [link](https://example.org/v2.0/).
Built with MkDocs 1.6; see bpcore.values and version 1.2.3.

```python exec="1"
print(0.907)
```

````markdown
```python
x = 2.0
```
still code 3.14
````

~~~
1.5
~~~
Back in prose: 2.0 and -0.059, and [[train.E[1000]:5]] is named.
"""


def test_the_check_finds_decimals_in_prose_only() -> None:
    assert hand_typed(SAMPLE) == [(3, "0.234"), (3, ".5"), (21, "2.0"), (21, "0.059")]
