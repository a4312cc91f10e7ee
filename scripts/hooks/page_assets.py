"""MkDocs hook: a page without API reference entries does not load mkdocstrings' stylesheet.

mkdocstrings adds ``assets/_mkdocstrings.css`` (about 6.5 KiB) to every page, but only the
pages that show an entry of the API reference (``class="doc doc-..."``) use it. The reader
pages are close to the page-weight budget (``bpcore.site.pageweight``), and the phone layout
(``docs/assets/reader.js`` and its rules in ``site.css``) needs those bytes more.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.pages import Page

STYLESHEET = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">')
"""The link mkdocstrings puts in each page's head."""


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Drop mkdocstrings' stylesheet from a page that shows no entry of the API reference."""
    if 'class="doc doc-' in output:
        return output
    return STYLESHEET.sub("", output, count=1)
