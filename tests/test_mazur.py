"""Mazur's 2-2-2 walkthrough: the engine's fixed biases, his figures reconciled, and the page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

import bpcore
from bpcore.site import golden
from bpcore.site.examples import REGISTRY, mazur
from bpcore.site.examples.article import reproduces
from bpcore.training import Mode

NET = bpcore.network(
    [[[0.15, 0.25], [0.2, 0.3]], [[0.4, 0.5], [0.45, 0.55]]],
    ["sigmoid", "sigmoid"],
    [[0.35, 0.35], [0.6, 0.6]],
)
X, T = [[0.05, 0.1], [0.5, -0.2]], [[0.01, 0.99], [0.7, 0.2]]


@pytest.mark.parametrize("mode", ["batch", "sample"])
def test_fixed_biases_stay_bit_identical_while_the_weights_move(mode: Mode) -> None:
    new = bpcore.step(NET, X, T, lr=0.5, fixed_biases=True)
    h = bpcore.train(NET, X, T, lr=0.5, epochs=20, mode=mode, fixed_biases=True)
    for net in (new, h.final):
        for b, b0 in zip(net.biases, NET.biases, strict=True):
            assert b is not None and b0 is not None
            assert b.tobytes() == b0.tobytes()
        for w, w0 in zip(net.weights, NET.weights, strict=True):
            assert np.all(w != w0)
    assert h.losses[-1] < h.losses[0]


def test_fixed_biases_leave_the_weights_update_and_the_gradients_unchanged() -> None:
    g = bpcore.gradients(NET, X, T)
    held = bpcore.step(NET, X, T, lr=0.5, fixed_biases=True)
    moved = bpcore.step(NET, X, T, lr=0.5)
    for w, w_held, w_moved, gw in zip(
        NET.weights, held.weights, moved.weights, g.weights, strict=True
    ):
        assert w_held.tobytes() == w_moved.tobytes()
        np.testing.assert_array_equal(w_held, w - 0.5 * gw)
    # The gradients at the held network are those of a network built by hand the same way.
    by_hand = NET.replace(list(held.weights), list(NET.biases))
    for a, b in zip(
        bpcore.gradients(held, X, T).weights, bpcore.gradients(by_hand, X, T).weights, strict=True
    ):
        np.testing.assert_array_equal(a, b)
    # Without the option the biases move.
    b_moved, b0 = moved.biases[1], NET.biases[1]
    assert b_moved is not None and b0 is not None
    assert not np.array_equal(b_moved, b0)


def test_fixed_biases_train_equals_stepping_by_hand() -> None:
    h = bpcore.train(NET, X, T, lr=0.5, epochs=5, fixed_biases=True)
    net = NET
    for _ in range(5):
        net = bpcore.step(net, X, T, lr=0.5, fixed_biases=True)
    for a, b in zip(h.final.weights, net.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    assert h.losses[-1] == bpcore.loss(net, X, T)


# His walkthrough, reconciled: what the page claims.

LATE = {
    "mazur/E after one step": "other order",
    "mazur/E after 10000 steps": "does not reproduce",
    "mazur/out_o1 after 10000 steps": "other order",
    "mazur/out_o2 after 10000 steps": "other order",
}


def test_every_figure_of_the_step_reproduces_and_only_the_late_ones_do_not() -> None:
    verdicts = {row.key: row.verdict for row in mazur.reconcile()}
    assert set(verdicts) == set(mazur.QUOTED)
    assert {k: v for k, v in verdicts.items() if v != "reproduces"} == LATE


def test_his_stated_method_misses_his_loss_after_one_step_and_his_own_weights_agree() -> None:
    v = mazur.values()
    printed = mazur.QUOTED["mazur/E after one step"]
    assert not reproduces(printed, v["mazur.E_after"])
    # His own printed weights give the stated method's loss, not his printed one.
    assert round(v["mazur.printed_weights.E_after"], 9) == round(v["mazur.E_after"], 9)
    assert not reproduces(printed, v["mazur.biases_too.E_after"])
    # The other order reproduces it, but not his hand-worked w1 (the old weights do).
    assert reproduces(printed, v["mazur.in_order.E_after"])
    assert not reproduces(mazur.QUOTED["mazur/w1 new"], v["mazur.in_order.new.w1"])
    assert reproduces(mazur.QUOTED["mazur/w1 new"], v["mazur.new.w1"])


def test_his_long_run_outputs_are_the_other_order_and_his_loss_matches_neither() -> None:
    v = mazur.values()
    for o in mazur.OUTPUTS:
        printed = mazur.QUOTED[f"mazur/out_{o} after 10000 steps"]
        assert reproduces(printed, v[f"mazur.in_order.out_{o}"])
        for run in ("mazur.run", "mazur.biases_too", "mazur.run[9999]"):
            assert not reproduces(printed, v[f"{run}.out_{o}"])
    printed = mazur.QUOTED["mazur/E after 10000 steps"]
    for name in ("mazur.run.E[10000]", "mazur.in_order.E[10000]", "mazur.biases_too.E[10000]"):
        assert not reproduces(printed, v[name]), name
    # His loss disagrees with his own outputs; the other order's is that figure to 9 decimals,
    # and reads like his printed one with one digit too many.
    assert round(v["mazur.printed_outputs.E[10000]"], 10) == round(v["mazur.in_order.E[10000]"], 10)
    nine = f"{v['mazur.in_order.E[10000]']:.9f}"
    assert nine in [printed[:k] + printed[k + 1 :] for k in range(len(printed))]
    # The coincidence the page names: the stated method, one step short.
    assert reproduces(printed, v["mazur.run.E[9999]"])


def test_the_records_runs_are_what_the_engine_and_the_other_order_give() -> None:
    rec = mazur.record()
    ex = rec.example
    assert rec.loss == pytest.approx(rec.terms.sum(), rel=1e-15)  # bpcore's loss is his E_total
    assert rec.run.losses[1] == bpcore.loss(rec.stepped, ex.X, ex.T)
    for b, b0 in zip(rec.run.final.biases, ex.net.biases, strict=True):
        assert b is not None and b0 is not None
        np.testing.assert_array_equal(b, b0)
    # The other order's output layer is the gradient step's; only w1..w4 differ.
    np.testing.assert_array_equal(rec.in_order.weights[1], rec.stepped.weights[1])
    assert np.all(rec.in_order.weights[0] != rec.stepped.weights[0])
    # The chain-rule products are the backpropagated gradients.
    g = rec.gradients.weights
    np.testing.assert_allclose(g[1], np.outer(rec.trace.post[0][0], rec.chain.delta_o), rtol=1e-14)
    np.testing.assert_allclose(g[0], np.outer(ex.X[0], rec.chain.delta_h), rtol=1e-14)


def test_values_are_named_with_the_prefix_and_quotes_do_not_clash() -> None:
    v = mazur.values()
    assert all(name.startswith("mazur.") for name in v)
    assert all(np.isfinite(x) for x in v.values())
    assert all(key.startswith("mazur/") for key in mazur.QUOTED)
    assert set(mazur.QUOTED) <= set(REGISTRY.quotes)


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Mazur's record and values computed again, before and after the test."""
    mazur.record.cache_clear()
    mazur.values.cache_clear()
    yield
    mazur.record.cache_clear()
    mazur.values.cache_clear()


@pytest.mark.parametrize(
    ("constant", "changed", "name"),
    [
        ("INPUTS", [0.051, 0.10], "mazur.i1"),
        ("WEIGHTS", {**mazur.WEIGHTS, "w5": 0.401}, "mazur.init.w5"),
        ("OUTPUT_BIAS", 0.601, "mazur.b2"),
    ],
)
def test_a_changed_input_moves_the_golden_values(
    fresh_caches: None, monkeypatch: pytest.MonkeyPatch, constant: str, changed: object, name: str
) -> None:
    old = golden.load(golden.FILE)["mazur"]
    assert golden.diff({"mazur": old}, {"mazur": {**mazur.values(), **mazur.verdicts()}}) == []
    mazur.record.cache_clear()
    mazur.values.cache_clear()
    monkeypatch.setattr(mazur, constant, changed)
    lines = golden.diff({"mazur": old}, {"mazur": {**mazur.values(), **mazur.verdicts()}})
    assert any(line.startswith(f"changed mazur:{name} ") for line in lines), lines
    assert any(line.startswith("changed mazur:mazur.E_after ") for line in lines), lines


def page(site: Path) -> BeautifulSoup:
    """Mazur's two pages, the walkthrough and the reconciliation, as one document."""
    html = "".join(
        (site / name / "index.html").read_text(encoding="utf-8")
        for name in ("mazur", "mazur-reconciled")
    )
    return BeautifulSoup(html, "html.parser")


REQUIRED = [
    *(f"mazur.{p}_{u}" for p in ("net", "out") for u in (*mazur.HIDDEN, *mazur.OUTPUTS)),
    "mazur.E_o1",
    "mazur.E_o2",
    "mazur.E_total",
    "mazur.loss",
    *(f"mazur.grad.{w}" for w in mazur.PLACES),
    *(f"mazur.new.{w}" for w in mazur.PLACES),
    "mazur.E_after",
    "mazur.in_order.E_after",
    "mazur.printed_weights.E_after",
    "mazur.printed_outputs.E[10000]",
    "mazur.run.E[10000]",
    "mazur.run.E[9999]",
    "mazur.in_order.E[10000]",
    "mazur.in_order.out_o1",
    "mazur.in_order.out_o2",
]


def test_mazur_page_shows_its_values_quotes_tables_and_chart(site: Path) -> None:
    soup = page(site)
    shown = {str(s["data-name"]) for s in soup.select("span.bp-num[data-name]")}
    assert not [name for name in REQUIRED if name not in shown]
    quoted = {str(q["data-quoted"]) for q in soup.select("q.bp-quoted[data-quoted]")}
    assert quoted == set(mazur.QUOTED)
    captions = [c.get_text() for c in soup.select("div.bp-table caption")]
    for caption in (
        "The forward pass of Mazur's network",
        "The output layer's gradients, factor by factor",
        "The hidden layer's gradients, factor by factor",
        "Every weight after one step, biases held fixed",
        "Mazur's printed figures, reconciled",
        "What each computation gives for his late figures",
    ):
        assert caption in captions, caption
    charts = soup.select("figure.bp-figure svg[role=img]")
    assert [str(c["aria-labelledby"]).split()[0] for c in charts] == ["mazur-loss-title"]
    # His figures are compared at his precision: E after one step to 9 decimals.
    after = soup.select('span.bp-num[data-name="mazur.E_after"]')
    assert after and all(s.get_text() == f"{mazur.values()['mazur.E_after']:.9f}" for s in after)
    # The reconciliation table: one row per printed figure, with its verdict.
    table = soup.find("div", attrs={"aria-label": "Mazur's printed figures, reconciled"})
    assert table is not None
    rows = table.select("tbody tr")
    assert len(rows) == len(mazur.QUOTED)
    assert sum("other order" in r.get_text() for r in rows) == 3


def test_mazur_page_links_to_the_functions_it_uses(site: Path) -> None:
    hrefs = {str(a["href"]) for a in page(site).select("a[href]")}
    for where in ("training/#bpcore.step", "training/#bpcore.train"):
        assert f"../api/{where}" in hrefs, where
    assert "../api/mazur/#bpcore.site.examples.mazur.in_order_step" in hrefs
