"""The errors bpcore raises: each names what is wrong and how to fix the call."""

from __future__ import annotations


class BpError(ValueError):
    """Base class of every error bpcore raises on bad input."""


class ShapeError(BpError):
    """Arrays whose shapes do not chain or do not match the network."""


class NonFiniteError(BpError):
    """NaN or infinity in inputs, targets or parameters."""


class EmptyBatchError(BpError):
    """A batch with no samples."""


class UnknownActivationError(BpError):
    """An activation name bpcore does not know."""


class LearningRateError(BpError):
    """A learning rate that is not a positive finite number."""


class DivergedError(BpError):
    """A training run whose loss became NaN or infinite."""
