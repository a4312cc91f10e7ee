"""Checking what callers pass: each public function checks its arguments once, here, then computes.

The checks turn what a caller gives into float64 arrays of the right shapes,
or raise an error of bpcore's own that names the argument, says what was
wrong and what to pass instead. Numbers are ``int`` or ``float`` (or numpy's
integer and float types): booleans, complex numbers, strings (even numeric
ones), ``None`` and generators are refused, never coerced.

The computations themselves run under [`floats_raise`][bpcore.checks.floats_raise],
so that finite but huge values that overflow float64 raise an error naming
what overflowed instead of returning infinity or NaN.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from bpcore.errors import (
    ArgumentTypeError,
    BpError,
    EmptyBatchError,
    LearningRateError,
    NonFiniteError,
    ShapeError,
    UnknownActivationError,
)

if TYPE_CHECKING:
    from bpcore.model import Network

Array = NDArray[np.float64]

_NUMERIC_KINDS = "fiu"
"""numpy dtype kinds taken as numbers: float, signed and unsigned int (not bool nor complex)."""


def show(value: object, limit: int = 60) -> str:
    """``repr(value)``, shortened to ``limit`` characters for error messages.

    Examples:
        >>> show("x" * 100, limit=12)
        "'xxxxxxxx..."
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind_of(value: object) -> str:
    """What ``value`` is, in words, for a message about a value that is not a number."""
    if value is None:
        return "None"
    if isinstance(value, (bool, np.bool_)):
        return f"a boolean ({value})"
    if isinstance(value, (str, bytes)):
        return f"a string ({show(value)})"
    if isinstance(value, numbers.Complex):
        return f"a complex number ({show(value)})"
    if isinstance(value, Iterator):
        return f"a {type(value).__name__} (an iterator, read only once)"
    return f"a {type(value).__name__} ({show(value)})"


def _not_a_number(value: object) -> str | None:
    """How ``value`` (a number, or nested lists or arrays of them) is not numbers; None if it is."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in _NUMERIC_KINDS:
            return None
        if value.dtype.kind == "O":
            for item in value.ravel():
                bad = _not_a_number(item)
                if bad is not None:
                    return bad
            return None
        return f"an array of dtype {value.dtype}"
    if isinstance(value, (bool, np.bool_)):
        return _kind_of(value)
    if isinstance(value, numbers.Real):
        return None
    if isinstance(value, (list, tuple)):
        for item in value:
            bad = _not_a_number(item)
            if bad is not None:
                return bad
        return None
    return _kind_of(value)


def as_array(value: ArrayLike, what: str) -> Array:
    """Convert to a finite float64 array, naming ``what`` in any error.

    Args:
        value: A number, or nested lists, tuples or arrays of numbers (``int``
            or ``float``, numpy's included).
        what: The name used in error messages, such as ``"inputs X"``.

    Returns:
        A new float64 array.

    Raises:
        ArgumentTypeError: If it holds anything but numbers: ``None``, a
            string, a boolean, a complex number, a generator.
        ShapeError: If it is ragged (rows of different lengths).
        NonFiniteError: If it holds NaN or infinity, or a number too large for float64.

    Examples:
        >>> as_array([[1, 2]], "inputs X").dtype.name
        'float64'
        >>> as_array([1, True], "inputs X")
        Traceback (most recent call last):
        bpcore.errors.ArgumentTypeError: inputs X must hold numbers (int or float), not a boolean (True); pass an array of floats
    """  # noqa: E501
    if isinstance(value, np.ndarray) and value.dtype.kind in _NUMERIC_KINDS:
        a = value.astype(np.float64)
    else:
        bad = _not_a_number(value)
        if bad is not None:
            raise ArgumentTypeError(
                f"{what} must hold numbers (int or float), not {bad}; pass an array of floats"
            )
        try:
            a = np.array(value, dtype=np.float64)
        except OverflowError:
            raise NonFiniteError(
                f"{what} holds an integer too large for float64; pass numbers below about 1.8e308"
            ) from None
        except (TypeError, ValueError):
            raise ShapeError(
                f"{what} is ragged: its rows have different lengths; pass a rectangular array"
            ) from None
    bad_values = ~np.isfinite(a)
    if bad_values.any():
        where = tuple(int(i) for i in np.argwhere(bad_values)[0])
        raise NonFiniteError(
            f"{what} holds {int(bad_values.sum())} NaN or inf value(s), "
            f"the first at index {where}: {a[where]}; pass finite numbers"
        )
    return a


def check_network(net: object, what: str = "net") -> Network:
    """Return ``net`` if it is a [`Network`][bpcore.Network] (checked when it was built).

    Raises:
        ArgumentTypeError: If it is anything else.
    """
    from bpcore.model import Network  # model imports this module

    if not isinstance(net, Network):
        raise ArgumentTypeError(
            f"{what} must be a bpcore.Network, built by bpcore.network(weights, activations); "
            f"got {_kind_of(net)}"
        )
    return net


def _sequence(value: object, what: str, hint: str) -> Sequence[object]:
    """``value`` if it is a list, tuple or array of items, else an error naming ``what``."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise ArgumentTypeError(f"{what} must be a list, {hint}; got {_kind_of(value)}")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        raise ArgumentTypeError(f"{what} must be a list, {hint}; got a 0-d array")
    return value  # type: ignore[return-value]  # an array iterates over its first axis


def _frozen(a: Array) -> Array:
    a.flags.writeable = False
    return a


def check_parameters(
    weights: object, biases: object, what: str = "weights"
) -> tuple[tuple[Array, ...], tuple[Array | None, ...]]:
    """Return weights and biases as read-only float64 copies whose shapes chain.

    Args:
        weights: One matrix ``(n_in, n_out)`` per layer.
        biases: One vector ``(n_out,)`` or ``None`` per layer, or ``None`` for none at all.
        what: How the weights are named in messages.

    Raises:
        ArgumentTypeError: If ``weights`` or ``biases`` is not a list (a
            generator, ``None``, a string) or holds anything but numbers.
        ShapeError: If there are no layers, a weight is not a matrix, the
            shapes do not chain or a bias does not match its layer.
        NonFiniteError: If a parameter is NaN or infinite.
    """
    if isinstance(weights, np.ndarray) and weights.ndim == 2:
        raise ShapeError(
            f"{what} must be a list of matrices, one per layer; got a single matrix of "
            f"shape {weights.shape}: pass [W] for a network of one layer"
        )
    layers = _sequence(weights, what, "one matrix (n_in, n_out) per layer")
    if len(layers) == 0:
        raise ShapeError(f"a network needs at least one weight matrix; {what} is empty")
    if biases is None:
        biases = [None] * len(layers)
    vectors = _sequence(biases, "biases", "one vector (or None) per layer, or None")
    if len(vectors) and all(
        isinstance(b, numbers.Real) and not isinstance(b, (bool, np.bool_)) for b in vectors
    ):
        raise ShapeError(
            f"biases must be a list with one vector (or None) per layer; got a single vector "
            f"of {len(vectors)} numbers: pass [b] for a network of one layer"
        )
    if len(vectors) != len(layers):
        raise ShapeError(
            f"got {len(layers)} weight matrices but {len(vectors)} biases; "
            "give one bias vector (or None) per layer"
        )
    ws: list[Array] = []
    bs: list[Array | None] = []
    for layer, (w, b) in enumerate(zip(layers, vectors, strict=True)):
        wa = as_array(w, f"{what} of layer {layer}")  # type: ignore[arg-type]
        if wa.ndim != 2 or 0 in wa.shape:
            hint = (
                f"; {what} must be a list of matrices (pass [W] for one layer, not W)"
                if wa.ndim < 2
                else ""
            )
            raise ShapeError(
                f"{what} of layer {layer} must be a non-empty matrix "
                f"(n_in, n_out), got shape {wa.shape}{hint}"
            )
        if ws and ws[-1].shape[1] != wa.shape[0]:
            raise ShapeError(
                f"the shapes of {what} do not chain: layer {layer - 1} has "
                f"{ws[-1].shape} so it outputs {ws[-1].shape[1]} values, but "
                f"layer {layer} has {wa.shape} and expects {wa.shape[0]}"
            )
        ws.append(_frozen(wa))
        if b is None:
            bs.append(None)
            continue
        ba = as_array(b, f"bias of layer {layer}")  # type: ignore[arg-type]
        if ba.shape != (wa.shape[1],):
            hint = (
                "; biases must be a list with one vector (or None) per layer "
                "(pass [b] for one layer, not b)"
                if ba.ndim == 0
                else ""
            )
            raise ShapeError(
                f"bias of layer {layer} must have shape ({wa.shape[1]},) to "
                f"match weights {wa.shape}, got {ba.shape}{hint}"
            )
        bs.append(_frozen(ba))
    return tuple(ws), tuple(bs)


def check_activations(activations: object, layers: int) -> tuple[str, ...]:
    """Return the activation names, one per layer, each known.

    Raises:
        ArgumentTypeError: If ``activations`` is a single string or not a list.
        ShapeError: If there is not one per layer.
        UnknownActivationError: If a name is unknown.
    """
    from bpcore.activations import ACTIVATIONS

    if isinstance(activations, str):
        raise ArgumentTypeError(
            f"activations must be a list of names, one per layer; got the string "
            f"{show(activations)}: pass [{show(activations)}] for one layer"
        )
    names = _sequence(activations, "activations", "one activation name per layer")
    if len(names) != layers:
        raise ShapeError(
            f"weights and activations differ in length: got {layers} weight matrices but "
            f"{len(names)} activations; give one activation per layer"
        )
    for name in names:
        if not isinstance(name, str) or name not in ACTIVATIONS:
            known = ", ".join(sorted(ACTIVATIONS))
            raise UnknownActivationError(
                f"unknown activation {show(name)} in activations; use one of: {known}"
            )
    return tuple(str(name) for name in names)


def check_inputs(net: Network, X: ArrayLike) -> Array:
    """Return ``X`` as a float64 matrix that fits ``net``, or raise a clear error.

    A single sample may be given as a vector.

    Raises:
        ArgumentTypeError: If ``net`` is not a network or ``X`` not numbers.
        ShapeError: If ``X`` does not have ``net.sizes[0]`` columns.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` holds NaN or infinity.
    """
    net = check_network(net)
    x = as_array(X, "inputs X")
    if x.ndim >= 1 and x.shape[0] == 0:
        raise EmptyBatchError(
            f"the batch is empty: X has 0 samples (shape {x.shape}); give at least one row"
        )
    if x.ndim == 1 and x.size == net.sizes[0]:
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] != net.sizes[0]:
        raise ShapeError(
            f"inputs X must have shape (m, {net.sizes[0]}) for a network of "
            f"sizes {net.sizes}, got {x.shape}"
        )
    return x


def check_batch(net: Network, X: ArrayLike, T: ArrayLike) -> tuple[Array, Array]:
    """Return inputs and targets as float64 matrices that fit ``net`` and each other.

    ``X`` may be one sample given as a vector. ``T`` may be a vector: one
    target per sample when the network has one output, or the outputs of the
    single sample.

    Returns:
        ``(x, t)`` of shapes ``(m, n_0)`` and ``(m, n_L)``.

    Raises:
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
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


def check_number(
    value: object,
    what: str,
    *,
    positive: bool,
    advice: str,
    error: type[BpError] = BpError,
) -> float:
    """Return ``value`` as a finite float that is positive (or at least zero), or raise.

    ``int`` and ``float`` and numpy's integer and float scalars are numbers;
    booleans, strings, complex numbers and arrays are not.

    Raises:
        BpError: (or ``error``) If it is not such a number, naming ``what``.
    """
    kind = "a positive finite number" if positive else "a finite number >= 0"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise error(f"{what} must be {kind}, got {_kind_of(value)}; {advice}")
    try:
        v = float(value)
    except OverflowError:
        raise error(
            f"{what} must be {kind}, got {show(value)}, too large for float64; {advice}"
        ) from None
    if not math.isfinite(v) or v < 0 or (positive and v == 0):
        raise error(f"{what} must be {kind}, got {show(value)}; {advice}")
    return v


def check_rate(lr: object) -> float:
    """Return ``lr`` as a float, or raise if it is not a positive finite number.

    Raises:
        LearningRateError: If ``lr`` is not a number, or is zero, negative, NaN or inf.
    """
    return check_number(
        lr,
        "learning rate lr",
        positive=True,
        advice="pass a positive float such as 0.5",
        error=LearningRateError,
    )


def check_whole(value: object, what: str, advice: str) -> int:
    """Return ``value`` as an int if it is a whole number >= 0 (not a bool), or raise.

    Raises:
        BpError: If it is not, naming ``what``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise BpError(f"{what} must be a whole number >= 0, got {_kind_of(value)}; {advice}")
    if value < 0:
        raise BpError(f"{what} must be a whole number >= 0, got {value}; {advice}")
    return int(value)


def check_choice(value: object, what: str, choices: Sequence[object], note: str = "") -> None:
    """Raise unless ``value`` is one of ``choices`` (strings or whole numbers, not booleans).

    Raises:
        BpError: If it is not, naming ``what`` and the choices.
    """
    numeric = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    if (isinstance(value, str) or numeric) and value in choices:
        return
    options = " or ".join(repr(c) for c in choices)
    raise BpError(f"{what} must be {options}{note}, got {show(value)}")


def check_index(value: object, what: str, size: int, of: str) -> int:
    """Return ``value`` as an index into ``size`` items (negative counts from the end), or raise.

    Raises:
        ShapeError: If it is not a whole number or is out of range, naming ``what``.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise ShapeError(
            f"{what} must be a whole number from 0 to {size - 1} ({of}), got {_kind_of(value)}"
        )
    if not -size <= value < size:
        raise ShapeError(f"{what} must be from 0 to {size - 1} ({of}), got {value}")
    return int(value) % size


def floats_raise() -> np.errstate:
    """A context in which float64 overflow, invalid operations and division by zero raise.

    Inputs and parameters are checked finite, so inside this context a
    non-finite value can only come from an overflow, and that raises
    ``FloatingPointError`` instead of passing infinity on.
    """
    return np.errstate(over="raise", invalid="raise", divide="raise")


def largest(arrays: Sequence[Array | None]) -> float:
    """The largest absolute value in ``arrays`` (``None`` entries skipped)."""
    return max((float(np.abs(a).max()) for a in arrays if a is not None and a.size), default=0.0)


def overflow_error(
    stage: str, err: FloatingPointError, net: Network, x: Array | None = None
) -> NonFiniteError:
    """The error for a computation on ``net`` (and inputs ``x``) that overflowed float64."""
    sizes = f"largest |parameter| of net {largest([*net.weights, *net.biases]):.3g}"
    if x is not None:
        sizes += f", largest |value| of inputs X {largest([x]):.3g}"
    return NonFiniteError(
        f"{stage} overflowed float64 ({err}): the inputs X or the parameters of net are too "
        f"large ({sizes}); scale them down"
    )
