"""MkDocs hook: a warning that a block raised names the page the block is on.

markdown-exec's warning for a failing block shows the code and the traceback
but not the page, so ``mkdocs build --strict`` would fail without saying
where. While a page's Markdown is converted, this hook prefixes the warnings
of the loggers in ``LOGGERS`` with the page's source path, e.g.
``WARNING -  example.md: markdown_exec: Execution of python code block exited with errors``.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

LOGGERS = "mkdocs.plugins.markdown_exec"
"""The loggers (this one and those below it) whose warnings come while a page is converted.

A logger's filter sees only the records of that very logger, so the filter is
put on each of them; markdown-exec makes them when MkDocs loads it, before ``on_config``.
"""


class PageNamer(logging.Filter):
    """Prefixes each record with the page being converted, if any.

    Attributes:
        page: The source path of the page being converted, or None between pages.
    """

    def __init__(self) -> None:
        super().__init__()
        self.page: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        """Name the page in the record's message.

        Args:
            record: A record of one of the loggers.

        Returns:
            True: the filter never drops a record.
        """
        if self.page is not None:
            record.msg = f"{self.page}: {record.msg}"
        return True


NAMER = PageNamer()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Attach the filter, once per process (``mkdocs serve`` rebuilds in the same process).

    Args:
        config: The build's configuration.

    Returns:
        The configuration, unchanged.
    """
    names = [n for n in logging.root.manager.loggerDict if n.split(".")[:3] == LOGGERS.split(".")]
    for name in names:
        logger = logging.getLogger(name)
        if NAMER not in logger.filters:
            logger.addFilter(NAMER)
    return config


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    """From here until the page's HTML is made, warnings name this page.

    Args:
        markdown: The page's Markdown.
        page: The page.
        **kwargs: The event's other arguments.

    Returns:
        The Markdown, unchanged.
    """
    NAMER.page = page.file.src_uri
    return markdown


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    """The page is converted: warnings no longer name it.

    Args:
        html: The page's HTML.
        page: The page.
        **kwargs: The event's other arguments.

    Returns:
        The HTML, unchanged.
    """
    NAMER.page = None
    return html
