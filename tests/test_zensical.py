"""The same docs built with Zensical show the same computed numbers as the MkDocs build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import markdown_exec
import pytest
from zensical.config import parse_config

from bpcore.site.drift import check_site, shown_numbers

ROOT = Path(__file__).resolve().parent.parent


def test_zensical_site_shows_exactly_what_bpcore_computes(zensical_site: Path) -> None:
    problems = check_site(zensical_site)
    assert not problems, "the Zensical site differs from bpcore:\n" + "\n".join(problems)


def test_zensical_and_mkdocs_show_the_same_named_numbers_on_the_same_pages(
    site: Path, zensical_site: Path
) -> None:
    mkdocs, zensical = shown_numbers(site), shown_numbers(zensical_site)
    assert mkdocs, "the MkDocs site shows no named number"
    assert zensical == mkdocs


def api_entries(site: Path) -> set[str]:
    """The ids of the API reference's entries (``bpcore.train`` and so on)."""
    html = "".join(p.read_text(encoding="utf-8") for p in (site / "api").rglob("index.html"))
    return set(re.findall(r'id="(bpcore\.[^"]+)"', html))


def test_zensical_builds_the_same_api_reference(site: Path, zensical_site: Path) -> None:
    mkdocs = api_entries(site)
    assert "bpcore.train" in mkdocs
    assert not sorted(mkdocs - api_entries(zensical_site))


@pytest.mark.site
def test_a_raising_block_passes_zensical_strict_but_not_the_html_check(tmp_path: Path) -> None:
    # The reason the HTML check runs on the Zensical build: its exit status misses this.
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        '# Broken\n\n```python exec="1"\nraise RuntimeError("a block that fails")\n```\n',
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: broken\nplugins:\n  - markdown-exec\n"
        "markdown_extensions:\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", "mkdocs.yml"]
    done = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = check_site(tmp_path / "site", known={}, figures={})
    assert problems and "error text" in problems[0], problems


def test_zensical_runs_markdown_exec_as_a_superfences_custom_fence() -> None:
    config = parse_config(str(ROOT / "zensical.yml"))
    fences = config["mdx_configs"]["pymdownx.superfences"]["custom_fences"]
    python = [fence for fence in fences if fence["name"] == "python"]
    assert len(python) == 1
    assert python[0]["validator"] is markdown_exec.validator
    assert python[0]["format"] is markdown_exec.formatter
    assert Path(config["site_dir"]).name == "site-zensical"
