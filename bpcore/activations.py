"""Activations, each written beside its slope.

The slope takes both the pre-activation ``z`` and the activation ``a = f(z)``,
so that it can be read off the output where that is how the pages explain it:
the sigmoid's slope is ``a (1 - a)`` and tanh's is ``1 - a**2``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bpcore.errors import UnknownActivationError

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Activation:
    """An activation function and its slope.

    Attributes:
        name: ``identity``, ``sigmoid``, ``tanh`` or ``relu``.
        f: The function, ``a = f(z)``, elementwise.
        slope: ``f'(z)``, given ``z`` and ``a = f(z)``.

    Examples:
        >>> import numpy as np
        >>> act = activation("sigmoid")
        >>> z = np.array([0.0])
        >>> act.slope(z, act.f(z)).tolist()
        [0.25]
    """

    name: str
    f: Callable[[Array], Array]
    slope: Callable[[Array, Array], Array]


def _sigmoid(z: Array) -> Array:
    # Split by sign so that exp never overflows: exact for large |z| too.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS: dict[str, Activation] = {
    # f(z) = z; f'(z) = 1
    "identity": Activation("identity", lambda z: z.copy(), lambda z, a: np.ones_like(z)),
    # f(z) = 1 / (1 + e^-z); f'(z) = f(z) (1 - f(z)), read off the output
    "sigmoid": Activation("sigmoid", _sigmoid, lambda z, a: a * (1.0 - a)),
    # f(z) = tanh z; f'(z) = 1 - tanh(z)^2, read off the output
    "tanh": Activation("tanh", np.tanh, lambda z, a: 1.0 - a**2),
    # f(z) = max(z, 0); f'(z) = 1 where z > 0, else 0
    "relu": Activation(
        "relu", lambda z: np.maximum(z, 0.0), lambda z, a: (z > 0).astype(np.float64)
    ),
}
"""Every activation bpcore knows, by name."""


def activation(name: str) -> Activation:
    """Return the activation called ``name``.

    Args:
        name: One of ``identity``, ``sigmoid``, ``tanh``, ``relu``.

    Returns:
        The [`Activation`][bpcore.Activation], with its function and slope.

    Raises:
        UnknownActivationError: If ``name`` is not a known activation.

    Examples:
        >>> import numpy as np
        >>> act = activation("tanh")
        >>> z = np.array([0.0, 1.0])
        >>> act.f(z).round(3).tolist(), act.slope(z, act.f(z)).round(3).tolist()
        ([0.0, 0.762], [1.0, 0.42])
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(sorted(ACTIVATIONS))
        raise UnknownActivationError(f"unknown activation {name!r}; use one of: {known}") from None
