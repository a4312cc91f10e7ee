"""Mazur's 2-2-2 walkthrough: the engine's fixed biases, his figures reconciled, and the page."""

from __future__ import annotations

import numpy as np
import pytest

import bpcore
from bpcore.training import Mode

NET = bpcore.network(
    [[[0.15, 0.25], [0.2, 0.3]], [[0.4, 0.5], [0.45, 0.55]]],
    ["sigmoid", "sigmoid"],
    [[0.35, 0.35], [0.6, 0.6]],
)
X, T = [[0.05, 0.1], [0.5, -0.2]], [[0.01, 0.99], [0.7, 0.2]]


@pytest.mark.parametrize("mode", ["batch", "sample"])
def test_fixed_biases_stay_bit_identical_while_the_weights_move(mode: Mode) -> None:
    new = bpcore.step(NET, X, T, lr=0.5, fixed_biases=True)
    h = bpcore.train(NET, X, T, lr=0.5, epochs=20, mode=mode, fixed_biases=True)
    for net in (new, h.final):
        for b, b0 in zip(net.biases, NET.biases, strict=True):
            assert b is not None and b0 is not None
            assert b.tobytes() == b0.tobytes()
        for w, w0 in zip(net.weights, NET.weights, strict=True):
            assert np.all(w != w0)
    assert h.losses[-1] < h.losses[0]


def test_fixed_biases_leave_the_weights_update_and_the_gradients_unchanged() -> None:
    g = bpcore.gradients(NET, X, T)
    held = bpcore.step(NET, X, T, lr=0.5, fixed_biases=True)
    moved = bpcore.step(NET, X, T, lr=0.5)
    for w, w_held, w_moved, gw in zip(
        NET.weights, held.weights, moved.weights, g.weights, strict=True
    ):
        assert w_held.tobytes() == w_moved.tobytes()
        np.testing.assert_array_equal(w_held, w - 0.5 * gw)
    # The gradients at the held network are those of a network built by hand the same way.
    by_hand = NET.replace(list(held.weights), list(NET.biases))
    for a, b in zip(
        bpcore.gradients(held, X, T).weights, bpcore.gradients(by_hand, X, T).weights, strict=True
    ):
        np.testing.assert_array_equal(a, b)
    # Without the option the biases move.
    b_moved, b0 = moved.biases[1], NET.biases[1]
    assert b_moved is not None and b0 is not None
    assert not np.array_equal(b_moved, b0)


def test_fixed_biases_train_equals_stepping_by_hand() -> None:
    h = bpcore.train(NET, X, T, lr=0.5, epochs=5, fixed_biases=True)
    net = NET
    for _ in range(5):
        net = bpcore.step(net, X, T, lr=0.5, fixed_biases=True)
    for a, b in zip(h.final.weights, net.weights, strict=True):
        np.testing.assert_array_equal(a, b)
    assert h.losses[-1] == bpcore.loss(net, X, T)
