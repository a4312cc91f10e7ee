"""MkDocs hook: make builds reuse what they computed before, without ever serving it stale.

Two caches, both under ``.cache/`` next to ``mkdocs.yml`` (git-ignored):

- ``exec/``: the printed output of markdown-exec's Python blocks. markdown-exec
  has no cache of its own (pawamoy/markdown-exec issue 4 is open), and running
  the blocks costs more than the rest of a cold build, mostly to import
  matplotlib. A block whose key is in the cache is not executed; its stored
  output goes to markdown-exec, which renders it as if the block had run, so
  the HTML is byte for byte the same.
- ``jinja/``: compiled templates of the theme and of mkdocstrings, with
  Jinja's own bytecode cache (see [`keep_compiled_templates`][]).

The key of a block covers:

- its code and the options that reach the runner (``workdir``, ``width``,
  ``title`` and other extra options);
- for a block in a session, the code of every earlier block of that session in
  this build, in order: they define the state the block runs in;
- every file of the ``bpcore`` package that the build imports, this file, and
  the versions of Python, numpy, matplotlib and markdown-exec.

When in doubt it recomputes: a missing or unreadable entry is a miss, a failing
block is never stored (so ``mkdocs build --strict`` still fails on it, every
time), and a session block that misses first replays the earlier blocks of its
session that were served from the cache, so that it runs in the same state as
in a build without cache. Blocks without a session run in a fresh namespace
(markdown-exec's rule), so only their own code is in their key.

The hook also makes ``mkdocs serve`` show a ``bpcore`` edit: Python keeps
modules imported, so when the package's files change it removes ``bpcore``
from ``sys.modules`` before the build, and the blocks import the new code.
(``mkdocs.yml`` watches ``bpcore`` so that the edit triggers the rebuild.)

``BP_EXEC_CACHE=off`` turns both caches off (the reload of an edited
``bpcore`` stays on); ``rm -rf .cache`` empties them.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from markdown import Markdown
from markdown_exec import base_format

# markdown-exec exposes base_format (rendering) but not its Python runner; the
# runner is reused rather than copied, and the lock file pins markdown-exec.
from markdown_exec._internal.formatters.python import _run_python
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocstrings import MkdocstringsPlugin

PACKAGE = "bpcore"
"""The package whose source is part of every key."""
VERSIONED = ("numpy", "matplotlib", "markdown-exec")
"""Distributions whose versions are part of every key."""
LANGUAGES = ("python", "py")
"""markdown-exec fence names whose blocks go through the cache."""
SWITCH = "BP_EXEC_CACHE"
"""Environment variable; ``off`` (or ``0``, ``no``, ``false``) turns the caches off."""

Runner = Callable[..., str]


def package_dir(name: str = PACKAGE) -> Path:
    """The directory the package is imported from (found without importing it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"cannot find the package {name!r} to fingerprint it")
    return Path(next(iter(spec.submodule_search_locations)))


def source_digest(root: Path) -> str:
    """SHA-256 of every file under ``root`` (path and bytes), bytecode caches excepted."""
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def versions() -> dict[str, str]:
    """Python's version and that of each of ``VERSIONED``, read without importing them."""
    found = {"python": platform.python_version()}
    for dist in VERSIONED:
        found[dist] = importlib.metadata.version(dist)
    return found


def fingerprint(package_digest: str, versions: dict[str, str]) -> str:
    """What every key shares: the package's digest, this hook's source, the versions."""
    h = hashlib.sha256()
    h.update(package_digest.encode())
    h.update(Path(__file__).read_bytes())
    h.update(repr(sorted(versions.items())).encode())
    return h.hexdigest()


def block_key(fingerprint: str, history: list[str], code: str, options: dict[str, Any]) -> str:
    """The key of one block.

    Args:
        fingerprint: From [`fingerprint`][].
        history: The code of the earlier blocks of the block's session in this
            build (empty for a block without session).
        code: The block's code.
        options: The options that reach the runner.
    """
    h = hashlib.sha256(fingerprint.encode())
    for part in [*history, code, repr(sorted(options.items()))]:
        h.update(len(part).to_bytes(8, "big") + part.encode())
    return h.hexdigest()


class ExecCache:
    """The cache of one build: its directory, fingerprint and session histories.

    Args:
        directory: Where entries are stored, one file per key.
        fingerprint: From [`fingerprint`][].
        run: The runner of markdown-exec (``_run_python``); replaceable in tests.
    """

    def __init__(self, directory: Path, fingerprint: str, run: Runner = _run_python) -> None:
        self.directory = directory
        self.fingerprint = fingerprint
        self.run = run
        self.history: dict[str, list[str]] = {}
        self.pending: dict[str, list[str]] = {}
        self.hits = 0
        self.misses = 0

    def lookup(self, key: str) -> str | None:
        """The stored output for ``key``, or None if there is none (or it cannot be read)."""
        try:
            return (self.directory / key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def store(self, key: str, output: str) -> None:
        """Store ``output``; written whole then renamed, so readers never see half an entry."""
        self.directory.mkdir(parents=True, exist_ok=True)
        tmp = self.directory / f".{key}.{os.getpid()}"
        tmp.write_text(output, encoding="utf-8")
        tmp.replace(self.directory / key)

    def runner(self, options: dict[str, Any]) -> Runner:
        """A runner for ``base_format`` that serves a block from the cache when it can."""
        reach = {"workdir": options.get("workdir"), "width": options.get("width")}

        def run(code: str, session: str | None = None, **kwargs: Any) -> str:
            extra = {k: v for k, v in kwargs.items() if k not in ("returncode", "id")}
            history = self.history.setdefault(session, []) if session else []
            key = block_key(self.fingerprint, history, code, {**reach, **extra})
            cached = self.lookup(key)
            if session:
                history.append(code)
            if cached is not None:
                self.hits += 1
                if session:
                    self.pending.setdefault(session, []).append(code)
                return cached
            self.misses += 1
            if session:
                # Blocks served from the cache did not run; the session's state needs them.
                for earlier in self.pending.pop(session, []):
                    self.run(earlier, session=session)
            output = self.run(code, session=session, **kwargs)
            self.store(key, output)
            return output

        return run

    def formatter(
        self,
        source: str,
        language: str,
        css_class: str,
        options: dict[str, Any],
        md: Markdown,
        **kwargs: Any,
    ) -> str:
        """A SuperFences formatter: markdown-exec's rendering with the caching runner."""
        run = self.runner(options)
        return str(base_format(language=language, run=run, code=source, md=md, **options))


def enabled() -> bool:
    """Whether the cache is on (``BP_EXEC_CACHE`` is not ``off``, ``0``, ``no`` or ``false``)."""
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


def cache_root(config: MkDocsConfig) -> Path:
    """``.cache/`` next to ``mkdocs.yml``."""
    return Path(config.config_file_path).parent / ".cache"


_last_digest: str | None = None
"""The package digest of the previous build in this process (``mkdocs serve``)."""


def forget_package(name: str = PACKAGE) -> None:
    """Drop the package and its modules from ``sys.modules`` so the next import reads the files."""
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]


@event_priority(-100)  # after markdown-exec has added its fences
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Reload an edited ``bpcore``; route Python blocks through the cache if it is on."""
    global _last_digest
    digest = source_digest(package_dir())
    if _last_digest is not None and digest != _last_digest:
        forget_package()
    _last_digest = digest
    if not enabled():
        return config
    cache = ExecCache(cache_root(config) / "exec", fingerprint(digest, versions()))
    fences = config.mdx_configs.get("pymdownx.superfences", {}).get("custom_fences", [])
    for fence in fences:
        if fence.get("name") in LANGUAGES:
            fence["format"] = cache.formatter
    return config


def keep_compiled_templates(env: Environment, directory: Path) -> None:
    """Give a Jinja environment a bytecode cache in ``directory``.

    Jinja's bytecode cache is keyed by each template's name, file and the
    checksum of its source, so an edited template is compiled again. Each
    environment gets its own directory, since their settings differ.
    """
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))


def on_pre_build(config: MkDocsConfig) -> None:
    """Keep mkdocstrings' compiled templates between builds (if the cache is on).

    Its Python handler renders the API page with a Jinja environment of its
    own, made anew for every build like the theme's, before any page renders.
    """
    plugin = config.plugins.get("mkdocstrings")
    if enabled() and isinstance(plugin, MkdocstringsPlugin):
        handler = plugin.handlers.get_handler("python")
        keep_compiled_templates(handler.env, cache_root(config) / "jinja" / "mkdocstrings-python")


def on_env(env: Environment, config: MkDocsConfig, **kwargs: Any) -> Environment:
    """Keep the theme's compiled templates between builds (if the cache is on).

    MkDocs makes a new Jinja environment for every build, and compiling
    Material's templates was about half of a rebuild in ``mkdocs serve``.
    """
    if enabled():
        keep_compiled_templates(env, cache_root(config) / "jinja" / "theme")
    return env
