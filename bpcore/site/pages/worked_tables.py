"""The worked example's tables, built from named values so that each page's block is one call.

Every number in these tables is a named value of the
[`REGISTRY`][bpcore.site.examples.REGISTRY] (or a quotation of the article),
so the built HTML carries each number's name and full value. Column titles
are MathML, typeset at build time.
"""

from __future__ import annotations

from bpcore.site.examples import REGISTRY, worked
from bpcore.site.examples.article import CONVENTIONS, reconcile
from bpcore.site.examples.worked import RATES, SWEEP_EPOCHS, weight_names
from bpcore.site.render.mathml import typeset
from bpcore.site.render.numbers import DIGITS, Named, num
from bpcore.site.render.tables import Cell, Math, Quote, table


def ref(name: str, digits: int = DIGITS) -> Named:
    """A table cell showing the named value."""
    return REGISTRY.named(name, digits)


def quote(key: str) -> Quote:
    """A table cell quoting the article's printed figure ``key``."""
    return Quote(key, REGISTRY.quote(key))


def _samples() -> range:
    return range(1, worked.example().X.shape[0] + 1)


def _weights() -> list[str]:
    return [name for name, _, _, _ in weight_names(worked.example().net)]


def _sample(k: int) -> Math:
    return Math(f"x^{{({k})}}")


def _weight(name: str) -> Math:
    # "v11" -> v_{11}, "w1" -> w_{1}
    return Math(f"{name[0]}_{{{name[1:]}}}")


def _d(top: str, bottom: str) -> str:
    return typeset(rf"\dfrac{{\partial {top}}}{{\partial {bottom}}}")


def weights_table() -> str:
    """The initial weights: which unit each connects and its value."""
    net = worked.example().net
    rows: list[list[Cell]] = []
    for name, layer, i, j in weight_names(net):
        src = f"x_{{{i + 1}}}" if layer == 0 else f"h_{{{i + 1}}}"
        dst = f"h_{{{j + 1}}}" if layer == 0 else "y"
        rows.append([_weight(name), Math(src), Math(dst), ref(f"init.{name}")])
    return table(["weight", "from", "to", "initial value"], rows, "The initial weights")


def samples_table() -> str:
    """The three samples' inputs and targets."""
    n_in = worked.example().X.shape[1]
    header = ["sample", *(typeset(f"x_{{{i}}}") for i in range(1, n_in + 1)), typeset("t")]
    rows: list[list[Cell]] = [
        [_sample(k), *(ref(f"x{i}({k})", 0) for i in range(1, n_in + 1)), ref(f"t({k})")]
        for k in _samples()
    ]
    return table(header, rows, "The training samples and their targets")


def forward_table(prefix: str = "forward", caption: str = "The forward pass of the example") -> str:
    """h1, h2, s, y and t for each sample.

    Args:
        prefix: ``"forward"`` for the first pass, ``"second"`` for the pass after one update.
        caption: The table's caption and accessible name.
    """
    header = ["sample", *(typeset(c) for c in ("h_1", "h_2", "s", "y", "t"))]
    rows: list[list[Cell]] = [
        [_sample(k), *(ref(f"{prefix}.{c}({k})") for c in ("h1", "h2", "s", "y")), ref(f"t({k})")]
        for k in _samples()
    ]
    return table(header, rows, caption)


def loss_table(prefix: str = "forward", term: str = "loss.term") -> str:
    """Each sample's output, target and loss term ``(t - y)^2 / 2``."""
    header = ["sample", typeset("y"), typeset("t"), typeset(r"\tfrac{1}{2}(t-y)^2")]
    rows: list[list[Cell]] = [
        [_sample(k), ref(f"{prefix}.y({k})"), ref(f"t({k})"), ref(f"{term}({k})")]
        for k in _samples()
    ]
    caption = "Each sample's loss term" + (", after one update" if prefix == "second" else "")
    return table(header, rows, caption)


def output_chain_table() -> str:
    """The chain-rule factors of dE/dw1 per sample, their product, and the means of each column."""
    header = ["sample", _d("E_k", "y"), _d("y", "s"), _d("s", "w_1"), "product"]
    rows: list[list[Cell]] = [
        [
            _sample(k),
            ref(f"chain.dE_dy({k})"),
            ref(f"chain.dy_ds({k})"),
            ref(f"forward.h1({k})"),
            ref(f"chain.prod.w1({k})"),
        ]
        for k in _samples()
    ]
    rows.append(
        [
            "mean",
            ref("chain.mean.dE_dy"),
            ref("chain.mean.dy_ds"),
            ref("chain.mean.ds_dw1"),
            ref("grad.exact.w1"),
        ]
    )
    return table(header, rows, "The factors of dE/dw1, sample by sample")


def hidden_chain_table() -> str:
    """The chain-rule factors of dE/dv11 per sample, their product, and its mean."""
    header = [
        "sample",
        _d("E_k", "y"),
        _d("y", "s"),
        _d("s", "h_1"),
        _d("h_1", "v_{11}"),
        "product",
    ]
    rows: list[list[Cell]] = [
        [
            _sample(k),
            ref(f"chain.dE_dy({k})"),
            ref(f"chain.dy_ds({k})"),
            ref("init.w1"),
            ref(f"x1({k})", 0),
            ref(f"chain.prod.v11({k})"),
        ]
        for k in _samples()
    ]
    rows.append(["mean", "", "", "", "", ref("grad.exact.v11")])
    return table(header, rows, "The factors of dE/dv11, sample by sample")


def update_table(layer: str) -> str:
    """Each weight of a layer before, its gradient, and after one step ``w - lr * dE/dw``.

    Args:
        layer: ``"w"`` for the output layer's weights, ``"v"`` for the hidden layer's.
    """
    header = ["weight", "before", "gradient", "after"]
    rows: list[list[Cell]] = [
        [_weight(n), ref(f"init.{n}"), ref(f"grad.exact.{n}"), ref(f"new.exact.{n}")]
        for n in _weights()
        if n.startswith(layer)
    ]
    what = "output" if layer == "w" else "hidden"
    return table(header, rows, f"One update of the {what} layer's weights")


def threshold_table() -> str:
    """The outputs when the loss first reaches the threshold, beside the targets."""
    header = ["sample", typeset("y"), typeset("t")]
    rows: list[list[Cell]] = [
        [_sample(k), ref(f"threshold.y({k})"), ref(f"t({k})")] for k in _samples()
    ]
    more: list[str | Named] = [", after ", ref("threshold.epochs", 0), " epochs"]
    return table(header, rows, "The outputs once the loss is below the threshold", more=more)


FIGURE_LABELS = {
    "E, first pass": r"E",
    "E, second pass": r"E'",
    "E compared with": r"E\ \text{(cited)}",
    "mean dE/dy": r"\langle \partial E / \partial y \rangle",
    "mean dy/ds": r"\langle \partial y / \partial s \rangle",
    "mean ds/dw1": r"\langle \partial s / \partial w_1 \rangle",
    "dE/dw1": r"\partial E / \partial w_1",
    "ds/dh1": r"\partial s / \partial h_1",
    "mean dh1/dv11": r"\langle \partial h_1 / \partial v_{11} \rangle",
    "dE/dv11": r"\partial E / \partial v_{11}",
}
"""The TeX of each printed figure's label that is not a value's name with a sample or an update."""


def figure_label(name: str) -> Math:
    """A printed figure's label as math: ``h1(2)`` as h with index and sample, ``w1 new`` as w'."""
    if name in FIGURE_LABELS:
        return Math(FIGURE_LABELS[name])
    if name.endswith(" new"):
        return Math(f"{name[0]}_{{{name[1:-4]}}}'")
    base, sample = name[:-3], name[-2]
    return Math(f"{base[0]}{'_{' + base[1:] + '}' if base[1:] else ''}^{{({sample})}}")


def reconcile_table() -> str:
    """Every printed figure: does it follow the article's recipe, and does the recipe equal the
    exact computation."""
    rows: list[list[Cell]] = []
    for r in reconcile(worked.record()):
        # The typo row compares two printed figures: it has no recipe of its own.
        typo = r.note == "typo"
        recipe: Cell = "" if typo else ref(f"reconcile.{r.name}.rule")
        agrees = {True: "yes", False: "no", None: ""}[r.recipe_is_exact]
        exact = ref(f"reconcile.{r.name}.exact")
        rows.append([figure_label(r.name), quote(r.name), recipe, r.verdict, exact, agrees])
    header = ["figure", "printed", "recipe", "printed = recipe?", "exact", "= exact?"]
    return table(header, rows, "The article's printed figures, recomputed")


def conventions_table() -> str:
    """Each loss a reader might suspect behind the printed figure, at both passes."""
    rows: list[list[Cell]] = [
        [
            Math(tex),
            ref(f"reconcile.convention.{key}.first", 4),
            ref(f"reconcile.convention.{key}.second", 4),
        ]
        for key, (tex, _) in CONVENTIONS.items()
    ]
    rows.append(["printed", quote("E, first pass"), quote("E, second pass")])
    header = ["loss", "first pass", "second pass (printed weights)"]
    return table(header, rows, "The printed loss beside every loss it might be")


def sweep_table() -> str:
    """The loss after a few epochs and the epochs to the threshold, per learning rate and mode."""
    header = [
        "updates",
        typeset(r"\eta"),
        *(
            f"E after {num(ref(f'sweep.at({k})', 0))} epochs"
            for k in range(1, len(SWEEP_EPOCHS) + 1)
        ),
        "epochs to the threshold",
    ]
    rows: list[list[Cell]] = [
        [
            "batch",
            ref(f"sweep({i}).lr", 1),
            *(ref(f"sweep({i}).E[{e}]") for e in SWEEP_EPOCHS),
            ref(f"sweep({i}).epochs", 0),
        ]
        for i in range(1, len(RATES) + 1)
    ]
    rows.append(
        [
            "per sample",
            ref("lr", 1),
            *(ref(f"sample.E[{e}]") for e in SWEEP_EPOCHS),
            ref("sample.epochs", 0),
        ]
    )
    return table(header, rows, "Batch and per-sample training at several learning rates")


def final_table() -> str:
    """After the long run: s against logit(t), and y against t, per sample."""
    header = ["sample", typeset("s"), typeset(r"\mathrm{logit}(t)"), typeset("y"), typeset("t")]
    rows: list[list[Cell]] = [
        [
            _sample(k),
            ref(f"train.s({k})"),
            ref(f"logit.t({k})"),
            ref(f"train.y({k})", 6),
            ref(f"t({k})"),
        ]
        for k in _samples()
    ]
    more: list[str | Named] = [", after ", ref("train.epochs", 0), " epochs"]
    return table(header, rows, "What the trained network computes", more=more)


def final_weights_table() -> str:
    """Each weight at the start and after the long run."""
    rows: list[list[Cell]] = [
        [_weight(n), ref(f"init.{n}"), ref(f"train.final.{n}")] for n in _weights()
    ]
    more: list[str | Named] = [" (", ref("train.epochs", 0), " epochs)"]
    return table(
        ["weight", "initial", "trained"], rows, "The weights before and after training", more=more
    )


def check_table() -> str:
    """Backpropagation beside central differences for every weight."""
    header = ["weight", "backpropagation", "central difference", "difference", "relative error"]
    rows: list[list[Cell]] = [
        [
            _weight(n),
            ref(f"check.exact.{n}", 9),
            ref(f"check.numeric.{n}", 9),
            ref(f"check.abs_diff.{n}"),
            ref(f"check.rel_error.{n}"),
        ]
        for n in _weights()
    ]
    return table(header, rows, "Backpropagation against central differences")


def deltas_table() -> str:
    """The exact deltas of both layers, per sample (already divided by m)."""
    header = [
        "sample",
        typeset(r"\delta^{(2)}"),
        typeset(r"\delta^{(1)}_1"),
        typeset(r"\delta^{(1)}_2"),
    ]
    rows: list[list[Cell]] = [
        [_sample(k), ref(f"delta.2({k})"), ref(f"delta.1({k}).h1"), ref(f"delta.1({k}).h2")]
        for k in _samples()
    ]
    return table(header, rows, "The deltas of the example, one row per sample")


def symbols_table() -> str:
    """Every symbol of the site, what it stands for, and its shape in the example."""
    ex = worked.example()
    m, (n0, n1, n2) = ex.X.shape[0], ex.net.sizes
    rows: list[list[Cell]] = [
        [Math("m"), "number of samples", "", f"{m}"],
        [Math("x^{(k)}"), "inputs of sample k", Math("n_0"), f"{n0}"],
        [Math("X"), "all inputs, one sample per row", Math(r"m \times n_0"), f"{m} × {n0}"],
        [Math(r"t^{(k)},\ T"), "targets", Math(r"m \times n_L"), f"{m} × {n2}"],
        [Math("v_{ij}"), "weight from input i to hidden unit j", "", ""],
        [Math(r"V = W^{(1)}"), "hidden-layer weights", Math(r"n_0 \times n_1"), f"{n0} × {n1}"],
        [Math("w_j"), "weight from hidden unit j to the output", "", ""],
        [Math(r"w = W^{(2)}"), "output-layer weights", Math(r"n_1 \times n_2"), f"{n1} × {n2}"],
        [Math(r"h_j,\ A^{(1)}"), "hidden units (linear)", Math(r"m \times n_1"), f"{m} × {n1}"],
        [
            Math(r"s,\ Z^{(2)}"),
            "weighted sum into the output",
            Math(r"m \times n_2"),
            f"{m} × {n2}",
        ],
        [Math(r"y = \sigma(s),\ A^{(2)}"), "output", Math(r"m \times n_2"), f"{m} × {n2}"],
        [Math("E"), "loss: half the mean squared error", "", "scalar"],
        [Math(r"\eta"), "learning rate", "", "scalar"],
        [
            Math(r"\delta^{(l)},\ \Delta^{(l)}"),
            "delta of layer l",
            Math(r"m \times n_l"),
            "",
        ],
    ]
    header = ["symbol", "meaning", "shape", "in the example"]
    return table(header, rows, "Symbols and their shapes")
