"""The Mazur page's tables and chart, built from the Mazur example's named values.

Every number is a named value of the [`REGISTRY`][bpcore.site.examples.REGISTRY]
(``mazur.``...) or one of his printed figures, quoted. Where a table sets a
value beside his printed figure, it shows as many decimals as he prints.
"""

from __future__ import annotations

from bpcore.site.examples import REGISTRY
from bpcore.site.examples.mazur import (
    EPOCHS,
    HIDDEN,
    OUTPUTS,
    PLACES,
    SAMPLED_EPOCHS,
    printed_digits,
    reconcile,
    record,
)
from bpcore.site.render.charts import SERIES, figure_html, log_losses, loss_axes, render
from bpcore.site.render.mathml import typeset
from bpcore.site.render.numbers import Named, num
from bpcore.site.render.tables import Cell, Math, Quote, table

DIGITS = 9
"""Decimals shown in the tables: his usual precision."""

SOURCE = {"w1": "i_1", "w2": "i_2", "w3": "i_1", "w4": "i_2"}
"""The input each hidden-layer weight comes from."""


def ref(name: str, digits: int = DIGITS) -> Named:
    """A table cell showing the named Mazur value, to his precision by default."""
    return REGISTRY.named(name, digits)


def quote(key: str) -> Quote:
    """A table cell quoting his printed figure ``key``."""
    return Quote(key, REGISTRY.quote(key))


def _sub(name: str) -> Math:
    # "w5" -> w_5, "out_h1" -> out_{h1}
    return Math(f"{name[0]}_{{{name[1:]}}}")


def _d(top: str, bottom: str) -> str:
    return typeset(rf"\dfrac{{\partial {top}}}{{\partial {bottom}}}")


def _ends(name: str) -> tuple[str, str]:
    """The units weight ``name`` connects, as TeX."""
    layer, i, j = PLACES[name]
    if layer == 0:
        return f"i_{i + 1}", f"h_{j + 1}"
    return f"h_{i + 1}", f"o_{j + 1}"


def setting_table() -> str:
    """His initial weights and biases: which units each connects, and its value."""
    rows: list[list[Cell]] = []
    for name in PLACES:
        src, dst = _ends(name)
        rows.append([_sub(name), Math(src), Math(dst), ref(f"mazur.init.{name}", 2)])
    rows.append([_sub("b1"), "bias", Math(r"h_1,\ h_2"), ref("mazur.b1", 2)])
    rows.append([_sub("b2"), "bias", Math(r"o_1,\ o_2"), ref("mazur.b2", 2)])
    return table(["parameter", "from", "to", "initial value"], rows, "Mazur's initial parameters")


def forward_table() -> str:
    """Each unit's net input and output, beside his printed figures where he prints them."""
    rows: list[list[Cell]] = []
    for unit in (*HIDDEN, *OUTPUTS):
        row: list[Cell] = [Math(f"{unit[0]}_{unit[1]}")]
        for part in ("net", "out"):
            key = f"mazur/{part}_{unit}"
            quoted = key in REGISTRY.quotes
            row.append(ref(f"mazur.{part}_{unit}", printed_digits(key) if quoted else DIGITS))
            row.append(quote(key) if quoted else "")
        rows.append(row)
    header = ["unit", "net input", "printed", "output", "printed"]
    return table(header, rows, "The forward pass of Mazur's network")


def loss_table() -> str:
    """Each output's target, output and error term, and their sum."""
    rows: list[list[Cell]] = [
        [
            Math(f"o_{o[1]}"),
            ref(f"mazur.target_{o}", 2),
            ref(f"mazur.out_{o}"),
            ref(f"mazur.E_{o}"),
            quote(f"mazur/E_{o}"),
        ]
        for o in OUTPUTS
    ]
    rows.append(["total", "", "", ref("mazur.E_total"), quote("mazur/E_total")])
    header = [
        "output",
        "target",
        "output",
        typeset(r"\tfrac{1}{2}(\text{target}-\text{out})^2"),
        "printed",
    ]
    return table(header, rows, "The error of each output and the total")


def output_gradients_table() -> str:
    """dE/dw5..dE/dw8 with their three chain-rule factors."""
    rows: list[list[Cell]] = []
    for name in ("w5", "w6", "w7", "w8"):
        _, i, j = PLACES[name]
        h, o = HIDDEN[i], OUTPUTS[j]
        rows.append(
            [
                _sub(name),
                ref(f"mazur.dE_dout_{o}"),
                ref(f"mazur.dout_dnet_{o}"),
                ref(f"mazur.out_{h}"),
                ref(f"mazur.grad.{name}"),
            ]
        )
    header = [
        "weight w",
        _d(r"E_{total}", r"out_{o}"),
        _d(r"out_{o}", r"net_{o}"),
        _d(r"net_{o}", "w") + " = " + typeset(r"out_{h}"),
        _d(r"E_{total}", "w"),
    ]
    return table(header, rows, "The output layer's gradients, factor by factor")


def hidden_sum_table() -> str:
    """How much of dE/dout_h comes through each output, and the sum."""
    rows: list[list[Cell]] = [
        [
            Math(f"h_{h[1]}"),
            ref(f"mazur.dEo1_dout_{h}"),
            ref(f"mazur.dEo2_dout_{h}"),
            ref(f"mazur.dE_dout_{h}"),
        ]
        for h in HIDDEN
    ]
    header = [
        "hidden unit h",
        _d("E_{o1}", "out_h"),
        _d("E_{o2}", "out_h"),
        _d("E_{total}", "out_h"),
    ]
    return table(header, rows, "Each hidden unit's share of the error, through both outputs")


def hidden_gradients_table() -> str:
    """dE/dw1..dE/dw4 with their three chain-rule factors."""
    rows: list[list[Cell]] = []
    for name in ("w1", "w2", "w3", "w4"):
        _, i, j = PLACES[name]
        h = HIDDEN[j]
        rows.append(
            [
                _sub(name),
                ref(f"mazur.dE_dout_{h}"),
                ref(f"mazur.dout_dnet_{h}"),
                ref(f"mazur.i{i + 1}", 2),
                ref(f"mazur.grad.{name}"),
            ]
        )
    header = [
        "weight w",
        _d(r"E_{total}", r"out_{h}"),
        _d(r"out_{h}", r"net_{h}"),
        _d(r"net_{h}", "w") + " = " + typeset("i"),
        _d(r"E_{total}", "w"),
    ]
    return table(header, rows, "The hidden layer's gradients, factor by factor")


def update_table() -> str:
    """Every weight before the step, its gradient, after the step, and his printed figure."""
    rows: list[list[Cell]] = [
        [
            _sub(name),
            ref(f"mazur.init.{name}", 2),
            ref(f"mazur.grad.{name}"),
            ref(f"mazur.new.{name}", printed_digits(f"mazur/{name} new")),
            quote(f"mazur/{name} new"),
        ]
        for name in PLACES
    ]
    header = ["weight w", "before", _d(r"E_{total}", "w"), "after the step", "printed"]
    return table(header, rows, "Every weight after one step, biases held fixed")


def run_table() -> str:
    """The loss of the long run, biases held fixed, after a few numbers of steps."""
    rows: list[list[Cell]] = [
        [ref(f"mazur.sampled({k})", 0), ref(f"mazur.run.E[{e}]", 10)]
        for k, e in enumerate(SAMPLED_EPOCHS, 1)
    ]
    return table(["steps", typeset("E_{total}")], rows, "The loss during the long run")


def _label(key: str) -> str:
    """The TeX label of the printed figure ``key``."""
    name = key.removeprefix("mazur/")
    fixed = {
        "dE_dout_o1": r"\partial E_{total}/\partial out_{o1}",
        "dout_o1_dnet_o1": r"\partial out_{o1}/\partial net_{o1}",
        "dE_dw5": r"\partial E_{total}/\partial w_5",
        "dE_dout_h1": r"\partial E_{total}/\partial out_{h1}",
        "dout_h1_dnet_h1": r"\partial out_{h1}/\partial net_{h1}",
        "dE_dw1": r"\partial E_{total}/\partial w_1",
        "E after one step": r"E_{total}\text{ after one step}",
        f"E after {EPOCHS} steps": rf"E_{{total}}\text{{ after {EPOCHS:,} steps}}",
    }
    if name in fixed:
        return fixed[name]
    if name.endswith(" new"):
        return f"w_{name[1]}^{{+}}"
    head, _, rest = name.partition(" after ")
    base, _, unit = head.partition("_")
    label = f"{base}_{{{unit}}}"
    return label + (rf"\text{{ after {EPOCHS:,} steps}}" if rest else "")


LABELS = {key: _label(key) for key in REGISTRY.quotes if key.startswith("mazur/")}
"""Each of his printed figures' label, as TeX."""


def reconcile_table() -> str:
    """Every figure he prints, what bpcore computes by his stated method, and the verdict."""
    rows: list[list[Cell]] = [
        [
            Math(LABELS[r.key]),
            quote(r.key),
            ref(r.name, printed_digits(r.key)),
            r.verdict,
        ]
        for r in reconcile()
    ]
    header = ["figure", "printed", "bpcore, his stated method", "verdict"]
    return table(header, rows, "Mazur's printed figures, reconciled")


CANDIDATES: tuple[tuple[str, str, str], ...] = (
    ("stated", "mazur.E_after", "mazur.run"),
    ("other order", "mazur.in_order.E_after", "mazur.in_order"),
    ("biases too", "mazur.biases_too.E_after", "mazur.biases_too"),
)
"""Computations compared for his late figures: label, loss after one step, prefix of the run."""


def candidates_table() -> str:
    """His four late figures beside what each candidate computation gives."""
    after = "mazur/E after one step"
    late = [
        f"mazur/E after {EPOCHS} steps",
        *(f"mazur/out_{o} after {EPOCHS} steps" for o in OUTPUTS),
    ]
    digits = [printed_digits(k) for k in (after, *late)]
    rows: list[list[Cell]] = [["printed", *(quote(k) for k in (after, *late))]]
    for label, first, run in CANDIDATES:
        names = [first, f"{run}.E[{EPOCHS}]", *(f"{run}.out_{o}" for o in OUTPUTS)]
        rows.append([label, *(ref(n, d) for n, d in zip(names, digits, strict=True))])
    names = [f"mazur.run.E[{EPOCHS - 1}]", *(f"mazur.run[{EPOCHS - 1}].out_{o}" for o in OUTPUTS)]
    rows.append(
        [
            "stated, one step early",
            "",
            *(ref(n, d) for n, d in zip(names, digits[1:], strict=True)),
        ]
    )
    header = [
        "computation",
        "E, one step",
        f"E, {num(ref('mazur.epochs', 0))} steps",
        typeset("out_{o1}"),
        typeset("out_{o2}"),
    ]
    return table(header, rows, "What each computation gives for his late figures")


def loss_chart() -> str:
    """The loss of the long run, biases held fixed and biases updated too, on a log scale."""
    rec = record()
    fig, ax = loss_axes(3.4, "loss (log scale)")
    ax.set_xlabel("step")
    log_losses(ax, rec.run.losses, "biases held fixed (Mazur)", color=SERIES[0])
    log_losses(ax, rec.biases_too_run.losses, "biases updated too", color=SERIES[1], linestyle="--")
    ax.legend(loc="upper right")
    svg = render(
        fig,
        "mazur-loss",
        "Loss of Mazur's network over the long run, with the biases fixed or updated",
        "Both curves fall steeply over the first hundred steps and then slowly; the run "
        "that updates the biases too ends lower.",
    )
    return figure_html(svg, ["The loss over ", ref("mazur.epochs", 0), " steps, log scale."])
