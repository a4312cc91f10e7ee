"""The built site shows what bpcore computes: parsed HTML against bpcore's values."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from bpcore.site.drift import check_site, main, page_problems, shown_numbers
from bpcore.site.examples import worked
from bpcore.site.examples.article import QUOTED, reconcile
from bpcore.site.pages.expected import FIGURES, missing_figures, shown_figures

WEIGHTS = [name for name, _, _, _ in worked.weight_names(worked.example().net)]
SAMPLES = range(1, worked.example().X.shape[0] + 1)
ROWS = reconcile(worked.record())

REQUIRED: dict[str, list[str]] = {
    "forward table": [f"forward.{v}({k})" for k in SAMPLES for v in ("h1", "h2", "s", "y")],
    "loss E": ["loss.E"],
    "gradients": [f"grad.exact.{w}" for w in WEIGHTS],
    "updated weights": [f"new.exact.{w}" for w in WEIGHTS],
    # The rule column of the "typo" row is itself a quoted figure, so it is not a computed value.
    "reconciliation table": [f"reconcile.{r.name}.exact" for r in ROWS]
    + [f"reconcile.{r.name}.rule" for r in ROWS if r.note != "typo"],
}
"""What the site must display somewhere, as named numbers (span.bp-num[data-name])."""


def test_every_displayed_number_equals_bpcore(site: Path) -> None:
    problems = check_site(site)
    assert not problems, "the built site differs from bpcore:\n" + "\n".join(problems)


def test_the_check_runs_from_a_shell_on_any_built_site(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(site)]) == 0
    assert capsys.readouterr().out.endswith(
        f"0 problem(s) in {len(list(site.rglob('*.html')))} page(s) of {site}\n"
    )
    page = tmp_path / "index.html"
    page.write_text('<span class="bp-num" data-name="loss.E" title="0.1">0.100</span>', "utf-8")
    assert main([str(tmp_path)]) == 1
    assert "index.html: loss.E shows '0.100', bpcore gives '0.049'" in capsys.readouterr().out
    assert main([]) == 2


@pytest.mark.parametrize("group", REQUIRED)
def test_key_values_are_displayed(site: Path, group: str) -> None:
    shown = shown_numbers(site)
    missing = [name for name in REQUIRED[group] if name not in shown]
    assert not missing, f"{group}: no page displays {missing}"


def test_reconciliation_rows_show_the_printed_figure_and_verdict(site: Path) -> None:
    pages = shown_numbers(site).get(f"reconcile.{ROWS[0].name}.exact", [])
    assert pages, "no page displays the reconciliation table"
    soup = BeautifulSoup((site / pages[0]).read_text(encoding="utf-8"), "html.parser")
    for row in ROWS:
        span = soup.select_one(f'span.bp-num[data-name="reconcile.{row.name}.exact"]')
        tr = None if span is None else span.find_parent("tr")
        assert tr is not None, f"{row.name}: not in a table row of {pages[0]}"
        cells = [td.get_text(" ", strip=True) for td in tr.find_all(["td", "th"])]
        assert row.printed in cells, f"{row.name}: printed {row.printed!r} not in {cells}"
        assert any(row.verdict in c for c in cells), f"{row.name}: {row.verdict!r} not in {cells}"


TRACEBACK = """Traceback (most recent call last):
  File "<code block: session example; n1>", line 1, in <module>
RuntimeError: boom"""


def test_a_wrong_number_title_name_or_quote_and_a_traceback_are_caught() -> None:
    known = {"loss.E": 0.04885599223002374}
    good = '<span class="bp-num" data-name="loss.E" title="0.04885599223002374">0.049</span>'
    assert page_problems(good, "p.html", known, QUOTED) == []
    assert page_problems(good.replace(">0.049<", ">0.04886<"), "p.html", known, QUOTED) == []
    quoted = '<q class="bp-quoted" data-quoted="w1 new">0.766</q>'
    assert page_problems(good + quoted, "p.html", known, QUOTED) == []
    doctest = "<pre>>>> f()\nTraceback (most recent call last):\n...\nValueError: no</pre>"
    assert page_problems(good + doctest, "p.html", known, QUOTED) == []
    for bad, says in [
        (good.replace(">0.049<", ">0.048<"), "loss.E shows '0.048', bpcore gives '0.049'"),
        (good.replace('title="0.0488', 'title="0.0489'), "loss.E has title '0.04895"),
        (good.replace("loss.E", "loss.F"), "'loss.F' is not a value bpcore computes"),
        (good + f"<pre>{html.escape(TRACEBACK)}</pre>", "error text 'Traceback"),
        (good + html.escape(TRACEBACK.splitlines()[1]), "error text '\"<code block: '"),
        (
            good + '<q class="bp-quoted" data-quoted="w1 new">0.767</q>',
            "the article prints '0.766'",
        ),
    ]:
        problems = page_problems(bad, "p.html", known, QUOTED)
        assert len(problems) == 1 and says in problems[0], problems


def test_scientific_notation_is_checked_too() -> None:
    known = {"late.E[1000]": 4.1568080804497075e-17}
    span = '<span class="bp-num" data-name="late.E[1000]" title="4.1568080804497075e-17">{}</span>'
    assert page_problems(span.format("4.16×10⁻¹⁷"), "p.html", known, QUOTED) == []
    assert page_problems(span.format("4.15×10⁻¹⁷"), "p.html", known, QUOTED) != []
    assert page_problems(span.format("0.000"), "p.html", known, QUOTED) != []


def test_a_page_missing_one_of_its_figures_fails_the_check(site: Path) -> None:
    html = (site / "training" / "index.html").read_text(encoding="utf-8")
    assert missing_figures(html, "training/index.html") == []
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select_one('div.bp-table[aria-label="What the trained network computes"]')
    assert table is not None
    table.decompose()  # as if its block had printed nothing
    problems = missing_figures(str(soup), "training/index.html")
    assert problems == [
        "training/index.html: 'table: What the trained network computes' is missing "
        "(a block printed nothing, or something else)"
    ]


@pytest.mark.parametrize("page", sorted(FIGURES))
def test_every_reader_page_shows_its_figures_in_order(site: Path, page: str) -> None:
    assert shown_figures((site / page).read_text(encoding="utf-8")) == list(FIGURES[page])


def test_every_page_with_figures_is_expected(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        if name.startswith(("api/", "guide/")):
            continue  # authors' pages show examples of figures, not the site's
        assert not shown_figures(path.read_text(encoding="utf-8")) or name in FIGURES, name
