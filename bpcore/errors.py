"""The errors bpcore raises: each names what is wrong and how to fix the call."""

from __future__ import annotations


class BpError(ValueError):
    """Base class of every error bpcore raises on bad input.

    Examples:
        >>> import bpcore
        >>> try:
        ...     bpcore.network([[[1.0]]], ["softplus"])
        ... except bpcore.BpError as e:
        ...     print(type(e).__name__, isinstance(e, ValueError))
        UnknownActivationError True
    """


class ShapeError(BpError):
    """Arrays whose shapes do not chain or do not match the network.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0], [1.0], [1.0]]], ["sigmoid"])
        >>> try:
        ...     bpcore.forward(net, [[1.0, 2.0]])
        ... except bpcore.ShapeError as e:
        ...     print(e)
        inputs X must have shape (m, 3) for a network of sizes (3, 1), got (1, 2)
    """


class NonFiniteError(BpError):
    """NaN or infinity in inputs, targets or parameters, or a computation that overflows.

    Finite but huge inputs or parameters can overflow float64 in the forward
    pass, the loss or the gradients; that is reported here too, naming what
    overflowed, instead of returning infinity.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0], [1.0], [1.0]]], ["sigmoid"])
        >>> try:
        ...     bpcore.forward(net, [[float("nan"), 1.0, 1.0]])
        ... except bpcore.NonFiniteError as e:
        ...     print(e)
        inputs X holds 1 NaN or inf value(s), the first at index (0, 0): nan; pass finite numbers
    """


class EmptyBatchError(BpError):
    """A batch with no samples.

    Examples:
        >>> import bpcore
        >>> import numpy as np
        >>> net = bpcore.network([[[1.0], [1.0], [1.0]]], ["sigmoid"])
        >>> try:
        ...     bpcore.forward(net, np.zeros((0, 3)))
        ... except bpcore.EmptyBatchError as e:
        ...     print(e)
        the batch is empty: X has 0 samples (shape (0, 3)); give at least one row
    """


class UnknownActivationError(BpError):
    """An activation name bpcore does not know.

    Examples:
        >>> import bpcore
        >>> try:
        ...     bpcore.activation("softplus")
        ... except bpcore.UnknownActivationError as e:
        ...     print(e)
        unknown activation 'softplus'; use one of: identity, relu, sigmoid, tanh
    """


class LearningRateError(BpError):
    """A learning rate that is not a positive finite number.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[1.0]]], ["sigmoid"])
        >>> try:
        ...     bpcore.step(net, [[1.0]], [1.0], -1)
        ... except bpcore.LearningRateError as e:
        ...     print(e)
        learning rate lr must be a positive finite number, got -1; pass a positive float such as 0.5
    """


class DivergedError(BpError):
    """A training run whose loss became NaN or infinite.

    Examples:
        >>> import bpcore
        >>> linear = bpcore.network([[[1.0]]], ["identity"])
        >>> try:
        ...     bpcore.train(linear, [[3.0]], [1.0], 10.0, epochs=1000)
        ... except bpcore.DivergedError as e:
        ...     print(str(e).split(":")[0])
        training diverged at epoch 79 with learning rate 10.0
    """

    def __init__(self, message: str, epoch: int | None = None) -> None:
        super().__init__(message)
        self.epoch = epoch
        """The epoch at which training diverged, when it was training that diverged."""


class ArgumentTypeError(BpError, TypeError):
    """An argument of the wrong kind: not numbers, not a network, not a list where one is needed.

    Raised for ``None``, strings, booleans, complex numbers, generators and
    other objects where numbers or a [`Network`][bpcore.Network] are expected.
    It is also a `TypeError`.

    Examples:
        >>> import bpcore
        >>> try:
        ...     bpcore.forward(None, [[1.0]])  # type: ignore[arg-type]
        ... except bpcore.ArgumentTypeError as e:
        ...     print(e)
        net must be a bpcore.Network, built by bpcore.network(weights, activations); got None
    """
