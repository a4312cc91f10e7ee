"""Every number a reader sees is accounted for: the scan of built pages for stray numbers bites."""

from __future__ import annotations

import pytest

from bpcore.site.examples import REGISTRY
from bpcore.site.render.numbers import num
from bpcore.site.stray import ALLOW_FILE, load_allowed, shown_as_source, source_lines, stray_numbers

SOURCE = """\
def f() -> float:
    return 0.5 * 2
"""


def page(body: str) -> str:
    return f'<html><body><article class="md-content__inner">{body}</article></body></html>'


def strays(body: str, where: str = "example/index.html") -> list[str]:
    sources = frozenset(line.strip() for line in SOURCE.splitlines())
    return stray_numbers(page(body), where, load_allowed(), sources)


@pytest.mark.parametrize(
    ("body", "token"),
    [
        ("<p>The loss is 0.049</p>", "0.049"),  # a block that prints a typed literal
        ("<p>Write <code>0.049</code> here.</p>", "0.049"),  # inline code
        ('<p><a href="x/" title="E is 0.049">the loss</a></p>', "0.049"),  # a link's title
        ("<p>E is &#48;.&#48;49</p>", "0.049"),  # an HTML entity
        ("<p>It takes 131 epochs.</p>", "131"),  # an integer result
        ("<p>It fits 97% of the points.</p>", "97%"),  # a percentage
        ("<p>The error is below 1e-3.</p>", "1e-3"),  # scientific notation
        ("<p>The error is below 10⁻⁴.</p>", "⁻⁴"),  # a power of ten
        ("<pre><code>print(0.049)</code></pre>", "0.049"),  # a listing no source file holds
        ("<p><math><mn>0.049</mn></math></p>", "0.049"),  # a decimal typed into a formula
        ("<figure><figcaption>After 131 epochs</figcaption></figure>", "131"),  # a caption
    ],
)
def test_a_number_nothing_accounts_for_is_found(body: str, token: str) -> None:
    found = strays(body)
    assert any(f"{token!r} typed in" in line for line in found), found


def test_a_number_in_a_docstring_on_an_api_page_is_found() -> None:
    found = strays("<p>Returns the loss, 0.049 for the example.</p>", "api/index.html")
    assert found and "'0.049'" in found[0]


@pytest.mark.parametrize(
    "body",
    [
        num(REGISTRY.named("loss.E")),  # a named value (the drift check holds it to the registry)
        '<q class="bp-quoted" data-quoted="y(1)">0.907</q>',  # a marked quotation
        "<pre><code>def f() -&gt; float:\n    return 0.5 * 2\n</code></pre>",  # source as source
        "<p><math><mfrac><mn>1</mn><mn>2</mn></mfrac></math></p>",  # a formula's constants
        "<p>The 3-2-1 network; sample x(2).</p>",  # structural, allow-listed
        '<svg class="bp-chart"><text>0.5</text></svg>',  # a chart's axis
    ],
)
def test_what_is_accounted_for_passes(body: str) -> None:
    assert strays(body) == []


def test_code_is_exempt_on_authors_pages_only_when_it_is_an_expression() -> None:
    assert strays("<p><code>eps=1e-3</code></p>", "api/index.html") == []
    assert strays("<p><code>eps=1e-3</code></p>", "example/index.html") != []
    assert strays("<p><code>0.907</code></p>", "api/index.html") != []


def test_every_allow_list_entry_has_a_reason_and_matches_something_narrow() -> None:
    allowed = load_allowed()
    assert 5 <= len(allowed) <= 25, "the allow-list should stay short enough to review"
    for entry in allowed:
        assert len(entry.reason) > 20, entry
        # No entry may swallow a bare decimal, the shape of a typed result.
        assert not entry.pattern.search(" 0.049 "), entry


def test_an_entry_without_a_reason_is_refused(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "allow.toml"
    path.write_text("[[allow]]\npattern = '3-2-1'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no reason"):
        load_allowed(path)
    assert ALLOW_FILE.is_file()


def test_source_lines_hold_the_docs_and_the_package() -> None:
    lines = source_lines()
    assert "print(worked_tables.forward_table())" in lines
    assert "def stray_numbers(" in "\n".join(lines)
    listing = page("<pre><code>print(worked_tables.forward_table())</code></pre>")
    from bs4 import BeautifulSoup

    pre = BeautifulSoup(listing, "html.parser").pre
    assert pre is not None and shown_as_source(pre, lines)


def test_num_refuses_a_bare_number() -> None:
    with pytest.raises(TypeError, match=r"registry\.named"):
        num(0.049)  # type: ignore[arg-type]
