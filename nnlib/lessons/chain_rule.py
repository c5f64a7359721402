"""Notebook 04 (note 004, §1.1–1.2): the chain rule, the computation graph, the scalar loss.

Every number comes from the nnlib core (traces, ``Network.loss_at``, ``numerical_gradient``,
``GradientDescent``); this module lays them out for browser-drawn views (nnlib.fmt, tr).
:class:`ChainRuleWidget` (one neuron E = f₃(f₂(f₁(w)))), :class:`GraphView` (a panel's
computation graph), :class:`AggregationWidget` (L = vᵀℓ and its gradient vᵀJ),
:func:`per_sample_html` (the note's 误区, for ``show``), :class:`BatchScaleWidget` with
:func:`batch_scale_curves` and :func:`sum_vs_mean` (sum vs mean against the batch size B).
CSS classes all start with ``nn-04-``.
"""
from __future__ import annotations

import numpy as np

import nnlib
from nnlib import fmt
from nnlib.fmt import sym
from nnlib.i18n import tr
from nnlib.widgets import (Box, Chart, Controls, LiveView, Row, Scene, SceneView, TemplateView,
                           group, slider, table, toggle)
from nnlib.widgets.scene import arrow_d
from nnlib.widgets.network import AGREE, COLORS

__all__ = ["FD_STEP", "chain_net", "chain_values", "E_of_w", "chain_table", "tangent_span",
           "ChainRuleWidget", "graph_tensors", "graph_scene", "graph_updates", "GraphView",
           "make_batch", "linear_net", "param_names", "jacobian", "seed_vector", "aggregate",
           "aggregation_table", "AggregationWidget", "per_sample_html", "batch_scale_curves",
           "sum_vs_mean", "BatchScaleWidget"]

FD_STEP = 1e-5                    # h of the central differences shown beside backprop
GRAD_INK = "#AD1457"              # gradients (backward) in pink
FILL = {"input": COLORS["input"], "weight": COLORS["weight"], "bias": "#FFE0B2",
        "output": COLORS["output"], "plain": "#FFFFFF", "delta": "#F8BBD0"}
SUM, MEAN, SCALED, START = "#E65100", "#1565C0", "#2E7D32", "#9E9E9E"
DIGITS = 5     # the batch's data have two decimals, so J = (ŷᵢ − yᵢ) xᵢ has five: shown exactly,
               # never rounded at a half (where vᵀJ and its check could round apart)


def _short(v: float) -> str:
    """η, η·B: a few decimals, trailing zeros dropped (0.1, 0.8, 6.4, 0.0125)."""
    return fmt.num(v, 4).rstrip("0").rstrip(".")


def _agree(doc, key: str, rel: float) -> str:
    """Two gradients' agreement as a band, never the relative error's noisy digits."""
    ok = rel < AGREE
    return (f'<span {doc.cls(key, "", "nn-ok" if ok else "nn-bad")}>'
            + doc.text(key, tr("gradcheck.ok") if ok else tr("gradcheck.bad", err=f"{rel:.0e}"))
            + "</span>")


# -- 1.2 the chain rule on one neuron ------------------------------------------------------

def chain_net(w: float, b: float) -> nnlib.Network:
    """The one-neuron network u = w x + b, a = σ(u), E = ½ (a − t)² as an nnlib Network."""
    return nnlib.Network([nnlib.Dense([[w]], [b], "sigmoid")], loss="squared_error")


def chain_values(x: float, w: float, b: float, t: float, h: float = FD_STEP) -> dict:
    """Every number of dE/dw = ∂E/∂a · ∂a/∂u · ∂u/∂w = (a − t)·σ′(u)·x from one nnlib trace;
    ``fd`` the central difference (E(w + h) − E(w − h)) / 2h, ``nnlib_dw`` backprop's
    ∂E/∂W¹₁₁, ``nnlib_dx`` its ∂E/∂x, ``nnlib_db`` its ∂E/∂b."""
    net = chain_net(w, b)
    tr_ = net.trace([x], [t])
    lt = tr_[1]
    dE_da, da_du, du_dw = float(lt.dE_da[0]), float(lt.fprime[0]), float(tr_[0].a[0])
    E = [net.loss_at([(np.array([[w + s]]), np.array([b]))], [x], [t]) for s in (h, -h)]
    product, fd = dE_da * da_du * du_dw, (E[0] - E[1]) / (2 * h)
    return {"x": float(x), "w": float(w), "b": float(b), "t": float(t), "u": float(lt.z[0]),
            "a": float(lt.a[0]), "E": float(tr_.loss), "dE_da": dE_da, "da_du": da_du,
            "du_dw": du_dw, "du_db": 1.0, "du_dx": float(lt.W[0, 0]), "product": product,
            "fd": fd, "nnlib_dw": float(lt.dW[0, 0]), "nnlib_db": float(lt.db[0]),
            "nnlib_dx": float(tr_[0].dE_da[0]), "product_dx": dE_da * da_du * float(lt.W[0, 0]),
            "rel_error": float(nnlib.relative_error(product, fd)), "trace": tr_}


def E_of_w(x, b, t, ws) -> np.ndarray:
    """E(w) = ½ (σ(w x + b) − t)² along the grid ``ws`` from one nnlib forward pass: u = w x + b
    is the same neuron with weight x and the grid's w as a batch of inputs (w x = x w); each E
    is nnlib's loss of one column (a loop of ``Network.E`` costs ~5 ms a move)."""
    ws = np.asarray(ws, dtype=float)
    net, y = chain_net(float(x), b), np.array([float(t)])
    lt = net.trace(ws[None, :], np.full((1, ws.size), float(t)), backward=False)[1]
    return np.array([net.loss.value(lt.z[:, k], lt.a[:, k], y) for k in range(ws.size)])


def chain_table(v: dict, doc) -> str:
    """The chain x →f₁→ u →f₂→ a →f₃→ E with its values, each local derivative, their
    product and the checks (central difference, nnlib's backprop): a template."""
    def n(key, digits=4):
        return doc.num(key, v[key], digits)

    def box(role, body):
        return (f'<span class="nn-{role}" style="display:inline-block;border:1px solid #9e9e9e;'
                f'border-radius:5px;padding:2px 6px;margin:0 2px">{body}</span>')

    def arrow(top):
        return ('<span style="display:inline-block;text-align:center;margin:0 3px;'
                f'font-size:11.5px;color:#424242">{top}<br>⟶</span>')

    chain = "".join([box("input", f"x = {n('x', 2)}<br>w = {n('w', 2)}"),
                     arrow("f₁: u = w·x + b"), box("bias", f"u = {n('u')}"),
                     arrow("f₂: a = σ(u)"), box("output", f"a = {n('a')}"),
                     arrow(f"f₃: E = ½(a − t)², t = {n('t', 2)}"), box("delta", f"E = {n('E')}")])
    rows = [("∂E/∂a = f₃′(a)", "a − t", "dE_da"), ("∂a/∂u = f₂′(u)", "σ′(u) = a(1 − a)", "da_du"),
            ("∂u/∂w = ∂f₁/∂w", "x", "du_dw")]
    local = table([tr("chain.local"), tr("chain.formula"), tr("chain.value")],
                  [("", [f'<td class="nn-sym">{a}</td>', f'<td class="nn-sym">{f}</td>',
                         doc.num(k, v[k], 4, tag="td")]) for a, f, k in rows])
    check = table([tr("chain.central", h="10⁻⁵"), tr("chain.backprop"), tr("chain.agree")],
                  [("", [doc.num("fd", v["fd"], 6, tag="td"),
                         doc.num("nnlib_dw", v["nnlib_dw"], 6, tag="td"),
                         f'<td class="nn-text">{_agree(doc, "agree", v["rel_error"])}</td>'])])
    other = tr("chain.other", dx=n("product_dx", 6), nnlib_dx=n("nnlib_dx", 6),
               db=n("nnlib_db", 6))
    return (f'<div class="nn-h">{tr("chain.forward")}</div>'
            f'<div style="display:flex;align-items:center;flex-wrap:wrap">{chain}</div>'
            f'<div class="nn-h">{tr("chain.backward")}</div>{local}'
            f'<div class="nn-h">dE/dw = (a − t) · σ′(u) · x = {n("dE_da")} × {n("da_du")} × '
            f'{n("du_dw")} = {n("product", 6)}</div>{check}<div class="nn-note">{other}</div>')


W_RANGE, WS = (-4.0, 4.0), np.linspace(-4.0, 4.0, 81)


def tangent_span(w, E, slope, chart, half: float = 0.9) -> np.ndarray:
    """The ends of the tangent E + slope·(w′ − w), |w′ − w| ≤ ``half``, cut where it leaves
    the chart (a steep tangent is drawn up to the edge, not dropped)."""
    lo, hi = max(w - half, chart.xlim[0]), min(w + half, chart.xlim[1])
    if slope:
        ends = sorted(w + (y - E) / slope for y in chart.ylim)
        lo, hi = max(lo, ends[0]), min(hi, ends[1])
    return np.array([lo, hi])


class ChainRuleWidget(LiveView):
    """Sliders x, w, b, t of E = ½(σ(w x + b) − t)²: the chain's numbers, and E(w) (from nnlib
    when x, b or t move) with the point and the tangent of slope dE/dw. CSS: ``nn-04-chain``,
    ``nn-04-chain-controls`` (keys x, w, b, t), ``nn-04-chain-values``, ``nn-04-chain-plot``."""

    def __init__(self, x=1.5, w=0.8, b=-0.5, t=0.9):
        super().__init__()
        self.controls = Controls([group(tr("chain.inputs"), [
            slider("x", "x", x, -3, 3), slider("w", "w", w, *W_RANGE),
            slider("b", "b", b, -3, 3), slider("t", "t", t, 0, 1)])], css="nn-04-chain-controls")
        self.controls.on_change(lambda keys, user: self.action(self.refresh))
        self.table = TemplateView(chain_table, "nn-04-chain-values")
        s = Scene(430, 280)
        self.chart = c = Chart(s, (50, 34, 360, 200), W_RANGE, (-0.02, 0.52), xlabel="w",
                               ylabel="E", id="chain", yticks=[0.0, 0.1, 0.2, 0.3, 0.4, 0.5])
        c.add_line("curve", SCALED, 2.2)
        c.add_line("tangent", GRAD_INK, 1.8, dash="6 4")
        c.add_point("point", MEAN, 5.5)
        s.legend(50, 14, [("line", SCALED, "E(w)", None),
                          ("line", GRAD_INK, tr("chain.tangent"), "6 4"),
                          ("dot", MEAN, tr("chain.current_w"), None)], row=True)
        self.plot = SceneView(s, "nn-04-chain-plot")
        self.values, self._curve = None, (None, {})
        self.layout(Row([self.controls, self.plot]), self.table, css="nn-04-chain")
        self.refresh()

    def compute(self):
        v = chain_values(*(self.controls.values[k] for k in "xwbt"))
        key = (v["x"], v["b"], v["t"])
        if self._curve[0] != key:              # E(w) changes with x, b and t, not with w
            v["curve"] = (key, self.chart.line("curve", WS, E_of_w(v["x"], v["b"], v["t"], WS)))
        return v

    def show(self, v):
        self._curve = v.pop("curve", self._curve)
        wx = tangent_span(v["w"], v["E"], v["product"], self.chart)
        self.table.update(v)
        tangent = self.chart.line("tangent", wx, v["E"] + v["product"] * (wx - v["w"]))
        self.plot.updates = {**self._curve[1], **self.chart.point("point", v["w"], v["E"]),
                             **tangent}
        self.values = v


# -- the computation graph of a small network ------------------------------------------------

_OPS = {"sigmoid": "σ", "relu": "relu", "tanh": "tanh", "identity": "id", "softmax": "soft"}


def graph_tensors(t):
    """The tensors trace ``t``'s forward pass records, in order, with their forward value and
    gradient (the trace's own arrays): uˡ = Wˡ aˡ⁻¹ (∂E/∂uˡ = δˡ), zˡ = uˡ + bˡ (δˡ), aˡ = f(zˡ)
    (∂E/∂aˡ), Wˡ, bˡ (∂E/∂bˡ = δˡ), E (the seed 1). ``row`` 0 is the chain x → … → E, 1 a
    W, b or y above its op; ``show=False`` a gradient named, not repeated (δˡ, or 1)."""
    def T(key, name, value, grad_name, grad, role, row, op=None, show=True):
        return dict(key=key, name=name, value=value, grad_name=grad_name, grad=grad, role=role,
                    row=row, op=op, show=show)

    out = [T("x", "x", t[0].a, "∂E/∂x", t[0].dE_da, "input", 0)]
    for l in range(1, t.L + 1):
        lt, prev, d = t[l], "x" if l == 1 else sym("a", l - 1), sym("δ", l)
        out += [T(f"W{l}", sym("W", l), lt.W, f"∂E/∂{sym('W', l)}", lt.dW, "weight", 1, "×"),
                T(f"u{l}", f"{sym('u', l)}={sym('W', l)}{prev}", lt.z - lt.b, f"= {d}", lt.delta,
                  "plain", 0, "×", False),
                T(f"b{l}", sym("b", l), lt.b, f"∂E/∂{sym('b', l)} = {d}", lt.db, "bias", 1, "+",
                  False),
                T(f"z{l}", sym("z", l), lt.z, d, lt.delta, "plain", 0, "+"),
                T(f"a{l}", sym("a", l), lt.a, f"∂E/∂{sym('a', l)}", lt.dE_da,
                  "output" if l == t.L else "plain", 0, _OPS.get(lt.activation, "f"))]
    return out + [T("y", "y", t.y, "", None, "output", 1, "E"),
                  T("E", "E", np.array([t.loss]), "∂E/∂E = 1", np.array([1.0]), "delta", 0,
                    "½‖·‖²", False)]


LH, PITCH, GPITCH, R_OP = 15.0, 41.0, 48.0, 16.0      # line height, value / gradient columns
OVER = 20.0             # how far a W, b or y above an op may reach over its neighbours' space


def _grid(T):
    a = np.atleast_1d(np.asarray(T["value"], dtype=float))
    return a[:, None] if a.ndim == 1 else a


def graph_scene(t) -> Scene:
    """The static picture of trace ``t``'s computation graph: boxes, names, op circles, arrows
    and captions, with empty texts ``v-{key}-{i}-{j}`` (values), ``g-…`` (gradients)."""
    tensors = graph_tensors(t)
    by = {T["key"]: T for T in tensors}
    main = [T for T in tensors if T["row"] == 0]
    above = {"E" if T["key"] == "y" else {"W": "u", "b": "z"}[T["key"][0]] + T["key"][1:]:
             T["key"] for T in tensors if T["row"] == 1}
    pitch = {T["key"]: 56.0 if T["key"] == "E" else PITCH for T in tensors}

    def width(T):
        r, c = _grid(T).shape
        label = max(map(len, T["grad_name"].split(" = "))) if T["row"] else len(T["grad_name"])
        return max(c * pitch[T["key"]] + 8, c * GPITCH if T["show"] and T["grad"] is not None
                   else 0, 7.5 * len(T["name"]), 6.8 * label)

    pos, ops, x = {}, {}, 12.0                 # x of every tensor and op, left to right
    for k, T in enumerate(main):
        if k:
            up = by.get(above.get(T["key"]))
            w = max(2 * R_OP + 20, width(up) + 10 - 2 * OVER if up else 0)
            ops[T["key"]] = x + w / 2
            if up:
                pos[up["key"]] = x + w / 2
            x += w
        pos[T["key"]], x = x + (width(T) + 12) / 2, x + width(T) + 12
    up_rows = max(_grid(T).shape[0] for T in tensors if T["row"] == 1)
    main_rows = max(_grid(T).shape[0] for T in main)
    y_up, y_gup = 52.0, 52.0 + up_rows * LH + 22              # upper boxes, their gradients
    y_main = y_gup + up_rows * LH + 26 + max(R_OP, main_rows * LH / 2 + 22)
    y_grad = y_main + main_rows * LH / 2 + 20
    s = Scene(max(x + 12, 660), y_grad + main_rows * LH + 78)
    s.text(None, 12, 20, tr("chain.graph.forward"), font_size=12.5, text_anchor="start")

    def arrow(x0, y0, x1, y1):
        s.path(None, arrow_d(x0, y0, x1, y1, 7), stroke="#616161", fill="#616161",
               stroke_width=1.2)

    def numbers(prefix, x, top, shape, p, **style):
        for i in range(shape[0]):
            for j in range(shape[1]):
                s.text(f"{prefix}-{i + 1}-{j + 1}", x - shape[1] * p / 2 + (j + 1) * p - 4,
                       top + (i + 1) * LH, "", font_size=12, text_anchor="end", class_="nn-num",
                       **style)

    for k, T in enumerate(main[1:], start=1):
        prev, ox = main[k - 1], ops[T["key"]]
        arrow(pos[prev["key"]] + width(prev) / 2, y_main, ox - R_OP, y_main)
        arrow(ox + R_OP, y_main, pos[T["key"]] - width(T) / 2, y_main)
        s.circle(None, ox, y_main, R_OP, fill="#fff", stroke="#424242", stroke_width=1.2)
        s.text(None, ox, y_main + 4.5, T["op"], font_size=13 if len(T["op"]) < 3 else 10)
    for T in tensors:
        key, x, (r, c), p = T["key"], pos[T["key"]], _grid(T).shape, pitch[T["key"]]
        top = y_up if T["row"] == 1 else y_main - (r * LH + 6) / 2
        s.text(None, x, top - 6, T["name"], font_size=12.5, fill="#37474F")
        s.rect(None, x - (c * p + 8) / 2, top, c * p + 8, r * LH + 6, rx=5, fill=FILL[T["role"]],
               stroke="#757575", stroke_width=0.9)
        numbers(f"v-{key}", x, top - 0.5, (r, c), p)
        gy, name = (y_gup if T["row"] == 1 else y_grad), T["grad_name"]
        shown = T["show"] and T["grad"] is not None
        lines = name.split(" = ", 1) if T["row"] == 1 and " = " in name else None
        if T["row"] == 1:                      # down to the op, under its labels
            arrow(x, gy + r * LH + 5 if shown else gy + 21 if lines else top + r * LH + 8,
                  x, y_main - R_OP)
        if T["grad"] is not None:              # a parameter's "∂E/∂b¹ = δ¹" on two lines
            s.text(None, x, gy + (4 if lines else 0), "" if lines else name, font_size=11.5,
                   lines=[lines[0], "= " + lines[1]] if lines else None, fill=GRAD_INK)
        if shown:
            numbers(f"g-{key}", x, gy, (r, c), GPITCH, fill=GRAD_INK)
    y = s.height - 50
    s.text(None, 12, y, tr("chain.graph.backward"), font_size=12.5, text_anchor="start",
           fill=GRAD_INK)
    x = 12.0
    for role in ("input", "weight", "bias", "output"):
        s.rect(None, x, y + 9, 14, 12, fill=FILL[role], stroke="#757575", stroke_width=0.8)
        s.text(None, x + 18, y + 19.5, tr(f"chain.graph.{role}"), font_size=11.5,
               text_anchor="start")
        x += 30 + 12 * len(tr(f"chain.graph.{role}"))
    s.text(None, 12, y + 38, tr("chain.graph.note"), font_size=11.5, text_anchor="start",
           fill="#424242")
    return s


def graph_updates(t) -> dict:
    """The texts of :func:`graph_scene` for trace ``t``: values to 2 decimals (E to 4),
    gradients to 3."""
    up = {}
    for T in graph_tensors(t):
        for (i, j), v in np.ndenumerate(_grid(T)):
            up[f"v-{T['key']}-{i + 1}-{j + 1}"] = {"text": fmt.num(v, 4 if T["key"] == "E" else 2)}
        if T["show"] and T["grad"] is not None:
            for (i, j), v in np.ndenumerate(_grid({"value": T["grad"]})):
                up[f"g-{T['key']}-{i + 1}-{j + 1}"] = {"text": fmt.num(v, 3)}
    return up


class GraphView:
    """``panel``'s computation graph, one more view of its trace (``panel.follow``): drawn once
    per network shape, a move sends texts; shown under the panel. CSS: ``nn-04-graph``,
    ``nn-04-graph-view``."""

    def __init__(self, panel):
        self.panel, self.drawn = panel, None
        self.view = SceneView(css="nn-04-graph-view")
        self.widget = Box([panel.widget, self.view], css="nn-04-graph")
        panel.follow(self, key="nn-04-graph")

    def update(self, t):
        shape = (tuple(t.network.sizes), tuple(t.network.activations))
        if shape != self.drawn:
            self.view.draw(graph_scene(t))
            self.drawn = shape
        self.view.updates = graph_updates(t)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# -- why the loss must be a scalar ------------------------------------------------------------

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


def _flat(pairs):
    return np.concatenate([np.concatenate([W.ravel(), b.ravel()]) for W, b in pairs])


def param_names(net):
    """['W¹₁₁', 'W¹₁₂', 'b¹₁', …] in the order of :func:`jacobian`'s columns."""
    return [n for l, ly in enumerate(net.layers, start=1)
            for n in [sym("W", l, i + 1, j + 1) for i in range(ly.n_out) for j in range(ly.n_in)]
            + [sym("b", l, i + 1) for i in range(ly.n_out)]]


def jacobian(net, X, Y):
    """(ℓ, J): the per-sample losses ℓᵢ = Lᵢ (B,) and J = ∂ℓ/∂θ (B, P), row i being the
    gradient of Lᵢ alone, from ``net.trace`` of sample i."""
    traces = [net.trace(X[:, i], Y[:, i]) for i in range(X.shape[1])]
    return np.array([t.loss for t in traces]), np.array([_flat(t.grads) for t in traces])


def seed_vector(mode: str, B: int, weights=None) -> np.ndarray:
    """The seed v of L = vᵀℓ: ``sum`` → 1, ``mean`` → 1/B, ``weighted`` → the given weights."""
    if mode in ("sum", "mean"):
        return np.full(B, 1.0 if mode == "sum" else 1.0 / B)
    if mode == "weighted":
        v = np.asarray(weights, dtype=float)
        if v.shape != (B,):
            raise ValueError(tr("chain.agg.weights_shape", B=B, shape=v.shape))
        return v
    raise ValueError(tr("chain.agg.unknown", got=repr(mode)))


def aggregate(net, X, Y, mode="sum", weights=None) -> dict:
    """L = vᵀℓ and its gradient vᵀJ, with a check computed another way (``how``): "trace",
    nnlib's own trace of the aggregated loss (sum, mean), or "central", central differences
    of L(θ) = Σᵢ vᵢ Lᵢ(θ) with each Lᵢ from ``Network.loss_at`` (weighted)."""
    B = X.shape[1]
    ell, J = jacobian(net, X, Y)
    v = seed_vector(mode, B, weights)
    g = v @ J
    if mode in ("sum", "mean"):
        t = net.with_loss(reduction=mode).trace(X, Y)
        check, how = _flat(t.grads), "trace"
    else:
        one, shapes = net.with_loss(reduction="sum"), [(W.shape, b.size) for W, b in net.params()]

        def L_of(th):
            params, k = [], 0
            for sW, nb in shapes:
                nW = int(np.prod(sW))
                params.append((th[k:k + nW].reshape(sW), th[k + nW:k + nW + nb]))
                k += nW + nb
            return float(sum(v[i] * one.loss_at(params, X[:, i], Y[:, i]) for i in range(B)))

        check, how = nnlib.numerical_gradient(L_of, _flat(net.params()), h=1e-4), "central"
    return {"ell": ell, "J": J, "v": v, "g": g, "check": check, "L": float(v @ ell), "how": how,
            "mode": mode, "names": param_names(net),
            "rel_error": float(np.linalg.norm(g - check)
                               / max(np.linalg.norm(g) + np.linalg.norm(check), 1e-300))}


def aggregation_table(agg: dict, doc) -> str:
    """ℓ, the seed v, J, vᵀJ and the check as one table: a template."""
    J, v, ell, P = agg["J"], agg["v"], agg["ell"], agg["J"].shape[1]

    def num(key, value, **kw):
        return doc.num(key, value, DIGITS, tag="td", **kw)

    rows = [("", [f'<td class="nn-sym">{i + 1}</td>', num(f"ell-{i + 1}", ell[i]),
                  num(f"v-{i + 1}", v[i], cls="nn-delta")]
             + [num(f"J-{i + 1}-{p + 1}", J[i, p]) for p in range(P)]) for i in range(len(v))]
    rows.append(('style="font-weight:600"', ['<td class="nn-sym" colspan="3">vᵀJ = ∂L/∂θ</td>']
                 + [num(f"g-{p + 1}", agg["g"][p], cls="nn-grad") for p in range(P)]))
    rows.append(("", [doc.text("how", tr(f"chain.agg.how_{agg['how']}", mode=agg["mode"]),
                               tag="td", cls="nn-text").replace("<td", '<td colspan="3"', 1)]
                 + [num(f"check-{p + 1}", agg["check"][p]) for p in range(P)]))
    head = tr("chain.agg.head", L=doc.num("L", agg["L"], DIGITS), B=len(v), P=P,
              agree=_agree(doc, "agree", agg["rel_error"]))
    return (f'<div class="nn-h">{head}</div>' + table(
        [tr("chain.agg.sample"), "ℓᵢ = Lᵢ", tr("chain.agg.seed_col")]
        + [f"∂Lᵢ/∂{n}" for n in agg["names"]], rows))


PLANE_X, PLANE_Y = (-1.5, 5.5), (-3.5, 3.5)    # the (−∂/∂W¹₁₁, −∂/∂W¹₁₂) plane, fixed: the
                                               # pink arrow's length compares sum and mean


class AggregationWidget(LiveView):
    """L = vᵀℓ (sum: v = 1, mean: 1/B, weighted: v from sliders, enabled only then) and its
    gradient vᵀJ beside a check, as a table and in the (−∂/∂W¹₁₁, −∂/∂W¹₁₂) plane: each
    −∇Lᵢ grey, −vᵀJ pink, the check a ring. CSS: ``nn-04-agg``, ``nn-04-agg-controls`` (keys
    mode, v-1 … v-B), ``nn-04-agg-values``, ``nn-04-agg-plot``."""

    def __init__(self, B: int = 4, seed: int = 4, net=None):
        super().__init__()
        self.net = net or linear_net()
        self.X, self.Y = make_batch(B, seed)
        self.B, self._busy, self.agg = B, False, None
        self.controls = Controls([group("L = vᵀℓ, v =", [
            toggle("mode", "", "sum", [("sum", "sum"), ("mean", "mean"),
                                       ("weighted", tr("chain.agg.weighted"))])]
            + [slider(f"v-{i + 1}", sym("v", None, i + 1), 1.0, -1.0, 2.0) for i in range(B)])],
            css="nn-04-agg-controls")
        for i in range(B):
            self.controls.enable(f"v-{i + 1}", False)
        self.controls.on_change(self._changed)
        self.table = TemplateView(aggregation_table, "nn-04-agg-values")
        s = Scene(470, 330)
        self.chart = c = Chart(s, (46, 16, 270, 270), PLANE_X, PLANE_Y, xlabel="−∂/∂W¹₁₁",
                               ylabel="−∂/∂W¹₁₂", id="agg")
        s.line(None, c.px(0.0), 16, c.px(0.0), 286, stroke="#9e9e9e", stroke_width=1)
        s.line(None, 46, c.py(0.0), 316, c.py(0.0), stroke="#9e9e9e", stroke_width=1)
        s.add("svg", "clip", x=46, y=16, width=270, height=270, overflow="hidden")
        for i in range(B):
            s.path(f"row-{i + 1}", "", parent="clip", stroke=START, fill=START, stroke_width=2)
            s.text(f"lab-{i + 1}", -100, -100, str(i + 1), parent="clip", font_size=11,
                   fill="#616161")
        s.path("total", "", parent="clip", stroke=GRAD_INK, fill=GRAD_INK, stroke_width=3.2)
        s.circle("check", -100, -100, 7, parent="clip", fill="none", stroke="#212121",
                 stroke_width=1.5)
        s.legend(326, 30, [("line", START, tr("chain.agg.rows"), None),
                           ("line", GRAD_INK, tr("chain.agg.total"), None),
                           ("ring", "#212121", tr("chain.agg.check"), None)], dy=18)
        self.plot = SceneView(s, "nn-04-agg-plot")
        self.layout(Row([self.controls, self.plot]), self.table, css="nn-04-agg")
        self.refresh()

    def _changed(self, keys, user):
        if self._busy:
            return
        if "mode" in keys:                     # the mode's seed on the sliders, once
            mode, vals = self.controls.values["mode"], self.controls.values
            seed = (np.round([vals[f"v-{i + 1}"] for i in range(self.B)], 2)
                    if mode == "weighted" else seed_vector(mode, self.B))
            self._busy = True
            try:
                self.controls.set({f"v-{i + 1}": float(x) for i, x in enumerate(seed)})
                for i in range(self.B):
                    self.controls.enable(f"v-{i + 1}", mode == "weighted")
            finally:
                self._busy = False
        self.action(self.refresh)

    def compute(self):
        v = self.controls.values
        return aggregate(self.net, self.X, self.Y, v["mode"],
                         [v[f"v-{i + 1}"] for i in range(self.B)])

    def show(self, agg):
        c, J, g, k = self.chart, agg["J"], agg["g"], agg["check"]

        def at(a, b):                          # the plane → the clip's pixels
            return float(c.px(a)) - c.x0, float(c.py(b)) - c.y0

        o, up = at(0.0, 0.0), {}
        for i in range(self.B):
            tip = at(-J[i, 0], -J[i, 1])
            n = float(np.hypot(tip[0] - o[0], tip[1] - o[1]))
            dx, dy = ((tip[0] - o[0]) / n, (tip[1] - o[1]) / n) if n > 1 else (0.0, -1.0)
            up[f"row-{i + 1}"] = {"d": arrow_d(*o, *tip)}
            up[f"lab-{i + 1}"] = {"x": round(tip[0] + 10 * dx, 1),
                                  "y": round(tip[1] + 10 * dy + 4, 1)}
        up["total"] = {"d": arrow_d(*o, *at(-g[0], -g[1]), head=11)}
        cx, cy = at(-k[0], -k[1])
        up["check"] = {"cx": round(cx, 1), "cy": round(cy, 1)}
        self.table.update(agg)
        self.plot.updates = up
        self.agg = agg


def per_sample_html(net, X, Y, doc) -> str:
    """A builder for ``show``: ∂L/∂ŷᵢ of L = Σᵢ ½ (yᵢ − ŷᵢ)² by method 1 (ŷᵢ − yᵢ) and method 2
    (∂L/∂Lᵢ = 1 times ∂Lᵢ/∂ŷᵢ from sample i's own trace), beside nnlib's from the batch trace
    of the sum and of the mean (∂L/∂Lᵢ = 1/B)."""
    one, B = net.with_loss(reduction="sum"), X.shape[1]
    t_sum, t_mean = one.trace(X, Y), net.with_loss(reduction="mean").trace(X, Y)
    keys = ["yhat", "y", "Li", "dL_dLi", "dLi_dyhat", "method2", "method1", "nnlib_sum",
            "nnlib_mean"]
    rows = []
    for i in range(B):
        ti = one.trace(X[:, i], Y[:, i])                 # sample i alone: Lᵢ and ∂Lᵢ/∂ŷᵢ
        yhat, dLi = t_sum.output[0, i], float(ti[ti.L].dE_da[0])
        cells = [yhat, Y[0, i], ti.loss, 1.0, dLi, 1.0 * dLi, yhat - Y[0, i],
                 t_sum[t_sum.L].dE_da[0, i], t_mean[t_mean.L].dE_da[0, i]]
        rows.append(("", [f'<td class="nn-sym">{i + 1}</td>'] + [
            doc.num(f"{k}-{i + 1}", c, DIGITS, tag="td") for k, c in zip(keys, cells)]))
    head = ["i", "ŷᵢ", "yᵢ", "Lᵢ = ½(yᵢ − ŷᵢ)²", "∂L/∂Lᵢ (sum)", "∂Lᵢ/∂ŷᵢ",
            tr("chain.ps.method2"), tr("chain.ps.method1"), tr("chain.ps.nnlib", red="sum"),
            tr("chain.ps.nnlib", red="mean")]
    title = tr("chain.ps.title", L=doc.num("L-sum", t_sum.loss), B=B,
               Lm=doc.num("L-mean", t_mean.loss))
    return f'<div class="nn-h">{title}</div>' + table(head, rows, css="nn-04-per-sample")


# -- sum vs mean: the gradient's scale and the learning rate -------------------------------------

def batch_scale_curves(B_max: int = 64, seed: int = 7, eta: float = 0.1, steps: int = 10,
                       net=None) -> dict:
    """For B = 1..B_max (the first B samples of one fixed-seed data set): ‖∂L/∂W‖ with ``sum``
    and ``mean``, and the mean loss after ``steps`` gradient-descent steps at η on L_sum, on
    L_mean, and on L_sum with η/B (a diverged run, or one past 10⁶, is NaN). With ``sum`` the
    gradient grows like B, so a fixed η overshoots once η·B is too large; η/B undoes it."""
    net = net or linear_net(W=((0.0, 0.0),), b=(0.0,))
    X, Y = make_batch(B_max, seed)
    Bs = np.arange(1, B_max + 1)
    out = {"B": Bs, "eta": eta, "steps": steps, "X": X, "Y": Y}
    for red in ("sum", "mean"):
        n = net.with_loss(reduction=red)
        out[f"norm_{red}"] = np.array([np.linalg.norm(n.trace(X[:, :B], Y[:, :B])[1].dW)
                                       for B in Bs])
    for name, red, eta_of in (("sum", "sum", lambda B: eta), ("mean", "mean", lambda B: eta),
                              ("sum_scaled", "sum", lambda B: eta / B)):
        after = []
        for B in Bs:
            gd = nnlib.GradientDescent(net.with_loss(reduction=red), X[:, :B], Y[:, :B],
                                       eta_of(B))
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    gd.step(steps)
                E = gd.net.with_loss(reduction="mean").E(X[:, :B], Y[:, :B])
                after.append(E if np.isfinite(E) and E < 1e6 else np.nan)
            except nnlib.DivergenceError:
                after.append(np.nan)
        out[f"after_{name}"] = np.array(after)
    out["start"] = np.array([net.with_loss(reduction="mean").E(X[:, :B], Y[:, :B])
                             for B in Bs])
    return out


def sum_vs_mean(curves: dict, net=None) -> dict:
    """What :func:`batch_scale_curves` shows, as numbers (for the notebook's text):

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
            "huge_from": first(np.isnan(s)), "unstable_from": first(eta * Bs * lam > 2),
            "mean_stable": bool((eta * lam < 2).all()), "lam_max": lam}


def batch_text(r: dict, doc) -> str:
    """The chosen B's gradient and norm beside the other reduction's, the loss after the
    steps, and what η means for this reduction: a template."""
    sum_, eta = r["red"] == "sum", doc.text("eta", _short(r["eta"]))
    after = (doc.text("after", tr("chain.batch.diverged")) if not np.isfinite(r["after"])
             else doc.num("after", r["after"]))
    advice = (tr("chain.batch.advice_sum", eta=eta,
                 eta_B=doc.text("eta-B", _short(r["eta"] * r["B"])),
                 eta_over_B=doc.num("eta-over-B", r["eta"] / r["B"])) if sum_
              else tr("chain.batch.advice_mean", eta=eta))
    seed = "1" if sum_ else f"1/B = {doc.num('seed', 1 / r['B'])}"
    return (f'<div class="nn-h">B = {doc.text("B", str(r["B"]))}, L = '
            f'{"Σ Lᵢ" if sum_ else "(1/B) Σ Lᵢ"}, ∂L/∂Lᵢ = {seed} &nbsp;·&nbsp; ∂L/∂W = '
            f'[{doc.num("dW-1", r["dW"][0, 0])}, {doc.num("dW-2", r["dW"][0, 1])}] &nbsp;·&nbsp;'
            f' ‖∂L/∂W‖ = {doc.num("norm", r["norm"])} '
            + tr("chain.batch.other", other="mean" if sum_ else "sum",
                 norm=doc.num("norm-other", r["norm_other"])) + '</div><div class="nn-note">'
            + tr("chain.batch.after_text", k=r["steps"], eta=_short(r["eta"]), after=after)
            + f" &nbsp;·&nbsp; {advice}</div>")


class BatchScaleWidget(LiveView):
    """B (1..64) and sum ↔ mean: left ‖∂L/∂W‖ against B, right the mean loss after 10 steps
    at one η (log scale; start, sum, mean, sum with η/B; a gap is a diverged run), curves of
    :func:`batch_scale_curves` drawn once, markers at B. CSS: ``nn-04-batch``,
    ``nn-04-batch-controls`` (keys B, reduction), ``nn-04-batch-values``, ``nn-04-batch-plot``."""

    def __init__(self, B: int = 8, reduction: str = "sum", B_max: int = 64, seed: int = 7,
                 eta: float = 0.1, steps: int = 10):
        super().__init__()
        self.curves = c = batch_scale_curves(B_max, seed, eta, steps)
        self.net, self.grad = linear_net(W=((0.0, 0.0),), b=(0.0,)), None
        self.controls = Controls([group(tr("chain.batch.controls"), [
            slider("B", "B", B, 1, B_max, step=1),
            toggle("reduction", "", reduction, [("sum", "sum"), ("mean", "mean")])], row=True)],
            css="nn-04-batch-controls")
        self.controls.on_change(lambda keys, user: self.action(self.refresh))
        self.text = TemplateView(batch_text, "nn-04-batch-values")
        s, Bs, e = Scene(880, 290), c["B"], _short(eta)
        finite = np.concatenate([c[k][np.isfinite(c[k])] for k in
                                 ("start", "after_sum", "after_mean", "after_sum_scaled")])
        self.left = Chart(s, (64, 30, 330, 210), (0, B_max), (0, 1.05 * c["norm_sum"].max()),
                          xlabel=tr("chain.batch.B"), ylabel="‖∂L/∂W‖", id="norm",
                          title=tr("chain.batch.left"))
        self.right = Chart(s, (520, 30, 330, 210), (0, B_max),
                           (10.0 ** np.floor(np.log10(finite.min())), 1e6), log_y=True,
                           xlabel=tr("chain.batch.B"), ylabel=tr("chain.batch.after", k=steps),
                           title=tr("chain.batch.right"), id="loss")
        for chart, name, ys, colour, dash in (
                (self.left, "sum", c["norm_sum"], SUM, None),
                (self.left, "mean", c["norm_mean"], MEAN, None),
                (self.right, "start", c["start"], START, "2 3"),
                (self.right, "sum", c["after_sum"], SUM, None),
                (self.right, "mean", c["after_mean"], MEAN, None),
                (self.right, "scaled", c["after_sum_scaled"], SCALED, "7 4")):
            ((_, d),) = chart.line(name, Bs, ys).items()
            chart.add_line(name, colour, 1.5 if name == "scaled" else 2.0, dash, d=d["d"])
        for chart in (self.left, self.right):
            for red, colour in (("sum", SUM), ("mean", MEAN)):
                chart.add_point(f"m-{red}", colour, 6, stroke="#fff", stroke_width=1.2)
        s.legend(76, 44, [("line", SUM, "sum", None), ("line", MEAN, "mean", None)])
        s.legend(690, 44, [("line", START, tr("chain.batch.start"), "2 3"),
                           ("line", SUM, f"sum, η = {e}", None),
                           ("line", MEAN, f"mean, η = {e}", None),
                           ("line", SCALED, f"sum, η = {e}/B", "7 4")])
        self.plot = SceneView(s, "nn-04-batch-plot")
        self.layout(self.controls, self.text, self.plot, css="nn-04-batch")
        self.refresh()

    def compute(self):
        B, red, c = int(round(self.controls.values["B"])), self.controls.values["reduction"], \
            self.curves
        dW = self.net.with_loss(reduction=red).trace(c["X"][:, :B], c["Y"][:, :B])[1].dW
        return {"B": B, "red": red, "dW": dW, "norm": float(np.linalg.norm(dW)),
                "norm_other": float(c[f"norm_{'mean' if red == 'sum' else 'sum'}"][B - 1]),
                "after": float(c[f"after_{red}"][B - 1]), "eta": c["eta"], "steps": c["steps"]}

    def show(self, r):
        c, B, up = self.curves, r["B"], {}
        for red in ("sum", "mean"):
            look = {"r": 6.5, "opacity": 1.0} if red == r["red"] else {"r": 3.5, "opacity": 0.55}
            for chart, ys in ((self.left, c[f"norm_{red}"]), (self.right, c[f"after_{red}"])):
                ((key, p),) = chart.point(f"m-{red}", B, ys[B - 1]).items()
                up[key] = {**p, **look}
        self.text.update(r)
        self.plot.updates = up
        self.grad = r["dW"]
