"""Display helpers: rounding from unrounded values, named numbers, quotations, sentences."""

import re

import pytest
from bs4 import BeautifulSoup

from bpcore.article import QUOTED
from bpcore.display import Math, Quote, Ref, fmt, num, quoted, shown, table, text
from bpcore.values import values


@pytest.mark.parametrize(
    ("x", "digits", "want"),
    [
        (0.907207046882843, 3, "0.907"),
        (0.1234999, 3, "0.123"),  # from the full value: via 0.1235 it would be 0.124
        (-0.0004, 3, "-4.00×10⁻⁴"),
        (-0.0000001, 9, "-0.000000100"),
        (-0.00049, 3, "-4.90×10⁻⁴"),
        (4.1568080804497075e-17, 3, "4.16×10⁻¹⁷"),
        (0.0, 3, "0.000"),
        (131.0, 0, "131"),
        (12.000000000000005, 0, "12"),
    ],
)
def test_fmt_rounds_for_display_only(x: float, digits: int, want: str) -> None:
    assert fmt(x, digits) == want


def test_fmt_never_shows_a_negative_zero() -> None:
    assert fmt(-0.0001, 2) == "-1.00×10⁻⁴"
    assert fmt(-1e-20, 0) == "-1.00×10⁻²⁰"
    assert not fmt(-0.0004999, 3).startswith("-0.000")


def test_num_keeps_the_full_value_in_its_title() -> None:
    soup = BeautifulSoup(num(0.1 + 0.2), "html.parser").span
    assert soup is not None
    assert soup.get_text() == "0.300"
    assert float(str(soup["title"])) == 0.1 + 0.2


def test_shown_tags_the_name_and_the_unrounded_value() -> None:
    v = values()
    span = BeautifulSoup(shown("grad.exact.w1"), "html.parser").span
    assert span is not None
    assert span["data-name"] == "grad.exact.w1"
    assert float(str(span["title"])) == v["grad.exact.w1"]
    assert span.get_text() == fmt(v["grad.exact.w1"])


def test_shown_names_close_names_when_a_name_is_wrong() -> None:
    with pytest.raises(KeyError, match=r"grad\.exatc\.w1.*grad\.exact\.w1"):
        shown("grad.exatc.w1")


def test_text_replaces_every_placeholder_and_keeps_the_markdown() -> None:
    out = text(
        "$E =$ [[loss.E]], after [[train.epochs:0]] epochs [[train.E[1000]]]; "
        "*[[quote:E, first pass]]*"
    )
    assert "[[" not in out and "]]" not in out
    assert out.startswith("$E =$ ") and out.endswith("</q>*")
    soup = BeautifulSoup(out, "html.parser")
    names = [s["data-name"] for s in soup.select("span.bp-num")]
    assert names == ["loss.E", "train.epochs", "train.E[1000]"]
    assert soup.select_one("span[data-name='train.epochs']").get_text() == "1000"  # type: ignore[union-attr]
    assert soup.q is not None and soup.q.get_text() == QUOTED["E, first pass"]


def test_text_fails_on_an_unknown_name_or_quotation() -> None:
    with pytest.raises(KeyError):
        text("[[loss.F]]")
    with pytest.raises(KeyError, match="prints no figure"):
        text("[[quote:E, third pass]]")


def test_quoted_figures_are_marked_and_verbatim() -> None:
    for key, printed in QUOTED.items():
        q = BeautifulSoup(quoted(key), "html.parser").q
        assert q is not None
        assert q.get_text() == printed
        assert q["data-quoted"] == key
        assert "bp-num" not in str(q)


def test_table_is_a_named_scroll_region_with_headers() -> None:
    html = table(
        ["weight", "value"],
        [[Math("w_1"), Ref("init.w1")], ["printed", Quote("w1 new")], ["plain", 0.5]],
        "A <caption> & more",
    )
    soup = BeautifulSoup(html, "html.parser")
    region = soup.select_one("div.bp-table")
    assert region is not None
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "A <caption> & more"
    assert soup.caption is not None and soup.caption.get_text() == "A <caption> & more"
    assert [th["scope"] for th in soup.select("thead th")] == ["col", "col"]
    rows = soup.select("tbody tr")
    assert rows[0].th is not None and rows[0].th.math is not None
    assert rows[0].td is not None and rows[0].td.span["data-name"] == "init.w1"  # type: ignore[index]
    assert rows[1].q is not None and rows[1].q.get_text() == QUOTED["w1 new"]
    assert rows[2].td is not None and rows[2].td.get_text() == "0.500"
    assert not re.search(r"&lt;math", html)


def test_text_refuses_links_to_pages_that_mkdocs_would_not_rewrite() -> None:
    with pytest.raises(ValueError, match="link to a page"):
        text("see the [example](example.md#the-loss) for [[loss.E]]")
    assert text("see [the API](../api/)") == "see [the API](../api/)"
