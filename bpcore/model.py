"""Fully connected networks and the forward pass with a full trace.

Conventions: samples are rows. A batch ``X`` has shape ``(m, n_0)``; layer ``l``
has weights ``W[l]`` of shape ``(n_l, n_{l+1})`` and an optional bias ``b[l]``
of shape ``(n_{l+1},)``, so that ``z = a @ W + b`` and ``a' = f(z)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from numpy.typing import ArrayLike

from bpcore.activations import Array, activation
from bpcore.checks import as_array, check_inputs
from bpcore.errors import ShapeError


def _frozen(a: Array) -> Array:
    a = a.copy()
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Network:
    """A fully connected network: weights, optional biases, activations.

    Build one with [`network`][bpcore.network]; it checks every shape.
    Its arrays are read-only copies, so no function can change a network
    in place: training returns new networks.

    Attributes:
        weights: ``weights[l]`` has shape ``(n_l, n_{l+1})``.
        biases: ``biases[l]`` has shape ``(n_{l+1},)``, or is ``None``.
        activations: The activation name of each layer.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.1, 0.2, 0.3]], [[0.4], [0.5], [0.6]]], ["tanh", "sigmoid"])
        >>> net.sizes, net.weights[0].shape, net.biases
        ((1, 3, 1), (1, 3), (None, None))
    """

    weights: tuple[Array, ...]
    biases: tuple[Array | None, ...]
    activations: tuple[str, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer widths, input first, such as ``(3, 2, 1)``."""
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
        wa = as_array(w, f"weights of layer {layer}")
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
        ba = as_array(b, f"bias of layer {layer}")
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
        >>> net = bpcore.network([[[1.0, -1.0]], [[1.0], [1.0]]], ["relu", "identity"])
        >>> tr = bpcore.forward(net, [[2.0], [-3.0]])
        >>> tr.pre[0].tolist(), tr.post[0].tolist(), tr.output.tolist()
        ([[2.0, -2.0], [-3.0, 3.0]], [[2.0, 0.0], [0.0, 3.0]], [[2.0], [3.0]])
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
        >>> net = bpcore.network([[[0.5], [-0.5]]], ["sigmoid"])
        >>> bpcore.forward(net, [[1.0, 1.0], [2.0, 0.0]]).output.round(3).ravel().tolist()
        [0.5, 0.731]
    """
    return run_layers(net, check_inputs(net, X))


def run_layers(net: Network, a: Array) -> Trace:
    """The forward pass without checking ``a``: for callers that checked it once already."""
    pre: list[Array] = []
    post: list[Array] = []
    x = a
    for w, b, name in zip(net.weights, net.biases, net.activations, strict=True):
        z = x @ w if b is None else x @ w + b
        x = activation(name).f(z)
        pre.append(z)
        post.append(x)
    return Trace(a, tuple(pre), tuple(post))
