"""The authors' pages: the API reference covers bpcore's public names, the guide's blocks run."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

import bpcore
from bpcore.site.examples import xor
from bpcore.site.pages import worked_tables

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTED = [n for n in bpcore.__all__ if inspect.isfunction(getattr(bpcore, n))]
DOCUMENTED += [n for n in bpcore.__all__ if inspect.isclass(getattr(bpcore, n))]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def api_reference(site: Path) -> BeautifulSoup:
    """Every page of the API reference (``api/`` and below) as one document."""
    pages = sorted((site / "api").rglob("index.html"))
    assert pages, "the site has no API reference"
    return BeautifulSoup("".join(p.read_text(encoding="utf-8") for p in pages), "html.parser")


def api_id(name: str) -> str:
    """The API page's anchor for ``bpcore.<name>``: no public name is also a module's."""
    return f"bpcore.{name}"


def entry(api: BeautifulSoup, name: str) -> Tag:
    """The API page's block for ``bpcore.<name>``: its heading and everything rendered under it."""
    heading = api.find(id=api_id(name))
    assert isinstance(heading, Tag), f"no entry for {api_id(name)}"
    block = heading.find_parent("div", class_="doc-object")
    assert isinstance(block, Tag), f"{api_id(name)} is not rendered by mkdocstrings"
    assert "doc-module" not in (block.get("class") or []), f"{api_id(name)} shows a module"
    return block


@pytest.mark.parametrize("name", DOCUMENTED)
def test_public_functions_and_classes_have_an_example(name: str) -> None:
    doc = inspect.getdoc(getattr(bpcore, name)) or ""
    assert re.search(r"^Examples:$", doc, re.M), f"bpcore.{name} has no Examples section"


def test_api_page_has_every_public_name_with_signature_errors_and_example(site: Path) -> None:
    api = api_reference(site)
    for name in bpcore.__all__:
        block = entry(api, name)
        text = block.get_text(" ")
        if name in DOCUMENTED:
            assert "Example" in text, name
        if "Raises:" in (inspect.getdoc(getattr(bpcore, name)) or ""):
            assert "Raises" in text, name
        if inspect.isfunction(getattr(bpcore, name)):
            signature = block.select_one(".doc-signature")
            assert signature is not None and f"{name}(" in signature.get_text(), name


def test_api_page_shows_the_modules_pages_use(site: Path) -> None:
    api = api_reference(site)
    for name in (
        "bpcore.site.render.tables.table",
        "bpcore.site.render.charts.render",
        "bpcore.site.render.placeholders.PlaceholderExtension",
        "bpcore.site.registry.Registry",
        "bpcore.site.examples.worked.record",
        "bpcore.site.examples.worked.values",
        "bpcore.site.examples.article.reconcile",
        "bpcore.site.pages.worked_tables.forward_table",
        "bpcore.site.drift.check_site",
    ):
        assert api.find(id=name) is not None, name
    for name in ("example", "record", "values", "collapse"):
        assert api.find(id=f"bpcore.site.examples.xor.{name}") is not None, name
    assert api.find(id="bpcore.site.pages.xor_figures.boundary_chart") is not None


def test_every_guide_snippet_ran_and_shows_its_result(site: Path) -> None:
    markdown = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    guide = soup(site, "guide")
    text = guide.get_text()
    assert "Traceback" not in text
    # Each ````md exec="1" source="above"```` snippet shows its Markdown, blocks included.
    snippets = markdown.count('md exec="1" source="above"')
    assert snippets >= 3
    shown = [c.get_text() for c in guide.select("pre code")]
    assert sum(c.startswith(("```python exec=", "Before any training")) for c in shown) == snippets
    assert "Sources: example, article, xor, mazur." in text
    names = {str(s["data-name"]) for s in guide.select("span.bp-num[data-name]")}
    assert {"loss.E", "lr", "grad.exact.w1", "init.w2", "new.exact.w2"} <= names
    assert guide.select_one("q.bp-quoted[data-quoted='y(1)']") is not None
    assert guide.select_one("svg.bp-chart") is not None
    for function in (worked_tables.update_table, xor.record):
        assert inspect.getsource(function) in shown, function.__name__


READER_PAGES = ["example", "backward", "reconciled", "training", "gradient-check", "notation"]
READER_PAGES += ["xor", "mazur", "mazur-reconciled"]


@pytest.mark.parametrize("page", READER_PAGES)
def test_reader_pages_hold_no_authoring_material(site: Path, page: str) -> None:
    text = soup(site, page).select_one("article")
    assert text is not None
    hrefs = {str(a["href"]) for a in text.select("a[href]")}
    assert not [h for h in hrefs if "guide/" in h], page
    assert "golden" not in text.get_text().lower(), page


@pytest.mark.parametrize("page", ["guide"])
def test_authoring_pages_link_into_the_api_reference(site: Path, page: str) -> None:
    hrefs = {str(a["href"]) for a in soup(site, page).select("a[href]")}
    assert "../api/#bpcore.network" in hrefs
    assert not [h for h in hrefs if "][" in h]
