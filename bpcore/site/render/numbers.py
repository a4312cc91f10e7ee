"""Numbers as the site shows them: rounded here, and only here, for display.

Values are rounded for display only, always from the unrounded float64 value,
to ``DIGITS`` decimals (the article's precision) unless a value is too small to
show that way. Each displayed number carries its name in ``data-name`` and its full
value in ``title``, so that the checks on the built site can find it.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

DIGITS = 3
"""Decimals shown by default, as in the article."""
MAX_ROUNDING = 0.01
"""How far a shown number may be from its value, relatively: more decimals are shown if needed."""
MINUS = "\u2212"
"""The minus sign of every displayed number, tables and charts alike."""

_SUPERSCRIPT = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscripted(name: str) -> str:
    """``v11`` as ``v₁₁``: real text that needs no math font (charts, labels, controls); the
    stray-number check does not read subscript digits as numbers.

    Examples:
        >>> subscripted("v11"), subscripted("w2")
        ('v₁₁', 'w₂')
    """
    return name[0] + name[1:].translate(_SUBSCRIPT)


@dataclass(frozen=True)
class Named:
    """A computed value with its name, and how many decimals to show.

    Attributes:
        name: The value's name in the registry, such as ``loss.E``.
        value: The unrounded value.
        digits: Decimals to show.
        bound: For a value whose digits are round-off, the bound the page
            claims it stays below: it is shown as ``< bound`` instead of its digits.
    """

    name: str
    value: float
    digits: int = DIGITS
    bound: float | None = None


def power_of_ten(exponent: int) -> str:
    """Ten with a superscript exponent, as plain text.

    Examples:
        >>> power_of_ten(-17), power_of_ten(3)
        ('10⁻¹⁷', '10³')
    """
    return f"10{str(exponent).translate(_SUPERSCRIPT)}"


def fmt(x: float, digits: int = DIGITS) -> str:
    """Round ``x`` for display: at least ``digits`` decimals, and never far off.

    A value too small for ``digits`` decimals is shown in scientific notation
    with three significant digits; a value that ``digits`` decimals would round
    by more than ``MAX_ROUNDING`` of itself gets more decimals. The minus sign
    is the true one (``MINUS``), as in the charts.

    Args:
        x: The unrounded value.
        digits: Decimals to keep, at least.

    Returns:
        Plain text.

    Examples:
        >>> fmt(0.907207046882843), fmt(4.1568e-17), fmt(-1e-9, 3), fmt(2.0, 1)
        ('0.907', '4.16×10⁻¹⁷', '−1.00×10⁻⁹', '2.0')
        >>> fmt(0.0015), fmt(0.0949), fmt(-0.0594)
        ('0.0015', '0.095', '−0.059')
    """
    v = float(x)
    if v != 0 and abs(v) < 0.5 * 10.0**-digits:
        mantissa, exponent = f"{v:.2e}".split("e")
        return f"{mantissa}\u00d7{power_of_ten(int(exponent))}".replace("-", MINUS, 1)
    places = digits
    while abs(round(v, places) - v) > MAX_ROUNDING * abs(v) and places < 17:
        places += 1
    s = f"{v:.{places}f}"
    # "-0.000" would suggest a sign the rounded value does not have.
    if s.startswith("-") and float(s) == 0:
        return s[1:]
    return s.replace("-", MINUS)


def full(x: float) -> str:
    """The value at full float64 precision (shortest round-tripping form)."""
    return repr(float(x))


def bound_text(bound: float) -> str:
    """How a bound is shown: less-than and the bound, as a power of ten when it is one.

    Examples:
        >>> bound_text(1e-8), bound_text(0.5)
        ('< 10⁻⁸', '< 0.500')
    """
    exponent = round(math.log10(bound))
    return f"< {power_of_ten(exponent) if 10.0**exponent == bound else fmt(bound)}"


def num(value: Named, tag: str = "span") -> str:
    """HTML for a displayed number: rounded text, its name, its full value in the title.

    A value with a bound shows the bound, and carries it in ``data-bound``.
    Inside a formula the element is MathML's ``mn`` (``tag="mn"``), with a true
    minus sign.

    Examples:
        >>> num(Named("loss.E", 0.04885599223002374))
        '<span class="bp-num" data-name="loss.E" title="0.04885599223002374">0.049</span>'
        >>> num(Named("check.rel_error.w1", 5.0026e-11, bound=1e-8))[-54:]
        'data-bound="1e-08" title="5.0026e-11">&lt; 10⁻⁸</span>'
    """
    if not isinstance(value, Named):
        raise TypeError(
            f"num() shows named values only, got {value!r}: a number on a page must carry its "
            "name; pass registry.named(name)"
        )
    name = html.escape(value.name)
    if value.bound is not None:
        return (
            f'<{tag} class="bp-num" data-name="{name}" data-bound="{full(value.bound)}" '
            f'title="{full(value.value)}">{html.escape(bound_text(value.bound))}</{tag}>'
        )
    text = fmt(value.value, value.digits)
    return f'<{tag} class="bp-num" data-name="{name}" title="{full(value.value)}">{text}</{tag}>'


def quotation(key: str, printed: str) -> str:
    """HTML for a printed figure of a source, as printed and marked as a quotation.

    Examples:
        >>> quotation("y(1)", "0.907")
        '<q class="bp-quoted" data-quoted="y(1)" title="as printed in the article">0.907</q>'
    """
    return (
        f'<q class="bp-quoted" data-quoted="{html.escape(key)}" '
        f'title="as printed in the article">{html.escape(printed)}</q>'
    )
