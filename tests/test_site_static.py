"""The built site as files: every internal link and anchor resolves, and builds are reproducible."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_build

# Attributes that make the browser fetch or navigate to another address.
LINK_ATTRIBUTES = ("href", "src", "xlink:href", "action", "poster")


def html_files(site: Path) -> list[Path]:
    """Every HTML file of the built site, in a stable order."""
    return sorted(site.rglob("*.html"))


def anchors(page: Path) -> set[str]:
    """The fragment names a page defines (``id`` of any element, ``name`` of ``<a>``)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    ids = {str(el["id"]) for el in soup.find_all(id=True)}
    return ids | {str(a["name"]) for a in soup.find_all("a", attrs={"name": True})}


def link_target(site: Path, page: Path, address: str) -> tuple[Path, str] | None:
    """The file and fragment an address on ``page`` points to, or None if it leaves the site."""
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = page.parent / path
    target = target.resolve()
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def link_problem(root: Path, page: Path, address: str, known: dict[Path, set[str]]) -> str | None:
    """Why an address on ``page`` does not resolve, or None if it does or leaves the site.

    ``known`` caches the anchors of pages already read.
    """
    found = link_target(root, page, address)
    if found is None:
        return None
    target, fragment = found
    if not target.is_relative_to(root) or not target.is_file():
        return f"no file {target}"
    if not fragment or target.suffix != ".html":
        return None
    if target not in known:
        known[target] = anchors(target)
    if fragment in known[target]:
        return None
    return f"no id {fragment!r} in {target.relative_to(root)}"


def broken_links(site: Path) -> list[str]:
    """Every internal address in the built HTML that names a missing file or anchor."""
    root = site.resolve()
    known: dict[Path, set[str]] = {}
    broken = []
    for page in html_files(root):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        name = page.relative_to(root)
        for el in soup.find_all(True):
            for attr in LINK_ATTRIBUTES:
                address = el.get(attr)
                if not isinstance(address, str):
                    continue
                problem = link_problem(root, page, address, known)
                if problem is not None:
                    broken.append(f"{name}: <{el.name} {attr}={address!r}> {problem}")
    return broken


def broken_css_urls(site: Path) -> list[str]:
    """Every ``url(...)`` in the site's stylesheets that names a file the site does not have."""
    broken = []
    for sheet in sorted(site.rglob("*.css")):
        for address in re.findall(r"""url\(\s*['"]?([^'")]+)""", sheet.read_text(encoding="utf-8")):
            found = link_target(site.resolve(), sheet.resolve(), address)
            if found is not None and not address.startswith("#") and not found[0].is_file():
                broken.append(f"{sheet.relative_to(site)}: url({address})")
    return broken


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    assert html_files(site), "the build wrote no HTML"
    assert broken_links(site) == []


def test_every_file_a_stylesheet_names_exists(site: Path, tmp_path: Path) -> None:
    assert broken_css_urls(site) == []
    (tmp_path / "a.css").write_text(
        "@font-face { src: url('fonts/gone.woff2') } i { background: url(data:image/png,x) }",
        encoding="utf-8",
    )
    assert broken_css_urls(tmp_path) == ["a.css: url(fonts/gone.woff2)"]


def test_the_link_check_finds_a_missing_page_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">A</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#here">ok</a><a href="a/#gone">no anchor</a><a href="b/">no page</a>'
        '<a href="https://example.org/">external</a><svg><use href="#missing"/></svg>',
        encoding="utf-8",
    )
    broken = broken_links(tmp_path)
    assert len(broken) == 3, broken
    assert "'gone'" in broken[0]
    assert "b/index.html" in broken[1]
    assert "'missing'" in broken[2]


def differing_files(a: Path, b: Path) -> list[str]:
    """Relative paths of files that are in only one tree or whose bytes differ."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    only = [f"{p} (only in one build)" for p in files_a ^ files_b]
    changed = [str(p) for p in files_a & files_b if (a / p).read_bytes() != (b / p).read_bytes()]
    return sorted(only + changed)


@pytest.mark.site
def test_two_builds_of_the_same_commit_are_byte_identical(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two builds back to back (not the session's site, built minutes earlier from a tree that
    # others may have edited since). The second runs without the exec cache, so every block
    # runs again in a new process: a chart id or a date that changes from run to run shows.
    first = tmp_path_factory.mktemp("site-first")
    assert mkdocs_build(first).returncode == 0
    monkeypatch.setenv("BP_EXEC_CACHE", "off")
    again = tmp_path_factory.mktemp("site-again")
    result = mkdocs_build(again)
    assert result.returncode == 0, result.stderr
    assert differing_files(first, again) == []


def test_the_build_comparison_names_the_files_that_differ(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "page").mkdir(parents=True)
        (root / "same.html").write_bytes(b"<p>1</p>")
    (a / "page" / "index.html").write_bytes(b'<svg id="c-1">')
    (b / "page" / "index.html").write_bytes(b'<svg id="c-2">')
    (a / "sitemap.xml.gz").write_bytes(b"\x1f\x8b")
    assert differing_files(a, b) == ["page/index.html", "sitemap.xml.gz (only in one build)"]


def test_search_ranks_reader_pages_above_the_api_reference(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    boosts = {d["location"].split("#")[0]: d.get("boost", 1) for d in index["docs"]}
    api = {page: b for page, b in boosts.items() if page.startswith("api/")}
    readers = {page: b for page, b in boosts.items() if page in ("example/", "backward/", "")}
    assert api and readers and min(readers.values()) > max(api.values()), (readers, api)


def unbalanced_braces(css: str) -> list[str]:
    """Where a stylesheet's braces do not pair up (comments and strings skipped).

    A stray ``}`` is not an error a browser reports: it silently swallows the rule after it.
    """
    text = re.sub(r"/\*.*?\*/|\"[^\"]*\"|'[^']*'", "", css, flags=re.S)
    depth, problems = 0, []
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                problems.append(f"line {number}: a '}}' closes nothing")
                depth = 0
    if depth:
        problems.append(f"{depth} '{{' never closed")
    return problems


STYLESHEETS = sorted((ROOT / "docs" / "assets").glob("*.css"))


@pytest.mark.parametrize("sheet", STYLESHEETS, ids=lambda p: p.name)
def test_every_stylesheet_has_balanced_braces(sheet: Path) -> None:
    assert not unbalanced_braces(sheet.read_text(encoding="utf-8"))


def test_the_brace_check_finds_a_stray_and_an_unclosed_brace() -> None:
    assert unbalanced_braces("a { b: c; }\n}\nd { e: f; }") == ["line 2: a '}' closes nothing"]
    assert unbalanced_braces("@media x { a { b: c; }") == ["1 '{' never closed"]
    assert not unbalanced_braces('a::before { content: "}"; } /* } */')


def test_each_page_loads_the_assets_it_uses_and_no_other(site: Path) -> None:
    """scripts/hooks/page_assets.py: the math font only with math, mkdocstrings' stylesheet only
    on the API reference, the reader's script everywhere else."""
    seen = {"math": 0, "api": 0}
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        head = BeautifulSoup(html, "html.parser")
        sheets = {
            str(link["href"]).rsplit("/", 1)[-1] for link in head.select("link[rel=stylesheet]")
        }
        scripts = {str(tag["src"]).rsplit("/", 1)[-1] for tag in head.select("script[src]")}
        where = page.relative_to(site)
        has_math, api = "<math" in html, 'class="doc doc-' in html
        seen["math"] += has_math
        seen["api"] += api
        assert ("math.css" in sheets) == has_math, where
        assert ("_mkdocstrings.css" in sheets) == api, where
        if page.name == "index.html" and head.select_one("article"):
            assert ("reader.js" in scripts) != api, where
    assert seen["math"] >= 5 and seen["api"] >= 10, seen
