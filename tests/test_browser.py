"""The built site in a real browser, as a reader meets it: Debian's Chromium driven by Playwright.

Every page of the built site is opened once in each palette (light, dark) at each width
(desktop, and two emulated phones of 360 and 390 px: touch, mobile viewport, device scale
factor 3 and 2), served from 127.0.0.1; one visit records everything the tests below assert
on: requests, console and page errors, what is visible, axe-core's findings, horizontal
overflow, what scrolls sideways, the size of chart text, what a tap on a number shows, and
a screenshot. Pages are found in the built site, not listed here,
so a new page is checked as soon as it is built.

Chromium is ``$BP_CHROMIUM``, else ``/usr/bin/chromium`` (the ``browser`` fixture in
``conftest.py``). Without it these tests are skipped with a message that says how to install
it; under CI (``CI=true``) they fail instead, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PALETTES = {"light": "default", "dark": "slate"}
"""The reader's colour-scheme preference and the Material scheme it must select."""
PHONE = {"is_mobile": True, "has_touch": True}
VIEWPORTS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone-360": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 3, **PHONE},
    "phone-390": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, **PHONE},
}
"""Widths to read at: a desktop window and two phones as browsers emulate them (a touch screen,
a mobile viewport, two or three device pixels to the CSS pixel)."""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_RUNS = {
    ("light", "desktop"),
    ("dark", "desktop"),
    ("light", "phone-360"),
    ("dark", "phone-390"),
}
"""Where axe-core runs: colours differ by palette, layout by width; each palette and each layout
is checked, and the other two views add nothing (axe is the slowest step of a visit)."""
MIN_CHART_TEXT = 10.0
"""The least height, in CSS pixels, of text in a chart or diagram as rendered."""
TEXT_CONTRAST = 4.5
"""WCAG 1.4.3: the least contrast of small text (chart labels are 11 px)."""
GRAPHIC_CONTRAST = 3.0
"""WCAG 1.4.11: the least contrast of lines and marks that carry meaning."""
MAX_TABS = 30
"""Tab presses allowed to reach the search field and the palette toggle from the top."""

# What a reader must see on a page, measured in the page. Content inside a closed
# <details> is not counted, and content in a tab the reader has not chosen is not required
# to be visible: both are hidden on purpose until the reader asks for them.
MEASURE = """() => {
  const article = document.querySelector('article') || document.body;
  const shown = el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const otherLayout = el => el.matches('.bp-wide, .bp-narrow')
    && getComputedStyle(el).display === 'none';
  const otherTab = el => {
    const block = el.closest('.tabbed-block');
    return block !== null && getComputedStyle(block).display === 'none';
  };
  // A table cell's label (.bp-label, reader.js) is a copy of its column's heading; of a figure's
  // two layouts (.bp-wide, .bp-narrow) the width shows one and hides the other.
  const all = sel => [...article.querySelectorAll(sel)]
    .filter(el => el.closest('details:not([open]), .bp-label') === null && !otherLayout(el));
  const hidden = sel => all(sel).filter(el => !otherTab(el) && !shown(el))
    .map(el => el.outerHTML.slice(0, 100));
  const background = el => {
    for (let a = el; a; a = a.parentElement) {
      const c = getComputedStyle(a).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const resolve = (el, value) => {
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    el.appendChild(probe);
    probe.style.color = value;
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  };
  const charts = all('svg.bp-chart').map(svg => {
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const text = svg.querySelector('text');
    return {
      name: ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim(),
      text: text ? getComputedStyle(text).fill : null,
      background: background(svg),
      series: [1, 2, 3, 4].map(k => resolve(svg, `var(--bp-c${k})`)),
    };
  });
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, script, style').forEach(el => el.remove());
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    text: article.innerText.trim().length,
    rawTex: prose.textContent.match(/\\$\\$|\\\\(frac|partial|sum|sigma|eta|cdot)\\b/g) || [],
    textColour: getComputedStyle(article).color,
    background: background(article),
    math: all('math').length,
    mathHidden: hidden('math'),
    mathDisplay: [...new Set(all('math').map(m => getComputedStyle(m).display))],
    tables: all('table').length,
    tablesHidden: hidden('table'),
    charts: charts,
    chartsHidden: hidden('svg.bp-chart'),
  };
}"""

# Elements that cross the left or right edge of the viewport, unless a scrollable
# container holds them (tables, code, display math). Elements entirely outside it are
# Material's off-canvas drawers, not overflow; the page's own scroll width catches the rest.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= 0 || r.left >= width) continue;
    if ((r.left >= -1 && r.right <= width + 1) || scrolls(el)) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    const name = [el.tagName.toLowerCase(), ...el.classList].join('.');
    out.push(`${name} spans ${Math.round(r.left)}..${Math.round(r.right)} px`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width: width, out: out};
}"""


# What scrolls sideways in the article (tables, display formulas, figures and any table), and
# the smallest text in each chart as rendered: its font size times the SVG's scale.
FIT = """() => {
  const article = document.querySelector('article') || document.body;
  const all = sel => [...article.querySelectorAll(sel)]
    .filter(el => el.closest('details:not([open])') === null);
  const scrolls = all('.bp-table, .bp-math, .bp-figure, table, .md-typeset__scrollwrap')
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} scrolls `
      + `${el.scrollWidth} > ${el.clientWidth} px: ${(el.getAttribute('aria-label')
      || el.textContent).trim().slice(0, 60)}`);
  // Of a figure's two layouts (.bp-wide, .bp-narrow), the one the width shows.
  const charts = all('svg.bp-chart').filter(svg => getComputedStyle(svg).display !== 'none')
    .map(svg => {
      const box = svg.viewBox.baseVal, width = svg.getBoundingClientRect().width;
      const scale = box && box.width ? width / box.width : 1;
      const sizes = [...svg.querySelectorAll('text')]
        .map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
      return {name: svg.getAttribute('aria-labelledby'), smallest: Math.min(...sizes)};
    });
  return {scrolls: scrolls, charts: charts};
}"""

# Tap the first number of the article, then tap it again: what the page shows each time.
REVEAL = """async () => {
  const n = [...document.querySelectorAll('article .bp-num[title]')]
    .find(el => el.closest('details:not([open])') === null);
  if (!n) return null;
  n.scrollIntoView({block: 'center'});
  const r = n.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2, title: n.getAttribute('title'),
          focusable: n.tabIndex === 0};
}"""
TIP = """() => {
  const tip = document.querySelector('.bp-tip');
  if (!tip) return null;
  const r = tip.getBoundingClientRect();
  return {text: tip.textContent, left: r.left, right: r.right,
          width: document.documentElement.clientWidth,
          visible: r.width > 0 && r.height > 0 && getComputedStyle(tip).visibility !== 'hidden'};
}"""


def reveal(page: Page) -> list[str]:
    """Tap a number, then tap it again, then focus it and press Escape: what goes wrong."""
    target = page.evaluate(REVEAL)
    if target is None:
        return []
    problems = []
    if not target["focusable"]:
        problems.append("the number is not focusable (tabindex)")
    page.touchscreen.tap(target["x"], target["y"])
    tip = page.evaluate(TIP)
    if tip is None or not tip["visible"] or target["title"] not in tip["text"]:
        problems.append(f"a tap on a number did not show its full value {target['title']}: {tip}")
    elif tip["left"] < 0 or tip["right"] > tip["width"] + 1:
        problems.append(f"the full value spans {tip['left']}..{tip['right']} px")
    page.touchscreen.tap(target["x"], target["y"])
    if page.evaluate(TIP) is not None:
        problems.append("a second tap did not hide the full value")
    page.keyboard.press("Tab")  # focus-visible from here on, as with a keyboard
    page.evaluate(
        "() => [...document.querySelectorAll('article .bp-num[title]')]"
        ".find(el => el.closest('details:not([open])') === null).focus()"
    )
    if page.evaluate(TIP) is None:
        problems.append("focusing a number from the keyboard did not show its full value")
    page.keyboard.press("Escape")
    if page.evaluate(TIP) is not None:
        problems.append("Escape did not hide the full value")
    return problems


@dataclass(frozen=True)
class Expected:
    """What the built HTML of a page puts in its article, which the browser must show."""

    math: int
    tables: int
    charts: int


@dataclass(frozen=True)
class Visit:
    """Everything recorded on one page in one palette at one width."""

    path: str
    palette: str
    viewport: str
    foreign_requests: list[str]
    errors: list[str]
    facts: dict[str, Any]
    overflow: dict[str, Any] | None
    fit: dict[str, Any]
    reveal: list[str]
    violations: list[str]
    screenshot: Path

    @property
    def where(self) -> str:
        """The page, palette and width, for messages."""
        return f"/{self.path} [{self.palette}, {self.viewport}]"


def page_paths(site: Path) -> list[str]:
    """The URL path of every page of the built site (each ``index.html``), '' for home."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )


def expected(site: Path, path: str) -> Expected:
    """Count what the page's built HTML holds in its article."""
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup

    def shown(name: str, **attrs: Any) -> int:
        return sum(1 for el in article.find_all(name, **attrs) if not el.find_parent("details"))

    # Of a figure's two layouts (charts.figure_html), a width shows one.
    charts = shown("svg", class_="bp-chart") - shown("svg", class_="bp-narrow")
    return Expected(shown("math"), shown("table"), charts)


def rgba(css: str) -> tuple[float, float, float, float]:
    """Parse a computed CSS colour such as ``rgb(1, 2, 3)`` or ``rgba(1, 2, 3, 0.5)``."""
    m = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)", css.strip())
    if m is None:
        raise ValueError(f"not an rgb() colour: {css!r}")
    r, g, b, a = m.groups()
    return float(r), float(g), float(b), 1.0 if a is None else float(a)


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG relative luminance of an sRGB colour with channels 0..255."""
    srgb = [x / 255 for x in rgb]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of a colour, blended by its alpha over an opaque background."""
    *fg, alpha = rgba(foreground)
    *bg, _ = rgba(background)
    blended = (alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    lighter, darker = sorted((luminance(tuple(blended)), luminance(tuple(bg))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def legibility(facts: dict[str, Any]) -> list[str]:
    """Why the charts on a page are hard to read in its palette, or an empty list."""
    problems = []
    for k, chart in enumerate(facts["charts"], 1):
        if not chart["name"]:
            problems.append(f"chart {k} has no accessible name")
        if chart["text"] is None:
            problems.append(f"chart {k} has no text")
        elif (ratio := contrast(chart["text"], chart["background"])) < TEXT_CONTRAST:
            problems.append(f"chart {k} text {chart['text']} has contrast {ratio:.2f}")
        for s, colour in enumerate(chart["series"], 1):
            if (ratio := contrast(colour, chart["background"])) < GRAPHIC_CONTRAST:
                problems.append(f"chart {k} series {s} {colour} has contrast {ratio:.2f}")
    return problems


def rendering(facts: dict[str, Any], want: Expected) -> list[str]:
    """How what the browser shows falls short of the built HTML, or an empty list."""
    problems = []
    if facts["text"] == 0:
        problems.append("no text in the article")
    if facts["rawTex"]:
        problems.append(f"formulas left as TeX, not typeset: {facts['rawTex'][:5]}")
    got = Expected(facts["math"], facts["tables"], len(facts["charts"]))
    if got != want:
        problems.append(f"the browser has {got}, the built HTML {want}")
    for kind in ("math", "tables", "charts"):
        problems += [f"{kind} not visible: {html}" for html in facts[f"{kind}Hidden"]]
    if want.math and not all(d.endswith("math") for d in facts["mathDisplay"]):
        problems.append(f"math is not laid out as MathML: display {facts['mathDisplay']}")
    return problems


def screenshot_dir() -> Path:
    """Where screenshots go: ``$BP_SCREENSHOTS``, else ``screenshots/`` (git-ignored)."""
    folder = Path(os.environ.get("BP_SCREENSHOTS") or ROOT / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def paths(site: Path) -> list[str]:
    """Every page of the built site."""
    found = page_paths(site)
    assert "" in found, "the built site has no home page"
    return found


def open_page(context: BrowserContext, url: str, errors: list[str]) -> Page:
    """Open ``url`` in a new tab that records console errors and page errors into ``errors``."""
    page = context.new_page()
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.goto(url, wait_until="load")
    return page


def new_context(
    browser: Browser, site_url: str, foreign: list[str], **options: Any
) -> BrowserContext:
    """A fresh browser profile that records, then refuses, every request to another host."""
    context = browser.new_context(**options)
    # Generous: the machine is shared, and speed is not what these tests check.
    context.set_default_timeout(60_000)

    def third_party(url: str) -> bool:
        return not url.startswith((site_url, "data:", "blob:", "about:"))

    def refuse(route: Any) -> None:
        foreign.append(route.request.url)
        route.abort()

    context.route(third_party, refuse)
    return context


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds against WCAG 2.2 A and AA on the open page, one line per rule."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in Axe().run(page, options=options).response["violations"]
    ]


def visit(
    context: BrowserContext,
    site_url: str,
    path: str,
    foreign: list[str],
    palette: str,
    viewport: str,
) -> Visit:
    """Open one page in a context of that palette and width, and record what the tests check."""
    errors: list[str] = []
    page = open_page(context, site_url + path, errors)
    facts = page.evaluate(MEASURE)
    phone = viewport != "desktop"
    overflow = page.evaluate(OVERFLOW) if phone else None
    fit = page.evaluate(FIT)
    violations = axe_violations(page) if (palette, viewport) in AXE_RUNS else []
    slug = path.strip("/").replace("/", "-") or "home"
    shot = screenshot_dir() / f"{slug}-{palette}-{viewport}.png"
    # In CSS pixels: a phone's two or three device pixels each would only make the files larger.
    page.screenshot(path=shot, full_page=True, scale="css")
    tapped = reveal(page) if phone and palette == "light" else []
    page.close()
    return Visit(
        path, palette, viewport, foreign[:], errors, facts, overflow, fit, tapped, violations, shot
    )


def fresh_pages(
    browser: Browser, site_url: str, paths: list[str], foreign: list[str]
) -> Iterator[tuple[str, Page, list[str]]]:
    """Each page with its console errors, each in a new light-palette profile.

    A new profile per page, because a palette chosen with the toggle is stored and would
    carry over to the next page.
    """
    for path in paths:
        context = new_context(browser, site_url, foreign, color_scheme="light")
        errors: list[str] = []
        try:
            yield path, open_page(context, site_url + path, errors), errors
        finally:
            context.close()


@pytest.fixture(scope="session")
def visits(browser: Browser, site_url: str, paths: list[str]) -> list[Visit]:
    """Every page in each palette at each width, one visit each."""
    done = []
    for palette in PALETTES:
        for viewport, options in VIEWPORTS.items():
            foreign: list[str] = []
            context = new_context(browser, site_url, foreign, color_scheme=palette, **options)
            for path in paths:
                done.append(visit(context, site_url, path, foreign, palette, viewport))
                foreign.clear()
            context.close()
    return done


def test_no_request_leaves_the_local_server(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {url}" for v in visits for url in v.foreign_requests]
    assert not problems, "\n".join(problems)


def test_no_console_errors_and_no_page_errors(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {e}" for v in visits for e in v.errors]
    assert not problems, "\n".join(problems)


def test_the_palette_follows_the_readers_preference(visits: list[Visit]) -> None:
    schemes = [f"{v.where}: {v.facts['scheme']}" for v in visits]
    assert schemes == [f"{v.where}: {PALETTES[v.palette]}" for v in visits]


def test_text_math_tables_and_charts_are_visible(site: Path, visits: list[Visit]) -> None:
    problems = [
        f"{v.where}: {p}" for v in visits for p in rendering(v.facts, expected(site, v.path))
    ]
    assert not problems, "\n".join(problems)


def test_charts_are_named_and_legible_in_both_palettes(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {p}" for v in visits for p in legibility(v.facts)]
    assert not problems, "\n".join(problems)
    if not any(v.facts["charts"] for v in visits):
        pytest.skip("no page of the built site has a chart yet")


def test_axe_finds_no_wcag_violation(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {x}" for v in visits for x in v.violations]
    assert not problems, "\n".join(problems)


def test_no_table_or_formula_scrolls_sideways(visits: list[Visit]) -> None:
    # Figures are checked by the next test.
    problems = [
        f"{v.where}: {x}" for v in visits for x in v.fit["scrolls"] if ".bp-figure" not in x
    ]
    assert not problems, "\n".join(problems)


def test_figures_fit_a_phone_with_chart_text_at_least_10_px(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {x}" for v in visits for x in v.fit["scrolls"] if ".bp-figure" in x]
    problems += [
        f"{v.where}: text of {c['name'].split()[0]} is {c['smallest']:.1f} px"
        for v in visits
        for c in v.fit["charts"]
        if c["smallest"] < MIN_CHART_TEXT
    ]
    assert not problems, "\n".join(problems)


def test_a_tap_or_the_keyboard_shows_a_numbers_full_value(visits: list[Visit]) -> None:
    problems = [f"{v.where}: {x}" for v in visits for x in v.reveal]
    assert not problems, "\n".join(problems)
    assert any(v.viewport != "desktop" and v.palette == "light" for v in visits)


def test_nothing_overflows_a_phone_screen(visits: list[Visit]) -> None:
    problems = []
    for v in visits:
        if v.overflow is None:
            continue
        if v.overflow["scrollWidth"] > v.overflow["width"]:
            problems.append(f"{v.where}: the page is {v.overflow['scrollWidth']} px wide")
        problems += [f"{v.where}: {x}" for x in v.overflow["out"]]
    assert not problems, "\n".join(problems)


def test_screenshots_of_every_page(
    visits: list[Visit], paths: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(visits) == len(paths) * len(PALETTES) * len(VIEWPORTS)
    for v in visits:
        png = v.screenshot.read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n"), v.screenshot
        width = int.from_bytes(png[16:20], "big")
        assert width == VIEWPORTS[v.viewport]["viewport"]["width"], v.screenshot
    with capsys.disabled():
        print(f"\nscreenshots of {len(visits)} page views in {visits[0].screenshot.parent}")


def test_the_palette_toggle_switches_scheme_and_chart_colours(
    browser: Browser, site_url: str, paths: list[str]
) -> None:
    foreign: list[str] = []
    problems = []
    for path, page, errors in fresh_pages(browser, site_url, paths, foreign):
        before = page.evaluate(MEASURE)
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        try:
            page.wait_for_function(
                "document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5_000
            )
        except PlaywrightTimeout:
            problems.append(f"/{path}: the toggle left the scheme at {before['scheme']}")
        after = page.evaluate(MEASURE)
        if after["textColour"] == before["textColour"]:
            problems.append(f"/{path}: the text colour stayed {after['textColour']}")
        for k, (b, a) in enumerate(zip(before["charts"], after["charts"], strict=True), 1):
            if a["text"] == b["text"]:
                problems.append(f"/{path}: chart {k} text colour stayed {a['text']}")
        problems += [f"/{path} after the toggle: {p}" for p in legibility(after)]
        problems += [f"/{path}: {e}" for e in errors]
    assert not problems, "\n".join(problems)
    assert not foreign, "\n".join(foreign)


def test_the_keyboard_reaches_search_and_the_palette_toggle(
    browser: Browser, site_url: str, paths: list[str]
) -> None:
    foreign: list[str] = []
    problems = []
    for path, page, errors in fresh_pages(browser, site_url, paths, foreign):
        reached = set()
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            focus = page.evaluate(
                "document.activeElement.matches('input.md-search__input') ? 'search'"
                " : document.activeElement.matches('input[name=__palette]') ? 'palette' : ''"
            )
            if focus == "palette" and focus not in reached:
                # The toggle must work from the keyboard too, not only be focusable.
                page.keyboard.press("Enter")
                scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
                if scheme != "slate":
                    problems.append(f"/{path}: Enter on the palette toggle left scheme {scheme}")
            reached.add(focus)
            if {"search", "palette"} <= reached:
                break
        missing = {"search", "palette"} - reached
        if missing:
            problems.append(f"/{path}: {MAX_TABS} Tab presses never reached {sorted(missing)}")
        problems += [f"/{path}: {e}" for e in errors]
    assert not problems, "\n".join(problems)
    assert not foreign, "\n".join(foreign)


def test_without_javascript_text_tables_math_and_charts_are_readable(
    browser: Browser, site: Path, site_url: str, paths: list[str]
) -> None:
    foreign: list[str] = []
    context = new_context(browser, site_url, foreign, java_script_enabled=False)
    problems = []
    for path in paths:
        page = open_page(context, site_url + path, [])
        facts = page.evaluate(MEASURE)
        problems += [f"/{path}: {p}" for p in rendering(facts, expected(site, path))]
        page.close()
    context.close()
    assert not problems, "\n".join(problems)
    assert not foreign, "\n".join(foreign)


def test_contrast_matches_wcag_examples() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert contrast("rgb(119, 119, 119)", "rgb(255, 255, 255)") == pytest.approx(4.48, abs=0.01)
    # Material's light text is black at 87 % opacity: blended, it is dark grey.
    assert contrast("rgba(0, 0, 0, 0.87)", "rgb(255, 255, 255)") == pytest.approx(
        contrast("rgb(33, 33, 33)", "rgb(255, 255, 255)"), abs=0.05
    )
    with pytest.raises(ValueError, match="not an rgb"):
        contrast("color(srgb 1 0 0)", "rgb(255, 255, 255)")


@pytest.fixture
def blank(browser: Browser) -> Iterator[Page]:
    """An empty tab at phone width, for pages made up on the spot."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    yield context.new_page()
    context.close()


def test_the_checks_catch_what_they_look_for(blank: Page) -> None:
    blank.set_content(
        "<main><article><h1>Made up</h1><p>Text.</p><img src='data:,'>"
        "<div style='width: 600px'>wide</div>"
        "<div style='overflow-x: auto'><div style='width: 600px'>scrolls</div></div>"
        "<math style='visibility: hidden'><mi>x</mi></math><code>$$ \\frac{a}{b} $$</code>"
        "<svg class='bp-chart' role='img' aria-labelledby='nowhere'>"
        "<text y='20' style='fill: #eeeeee'>pale</text></svg>"
        "</article></main>"
    )
    assert any(v.startswith("image-alt") for v in axe_violations(blank))
    overflow = blank.evaluate(OVERFLOW)
    assert overflow["scrollWidth"] > overflow["width"]
    assert [line.split(" spans")[0] for line in overflow["out"]] == ["div"]
    facts = blank.evaluate(MEASURE)
    assert rendering(facts, Expected(math=1, tables=0, charts=1)) == [
        'math not visible: <math style="visibility: hidden"><mi>x</mi></math>'
    ]
    assert rendering(facts, Expected(math=1, tables=1, charts=1))[0].startswith("the browser has")
    blank.set_content("<article><p>Then $$\\frac{a}{b}$$ follows.</p></article>")
    assert rendering(blank.evaluate(MEASURE), Expected(math=0, tables=0, charts=0)) == [
        "formulas left as TeX, not typeset: ['$$', '\\\\frac', '$$']"
    ]
    problems = legibility(facts)
    assert problems[0] == "chart 1 has no accessible name"
    assert problems[1].startswith("chart 1 text rgb(238, 238, 238) has contrast 1.1")


def test_foreign_requests_and_console_errors_are_recorded(browser: Browser) -> None:
    foreign: list[str] = []
    errors: list[str] = []
    context = new_context(browser, "http://127.0.0.1:9/", foreign)
    page = "<script>console.error('boom')</script><img src='http://cdn.invalid/font.png'>"
    open_page(context, "data:text/html," + page, errors)
    context.close()
    assert foreign == ["http://cdn.invalid/font.png"]
    assert "console: boom" in errors
