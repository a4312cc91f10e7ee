"""Charts: deterministic inline SVG, named for assistive technology, in the page's colours."""

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from bpcore.site.examples import worked
from bpcore.site.pages import worked_charts
from bpcore.site.render import charts
from bpcore.site.render.numbers import fmt

CHARTS: dict[str, Callable[[], str]] = {
    "network": worked_charts.network_diagram,
    "sigmoid": worked_charts.sigmoid_chart,
    "threshold": worked_charts.threshold_chart,
    "modes": worked_charts.modes_chart,
    "rates": worked_charts.rates_chart,
    "trajectories": worked_charts.trajectories_chart,
}

PAGES = ["index", "example", "reconciled", "training", "gradient-check", "notation"]


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


def _local_assets(page: Path, site: Path) -> set[Path]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refs = [str(t["href"]) for t in soup.select("link[rel=stylesheet][href]")]
    refs += [str(t["src"]) for t in soup.select("script[src]")]
    base = "http://site/" + str(page.parent.relative_to(site)).strip(".") + "/"
    found = {site / urlparse(urljoin(base, r)).path.lstrip("/") for r in refs}
    assets = {p for p in found if p.is_file()}
    for css in [p for p in assets if p.suffix == ".css"]:
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            target = (css.parent / url.split("#")[0].split("?")[0]).resolve()
            if not url.startswith("data:") and target.is_file():
                assets.add(target)
    return assets


@pytest.mark.parametrize("name", PAGES)
def test_every_page_stays_light(site: Path, name: str) -> None:
    page = site / ("index.html" if name == "index" else f"{name}/index.html")
    html_bytes = page.stat().st_size
    assert html_bytes <= 150_000, f"{name}: {html_bytes} bytes of HTML"
    assets = _local_assets(page, site)
    assert any(a.suffix == ".woff2" for a in assets), "the math font is not loaded"
    total = html_bytes + sum(a.stat().st_size for a in assets)
    assert total <= 450_000, f"{name}: {total} bytes with its assets"
