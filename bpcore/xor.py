"""XOR, or why the hidden layer needs an activation: the site's second worked example.

A 2-3-1 network with biases and a sigmoid output learns the four XOR points
by batch gradient descent, three times from the same seeded initial weights:
once with identity hidden units, once with sigmoid and once with tanh hidden
units. With identity hidden units the two layers collapse into one affine map,
so the decision boundary is a straight line and the loss stalls; with a
nonlinear activation the network fits.

Built only from bpcore's public API. Every value the page shows is named in
[`values`][bpcore.xor.values], with names that start with ``xor.``.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from bpcore.charts import INK, SERIES, figure, figure_html, log_losses, loss_axes, render
from bpcore.display import DIGITS, Cell, Ref, table
from bpcore.display import shown as display_shown
from bpcore.display import text as display_text
from bpcore.errors import BpError
from bpcore.example import Example
from bpcore.gradcheck import flatten, gradient_check, parameter_names
from bpcore.gradients import loss_terms
from bpcore.network import Array, Network, forward, network
from bpcore.training import History, train

POINTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
"""The four inputs ``(x1, x2)``."""
TARGETS = [0.0, 1.0, 1.0, 0.0]
"""XOR of each input: 1 when exactly one of ``x1``, ``x2`` is 1."""
HIDDEN_UNITS = 3
SEED = 6
"""Seed of ``np.random.default_rng`` for the initial weights (standard normal)."""
LEARNING_RATE = 3.0
EPOCHS = 1000
HIDDEN_ACTIVATIONS = ("identity", "sigmoid", "tanh")
"""The hidden activations compared; the output is always a sigmoid."""
SAMPLED_EPOCHS = (0, 10, 100, 300, 1000)
"""Epochs at which the loss is named as a value."""
CHECKED = "tanh"
"""The run whose gradient check at its initial weights is shown parameter by parameter."""
THRESHOLD = 0.5
"""An output above this is read as class 1, below it as class 0."""
GRID = np.linspace(-0.5, 1.5, 81)
"""Each axis of the grid on which the decision boundary is drawn."""


def example(hidden: str) -> Example:
    """The XOR example with hidden activation ``hidden``, from the seeded initial weights.

    Every hidden activation starts from the same weights and biases, so the
    runs differ in the activation only.

    Args:
        hidden: The hidden layer's activation, such as ``"identity"`` or ``"tanh"``.

    Returns:
        A new [`Example`][bpcore.Example]: the 2-3-1 network, the four points,
        their targets ``(4, 1)`` and the learning rate.

    Raises:
        UnknownActivationError: If ``hidden`` is not an activation bpcore knows.

    Examples:
        >>> ex = example("tanh")
        >>> ex.net.sizes, ex.net.activations, ex.X.shape, ex.T.shape
        ((2, 3, 1), ('tanh', 'sigmoid'), (4, 2), (4, 1))
    """
    rng = np.random.default_rng(SEED)
    weights = [rng.standard_normal((2, HIDDEN_UNITS)), rng.standard_normal((HIDDEN_UNITS, 1))]
    biases = [rng.standard_normal(HIDDEN_UNITS), rng.standard_normal(1)]
    net = network(weights, [hidden, "sigmoid"], biases)
    return Example(net, np.array(POINTS), np.array(TARGETS)[:, None], LEARNING_RATE)


@cache
def run(hidden: str) -> History:
    """Train the XOR example with hidden activation ``hidden`` for ``EPOCHS`` epochs (cached)."""
    ex = example(hidden)
    return train(ex.net, ex.X, ex.T, ex.lr, epochs=EPOCHS)


def collapse(net: Network) -> tuple[Array, Array]:
    """The single affine map a two-layer network with identity hidden units computes.

    With ``h = x @ W1 + b1`` and ``s = h @ W2 + b2``, the output's
    pre-activation is ``s = x @ (W1 @ W2) + (b1 @ W2 + b2)``: one layer.

    Args:
        net: A two-layer network whose hidden activation is ``identity``.

    Returns:
        The weights ``(n_0, n_2)`` and bias ``(n_2,)`` of that one layer.

    Raises:
        BpError: If ``net`` is not two layers with identity hidden units.

    Examples:
        >>> w, b = collapse(example("identity").net)
        >>> w.shape, b.shape
        ((2, 1), (1,))
    """
    if len(net.weights) != 2 or net.activations[0] != "identity":
        raise BpError(
            f"collapse needs two layers with identity hidden units, got {net.activations}"
        )
    w1, w2 = net.weights
    b1, b2 = (
        np.zeros(w.shape[1]) if b is None else b
        for b, w in zip(net.biases, net.weights, strict=True)
    )
    return w1 @ w2, b1 @ w2 + b2


def margin(y: Array, t: Array) -> float:
    """How far the worst point is on the right side of ``THRESHOLD``; negative if wrong.

    Args:
        y: Outputs ``(m, 1)``.
        t: Targets ``(m, 1)`` of 0 or 1.
    """
    return float(np.min(np.where(t == 1, y - THRESHOLD, THRESHOLD - y)))


@cache
def values() -> dict[str, float]:
    """Compute every named value of the XOR example that the site shows.

    Returns:
        A new dict from name (``xor.``...) to unrounded float64 value
        (cached: treat it as read-only).

    Examples:
        >>> v = values()
        >>> v["xor.tanh.margin"] > 0.4, v["xor.identity.margin"] < 0
        (True, True)
    """
    ex = example(HIDDEN_ACTIVATIONS[0])
    out: dict[str, float] = {
        "xor.lr": ex.lr,
        "xor.threshold": THRESHOLD,
        "xor.seed": SEED,
        "xor.epochs": EPOCHS,
        "xor.hidden_units": HIDDEN_UNITS,
    }
    for k in range(ex.X.shape[0]):
        out[f"xor.x1({k + 1})"] = ex.X[k, 0]
        out[f"xor.x2({k + 1})"] = ex.X[k, 1]
        out[f"xor.t({k + 1})"] = ex.T[k, 0]
    init = flatten(ex.net.weights, ex.net.biases)
    for name, p in zip(parameter_names(ex.net), init, strict=True):
        out[f"xor.init.{name}"] = p
    # One point wholly wrong (error 1) and the others exact: the loss a straight line stalls at.
    out["xor.one_wrong.loss"] = loss_terms(np.ones((1, 1)), np.zeros((1, 1)))[0] / ex.X.shape[0]
    for hidden in HIDDEN_ACTIVATIONS:
        h = run(hidden)
        for e in SAMPLED_EPOCHS:
            out[f"xor.{hidden}.E[{e}]"] = h.losses[e]
        y = forward(h.final, ex.X).output
        for k in range(ex.X.shape[0]):
            out[f"xor.{hidden}.y({k + 1})"] = y[k, 0]
        out[f"xor.{hidden}.margin"] = margin(y, ex.T)
        out[f"xor.{hidden}.correct"] = int(np.sum((y > THRESHOLD) == (ex.T == 1)))
        check = gradient_check(h.networks[0], ex.X, ex.T)
        out[f"xor.{hidden}.check.rel_error.max"] = check.max_rel_error
        if hidden == CHECKED:
            for k, name in enumerate(check.names):
                out[f"xor.check.exact.{name}"] = check.exact[k]
                out[f"xor.check.numeric.{name}"] = check.numeric[k]
                out[f"xor.check.rel_error.{name}"] = check.rel_error[k]
    final = run("identity").final
    w, b = collapse(final)
    out["xor.collapse.w1"], out["xor.collapse.w2"], out["xor.collapse.b"] = w[0, 0], w[1, 0], b[0]
    y = forward(network([w], ["sigmoid"], [b]), ex.X).output
    for k in range(ex.X.shape[0]):
        out[f"xor.collapse.y({k + 1})"] = y[k, 0]
    return {k: float(v) for k, v in out.items()}


def shown(name: str, digits: int = DIGITS) -> str:
    """HTML for the named XOR value, tagged with its name, for use in a sentence.

    Examples:
        >>> shown("xor.lr", 1)
        '<span class="bp-num" data-name="xor.lr" title="3.0">3.0</span>'
    """
    return display_shown(name, digits, values)


def text(markdown: str) -> str:
    """Markdown with ``[[name]]`` or ``[[name:digits]]`` replaced by the named XOR value.

    Print the result from a block without ``html="1"`` so that it stays Markdown.

    Examples:
        >>> text("rate [[xor.lr:1]]")
        'rate <span class="bp-num" data-name="xor.lr" title="3.0">3.0</span>'
    """
    return display_text(markdown, values)


def ref(name: str, digits: int = DIGITS) -> Ref:
    """A table cell showing the named XOR value."""
    return Ref(name, digits, values)


def points_table() -> str:
    """The four XOR points and their targets."""
    rows: list[list[Cell]] = [
        [f"x({k})", ref(f"xor.x1({k})", 0), ref(f"xor.x2({k})", 0), ref(f"xor.t({k})", 0)]
        for k in range(1, len(POINTS) + 1)
    ]
    return table(["point", "x1", "x2", "t"], rows, "The four XOR points")


def init_table() -> str:
    """The seeded initial weights and biases, shared by every run."""
    names = parameter_names(example(HIDDEN_ACTIVATIONS[0]).net)
    rows: list[list[Cell]] = [[name, ref(f"xor.init.{name}")] for name in names]
    return table(["parameter", "initial value"], rows, "The XOR network's initial parameters")


def loss_table() -> str:
    """The loss of each run at a few epochs."""
    rows: list[list[Cell]] = [
        [str(e), *(ref(f"xor.{hidden}.E[{e}]", 4) for hidden in HIDDEN_ACTIVATIONS)]
        for e in SAMPLED_EPOCHS
    ]
    header = ["epoch", *(f"E, {hidden} hidden" for hidden in HIDDEN_ACTIVATIONS)]
    return table(header, rows, "The XOR loss during training")


def outputs_table() -> str:
    """Each run's outputs on the four points after training, beside the targets."""
    rows: list[list[Cell]] = [
        [
            f"x({k})",
            ref(f"xor.t({k})", 0),
            *(ref(f"xor.{hidden}.y({k})") for hidden in HIDDEN_ACTIVATIONS),
        ]
        for k in range(1, len(POINTS) + 1)
    ]
    header = ["point", "t", *(f"y, {hidden} hidden" for hidden in HIDDEN_ACTIVATIONS)]
    return table(header, rows, "The XOR outputs after training")


def check_table() -> str:
    """Backpropagation against central differences for the ``CHECKED`` network at its start."""
    names = parameter_names(example(CHECKED).net)
    rows: list[list[Cell]] = [
        [
            name,
            ref(f"xor.check.exact.{name}", 6),
            ref(f"xor.check.numeric.{name}", 6),
            ref(f"xor.check.rel_error.{name}"),
        ]
        for name in names
    ]
    header = ["parameter", "backpropagation", "central difference", "relative error"]
    return table(header, rows, f"Gradient check of the XOR network with {CHECKED} hidden units")


def loss_chart() -> str:
    """The loss of every run, epoch by epoch, on a log scale."""
    fig, ax = loss_axes(3.6, "loss E (log scale)")
    for k, hidden in enumerate(HIDDEN_ACTIVATIONS):
        log_losses(ax, run(hidden).losses, f"{hidden} hidden units", color=SERIES[k])
    ax.axhline(
        values()["xor.one_wrong.loss"],
        color=INK,
        linestyle=":",
        linewidth=1,
        label="one point wholly wrong",
    )
    ax.legend(loc="lower left")
    svg = render(
        fig,
        "xor-loss",
        "XOR loss per epoch for each hidden activation",
        "With identity hidden units the loss levels off at the dotted line; "
        "with sigmoid or tanh hidden units it keeps falling.",
    )
    return figure_html(svg, "The XOR loss per epoch, log scale.")


def boundary_chart() -> str:
    """Where each trained network's output crosses ``THRESHOLD``, over the input plane."""
    ex = example(HIDDEN_ACTIVATIONS[0])
    g1, g2 = np.meshgrid(GRID, GRID)
    plane = np.column_stack([g1.ravel(), g2.ravel()])
    fig = figure(9.6, 3.8)
    axes = fig.subplots(1, len(HIDDEN_ACTIVATIONS), sharey=True)
    for ax, hidden, colour in zip(axes, HIDDEN_ACTIVATIONS, SERIES, strict=False):
        y = forward(run(hidden).final, plane).output.reshape(g1.shape)
        # A sigmoid output stays below 1, so [THRESHOLD, 1] is the whole class-1 side.
        ax.contourf(g1, g2, y, levels=[THRESHOLD, 1.0], colors=[colour], alpha=0.3)
        ax.contour(g1, g2, y, levels=[THRESHOLD], colors=[INK], linewidths=1.5)
        for target, marker, face in ((0.0, "o", "none"), (1.0, "s", INK)):
            points = ex.X[ex.T[:, 0] == target]
            ax.scatter(
                points[:, 0],
                points[:, 1],
                marker=marker,
                s=60,
                facecolors=face,
                edgecolors=INK,
                label=f"target {target:.0f}",
            )
        ax.set_title(f"{hidden} hidden units")
        ax.set_xlabel("x1")
        ax.set_aspect("equal")
    axes[0].set_ylabel("x2")
    axes[0].legend(loc="upper center", ncols=2, bbox_to_anchor=(0.5, -0.25))
    svg = render(
        fig,
        "xor-boundary",
        "XOR decision boundaries after training, one panel per hidden activation",
        "With identity hidden units the boundary is one straight line and one point is on "
        "the wrong side; with sigmoid or tanh hidden units the boundary bends around the "
        "points so that every point is on its side.",
    )
    return figure_html(svg, "Where each trained network's output crosses the threshold.")
