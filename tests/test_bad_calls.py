"""Garbage thrown at every public callable of bpcore: a finite result or bpcore's own clear error.

For each public function (and the public methods ``Network.replace``,
``History.parameter``, ``Trace.layer_input``), Hypothesis draws arguments that
are sometimes right and often not: wrong types, wrong shapes, NaN and infinity,
finite values big enough to overflow float64, empty and ragged arrays, ``None``,
strings (numeric ones too), booleans, complex numbers, generators. Every call
must either return a result whose numbers are all finite, or raise a subclass
of ``bpcore.BpError`` whose message names one of the arguments. Any other
exception, or a NaN or infinity in a result, fails the test.

``test_every_public_callable_is_covered`` fails when a name is added to
``bpcore.__all__`` without a strategy here (or a stated reason to leave it out).
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst

import bpcore

Call = tuple[Callable[..., Any], dict[str, Any], dict[str, tuple[str, ...]]]
"""A function, its keyword arguments, and how an error message may name each argument."""

# ---------------------------------------------------------------- values

SMALL = st.floats(-4.0, 4.0, allow_nan=False)
FINITE = st.one_of(SMALL, SMALL, st.floats(allow_nan=False, allow_infinity=False))
"""Finite floats: mostly small, sometimes anywhere up to the float64 limit."""
EXTREME = st.sampled_from(
    [math.nan, math.inf, -math.inf, 1e308, -1e308, 1e200, 5e-324, -0.0, 10**400, -(10**400)]
)
"""Non-finite values, values near the float64 limit and integers beyond it."""
ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.just(np.bool_(True)),
    st.complex_numbers(max_magnitude=10),
    st.text(max_size=4),
    st.sampled_from(["0.5", "1", "nan", "sigmoid", b"1"]),
    st.builds(object),
    st.dictionaries(st.text(max_size=2), SMALL, max_size=2),
)
"""Things that are not numbers."""
SCALARS = st.one_of(ODD, EXTREME, st.integers(-10, 10), FINITE)
GENERATORS = st.lists(SMALL, max_size=3).map(lambda xs: (x for x in xs))
DTYPES: list[np.dtype[Any]] = [
    np.dtype(t)
    for t in (np.float64, np.float32, np.int64, np.bool_, np.complex128, "U3", np.float16)
]
ARRAYS: st.SearchStrategy[np.ndarray[Any, Any]] = npst.arrays(
    dtype=st.sampled_from(DTYPES),
    shape=npst.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3),
)
NESTED = st.recursive(
    st.one_of(SCALARS, ARRAYS),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner)),
    max_leaves=8,
)
"""Nested lists and tuples of anything: ragged, empty, mixed."""
GARBAGE = st.one_of(SCALARS, ARRAYS, NESTED, GENERATORS)


def matrices(rows: st.SearchStrategy[int], cols: int, wild: bool = True) -> st.SearchStrategy[Any]:
    """Float matrices with ``cols`` columns: finite, and if ``wild`` sometimes NaN or infinite."""
    elements = (
        st.one_of(FINITE, FINITE, FINITE, EXTREME.filter(lambda v: isinstance(v, float)))
        if wild
        else FINITE
    )
    return rows.flatmap(
        lambda m: (
            npst.arrays(np.float64, (m, cols), elements=elements)
            | st.lists(st.lists(FINITE, min_size=cols, max_size=cols), min_size=m, max_size=m)
        )
    )


@st.composite
def networks(draw: st.DrawFn) -> bpcore.Network:
    """Valid networks of one to three layers, parameters finite but possibly huge."""
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=4))
    weights = [draw(matrices(st.just(a), b, wild=False)) for a, b in itertools.pairwise(sizes)]
    biases = [draw(st.none() | npst.arrays(np.float64, (b,), elements=FINITE)) for b in sizes[1:]]
    names = draw(st.lists(st.sampled_from(sorted(bpcore.ACTIVATIONS)), min_size=len(weights),
                          max_size=len(weights)))  # fmt: skip
    return bpcore.network(weights, names, biases)


def either(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly a good value, sometimes garbage."""
    return st.one_of(good, good, GARBAGE)


def some_net(draw: st.DrawFn) -> Any:
    return draw(st.one_of(networks(), networks(), networks(), GARBAGE))


def batch(draw: st.DrawFn, net: Any) -> tuple[Any, Any]:
    """Inputs and targets that fit ``net`` when it is a network (and sometimes not)."""
    if not isinstance(net, bpcore.Network):
        return draw(GARBAGE), draw(GARBAGE)
    m = draw(st.integers(0, 3))
    X = draw(either(matrices(st.just(m), net.sizes[0])))
    T = draw(either(matrices(st.just(m), net.sizes[-1])))
    return X, T


def positive(good: st.SearchStrategy[float]) -> st.SearchStrategy[Any]:
    return st.one_of(good, good, st.just(np.float32(0.25)), GARBAGE)


NOT_TOO_MANY = st.one_of(
    st.integers(0, 3),
    st.just(np.int64(2)),
    GARBAGE.filter(
        lambda v: not (isinstance(v, int | np.integer) and not isinstance(v, bool) and v > 5)
    ),
)
"""Epoch counts: a few, or garbage, never so many that a valid call runs for long."""

NAMES = {
    "net": ("net",),
    "X": ("X",),
    "T": ("T",),
    "lr": ("lr",),
    "weights": ("weights",),
    "biases": ("biases", "bias"),
    "activations": ("activations",),
    "name": ("activation",),
    "y": ("outputs y",),
    "t": ("targets t",),
    "a": ("argument a",),
    "b": ("argument b",),
    "theta": ("theta",),
    "layer": ("layer",),
    "i": ("row i",),
    "j": ("column j",),
}
"""How a message may name each argument; an argument not listed is named by its own name."""


def named(*args: str) -> dict[str, tuple[str, ...]]:
    return {a: NAMES.get(a, (a,)) for a in args}


# ---------------------------------------------------------------- calls


@st.composite
def call_network(draw: st.DrawFn) -> Call:
    net = draw(networks())
    weights = draw(either(st.just(list(net.weights))))
    activations = draw(either(st.just(list(net.activations))))
    biases = draw(st.one_of(st.just(list(net.biases)), st.none(), GARBAGE))
    kwargs = {"weights": weights, "activations": activations, "biases": biases}
    return bpcore.network, kwargs, named(*kwargs)


@st.composite
def call_network_class(draw: st.DrawFn) -> Call:
    _, kwargs, names = draw(call_network())
    return bpcore.Network, kwargs, names


@st.composite
def call_replace(draw: st.DrawFn) -> Call:
    net, other = draw(networks()), draw(networks())
    weights = draw(either(st.sampled_from([list(net.weights), list(other.weights)])))
    biases = draw(st.one_of(st.sampled_from([list(net.biases), list(other.biases)]), GARBAGE))
    return net.replace, {"weights": weights, "biases": biases}, named("weights", "biases")


@st.composite
def call_batch(draw: st.DrawFn, fn: Callable[..., Any]) -> Call:
    net = some_net(draw)
    X, T = batch(draw, net)
    return fn, {"net": net, "X": X, "T": T}, named("net", "X", "T")


@st.composite
def call_forward(draw: st.DrawFn) -> Call:
    net = some_net(draw)
    X, _ = batch(draw, net)
    return bpcore.forward, {"net": net, "X": X}, named("net", "X")


@st.composite
def call_step(draw: st.DrawFn) -> Call:
    fn, kwargs, _ = draw(call_batch(bpcore.step))
    kwargs["lr"] = draw(positive(st.floats(1e-3, 2.0) | st.sampled_from([1e300, 1e308])))
    kwargs["rule"] = draw(st.one_of(st.sampled_from(["exact", "article"]), GARBAGE))
    return fn, kwargs, named(*kwargs)


@st.composite
def call_train(draw: st.DrawFn) -> Call:
    _, kwargs, _ = draw(call_step())
    kwargs["epochs"] = draw(NOT_TOO_MANY)
    kwargs["tol"] = draw(st.one_of(st.none(), positive(st.floats(0.0, 1.0))))
    kwargs["mode"] = draw(st.one_of(st.sampled_from(["batch", "sample"]), GARBAGE))
    return bpcore.train, kwargs, named(*kwargs)


@st.composite
def call_differences(draw: st.DrawFn, fn: Callable[..., Any]) -> Call:
    _, kwargs, _ = draw(call_batch(fn))
    kwargs["eps"] = draw(positive(st.floats(1e-7, 1e-2) | st.sampled_from([1e300, 5e-324])))
    kwargs["order"] = draw(st.one_of(st.sampled_from([2, 4]), GARBAGE))
    return fn, kwargs, named(*kwargs)


@st.composite
def call_loss_terms(draw: st.DrawFn) -> Call:
    m, n = draw(st.integers(0, 3)), draw(st.integers(1, 2))
    y = draw(either(matrices(st.just(m), n)))
    t = draw(either(matrices(st.just(m), n) | matrices(st.integers(0, 3), n)))
    return bpcore.loss_terms, {"y": y, "t": t}, named("y", "t")


@st.composite
def call_relative_error(draw: st.DrawFn) -> Call:
    m = draw(st.integers(0, 3))
    a = draw(either(matrices(st.just(m), 2)))
    b = draw(either(matrices(st.just(m), 2)))
    floor = draw(positive(st.floats(1e-12, 1.0)))
    return bpcore.relative_error, {"a": a, "b": b, "floor": floor}, named("a", "b", "floor")


@st.composite
def call_flatten(draw: st.DrawFn) -> Call:
    net, other = draw(networks()), draw(networks())
    weights = draw(either(st.sampled_from([net.weights, other.weights])))
    biases = draw(st.one_of(st.sampled_from([net.biases, other.biases]), st.none(), GARBAGE))
    return bpcore.flatten, {"weights": weights, "biases": biases}, named("weights", "biases")


@st.composite
def call_unflatten(draw: st.DrawFn) -> Call:
    net = some_net(draw)
    size = len(bpcore.flatten(net.weights, net.biases)) if isinstance(net, bpcore.Network) else 2
    n = draw(st.sampled_from([size, size, size - 1, size + 1, 0]))
    vector = npst.arrays(np.float64, (n,), elements=FINITE)
    theta = draw(st.one_of(vector, vector.map(list), GARBAGE))
    return bpcore.unflatten, {"net": net, "theta": theta}, named("net", "theta")


@st.composite
def call_parameter_names(draw: st.DrawFn) -> Call:
    return bpcore.parameter_names, {"net": some_net(draw)}, named("net")


@st.composite
def call_activation(draw: st.DrawFn) -> Call:
    name = draw(st.one_of(st.sampled_from(sorted(bpcore.ACTIVATIONS)), GARBAGE))
    return bpcore.activation, {"name": name}, named("name")


SMALL_NET = bpcore.network([[[0.5, -0.5], [0.25, 1.0]], [[1.0], [-1.0]]], ["tanh", "sigmoid"])
HISTORY = bpcore.train(SMALL_NET, [[1.0, 0.0], [0.0, 1.0]], [1.0, 0.0], lr=0.5, epochs=3)
TRACE = bpcore.forward(SMALL_NET, [[1.0, 0.0], [0.0, 1.0]])
INDEX = st.one_of(st.integers(-4, 4), st.integers(-4, 4), GARBAGE)


@st.composite
def call_parameter(draw: st.DrawFn) -> Call:
    kwargs = {"layer": draw(INDEX), "i": draw(INDEX), "j": draw(INDEX)}
    return HISTORY.parameter, kwargs, named(*kwargs)


@st.composite
def call_layer_input(draw: st.DrawFn) -> Call:
    return TRACE.layer_input, {"layer": draw(INDEX)}, named("layer")


CALLS: dict[str, st.SearchStrategy[Call]] = {
    "network": call_network(),
    "Network": call_network_class(),
    "Network.replace": call_replace(),
    "forward": call_forward(),
    "Trace.layer_input": call_layer_input(),
    "activation": call_activation(),
    "loss": call_batch(bpcore.loss),
    "loss_terms": call_loss_terms(),
    "gradients": call_batch(bpcore.gradients),
    "article_gradients": call_batch(bpcore.article_gradients),
    "step": call_step(),
    "train": call_train(),
    "History.parameter": call_parameter(),
    "numerical_gradients": call_differences(bpcore.numerical_gradients),
    "gradient_check": call_differences(bpcore.gradient_check),
    "relative_error": call_relative_error(),
    "flatten": call_flatten(),
    "unflatten": call_unflatten(),
    "parameter_names": call_parameter_names(),
}
"""A strategy of calls for every public callable."""

RECORDS = {
    "Activation": "a function and its slope, looked up with activation(name)",
    "Trace": "what forward returns; built by the engine from checked arrays",
    "Gradients": "what gradients returns; built by the engine from checked arrays",
    "GradCheck": "what gradient_check returns; built by the engine",
    "History": "what train returns; built by the engine",
}
"""Public classes that are results the engine builds, not entry points: left out, with reasons."""


def test_every_public_callable_is_covered() -> None:
    for name in bpcore.__all__:
        value = getattr(bpcore, name)
        if not callable(value) or (isinstance(value, type) and issubclass(value, Exception)):
            continue
        assert name in CALLS or name in RECORDS, f"bpcore.{name} has no strategy in CALLS"
    for method in ("Network.replace", "History.parameter", "Trace.layer_input"):
        assert method in CALLS


# ---------------------------------------------------------------- the rule


def non_finite(value: object, path: str = "result") -> Iterator[str]:
    """Where ``value`` holds NaN or infinity, walking records, tuples and arrays."""
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc" and not np.isfinite(value).all():
            yield path
    elif isinstance(value, float | np.floating):
        if not math.isfinite(value):
            yield path
    elif isinstance(value, tuple | list):
        for k, item in enumerate(value):
            yield from non_finite(item, f"{path}[{k}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from non_finite(getattr(value, field.name), f"{path}.{field.name}")


def obeys_the_rule(call: Call) -> None:
    fn, kwargs, names = call
    try:
        result = fn(**kwargs)
    except bpcore.BpError as e:
        message = str(e)
        words = [w for ws in names.values() for w in ws]
        assert any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", message) for w in words), (
            f"{type(e).__name__} names none of {sorted(names)}: {message}"
        )
        return
    bad = list(non_finite(result))
    assert not bad, f"non-finite values in {bad}"


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_a_bad_call_gets_a_finite_result_or_a_clear_error(name: str, data: st.DataObject) -> None:
    obeys_the_rule(data.draw(CALLS[name], label=name))
