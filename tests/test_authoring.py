"""The authors' pages: the API reference covers bpcore's public names, the guide's blocks run."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

import bpcore
from bpcore import golden, xor

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
    """The API page's anchor for ``bpcore.<name>``.

    A function named like its module (``bpcore.network.network``) keeps its full path:
    mkdocstrings reads ``bpcore.network`` as the module.
    """
    module = getattr(getattr(bpcore, name), "__module__", "")
    return f"bpcore.{name}.{name}" if module == f"bpcore.{name}" else f"bpcore.{name}"


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
    for name in ("bpcore.display.table", "bpcore.charts.render", "bpcore.values.values"):
        assert api.find(id=name) is not None, name
    for name in ("example", "values", "collapse", "boundary_chart"):
        assert api.find(id=f"bpcore.xor.{name}") is not None, name


def test_every_guide_snippet_ran_and_shows_its_result(site: Path) -> None:
    markdown = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    guide = soup(site, "guide")
    text = guide.get_text()
    assert "Traceback" not in text
    # Each ````md exec="1" source="above"```` snippet shows its Markdown, blocks included.
    sources = [c for c in guide.select("pre code") if c.get_text().startswith("```python exec=")]
    assert len(sources) == markdown.count('md exec="1" source="above"')
    assert f"The example's network has sizes {bpcore.example().net.sizes}." in text
    assert f"Relative tolerance: {golden.REL_TOL:g}" in text
    names = {str(s["data-name"]) for s in guide.select("span.bp-num[data-name]")}
    assert {"loss.E", "lr", "grad.exact.w1", "init.w2", "xor.epochs"} <= names
    code = [c.get_text() for c in guide.select("pre code")]
    for function in (xor.loss_chart, xor.example):
        assert inspect.getsource(function) in code, function.__name__


@pytest.mark.parametrize("page", ["guide", "xor"])
def test_authoring_pages_link_into_the_api_reference(site: Path, page: str) -> None:
    hrefs = {str(a["href"]) for a in soup(site, page).select("a[href]")}
    assert "../api/#bpcore.network.network" in hrefs
    assert not [h for h in hrefs if "][" in h]
