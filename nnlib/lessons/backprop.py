"""Lesson widgets for notebooks 02 (forward → backpropagation) and 03 (the worked example),
notes 000, parts 2 and 3.

Every number comes from an :class:`nnlib.Trace`; these functions only lay the numbers out.
Pure HTML builders ``*_html(t)`` (strings, testable without a browser), one thin live class
:class:`LiveHTML` (an ``HTML`` widget refreshed by ``panel.on_trace``) and one live picture,
:class:`OuterProductView` (the heat map of ∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ).

Shapes are nnlib's: one example, so zˡ, aˡ, δˡ are 1-D columns (nˡ,), Wˡ is (nˡ, nˡ⁻¹).
"""
from __future__ import annotations

import html as _html

import numpy as np

from .. import formulas as F
from ..activations import get_activation
from ..gradcheck import numerical_gradient, relative_error

__all__ = ["NOTES_SUMMARY", "show", "notes_summary_html", "dead_units",
           "dead_html", "compare_html", "descent_compare_html", "loss_terms_html", "delta_check",
           "delta_check_html", "step2_html", "step3_html", "step4_html", "step5_html",
           "half_vs_no_half_html", "symbol_table_html", "flow_html", "state_html", "LiveHTML",
           "OuterProductView", "plot_outer_product", "update_outer_product"]

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

_CHECK = '<span class="nn-ok">✓</span>'


def show(*parts):
    """An ``IPython.display.HTML`` of the given HTML strings, with the panels' CSS."""
    from IPython.display import HTML
    return HTML(F.CSS + "".join(parts))


def _row(v):
    """A 1-D vector as a row (1, n): (aˡ⁻¹)ᵀ."""
    return np.asarray(v, dtype=float)[None, :]


def _a_name(l: int) -> str:
    return "x" if l == 0 else F.sym("a", l)


# --- dead ReLUs --------------------------------------------------------------------------

def dead_units(t, l: int):
    """Indices i (0-based) of layer l's ReLU units with zˡᵢ ≤ 0: f′(zˡᵢ) = 0, so δˡᵢ = 0 and
    row i of ∂E/∂Wˡ and ∂E/∂bˡᵢ are 0 (the notes' rule ReLU′(x) = 0 for x ≤ 0)."""
    lt = t[l]
    if lt.activation != "relu" or lt.z is None:
        return ()
    return tuple(int(i) for i in np.flatnonzero(np.ravel(lt.z) <= 0))


def dead_html(t, hint: str = "") -> str:
    """One line per dead ReLU unit; if there is none, "every ReLU is on" and ``hint``."""
    lines = []
    for l in range(1, t.L + 1):
        for i in dead_units(t, l):
            lines.append(f"{F.sym('z', l, i + 1)} = {F.num(t[l].z[i])} ≤ 0 → ReLU off: "
                         f"f′ = 0, {F.sym('δ', l, i + 1)} = 0, row {i + 1} of "
                         f"∂E/∂{F.sym('W', l)} and ∂E/∂{F.sym('b', l, i + 1)} are 0")
    if not lines:
        hint = f"; {_html.escape(hint)}" if hint else ""
        return ('<div class="nn-h" data-key="dead-none" style="color:#616161">every ReLU is on '
                f'(z &gt; 0, f′ = 1){hint}</div>')
    return "".join(f'<div class="nn-msg" data-key="dead">{_html.escape(s)}</div>'
                   for s in lines)


# --- notebook 03: the notes' summary beside nnlib -----------------------------------------

def notes_summary_html(t, live: bool = False) -> str:
    """The notes' six gradients (4 decimals) beside nnlib's, rounded to 4, with ✓ where equal.

    ``live=False``: gradient | notes | nnlib | match. ``live=True`` (for a moving panel): the
    notes' column is the starting point and "now" is the current trace; dead ReLU rows greyed.
    """
    head = ["gradient", "notes (4 d.p.)", "now (nnlib)" if live else "nnlib, rounded to 4",
            "= notes?" if live else "match"]
    rows = []
    for name, l, kind, printed in NOTES_SUMMARY:
        got = t[l].dW if kind == "W" else t[l].db
        printed = np.asarray(printed, dtype=float)
        ok = got.shape == printed.shape and np.array_equal(np.round(got, 4), printed)
        dead = dead_units(t, l)
        sym = f"∂E/∂{F.sym(kind, l)}"
        key = lambda i, j, k=kind, l=l: f"sum-d{k}-{l}-{i + 1}-{j + 1}"  # noqa: E731
        mark = _CHECK if ok else ('<span class="nn-bad">changed</span>' if live
                                  else '<span class="nn-bad">✗</span>')
        rows.append(
            f'<tr><td class="nn-sym">Gradient of {name} = {sym}</td>'
            f'<td>{F.matrix(printed, "plain")}</td>'
            f'<td>{F.matrix(got, "grad", keys=key, dead_rows=dead)}</td>'
            f'<td data-key="sum-ok-{kind}-{l}">{mark}</td></tr>')
    heads = "".join(f"<th>{h}</th>" for h in head)
    return (f'<table class="nn-tab nn-03-summary-table"><tr>{heads}</tr>{"".join(rows)}'
            "</table>")


def compare_html(rows, rtol: float = 1e-7, digits: int = 4) -> str:
    """rows: [(name, by hand, nnlib)]: the two side by side, ✓ where they agree (allclose).

    For the notebooks' "by hand in numpy, then by nnlib" cells; the cell asserts, this shows.
    Vectors are printed as rows (like the notes' [0.6, 1.2]) to keep the table short."""
    body = []
    for name, hand, lib in rows:
        hand, lib = np.atleast_1d(np.asarray(hand, dtype=float)), \
            np.atleast_1d(np.asarray(lib, dtype=float))
        ok = hand.shape == lib.shape and np.allclose(hand, lib, rtol=rtol, atol=1e-12)
        if hand.ndim == 1 and lib.ndim == 1:       # compact: vectors as rows, as the notes print
            hand, lib = hand[None, :], lib[None, :]
        body.append(f'<tr><td class="nn-sym">{_html.escape(name)}</td>'
                    f'<td>{F.matrix(hand, "plain", digits=digits)}</td>'
                    f'<td>{F.matrix(lib, "plain", digits=digits)}</td>'
                    f'<td>{_CHECK if ok else "<span class=nn-bad>✗</span>"}</td></tr>')
    return ('<table class="nn-tab nn-compare"><tr><th>quantity</th><th>by hand (numpy)</th>'
            f'<th>nnlib</th><th>equal</th></tr>{"".join(body)}</table>')


def descent_compare_html(rows) -> str:
    """rows: [(label, trace)]: E and the prediction aᴸ for each."""
    body = "".join(
        f'<tr><td class="nn-sym">{_html.escape(label)}</td><td>{F.num(t.loss, 6)}</td>'
        f'<td>{", ".join(F.num(v) for v in np.ravel(t.output))}</td>'
        f'<td>{", ".join(F.num(v) for v in np.ravel(t.y))}</td></tr>' for label, t in rows)
    return ('<table class="nn-tab"><tr><th></th><th>E</th><th>prediction a</th><th>target y</th>'
            f"</tr>{body}</table>")


# --- notebook 02, Ⅰ.4: the loss as one scalar -----------------------------------------------

def loss_terms_html(t) -> str:
    """Eₖ for each output k, and E = Σₖ Eₖ (cross-entropy: Eₖ = −yₖ log aₖ; squared error:
    Eₖ = ½ (aₖ − yₖ)² or (aₖ − yₖ)²)."""
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
    rows = "".join(
        f'<tr><td class="nn-sym">{k + 1}</td><td>{F.num(a[k])}</td><td>{F.num(y[k])}</td>'
        f'<td data-key="Ek-{k + 1}">{F.num(terms[k])}</td></tr>' for k in range(len(a)))
    return (f'<table class="nn-tab"><tr><th>k</th><th>{F.sym("a", L)}ₖ</th><th>yₖ</th>'
            f"<th>{formula}</th></tr>{rows}"
            f'<tr><td colspan="3" class="nn-sym">E = Σₖ Eₖ</td>'
            f'<td data-key="E-sum"><b>{F.num(t.loss)}</b></td></tr></table>')


# --- notebook 02, Ⅱ step 1: δᴸ = aᴸ − y, checked by central differences on zᴸ ----------------

def delta_check(t, h: float = 1e-4):
    """(δᴸ from nnlib, numerical ∂E/∂zᴸ): E as a function of zᴸ alone,
    E(zᴸ) = loss(softmax(zᴸ), y), differentiated by nnlib's central differences."""
    L, net = t.L, t.network
    act = get_activation(t[L].activation)
    y = t.y

    def E(z):
        return net.loss.value(z, act.f(z), y)

    return t[L].delta, numerical_gradient(E, t[L].z, h)


def delta_check_html(t) -> str:
    """k | aᴸₖ | yₖ | aᴸₖ − yₖ (backprop) | numerical ∂E/∂zᴸₖ | relative error."""
    delta, numeric = delta_check(t)
    rel = relative_error(delta, numeric)
    a, y, L = np.ravel(t.output), np.ravel(t.y), t.L
    rows = "".join(
        f'<tr><td class="nn-sym">{k + 1}</td><td>{F.num(a[k])}</td><td>{F.num(y[k])}</td>'
        f'<td data-key="delta-{k + 1}">{F.num(delta[k], 6)}</td>'
        f'<td data-key="num-{k + 1}">{F.num(numeric[k], 6)}</td>'
        f'<td class="{"nn-ok" if rel[k] < 1e-6 else "nn-bad"}">{rel[k]:.1e}</td></tr>'
        for k in range(len(a)))
    return (f'<table class="nn-tab nn-02-delta-table"><tr><th>k</th><th>{F.sym("a", L)}ₖ</th>'
            f'<th>yₖ</th><th>{F.sym("δ", L)}ₖ = aₖ − yₖ</th>'
            f"<th>(E(z+h) − E(z−h)) / 2h</th><th>rel. error</th></tr>{rows}</table>")


# --- notebook 02, Ⅱ steps 2–5 with numbers -------------------------------------------------

def step2_html(t, l=None) -> str:
    """∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ (an outer product) and ∂E/∂bˡ = δˡ, with the numbers."""
    l = t.L if l is None else l
    lt, prev = t[l], _a_name(l - 1)
    return F.eq(F.lhs(f"∂E/∂{F.sym('W', l)} = {F.sym('δ', l)} ({prev})ᵀ"), F.op("="),
               F.matrix(lt.delta, "delta", F.sym("δ", l)), F.op("·"),
               F.matrix(_row(t[l - 1].a), "input", f"({prev})ᵀ"), F.op("="),
               F.matrix(lt.dW, "grad", f"∂E/∂{F.sym('W', l)}", dead_rows=dead_units(t, l)))


def step3_html(t, l=None) -> str:
    """∂E/∂aˡ⁻¹ = (Wˡ)ᵀ δˡ: the error sent back through the transposed weights."""
    l = t.L if l is None else l
    lt = t[l]
    return F.eq(F.lhs(f"∂E/∂{_a_name(l - 1)} = ({F.sym('W', l)})ᵀ {F.sym('δ', l)}"), F.op("="),
               F.matrix(lt.W.T, "weight", f"({F.sym('W', l)})ᵀ"), F.op("·"),
               F.matrix(lt.delta, "delta", F.sym("δ", l)), F.op("="),
               F.matrix(lt.WT_delta, "delta", f"∂E/∂{_a_name(l - 1)}"))


def step4_html(t, l=None) -> str:
    """δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ), element-wise, with σ′ of layer l's activation."""
    l = t.L - 1 if l is None else l
    lt = t[l]
    act = get_activation(lt.activation)
    dead = dead_units(t, l)
    return F.eq(F.lhs(f"{F.sym('δ', l)} = (({F.sym('W', l + 1)})ᵀ{F.sym('δ', l + 1)}) "
                    f"⊙ σ′({F.sym('z', l)})"), F.op("="),
               F.matrix(lt.dE_da, "delta", f"({F.sym('W', l + 1)})ᵀ{F.sym('δ', l + 1)}"),
               F.op("⊙"),
               F.matrix(lt.fprime, "plain", f"σ′({F.sym('z', l)})", dead_rows=dead),
               F.op("="), F.matrix(lt.delta, "delta", F.sym("δ", l), dead_rows=dead),
               F.op("&nbsp;&nbsp;"),
               f'<span class="nn-cap">σ = {lt.activation}: '
               f'{_html.escape(_FPRIME_TEXT.get(act.name, ""))}, '
               f'z = {", ".join(F.num(v, 2) for v in lt.z)}</span>')


_FPRIME_TEXT = {"tanh": "σ′(z) = 1 − tanh²z", "sigmoid": "σ′(z) = σ(z)(1 − σ(z))",
                "relu": "σ′(z) = 1 if z > 0 else 0", "identity": "σ′(z) = 1"}


def step5_html(t, l=None) -> str:
    """∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ for a hidden layer: the same rule as step 2 (the recursion)."""
    l = t.L - 1 if l is None else l
    return step2_html(t, l)


# --- notebook 02: ½ or no ½ -----------------------------------------------------------------

def gradient_ratios_text(t_half, t_no_half) -> str:
    """'every δˡ, ∂E/∂Wˡ, ∂E/∂bˡ entry (N of them): × min … max', the ratio no-½ / ½ over every
    nonzero entry of every layer's δ and gradients (all 2.00 when the ½ is the only change)."""
    pairs = [(getattr(t_no_half[l], k), getattr(t_half[l], k))
             for l in range(1, t_half.L + 1) for k in ("delta", "dW", "db")]
    num = np.concatenate([np.ravel(a) for a, _ in pairs])
    den = np.concatenate([np.ravel(b) for _, b in pairs])
    ratio = num[den != 0] / den[den != 0]
    lo, hi = F.num(ratio.min(), 2), F.num(ratio.max(), 2)
    span = f"× {lo}" if lo == hi else f"× {lo} … {hi}"
    names = ", ".join(f"{s}ˡ" for s in ("δ", "∂E/∂W", "∂E/∂b"))
    return f"every entry of {names}, l = 1..{t_half.L} ({ratio.size} nonzero): {span}"


def half_vs_no_half_html(t_half, t_no_half) -> str:
    """δᴸ, ∂E/∂Wᴸ and E for E = ½Σ(a − y)² beside E = Σ(a − y)²: every gradient doubles."""
    L = t_half.L
    parts = []
    for label, t in (("E = ½ Σ (a − y)²  (squared_error)", t_half),
                     ("E = Σ (a − y)²  (squared_error_no_half)", t_no_half)):
        lt = t[L]
        parts.append(
            f'<tr><td class="nn-sym">{label}</td><td>{F.num(t.loss)}</td>'
            f'<td>{F.matrix(lt.dE_da, "delta")}</td>'
            f'<td>{F.matrix(lt.delta, "delta")}</td>'
            f'<td>{F.matrix(t[1].dW, "grad")}</td></tr>')
    parts.append(f'<tr><td class="nn-sym">ratio (no ½) / (½)</td>'
                 f'<td>{F.num(t_no_half.loss / t_half.loss, 2)}</td>'
                 f'<td colspan="3">{gradient_ratios_text(t_half, t_no_half)}</td></tr>')
    return ('<table class="nn-tab"><tr><th>loss</th><th>E</th><th>∂E/∂' + F.sym("a", L) + '</th>'
            f"<th>{F.sym('δ', L)}</th><th>∂E/∂{F.sym('W', 1)}</th></tr>{''.join(parts)}</table>")


# --- notebook 02, Ⅲ: the symbol table and the flow -------------------------------------------

_SYMBOLS = [
    ("W", "输出层权重矩阵", "连接倒数第二层和输出层的“知识”或“判断标准”", "训练得到"),
    ("z", "输出层线性输出", "激活函数作用前的“原始分数”或“草稿判决”", "zᴸ = Wᴸ aᴸ⁻¹ + bᴸ"),
    ("a", "输出层激活输出", "网络的最终预测结果，即“最终判决书”", "aᴸ = σ(zᴸ)"),
]


def symbol_table_html(t) -> str:
    """The notes' symbol table (Wᴸ, zᴸ, aᴸ) with a live value column."""
    L, lt = t.L, t[t.L]
    values = {"W": F.matrix(lt.W, "weight"), "z": F.matrix(lt.z, "output"),
              "a": F.matrix(lt.a, "output",
                            keys=lambda i, j: f"aL-{i + 1}")}
    rows = "".join(
        f'<tr><td class="nn-sym">{s}ᴸ</td><td>{name}</td><td style="text-align:left">'
        f'{meaning}</td><td>{how}</td><td>{values[s]}</td></tr>'
        for s, name, meaning, how in _SYMBOLS)
    return ('<table class="nn-tab nn-02-symbols-table"><tr><th>符号</th><th>完整名称</th>'
            f'<th>含义解释</th><th>计算方式</th><th>now (L = {L})</th></tr>{rows}</table>')


def flow_html(t) -> str:
    """aᴸ⁻¹ —weighted sum→ zᴸ —activation→ aᴸ, with the current numbers."""
    L, lt = t.L, t[t.L]
    arrow = lambda s: F.op(f'<span style="font-size:11px">{s}</span> ⟶')  # noqa: E731
    return F.eq(F.matrix(t[L - 1].a, "input", f"{F.sym('a', L - 1)} (前层输出)"),
               arrow("加权求和 Wᴸaᴸ⁻¹ + bᴸ"),
               F.matrix(lt.z, "output", f"{F.sym('z', L)} (线性输出)"),
               arrow(f"激活函数 {lt.activation}"),
               F.matrix(lt.a, "output", f"{F.sym('a', L)} (最终预测)"))


# --- live widgets ---------------------------------------------------------------------------

def _follow(panel, view, css: str, call_now: bool = True):
    """``panel.on_trace(view.update)``, keyed by ``css``: a cell run again replaces its view
    instead of piling a second listener on the panel."""
    panel.on_trace(view.update, call_now=call_now, key=css)


def state_html(t) -> str:
    """One grey line: the input, target and E the panel holds now (for a view shown far below
    the panel's sliders, so the learner knows which state it shows)."""
    y = np.ravel(t.y)
    target = (f"class {int(np.argmax(y)) + 1}" if t.network.loss.name == "cross_entropy"
              else "y = " + ", ".join(F.num(v, 2) for v in y))
    return ('<div class="nn-state" style="font-size:11px;color:#757575">panel now: x = ('
            + ", ".join(F.num(v, 2) for v in np.ravel(t.x)) + f"), {target}, "
            f"E = {F.num(t.loss)}</div>")


class LiveHTML:
    """An ``HTML`` widget showing ``html_fn(trace)``, refreshed with the panel (``on_trace``).

    ``LiveHTML(panel, step3_html, "nn-02-step3")``: one more view of the panel's trace; a
    slider move updates it with every other view. ``state=True`` puts :func:`state_html` on
    top. Display ``.widget`` (or the object)."""

    def __init__(self, panel, html_fn, css: str, state: bool = True):
        import ipywidgets as widgets
        self.html_fn = html_fn
        self.state = state
        self.widget = widgets.HTML("").add_class(css).add_class("nn-live")
        _follow(panel, self, css)

    def update(self, t):
        value = (state_html(t) if self.state else "") + self.html_fn(t)
        if self.widget.value != value:
            self.widget.value = value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def plot_outer_product(fig, t, l=None, vmax: float = 1.0, numbers: bool = False,
                       labels: bool = True):
    """The outer product ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ as heat maps placed like the multiplication:
    (aˡ⁻¹)ᵀ as a row on top, δˡ as a column on the left, entry (i, j) = δˡᵢ · aˡ⁻¹ⱼ.

    The numbers are in the HTML equation shown beside it (:func:`step2_html`); ``numbers=True``
    also writes each ∂E/∂Wˡᵢⱼ on its cell, at ~1 ms per text per redraw (12 texts for a 3 × 4
    matrix would push a slider move past 40 ms next to the diagram); ``labels=False`` leaves the
    names to an HTML caption (:class:`OuterProductView` does), for the same reason. Colours are
    fixed to ±vmax so
    that a slider move shows the size change, not only the pattern. Returns the artists for
    :func:`update_outer_product`."""
    from .. import plotting as P
    l = t.L if l is None else l
    n_out, n_in = t[l].W.shape
    gs = fig.add_gridspec(2, 2, width_ratios=[1, n_in], height_ratios=[1, n_out],
                          left=0.09 if labels else 0.02, right=0.98,
                          bottom=0.13 if labels else 0.03, top=0.90 if labels else 0.97,
                          wspace=0.06, hspace=0.06)
    ax_a, ax_d, ax_w = fig.add_subplot(gs[0, 1]), fig.add_subplot(gs[1, 0]), \
        fig.add_subplot(gs[1, 1])
    style = dict(cmap="RdBu_r", vmin=-vmax, vmax=vmax)
    im_a = ax_a.imshow(_row(t[l - 1].a), **style)
    im_d = ax_d.imshow(t[l].delta[:, None], **style)
    art_w = P.plot_matrix(ax_w, t[l].dW, vmax=vmax)
    for row in art_w[1]:
        for text in row:
            text.set_visible(numbers)
    for ax in (ax_a, ax_d, ax_w):
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.set_title("")
    if labels:
        prev = "x" if l == 1 else F.sym("a", l - 1)
        ax_a.set_title(f"({prev})ᵀ", fontsize=9)
        ax_d.set_ylabel(F.sym("δ", l), fontsize=9)
        pd, pa = ax_d.get_position(), ax_a.get_position()
        fig.text((pd.x0 + pd.x1) / 2, (pa.y0 + pa.y1) / 2, "×", ha="center", va="center",
                 fontsize=14, color="#616161")
        ax_w.text(0.5, -0.03, f"∂E/∂{F.sym('W', l)} = {F.sym('δ', l)} ({prev})ᵀ",
                  transform=ax_w.transAxes, ha="center", va="top", fontsize=9)
    return {"l": l, "a": im_a, "delta": im_d, "dW": art_w, "vmax": vmax}


def update_outer_product(art, t):
    """Put trace ``t``'s δˡ, aˡ⁻¹ and ∂E/∂Wˡ on the artists of :func:`plot_outer_product`."""
    from .. import plotting as P
    l, vmax = art["l"], art["vmax"]
    art["a"].set_data(_row(t[l - 1].a))
    art["delta"].set_data(t[l].delta[:, None])
    P.update_matrix(art["dW"], t[l].dW, vmax)
    return art


class OuterProductView:
    """A live heat map of ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ (the notes' step 2), following ``panel``.

    The names sit in an HTML caption above the picture (free to redraw); the picture is three
    images only, so a slider move costs about 10 ms of rendering here."""

    def __init__(self, panel, l=None, css: str = "nn-02-outer", vmax: float = 1.0,
                 numbers: bool = False):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import canvas_widget
        t = panel.trace
        l = t.L if l is None else l
        n_out, n_in = t[l].W.shape
        with plt.ioff():
            self.fig = P.figure(0.5 * (n_in + 1) + 0.1, 0.5 * (n_out + 1) + 0.1)
            self.art = plot_outer_product(self.fig, t, l, vmax, numbers, labels=False)
        prev = "x" if l == 1 else F.sym("a", l - 1)
        self.caption = widgets.HTML(
            f'<div style="font-size:12px;line-height:1.4">top: ({prev})ᵀ (1 × {n_in}) · '
            f'left: {F.sym("δ", l)} ({n_out} × 1)<br>'
            f'<b>∂E/∂{F.sym("W", l)} = {F.sym("δ", l)} ({prev})ᵀ</b> ({n_out} × {n_in}), '
            f'entry ij = {F.sym("δ", l)}ᵢ · {prev}ⱼ<br>'
            f'<span style="color:#B71C1C">red +</span> / '
            f'<span style="color:#0D47A1">blue −</span>, white 0, scale ±{vmax:g}</div>'
        ).add_class(css + "-caption")
        self.widget = widgets.VBox([self.caption, canvas_widget(self.fig, css)])
        self.widget.add_class(css + "-box")
        _follow(panel, self, css, call_now=False)

    def update(self, t):
        update_outer_product(self.art, t)
        self.fig.canvas.draw_idle()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
