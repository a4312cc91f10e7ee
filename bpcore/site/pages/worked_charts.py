"""The worked example's charts and its network diagram, drawn from its record.

Each function returns a ``<figure>`` ready to print from a markdown-exec block.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.text import Text

from bpcore.activations import Array, activation
from bpcore.site.examples import REGISTRY, worked
from bpcore.site.render.charts import (
    INK,
    PAPER,
    SERIES,
    figure,
    figure_html,
    log_losses,
    loss_axes,
    render,
)
from bpcore.site.render.numbers import fmt, subscripted
from bpcore.training import Mode

NETWORK_FONT = 9.5
"""Points of the network diagram's text: twelve pixels on a desktop, ten on a phone, where the
diagram shrinks to the column."""


def _network_figure() -> tuple[Figure, dict[str, Text]]:
    """The network diagram's figure, and its weight labels by weight name (for the tests)."""
    net = worked.record().example.net
    fig = figure(4.2, 3.6)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    radius = 0.22
    # Narrow enough for a phone: the six input weights' labels take the room, the two output
    # weights' labels little.
    columns, spacing = (0.0, 2.4, 4.0), 1.6
    names = [["x1", "x2", "x3"], ["h1", "h2"], ["y"]]
    pos = [
        [(columns[layer], spacing * ((len(col) - 1) / 2 - i)) for i in range(len(col))]
        for layer, col in enumerate(names)
    ]
    # One colour per input: its two edges and their labels. The output layer's in ink.
    colours = [SERIES[0], SERIES[1], SERIES[3]]
    labels: dict[str, Text] = {}
    for layer, w in enumerate(net.weights):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                (x0, y0), (x1, y1) = pos[layer][i], pos[layer + 1][j]
                d = np.hypot(x1 - x0, y1 - y0)
                ux, uy = (x1 - x0) / d, (y1 - y0) / d
                colour = colours[i] if layer == 0 else INK
                ax.plot(
                    [x0 + radius * ux, x1 - radius * ux],
                    [y0 + radius * uy, y1 - radius * uy],
                    color=colour,
                    lw=1.4,
                )
                # Each label sits on its own edge, near its input, before the edge crosses
                # another; an edge that crosses none (the outer two) takes it halfway, clear of its
                # neighbour near the input.
                if layer == 0:
                    outer = (i, j) in ((0, 0), (w.shape[0] - 1, w.shape[1] - 1))
                    at = 0.5 if outer else 0.33
                else:
                    at = 0.5
                name = f"v{i + 1}{j + 1}" if layer == 0 else f"w{i + 1}"
                labels[name] = ax.text(
                    x0 + at * (x1 - x0),
                    y0 + at * (y1 - y0),
                    f"{subscripted(name)} = {fmt(w[i, j], 2)}",
                    ha="center",
                    va="center",
                    fontsize=NETWORK_FONT,
                    color=colour,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": PAPER, "edgecolor": "none"},
                )
    for layer, col in enumerate(names):
        for i, label in enumerate(col):
            x, y = pos[layer][i]
            ax.add_patch(Circle((x, y), radius, facecolor=PAPER, edgecolor=INK, lw=1.2))
            ax.text(x, y, subscripted(label), ha="center", va="center", fontsize=NETWORK_FONT + 1)
    kinds = {"identity": "linear", "sigmoid": "sigmoid"}
    roles = ["hidden"] * (len(net.activations) - 1) + ["output"]
    below = ["inputs"] + [
        f"{r}\n({kinds.get(a, a)})" for r, a in zip(roles, net.activations, strict=True)
    ]
    for layer, title in enumerate(below):
        ax.text(columns[layer], -spacing - 0.4, title, ha="center", va="top", fontsize=NETWORK_FONT)
    ax.set_xlim(-0.4, columns[-1] + 0.4)
    ax.set_ylim(-spacing - 1.1, spacing + 0.3)
    return fig, labels


def network_label_extents() -> dict[str, tuple[float, float, float, float]]:
    """Each weight label's box as drawn, ``(x0, y0, x1, y1)`` in pixels of the figure's dpi."""
    fig, labels = _network_figure()
    renderer = FigureCanvasAgg(fig).get_renderer()  # type: ignore[no-untyped-call]
    fig.draw(renderer)
    out = {}
    for name, text in labels.items():
        box = text.get_bbox_patch()
        extent = (box if box is not None else text).get_window_extent(renderer)
        out[name] = (extent.x0, extent.y0, extent.x1, extent.y1)
    return out


def network_diagram() -> str:
    """The example's network drawn from its weights: units as circles, weights on the edges."""
    fig, _ = _network_figure()
    svg = render(
        fig,
        "network",
        "The example's network",
        "Three inputs, two linear hidden units and one sigmoid output; "
        "each edge is labelled with its initial weight, in its input's colour.",
    )
    return figure_html(
        svg,
        "The 3-2-1 network, drawn from bpcore's initial weights. Each weight is written on "
        "its own edge, near its input, in the colour of that input.",
    )


TANGENT_HALF_WIDTH = 0.45
"""How far each tangent of the sigmoid chart reaches either side of its sample's s."""


def sigmoid_tangents() -> list[tuple[float, float, float]]:
    """Each sample's ``(s, y, slope)`` of the first forward pass: the slope is ``y (1 - y)``,
    the chain-rule factor ``dy/ds`` the engine computed."""
    rec = worked.record()
    tr, cf = rec.trace, rec.factors
    return [
        (float(sk), float(yk), float(slope))
        for sk, yk, slope in zip(tr.pre[1][:, 0], tr.output[:, 0], cf.dy_ds, strict=True)
    ]


def sigmoid_chart() -> str:
    """The sigmoid with each sample's (s, y) and tangent, above its slope σ'(s)."""
    act = activation("sigmoid")
    # Fifty points draw both curves smoothly at this size; more only add to the page.
    s = np.linspace(-6.0, 6.0, 49)
    y = act.f(s)
    fig = figure(height=4.6)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
    top.plot(s, y, color=SERIES[0], label="σ(s) = 1 / (1 + e⁻ˢ)")
    bottom.plot(s, act.slope(s, y), color=SERIES[0], label="σ′(s) = y(1 − y)")
    ds = np.array([-TANGENT_HALF_WIDTH, TANGENT_HALF_WIDTH])
    for k, (sk, yk, slope) in enumerate(sigmoid_tangents(), 1):
        tangent = "tangent at each sample" if k == 1 else None
        top.plot(sk + ds, yk + slope * ds, color=SERIES[1], lw=2.0, label=tangent)
        top.plot([sk], [yk], "o", color=SERIES[1])
        bottom.plot([sk], [slope], "o", color=SERIES[1])
        bottom.annotate(
            f"x({k}): {fmt(slope)}",
            (sk, slope),
            xytext=(8, 4),
            textcoords="offset points",
            ha="left",
            va="bottom",
        )
    top.set_ylabel("y = σ(s)")
    top.set_ylim(-0.05, 1.1)
    top.legend(loc="upper left")
    bottom.set_xlabel("s")
    bottom.set_ylabel("slope")
    bottom.set_ylim(0, 0.3)
    bottom.legend(loc="upper left")
    for ax in (top, bottom):
        ax.grid(True)
    svg = render(
        fig,
        "sigmoid",
        "The sigmoid activation and its slope",
        "Above, an S-shaped curve from 0 to 1 with the three samples on its upper half and "
        "a short tangent at each; below, the slope y(1 - y), a bump highest at s = 0, with "
        "each sample's slope marked and written beside it.",
    )
    return figure_html(
        svg,
        "The sigmoid, with each sample's (s, y) from the first forward pass and the tangent "
        "there (above), and the slope of those tangents, σ′(s) (below): the factor dy/ds "
        "of the backward pass.",
    )


def threshold_chart() -> str:
    """The loss against epochs until it falls to the threshold."""
    rec = worked.record()
    h = rec.to_threshold(rec.example.lr)
    fig, ax = loss_axes()
    log_losses(ax, h.losses, "loss E", color=SERIES[0])
    ax.axhline(worked.THRESHOLD, color=SERIES[1], ls="--", label="threshold")
    ax.legend()
    svg = render(
        fig,
        "threshold",
        "Loss against epochs",
        f"The loss falls steadily on a log scale until it reaches the threshold "
        f"after {h.epochs} epochs.",
    )
    return figure_html(
        svg,
        [
            "Batch gradient descent on the example until E reaches the threshold, after ",
            REGISTRY.named("threshold.epochs", 0),
            " epochs.",
        ],
    )


def _first_epochs_chart(
    name: str,
    title: str,
    desc: str,
    curves: list[tuple[str, tuple[float, Mode], str]],
    caption: tuple[str, str],
    height: float = 3.2,
    legend_below: bool = False,
) -> str:
    """Loss curves of training runs of the record, over its first ``chart.epochs`` epochs.

    Args:
        name: The chart's slug.
        title: Its accessible name.
        desc: A one-line description.
        curves: One (label, run key ``(rate, mode)``, colour) per curve.
        caption: The caption's text before and after the named number of epochs.
        height: The figure's height in inches.
        legend_below: Put the legend below the axes, two to a row (for long legends).
    """
    epochs_named = REGISTRY.named("chart.epochs", 0)
    epochs = int(epochs_named.value)
    runs = worked.record().runs
    fig, ax = loss_axes(height)
    for label, run, colour in curves:
        log_losses(ax, runs[run].losses[: epochs + 1], label, color=colour)
    if legend_below:
        # Inside they would cover the curves; in one row they are wider than the chart.
        ax.legend(ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    else:
        ax.legend()
    svg = render(fig, name, title, desc)
    return figure_html(svg, [caption[0], epochs_named, caption[1]])


def modes_chart() -> str:
    """Batch against per-sample updates: the loss over the first ``CHART_EPOCHS`` epochs."""
    lr = worked.record().example.lr
    return _first_epochs_chart(
        "modes",
        "Batch and per-sample updates",
        "Two loss curves on a log scale; per-sample updates fall faster per epoch.",
        [("batch", (lr, "batch"), SERIES[0]), ("per sample", (lr, "sample"), SERIES[1])],
        ("The loss over the first ", " epochs, batch and per-sample."),
    )


def rates_chart() -> str:
    """The loss over the first ``CHART_EPOCHS`` epochs for each learning rate of ``RATES``."""
    return _first_epochs_chart(
        "rates",
        "Loss for several learning rates",
        "Loss curves on a log scale; the larger the learning rate, the faster the fall.",
        [(f"η = {fmt(r, 1)}", (r, "batch"), SERIES[k]) for k, r in enumerate(worked.RATES)],
        ("Batch training over the first ", " epochs at each rate."),
        height=3.6,
        legend_below=True,
    )


def trajectories_chart() -> str:
    """Every weight over ``TRAJECTORY_EPOCHS`` epochs: hidden layer above, output layer below."""
    epochs_named = REGISTRY.named("trajectories.epochs", 0)
    epochs = int(epochs_named.value)
    h = worked.record().long_run
    net = h.networks[0]
    # One panel above the other, so that each has the chart's whole width.
    fig = figure(height=5.0)
    top, bottom = fig.subplots(2, 1, sharex=True)
    t = np.arange(epochs + 1)
    for name, layer, i, j in worked.weight_names(net):
        path = h.parameter(layer, i, j)[: epochs + 1]
        if layer == 0:
            style = "-" if j == 0 else "--"
            top.plot(t, path, style, color=SERIES[i], label=subscripted(name))
        else:
            bottom.plot(t, path, color=SERIES[i], label=subscripted(name))
    for ax, title in ((top, "hidden layer"), (bottom, "output layer")):
        ax.set_title(title)
        ax.grid(True)
        # Beside the panel: inside, the legend would cover the curves.
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    bottom.set_xlabel("epoch")
    svg = render(
        fig,
        "trajectories",
        "The weights during training",
        "Eight curves: each weight moves most in the first epochs, then settles.",
    )
    return figure_html(
        svg, ["Each weight over the first ", epochs_named, " epochs of batch training."]
    )


def _shown(x: float) -> str:
    """A gradient or value as the circuit shows it: at least three decimals and three
    significant digits, so that a small gradient such as 0.0045 keeps its value."""
    v = abs(float(x))
    digits = 3 if v == 0 or v >= 0.1 else 2 - int(np.floor(np.log10(v)))
    return fmt(x, max(3, digits))


def _input_shown(x: float) -> str:
    """An input as the circuit shows it: whole numbers without decimals."""
    return fmt(x, 0) if float(x).is_integer() else _shown(x)


@dataclass(frozen=True)
class Circuit:
    """What the computational graph shows, read from the worked example's record.

    Attributes:
        loss: The loss node's name: ``E₁`` for the first sample, ``E`` for the batch.
        forward: Each node's forward value, by node name (``x1`` .. ``x3``, ``h1``, ``h2``,
            ``s``, ``y``, ``E``): one sample's, or the mean over the samples.
        backward: Each edge's gradient, by the name of what it is the gradient of
            (``y``, ``s``, ``h1``, ``h2``, ``w1``, ``w2``, ``v11`` .. ``v32``): one sample's
            ``dE_k/d.``, or the mean of the samples' ones (for a weight, ``dE/d.`` itself).
        factors: The local factors along the highlighted path, ``(y - t, σ'(s), w1, x1)``,
            for one sample; ``None`` for the batch, whose gradient is a mean of products.
    """

    loss: str
    forward: dict[str, float]
    backward: dict[str, float]
    factors: tuple[float, float, float, float] | None


def circuit(sample: int | None) -> Circuit:
    """The computational graph's numbers: sample ``sample`` (counted from one), or the batch mean.

    Per sample, the engine's deltas are ``dE/dz`` with the mean's ``1/m`` included;
    ``m`` times them is the sample's own ``dE_k/dz``.

    Examples:
        >>> c = circuit(1)
        >>> round(c.forward["h1"], 3), round(c.backward["y"], 3)
        (2.4, 0.267)
    """
    rec = worked.record()
    net, tr, grads, cf = rec.example.net, rec.trace, rec.gradients["exact"], rec.factors
    x, m = tr.inputs, tr.inputs.shape[0]
    d_s = m * grads.deltas[1][:, 0]  # dE_k/ds, sample by sample
    d_h = m * grads.deltas[0]  # dE_k/dh_j: the hidden units are linear, so dh/dz = 1
    per_sample: dict[str, Array] = {"y": cf.dE_dy, "s": d_s}
    forward_values: dict[str, Array] = {}
    for i in range(x.shape[1]):
        forward_values[f"x{i + 1}"] = x[:, i]
    for j in range(net.sizes[1]):
        forward_values[f"h{j + 1}"] = tr.post[0][:, j]
        per_sample[f"h{j + 1}"] = d_h[:, j]
        per_sample[f"w{j + 1}"] = d_s * tr.post[0][:, j]
        for i in range(x.shape[1]):
            per_sample[f"v{i + 1}{j + 1}"] = d_h[:, j] * x[:, i]
    forward_values |= {"s": tr.pre[1][:, 0], "y": tr.output[:, 0], "E": rec.terms}
    if sample is None:
        return Circuit(
            "E",
            {k: float(v.mean()) for k, v in forward_values.items()},
            {k: float(v.mean()) for k, v in per_sample.items()},
            None,
        )
    k = sample - 1
    factors = (float(cf.dE_dy[k]), float(cf.dy_ds[k]), float(cf.ds_dh[0]), float(x[k, 0]))
    return Circuit(
        subscripted(f"E{sample}"),
        {name: float(v[k]) for name, v in forward_values.items()},
        {name: float(v[k]) for name, v in per_sample.items()},
        factors,
    )


HIGHLIGHT = ("x1", "h1", "s", "y", "E")
"""The path the computational graph highlights: from the loss back to v11's input."""

_EDGES = [(f"x{i}", f"h{j}") for i in (1, 2, 3) for j in (1, 2)] + [
    ("h1", "s"),
    ("h2", "s"),
    ("s", "y"),
    ("y", "E"),
]
"""The circuit's edges: each input to each hidden unit, then on to the loss."""
_R = 0.23
"""The radius of the circuit's nodes, in inches."""
_FONT = 9.5
"""Points of the circuit's text: twelve pixels on a desktop, ten on a phone's narrow layout."""
_PAPER = {"boxstyle": "square,pad=0.12", "facecolor": PAPER, "edgecolor": "none"}

_Point = tuple[float, float]
_Place = dict[str, _Point]


def _grad(c: Circuit, of: str) -> str:
    """The gradient of the loss with respect to ``of``, as the circuit writes it."""
    return f"∂{c.loss}/∂{subscripted(of)} = {_shown(c.backward[of])}"


def _path(c: Circuit) -> tuple[str, str]:
    """The highlighted path's gradient written out, in two halves (a line each when narrow)."""
    if c.factors is None:
        return (
            "∂E/∂v₁₁ = mean over the samples of",
            f"(y − t) · σ′(s) · w₁ · x₁ = {_shown(c.backward['v11'])}",
        )
    e, slope, w1, x1 = c.factors
    return (
        f"∂{c.loss}/∂v₁₁ = (y − t) · σ′(s) · w₁ · x₁",
        f"= {_shown(e)} · {_shown(slope)} · {_shown(w1)} · {_input_shown(x1)} "
        f"= {_shown(c.backward['v11'])}",
    )


def _along(pos: _Place, a: str, b: str, f: float, dx: float = 0.0, dy: float = 0.0) -> _Point:
    """The point a fraction ``f`` of the way from node ``a`` to node ``b``, moved by (dx, dy)."""
    (x0, y0), (x1, y1) = pos[a], pos[b]
    return x0 + f * (x1 - x0) + dx, y0 + f * (y1 - y0) + dy


def _text(ax: Axes, at: _Point, text: str, colour: str, **style: Any) -> None:
    """Text of the circuit at ``at`` (inches), in ``_FONT`` points unless ``style`` says."""
    ax.text(*at, text, color=colour, **({"fontsize": _FONT} | style))


def _circuit(c: Circuit, pos: _Place, size: _Point, beside: set[str]) -> tuple[Figure, Axes]:
    """The circuit's edges and nodes at ``pos`` (inches), each node's forward value above it, or
    to its right for the nodes in ``beside``; the caller adds the gradients."""
    width, height = size
    fig = figure(width, height)
    # One axes over the whole figure, an inch to a unit both ways: nothing to lay out.
    fig.set_layout_engine("none")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    on_path = set(pairwise(HIGHLIGHT))
    for a, b in _EDGES:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        d = float(np.hypot(x1 - x0, y1 - y0))
        ux, uy = (x1 - x0) / d, (y1 - y0) / d
        hot = (a, b) in on_path
        ax.plot(
            [x0 + _R * ux, x1 - _R * ux],
            [y0 + _R * uy, y1 - _R * uy],
            color=SERIES[0] if hot else INK,
            lw=2.6 if hot else 1.0,
            alpha=1.0 if hot else 0.55,
            solid_capstyle="butt",
            clip_on=False,
        )
    # One marker drawn eight times: a page shows two layouts of two circuits, and a circle
    # drawn as a patch costs its whole path each time (page weight).
    xs, ys = zip(*pos.values(), strict=True)
    ax.plot(xs, ys, "o", ms=2 * _R * 72, mfc=PAPER, mec=INK, mew=1.2, clip_on=False)
    for name, (x, y) in pos.items():
        shown = c.loss if name == "E" else subscripted(name)
        _text(ax, (x, y), shown, INK, ha="center", va="center", fontsize=_FONT + 1)
        value = c.forward[name]
        text = _input_shown(value) if name.startswith("x") else _shown(value)
        if name in beside:
            _text(ax, (x + _R + 0.08, y), text, SERIES[2], ha="left", va="center")
        else:
            _text(ax, (x, y + _R + 0.06), text, SERIES[2], ha="center", va="bottom")
    return fig, ax


def _wide_graph(c: Circuit) -> Figure:
    """The circuit from left to right, for a desktop: gradients along the edges."""
    mid = 2.2
    pos = {
        "x1": (0.3, mid + 1.35),
        "x2": (0.3, mid),
        "x3": (0.3, mid - 1.35),
        "h1": (3.55, mid + 0.8),
        "h2": (3.55, mid - 0.8),
        "s": (4.8, mid),
        "y": (5.85, mid),
        "E": (6.8, mid),
    }
    fig, ax = _circuit(c, pos, (7.1, 4.1), set())
    # Each weight's gradient is written along its own edge, near the input, where it
    # replaces a stretch of that edge: clear of the crossings further on.
    for a, b in _EDGES[:6]:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        # The outer two edges cross nothing: their labels move out, away from their
        # neighbours' near the inputs.
        f = 0.36 if (a, b) in (("x1", "h1"), ("x3", "h2")) else 0.26
        _text(
            ax,
            _along(pos, a, b, f),
            _grad(c, f"v{a[1]}{b[1]}"),
            SERIES[1],
            ha="center",
            va="center",
            rotation=float(np.degrees(np.arctan2(y1 - y0, x1 - x0))),
            rotation_mode="anchor",
            bbox=_PAPER,
        )
    # The hidden units' and output weights' gradients, two lines outside their edge.
    for j, side in ((1, 1), (2, -1)):
        text = f"{_grad(c, f'h{j}')}\n{_grad(c, f'w{j}')}"
        at = (pos[f"h{j}"][0] + 0.3, mid + side * 1.08)
        _text(ax, at, text, SERIES[1], ha="left", va="center", linespacing=1.4)
    for a, b in (("s", "y"), ("y", "E")):
        _text(ax, _along(pos, a, b, 0.5, dy=-0.42), _grad(c, a), SERIES[1], ha="center", va="top")
    # The local factors along the highlighted path, above its edges.
    tags = {("s", "y", 0.16): "× σ′(s)", ("h1", "s", -0.3): "× w₁", ("x1", "h1", 0.12): "× x₁"}
    for (a, b, dy), tag in tags.items():
        at = _along(pos, a, b, 0.5 if a != "x1" else 0.72, dy=dy)
        _text(ax, at, tag, SERIES[0], ha="center", va="bottom" if dy > 0 else "top")
    path = " ".join(_path(c))
    _text(ax, (3.55, 0.15), path, SERIES[0], ha="center", va="center", fontsize=_FONT + 0.5)
    return fig


def _narrow_graph(c: Circuit) -> Figure:
    """The circuit from top to bottom, for a phone: each input's two weight gradients under it,
    the others beside their edges, the values beside the nodes."""
    width, height = 4.2, 6.3
    top, hidden, s = height - 0.55, height - 2.5, height - 3.7
    pos = {
        "x1": (0.75, top),
        "x2": (2.1, top),
        "x3": (3.45, top),
        "h1": (1.25, hidden),
        "h2": (2.95, hidden),
        "s": (2.1, s),
        "y": (2.1, s - 0.9),
        "E": (2.1, s - 1.8),
    }
    fig, ax = _circuit(c, pos, (width, height), {"h1", "h2", "s", "y", "E"})
    # Along the steep edges a label would cross its neighbours: under its input it crosses none.
    for i in (1, 2, 3):
        text = f"{_grad(c, f'v{i}1')}\n{_grad(c, f'v{i}2')}"
        x, y = pos[f"x{i}"]
        at = (x, y - _R - 0.1)
        _text(ax, at, text, SERIES[1], ha="center", va="top", linespacing=1.4, bbox=_PAPER)
    for j, x, ha in ((1, 0.08, "left"), (2, width - 0.08, "right")):
        text = f"{_grad(c, f'h{j}')}\n{_grad(c, f'w{j}')}"
        at = (x, pos[f"h{j}"][1] - 0.6)
        _text(ax, at, text, SERIES[1], ha=ha, va="center", linespacing=1.4)
    for a, b in (("s", "y"), ("y", "E")):
        at = _along(pos, a, b, 0.5, dx=-0.12)
        _text(ax, at, _grad(c, a), SERIES[1], ha="right", va="center")
    # The local factors along the highlighted path, beside its edges.
    _text(ax, _along(pos, "s", "y", 0.5, dx=0.12), "× σ′(s)", SERIES[0], va="center")
    _text(ax, _along(pos, "h1", "s", 0.5, dx=0.12), "× w₁", SERIES[0], va="center")
    at = _along(pos, "x1", "h1", 0.75, dx=-0.1)
    _text(ax, at, "× x₁", SERIES[0], ha="right", va="center")
    path = "\n".join(_path(c))
    at = (width / 2, 0.1)
    _text(ax, at, path, SERIES[0], ha="center", va="bottom", fontsize=_FONT + 0.5, linespacing=1.4)
    return fig


def computational_graph(sample: int | None) -> str:
    """The example as a circuit: forward values by the nodes, gradients on the edges; laid out
    from left to right, and from top to bottom for a phone.

    Args:
        sample: The sample to draw (counted from one), or ``None`` for the batch: the mean over the
            samples of each forward value and of each edge's gradient.
    """
    c = circuit(sample)
    name = "graph-mean" if sample is None else f"graph-{sample}"
    which = "the batch" if sample is None else f"sample {sample}"
    title = f"The backward pass as a circuit, {which}"
    desc = (
        "Inputs x1 to x3 feed the linear hidden units h1 and h2, which feed s, the sigmoid "
        "output y and the loss; next to each node its forward value, on each edge the gradient "
        "flowing back, and highlighted the path from the loss back to v11."
    )
    wide = render(_wide_graph(c), name, title, desc)
    narrow = render(_narrow_graph(c), f"{name}-narrow", title, desc)
    if sample is None:
        caption = (
            "The batch: next to each node the mean of its three per-sample values, on each edge "
            "the mean of the three per-sample gradients (for a weight, that mean is the gradient "
            "of E itself). Highlighted: the path from the loss back to v₁₁; the mean of the "
            "products is not the product of the factors' means."
        )
    else:
        caption = (
            f"The sample x({sample}) as a circuit: next to each node its forward value, on each "
            "edge the gradient of this sample's loss flowing back. Highlighted: the gradient at "
            "the output is multiplied by σ′(s), then by w₁ to reach h₁, then by x₁ to reach v₁₁."
        )
    return figure_html(wide, caption, narrow)
