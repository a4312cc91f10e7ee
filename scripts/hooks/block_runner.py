"""Runs the site's Python blocks as markdown-exec's own runner does (not a hook).

markdown-exec renders a block (``base_format``) around a runner it is given;
its own runner is private, so ``exec_cache.py`` gives it this one, built only
on markdown-exec's public API. It behaves as markdown-exec's runner: ``print``
goes to a buffer, a block gets a ``__name__`` and a module of that name in
``sys.modules``, the code is compiled as ``<code block: ...>``, and a block
that raises shows its traceback, with its source lines, in the page. Session
state belongs to the runner object, so a new runner starts each session
afresh. MkDocs puts this folder on ``sys.path`` while it loads a hook, so the
hook imports this module by its name.
"""

from __future__ import annotations

import functools
import re
import sys
import traceback
from io import StringIO
from types import ModuleType
from typing import Any

from markdown_exec import ExecutionError, code_block


def buffer_print(buffer: StringIO, *texts: object, end: str = "\n", **kwargs: Any) -> None:
    """The blocks' ``print``: the texts joined by spaces, into ``buffer`` (as markdown-exec).

    Args:
        buffer: Where the block's output goes.
        *texts: What to print.
        end: Written after the texts.
        **kwargs: ``sep``, ``file`` and ``flush``, ignored as markdown-exec ignores them.
    """
    buffer.write(" ".join(str(text) for text in texts) + end)


class PythonRunner:
    """Runs Python blocks as markdown-exec's runner does, with state of its own.

    Attributes:
        sessions: The globals of each session.
        counts: How many blocks each session (``""``: no session) has had.
        sources: The lines of each block's code, by file name, for tracebacks.
    """

    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.counts: dict[str, int] = {}
        self.sources: dict[str, list[str]] = {}

    def filename(self, code: str, session: str, id: str, title: str | None) -> str:
        """Number the next block of ``session`` and name it, as markdown-exec does.

        Args:
            code: The block's code, kept for the lines of a traceback.
            session: The block's session (``""`` for none).
            id: The block's ``id`` option (``""`` for none).
            title: The block's ``title`` option, if any.

        Returns:
            The file name its code is compiled with, e.g. ``<code block: session s; n2>``.
        """
        n = self.counts[session] = self.counts.get(session, 0) + 1
        if id:
            name = f"id {id}"
        else:
            name = f"session {session}; n{n}" if session else f"n{n}"
            if title:
                name = f"{name}; title {title}"
        filename = f"<code block: {name}>"
        self.sources[filename] = code.split("\n")
        return filename

    def execute(self, code: str, filename: str, session: str, extra: dict[str, str]) -> str:
        """Run a block and return what it printed.

        Args:
            code: The block's code.
            filename: From [`filename`][PythonRunner.filename].
            session: The block's session (``""``: a fresh namespace).
            extra: The block's extra options, passed to the traceback's code block.

        Returns:
            What the block printed.

        Raises:
            ExecutionError: If the block raised; its message is the traceback as a code block.
        """
        namespace = self.sessions.setdefault(session, {}) if session else {}
        # Functions defined in the block get this __module__; dataclasses look the module up.
        module = re.sub(r"[^a-zA-Z\d]+", "_", filename)
        namespace["__name__"] = module
        sys.modules[module] = ModuleType(module)
        buffer = StringIO()
        namespace["print"] = functools.partial(buffer_print, buffer)
        try:
            # dont_inherit: the blocks must not get this file's `from __future__` imports.
            exec(compile(code, filename, "exec", dont_inherit=True), namespace)
        except Exception as error:
            trace = traceback.TracebackException.from_exception(error)
            trace.stack = traceback.StackSummary.from_list(
                [self.with_source(frame) for frame in trace.stack]
            )
            raise ExecutionError(code_block("python", "".join(trace.format()), **extra)) from error
        return buffer.getvalue()

    def with_source(self, frame: traceback.FrameSummary) -> traceback.FrameSummary:
        """A frame in a block, with its line of code (which ``linecache`` cannot find).

        Args:
            frame: A frame of a traceback.

        Returns:
            The frame, or for a frame in a block, a copy showing the block's line.
        """
        lines = self.sources.get(frame.filename)
        if lines is None or frame.lineno is None or not 0 < frame.lineno <= len(lines):
            return frame
        return traceback.FrameSummary(
            frame.filename,
            frame.lineno,
            frame.name,
            lookup_line=False,
            line=lines[frame.lineno - 1],
            end_lineno=frame.end_lineno,
            colno=frame.colno,
            end_colno=frame.end_colno,
        )
