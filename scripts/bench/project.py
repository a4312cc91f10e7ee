"""Copies of the project that every measurement works on, and what they share.

A copy holds enough to build and serve the site (``mkdocs.yml``, ``docs/``,
``bpcore/``, ``scripts/``); MkDocs runs on it with the copy first on
``PYTHONPATH``, so that the copy's ``bpcore`` is the one imported.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
"""The work tree this script lives in."""
PROJECT = ("mkdocs.yml", "docs", "bpcore", "scripts")
"""What a copy of the project holds: enough to build and serve the site."""
EXEC_ON = re.compile(r'\bexec="(?:1|on|yes|true)"', re.IGNORECASE)


def snapshot(dest: Path, rev: str | None) -> Path:
    """Take the project once, so that every measurement sees the same pages.

    Args:
        dest: An empty directory to fill.
        rev: A git revision to take the files from, or None for the work tree as it is.

    Returns:
        ``dest``.
    """
    if rev is None:
        return copy_project(ROOT, dest)
    dest.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev, *PROJECT], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    return dest


def copy_project(source: Path, dest: Path) -> Path:
    """Copy what the site needs from ``source`` to ``dest``, without bytecode; return ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def turn_exec_off(project: Path) -> int:
    """Rewrite ``exec="1"`` (or ``on``) to ``exec="off"`` in the copy's pages; return how many."""
    count = 0
    for page in (project / "docs").rglob("*.md"):
        text, n = EXEC_ON.subn('exec="off"', page.read_text(encoding="utf-8"))
        page.write_text(text, encoding="utf-8")
        count += n
    return count


def child_env(project: Path, cache: bool) -> dict[str, str]:
    """Environment for MkDocs run on a copy: its bpcore first, the exec cache on or off."""
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(project), os.environ.get("PYTHONPATH", "")]),
        "NO_MKDOCS_2_WARNING": "1",
        "BP_EXEC_CACHE": "on" if cache else "off",
    }


def build(project: Path, site: Path, cache: bool, strict: bool = True) -> float:
    """Wall time of ``mkdocs build --strict`` of a copy, in a new process; raise if it fails.

    ``strict=False`` is for the copy whose blocks are off: links to what the
    blocks would have written (headings, anchors) are then expected to warn.
    """
    mode = "--strict" if strict else "--no-strict"
    cmd = [sys.executable, "-m", "mkdocs", "build", mode, "--site-dir", str(site)]
    start = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=project, env=child_env(project, cache), capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{done.stderr}")
    return seconds


def median(xs: list[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(xs) if xs else float("nan")
