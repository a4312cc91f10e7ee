"""The worked example: the article's 3-2-1 network, its one computed record, and its named values.

A 3-2-1 network with linear hidden units, a sigmoid output and no biases,
three samples, batch gradient descent at the article's learning rate. This module is
the only place its inputs are typed. [`record`][bpcore.site.examples.worked.record]
computes everything the pages show, once per build;
[`values`][bpcore.site.examples.worked.values] names each number of it.

Names are dotted: ``forward.h1(2)`` is h1 of the second sample, ``grad.exact.v31`` is
the exact dE/dv31, ``new.article.w1`` is w1 after one step under the
article's rule, and ``reconcile.v31 new.rule`` / ``reconcile.v31 new.exact`` are
what the article's rule and the exact computation give for the article's printed
"v31 new" (one pair per figure the article prints, see
[`article`][bpcore.site.examples.article]).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Literal

import numpy as np

from bpcore.activations import Array, activation
from bpcore.backprop import Gradients, article_gradients, gradients, loss, loss_terms
from bpcore.errors import DivergedError
from bpcore.gradcheck import GradCheck, flatten, gradient_check
from bpcore.model import Network, Trace, forward, network
from bpcore.site.examples.article import (
    SLIPPED_MEAN_X3,
    conventions,
    printed_scale,
    reconcile,
    slip_v3,
    summary,
)
from bpcore.site.examples.data import Example
from bpcore.training import History, Mode, descend, step, train

V = [[0.15, 0.2], [0.6, 0.3], [0.3, 0.5]]
"""Input-to-hidden weights: row i is input i, column j is hidden unit j."""
W = [[0.8], [0.2]]
"""Hidden-to-output weights w1, w2."""
SAMPLES = [[2.0, 3.0, 1.0], [1.0, 0.0, 2.0], [3.0, 1.0, 1.0]]
TARGETS = [0.64, 0.52, 0.36]
LEARNING_RATE = 0.5
TRAIN_EPOCHS = 1000
"""Epochs of every training run of the example."""
TRAIN_SAMPLES = (0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
"""Epochs at which the training curve is recorded as values."""
THRESHOLD = 1e-4
"""The loss at which the worked example's iteration stops."""
RATES = (0.1, 0.5, 2.0, 8.0)
"""Learning rates compared on the training page (batch updates)."""
SWEEP_EPOCHS = (10, 100)
"""Epochs at which the runs of the training page are compared."""
CHART_EPOCHS = 100
"""Epochs the training page's comparison charts show."""
TRAJECTORY_EPOCHS = 300
"""Epochs the chart of the weights' trajectories shows."""
LINEAR_OUTPUT = ("identity", "identity")
"""The example's network without its sigmoid: at the example's rate, its training diverges."""
SATURATING_RATE = 50.0
"""A rate so large that the sigmoid saturates and training stalls."""
STALL_EPOCHS = 300
"""Epochs of the run at ``SATURATING_RATE``."""
ROUNDOFF_BOUNDS = {
    # The central difference subtracts two losses of about 0.05 that agree in all but their
    # last digits (one unit in the last place is about 7e-18) and divides by 2 eps = 2e-6:
    # a few times 1e-12 absolute, 1e-10 relative to the smallest gradient here (0.01).
    # The measured values are up to 2e-11 and 1.4e-9; the bounds leave a factor of five to
    # seven for another BLAS or CPU, and a wrong derivative misses them by many orders.
    r"^check\.abs_diff\.": 1e-10,
    r"^check\.(rel_error\.|max_rel_error$)": 1e-8,
    # Losses this small have last digits that depend on the order of floating-point sums:
    # summing in another order moved the one after 100 epochs at rate 8 by 1.5e-5 of itself.
    r"^(train\.E\[1000\]|sweep\(4\)\.E\[100\])$": 1e-15,
}
"""The bounds the pages claim their round-off values stay below, by name."""

Rule = Literal["exact", "article"]
RULES: tuple[Rule, ...] = ("exact", "article")


def example() -> Example:
    """The article's 3-2-1 example, freshly built.

    Examples:
        >>> ex = example()
        >>> ex.net.sizes, ex.net.activations, ex.lr
        ((3, 2, 1), ('identity', 'sigmoid'), 0.5)
    """
    net = network([V, W], ["identity", "sigmoid"])
    x = np.array(SAMPLES)
    t = np.array(TARGETS)[:, None]
    x.flags.writeable = False
    t.flags.writeable = False
    return Example(net, x, t, LEARNING_RATE)


@dataclass(frozen=True)
class ChainFactors:
    """The chain-rule factors of a one-output, one-hidden-layer network, per sample.

    For output ``y = f(s)``, ``s = sum_j w_j h_j``, ``h_j = g(z_j)``,
    ``z_j = sum_i v_ij x_i``, and ``E_k = 1/2 (t_k - y_k)^2``. The exact
    gradient is the mean of their per-sample products; the article's rule is
    the product of their means.

    Attributes:
        dE_dy: ``y - t``, shape ``(m,)``.
        dy_ds: ``f'(s)``, for a sigmoid ``y (1 - y)``, shape ``(m,)``.
        ds_dw: ``h``, shape ``(m, n_h)``: ``ds/dw_j = h_j``.
        ds_dh: ``w``, shape ``(n_h,)``: ``ds/dh_j = w_j``, the same for every sample.
        dh_dz: ``g'(z)``, shape ``(m, n_h)``: ones for identity hidden units.
        dz_dv: ``x``, shape ``(m, n_in)``: ``dz_j/dv_ij = x_i``.
    """

    dE_dy: Array
    dy_ds: Array
    ds_dw: Array
    ds_dh: Array
    dh_dz: Array
    dz_dv: Array


def chain_factors(net: Network, tr: Trace, t: Array) -> ChainFactors:
    """The chain-rule factors of the example's forward pass ``tr`` (biases ignored).

    Examples:
        >>> ex = example()
        >>> cf = chain_factors(ex.net, forward(ex.net, ex.X), ex.T)
        >>> cf.dE_dy.round(3).tolist(), cf.ds_dh.tolist()
        ([0.267, 0.178, 0.436], [0.8, 0.2])
    """
    hidden, out = (activation(name) for name in net.activations)
    return ChainFactors(
        dE_dy=(tr.output - t)[:, 0],
        dy_ds=out.slope(tr.pre[1], tr.post[1])[:, 0],
        ds_dw=tr.post[0].copy(),
        ds_dh=net.weights[1][:, 0].copy(),
        dh_dz=hidden.slope(tr.pre[0], tr.post[0]),
        dz_dv=tr.inputs.copy(),
    )


@dataclass(frozen=True)
class WorkedRecord:
    """Everything the pages show of the worked example, computed once.

    Attributes:
        example: The inputs: network, samples, targets, learning rate.
        trace: The first forward pass.
        terms: Each sample's loss term of the first pass.
        factors: The chain-rule factors of the first pass.
        gradients: The gradients by rule: ``"exact"`` and ``"article"``.
        stepped: The network after one step, by rule.
        second: The forward pass of the network after one exact step.
        second_terms: Each sample's loss term of that pass.
        loss_after: The loss after one step, by rule.
        check: The gradient check at the initial weights.
        runs: The training runs by ``(learning rate, mode)``, ``TRAIN_EPOCHS`` each:
            batch updates at the example's rate and every rate of ``RATES``,
            per-sample updates at the example's rate.
        sample_steps: The network after each of the first epoch's per-sample
            steps, the initial one first.
        diverged: The error of training the network without its sigmoid
            (``LINEAR_OUTPUT``) at the example's rate.
        stalled: Batch training at ``SATURATING_RATE``.
    """

    example: Example
    trace: Trace
    terms: Array
    factors: ChainFactors
    gradients: Mapping[Rule, Gradients]
    stepped: Mapping[Rule, Network]
    second: Trace
    second_terms: Array
    loss_after: Mapping[Rule, float]
    check: GradCheck
    runs: Mapping[tuple[float, Mode], History]
    sample_steps: tuple[Network, ...]
    diverged: DivergedError
    stalled: History

    @property
    def loss(self) -> float:
        """The loss of the first pass."""
        return float(self.terms.mean())

    @property
    def long_run(self) -> History:
        """Batch training at the example's learning rate."""
        return self.runs[(self.example.lr, "batch")]

    def to_threshold(self, lr: float, mode: Mode = "batch") -> History:
        """The run at ``lr`` cut where its loss first reaches ``THRESHOLD``.

        Raises:
            ValueError: If the run never reaches it within ``TRAIN_EPOCHS``.
        """
        h = self.runs[(lr, mode)]
        reached = np.flatnonzero(h.losses <= THRESHOLD)
        if reached.size == 0:
            raise ValueError(
                f"the run at learning rate {lr} ({mode}) does not reach {THRESHOLD} in "
                f"{TRAIN_EPOCHS} epochs; raise TRAIN_EPOCHS"
            )
        e = int(reached[0])
        stopped: Literal["threshold"] = "threshold"
        return History(h.losses[: e + 1], h.networks[: e + 1], stopped)


@cache
def record() -> WorkedRecord:
    """Compute the worked example's record (once per process: treat it as read-only).

    Examples:
        >>> rec = record()
        >>> round(rec.loss, 6), rec.long_run.epochs
        (0.048856, 1000)
    """
    ex = example()
    net, x, t, lr = ex.net, ex.X, ex.T, ex.lr
    tr = forward(net, x)
    grads: dict[Rule, Gradients] = {
        "exact": gradients(net, x, t),
        "article": article_gradients(net, x, t),
    }
    stepped = {rule: descend(net, grads[rule], lr) for rule in RULES}
    second = forward(stepped["exact"], x)
    second_terms = loss_terms(second.output, t)
    # The example's own rate is one of RATES, unless someone changes one of them.
    runs: dict[tuple[float, Mode], History] = {
        (rate, "batch"): train(net, x, t, rate, epochs=TRAIN_EPOCHS)
        for rate in dict.fromkeys((*RATES, lr))
    }
    runs[(lr, "sample")] = train(net, x, t, lr, epochs=TRAIN_EPOCHS, mode="sample")
    sample_steps = [net]
    for k in range(x.shape[0]):
        sample_steps.append(step(sample_steps[-1], x[k : k + 1], t[k : k + 1], lr))
    try:
        train(network(net.weights, LINEAR_OUTPUT), x, t, lr, epochs=TRAIN_EPOCHS)
    except DivergedError as error:
        diverged = error
    else:
        raise ValueError(f"training the network with {LINEAR_OUTPUT} outputs did not diverge")
    return WorkedRecord(
        example=ex,
        trace=tr,
        terms=loss_terms(tr.output, t),
        factors=chain_factors(net, tr, t),
        gradients=MappingProxyType(grads),
        stepped=MappingProxyType(stepped),
        second=second,
        second_terms=second_terms,
        loss_after=MappingProxyType(
            {"exact": float(second_terms.mean()), "article": loss(stepped["article"], x, t)}
        ),
        check=gradient_check(net, x, t),
        runs=MappingProxyType(runs),
        sample_steps=tuple(sample_steps),
        diverged=diverged,
        stalled=train(net, x, t, SATURATING_RATE, epochs=STALL_EPOCHS),
    )


def _params(net: Network) -> tuple[tuple[Array, ...], tuple[Array | None, ...]]:
    return net.weights, net.biases


def weight_names(net: Network) -> list[tuple[str, int, int, int]]:
    """The example's weight names with their place: ``("v11", 0, 0, 0)`` .. ``("w2", 1, 1, 0)``."""
    names = [
        (f"v{i + 1}{j + 1}", 0, i, j) for i in range(net.sizes[0]) for j in range(net.sizes[1])
    ]
    return names + [(f"w{j + 1}", 1, j, 0) for j in range(net.sizes[1])]


@cache
def values() -> dict[str, float]:
    """Every named value of the worked example that the site shows.

    Returns:
        A new dict from name to unrounded float64 value (cached: treat it as read-only).

    Examples:
        >>> round(values()["grad.exact.w1"], 6), round(values()["grad.article.w1"], 6)
        (0.059262, 0.067183)
    """
    rec = record()
    ex = rec.example
    net, x, t, lr = ex.net, ex.X, ex.T, ex.lr
    tr, cf = rec.trace, rec.factors
    out: dict[str, float] = {"lr": lr}
    for k in range(x.shape[0]):
        s = f"({k + 1})"
        for i in range(x.shape[1]):
            out[f"x{i + 1}{s}"] = x[k, i]
        out[f"t{s}"] = t[k, 0]
        out[f"forward.h1{s}"] = tr.post[0][k, 0]
        out[f"forward.h2{s}"] = tr.post[0][k, 1]
        out[f"forward.s{s}"] = tr.pre[1][k, 0]
        out[f"forward.y{s}"] = tr.output[k, 0]
        out[f"loss.term{s}"] = rec.terms[k]
    out["loss.E"] = rec.loss

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
    # The hidden units' slopes, per sample (the "Try it" panel shows them).
    for j in range(net.sizes[1]):
        for k in range(x.shape[0]):
            out[f"chain.dh_dz{j + 1}({k + 1})"] = cf.dh_dz[k, j]

    for rule in RULES:
        for name, layer, i, j in weight_names(net):
            out[f"grad.{rule}.{name}"] = rec.gradients[rule].weights[layer][i, j]
            out[f"new.{rule}.{name}"] = rec.stepped[rule].weights[layer][i, j]
        out[f"loss.E2.{rule}"] = rec.loss_after[rule]
    for name, layer, i, j in weight_names(net):
        out[f"init.{name}"] = net.weights[layer][i, j]

    gc = rec.check
    # gradient_check flattens in the order of weight_names: v11 v12 .. v32, w1 w2.
    out["check.max_rel_error"] = gc.max_rel_error
    out["check.eps"] = gc.eps
    for k, (name, _, _, _) in enumerate(weight_names(net)):
        out[f"check.exact.{name}"] = gc.exact[k]
        out[f"check.numeric.{name}"] = gc.numeric[k]
        out[f"check.abs_diff.{name}"] = gc.abs_diff[k]
        out[f"check.rel_error.{name}"] = gc.rel_error[k]

    h = rec.long_run
    for e in TRAIN_SAMPLES:
        out[f"train.E[{e}]"] = h.losses[e]
    final_trace = forward(h.final, x)
    for k in range(x.shape[0]):
        out[f"train.y({k + 1})"] = final_trace.output[k, 0]

    # The reconciliation table: what the article's rule and the exact computation give
    # for each printed figure (the printed figures and verdicts are strings: see reconcile()).
    for row in reconcile(rec):
        out[f"reconcile.{row.name}.rule"] = row.rule
        out[f"reconcile.{row.name}.exact"] = row.exact
    out["reconcile.scale.first"], out["reconcile.scale.second"] = printed_scale(rec)

    # Per-sample chain products, the second pass, the deltas.
    common = cf.dE_dy * cf.dy_ds
    second, ge = rec.second, rec.gradients["exact"]
    for k in range(x.shape[0]):
        s = f"({k + 1})"
        for j in range(net.sizes[1]):
            out[f"chain.prod.w{j + 1}{s}"] = common[k] * cf.ds_dw[k, j]
            out[f"second.h{j + 1}{s}"] = second.post[0][k, j]
            out[f"delta.1{s}.h{j + 1}"] = ge.deltas[0][k, j]
        out[f"chain.prod.v11{s}"] = common[k] * cf.ds_dh[0] * cf.dh_dz[k, 0] * cf.dz_dv[k, 0]
        out[f"second.s{s}"] = second.pre[1][k, 0]
        out[f"second.y{s}"] = second.output[k, 0]
        out[f"second.term{s}"] = rec.second_terms[k]
        out[f"delta.2{s}"] = ge.deltas[1][k, 0]
    for j, v in enumerate(slip_v3(rec)):
        out[f"reconcile.slip.v3{j + 1}"] = v

    # The iteration to a threshold and the training comparisons.
    stop = rec.to_threshold(lr)
    out["threshold.tol"] = THRESHOLD
    out["threshold.epochs"] = stop.epochs
    out["threshold.E"] = stop.losses[-1]
    y_stop = forward(stop.final, x).output
    for k in range(x.shape[0]):
        out[f"threshold.y({k + 1})"] = y_stop[k, 0]
    for i, rate in enumerate(RATES, 1):
        out[f"sweep({i}).lr"] = rate
        for e in SWEEP_EPOCHS:
            out[f"sweep({i}).E[{e}]"] = rec.runs[(rate, "batch")].losses[e]
        out[f"sweep({i}).epochs"] = rec.to_threshold(rate).epochs
    for e in SWEEP_EPOCHS:
        out[f"sample.E[{e}]"] = rec.runs[(lr, "sample")].losses[e]
    out["sample.epochs"] = rec.to_threshold(lr, "sample").epochs

    out["train.epochs"] = TRAIN_EPOCHS
    for name, layer, i, j in weight_names(net):
        out[f"train.final.{name}"] = h.final.weights[layer][i, j]
    for k in range(x.shape[0]):
        out[f"train.s({k + 1})"] = final_trace.pre[1][k, 0]
        out[f"logit.t({k + 1})"] = np.log(t[k, 0] / (1.0 - t[k, 0]))
    out["train.det_X"] = np.linalg.det(x)
    out["reconcile.slip.mean_x3"] = SLIPPED_MEAN_X3
    for k, e in enumerate(SWEEP_EPOCHS, 1):
        out[f"sweep.at({k})"] = e
    out["chart.epochs"] = CHART_EPOCHS
    out["trajectories.epochs"] = TRAJECTORY_EPOCHS
    out["check.bound.abs_diff"] = ROUNDOFF_BOUNDS[r"^check\.abs_diff\."]
    out["check.bound.rel_error"] = ROUNDOFF_BOUNDS[r"^check\.(rel_error\.|max_rel_error$)"]
    for kind, count in summary(reconcile(rec)).items():
        out[f"reconcile.count.{kind}"] = count
    batch_step = flatten(*_params(h.networks[1])) - flatten(*_params(net))
    out["steps.batch"] = float(np.linalg.norm(batch_step))
    for k in range(1, len(rec.sample_steps)):
        before, after = rec.sample_steps[k - 1], rec.sample_steps[k]
        out[f"steps.sample({k})"] = float(
            np.linalg.norm(flatten(*_params(after)) - flatten(*_params(before)))
        )
    epoch_step = flatten(*_params(rec.sample_steps[-1])) - flatten(*_params(net))
    out["steps.sample.epoch"] = float(np.linalg.norm(epoch_step))
    out["steps.ratio"] = out["steps.sample.epoch"] / out["steps.batch"]
    out["diverge.epoch"] = float(rec.diverged.epoch or 0)
    out["stall.lr"] = SATURATING_RATE
    out["stall.epochs"] = STALL_EPOCHS
    out["stall.E"] = rec.stalled.losses[-1]
    for key, (at_first, at_second) in conventions(rec).items():
        out[f"reconcile.convention.{key}.first"] = at_first
        out[f"reconcile.convention.{key}.second"] = at_second
    return {k: float(v) for k, v in out.items()}
