"""MkDocs hook: each page loads either mkdocstrings' stylesheet or the reader's script, as it needs.

mkdocstrings adds ``assets/_mkdocstrings.css`` (about 6.5 KiB) to every page, but only the
pages that show an entry of the API reference (``class="doc doc-..."``) use it; the reader's
script ``assets/reader.js`` (table labels on phones, a number's full value on a tap) serves the
other pages, which have the tables and the numbers. Pages are close to the page-weight budget
(``bpcore.site.pageweight``): each loads only the one it uses.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.structure.pages import Page

STYLESHEET = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">')
"""The link mkdocstrings puts in each page's head."""
SCRIPT = re.compile(r'\s*<script src="[^"]*assets/reader\.js"></script>')
"""The reader's script, from ``extra_javascript`` in ``mkdocs.yml``."""


def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    """Drop mkdocstrings' stylesheet or the reader's script, whichever the page does not use."""
    if 'class="doc doc-' in output:
        return SCRIPT.sub("", output, count=1)
    return STYLESHEET.sub("", output, count=1)
