"""The "Try it" panel's speed in headless Chromium: an edit to the updated panel, and training.

It serves a built site on 127.0.0.1, opens its panel page in Debian's Chromium
(Playwright, no browser download) and times, each as the median of ``runs``
rounds of ``EDITS`` edits or one run:

- an edit: from setting a weight's field and sending its ``input`` event to
  the panel recomputed, every number rewritten and the page laid out again
  (reading ``offsetHeight`` forces the layout inside the timed span);
- 1000 epochs of training (``train`` of ``docs/assets/panel.js``), batch and per sample.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from report import Budget

from bpcore.site.browser import CHROMIUM_ARGS, CHROMIUM_DEFAULT, chromium_executable, served

EDITS = 50
"""Edits timed per round."""
EPOCHS = 1000
"""Epochs of each timed training run."""
EDIT_BUDGET_MS = 16.0
"""An edit within one frame at 60 Hz."""
TRAIN_BUDGET_MS = 50.0
"""The aim for 1000 epochs."""

TIME = """async ([edits, epochs, runs]) => {
  const m = await import(new URL('../assets/panel.js', location.href).href);
  const median = a => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
  const w1 = document.querySelector('[data-key="w1"]'), start = w1.value;
  const edit = [];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < edits; k++) {
      const t0 = performance.now();
      w1.value = String(0.5 + k / 100);
      w1.dispatchEvent(new Event('input', { bubbles: true }));
      document.body.offsetHeight;
      edit.push(performance.now() - t0);
    }
  }
  w1.value = start;
  w1.dispatchEvent(new Event('input', { bubbles: true }));
  const p = { v: [[0.15, 0.2], [0.6, 0.3], [0.3, 0.5]], w: [0.8, 0.2],
              x: [[2, 3, 1], [1, 0, 2], [3, 1, 1]], t: [0.64, 0.52, 0.36],
              lr: 0.5, act: 'identity' };
  const train = mode => {
    const times = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now(); m.train(p, epochs, mode); times.push(performance.now() - t0);
    }
    return median(times);
  };
  train('batch');  // warm up the JIT once
  return { edit_ms: median(edit), batch_ms: train('batch'), sample_ms: train('sample') };
}"""


def measure(site: Path, runs: int) -> dict[str, Any]:
    """Median milliseconds of an edit and of 1000 epochs (batch and per sample) in the panel."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_executable()
    if chromium is None:
        raise SystemExit(f"the panel bench needs Chromium: {CHROMIUM_DEFAULT} or $BP_CHROMIUM")
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url + "try/", wait_until="load")
            page.wait_for_selector("#bp-panel[data-ready=yes]")
            result: dict[str, Any] = page.evaluate(TIME, [EDITS, EPOCHS, runs])
        finally:
            browser.close()
    return {**result, "edits_per_round": EDITS, "epochs": EPOCHS}


def lines(result: dict[str, Any]) -> list[str]:
    """The section of the report."""
    return [
        f"Try it panel in headless Chromium (median; {result['edits_per_round']} edits per round)",
        f"  {'edit a weight to panel updated':<40} {result['edit_ms']:8.2f} ms",
        f"  {f'{EPOCHS} epochs, batch':<40} {result['batch_ms']:8.2f} ms",
        f"  {f'{EPOCHS} epochs, per sample':<40} {result['sample_ms']:8.2f} ms",
    ]


def budgets(result: dict[str, Any]) -> list[Budget]:
    """An edit within a frame; 1000 epochs within the aim, in both modes."""
    return [
        Budget("panel: edit to updated panel", result["edit_ms"], EDIT_BUDGET_MS, " ms"),
        Budget(f"panel: {EPOCHS} epochs, batch", result["batch_ms"], TRAIN_BUDGET_MS, " ms"),
        Budget(f"panel: {EPOCHS} epochs, per sample", result["sample_ms"], TRAIN_BUDGET_MS, " ms"),
    ]
