"""Every bad input raises its documented error with a message that names the problem."""

import math

import numpy as np
import pytest

import bpcore
from bpcore.site.examples import worked

EX = worked.example()


def test_layers_that_do_not_chain() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"do not chain.*\(3, 2\).*\(3, 1\)"):
        bpcore.network([np.ones((3, 2)), np.ones((3, 1))], ["identity", "sigmoid"])


def test_wrong_number_of_activations() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"2 weight matrices but 1 activations"):
        bpcore.network([np.ones((3, 2)), np.ones((2, 1))], ["sigmoid"])


def test_bias_of_the_wrong_shape() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"bias of layer 0 must have shape \(2,\)"):
        bpcore.network([np.ones((3, 2))], ["sigmoid"], [np.ones(3)])


def test_inputs_that_do_not_match_the_network() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"inputs X must have shape \(m, 3\).*got \(3, 2\)"):
        bpcore.forward(EX.net, np.ones((3, 2)))


def test_targets_that_do_not_match() -> None:
    with pytest.raises(
        bpcore.ShapeError, match=r"targets T must have shape \(3, 1\).*got \(2, 1\)"
    ):
        bpcore.gradients(EX.net, EX.X, np.ones((2, 1)))


def test_empty_batch() -> None:
    with pytest.raises(bpcore.EmptyBatchError, match="0 samples"):
        bpcore.loss(EX.net, np.ones((0, 3)), np.ones((0, 1)))


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_inputs(bad: float) -> None:
    x = np.array(EX.X)
    x[1, 2] = bad
    with pytest.raises(bpcore.NonFiniteError, match=r"inputs X .*index \(1, 2\)"):
        bpcore.forward(EX.net, x)


def test_non_finite_targets_and_parameters() -> None:
    with pytest.raises(bpcore.NonFiniteError, match="targets T"):
        bpcore.loss(EX.net, EX.X, [0.1, math.nan, 0.2])
    with pytest.raises(bpcore.NonFiniteError, match="weights of layer 1"):
        bpcore.network([np.ones((3, 2)), [[1.0], [math.inf]]], ["identity", "sigmoid"])


def test_unknown_activation() -> None:
    with pytest.raises(
        bpcore.UnknownActivationError, match=r"'softmaxx'.*identity, relu, sigmoid, tanh"
    ):
        bpcore.network([np.ones((3, 2))], ["softmaxx"])


@pytest.mark.parametrize("lr", [0, -0.5, math.nan, math.inf, "0.5", None, True])
def test_learning_rate_must_be_positive_and_finite(lr: object) -> None:
    with pytest.raises(bpcore.LearningRateError, match="positive finite number"):
        bpcore.step(EX.net, EX.X, EX.T, lr)  # type: ignore[arg-type]
    with pytest.raises(bpcore.LearningRateError):
        bpcore.train(EX.net, EX.X, EX.T, lr, epochs=1)  # type: ignore[arg-type]


def test_diverging_run_is_reported() -> None:
    net = bpcore.network([[[3.0]], [[3.0]]], ["identity", "identity"])
    with pytest.raises(bpcore.DivergedError, match=r"diverged at epoch \d+.*smaller learning rate"):
        bpcore.train(net, [[10.0]], [[1.0]], lr=10.0, epochs=1000)


def test_all_errors_are_value_errors() -> None:
    for e in (
        bpcore.ShapeError,
        bpcore.NonFiniteError,
        bpcore.EmptyBatchError,
        bpcore.UnknownActivationError,
        bpcore.LearningRateError,
        bpcore.DivergedError,
    ):
        assert issubclass(e, bpcore.BpError)
        assert issubclass(e, ValueError)


def test_unknown_difference_order() -> None:
    with pytest.raises(bpcore.BpError, match=r"order must be 2 or 4.*got 3"):
        bpcore.numerical_gradients(EX.net, EX.X, EX.T, order=3)


def test_unknown_rule() -> None:
    with pytest.raises(bpcore.BpError, match=r"unknown rule 'mean'"):
        bpcore.step(EX.net, EX.X, EX.T, EX.lr, rule="mean")  # type: ignore[arg-type]
