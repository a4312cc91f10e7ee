"""Charts: deterministic inline SVG, named for assistive technology, in the page's colours."""

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup, Tag

from bpcore.site.examples import worked
from bpcore.site.pages import mazur_figures, worked_charts, xor_figures
from bpcore.site.pageweight import HTML_BUDGET, TOTAL_BUDGET, over_budget, page_weights
from bpcore.site.render import charts
from bpcore.site.render.numbers import fmt, subscripted

CHARTS: dict[str, Callable[[], str]] = {
    "network": worked_charts.network_diagram,
    "sigmoid": worked_charts.sigmoid_chart,
    "graph-1": lambda: worked_charts.computational_graph(1),
    "graph-mean": lambda: worked_charts.computational_graph(None),
    "threshold": worked_charts.threshold_chart,
    "modes": worked_charts.modes_chart,
    "rates": worked_charts.rates_chart,
    "trajectories": worked_charts.trajectories_chart,
    "xor-loss": xor_figures.loss_chart,
    "xor-boundary": xor_figures.boundary_chart,
    "mazur-loss": mazur_figures.loss_chart,
}
PHONE_COLUMN = 328
"""CSS pixels across the column of a 360 px phone, to which a wider chart shrinks."""

PAGES = ["index", "example", "backward", "reconciled", "training", "gradient-check", "notation"]


def test_render_rejects_a_name_that_is_not_a_slug() -> None:
    fig = charts.figure()
    with pytest.raises(ValueError, match="lowercase slug"):
        charts.render(fig, "Loss Curve", "t", "d")


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_chart_is_a_named_captioned_deterministic_svg(name: str) -> None:
    html = CHARTS[name]()
    assert html == CHARTS[name](), "two renders differ"
    soup = BeautifulSoup(html, "html.parser")
    assert soup.figure is not None and soup.figure.figcaption is not None
    assert soup.figure.figcaption.get_text().strip()
    svg = soup.svg
    assert svg is not None
    assert svg["role"] == "img"
    title, desc = svg.find("title"), svg.find("desc")
    assert title is not None and title.get_text() and desc is not None and desc.get_text()
    assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    # Every id is prefixed by the chart's name, so charts on one page cannot clash.
    ids = [str(t["id"]) for t in soup.find_all(id=True)]
    assert ids and all(i.startswith(f"{name}-") for i in ids)
    assert len(ids) == len(set(ids))
    # Text is real text in the page's colour; no placeholder colour or date survives.
    assert svg.find("text") is not None
    for placeholder in (charts.INK, charts.PAPER, *charts.SERIES):
        assert placeholder not in html
    assert "currentColor" in html
    assert "font-family" not in html
    assert not re.search(r"\d{4}-\d\d-\d\d", html)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_each_charts_text_is_at_least_10_px_on_a_phone(name: str) -> None:
    soup = BeautifulSoup(CHARTS[name](), "html.parser")
    svg = soup.find("svg", class_="bp-narrow") or soup.svg
    assert svg is not None
    # Sizes are in the SVG's units (points, 4/3 of a CSS pixel at the SVG's natural width), and
    # the SVG shrinks to the column if it is wider.
    units = float(str(svg["viewbox"]).split()[2])  # html.parser lowercases attributes
    scale = min(4 / 3, PHONE_COLUMN / units)
    sizes = [float(px) for px in re.findall(r"font-size:\s*([\d.]+)px", str(svg))]
    assert sizes and min(sizes) * scale >= 10


def test_a_figure_shows_a_narrow_layout_on_a_phone_when_it_has_one() -> None:
    wide = charts.render(charts.figure(), "chart", "A chart", "What it shows.")
    narrow = charts.render(charts.figure(3.0), "chart-narrow", "A chart", "What it shows.")
    both = BeautifulSoup(charts.figure_html(wide, "Caption.", narrow), "html.parser")
    classes = [svg["class"] for svg in both.find_all("svg")]
    assert classes == [["bp-chart", "bp-wide"], ["bp-chart", "bp-narrow"]]
    one = BeautifulSoup(charts.figure_html(wide, "Caption."), "html.parser")
    assert [svg["class"] for svg in one.find_all("svg")] == [["bp-chart"]]
    # Nothing scrolls, so nothing needs the keyboard's focus.
    assert one.figure is not None and not one.figure.has_attr("tabindex")
    css = (Path(__file__).parent.parent / "docs/assets/site.css").read_text(encoding="utf-8")
    assert ".bp-narrow { display: none; }" in css


def test_network_diagram_labels_every_initial_weight() -> None:
    net = worked.example().net
    texts = [
        t.get_text()
        for t in BeautifulSoup(worked_charts.network_diagram(), "html.parser").find_all("text")
    ]
    for name, layer, i, j in worked.weight_names(net):
        label = f"{subscripted(name)} = {fmt(net.weights[layer][i, j], 2)}"
        assert label in texts
    for unit in ("x₁", "x₂", "x₃", "h₁", "h₂", "y"):
        assert unit in texts


def test_network_diagram_labels_do_not_overlap_and_sit_on_their_own_edges() -> None:
    boxes = worked_charts.network_label_extents()
    assert len(boxes) == 8
    for (a, (ax0, ay0, ax1, ay1)), (b, (bx0, by0, bx1, by1)) in itertools.combinations(
        boxes.items(), 2
    ):
        assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"{a} overlaps {b}"
    # Labels are coloured by their input: an input's colour is on its two edges only.
    soup = BeautifulSoup(worked_charts.network_diagram(), "html.parser")
    colours: dict[str, set[str]] = {}
    for text in soup.find_all("text"):
        m = re.search(r"fill:\s*([^;\"]+)", str(text.get("style", "")))
        if m and text.get_text().startswith("v"):
            colours.setdefault(text.get_text()[1], set()).add(m.group(1))
    assert sorted(colours) == ["₁", "₂", "₃"]
    assert all(len(c) == 1 for c in colours.values())
    assert len(set.union(*colours.values())) == 3


def _graph_layouts(sample: int | None) -> list[Tag]:
    """The circuit's two drawings: for a desktop, then for a phone."""
    soup = BeautifulSoup(worked_charts.computational_graph(sample), "html.parser")
    layouts = soup.find_all("svg")
    assert [svg["class"] for svg in layouts] == [["bp-chart", "bp-wide"], ["bp-chart", "bp-narrow"]]
    return layouts


def _shown_as(value: float) -> str:
    # Three significant digits, and never fewer than three decimals: 0.267, 0.0540, 0.00450.
    if value == 0:
        return fmt(value)
    return fmt(value, max(3, 2 - int(np.floor(np.log10(abs(value))))))


@pytest.mark.parametrize("sample", [1, 2, 3, None])
def test_computational_graph_shows_the_engines_values(sample: int | None) -> None:
    rec = worked.record()
    tr, g = rec.trace, rec.gradients["exact"]
    x, m = tr.inputs, tr.inputs.shape[0]
    # Per sample, straight from the engine: dE_k/dz is m times its delta (which holds 1/m).
    per = {
        "y": tr.output[:, 0] - rec.example.T[:, 0],
        "s": m * g.deltas[1][:, 0],
        "h₁": m * g.deltas[0][:, 0],
        "h₂": m * g.deltas[0][:, 1],
        "w₁": m * g.deltas[1][:, 0] * tr.post[0][:, 0],
        "w₂": m * g.deltas[1][:, 0] * tr.post[0][:, 1],
    }
    for i in range(3):
        for j in range(2):
            per[subscripted(f"v{i + 1}{j + 1}")] = m * g.deltas[0][:, j] * x[:, i]
    forward = [*x.T, *tr.post[0].T, tr.pre[1][:, 0], tr.output[:, 0], rec.terms]
    if sample is None:
        want = {k: float(v.mean()) for k, v in per.items()}
        values = [float(v.mean()) for v in forward]
        loss = "E"
        # For a weight, the mean of the per-sample gradients is the engine's gradient of E.
        for name, layer, i, j in worked.weight_names(rec.example.net):
            assert want[subscripted(name)] == pytest.approx(g.weights[layer][i, j])
    else:
        want = {k: float(v[sample - 1]) for k, v in per.items()}
        values = [float(v[sample - 1]) for v in forward]
        loss = subscripted(f"E{sample}")
    for svg in _graph_layouts(sample):
        texts = [t.get_text() for t in svg.find_all("text")]
        shown = {}
        for t in texts:
            if mt := re.fullmatch(rf"∂{loss}/∂(\S+) = (\S+)", t.strip()):
                shown[mt.group(1)] = mt.group(2)
        assert shown == {k: _shown_as(v) for k, v in want.items()}
        # The forward values, by the nodes, in the order x1 x2 x3 h1 h2 s y E.
        numbers = [t for t in texts if re.fullmatch(r"\d+(\.\d+)?", t)]
        assert numbers == [
            fmt(v, 0) if k < 3 and v.is_integer() else _shown_as(v) for k, v in enumerate(values)
        ]
        # The highlighted path's product, written out under the graph, last (two lines if narrow).
        label = f"∂{loss}/∂v₁₁ = {shown['v₁₁']}"
        start = [k for k, t in enumerate(texts) if t.startswith(f"∂{loss}/∂v₁₁ = ") and t != label]
        written = " ".join(texts[start[0] :])
        assert "(y − t) · σ′(s) · w₁ · x₁" in written and written.endswith(shown["v₁₁"])


@pytest.mark.parametrize("sample", [1, None])
def test_computational_graph_highlights_the_path_from_the_loss_to_v11(sample: int | None) -> None:
    for svg in _graph_layouts(sample):
        segments = []
        for path in svg.find_all("path"):
            if "stroke:var(--bp-c1)" in str(path.get("style", "")).replace(" ", ""):
                coords = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", str(path["d"]))]
                segments.append(((coords[0], coords[1]), (coords[-2], coords[-1])))
        # Four edges, x1-h1, h1-s, s-y, y-E, each starting across a node from where the last
        # ends (a diameter where the path runs straight, a little less where it bends).
        assert len(segments) == 4
        segments.sort()
        diameter = 2 * 0.23 * 72
        for (_, end), (start, _) in itertools.pairwise(segments):
            gap = np.hypot(start[0] - end[0], start[1] - end[1])
            assert 0.9 * diameter <= gap <= 1.01 * diameter
        # x1 is the top input, so the path starts at the top left.
        assert segments[0][0][1] == min(y for seg in segments for _, y in seg)


def test_sigmoid_chart_marks_each_samples_slope() -> None:
    rec = worked.record()
    texts = [
        t.get_text()
        for t in BeautifulSoup(worked_charts.sigmoid_chart(), "html.parser").find_all("text")
    ]
    for k, slope in enumerate(rec.factors.dy_ds, 1):
        y = rec.trace.output[k - 1, 0]
        assert slope == pytest.approx(y * (1 - y))
        assert f"x({k}): {fmt(slope)}" in texts
    tangents = worked_charts.sigmoid_tangents()
    assert [t[2] for t in tangents] == list(rec.factors.dy_ds)


def test_series_colours_are_css_variables_defined_for_both_palettes() -> None:
    css = (Path(__file__).parent.parent / "docs/assets/site.css").read_text(encoding="utf-8")
    used = set(re.findall(r"var\(--bp-c(\d)\)", "".join(f() for f in CHARTS.values())))
    assert used
    for scheme in ("default", "slate"):
        block = re.search(rf'\[data-md-color-scheme="{scheme}"\][^{{]*\{{([^}}]*)\}}', css)
        assert block is not None
        for k in used:
            assert f"--bp-c{k}:" in block.group(1)


def test_every_page_stays_within_the_page_weight_budget(site: Path) -> None:
    weights = {w.page: w for w in page_weights(site)}
    for name in PAGES:
        assert ("index.html" if name == "index" else f"{name}/index.html") in weights
    assert over_budget(weights.values()) == []
    # The crawler follows a stylesheet to its font; only pages with math load the math font.
    for w in weights.values():
        has_math = "<math" in (site / w.page).read_text(encoding="utf-8")
        loads_font = any(a.endswith(".woff2") for a in w.assets)
        assert loads_font == has_math, f"{w.page}: has math {has_math}, loads its font {loads_font}"
    assert sum(any(a.endswith(".woff2") for a in w.assets) for w in weights.values()) >= 5


def test_page_weight_counts_each_asset_once_and_follows_stylesheets(tmp_path: Path) -> None:
    (tmp_path / "assets" / "fonts").mkdir(parents=True)
    (tmp_path / "assets" / "workers").mkdir()
    (tmp_path / "guide").mkdir()
    font = tmp_path / "assets" / "fonts" / "math.woff2"
    font.write_bytes(b"\0" * 1000)
    worker = tmp_path / "assets" / "workers" / "search.js"
    worker.write_text("onmessage = () => {}", encoding="utf-8")
    css = tmp_path / "assets" / "site.css"
    # The font twice (once with a query), a data: URL and an absent file, which count nothing.
    css.write_text(
        "@font-face { src: url('fonts/math.woff2') }\n"
        "@font-face { src: url(fonts/math.woff2?v=2) }\n"
        "i { background: url(data:image/png,x) } b { background: url(gone.png) }\n",
        encoding="utf-8",
    )
    # The stylesheet named twice (relative and from the root), an external script, and
    # Material's search worker named only in the __config script's JSON.
    page = tmp_path / "guide" / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="../assets/site.css">'
        '<link rel="stylesheet" href="/assets/site.css">'
        '<script src="https://cdn.example.org/x.js"></script>'
        '<script id="__config" type="application/json">'
        '{"search": "../assets/workers/search.js"}</script><p>Hello</p>',
        encoding="utf-8",
    )
    [w] = page_weights(tmp_path)
    assert w.page == "guide/index.html"
    assert w.assets == ("assets/fonts/math.woff2", "assets/site.css", "assets/workers/search.js")
    size = sum(p.stat().st_size for p in (page, css, font, worker))
    assert (w.html_bytes, w.total_bytes) == (page.stat().st_size, size)
    assert over_budget([w]) == []

    # One byte over each budget bites, once per budget missed.
    font.write_bytes(b"\0" * (TOTAL_BUDGET - size + font.stat().st_size + 1))
    [w] = page_weights(tmp_path)
    assert w.total_bytes == TOTAL_BUDGET + 1
    assert over_budget([w]) == [
        f"guide/index.html: HTML + assets {TOTAL_BUDGET + 1} bytes (450.0 KiB)"
        f" > {TOTAL_BUDGET} bytes (450 KiB)"
    ]
    page.write_text("x" * (HTML_BUDGET + 1), encoding="utf-8")
    [w] = page_weights(tmp_path)
    assert w.assets == ()
    assert [line.split(" bytes")[0] for line in over_budget([w])] == [
        f"guide/index.html: HTML {HTML_BUDGET + 1}"
    ]
