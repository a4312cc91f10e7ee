"""Display helpers: every number the site shows is rounded here, and only here.

Values are rounded for display only, always from the unrounded float64 value,
to 3 decimals (the article's precision) unless a value is too small to show
that way. Each displayed number keeps its full value in a ``title`` attribute.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bpcore.article import QUOTED
from bpcore.mathml import mathml
from bpcore.values import values

DIGITS = 3
"""Decimals shown by default, as in the article."""

_SUPERSCRIPT = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


@dataclass(frozen=True)
class Ref:
    """A table cell that shows a named value of ``source``.

    ``source`` is [`values`][bpcore.values.values] (the worked example) unless
    another example names its own values, such as ``bpcore.xor.values``.
    """

    name: str
    digits: int = 3
    source: Callable[[], dict[str, float]] = values


@dataclass(frozen=True)
class Quote:
    """A table cell that shows one of the article's printed figures, marked as a quotation."""

    key: str


@dataclass(frozen=True)
class Math:
    """A table cell typeset from LaTeX to MathML, such as ``Math("v_{11}")``."""

    tex: str


Cell = float | int | str | np.floating | np.integer | Ref | Quote | Math

# Names may hold brackets (``train.E[100]``): the name runs to the last "]]" of a run of "]".
_PLACEHOLDER = re.compile(r"\[\[(quote:)?([^:]+?)(?::(\d+))?\]\](?!\])")


def power_of_ten(exponent: int) -> str:
    """``10`` with a superscript exponent, as plain text.

    Examples:
        >>> power_of_ten(-17), power_of_ten(3)
        ('10⁻¹⁷', '10³')
    """
    return f"10{str(exponent).translate(_SUPERSCRIPT)}"


def fmt(x: float, digits: int = DIGITS) -> str:
    """Round ``x`` for display: ``digits`` decimals, or 3 significant digits if that would show 0.

    Args:
        x: The unrounded value.
        digits: Decimals to keep.

    Returns:
        Plain text such as ``"0.907"``, ``"-0.059"`` or ``"4.16×10⁻¹⁷"``.

    Examples:
        >>> fmt(0.907207046882843), fmt(4.1568e-17), fmt(-1e-9, 3), fmt(2.0, 1)
        ('0.907', '4.16×10⁻¹⁷', '-1.00×10⁻⁹', '2.0')
    """
    v = float(x)
    if v != 0 and abs(v) < 0.5 * 10.0**-digits:
        mantissa, exponent = f"{v:.2e}".split("e")
        return f"{mantissa}\u00d7{power_of_ten(int(exponent))}"
    s = f"{v:.{digits}f}"
    # "-0.000" would suggest a sign the rounded value does not have.
    return s[1:] if s.startswith("-") and float(s) == 0 else s


def full(x: float) -> str:
    """The value at full float64 precision (shortest round-tripping form)."""
    return repr(float(x))


def num(x: float, digits: int = DIGITS, name: str | None = None) -> str:
    """HTML for a displayed number: rounded text, full value in its title.

    Args:
        x: The unrounded value.
        digits: Decimals to show.
        name: The value's name in [`values`][bpcore.values.values], if it has
            one; it becomes ``data-name`` so that tests can find it.

    Examples:
        >>> num(0.907207046882843)
        '<span class="bp-num" title="0.907207046882843">0.907</span>'
    """
    tag = "" if name is None else f' data-name="{html.escape(name)}"'
    return f'<span class="bp-num"{tag} title="{full(x)}">{fmt(x, digits)}</span>'


def shown(name: str, digits: int = DIGITS, source: Callable[[], dict[str, float]] = values) -> str:
    """HTML for a named value, tagged with its name.

    Args:
        name: The value's name in ``source``.
        digits: Decimals to show.
        source: The function that names the values: the worked example's
            [`values`][bpcore.values.values] unless another example is shown.

    Raises:
        KeyError: If no value has that name; the message lists close names.

    Examples:
        >>> shown("loss.E")
        '<span class="bp-num" data-name="loss.E" title="0.04885599223002374">0.049</span>'
    """
    v = source()
    if name not in v:
        close = [k for k in v if k.split(".")[0] == name.split(".")[0]][:8]
        raise KeyError(f"no value named {name!r}; names like it: {close}")
    return num(v[name], digits, name)


def quoted(key: str) -> str:
    """HTML for one of the article's printed figures, as printed and marked as a quotation.

    Raises:
        KeyError: If the article prints no figure under that key.

    Examples:
        >>> quoted("y(1)")
        '<q class="bp-quoted" data-quoted="y(1)" title="as printed in the article">0.907</q>'
    """
    if key not in QUOTED:
        raise KeyError(f"the article prints no figure {key!r}; see bpcore.article.QUOTED")
    return (
        f'<q class="bp-quoted" data-quoted="{html.escape(key)}" '
        f'title="as printed in the article">{html.escape(QUOTED[key])}</q>'
    )


def text(markdown: str, source: Callable[[], dict[str, float]] = values) -> str:
    """Markdown with placeholders replaced by named values or quoted figures.

    ``[[name]]`` (or ``[[name:digits]]``) becomes the named value, as
    [`shown`][bpcore.display.shown] makes it; ``[[quote:key]]`` becomes the
    article's printed figure ``key``, as [`quoted`][bpcore.display.quoted]
    makes it. Lets a page write a sentence around computed numbers: print the
    result from a markdown-exec block *without* ``html="1"``, so the sentence
    is still Markdown (math included).

    Raises:
        KeyError: If a placeholder names no value or no printed figure.
        ValueError: If the Markdown links to another page: MkDocs would not
            rewrite such a link, so it belongs in the page's own prose.

    Examples:
        >>> text("E is [[loss.E]].")
        'E is <span class="bp-num" data-name="loss.E" title="0.04885599223002374">0.049</span>.'
        >>> text("[[threshold.epochs:0]] epochs")[-31:]
        'title="131.0">131</span> epochs'
        >>> out = text("[[train.E[100]]] and [[x1(1):0]]")
        >>> 'data-name="train.E[100]"' in out, out.endswith('title="2.0">2</span>')
        (True, True)
        >>> text("printed [[quote:y(1)]]")[-9:]
        '0.907</q>'
    """

    # markdown-exec renders a block's output apart from the page, where MkDocs
    # does not rewrite links to other pages: they would break on the site.
    if re.search(r"\]\([^)\s]*\.md\b", markdown):
        raise ValueError(
            f"link to a page inside text(): {markdown[:60]!r}...; put links in the page's prose"
        )

    def replace(m: re.Match[str]) -> str:
        if m.group(1):
            return quoted(m.group(2))
        return shown(m.group(2), int(m.group(3) or DIGITS), source)

    return _PLACEHOLDER.sub(replace, markdown)


def cell(value: Cell, digits: int = DIGITS) -> str:
    """A table cell's content: numbers through [`num`][bpcore.display.num], text escaped."""
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, Ref):
        return shown(value.name, value.digits, value.source)
    if isinstance(value, Quote):
        return quoted(value.key)
    if isinstance(value, Math):
        return mathml(value.tex)
    return num(float(value), digits)


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    caption: str,
    digits: int = DIGITS,
    row_headers: bool = True,
) -> str:
    """An HTML table, its numbers rounded for display, inside a scrollable region.

    Args:
        header: Column titles (plain text or inline HTML such as MathML).
        rows: One sequence of cells per row; numbers are rounded by ``fmt``.
        caption: A short description, shown above the table and used as its name.
        digits: Decimals for the numbers.
        row_headers: Whether the first cell of each row heads that row.

    Returns:
        HTML, ready to print from a markdown-exec block with ``html="1"``.

    Examples:
        >>> html = table(["x", "y"], [["a", 0.5]], "A")
        >>> '<th scope="row">a</th><td><span class="bp-num" title="0.5">0.500</span></td>' in html
        True
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    body = []
    for r in rows:
        cells = []
        for k, v in enumerate(r):
            if k == 0 and row_headers:
                cells.append(f'<th scope="row">{cell(v, digits)}</th>')
            else:
                cells.append(f"<td>{cell(v, digits)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    name = html.escape(caption, quote=True)
    return (
        f'<div class="bp-table" role="region" aria-label="{name}" tabindex="0"><table>\n'
        f"<caption>{html.escape(caption)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n"
        f"<tbody>{''.join(body)}</tbody>\n"
        "</table></div>"
    )
