"""The rendering kit: rounding from unrounded values, named numbers, quotations, tables, and the
``[[name]]`` Markdown extension, converted with ``markdown.Markdown`` in milliseconds."""

import re

import pytest
from bs4 import BeautifulSoup
from markdown import Markdown

from bpcore.site.examples import REGISTRY, mazur
from bpcore.site.examples.article import QUOTED
from bpcore.site.registry import Registry
from bpcore.site.render.numbers import Named, fmt, num, quotation
from bpcore.site.render.placeholders import PlaceholderExtension
from bpcore.site.render.tables import Math, Quote, table


@pytest.mark.parametrize(
    ("x", "digits", "want"),
    [
        (0.907207046882843, 3, "0.907"),
        (0.1234999, 3, "0.123"),  # from the full value: via 0.1235 it would be 0.124
        (-0.0004, 3, "−4.00×10⁻⁴"),
        (-0.0000001, 9, "−0.000000100"),
        (-0.00049, 3, "−4.90×10⁻⁴"),
        (4.1568080804497075e-17, 3, "4.16×10⁻¹⁷"),
        (0.0, 3, "0.000"),
        (131.0, 0, "131"),
        (12.000000000000005, 0, "12"),
    ],
)
def test_fmt_rounds_for_display_only(x: float, digits: int, want: str) -> None:
    assert fmt(x, digits) == want


def test_fmt_never_shows_a_negative_zero() -> None:
    assert fmt(-0.0001, 2) == "−1.00×10⁻⁴"
    assert fmt(-1e-20, 0) == "−1.00×10⁻²⁰"
    assert not fmt(-0.0004999, 3).startswith(("-0.000", "−0.000"))
    assert fmt(-0.0001, 3) == "−1.00×10⁻⁴" and fmt(-0.00001, 4) == "−1.00×10⁻⁵"


@pytest.mark.parametrize("x", [0.0015, 0.0105, 0.0949, 0.01234, 0.36, 131.0, 2.0e-3, 0.000151])
def test_fmt_is_never_more_than_one_percent_off(x: float) -> None:
    shown = fmt(x).replace("−", "-")
    value = float(shown.replace("×10", "e").translate(str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")))
    assert abs(value - x) <= 0.01 * abs(x), (x, shown)


def test_num_tags_the_name_and_keeps_the_full_value_in_its_title() -> None:
    span = BeautifulSoup(num(Named("sum", 0.1 + 0.2)), "html.parser").span
    assert span is not None
    assert span.get_text() == "0.300"
    assert span["data-name"] == "sum"
    assert float(str(span["title"])) == 0.1 + 0.2


def demo_registry() -> Registry:
    reg = Registry()
    reg.register(
        "demo",
        lambda: {"loss.E": 0.0488, "epochs": 131.0, "train.E[1000]": 2e-20, "grad_w1": 0.5},
        quotes={"E, first pass": "0.234"},
    )
    return reg


def test_the_registry_names_close_names_when_a_name_is_wrong() -> None:
    with pytest.raises(KeyError, match=r"grad\.exatc\.w1.*grad\.exact\.w1"):
        REGISTRY.named("grad.exatc.w1")
    with pytest.raises(KeyError, match="no printed figure"):
        REGISTRY.quote("E, third pass")


def test_the_registry_refuses_a_name_used_by_two_sources() -> None:
    reg = demo_registry()
    reg.register("other", lambda: {"loss.E": 1.0})
    with pytest.raises(ValueError, match=r"'loss\.E' of source 'other' is used twice"):
        reg.numbers()
    with pytest.raises(ValueError, match="registered already"):
        reg.register("demo", dict)


def test_every_registered_number_is_named_once_and_quotes_are_the_sources() -> None:
    numbers = REGISTRY.numbers()
    assert len(numbers) == sum(
        sum(not isinstance(v, str) for v in named.values()) for named in REGISTRY.collect().values()
    )
    assert REGISTRY.quotes == {**QUOTED, **mazur.QUOTED}


def convert(text: str, registry: object = None) -> str:
    md = Markdown(extensions=[PlaceholderExtension(registry=registry or demo_registry())])
    return str(md.convert(text))


def test_placeholders_become_named_numbers_and_quotations_in_plain_markdown() -> None:
    html = convert(
        "*Loss* $E =$ [[loss.E]], after [[epochs:0]] epochs [[train.E[1000]]]; "
        "*[[quote:E, first pass]]* and [[grad_w1:1]] [a link](../api/)."
    )
    soup = BeautifulSoup(html, "html.parser")
    assert "[[" not in html and "]]" not in html
    names = [s["data-name"] for s in soup.select("span.bp-num")]
    assert names == ["loss.E", "epochs", "train.E[1000]", "grad_w1"]
    texts = [s.get_text() for s in soup.select("span.bp-num")]
    assert texts == ["0.049", "131", "2.00×10⁻²⁰", "0.5"]
    assert soup.select_one("em q.bp-quoted[data-quoted='E, first pass']") is not None
    assert soup.select_one("a[href='../api/']") is not None
    assert soup.select_one("em") is not None and soup.em.get_text() == "Loss"  # type: ignore[union-attr]


def test_placeholders_inside_code_are_left_alone() -> None:
    html = convert("Write `[[loss.E]]` for [[loss.E]].\n\n    [[loss.E]] in a code block\n")
    assert "<code>[[loss.E]]</code>" in html
    assert html.count('data-name="loss.E"') == 1


def test_an_unknown_name_fails_the_conversion() -> None:
    with pytest.raises(KeyError, match=r"loss\.F"):
        convert("[[loss.F]]")
    with pytest.raises(KeyError, match="no printed figure"):
        convert("[[quote:E, third pass]]")


def test_the_registry_can_be_named_as_module_and_attribute() -> None:
    html = convert("[[lr:1]]", "bpcore.site.examples:REGISTRY")
    assert 'data-name="lr"' in html and ">0.5<" in html
    with pytest.raises(ValueError, match="module:attribute"):
        convert("x", "bpcore.site.examples.REGISTRY")
    with pytest.raises(ValueError, match="needs its 'registry' option"):
        Markdown(extensions=[PlaceholderExtension()]).convert("x")


def test_quoted_figures_are_marked_and_verbatim() -> None:
    for key, printed in QUOTED.items():
        q = BeautifulSoup(quotation(key, printed), "html.parser").q
        assert q is not None
        assert q.get_text() == printed
        assert q["data-quoted"] == key
        assert "bp-num" not in str(q)


def test_table_is_a_named_scroll_region_with_headers() -> None:
    html = table(
        ["weight", "value"],
        [[Math("w_1"), REGISTRY.named("init.w1")], ["printed", Quote("w1 new", QUOTED["w1 new"])]],
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
    assert not re.search(r"&lt;math", html)


def test_a_table_that_fits_a_phone_is_marked_and_is_no_scroll_region() -> None:
    """``fits=True``: reader.js leaves its rows as rows, and no tab stop is spent on it."""
    soup = BeautifulSoup(table(["x"], [["a"]], "Narrow", fits=True), "html.parser")
    box, plain = soup.select_one("div.bp-table"), soup.select_one("table")
    assert box is not None and plain is not None and plain.has_attr("data-bp-fits")
    assert not ({"role", "tabindex", "aria-label"} & set(box.attrs))
    assert soup.caption is not None and soup.caption.get_text() == "Narrow"
    wide = BeautifulSoup(table(["x"], [["a"]], "Wide"), "html.parser").select_one("table")
    assert wide is not None and not wide.has_attr("data-bp-fits")


def test_a_table_refuses_a_bare_number() -> None:
    with pytest.raises(TypeError, match=r"registry\.named"):
        table(["x"], [["plain", 0.5]], "A")  # type: ignore[list-item]
