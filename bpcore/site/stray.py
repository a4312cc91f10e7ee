"""Every number a reader sees is accounted for: the scan of a built page for stray numbers.

A number-like token in the main content of a page (a decimal, an integer, a
percentage, scientific notation, a power of ten with a superscript exponent,
however it was written in the source: entities are decoded first) must be one of:

- inside a named number, ``.bp-num[data-name]``, which
  [`page_problems`][bpcore.site.drift.page_problems] holds to the registry;
- inside a marked quotation of a printed figure, ``q.bp-quoted[data-quoted]``,
  held to the quotation;
- inside a code listing (``<pre>``) that is source code shown as source: every
  one of its lines stands, as a whole line, in a file of ``docs/`` or
  ``bpcore/`` (so a listing a block makes up is scanned like prose);
- an integer inside a formula (``<math>``): formulas' constants and indices
  (a decimal in a formula must be a named number);
- code on an authors' page (``api/``, ``guide/``): mkdocstrings' signatures
  and headings, rendered from the source, and inline code that is an
  expression (it holds a letter), not a bare figure;
- text a chart draws (``svg.bp-chart``): axis ticks and labels that matplotlib
  places from the record's data;
- or matched by an entry of the reviewed allow-list
  ``bpcore/site/structural.toml``: structural numbers (sizes such as 3-2-1,
  sample indices, the bits of XOR), each with its reason.

Link titles and other attributes a reader may see (``title``, ``aria-label``,
``alt``) are scanned too.
"""

from __future__ import annotations

import fnmatch
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[2]
"""The repository: where ``docs/`` and ``bpcore/`` are."""
ALLOW_FILE = Path(__file__).with_name("structural.toml")
"""The reviewed allow-list of structural numbers."""

NUMBER = re.compile(
    r"(?<![\w.,\[\]])[-−+]?(?:\d+(?:[.,]\d+)*(?:[eE][-+−]?\d+)?%?|\.\d+)(?![\w])"
    r"|[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+"
)
"""A number-like token; digits inside a name (``v11``, ``x₁``, ``W1[0,0]``) are not numbers.

Examples:
    >>> [m.group() for m in NUMBER.finditer("0.907, 131 epochs, -0.059, 12%, 1e-3, 10⁻⁴, v11")]
    ['0.907', '131', '-0.059', '12%', '1e-3', '10', '⁻⁴']
"""
SEEN_ATTRIBUTES = ("title", "aria-label", "alt")
"""Attributes whose text a reader may see or hear."""
AUTHORS_PAGES = ("api/*", "guide/*")
"""Pages that document code: their signatures and code expressions are source."""


@dataclass(frozen=True)
class Allowed:
    """One entry of the allow-list.

    Attributes:
        pattern: A regular expression; the numbers inside its matches are accounted for.
        pages: Glob patterns of the pages it applies to (``*`` for every page).
        reason: Why these numbers are structural, not results.
    """

    pattern: re.Pattern[str]
    pages: tuple[str, ...]
    reason: str

    def applies(self, page: str) -> bool:
        """Whether the entry covers ``page`` (a path such as ``xor/index.html``)."""
        return any(fnmatch.fnmatch(page, glob) for glob in self.pages)


def load_allowed(path: Path = ALLOW_FILE) -> tuple[Allowed, ...]:
    """Read the allow-list; every entry needs a pattern and a reason.

    Raises:
        ValueError: If an entry has no reason or its pattern does not compile.
    """
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("allow", [])
    out = []
    for entry in entries:
        reason = str(entry.get("reason", "")).strip()
        if not reason:
            raise ValueError(f"{path.name}: entry {entry.get('pattern')!r} has no reason")
        try:
            pattern = re.compile(entry["pattern"])
        except (KeyError, re.error) as e:
            raise ValueError(f"{path.name}: bad pattern in {entry!r}: {e}") from None
        pages = entry.get("pages", ["*"])
        out.append(Allowed(pattern, tuple([pages] if isinstance(pages, str) else pages), reason))
    return tuple(out)


@cache
def source_lines(roots: tuple[Path, ...] = (ROOT / "docs", ROOT / "bpcore")) -> frozenset[str]:
    """Every line (stripped) of every Markdown and Python file under ``roots``."""
    lines: set[str] = set()
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in (".md", ".py") and "__pycache__" not in path.parts:
                lines |= {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    return frozenset(lines)


def shown_as_source(listing: Tag, sources: frozenset[str]) -> bool:
    """Whether every line of a ``<pre>`` listing stands as a whole line in a source file."""
    lines = [line.strip() for line in listing.get_text().splitlines()]
    return all(not line or line in sources or line.startswith("```") for line in lines)


def _exempt(tag: Tag, page: str, sources: frozenset[str]) -> bool:
    # Whether the text under ``tag`` is accounted for by what ``tag`` is.
    classes: list[str] = list(tag.get("class") or [])
    if tag.name in ("span", "mn") and "bp-num" in classes and tag.has_attr("data-name"):
        return True
    if tag.name == "q" and "bp-quoted" in classes and tag.has_attr("data-quoted"):
        return True
    if tag.name == "pre":
        return shown_as_source(tag, sources)
    if tag.name == "svg" and "bp-chart" in classes:
        return True
    if "headerlink" in classes:
        return True
    if any(fnmatch.fnmatch(page, glob) for glob in AUTHORS_PAGES):
        if "doc-signature" in classes or "doc-heading" in classes:
            return True
        if tag.name == "code" and re.search(r"[A-Za-z_]", tag.get_text()):
            return True
        # A parameter's default, rendered by mkdocstrings from the signature.
        before = tag.previous_sibling
        if tag.name == "code" and before is not None and str(before).strip().endswith("default:"):
            return True
    return False


def _in_math(tag: Tag) -> bool:
    return tag.name == "math" or tag.find_parent("math") is not None


def stray_numbers(
    html: str,
    page: str,
    allowed: Sequence[Allowed] | None = None,
    sources: frozenset[str] | None = None,
) -> list[str]:
    """One line per number in the page's main content that nothing accounts for.

    Args:
        html: The built page.
        page: Its path in the site, such as ``example/index.html``.
        allowed: The allow-list; by default ``structural.toml``.
        sources: Lines of the source files; by default those of ``docs/`` and ``bpcore/``.

    Examples:
        >>> html = '<article class="md-content__inner"><p>E is 0.049</p></article>'
        >>> stray_numbers(html, "p.html", ())
        ["p.html: '0.049' typed in: 'E is 0.049'"]
    """
    rules = load_allowed() if allowed is None else allowed
    rules = [rule for rule in rules if rule.applies(page)]
    known_lines = source_lines() if sources is None else sources
    soup = BeautifulSoup(html, "html.parser")
    main = soup.select_one("article.md-content__inner") or soup.select_one("article")
    if main is None:
        return []
    found: list[str] = []

    def scan(text: str, where: str) -> None:
        rest = text
        for rule in rules:
            rest = rule.pattern.sub(" ", rest)
        for m in NUMBER.finditer(rest):
            found.append(f"{page}: {m.group()!r} typed in{where}: {' '.join(text.split())[:80]!r}")

    def walk(tag: Tag) -> None:
        if _exempt(tag, page, known_lines):
            return
        for name in SEEN_ATTRIBUTES:
            if tag.has_attr(name):
                scan(str(tag[name]), f" the {name} of <{tag.name}>")
        math = _in_math(tag)
        for child in tag.children:
            if isinstance(child, Tag):
                walk(child)
            elif child.__class__.__name__ == "NavigableString":
                text = str(child)
                if math:
                    # Integers are the formulas' constants and indices; decimals must be named.
                    text = re.sub(r"(?<![\d.])\d+(?![\d.])", " ", text)
                scan(text, "")

    walk(main)
    return found


def check_pages(pages: Iterable[tuple[str, str]]) -> list[str]:
    """[`stray_numbers`][bpcore.site.stray.stray_numbers] of every ``(page, html)``."""
    allowed = load_allowed()
    return [line for page, html in pages for line in stray_numbers(html, page, allowed)]
