"""Every value the site displays, by name: the single source for pages, golden values and checks.

Pages show a value with ``display.shown(name)`` (or a table of names), which
tags the HTML with the name; the golden file in ``tests/`` holds the same
names; the drift tests compare the three.

Names are dotted: ``forward.h1(2)`` is h1 of sample 2, ``grad.exact.v31`` is
the exact dE/dv31, ``new.article.w1`` is w1 after one step under the
article's rule, and ``reconcile.v31 new.rule`` / ``reconcile.v31 new.exact`` are
what the article's rule and the exact computation give for the article's printed
"v31 new" (one pair per key of ``bpcore.article.QUOTED``).
"""

from __future__ import annotations

from functools import cache

import numpy as np

from bpcore.article import printed_scale, reconcile, slip_v3
from bpcore.example import example
from bpcore.gradcheck import gradient_check
from bpcore.gradients import chain_factors, gradients, loss, loss_terms
from bpcore.network import Network, forward
from bpcore.training import History, Mode, step, train

TRAIN_EPOCHS = 1000
"""Epochs of the long training run on the example."""
TRAIN_SAMPLES = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Epochs at which the training curve is recorded as values."""
THRESHOLD = 1e-4
"""The loss at which the worked example's iteration stops."""
RATES = (0.1, 0.5, 2.0, 8.0)
"""Learning rates compared on the training page."""
SWEEP_EPOCHS = (10, 100)
"""Epochs at which the runs of the training page are compared."""


@cache
def run(
    lr: float, mode: Mode = "batch", epochs: int = TRAIN_EPOCHS, tol: float | None = None
) -> History:
    """A training run of the example, computed once per build (cached: treat it as read-only).

    Args:
        lr: Learning rate.
        mode: ``"batch"`` or ``"sample"`` updates.
        epochs: The most epochs.
        tol: Stop when the loss is at most this.
    """
    ex = example()
    return train(ex.net, ex.X, ex.T, lr, epochs=epochs, tol=tol, mode=mode)


def weight_names(net: Network) -> list[tuple[str, int, int, int]]:
    """The example's weight names with their place: ``("v11", 0, 0, 0)`` .. ``("w2", 1, 1, 0)``."""
    names = [
        (f"v{i + 1}{j + 1}", 0, i, j) for i in range(net.sizes[0]) for j in range(net.sizes[1])
    ]
    return names + [(f"w{j + 1}", 1, j, 0) for j in range(net.sizes[1])]


@cache
def values() -> dict[str, float]:
    """Compute every named value of the worked example that the site shows.

    Returns:
        A new dict from name to unrounded float64 value (cached: treat it as read-only).
    """
    ex = example()
    net, x, t, lr = ex.net, ex.X, ex.T, ex.lr
    out: dict[str, float] = {"lr": lr}
    tr = forward(net, x)
    terms = loss_terms(tr.output, t)
    for k in range(x.shape[0]):
        s = f"({k + 1})"
        for i in range(x.shape[1]):
            out[f"x{i + 1}{s}"] = x[k, i]
        out[f"t{s}"] = t[k, 0]
        out[f"forward.h1{s}"] = tr.post[0][k, 0]
        out[f"forward.h2{s}"] = tr.post[0][k, 1]
        out[f"forward.s{s}"] = tr.pre[1][k, 0]
        out[f"forward.y{s}"] = tr.output[k, 0]
        out[f"loss.term{s}"] = terms[k]
    out["loss.E"] = loss(net, x, t)

    cf = chain_factors(net, x, t)
    for k in range(x.shape[0]):
        s = f"({k + 1})"
        out[f"chain.dE_dy{s}"] = cf.dE_dy[k]
        out[f"chain.dy_ds{s}"] = cf.dy_ds[k]
    out["chain.mean.dE_dy"] = cf.dE_dy.mean()
    out["chain.mean.dy_ds"] = cf.dy_ds.mean()
    for j in range(net.sizes[1]):
        out[f"chain.mean.ds_dw{j + 1}"] = cf.ds_dw[:, j].mean()
    for i in range(net.sizes[0]):
        out[f"chain.mean.x{i + 1}"] = cf.dz_dv[:, i].mean()

    new = {rule: step(net, x, t, lr, rule) for rule in ("exact", "article")}
    for rule in ("exact", "article"):
        g = gradients(net, x, t, rule)
        for name, layer, i, j in weight_names(net):
            out[f"grad.{rule}.{name}"] = g.weights[layer][i, j]
            out[f"new.{rule}.{name}"] = new[rule].weights[layer][i, j]
        out[f"loss.E2.{rule}"] = loss(new[rule], x, t)
    for name, layer, i, j in weight_names(net):
        out[f"init.{name}"] = net.weights[layer][i, j]

    gc = gradient_check(net, x, t)
    # gradient_check flattens in the order of weight_names: v11 v12 .. v32, w1 w2.
    out["check.max_rel_error"] = gc.max_rel_error
    out["check.eps"] = gc.eps
    for k, (name, _, _, _) in enumerate(weight_names(net)):
        out[f"check.exact.{name}"] = gc.exact[k]
        out[f"check.numeric.{name}"] = gc.numeric[k]
        out[f"check.abs_diff.{name}"] = gc.abs_diff[k]
        out[f"check.rel_error.{name}"] = gc.rel_error[k]

    h = run(lr)
    for e in TRAIN_SAMPLES:
        out[f"train.E[{e}]"] = h.losses[e]
    y = forward(h.final, x).output
    for k in range(x.shape[0]):
        out[f"train.y({k + 1})"] = y[k, 0]

    # The reconciliation table: what the article's rule and the exact computation give
    # for each printed figure (the printed figures and verdicts are strings: see reconcile()).
    for row in reconcile(ex):
        out[f"reconcile.{row.name}.rule"] = row.rule
        out[f"reconcile.{row.name}.exact"] = row.exact
    out["reconcile.scale.first"], out["reconcile.scale.second"] = printed_scale()
    out.update(_page_values())
    return {k: float(v) for k, v in out.items()}


def _page_values() -> dict[str, float]:
    # The pages' further values: per-sample chain products, the second pass, the
    # iteration to a threshold, the training comparisons, the deltas, the check's worst error.
    ex = example()
    net, x, t, lr = ex.net, ex.X, ex.T, ex.lr
    out: dict[str, float] = {}
    cf = chain_factors(net, x, t)
    common = cf.dE_dy * cf.dy_ds
    second = forward(step(net, x, t, lr), x)
    second_terms = loss_terms(second.output, t)
    ge = gradients(net, x, t)
    for k in range(x.shape[0]):
        s = f"({k + 1})"
        for j in range(net.sizes[1]):
            out[f"chain.prod.w{j + 1}{s}"] = common[k] * cf.ds_dw[k, j]
            out[f"second.h{j + 1}{s}"] = second.post[0][k, j]
            out[f"delta.1{s}.h{j + 1}"] = ge.deltas[0][k, j]
        out[f"chain.prod.v11{s}"] = common[k] * cf.ds_dh[0] * cf.dh_dz[k, 0] * cf.dz_dv[k, 0]
        out[f"second.s{s}"] = second.pre[1][k, 0]
        out[f"second.y{s}"] = second.output[k, 0]
        out[f"second.term{s}"] = second_terms[k]
        out[f"delta.2{s}"] = ge.deltas[1][k, 0]
    for j, v in enumerate(slip_v3(ex)):
        out[f"reconcile.slip.v3{j + 1}"] = v

    stop = run(lr, tol=THRESHOLD, epochs=100 * TRAIN_EPOCHS)
    out["threshold.tol"] = THRESHOLD
    out["threshold.epochs"] = stop.epochs
    out["threshold.E"] = stop.losses[-1]
    y_stop = forward(stop.final, x).output
    for k in range(x.shape[0]):
        out[f"threshold.y({k + 1})"] = y_stop[k, 0]

    for i, rate in enumerate(RATES, 1):
        h = run(rate)
        out[f"sweep({i}).lr"] = rate
        for e in SWEEP_EPOCHS:
            out[f"sweep({i}).E[{e}]"] = h.losses[e]
        out[f"sweep({i}).epochs"] = run(rate, tol=THRESHOLD, epochs=100 * TRAIN_EPOCHS).epochs
    per_sample = run(lr, mode="sample")
    for e in SWEEP_EPOCHS:
        out[f"sample.E[{e}]"] = per_sample.losses[e]
    out["sample.epochs"] = run(lr, "sample", 100 * TRAIN_EPOCHS, THRESHOLD).epochs

    out["train.epochs"] = TRAIN_EPOCHS
    final = run(lr).final
    for name, layer, i, j in weight_names(net):
        out[f"train.final.{name}"] = final.weights[layer][i, j]
    s_final = forward(final, x).pre[1]
    for k in range(x.shape[0]):
        out[f"train.s({k + 1})"] = s_final[k, 0]
        out[f"logit.t({k + 1})"] = np.log(t[k, 0] / (1.0 - t[k, 0]))
    out["train.det_X"] = np.linalg.det(x)

    return out
