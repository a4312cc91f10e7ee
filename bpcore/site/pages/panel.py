"""The "Try it" panel: the worked example's inputs as controls, and its values as computed at build time.

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
from bpcore.site.render.numbers import full, num
from bpcore.site.render.tables import Cell, table

ORDINALS = ("first", "second", "third")
"""The samples by name: a label carries no typed digits."""
START_EPOCHS = 100
"""Epochs a press of "Train" runs at first."""
MAX_EPOCHS = 10_000
"""The most epochs a press of "Train" may run."""


def _sub(name: str) -> str:
    """``v11`` as ``v₁₁``: a label with subscripts, which the stray-number check does not read as numbers."""
    return name[0] + name[1:].translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _input(key: str, value: float, label: str) -> str:
    """An input for ``key`` holding ``value`` at full precision (the script makes it a number field)."""
    named = f' aria-label="{html.escape(label)}"' if label else ""
    return f'<input data-key="{key}" value="{full(value)}"{named}>'


def _controls() -> str:
    ex = worked.example()
    net = ex.net
    weights = []
    for name, layer, i, j in worked.weight_names(net):
        weights.append(
            f"<label>{_sub(name)}{_input(name, float(net.weights[layer][i, j]), '')}</label>"
        )
    head = "".join(f'<th scope="col">{_sub(f"x{i + 1}")}</th>' for i in range(net.sizes[0]))
    rows = []
    for k, word in enumerate(ORDINALS[: ex.X.shape[0]]):
        cells = []
        for i in range(net.sizes[0]):
            label = f"{_sub(f'x{i + 1}')} of the {word} sample"
            cells.append(f"<td>{_input(f'x{i + 1}.{k}', float(ex.X[k, i]), label)}</td>")
        label = f"target t of the {word} sample"
        cells.append(f"<td>{_input(f't.{k}', float(ex.T[k, 0]), label)}</td>")
        rows.append(f'<tr><th scope="row">{word}</th>{"".join(cells)}</tr>')
    options = "".join(
        f'<option value="{a}"{" selected" if a == net.activations[0] else ""}>{a}</option>'
        for a in ACTIVATIONS
    )
    return (
        '<fieldset class="bp-panel-inputs" disabled>'
        '<fieldset><legend>Weights</legend><div class="bp-ws">' + "".join(weights) + "</div>"
        "</fieldset>"
        '<fieldset><legend>Samples and targets</legend><div class="bp-table" role="region" '
        'aria-label="Samples and targets" tabindex="0"><table><thead><tr><th scope="col">sample</th>'
        f'{head}<th scope="col">t</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</fieldset>"
        '<fieldset><legend>Training</legend><div class="bp-ws">'
        f"<label>learning rate η{_input('lr', ex.lr, '')}</label>"
        f'<label>hidden activation<select data-key="act">{options}</select></label>'
        f'<label>epochs<input id="bp-epochs" type="number" min="1" max="{MAX_EPOCHS}" '
        f'step="1" value="{START_EPOCHS}"></label>'
        '<label>updates<select id="bp-mode"><option value="batch">batch</option>'
        '<option value="sample">per sample</option></select></label></div>'
        '<div class="bp-buttons"><button type="button" data-do="step">One step</button>'
        '<button type="button" data-do="train">Train</button>'
        '<button type="button" data-do="reset">Reset</button></div>'
        "</fieldset></fieldset>"
    )


def _samples_rows(columns: list[str]) -> list[list[Cell]]:
    return [[word, *(ref(c.format(k=k + 1)) for c in columns)] for k, word in enumerate(ORDINALS)]


def _tables() -> str:
    weights = [name for name, _, _, _ in worked.weight_names(worked.example().net)]
    forward = table(
        ["sample", "h₁", "h₂", "s", "y", "t", "Eₖ"],
        _samples_rows(
            [
                "forward.h1({k})",
                "forward.h2({k})",
                "forward.s({k})",
                "forward.y({k})",
                "t({k})",
                "loss.term({k})",
            ]
        ),
        "Forward pass",
    )
    factor_heads = ["∂E/∂y", "∂y/∂s", "∂h₁/∂z₁", "∂h₂/∂z₂"]
    names = ["chain.dE_dy({k})", "chain.dy_ds({k})", "chain.dh_dz1({k})", "chain.dh_dz2({k})"]
    mean_row: list[Cell] = [
        "mean",
        *(ref(n.replace("chain.", "chain.mean.").replace("({k})", "")) for n in names),
    ]
    factors = table(
        ["sample", *factor_heads], [*_samples_rows(names), mean_row], "Chain-rule factors"
    )
    grads = table(
        ["weight", "exact gradient", "article's rule", "after one step"],
        [
            [_sub(w), ref(f"grad.exact.{w}"), ref(f"grad.article.{w}"), ref(f"new.exact.{w}")]
            for w in weights
        ],
        "Gradients and one step",
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
        "shows the worked example as built, and its controls are disabled.</p>"
        + _controls()
        + '<p class="bp-panel-status" aria-live="polite">Loss E = '
        + num(ref("loss.E"))
        + "; after one step: "
        + num(ref("loss.E2.exact"))
        + " (exact gradient), "
        + num(ref("loss.E2.article"))
        + " (article's rule).</p>"
        + '<p class="bp-panel-error" role="alert" hidden></p>'
        + _tables()
        + '<figure class="bp-panel-train"><svg class="bp-curve" viewBox="0 0 320 160" role="img" '
        'aria-labelledby="bp-curve-cap"></svg><figcaption id="bp-curve-cap">Loss per epoch of the '
        "last training run (press Train).</figcaption></figure>" + "</div>"
        '<script type="module" src="../assets/panel.js"></script>'
    )
