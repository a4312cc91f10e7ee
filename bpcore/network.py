"""Fully connected networks and the forward pass with a full trace.

Conventions: samples are rows. A batch ``X`` has shape ``(m, n_0)``; layer ``l``
has weights ``W[l]`` of shape ``(n_l, n_{l+1})`` and an optional bias ``b[l]``
of shape ``(n_{l+1},)``, so that ``z = a @ W + b`` and ``a' = f(z)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from bpcore.errors import (
    EmptyBatchError,
    NonFiniteError,
    ShapeError,
    UnknownActivationError,
)

Array = NDArray[np.float64]


def _sigmoid(z: Array) -> Array:
    # Split by sign so that exp never overflows: exact for large |z| too.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_slope(y: Array) -> Array:
    return y * (1.0 - y)


# Each activation beside its derivative, written in terms of z.
ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array], Array]]] = {
    "identity": (lambda z: z.copy(), lambda z: np.ones_like(z)),
    "sigmoid": (_sigmoid, lambda z: _sigmoid_slope(_sigmoid(z))),
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(np.float64)),
}


def activation(name: str) -> tuple[Callable[[Array], Array], Callable[[Array], Array]]:
    """Return the pair ``(f, f')`` of an activation.

    Args:
        name: One of ``identity``, ``sigmoid``, ``tanh``, ``relu``.

    Returns:
        The function and its derivative, both taking the pre-activation ``z``.

    Raises:
        UnknownActivationError: If ``name`` is not a known activation.

    Examples:
        >>> import numpy as np
        >>> f, df = activation("tanh")
        >>> f(np.array([0.0, 1.0])).round(3).tolist(), df(np.array([0.0])).tolist()
        ([0.0, 0.762], [1.0])
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(ACTIVATIONS))
        raise UnknownActivationError(f"unknown activation {name!r}; use one of: {known}") from None


def as_matrix(value: ArrayLike, what: str) -> Array:
    """Convert to a finite float64 array, naming ``what`` in any error.

    Args:
        value: Anything numpy can turn into an array of numbers.
        what: The name used in error messages, such as ``"inputs X"``.

    Returns:
        A new float64 array.

    Raises:
        NonFiniteError: If the array holds NaN or infinity.
        ShapeError: If it is not numeric.
    """
    try:
        a = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as e:
        raise ShapeError(f"{what} must be an array of numbers: {e}") from None
    bad = ~np.isfinite(a)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise NonFiniteError(
            f"{what} holds {int(bad.sum())} non-finite value(s) (NaN or inf), "
            f"the first at index {where}: {a[where]}"
        )
    return a


def _frozen(a: Array) -> Array:
    a = a.copy()
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Network:
    """A fully connected network: weights, optional biases, activations.

    Build one with [`network`][bpcore.network.network]; it checks every shape.
    Its arrays are read-only copies, so no function can change a network
    in place: training returns new networks.

    Attributes:
        weights: ``weights[l]`` has shape ``(n_l, n_{l+1})``.
        biases: ``biases[l]`` has shape ``(n_{l+1},)``, or is ``None``.
        activations: The activation name of each layer.

    Examples:
        >>> import bpcore
        >>> net = bpcore.example().net
        >>> net.sizes, net.weights[0].shape, net.biases
        ((3, 2, 1), (3, 2), (None, None))
    """

    weights: tuple[Array, ...]
    biases: tuple[Array | None, ...]
    activations: tuple[str, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer widths, input first: ``(3, 2, 1)`` for the example."""
        return (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))

    def replace(self, weights: Sequence[Array], biases: Sequence[Array | None]) -> Network:
        """Return a new network with the same activations and new parameters."""
        return network(weights, self.activations, biases)


def network(
    weights: Sequence[ArrayLike],
    activations: Sequence[str],
    biases: Sequence[ArrayLike | None] | None = None,
) -> Network:
    """Build a network from its weight matrices, checking that they chain.

    Args:
        weights: One matrix per layer, ``(n_in, n_out)``.
        activations: One activation name per layer.
        biases: One vector ``(n_out,)`` or ``None`` per layer; ``None`` for
            no biases anywhere.

    Returns:
        A new [`Network`][bpcore.Network].

    Raises:
        ShapeError: If the shapes do not chain or the counts differ.
        NonFiniteError: If a parameter is NaN or infinite.
        UnknownActivationError: If an activation name is unknown.

    Examples:
        A 2-2-2 network with biases and sigmoid everywhere:

        >>> import bpcore
        >>> net = bpcore.network(
        ...     weights=[[[0.15, 0.25], [0.2, 0.3]], [[0.4, 0.5], [0.45, 0.55]]],
        ...     activations=["sigmoid", "sigmoid"],
        ...     biases=[[0.35, 0.35], [0.6, 0.6]],
        ... )
        >>> net.sizes
        (2, 2, 2)
    """
    if len(weights) == 0:
        raise ShapeError("a network needs at least one weight matrix")
    if len(activations) != len(weights):
        raise ShapeError(
            f"got {len(weights)} weight matrices but {len(activations)} "
            "activations; give one activation per layer"
        )
    if biases is None:
        biases = [None] * len(weights)
    if len(biases) != len(weights):
        raise ShapeError(
            f"got {len(weights)} weight matrices but {len(biases)} biases; "
            "give one bias vector (or None) per layer"
        )
    for name in activations:
        activation(name)
    ws: list[Array] = []
    bs: list[Array | None] = []
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True)):
        wa = as_matrix(w, f"weights of layer {layer}")
        if wa.ndim != 2 or 0 in wa.shape:
            raise ShapeError(
                f"weights of layer {layer} must be a non-empty matrix "
                f"(n_in, n_out), got shape {wa.shape}"
            )
        if ws and ws[-1].shape[1] != wa.shape[0]:
            raise ShapeError(
                f"layer shapes do not chain: layer {layer - 1} has "
                f"{ws[-1].shape} so it outputs {ws[-1].shape[1]} values, but "
                f"layer {layer} has {wa.shape} and expects {wa.shape[0]}"
            )
        ws.append(_frozen(wa))
        if b is None:
            bs.append(None)
            continue
        ba = as_matrix(b, f"bias of layer {layer}")
        if ba.shape != (wa.shape[1],):
            raise ShapeError(
                f"bias of layer {layer} must have shape ({wa.shape[1]},) to "
                f"match weights {wa.shape}, got {ba.shape}"
            )
        bs.append(_frozen(ba))
    return Network(tuple(ws), tuple(bs), tuple(activations))


@dataclass(frozen=True)
class Trace:
    """Everything the forward pass computed, per layer and per sample.

    Attributes:
        inputs: The batch ``X``, shape ``(m, n_0)``.
        pre: ``pre[l]`` is the pre-activation ``z`` of layer ``l``, ``(m, n_{l+1})``.
        post: ``post[l]`` is the activation ``f(z)`` of layer ``l``.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> tr = bpcore.forward(ex.net, ex.X)
        >>> tr.pre[0].shape, tr.output.shape
        ((3, 2), (3, 1))
    """

    inputs: Array
    pre: tuple[Array, ...]
    post: tuple[Array, ...]

    @property
    def output(self) -> Array:
        """The network's output, shape ``(m, n_L)``."""
        return self.post[-1]

    def layer_input(self, layer: int) -> Array:
        """What layer ``layer`` multiplies by its weights: ``X`` or the previous activation."""
        return self.inputs if layer == 0 else self.post[layer - 1]


def check_inputs(net: Network, X: ArrayLike) -> Array:
    """Return ``X`` as a float64 matrix that fits ``net``, or raise a clear error.

    A single sample may be given as a vector.

    Raises:
        ShapeError: If ``X`` does not have ``net.sizes[0]`` columns.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` holds NaN or infinity.
    """
    x = as_matrix(X, "inputs X")
    if x.ndim == 1 and x.size == net.sizes[0]:
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] != net.sizes[0]:
        raise ShapeError(
            f"inputs X must have shape (m, {net.sizes[0]}) for a network of "
            f"sizes {net.sizes}, got {x.shape}"
        )
    if x.shape[0] == 0:
        raise EmptyBatchError("the batch is empty: X has 0 samples; give at least one row")
    return x


def forward(net: Network, X: ArrayLike) -> Trace:
    """Run the batch through the network, keeping every layer's values.

    Args:
        net: The network.
        X: Inputs, shape ``(m, n_0)`` (or one sample of shape ``(n_0,)``).

    Returns:
        A [`Trace`][bpcore.Trace] with pre-activations and activations.

    Raises:
        ShapeError: If ``X`` does not have one column per input of ``net``.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` holds NaN or infinity.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> bpcore.forward(ex.net, ex.X).output.round(3).ravel().tolist()
        [0.907, 0.698, 0.796]
    """
    return run_layers(net, check_inputs(net, X))


def run_layers(net: Network, a: Array) -> Trace:
    """The forward pass without checking ``a``: for callers that checked it once already."""
    pre: list[Array] = []
    post: list[Array] = []
    x = a
    for w, b, name in zip(net.weights, net.biases, net.activations, strict=True):
        f, _ = activation(name)
        z = x @ w if b is None else x @ w + b
        x = f(z)
        pre.append(z)
        post.append(x)
    return Trace(a, tuple(pre), tuple(post))
