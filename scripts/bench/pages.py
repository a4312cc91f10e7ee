"""Page weight: the bytes each page of the built site costs a reader.

The crawler and the budgets are ``bpcore.site.pageweight``'s, the same the
tests use.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from report import Budget

from bpcore.site.pageweight import HTML_BUDGET, TOTAL_BUDGET, page_weights


def measure(site: Path) -> list[dict[str, Any]]:
    """Per page of a built site: bytes of the HTML, and of the HTML plus every local asset.

    The budgets are on the bytes as stored; the gzip figure (what a server
    that compresses would send) is for information.
    """
    return [asdict(w) for w in page_weights(site)]


def budgets(result: list[dict[str, Any]]) -> list[Budget]:
    """The two budgets of every page, with their measured values."""
    out = []
    for row in result:
        out.append(Budget(f"{row['page']}: HTML", row["html_bytes"], HTML_BUDGET, "B"))
        out.append(Budget(f"{row['page']}: HTML + assets", row["total_bytes"], TOTAL_BUDGET, "B"))
    return out
