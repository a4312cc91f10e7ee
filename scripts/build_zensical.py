"""Build the docs with Zensical, from a fresh private copy, into a directory.

Usage: ``python scripts/build_zensical.py [DEST]`` (default ``site-zensical``).

Why a private copy: Zensical caches rendered pages in ``.cache/`` beside its
config and serves them again when only ``bpcore`` changed, so the numbers of
a markdown-exec block would be stale; and its ``--clean`` empties the whole
``.cache/``, where the MkDocs build keeps its own cache. A temporary project
(a copy of ``docs/`` and a config that inherits ``zensical.yml``) starts with
no cache and leaves the repository's alone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(dest: Path) -> subprocess.CompletedProcess[str]:
    """Build the site with ``zensical build --strict`` and move it to ``dest``.

    Returns:
        Zensical's finished process; ``dest`` is replaced only if it succeeded.
    """
    with tempfile.TemporaryDirectory(prefix="zensical-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "docs", project / "docs")
        config = project / "zensical.yml"
        config.write_text(f"INHERIT: {ROOT / 'zensical.yml'}\nsite_dir: site\n", encoding="utf-8")
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(config)]
        done = subprocess.run(cmd, cwd=project, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            shutil.rmtree(dest, ignore_errors=True)
            shutil.move(project / "site", dest)
    return done


def main() -> int:
    """Build into the directory given on the command line and report Zensical's output."""
    dest = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "site-zensical").resolve()
    done = build(dest)
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    if done.returncode == 0:
        print(f"Zensical site in {dest}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
