"""Live reload: seconds from saving an edit to the served page showing it."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from project import child_env, copy_project, median
from report import Budget

RELOAD_PROSE_MAX = 0.6
RELOAD_BPCORE_MAX = 2.0
RELOAD_TIMEOUT = 30.0
"""Seconds to wait for an edit to show before calling it not observed."""
SETTLE = {"prose": 1.5, "bpcore": 4.0}
"""Seconds to wait before an edit, by the kind of the edit before it (in either server)."""
LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
"""The call ``mkdocs serve`` adds to each page, with the build epoch the page shows."""

PROBE_BLOCK = """

```python exec="1" html="1"
from bpcore._bench_probe import TOKEN

print(f'<p id="bench-probe">{TOKEN}</p>')
```
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str, timeout: float = 5) -> str:
    """The body of ``url``, or an empty string if the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, text: str, timeout: float = RELOAD_TIMEOUT) -> float | None:
    """Seconds until the page at ``url`` contains ``text``; None on timeout.

    It waits as a browser does: the page served by ``mkdocs serve`` carries
    the site's build epoch, and ``/livereload/<epoch>/<id>`` answers as soon
    as a newer build is visible; then the page is fetched again. (A rebuild
    that does not yet show ``text`` just starts another wait.)
    """
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = fetch(url)
        if text in page:
            return time.perf_counter() - start
        epoch = LIVERELOAD.search(page)
        if epoch is None:  # the server is not up yet
            time.sleep(0.05)
            continue
        fetch(f"{url}livereload/{epoch[1]}/{epoch[2]}", timeout=timeout)
    return None


@contextlib.contextmanager
def serving(project: Path, cache: bool) -> Iterator[str]:
    """Run ``mkdocs serve`` (live reload) on a copy; yield its URL; stop it afterwards."""
    url = f"http://127.0.0.1:{free_port()}/"
    address = urlsplit(url).netloc
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address]
    log = (project / "serve.log").open("w")
    proc = subprocess.Popen(
        cmd, cwd=project, env=child_env(project, cache), stdout=log, stderr=subprocess.STDOUT
    )
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@dataclass(frozen=True)
class ReloadCopy:
    """A copy of the project set up for live-reload runs, and its two kinds of edit.

    Its home page gets a block printing ``bpcore._bench_probe.TOKEN``. A prose
    edit rewrites a sentence of the page; a bpcore edit rewrites the token,
    which shows only if the edit triggers a rebuild, misses the cache and the
    new module is imported.
    """

    project: Path
    cache: bool
    prose: str

    @classmethod
    def make(cls, source: Path, dest: Path, cache: bool) -> ReloadCopy:
        """Copy the project; ``cache=False`` also drops the ``fast_reload`` hook (as before)."""
        project = copy_project(source, dest)
        if not cache:
            config = project / "mkdocs.yml"
            lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
            config.write_text("".join(x for x in lines if "scripts/hooks/fast_reload.py" not in x))
        prose = (project / "docs" / "index.md").read_text(encoding="utf-8") + PROBE_BLOCK
        return cls(project, cache, prose)

    def edit(self, kind: str, token: str) -> None:
        """Save a ``"prose"`` or ``"bpcore"`` edit that makes ``token`` appear on the home page."""
        if kind == "prose":
            page = self.project / "docs" / "index.md"
            page.write_text(f"{self.prose}\nBench marker {token}.\n", encoding="utf-8")
        else:
            probe = self.project / "bpcore" / "_bench_probe.py"
            probe.write_text(f'"""Bench probe."""\n\nTOKEN = "{token}"\n', encoding="utf-8")


def measure(source: Path, tmp: Path, runs: int) -> dict[str, Any]:
    """Seconds from saving an edit to the served page showing it, for prose and for bpcore.

    Two servers run side by side: "before" (caches off, MkDocs' own polling
    interval) and "after" (both hooks). Edits alternate between them.
    """
    copies = {
        "before (caches off, 0.5 s polling)": ReloadCopy.make(source, tmp / "reload-0", False),
        "after": ReloadCopy.make(source, tmp / "reload-1", True),
    }
    first = uuid.uuid4().hex
    for copy in copies.values():
        copy.edit("prose", first)
        copy.edit("bpcore", first)
    kinds = ("prose", "bpcore")
    times: dict[str, dict[str, list[float | None]]] = {
        name: {kind: [] for kind in kinds} for name in copies
    }
    with contextlib.ExitStack() as stack:
        urls = {n: stack.enter_context(serving(c.project, c.cache)) for n, c in copies.items()}
        for name, url in urls.items():
            if wait_for(url, f'id="bench-probe">{first}<', timeout=180) is None:
                raise RuntimeError(f"mkdocs serve did not come up for {name}")
        previous = "bpcore"
        for _ in range(runs):
            for kind in kinds:
                for name, copy in copies.items():
                    # Let the last rebuild finish, and after a bpcore edit the one that
                    # Python's writing new bytecode into bpcore/__pycache__ triggers.
                    time.sleep(SETTLE[previous])
                    previous = kind
                    token = uuid.uuid4().hex
                    start = time.perf_counter()
                    copy.edit(kind, token)
                    shown = wait_for(urls[name], token)
                    elapsed = None if shown is None else time.perf_counter() - start
                    times[name][kind].append(elapsed)
    return {
        name: {
            "seconds": {
                kind: None if None in ts else median([t for t in ts if t is not None])
                for kind, ts in by_kind.items()
            },
            "runs": by_kind,
        }
        for name, by_kind in times.items()
    }


def budgets(result: dict[str, Any]) -> list[Budget]:
    """The budgets on live reload (of the server with both hooks), with their measured values."""
    after = result["after"]["seconds"]
    return [
        Budget("live reload after a prose edit", after["prose"], RELOAD_PROSE_MAX, "s"),
        Budget("live reload after a bpcore edit", after["bpcore"], RELOAD_BPCORE_MAX, "s"),
    ]
