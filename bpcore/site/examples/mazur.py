"""Mazur's walkthrough: a 2-2-2 network, one sample, one step, and his printed figures reconciled.

Matt Mazur's "A Step by Step Backpropagation Example" (2015) computes one
gradient-descent step by hand on a 2-2-2 network with sigmoid hidden and
output units, one sample, the error summed over the two outputs, his
learning rate, every bias held fixed and all eight weights updated together
from the old weights; then it reports the loss after a long run of such steps.

This module types his inputs once (the module constants), computes everything
the page shows once in [`record`][bpcore.site.examples.mazur.record], and names
each number in [`values`][bpcore.site.examples.mazur.values] with the prefix
``mazur.``. ``QUOTED`` holds his printed figures as he prints them (the only
numbers here that bpcore does not compute), and
[`reconcile`][bpcore.site.examples.mazur.reconcile] puts each beside what
bpcore computes, with a verdict.

Weights are named as he names them: ``w1``..``w4`` from the inputs to the
hidden units, ``w5``..``w8`` from the hidden units to the outputs (see
``PLACES``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from bpcore import (
    Gradients,
    History,
    Network,
    Trace,
    forward,
    gradients,
    loss,
    network,
    step,
    train,
)
from bpcore.activations import Array, activation
from bpcore.site.examples.article import decimals, reproduces
from bpcore.site.examples.data import Example

INPUTS = [0.05, 0.10]
"""The one sample: ``i1``, ``i2``."""
TARGETS = [0.01, 0.99]
"""Its targets for ``o1``, ``o2``."""
WEIGHTS = {
    "w1": 0.15,
    "w2": 0.20,
    "w3": 0.25,
    "w4": 0.30,
    "w5": 0.40,
    "w6": 0.45,
    "w7": 0.50,
    "w8": 0.55,
}
"""The initial weights, by his names."""
HIDDEN_BIAS = 0.35
"""``b1``, the bias of both hidden units."""
OUTPUT_BIAS = 0.60
"""``b2``, the bias of both output units."""
LEARNING_RATE = 0.5
EPOCHS = 10_000
"""The length of the long run he reports."""
SAMPLED_EPOCHS = (0, 1, 10, 100, 1000, EPOCHS)
"""Steps after which the loss of the long run is named as a value."""

PLACES: dict[str, tuple[int, int, int]] = {
    "w1": (0, 0, 0),
    "w2": (0, 1, 0),
    "w3": (0, 0, 1),
    "w4": (0, 1, 1),
    "w5": (1, 0, 0),
    "w6": (1, 1, 0),
    "w7": (1, 0, 1),
    "w8": (1, 1, 1),
}
"""Where each of his weights sits: ``(layer, from, to)`` in ``net.weights[layer][from, to]``.

``w1`` is i1→h1, ``w2`` i2→h1, ``w3`` i1→h2, ``w4`` i2→h2; ``w5`` h1→o1,
``w6`` h2→o1, ``w7`` h1→o2, ``w8`` h2→o2.
"""
HIDDEN = ("h1", "h2")
OUTPUTS = ("o1", "o2")

QUOTED: dict[str, str] = {
    "mazur/net_h1": "0.3775",
    "mazur/out_h1": "0.593269992",
    "mazur/out_h2": "0.596884378",
    "mazur/net_o1": "1.105905967",
    "mazur/out_o1": "0.75136507",
    "mazur/out_o2": "0.772928465",
    "mazur/E_o1": "0.274811083",
    "mazur/E_o2": "0.023560026",
    "mazur/E_total": "0.298371109",
    "mazur/dE_dout_o1": "0.74136507",
    "mazur/dout_o1_dnet_o1": "0.186815602",
    "mazur/dE_dw5": "0.082167041",
    "mazur/w5 new": "0.35891648",
    "mazur/w6 new": "0.408666186",
    "mazur/w7 new": "0.511301270",
    "mazur/w8 new": "0.561370121",
    "mazur/dE_dout_h1": "0.036350306",
    "mazur/dout_h1_dnet_h1": "0.241300709",
    "mazur/dE_dw1": "0.000438568",
    "mazur/w1 new": "0.149780716",
    "mazur/w2 new": "0.19956143",
    "mazur/w3 new": "0.24975114",
    "mazur/w4 new": "0.29950229",
    "mazur/E after one step": "0.291027924",
    "mazur/E after 10000 steps": "0.0000351085",
    "mazur/out_o1 after 10000 steps": "0.015912196",
    "mazur/out_o2 after 10000 steps": "0.984065734",
}
"""Mazur's printed figures, verbatim (quoted, not computed), by key."""


def example() -> Example:
    """Mazur's 2-2-2 network, his sample, its targets and his learning rate, freshly built.

    Examples:
        >>> ex = example()
        >>> ex.net.sizes, ex.net.activations, ex.X.tolist(), ex.lr
        ((2, 2, 2), ('sigmoid', 'sigmoid'), [[0.05, 0.1]], 0.5)
    """
    weights = [np.zeros((2, 2)), np.zeros((2, 2))]
    for name, (layer, i, j) in PLACES.items():
        weights[layer][i, j] = WEIGHTS[name]
    biases = [[HIDDEN_BIAS] * 2, [OUTPUT_BIAS] * 2]
    net = network(weights, ["sigmoid", "sigmoid"], biases)
    x = np.array([INPUTS])
    t = np.array([TARGETS])
    x.flags.writeable = False
    t.flags.writeable = False
    return Example(net, x, t, LEARNING_RATE)


@dataclass(frozen=True)
class Chain:
    """The chain-rule factors of his walkthrough, for the one sample.

    Attributes:
        dE_dout_o: ``out_o - target`` per output, shape ``(2,)``.
        dout_dnet_o: ``out_o (1 - out_o)`` per output.
        delta_o: Their product, ``dE/dnet_o``.
        dEo_dout_h: ``delta_o * w`` from hidden unit ``h`` to output ``o``,
            shape ``(2 outputs, 2 hidden)``: each output's share of ``dE/dout_h``.
        dE_dout_h: Their sum over the outputs, per hidden unit.
        dout_dnet_h: ``out_h (1 - out_h)`` per hidden unit.
        delta_h: ``dE/dnet_h``, the product of the last two.
    """

    dE_dout_o: Array
    dout_dnet_o: Array
    delta_o: Array
    dEo_dout_h: Array
    dE_dout_h: Array
    dout_dnet_h: Array
    delta_h: Array


def chain(net: Network, tr: Trace, t: Array) -> Chain:
    """The factors of the chain rule for a one-sample, one-hidden-layer network.

    Examples:
        >>> ex = example()
        >>> c = chain(ex.net, forward(ex.net, ex.X), ex.T)
        >>> c.dE_dout_o.round(8).tolist(), round(float(c.dout_dnet_h[0]), 9)
        ([0.74136507, -0.21707153], 0.241300709)
    """
    out_f, hidden_f = (activation(name) for name in reversed(net.activations))
    dE_dout_o = (tr.output - t)[0]
    dout_dnet_o = out_f.slope(tr.pre[1], tr.post[1])[0]
    delta_o = dE_dout_o * dout_dnet_o
    w = net.weights[1]
    dEo_dout_h = delta_o[:, None] * w.T
    dE_dout_h = dEo_dout_h.sum(axis=0)
    dout_dnet_h = hidden_f.slope(tr.pre[0], tr.post[0])[0]
    return Chain(
        dE_dout_o, dout_dnet_o, delta_o, dEo_dout_h, dE_dout_h, dout_dnet_h, dE_dout_h * dout_dnet_h
    )


def in_order_step(net: Network, X: Array, T: Array, lr: float) -> Network:
    """One step in which the hidden layer's gradients use the output weights already updated.

    First ``w5``..``w8`` move by their gradients; then the deltas of the hidden
    units are formed through the new ``w5``..``w8`` (not the ones the forward
    pass used), and ``w1``..``w4`` move by those. Biases are held fixed. This is
    not the gradient step: it is what a program that updates one layer in
    place before computing the next layer's deltas does, and the page shows
    it reproduces Mazur's loss after one step.

    Args:
        net: A network with one hidden layer; it is not changed.
        X: Inputs ``(m, n_0)``, already checked.
        T: Targets ``(m, n_2)``, already checked.
        lr: Learning rate.

    Returns:
        A new network with the same biases.

    Examples:
        >>> ex = example()
        >>> new = in_order_step(ex.net, ex.X, ex.T, ex.lr)
        >>> round(float(new.weights[1][0, 0]), 8), round(float(new.weights[0][0, 0]), 9)
        (0.35891648, 0.149817639)
    """
    g = gradients(net, X, T)
    w_out = net.weights[1] - lr * g.weights[1]
    tr = g.trace
    slope = activation(net.activations[0]).slope(tr.pre[0], tr.post[0])
    delta_h = (g.deltas[1] @ w_out.T) * slope
    w_hidden = net.weights[0] - lr * tr.inputs.T @ delta_h
    return net.replace([w_hidden, w_out], list(net.biases))


def in_order_run(net: Network, X: Array, T: Array, lr: float, epochs: int) -> History:
    """``epochs`` steps of [`in_order_step`][bpcore.site.examples.mazur.in_order_step].

    Examples:
        >>> ex = example()
        >>> h = in_order_run(ex.net, ex.X, ex.T, ex.lr, 2)
        >>> h.epochs, round(float(h.losses[1]), 9)
        (2, 0.291027924)
    """
    nets = [net]
    for _ in range(epochs):
        nets.append(in_order_step(nets[-1], X, T, lr))
    return History(np.array([loss(n, X, T) for n in nets]), tuple(nets), "epochs")


@dataclass(frozen=True)
class MazurRecord:
    """Everything the Mazur page shows, computed once.

    Attributes:
        example: His network, sample, targets and learning rate.
        trace: The forward pass.
        terms: ``1/2 (target - out)^2`` per output, shape ``(2,)``.
        chain: The chain-rule factors.
        gradients: The exact gradients, by backpropagation.
        stepped: The network after one step with the biases held fixed, his method.
        run: ``EPOCHS`` steps with the biases held fixed.
        biases_too: One step in which the biases move as well.
        biases_too_run: ``EPOCHS`` such steps.
        in_order: One [`in_order_step`][bpcore.site.examples.mazur.in_order_step].
        in_order_run: ``EPOCHS`` such steps.
        printed_weights_loss: The loss of the network with the updated weights
            as he prints them (and his biases).
        printed_outputs_loss: ``E_total`` of the outputs he prints after the long run.
    """

    example: Example
    trace: Trace
    terms: Array
    chain: Chain
    gradients: Gradients
    stepped: Network
    run: History
    biases_too: Network
    biases_too_run: History
    in_order: Network
    in_order_run: History
    printed_weights_loss: float
    printed_outputs_loss: float

    @property
    def loss(self) -> float:
        """``E_total`` before the step."""
        return loss(self.example.net, self.example.X, self.example.T)

    @property
    def loss_after(self) -> float:
        """``E_total`` after his one step."""
        return float(self.run.losses[1])


@cache
def record() -> MazurRecord:
    """Compute Mazur's example once per process (treat it as read-only).

    Examples:
        >>> rec = record()
        >>> round(rec.loss, 9), rec.run.epochs
        (0.298371109, 10000)
    """
    ex = example()
    net, x, t, lr = ex.net, ex.X, ex.T, ex.lr
    tr = forward(net, x)
    printed = [np.zeros((2, 2)), np.zeros((2, 2))]
    for name, (layer, i, j) in PLACES.items():
        printed[layer][i, j] = float(QUOTED[f"mazur/{name} new"])
    y_printed = np.array([[float(QUOTED[f"mazur/out_{o} after {EPOCHS} steps"]) for o in OUTPUTS]])
    return MazurRecord(
        example=ex,
        trace=tr,
        terms=0.5 * (t - tr.output)[0] ** 2,
        chain=chain(net, tr, t),
        gradients=gradients(net, x, t),
        stepped=step(net, x, t, lr, fixed_biases=True),
        run=train(net, x, t, lr, epochs=EPOCHS, fixed_biases=True),
        biases_too=step(net, x, t, lr),
        biases_too_run=train(net, x, t, lr, epochs=EPOCHS),
        in_order=in_order_step(net, x, t, lr),
        in_order_run=in_order_run(net, x, t, lr, EPOCHS),
        printed_weights_loss=loss(net.replace(printed, list(net.biases)), x, t),
        printed_outputs_loss=float(0.5 * ((t - y_printed) ** 2).sum()),
    )


def weight(weights: Sequence[Array], name: str) -> float:
    """His weight ``name`` (``"w1"``..``"w8"``) among ``weights``, one matrix per layer.

    Examples:
        >>> weight(example().net.weights, "w7")
        0.5
    """
    layer, i, j = PLACES[name]
    return float(weights[layer][i, j])


def outputs(net: Network) -> Array:
    """The outputs ``out_o1``, ``out_o2`` of ``net`` on his sample."""
    return np.asarray(forward(net, example().X).output[0])


@dataclass(frozen=True)
class Row:
    """One printed figure beside what bpcore computes for it.

    Attributes:
        key: The quotation's key in ``QUOTED``.
        name: The name of the value bpcore computes for it, his method as he states it.
        printed: His figure, verbatim.
        verdict: ``reproduces`` (his stated method gives it at his printed
            precision), ``other order`` (it does not, but the step of
            [`in_order_step`][bpcore.site.examples.mazur.in_order_step] does),
            or ``does not reproduce``.
        alternative: The name of the value of that other computation, if any.

    Examples:
        >>> row = reconcile()[0]
        >>> row.key, row.printed, row.verdict
        ('mazur/net_h1', '0.3775', 'reproduces')
    """

    key: str
    name: str
    printed: str
    verdict: str
    alternative: str | None


FIGURES: dict[str, tuple[str, str | None]] = {
    "mazur/net_h1": ("mazur.net_h1", None),
    "mazur/out_h1": ("mazur.out_h1", None),
    "mazur/out_h2": ("mazur.out_h2", None),
    "mazur/net_o1": ("mazur.net_o1", None),
    "mazur/out_o1": ("mazur.out_o1", None),
    "mazur/out_o2": ("mazur.out_o2", None),
    "mazur/E_o1": ("mazur.E_o1", None),
    "mazur/E_o2": ("mazur.E_o2", None),
    "mazur/E_total": ("mazur.E_total", None),
    "mazur/dE_dout_o1": ("mazur.dE_dout_o1", None),
    "mazur/dout_o1_dnet_o1": ("mazur.dout_dnet_o1", None),
    "mazur/dE_dw5": ("mazur.grad.w5", None),
    **{f"mazur/w{k} new": (f"mazur.new.w{k}", None) for k in (5, 6, 7, 8)},
    "mazur/dE_dout_h1": ("mazur.dE_dout_h1", None),
    "mazur/dout_h1_dnet_h1": ("mazur.dout_dnet_h1", None),
    "mazur/dE_dw1": ("mazur.grad.w1", None),
    **{f"mazur/w{k} new": (f"mazur.new.w{k}", f"mazur.in_order.new.w{k}") for k in (1, 2, 3, 4)},
    "mazur/E after one step": ("mazur.E_after", "mazur.in_order.E_after"),
    f"mazur/E after {EPOCHS} steps": (
        f"mazur.run.E[{EPOCHS}]",
        f"mazur.in_order.E[{EPOCHS}]",
    ),
    **{
        f"mazur/out_{o} after {EPOCHS} steps": (f"mazur.run.out_{o}", f"mazur.in_order.out_{o}")
        for o in OUTPUTS
    },
}
"""Each printed figure: the value bpcore computes by his stated method, and in the other order."""


def reconcile() -> list[Row]:
    """Every figure Mazur prints, what bpcore computes for it, and a verdict.

    A figure reproduces when bpcore's value, rounded to as many decimals as
    he prints, equals it.

    Examples:
        >>> rows = {r.key: r for r in reconcile()}
        >>> rows["mazur/E_total"].verdict, rows["mazur/E after one step"].verdict
        ('reproduces', 'other order')
    """
    v = values()
    rows = []
    for key, (name, alternative) in FIGURES.items():
        printed = QUOTED[key]
        if reproduces(printed, v[name]):
            verdict = "reproduces"
        elif alternative is not None and reproduces(printed, v[alternative]):
            verdict = "other order"
        else:
            verdict = "does not reproduce"
        rows.append(Row(key, name, printed, verdict, alternative))
    return rows


def verdicts() -> dict[str, str]:
    """Each printed figure, verbatim, and its verdict: the text of the reconciliation table.

    Examples:
        >>> verdicts()["mazur.verdict.mazur/E_o1"]
        'reproduces'
    """
    out: dict[str, str] = {}
    for row in reconcile():
        out[f"mazur.printed.{row.key}"] = row.printed
        out[f"mazur.verdict.{row.key}"] = row.verdict
    return out


def printed_digits(key: str) -> int:
    """How many decimals Mazur prints for the figure ``key``."""
    return decimals(QUOTED[key])


@cache
def values() -> dict[str, float]:
    """Every number of Mazur's example that the site shows, by name (``mazur.``...).

    Returns:
        A new dict from name to unrounded float64 value (cached: treat it as read-only).

    Examples:
        >>> v = values()
        >>> round(v["mazur.E_total"], 9), round(v["mazur.grad.w5"], 9)
        (0.298371109, 0.082167041)
    """
    rec = record()
    ex = rec.example
    net, tr, c = ex.net, rec.trace, rec.chain
    out: dict[str, float] = {
        "mazur.i1": ex.X[0, 0],
        "mazur.i2": ex.X[0, 1],
        "mazur.b1": HIDDEN_BIAS,
        "mazur.b2": OUTPUT_BIAS,
        "mazur.lr": ex.lr,
        "mazur.epochs": EPOCHS,
        "mazur.early.epochs": EPOCHS - 1,
        "mazur.m": ex.X.shape[0],
    }
    for k, o in enumerate(OUTPUTS):
        out[f"mazur.target_{o}"] = ex.T[0, k]
    for name in PLACES:
        out[f"mazur.init.{name}"] = weight(net.weights, name)
        out[f"mazur.grad.{name}"] = weight(rec.gradients.weights, name)
        out[f"mazur.new.{name}"] = weight(rec.stepped.weights, name)
        out[f"mazur.in_order.new.{name}"] = weight(rec.in_order.weights, name)

    for k, h in enumerate(HIDDEN):
        out[f"mazur.net_{h}"] = tr.pre[0][0, k]
        out[f"mazur.out_{h}"] = tr.post[0][0, k]
        out[f"mazur.dE_dout_{h}"] = c.dE_dout_h[k]
        out[f"mazur.dout_dnet_{h}"] = c.dout_dnet_h[k]
        out[f"mazur.delta_{h}"] = c.delta_h[k]
        for n, o in enumerate(OUTPUTS):
            out[f"mazur.dE{o}_dout_{h}"] = c.dEo_dout_h[n, k]
    for k, o in enumerate(OUTPUTS):
        out[f"mazur.net_{o}"] = tr.pre[1][0, k]
        out[f"mazur.out_{o}"] = tr.output[0, k]
        out[f"mazur.E_{o}"] = rec.terms[k]
        out[f"mazur.dE_dout_{o}"] = c.dE_dout_o[k]
        out[f"mazur.dout_dnet_{o}"] = c.dout_dnet_o[k]
        out[f"mazur.delta_{o}"] = c.delta_o[k]
    out["mazur.E_total"] = rec.terms.sum()
    out["mazur.loss"] = rec.loss
    out["mazur.E_after"] = rec.loss_after

    for e in (*SAMPLED_EPOCHS, EPOCHS - 1):
        out[f"mazur.run.E[{e}]"] = rec.run.losses[e]
    out[f"mazur.in_order.E[{EPOCHS}]"] = rec.in_order_run.losses[EPOCHS]
    out["mazur.in_order.E_after"] = rec.in_order_run.losses[1]
    out["mazur.biases_too.E_after"] = loss(rec.biases_too, ex.X, ex.T)
    out[f"mazur.biases_too.E[{EPOCHS}]"] = rec.biases_too_run.losses[EPOCHS]
    for prefix, final in (
        ("mazur.run", rec.run.final),
        ("mazur.in_order", rec.in_order_run.final),
        ("mazur.biases_too", rec.biases_too_run.final),
        (f"mazur.run[{EPOCHS - 1}]", rec.run.networks[EPOCHS - 1]),
    ):
        for k, y in enumerate(outputs(final)):
            out[f"{prefix}.out_{OUTPUTS[k]}"] = y
    out["mazur.printed_weights.E_after"] = rec.printed_weights_loss
    out[f"mazur.printed_outputs.E[{EPOCHS}]"] = rec.printed_outputs_loss
    for k, e in enumerate(SAMPLED_EPOCHS, 1):
        out[f"mazur.sampled({k})"] = e
    return {k: float(v) for k, v in out.items()}
