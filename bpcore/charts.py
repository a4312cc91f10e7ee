"""Charts as inline SVG: real text, page colours, accessible names, no randomness.

Every chart is a matplotlib figure turned into an ``<svg>`` string by
[`render`][bpcore.charts.render]. Colours are placeholders that ``render``
swaps for CSS: text and axes take ``currentColor`` (so they follow the light
or dark palette), series take ``var(--bp-c1)`` to ``var(--bp-c4)``, defined
for both palettes in ``docs/assets/site.css``.
"""

from __future__ import annotations

import html
import io
import math
import re
from typing import Any

import matplotlib
import matplotlib.style
import numpy as np
from cycler import cycler

matplotlib.use("Agg")
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle
from matplotlib.ticker import FuncFormatter, NullLocator

from bpcore.display import fmt, power_of_ten
from bpcore.example import example
from bpcore.network import Array, activation, forward
from bpcore.values import RATES, THRESHOLD, TRAIN_EPOCHS, run, weight_names

INK = "#010203"
"""Placeholder for text and axes; becomes ``currentColor``."""
PAPER = "#fefdfc"
"""Placeholder for the page's background (behind labels that cross lines); becomes
``var(--md-default-bg-color)``."""
SERIES = ("#0a0000", "#000a00", "#00000a", "#0a0a00")
"""Placeholders for up to four series; become ``var(--bp-c1)`` .. ``var(--bp-c4)``."""

STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "bpcore",
    "font.family": "sans-serif",
    "font.size": 11,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": INK,
    "grid.alpha": 0.15,
    "axes.prop_cycle": cycler(color=list(SERIES)),
    "legend.frameon": False,
    "legend.facecolor": "none",
    "legend.edgecolor": INK,
    "patch.edgecolor": INK,
    "lines.markeredgecolor": "none",
    "savefig.transparent": True,
    "figure.dpi": 96,
}


# Axes read their style when they are created, after figure() returns, so the
# style is set for the whole process: bpcore draws no other kind of chart.
matplotlib.style.use(STYLE)


def figure(width: float = 6.4, height: float = 3.6) -> Figure:
    """A new figure in the site's style (size in inches)."""
    return Figure(figsize=(width, height), layout="constrained")


def render(fig: Figure, name: str, title: str, desc: str) -> str:
    """Turn a figure into inline SVG that is deterministic and accessible.

    Args:
        fig: The figure; it is closed afterwards.
        name: A short slug unique on the page; it prefixes every id in the SVG.
        title: The chart's accessible name.
        desc: A one-line description of what it shows.

    Returns:
        ``<svg role="img" ...>`` with ``<title>`` and ``<desc>``, no XML
        header, no date, ids prefixed by ``name``, colours as CSS.
    """
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise ValueError(f"chart name {name!r} must be a lowercase slug such as 'loss-curve'")
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    s = buf.getvalue()
    s = s[s.index("<svg") :]
    s = re.sub(r"<metadata>.*?</metadata>\s*", "", s, flags=re.S)
    s = re.sub(r'\bid="', f'id="{name}-', s)
    s = s.replace('href="#', f'href="#{name}-').replace("url(#", f"url(#{name}-")
    s = _compact(s.replace(INK, "currentColor").replace(PAPER, "var(--md-default-bg-color)"))
    for k, colour in enumerate(SERIES, 1):
        s = s.replace(colour, f"var(--bp-c{k})")
    t, d = html.escape(title), html.escape(desc)
    s = s.replace(
        "<svg ",
        f'<svg class="bp-chart" role="img" aria-labelledby="{name}-title {name}-desc" ',
        1,
    )
    head_end = s.index(">") + 1
    s = (
        s[:head_end]
        + f'<title id="{name}-title">{t}</title><desc id="{name}-desc">{d}</desc>'
        + s[head_end:]
    )
    return s


def _round_attribute(m: re.Match[str]) -> str:
    value = re.sub(r"\s+", " ", m.group(2)).strip()
    value = re.sub(r"-?\d+\.\d{2,}", lambda n: f"{float(n.group()):.1f}", value)
    return f'{m.group(1)}="{value}"'


def _compact(svg: str) -> str:
    # Coordinates to 1/10 pt (1/7 px) are below what a screen shows; the page's own font replaces
    # matplotlib's long font list; whitespace between tags is only indentation.
    svg = re.sub(r'\b(d|x|y|transform|points)="([^"]*)"', _round_attribute, svg)
    svg = re.sub(r"font-family: [^;\"]*;? ?", "", svg)
    # Groups' ids name matplotlib's artists; nothing refers to them.
    svg = re.sub(r'<g id="[^"]*">', "<g>", svg)
    svg = re.sub(r'style="[^"]*"', lambda m: re.sub(r"([:;]) ", r"\1", m[0]), svg)
    svg = re.sub(r' transform="rotate\(-?0 [^"]*\)"', "", svg)
    svg = re.sub(r">\s+<", "><", svg)
    # A group without attributes around a single element changes nothing.
    single = r"<g>(<(?:path|use)[^>]*/>|<text[^>]*>[^<]*</text>)</g>"
    while re.search(single, svg):
        svg = re.sub(single, r"\1", svg)
    return svg


def figure_html(svg: str, caption: str) -> str:
    """Wrap a chart in ``<figure>`` with a visible caption."""
    return (
        # Focusable: on a phone the figure scrolls sideways (site.css), and a scrolling
        # region must be reachable with the keyboard.
        f'<figure class="bp-figure" tabindex="0">{svg}'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


# The pages' charts. Each returns a <figure> ready to print from a markdown-exec block.

LOG_FLOOR = 1e-16
"""Losses below this are left off log-scale charts: they are round-off, not progress."""


def _decade_label(value: float, _position: int) -> str:
    # Plain text (10⁻⁴) instead of matplotlib's mathtext ($10^{-4}$), whose parsing
    # was the largest cost of drawing the loss charts.
    return power_of_ten(round(math.log10(value))) if value > 0 else ""


def log_losses(ax: Axes, losses: Array, label: str, **style: Any) -> None:
    """Plot a loss curve on ``ax`` with a log scale: one point per epoch.

    Losses below ``LOG_FLOOR`` (round-off, or exactly 0) are left off, since a
    log axis has no place for them.
    """
    shown = np.where(losses > LOG_FLOOR, losses, np.nan)
    ax.semilogy(np.arange(losses.size), shown, label=label, **style)
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    # Minor ticks between the decades add weight to the page, not information.
    ax.yaxis.set_minor_locator(NullLocator())


def loss_axes(height: float = 3.2, ylabel: str = "E (log scale)") -> tuple[Figure, Axes]:
    """The frame every loss chart shares: epochs across, the loss on a log scale."""
    fig = figure(6.4, height)
    ax = fig.add_subplot()
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.grid(True)
    return fig, ax


def network_diagram() -> str:
    """The example's network drawn from its weights: units as circles, weights on the edges."""
    net = example().net
    fig = figure(6.4, 3.3)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    radius, gap = 0.2, 2.6
    names = [["x1", "x2", "x3"], ["h1", "h2"], ["y"]]
    pos = [
        [(gap * layer, 1.1 * ((len(col) - 1) / 2 - i)) for i in range(len(col))]
        for layer, col in enumerate(names)
    ]
    for layer, w in enumerate(net.weights):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                (x0, y0), (x1, y1) = pos[layer][i], pos[layer + 1][j]
                d = np.hypot(x1 - x0, y1 - y0)
                ux, uy = (x1 - x0) / d, (y1 - y0) / d
                ax.plot(
                    [x0 + radius * ux, x1 - radius * ux],
                    [y0 + radius * uy, y1 - radius * uy],
                    color=SERIES[layer],
                    lw=1.2,
                )
                # The first layer's labels sit near their input, staggered by target,
                # so that the six of them neither meet nor cover a crossing.
                at = (0.3 if j == 0 else 0.55) if layer == 0 else 0.5
                name = f"v{i + 1}{j + 1}" if layer == 0 else f"w{i + 1}"
                ax.text(
                    x0 + at * (x1 - x0),
                    y0 + at * (y1 - y0),
                    f"{_subscripted(name)} = {fmt(w[i, j], 2)}",
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": PAPER, "edgecolor": "none"},
                )
    for layer, col in enumerate(names):
        for i, label in enumerate(col):
            x, y = pos[layer][i]
            ax.add_patch(Circle((x, y), radius, facecolor=PAPER, edgecolor=INK, lw=1.2))
            ax.text(x, y, _subscripted(label), ha="center", va="center")
    kinds = {"identity": "linear", "sigmoid": "sigmoid"}
    roles = ["hidden"] * (len(net.activations) - 1) + ["output"]
    below = ["inputs"] + [
        f"{r} ({kinds.get(a, a)})" for r, a in zip(roles, net.activations, strict=True)
    ]
    for layer, title in enumerate(below):
        ax.text(gap * layer, -1.6, title, ha="center", va="top", fontsize=9)
    ax.set_xlim(-0.5, 2 * gap + 0.5)
    ax.set_ylim(-1.9, 1.45)
    svg = render(
        fig,
        "network",
        "The example's network",
        "Three inputs, two linear hidden units and one sigmoid output; "
        "each edge is labelled with its initial weight.",
    )
    return figure_html(svg, "The 3-2-1 network, drawn from bpcore's initial weights.")


def _subscripted(name: str) -> str:
    # "v11" -> "v₁₁": real text that needs no math font in the chart.
    return name[0] + name[1:].translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def sigmoid_chart() -> str:
    """The sigmoid with each sample's (s, y) of the first forward pass marked on it."""
    ex = example()
    tr = forward(ex.net, ex.X)
    sigmoid, _ = activation("sigmoid")
    s = np.linspace(-6.0, 6.0, 121)
    fig = figure(6.4, 3.2)
    ax = fig.add_subplot()
    ax.plot(s, sigmoid(s), color=SERIES[0], label="σ(s) = 1 / (1 + e⁻ˢ)")
    ax.plot(tr.pre[1][:, 0], tr.output[:, 0], "o", color=SERIES[1], label="the three samples")
    for k, (sk, yk) in enumerate(zip(tr.pre[1][:, 0], tr.output[:, 0], strict=True), 1):
        ax.annotate(f"x({k})", (sk, yk), xytext=(-8, 8), textcoords="offset points", ha="right")
    ax.set_xlabel("s")
    ax.set_ylabel("y = σ(s)")
    ax.grid(True)
    ax.legend(loc="lower right")
    svg = render(
        fig,
        "sigmoid",
        "The sigmoid activation",
        "An S-shaped curve from 0 to 1; the three samples sit on its upper half.",
    )
    return figure_html(svg, "The sigmoid, with each sample's (s, y) from the first forward pass.")


def threshold_chart() -> str:
    """The loss against epochs until it falls to the threshold."""
    h = run(example().lr, tol=THRESHOLD, epochs=100 * TRAIN_EPOCHS)
    fig, ax = loss_axes()
    log_losses(ax, h.losses, "loss E", color=SERIES[0])
    ax.axhline(THRESHOLD, color=SERIES[1], ls="--", label="threshold")
    ax.legend()
    svg = render(
        fig,
        "threshold",
        "Loss against epochs",
        f"The loss falls steadily on a log scale until it reaches the threshold "
        f"after {h.epochs} epochs.",
    )
    return figure_html(svg, "Batch gradient descent on the example until E reaches the threshold.")


def modes_chart(epochs: int = 100) -> str:
    """Batch against per-sample updates: the loss over the first epochs."""
    lr = example().lr
    fig, ax = loss_axes()
    log_losses(ax, run(lr).losses[: epochs + 1], "batch", color=SERIES[0])
    log_losses(ax, run(lr, "sample").losses[: epochs + 1], "per sample", color=SERIES[1])
    ax.legend()
    svg = render(
        fig,
        "modes",
        "Batch and per-sample updates",
        "Two loss curves on a log scale; per-sample updates fall faster per epoch.",
    )
    return figure_html(svg, f"The loss over the first {epochs} epochs, batch and per-sample.")


def rates_chart(epochs: int = 100) -> str:
    """The loss over the first epochs for each learning rate of ``RATES``."""
    fig, ax = loss_axes(3.6)
    for k, rate in enumerate(RATES):
        log_losses(ax, run(rate).losses[: epochs + 1], f"η = {fmt(rate, 1)}", color=SERIES[k])
    ax.legend(ncols=len(RATES), loc="upper center", bbox_to_anchor=(0.5, -0.2))
    svg = render(
        fig,
        "rates",
        "Loss for several learning rates",
        "Loss curves on a log scale; the larger the learning rate, the faster the fall.",
    )
    return figure_html(svg, f"Batch training over the first {epochs} epochs at each rate.")


def trajectories_chart(epochs: int = 300) -> str:
    """Every weight against epochs: hidden weights on the left, output weights on the right."""
    h = run(example().lr)
    net = h.networks[0]
    fig = figure(6.4, 4.0)
    left, right = fig.subplots(1, 2, sharex=True)
    t = np.arange(epochs + 1)
    for name, layer, i, j in weight_names(net):
        path = h.parameter(layer, i, j)[: epochs + 1]
        if layer == 0:
            style = "-" if j == 0 else "--"
            left.plot(t, path, style, color=SERIES[i], label=_subscripted(name))
        else:
            right.plot(t, path, color=SERIES[i], label=_subscripted(name))
    for ax, title in ((left, "hidden layer"), (right, "output layer")):
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("epoch")
        ax.grid(True)
    # Below the panels: inside, the legends would cover the curves.
    left.legend(ncols=3, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.22))
    right.legend(ncols=2, fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.22))
    svg = render(
        fig,
        "trajectories",
        "The weights during training",
        "Eight curves: each weight moves most in the first epochs, then settles.",
    )
    return figure_html(svg, f"Each weight over the first {epochs} epochs of batch training.")
