"""Checking backpropagation against central finite differences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from bpcore.activations import Array
from bpcore.backprop import backward, half_squared_errors
from bpcore.checks import (
    as_array,
    check_batch,
    check_choice,
    check_network,
    check_number,
    check_parameters,
    floats_raise,
    overflow_error,
)
from bpcore.errors import ShapeError
from bpcore.model import Network, run_layers


def parameter_names(net: Network) -> list[str]:
    """Names of every parameter in the order of [`flatten`][bpcore.flatten].

    Weights are ``W{l}[i,j]`` and biases ``b{l}[j]``, counting layers from 1.

    Raises:
        ArgumentTypeError: If ``net`` is not a network.

    Examples:
        >>> import bpcore
        >>> weights = [[[1.0, 2.0]], [[3.0], [4.0]]]
        >>> net = bpcore.network(weights, ["tanh", "sigmoid"], [[0, 0], None])
        >>> " ".join(parameter_names(net))
        'W1[0,0] W1[0,1] b1[0] b1[1] W2[0,0] W2[1,0]'
    """
    net = check_network(net)
    names: list[str] = []
    for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True), 1):
        names += [f"W{layer}[{i},{j}]" for i in range(w.shape[0]) for j in range(w.shape[1])]
        if b is not None:
            names += [f"b{layer}[{j}]" for j in range(b.shape[0])]
    return names


def flatten(weights: Sequence[ArrayLike], biases: Sequence[ArrayLike | None] | None) -> Array:
    """Every parameter in one vector: layer by layer, weights row by row, then the bias.

    Args:
        weights: One matrix ``(n_in, n_out)`` per layer, such as ``net.weights``.
        biases: One vector ``(n_out,)`` or ``None`` per layer, such as
            ``net.biases``; ``None`` for no biases anywhere.

    Raises:
        ArgumentTypeError: If ``weights`` or ``biases`` is not a list or holds
            anything but numbers.
        ShapeError: If the shapes do not chain or a bias does not match its layer.
        NonFiniteError: If a parameter is NaN or infinite.

    Examples:
        >>> import bpcore
        >>> weights = [[[1.0, 2.0]], [[3.0], [4.0]]]
        >>> net = bpcore.network(weights, ["tanh", "sigmoid"], [[5, 6], None])
        >>> flatten(net.weights, net.biases).tolist()
        [1.0, 2.0, 5.0, 6.0, 3.0, 4.0]
    """
    return flat(*check_parameters(weights, biases))


def flat(weights: tuple[Array, ...], biases: tuple[Array | None, ...]) -> Array:
    """[`flatten`][bpcore.flatten] for parameters already checked."""
    parts: list[Array] = []
    for w, b in zip(weights, biases, strict=True):
        parts.append(w.ravel())
        if b is not None:
            parts.append(b.ravel())
    return np.concatenate(parts)


def unflatten(net: Network, theta: ArrayLike) -> Network:
    """The network ``net`` with its parameters taken from the vector ``theta``.

    The inverse of [`flatten`][bpcore.flatten]: ``theta`` has one entry per parameter.

    Raises:
        ArgumentTypeError: If ``net`` is not a network or ``theta`` not numbers.
        ShapeError: If ``theta`` is not a vector with one entry per parameter of ``net``.
        NonFiniteError: If ``theta`` holds NaN or infinity.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[3.0], [4.0]]], ["tanh", "sigmoid"])
        >>> unflatten(net, 2 * flatten(net.weights, net.biases)).weights[1].ravel().tolist()
        [6.0, 8.0]
    """
    net = check_network(net)
    vector = as_array(theta, "parameter vector theta")
    count = sum(w.size for w in net.weights) + sum(b.size for b in net.biases if b is not None)
    if vector.shape != (count,):
        raise ShapeError(
            f"parameter vector theta must have shape ({count},), one entry per parameter of "
            f"net (see parameter_names(net)), got {vector.shape}; pass a vector like "
            "flatten(net.weights, net.biases)"
        )
    return replaced(net, vector)


def replaced(net: Network, theta: Array) -> Network:
    """[`unflatten`][bpcore.unflatten] for a vector already checked."""
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

    Args:
        net: The network.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``.
        eps: The step of the central differences, a positive finite number.
        order: The rule: ``order=2`` or ``order=4``.

    Returns:
        A vector in the order of [`parameter_names`][bpcore.parameter_names].

    Raises:
        BpError: If ``order`` is not 2 or 4, or ``eps`` is not a positive finite number.
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or a
            difference overflows float64 (parameters, inputs or ``eps`` too
            large, or ``eps`` too small to divide by).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> numerical_gradients(net, [[1.0], [2.0]], [1.0, 0.0]).round(6).tolist()
        [0.0625]
    """
    step = check_step(eps, order)
    x, t = check_batch(net, X, T)
    try:
        with floats_raise():
            return differences(net, x, t, step, order)
    except FloatingPointError as err:
        raise overflow_error(f"the central differences with eps={step}", err, net, x) from None


def check_step(eps: object, order: object) -> float:
    """Return ``eps`` as a float, or raise unless it is positive and finite and ``order`` is 2 or 4.

    Raises:
        BpError: If either is not.
    """
    check_choice(order, "order", (2, 4), " (the central-difference rule)")
    return check_number(
        eps,
        "eps",
        positive=True,
        advice="pass the step of the central differences, such as 1e-6",
    )


def differences(net: Network, x: Array, t: Array, eps: float, order: int) -> Array:
    """[`numerical_gradients`][bpcore.numerical_gradients] for arguments already checked."""
    theta = flat(net.weights, net.biases)

    def shifted(k: int, h: float) -> float:
        e = np.zeros_like(theta)
        e[k] = h
        return float(half_squared_errors(run_layers(replaced(net, theta + e), x).output, t).mean())

    out = np.empty_like(theta)
    for k in range(theta.size):
        d1 = shifted(k, eps) - shifted(k, -eps)
        if order == 2:
            out[k] = d1 / (2 * eps)
        else:
            d2 = shifted(k, 2 * eps) - shifted(k, -2 * eps)
            out[k] = (8 * d1 - d2) / (12 * eps)
    return out


def relative_error(a: ArrayLike, b: ArrayLike, floor: float = 1e-8) -> Array:
    """``|a - b| / max(|a|, |b|, floor)``, elementwise.

    The floor keeps gradients that are zero up to round-off from dividing by round-off.

    Args:
        a: Numbers, such as exact gradients.
        b: Numbers of the same shape, such as numerical gradients.
        floor: The least denominator, a positive finite number.

    Raises:
        ArgumentTypeError: If ``a`` or ``b`` holds anything but numbers.
        ShapeError: If ``a`` and ``b`` differ in shape.
        NonFiniteError: If either holds NaN or infinity.
        BpError: If ``floor`` is not a positive finite number.

    Examples:
        >>> import numpy as np
        >>> relative_error(np.array([1.0, 0.0]), np.array([1.1, 1e-12])).round(4).tolist()
        [0.0909, 0.0001]
    """
    aa, ba = as_array(a, "argument a"), as_array(b, "argument b")
    if aa.shape != ba.shape:
        raise ShapeError(
            f"argument a {aa.shape} and argument b {ba.shape} must have the same shape"
        )
    least = check_number(
        floor, "floor", positive=True, advice="pass the least denominator, such as 1e-8"
    )
    return relative(aa, ba, least)


def relative(a: Array, b: Array, floor: float) -> Array:
    """[`relative_error`][bpcore.relative_error] for arrays already checked.

    Where ``a - b`` overflows (opposite signs near the float64 limit), the
    same ratio is taken of ``a`` and ``b`` scaled down by the denominator.
    """
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.abs(a - b) / scale
    if not np.isfinite(out).all():
        out = np.abs(a / scale - b / scale)
    return np.asarray(out)


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
        BpError: If ``order`` is not 2 or 4, or ``eps`` is not a positive finite number.
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            gradients or a difference overflow float64 (parameters, inputs or
            ``eps`` too large, or ``eps`` too small to divide by).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0, 2.0]], [[3.0], [4.0]]], ["tanh", "sigmoid"])
        >>> bpcore.gradient_check(net, [[0.5], [-0.5]], [1.0, 0.0]).max_rel_error < 1e-7
        True
    """
    step = check_step(eps, order)
    x, t = check_batch(net, X, T)
    try:
        with floats_raise():
            g = backward(net, run_layers(net, x), t)
            exact = flat(g.weights, g.biases)
            numeric = differences(net, x, t, step, order)
            return GradCheck(
                tuple(parameter_names(net)),
                exact,
                numeric,
                np.abs(exact - numeric),
                relative(exact, numeric, 1e-8),
                step,
            )
    except FloatingPointError as err:
        raise overflow_error(f"the gradient check with eps={step}", err, net, x) from None
