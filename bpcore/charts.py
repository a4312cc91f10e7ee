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
import re

import matplotlib
import matplotlib.style
from cycler import cycler

matplotlib.use("Agg")
from matplotlib.figure import Figure

INK = "#010203"
"""Placeholder for text and axes; becomes ``currentColor``."""
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
    s = s.replace(INK, "currentColor")
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


def figure_html(svg: str, caption: str) -> str:
    """Wrap a chart in ``<figure>`` with a visible caption."""
    return (
        f'<figure class="bp-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>'
    )
