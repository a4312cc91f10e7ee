"""The XOR example: identity hidden units stall on a straight line, sigmoid and tanh fit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup

import bpcore
from bpcore.site.examples import xor

NONLINEAR = [h for h in xor.HIDDEN_ACTIVATIONS if h != "identity"]


def outputs(net: bpcore.Network, x: np.ndarray) -> np.ndarray:
    return bpcore.forward(net, x).output[:, 0]


@pytest.mark.parametrize("hidden", NONLINEAR)
def test_nonlinear_hidden_units_fit_every_point_with_a_clear_margin(hidden: str) -> None:
    ex = xor.example(hidden)
    y = outputs(xor.record().runs[hidden].final, ex.X)
    t = ex.T[:, 0]
    assert np.all(y[t == 1] > xor.THRESHOLD + 0.3), y
    assert np.all(y[t == 0] < xor.THRESHOLD - 0.3), y
    assert xor.values()[f"xor.{hidden}.correct"] == len(xor.POINTS)


@pytest.mark.parametrize("factor", [2 / 3, 4 / 3])
def test_the_tanh_fit_does_not_hang_on_the_chosen_learning_rate(factor: float) -> None:
    ex = xor.example("tanh")
    h = bpcore.train(ex.net, ex.X, ex.T, ex.lr * factor, epochs=xor.EPOCHS)
    assert xor.margin(bpcore.forward(h.final, ex.X).output, ex.T) > 0.4


def test_identity_hidden_units_stall_just_above_one_wrong_point() -> None:
    losses = xor.record().runs["identity"].losses
    floor = xor.values()["xor.one_wrong.loss"]
    assert floor == pytest.approx(0.125)
    assert np.all(losses > floor)
    # Stalled: the second half of training gains under a hundredth of what the first half did.
    half = len(losses) // 2
    assert losses[half] - losses[-1] < 1e-2 * (losses[0] - losses[half])
    assert losses[-1] - floor < 1e-4


def test_identity_hidden_units_get_three_points_right_and_one_wrong() -> None:
    ex = xor.example("identity")
    y = outputs(xor.record().runs["identity"].final, ex.X)
    right = (y > xor.THRESHOLD) == (ex.T[:, 0] == 1)
    assert right.sum() == 3
    assert xor.values()["xor.identity.correct"] == 3
    assert xor.values()["xor.identity.margin"] < -0.4


def test_identity_network_is_one_affine_map_so_its_boundary_is_a_line() -> None:
    net = xor.record().runs["identity"].final
    w, b = xor.collapse(net)
    plane = np.random.default_rng(0).uniform(-2, 2, size=(200, 2))
    s = bpcore.forward(net, plane).pre[1]
    np.testing.assert_allclose(s, plane @ w + b, rtol=1e-12, atol=1e-12)
    # The output is above the threshold exactly on one side of the line s = 0.
    above = outputs(net, plane) > xor.THRESHOLD
    assert np.array_equal(above, (plane @ w + b)[:, 0] > 0)


def test_collapse_refuses_a_network_with_a_nonlinear_hidden_layer() -> None:
    with pytest.raises(bpcore.BpError, match="identity hidden units"):
        xor.collapse(xor.example("tanh").net)


def test_every_run_starts_from_the_same_seeded_weights() -> None:
    nets = [xor.example(h).net for h in xor.HIDDEN_ACTIVATIONS]
    for net in nets[1:]:
        for a, b in zip(net.weights + net.biases, nets[0].weights + nets[0].biases, strict=True):
            assert a is not None and b is not None
            np.testing.assert_array_equal(a, b)
    rng = np.random.default_rng(xor.SEED)
    np.testing.assert_array_equal(nets[0].weights[0], rng.standard_normal((2, xor.HIDDEN_UNITS)))


@pytest.mark.parametrize("hidden", xor.HIDDEN_ACTIVATIONS)
def test_backpropagation_agrees_with_central_differences(hidden: str) -> None:
    assert xor.values()[f"xor.{hidden}.check.rel_error.max"] < 1e-6


def test_values_are_all_named_with_the_xor_prefix_and_finite() -> None:
    v = xor.values()
    assert all(name.startswith("xor.") for name in v)
    assert all(np.isfinite(x) for x in v.values())
    # Computed independently of the record, from the public API.
    ex = xor.example("tanh")
    fresh = bpcore.train(ex.net, ex.X, ex.T, ex.lr, epochs=xor.EPOCHS)
    assert v["xor.tanh.E[1000]"] == fresh.losses[1000]


def page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "xor" / "index.html").read_text(encoding="utf-8"), "html.parser")


REQUIRED = [
    *(f"xor.init.{n}" for n in bpcore.parameter_names(xor.example("tanh").net)),
    *(f"xor.{h}.E[{e}]" for h in xor.HIDDEN_ACTIVATIONS for e in xor.SAMPLED_EPOCHS),
    *(f"xor.{h}.y({k})" for h in xor.HIDDEN_ACTIVATIONS for k in range(1, 5)),
    *(f"xor.check.rel_error.{n}" for n in bpcore.parameter_names(xor.example("tanh").net)),
    "xor.identity.correct",
    "xor.tanh.margin",
    "xor.collapse.w1",
    "xor.one_wrong.loss",
]


def test_xor_page_shows_its_tables_values_and_charts(site: Path) -> None:
    soup = page(site)
    shown = {str(s["data-name"]) for s in soup.select("span.bp-num[data-name]")}
    assert not [name for name in REQUIRED if name not in shown]
    captions = [c.get_text() for c in soup.select("div.bp-table caption")]
    assert "The XOR loss during training" in captions
    assert "The XOR outputs after training" in captions
    charts = soup.select("figure.bp-figure svg[role=img]")
    assert [str(c["aria-labelledby"]).split()[0] for c in charts] == [
        "xor-loss-title",
        "xor-boundary-title",
    ]
    # One titled panel per hidden activation in the decision-boundary chart (real SVG text).
    texts = [t.get_text() for t in charts[1].select("text")]
    assert all(f"{h} hidden units" in texts for h in xor.HIDDEN_ACTIVATIONS), texts


def test_xor_page_links_to_the_functions_it_uses(site: Path) -> None:
    hrefs = {str(a["href"]) for a in page(site).select("a[href]")}
    assert "../api/gradcheck/#bpcore.gradient_check" in hrefs
    assert "../api/xor/#bpcore.site.examples.xor.collapse" in hrefs
