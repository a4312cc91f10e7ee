"""Checking backpropagation against central finite differences."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from bpcore.activations import Array
from bpcore.backprop import backward, half_squared_errors
from bpcore.checks import check_batch
from bpcore.errors import BpError
from bpcore.model import Network, run_layers


def parameter_names(net: Network) -> list[str]:
    """Names of every parameter in the order of [`flatten`][bpcore.flatten].

    Weights are ``W{l}[i,j]`` and biases ``b{l}[j]``, counting layers from 1.

    Examples:
        >>> import bpcore
        >>> weights = [[[1.0, 2.0]], [[3.0], [4.0]]]
        >>> net = bpcore.network(weights, ["tanh", "sigmoid"], [[0, 0], None])
        >>> " ".join(parameter_names(net))
        'W1[0,0] W1[0,1] b1[0] b1[1] W2[0,0] W2[1,0]'
    """
    names: list[str] = []
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), 1):
        names += [f"W{layer}[{i},{j}]" for i in range(w.shape[0]) for j in range(w.shape[1])]
        if b is not None:
            names += [f"b{layer}[{j}]" for j in range(b.shape[0])]
    return names


def flatten(weights: tuple[Array, ...], biases: tuple[Array | None, ...]) -> Array:
    """Every parameter in one vector: layer by layer, weights row by row, then the bias.

    Examples:
        >>> import bpcore
        >>> weights = [[[1.0, 2.0]], [[3.0], [4.0]]]
        >>> net = bpcore.network(weights, ["tanh", "sigmoid"], [[5, 6], None])
        >>> flatten(net.weights, net.biases).tolist()
        [1.0, 2.0, 5.0, 6.0, 3.0, 4.0]
    """
    parts: list[Array] = []
    for w, b in zip(weights, biases, strict=True):
        parts.append(w.ravel())
        if b is not None:
            parts.append(b.ravel())
    return np.concatenate(parts)


def unflatten(net: Network, theta: Array) -> Network:
    """The network ``net`` with its parameters taken from the vector ``theta``.

    The inverse of [`flatten`][bpcore.flatten]: ``theta`` has one entry per parameter.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[3.0], [4.0]]], ["tanh", "sigmoid"])
        >>> unflatten(net, 2 * flatten(net.weights, net.biases)).weights[1].ravel().tolist()
        [6.0, 8.0]
    """
    ws: list[Array] = []
    bs: list[Array | None] = []
    k = 0
    for w, b in zip(net.weights, net.biases, strict=True):
        ws.append(theta[k : k + w.size].reshape(w.shape))
        k += w.size
        if b is None:
            bs.append(None)
        else:
            bs.append(theta[k : k + b.size].copy())
            k += b.size
    return net.replace(ws, bs)


def numerical_gradients(
    net: Network, X: ArrayLike, T: ArrayLike, eps: float = 1e-6, order: int = 2
) -> Array:
    """Central differences of the loss for every parameter.

    ``order=2`` is the plain rule ``(E(p + eps) - E(p - eps)) / (2 eps)``, whose
    error shrinks like ``eps**2``. ``order=4`` combines steps of ``eps`` and
    ``2 eps``, ``(8 (E(p + eps) - E(p - eps)) - (E(p + 2 eps) - E(p - 2 eps))) / (12 eps)``,
    whose error shrinks like ``eps**4``: with ``eps=1e-3`` it is limited by
    round-off near ``1e-13 * E``, well below what the plain rule can reach.

    Returns:
        A vector in the order of [`parameter_names`][bpcore.parameter_names].

    Raises:
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        BpError: If ``order`` is not 2 or 4.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> numerical_gradients(net, [[1.0], [2.0]], [1.0, 0.0]).round(6).tolist()
        [0.0625]
    """
    check_order(order)
    x, t = check_batch(net, X, T)
    return differences(net, x, t, eps, order)


def check_order(order: int) -> None:
    """Raise unless ``order`` is 2 or 4.

    Raises:
        BpError: If it is neither.
    """
    if order not in (2, 4):
        raise BpError(f"order must be 2 or 4 (the central-difference rule), got {order!r}")


def differences(net: Network, x: Array, t: Array, eps: float, order: int) -> Array:
    """[`numerical_gradients`][bpcore.numerical_gradients] for arguments already checked."""
    theta = flatten(net.weights, net.biases)

    def shifted(k: int, h: float) -> float:
        e = np.zeros_like(theta)
        e[k] = h
        return float(half_squared_errors(run_layers(unflatten(net, theta + e), x).output, t).mean())

    out = np.empty_like(theta)
    for k in range(theta.size):
        d1 = shifted(k, eps) - shifted(k, -eps)
        if order == 2:
            out[k] = d1 / (2 * eps)
        else:
            d2 = shifted(k, 2 * eps) - shifted(k, -2 * eps)
            out[k] = (8 * d1 - d2) / (12 * eps)
    return out


def relative_error(a: Array, b: Array, floor: float = 1e-8) -> Array:
    """``|a - b| / max(|a|, |b|, floor)``.

    The floor keeps gradients that are zero up to round-off from dividing by round-off.

    Examples:
        >>> import numpy as np
        >>> relative_error(np.array([1.0, 0.0]), np.array([1.1, 1e-12])).round(4).tolist()
        [0.0909, 0.0001]
    """
    return np.asarray(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor))


@dataclass(frozen=True)
class GradCheck:
    """Backpropagation beside central differences, parameter by parameter.

    Attributes:
        names: Parameter names.
        exact: Gradients by backpropagation.
        numeric: Gradients by central differences.
        abs_diff: ``|exact - numeric|``.
        rel_error: See [`relative_error`][bpcore.relative_error].
        eps: The step used.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[3.0], [4.0]]], ["tanh", "sigmoid"])
        >>> c = bpcore.gradient_check(net, [[0.5], [-0.5]], [1.0, 0.0])
        >>> c.names[:2], c.exact.shape, c.eps
        (('W1[0,0]', 'W1[0,1]'), (4,), 1e-06)
    """

    names: tuple[str, ...]
    exact: Array
    numeric: Array
    abs_diff: Array
    rel_error: Array
    eps: float

    @property
    def max_rel_error(self) -> float:
        """The worst relative error over all parameters."""
        return float(self.rel_error.max())


def gradient_check(
    net: Network, X: ArrayLike, T: ArrayLike, eps: float = 1e-6, order: int = 2
) -> GradCheck:
    """Compare exact gradients with central differences for every parameter.

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``.
        eps: The step of the central differences.
        order: 2 for the plain central rule, 4 for the rule with two steps.

    Returns:
        A [`GradCheck`][bpcore.GradCheck], one entry per parameter in the order of
        [`parameter_names`][bpcore.parameter_names].

    Raises:
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        BpError: If ``order`` is not 2 or 4.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[3.0], [4.0]]], ["tanh", "sigmoid"])
        >>> bpcore.gradient_check(net, [[0.5], [-0.5]], [1.0, 0.0]).max_rel_error < 1e-7
        True
    """
    check_order(order)
    x, t = check_batch(net, X, T)
    g = backward(net, run_layers(net, x), t)
    exact = flatten(g.weights, g.biases)
    numeric = differences(net, x, t, eps, order)
    return GradCheck(
        tuple(parameter_names(net)),
        exact,
        numeric,
        np.abs(exact - numeric),
        relative_error(exact, numeric),
        eps,
    )
