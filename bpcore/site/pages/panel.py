"""The "Try it" panel: the worked example's inputs as controls, its values as built.

[`panel_html`][bpcore.site.pages.panel.panel_html] prints the panel's HTML in its
initial state: the example's inputs in the controls' ``value`` attributes and
every derived number as a named value of the
[`REGISTRY`][bpcore.site.examples.REGISTRY], with the same names as the
other pages. ``docs/assets/panel.js`` recomputes the same names in the
browser when the reader edits an input; ``tests/test_panel.py`` holds its
computation to bpcore's. Without JavaScript the panel is this static page
and says that it needs JavaScript.
"""

from __future__ import annotations

import html

from bpcore.activations import ACTIVATIONS
from bpcore.site.examples import worked
from bpcore.site.pages.worked_tables import ref
from bpcore.site.render.numbers import full, num, subscripted
from bpcore.site.render.tables import Cell, table

ORDINALS = ("first", "second", "third")
"""The samples by name: a label carries no typed digits."""
START_EPOCHS = 100
"""Epochs a press of "Train" runs at first."""
MAX_EPOCHS = 10_000
"""The most epochs a press of "Train" may run."""


def _input(key: str, value: float, label: str = "") -> str:
    """An input for ``key`` holding ``value`` in full (the script makes it a number field)."""
    named = f' aria-label="{html.escape(label)}"' if label else ""
    return f'<input data-key="{key}" value="{full(value)}"{named}>'


def _samples_head() -> str:
    words = ORDINALS[: worked.example().X.shape[0]]
    return '<th scope="col">sample</th>' + "".join(f'<th scope="col">{w}</th>' for w in words)


def _inputs() -> str:
    """The weights, the learning rate and activation, and the samples: what one pass reads."""
    ex = worked.example()
    net = ex.net
    weights = "".join(
        f"<label>{subscripted(name)}{_input(name, float(net.weights[layer][i, j]))}</label>"
        for name, layer, i, j in worked.weight_names(net)
    )
    options = "".join(
        f'<option value="{a}"{" selected" if a == net.activations[0] else ""}>{a}</option>'
        for a in ACTIVATIONS
    )
    words = ORDINALS[: ex.X.shape[0]]
    # One row per input and one column per sample, like the tables below: four narrow
    # columns fit a phone, so the rows stay rows there (data-bp-fits).
    rows = []
    for i in range(net.sizes[0]):
        x = subscripted(f"x{i + 1}")
        fields = (
            _input(f"x{i + 1}.{k}", float(ex.X[k, i]), f"{x} of the {w} sample")
            for k, w in enumerate(words)
        )
        rows.append(f'<tr><th scope="row">{x}</th>{"".join(f"<td>{f}</td>" for f in fields)}</tr>')
    targets = (
        _input(f"t.{k}", float(ex.T[k, 0]), f"target t of the {w} sample")
        for k, w in enumerate(words)
    )
    rows.append(f'<tr><th scope="row">t</th>{"".join(f"<td>{f}</td>" for f in targets)}</tr>')
    return (
        f'<fieldset><legend>Weights</legend><div class="bp-ws">{weights}</div>'
        f'<div class="bp-ws"><label>learning rate η{_input("lr", ex.lr)}</label>'
        f'<label>hidden activation<select data-key="act">{options}</select></label></div>'
        "</fieldset>"
        '<fieldset><legend>Samples and targets</legend><div class="bp-table"><table data-bp-fits>'
        f"<thead><tr>{_samples_head()}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        "</fieldset>"
        '<div class="bp-buttons"><button data-do="step">One step</button>'
        '<button data-do="reset">Reset</button></div>'
    )


def _training() -> str:
    """Epochs, updates and the Train button, above the run's two charts (drawn by the script)."""
    keys = "".join(
        f'<span class="bp-key bp-c{k + 1}">{w}</span>'
        for k, w in enumerate(ORDINALS[: worked.example().X.shape[0]])
    )
    return (
        '<fieldset><legend>Training</legend><div class="bp-ws">'
        f'<label>epochs<input id="bp-epochs" type="number" min="1" max="{MAX_EPOCHS}" '
        f'step="1" value="{START_EPOCHS}"></label>'
        '<label>updates<select id="bp-mode"><option value="batch">batch</option>'
        '<option value="sample">per sample</option></select></label></div>'
        '<div class="bp-buttons"><button data-do="train">Train</button></div>'
        '<figure class="bp-run" hidden><div>'
        '<svg viewBox="0 0 320 160" role="img" aria-label="Loss per epoch"></svg>'
        '<svg viewBox="0 0 320 160" role="img" aria-label="Outputs and targets per epoch">'
        "</svg></div>"
        '<figcaption><span id="bp-run-cap"></span> The loss per epoch (log scale), and each '
        f"sample's output y (solid) against its target t (dashed): {keys}.</figcaption>"
        "</figure></fieldset>"
    )


def _per_sample(caption: str, rows: list[tuple[str, str]]) -> str:
    """A table of quantities (rows) by sample (columns); each name holds ``{k}``, the sample."""
    cells: list[list[Cell]] = [
        [label, *(ref(name.format(k=k + 1)) for k in range(len(ORDINALS)))] for label, name in rows
    ]
    return table(["quantity", *ORDINALS], cells, caption, fits=True)


def _tables() -> str:
    weights = [name for name, _, _, _ in worked.weight_names(worked.example().net)]
    forward = _per_sample(
        "Forward pass",
        [
            ("h₁", "forward.h1({k})"),
            ("h₂", "forward.h2({k})"),
            ("s", "forward.s({k})"),
            ("y", "forward.y({k})"),
            ("Eₖ", "loss.term({k})"),
        ],
    )
    # Per sample, as the exact gradient uses them; the article's rule, beside it below,
    # multiplies their means instead (the backward pass page shows how).
    factors = _per_sample(
        "Chain-rule factors",
        [
            ("∂E/∂y", "chain.dE_dy({k})"),
            ("∂y/∂s", "chain.dy_ds({k})"),
            ("∂h₁/∂z₁", "chain.dh_dz1({k})"),
            ("∂h₂/∂z₂", "chain.dh_dz2({k})"),
        ],
    )
    grads = table(
        ["weight", "exact gradient", "article's rule", "after one step"],
        [
            [
                subscripted(w),
                *(ref(f"{kind}.{w}") for kind in ("grad.exact", "grad.article", "new.exact")),
            ]
            for w in weights
        ],
        "Gradients and one step",
        fits=True,
    )
    return forward + factors + grads


def panel_html() -> str:
    """The panel's HTML, its stylesheet and its script, in the example's state.

    Returns:
        HTML, ready to print from a markdown-exec block with ``html="1"``.

    Examples:
        >>> out = panel_html()
        >>> 'data-name="loss.E"' in out and 'type="module"' in out
        True
    """
    return (
        '<link rel="stylesheet" href="../assets/panel.css">'
        '<div class="bp-panel" id="bp-panel">'
        '<p class="bp-panel-nojs"><strong>This panel needs JavaScript.</strong> Without it, it '
        "shows the example as built.</p>"
        '<fieldset class="bp-panel-inputs" disabled>'
        + _inputs()
        + '<p class="bp-panel-status" aria-live="polite">Loss E = '
        + num(ref("loss.E"))
        + "; after one step: "
        + num(ref("loss.E2.exact"))
        + " (exact gradient), "
        + num(ref("loss.E2.article"))
        + " (article's rule).</p>"
        + '<p class="bp-panel-error" role="alert" hidden></p>'
        + _tables()
        + _training()
        + "</fieldset></div>"
        '<script type="module" src="../assets/panel.js"></script>'
    )
