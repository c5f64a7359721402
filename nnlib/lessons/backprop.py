"""Lesson views for notebooks 02 (forward → backpropagation, notes 000 part 2) and 03 (the
worked example, part 3).

Every number comes from an :class:`nnlib.Trace`; these builders only lay it out (see
:mod:`nnlib.widgets.template`: ``build(..., doc)``; ``show(build, ...)`` for a cell's picture,
:func:`live` for a view that follows a panel). One example: zˡ, aˡ, δˡ are columns (nˡ,).
"""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..activations import get_activation
from ..fmt import sym
from ..gradcheck import numerical_gradient, relative_error
from ..i18n import tr
from ..widgets import Scene, SceneView, TemplateView, diverging, eq, lhs, matrix, op, table
from ..widgets.network import a_name

__all__ = ["NOTES_SUMMARY", "live", "params", "vectors", "loss_terms", "delta_check",
           "delta_check_table", "step2", "step3", "step4", "step5", "OuterProductView",
           "gradient_ratios_text", "half_vs_no_half", "symbol_table", "flow", "state_line",
           "notes_summary", "notes_summary_live", "dead_units", "dead_units_hint", "compare", "descent_compare"]

# The notes' final summary (000, part 3, "总结"), as printed: 4 decimals.
# (name in the notes, layer l, "W" or "b", the printed numbers)
NOTES_SUMMARY = [
    ("W_o", 3, "W", [[-0.6368, -0.8248]]),
    ("b_o", 3, "b", [-0.522]),
    ("W_h2", 2, "W", [[-0.2819, -0.5638], [-0.3132, -0.6264]]),
    ("b_h2", 2, "b", [-0.4698, -0.5220]),
    ("W_h1", 1, "W", [[-0.6003, -1.2006], [-0.6995, -1.3990]]),
    ("b_h1", 1, "b", [-0.6003, -0.6995]),
]


def live(panel, build, css: str, state: bool = True, title: str = "") -> TemplateView:
    """A view of ``build(t, doc)`` that follows ``panel`` (a cell run again replaces it).
    ``state``: a grey first line saying which x, target and E it shows (for a view far below
    the panel's sliders); ``title``: a message key for a heading above it."""
    def view_build(t, doc):
        head = f'<div class="nn-h">{tr(title)}</div>' if title else ""
        return head + (state_line(t, doc) if state else "") + build(t, doc)

    return panel.follow(TemplateView(view_build, css), key=css)


def state_line(t, doc) -> str:
    """The input, target and E the panel holds now, in one grey line."""
    y = np.ravel(t.y)
    target = (tr("bp.state.class", k=int(np.argmax(y)) + 1)
              if t.network.loss.name == "cross_entropy"
              else "y = " + ", ".join(fmt.num(v, 2) for v in y))
    text = tr("bp.state", x=", ".join(fmt.num(v, 2) for v in np.ravel(t.x)), target=target,
              E=fmt.num(t.loss))
    return f'<div class="nn-note">{doc.text("state", text)}</div>'


# --- static pictures for the set-up cells ----------------------------------------------------

def params(net, doc) -> str:
    """Every (Wˡ, bˡ) of ``net`` side by side, in the notes' colours."""
    return eq(*(matrix(doc, f"p{l}-W", W, "weight", sym("W", l)) + " "
                + matrix(doc, f"p{l}-b", b, "bias", sym("b", l)) + op("  ")
                for l, (W, b) in enumerate(net.params(), start=1)))


def vectors(items, doc) -> str:
    """[(name, array, role)] as columns side by side (x in blue, y in green …)."""
    return eq(*(matrix(doc, f"v{k}", v, role, name) + op("  ")
                for k, (name, v, role) in enumerate(items)))


# --- notebook 02, Ⅰ.4: the loss as one scalar -----------------------------------------------

def loss_terms(t, doc) -> str:
    """Eₖ for each output k and E = Σₖ Eₖ (cross-entropy Eₖ = −yₖ log aₖ; squared error
    ½(aₖ − yₖ)² or (aₖ − yₖ)²)."""
    a, y, name = np.ravel(t.output), np.ravel(t.y), t.network.loss.name
    if name == "cross_entropy":
        with np.errstate(divide="ignore"):
            terms = np.where(y != 0, -y * np.log(np.where(y != 0, a, 1.0)), 0.0)
        formula = "Eₖ = −yₖ log aₖ"
    elif name == "squared_error":
        terms, formula = 0.5 * (a - y) ** 2, "Eₖ = ½ (aₖ − yₖ)²"
    else:
        terms, formula = (a - y) ** 2, "Eₖ = (aₖ − yₖ)²"
    L = t.L
    rows = [("", [f'<td class="nn-sym">{k + 1}</td>', doc.num(f"a-{k + 1}", a[k], tag="td"),
                  doc.num(f"y-{k + 1}", y[k], tag="td"), doc.num(f"Ek-{k + 1}", terms[k], tag="td")])
            for k in range(len(a))]
    rows.append(("", ['<td class="nn-sym" colspan="3">E = Σₖ Eₖ</td>',
                      doc.num("E-sum", t.loss, tag="td", cls="nn-ok")]))
    return table(["k", f"{sym('a', L)}ₖ", "yₖ", formula], rows, "nn-02-loss-table")


# --- notebook 02, Ⅱ step 1: δᴸ = aᴸ − y, checked by central differences on zᴸ ----------------

def delta_check(t, h: float = 1e-4):
    """(δᴸ from nnlib, numerical ∂E/∂zᴸ): E as a function of zᴸ alone,
    E(zᴸ) = loss(f(zᴸ), y), differentiated by nnlib's central differences (Richardson-refined:
    (4 D(h/2) − D(h)) / 3 with D(h) = (E(z + h eₖ) − E(z − h eₖ)) / 2h)."""
    L, net = t.L, t.network
    act = get_activation(t[L].activation)

    def E(z):
        return net.loss.value(z, act.f(z), t.y)

    return t[L].delta, numerical_gradient(E, t[L].z, h)


def delta_check_table(t, doc) -> str:
    """k | aᴸₖ | yₖ | aᴸₖ − yₖ (backprop) | central difference | agree (a band, never the
    relative error's own digits: they are rounding noise)."""
    delta, numeric = delta_check(t)
    rel = relative_error(delta, numeric)
    a, y, L = np.ravel(t.output), np.ravel(t.y), t.L
    rows = [("", [f'<td class="nn-sym">{k + 1}</td>', doc.num(f"a-{k + 1}", a[k], tag="td"),
                  doc.num(f"y-{k + 1}", y[k], tag="td"),
                  doc.num(f"delta-{k + 1}", delta[k], 6, tag="td"),
                  doc.num(f"num-{k + 1}", numeric[k], 6, tag="td"),
                  doc.text(f"ok-{k + 1}", "✓" if rel[k] < 1e-7 else "✗", tag="td",
                           cls="nn-ok" if rel[k] < 1e-7 else "nn-bad")])
            for k in range(len(a))]
    return table(["k", f"{sym('a', L)}ₖ", "yₖ", f"{sym('δ', L)}ₖ = aₖ − yₖ",
                  tr("bp.numeric_col"), tr("bp.agree")], rows, "nn-02-delta-table")


# --- notebook 02, Ⅱ steps 2–5 with numbers ---------------------------------------------------

def step2(t, doc, l: int | None = None) -> str:
    """∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ (an outer product) and ∂E/∂bˡ = δˡ, with the numbers."""
    l = t.L if l is None else l
    lt, prev = t[l], a_name(l - 1)
    return eq(lhs(f"∂E/∂{sym('W', l)} = {sym('δ', l)} ({prev})ᵀ"), op("="),
              matrix(doc, f"s2-{l}-d", lt.delta, "delta", sym("δ", l)), op("·"),
              matrix(doc, f"s2-{l}-a", np.atleast_2d(t[l - 1].a), "input", f"({prev})ᵀ"),
              op("="), matrix(doc, f"s2-{l}-dW", lt.dW, "grad", f"∂E/∂{sym('W', l)}",
                              dead_rows=lt.dead))


def step3(t, doc, l: int | None = None) -> str:
    """∂E/∂aˡ⁻¹ = (Wˡ)ᵀ δˡ: the error sent back through the transposed weights."""
    l = t.L if l is None else l
    lt = t[l]
    return eq(lhs(f"∂E/∂{a_name(l - 1)} = ({sym('W', l)})ᵀ {sym('δ', l)}"), op("="),
              matrix(doc, f"s3-{l}-WT", lt.W.T, "weight", f"({sym('W', l)})ᵀ"), op("·"),
              matrix(doc, f"s3-{l}-d", lt.delta, "delta", sym("δ", l)), op("="),
              matrix(doc, f"s3-{l}-e", lt.WT_delta, "delta", f"∂E/∂{a_name(l - 1)}"))


def step4(t, doc, l: int | None = None) -> str:
    """δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), element-wise, with σ′ of layer l's activation."""
    l = t.L - 1 if l is None else l
    lt = t[l]
    return (eq(lhs(f"{sym('δ', l)} = (({sym('W', l + 1)})ᵀ{sym('δ', l + 1)}) ⊙ σ′({sym('z', l)})"),
               op("="), matrix(doc, f"s4-{l}-e", lt.dE_da, "delta",
                               f"({sym('W', l + 1)})ᵀ{sym('δ', l + 1)}"), op("⊙"),
               matrix(doc, f"s4-{l}-fp", lt.fprime, "plain", f"σ′({sym('z', l)})",
                      dead_rows=lt.dead), op("="),
               matrix(doc, f"s4-{l}-d", lt.delta, "delta", sym("δ", l), dead_rows=lt.dead))
            + '<div class="nn-note">' + doc.text(f"s4-{l}-rule", tr(
                "bp.fprime", f=lt.activation, rule=tr(f"bp.fprime.{lt.activation}"),
                z=", ".join(fmt.num(v, 2) for v in lt.z))) + "</div>")


def step5(t, doc, l: int | None = None) -> str:
    """∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ for a hidden layer: the same rule as step 2 (the recursion)."""
    return step2(t, doc, t.L - 1 if l is None else l)


class OuterProductView(SceneView):
    """∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ as a heat map laid out like the multiplication: (aˡ⁻¹)ᵀ as a row on
    top, δˡ as a column on the left, entry (i, j) = δˡᵢ · aˡ⁻¹ⱼ, each cell with its number
    (red +, blue −, white 0, on a fixed scale ±``vmax`` so a move shows the size change)."""
    CELL, GAP = 58.0, 10.0

    def __init__(self, panel, l: int | None = None, vmax: float = 1.0, css="nn-02-outer"):
        t = panel.trace
        self.l = t.L if l is None else l
        self.vmax = vmax
        n_out, n_in = t[self.l].W.shape
        c, g = self.CELL, self.GAP
        x0, y0 = 70.0, 58.0
        s = Scene(x0 + c + g + n_in * c + 20, y0 + c + g + n_out * c + 40)
        prev = a_name(self.l - 1)
        s.text(None, x0 + c + g + n_in * c / 2, 18, f"({prev})ᵀ  (1 × {n_in})", font_size=13)
        s.text(None, 30, y0 + c + g + n_out * c / 2, f"{sym('δ', self.l)} ({n_out} × 1)",
               font_size=13, transform=f"rotate(-90 30 {y0 + c + g + n_out * c / 2:.0f})")
        s.text(None, x0 + c / 2, y0 + c / 2 + 6, "×", font_size=22, fill="#757575")
        s.text(None, x0 + c + g + n_in * c / 2, y0 + c + g + n_out * c + 26,
               f"∂E/∂{sym('W', self.l)} = {sym('δ', self.l)} ({prev})ᵀ  ({n_out} × {n_in})",
               font_size=13, font_weight=600)

        def cell(id_, x, y):
            s.rect(f"{id_}-r", x + 1, y + 1, c - 2, c - 2, fill="#fff", stroke="#e0e0e0")
            s.text(f"{id_}-t", x + c / 2, y + c / 2 + 4, "", font_size=12, class_="nn-num")

        for j in range(n_in):
            cell(f"a{j + 1}", x0 + c + g + j * c, y0)
        for i in range(n_out):
            cell(f"d{i + 1}", x0, y0 + c + g + i * c)
            for j in range(n_in):
                cell(f"w{i + 1}-{j + 1}", x0 + c + g + j * c, y0 + c + g + i * c)
        super().__init__(s, css=css)
        panel.follow(self, key=css)

    def update(self, t):
        l, up = self.l, {}

        def put(id_, v):
            up[f"{id_}-r"] = {"fill": diverging(v, self.vmax)}
            up[f"{id_}-t"] = {"text": fmt.num(v, 3),
                              "fill": "#fff" if abs(v) > 0.6 * self.vmax else "#212121"}

        for j, v in enumerate(t[l - 1].a):
            put(f"a{j + 1}", float(v))
        for i, v in enumerate(t[l].delta):
            put(f"d{i + 1}", float(v))
        for (i, j), v in np.ndenumerate(t[l].dW):
            put(f"w{i + 1}-{j + 1}", float(v))
        self.updates = up


# --- notebook 02: ½ or no ½ -----------------------------------------------------------------

def gradient_ratios_text(t_half, t_no_half) -> str:
    """The ratio no-½ / ½ over every nonzero entry of every layer's δ and gradients, as one
    line ('× 2.00' when the ½ is the only change)."""
    pairs = [(getattr(t_no_half[l], k), getattr(t_half[l], k))
             for l in range(1, t_half.L + 1) for k in ("delta", "dW", "db")]
    num = np.concatenate([np.ravel(a) for a, _ in pairs])
    den = np.concatenate([np.ravel(b) for _, b in pairs])
    ratio = num[den != 0] / den[den != 0]
    lo, hi = fmt.num(ratio.min(), 2), fmt.num(ratio.max(), 2)
    span = f"× {lo}" if lo == hi else f"× {lo} … {hi}"
    return tr("bp.ratios", L=t_half.L, n=ratio.size, span=span)


def half_vs_no_half(t_half, t_no_half, doc) -> str:
    """E, ∂E/∂aᴸ, δᴸ and ∂E/∂W¹ for E = ½Σ(a − y)² beside E = Σ(a − y)², then the ratios."""
    L = t_half.L
    rows = []
    for key, label, t in (("h", "E = ½ Σ (a − y)²  (squared_error)", t_half),
                          ("n", "E = Σ (a − y)²  (squared_error_no_half)", t_no_half)):
        rows.append(("", [f'<td class="nn-sym">{label}</td>', doc.num(f"{key}-E", t.loss, tag="td"),
                          f"<td>{matrix(doc, f'{key}-g', t[L].dE_da, 'delta')}</td>",
                          f"<td>{matrix(doc, f'{key}-d', t[L].delta, 'delta')}</td>",
                          f"<td>{matrix(doc, f'{key}-W1', t[1].dW, 'grad')}</td>"]))
    rows.append(("", [f'<td class="nn-sym">{tr("bp.ratio_row")}</td>',
                      doc.num("ratio-E", t_no_half.loss / t_half.loss, 2, tag="td"),
                      f'<td colspan="3" class="nn-text">'
                      f'{doc.text("ratios", gradient_ratios_text(t_half, t_no_half))}</td>']))
    return table([tr("bp.loss"), "E", f"∂E/∂{sym('a', L)}", sym("δ", L), f"∂E/∂{sym('W', 1)}"],
                 rows, "nn-02-half")


# --- notebook 02, Ⅲ: the symbol table and the flow -------------------------------------------

def symbol_table(t, doc) -> str:
    """The notes' symbol table (Wᴸ, zᴸ, aᴸ) with the panel's current values."""
    L, lt = t.L, t[t.L]
    values = {"W": matrix(doc, "sym-W", lt.W, "weight"), "z": matrix(doc, "sym-z", lt.z, "output"),
              "a": matrix(doc, "sym-a", lt.a, "output")}
    how = {"W": tr("bp.sym.W.how"), "z": "zᴸ = Wᴸ aᴸ⁻¹ + bᴸ", "a": "aᴸ = σ(zᴸ)"}
    rows = [("", [f'<td class="nn-sym">{s}ᴸ</td>', f'<td class="nn-text">{tr(f"bp.sym.{s}.name")}</td>',
                  f'<td class="nn-text">{tr(f"bp.sym.{s}.meaning")}</td>',
                  f'<td class="nn-text">{how[s]}</td>', f"<td>{values[s]}</td>"])
            for s in ("W", "z", "a")]
    return table([tr("bp.sym.head.symbol"), tr("bp.sym.head.name"), tr("bp.sym.head.meaning"),
                  tr("bp.sym.head.how"), tr("bp.sym.head.now", L=L)], rows, "nn-02-symbols-table")


def flow(t, doc) -> str:
    """aᴸ⁻¹ —weighted sum→ zᴸ —activation→ aᴸ, with the current numbers."""
    L, lt = t.L, t[t.L]
    return eq(matrix(doc, "fl-a0", t[L - 1].a, "input", f"{sym('a', L - 1)} ({tr('bp.flow.prev')})"),
              op(f"{tr('bp.flow.sum')} ⟶"),
              matrix(doc, "fl-z", lt.z, "output", f"{sym('z', L)} ({tr('bp.flow.linear')})"),
              op(f"{tr('bp.flow.act', f=lt.activation)} ⟶"),
              matrix(doc, "fl-a", lt.a, "output", f"{sym('a', L)} ({tr('bp.flow.final')})"))


# --- notebook 03: the notes' summary, dead ReLUs, by hand beside nnlib -------------------------

def notes_summary(t, doc, live: bool = False) -> str:
    """The notes' six gradients (4 decimals) beside nnlib's, rounded to 4, with ✓ where equal.
    ``live=True`` (beside a moving panel): the notes' column is the start, "now" the trace."""
    head = [tr("bp.sum.gradient"), tr("bp.sum.notes"),
            tr("bp.sum.now") if live else tr("bp.sum.nnlib"),
            tr("bp.sum.same_now") if live else tr("bp.sum.same")]
    rows = []
    for name, l, kind, printed in NOTES_SUMMARY:
        got = t[l].dW if kind == "W" else t[l].db
        printed = np.asarray(printed, dtype=float)
        ok = got.shape == printed.shape and np.array_equal(np.round(got, 4), printed)
        mark = "✓" if ok else (tr("bp.sum.changed") if live else "✗")
        rows.append(("", [f'<td class="nn-sym">{tr("bp.sum.gradient_of", name=name)} = '
                          f'∂E/∂{sym(kind, l)}</td>',
                          f"<td>{matrix(doc, f'sn-{kind}{l}', printed, 'plain')}</td>",
                          f"<td>{matrix(doc, f'sum-d{kind}-{l}', got, 'grad', dead_rows=t[l].dead)}</td>",
                          doc.text(f"sum-ok-{kind}-{l}", mark, tag="td",
                                   cls="nn-ok" if ok else "nn-bad")]))
    return table(head, rows, "nn-03-summary-table")


def dead_units(t, doc, hint: str = "") -> str:
    """One line per dead unit (f′(z) = 0, the core's rule), or "every ReLU is on" and a hint.
    The slots are fixed (one per unit), so a moving panel only changes their texts."""
    lines = []
    for l in range(1, t.L + 1):
        for i in np.flatnonzero(t[l].dead):
            lines.append(tr("bp.dead", z=sym("z", l, i + 1), v=fmt.num(t[l].z[i]), i=i + 1,
                            d=sym("δ", l, i + 1), W=sym("W", l), b=sym("b", l, i + 1)))
    if not lines:
        lines = [tr("bp.alive") + (tr("bp.alive_hint", hint=hint) if hint else "")]
    text = "  ·  ".join(lines)
    return f'<div class="nn-note">{doc.text("dead", text, cls="nn-03-dead-text")}</div>'


def dead_units_hint(t, doc) -> str:
    """:func:`dead_units` with the worked example's hint (turn the first ReLU off)."""
    return dead_units(t, doc, hint=tr("bp.hint.b11"))


def notes_summary_live(t, doc) -> str:
    """:func:`notes_summary` beside a moving panel."""
    return notes_summary(t, doc, live=True)


def compare(rows, doc, rtol: float = 1e-7, digits: int = 4) -> str:
    """[(name, by hand, nnlib)]: the two side by side, ✓ where they agree (allclose). For the
    notebooks' "by hand in numpy, then by nnlib" cells (the cell asserts; this shows)."""
    body = []
    for k, (name, hand, lib) in enumerate(rows):
        hand = np.atleast_1d(np.asarray(hand, dtype=float))
        lib = np.atleast_1d(np.asarray(lib, dtype=float))
        ok = hand.shape == lib.shape and np.allclose(hand, lib, rtol=rtol, atol=1e-12)
        if hand.ndim == 1 and lib.ndim == 1:       # vectors as rows, as the notes print them
            hand, lib = hand[None, :], lib[None, :]
        body.append(("", [f'<td class="nn-sym">{name}</td>',
                          f"<td>{matrix(doc, f'c{k}-h', hand, 'plain', digits=digits)}</td>",
                          f"<td>{matrix(doc, f'c{k}-n', lib, 'plain', digits=digits)}</td>",
                          f'<td class="{"nn-ok" if ok else "nn-bad"}">{"✓" if ok else "✗"}</td>']))
    return table([tr("bp.cmp.quantity"), tr("bp.cmp.hand"), "nnlib", tr("bp.cmp.equal")], body,
                 "nn-compare")


def descent_compare(rows, doc) -> str:
    """[(label, trace)]: E and the prediction aᴸ for each (one gradient-descent step or not)."""
    body = [("", [f'<td class="nn-sym">{label}</td>', doc.num(f"dc{k}-E", t.loss, 6, tag="td"),
                  doc.text(f"dc{k}-a", ", ".join(fmt.num(v) for v in np.ravel(t.output)), tag="td"),
                  doc.text(f"dc{k}-y", ", ".join(fmt.num(v) for v in np.ravel(t.y)), tag="td")])
            for k, (label, t) in enumerate(rows)]
    return table(["", "E", tr("bp.prediction"), tr("bp.target")], body, "nn-03-descent-table")
