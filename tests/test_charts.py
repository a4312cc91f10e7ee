"""Charts: deterministic inline SVG, named for assistive technology, in the page's colours."""

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bpcore.site.examples import worked
from bpcore.site.pages import mazur_figures, worked_charts
from bpcore.site.pageweight import HTML_BUDGET, TOTAL_BUDGET, over_budget, page_weights
from bpcore.site.render import charts
from bpcore.site.render.numbers import fmt

CHARTS: dict[str, Callable[[], str]] = {
    "network": worked_charts.network_diagram,
    "sigmoid": worked_charts.sigmoid_chart,
    "threshold": worked_charts.threshold_chart,
    "modes": worked_charts.modes_chart,
    "rates": worked_charts.rates_chart,
    "trajectories": worked_charts.trajectories_chart,
    "mazur-loss": mazur_figures.loss_chart,
}

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


def test_network_diagram_labels_every_initial_weight() -> None:
    net = worked.example().net
    texts = [
        t.get_text()
        for t in BeautifulSoup(worked_charts.network_diagram(), "html.parser").find_all("text")
    ]
    for name, layer, i, j in worked.weight_names(net):
        label = f"{charts.subscripted(name)} = {fmt(net.weights[layer][i, j], 2)}"
        assert label in texts
    for unit in ("x₁", "x₂", "x₃", "h₁", "h₂", "y"):
        assert unit in texts


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
    for w in weights.values():
        assert any(a.endswith(".woff2") for a in w.assets), f"{w.page}: the math font is not loaded"


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
