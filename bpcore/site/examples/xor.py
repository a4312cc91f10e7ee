"""XOR, or why the hidden layer needs an activation: the site's second worked example.

A 2-3-1 network with biases and a sigmoid output learns the four XOR points
by batch gradient descent, three times from the same seeded initial weights:
once with identity hidden units, once with sigmoid and once with tanh hidden
units. With identity hidden units the two layers collapse into one affine map,
so the decision boundary is a straight line and the loss stalls; with a
nonlinear activation the network fits.

Built only from bpcore's public API. [`record`][bpcore.site.examples.xor.record]
computes the three runs and their gradient checks once; every value the page
shows is named in [`values`][bpcore.site.examples.xor.values], with names
that start with ``xor.``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

import numpy as np

from bpcore import (
    BpError,
    GradCheck,
    History,
    Network,
    flatten,
    forward,
    gradient_check,
    loss_terms,
    network,
    parameter_names,
    train,
)
from bpcore.activations import Array
from bpcore.site.examples.data import Example

POINTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
"""The four inputs ``(x1, x2)``."""
TARGETS = [0.0, 1.0, 1.0, 0.0]
"""XOR of each input: true when exactly one of ``x1``, ``x2`` is."""
HIDDEN_UNITS = 3
SEED = 6
"""Seed of ``np.random.default_rng`` for the initial weights (standard normal)."""
LEARNING_RATE = 3.0
EPOCHS = 1000
HIDDEN_ACTIVATIONS = ("identity", "sigmoid", "tanh")
"""The hidden activations compared; the output is always a sigmoid."""
SAMPLED_EPOCHS = (0, 10, 100, 300, 1000)
"""Epochs at which the loss is named as a value."""
CHECKED = "tanh"
"""The run whose gradient check at its initial weights is shown parameter by parameter."""
THRESHOLD = 0.5
"""An output above this is read as class 1, below it as class 0."""
ROUNDOFF_BOUNDS = {
    # As for the worked example, with gradients down to about 4e-4: the relative error of
    # the central difference is round-off divided by a smaller gradient. Measured up to
    # 4.2e-8 (identity hidden units); a wrong derivative misses the bound by many orders.
    r"^xor\.(\w+\.)?check\.rel_error\.": 1e-7,
}
"""The bound the XOR page claims its gradient check's relative errors stay below."""
GRID = np.linspace(-0.5, 1.5, 81)
"""Each axis of the grid on which the decision boundary is drawn."""


def example(hidden: str) -> Example:
    """The XOR example with hidden activation ``hidden``, from the seeded initial weights.

    Every hidden activation starts from the same weights and biases, so the
    runs differ in the activation only.

    Args:
        hidden: The hidden layer's activation, such as ``"identity"`` or ``"tanh"``.

    Returns:
        A new [`Example`][bpcore.site.examples.data.Example]: the 2-3-1 network, the four points,
        their targets ``(4, 1)`` and the learning rate.

    Raises:
        UnknownActivationError: If ``hidden`` is not an activation bpcore knows.

    Examples:
        >>> ex = example("tanh")
        >>> ex.net.sizes, ex.net.activations, ex.X.shape, ex.T.shape
        ((2, 3, 1), ('tanh', 'sigmoid'), (4, 2), (4, 1))
    """
    rng = np.random.default_rng(SEED)
    weights = [rng.standard_normal((2, HIDDEN_UNITS)), rng.standard_normal((HIDDEN_UNITS, 1))]
    biases = [rng.standard_normal(HIDDEN_UNITS), rng.standard_normal(1)]
    net = network(weights, [hidden, "sigmoid"], biases)
    return Example(net, np.array(POINTS), np.array(TARGETS)[:, None], LEARNING_RATE)


@dataclass(frozen=True)
class XorRecord:
    """Everything the XOR page shows, computed once.

    Attributes:
        examples: The example of each hidden activation of ``HIDDEN_ACTIVATIONS``.
        runs: Its training run, ``EPOCHS`` epochs.
        checks: Its gradient check at the initial weights.
    """

    examples: Mapping[str, Example]
    runs: Mapping[str, History]
    checks: Mapping[str, GradCheck]


@cache
def record() -> XorRecord:
    """Train and check the XOR network once per hidden activation (once per process).

    Examples:
        >>> rec = record()
        >>> sorted(rec.runs), rec.runs["tanh"].epochs
        (['identity', 'sigmoid', 'tanh'], 1000)
    """
    examples = {hidden: example(hidden) for hidden in HIDDEN_ACTIVATIONS}
    runs = {h: train(ex.net, ex.X, ex.T, ex.lr, epochs=EPOCHS) for h, ex in examples.items()}
    checks = {h: gradient_check(ex.net, ex.X, ex.T) for h, ex in examples.items()}
    return XorRecord(MappingProxyType(examples), MappingProxyType(runs), MappingProxyType(checks))


def collapse(net: Network) -> tuple[Array, Array]:
    """The single affine map a two-layer network with identity hidden units computes.

    With ``h = x @ W1 + b1`` and ``s = h @ W2 + b2``, the output's
    pre-activation is ``s = x @ (W1 @ W2) + (b1 @ W2 + b2)``: one layer.

    Args:
        net: A two-layer network whose hidden activation is ``identity``.

    Returns:
        The weights ``(n_0, n_2)`` and bias ``(n_2,)`` of that one layer.

    Raises:
        BpError: If ``net`` is not two layers with identity hidden units.

    Examples:
        >>> w, b = collapse(example("identity").net)
        >>> w.shape, b.shape
        ((2, 1), (1,))
    """
    if len(net.weights) != 2 or net.activations[0] != "identity":
        raise BpError(
            f"collapse needs two layers with identity hidden units, got {net.activations}"
        )
    w1, w2 = net.weights
    b1, b2 = (
        np.zeros(w.shape[1]) if b is None else b
        for b, w in zip(net.biases, net.weights, strict=True)
    )
    return w1 @ w2, b1 @ w2 + b2


def margin(y: Array, t: Array) -> float:
    """How far the worst point is on the right side of ``THRESHOLD``; negative if wrong.

    Args:
        y: Outputs ``(m, 1)``.
        t: Targets ``(m, 1)``, each a bit.
    """
    return float(np.min(np.where(t == 1, y - THRESHOLD, THRESHOLD - y)))


@cache
def values() -> dict[str, float]:
    """Compute every named value of the XOR example that the site shows.

    Returns:
        A new dict from name (``xor.``...) to unrounded float64 value
        (cached: treat it as read-only).

    Examples:
        >>> v = values()
        >>> v["xor.tanh.margin"] > 0.4, v["xor.identity.margin"] < 0
        (True, True)
    """
    rec = record()
    ex = rec.examples[HIDDEN_ACTIVATIONS[0]]
    out: dict[str, float] = {
        "xor.lr": ex.lr,
        "xor.threshold": THRESHOLD,
        "xor.seed": SEED,
        "xor.epochs": EPOCHS,
        "xor.hidden_units": HIDDEN_UNITS,
    }
    for k in range(ex.X.shape[0]):
        out[f"xor.x1({k + 1})"] = ex.X[k, 0]
        out[f"xor.x2({k + 1})"] = ex.X[k, 1]
        out[f"xor.t({k + 1})"] = ex.T[k, 0]
    init = flatten(ex.net.weights, ex.net.biases)
    for name, p in zip(parameter_names(ex.net), init, strict=True):
        out[f"xor.init.{name}"] = p
    # One point wholly wrong (error 1) and the others exact: the loss a straight line stalls at.
    out["xor.one_wrong.loss"] = loss_terms(np.ones((1, 1)), np.zeros((1, 1)))[0] / ex.X.shape[0]
    for hidden in HIDDEN_ACTIVATIONS:
        h = rec.runs[hidden]
        for e in SAMPLED_EPOCHS:
            out[f"xor.{hidden}.E[{e}]"] = h.losses[e]
        y = forward(h.final, ex.X).output
        for k in range(ex.X.shape[0]):
            out[f"xor.{hidden}.y({k + 1})"] = y[k, 0]
        out[f"xor.{hidden}.margin"] = margin(y, ex.T)
        out[f"xor.{hidden}.correct"] = int(np.sum((y > THRESHOLD) == (ex.T == 1)))
        check = rec.checks[hidden]
        out[f"xor.{hidden}.check.rel_error.max"] = check.max_rel_error
        if hidden == CHECKED:
            for k, name in enumerate(check.names):
                out[f"xor.check.exact.{name}"] = check.exact[k]
                out[f"xor.check.numeric.{name}"] = check.numeric[k]
                out[f"xor.check.rel_error.{name}"] = check.rel_error[k]
    final = rec.runs["identity"].final
    w, b = collapse(final)
    out["xor.collapse.w1"], out["xor.collapse.w2"], out["xor.collapse.b"] = w[0, 0], w[1, 0], b[0]
    y = forward(network([w], ["sigmoid"], [b]), ex.X).output
    for k in range(ex.X.shape[0]):
        out[f"xor.collapse.y({k + 1})"] = y[k, 0]
    for k, e in enumerate(SAMPLED_EPOCHS, 1):
        out[f"xor.sampled({k})"] = e
    out["xor.check.bound"] = ROUNDOFF_BOUNDS[r"^xor\.(\w+\.)?check\.rel_error\."]
    return {k: float(v) for k, v in out.items()}
