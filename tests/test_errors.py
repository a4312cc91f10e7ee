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


# Issue 15: every bad call gets the engine's own clear error. One example per family.

# Silent non-finite results.


def test_a_step_that_makes_a_bias_infinite_is_reported() -> None:
    net = bpcore.network([[[1.0]]], ["identity"], [[1e307]])
    with pytest.raises(bpcore.DivergedError, match=r"overflowed.*weight or bias.*smaller learning"):
        bpcore.step(net, [[1.0]], [0.0], lr=100.0)


@pytest.mark.parametrize("fn", [bpcore.forward, bpcore.loss, bpcore.gradients])
def test_huge_finite_parameters_overflow_into_an_error_not_inf(fn: object) -> None:
    net = bpcore.network([[[1e200]], [[1e200]]], ["identity", "identity"])
    args = (net, [[1.0]]) if fn is bpcore.forward else (net, [[1.0]], [1.0])
    with pytest.raises(bpcore.NonFiniteError, match=r"overflowed float64.*inputs X.*net"):
        fn(*args)  # type: ignore[operator]


def test_huge_finite_inputs_overflow_into_an_error_not_inf() -> None:
    net = bpcore.network([[[2.0]]], ["identity"])
    with pytest.raises(bpcore.NonFiniteError, match=r"largest \|value\| of inputs X 1e\+308"):
        bpcore.gradients(net, [[1e308]], [0.0])


def test_train_for_zero_epochs_does_not_return_an_infinite_loss() -> None:
    net = bpcore.network([[[1e200]], [[1e200]]], ["identity", "identity"])
    with pytest.raises(bpcore.NonFiniteError, match="starting loss"):
        bpcore.train(net, [[1.0]], [1.0], lr=0.1, epochs=0)


def test_a_network_built_with_the_dataclass_constructor_is_checked() -> None:
    with pytest.raises(bpcore.NonFiniteError, match="weights of layer 0"):
        bpcore.Network((np.array([[math.nan]]),), (None,), ("sigmoid",))
    with pytest.raises(bpcore.ShapeError, match="do not chain"):
        bpcore.Network((np.ones((3, 2)), np.ones((3, 1))), (None, None), ("tanh", "sigmoid"))
    with pytest.raises(bpcore.UnknownActivationError, match="softplus"):
        bpcore.Network((np.ones((1, 1)),), (None,), ("softplus",))
    built = bpcore.Network([[[1, 2]]], None, ["tanh"])  # type: ignore[arg-type]
    assert built.weights[0].dtype == np.float64 and built.biases == (None,)
    assert not built.weights[0].flags.writeable


# Raw Python or numpy errors.


@pytest.mark.parametrize("eps", [0, -1e-6, "1e-6", math.nan, math.inf, None, True, 10**400])
def test_a_gradient_check_with_a_bad_eps(eps: object) -> None:
    with pytest.raises(bpcore.BpError, match=r"eps must be a positive finite number"):
        bpcore.gradient_check(EX.net, EX.X, EX.T, eps=eps)  # type: ignore[arg-type]


def test_unflatten_needs_one_entry_per_parameter() -> None:
    theta = bpcore.flatten(EX.net.weights, EX.net.biases)
    for wrong in (theta[:-1], np.append(theta, 1.0)):
        with pytest.raises(bpcore.ShapeError, match=rf"theta must have shape \({theta.size},\)"):
            bpcore.unflatten(EX.net, wrong)
    as_list = bpcore.unflatten(EX.net, theta.tolist())
    assert all(np.array_equal(a, b) for a, b in zip(as_list.weights, EX.net.weights, strict=True))


def test_flatten_with_mismatched_shapes() -> None:
    with pytest.raises(bpcore.ShapeError, match="2 weight matrices but 1 biases"):
        bpcore.flatten(EX.net.weights, (None,))
    with pytest.raises(bpcore.ShapeError, match=r"bias of layer 1 must have shape \(1,\)"):
        bpcore.flatten(EX.net.weights, (None, np.ones(3)))


def test_loss_terms_of_scalars_or_empty_arrays() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"outputs y and targets t must be vectors"):
        bpcore.loss_terms(1.0, 2.0)
    with pytest.raises(bpcore.EmptyBatchError, match="0 samples"):
        bpcore.loss_terms([], [])


def test_relative_error_takes_lists() -> None:
    assert bpcore.relative_error([1.0, 0.0], [1.1, 1e-12]).round(4).tolist() == [0.0909, 0.0001]
    assert bpcore.relative_error([1e308], [-1e308]).tolist() == [2.0]  # no overflow to inf
    with pytest.raises(bpcore.ShapeError, match=r"argument a .* argument b"):
        bpcore.relative_error([1.0], [1.0, 2.0])


def test_history_parameter_out_of_range() -> None:
    h = bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=2)
    with pytest.raises(bpcore.ShapeError, match=r"layer must be from 0 to 1 .* got 5"):
        h.parameter(5, 0, 0)
    with pytest.raises(bpcore.ShapeError, match=r"row i must be from 0 to 2"):
        h.parameter(0, 3, 0)
    assert h.parameter(-1, 0, 0).tolist() == h.parameter(1, 0, 0).tolist()


def test_an_enormous_learning_rate_or_tolerance() -> None:
    with pytest.raises(bpcore.LearningRateError, match="too large for float64"):
        bpcore.step(EX.net, EX.X, EX.T, lr=10**400)
    with pytest.raises(bpcore.BpError, match=r"tol must be .*too large for float64"):
        bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=1, tol=10**400)


@pytest.mark.parametrize("net", [None, iter([EX.net]), [EX.net], "net"])
def test_something_else_where_a_network_is_expected(net: object) -> None:
    with pytest.raises(bpcore.ArgumentTypeError, match=r"net must be a bpcore.Network"):
        bpcore.loss(net, EX.X, EX.T)  # type: ignore[arg-type]
    with pytest.raises(bpcore.ArgumentTypeError, match=r"net must be a bpcore.Network"):
        bpcore.parameter_names(net)  # type: ignore[arg-type]


# Misleading messages.


def test_none_is_not_reported_as_non_finite() -> None:
    with pytest.raises(bpcore.ArgumentTypeError, match=r"inputs X must hold numbers.*not None"):
        bpcore.forward(EX.net, [[1.0, None, 2.0]])  # type: ignore[arg-type]


def test_a_single_activation_string_is_not_split_into_letters() -> None:
    with pytest.raises(bpcore.ArgumentTypeError, match=r"got the string 'sigmoid'.*\['sigmoid'\]"):
        bpcore.network([np.ones((3, 1))], "sigmoid")  # a str is a Sequence[str] to mypy


def test_a_bare_matrix_as_the_weights() -> None:
    with pytest.raises(bpcore.ShapeError, match=r"single matrix of shape \(3, 2\).*\[W\]"):
        bpcore.network(np.ones((3, 2)), ["sigmoid"])  # type: ignore[arg-type]
    with pytest.raises(bpcore.ShapeError, match=r"pass \[b\]"):
        bpcore.network([np.ones((3, 2))], ["sigmoid"], np.zeros(2))  # type: ignore[arg-type]


def test_an_empty_batch_is_reported_as_empty() -> None:
    empties: list[object] = [[], np.zeros((0, 2)), np.zeros((0, 3))]
    for empty in empties:
        with pytest.raises(bpcore.EmptyBatchError, match="X has 0 samples"):
            bpcore.forward(EX.net, empty)  # type: ignore[arg-type]


def test_an_infinite_starting_loss_is_not_blamed_on_the_learning_rate() -> None:
    net = bpcore.network([[[1e200]], [[1e200]]], ["identity", "identity"])
    with pytest.raises(bpcore.NonFiniteError) as info:
        bpcore.train(net, [[1.0]], [1.0], lr=1e-9, epochs=10)
    assert "before any update" in str(info.value)
    assert "learning rate" not in str(info.value)


# Silent coercions.


@pytest.mark.parametrize(
    "X",
    [
        [["2", "3", "1"]],
        np.array([[2, 3, 1]], dtype=str),
        [[True, False, True]],
        np.ones((1, 3), dtype=bool),
        np.ones((1, 3), dtype=complex),
        [[1 + 0j, 2, 3]],
    ],
)
def test_strings_booleans_and_complex_are_not_numbers(X: object) -> None:
    with pytest.raises(bpcore.ArgumentTypeError, match="inputs X must hold numbers"):
        bpcore.forward(EX.net, X)  # type: ignore[arg-type]


def test_numpy_floats_are_numbers_for_the_learning_rate_and_the_tolerance_alike() -> None:
    lr, tol = np.float32(0.5), np.float32(0.04)
    h = bpcore.train(EX.net, EX.X, EX.T, lr, epochs=3, tol=tol)  # type: ignore[arg-type]
    assert h.epochs <= 3
    with pytest.raises(bpcore.BpError, match="tol must be"):
        bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=1, tol=True)
