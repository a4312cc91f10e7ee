"""Charts as inline SVG: real text, page colours, accessible names, no randomness.

Every chart is a matplotlib figure turned into an ``<svg>`` string by
[`render`][bpcore.site.render.charts.render]. Colours are placeholders that ``render``
swaps for CSS: text and axes take ``currentColor`` (so they follow the light
or dark palette), series take ``var(--bp-c1)`` to ``var(--bp-c4)``, defined
for both palettes in ``docs/assets/site.css``.
"""

from __future__ import annotations

import html
import io
import math
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
import matplotlib.style
import numpy as np
from cycler import cycler

matplotlib.use("Agg")
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from bpcore.activations import Array
from bpcore.site.render.numbers import Named, num, power_of_ten

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


def figure(width: float = 4.8, height: float = 3.0) -> Figure:
    """A new figure in the site's style (size in inches). At the default width, text of the
    style's size is fifteen pixels tall on a desktop and still ten on a small phone, whose column
    the chart shrinks to."""
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


def figure_html(svg: str, caption: str | Sequence[str | Named], narrow: str | None = None) -> str:
    """Wrap a chart in ``<figure>`` with a visible caption.

    Args:
        svg: The chart, from [`render`][bpcore.site.render.charts.render].
        caption: Text, or pieces of text and named values (a number in a caption
            is a named value like any other).
        narrow: The same chart laid out for a phone, if it needs its own layout: shown instead
            of ``svg`` on a narrow screen (``site.css``).
    """
    parts = [caption] if isinstance(caption, str) else caption
    text = "".join(num(p) if isinstance(p, Named) else html.escape(p) for p in parts)
    if narrow is not None:
        svg = _with_class(svg, "bp-wide") + _with_class(narrow, "bp-narrow")
    return f'<figure class="bp-figure">{svg}<figcaption>{text}</figcaption></figure>'


def _with_class(svg: str, name: str) -> str:
    """``svg`` from [`render`][bpcore.site.render.charts.render] with one more class."""
    return svg.replace('<svg class="bp-chart"', f'<svg class="bp-chart {name}"', 1)


LOG_FLOOR = 1e-16
"""Losses below this are left off log-scale charts: they are round-off, not progress."""


def _decade_label(value: float, _position: int) -> str:
    # Plain text (10⁻⁴) instead of matplotlib's mathtext ($10^{-4}$), whose parsing
    # was the largest cost of drawing the loss charts.
    return power_of_ten(round(math.log10(value))) if value > 0 else ""


def log_losses(ax: Axes, losses: Array, label: str, **style: Any) -> None:
    """Plot a loss curve on ``ax`` with a log scale: one point per epoch.

    Losses below ``LOG_FLOOR`` (round-off, or exactly zero) are left off, since a
    log axis has no place for them.
    """
    shown = np.where(losses > LOG_FLOOR, losses, np.nan)
    ax.semilogy(np.arange(losses.size), shown, label=label, **style)
    ax.yaxis.set_major_formatter(FuncFormatter(_decade_label))
    # Minor ticks between the decades add weight to the page, not information.
    ax.yaxis.set_minor_locator(NullLocator())


def loss_axes(height: float = 3.2, ylabel: str = "E (log scale)") -> tuple[Figure, Axes]:
    """The frame every loss chart shares: epochs across, the loss on a log scale."""
    fig = figure(height=height)
    ax = fig.add_subplot()
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.grid(True)
    return fig, ax
