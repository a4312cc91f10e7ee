"""What each reader page must show: its tables (by caption) and charts (by name).

A block that prints nothing, or something other than what its page expects,
leaves a figure missing; the drift check
([`check_site`][bpcore.site.drift.check_site]) then fails naming the page and
the figure. A new table or chart on a page is one more entry here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bs4 import BeautifulSoup

FIGURES: dict[str, tuple[str, ...]] = {
    "index.html": ("table: The forward pass of the example",),
    "example/index.html": (
        "chart: network",
        "chart: sigmoid",
        "table: The initial weights",
        "table: The training samples and their targets",
        "table: The forward pass of the example",
        "table: Each sample's loss term",
    ),
    "try/index.html": (
        "table: Forward pass",
        "table: Chain-rule factors",
        "table: Gradients and one step",
    ),
    "backward/index.html": (
        "table: The factors of dE/dw1, sample by sample",
        "table: The gradient of w1 beside the article's recipe",
        "table: One update of the output layer's weights",
        "table: The factors of dE/dv11, sample by sample",
        "table: One update of the hidden layer's weights",
        "chart: graph-1",
        "chart: graph-mean",
        "table: The forward pass after one update",
        "table: Each sample's loss term, after one update",
        "chart: threshold",
        "table: The outputs once the loss is below the threshold",
    ),
    "reconciled/index.html": (
        "table: The article's printed figures, recomputed",
        "table: The printed loss beside every loss it might be",
    ),
    "training/index.html": (
        "chart: modes",
        "chart: rates",
        "table: Batch and per-sample training at several learning rates",
        "chart: trajectories",
        "table: The weights before and after training",
        "table: What the trained network computes",
    ),
    "gradient-check/index.html": ("table: Backpropagation against central differences",),
    "notation/index.html": (
        "table: Symbols and their shapes",
        "table: The deltas of the example, one row per sample",
    ),
    "xor/index.html": (
        "table: The four XOR points",
        "table: The XOR network's initial parameters",
        "table: The XOR loss during training",
        "chart: xor-loss",
        "chart: xor-boundary",
        "table: The XOR outputs after training",
        "table: Gradient check of the XOR network with tanh hidden units",
    ),
    "mazur/index.html": (
        "table: Mazur's initial parameters",
        "table: The forward pass of Mazur's network",
        "table: The error of each output and the total",
        "table: The output layer's gradients, factor by factor",
        "table: Each hidden unit's share of the error, through both outputs",
        "table: The hidden layer's gradients, factor by factor",
        "table: Every weight after one step, biases held fixed",
        "table: The loss during the long run",
        "chart: mazur-loss",
    ),
    "mazur-reconciled/index.html": (
        "table: Mazur's printed figures, reconciled",
        "table: What each computation gives for his late figures",
    ),
}
"""Each reader page's figures, in page order: ``table: <caption>`` or ``chart: <name>``."""


def shown_figures(html: str) -> list[str]:
    """The figures a built page shows, in order, named as in ``FIGURES``.

    Examples:
        >>> shown_figures('<div class="bp-table" aria-label="A"></div>'
        ...               '<div class="bp-table"><table><caption>B</caption></table></div>'
        ...               '<svg class="bp-chart" aria-labelledby="loss-title loss-desc"></svg>')
        ['table: A', 'table: B', 'chart: loss']
    """
    soup = BeautifulSoup(html, "html.parser")
    found = []
    # A figure with a narrow layout for phones (charts.figure_html) is one figure, named by its
    # other layout.
    for tag in soup.select("div.bp-table, svg.bp-chart[aria-labelledby]:not(.bp-narrow)"):
        if tag.name == "div":
            # A table that scrolls is a region named by its caption; one that fits has the
            # caption only (tables.table(fits=True)).
            caption = tag.select_one("caption")
            name = tag.get("aria-label") or (caption.get_text() if caption else None)
            if name:
                found.append(f"table: {name}")
        else:
            found.append(f"chart: {str(tag['aria-labelledby']).split()[0].removesuffix('-title')}")
    return found


def missing_figures(
    html: str, page: str, figures: Mapping[str, Sequence[str]] = FIGURES
) -> list[str]:
    """One line per figure ``page`` should show (by ``figures``) and does not."""
    shown = set(shown_figures(html))
    return [
        f"{page}: {figure!r} is missing (a block printed nothing, or something else)"
        for figure in figures.get(page, ())
        if figure not in shown
    ]
