"""MkDocs hook: run the Python blocks; reuse their output across builds, never stale.

The hook installs its own formatter on markdown-exec's ``python`` and ``py``
fences, always: markdown-exec renders (``base_format``) and the runner of
``block_runner.py`` executes the code, as markdown-exec's own runner would.
Each build (and each ``mkdocs serve`` rebuild) gets a new cache object, and
with it a new runner, so every session starts afresh.

The printed output of the blocks is stored in ``.cache/exec/`` next to
``mkdocs.yml`` (git-ignored), one file per key. markdown-exec has no cache of
its own (pawamoy/markdown-exec issue 4 is open), and running the blocks costs
more than the rest of a cold build, mostly to import matplotlib. A block whose
key is in the cache is not executed; its stored output goes to markdown-exec,
which renders it as if the block had run, so the HTML is byte for byte the same.

The key of a block covers:

- its code, its file name (``<code block: n3>``: it is the block's
  ``__name__``) and the options that reach the runner (``workdir``, ``width``,
  ``title`` and other extra options);
- for a block in a session, the code of every earlier block of that session in
  this build, in order: they define the state the block runs in;
- every file of the ``bpcore`` package directory (subpackages included), this
  file and ``block_runner.py``, and the versions of Python and of each
  distribution in ``VERSIONED``: numpy, matplotlib, markdown-exec,
  latex2mathml, Markdown and pymdown-extensions (read from their metadata, not
  imported).

When in doubt it recomputes: a missing or unreadable entry is a miss, a failing
block is never stored (so ``mkdocs build --strict`` still fails on it, every
time), and a session block that misses first replays the earlier blocks of its
session that were served from the cache, so that it runs in the same state as
in a build without cache. Blocks without a session run in a fresh namespace
(markdown-exec's rule), so no history is in their key.

Pruning: after a build that ran every block without error and logged no
warning (``on_post_build``, not in ``mkdocs serve --dirty``), every entry file
of ``exec/`` that this build neither read nor wrote is deleted, and so are
leftover temporary files; the cache holds the current site's blocks only. A
failed build prunes nothing.

``BP_EXEC_CACHE=off`` (see ``cache_dir.py``) turns lookups, stores and pruning
off; the blocks still run through this hook's runner. ``rm -rf .cache``
empties the cache. An edited ``bpcore`` is reloaded by ``reload_package.py``.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import platform
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import block_runner
from block_runner import PythonRunner
from cache_dir import cache_root, enabled
from markdown import Markdown
from markdown_exec import ExecutionError, base_format, code_block
from markdown_exec import validator as markdown_exec_validator
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from pymdownx.superfences import SuperFencesException

# One fingerprint of bpcore, the reload hook's; importing a hook runs none of its events.
from reload_package import package_dir, source_digest

VERSIONED = (
    "numpy",
    "matplotlib",
    "markdown-exec",
    "latex2mathml",
    "Markdown",
    "pymdown-extensions",
)
"""Distributions whose versions are part of every key: their code shapes the blocks' output."""
LANGUAGES = ("python", "py")
"""markdown-exec fence names whose blocks this hook runs."""
ENTRY = re.compile(r"\.?[0-9a-f]{64}(\.\d+)?")
"""The name of an entry file (a key), or of a temporary file being written (``.key.pid``)."""
KEYED_VARIABLES = re.compile(
    r"(MPL|MATPLOTLIB|NPY_|NUMPY_|OPENBLAS|OMP_|MKL_|PILLOW_|PYPARSING|PYTHON|XDG_|LC_|LANG|BP_).*"
    r"|HOME|TZ"
)
"""Environment variables whose values are part of every key (the switches of this hook aside).

A block that reads any other variable has an output the key does not cover: it is not cached.
"""
UNKEYED_VARIABLES = ("BP_EXEC_CACHE", "BP_BLOCK_TIMEOUT", "SOURCE_DATE_EPOCH")
"""Variables read that do not change what blocks print.

The two switches change how blocks are run or cached; matplotlib reads
``SOURCE_DATE_EPOCH`` only for a file's date, which the chart kit removes
(``render`` saves with ``metadata={"Date": None}``).
"""

log = logging.getLogger("mkdocs.hooks.exec_cache")
# Not under "mkdocs": MkDocs counts its loggers' warnings, and --strict would fail a build
# that only lost its cache. The message is still shown.
quiet = logging.getLogger("bpcore.exec_cache")


def versions() -> dict[str, str]:
    """Python's version and that of each distribution of ``VERSIONED``.

    Returns:
        Name to version, read from the distributions' metadata without importing them.
    """
    found = {"python": platform.python_version()}
    for dist in VERSIONED:
        found[dist] = importlib.metadata.version(dist)
    return found


def matplotlib_files() -> list[Path]:
    """The files outside the installation that matplotlib reads: rc files, its font list.

    Found as matplotlib finds them (``MATPLOTLIBRC``, ``MPLCONFIGDIR``, the XDG
    directories), without importing it.

    Returns:
        The ones that exist.
    """
    home = Path(os.environ.get("HOME", "~")).expanduser()
    config = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config")) / "matplotlib"
    cache = Path(os.environ.get("XDG_CACHE_HOME", home / ".cache")) / "matplotlib"
    dirs = [Path(os.environ["MPLCONFIGDIR"])] if "MPLCONFIGDIR" in os.environ else []
    candidates = [Path("matplotlibrc")]
    if "MATPLOTLIBRC" in os.environ:
        rc = Path(os.environ["MATPLOTLIBRC"])
        candidates.append(rc / "matplotlibrc" if rc.is_dir() else rc)
    for directory in [*dirs, config, cache]:
        candidates += [directory / "matplotlibrc", *sorted(directory.glob("fontlist-*.json"))]
    return [path.resolve() for path in candidates if path.is_file()]


def environment() -> dict[str, str]:
    """The environment variables that are part of every key, with their values."""
    return {
        name: value
        for name, value in os.environ.items()
        if KEYED_VARIABLES.fullmatch(name) and name not in UNKEYED_VARIABLES
    }


def fingerprint(package_digest: str, versions: dict[str, str]) -> str:
    """What every key shares: the package, the hooks, the versions, the environment, the rc files.

    Args:
        package_digest: From [`source_digest`][] of the package's directory.
        versions: From [`versions`][].

    Returns:
        A hex digest.
    """
    h = hashlib.sha256()
    h.update(package_digest.encode())
    h.update(Path(__file__).read_bytes())
    h.update(Path(block_runner.__file__).read_bytes())
    h.update(repr(sorted(versions.items())).encode())
    h.update(repr(sorted(environment().items())).encode())
    for path in matplotlib_files():
        h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def keyed_roots(package: Path) -> tuple[str, ...]:
    """Where a block may read files without leaving what its key covers.

    The Python installation (covered by the versions), the package (its digest),
    matplotlib's rc files and font list (in the fingerprint) and the fonts they
    list, and the system's pseudo-files.
    """
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(package)}
    roots |= {str(path) for path in matplotlib_files()}
    roots |= {"/usr/share/fonts", "/usr/local/share/fonts", "/dev/", "/proc/", "/sys/"}
    return tuple(sorted(roots))


def unkeyed(reads: block_runner.Reads, roots: Iterable[str]) -> list[str]:
    """What a block read that its key does not cover: files and environment variables.

    Args:
        reads: What the block read.
        roots: From [`keyed_roots`][].

    Returns:
        A sorted list; empty when the block's output depends on its key alone.
    """
    roots = tuple(roots)
    files = [
        f
        for f in reads.files
        if not any(f == r or f.startswith(r.rstrip("/") + "/") for r in roots)
    ]
    variables = [
        v
        for v in reads.variables
        if not KEYED_VARIABLES.fullmatch(v) and v not in UNKEYED_VARIABLES
    ]
    return sorted(files) + [f"${v}" for v in sorted(variables)]


def sealed(output: str) -> str:
    """An entry's text: the SHA-256 of the output on the first line, then the output."""
    return hashlib.sha256(output.encode()).hexdigest() + "\n" + output


def unsealed(text: str) -> str | None:
    """The output of an entry's text, or None if it is corrupt or truncated."""
    digest, newline, output = text.partition("\n")
    if not newline or hashlib.sha256(output.encode()).hexdigest() != digest:
        return None
    return output


def block_key(
    fingerprint: str, history: list[str], code: str, filename: str, options: dict[str, Any]
) -> str:
    """The key of one block.

    Args:
        fingerprint: From [`fingerprint`][].
        history: The code of the earlier blocks of the block's session in this
            build (empty for a block without session).
        code: The block's code.
        filename: The block's file name, ``<code block: ...>``.
        options: The options that reach the runner.

    Returns:
        A hex digest; every part is length-prefixed, so no two splits of the same text collide.
    """
    h = hashlib.sha256(fingerprint.encode())
    for part in [*history, code, filename, repr(sorted(options.items()))]:
        h.update(len(part).to_bytes(8, "big") + part.encode())
    return h.hexdigest()


class WarningCounter(logging.Handler):
    """Counts the warnings and errors MkDocs logs during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count one record.

        Args:
            record: A warning or an error.
        """
        self.count += 1


class ExecCache:
    """The Python blocks of one build: their runner, session histories and cache entries.

    New outputs are held back until the build has run every block
    ([`commit`][ExecCache.commit]), and stored only if the package is still the
    one the build started with: an output is stored under the key of the code
    that produced it, or not at all.

    Args:
        directory: Where entries are stored, one file per key.
        fingerprint: From [`fingerprint`][].
        python: The runner; a fresh one unless given (tests record with it).
        use_cache: Whether to look up and store entries; off, every block runs.
        roots: Where blocks may read files without leaving their key; see [`keyed_roots`][].
    """

    def __init__(
        self,
        directory: Path,
        fingerprint: str,
        python: PythonRunner | None = None,
        use_cache: bool = True,
        roots: tuple[str, ...] = (),
    ) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.python = PythonRunner() if python is None else python
        self.use_cache = use_cache
        self.roots = roots or keyed_roots(package_dir())
        self.history: dict[str, list[str]] = {}
        self.pending: dict[str, list[tuple[str, str, dict[str, str]]]] = {}
        self.new: dict[str, str] = {}
        self.used: set[str] = set()
        self.uncached: dict[str, list[str]] = {}
        self.hits = 0
        self.misses = 0
        self.failures = 0
        self.corrupt = 0
        self.warnings = WarningCounter()

    def lookup(self, key: str) -> str | None:
        """The stored output for a key.

        Args:
            key: From [`block_key`][].

        Returns:
            The output, or None if there is none, it cannot be read, or it is corrupt
            or truncated (its content hash does not match: it is then deleted).
        """
        path = self.directory / key
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        output = unsealed(text)
        if output is None:
            self.corrupt += 1
            log.debug("exec cache: entry %s is corrupt; the block runs again", key)
            path.unlink(missing_ok=True)
        return output

    def store(self, key: str, output: str) -> None:
        """Write an entry, whole then renamed: readers never see half an entry.

        Args:
            key: From [`block_key`][].
            output: What the block printed.

        Raises:
            OSError: If the directory cannot be written.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.directory / f".{key}.{os.getpid()}"
        tmp.write_text(sealed(output), encoding="utf-8")
        try:
            tmp.replace(self.directory / key)
        except FileNotFoundError:  # another build pruned the temporary file: only a miss later
            log.debug("exec cache: entry %s not stored", key)

    def commit(self, digest_now: str, digest_then: str) -> int:
        """Store this build's new outputs, if the package is still the one the build started with.

        Args:
            digest_now: The package's digest now.
            digest_then: Its digest when the build started (the keys' digest).

        Returns:
            How many entries were stored.
        """
        if digest_now != digest_then:
            quiet.warning("exec cache: bpcore changed during the build; its outputs are not stored")
            return 0
        stored = 0
        for key, output in self.new.items():
            try:
                self.store(key, output)
            except OSError as error:
                quiet.warning(
                    "exec cache: cannot write to %s (%s); blocks run without the cache",
                    self.directory,
                    error,
                )
                break
            stored += 1
        return stored

    def runner(self, options: dict[str, Any]) -> Callable[..., str]:
        """A runner for ``base_format`` that serves a block from the cache when it can.

        Args:
            options: The block's options, as markdown-exec's validator made them.

        Returns:
            A function called as markdown-exec calls its runners.
        """
        reach = {"workdir": options.get("workdir"), "width": options.get("width")}

        def run(
            code: str,
            returncode: int | None = None,
            session: str | None = None,
            id: str | None = None,
            **extra: str,
        ) -> str:
            session = session or ""
            filename = self.python.filename(code, session, id or "", extra.get("title"))
            if not self.use_cache:
                return self.execute(code, filename, session, extra)
            history = self.history.setdefault(session, []) if session else []
            key = block_key(self.fingerprint, history, code, filename, {**reach, **extra})
            cached = self.lookup(key)
            if session:
                history.append(code)
            if cached is not None:
                self.hits += 1
                self.used.add(key)
                if session:
                    self.pending.setdefault(session, []).append((code, filename, extra))
                return cached
            self.misses += 1
            if session:
                # Blocks served from the cache did not run; the session's state needs them.
                for earlier, earlier_filename, earlier_extra in self.pending.pop(session, []):
                    self.execute(earlier, earlier_filename, session, earlier_extra)
            output = self.execute(code, filename, session, extra)
            outside = unkeyed(self.python.reads, self.roots)
            if outside:
                # Its output depends on what the key does not cover: never served from the cache.
                self.uncached[filename] = outside
                log.debug("exec cache: %s read %s; not cached", filename, ", ".join(outside))
            else:
                self.new[key] = output
                self.used.add(key)
            return output

        return run

    def execute(self, code: str, filename: str, session: str, extra: dict[str, str]) -> str:
        """Run a block with the runner, counting failures.

        Args:
            code: The block's code.
            filename: Its file name.
            session: Its session (``""`` for none).
            extra: Its extra options.

        Returns:
            What the block printed.

        Raises:
            ExecutionError: If the block raised, or if it calls ``print`` but printed
                nothing (a table or chart was expected where it stands).
        """
        try:
            output = self.python.execute(code, filename, session, extra)
        except ExecutionError:
            self.failures += 1
            raise
        if not output.strip() and "print(" in code:
            self.failures += 1
            message = f"{filename} printed nothing; a table, chart or diagram was expected"
            raise ExecutionError(code_block("python", message, **extra))
        return output

    def formatter(
        self,
        source: str,
        language: str,
        css_class: str,
        options: dict[str, Any],
        md: Markdown,
        **kwargs: Any,
    ) -> str:
        """A SuperFences formatter: markdown-exec's rendering, this hook's runner.

        Args:
            source: The block's code.
            language: The fence's name (``python`` or ``py``).
            css_class: Unused, as in markdown-exec.
            options: The options markdown-exec's validator made.
            md: The Markdown converter.
            **kwargs: Other arguments of SuperFences, unused.

        Returns:
            The block's HTML.
        """
        # language="python" for "py" fences too, as markdown-exec's own formatter does.
        run = self.runner(options)
        try:
            return str(base_format(language="python", run=run, code=source, md=md, **options))
        except SuperFencesException:
            raise
        except Exception as error:
            # SuperFences would swallow any other error and show the block as raw code.
            raise SuperFencesException(f"a python block failed to render: {error!r}") from error

    def prune(self) -> list[Path]:
        """Delete every entry this build neither read nor wrote, and leftover temporary files.

        Returns:
            The files deleted.
        """
        gone = []
        try:
            paths = sorted(self.directory.iterdir()) if self.directory.is_dir() else []
            for path in paths:
                if ENTRY.fullmatch(path.name) and path.name not in self.used and path.is_file():
                    path.unlink(missing_ok=True)
                    gone.append(path)
        except OSError as error:  # a read-only cache: nothing to prune, and nothing was stored
            log.debug("exec cache: cannot prune %s: %s", self.directory, error)
        return gone


def checked_validator(*args: Any, **kwargs: Any) -> bool:
    """markdown-exec's validator, whose errors fail the build.

    SuperFences would swallow them and show the block as raw code, unrun.

    Raises:
        SuperFencesException: If the validator raised.
    """
    try:
        return bool(markdown_exec_validator(*args, **kwargs))
    except SuperFencesException:
        raise
    except Exception as error:
        raise SuperFencesException(f"a python block's options are invalid: {error!r}") from error


_dirty = False
"""Whether this is ``mkdocs serve --dirty``, whose rebuilds skip unchanged pages."""
_current: ExecCache | None = None
"""The cache of the build under way."""
_digest = ""
"""The package's digest when the build under way started: the digest in its keys."""


def on_startup(command: str, dirty: bool) -> None:
    """Note whether builds are dirty: they run only some blocks, so they must not prune.

    Args:
        command: ``build``, ``gh-deploy`` or ``serve``.
        dirty: Whether only changed pages are rebuilt.
    """
    global _dirty
    _dirty = dirty


@event_priority(-100)  # after markdown-exec has added its fences
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Run the Python blocks with a new cache object.

    Args:
        config: The build's configuration.

    Returns:
        The configuration, with this hook's formatter on the ``python`` and ``py`` fences.
    """
    global _current, _digest
    if _current is not None:  # a build that ended without on_post_build or on_build_error
        logging.getLogger("mkdocs").removeHandler(_current.warnings)
    directory = cache_root(config) / "exec"
    _digest = source_digest(package_dir())
    _current = ExecCache(directory, fingerprint(_digest, versions()), use_cache=enabled())
    logging.getLogger("mkdocs").addHandler(_current.warnings)
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    for fence in fences:
        if fence.get("name") in LANGUAGES:
            fence["format"] = _current.formatter
            fence["validator"] = checked_validator
    return config


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    """Note the page whose blocks run next, so that a block that hangs is named with its page.

    Args:
        markdown: The page's Markdown, returned unchanged.
        page: The page.
        **kwargs: MkDocs' other arguments.

    Returns:
        The Markdown.
    """
    if _current is not None:
        _current.python.page = page.file.src_uri
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    """Prune the entries this build did not use, if it went through cleanly.

    MkDocs calls this before ``--strict`` turns warnings into a failure, so a
    build that logged a warning (a failing block logs one) prunes nothing.

    Args:
        config: The build's configuration.
    """
    global _current
    cache, _current = _current, None
    if cache is None:
        return
    logging.getLogger("mkdocs").removeHandler(cache.warnings)
    clean = cache.failures == 0 and cache.warnings.count == 0
    stored = cache.commit(source_digest(package_dir()), _digest) if cache.use_cache else 0
    gone = (
        cache.prune()
        if cache.use_cache and clean and not _dirty and stored == len(cache.new)
        else []
    )
    log.debug(
        "exec cache: %d hits, %d misses (%d stored, %d not cacheable), %d corrupt, %d pruned",
        cache.hits,
        cache.misses,
        stored,
        len(cache.uncached),
        cache.corrupt,
        len(gone),
    )


def on_build_error(error: Exception) -> None:
    """The build failed: stop counting its warnings, prune nothing.

    Args:
        error: What failed.
    """
    global _current
    if _current is not None:
        logging.getLogger("mkdocs").removeHandler(_current.warnings)
    _current = None
