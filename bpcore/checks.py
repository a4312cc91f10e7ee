"""Checking what callers pass: each public function checks its batch once, here, then computes.

The checks turn what a caller gives into float64 arrays of the right shapes,
or raise an error of bpcore's own that names the argument and says what to
pass instead.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from bpcore.errors import EmptyBatchError, LearningRateError, NonFiniteError, ShapeError

if TYPE_CHECKING:
    from bpcore.model import Network

Array = NDArray[np.float64]


def as_array(value: ArrayLike, what: str) -> Array:
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


def check_inputs(net: Network, X: ArrayLike) -> Array:
    """Return ``X`` as a float64 matrix that fits ``net``, or raise a clear error.

    A single sample may be given as a vector.

    Raises:
        ShapeError: If ``X`` does not have ``net.sizes[0]`` columns.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` holds NaN or infinity.
    """
    x = as_array(X, "inputs X")
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


def check_batch(net: Network, X: ArrayLike, T: ArrayLike) -> tuple[Array, Array]:
    """Return inputs and targets as float64 matrices that fit ``net`` and each other.

    ``X`` may be one sample given as a vector. ``T`` may be a vector: one
    target per sample when the network has one output, or the outputs of the
    single sample.

    Returns:
        ``(x, t)`` of shapes ``(m, n_0)`` and ``(m, n_L)``.

    Raises:
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity.
    """
    x = check_inputs(net, X)
    t = as_array(T, "targets T")
    n_out = net.sizes[-1]
    if t.ndim == 1 and n_out == 1:
        t = t[:, None]
    elif t.ndim == 1 and t.size == n_out and x.shape[0] == 1:
        t = t[None, :]
    if t.shape != (x.shape[0], n_out):
        raise ShapeError(
            f"targets T must have shape ({x.shape[0]}, {n_out}): one row per "
            f"sample of X and one column per output, got {t.shape}"
        )
    return x, t


def check_rate(lr: float) -> float:
    """Return ``lr`` as a float, or raise if it is not a positive finite number.

    Raises:
        LearningRateError: If ``lr`` is not a number, or is zero, negative, NaN or inf.
    """
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.floating, np.integer)):
        raise LearningRateError(f"learning rate must be a positive finite number, got {lr!r}")
    if not (math.isfinite(lr) and lr > 0):
        raise LearningRateError(f"learning rate must be a positive finite number, got {lr!r}")
    return float(lr)
