"""The views of a network's trace: the diagram (a browser-drawn SVG) and the formulas and tables
with numbers (template builders ``build(t, doc)``, see :mod:`nnlib.widgets.template`).

Colours follow note 000: input #90CAF9, weights #FFCC80, output #A5D6A7. An edge is orange for
a positive value, purple for a negative one and grey for exactly 0; its width ∝ |value|. A unit
with f′(z) = 0 (``LayerTrace.dead``: a ReLU with z ≤ 0) is grey and dashed: no gradient passes.
"""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..fmt import sym
from ..i18n import tr
from .scene import Scene, SceneView
from .template import Doc, eq, lhs, matrix, op, table

__all__ = ["COLORS", "DiagramView", "diagram_scene", "diagram_updates", "layer_name",
           "compact_scene", "compact_updates",
           "values_table", "forward_eq", "forward_eqs", "backward_eq", "backward_eqs",
           "gradcheck_table", "a_name"]

COLORS = {"input": "#90CAF9", "weight": "#FFCC80", "output": "#A5D6A7", "hidden": "#FFF8E1",
          "dead": "#E0E0E0", "pos": "#E65100", "neg": "#5E35B1", "zero": "#BDBDBD",
          "ink": "#212121", "faint": "#9E9E9E", "highlight": "#1565C0"}
R, DX, DY, TOP, BOTTOM, SIDE = 38.0, 176.0, 92.0, 36.0, 71.0, 76.0


def a_name(l: int) -> str:
    """aˡ, or x for the input (a⁰ = x)."""
    return "x" if l == 0 else sym("a", l)


def layer_name(t_or_net, l: int) -> str:
    """The diagram's name for layer l: input x, layer l · f, output · f."""
    acts = t_or_net.network.activations if hasattr(t_or_net, "network") else t_or_net.activations
    L = len(acts)
    if l == 0:
        return tr("diagram.input")
    return tr("diagram.output" if l == L else "diagram.layer", l=l, f=acts[l - 1])


def positions(sizes):
    """Node centres: layer l at x = SIDE + l·DX, its units centred vertically, unit 1 on top."""
    top = TOP + R
    span = (max(sizes) - 1) * DY
    return [[(SIDE + l * DX, top + span / 2 + (i - (n - 1) / 2) * DY) for i in range(n)]
            for l, n in enumerate(sizes)]


def diagram_scene(sizes, edge_labels: bool = False) -> Scene:
    """The static picture of a network with layer sizes ``sizes`` = [n⁰, …, nᴸ]: edges, circles
    and empty texts with ids the updates address (``e-l-i-j`` carries Wˡᵢⱼ from unit j of layer
    l − 1 to unit i of layer l; ``n-l-i`` and ``t-l-i`` are unit i of layer l)."""
    L = len(sizes) - 1
    width = max(2 * SIDE + L * DX, 480.0)               # room for the legend
    pos = [[(x + (width - 2 * SIDE - L * DX) / 2, y) for x, y in layer]
           for layer in positions(sizes)]
    height = TOP + 2 * R + (max(sizes) - 1) * DY + BOTTOM
    s = Scene(width, height)
    _edges(s, pos, R)
    if edge_labels:
        for l in range(1, L + 1):
            for i, (x1, y1) in enumerate(pos[l]):
                for j, (x0, y0) in enumerate(pos[l - 1]):
                    f = 0.3 + 0.12 * (j % 2)
                    s.text(f"el-{l}-{i + 1}-{j + 1}", x0 + R + f * (x1 - x0 - 2 * R),
                           y0 + f * (y1 - y0) + 4, "", font_size=10.5, class_="nn-num",
                           fill="#424242", paint_order="stroke", stroke="#fff",
                           stroke_width=3)
    _units(s, pos, R, name_y=TOP - 14, name_size=14, ring=1.3, text_dy=0, text_size=14)
    s.text("legend", width / 2, height - 47, "", font_size=13, fill="#424242")       # E, circles
    s.text("legend-edges", width / 2, height - 28, "", font_size=13, fill="#424242")
    s.text("legend-dead", width / 2, height - 9, "", font_size=13, fill="#616161")
    return s


def _edges(s: Scene, pos, r: float):
    """Edge ``e-l-i-j`` (Wˡᵢⱼ: unit j of layer l − 1 → unit i of layer l) between circles of
    radius r at the centres ``pos``, grey until the updates colour it."""
    for l in range(1, len(pos)):
        for i, (x1, y1) in enumerate(pos[l]):
            for j, (x0, y0) in enumerate(pos[l - 1]):
                s.line(f"e-{l}-{i + 1}-{j + 1}", x0 + r, y0, x1 - r, y1, stroke=COLORS["zero"],
                       stroke_width=1, stroke_linecap="round")


def _units(s: Scene, pos, r: float, name_y, name_size, ring, text_dy, text_size):
    """Layer l's name ``name-l`` and its units: circle ``n-l-i`` (input, hidden or output
    colour) with an empty text ``t-l-i`` the updates fill."""
    L = len(pos) - 1
    for l, layer in enumerate(pos):
        face = COLORS["input"] if l == 0 else COLORS["output"] if l == L else COLORS["hidden"]
        s.text(f"name-{l}", layer[0][0], name_y, "", font_size=name_size, fill="#37474F",
               font_weight=600)
        for i, (x, y) in enumerate(layer):
            s.circle(f"n-{l}-{i + 1}", x, y, r, fill=face, stroke="#424242", stroke_width=ring)
            s.text(f"t-{l}-{i + 1}", x, y + text_dy, "", font_size=text_size, class_="nn-num")


def _edge_values(t, l, mode):
    return t[l].dW if mode == "dW" and t[l].dW is not None else t[l].W


def diagram_updates(t, mode: str = "W", highlight=()) -> dict:
    """The texts, colours and widths of :func:`diagram_scene` for trace ``t`` (one example).

    ``mode`` "W" or "dW": what the edges show. ``highlight``: ids to draw in blue (a stepper's
    current step)."""
    backward = t[t.L].delta is not None
    mode = mode if backward else "W"
    L = t.L
    up = {}
    vmax = max(float(np.abs(_edge_values(t, l, mode)).max()) for l in range(1, L + 1)) or 1.0
    has_relu = any(a == "relu" for a in t.network.activations[:-1]) or \
        t.network.activations[-1] == "relu"
    for l in range(1, L + 1):
        vals = _edge_values(t, l, mode)
        dead = t[l].dead
        for i in range(vals.shape[0]):
            for j in range(vals.shape[1]):
                v = float(vals[i, j])
                colour = COLORS["pos"] if v > 0 else COLORS["neg"] if v < 0 else COLORS["zero"]
                name = sym("W", l, i + 1, j + 1)
                tip = f"{name} = {fmt.num(t[l].W[i, j])}"
                if backward:
                    tip += f"   ∂E/∂{name} = {fmt.num(t[l].dW[i, j])}"
                eid = f"e-{l}-{i + 1}-{j + 1}"
                up[eid] = {"stroke": COLORS["highlight"] if eid in highlight else colour,
                           "stroke-width": round(0.8 + 6.0 * abs(v) / vmax, 2),
                           "opacity": 0.3 if dead[i] else 0.85, "title": tip}
                up[f"el-{l}-{i + 1}-{j + 1}"] = {"text": fmt.num(v, 2)}
    for i, v in enumerate(np.ravel(t[0].a)):
        up[f"t-0-{i + 1}"] = {"lines": [sym("x", None, i + 1), fmt.num(v, 2)]}
        up[f"n-0-{i + 1}"] = {"stroke": COLORS["highlight"] if f"n-0-{i + 1}" in highlight
                              else "#424242", "stroke-width": 3 if f"n-0-{i + 1}" in highlight
                              else 1.3}
    for l in range(1, L + 1):
        lt = t[l]
        face = COLORS["output"] if l == L else COLORS["hidden"]
        for i in range(lt.z.shape[0]):
            dead = bool(lt.dead[i])
            lines = [f"z {fmt.num(lt.z[i], 2)}", f"a {fmt.num(lt.a[i], 2)}"]
            if backward:
                lines.append(f"δ {fmt.num(lt.delta[i], 3)}")
            nid = f"n-{l}-{i + 1}"
            lit = nid in highlight
            up[nid] = {"fill": COLORS["dead"] if dead else face,
                       "stroke": COLORS["highlight"] if lit else
                       (COLORS["faint"] if dead else "#424242"),
                       "stroke-width": 3 if lit else 1.3,
                       "stroke-dasharray": "5 4" if dead else None}
            up[f"t-{l}-{i + 1}"] = {"lines": lines, "fill": "#757575" if dead else COLORS["ink"]}
    for l in range(L + 1):
        up[f"name-{l}"] = {"text": layer_name(t, l)}
    what = "∂E/∂W" if mode == "dW" else "W"
    inside = "z, a, δ" if backward else "z, a"
    legend = tr("diagram.circles", inside=inside)
    if backward:
        legend = tr("diagram.loss", E=fmt.num(t.loss)) + " · " + legend
    up["legend"] = {"text": legend}
    up["legend-edges"] = {"text": tr("diagram.edges", what=what)}
    up["legend-dead"] = {"text": tr("diagram.dead") if has_relu else ""}
    return up


class DiagramView(SceneView):
    """The network of a trace, drawn in the browser: ``update(t, mode)`` on every move.

    ``compact=True`` (opt-in, for up to 8 units per layer and a batch trace): small units
    without z and a; ``update(t, mode, net=net, dead=dead)`` draws ``net``'s Wˡ on the edges
    and bˡ in the units (mode "W"), or the last step's ∂E/∂Wˡ on the edges and ∂E/∂bˡ = Σ δˡ
    over the batch in the units (mode "dW", from the trace ``t`` of that step, None before the
    first step); ``dead``: per hidden layer, which units to grey (see :func:`compact_updates`)."""

    def __init__(self, net_or_trace, edge_labels: bool = False, css: str = "nn-diagram",
                 compact: bool = False, **kwargs):
        sizes = net_or_trace.sizes if hasattr(net_or_trace, "sizes") else \
            net_or_trace.network.sizes
        self.sizes, self.edge_labels, self.compact = list(sizes), edge_labels, compact
        super().__init__(self._scene(), css=css, **kwargs)

    def _scene(self):
        return compact_scene(self.sizes) if self.compact else \
            diagram_scene(self.sizes, self.edge_labels)

    def update(self, t, mode: str = "W", highlight=(), net=None, dead=None):
        sizes = (net if net is not None else t.network).sizes
        if sizes != self.sizes:                            # another network shape: redraw
            self.sizes = list(sizes)
            self.draw(self._scene())
        if self.compact:
            self.updates = compact_updates(net if net is not None else t.network, t, mode, dead)
            return
        up = diagram_updates(t, mode, highlight)
        if not self.edge_labels:
            up = {k: v for k, v in up.items() if not k.startswith("el-")}
        self.updates = up


# --- the compact diagram (opt-in): a trained network's weights or last gradients ---------------

CR, CDX, CDY, CTOP, CBOTTOM, CSIDE = 15.0, 100.0, 36.0, 30.0, 40.0, 30.0


def compact_scene(sizes) -> Scene:
    """The static picture of a network of up to 8 units per layer: small circles ``n-l-i``
    with one number ``t-l-i`` inside, edges ``e-l-i-j`` (Wˡᵢⱼ from unit j of layer l − 1 to
    unit i of layer l), layer names ``name-l`` and a ``legend``."""
    L = len(sizes) - 1
    width = max(2 * CSIDE + L * CDX + 2 * CR, 300.0)
    x0 = (width - L * CDX) / 2
    span = (max(sizes) - 1) * CDY
    top = CTOP + CR
    pos = [[(x0 + l * CDX, top + span / 2 + (i - (n - 1) / 2) * CDY) for i in range(n)]
           for l, n in enumerate(sizes)]
    s = Scene(width, top + span + CR + CBOTTOM)
    _edges(s, pos, CR)
    _units(s, pos, CR, name_y=CTOP - 12, name_size=11.5, ring=1.1, text_dy=3.5, text_size=9)
    s.text("legend", width / 2, s.height - 12, "", font_size=11.5, fill="#424242")
    return s


def compact_updates(net, t=None, mode: str = "W", dead=None) -> dict:
    """The colours, widths, numbers and tooltips of :func:`compact_scene`. Mode "W": the edges
    carry ``net``'s Wˡᵢⱼ, the units bˡᵢ. Mode "dW": the edges carry the last step's ∂E/∂Wˡᵢⱼ
    (``t``, the trace of that step's batch: already summed over its columns) and the units
    ∂E/∂bˡᵢ = Σ_columns δˡᵢ; without a step yet (``t`` None) they are grey. An edge is orange
    for a positive value, purple for a negative one, its width ∝ |value|; a unit is filled on
    the red/blue scale of :func:`~nnlib.widgets.diverging`. ``dead`` [(n¹,) bool, …] for the
    hidden layers: units drawn grey and dashed (no gradient reaches them)."""
    from .scene import diverging
    L, grads = net.L, mode == "dW"
    have = t is not None and t[t.L].delta is not None
    edges = [(t[l].dW if have else np.zeros_like(net.layers[l - 1].W)) if grads
             else net.layers[l - 1].W for l in range(1, L + 1)]
    units = [(t[l].db if have else np.zeros_like(net.layers[l - 1].b)) if grads
             else net.layers[l - 1].b for l in range(1, L + 1)]
    vmax = max(float(np.abs(v).max()) for v in edges) or 1.0
    umax = max(float(np.abs(v).max()) for v in units) or 1.0
    up = {}
    for l in range(1, L + 1):
        W = net.layers[l - 1].W
        off = dead[l - 1] if dead is not None and l < L else np.zeros(W.shape[0], dtype=bool)
        for i in range(W.shape[0]):
            for j in range(W.shape[1]):
                v = float(edges[l - 1][i, j])
                colour = COLORS["pos"] if v > 0 else COLORS["neg"] if v < 0 else COLORS["zero"]
                name = sym("W", l, i + 1, j + 1)
                tip = f"{name} = {fmt.num(W[i, j])}"
                if have:
                    tip += f"   ∂E/∂{name} = {fmt.num(t[l].dW[i, j])}"
                up[f"e-{l}-{i + 1}-{j + 1}"] = {
                    "stroke": colour, "stroke-width": round(0.6 + 4.4 * abs(v) / vmax, 2),
                    "opacity": 0.25 if off[i] else 0.8, "title": tip}
            u = float(units[l - 1][i])
            b = sym("b", l, i + 1)
            tip = tr("cdiagram.unit", l=l, i=i + 1, f=net.activations[l - 1]) + \
                f": {b} = {fmt.num(net.layers[l - 1].b[i])}"
            if have:
                tip += f"   ∂E/∂{b} = Σδ = {fmt.num(t[l].db[i])}"
            if off[i]:
                tip += " · " + tr("cdiagram.dead_tip")
            up[f"n-{l}-{i + 1}"] = {"fill": COLORS["dead"] if off[i] else diverging(u, umax),
                                    "stroke": COLORS["faint"] if off[i] else "#424242",
                                    "stroke-dasharray": "4 3" if off[i] else None,
                                    "title": tip}
            up[f"t-{l}-{i + 1}"] = {"text": fmt.num(u, 3 if grads else 2),
                                    "fill": "#757575" if off[i] else
                                    "#ffffff" if abs(u) > 0.6 * umax else COLORS["ink"]}
    for i in range(net.n_in):
        up[f"t-0-{i + 1}"] = {"text": sym("x", None, i + 1)}
    for l in range(L + 1):
        up[f"name-{l}"] = {"text": "x" if l == 0 else sym("a", l)}
    up["legend"] = {"text": tr("cdiagram.legend_dW" if grads else "cdiagram.legend_W")
                    + ("" if have or not grads else " · " + tr("cdiagram.no_step"))}
    return up


# --- formulas and tables with numbers ---------------------------------------------------------

def values_table(t, doc: Doc, loss: bool = True) -> str:
    """E, aᴸ and y, then for each layer l a table of zˡ, aˡ, f′(zˡ), δˡ, ∂E/∂bˡ and the rows of
    ∂E/∂Wˡ (dead units greyed). Slots: E, out-k, y-k, z-l-i, a-l-i, fp-l-i, delta-l-i,
    db-l-i, dW-l-i-j (1-based). ``loss=False``: a forward-only panel (no target, no E)."""
    L = t.L
    out = ", ".join(doc.num(f"out-{k + 1}", v) for k, v in enumerate(np.ravel(t.output)))
    head = f"{sym('a', L)} = {out}"
    if loss and t[L].delta is not None:
        ys = ", ".join(doc.num(f"y-{k + 1}", v) for k, v in enumerate(np.ravel(t.y)))
        head = f"E = {doc.num('E', t.loss)} &nbsp;&nbsp; {head} &nbsp;&nbsp; y = {ys}"
    parts = [f'<div class="nn-h">{head}</div>']
    backward = t[L].delta is not None
    for l in range(1, L + 1):
        lt = t[l]
        n_in = lt.W.shape[1]
        cols = ["i", sym("z", l), sym("a", l)]
        if backward:
            cols += ["f′(z)", sym("δ", l), f"∂E/∂{sym('b', l)}"] + \
                [f"∂E/∂{sym('W', l)}ᵢ{fmt.sym('', None, j + 1)}" for j in range(n_in)]
        rows = []
        for i in range(lt.W.shape[0]):
            cells = [f'<td class="nn-sym">{i + 1}</td>', doc.num(f"z-{l}-{i + 1}", lt.z[i], tag="td"),
                     doc.num(f"a-{l}-{i + 1}", lt.a[i], tag="td")]
            if backward:
                fp = "—" if lt.fprime is None else fmt.num(lt.fprime[i])
                cells += [doc.text(f"fp-{l}-{i + 1}", fp, tag="td"),
                          doc.num(f"delta-{l}-{i + 1}", lt.delta[i], tag="td"),
                          doc.num(f"db-{l}-{i + 1}", lt.db[i], tag="td")]
                cells += [doc.num(f"dW-{l}-{i + 1}-{j + 1}", lt.dW[i, j], tag="td")
                          for j in range(n_in)]
            rows.append((doc.cls(f"row-{l}-{i + 1}", "", "nn-dead" if lt.dead[i] else ""),
                         cells))
        parts.append(f'<div class="nn-h">{tr("values.layer", l=l, f=lt.activation)}</div>'
                     + table(cols, rows))
    return "".join(parts)


def forward_eq(t, l: int, doc: Doc) -> str:
    """zˡ = Wˡ aˡ⁻¹ + bˡ → aˡ = f(zˡ) with layer l's numbers."""
    lt, prev = t[l], t[l - 1]
    dead = lt.dead
    return eq(lhs(sym("z", l)), op("="),
              matrix(doc, f"f{l}-W", lt.W, "weight", sym("W", l)), op("·"),
              matrix(doc, f"f{l}-a", prev.a, "input", a_name(l - 1)), op("+"),
              matrix(doc, f"f{l}-b", lt.b, "bias", sym("b", l)), op("="),
              matrix(doc, f"f{l}-z", lt.z, "output", sym("z", l), dead_rows=dead),
              op("  ⟶  "), lhs(f"{sym('a', l)} = {lt.activation}({sym('z', l)})"), op("="),
              matrix(doc, f"f{l}-A", lt.a, "output", sym("a", l), dead_rows=dead))


def forward_eqs(t, doc: Doc) -> str:
    return "".join(forward_eq(t, l, doc) for l in range(1, t.L + 1))


def backward_eq(t, l: int, doc: Doc) -> str:
    """δˡ (the notes' steps 1 and 4) and ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, ∂E/∂bˡ = δˡ (steps 2 and 5)."""
    lt, L = t[l], t.L
    dead = lt.dead
    k = f"b{l}"
    parts = []
    if l == L and t.network.loss.delta_shortcut is not None:
        parts.append(eq(lhs(f"{sym('δ', l)} = {sym('a', l)} − y"), op("="),
                        matrix(doc, f"{k}-a", lt.a, "output", sym("a", l)), op("−"),
                        matrix(doc, f"{k}-y", t.y, "output", "y"), op("="),
                        matrix(doc, f"{k}-d", lt.delta, "delta", sym("δ", l))))
    else:
        if l < L:
            nxt = t[l + 1]
            parts.append(eq(lhs(f"∂E/∂{sym('a', l)} = ({sym('W', l + 1)})ᵀ{sym('δ', l + 1)}"),
                            op("="), matrix(doc, f"{k}-WT", nxt.W.T, "weight",
                                            f"({sym('W', l + 1)})ᵀ"), op("·"),
                            matrix(doc, f"{k}-dn", nxt.delta, "delta", sym("δ", l + 1)), op("="),
                            matrix(doc, f"{k}-e", lt.dE_da, "delta", "∂E/∂" + sym("a", l))))
        if lt.fprime is not None:
            parts.append(eq(lhs(f"{sym('δ', l)} = ∂E/∂{sym('a', l)} ⊙ f′({sym('z', l)})"),
                            op("="), matrix(doc, f"{k}-e2", lt.dE_da, "delta",
                                            "∂E/∂" + sym("a", l)), op("⊙"),
                            matrix(doc, f"{k}-fp", lt.fprime, "plain", f"f′({sym('z', l)})",
                                   dead_rows=dead), op("="),
                            matrix(doc, f"{k}-d", lt.delta, "delta", sym("δ", l),
                                   dead_rows=dead)))
        else:
            parts.append(eq(lhs(f"{sym('δ', l)} = (diag(a) − a aᵀ) ∂E/∂{sym('a', l)}"), op("="),
                            matrix(doc, f"{k}-d", lt.delta, "delta", sym("δ", l))))
    prev = a_name(l - 1)
    parts.append(eq(lhs(f"∂E/∂{sym('W', l)} = {sym('δ', l)} ({prev})ᵀ"), op("="),
                    matrix(doc, f"{k}-d2", lt.delta, "delta", sym("δ", l), dead_rows=dead),
                    op("·"), matrix(doc, f"{k}-aT", np.atleast_2d(t[l - 1].a), "input",
                                    f"({prev})ᵀ"), op("="),
                    matrix(doc, f"{k}-dW", lt.dW, "grad", f"∂E/∂{sym('W', l)}", dead_rows=dead),
                    op("   "), lhs(f"∂E/∂{sym('b', l)} = {sym('δ', l)}"), op("="),
                    matrix(doc, f"{k}-db", lt.db, "grad", f"∂E/∂{sym('b', l)}",
                           dead_rows=dead)))
    return "".join(parts)


def backward_eqs(t, doc: Doc) -> str:
    return "".join(f'<div class="nn-h">{tr("backward.layer", l=l)}</div>' + backward_eq(t, l, doc)
                   for l in range(t.L, 0, -1))


AGREE = 1e-7     # the plain central difference with h = 1e-5 agrees to ~1e-10 away from kinks


def gradcheck_table(checks, doc: Doc) -> str:
    """Backprop's gradient beside the central difference, entry by entry. Agreement is shown
    as a band (< 10⁻⁷), never as the relative error's own digits: below that they are
    rounding noise and change from one CPU to another. Slots: gc-W-l-i-j, gcn-…, gcok-…."""
    rows, n, bad = [], 0, 0
    for c in checks:
        for idx in np.ndindex(c.analytic.shape):
            key = "-".join([c.name, str(c.l)] + [str(i + 1) for i in idx])
            rel = float(c.rel_error[idx])
            ok = rel < AGREE
            n, bad = n + 1, bad + (not ok)
            rows.append(("", [f'<td class="nn-sym">∂E/∂{sym(c.name, c.l, *(i + 1 for i in idx))}</td>',
                              doc.num(f"gc-{key}", c.analytic[idx], 6, tag="td"),
                              doc.num(f"gcn-{key}", c.numeric[idx], 6, tag="td"),
                              doc.text(f"gcok-{key}", tr("gradcheck.ok") if ok else
                                       tr("gradcheck.bad", err=f"{rel:.0e}"), tag="td",
                                       cls="nn-text")]))
    summary = (tr("gradcheck.summary_ok", n=n) if not bad
               else tr("gradcheck.summary_bad", bad=bad, n=n))
    return (f'<div class="nn-h">{tr("gradcheck.title")}</div>'
            f'<div class="nn-note">{doc.text("gc-summary", summary)}</div>'
            + table([tr("gradcheck.param"), tr("gradcheck.backprop"), tr("gradcheck.numeric"),
                     tr("gradcheck.agree")], rows))
