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
from bpcore.checks import (
    check_activations,
    check_index,
    check_inputs,
    check_parameters,
    floats_raise,
    overflow_error,
)


@dataclass(frozen=True)
class Network:
    """A fully connected network: weights, optional biases, activations.

    Build one with [`network`][bpcore.network]. Built directly, as
    ``Network(weights, biases, activations)``, it is checked the same way.
    Its arrays are read-only float64 copies, so no function can change a
    network in place: training returns new networks.

    Attributes:
        weights: ``weights[l]`` has shape ``(n_l, n_{l+1})``.
        biases: ``biases[l]`` has shape ``(n_{l+1},)``, or is ``None``.
        activations: The activation name of each layer.

    Raises:
        ArgumentTypeError: If an argument is not a list (a generator, ``None``,
            a single string of activations) or a parameter holds anything but numbers.
        ShapeError: If the shapes do not chain or the counts differ.
        NonFiniteError: If a parameter is NaN or infinite.
        UnknownActivationError: If an activation name is unknown.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.1, 0.2, 0.3]], [[0.4], [0.5], [0.6]]], ["tanh", "sigmoid"])
        >>> net.sizes, net.weights[0].shape, net.biases
        ((1, 3, 1), (1, 3), (None, None))
    """

    weights: tuple[Array, ...]
    biases: tuple[Array | None, ...]
    activations: tuple[str, ...]

    def __post_init__(self) -> None:
        """Check and copy what the constructor was given, as [`network`][bpcore.network] does."""
        weights, biases = check_parameters(self.weights, self.biases)
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "biases", biases)
        object.__setattr__(self, "activations", check_activations(self.activations, len(weights)))

    @property
    def sizes(self) -> tuple[int, ...]:
        """Layer widths, input first, such as ``(3, 2, 1)``."""
        return (self.weights[0].shape[0], *(w.shape[1] for w in self.weights))

    def replace(
        self, weights: Sequence[ArrayLike], biases: Sequence[ArrayLike | None] | None
    ) -> Network:
        """Return a new network with the same activations and new parameters.

        Args:
            weights: One matrix per layer, ``(n_in, n_out)``.
            biases: One vector ``(n_out,)`` or ``None`` per layer, or ``None``.

        Raises:
            ArgumentTypeError: If ``weights`` or ``biases`` is not a list or
                holds anything but numbers.
            ShapeError: If the shapes do not chain or do not match the activations.
            NonFiniteError: If a parameter is NaN or infinite.
        """
        return network(weights, self.activations, biases)


def assemble(
    weights: tuple[Array, ...], biases: tuple[Array | None, ...], activations: tuple[str, ...]
) -> Network:
    """A network from parameters already checked, without checking them again.

    For training, whose updates keep the shapes of a checked network and
    whose finiteness [`step`][bpcore.step] and [`train`][bpcore.train] ensure:
    checking them again on every step would cost more than the step.
    """
    net = object.__new__(Network)
    object.__setattr__(net, "weights", weights)
    object.__setattr__(net, "biases", biases)
    object.__setattr__(net, "activations", activations)
    return net


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
        ArgumentTypeError: If ``weights``, ``activations`` or ``biases`` is not
            a list (a generator, ``None``, a single string of activations) or a
            parameter holds anything but numbers (strings, booleans, complex).
        ShapeError: If there are no layers, a weight is not a matrix (a bare
            matrix given as ``weights``), the shapes do not chain or the counts differ.
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
    ws, bs = check_parameters(weights, biases)
    return assemble(ws, bs, check_activations(activations, len(ws)))


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
        """What layer ``layer`` multiplies by its weights: ``X`` or the previous activation.

        Raises:
            ShapeError: If ``layer`` is not the index of a layer (negative counts from the end).
        """
        k = check_index(layer, "layer", len(self.pre), f"the trace has {len(self.pre)} layers")
        return self.inputs if k == 0 else self.post[k - 1]


def forward(net: Network, X: ArrayLike) -> Trace:
    """Run the batch through the network, keeping every layer's values.

    Args:
        net: The network.
        X: Inputs, shape ``(m, n_0)`` (or one sample of shape ``(n_0,)``).

    Returns:
        A [`Trace`][bpcore.Trace] with pre-activations and activations.

    Raises:
        ArgumentTypeError: If ``net`` is not a network or ``X`` not numbers.
        ShapeError: If ``X`` does not have one column per input of ``net``.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` holds NaN or infinity, or the pass overflows
            float64 (inputs or parameters too large).

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.5], [-0.5]]], ["sigmoid"])
        >>> bpcore.forward(net, [[1.0, 1.0], [2.0, 0.0]]).output.round(3).ravel().tolist()
        [0.5, 0.731]
    """
    x = check_inputs(net, X)
    try:
        with floats_raise():
            return run_layers(net, x)
    except FloatingPointError as err:
        raise overflow_error("the forward pass", err, net, x) from None


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
