"""The math font subset covers every character of every formula of the built site.

docs/assets/fonts/noto-sans-math.woff2 is a subset (``make font`` makes it again from the npm
package); a formula using a character outside it would be drawn in another font, or as a box.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

FONT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "fonts" / "noto-sans-math.woff2"
NOT_DRAWN = {"annotation", "annotation-xml"}
"""MathML elements whose text is not drawn (a formula's source, for instance)."""


def formula_characters(html: str) -> set[str]:
    """Every character drawn in a <math> element of the page."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(NOT_DRAWN):
        hidden.decompose()
    return {ch for math in soup.find_all("math") for ch in math.get_text() if not ch.isspace()}


def uncovered(html_pages: dict[str, str], cmap: dict[int, str]) -> list[str]:
    """One line per character missing from the font: code point, character, first page."""
    seen: dict[str, str] = {}
    for where, html in sorted(html_pages.items()):
        for ch in formula_characters(html):
            seen.setdefault(ch, where)
    return [f"U+{ord(c):04X} {c!r} in {w}" for c, w in sorted(seen.items()) if ord(c) not in cmap]


@pytest.fixture(scope="module")
def cmap() -> dict[int, str]:
    """The subset's character map (woff2 needs brotli)."""
    with TTFont(FONT) as font:
        return dict(font.getBestCmap())


def test_every_formula_character_is_in_the_math_font(site: Path, cmap: dict[int, str]) -> None:
    pages = {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }
    assert sum(len(formula_characters(html)) > 0 for html in pages.values()) >= 3
    missing = uncovered(pages, cmap)
    assert not missing, "characters the math font does not have (make font):\n" + "\n".join(missing)


def test_the_check_sees_a_character_the_font_lacks(cmap: dict[int, str]) -> None:
    page = "<p>中</p><math><mi>x</mi><mo>=</mo><mi>中</mi><annotation>ж</annotation></math>"
    assert formula_characters(page) == {"x", "=", "中"}
    assert uncovered({"made-up.html": page}, cmap) == ["U+4E2D '中' in made-up.html"]
