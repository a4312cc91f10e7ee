"""The worked example's charts and its network diagram, drawn from its record.

Each function returns a ``<figure>`` ready to print from a markdown-exec block.
"""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Circle

from bpcore.activations import activation
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
    subscripted,
)
from bpcore.site.render.numbers import fmt


def network_diagram() -> str:
    """The example's network drawn from its weights: units as circles, weights on the edges."""
    net = worked.record().example.net
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
                    f"{subscripted(name)} = {fmt(w[i, j], 2)}",
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": PAPER, "edgecolor": "none"},
                )
    for layer, col in enumerate(names):
        for i, label in enumerate(col):
            x, y = pos[layer][i]
            ax.add_patch(Circle((x, y), radius, facecolor=PAPER, edgecolor=INK, lw=1.2))
            ax.text(x, y, subscripted(label), ha="center", va="center")
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


def sigmoid_chart() -> str:
    """The sigmoid with each sample's (s, y) of the first forward pass marked on it."""
    tr = worked.record().trace
    sigmoid = activation("sigmoid").f
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
    return figure_html(svg, "Batch gradient descent on the example until E reaches the threshold.")


def modes_chart() -> str:
    """Batch against per-sample updates: the loss over the first ``CHART_EPOCHS`` epochs."""
    epochs_named = REGISTRY.named("chart.epochs", 0)
    epochs = int(epochs_named.value)
    rec = worked.record()
    lr = rec.example.lr
    fig, ax = loss_axes()
    log_losses(ax, rec.runs[(lr, "batch")].losses[: epochs + 1], "batch", color=SERIES[0])
    log_losses(ax, rec.runs[(lr, "sample")].losses[: epochs + 1], "per sample", color=SERIES[1])
    ax.legend()
    svg = render(
        fig,
        "modes",
        "Batch and per-sample updates",
        "Two loss curves on a log scale; per-sample updates fall faster per epoch.",
    )
    return figure_html(
        svg, ["The loss over the first ", epochs_named, " epochs, batch and per-sample."]
    )


def rates_chart() -> str:
    """The loss over the first ``CHART_EPOCHS`` epochs for each learning rate of ``RATES``."""
    epochs_named = REGISTRY.named("chart.epochs", 0)
    epochs = int(epochs_named.value)
    runs = worked.record().runs
    fig, ax = loss_axes(3.6)
    for k, rate in enumerate(worked.RATES):
        losses = runs[(rate, "batch")].losses[: epochs + 1]
        log_losses(ax, losses, f"η = {fmt(rate, 1)}", color=SERIES[k])
    ax.legend(ncols=len(worked.RATES), loc="upper center", bbox_to_anchor=(0.5, -0.2))
    svg = render(
        fig,
        "rates",
        "Loss for several learning rates",
        "Loss curves on a log scale; the larger the learning rate, the faster the fall.",
    )
    return figure_html(svg, ["Batch training over the first ", epochs_named, " epochs at each rate."])


def trajectories_chart() -> str:
    """Every weight over ``TRAJECTORY_EPOCHS`` epochs: hidden layer left, output layer right."""
    epochs_named = REGISTRY.named("trajectories.epochs", 0)
    epochs = int(epochs_named.value)
    h = worked.record().long_run
    net = h.networks[0]
    fig = figure(6.4, 4.0)
    left, right = fig.subplots(1, 2, sharex=True)
    t = np.arange(epochs + 1)
    for name, layer, i, j in worked.weight_names(net):
        path = h.parameter(layer, i, j)[: epochs + 1]
        if layer == 0:
            style = "-" if j == 0 else "--"
            left.plot(t, path, style, color=SERIES[i], label=subscripted(name))
        else:
            right.plot(t, path, color=SERIES[i], label=subscripted(name))
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
    return figure_html(
        svg, ["Each weight over the first ", epochs_named, " epochs of batch training."]
    )
