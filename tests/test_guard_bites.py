"""The drift guard bites: each way of drifting makes the real checks fail.

- changing any one input of the example makes the golden comparison fail;
- a block that raises makes ``mkdocs build --strict`` fail, naming the page;
- a page showing a number other than bpcore's makes the built-HTML check fail.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from bpcore.site import golden
from bpcore.site.drift import check_site
from bpcore.site.examples import article, worked
from bpcore.site.golden import Values

INPUTS: list[tuple[str, tuple[int, ...], str]] = [
    *[("V", (i, j), f"init.v{i + 1}{j + 1}") for i in range(3) for j in range(2)],
    *[("W", (j, 0), f"init.w{j + 1}") for j in range(2)],
    *[("SAMPLES", (k, i), f"x{i + 1}({k + 1})") for k in range(3) for i in range(3)],
    *[("TARGETS", (k,), f"t({k + 1})") for k in range(3)],
    ("LEARNING_RATE", (), "lr"),
]
"""Every input of the example: module constant, index in it, and its name among the values."""

CHANGE = 0.001
"""How much one input is changed: one unit in the third decimal, the article's precision."""


def changed(constant: object, index: tuple[int, ...]) -> object:
    """A copy of a nested list constant (or a number) with the entry at ``index`` changed."""
    if not index:
        return float(constant) + CHANGE  # type: ignore[arg-type]
    copy = list(constant)  # type: ignore[call-overload]
    copy[index[0]] = changed(copy[index[0]], index[1:])
    return copy


def clear_worked_caches() -> None:
    """Forget the worked example's record and values, so that they are computed again."""
    worked.record.cache_clear()
    worked.values.cache_clear()


@pytest.fixture
def patched(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Monkeypatch with the worked example's caches emptied before and after: nothing leaks."""
    clear_worked_caches()
    yield monkeypatch
    monkeypatch.undo()
    clear_worked_caches()


@pytest.mark.parametrize(("constant", "index", "name"), INPUTS, ids=[n for _, _, n in INPUTS])
def test_changing_one_input_fails_the_golden_comparison(
    patched: pytest.MonkeyPatch, constant: str, index: tuple[int, ...], name: str
) -> None:
    patched.setattr(worked, constant, changed(getattr(worked, constant), index))
    # Only what an input of the worked example can change is computed again: its sources.
    old = golden.load(golden.FILE)
    new: Values = {"example": worked.values(), "article": article.verdicts(worked.record())}
    lines = golden.diff({source: old[source] for source in new}, new)
    # The input itself and what the site computes from it (the updated w1) are both named.
    assert any(line.startswith(f"changed example:{name} ") for line in lines), lines
    assert any(line.startswith("changed example:new.exact.w1 ") for line in lines), lines


def test_the_unchanged_inputs_match_the_golden_file(patched: pytest.MonkeyPatch) -> None:
    # The sweep above would pass vacuously if the worked sources always differed.
    old = golden.load(golden.FILE)
    new: Values = {"example": worked.values(), "article": article.verdicts(worked.record())}
    assert golden.diff({source: old[source] for source in new}, new) == []


def project_with(pages: dict[str, str], dest: Path) -> Path:
    """A copy of the project whose docs are only ``pages`` (and the real docs' other files).

    The real ``mkdocs.yml`` is kept, less its ``nav`` (which names the real pages);
    every other top-level entry is linked, so paths relative to the config still work.

    Returns:
        The copy's ``mkdocs.yml``.
    """
    dest.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in {"docs", "mkdocs.yml", "site"} and not entry.name.startswith("."):
            (dest / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("*.md"))
    for name, text in pages.items():
        (dest / "docs" / name).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = re.compile(r"^nav:\n(?:[ \t].*\n|\n)*", re.MULTILINE)
    (dest / "mkdocs.yml").write_text(nav.sub("", config), encoding="utf-8")
    return dest / "mkdocs.yml"


def block(code: str) -> str:
    """A markdown-exec block as the pages write them."""
    return f'```python exec="1" session="example" html="1"\n{code}\n```\n'


@pytest.mark.site
def test_a_raising_block_fails_the_strict_build_and_names_the_page(tmp_path: Path) -> None:
    pages = {
        "index.md": "# Home\n",
        "raising-page.md": "# Raises\n\n" + block('raise RuntimeError("boom")'),
    }
    result = mkdocs_build(tmp_path / "site", project_with(pages, tmp_path / "project"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    warning = r"WARNING .*raising-page\.md: markdown_exec: .* exited with errors"
    assert re.search(warning, output), output
    assert "RuntimeError: boom" in output, output
    # Where a build does not stop on it (Zensical), the HTML check catches the rendered traceback.
    problems = check_site(tmp_path / "site", figures={})
    assert problems[0].startswith("raising-page/index.html: error text 'Traceback"), problems
    # The traceback's line numbers are numbers nothing accounts for, too.
    assert all("typed in" in line for line in problems[1:]), problems


@pytest.mark.site
def test_a_page_showing_another_number_fails_the_html_check(tmp_path: Path) -> None:
    code = "from bpcore.site.examples import REGISTRY\n"
    code += "from bpcore.site.render.numbers import Named, num\n"
    code += 'print(num(REGISTRY.named("loss.E")))\nprint(num(Named("loss.E", 0.123)))'
    pages = {"index.md": "# Home\n\n" + block(code)}
    site = tmp_path / "site"
    result = mkdocs_build(site, project_with(pages, tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    problems = check_site(site, figures={})
    assert len(problems) == 2, problems
    assert problems[0].startswith("index.html: loss.E shows '0.123', bpcore gives '0.049'")
    assert problems[1].startswith("index.html: loss.E has title '0.123'")


@pytest.mark.site
def test_numbers_typed_into_a_built_page_fail_the_html_check(tmp_path: Path) -> None:
    # Each way of showing a number that the engine did not compute, through a real build.
    page = (
        "# Home\n\n"
        + block('print("<p>The loss is 0.049</p>")')
        + '\n````md exec="1"\nThe loss rounds to 0.05 here.\n````\n'
        + '\n```python exec="1"\nprint("```python\\nloss = 0.0489\\n```")\n```\n'
        + '\nSee [the loss](index.md "E is 0.0488"), or `0.04886`, or &#48;.&#52;9.\n'
        + "\nIt took 131 epochs, 12% of the budget, down to 1e-3.\n"
    )
    site = tmp_path / "site"
    result = mkdocs_build(site, project_with({"index.md": page}, tmp_path / "project"))
    assert result.returncode == 0, result.stderr
    problems = "\n".join(check_site(site, figures={}))
    for token in ("0.049", "0.05", "0.0489", "0.0488", "0.04886", "0.49", "131", "12%", "1e-3"):
        assert f"index.html: {token!r} typed in" in problems, (token, problems)
