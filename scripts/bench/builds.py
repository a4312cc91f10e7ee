"""Cold builds: the cost of computing in the build, with and without the caches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from project import build, copy_project, median, turn_exec_off
from report import Budget

BUILD_RATIO_MAX = 1.3
"""Most a real build may cost, as a multiple of the same build with every block off (warm)."""


def measure(source: Path, tmp: Path, runs: int) -> dict[str, Any]:
    """Cold builds (each a new process) of the real pages, with and without executing blocks.

    Four variants, alternated run by run: the real pages and a copy with every
    block turned off (``exec="off"``), each with the caches off (as before
    them) and on (warm from the previous run). The cost of computing is the
    ratio of the real build to the one without blocks, under the same caches.
    The site built with the warm cache is left in ``tmp / "site-cache"``.
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


def budgets(result: dict[str, Any]) -> list[Budget]:
    """The budget on the cost of computing, with its measured value."""
    return [
        Budget(
            "cold build ratio, exec / exec off (warm cache)",
            result["ratio_warm_cache"],
            BUILD_RATIO_MAX,
            "x",
        )
    ]
