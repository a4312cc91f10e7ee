"""The site as published: site_url from BP_SITE_URL, a sitemap, and a 404 page that works
under a sub-path (a GitHub project page lives at https://USER.github.io/REPO/)."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import mkdocs_build

pytestmark = pytest.mark.site

SUB_PATH = "/course/backprop/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Pages(SimpleHTTPRequestHandler):
    """Serves files like GitHub Pages: a missing path gets the site's 404.html, status 404."""

    not_found_page: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self.not_found_page.exists():
            super().send_error(code, message, explain)
            return
        body = self.not_found_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The site built for BP_SITE_URL=http://127.0.0.1:PORT/course/backprop/ and served there.

    Yields the site's URL and its folder. The port is chosen before the build, so that
    site_url is exactly where the site is served.
    """
    root = tmp_path_factory.mktemp("pages")
    site = root / SUB_PATH.strip("/")
    handler = type("Handler", (_Pages,), {"not_found_page": site / "404.html"})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    url = f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    result = mkdocs_build(site, env={"BP_SITE_URL": url})
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url, site
    server.shutdown()
    server.server_close()
    thread.join()


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, 4xx and 5xx included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def local_links(html: bytes, base: str) -> list[str]:
    """Every stylesheet, script, icon and image the page loads from its own host."""
    soup = BeautifulSoup(html, "html.parser")
    found = [str(el["href"]) for el in soup.find_all("link", href=True)]
    found += [str(el["src"]) for el in soup.find_all(["script", "img"], src=True)]
    host = urlsplit(base).netloc
    urls = [urljoin(base, link) for link in found if not link.startswith("data:")]
    return sorted({u.split("#")[0] for u in urls if urlsplit(u).netloc == host})


def test_404_page_under_a_sub_path_loads_its_assets(sub_path_server: tuple[str, Path]) -> None:
    url, _ = sub_path_server
    missing = url + "no/such/page/"
    status, body = fetch(missing)
    assert status == 404 and b"404" in body
    links = local_links(body, missing)
    assert any(link.endswith(".css") for link in links), links
    assert any(link.endswith(".js") for link in links), links
    broken = [f"{link} -> {code}" for link in links if (code := fetch(link)[0]) != 200]
    assert not broken, "404.html links that do not resolve under the sub-path:\n" + "\n".join(
        broken
    )
    home = [str(a["href"]) for a in BeautifulSoup(body, "html.parser").select("a.md-logo")]
    assert home and fetch(urljoin(missing, home[0]))[0] == 200, home


def test_sitemap_lists_every_page_at_the_site_url(sub_path_server: tuple[str, Path]) -> None:
    url, site = sub_path_server
    locs = [
        loc.text or "" for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc")
    ]
    pages = sorted(site.rglob("index.html"))
    assert len(locs) == len(pages) - (1 if (site / "404" / "index.html").exists() else 0)
    assert locs and all(loc.startswith(url) for loc in locs), locs[:3]
    assert all(fetch(loc)[0] == 200 for loc in locs)


def test_a_local_build_has_a_sitemap(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [loc.text or "" for loc in root.iter(f"{SITEMAP}loc")]
    assert "http://127.0.0.1:8000/" in locs
