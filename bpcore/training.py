"""Gradient-descent updates and the training loop. Every step returns a new network."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from bpcore.activations import Array
from bpcore.backprop import BACKWARD, Gradients, Rule, half_squared_errors
from bpcore.checks import (
    check_batch,
    check_choice,
    check_index,
    check_number,
    check_rate,
    check_whole,
    floats_raise,
    overflow_error,
    show,
)
from bpcore.errors import BpError, DivergedError
from bpcore.model import Network, Trace, assemble, run_layers

Mode = Literal["batch", "sample"]


def backward_of(rule: str) -> Callable[[Network, Trace, Array], Gradients]:
    """The backward pass of ``rule``.

    Raises:
        BpError: If the rule is neither ``"exact"`` nor ``"article"``.
    """
    if isinstance(rule, str) and rule in BACKWARD:
        return BACKWARD[rule]
    raise BpError(f"unknown rule {show(rule)}; use 'exact' (the gradient) or 'article'")


def step(
    net: Network,
    X: ArrayLike,
    T: ArrayLike,
    lr: float,
    rule: Rule = "exact",
    fixed_biases: bool = False,
) -> Network:
    """One gradient-descent update on the whole batch: ``p := p - lr * dE/dp``.

    Args:
        net: The network before the update; it is not changed.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``.
        lr: Learning rate, a positive finite number.
        rule: ``"exact"`` gradients (default) or the article's rule.
        fixed_biases: Hold every bias at its value while the weights move, as
            some walkthroughs do. The weights' gradients are the same either
            way: only the update of the biases is left out.

    Returns:
        A new network.

    Raises:
        LearningRateError: If ``lr`` is not a positive finite number.
        BpError: If ``rule`` is neither ``"exact"`` nor ``"article"``.
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            gradients overflow float64 (inputs, targets or parameters too large).
        DivergedError: If the update overflows float64 (a weight or bias
            would become infinite): the learning rate is too large.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> bpcore.step(net, [[1.0], [2.0]], [1.0, 0.0], lr=2.0).weights[0].tolist()
        [[-0.125]]

        With ``fixed_biases=True`` the weights move exactly as without it and
        the biases stay where they are:

        >>> net = bpcore.network([[[0.0]]], ["sigmoid"], [[0.5]])
        >>> new = bpcore.step(net, [[1.0]], [1.0], lr=1.0, fixed_biases=True)
        >>> new.biases[0].tolist(), bool(new.weights[0][0, 0] > 0)
        ([0.5], True)
    """
    rate = check_rate(lr)
    backward = backward_of(rule)
    x, t = check_batch(net, X, T)
    with floats_raise():
        try:
            g = backward(net, run_layers(net, x), t)
        except FloatingPointError as err:
            raise overflow_error("the gradients", err, net, x) from None
        try:
            return descend(net, g, rate, fixed_biases)
        except FloatingPointError as err:
            raise DivergedError(
                f"the update overflowed float64 ({err}) with learning rate lr={rate}: a weight "
                "or bias would become infinite; try a smaller learning rate lr"
            ) from None


def _frozen(a: Array) -> Array:
    a.flags.writeable = False
    return a


def descend(net: Network, g: Gradients, rate: float, fixed_biases: bool = False) -> Network:
    """``p - rate * dE/dp`` for every parameter, as a new network (arguments not checked).

    With ``fixed_biases``, only the weights move: the new network keeps
    ``net``'s bias arrays. The shapes are those of a checked network, so the
    network is assembled without checks: checking them again on every step
    would cost more than the step. Callers run it where float64 overflow
    raises, so every parameter is finite.
    """
    ws = tuple(_frozen(w - rate * gw) for w, gw in zip(net.weights, g.weights, strict=True))
    if fixed_biases:
        return assemble(ws, net.biases, net.activations)
    bs = tuple(
        None if b is None or gb is None else _frozen(b - rate * gb)
        for b, gb in zip(net.biases, g.biases, strict=True)
    )
    return assemble(ws, bs, net.activations)


@dataclass(frozen=True)
class History:
    """What a training run produced.

    Attributes:
        losses: ``losses[e]`` is the loss after ``e`` epochs; ``losses[0]`` is the start.
        networks: ``networks[e]`` is the network after ``e`` epochs.
        stopped: ``"threshold"`` if the loss fell to ``tol``, else ``"epochs"``.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> h = bpcore.train(net, [[1.0], [2.0]], [1.0, 0.0], lr=2.0, epochs=3)
        >>> h.epochs, len(h.losses), len(h.networks), h.stopped
        (3, 4, 4, 'epochs')
    """

    losses: Array
    networks: tuple[Network, ...]
    stopped: Literal["threshold", "epochs"]

    @property
    def epochs(self) -> int:
        """How many epochs ran."""
        return len(self.networks) - 1

    @property
    def final(self) -> Network:
        """The network after the last epoch."""
        return self.networks[-1]

    def parameter(self, layer: int, i: int, j: int) -> Array:
        """The trajectory of weight ``weights[layer][i, j]``, one value per epoch.

        Indices count from zero; negative ones count from the end, as in Python.

        Raises:
            ShapeError: If ``layer``, ``i`` or ``j`` is not a whole number in
                range for the network's weights.
        """
        w = self.networks[0].weights
        k = check_index(layer, "layer", len(w), f"the network has {len(w)} layers")
        rows, cols = w[k].shape
        r = check_index(i, "row i", rows, f"weights of layer {k} have {rows} rows")
        c = check_index(j, "column j", cols, f"weights of layer {k} have {cols} columns")
        return np.array([n.weights[k][r, c] for n in self.networks])


def train(
    net: Network,
    X: ArrayLike,
    T: ArrayLike,
    lr: float,
    epochs: int,
    tol: float | None = None,
    mode: Mode = "batch",
    rule: Rule = "exact",
    fixed_biases: bool = False,
) -> History:
    """Train by gradient descent until ``epochs`` epochs or until the loss is at most ``tol``.

    Args:
        net: The starting network; it is not changed.
        X: Inputs ``(m, n_0)``.
        T: Targets ``(m, n_L)``.
        lr: Learning rate.
        epochs: The most epochs to run, at least 0.
        tol: Stop as soon as the loss is at most this; ``None`` never stops early.
        mode: ``"batch"``: one update per epoch on all samples. ``"sample"``:
            one update per sample, in order, per epoch (stochastic updates).
        rule: ``"exact"`` or ``"article"``.
        fixed_biases: Hold every bias at its starting value for the whole run
            and move only the weights (see [`step`][bpcore.step]).

    Returns:
        A [`History`][bpcore.History] with the loss and network of every epoch.

    Raises:
        DivergedError: If an update overflows float64 or the loss becomes NaN
            or infinite: the learning rate is too large.
        LearningRateError: If ``lr`` is not a positive finite number.
        BpError: If ``epochs``, ``tol``, ``mode`` or ``rule`` is not one the docs allow.
        ArgumentTypeError: If ``net`` is not a network, or ``X`` or ``T`` not numbers.
        ShapeError: If ``X`` or ``T`` does not fit ``net`` or each other.
        EmptyBatchError: If ``X`` has no rows.
        NonFiniteError: If ``X`` or ``T`` holds NaN or infinity, or the
            starting loss already overflows float64 (inputs, targets or
            parameters too large), before any update.

    Examples:
        >>> import bpcore
        >>> net = bpcore.network([[[0.0]]], ["sigmoid"])
        >>> h = bpcore.train(net, [[1.0], [-1.0]], [1.0, 0.0], lr=2.0, epochs=100)
        >>> h.epochs, float(h.losses[-1]) < 1e-2
        (100, True)

        Training only the weights, with every bias held where it started:

        >>> net = bpcore.network([[[0.0]]], ["sigmoid"], [[0.5]])
        >>> h = bpcore.train(net, [[1.0]], [1.0], lr=1.0, epochs=10, fixed_biases=True)
        >>> h.final.biases[0].tolist(), bool(h.losses[-1] < h.losses[0])
        ([0.5], True)
    """
    rate = check_rate(lr)
    epochs = check_whole(epochs, "epochs", "pass the most epochs to run, such as 100")
    check_choice(mode, "mode", ("batch", "sample"))
    if tol is not None:
        tol = check_number(
            tol, "tol", positive=False, advice="pass the loss to stop at, such as 1e-6, or None"
        )
    backward = backward_of(rule)
    x, t = check_batch(net, X, T)

    def batch_loss(tr: Trace) -> float:
        return float(half_squared_errors(tr.output, t).mean())

    nets = [net]
    try:
        with floats_raise():
            tr = run_layers(net, x)
            losses = [batch_loss(tr)]
    except FloatingPointError as err:
        raise overflow_error("the starting loss, before any update,", err, net, x) from None
    stopped: Literal["threshold", "epochs"] = "epochs"
    for epoch in range(1, epochs + 1):
        if tol is not None and losses[-1] <= tol:
            stopped = "threshold"
            break
        cur = nets[-1]
        try:
            with floats_raise():
                if mode == "batch":
                    cur = descend(cur, backward(cur, tr, t), rate, fixed_biases)
                else:
                    for k in range(x.shape[0]):
                        xk, tk = x[k : k + 1], t[k : k + 1]
                        cur = descend(
                            cur, backward(cur, run_layers(cur, xk), tk), rate, fixed_biases
                        )
                # The pass that gives this epoch's loss is the next epoch's forward pass.
                tr = run_layers(cur, x)
                e = batch_loss(tr)
        except (FloatingPointError, BpError) as err:
            raise DivergedError(
                f"training diverged at epoch {epoch} with learning rate {rate}: {err}; "
                "try a smaller learning rate lr",
                epoch,
            ) from None
        if not math.isfinite(e):
            raise DivergedError(
                f"training diverged at epoch {epoch}: the loss is {e} with learning "
                f"rate {rate}; try a smaller learning rate lr",
                epoch,
            )
        nets.append(cur)
        losses.append(e)
    else:
        if tol is not None and losses[-1] <= tol:
            stopped = "threshold"
    return History(np.array(losses), tuple(nets), stopped)
