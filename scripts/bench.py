"""Benchmark the site: cost of computing in the build, live reload, page weight, bpcore's speed.

Run it with ``make bench`` (or ``.venv/bin/python scripts/bench.py``). It is not
a test: it prints a table, writes the same figures as JSON and exits non-zero
if a budget is missed. It works on temporary copies of ``mkdocs.yml``,
``docs/``, ``bpcore/`` and ``scripts/`` (edits for the live-reload runs go to
the copies, never to the work tree), and runs MkDocs with the copy first on
``PYTHONPATH`` so that the copy's ``bpcore`` is the one imported.

Every time is the median of ``--runs`` runs (at least 5) taken in alternation
between the variants being compared, on this machine.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import numpy as np
from bs4 import BeautifulSoup

import bpcore

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("mkdocs.yml", "docs", "bpcore", "scripts")
"""What a copy of the project holds: enough to build and serve the site."""
LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
"""The call ``mkdocs serve`` adds to each page, with the build epoch the page shows."""
EXEC_ON = re.compile(r'\bexec="(?:1|on|yes|true)"', re.IGNORECASE)

BUILD_RATIO_MAX = 1.3
RELOAD_PROSE_MAX = 0.6
RELOAD_BPCORE_MAX = 2.0
PAGE_TOTAL_MAX = 450 * 1024
PAGE_HTML_MAX = 150 * 1024
RELOAD_TIMEOUT = 30.0
"""Seconds to wait for an edit to show before calling it not observed."""
SETTLE = {"prose": 1.5, "bpcore": 4.0}
"""Seconds to wait before an edit, by the kind of the edit before it (in either server)."""
EPOCHS = 200
"""Training epochs per timed run of the epoch benchmark."""


@dataclass(frozen=True)
class Budget:
    """One budget: what was measured against its limit."""

    name: str
    value: float | None
    limit: float
    unit: str

    @property
    def met(self) -> bool:
        """Whether the value is within the limit (a value that could not be measured is not)."""
        return self.value is not None and self.value <= self.limit


# --- copies of the project ---------------------------------------------------------------------


def snapshot(dest: Path, rev: str | None) -> Path:
    """Take the project once, so that every measurement sees the same pages.

    Args:
        dest: An empty directory to fill.
        rev: A git revision to take the files from, or None for the work tree as it is.
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


# --- 1. cold builds ----------------------------------------------------------------------------


def measure_builds(source: Path, tmp: Path, runs: int) -> dict[str, Any]:
    """Cold builds (each a new process) of the real pages, with and without executing blocks.

    Four variants, alternated run by run: the real pages and a copy with every
    block turned off (``exec="off"``), each with the caches off (as before
    them) and on (warm from the previous run). The cost of computing is the
    ratio of the real build to the one without blocks, under the same caches.
    """
    real = copy_project(source, tmp / "exec")
    off = copy_project(source, tmp / "off")
    blocks = turn_exec_off(off)
    variants: dict[str, Callable[[], float]] = {
        "exec, no cache": lambda: build(real, tmp / "site-nocache", cache=False),
        "exec off, no cache": lambda: build(off, tmp / "site-off", cache=False, strict=False),
        "exec, warm cache": lambda: build(real, tmp / "site-cache", cache=True),
        "exec off, warm cache": lambda: build(off, tmp / "site-off", cache=True, strict=False),
    }
    for run in variants.values():  # warm the OS file cache and fill the caches
        run()
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, run in variants.items():
            times[name].append(run())
    cached, uncached = tmp / "site-cache", tmp / "site-nocache"
    differing = [
        p.relative_to(cached).as_posix()
        for p in cached.rglob("*.html")
        if p.read_bytes() != (uncached / p.relative_to(cached)).read_bytes()
    ]
    seconds = {name: median(ts) for name, ts in times.items()}
    return {
        "blocks": blocks,
        "cache_entries": len(list((real / ".cache" / "exec").glob("*"))),
        "html_differing_with_cache": differing,
        "seconds": seconds,
        "runs": times,
        "ratio_no_cache": seconds["exec, no cache"] / seconds["exec off, no cache"],
        "ratio_warm_cache": seconds["exec, warm cache"] / seconds["exec off, warm cache"],
    }


# --- 2. live reload ----------------------------------------------------------------------------


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


def measure_reload(source: Path, tmp: Path, runs: int) -> dict[str, Any]:
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


# --- 3. page weight ----------------------------------------------------------------------------


def local(url: str) -> str | None:
    """The path part of a URL that points into the site, or None for other origins and data."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def css_urls(css: str) -> list[str]:
    """Every ``url(...)`` and ``@import "..."`` in a stylesheet (fonts, images, other CSS)."""
    found = re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", css)
    found += re.findall(r"""@import\s+['"]([^'"]+)['"]""", css)
    return found


def page_urls(html: str) -> list[str]:
    """URLs the page loads: stylesheets, icons, preloads, scripts, images, search worker."""
    soup = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    for link in soup.find_all("link", href=True):
        rels = set(link.get("rel") or [])
        if rels & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
            urls.append(str(link["href"]))
    urls += [str(tag["src"]) for tag in soup.find_all(["script", "img", "source"], src=True)]
    urls += [str(tag["href"]) for tag in soup.find_all("image", href=True)]
    config = soup.find("script", id="__config")
    if config is not None:  # Material starts its search worker from this script's JSON
        worker = json.loads(config.get_text()).get("search")
        if worker:
            urls.append(str(worker))
    return urls


def assets_of(page: Path, site: Path) -> set[Path]:
    """Every local file the page loads, following stylesheets to their fonts and images."""
    found: set[Path] = set()
    queue = [(page.parent, url) for url in page_urls(page.read_text(encoding="utf-8"))]
    while queue:
        base, url = queue.pop()
        path = local(url)
        if path is None:
            continue
        target = (site / path.lstrip("/") if path.startswith("/") else base / path).resolve()
        if target in found or not target.is_file() or site.resolve() not in target.parents:
            continue
        found.add(target)
        if target.suffix == ".css":
            css = target.read_text(encoding="utf-8")
            queue += [(target.parent, u) for u in css_urls(css)]
    return found


def page_weights(site: Path) -> list[dict[str, Any]]:
    """Per page: bytes of the HTML, and of the HTML plus every local asset it loads.

    The budgets are on the bytes as stored; the gzip figure (what a server
    that compresses would send) is for information.
    """
    site = site.resolve()
    rows = []
    for page in sorted(site.rglob("*.html")):
        files = [page, *sorted(assets_of(page, site))]
        rows.append(
            {
                "page": page.relative_to(site).as_posix(),
                "html_bytes": page.stat().st_size,
                "total_bytes": sum(f.stat().st_size for f in files),
                "total_gzip_bytes": sum(len(gzip.compress(f.read_bytes())) for f in files),
                "assets": [f.relative_to(site).as_posix() for f in files[1:]],
            }
        )
    return rows


# --- 4. bpcore per epoch -----------------------------------------------------------------------


def numpy_epoch(
    V: np.ndarray, W: np.ndarray, X: np.ndarray, T: np.ndarray, lr: float
) -> tuple[np.ndarray, np.ndarray]:
    """One batch gradient-descent epoch of the example's network, written out in plain numpy.

    Linear hidden layer, sigmoid output, no biases, loss ``1/(2m) sum (t - y)^2``.
    """
    h = X @ V
    y = 1.0 / (1.0 + np.exp(-(h @ W)))
    delta = (y - T) * y * (1.0 - y) / X.shape[0]
    return V - lr * (X.T @ (delta @ W.T)), W - lr * (h.T @ delta)


def bpcore_epochs(epochs: int) -> list[np.ndarray]:
    """The example's weights after ``epochs`` epochs of ``bpcore.step``."""
    ex = bpcore.example()
    net = ex.net
    for _ in range(epochs):
        net = bpcore.step(net, ex.X, ex.T, ex.lr)
    return list(net.weights)


def plain_epochs(epochs: int) -> list[np.ndarray]:
    """The example's weights after ``epochs`` epochs of [`numpy_epoch`][]."""
    ex = bpcore.example()
    V, W = (np.array(w) for w in ex.net.weights)
    for _ in range(epochs):
        V, W = numpy_epoch(V, W, ex.X, ex.T, ex.lr)
    return [V, W]


def torch_epochs(epochs: int) -> list[np.ndarray]:
    """The same epochs with PyTorch autograd on the CPU in float64 (needs torch installed)."""
    import torch  # type: ignore[import-not-found]  # optional, not installed here

    ex = bpcore.example()
    V, W = (
        torch.tensor(np.array(w), dtype=torch.float64, requires_grad=True) for w in ex.net.weights
    )
    X = torch.tensor(np.array(ex.X), dtype=torch.float64)
    T = torch.tensor(np.array(ex.T), dtype=torch.float64)
    for _ in range(epochs):
        loss = ((T - torch.sigmoid(X @ V @ W)) ** 2).sum() / (2 * X.shape[0])
        gV, gW = torch.autograd.grad(loss, [V, W])
        with torch.no_grad():
            V = (V - ex.lr * gV).requires_grad_()
            W = (W - ex.lr * gW).requires_grad_()
    return [V.detach().numpy(), W.detach().numpy()]


def measure_epochs(runs: int) -> dict[str, Any]:
    """Seconds per epoch of bpcore, plain numpy and (if installed) PyTorch, results checked equal.

    Equal means bit for bit when it is; otherwise the largest relative
    difference is reported and must be below 1e-12 for the time to count.
    """
    impls: dict[str, Callable[[int], list[np.ndarray]]] = {
        "bpcore": bpcore_epochs,
        "plain numpy": plain_epochs,
    }
    notes: dict[str, str] = {}
    if importlib.util.find_spec("torch") is None:
        notes["pytorch"] = "not installed: skipped"
    else:
        impls["pytorch"] = torch_epochs
    reference = bpcore_epochs(EPOCHS)
    agreement: dict[str, float] = {}
    for name, impl in impls.items():
        got = impl(EPOCHS)
        diff = max(
            float(np.max(np.abs(g - r) / np.maximum(np.abs(r), 1e-300)))
            for g, r in zip(got, reference, strict=True)
        )
        agreement[name] = diff
        if diff > 1e-12:
            notes[name] = f"results differ from bpcore (max relative difference {diff:.3g})"
    checked = [name for name in impls if name not in notes]
    times: dict[str, list[float]] = {name: [] for name in checked}
    for _ in range(runs):
        for name in checked:
            start = time.perf_counter()
            impls[name](EPOCHS)
            times[name].append((time.perf_counter() - start) / EPOCHS)
    return {
        "epochs_per_run": EPOCHS,
        "seconds_per_epoch": {name: median(ts) for name, ts in times.items()},
        "max_relative_difference": agreement,
        "notes": notes,
    }


# --- report ------------------------------------------------------------------------------------


def budgets(results: dict[str, Any]) -> list[Budget]:
    """Every budget of issue 6 with its measured value."""
    out = [
        Budget(
            "cold build ratio, exec / exec off (warm cache)",
            results["builds"]["ratio_warm_cache"],
            BUILD_RATIO_MAX,
            "x",
        )
    ]
    reload = results["reload"]["after"]["seconds"]
    out.append(Budget("live reload after a prose edit", reload["prose"], RELOAD_PROSE_MAX, "s"))
    out.append(Budget("live reload after a bpcore edit", reload["bpcore"], RELOAD_BPCORE_MAX, "s"))
    for row in results["pages"]:
        out.append(Budget(f"{row['page']}: HTML", row["html_bytes"], PAGE_HTML_MAX, "B"))
        out.append(Budget(f"{row['page']}: HTML + assets", row["total_bytes"], PAGE_TOTAL_MAX, "B"))
    return out


def show(value: float | None, unit: str) -> str:
    """A figure for the table."""
    if value is None:
        return "not observed"
    if unit == "B":
        return f"{value / 1024:.1f} KB"
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.2f}{unit}"


def report(results: dict[str, Any]) -> str:
    """The results as a plain-text table."""
    b = results["builds"]
    m = results["machine"]
    lines = [
        f"{results['source']}; {m['cpus']} CPUs, load average {m['load_average_1min_at_start']:.1f}"
        f" at the start and {m['load_average_1min_at_end']:.1f} at the end",
        f"Cold builds ({b['blocks']} executed blocks; median of {results['runs']} runs)",
    ]
    for name, seconds in b["seconds"].items():
        lines.append(f"  {name:<40} {seconds:8.3f} s")
    lines.append(f"  {'ratio exec/off, no cache':<40} {b['ratio_no_cache']:8.2f}x")
    lines.append(f"  {'ratio exec/off, warm cache':<40} {b['ratio_warm_cache']:8.2f}x")
    differing = len(b["html_differing_with_cache"])
    lines.append(f"  {'pages whose HTML differs with cache':<40} {differing:8d}")
    lines.append("Live reload (save to served page)")
    for mode, r in results["reload"].items():
        for edit, seconds in r["seconds"].items():
            lines.append(f"  {edit + ' edit, ' + mode:<52} {show(seconds, 's'):>10}")
    lines.append("Page weight")
    for row in results["pages"]:
        lines.append(
            f"  {row['page']:<40} HTML {show(row['html_bytes'], 'B'):>10}"
            f"   with {len(row['assets'])} assets {show(row['total_bytes'], 'B'):>10}"
            f"   gzip {show(row['total_gzip_bytes'], 'B'):>10}"
        )
    e = results["epochs"]
    lines.append(f"Training epoch on the example (float64, {e['epochs_per_run']} epochs per run)")
    for name, seconds in e["seconds_per_epoch"].items():
        lines.append(f"  {name:<40} {seconds * 1e6:8.1f} µs")
    for name, note in e["notes"].items():
        lines.append(f"  {name:<40} {note}")
    lines.append("Budgets")
    for budget in results["budgets"]:
        mark = "ok  " if budget["met"] else "MISS"
        lines.append(
            f"  {mark} {budget['name']:<52} {show(budget['value'], budget['unit']):>12}"
            f"  <= {show(budget['limit'], budget['unit'])}"
        )
    return "\n".join(lines)


def main() -> int:
    """Run every measurement, print the table, write the JSON; exit 1 if a budget is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per variant (at least 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--rev", help="measure this git revision instead of the work tree")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5: every figure is a median of at least 5 runs")
    with tempfile.TemporaryDirectory(prefix="bp-bench-") as name:
        tmp = Path(name)
        source = snapshot(tmp / "source", args.rev)
        results: dict[str, Any] = {
            "source": args.rev or "work tree",
            "machine": {
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                # Others' work on a shared machine slows every figure; say how busy it was.
                "load_average_1min_at_start": os.getloadavg()[0],
            },
            "runs": args.runs,
            "builds": measure_builds(source, tmp, args.runs),
            "reload": measure_reload(source, tmp, args.runs),
            "pages": page_weights(tmp / "site-cache"),
            "epochs": measure_epochs(args.runs),
        }
    results["machine"]["load_average_1min_at_end"] = os.getloadavg()[0]
    results["budgets"] = [{**asdict(b), "met": b.met} for b in budgets(results)]
    print(report(results))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0 if all(b["met"] for b in results["budgets"]) else 1


if __name__ == "__main__":
    sys.exit(main())
