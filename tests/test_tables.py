"""The pages' tables: every number is a named value shown as rounded, and the arithmetic holds."""

import re
from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup, Tag

from bpcore.site.examples import REGISTRY, worked
from bpcore.site.examples.article import QUOTED, reconcile
from bpcore.site.examples.worked import RATES
from bpcore.site.pages import worked_tables as tables
from bpcore.site.render.numbers import bound_text, fmt

ROWS = reconcile(worked.record())


def values() -> dict[str, float]:
    """Every named number, from the registry."""
    return REGISTRY.numbers()


TABLES: list[Callable[[], str]] = [
    tables.weights_table,
    tables.samples_table,
    tables.forward_table,
    tables.loss_table,
    tables.output_chain_table,
    tables.hidden_chain_table,
    lambda: tables.update_table("w"),
    lambda: tables.update_table("v"),
    lambda: tables.forward_table("second", "after one update"),
    lambda: tables.loss_table("second", "second.term"),
    tables.threshold_table,
    tables.reconcile_table,
    tables.sweep_table,
    tables.final_table,
    tables.final_weights_table,
    tables.check_table,
    tables.deltas_table,
    tables.symbols_table,
]


def rows(html: str) -> list[list[Tag]]:
    soup = BeautifulSoup(html, "html.parser")
    return [tr.find_all(["th", "td"]) for tr in soup.select("tbody tr")]


def full(cell: Tag) -> float:
    """The unrounded value a cell carries in its title."""
    span = cell.select_one("span.bp-num")
    assert span is not None, cell
    return float(str(span["title"]))


@pytest.mark.parametrize("make", TABLES)
def test_every_number_is_a_named_value_rounded_for_display(make: Callable[[], str]) -> None:
    v = values()
    soup = BeautifulSoup(make(), "html.parser")
    assert soup.caption is not None and soup.caption.get_text()
    for span in soup.select("span.bp-num"):
        name = str(span["data-name"])
        assert float(str(span["title"])) == v[name]
        shown = span.get_text()
        bound = REGISTRY.bound(name)
        if bound is not None:
            # A round-off value shows the bound its page claims, and stays below it.
            assert shown == bound_text(bound) and abs(v[name]) < bound, name
            continue
        # Scientific notation looks the same at any number of decimals that needs it.
        plain = "×" not in shown and "." in shown
        decimals = len(shown.split(".")[1]) if plain else (3 if "×" in shown else 0)
        assert shown == fmt(v[name], decimals), name
    # No decimal escapes as plain text: each is a named value or a quotation
    # (plain integers, such as shapes, are allowed).
    for cell in soup.select("td, th"):
        for part in cell.find_all(string=True):
            if part.parent is not None and part.parent.name not in ("span", "q"):
                assert not re.search(r"\d\.\d", part), cell


def test_forward_table_has_one_row_per_sample_in_order() -> None:
    v = values()
    body = rows(tables.forward_table())
    assert len(body) == 3
    for k, row in enumerate(body, 1):
        assert [full(c) for c in row[1:]] == [
            v[f"forward.{n}({k})"] for n in ("h1", "h2", "s", "y")
        ] + [v[f"t({k})"]]


@pytest.mark.parametrize("layer", ["w", "v"])
def test_update_tables_show_one_gradient_step(layer: str) -> None:
    lr = values()["lr"]
    body = rows(tables.update_table(layer))
    assert len(body) == (2 if layer == "w" else 6)
    for row in body:
        before, grad, after = (full(c) for c in row[1:])
        assert after == pytest.approx(before - lr * grad, abs=1e-15)


def test_chain_tables_mean_of_products_is_the_gradient() -> None:
    for make, last in ((tables.output_chain_table, "w1"), (tables.hidden_chain_table, "v11")):
        body = rows(make())
        products = [full(r[-1]) for r in body[:-1]]
        for r in body[:-1]:
            factors = [full(c) for c in r[1:-1]]
            product = 1.0
            for f in factors:
                product *= f
            assert full(r[-1]) == pytest.approx(product, rel=1e-12)
        assert full(body[-1][-1]) == pytest.approx(sum(products) / 3, rel=1e-12)
        assert body[-1][-1].span["data-name"] == f"grad.exact.{last}"  # type: ignore[index]


def test_reconcile_table_asks_both_questions_of_each_printed_figure() -> None:
    body = rows(tables.reconcile_table())
    assert len(body) == len(ROWS)
    for r, row in zip(ROWS, body, strict=True):
        assert row[0].math is not None, r.name  # labels typeset as math
        assert row[1].q is not None and row[1].q.get_text() == QUOTED[r.name]
        # The quoted figure only in the "printed" column.
        assert all(cell.q is None for cell in row[2:]), r.name
        assert row[3].get_text() == r.verdict
        assert row[-1].get_text() == {True: "yes", False: "no", None: ""}[r.recipe_is_exact]
    gradient = body[[r.name for r in ROWS].index("dE/dw1")]
    assert gradient[3].get_text() == "reproduces" and gradient[-1].get_text() == "no"


def test_the_reconciliation_counts_add_up() -> None:
    v = values()
    kinds = ("reproduces", "slip", "not reproducible", "typo")
    assert (
        sum(v[f"reconcile.count.{k}"] for k in kinds) == v["reconcile.count.figures"] == len(ROWS)
    )
    assert v["reconcile.count.recipe differs"] == sum(r.recipe_is_exact is False for r in ROWS)
    assert v["reconcile.count.recipe differs"] >= 9


def test_sweep_table_has_each_rate_and_the_per_sample_run() -> None:
    body = rows(tables.sweep_table())
    assert [r[0].get_text() for r in body] == ["batch"] * len(RATES) + ["per sample"]
    assert [full(r[1]) for r in body[:-1]] == list(RATES)
    epochs = [full(r[-1]) for r in body[:-1]]
    assert epochs == sorted(epochs, reverse=True)  # a larger rate reaches the threshold sooner here


def test_check_table_agrees_to_rounding() -> None:
    body = rows(tables.check_table())
    assert len(body) == 8
    for row in body:
        exact, numeric, diff, rel = (full(c) for c in row[1:])
        assert diff == pytest.approx(abs(exact - numeric), rel=1e-12)
        assert rel < 1e-7


def test_final_table_fits_the_targets() -> None:
    for row in rows(tables.final_table()):
        s, logit_t, y, t = (full(c) for c in row[1:])
        assert s == pytest.approx(logit_t, abs=1e-6)
        assert y == pytest.approx(t, abs=1e-6)


def test_symbols_table_shapes_come_from_the_example() -> None:
    text = BeautifulSoup(tables.symbols_table(), "html.parser").get_text()
    assert "3 × 2" in text and "2 × 1" in text and "3 × 3" in text
