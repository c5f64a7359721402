r"""Notebook 01, the fully connected layer (note 000, part 1). Every number comes from nnlib (a
:class:`nnlib.Dense` layer, one trace per move); this module lays the numbers out:

* builders for ``show(builder, …)``: input_column, weight_rows (W in the note's row colours),
  linear_eq, bias_eq, activations_table, recipe_eq, shapes_eq, conv_eq; network_view (a still
  diagram);
* views that follow a panel: :class:`RowsView` (zᵢ = Σⱼ wᵢⱼ xⱼ + bᵢ, row by row),
  :class:`ActivationView` (a = f(z), f′(z), the current zᵢ marked);
* widgets: :class:`RecipeWidget`, :class:`ShapesWidget`, :class:`ConnectionsWidget`;
* parameter counts and the convolution as a matrix: fc_params, conv_params, rnn_params,
  conv_kernel, conv_matrix.

One example: x is (n,), W is (m, n), z and a are (m,). CSS classes start with ``nn-01-``.
"""
from __future__ import annotations

from html import escape as _esc

import numpy as np

from .. import fmt
from ..activations import get_activation
from ..fmt import sym
from ..i18n import tr
from ..layers import Dense
from ..network import Network
from ..widgets import (COLORS, Chart, Controls, DiagramView, LiveView, Row, Scene, SceneView,
                       TemplateView, diverging, eq, grid_slider, group, lhs, matrix, op, slider,
                       table, toggle)

# The note's colours for rows 1 and 2 of W ("each row is a feature extractor"); rows 3–5, which
# the note leaves uncoloured, get three more so that every neuron has one.
ROW_COLORS = ("#FF8A65", "#4DB6AC", "#BA68C8", "#FFD54F", "#7986CB")
FADED, GREY, INK = "#EEEEEE", "#BDBDBD", "#424242"


def row_color(i: int) -> str:
    """The colour of row i (0-based) of W: the note's #FF8A65, #4DB6AC, then three more."""
    return ROW_COLORS[i % len(ROW_COLORS)]


def forward_trace(net: Network, x):
    """The forward pass only (z and a of every layer): ``net.trace(x, 0, backward=False)``."""
    return net.trace(x, np.zeros(net.n_out), backward=False)


def network_view(t) -> DiagramView:
    """Trace ``t``'s network as a still picture: the toolkit's diagram, each wᵢⱼ on its edge."""
    view = DiagramView(t.network, edge_labels=True, css="nn-01-network")
    view.update(t)
    return view


def _bar(i: int, html: str, cls: str = "nn-eq") -> str:
    """A line marked on its left with row i's colour (0-based)."""
    return (f'<div class="{cls}" style="border-left:6px solid {row_color(i)};padding-left:6px">'
            f"{html}</div>")


def _column(doc, key, values, digits, names, styles, caption) -> str:
    """A column vector with a name beside each entry (ingredients, dishes)."""
    rows = "".join(f'<tr><td class="nn-note">{_esc(n)}</td><td style="{s}">'
                   f'{doc.num(f"{key}-{i + 1}", v, digits)}</td></tr>'
                   for i, (v, n, s) in enumerate(zip(values, names, styles)))
    return _mat(rows, caption)


def _mat(rows: str, caption: str) -> str:
    cap = f'<span class="nn-cap">{_esc(caption)}</span>' if caption else ""
    return f'<span class="nn-mat"><table>{rows}</table>{cap}</span>'


def row_matrix(doc, key: str, W, caption="", d: int = 2, lit=None, cols=None) -> str:
    """W as a bracketed matrix, row i on row i's colour; ``lit`` = i (1-based) fades the other
    rows; ``cols``: a name above each column. Entries are slots ``{key}-i-j``."""
    W = np.atleast_2d(np.asarray(W, dtype=float))
    out = [] if cols is None else ["<tr>" + "".join(
        f'<td class="nn-note" style="text-align:center">{_esc(c)}</td>' for c in cols) + "</tr>"]
    for i, row in enumerate(W):
        style = (f"background:{row_color(i)}" if lit in (None, i + 1)
                 else f"background:{FADED};color:#9E9E9E")
        out.append("<tr>" + "".join(f'<td style="{style}">{doc.num(f"{key}-{i + 1}-{j + 1}", v, d)}'
                                    "</td>" for j, v in enumerate(row)) + "</tr>")
    return _mat("".join(out), caption)


# --- the five steps: builders build(…, doc) for show() and the views --------------------------

def input_column(x, doc) -> str:
    """Step 1: the input vector x, an (n×1) column."""
    return eq(matrix(doc, "x", x, "input", f"x ({len(x)}×1)", 2))


def weight_rows(W, doc) -> str:
    """Step 2: W in the note's row colours, and what each row is (neuron i's input weights)."""
    m, n = np.shape(W)
    ws = [f"{sym('w', None, i, 1)} … {sym('w', None, i, n)}" for i in range(1, m + 1)]
    return eq(lhs("W"), op("="), row_matrix(doc, "W", W, f"W ({m}×{n})")) + "".join(
        _bar(i, _esc(tr("fc.W.row", i=i + 1, w=w)), "nn-note") for i, w in enumerate(ws))


def _row_lines(t, doc, full: bool) -> str:
    """One line per neuron i in row i's colour: zᵢ = Σⱼ wᵢⱼ xⱼ (+ bᵢ), the products written out,
    = nnlib's zᵢ (→ aᵢ = f(zᵢ) when ``full``). Slots row-z-i, row-a-i, row-dead-i, …"""
    lt, x, lines = t[1], np.ravel(t[0].a), []
    for i, w in enumerate(lt.W):
        k, z_k = i + 1, sym("z", None, i + 1)
        names = " + ".join(f"{sym('w', None, k, j)}{sym('x', None, j)}"
                           for j in range(1, len(x) + 1))
        terms = " + ".join(f"({doc.num(f'row-w-{k}-{j}', wj, 2)})"
                           f"({doc.num(f'row-x-{k}-{j}', xj, 2)})"
                           for j, (wj, xj) in enumerate(zip(w, x), start=1))
        if full:
            names += f" + {sym('b', None, k)}"
            terms += f" + ({doc.num(f'row-b-{k}', lt.b[i], 2)})"
        line = (f'<span class="nn-lhs">{z_k} = {names}</span>{op("=")}<span>{terms}</span>{op("=")}'
                f'<b>{doc.num(f"row-z-{k}", lt.z[i])}</b>')
        if full:
            dead = tr("fc.rows.dead", i=k) if lt.activation == "relu" and lt.dead[i] else ""
            line += (f'{op("→")}<span>{sym("a", None, k)} = {lt.activation}({z_k}) = </span>'
                     f'<b>{doc.num(f"row-a-{k}", lt.a[i])}</b> <span class="nn-note">'
                     f'{doc.text(f"row-dead-{k}", dead)}</span>')
        lines.append(_bar(i, line))
    return f'<div class="nn-h">{_esc(tr("fc.rows.title"))}</div>' + "".join(lines)


def linear_eq(t, doc) -> str:
    """Step 3, z = W·x for a layer without bias (identity f): the matrices, then row by row."""
    return eq(row_matrix(doc, "W", t[1].W, "W"), op("·"), matrix(doc, "x", t[0].a, "input", "x", 2),
              op("="), matrix(doc, "z", t[1].z, "output", "z = W·x")) + _row_lines(t, doc, False)


def bias_eq(t_linear, t, doc) -> str:
    """Step 4, z′ = W·x + b: ``t_linear`` the layer without its bias, ``t`` with it."""
    return eq(matrix(doc, "Wx", t_linear[1].z, "output", "W·x"), op("+"),
              matrix(doc, "b", t[1].b, "bias", "b"), op("="),
              matrix(doc, "z", t[1].z, "output", "z′ = W·x + b"))


def activations_table(a_by_f: dict, doc) -> str:
    """Step 5: a = f(z′) under each activation f (``{name: a}``), the same z′ for all."""
    m = len(next(iter(a_by_f.values())))
    head = ["f"] + [f"{sym('a', None, i)} = f({sym('z′', None, i)})" for i in range(1, m + 1)]
    return table(head, [("", [f'<td class="nn-sym">{f}</td>'] + [
        doc.num(f"act-{f}-{i}", v, tag="td") for i, v in enumerate(a, start=1)])
        for f, a in a_by_f.items()])


def rows_eq(t, doc) -> str:
    """Every row of layer 1: zᵢ = Σⱼ wᵢⱼ xⱼ + bᵢ → aᵢ = f(zᵢ), with the numbers, in row colours."""
    return _row_lines(t, doc, True)


class RowsView(TemplateView):
    """:func:`rows_eq` of ``panel``'s trace, live (it follows the panel)."""

    def __init__(self, panel=None, css: str = "nn-01-rows"):
        super().__init__(rows_eq, css)
        if panel is not None:
            panel.follow(self, key=css)


class ActivationView(SceneView):
    """a = f(z) (green) and f′(z) (dashed) of layer 1's activation; each neuron's (zᵢ, aᵢ) and
    (zᵢ, f′(zᵢ)) marked in its row colour and read out below. The axes are drawn again only
    when the activation changes (the panel's menu). f′ is nnlib's (the trace is forward-only)."""
    Z = (-4.0, 4.0)

    def __init__(self, panel=None, css: str = "nn-01-activation"):
        super().__init__(css=css)
        self.drawn, self.chart = None, None
        if panel is not None:
            panel.follow(self, key=css)

    def _draw(self, name: str, m: int):
        act, s = get_activation(name), Scene(440, 252 + 18 * m)
        self.chart = None
        if not act.elementwise:
            s.text(None, 220, 120, tr("fc.act.not_elementwise", f=name), font_size=12)
            return self.draw(s)
        z = np.linspace(*self.Z, 161)                # z = 0 (the ReLU kink) is a point
        a, d = act.f(z), act.fprime(z, act.f(z))
        lo, hi = min(a.min(), d.min(), 0.0), max(a.max(), d.max(), 1.0)
        c = Chart(s, (50, 34, 370, 172), self.Z, (lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)),
                  xlabel="z", title=tr("fc.act.title", l=1, f=name), id="act")
        s.line(None, c.px(0), c.y0, c.px(0), c.y0 + c.h, stroke=GREY)
        s.line(None, c.x0, c.py(0), c.x0 + c.w, c.py(0), stroke=GREY)
        for key, colour, width, dash, ys, label, y in (
                ("a", "#2E7D32", 2.2, None, a, "a = f(z)", 48),
                ("fp", "#AD1457", 1.5, "5 3", d, "f′(z)", 64)):
            c.add_line(key, colour, width, dash)["d"] = c.line(key, z, ys)[f"act-{key}"]["d"]
            s.line(None, 60, y, 82, y, stroke=colour, stroke_width=width, stroke_dasharray=dash)
            s.text(None, 88, y + 4, label, font_size=11.5, text_anchor="start")
        for i in range(m):
            c.add_point(f"fp-{i + 1}", "#fff", 4, stroke=row_color(i), stroke_width=2)
            c.add_point(f"a-{i + 1}", row_color(i), 6, stroke=INK)
            s.circle(None, 56, 248 + 18 * i, 5, fill=row_color(i), stroke=INK)
            s.text(f"r-{i + 1}", 66, 252 + 18 * i, "", font_size=12.5, text_anchor="start")
        self.chart = c
        self.draw(s)

    def update(self, t):
        name, z, a = t[1].activation, np.ravel(t[1].z), np.ravel(t[1].a)
        if self.drawn != (name, len(z)):
            self._draw(name, len(z))
            self.drawn = (name, len(z))
        if self.chart is None:
            return
        c, up = self.chart, {}
        for i, (zi, ai, di) in enumerate(zip(z, a, get_activation(name).fprime(z, a)), start=1):
            up.update({**c.point(f"a-{i}", zi, ai), **c.point(f"fp-{i}", zi, di)})
            zs, off = sym("z", None, i), "" if c.inside(zi, ai) else " " + tr("fc.act.outside")
            up[f"r-{i}"] = {"text": f"{zs} = {fmt.num(zi, 2)} → {sym('a', None, i)} = {name}({zs})"
                                    f" = {fmt.num(ai, 2)},  f′({zs}) = {fmt.num(di, 2)}{off}"}
        self.updates = up


# --- the lesson widgets ------------------------------------------------------------------------

# --- the cooking analogy: ingredients → recipe W → flavours ------------------------------------

INGREDIENTS = ("tomato", "egg", "salt", "sugar")
DISHES = ("savoury", "sweet_sour")
# row 1 (炒鸡蛋风味): 2 egg + 1 tomato + a little salt; row 2 (凉拌糖番茄): 1 tomato + 3 sugar
RECIPE = np.array([[1.0, 2.0, 0.2, 0.0],
                   [1.0, 0.0, 0.0, 3.0]])


def recipe_network(recipe=RECIPE) -> Network:
    """The recipe as a Dense layer with identity activation and no bias: flavours z = W x."""
    recipe = np.asarray(recipe, dtype=float)
    return Network([Dense(recipe, np.zeros(recipe.shape[0]), "identity")])


def recipe_eq(t, row: int, doc) -> str:
    """z = W·x with ingredient and dish names, ``row`` (1-based) lit, the others faded; then the
    lit row written out. Slots W-i-j, x-j, z-i, line-x-…, line-z."""
    lt, x, i = t[1], np.ravel(t[0].a), row - 1
    food = [tr(f"fc.recipe.{k}") for k in INGREDIENTS]
    dish = [tr(f"fc.recipe.{k}") for k in DISHES]
    lit = [f"background:{row_color(r)};font-weight:700" if r == i
           else f"background:{FADED};color:#9E9E9E" for r in range(len(dish))]
    used = [(w, f, v) for w, f, v in zip(lt.W[i], food, x) if w]
    line = (_esc(tr("fc.recipe.line", i=row, dish=dish[i])) + f"{sym('z', None, row)} = "
            + " + ".join(f"{fmt.num(w, 1)}·{_esc(f)}" for w, f, _ in used) + " = "
            + " + ".join(f"{fmt.num(w, 1)}·{doc.num(f'line-x-{n}', v, 1)}"
                         for n, (w, _, v) in enumerate(used, start=1))
            + f' = <b>{doc.num("line-z", lt.z[i], 2)}</b>')
    blue = [f"background:{COLORS['input']}"] * len(x)
    return eq(lhs(tr("fc.recipe.flavours")), op("="),
              row_matrix(doc, "W", lt.W, tr("fc.recipe.W"), 1, row, food), op("·"),
              _column(doc, "x", x, 1, food, blue, tr("fc.recipe.x")), op("="),
              _column(doc, "z", lt.z, 2, dish, lit, "z = W x")) + _bar(i, f"<span>{line}</span>")


class RecipeWidget(LiveView):
    r"""The note's cooking analogy, live: ingredient sliders x, the recipe W (row 1 = 炒鸡蛋风味,
    row 2 = 凉拌糖番茄), flavours z = W x from :func:`recipe_network`; the row toggle lights one
    row of W, its edges and the dish it makes. The picture: ingredients → dishes, one edge per
    nonzero weight (width ∝ w, the amount written on it).

    CSS: root ``nn-01-recipe``; sliders ``nn-tomato`` … ``nn-sugar``; toggle ``nn-row``; picture
    ``nn-01-recipe-picture``; formula ``nn-01-recipe-values``."""

    def __init__(self, x=(2.0, 3.0, 1.0, 1.0), recipe=RECIPE, row: int = 1):
        super().__init__()
        self.net = recipe_network(recipe)
        W = self.net.layers[0].W
        (m, n), wmax = W.shape, float(np.abs(W).max()) or 1.0
        self.trace = None
        self.controls = self.watch(Controls(css="nn-01-recipe-controls", groups=[
            group(tr("fc.recipe.inputs"), [slider(k, tr(f"fc.recipe.{k}"), v, 0, 5, 0.1)
                                           for k, v in zip(INGREDIENTS, x)]),
            group(tr("fc.recipe.light"), [toggle("row", "", row, [
                (r, tr("fc.row", i=r)) for r in range(1, m + 1)])])]))
        s = Scene(520, 250)
        y_in = 125 + (np.arange(n) - (n - 1) / 2) * 54
        y_out = 125 + (np.arange(m) - (m - 1) / 2) * 120
        for i, j in np.argwhere(W != 0):
            f = 0.25 if i == 0 else 0.6                  # where its amount is written on the edge
            s.line(f"e-{i}-{j}", 142, y_in[j], 288, y_out[i], stroke=GREY,
                   stroke_width=1 + 4 * abs(W[i, j]) / wmax, stroke_linecap="round")
            s.text(None, 142 + f * 146, y_in[j] + f * (y_out[i] - y_in[j]) - 4,
                   fmt.num(W[i, j], 1), font_size=10.5, fill="#616161", paint_order="stroke",
                   stroke="#fff", stroke_width=3)
        for j, y in enumerate(y_in):
            s.circle(None, 120, y, 20, fill=COLORS["input"], stroke=INK)
            s.text(f"in-{j}", 92, y + 4, "", text_anchor="end")
        for i, y in enumerate(y_out):
            s.circle(f"out-{i}", 312, y, 24, fill=COLORS["output"], stroke=INK)
            s.text(f"outz-{i}", 312, y + 5, "", font_size=12)
            s.text(f"dish-{i}", 344, y + 5, f"{tr(f'fc.recipe.{DISHES[i]}')}  "
                   f"{sym('z', None, i + 1)}", text_anchor="start")
        self.picture = SceneView(s, "nn-01-recipe-picture")
        self.formula = TemplateView(recipe_eq, "nn-01-recipe-values")
        self.layout(Row([self.controls, self.picture]), self.formula, css="nn-01-recipe")
        self.refresh()

    def compute(self):
        v = self.controls.values
        return forward_trace(self.net, [v[k] for k in INGREDIENTS]), int(v["row"])

    def show(self, result):
        t, row = result
        x, z, W = np.ravel(t[0].a), np.ravel(t[1].z), t[1].W
        up = {f"in-{j}": {"text": f"{tr(f'fc.recipe.{k}')} {fmt.num(v, 1)}"}
              for j, (k, v) in enumerate(zip(INGREDIENTS, x))}
        for i in range(W.shape[0]):
            on, bold = i == row - 1, {"font-weight": 700 if i == row - 1 else 400}
            up.update({f"e-{i}-{j}": {"stroke": row_color(i) if on else GREY,
                                      "opacity": 1 if on else 0.5} for j in np.flatnonzero(W[i])})
            up[f"out-{i}"] = {"fill": row_color(i) if on else COLORS["output"],
                              "stroke-width": 2.5 if on else 1}
            up[f"outz-{i}"], up[f"dish-{i}"] = {"text": fmt.num(z[i], 1), **bold}, bold
        self.trace, self.picture.updates = t, up
        self.formula.update(t, row)


# --- from one neuron (a row vector w) to a layer (a matrix W) ----------------------------------

SHAPES_X = np.array([1.0, -0.5, 2.0])


def shapes_network(m: int, n: int = 3, max_m: int = 5, seed: int = 0) -> Network:
    """A Dense layer of m neurons on n inputs (identity activation), W (m, n) and b (m,) drawn
    once for ``max_m`` rows with a fixed seed: growing m adds rows, the first rows stay."""
    if not 1 <= m <= max_m:
        raise ValueError(tr("fc.shapes.m_range", max_m=max_m, m=m))
    rng = np.random.default_rng(seed)
    W = np.round(rng.uniform(-1, 1, (max_m, n)), 1)
    b = np.round(rng.uniform(-0.5, 0.5, max_m), 1)
    return Network([Dense(W[:m], b[:m], "identity")])


def shapes_eq(t, doc) -> str:
    """The shapes (m×n)(n×1) + (m×1) = (m×1) written out (slot ``shape``) and what they mean,
    then z = W·x + b with nnlib's numbers (slots W-i-j, x-j-1, b-i-1, z-i)."""
    lt = t[1]
    m, n = lt.W.shape
    what = tr("fc.shapes.one") if m == 1 else tr("fc.shapes.many", m=m)
    shape = doc.text("shape", f"W ({m}×{n}) · x ({n}×1) + b ({m}×1) = z ({m}×1)")
    zs = "".join(f'<tr><td class="nn-output" style="border-left:5px solid {row_color(i)}">'
                 f'{doc.num(f"z-{i + 1}", v, 2)}</td></tr>' for i, v in enumerate(lt.z))
    return (f'<div class="nn-h">{shape} &nbsp; <span class="nn-note">{_esc(what)}</span></div>'
            + eq(lhs("z"), op("="), row_matrix(doc, "W", lt.W, f"W ({m}×{n})", 1), op("·"),
                 matrix(doc, "x", t[0].a, "input", f"x ({n}×1)", 1), op("+"),
                 matrix(doc, "b", lt.b, "bias", f"b ({m}×1)", 1), op("="),
                 _mat(zs, f"z ({m}×1)")))


class ShapesWidget(LiveView):
    """A slider for the number of neurons m (1..max_m) of a Dense layer on n fixed inputs: the
    shapes (m×n)(n×1) = (m×1) written out with nnlib's numbers, and the layer growing row by row
    (each neuron drawn once in its row's colour and shown, hidden, moved; dashed: w < 0).

    CSS: root ``nn-01-shapes``; slider ``nn-m``; picture ``nn-01-shapes-picture``; formula
    ``nn-01-shapes-values``."""

    def __init__(self, m: int = 2, n: int = 3, max_m: int = 5, x=SHAPES_X):
        super().__init__()
        self.n, self.max_m, self.x = n, max_m, np.asarray(x, dtype=float)
        self.trace = None
        self.controls = self.watch(Controls(css="nn-01-shapes-controls", groups=[
            group(tr("fc.shapes.group"), [grid_slider("m", "m", m, list(range(1, max_m + 1)))])]))
        s = Scene(250, 40 + 56 * max_m)
        self.mid = mid = s.height / 2
        y_in = mid + (np.arange(n) - (n - 1) / 2) * 56
        for i in range(max_m):
            for j in range(n):
                s.line(f"e-{i}-{j}", 68, y_in[j], 172, mid, stroke=row_color(i),
                       stroke_linecap="round")
        for j, y in enumerate(y_in):
            s.circle(None, 50, y, 18, fill=COLORS["input"], stroke=INK)
            s.text(None, 50, y + 5, sym("x", None, j + 1))
        for i in range(max_m):
            s.circle(f"n-{i}", 190, mid, 18, fill=COLORS["output"], stroke=row_color(i),
                     stroke_width=3)
            s.text(f"t-{i}", 190, mid + 5, sym("z", None, i + 1))
        self.picture = SceneView(s, "nn-01-shapes-picture")
        self.formula = TemplateView(shapes_eq, "nn-01-shapes-values")
        self.layout(self.controls, Row([self.picture, self.formula],
                                       layout={"align_items": "center"}), css="nn-01-shapes")
        self.refresh()

    def compute(self):
        return forward_trace(shapes_network(int(self.controls.values["m"]), self.n, self.max_m),
                             self.x)

    def show(self, t):
        W, hide, up = t[1].W, {"visibility": "hidden"}, {}
        m, wmax = W.shape[0], float(np.abs(W).max()) or 1.0
        for i in range(self.max_m):
            y = self.mid + (i - (m - 1) / 2) * 56
            up[f"n-{i}"] = {"cy": y, "visibility": "visible"} if i < m else hide
            up[f"t-{i}"] = {"y": y + 5, "visibility": "visible"} if i < m else hide
            for j in range(self.n):
                up[f"e-{i}-{j}"] = hide if i >= m else {
                    "y2": y, "stroke-width": round(0.6 + 3 * abs(W[i, j]) / wmax, 2),
                    "stroke-dasharray": None if W[i, j] >= 0 else "5 4", "visibility": "visible"}
        self.trace, self.picture.updates = t, up
        self.formula.update(t)


# --- other ways to connect layers: parameter counts -------------------------------------------

def fc_params(n: int, m: int | None = None) -> int:
    """A fully connected layer n → m (m = n by default): m·n weights + m biases."""
    m = n if m is None else m
    return m * n + m


def conv_params(k: int) -> int:
    """A 1-D convolution with one kernel of size k (one channel): k shared weights + 1 bias,
    whatever the input length n."""
    return k + 1


def rnn_params(n: int, h: int | None = None, T: int = 1, shared: bool = True) -> int:
    r"""A recurrent step :math:`h_t = f(W_x x_t + W_h h_{t-1} + b)` with input size n and
    hidden size h (= n by default): h·n + h·h + h parameters, the same at every time step, so
    independent of the sequence length T. ``shared=False``: what T separate steps would cost."""
    h = n if h is None else h
    one = h * n + h * h + h
    return one if shared else T * one


KERNEL_VALUES = (0.9, -0.55, 0.3, -0.95, 0.6, -0.3, 0.75)


def conv_kernel(k: int) -> np.ndarray:
    """k distinct nonzero kernel weights, so equal colours in the banded matrix are tied."""
    if not 1 <= k <= len(KERNEL_VALUES):
        raise ValueError(tr("fc.conn.kernel_range", kmax=len(KERNEL_VALUES), k=k))
    return np.array(KERNEL_VALUES[:k])


def conv_matrix(n: int, kernel) -> np.ndarray:
    r"""A 1-D convolution (cross-correlation, zero padding, output length n) as an n×n matrix:
    :math:`z_i = \sum_{j=1}^{k} w_j x_{i+j-1-c}` with c = ⌊(k−1)/2⌋ (1-based i, j; x_p = 0
    outside 1..n), so :math:`M_{i,\,i+j-1-c} = w_j`: w_(c+1) on the diagonal (w₂ for k = 3).
    Banded (local connections) and constant along each diagonal (shared weights): ``M @ x``
    equals ``np.correlate`` of the padded x. (Below, 0-based: row i, kernel entry j, column
    i + j − c.)"""
    kernel = np.asarray(kernel, dtype=float)
    k, c = len(kernel), (len(kernel) - 1) // 2
    M = np.zeros((n, n))
    for i in range(n):
        for j in range(k):
            col = i + j - c
            if 0 <= col < n:
                M[i, col] = kernel[j]
    return M


def conv_eq(W_conv, x, z, doc) -> str:
    """W_conv · x = z, the caption saying how few distinct weights the n×n matrix holds."""
    k = len(np.unique(W_conv[W_conv != 0]))
    return eq(matrix(doc, "Wc", W_conv, "weight", tr("fc.conv.caption", n=len(x), k=k), 2),
              op("·"), matrix(doc, "x", x, "input", "x", 1), op("="),
              matrix(doc, "z", z, "output", "z", 2))


BARS = (("fc", "#FFCC80"), ("conv", "#4DB6AC"), ("rnn", "#7986CB"), ("unshared", "#E0E0E0"))
MAX_N, MAX_T, GRID = 32, 8, 200
W_FC = np.random.default_rng(0).uniform(-1, 1, (MAX_N, MAX_N))   # n×n is its top-left corner


def _counts(n: int, k: int, T: int):
    return fc_params(n), conv_params(k), rnn_params(n), rnn_params(n, T=T, shared=False)


def params_table(n: int, k: int, T: int, doc) -> str:
    """The four parameter counts (slots p-fc, p-conv, p-rnn, p-unshared) and their formulas."""
    formulas = (f"n² + n = {n}² + {n}", f"k + 1 = {k} + 1", f"2n² + n = 2·{n}² + {n}",
                f"T(2n² + n) = {T}·{rnn_params(n)}")
    swatch = ('<span style="display:inline-block;width:10px;height:10px;margin-right:5px;'
              'border:1px solid #616161;background:{}"></span>')
    return table([tr("fc.conn.layer"), tr("fc.conn.formula"), tr("fc.conn.count"), ""], [
        ("", [f'<td class="nn-text">{swatch.format(c)}{_esc(tr(f"fc.conn.{key}"))}</td>',
              doc.text(f"f-{key}", f, tag="td"), f'<td><b>{doc.num(f"p-{key}", count, 0)}</b></td>',
              f'<td class="nn-text nn-note">{_esc(tr(f"fc.conn.{key}_note"))}</td>'])
        for (key, c), f, count in zip(BARS, formulas, _counts(n, k, T))])


def _cells(mask) -> str:
    """An SVG path of unit squares, a little apart, at the True cells of ``mask`` (row, col)."""
    return " ".join(f"M{j + .06:.2f} {i + .06:.2f}h.88v.88h-.88z" for i, j in np.argwhere(mask))


class ConnectionsWidget(LiveView):
    """Sliders for the input size n, the kernel size k and the sequence length T: the fully
    connected W beside the convolution's banded W (tied entries share a colour), the parameter
    counts (log bar chart and table), and the recurrent layer unrolled with one shared Wₓ, Wₕ.
    Both grids are drawn once at 32 × 32 in nested SVGs; a move sets their viewBox to the n × n
    top-left corner (a convolution of length n is that corner of the one of length 32).

    CSS: root ``nn-01-connections``; sliders ``nn-n``, ``nn-k``, ``nn-T``; picture
    ``nn-01-connections-picture``; table ``nn-01-params``."""

    def __init__(self, n: int = 8, k: int = 3, T: int = 4):
        super().__init__()
        self.counts = None
        self.trace = None
        self.controls = self.watch(Controls(css="nn-01-connections-controls", groups=[
            group(tr("fc.conn.sizes"), [
                grid_slider("n", "n", n, list(range(2, MAX_N + 1))),
                grid_slider("k", "k", k, list(range(1, len(KERNEL_VALUES) + 1))),
                grid_slider("T", "T", T, list(range(1, MAX_T + 1)))], row=True)]))
        s, bins = Scene(800, 468), np.linspace(-1, 1, 41)      # 40 bins: none at 0
        for grid, x0 in (("fc", 30), ("conv", 280)):
            s.text(None, x0 + GRID / 2, 36, tr(f"fc.conn.{grid}_title"), font_size=12)
            s.rect(None, x0 - 1, 47, GRID + 2, GRID + 2, fill="none", stroke="#9E9E9E")
            s.add("svg", grid, x=x0, y=48, width=GRID, height=GRID, viewBox="0 0 8 8",
                  preserveAspectRatio="none")
        s.rect(None, 0, 0, MAX_N, MAX_N, fill="#F5F5F5", parent="conv")
        for b, v in enumerate((bins[1:] + bins[:-1]) / 2):       # the FC cells, by colour,
            s.path(None, _cells(np.digitize(W_FC, bins[1:-1]) == b), parent="fc",  # none white
                   fill=diverging(np.sign(v) * (0.2 + 0.8 * abs(v)), 1.0))
        s.text(None, 280, 270, tr("fc.conn.shared"), font_size=11.5, text_anchor="start")
        for j, w in enumerate(KERNEL_VALUES):                    # one path per shared weight
            s.path(f"w-{j}", "", fill=diverging(w, 1.0), parent="conv")
            s.rect(f"sw-{j}", 280 + 29 * j, 278, 12, 12, fill=diverging(w, 1.0), stroke="#616161")
            s.text(f"swt-{j}", 294 + 29 * j, 289, sym("w", None, j + 1), font_size=11,
                   text_anchor="start")
        c = self.chart = Chart(s, (590, 48, 190, GRID), (-0.6, 3.6), (1, 1e6), log_y=True,
                               xticks=[], title=tr("fc.conn.bars_title"), id="bars")
        for i, (key, colour) in enumerate(BARS):
            x = float(c.px(i))
            s.rect(f"bar-{i}", x - 16, c.y0 + c.h, 32, 0, fill=colour, stroke="#616161")
            s.text(f"bt-{i}", x, c.y0 + c.h, "", font_size=10.5)
            s.text(None, x, c.y0 + c.h + 15, tr(f"fc.conn.{key}_bar"), font_size=11)
        s.text("rnn-title", 30, 324, "", font_size=12, text_anchor="start")
        blue = {"stroke": "#7986CB", "stroke_width": 2.5}
        for t in range(MAX_T):                                   # step t: x_t → h_t ← h_(t−1)
            g, x = s.group(f"rnn-{t}")["id"], 70 + 92 * t
            s.line(None, x, 428, x, 378, parent=g, **blue)
            s.text(None, x + 6, 408, "Wₓ", font_size=10.5, text_anchor="start", parent=g)
            if t:
                s.line(None, x - 76, 362, x - 16, 362, parent=g, **blue)
                s.text(None, x - 46, 356, "Wₕ", font_size=10.5, parent=g)
            s.rect(None, x - 16, 346, 32, 32, fill=COLORS["output"], stroke=INK, parent=g)
            s.text(None, x, 367, sym("h", None, t + 1), parent=g)
            s.circle(None, x, 442, 14, fill=COLORS["input"], stroke=INK, parent=g)
            s.text(None, x, 447, sym("x", None, t + 1), parent=g)
        self.picture = SceneView(s, "nn-01-connections-picture")
        self.table = TemplateView(params_table, "nn-01-params")
        self.layout(self.controls, self.picture, self.table, css="nn-01-connections")
        self.refresh()

    def compute(self):
        v = self.controls.values
        n, k, T = int(v["n"]), int(v["k"]), int(v["T"])
        if k > n:
            raise ValueError(tr("fc.conn.k_gt_n", k=k, n=n))
        return n, k, T, conv_matrix(MAX_N, conv_kernel(k))

    def show(self, result):
        n, k, T, M = result
        c, counts = self.chart, _counts(n, k, T)
        up = {"fc": {"viewBox": f"0 0 {n} {n}"}, "conv": {"viewBox": f"0 0 {n} {n}"},
              "rnn-title": {"text": tr("fc.conn.rnn_title", T=T)}}
        for j, w in enumerate(KERNEL_VALUES):
            up[f"w-{j}"] = {"d": _cells(M == w) if j < k else ""}
            up[f"sw-{j}"] = up[f"swt-{j}"] = {"visibility": "visible" if j < k else "hidden"}
        for i, count in enumerate(counts):
            top = round(float(c.py(count)), 1)
            up[f"bar-{i}"] = {"y": top, "height": round(c.y0 + c.h - top, 1)}
            up[f"bt-{i}"] = {"y": top - 4, "text": fmt.num(count, 0)}
        up.update({f"rnn-{t}": {"visibility": "visible" if t < T else "hidden"}
                   for t in range(MAX_T)})
        self.picture.updates = up
        self.table.update(n, k, T)
        self.counts = dict(zip(("fc", "conv", "rnn", "unshared"), counts))
