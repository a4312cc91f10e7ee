"""Benchmark the site: cost of computing in the build, live reload, page weight, bpcore's speed.

Run it with ``make bench`` (or ``.venv/bin/python scripts/bench`` from the
repository root). It is not a test: it prints a table, writes the same figures
as JSON and exits non-zero if a budget is missed. It works on temporary copies
of ``mkdocs.yml``, ``docs/``, ``bpcore/`` and ``scripts/`` (edits for the
live-reload runs go to the copies, never to the work tree), and runs MkDocs
with the copy first on ``PYTHONPATH`` so that the copy's ``bpcore`` is the one
imported.

Every time is the median of ``--runs`` runs (at least 5) taken in alternation
between the variants being compared, on this machine.

Each measurement is a module of this folder: ``builds`` (cold builds),
``reload`` (live reload), ``pages`` (page weight, with ``bpcore.site.pageweight``)
``epochs`` (bpcore per epoch) and ``panel`` (the Try it panel
in Chromium); ``project`` holds the copies of the project
and ``report`` the budgets and the table. ``--only`` runs some of them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import builds
import pages
import panel
import reload
from project import ROOT, build, copy_project, snapshot
from report import Budget, report

MEASUREMENTS = ("builds", "reload", "pages", "epochs", "panel")
"""Every measurement, in the order they run and are reported."""


def parse_only(text: str) -> tuple[str, ...]:
    """The measurements named in ``--only`` (comma-separated), in the order they run."""
    names = {name.strip() for name in text.split(",") if name.strip()}
    unknown = names - set(MEASUREMENTS)
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"choose among {', '.join(MEASUREMENTS)} (got {', '.join(sorted(unknown)) or text!r})"
        )
    return tuple(name for name in MEASUREMENTS if name in names)


def site_to_weigh(source: Path, tmp: Path, given: Path | None) -> Path:
    """The site to weigh: ``--site``, else the one the builds left, else a new build."""
    if given is not None:
        return given
    site = tmp / "site-cache"
    if not site.is_dir():
        build(copy_project(source, tmp / "exec"), site, cache=True)
    return site


def main() -> int:
    """Run the measurements, print the table, write the JSON; exit 1 if a budget is missed."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per variant (at least 5)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--rev", help="measure this git revision instead of the work tree")
    parser.add_argument(
        "--only",
        type=parse_only,
        default=MEASUREMENTS,
        metavar="NAMES",
        help=f"run only these measurements, comma-separated ({','.join(MEASUREMENTS)})",
    )
    parser.add_argument(
        "--site", type=Path, help="weigh this built site's pages instead of building one"
    )
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5: every figure is a median of at least 5 runs")
    only: tuple[str, ...] = args.only
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
        }
        found: list[Budget] = []
        if "builds" in only:
            results["builds"] = builds.measure(source, tmp, args.runs)
            found += builds.budgets(results["builds"])
        if "reload" in only:
            results["reload"] = reload.measure(source, tmp, args.runs)
            found += reload.budgets(results["reload"])
        if "pages" in only:
            results["pages"] = pages.measure(site_to_weigh(source, tmp, args.site))
            found += pages.budgets(results["pages"])
        if "epochs" in only:
            import epochs  # only when asked for: it imports the worked example from bpcore

            results["epochs"] = epochs.measure(args.runs)
        if "panel" in only:
            results["panel"] = panel.measure(site_to_weigh(source, tmp, args.site), args.runs)
            found += panel.budgets(results["panel"])
    results["machine"]["load_average_1min_at_end"] = os.getloadavg()[0]
    results["budgets"] = [{**asdict(b), "met": b.met} for b in found]
    print(report(results))
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {args.json}")
    return 0 if all(b.met for b in found) else 1


if __name__ == "__main__":
    sys.exit(main())
