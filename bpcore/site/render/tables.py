"""HTML tables whose numbers are named values, inside a region that scrolls on a small screen."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from bpcore.site.render.mathml import typeset
from bpcore.site.render.numbers import Named, num, quotation


@dataclass(frozen=True)
class Quote:
    """A table cell that shows a printed figure of a source, marked as a quotation."""

    key: str
    printed: str


@dataclass(frozen=True)
class Math:
    """A table cell typeset from LaTeX to MathML, such as ``Math("v_{11}")``."""

    tex: str


Cell = str | Named | Quote | Math
"""What a table cell may hold: text, a named value, a quotation, or math. No bare numbers."""


def cell(value: Cell) -> str:
    """A table cell's content: named values through [`num`][bpcore.site.render.numbers.num].

    Raises:
        TypeError: If the cell is a bare number: a number shown must carry its name.
    """
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, Named):
        return num(value)
    if isinstance(value, Quote):
        return quotation(value.key, value.printed)
    if isinstance(value, Math):
        return typeset(value.tex)
    raise TypeError(
        f"table cell {value!r} is not text, a Named value, a Quote or Math; "
        "show a number through the registry (registry.named(name))"
    )


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    caption: str,
    row_headers: bool = True,
    more: Sequence[str | Named] = (),
    fits: bool = False,
) -> str:
    """An HTML table of named values, inside a scrollable region.

    Args:
        header: Column titles (plain text or inline HTML such as MathML).
        rows: One sequence of cells per row.
        caption: A short description, shown above the table and used as its name.
        row_headers: Whether the first cell of each row heads that row.
        more: Text and named values shown after the caption, such as after how
            many epochs (not part of the table's name).
        fits: Whether the table fits a phone as it is (a few narrow columns); otherwise
            ``reader.js`` turns its rows into labelled blocks on a phone.

    Returns:
        HTML, ready to print from a markdown-exec block with ``html="1"``.

    Examples:
        >>> out = table(["x", "y"], [["a", Named("half", 0.5)]], "A")
        >>> '<th scope="row">a</th><td><span class="bp-num" data-name="half"' in out
        True
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = []
    for r in rows:
        cells = []
        for k, v in enumerate(r):
            if k == 0 and row_headers:
                cells.append(f'<th scope="row">{cell(v)}</th>')
            else:
                cells.append(f"<td>{cell(v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    name = html.escape(caption, quote=True)
    extra = "".join(num(p) if isinstance(p, Named) else html.escape(p) for p in more)
    # A table wider than its box scrolls, and a region that scrolls must be named and reachable
    # with the keyboard; a table that fits needs neither.
    box = "" if fits else f' role="region" aria-label="{name}" tabindex="0"'
    return (
        f'<div class="bp-table"{box}><table{" data-bp-fits" if fits else ""}>\n'
        f"<caption>{html.escape(caption)}{extra}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n"
        f"<tbody>{''.join(body)}</tbody>\n"
        "</table></div>"
    )
