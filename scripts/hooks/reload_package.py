"""MkDocs hook: ``mkdocs serve`` shows an edit to ``bpcore``.

Python keeps imported modules, so a rebuild in ``mkdocs serve`` would run the
blocks against the ``bpcore`` of the first build. When the package's files
change between two builds of the same process, this hook removes ``bpcore``
and its modules from ``sys.modules`` before the build, and the blocks import
the new code. (``mkdocs.yml`` watches ``bpcore`` so that the edit triggers the
rebuild.) It is always on: ``BP_EXEC_CACHE`` turns off caches, not this.

[`source_digest`][] is also what ``exec_cache.py`` puts in its keys: one
fingerprint of the package, here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

PACKAGE = "bpcore"
"""The package reloaded when edited."""

_last_digest: str | None = None
"""The package digest of the previous build in this process (``mkdocs serve``)."""


def package_dir(name: str = PACKAGE) -> Path:
    """The directory a package is imported from, found without importing it.

    Args:
        name: The package's import name.

    Returns:
        The package's directory.

    Raises:
        ModuleNotFoundError: If there is no such package.
    """
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"cannot find the package {name!r} to fingerprint it")
    return Path(next(iter(spec.submodule_search_locations)))


def source_digest(root: Path) -> str:
    """SHA-256 of every file under ``root``, subdirectories included, bytecode caches excepted.

    Args:
        root: The directory to fingerprint.

    Returns:
        The hex digest of each file's relative path and bytes, in path order.
    """
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if "__pycache__" in path.parts:
            continue
        h.update(path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def forget_package(name: str = PACKAGE) -> None:
    """Drop a package and its modules from ``sys.modules``: the next import reads the files.

    Args:
        name: The package's import name.
    """
    for module in [m for m in sys.modules if m == name or m.startswith(f"{name}.")]:
        del sys.modules[module]


# Early, whatever the order of hooks: before exec_cache's on_config (-100) fingerprints the
# package, and long before any block imports it.
@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Forget ``bpcore`` if its files changed since this process's previous build.

    Args:
        config: The build's configuration.

    Returns:
        The configuration, unchanged.
    """
    global _last_digest
    digest = source_digest(package_dir())
    if _last_digest is not None and digest != _last_digest:
        forget_package()
    _last_digest = digest
    return config
