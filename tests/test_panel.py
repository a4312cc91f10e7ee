"""The "Try it" panel computes what bpcore computes: its module, run in Chromium, against bpcore.

``docs/assets/panel.js`` repeats bpcore's operations in the browser. These tests import it
in the built page and call its exported pure functions on the worked example and on
random networks of the panel's shape (3-2-1, sigmoid output, no biases; every hidden
activation; learning rates that converge and rates that overflow), and compare every value
with bpcore's: forward values, loss, both gradient rules, one step, 100 epochs of batch and
of per-sample training, and the epoch and message of a divergence. A copy of the module
with a wrong derivative must fail the same comparison. The page itself is checked as a
reader meets it: same numbers as the build, controls that work by keyboard, a polite live
region, no axe violation, no overflow at phone width, and the panel's bytes.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Route

from bpcore.activations import ACTIVATIONS, Activation
from bpcore.backprop import backward, backward_article, half_squared_errors, loss
from bpcore.errors import BpError, DivergedError
from bpcore.model import Network, network, run_layers
from bpcore.site.examples import worked
from bpcore.site.golden import OUTPUT_ROUNDOFF
from bpcore.site.pages.panel import panel_html
from bpcore.site.render.numbers import fmt, full
from bpcore.training import descend, step, train

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = ("identity", "sigmoid", "tanh", "relu")
RANDOM_CASES = 240
"""Random networks and inputs compared, a quarter per hidden activation."""
EPOCHS = 100
"""Epochs of each training run compared."""
REL_TOL = 1e-12
"""Relative tolerance of every comparison."""
PERTURBATIONS = 3
"""How many times each case is recomputed by bpcore with its inputs moved by round-off."""
ULPS = 4
"""How far round-off moves each input, and each value of exp and tanh, in units in the last place
(ulps)."""
FLOOR_FACTOR = 10.0
"""A value's absolute floor: this many times the most its perturbed recomputations moved.

Where a value is a difference of nearly equal terms (a gradient near zero, the slope
``1 - tanh(z)**2`` of a saturated unit, a long run at a rate that makes training chaotic),
its last digits are round-off: another order of summing, a fused multiply-add in the
BLAS, or ``Math.tanh`` and ``np.tanh`` differing in the last place move it by far more
than ``REL_TOL`` of itself. bpcore itself moves it that much when its inputs, and the
sigmoid's and tanh's values (another libm's exp and tanh), move by ``ULPS`` units in the
last place; the floor is ``FLOOR_FACTOR`` times that, so that only a
value bpcore computes to more digits than round-off leaves is held to ``REL_TOL``.
A wrong derivative moves values by far more than round-off does.
"""
PANEL_BYTES = 25_000
"""The most bytes the panel may add to its page: its HTML, script and stylesheet."""

# The module's pure functions on each case: everything compared with the engine.
RUN = """async cases => {
  const m = await import(new URL('../assets/panel.js', location.href).href);
  return cases.map(p => ({
    values: m.values(p), step: m.step(p),
    batch: m.train(p, EPOCHS, 'batch'), sample: m.train(p, EPOCHS, 'sample'),
  }));
}""".replace("EPOCHS", str(EPOCHS))


def open_panel(browser: Browser, url: str, source: str | None = None, **options: Any) -> Page:
    """The panel page, ready; with ``source``, the module served is that text instead."""
    page = browser.new_page(**options)
    page.set_default_timeout(60_000)
    if source is not None:

        def serve(route: Route) -> None:
            route.fulfill(status=200, content_type="text/javascript", body=source)

        page.route("**/assets/panel.js", serve)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url + "try/", wait_until="load")
    page.wait_for_selector("#bp-panel[data-ready=yes]")
    assert errors == []
    return page


@pytest.fixture(scope="module")
def panel_page(browser: Browser, site_url: str) -> Iterator[Page]:
    """The built panel page in Chromium, its script run."""
    page = open_panel(browser, site_url)
    yield page
    page.close()


def example_case() -> dict[str, Any]:
    """The worked example's inputs in the panel's form."""
    ex = worked.example()
    return {
        "v": ex.net.weights[0].tolist(),
        "w": ex.net.weights[1][:, 0].tolist(),
        "x": ex.X.tolist(),
        "t": ex.T[:, 0].tolist(),
        "lr": ex.lr,
        "act": ex.net.activations[0],
    }


def random_cases(n: int = RANDOM_CASES, seed: int = 14) -> list[dict[str, Any]]:
    """``n`` random networks and batches; one rate in three large enough to overflow."""
    rng = np.random.default_rng(seed)
    cases = []
    for k in range(n):
        scale = 10.0 ** rng.uniform(-1, 0.7)
        lr = 10.0 ** rng.uniform(150, 308) if k % 3 == 0 else 10.0 ** rng.uniform(-2, 1.5)
        cases.append(
            {
                "v": (rng.normal(size=(3, 2)) * scale).tolist(),
                "w": (rng.normal(size=2) * scale).tolist(),
                "x": (rng.normal(size=(3, 3)) * 2).tolist(),
                "t": rng.uniform(0.05, 0.95, size=3).tolist(),
                "lr": float(lr),
                "act": HIDDEN[k % 4],
            }
        )
    return cases


def net_of(p: dict[str, Any]) -> Network:
    """The engine's network of a case."""
    return network([p["v"], [[w] for w in p["w"]]], [p["act"], "sigmoid"])


def flat(net: Network) -> list[float]:
    """The weights in the order of worked.weight_names: v11 v12 .. v32, w1 w2."""
    return [*net.weights[0].ravel().tolist(), *net.weights[1][:, 0].tolist()]


def engine_values(p: dict[str, Any]) -> dict[str, float]:
    """bpcore's value of every name the panel shows.

    Computed by the engine's own passes (``run_layers``, ``backward``,
    ``backward_article``, ``descend``) with overflow let through as infinity,
    so that a case whose step overflows still has values to compare; the loss
    after an update that overflowed is NaN, since bpcore raises there.
    """
    net, x, t = net_of(p), np.array(p["x"]), np.array(p["t"])[:, None]
    out: dict[str, float] = {}
    with np.errstate(all="ignore"):
        tr = run_layers(net, x)
        terms = half_squared_errors(tr.output, t)
        cf = worked.chain_factors(net, tr, t)
        for k in range(3):
            s = f"({k + 1})"
            for j in range(2):
                out[f"forward.h{j + 1}{s}"] = tr.post[0][k, j]
                out[f"chain.dh_dz{j + 1}{s}"] = cf.dh_dz[k, j]
            out[f"forward.s{s}"] = tr.pre[1][k, 0]
            out[f"forward.y{s}"] = tr.output[k, 0]
            out[f"loss.term{s}"] = terms[k]
            out[f"chain.dE_dy{s}"] = cf.dE_dy[k]
            out[f"chain.dy_ds{s}"] = cf.dy_ds[k]
        out["loss.E"] = terms.mean()
        names = [name for name, _, _, _ in worked.weight_names(net)]
        for rule, g in (("exact", backward(net, tr, t)), ("article", backward_article(net, tr, t))):
            new = descend(net, g, p["lr"])
            grads = [*g.weights[0].ravel(), *g.weights[1][:, 0]]
            for name, gk, value in zip(names, grads, flat(new), strict=True):
                out[f"grad.{rule}.{name}"] = gk
                if rule == "exact":
                    out[f"new.{rule}.{name}"] = value
            try:
                out[f"loss.E2.{rule}"] = loss(new, x, t)
            except BpError:  # the update or the pass after it overflowed
                out[f"loss.E2.{rule}"] = math.nan
    return {n: float(v) for n, v in out.items()}


def engine_step(p: dict[str, Any]) -> list[float] | None:
    """bpcore's ``step`` of the case, or None where it raises."""
    try:
        return flat(step(net_of(p), p["x"], p["t"], p["lr"]))
    except BpError:
        return None


def engine_run(p: dict[str, Any], mode: str) -> dict[str, Any]:
    """bpcore's ``train`` of the case: each epoch's loss, final weights and each epoch's outputs
    (which the panel draws), or how it diverged."""
    try:
        h = train(net_of(p), p["x"], p["t"], p["lr"], epochs=EPOCHS, mode=mode)  # type: ignore[arg-type]
    except DivergedError as err:
        return {"diverged": (err.epoch, str(err))}
    outputs = [run_layers(n, np.array(p["x"])).output[:, 0].tolist() for n in h.networks]
    return {"diverged": None, "values": [*h.losses.tolist(), *flat(h.final), *rows(outputs)]}


def perturbed(p: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """The case with every input moved by up to ``ULPS`` units in the last place."""

    def move(a: Any) -> Any:
        arr = np.asarray(a, dtype=float)
        ulps = rng.integers(-ULPS, ULPS + 1, size=arr.shape)
        return (arr + ulps * np.spacing(arr)).tolist()

    return {**p, **{key: move(p[key]) for key in ("v", "w", "x", "t")}}


@contextmanager
def other_libm(rng: np.random.Generator) -> Iterator[None]:
    """bpcore with the sigmoid's and tanh's values moved by up to ``ULPS`` ulps.

    As another libm's exp and tanh would move them.
    """
    saved = dict(ACTIVATIONS)

    def moved(f: Any) -> Any:
        def g(z: Any) -> Any:
            a = f(z)
            return a + rng.integers(-ULPS, ULPS + 1, size=np.shape(a)) * np.spacing(a)

        return g

    for name in ("sigmoid", "tanh"):
        act = saved[name]
        ACTIVATIONS[name] = Activation(name, moved(act.f), act.slope)
    try:
        yield
    finally:
        ACTIVATIONS.update(saved)


def floors(want: list[float], others: list[list[float]]) -> list[float]:
    """Each value's floor: ``FLOOR_FACTOR`` times the most round-off moved it."""
    out = []
    for k, value in enumerate(want):
        moved = [abs(o[k] - value) for o in others if math.isfinite(o[k]) and math.isfinite(value)]
        out.append(FLOOR_FACTOR * max(moved, default=0.0))
    return out


def rows(matrix: list[list[float]]) -> list[float]:
    """A matrix's entries, row by row."""
    return [x for row in matrix for x in row]


def same(a: float, b: float, floor: float = 0.0) -> bool:
    """Whether two values agree to ``REL_TOL``, or within ``floor``; non-finite ones must match."""
    if not (math.isfinite(a) and math.isfinite(b)):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return abs(a - b) <= REL_TOL * max(abs(a), abs(b)) + floor


def loss_floor(name: str, value: float) -> float:
    """The golden file's floor for a loss near zero, ``OUTPUT_ROUNDOFF * sqrt(2E)``."""
    is_loss = name.startswith(("loss.", "E["))
    return OUTPUT_ROUNDOFF * math.sqrt(2 * abs(value)) if is_loss and math.isfinite(value) else 0.0


@dataclass
class Tally:
    """What a comparison found: differences, and how many values it compared and how."""

    problems: list[str] = field(default_factory=list)
    values: int = 0
    floored: int = 0
    diverged: int = 0

    def check(self, where: str, name: str, got: float, want: float, floor: float) -> None:
        """Compare one value; count it, and whether only its floor let it pass."""
        self.values += 1
        floor = max(floor, loss_floor(name, want))
        if not same(got, want, floor):
            self.problems.append(f"{where}: {name} is {got!r}, bpcore {want!r} (floor {floor:.3g})")
        elif not same(got, want):
            self.floored += 1


def compare(page: Page, cases: list[dict[str, Any]], seed: int = 0) -> Tally:
    """Every difference between the module and bpcore on ``cases``."""
    results = page.evaluate(RUN, cases)
    rng = np.random.default_rng(seed)
    tally = Tally()
    for n, (p, got) in enumerate(zip(cases, results, strict=True)):
        where = f"case {n} ({p['act']}, lr={p['lr']:.3g})"
        others = [perturbed(p, rng) for _ in range(PERTURBATIONS)]
        want = engine_values(p)
        if set(want) != set(got["values"]):
            tally.problems.append(
                f"{where}: names differ: {sorted(set(want) ^ set(got['values']))}"
            )
            continue
        names = sorted(want)
        moved = []
        for o in others:
            with other_libm(rng):
                moved.append([engine_values(o)[k] for k in names])
        for name, floor in zip(names, floors([want[k] for k in names], moved), strict=True):
            tally.check(where, name, got["values"][name], want[name], floor)
        stepped = engine_step(p)
        if stepped is None or "error" in got["step"]:
            if (stepped is None) != ("error" in got["step"]):
                tally.problems.append(f"{where}: step: bpcore {stepped}, the panel {got['step']}")
        else:
            mine = [*rows(got["step"]["net"]["v"]), *got["step"]["net"]["w"]]
            moved = []
            for o in others:
                with other_libm(rng):
                    moved.append(engine_step(o) or [math.nan] * 8)
            for k, (a, b, f) in enumerate(zip(mine, stepped, floors(stepped, moved), strict=True)):
                tally.check(where, f"step.{k}", a, b, f)
        for mode in ("batch", "sample"):
            run, mine_run = engine_run(p, mode), got[mode]
            if run["diverged"] is not None:
                tally.diverged += 1
                d = mine_run["diverged"]
                epoch, message = run["diverged"]
                tally.values += 1
                if d is None or (d["epoch"], d["message"]) != (epoch, message):
                    tally.problems.append(f"{where} {mode}: bpcore: {message!r}; the panel: {d}")
                continue
            if mine_run["diverged"] is not None:
                tally.problems.append(
                    f"{where} {mode}: the panel diverged, bpcore did not: {mine_run}"
                )
                continue
            mine = [
                *mine_run["losses"],
                *rows(mine_run["net"]["v"]),
                *mine_run["net"]["w"],
                *rows(mine_run["outputs"]),
            ]
            moved = []
            for o in others:
                with other_libm(rng):
                    moved.append(engine_run(o, mode).get("values") or [math.nan] * len(mine))
            labels = [f"E[{e}]" for e in range(EPOCHS + 1)] + [f"final.{k}" for k in range(8)]
            labels += [f"y[{e}]({k + 1})" for e in range(EPOCHS + 1) for k in range(3)]
            for label, a, b, f in zip(
                labels, mine, run["values"], floors(run["values"], moved), strict=True
            ):
                tally.check(f"{where} {mode}", label, a, b, f)
    return tally


def test_example_equals_the_engine_and_the_page(panel_page: Page, site: Path) -> None:
    """With the example's inputs the module gives the registry's values, shown as the build does."""
    tally = compare(panel_page, [example_case()])
    assert tally.problems == [], "\n".join(tally.problems[:20])
    assert tally.values > 250
    got = panel_page.evaluate(
        "async p => (await import(new URL('../assets/panel.js', location.href).href)).values(p)",
        example_case(),
    )
    registry = worked.values()
    for name, value in got.items():
        assert same(value, registry[name]), f"{name}: panel {value!r}, registry {registry[name]!r}"
    # The page as built and the page after the module has rendered it: the same text and titles.
    built = BeautifulSoup((site / "try" / "index.html").read_text(encoding="utf-8"), "html.parser")
    want = [
        (str(s["data-name"]), s.get_text(), str(s["title"]))
        for s in built.select("#bp-panel .bp-num")
    ]
    shown = panel_page.eval_on_selector_all(
        "#bp-panel .bp-num", "els => els.map(e => [e.dataset.name, e.textContent, e.title])"
    )
    # The text is the same; a full value may differ in its last digit: the engine's BLAS may
    # fuse a multiply and an add (2.4 there, 2.3999999999999995 here), which JavaScript cannot.
    assert [(n, text) for n, text, _ in shown] == [(n, text) for n, text, _ in want]
    for (name, _, title), (_, _, built_title) in zip(shown, want, strict=True):
        assert same(float(title), float(built_title)), (name, title, built_title)
    # Three losses; h1, h2, s, y, E_k and four factors per sample; three values per weight.
    assert len(want) == 3 + (5 + 4) * 3 + 3 * 8
    # Every number the panel shows is one the module computes and the comparison covers.
    assert {name for name, _, _ in want} == set(got)


def test_random_networks_equal_the_engine(panel_page: Page) -> None:
    """On random networks and inputs, every value and every training run equals bpcore's."""
    cases = random_cases()
    tally = compare(panel_page, cases)
    problems = tally.problems
    assert problems == [], f"{len(problems)} differences:\n" + "\n".join(problems[:30])
    print(
        f"compared {tally.values} values on {len(cases)} cases; {tally.floored} within their "
        f"round-off floor only; {tally.diverged} runs diverged, at bpcore's epoch"
    )
    diverged = {mode: sum(1 for p in cases if diverges(p, mode)) for mode in ("batch", "sample")}
    # The cases cover every activation and both outcomes, in both modes.
    assert {p["act"] for p in cases} == set(HIDDEN)
    assert all(20 <= d <= RANDOM_CASES - 20 for d in diverged.values()), diverged
    assert tally.values > 200 * 250


def diverges(p: dict[str, Any], mode: str) -> bool:
    """Whether bpcore's training of the case diverges within ``EPOCHS``."""
    try:
        train(net_of(p), p["x"], p["t"], p["lr"], epochs=EPOCHS, mode=mode)  # type: ignore[arg-type]
    except DivergedError:
        return True
    return False


def test_a_wrong_derivative_fails_the_comparison(browser: Browser, site_url: str) -> None:
    """Guard bite: a copy of the module whose tanh slope is wrong must fail the comparison."""
    source = (ROOT / "docs" / "assets" / "panel.js").read_text(encoding="utf-8")
    right = "tanh: [Math.tanh, (z, a) => 1 - a * a],"
    assert source.count(right) == 1
    wrong = source.replace(right, "tanh: [Math.tanh, (z, a) => 1 - a],")
    page = open_panel(browser, site_url, source=wrong)
    try:
        cases = [p for p in random_cases(40) if p["act"] == "tanh"]
        problems = compare(page, cases).problems
        assert any(".v" in line or "grad.exact" in line for line in problems), problems[:5]
        assert all("tanh" in line for line in problems)
        # The unchanged module passes the same cases: the failure is the derivative's.
        assert compare(open_panel(browser, site_url), cases).problems == []
    finally:
        page.close()


FMT_VALUES = [
    0.0,
    -0.0,
    0.0625,
    -0.0625,
    0.125,
    2.5,
    0.0015,
    0.0949,
    -0.0594,
    0.907207046882843,
    4.1568e-17,
    -1e-9,
    0.0005,
    0.000499999,
    0.00049999999999999,
    123456.789,
    -2.0005,
    1e20,
    3e21,
    1.5e300,
    0.9999996,
    0.99951,
    5e-324,
    -0.0004995,
]


def test_numbers_are_formatted_as_the_site_formats_them(panel_page: Page) -> None:
    """The module's fmt and repr equal numbers.fmt and repr, ties and powers of ten included."""
    rng = np.random.default_rng(7)
    values = (
        FMT_VALUES
        + [
            float(s * m * 10.0**e)
            for s, m, e in zip(
                rng.choice([-1, 1], 3000),
                rng.uniform(1, 10, 3000),
                rng.integers(-20, 8, 3000),
                strict=True,
            )
        ]
        + [k / 2**r for k in range(1, 200, 7) for r in (4, 5, 6, 8, 10, 12)]
    )
    got = panel_page.evaluate(
        """async vs => { const m = await import(new URL('../assets/panel.js', location.href).href);
        return vs.map(v => [m.fmt(v), m.fmt(v, 1), m.fmt(v, 5), m.repr(v)]); }""",
        values,
    )
    want = [[fmt(v), fmt(v, 1), fmt(v, 5), full(v)] for v in values]
    bad = [(v, g, w) for v, g, w in zip(values, got, want, strict=True) if g != w]
    assert bad == [], bad[:10]


def test_the_controls_recompute_step_train_and_reset(panel_page: Page) -> None:
    """Editing, one step, training and reset, by keyboard, with the loss in a polite live region."""
    page = panel_page
    status = page.locator(".bp-panel-status")
    assert status.get_attribute("aria-live") == "polite"
    loss = page.locator('.bp-panel-status [data-name="loss.E"]')
    start = loss.text_content()
    weight = page.locator('[data-key="w1"]')
    weight.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("0.9")
    assert loss.text_content() != start
    page.locator("[data-do=reset]").focus()
    page.keyboard.press("Enter")
    assert loss.text_content() == start and weight.input_value() == "0.8"
    page.locator("[data-do=step]").click()
    new_w1 = full(worked.values()["new.exact.w1"])
    assert weight.input_value() == new_w1 or float(weight.input_value()) == float(new_w1)
    assert loss.text_content() == fmt(worked.values()["loss.E2.exact"])
    page.locator("[data-do=reset]").click()
    page.locator("[data-do=train]").click()
    assert loss.text_content() == fmt(worked.values()["train.E[100]"])
    assert f"{EPOCHS} epochs" in (status.text_content() or "")
    # The run's charts: a frame after the last render, the loss and the three outputs drawn.
    page.wait_for_function("document.querySelectorAll('.bp-run polyline').length === 4")
    # ...from the trained weights on: the next run starts where the kept one ended.
    start_of_next = fmt(worked.values()["train.E[100]"])
    assert (page.locator("#bp-run-cap").text_content() or "").startswith(
        f"From these weights, {EPOCHS} epochs of batch updates: the loss goes from {start_of_next}"
    )
    page.locator('[data-key="lr"]').fill("1e300")
    page.locator("[data-do=train]").click()
    assert "training diverged at epoch" in (page.locator(".bp-panel-error").text_content() or "")
    page.locator("[data-do=reset]").click()
    assert loss.text_content() == start


PHONE = {"is_mobile": True, "has_touch": True, "device_scale_factor": 3}
VIEWS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone-360": {"viewport": {"width": 360, "height": 740}, **PHONE},
    "phone-390": {"viewport": {"width": 390, "height": 844}, **PHONE},
}
"""A desktop window and two emulated phones (touch, mobile viewport), as in test_browser."""
MIN_TEXT_PX = 10.0
"""The smallest chart text a reader is given, as rendered."""
SIZES = """() => {
  const wide = [...document.querySelectorAll('#bp-panel .bp-table')]
    .filter(t => t.scrollWidth > t.clientWidth + 1).map(t => t.getAttribute('aria-label'));
  const text = [...document.querySelectorAll('.bp-run svg text')]
    .map(t => t.getBoundingClientRect().height);
  return { wide, smallest: Math.min(...text), texts: text.length,
           width: document.documentElement.scrollWidth };
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_the_panel_reads_well(browser: Browser, site_url: str, scheme: str, view: str) -> None:
    """No axe violation (WCAG 2.2 A/AA); no table scrolls, nothing is wider than the window,
    chart text is at least MIN_TEXT_PX tall; a screenshot each."""
    page = open_panel(browser, site_url, color_scheme=scheme, **VIEWS[view])
    try:
        page.locator("[data-do=train]").click()
        page.wait_for_function("document.querySelectorAll('.bp-run polyline').length === 4")
        options = {
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
            },
            "resultTypes": ["violations"],
        }
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes']]}"
            for v in Axe().run(page, options=options).response["violations"]
        ]
        assert violations == []
        sizes = page.evaluate(SIZES)
        assert sizes["wide"] == [], f"tables that scroll sideways: {sizes['wide']}"
        assert sizes["width"] <= VIEWS[view]["viewport"]["width"]
        # Both charts' axis labels: two values, two epochs each.
        assert sizes["texts"] == 8 and sizes["smallest"] >= MIN_TEXT_PX, sizes
        folder = Path(os.environ.get("BP_SCREENSHOTS") or ROOT / "screenshots")
        folder.mkdir(parents=True, exist_ok=True)
        page.locator("#bp-panel").screenshot(path=str(folder / f"panel-{scheme}-{view}.png"))
    finally:
        page.close()


def test_without_javascript_the_panel_is_the_static_example(
    browser: Browser, site_url: str
) -> None:
    """JavaScript off: the build's numbers, disabled controls, and a note that says why."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "try/")
        assert page.locator(".bp-panel-nojs").is_visible()
        assert page.locator('[data-key="w1"]').is_disabled()
        assert page.locator('#bp-panel [data-name="loss.E"]').first.text_content() == fmt(
            worked.values()["loss.E"]
        )
    finally:
        context.close()


def test_the_panel_is_small_and_loaded_by_its_page_only(site: Path) -> None:
    """At most PANEL_BYTES for its HTML, script and stylesheet; no other page loads them."""
    assets = site / "assets"
    size = len(panel_html().encode()) + sum(
        (assets / f).stat().st_size for f in ("panel.js", "panel.css")
    )
    assert size <= PANEL_BYTES, f"the panel adds {size} bytes"
    for page in site.rglob("index.html"):
        if page.parent.name != "try":
            html = page.read_text(encoding="utf-8")
            assert 'src="../assets/panel.js"' not in html, page
            assert 'href="../assets/panel.css"' not in html, page
