"""The article's printed figures, quoted, and what the worked example's record gives for each.

``QUOTED`` is the one place in the project where figures are typed by hand
that bpcore does not compute: they are quotations of the source article,
kept as the strings it prints so that their number of decimals is kept too.
Everything else here is read from the worked example's
[`record`][bpcore.site.examples.worked.record].
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bpcore.activations import Array
from bpcore.model import Network, forward

if TYPE_CHECKING:
    from bpcore.site.examples.worked import WorkedRecord

QUOTED: dict[str, str] = {
    # Forward table, one row per sample: h1, h2, s, y.
    "h1(1)": "2.4",
    "h2(1)": "1.8",
    "s(1)": "2.28",
    "y(1)": "0.907",
    "h1(2)": "0.75",
    "h2(2)": "1.2",
    "s(2)": "0.84",
    "y(2)": "0.698",
    "h1(3)": "1.35",
    "h2(3)": "1.4",
    "s(3)": "1.36",
    "y(3)": "0.796",
    "E, first pass": "0.234",
    "mean dE/dy": "0.294",
    "mean dy/ds": "0.152",
    "mean ds/dw1": "1.5",
    "dE/dw1": "0.067",
    "w1 new": "0.766",
    "w2 new": "0.167",
    "ds/dh1": "0.8",
    "mean dh1/dv11": "2",
    "dE/dv11": "0.072",
    "v11 new": "0.114",
    "v12 new": "0.191",
    "v21 new": "0.576",
    "v22 new": "0.294",
    "v31 new": "0.282",
    "v32 new": "0.496",
    "E, second pass": "0.192",
    "E compared with": "0.192",
}
"""The article's printed figures, verbatim (quoted, not computed)."""


def decimals(printed: str) -> int:
    """How many decimals a printed figure has.

    Examples:
        >>> decimals("0.907"), decimals("2")
        (3, 0)
    """
    return len(printed.split(".")[1]) if "." in printed else 0


def reproduces(printed: str, value: float) -> bool:
    """Whether ``value`` rounded as the article rounds equals the printed figure."""
    return bool(round(value, decimals(printed)) == float(printed))


@dataclass(frozen=True)
class Row:
    """One printed figure beside what bpcore computes for it.

    Attributes:
        name: The figure, as the site names it.
        printed: The article's figure, quoted.
        rule: What the article's own rule (product of batch means) gives;
            for values that do not depend on the rule, the value itself.
        exact: What the exact computation gives.
        verdict: ``reproduces``, ``slip``, ``not reproducible`` or ``typo``.
        note: Which explanation applies: ``forward``, ``rule``, ``means``,
            ``slip``, ``scale`` or ``typo``.

    Examples:
        >>> from bpcore.site.examples import worked
        >>> row = reconcile(worked.record())[0]
        >>> row.name, row.printed, row.verdict
        ('h1(1)', '2.4', 'reproduces')
    """

    name: str
    printed: str
    rule: float
    exact: float
    verdict: str
    note: str

    @property
    def recipe_is_exact(self) -> bool | None:
        """Whether the recipe's figure equals the exact one at the printed precision.

        ``None`` for the typo row, which compares two printed figures.
        """
        if self.note == "typo":
            return None
        places = decimals(self.printed)
        return bool(round(self.rule, places) == round(self.exact, places))


VERDICTS = ("reproduces", "slip", "not reproducible", "typo")
"""Whether a printed figure follows the article's recipe, from best to worst."""


def summary(rows: list[Row]) -> dict[str, int]:
    """How many figures get each verdict, and how many recipe figures differ from the exact ones.

    Examples:
        >>> from bpcore.site.examples import worked
        >>> counts = summary(reconcile(worked.record()))
        >>> counts["figures"] == sum(counts[v] for v in VERDICTS)
        True
    """
    counts = {verdict: sum(r.verdict == verdict for r in rows) for verdict in VERDICTS}
    counts["figures"] = len(rows)
    counts["recipe differs"] = sum(r.recipe_is_exact is False for r in rows)
    return counts


CONVENTIONS: dict[str, tuple[str, Callable[[Array, Array], float]]] = {
    "stated": (r"\tfrac{1}{2m}\sum_k (t - y)^2", lambda r, y: 0.5 * float(np.mean(r**2))),
    "no 1/m": (r"\tfrac{1}{2}\sum_k (t - y)^2", lambda r, y: 0.5 * float(np.sum(r**2))),
    "no half": (r"\tfrac{1}{m}\sum_k (t - y)^2", lambda r, y: float(np.mean(r**2))),
    "sum of squares": (r"\sum_k (t - y)^2", lambda r, y: float(np.sum(r**2))),
    "root mean square": (
        r"\sqrt{\tfrac{1}{m}\sum_k (t - y)^2}",
        lambda r, y: float(np.sqrt(np.mean(r**2))),
    ),
    "mean absolute": (
        r"\tfrac{1}{m}\sum_k \left| t - y \right|",
        lambda r, y: float(np.mean(np.abs(r))),
    ),
    "cross-entropy": (
        r"-\tfrac{1}{m}\sum_k \bigl(t \ln y + (1 - t) \ln (1 - y)\bigr)",
        lambda r, y: float(-np.mean((y + r) * np.log(y) + (1 - y - r) * np.log(1 - y))),
    ),
}
"""Losses a reader might suspect behind the article's printed figure: TeX, and the loss of the
residuals ``r = t - y`` and outputs ``y``."""


def conventions(rec: WorkedRecord) -> dict[str, tuple[float, float]]:
    """Each convention's loss at the first pass and at the second (the article's printed weights).

    Examples:
        >>> from bpcore.site.examples import worked
        >>> first, second = conventions(worked.record())["stated"]
        >>> round(first, 4)
        0.0489
    """
    ex = rec.example
    out: dict[str, tuple[float, float]] = {}
    second = forward(printed_network(rec), ex.X).output[:, 0]
    first = rec.trace.output[:, 0]
    t = ex.T[:, 0]
    for key, (_, loss_of) in CONVENTIONS.items():
        out[key] = (loss_of(t - first, first), loss_of(t - second, second))
    return out


SLIPPED_MEAN_X3 = 1.0
"""The batch mean of x3 that the article's printed v31 and v32 imply (the true mean is larger)."""


def slip_v3(rec: WorkedRecord) -> Array:
    """The new v31, v32 by the article's rule, the batch mean of x3 taken as ``SLIPPED_MEAN_X3``.

    This slip turns what the rule gives into the figures the article prints.
    """
    ex = rec.example
    g = rec.gradients["article"].weights[0][2]
    return np.asarray(ex.net.weights[0][2] - ex.lr * g * SLIPPED_MEAN_X3 / ex.X[:, 2].mean())


def reconcile(rec: WorkedRecord) -> list[Row]:
    """Every figure the article prints, what its rule gives, what is exact, and a verdict.

    Examples:
        >>> from bpcore.site.examples import worked
        >>> rows = {r.name: r for r in reconcile(worked.record())}
        >>> rows["v31 new"].verdict, round(rows["v31 new"].rule, 3)
        ('slip', 0.276)
    """
    x = rec.example.X
    tr, cf = rec.trace, rec.factors
    ga, ge = rec.gradients["article"], rec.gradients["exact"]
    na, ne = rec.stepped["article"], rec.stepped["exact"]
    slip = slip_v3(rec)
    e0 = rec.loss
    rows: list[Row] = []

    def add(name: str, rule: float, exact: float, note: str, alt: float | None = None) -> None:
        printed = QUOTED[name]
        if reproduces(printed, rule):
            verdict = "reproduces"
        elif alt is not None and reproduces(printed, alt):
            verdict = "slip"
        else:
            verdict = "not reproducible"
        rows.append(Row(name, printed, float(rule), float(exact), verdict, note))

    for k in range(x.shape[0]):
        for label, value in (
            ("h1", tr.post[0][k, 0]),
            ("h2", tr.post[0][k, 1]),
            ("s", tr.pre[1][k, 0]),
            ("y", tr.output[k, 0]),
        ):
            add(f"{label}({k + 1})", value, value, "forward")
    add("E, first pass", e0, e0, "scale")
    add("mean dE/dy", cf.dE_dy.mean(), cf.dE_dy.mean(), "means")
    add("mean dy/ds", cf.dy_ds.mean(), cf.dy_ds.mean(), "means")
    add("mean ds/dw1", cf.ds_dw[:, 0].mean(), cf.ds_dw[:, 0].mean(), "means")
    add("dE/dw1", ga.weights[1][0, 0], ge.weights[1][0, 0], "rule")
    add("w1 new", na.weights[1][0, 0], ne.weights[1][0, 0], "rule")
    add("w2 new", na.weights[1][1, 0], ne.weights[1][1, 0], "rule")
    add("ds/dh1", cf.ds_dh[0], cf.ds_dh[0], "means")
    add("mean dh1/dv11", cf.dz_dv[:, 0].mean(), cf.dz_dv[:, 0].mean(), "means")
    add("dE/dv11", ga.weights[0][0, 0], ge.weights[0][0, 0], "rule")
    for i in range(3):
        for j in range(2):
            name = f"v{i + 1}{j + 1} new"
            alt = slip[j] if i == 2 else None
            add(name, na.weights[0][i, j], ne.weights[0][i, j], "slip" if i == 2 else "rule", alt)
    add("E, second pass", rec.loss_after["article"], rec.loss_after["exact"], "scale")
    # The sentence compares the second pass with "E = 0.192"; the first pass it
    # refers to printed a different figure, so the comparison quotes the wrong one.
    first = QUOTED["E, first pass"]
    said = QUOTED["E compared with"]
    rows.append(
        Row(
            "E compared with",
            said,
            float(first),
            e0,
            "typo" if said != first else "reproduces",
            "typo",
        )
    )
    return rows


def printed_scale(rec: WorkedRecord) -> tuple[float, float]:
    """How many times the stated loss formula the printed E is, at the first and second pass.

    The second pass is computed from the weights the article prints.

    Returns:
        ``(printed E / E at the first pass, printed E / E at the second pass)``.

    Examples:
        >>> from bpcore.site.examples import worked
        >>> tuple(round(r, 2) for r in printed_scale(worked.record()))
        (4.79, 4.79)
    """
    e1 = conventions(rec)["stated"][1]
    return float(QUOTED["E, first pass"]) / rec.loss, float(QUOTED["E, second pass"]) / e1


def printed_network(rec: WorkedRecord) -> Network:
    """The network with the weights the article prints after its update."""
    return rec.example.net.replace(
        [
            np.array([[float(QUOTED[f"v{i}{j} new"]) for j in (1, 2)] for i in (1, 2, 3)]),
            np.array([[float(QUOTED["w1 new"])], [float(QUOTED["w2 new"])]]),
        ],
        [None, None],
    )


def verdicts(rec: WorkedRecord) -> dict[str, str]:
    """The reconciliation table's text: each printed figure (quoted), its verdict and its note.

    The figures that the rule and the exact computation give are numbers, in
    the worked example's values as ``reconcile.<figure>.rule`` / ``.exact``.
    """
    out: dict[str, str] = {}
    for row in reconcile(rec):
        out[f"{row.name}.printed"] = row.printed
        out[f"{row.name}.verdict"] = row.verdict
        out[f"{row.name}.note"] = row.note
    return out
