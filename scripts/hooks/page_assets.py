"""MkDocs hook: each page loads only the stylesheets and scripts it uses.

Every page is given the same ``extra_css`` and ``extra_javascript``, and mkdocstrings adds its
stylesheet to every page, but a page uses only some of them:

- ``assets/_mkdocstrings.css`` (about 6.5 KiB): pages with an entry of the API reference
  (``class="doc doc-..."``);
- ``assets/reader.js`` (table labels on phones, a number's full value on a tap): the other pages,
  which have the tables and the numbers;
- ``assets/math.css`` (the math font, 45 KB): pages with math (``<math``).

Pages are close to the page-weight budget (``bpcore.site.pageweight``), which counts what a page
loads: each loads only what it uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page


def _link(path: str) -> re.Pattern[str]:
    return re.compile(rf'\s*<link rel="stylesheet" href="[^"]*{re.escape(path)}(\?[^"]*)?">')


def _script(path: str) -> re.Pattern[str]:
    return re.compile(rf'\s*<script src="[^"]*{re.escape(path)}(\?[^"]*)?"></script>')


def _api(html: str) -> bool:
    return 'class="doc doc-' in html


ASSETS: tuple[tuple[re.Pattern[str], Callable[[str], bool]], ...] = (
    (_link("assets/_mkdocstrings.css"), _api),
    (_script("assets/reader.js"), lambda html: not _api(html)),
    (_link("assets/math.css"), lambda html: "<math" in html),
)
"""Each asset's tag in the page's HTML, and whether a page (its HTML) uses the asset."""


def _drop_unused(html: str) -> str:
    for tag, used in ASSETS:
        if not used(html):
            html = tag.sub("", html, count=1)
    return html


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Drop the tag of every asset that the page does not use."""
    return _drop_unused(output)


def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    """The same for the theme's own pages (404.html), which are not MkDocs pages."""
    return _drop_unused(output_content) if template_name.endswith(".html") else output_content
