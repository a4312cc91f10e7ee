"""The worked example's substituted formulas and drawn backward pass, as a reader sees them.

In Chromium, in both palettes at desktop width: every number inside a formula is
a visible named value carrying its full value, and the diagrams' text is at
least 12 px tall as rendered.
"""

from __future__ import annotations

from typing import Any, Literal

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

DIAGRAMS = {"example/": ("network", "sigmoid"), "backward/": ("graph-1", "graph-mean")}
MIN_TEXT_PX = 12.0

MEASURE = """() => {
  const numbers = [...document.querySelectorAll("math .bp-num[data-name]")].map(n => {
    const box = n.getBoundingClientRect();
    return {name: n.dataset.name, title: n.getAttribute("title"), w: box.width, h: box.height};
  });
  const charts = {};
  for (const svg of document.querySelectorAll("svg.bp-chart")) {
    if (getComputedStyle(svg).display === "none") continue;  // the phone's layout of a figure
    const name = svg.getAttribute("aria-labelledby").split(" ")[0].replace(/-title$/, "");
    const sizes = [...svg.querySelectorAll("text")].map(t => {
      const size = parseFloat(getComputedStyle(t).fontSize);
      const m = t.getScreenCTM();  // rotated labels too: the scale is the length of a column
      return size * Math.hypot(m.a, m.b);
    });
    charts[name] = Math.min(...sizes);
  }
  return {numbers, charts};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", sorted(DIAGRAMS))
def test_formulas_show_named_numbers_and_diagrams_are_legible(
    browser: Browser, site_url: str, path: str, scheme: Literal["light", "dark"]
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    facts: dict[str, Any] = page.evaluate(MEASURE)
    context.close()
    numbers = facts["numbers"]
    assert len(numbers) >= 20, f"{path}: only {len(numbers)} named numbers in formulas"
    hidden = [n["name"] for n in numbers if n["w"] <= 0 or n["h"] <= 0]
    assert not hidden, f"{path}: numbers in formulas not visible: {hidden}"
    assert all(n["title"] for n in numbers), f"{path}: a number in a formula has no full value"
    for name in DIAGRAMS[path]:
        assert name in facts["charts"], f"{path}: no diagram {name}"
        size = facts["charts"][name]
        assert size >= MIN_TEXT_PX, f"{path} [{scheme}]: {name}'s smallest text is {size:.1f} px"
