"""What every worked example starts from: a network, its training data and a learning rate."""

from __future__ import annotations

from dataclasses import dataclass

from bpcore.activations import Array
from bpcore.model import Network


@dataclass(frozen=True)
class Example:
    """A network with its training data and learning rate.

    Attributes:
        net: The initial network.
        X: Inputs, ``(m, n_0)``.
        T: Targets, ``(m, n_L)``.
        lr: Learning rate.

    Examples:
        >>> from bpcore.site.examples import worked
        >>> ex = worked.example()
        >>> ex.X.shape, ex.T.shape, ex.lr
        ((3, 3), (3, 1), 0.5)
    """

    net: Network
    X: Array
    T: Array
    lr: float
