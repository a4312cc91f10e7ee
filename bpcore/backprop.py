"""The loss and its gradients: exact backpropagation, and the article's rule beside it.

The loss follows the article: ``E = 1/(2m) * sum_k sum_o (t_ko - y_ko)^2``,
the mean over samples of the per-sample terms ``E_k = 1/2 * sum_o (t_ko - y_ko)^2``.

[`gradients`][bpcore.gradients] is the gradient of ``E``.
[`article_gradients`][bpcore.article_gradients] is the rule the article
follows, which is not: it averages each chain-rule factor over the batch
before multiplying. Both walk the layers backwards from the output; they
differ only in where the batch mean is taken.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from bpcore.activations import Array, activation
from bpcore.checks import as_array, check_batch, floats_raise, overflow_error
from bpcore.errors import EmptyBatchError, NonFiniteError, ShapeError
from bpcore.model import Network, Trace, run_layers

Rule = Literal["exact", "article"]


def loss_terms(y: ArrayLike, t: ArrayLike) -> Array:
    """Per-sample loss terms ``E_k = 1/2 * sum_o (t_ko - y_ko)^2``.

    Args:
        y: Outputs, shape ``(m, n_L)`` or ``(m,)``.
        t: Targets of the same shape.

    Returns:
        Shape ``(m,)``; their mean is the loss ``E``.

    Raises:
        ArgumentTypeError: If ``y`` or ``t`` holds anything but numbers.
        ShapeError: If ``y`` and ``t`` differ in shape, or are not a vector or a matrix.
        EmptyBatchError: If they have no samples (no rows).
        NonFiniteError: If either holds NaN or infinity, or a term overflows float64.

    Examples:
        >>> loss_terms([[0.9], [0.5]], [[1.0], [0.0]]).round(6).tolist()
        [0.005, 0.125]
    """
    ya = as_array(y, "outputs y")
    ta = as_array(t, "targets t")
    if ya.shape != ta.shape:
        raise ShapeError(f"outputs y {ya.shape} and targets t {ta.shape} must have the same shape")
    if ya.ndim not in (1, 2) or 0 in ya.shape[1:]:
        raise ShapeError(
            f"outputs y and targets t must be vectors (m,) or matrices (m, n_L), got shape "
            f"{ya.shape}; pass one row per sample"
        )
    if ya.shape[0] == 0:
        raise EmptyBatchError(
            f"outputs y and targets t have 0 samples (shape {ya.shape}); give at least one row"
        )
    try:
        with floats_raise():
            return half_squared_errors(ya, ta)
    except FloatingPointError as err:
        raise NonFiniteError(
            f"the loss terms overflowed float64 ({err}): outputs y and targets t differ by "
            "too much to square; scale them down"
        ) from None


def half_squared_errors(y: Array, t: Array) -> Array:
    """``1/2 * sum_o (t - y)^2`` per row, for arrays already checked."""
    d = (t - y).reshape(y.shape[0], -1)
    return np.asarray(0.5 * (d**2).sum(axis=1))


def loss(net: Network, X: ArrayLike, T: ArrayLike) -> float:
    """The loss ``E = 1/(2m) * sum (t - y)^2`` of ``net`` on the batch.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``, or ``(m,)`` for one output.

    Raises:
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            computation overflows float64 (inputs, targets or parameters too large).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> bpcore.loss(net, [[1.0], [2.0]], [1.0, 0.0])
        0.125
    """
    x, t = check_batch(net, X, T)
    try:
        with floats_raise():
            return float(half_squared_errors(run_layers(net, x).output, t).mean())
    except FloatingPointError as err:
        raise overflow_error("the loss", err, net, x) from None


@dataclass(frozen=True)
class Gradients:
    """Gradients of ``E`` for every parameter, and the deltas that produced them.

    Attributes:
        weights: ``weights[l]`` has the shape of ``net.weights[l]``.
        biases: ``biases[l]`` has the shape of ``net.biases[l]``, or is ``None``.
        deltas: ``deltas[l] = dE/dz`` for layer ``l``. Exact gradient: per
            sample, shape ``(m, n_{l+1})``, already divided by ``m``. Article's
            rule: one row ``(1, n_{l+1})`` built from batch means.
        rule: ``"exact"`` or ``"article"``.
        trace: The forward pass the gradients were computed from.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[1.0], [1.0]]], ["identity", "sigmoid"])
        >>> g = bpcore.gradients(net, [[1.0], [0.0], [-1.0]], [1.0, 0.5, 0.0])
        >>> g.weights[0].shape, g.deltas[1].shape, g.rule
        ((1, 2), (3, 1), 'exact')
    """

    weights: tuple[Array, ...]
    biases: tuple[Array | None, ...]
    deltas: tuple[Array, ...]
    rule: Rule
    trace: Trace


def _checked_pass(
    pass_: Callable[[Network, Trace, Array], Gradients],
    what: str,
    net: Network,
    X: ArrayLike,
    T: ArrayLike,
) -> Gradients:
    """A backward pass of a public call: arguments checked, overflow named as ``what``."""
    x, t = check_batch(net, X, T)
    try:
        with floats_raise():
            return pass_(net, run_layers(net, x), t)
    except FloatingPointError as err:
        raise overflow_error(what, err, net, x) from None


def gradients(net: Network, X: ArrayLike, T: ArrayLike) -> Gradients:
    """The gradient of the loss for every parameter, by backpropagation.

    The output delta is ``(y - t) / m * f'(z)`` per sample, each earlier
    delta is ``(delta @ W.T) * f'(z)``, and a layer's weight gradient is
    ``a_in.T @ delta``, which sums the per-sample products.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``, or ``(m,)`` for one output.

    Returns:
        A [`Gradients`][bpcore.Gradients] with ``rule == "exact"``.

    Raises:
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            computation overflows float64 (inputs, targets or parameters too large).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> bpcore.gradients(net, [[1.0], [2.0]], [1.0, 0.0]).weights[0].tolist()
        [[0.0625]]
    """
    return _checked_pass(backward, "the gradients", net, X, T)


def backward(net: Network, tr: Trace, t: Array) -> Gradients:
    """[`gradients`][bpcore.gradients] from a forward pass ``tr``, for arguments already checked."""
    m = tr.inputs.shape[0]
    n = len(net.weights)
    gw: list[Array] = [np.empty(0)] * n
    gb: list[Array | None] = [None] * n
    deltas: list[Array] = [np.empty(0)] * n
    upstream = (tr.output - t) / m  # dE/dy of each sample, the 1/m of the mean included
    for layer in reversed(range(n)):
        slope = activation(net.activations[layer]).slope(tr.pre[layer], tr.post[layer])
        d = upstream * slope  # dE/dz = dE/da * da/dz, sample by sample
        a_in = tr.inputs if layer == 0 else tr.post[layer - 1]  # what the layer multiplies
        gw[layer] = a_in.T @ d  # dz/dW = a_in, summed over the samples
        gb[layer] = None if net.biases[layer] is None else d.sum(axis=0)
        deltas[layer] = d
        upstream = d @ net.weights[layer].T  # dE/da_in: dz/da_in = W
    return Gradients(tuple(gw), tuple(gb), tuple(deltas), "exact", tr)


def article_gradients(net: Network, X: ArrayLike, T: ArrayLike) -> Gradients:
    """The article's rule: the product of batch means of the chain-rule factors.

    This is *not* the gradient of ``E``. It averages each chain-rule factor
    over the batch first and multiplies the averages: for a 3-2-1 network,
    ``dE/dw1 = mean(y - t) * mean(y(1 - y)) * mean(h1)``, where the gradient
    is ``mean((y - t) * y(1 - y) * h1)``. It is here only to show where the
    article's figures come from.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``, or ``(m,)`` for one output.

    Returns:
        A [`Gradients`][bpcore.Gradients] with ``rule == "article"``.

    Raises:
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            computation overflows float64 (inputs, targets or parameters too large).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> bpcore.article_gradients(net, [[1.0], [2.0]], [1.0, 0.0]).weights[0].tolist()
        [[0.0]]
    """
    return _checked_pass(backward_article, "the article's gradients", net, X, T)


def backward_article(net: Network, tr: Trace, t: Array) -> Gradients:
    """[`article_gradients`][bpcore.article_gradients] from a forward pass, arguments checked."""
    n = len(net.weights)
    gw: list[Array] = [np.empty(0)] * n
    gb: list[Array | None] = [None] * n
    deltas: list[Array] = [np.empty(0)] * n
    upstream = (tr.output - t).mean(axis=0, keepdims=True)  # mean dE/dy
    for layer in reversed(range(n)):
        slope = activation(net.activations[layer]).slope(tr.pre[layer], tr.post[layer])
        d = upstream * slope.mean(axis=0, keepdims=True)  # times the mean slope
        a_in = tr.inputs if layer == 0 else tr.post[layer - 1]
        gw[layer] = a_in.mean(axis=0)[:, None] @ d  # times the mean input
        gb[layer] = None if net.biases[layer] is None else d[0]
        deltas[layer] = d
        upstream = d @ net.weights[layer].T
    return Gradients(tuple(gw), tuple(gb), tuple(deltas), "article", tr)


BACKWARD: dict[str, Callable[[Network, Trace, Array], Gradients]] = {
    "exact": backward,
    "article": backward_article,
}
"""The backward pass of each rule, for [`step`][bpcore.step] and [`train`][bpcore.train]."""
