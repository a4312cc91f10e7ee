"""The offline build (``make build-offline``) read from a folder, as a class gets it: file://.

Chromium opens the copy's ``index.html`` from the file system, types into search the loss the
worked example page shows, and must list that page among the results; no request may leave
the folder (the search worker's shim included: Material would load it from unpkg.com).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_build
from playwright.sync_api import Browser

from bpcore.site.examples import REGISTRY

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built as ``make build-offline`` builds it (BP_OFFLINE=true)."""
    dest = tmp_path_factory.mktemp("offline") / "site-offline"
    result = mkdocs_build(dest, ROOT / "mkdocs-offline.yml", env={"BP_OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    return dest


def shown_loss(site: Path) -> str:
    """The loss as the worked example page shows it with the most digits."""
    soup = BeautifulSoup((site / "example.html").read_text(encoding="utf-8"), "html.parser")
    shown = [el.get_text() for el in soup.select('[data-name="loss.E"]')]
    assert shown, "the worked example page shows no loss.E"
    return max(shown, key=len)


def test_the_offline_build_links_pages_as_files(offline_site: Path) -> None:
    index = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="example.html"' in index
    assert (offline_site / "search" / "search_index.js").read_text().startswith("var __index")
    assert "unpkg.com" not in index
    assert '<script src="assets/javascripts/iframe-worker-shim.js">' in index


def test_search_from_file_finds_a_computed_number_on_the_worked_example(
    browser: Browser, offline_site: Path
) -> None:
    loss = shown_loss(offline_site)
    assert float(loss) == pytest.approx(REGISTRY.value("loss.E"), abs=0.5 * 10 ** -(len(loss) - 2))
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(60_000)
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type(loss)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    results.first.wait_for()
    found = [link.get_attribute("href") or "" for link in results.all()]
    context.close()
    assert any(href.split("?")[0].endswith("/example.html") for href in found), (loss, found)
    assert not errors, errors
    assert not outside, outside
