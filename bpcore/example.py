"""The worked example: the only place its inputs are typed.

A 3-2-1 network with linear hidden units, a sigmoid output and no biases,
three samples, batch gradient descent with learning rate 0.5.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bpcore.network import Array, Network, network

V = [[0.15, 0.2], [0.6, 0.3], [0.3, 0.5]]
"""Input-to-hidden weights: row i is input i, column j is hidden unit j."""
W = [[0.8], [0.2]]
"""Hidden-to-output weights w1, w2."""
SAMPLES = [[2.0, 3.0, 1.0], [1.0, 0.0, 2.0], [3.0, 1.0, 1.0]]
TARGETS = [0.64, 0.52, 0.36]
LEARNING_RATE = 0.5


@dataclass(frozen=True)
class Example:
    """A network with its training data and learning rate.

    Attributes:
        net: The initial network.
        X: Inputs, ``(m, n_0)``.
        T: Targets, ``(m, n_L)``.
        lr: Learning rate.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> ex.X.shape, ex.T.shape, ex.lr
        ((3, 3), (3, 1), 0.5)
    """

    net: Network
    X: Array
    T: Array
    lr: float


def example() -> Example:
    """The article's 3-2-1 example, freshly built.

    Examples:
        >>> import bpcore
        >>> ex = bpcore.example()
        >>> ex.net.sizes, ex.net.activations, ex.lr
        ((3, 2, 1), ('identity', 'sigmoid'), 0.5)
    """
    net = network([V, W], ["identity", "sigmoid"])
    x = np.array(SAMPLES)
    t = np.array(TARGETS)[:, None]
    x.flags.writeable = False
    t.flags.writeable = False
    return Example(net, x, t, LEARNING_RATE)
