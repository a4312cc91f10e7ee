"""The loss and its gradients: exact backpropagation and the article's rule.

The loss follows the article: ``E = 1/(2m) * sum_k sum_o (t_ko - y_ko)^2``,
the mean over samples of the per-sample terms ``E_k = 1/2 * sum_o (t_ko - y_ko)^2``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from bpcore.errors import BpError, ShapeError
from bpcore.network import (
    Array,
    Network,
    Trace,
    activation,
    as_matrix,
    check_inputs,
    forward,
    run_layers,
)

Rule = Literal["exact", "article"]


def check_rule(rule: str) -> None:
    """Raise unless ``rule`` is ``"exact"`` or ``"article"``.

    Raises:
        BpError: If the rule is unknown.
    """
    if rule not in ("exact", "article"):
        raise BpError(f"unknown rule {rule!r}; use 'exact' (the gradient) or 'article'")


def check_targets(net: Network, X: Array, T: ArrayLike) -> Array:
    """Return ``T`` as a float64 matrix ``(m, n_L)`` matching ``X`` and ``net``.

    A vector is read as one target per sample when the network has one output.

    Raises:
        ShapeError: If ``T`` does not have one row per sample and one column per output.
        NonFiniteError: If ``T`` holds NaN or infinity.
    """
    t = as_matrix(T, "targets T")
    n_out = net.sizes[-1]
    if t.ndim == 1 and n_out == 1:
        t = t[:, None]
    elif t.ndim == 1 and t.size == n_out and X.shape[0] == 1:
        t = t[None, :]
    if t.shape != (X.shape[0], n_out):
        raise ShapeError(
            f"targets T must have shape ({X.shape[0]}, {n_out}): one row per "
            f"sample of X and one column per output, got {t.shape}"
        )
    return t


def loss_terms(y: ArrayLike, t: ArrayLike) -> Array:
    """Per-sample loss terms ``E_k = 1/2 * sum_o (t_ko - y_ko)^2``.

    Args:
        y: Outputs, shape ``(m, n_L)`` or ``(m,)``.
        t: Targets of the same shape.

    Returns:
        Shape ``(m,)``; their mean is the loss ``E``.

    Raises:
        ShapeError: If ``y`` and ``t`` differ in shape.
        NonFiniteError: If either holds NaN or infinity.

    Examples:
        >>> loss_terms([[0.9], [0.5]], [[1.0], [0.0]]).round(6).tolist()
        [0.005, 0.125]
    """
    ya = as_matrix(y, "outputs y")
    ta = as_matrix(t, "targets t")
    if ya.shape != ta.shape:
        raise ShapeError(f"outputs y {ya.shape} and targets t {ta.shape} must have the same shape")
    d = (ta - ya).reshape(ya.shape[0], -1)
    return np.asarray(0.5 * (d**2).sum(axis=1))


def loss(net: Network, X: ArrayLike, T: ArrayLike) -> float:
    """The loss ``E = 1/(2m) * sum (t - y)^2`` of ``net`` on the batch.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``, or ``(m,)`` for one output.

    Raises:
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> round(bpcore.loss(ex.net, ex.X, ex.T), 6)
        0.048856
    """
    x = check_inputs(net, X)
    t = check_targets(net, x, T)
    return float(loss_terms(forward(net, x).output, t).mean())


@dataclass(frozen=True)
class Gradients:
    """Gradients of ``E`` for every parameter, and the deltas that produced them.

    Attributes:
        weights: ``weights[l]`` has the shape of ``net.weights[l]``.
        biases: ``biases[l]`` has the shape of ``net.biases[l]``, or is ``None``.
        deltas: ``deltas[l] = dE/dz`` for layer ``l``. Exact rule: per sample,
            shape ``(m, n_{l+1})``, already divided by ``m``. Article's rule:
            one row ``(1, n_{l+1})`` built from batch means.
        rule: ``"exact"`` or ``"article"``.
        trace: The forward pass the gradients were computed from.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> g = bpcore.gradients(ex.net, ex.X, ex.T)
        >>> g.weights[0].shape, g.deltas[1].shape, g.rule
        ((3, 2), (3, 1), 'exact')
    """

    weights: tuple[Array, ...]
    biases: tuple[Array | None, ...]
    deltas: tuple[Array, ...]
    rule: Rule
    trace: Trace


def gradients(net: Network, X: ArrayLike, T: ArrayLike, rule: Rule = "exact") -> Gradients:
    """Batch gradients of the loss by backpropagation.

    The exact rule is the gradient of ``E``: the output delta is
    ``(y - t) / m * f'(z)`` per sample, each earlier delta is
    ``(delta @ W.T) * f'(z)``, and a layer's weight gradient is
    ``a_in.T @ delta``, which sums the per-sample products.

    The article's rule (``rule="article"``) is *not* the gradient of ``E``.
    It averages each chain-rule factor over the batch first and multiplies
    the averages: for the example, ``dE/dw1 = mean(y - t) * mean(y(1 - y)) *
    mean(h1)``. It is here only to show where the article's figures come from.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``, or ``(m,)`` for one output.
        rule: ``"exact"`` (default) or ``"article"``.

    Returns:
        A [`Gradients`][bpcore.Gradients].

    Raises:
        BpError: If ``rule`` is neither ``"exact"`` nor ``"article"``.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> g = bpcore.gradients(ex.net, ex.X, ex.T)
        >>> g.weights[1].ravel().round(6).tolist()
        [0.059262, 0.061582]
        >>> a = bpcore.gradients(ex.net, ex.X, ex.T, rule="article")
        >>> a.weights[1].ravel().round(6).tolist()
        [0.067183, 0.06569]
    """
    check_rule(rule)
    x = check_inputs(net, X)
    return backprop(net, run_layers(net, x), check_targets(net, x, T), rule)


def backprop(net: Network, tr: Trace, t: Array, rule: Rule) -> Gradients:
    """[`gradients`][bpcore.gradients] from a forward pass ``tr``, without checking ``t``.

    For callers that checked the batch once and already ran the forward pass.
    """
    m = tr.inputs.shape[0]
    n = len(net.weights)
    gw: list[Array] = [np.empty(0)] * n
    gb: list[Array | None] = [None] * n
    deltas: list[Array] = [np.empty(0)] * n
    for layer in reversed(range(n)):
        _, df = activation(net.activations[layer])
        slope = df(tr.pre[layer])
        if rule == "exact":
            upstream = (
                (tr.output - t) / m
                if layer == n - 1
                else deltas[layer + 1] @ net.weights[layer + 1].T
            )
            d = upstream * slope
            gw[layer] = tr.layer_input(layer).T @ d
            db = d.sum(axis=0)
        else:
            upstream = (
                (tr.output - t).mean(axis=0, keepdims=True)
                if layer == n - 1
                else deltas[layer + 1] @ net.weights[layer + 1].T
            )
            d = upstream * slope.mean(axis=0, keepdims=True)
            gw[layer] = tr.layer_input(layer).mean(axis=0)[:, None] @ d
            db = d[0]
        deltas[layer] = d
        gb[layer] = None if net.biases[layer] is None else db
    return Gradients(tuple(gw), tuple(gb), tuple(deltas), rule, tr)


@dataclass(frozen=True)
class ChainFactors:
    """The chain-rule factors of a one-output, one-hidden-layer network, per sample.

    For output ``y = f(s)``, ``s = sum_j w_j h_j``, ``h_j = g(z_j)``,
    ``z_j = sum_i v_ij x_i``, and ``E_k = 1/2 (t_k - y_k)^2``:

    Attributes:
        dE_dy: ``y - t``, shape ``(m,)``.
        dy_ds: ``f'(s)``, for a sigmoid ``y (1 - y)``, shape ``(m,)``.
        ds_dw: ``h``, shape ``(m, n_h)``: ``ds/dw_j = h_j``.
        ds_dh: ``w``, shape ``(n_h,)``: ``ds/dh_j = w_j``, the same for every sample.
        dh_dz: ``g'(z)``, shape ``(m, n_h)``: ones for identity hidden units.
        dz_dv: ``x``, shape ``(m, n_in)``: ``dz_j/dv_ij = x_i``.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> bpcore.chain_factors(ex.net, ex.X, ex.T).ds_dh.tolist()
        [0.8, 0.2]
    """

    dE_dy: Array
    dy_ds: Array
    ds_dw: Array
    ds_dh: Array
    dh_dz: Array
    dz_dv: Array


def chain_factors(net: Network, X: ArrayLike, T: ArrayLike) -> ChainFactors:
    """Per-sample chain-rule factors of the example's kind of network.

    The exact gradient is the mean of their per-sample products; the
    article's rule is the product of their means. Biases, if any, are
    ignored here.

    Raises:
        ShapeError: If ``net`` is not two layers with one output, or ``X`` or
            ``T`` does not fit it.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> cf = bpcore.chain_factors(ex.net, ex.X, ex.T)
        >>> cf.dE_dy.round(3).tolist(), cf.ds_dw.shape
        ([0.267, 0.178, 0.436], (3, 2))
    """
    if len(net.weights) != 2 or net.sizes[-1] != 1:
        raise ShapeError(
            f"chain_factors explains one-hidden-layer, one-output networks; got sizes {net.sizes}"
        )
    x = check_inputs(net, X)
    t = check_targets(net, x, T)
    tr = forward(net, x)
    _, df_out = activation(net.activations[1])
    _, df_hid = activation(net.activations[0])
    return ChainFactors(
        dE_dy=(tr.output - t)[:, 0],
        dy_ds=df_out(tr.pre[1])[:, 0],
        ds_dw=tr.post[0].copy(),
        ds_dh=net.weights[1][:, 0].copy(),
        dh_dz=df_hid(tr.pre[0]),
        dz_dv=x.copy(),
    )
