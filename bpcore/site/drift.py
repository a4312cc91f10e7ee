"""The built-HTML drift check: every displayed number equals bpcore's value rounded as displayed.

Usable on any built site directory (MkDocs or Zensical): ``check_site(site_dir)``
returns one readable line per problem, and an empty list when the site shows
exactly what bpcore computes and every other number a reader sees is
accounted for ([`stray_numbers`][bpcore.site.stray.stray_numbers]). From a shell:

```sh
python -m bpcore.site.drift site/
```

prints those lines, and fails (a non-zero exit status) if there are any.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from bs4 import BeautifulSoup

from bpcore.site import golden
from bpcore.site.examples import REGISTRY
from bpcore.site.pages.expected import FIGURES, missing_figures
from bpcore.site.render.numbers import bound_text, fmt
from bpcore.site.stray import load_allowed, stray_numbers

ERROR_MARKERS = (
    # A real traceback, as markdown-exec renders it into the page when a block raises: the
    # header, then a frame. (A doctest in the API reference elides its frames with "...".)
    re.compile(r"Traceback \(most recent call last\):\s*File \""),
    # The file name markdown-exec gives a block's code, in such a traceback. (Written with
    # \x20 so that this line, shown on the API reference, does not match itself.)
    re.compile(r'"<code\x20block: '),
)
"""Text that appears in a page only when a block failed."""


def digits_shown(text: str) -> int:
    """The ``digits`` that [`fmt`][bpcore.site.render.numbers.fmt] was given to produce ``text``.

    Scientific text (a mantissa times a power of ten) is what ``fmt`` shows for
    any ``digits`` too many for the value, so the fewest stands for all of them.
    """
    if "\u00d710" in text:
        return 0
    return len(text.split(".")[1]) if "." in text else 0


def pages(site: Path) -> list[Path]:
    """Every built HTML page of a site, in a stable order."""
    return sorted(site.rglob("*.html"))


def shown_numbers(site: Path) -> dict[str, list[str]]:
    """Every named number displayed anywhere in the site: name -> the pages showing it."""
    out: dict[str, list[str]] = {}
    for page in pages(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for span in soup.select("span.bp-num[data-name]"):
            out.setdefault(str(span["data-name"]), []).append(str(page.relative_to(site)))
    return out


def page_problems(
    html: str, page: str, known: Mapping[str, float], quotes: Mapping[str, str]
) -> list[str]:
    """The problems of one page: error text, unknown names, numbers that differ from bpcore.

    Printed figures, shown as ``q.bp-quoted[data-quoted]``, must be quoted verbatim.
    """
    soup = BeautifulSoup(html, "html.parser")
    text = soup.get_text()
    error = next((m for m in (p.search(text) for p in ERROR_MARKERS) if m), None)
    problems = [] if error is None else [f"{page}: error text {error.group()!r} in the page"]
    for quote in soup.select("q.bp-quoted[data-quoted]"):
        figure, shown = str(quote["data-quoted"]), quote.get_text()
        if quotes.get(figure) != shown:
            problems.append(
                f"{page}: quoted {figure!r} shows {shown!r}, the article prints "
                f"{quotes.get(figure)!r}"
            )
    for span in soup.select(".bp-num[data-name]"):
        name, shown = str(span["data-name"]), span.get_text()
        if name not in known:
            problems.append(f"{page}: {name!r} is not a value bpcore computes (shown {shown!r})")
            continue
        bound = REGISTRY.bound(name)
        if bound is None and span.has_attr("data-bound"):
            problems.append(f"{page}: {name} is shown as a bound, but no bound is claimed for it")
        if bound is None:
            want = fmt(known[name], digits_shown(shown))
        else:
            want = bound_text(bound)
            if not abs(known[name]) < bound:
                problems.append(f"{page}: {name} is {known[name]!r}, not below its bound {bound!r}")
        if shown != want:
            problems.append(f"{page}: {name} shows {shown!r}, bpcore gives {want!r}")
        title = str(span.get("title", ""))
        try:
            same = golden.same(name, known[name], float(title))
        except ValueError:
            same = False
        if not same:
            problems.append(f"{page}: {name} has title {title!r}, bpcore gives {known[name]!r}")
    return problems


def check_site(
    site: Path,
    known: Mapping[str, float] | None = None,
    figures: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """Check every page of a built site against the registry (or against ``known`` values).

    Args:
        site: The built site's directory.
        known: Values by name; by default, every number of the registry, computed afresh.
        figures: The figures each page must show; by default the site's
            ([`FIGURES`][bpcore.site.pages.expected.FIGURES]). A site of other pages passes ``{}``.

    Returns:
        One line per problem, naming the page; empty when the site shows what bpcore computes.
    """
    values = REGISTRY.numbers() if known is None else known
    allowed = load_allowed()
    problems = []
    for page in pages(site):
        html, name = page.read_text(encoding="utf-8"), page.relative_to(site).as_posix()
        problems += page_problems(html, name, values, REGISTRY.quotes)
        problems += stray_numbers(html, name, allowed)
        problems += missing_figures(html, name, FIGURES if figures is None else figures)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Check the site directory named on the command line; print each problem; fail if any."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m bpcore.site.drift SITE_DIR", file=sys.stderr)
        return 2
    problems = check_site(Path(args[0]))
    for line in problems:
        print(line)
    print(f"{len(problems)} problem(s) in {len(pages(Path(args[0])))} page(s) of {args[0]}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
