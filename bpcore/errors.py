"""The errors bpcore raises: each names what is wrong and how to fix the call."""

from __future__ import annotations


class BpError(ValueError):
    """Base class of every error bpcore raises on bad input.

    Example:
        >>> import bpcore
        >>> try:
        ...     bpcore.network([[[1.0]]], ["softplus"])
        ... except bpcore.BpError as e:
        ...     print(type(e).__name__, isinstance(e, ValueError))
        UnknownActivationError True
    """


class ShapeError(BpError):
    """Arrays whose shapes do not chain or do not match the network.

    Example:
        >>> import bpcore
        >>> bpcore.forward(bpcore.example().net, [[1.0, 2.0]])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        bpcore.errors.ShapeError: inputs X must have shape (m, 3) for a network of sizes ...
    """


class NonFiniteError(BpError):
    """NaN or infinity in inputs, targets or parameters.

    Example:
        >>> import bpcore
        >>> bpcore.forward(bpcore.example().net, [[float("nan"), 1.0, 1.0]])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        bpcore.errors.NonFiniteError: inputs X holds 1 non-finite value(s) (NaN or inf), ...
    """


class EmptyBatchError(BpError):
    """A batch with no samples.

    Example:
        >>> import bpcore
        >>> import numpy as np
        >>> bpcore.forward(bpcore.example().net, np.zeros((0, 3)))
        Traceback (most recent call last):
        ...
        bpcore.errors.EmptyBatchError: the batch is empty: X has 0 samples; give at least one row
    """


class UnknownActivationError(BpError):
    """An activation name bpcore does not know.

    Example:
        >>> import bpcore
        >>> bpcore.activation("softplus")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        bpcore.errors.UnknownActivationError: unknown activation 'softplus'; use one of: ...
    """


class LearningRateError(BpError):
    """A learning rate that is not a positive finite number.

    Example:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> bpcore.step(ex.net, ex.X, ex.T, -1)
        Traceback (most recent call last):
        ...
        bpcore.errors.LearningRateError: learning rate must be a positive finite number, got -1
    """


class DivergedError(BpError):
    """A training run whose loss became NaN or infinite.

    Example:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> linear = bpcore.network(ex.net.weights, ["identity", "identity"])
        >>> bpcore.train(linear, ex.X, ex.T, 10.0, epochs=100)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        bpcore.errors.DivergedError: training diverged at epoch 5 with learning rate 10.0: ...
    """
