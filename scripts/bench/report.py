"""Budgets and the plain-text table of the results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


def show(value: float | None, unit: str) -> str:
    """A figure for the table."""
    if value is None:
        return "not observed"
    if unit == "B":
        return f"{value / 1024:.1f} KB"
    return f"{value:.3f} {unit}" if unit == "s" else f"{value:.2f}{unit}"


def builds_lines(b: dict[str, Any], runs: int) -> list[str]:
    """The section on cold builds."""
    lines = [f"Cold builds ({b['blocks']} executed blocks; median of {runs} runs)"]
    for name, seconds in b["seconds"].items():
        lines.append(f"  {name:<40} {seconds:8.3f} s")
    lines.append(f"  {'ratio exec/off, no cache':<40} {b['ratio_no_cache']:8.2f}x")
    lines.append(f"  {'ratio exec/off, warm cache':<40} {b['ratio_warm_cache']:8.2f}x")
    differing = len(b["html_differing_with_cache"])
    lines.append(f"  {'pages whose HTML differs with cache':<40} {differing:8d}")
    return lines


def reload_lines(reload: dict[str, Any]) -> list[str]:
    """The section on live reload."""
    lines = ["Live reload (save to served page)"]
    for mode, r in reload.items():
        for edit, seconds in r["seconds"].items():
            lines.append(f"  {edit + ' edit, ' + mode:<52} {show(seconds, 's'):>10}")
    return lines


def pages_lines(pages: list[dict[str, Any]]) -> list[str]:
    """The section on page weight."""
    lines = ["Page weight"]
    for row in pages:
        lines.append(
            f"  {row['page']:<40} HTML {show(row['html_bytes'], 'B'):>10}"
            f"   with {len(row['assets'])} assets {show(row['total_bytes'], 'B'):>10}"
            f"   gzip {show(row['total_gzip_bytes'], 'B'):>10}"
        )
    return lines


def epochs_lines(e: dict[str, Any]) -> list[str]:
    """The section on bpcore's training epoch."""
    lines = [f"Training epoch on the example (float64, {e['epochs_per_run']} epochs per run)"]
    for name, seconds in e["seconds_per_epoch"].items():
        lines.append(f"  {name:<40} {seconds * 1e6:8.1f} µs")
    for name, note in e["notes"].items():
        lines.append(f"  {name:<40} {note}")
    return lines


def report(results: dict[str, Any]) -> str:
    """The results as a plain-text table: a section per measurement that was run, then budgets."""
    m = results["machine"]
    lines = [
        f"{results['source']}; {m['cpus']} CPUs, load average {m['load_average_1min_at_start']:.1f}"
        f" at the start and {m['load_average_1min_at_end']:.1f} at the end",
    ]
    if "builds" in results:
        lines += builds_lines(results["builds"], results["runs"])
    if "reload" in results:
        lines += reload_lines(results["reload"])
    if "pages" in results:
        lines += pages_lines(results["pages"])
    if "epochs" in results:
        lines += epochs_lines(results["epochs"])
    if "panel" in results:
        import panel  # its section is its own

        lines += panel.lines(results["panel"])
    lines.append("Budgets")
    for budget in results["budgets"]:
        mark = "ok  " if budget["met"] else "MISS"
        lines.append(
            f"  {mark} {budget['name']:<52} {show(budget['value'], budget['unit']):>12}"
            f"  <= {show(budget['limit'], budget['unit'])}"
        )
    return "\n".join(lines)
