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

Beyond markdown-exec's runner, a block can neither end the build nor hang it:
``sys.exit()`` and ``os._exit()`` in a block become an error of that block; a
block that runs longer than its time limit is interrupted (and if it cannot
be, the build stops, naming it); and the runner records what outside the
Python installation a block read (files it opened, environment variables), so
that the cache can refuse to store an output that depends on them.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import sys
import threading
import traceback
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from io import StringIO
from types import ModuleType
from typing import Any

from markdown_exec import ExecutionError, code_block

TIMEOUT = "BP_BLOCK_TIMEOUT"
"""Environment variable: a block's time limit in seconds (default ``DEFAULT_TIMEOUT``)."""
DEFAULT_TIMEOUT = 300.0
"""Generous: the site's slowest block takes about a second."""
GRACE = 10.0
"""Seconds after the limit before a block that cannot be interrupted stops the build."""


class BlockExit(BaseException):
    """Raised in place of ``os._exit`` while a block runs: a block cannot end the build."""


class BlockTimeout(BaseException):
    """Raised in a block's thread when it runs past its limit (a ``BaseException``, so that a
    block's own ``except Exception`` cannot swallow it)."""


def time_limit() -> float:
    """A block's time limit in seconds, from ``BP_BLOCK_TIMEOUT``.

    Returns:
        The limit.

    Raises:
        ValueError: If the variable is set to something other than a positive number.
    """
    text = os.environ.get(TIMEOUT, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        limit = float(text)
    except ValueError:
        limit = -1.0
    if not limit > 0:
        raise ValueError(f"{TIMEOUT} must be a positive number of seconds, got {text!r}")
    return limit


class Reads:
    """What a block read outside the Python installation: files opened, environment variables."""

    def __init__(self) -> None:
        self.files: set[str] = set()
        self.variables: set[str] = set()


_recording: Reads | None = None
"""The reads of the block running now, if any (the audit hook is process-wide)."""


def _audit(event: str, args: tuple[Any, ...]) -> None:
    # sys.addaudithook cannot be removed: it records only while a block runs.
    if _recording is not None and event == "open" and args and isinstance(args[0], str | bytes):
        path = os.fsdecode(args[0])
        _recording.files.add(os.path.abspath(path))


sys.addaudithook(_audit)


class RecordingEnviron(dict[str, str]):
    """A stand-in for ``os.environ`` while a block runs: records each variable read."""

    def __init__(self, real: Mapping[str, str], reads: Reads) -> None:
        super().__init__(real)
        self.reads = reads

    def __getitem__(self, key: str) -> str:
        self.reads.variables.add(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.reads.variables.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.reads.variables.add(key)
        return super().__contains__(key)


@contextmanager
def guarded(limit: float, filename: str) -> Iterator[Reads]:
    """While a block runs: record its reads, turn ``os._exit`` into an error, bound its time.

    Args:
        limit: Seconds before the block is interrupted.
        filename: The block's name, for the message if it cannot be interrupted.

    Yields:
        What the block reads.
    """
    global _recording
    reads = Reads()
    real_exit, real_environ = os._exit, os.environ
    thread = threading.get_ident()
    done = threading.Event()

    def refuse_exit(status: int) -> None:
        raise BlockExit(status)

    def watch() -> None:
        if done.wait(limit):
            return
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(thread), ctypes.py_object(BlockTimeout)
        )
        if done.wait(GRACE):
            return
        # Stuck in a call that cannot be interrupted: stop the build rather than hang it.
        sys.stderr.write(f"ERROR    -  {filename} ran past its limit of {limit:g} s; stopping\n")
        sys.stderr.flush()
        real_exit(3)

    watcher = threading.Thread(target=watch, daemon=True)
    os._exit = refuse_exit  # type: ignore[assignment]
    # Replaced, not cleared: the block reads a recording copy; the real one comes back after.
    os.environ = RecordingEnviron(real_environ, reads)  # type: ignore[assignment]  # noqa: B003
    _recording = reads
    watcher.start()
    try:
        yield reads
    finally:
        done.set()
        _recording = None
        os._exit, os.environ = real_exit, real_environ


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

    def __init__(self, limit: float | None = None) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.counts: dict[str, int] = {}
        self.sources: dict[str, list[str]] = {}
        self.limit = time_limit() if limit is None else limit
        self.reads = Reads()
        self.page = ""
        """The page whose blocks run now (set by the hook), for messages that name it."""

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
            What the block printed; what it read is in ``self.reads``.

        Raises:
            ExecutionError: If the block raised, tried to exit, or ran past its time
                limit; its message is the traceback as a code block.
        """
        namespace = self.sessions.setdefault(session, {}) if session else {}
        # Functions defined in the block get this __module__; dataclasses look the module up.
        module = re.sub(r"[^a-zA-Z\d]+", "_", filename)
        namespace["__name__"] = module
        sys.modules[module] = ModuleType(module)
        buffer = StringIO()
        namespace["print"] = functools.partial(buffer_print, buffer)
        try:
            where = f"{self.page}: {filename}" if self.page else filename
            with guarded(self.limit, where) as self.reads:
                # dont_inherit: the blocks must not get this file's `from __future__` imports.
                exec(compile(code, filename, "exec", dont_inherit=True), namespace)
        except (SystemExit, BlockExit) as error:
            message = f"{filename} tried to end the build ({type(error).__name__} {error.args})"
            raise ExecutionError(code_block("python", message, **extra)) from None
        except BlockTimeout:
            message = f"{filename} ran past its time limit of {self.limit:g} s ({TIMEOUT})"
            raise ExecutionError(code_block("python", message, **extra)) from None
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
