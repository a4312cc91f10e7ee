"""Page weight of a built site: the bytes each page costs a reader, against one budget.

This is the one crawler of the project: the benchmark (``scripts/bench``) and
the tests (``tests/test_charts.py``) both call ``page_weights`` and
``over_budget``, so they cannot disagree on what a page loads or on the
limits.

A page's weight is its HTML plus every local file it loads: stylesheets (and,
following them, their ``@import``s, fonts and images), scripts, icons,
preloads, images, and the search worker that Material for MkDocs starts from
the JSON of its ``__config`` script. Each file counts once per page, however
often it is named. Files on other origins and ``data:`` URLs count nothing.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

# Budgets in bytes, with binary kilobytes (KiB, 1024 bytes): 150 KiB = 153 600 bytes.
HTML_BUDGET = 150 * 1024
"""Most bytes of HTML one page may have."""
TOTAL_BUDGET = 450 * 1024
"""Most bytes one page may load in all: its HTML plus every local asset."""

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)['"]""")
_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


@dataclass(frozen=True)
class PageWeight:
    """What one page of the built site weighs.

    Attributes:
        page: The page's path in the site, with ``/`` separators (``"api/index.html"``).
        html_bytes: Bytes of the page's HTML as stored.
        total_bytes: Bytes of the HTML plus every local asset it loads, as stored.
        total_gzip_bytes: The same files each gzip-compressed: what a server that
            compresses would send (for information; the budgets are on stored bytes).
        assets: The assets counted, as paths in the site, sorted.
    """

    page: str
    html_bytes: int
    total_bytes: int
    total_gzip_bytes: int
    assets: tuple[str, ...]


def page_weights(site: Path) -> list[PageWeight]:
    """Weigh every HTML page of a built site.

    Args:
        site: The directory the site was built into.

    Returns:
        One ``PageWeight`` per ``*.html`` file, sorted by path.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     _ = (Path(d) / "index.html").write_text('<link rel="stylesheet" href="a.css">')
        ...     _ = (Path(d) / "a.css").write_text("p { color: red }")
        ...     [(w.page, w.html_bytes, w.total_bytes, w.assets) for w in page_weights(Path(d))]
        [('index.html', 36, 52, ('a.css',))]
    """
    site = site.resolve()
    weights = []
    for page in sorted(site.rglob("*.html")):
        files = [page, *sorted(_assets_of(page, site))]
        weights.append(
            PageWeight(
                page=page.relative_to(site).as_posix(),
                html_bytes=page.stat().st_size,
                total_bytes=sum(f.stat().st_size for f in files),
                total_gzip_bytes=sum(len(gzip.compress(f.read_bytes())) for f in files),
                assets=tuple(f.relative_to(site).as_posix() for f in files[1:]),
            )
        )
    return weights


def over_budget(weights: Iterable[PageWeight]) -> list[str]:
    """Say which pages miss ``HTML_BUDGET`` or ``TOTAL_BUDGET``, one line per miss.

    Args:
        weights: Pages as weighed by ``page_weights``.

    Returns:
        One line per page and budget missed (a page can miss both); empty if all are met.

    Examples:
        >>> over_budget([PageWeight("a.html", 200 * 1024, 200 * 1024, 1, ())])
        ['a.html: HTML 204800 bytes (200.0 KiB) > 153600 bytes (150 KiB)']
    """
    lines = []
    for w in weights:
        for what, size, budget in (
            ("HTML", w.html_bytes, HTML_BUDGET),
            ("HTML + assets", w.total_bytes, TOTAL_BUDGET),
        ):
            if size > budget:
                lines.append(
                    f"{w.page}: {what} {size} bytes ({size / 1024:.1f} KiB)"
                    f" > {budget} bytes ({budget // 1024} KiB)"
                )
    return lines


def _local(url: str) -> str | None:
    """The path part of a URL that points into the site, or None for other origins and data."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def _css_urls(css: str) -> list[str]:
    """Every ``url(...)`` and ``@import "..."`` in a stylesheet (fonts, images, other CSS)."""
    return _CSS_URL.findall(css) + _CSS_IMPORT.findall(css)


def _page_urls(html: str) -> list[str]:
    """URLs the page loads: stylesheets, icons, preloads, scripts, images, search worker."""
    soup = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    for link in soup.find_all("link", href=True):
        if _LINK_RELS & set(link.get_attribute_list("rel")):
            urls.append(str(link["href"]))
    urls += [str(tag["src"]) for tag in soup.find_all(["script", "img", "source"], src=True)]
    urls += [str(tag["href"]) for tag in soup.find_all("image", href=True)]
    config = soup.find("script", id="__config")
    if isinstance(config, Tag):  # Material starts its search worker from this script's JSON
        worker = json.loads(config.get_text()).get("search")
        if worker:
            urls.append(str(worker))
    return urls


def _assets_of(page: Path, site: Path) -> set[Path]:
    """Every local file the page loads, following stylesheets to what they load in turn."""
    found: set[Path] = set()
    queue = [(page.parent, url) for url in _page_urls(page.read_text(encoding="utf-8"))]
    while queue:
        base, url = queue.pop()
        path = _local(url)
        if path is None:
            continue
        target = (site / path.lstrip("/") if path.startswith("/") else base / path).resolve()
        if target in found or not target.is_file() or site not in target.parents:
            continue
        found.add(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8")
            queue += [(target.parent, u) for u in _css_urls(css)]
    return found
