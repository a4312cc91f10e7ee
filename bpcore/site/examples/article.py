"""The article's printed figures, quoted, and what the worked example's record gives for each.

``QUOTED`` is the one place in the project where figures are typed by hand
that bpcore does not compute: they are quotations of the source article,
kept as the strings it prints so that their number of decimals is kept too.
Everything else here is read from the worked example's
[`record`][bpcore.site.examples.worked.record].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bpcore.activations import Array
from bpcore.backprop import loss

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


SLIPPED_MEAN_X3 = 1.0
"""The batch mean of x3 that the article's printed v31 and v32 imply (the true mean is larger)."""


def slip_v3(rec: WorkedRecord) -> Array:
    """The new v31, v32 by the article's rule with the batch mean of x3 taken as ``SLIPPED_MEAN_X3``.

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
    ex = rec.example
    printed_net = ex.net.replace(
        [
            np.array([[float(QUOTED[f"v{i}{j} new"]) for j in (1, 2)] for i in (1, 2, 3)]),
            np.array([[float(QUOTED["w1 new"])], [float(QUOTED["w2 new"])]]),
        ],
        [None, None],
    )
    e1 = loss(printed_net, ex.X, ex.T)
    return float(QUOTED["E, first pass"]) / rec.loss, float(QUOTED["E, second pass"]) / e1


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
