"""The XOR page's tables and charts, drawn from the XOR example's record."""

from __future__ import annotations

import numpy as np

from bpcore import forward, parameter_names
from bpcore.site.examples import REGISTRY
from bpcore.site.examples.xor import (
    CHECKED,
    GRID,
    HIDDEN_ACTIVATIONS,
    POINTS,
    SAMPLED_EPOCHS,
    THRESHOLD,
    record,
)
from bpcore.site.render.charts import (
    INK,
    SERIES,
    figure,
    figure_html,
    log_losses,
    loss_axes,
    render,
)
from bpcore.site.render.numbers import DIGITS, Named
from bpcore.site.render.tables import Cell, table


def ref(name: str, digits: int = DIGITS) -> Named:
    """A table cell showing the named XOR value."""
    return REGISTRY.named(name, digits)


def points_table() -> str:
    """The four XOR points and their targets."""
    rows: list[list[Cell]] = [
        [f"x({k})", ref(f"xor.x1({k})", 0), ref(f"xor.x2({k})", 0), ref(f"xor.t({k})", 0)]
        for k in range(1, len(POINTS) + 1)
    ]
    return table(["point", "x1", "x2", "t"], rows, "The four XOR points")


def init_table() -> str:
    """The seeded initial weights and biases, shared by every run."""
    names = parameter_names(record().examples[HIDDEN_ACTIVATIONS[0]].net)
    rows: list[list[Cell]] = [[name, ref(f"xor.init.{name}")] for name in names]
    return table(["parameter", "initial value"], rows, "The XOR network's initial parameters")


def loss_table() -> str:
    """The loss of each run at a few epochs."""
    rows: list[list[Cell]] = [
        [
            ref(f"xor.sampled({k})", 0),
            *(ref(f"xor.{hidden}.E[{e}]", 4) for hidden in HIDDEN_ACTIVATIONS),
        ]
        for k, e in enumerate(SAMPLED_EPOCHS, 1)
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
    names = parameter_names(record().examples[CHECKED].net)
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
    fig, ax = loss_axes(3.8, "loss E (log scale)")
    for k, hidden in enumerate(HIDDEN_ACTIVATIONS):
        log_losses(ax, record().runs[hidden].losses, f"{hidden} hidden units", color=SERIES[k])
    ax.axhline(
        REGISTRY.value("xor.one_wrong.loss"),
        color=INK,
        linestyle=":",
        linewidth=1,
        label="one point wholly wrong",
    )
    # Below the axes: inside, at the chart's width, it would cover the curves.
    ax.legend(ncols=2, loc="upper center", bbox_to_anchor=(0.5, -0.2))
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
    rec = record()
    ex = rec.examples[HIDDEN_ACTIVATIONS[0]]
    g1, g2 = np.meshgrid(GRID, GRID)
    plane = np.column_stack([g1.ravel(), g2.ravel()])
    # Two panels to a row, the legend in the fourth place: three in a row would be too small.
    fig = figure(height=5.0)
    *axes, spare = fig.subplots(2, 2).flat
    for ax, hidden, colour in zip(axes, HIDDEN_ACTIVATIONS, SERIES[: len(axes)], strict=True):
        y = forward(rec.runs[hidden].final, plane).output.reshape(g1.shape)
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
        ax.set_title(f"{hidden} hidden units", fontsize="medium")
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.set_aspect("equal")
    spare.set_axis_off()
    spare.legend(*axes[0].get_legend_handles_labels(), loc="center")
    svg = render(
        fig,
        "xor-boundary",
        "XOR decision boundaries after training, one panel per hidden activation",
        "With identity hidden units the boundary is one straight line and one point is on "
        "the wrong side; with sigmoid or tanh hidden units the boundary bends around the "
        "points so that every point is on its side.",
    )
    return figure_html(svg, "Where each trained network's output crosses the threshold.")
