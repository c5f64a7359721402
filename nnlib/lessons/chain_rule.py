"""Notebook 04 (note 004, §1.1–1.2): the chain rule, the computation graph, the scalar loss.

Every number comes from the nnlib core (a :class:`nnlib.Trace`, ``Network.E``,
:func:`nnlib.numerical_gradient`); this module only arranges and draws them.

Pieces, each a pure ``plot_*(ax, ...)`` / ``update_*(artists, ...)`` pair plus a thin widget:

* :class:`ChainRuleWidget` — one neuron as three nested steps
  E = f₃(f₂(f₁(w))), f₁: u = w x + b, f₂: a = σ(u), f₃: E = ½ (a − t)²;
  the local derivatives, their product and a central difference, live.
* :func:`plot_graph` / :class:`GraphView` — the computation graph a forward pass records
  (uˡ = Wˡ aˡ⁻¹, zˡ = uˡ + bˡ, aˡ = f(zˡ), E) with forward values and ∂E/∂(each tensor).
* :class:`AggregationWidget` — per-sample losses ℓ ∈ ℝᴮ have a Jacobian J = ∂ℓ/∂θ (B × P);
  a scalar L = vᵀℓ has the gradient vᵀJ; ``sum`` is v = 1, ``mean`` v = 1/B.
* :func:`per_sample_html` — the note's 误区: ∂L/∂ŷᵢ by method 1 and method 2.
* :class:`BatchScaleWidget` — ‖∂L/∂W‖ against the batch size B for sum and mean.

CSS classes all start with ``nn-04-``.
"""
from __future__ import annotations

import html as _html

import ipywidgets as widgets
import numpy as np

import nnlib
from nnlib import formulas as F
from nnlib import plotting as P
from nnlib.widgets import ErrorArea, LiveView, canvas_widget, set_value, slider

__all__ = ["chain_values", "plot_chain", "update_chain", "chain_html", "ChainRuleWidget",
           "graph_tensors", "freeze_background", "plot_graph", "update_graph", "GraphView",
           "make_batch", "sum_vs_mean", "jacobian", "seed_vector", "aggregate", "plot_aggregation",
           "update_aggregation", "aggregation_html", "AggregationWidget",
           "per_sample_html", "batch_scale_curves", "plot_batch_scale",
           "update_batch_scale", "BatchScaleWidget", "FD_STEP"]

FD_STEP = 1e-5            # h of the central differences shown beside backprop
INK = "#212121"
GRAD_INK = "#AD1457"       # gradients (backward) in pink, as the panels


def _f(v, digits=2):
    """A number with fixed decimals, a true minus sign and no '−0.00'."""
    return F.num(v, digits)


# =========================================================================================
# 1.2 the chain rule on one neuron
# =========================================================================================

def chain_net(w: float, b: float) -> nnlib.Network:
    """The one-neuron network u = w x + b, a = σ(u), E = ½ (a − t)² as an nnlib Network."""
    return nnlib.Network([nnlib.Dense([[w]], [b], "sigmoid")], loss="squared_error")


def chain_values(x: float, w: float, b: float, t: float, h: float = FD_STEP) -> dict:
    r"""Every number of the chain rule for E = f₃(f₂(f₁(w))), from one nnlib trace.

    .. math::
        \frac{dE}{dw} = \underbrace{\frac{\partial E}{\partial a}}_{a - t}\cdot
        \underbrace{\frac{\partial a}{\partial u}}_{\sigma'(u) = a(1-a)}\cdot
        \underbrace{\frac{\partial u}{\partial w}}_{x}

    ``fd`` is the central difference (E(w + h) − E(w − h)) / 2h with E from ``Network.E``;
    ``nnlib_dw`` is the trace's ∂E/∂W¹₁₁ (backpropagation), ``nnlib_dx`` its ∂E/∂x.
    """
    net = chain_net(w, b)
    tr = net.trace([x], [t])
    dE_da = float(tr[1].dE_da[0])          # f₃′: ∂E/∂a = a − t
    da_du = float(tr[1].fprime[0])         # f₂′: σ′(u) = a (1 − a)
    du_dw = float(tr[0].a[0])              # f₁′ in w: ∂u/∂w = x
    du_dx = float(tr[1].W[0, 0])           # f₁′ in x: ∂u/∂x = w
    E_plus = chain_net(w + h, b).E([x], [t])
    E_minus = chain_net(w - h, b).E([x], [t])
    product = dE_da * da_du * du_dw
    fd = (E_plus - E_minus) / (2 * h)
    return {
        "x": float(x), "w": float(w), "b": float(b), "t": float(t),
        "u": float(tr[1].z[0]), "a": float(tr[1].a[0]), "E": float(tr.loss),
        "dE_da": dE_da, "da_du": da_du, "du_dw": du_dw, "du_db": 1.0, "du_dx": du_dx,
        "product": product, "fd": fd,
        "nnlib_dw": float(tr[1].dW[0, 0]), "nnlib_db": float(tr[1].db[0]),
        "nnlib_dx": float(tr[0].dE_da[0]),
        "product_dx": dE_da * da_du * du_dx,
        "rel_error": float(nnlib.relative_error(product, fd)),
        "trace": tr,
    }


def E_of_w(x, b, t, ws) -> np.ndarray:
    """E(w) = ½ (σ(w x + b) − t)² along the grid ``ws``, each value from ``Network.E``."""
    return np.array([chain_net(float(w), b).E([x], [t]) for w in ws])


def plot_chain(ax, w_range=(-4.0, 4.0), n: int = 81):
    r"""E as a function of w (the other inputs fixed), the current w and the tangent of slope
    dE/dw = (a − t)·σ′(u)·x there: the chain rule's product *is* that slope.
    Returns the artists for :func:`update_chain`."""
    ws = np.linspace(*w_range, n)
    (curve,) = ax.plot([], [], color="#2E7D32", lw=2, label="E(w)")
    (tangent,) = ax.plot([], [], color=GRAD_INK, lw=1.6, ls="--", label="slope dE/dw")
    (point,) = ax.plot([], [], "o", color="#1565C0", ms=7, zorder=5, label="current w")
    ax.set_xlim(*w_range)
    ax.set_ylim(-0.02, 0.52)               # a ∈ (0, 1) and t ∈ [0, 1], so E = ½(a − t)² < ½
    ax.set_xlabel("w")
    ax.set_ylabel("E")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=7, frameon=False)
    return {"ws": ws, "curve": curve, "tangent": tangent, "point": point, "key": None}


def update_chain(art, v: dict):
    """Put the chain's numbers ``v`` (from :func:`chain_values`) on the artists."""
    key = (v["x"], v["b"], v["t"])
    if art["key"] != key:                   # the curve only changes with x, b or t
        art["curve"].set_data(art["ws"], E_of_w(v["x"], v["b"], v["t"], art["ws"]))
        art["key"] = key
    half = 0.9
    wx = np.array([v["w"] - half, v["w"] + half])
    art["tangent"].set_data(wx, v["E"] + v["product"] * (wx - v["w"]))
    art["point"].set_data([v["w"]], [v["E"]])
    return art


def chain_html(v: dict) -> str:
    """The chain x →f₁→ u →f₂→ a →f₃→ E with values, each local derivative, their product and
    the checks (central difference, nnlib's backprop). Numbers carry ``data-key``."""
    def n(key, digits=4):
        return f'<span data-key="{key}">{_f(v[key], digits)}</span>'

    box = ('<span style="display:inline-block;border:1px solid #9e9e9e;border-radius:5px;'
           'padding:2px 6px;margin:0 2px;background:{bg}">{body}</span>')
    arrow = ('<span style="display:inline-block;text-align:center;margin:0 3px;'
             'font-size:11px;color:#424242">{top}<br>⟶</span>')
    chain = "".join([
        box.format(bg=F.COLORS["input"], body=f"x = {n('x', 2)}<br>w = {n('w', 2)}"),
        arrow.format(top="f₁: u = w·x + b"),
        box.format(bg=F.COLORS["bias"], body=f"u = {n('u')}"),
        arrow.format(top="f₂: a = σ(u)"),
        box.format(bg=F.COLORS["output"], body=f"a = {n('a')}"),
        arrow.format(top=f"f₃: E = ½(a − t)², t = {_f(v['t'], 2)}"),
        box.format(bg=F.COLORS["delta"], body=f"E = {n('E')}"),
    ])
    ok = "nn-ok" if v["rel_error"] < 1e-6 else "nn-bad"
    rows = [
        ("∂E/∂a = f₃′(a)", "a − t", "dE_da"),
        ("∂a/∂u = f₂′(u)", "σ′(u) = a(1 − a)", "da_du"),
        ("∂u/∂w = ∂f₁/∂w", "x", "du_dw"),
    ]
    table = "".join(f'<tr><td class="nn-sym">{a}</td><td class="nn-sym">{b}</td>'
                    f"<td>{n(k)}</td></tr>" for a, b, k in rows)
    return (
        f'<div class="nn-h">forward: each step records its value</div>'
        f'<div style="display:flex;align-items:center;flex-wrap:wrap;font-size:13px">{chain}</div>'
        f'<div class="nn-h">backward: local derivatives (read right to left)</div>'
        f'<table class="nn-tab"><tr><th>local derivative</th><th>formula</th><th>value</th></tr>'
        f"{table}</table>"
        f'<div class="nn-h">dE/dw = (a − t) · σ′(u) · x = {_f(v["dE_da"])} × {_f(v["da_du"])} '
        f'× {_f(v["du_dw"])} = {n("product", 6)}</div>'
        f'<table class="nn-tab"><tr><th>central difference (E(w+h) − E(w−h))/2h, h = {FD_STEP:g}'
        f'</th><th>nnlib backprop ∂E/∂W¹₁₁</th><th>rel. error (product vs difference)</th></tr>'
        f'<tr><td>{n("fd", 6)}</td><td>{n("nnlib_dw", 6)}</td>'
        f'<td class="{ok}" data-key="rel_error">{v["rel_error"]:.1e}</td></tr></table>'
        f'<div style="font-size:12px;color:#424242">the same chain with the last factor '
        f'∂u/∂x = w instead of ∂u/∂w = x gives dE/dx = {n("product_dx", 6)} '
        f'(nnlib ∂E/∂x = {n("nnlib_dx", 6)}); with ∂u/∂b = 1 it gives dE/db = '
        f'{n("nnlib_db", 6)}</div>')


class ChainRuleWidget(LiveView):
    r"""Sliders for x, w, b and the target t of E = ½(σ(w x + b) − t)²; shows each local
    derivative, their product dE/dw = (a − t)·σ′(u)·x, a central difference and nnlib's
    backprop, and the curve E(w) with the tangent of that slope.

    CSS: root ``nn-04-chain``; sliders ``nn-04-chain-x|w|b|t``; numbers ``nn-04-chain-values``
    (``data-key`` per number); figure ``nn-04-chain-plot``; messages ``nn-error``.
    """

    def __init__(self, x=1.5, w=0.8, b=-0.5, t=0.9):
        import matplotlib.pyplot as plt

        self.sliders = {
            "x": slider(x, -3, 3, "x", ["nn-04-chain-x"]),
            "w": slider(w, -4, 4, "w", ["nn-04-chain-w"]),
            "b": slider(b, -3, 3, "b", ["nn-04-chain-b"]),
            "t": slider(t, 0, 1, "t", ["nn-04-chain-t"]),
        }
        self.start = {"x": x, "w": w, "b": b, "t": t}
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-04-chain-values")
        with plt.ioff():
            self.fig = P.figure(3.8, 2.7)
            ax = self.fig.add_axes([0.15, 0.17, 0.82, 0.8])
            self.art = plot_chain(ax)
            freeze_background(self.fig, [ax], dynamic=[self.art[k] for k in
                                                      ("curve", "tangent", "point")])
        self.values = None
        self.timings = []
        for s in self.sliders.values():
            s.observe(self._on_change, "value")
        controls = widgets.VBox([widgets.HTML('<div class="nn-h">inputs</div>')]
                                + list(self.sliders.values()),
                                layout={"border": "1px solid #e0e0e0", "padding": "2px 4px"})
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([controls, canvas_widget(self.fig, "nn-04-chain-plot")],
                         layout={"flex_flow": "row wrap", "grid_gap": "10px"}),
            self.errors.html, self.html]).add_class("nn-04-chain")
        self.refresh()

    def compute(self):
        return chain_values(*(self.sliders[k].value for k in "xwbt"))

    def show(self, v):
        update_chain(self.art, v)
        set_value(self.html, chain_html(v))
        self.values = v
        self.fig.canvas.draw_idle()


# =========================================================================================
# the computation graph of a small network
# =========================================================================================

def graph_tensors(t):
    """The tensors the forward pass of trace ``t`` records, in order, as dicts with
    ``name`` (e.g. ``"u¹ = W¹x"``), ``value`` (forward), ``grad_name`` and ``grad`` (∂E/∂tensor).

    For l = 1..L: uˡ = Wˡ aˡ⁻¹ (∂E/∂uˡ = δˡ, since ∂zˡ/∂uˡ = I), zˡ = uˡ + bˡ (∂E/∂zˡ = δˡ),
    aˡ = f(zˡ) (∂E/∂aˡ), with parameters Wˡ (∂E/∂Wˡ) and bˡ (∂E/∂bˡ = δˡ); then E with
    ∂E/∂E = 1, the seed backward starts from. Every array is the trace's own.
    ``show=False`` marks a gradient the picture names but does not repeat (it equals δˡ, or 1).
    """
    sym = F.sym
    out = [dict(key="x", name="x", value=t[0].a, grad_name="∂E/∂x", grad=t[0].dE_da,
                role="input", row=0)]
    for l in range(1, t.L + 1):
        lt = t[l]
        prev = "x" if l == 1 else sym("a", l - 1)
        u = lt.z - lt.b                      # Wˡ aˡ⁻¹: the product before the bias
        out += [
            dict(key=f"W{l}", name=sym("W", l), value=lt.W, grad_name=f"∂E/∂{sym('W', l)}",
                 grad=lt.dW, role="weight", row=1, op="×"),
            dict(key=f"u{l}", name=f"{sym('u', l)}={sym('W', l)}{prev}", value=u,
                 grad_name=f"= {sym('δ', l)}", grad=lt.delta, role="plain", row=0, op="×",
                 show=False),
            dict(key=f"b{l}", name=sym("b", l), value=lt.b,
                 grad_name=f"∂E/∂{sym('b', l)} = {sym('δ', l)}", grad=lt.db, role="bias",
                 row=1, op="+", show=False),
            dict(key=f"z{l}", name=sym("z", l), value=lt.z, grad_name=sym("δ", l),
                 grad=lt.delta, role="plain", row=0, op="+"),
            dict(key=f"a{l}", name=sym("a", l), value=lt.a, grad_name=f"∂E/∂{sym('a', l)}",
                 grad=lt.dE_da, role="output" if l == t.L else "plain", row=0,
                 op=_OPS.get(lt.activation, "f")),
        ]
    out += [dict(key="y", name="y", value=t.y, grad_name="", grad=None, role="output", row=1,
                 op="E"),
            dict(key="E", name="E", value=np.array([t.loss]), grad_name="∂E/∂E = 1",
                 grad=np.array([1.0]), role="delta", row=0, op="E", show=False)]
    return out


_OPS = {"sigmoid": "σ", "relu": "relu", "tanh": "tanh", "identity": "id", "softmax": "soft"}


def _column_text(arr, digits=2, template: bool = False) -> str:
    """A vector as a column (one number a line), a matrix as rows: the notes' convention.
    Every number is padded to the width of ``−0.00`` (for the same digits), so in a monospace
    font a box drawn once around the ``template`` (all ``−0.00``) fits every value."""
    arr = np.atleast_1d(np.asarray(arr, dtype=float))
    width = digits + 3
    fmt = (lambda v: "−" + "0." + "0" * digits) if template else \
        (lambda v: _f(v, digits).rjust(width))
    if arr.ndim == 1:
        return "\n".join(fmt(v) for v in arr)
    return "\n".join(" ".join(fmt(v) for v in row) for row in arr)


def _offset(ax, dy_points: float):
    """Data coordinates shifted by ``dy_points`` (typographic points, dpi-independent)."""
    from matplotlib.transforms import ScaledTranslation
    return ax.transData + ScaledTranslation(0.0, dy_points / 72.0, ax.figure.dpi_scale_trans)


def freeze_background(fig, axes, static=(), dynamic=()):
    """Render everything that never changes once into an image behind the figure, so that a
    slider move redraws only the ``dynamic`` artists (each matplotlib text — a tick label, a
    legend entry — costs about a millisecond on every redraw).

    ``axes``: their frames, ticks, labels, titles, grids and legends become part of the image
    (their limits must not change afterwards); ``static``: further artists to bake in and
    remove. The image is drawn with a private Agg canvas, so a live ipympl canvas sends nothing.
    On a high-dpi screen the picture is scaled up (slightly soft); the numbers stay sharp.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for a in dynamic:
        a.set_visible(False)
    live = fig.canvas
    agg = FigureCanvasAgg(fig)
    agg.draw()
    image = np.asarray(agg.buffer_rgba()).copy()
    fig.set_canvas(live)
    for a in static:
        a.remove()
    for ax in axes:
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        ax.set_title("")
        ax.set_axis_off()
        ax.patch.set_visible(False)
    for a in dynamic:
        a.set_visible(True)
    bg = fig.add_axes([0.0, 0.0, 1.0, 1.0], zorder=-1)
    bg.imshow(image, extent=(0, 1, 0, 1), aspect="auto", interpolation="none")
    bg.set_xlim(0, 1)
    bg.set_ylim(0, 1)
    bg.set_axis_off()
    return bg


def plot_graph(ax, t, freeze: bool = True, fontsize: float = 8.5):
    """Draw the computation graph of trace ``t`` (one example): tensors as boxes holding their
    forward value (black, coloured by role as in note 000), ∂E/∂(tensor) under each (pink),
    operations (×, +, f, E) as circles between them. Returns artists for :func:`update_graph`.

    Layout: the main chain x → u¹ → z¹ → a¹ → … → E on the lower row; Wˡ, bˡ and y on the
    upper row, each feeding its operation from above. ``fontsize`` is the numbers' size in
    points (names and gaps scale with it). Everything but the numbers is drawn
    once into a background image (``freeze``), so a slider move redraws only the numbers.
    """
    from matplotlib.patches import Circle, FancyArrowPatch

    tensors = graph_tensors(t)
    main = [T for T in tensors if T["row"] == 0]
    pos, op_pos = {}, {}
    for k, T in enumerate(main):
        pos[T["key"]] = (2.0 * k, 0.0)
        if k:
            op_pos[T["key"]] = (2.0 * k - 1.0, 0.0)    # the op producing main tensor k
    feeds = {"W": "u", "b": "z"}
    for T in tensors:
        if T["row"] == 1:
            target = "E" if T["key"] == "y" else feeds[T["key"][0]] + T["key"][1:]
            pos[T["key"]] = (op_pos[target][0], 1.45)
    static, dynamic = [], []
    r = 0.30
    sc = fontsize / 7.0                 # the gaps below were measured for 7 pt numbers

    def arrow(xy_to, xy_from):
        static.append(ax.add_patch(FancyArrowPatch(xy_from, xy_to, arrowstyle="-|>",
                                                   color="#616161", lw=1.0, shrinkA=0,
                                                   shrinkB=0, mutation_scale=9)))

    for k, T in enumerate(main[1:], start=1):
        ox, oy = op_pos[T["key"]]
        arrow((ox - r, oy), (pos[main[k - 1]["key"]][0] + 0.5, 0.0))
        arrow((pos[T["key"]][0] - 0.5, 0.0), (ox + r, oy))
        static.append(ax.add_patch(Circle((ox, oy), r, fc="white", ec="#424242", lw=1.1,
                                          zorder=2)))
        op = "½‖·‖²" if T["key"] == "E" else T["op"]
        static.append(ax.text(ox, oy, op, ha="center", va="center", zorder=3,
                              fontsize=sc * (8 if len(op) < 3 else 6.5)))
    for T in tensors:
        if T["row"] == 1:
            x0, y0 = pos[T["key"]]
            arrow((x0, r), (x0, y0))
    mono = dict(fontsize=fontsize, family="DejaVu Sans Mono", linespacing=1.1, zorder=4)
    texts = {}
    for T in tensors:
        x0, y0 = pos[T["key"]]
        rows = T["value"].shape[0] if T["key"] != "E" else 1
        if T["row"] == 0:          # name above the box, box centred on the chain
            half = sc * (4.6 * rows + 2.5)
            static.append(ax.text(x0, y0, T["name"], ha="center", va="bottom",
                                  fontsize=sc * 7.5, transform=_offset(ax, half + sc), zorder=4))
            place = dict(ha="center", va="center")
            g_at = -half - 3.0 * sc
        else:                      # parameters: box above the arrow's start, name above it
            static.append(ax.text(x0, y0, T["name"], ha="center", va="bottom",
                                  fontsize=sc * 7.5, transform=_offset(ax, sc * (9.2 * rows + 6)),
                                  zorder=4))
            place = dict(ha="center", va="bottom", transform=_offset(ax, 2.5 * sc))
            g_at = -4.0 * sc
        # the box: drawn once around invisible ``−0.00``s (into the background), the numbers
        # on top of it without a box of their own (a text's box costs on every redraw)
        digits = 4 if T["key"] == "E" else 2
        static.append(ax.text(x0, y0, _column_text(T["value"], digits, template=True),
                              color=(0, 0, 0, 0), **place, **mono,
                              bbox=dict(boxstyle="round,pad=0.25", ec="#757575", lw=0.8,
                                        fc=F.COLORS.get(T["role"], "white"))))
        fwd = ax.text(x0, y0, "", **place, **mono)
        grad = None
        if T["grad"] is not None:
            dx = 0.0 if T["row"] == 0 else 0.1
            ha = "center" if T["row"] == 0 else "left"
            static.append(ax.text(x0 + dx, y0, T["grad_name"], ha=ha, va="top", fontsize=sc * 7.5,
                                  color=GRAD_INK, transform=_offset(ax, g_at), zorder=4))
            if T.get("show", True):
                grad = ax.text(x0 + dx, y0, "", ha=ha, va="top", color=GRAD_INK,
                               transform=_offset(ax, g_at - 10.0 * sc), **mono)
                dynamic.append(grad)
        dynamic.append(fwd)
        texts[T["key"]] = (fwd, grad)
    xs = [p[0] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.8, max(xs) + 0.9)
    ax.set_ylim(-1.5, 2.45)
    ax.axis("off")
    static.append(ax.text(0.005, 0.995, "forward: values in the boxes →",
                          transform=ax.transAxes, ha="left", va="top", fontsize=9, color=INK))
    static.append(ax.text(0.005, 0.005, "← backward: ∂E/∂(tensor), pink, from the seed "
                          "∂E/∂E = 1", transform=ax.transAxes, ha="left", va="bottom",
                          fontsize=9, color=GRAD_INK))
    art = {"texts": texts, "pos": pos, "frozen": False}
    update_graph(art, t)
    if freeze:
        freeze_background(ax.figure, [ax], static, dynamic)
        art["frozen"] = True
    return art


def update_graph(art, t):
    """Put trace ``t``'s forward values and gradients into the graph's boxes."""
    for T in graph_tensors(t):
        fwd, grad = art["texts"][T["key"]]
        fwd.set_text(_column_text(T["value"], 4 if T["key"] == "E" else 2))
        if grad is not None:
            grad.set_text(_column_text(T["grad"], 3))
    return art


class GraphView:
    r"""The computation graph of ``panel``'s network, redrawn from the panel's trace on every
    slider move (``panel.on_trace``). ``widget`` shows the panel's sliders, then the graph,
    then the panel's views (display ``GraphView``, not the panel).

    CSS: ``nn-04-graph`` (box), ``nn-04-graph-canvas`` (figure), ``nn-04-graph-caption``.
    """

    def __init__(self, panel, width=None, height=3.3):
        import matplotlib.pyplot as plt

        self.panel = panel
        t = panel.trace
        n_main = 2 + 3 * t.L
        with plt.ioff():
            self.fig = P.figure(width or 0.72 * (2 * n_main - 1) + 0.4, height)
            ax = self.fig.add_axes([0.0, 0.0, 1.0, 1.0])
            self.art = plot_graph(ax, t)
        self.caption = widgets.HTML(
            '<div style="font-size:12px;color:#424242">boxes: '
            f'<span style="background:{F.COLORS["input"]}">input</span> · '
            f'<span style="background:{F.COLORS["weight"]}">weights</span> · '
            f'<span style="background:{F.COLORS["bias"]}">bias</span> · '
            f'<span style="background:{F.COLORS["output"]}">output</span>; '
            'uˡ = Wˡaˡ⁻¹ is the product before the bias; δˡ = ∂E/∂zˡ = ∂E/∂uˡ '
            '(“+” passes the gradient on unchanged); vectors are columns.</div>'
        ).add_class("nn-04-graph-caption")
        # the panel's parts with the graph between its sliders and its table of values
        self.widget = widgets.VBox([widgets.HTML(F.CSS, layout={"display": "none"}),
                                    panel.controls, panel.errors.html, panel.errors.debug,
                                    self.caption, canvas_widget(self.fig, "nn-04-graph-canvas"),
                                    panel.body, panel.spec]
                                   ).add_class("nn-04-graph")
        panel.on_trace(self.update, call_now=False)

    def update(self, t):
        update_graph(self.art, t)
        self.fig.canvas.draw_idle()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# =========================================================================================
# why the loss must be a scalar
# =========================================================================================

def make_batch(B: int, seed: int = 4):
    """B samples (columns) of y = 1.5 x₁ − 0.8 x₂ + 0.3 + noise, fixed seed: X (2, B), Y (1, B)."""
    rng = np.random.default_rng(seed)
    X = np.round(rng.normal(0.0, 1.0, (2, B)), 2)
    Y = np.round(1.5 * X[0] - 0.8 * X[1] + 0.3 + rng.normal(0.0, 0.3, B), 2)[None, :]
    return X, Y


def linear_net(W=((0.5, -0.3),), b=(0.1,), reduction="sum") -> nnlib.Network:
    """ŷ = W x + b with Lᵢ = ½ (yᵢ − ŷᵢ)²: the model of the note's 误区 example."""
    return nnlib.Network([nnlib.Dense(W, b, "identity")], loss="squared_error",
                         reduction=reduction)


def _flat(grads):
    return np.concatenate([np.concatenate([dW.ravel(), db.ravel()]) for dW, db in grads])


def param_names(net):
    """['W¹₁₁', 'W¹₁₂', 'b¹₁', …] in the order of :func:`jacobian`'s columns."""
    names = []
    for l, layer in enumerate(net.layers, start=1):
        names += [F.sym("W", l, i + 1, j + 1) for i in range(layer.n_out)
                  for j in range(layer.n_in)]
        names += [F.sym("b", l, i + 1) for i in range(layer.n_out)]
    return names


def jacobian(net, X, Y):
    """(ℓ, J): the per-sample losses ℓᵢ = Lᵢ (B,) and J = ∂ℓ/∂θ (B, P), row i being the
    gradient of Lᵢ alone, from ``net.trace`` of sample i."""
    rows, losses = [], []
    for i in range(X.shape[1]):
        tr = net.trace(X[:, i], Y[:, i])
        rows.append(_flat(tr.grads))
        losses.append(tr.loss)
    return np.array(losses), np.array(rows)


def seed_vector(mode: str, B: int, weights=None) -> np.ndarray:
    """The seed v of L = vᵀℓ: ``sum`` → 1, ``mean`` → 1/B, ``weighted`` → the given weights."""
    if mode == "sum":
        return np.ones(B)
    if mode == "mean":
        return np.full(B, 1.0 / B)
    if mode == "weighted":
        v = np.asarray(weights, dtype=float)
        if v.shape != (B,):
            raise ValueError(f"weighted: need {B} weights, got shape {v.shape}")
        return v
    raise ValueError(f"unknown aggregation {mode!r}; expected sum, mean or weighted")


def aggregate(net, X, Y, mode="sum", weights=None) -> dict:
    r"""L = vᵀℓ and its gradient vᵀJ, with the check computed another way.

    sum and mean: nnlib's own trace of the aggregated loss (``reduction="sum"|"mean"``);
    weighted: central differences of L(θ) = Σᵢ vᵢ Lᵢ(θ), each Lᵢ from ``Network.E``.
    """
    B = X.shape[1]
    ell, J = jacobian(net, X, Y)
    v = seed_vector(mode, B, weights)
    g = v @ J
    if mode in ("sum", "mean"):
        tr = net.with_loss(reduction=mode).trace(X, Y)
        check, L_check = _flat(tr.grads), tr.loss
        how = f"nnlib trace, reduction='{mode}'"
    else:
        theta = np.concatenate([np.concatenate([W.ravel(), b.ravel()])
                                for W, b in net.params()])

        def L_of(th):
            return float(v @ [_unflat(net, th).E(X[:, i], Y[:, i]) for i in range(B)])

        check, L_check = nnlib.numerical_gradient(L_of, theta, h=1e-4), float(v @ ell)
        how = "central differences of Σ vᵢ Lᵢ(θ)"
    return {"ell": ell, "J": J, "v": v, "g": g, "check": check, "L": float(v @ ell),
            "L_check": float(L_check), "how": how, "mode": mode,
            "rel_error": float(np.linalg.norm(g - check)
                               / max(np.linalg.norm(g) + np.linalg.norm(check), 1e-300)),
            "names": param_names(net)}


def _unflat(net, theta):
    params, k = [], 0
    for W, b in net.params():
        nW, nb = W.size, b.size
        params.append((theta[k:k + nW].reshape(W.shape), theta[k + nW:k + nW + nb]))
        k += nW + nb
    return net.with_params(params)


def plot_aggregation(ax, B: int):
    """The plane of (∂/∂W¹₁₁, ∂/∂W¹₁₂): each sample's descent direction −∇Lᵢ (grey, one per
    row of J: B directions, no single one) and the scalar loss's −vᵀJ (pink), with the check
    (nnlib / central differences) as a ring at its tip."""
    ax.axhline(0, color="#BDBDBD", lw=0.8)
    ax.axvline(0, color="#BDBDBD", lw=0.8)
    zeros = np.zeros(B)
    rows = ax.quiver(zeros, zeros, zeros, zeros, angles="xy", scale_units="xy", scale=1,
                     color="#9E9E9E", width=0.008, label="−∇Lᵢ (rows of J)")
    total = ax.quiver([0], [0], [0], [0], angles="xy", scale_units="xy", scale=1,
                      color=GRAD_INK, width=0.014, label="−vᵀJ (scalar L)")
    (check,) = ax.plot([], [], "o", mfc="none", mec=INK, ms=9, label="check")
    ax.set_xlabel("−∂/∂W¹₁₁")
    ax.set_ylabel("−∂/∂W¹₁₂")
    ax.set_aspect("equal", adjustable="box")
    ax.legend(loc="upper left", fontsize=7, frameon=True, framealpha=0.85,
              bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    ax.grid(alpha=0.3)
    labels = [ax.text(0, 0, str(i + 1), fontsize=7, color="#616161", ha="center",
                      va="center") for i in range(B)]
    return {"rows": rows, "total": total, "check": check, "ax": ax, "labels": labels}


def update_aggregation(art, agg: dict):
    J, g, c = agg["J"], agg["g"], agg["check"]
    art["rows"].set_UVC(-J[:, 0], -J[:, 1])
    art["total"].set_UVC([-g[0]], [-g[1]])
    art["check"].set_data([-c[0]], [-c[1]])
    for i, text in enumerate(art["labels"]):
        text.set_position((-1.08 * J[i, 0], -1.08 * J[i, 1]))
    pts = np.vstack([-J[:, :2], [-g[:2]], [[0.0, 0.0]]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    span = float(max((hi - lo).max(), 1e-3))
    mid = (lo + hi) / 2
    ax = art["ax"]
    ax.set_xlim(mid[0] - 0.6 * span, mid[0] + 0.6 * span)
    ax.set_ylim(mid[1] - 0.6 * span, mid[1] + 0.6 * span)
    return art


def aggregation_html(agg: dict) -> str:
    """ℓ, the seed v, J, vᵀJ and the check as one small table; numbers carry ``data-key``."""
    names, J, v, ell = agg["names"], agg["J"], agg["v"], agg["ell"]
    B, P_ = J.shape
    head = ("<tr><th>sample i</th><th>ℓᵢ = Lᵢ</th><th>seed vᵢ = ∂L/∂Lᵢ</th>"
            + "".join(f"<th>∂Lᵢ/∂{n}</th>" for n in names) + "</tr>")
    body = "".join(
        f'<tr><td class="nn-sym">{i + 1}</td><td data-key="ell-{i + 1}">{_f(ell[i], 4)}</td>'
        f'<td style="background:{F.COLORS["delta"]}" data-key="v-{i + 1}">{_f(v[i], 4)}</td>'
        + "".join(f'<td data-key="J-{i + 1}-{p + 1}">{_f(J[i, p], 4)}</td>' for p in range(P_))
        + "</tr>" for i in range(B))
    g_row = ('<tr style="font-weight:600"><td class="nn-sym" colspan="3">vᵀJ = ∂L/∂θ</td>'
             + "".join(f'<td style="background:{F.COLORS["grad"]}" data-key="g-{p + 1}">'
                       f'{_f(agg["g"][p], 4)}</td>' for p in range(P_)) + "</tr>")
    c_row = (f'<tr><td class="nn-sym" colspan="3">check: {_html.escape(agg["how"])}</td>'
             + "".join(f'<td data-key="check-{p + 1}">{_f(agg["check"][p], 4)}</td>'
                       for p in range(P_)) + "</tr>")
    ok = "nn-ok" if agg["rel_error"] < 1e-6 else "nn-bad"
    return (f'<div class="nn-h">L = vᵀℓ = <span data-key="L">{_f(agg["L"], 4)}</span> '
            f'(a scalar) &nbsp;·&nbsp; J = ∂ℓ/∂θ is {B} × {P_}: one gradient per sample '
            f'&nbsp;·&nbsp; relative error of vᵀJ vs check: '
            f'<span class="{ok}" data-key="rel_error">{agg["rel_error"]:.1e}</span></div>'
            f'<table class="nn-tab">{head}{body}{g_row}{c_row}</table>')


class AggregationWidget(LiveView):
    r"""Pick how per-sample losses become one scalar L = vᵀℓ (sum: v = 1, mean: v = 1/B,
    weighted: v from sliders) and watch its gradient vᵀJ, J = ∂ℓ/∂θ from nnlib's per-sample
    traces, beside nnlib's own gradient of the aggregated loss (or central differences).

    CSS: root ``nn-04-agg``; ``nn-04-agg-mode`` (sum/mean/weighted); sliders ``nn-04-agg-v-{i}``;
    table ``nn-04-agg-values``; figure ``nn-04-agg-plot``.
    """

    def __init__(self, B: int = 4, seed: int = 4, net=None):
        import matplotlib.pyplot as plt

        self.net = net or linear_net()
        self.X, self.Y = make_batch(B, seed)
        self.B = B
        self.mode = widgets.ToggleButtons(options=["sum", "mean", "weighted"], value="sum",
                                          style={"button_width": "92px"})
        self.mode.add_class("nn-04-agg-mode")
        self.v_sliders = [slider(1.0, -1.0, 2.0, F.sym("v", None, i + 1),
                                 [f"nn-04-agg-v-{i + 1}"]) for i in range(B)]
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-04-agg-values")
        with plt.ioff():
            self.fig = P.figure(4.6, 2.9)
            ax = self.fig.add_axes([0.13, 0.15, 0.5, 0.8])
            self.art = plot_aggregation(ax, B)
        self.agg = None
        self.timings = []
        self._holding = False
        self.mode.observe(self._on_change, "value")
        for s in self.v_sliders:
            s.observe(self._on_change, "value")
        controls = widgets.VBox([widgets.HTML('<div class="nn-h">L = vᵀℓ with v =</div>'),
                                 self.mode] + self.v_sliders,
                                layout={"border": "1px solid #e0e0e0", "padding": "2px 4px"})
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([controls, canvas_widget(self.fig, "nn-04-agg-plot")],
                         layout={"flex_flow": "row wrap", "grid_gap": "10px"}),
            self.errors.html, self.html]).add_class("nn-04-agg")
        self.refresh()

    def _on_change(self, change=None):
        if change is not None and change["owner"] is self.mode:
            self._holding = True               # show this mode's seed on the sliders, once
            try:
                seed = seed_vector(self.mode.value, self.B,
                                   [s.value for s in self.v_sliders])
                for s, v in zip(self.v_sliders, seed):
                    s.value = float(np.round(v, 2)) if self.mode.value == "weighted" \
                        else float(v)
            finally:
                self._holding = False
        if not self._holding:
            self.refresh()

    def compute(self):
        weighted = self.mode.value == "weighted"
        for s in self.v_sliders:
            s.disabled = not weighted
        return aggregate(self.net, self.X, self.Y, self.mode.value,
                         [s.value for s in self.v_sliders])

    def show(self, agg):
        update_aggregation(self.art, agg)
        set_value(self.html, aggregation_html(agg))
        self.agg = agg
        self.fig.canvas.draw_idle()


# =========================================================================================
# 误区: per-sample losses vs the aggregated L
# =========================================================================================

def per_sample_html(net, X, Y) -> str:
    r"""The note's two derivations of ∂L/∂ŷᵢ for L = Σᵢ ½ (yᵢ − ŷᵢ)², sample by sample:
    method 1 (direct): ŷᵢ − yᵢ; method 2 (framework): ∂L/∂Lᵢ · ∂Lᵢ/∂ŷᵢ with ∂L/∂Lᵢ = 1 (sum)
    and ∂Lᵢ/∂ŷᵢ from sample i's own trace; beside nnlib's ∂L/∂ŷᵢ from the batch trace of L
    (sum) and of the mean (∂L/∂Lᵢ = 1/B)."""
    B = X.shape[1]
    batch_sum = net.with_loss(reduction="sum").trace(X, Y)
    batch_mean = net.with_loss(reduction="mean").trace(X, Y)
    yhat = batch_sum.output[0]
    rows = []
    for i in range(B):
        ti = net.trace(X[:, i], Y[:, i])            # sample i alone: Lᵢ and ∂Lᵢ/∂ŷᵢ
        dLi = float(ti[ti.L].dE_da[0])
        cells = [yhat[i], Y[0, i], ti.loss, 1.0, dLi, 1.0 * dLi, yhat[i] - Y[0, i],
                 batch_sum[batch_sum.L].dE_da[0, i], batch_mean[batch_mean.L].dE_da[0, i]]
        keys = ["yhat", "y", "Li", "dL_dLi", "dLi_dyhat", "method2", "method1", "nnlib_sum",
                "nnlib_mean"]
        rows.append(f'<tr><td class="nn-sym">{i + 1}</td>' + "".join(
            f'<td data-key="{k}-{i + 1}">{_f(c, 4)}</td>' for k, c in zip(keys, cells))
            + "</tr>")
    head = ("<tr><th>i</th><th>ŷᵢ</th><th>yᵢ</th><th>Lᵢ = ½(yᵢ − ŷᵢ)²</th>"
            "<th>∂L/∂Lᵢ (sum)</th><th>∂Lᵢ/∂ŷᵢ</th><th>method 2: product</th>"
            "<th>method 1: ŷᵢ − yᵢ</th><th>nnlib ∂L/∂ŷᵢ (sum)</th>"
            "<th>nnlib ∂L/∂ŷᵢ (mean)</th></tr>")
    return (F.CSS + f'<div class="nn-h">L = Σ Lᵢ = {_f(batch_sum.loss, 4)} over B = {B} '
            f"samples (mean: L = {_f(batch_mean.loss, 4)}, every ∂L/∂ŷᵢ divided by {B})</div>"
            f'<table class="nn-tab nn-04-per-sample">{head}{"".join(rows)}</table>')


# =========================================================================================
# sum vs mean: the gradient's scale and the learning rate
# =========================================================================================

def batch_scale_curves(B_max: int = 64, seed: int = 7, eta: float = 0.1, steps: int = 10,
                       net=None) -> dict:
    r"""For B = 1..B_max (the first B samples of one fixed-seed data set):
    ‖∂L/∂W‖ with ``sum`` and with ``mean``, and the mean loss after ``steps`` gradient-descent
    steps with learning rate η on L_sum, on L_mean, and on L_sum with η/B. With ``sum`` the
    gradient grows like B, so a fixed η overshoots once η·B is too large; η/B undoes it.
    A diverged run is NaN. All from nnlib (traces, :class:`nnlib.GradientDescent`)."""
    net = net or linear_net(W=((0.0, 0.0),), b=(0.0,))
    X, Y = make_batch(B_max, seed)
    Bs = np.arange(1, B_max + 1)
    out = {"B": Bs, "eta": eta, "steps": steps, "X": X, "Y": Y}
    for red in ("sum", "mean"):
        n = net.with_loss(reduction=red)
        out[f"norm_{red}"] = np.array([np.linalg.norm(n.trace(X[:, :B], Y[:, :B])[1].dW)
                                       for B in Bs])
    runs = {"sum": lambda B: eta, "mean": lambda B: eta, "sum_scaled": lambda B: eta / B}
    for name, eta_of in runs.items():
        red = "mean" if name == "mean" else "sum"
        n = net.with_loss(reduction=red)
        after = []
        for B in Bs:
            Xb, Yb = X[:, :B], Y[:, :B]
            gd = nnlib.GradientDescent(n, Xb, Yb, eta_of(B))
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    gd.step(steps)
                E = gd.net.with_loss(reduction="mean").E(Xb, Yb)
                after.append(E if np.isfinite(E) and E < 1e6 else np.nan)
            except nnlib.DivergenceError:
                after.append(np.nan)
        out[f"after_{name}"] = np.array(after)
    out["start"] = np.array([net.with_loss(reduction="mean").E(X[:, :B], Y[:, :B])
                             for B in Bs])
    return out


def sum_vs_mean(curves: dict, net=None) -> dict:
    r"""What :func:`batch_scale_curves` shows, as numbers (for the notebook's text):

    - ``sum_better_up_to``: the largest B up to which η on L_sum ends no higher than η on
      L_mean (at B = 1 the two are the same);
    - ``above_start_from``: the first B from which η on L_sum ends above where it started;
    - ``huge_from``: the first B from which it ends above 10⁶ (drawn as a break in the curve);
    - ``unstable_from``: the first B with η·B·λ_max > 2, λ_max the largest curvature of L_mean
      on the first B samples (:func:`nnlib.hessian`): a step with η on L_sum is a step with
      η·B on L_mean, and on a quadratic that diverges once η·B·λ_max > 2;
    - ``mean_stable``: η·λ_max < 2 for every B (η on L_mean never diverges here)."""
    net = net or linear_net(W=((0.0, 0.0),), b=(0.0,))
    Bs, X, Y, eta = curves["B"], curves["X"], curves["Y"], curves["eta"]
    lam = np.array([np.linalg.eigvalsh(nnlib.hessian(net.with_loss(reduction="mean"),
                                                     X[:, :B], Y[:, :B])).max() for B in Bs])
    s, m = curves["after_sum"], curves["after_mean"]

    def first(mask):
        return int(Bs[np.argmax(mask)]) if mask.any() else None

    better = np.nan_to_num(s, nan=np.inf) <= m          # B = 1: sum and mean are the same
    return {"sum_better_up_to": int(Bs[np.argmin(better)] - 1) if not better.all() else int(Bs[-1]),
            "above_start_from": first(np.nan_to_num(s, nan=np.inf) > curves["start"]),
            "huge_from": first(np.isnan(s)),
            "unstable_from": first(eta * Bs * lam > 2),
            "mean_stable": bool((eta * lam < 2).all()), "lam_max": lam}


def plot_batch_scale(ax_norm, ax_loss, curves: dict):
    """Left: ‖∂L/∂W‖ against B for sum (grows ∝ B) and mean (stays put). Right: the mean loss
    after a few steps of W ← W − η ∂L/∂W at a fixed η, for sum, mean and sum with η/B
    (log scale; a missing point is a diverged run). Markers show the chosen B."""
    Bs = curves["B"]
    lines = ax_norm.plot(Bs, curves["norm_sum"], color="#E65100", lw=1.8, label="sum")
    lines += ax_norm.plot(Bs, curves["norm_mean"], color="#1565C0", lw=1.8, label="mean")
    (m_sum,) = ax_norm.plot([], [], "o", color="#E65100", ms=7)
    (m_mean,) = ax_norm.plot([], [], "o", color="#1565C0", ms=7)
    ax_norm.set_xlabel("batch size B")
    ax_norm.set_ylabel("‖∂L/∂W‖")
    ax_norm.set_title("gradient size", fontsize=9)
    ax_norm.grid(alpha=0.3)
    ax_norm.legend(fontsize=7, frameon=False, loc="upper left")
    eta, k = curves["eta"], curves["steps"]
    lines += ax_loss.semilogy(Bs, curves["start"], color="#9E9E9E", lw=1, ls=":",
                              label="before")
    lines += ax_loss.semilogy(Bs, curves["after_sum"], color="#E65100", lw=1.8,
                              label=f"sum, η={eta:g}")
    lines += ax_loss.semilogy(Bs, curves["after_mean"], color="#1565C0", lw=1.8,
                              label=f"mean, η={eta:g}")
    lines += ax_loss.semilogy(Bs, curves["after_sum_scaled"], color="#2E7D32", lw=1.4,
                              ls="--", label=f"sum, η={eta:g}/B")
    (l_sum,) = ax_loss.plot([], [], "o", color="#E65100", ms=7)
    (l_mean,) = ax_loss.plot([], [], "o", color="#1565C0", ms=7)
    ax_loss.set_xlabel("batch size B")
    ax_loss.set_ylabel(f"mean loss after {k} steps")
    ax_loss.set_title("one η for all B?", fontsize=9)
    ax_loss.grid(alpha=0.3, which="both")
    ax_loss.legend(fontsize=7, frameon=False, loc="upper right")
    return {"curves": curves, "m_sum": m_sum, "m_mean": m_mean, "l_sum": l_sum,
            "l_mean": l_mean, "lines": lines}


def update_batch_scale(art, B: int, reduction: str):
    """Move the markers to batch size B; the chosen reduction's markers big, the other small."""
    c = art["curves"]
    k = int(B) - 1
    for red in ("sum", "mean"):
        big = red == reduction
        m, l_ = art[f"m_{red}"], art[f"l_{red}"]
        m.set_data([B], [c[f"norm_{red}"][k]])
        y = c[f"after_{red}"][k]
        l_.set_data([B] if np.isfinite(y) else [], [y] if np.isfinite(y) else [])
        for a in (m, l_):
            a.set_markersize(9 if big else 4)
            a.set_alpha(1.0 if big else 0.5)
    return art


class BatchScaleWidget(LiveView):
    r"""A batch-size slider (B = 1..64, fixed-seed data) and a sum ↔ mean switch: the gradient
    ‖∂L/∂W‖ grows like B with ``sum`` (L = Σᵢ Lᵢ, ∂L/∂Lᵢ = 1) and stays put with ``mean``
    (∂L/∂Lᵢ = 1/B); so with ``sum`` the learning rate must shrink like 1/B.

    CSS: root ``nn-04-batch``; ``nn-04-batch-B`` (slider); ``nn-04-batch-reduction``;
    ``nn-04-batch-values``; figure ``nn-04-batch-plot``.
    """

    def __init__(self, B: int = 8, reduction: str = "sum", B_max: int = 64, seed: int = 7,
                 eta: float = 0.1, steps: int = 10):
        import matplotlib.pyplot as plt

        self.curves = batch_scale_curves(B_max, seed, eta, steps)
        self.net = linear_net(W=((0.0, 0.0),), b=(0.0,))
        self.B = widgets.IntSlider(value=B, min=1, max=B_max, description="B",
                                   continuous_update=True, style={"description_width": "30px"},
                                   layout={"width": "300px"}).add_class("nn-04-batch-B")
        self.B.add_class("nn-slider")
        self.reduction = widgets.ToggleButtons(options=["sum", "mean"], value=reduction,
                                               style={"button_width": "70px"})
        self.reduction.add_class("nn-04-batch-reduction")
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-04-batch-values")
        with plt.ioff():
            self.fig = P.figure(7.6, 2.8)
            ax1 = self.fig.add_axes([0.08, 0.17, 0.38, 0.72])
            ax2 = self.fig.add_axes([0.58, 0.17, 0.4, 0.72])
            self.art = plot_batch_scale(ax1, ax2, self.curves)
            freeze_background(self.fig, [ax1, ax2], static=self.art["lines"],
                              dynamic=[self.art[k] for k in ("m_sum", "m_mean", "l_sum",
                                                             "l_mean")])
        self.grad = None
        self.timings = []
        self.B.observe(self._on_change, "value")
        self.reduction.observe(self._on_change, "value")
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([self.B, self.reduction], layout={"grid_gap": "12px",
                                                           "flex_flow": "row wrap"}),
            self.errors.html, self.html,
            canvas_widget(self.fig, "nn-04-batch-plot")]).add_class("nn-04-batch")
        self.refresh()

    def compute(self):
        B, red = int(self.B.value), self.reduction.value
        X, Y = self.curves["X"][:, :B], self.curves["Y"][:, :B]
        return B, red, self.net.with_loss(reduction=red).trace(X, Y)

    def show(self, result):
        B, red, tr = result
        update_batch_scale(self.art, B, red)
        set_value(self.html, self._html(tr, B, red))
        self.grad = tr[1].dW
        self.fig.canvas.draw_idle()

    def _html(self, tr, B, red):
        c = self.curves
        eta = c["eta"]
        g = tr[1].dW[0]
        norm = float(np.linalg.norm(tr[1].dW))
        other = "mean" if red == "sum" else "sum"
        other_norm = float(c[f"norm_{other}"][B - 1])
        seed = "1" if red == "sum" else f"1/B = {_f(1 / B, 4)}"
        after = c[f"after_{red}"][B - 1]
        after_text = ("diverged (E grew past 10⁶)" if not np.isfinite(after)
                      else _f(after, 4))
        eta_eff = eta * B if red == "sum" else eta
        advice = (f"with sum the step is η·Σ∇Lᵢ ≈ (η·B)·(mean gradient): η = {eta:g} acts like "
                  f"η = {eta_eff:g} on the mean; to take the same step use η/B = "
                  f"{_f(eta / B, 4)}" if red == "sum" else
                  f"with mean the step size does not depend on B: η = {eta:g} works for every B")
        return (f'<div class="nn-h">B = {B}, L = {"Σ" if red == "sum" else "(1/B) Σ"} Lᵢ, '
                f"∂L/∂Lᵢ = {seed} &nbsp;·&nbsp; ∂L/∂W = [<span data-key=\"dW-1\">"
                f'{_f(g[0], 4)}</span>, <span data-key="dW-2">{_f(g[1], 4)}</span>] '
                f'&nbsp;·&nbsp; ‖∂L/∂W‖ = <span data-key="norm">{_f(norm, 4)}</span> '
                f'(with {other}: <span data-key="norm-other">{_f(other_norm, 4)}</span>; '
                f"sum = B × mean)</div>"
                f'<div style="font-size:12px">mean loss after {c["steps"]} steps at η = {eta:g}: '
                f'<span data-key="after">{after_text}</span> &nbsp;·&nbsp; {advice}</div>')
