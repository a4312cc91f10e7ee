"""bpcore's speed: seconds per training epoch of the worked example, against plain numpy.

It trains the site's worked example (``bpcore.site.examples.worked``) with
``bpcore.step``, with the same epoch written out in numpy, and with PyTorch if
it is installed; times count only for results that agree with bpcore's.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from project import median

import bpcore
from bpcore.site.examples.worked import example

EPOCHS = 200
"""Training epochs per timed run of the epoch benchmark."""


def numpy_epoch(
    V: np.ndarray, W: np.ndarray, X: np.ndarray, T: np.ndarray, lr: float
) -> tuple[np.ndarray, np.ndarray]:
    """One batch gradient-descent epoch of the example's network, written out in plain numpy.

    Linear hidden layer, sigmoid output, no biases, loss ``1/(2m) sum (t - y)^2``.
    """
    h = X @ V
    y = 1.0 / (1.0 + np.exp(-(h @ W)))
    delta = (y - T) * y * (1.0 - y) / X.shape[0]
    return V - lr * (X.T @ (delta @ W.T)), W - lr * (h.T @ delta)


def bpcore_epochs(epochs: int) -> list[np.ndarray]:
    """The example's weights after ``epochs`` epochs of ``bpcore.step``."""
    ex = example()
    net = ex.net
    for _ in range(epochs):
        net = bpcore.step(net, ex.X, ex.T, ex.lr)
    return list(net.weights)


def plain_epochs(epochs: int) -> list[np.ndarray]:
    """The example's weights after ``epochs`` epochs of ``numpy_epoch``."""
    ex = example()
    V, W = (np.array(w) for w in ex.net.weights)
    for _ in range(epochs):
        V, W = numpy_epoch(V, W, ex.X, ex.T, ex.lr)
    return [V, W]


def torch_epochs(epochs: int) -> list[np.ndarray]:
    """The same epochs with PyTorch autograd on the CPU in float64 (needs torch installed)."""
    import torch  # type: ignore[import-not-found]  # optional, not installed here

    ex = example()
    V, W = (
        torch.tensor(np.array(w), dtype=torch.float64, requires_grad=True) for w in ex.net.weights
    )
    X = torch.tensor(np.array(ex.X), dtype=torch.float64)
    T = torch.tensor(np.array(ex.T), dtype=torch.float64)
    for _ in range(epochs):
        loss = ((T - torch.sigmoid(X @ V @ W)) ** 2).sum() / (2 * X.shape[0])
        gV, gW = torch.autograd.grad(loss, [V, W])
        with torch.no_grad():
            V = (V - ex.lr * gV).requires_grad_()
            W = (W - ex.lr * gW).requires_grad_()
    return [V.detach().numpy(), W.detach().numpy()]


def measure(runs: int) -> dict[str, Any]:
    """Seconds per epoch of bpcore, plain numpy and (if installed) PyTorch, results checked equal.

    Equal means bit for bit when it is; otherwise the largest relative
    difference is reported and must be below 1e-12 for the time to count.
    """
    impls: dict[str, Callable[[int], list[np.ndarray]]] = {
        "bpcore": bpcore_epochs,
        "plain numpy": plain_epochs,
    }
    notes: dict[str, str] = {}
    if importlib.util.find_spec("torch") is None:
        notes["pytorch"] = "not installed: skipped"
    else:
        impls["pytorch"] = torch_epochs
    reference = bpcore_epochs(EPOCHS)
    agreement: dict[str, float] = {}
    for name, impl in impls.items():
        got = impl(EPOCHS)
        diff = max(
            float(np.max(np.abs(g - r) / np.maximum(np.abs(r), 1e-300)))
            for g, r in zip(got, reference, strict=True)
        )
        agreement[name] = diff
        if diff > 1e-12:
            notes[name] = f"results differ from bpcore (max relative difference {diff:.3g})"
    checked = [name for name in impls if name not in notes]
    times: dict[str, list[float]] = {name: [] for name in checked}
    for _ in range(runs):
        for name in checked:
            start = time.perf_counter()
            impls[name](EPOCHS)
            times[name].append((time.perf_counter() - start) / EPOCHS)
    return {
        "epochs_per_run": EPOCHS,
        "seconds_per_epoch": {name: median(ts) for name, ts in times.items()},
        "max_relative_difference": agreement,
        "notes": notes,
    }
