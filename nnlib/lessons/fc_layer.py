r"""Lesson widgets for notebook 01, the fully connected layer (note 000, part 1).

Every number comes from nnlib (a :class:`nnlib.Dense` layer in a :class:`nnlib.Network`);
these functions only lay the numbers out:

* :func:`rows_html` / :class:`RowsView` — "each row of W is a feature extractor":
  :math:`z_i = \sum_j w_{ij} x_j + b_i`, row i in its own colour (the note's #FF8A65, #4DB6AC).
* :class:`RecipeWidget` — the note's cooking analogy: ingredients x, a recipe W whose rows are
  two dishes, the two flavours :math:`z = W x` from a Dense layer with identity activation.
* :class:`ShapesWidget` — from one neuron (a row vector w) to a layer (a matrix W):
  :math:`(m\times n)(n\times 1) = (m\times 1)` for m = 1..5.
* :class:`ConnectionsWidget` — parameter counts of a fully connected layer (n² + n), a 1-D
  convolution (k + 1: local connections, shared weights) and a recurrent step (independent of
  the sequence length T), with the convolution drawn as a banded matrix with tied entries.

Shapes are nnlib's: one example, so x is (n,), W is (m, n), z and a are (m,).
Plot functions are pure (``plot_*(ax, ...)`` returns artists, ``update_*`` changes them in
place); the widget classes are thin (controls → nnlib → update → one ``draw_idle``).
"""
from __future__ import annotations

import html as _html

import numpy as np

from .. import formulas as F
from ..layers import Dense
from ..network import Network
from ..widgets import LiveView, set_value

__all__ = ["ROW_COLORS", "row_color", "colored_matrix_html", "show", "forward_trace", "network_png", "rows_html", "RowsView",
           "INGREDIENTS", "DISHES", "RECIPE", "recipe_network", "recipe_html", "plot_recipe",
           "update_recipe", "RecipeWidget",
           "shapes_network", "shapes_html", "plot_layer_shape", "update_layer_shape",
           "ShapesWidget",
           "fc_params", "conv_params", "rnn_params", "conv_matrix", "conv_kernel",
           "params_html", "plot_connections", "update_connections", "ConnectionsWidget"]

# The note's colours for row 1 and row 2 of W ("each row is a feature extractor"); rows 3–5
# (which the note leaves uncoloured) get three more distinct colours so every neuron has one.
ROW_COLORS = ("#FF8A65", "#4DB6AC", "#BA68C8", "#FFD54F", "#7986CB")
FADED = "#EEEEEE"


def row_color(i: int) -> str:
    """The colour of row i (0-based) of W: the note's #FF8A65, #4DB6AC, then three more."""
    return ROW_COLORS[i % len(ROW_COLORS)]


def colored_matrix_html(W, caption: str = "W", highlight=None, digits: int = 2,
                        key: str = "W", row_labels=None, col_labels=None) -> str:
    """W as an HTML matrix with row i on ``row_color(i)``; with ``highlight = i`` the other rows
    are faded. Entries carry ``data-key="{key}-i-j"`` (1-based)."""
    W = np.atleast_2d(np.asarray(W, dtype=float))
    head = ""
    if col_labels is not None:
        head = "<tr>" + ("<td></td>" if row_labels is not None else "") + "".join(
            f'<td style="font-size:10px;color:#616161;text-align:center">{_html.escape(c)}</td>'
            for c in col_labels) + "</tr>"
    rows = []
    for i, row in enumerate(W):
        on = highlight is None or highlight == i
        bg = row_color(i) if on else FADED
        style = f"background:{bg}" + ("" if on else ";color:#9E9E9E")
        label = ""
        if row_labels is not None:
            label = (f'<td style="font-size:10px;color:#616161;text-align:left">'
                     f"{_html.escape(row_labels[i])}</td>")
        cells = "".join(f'<td style="{style}" data-key="{key}-{i + 1}-{j + 1}">'
                        f"{F.num(v, digits)}</td>" for j, v in enumerate(row))
        cls = ' class="nn-row-on"' if highlight == i else ""
        rows.append(f"<tr{cls}>{label}{cells}</tr>")
    cap = f'<span class="nn-cap">{_html.escape(caption)}</span>' if caption else ""
    return f'<span class="nn-mat"><table>{head}{"".join(rows)}</table>{cap}</span>'


def show(*parts):
    """An ``IPython.display.HTML`` of the given HTML strings, with the panels' CSS."""
    from IPython.display import HTML
    return HTML(F.CSS + "".join(parts))


def forward_trace(net: Network, x):
    """The forward pass only (z and a of every layer): ``net.trace(x, 0, backward=False)``."""
    return net.trace(x, np.zeros(net.n_out), backward=False)


def network_png(t, width: float = 3.0, height: float = 2.3):
    """A still picture of trace ``t``'s network (nnlib.plotting.plot_network), rendered by Agg
    to a PNG ``IPython.display.Image``: no live canvas for a picture that never changes."""
    import io

    from IPython.display import Image
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .. import plotting as P
    fig = Figure(figsize=(width, height), dpi=80)
    FigureCanvasAgg(fig)
    art = P.plot_network(fig.add_axes([0.0, 0.0, 1.0, 1.0]), t, labels=True)
    art.title.set_visible(False)           # the layer names stay; the title would overlap them
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return Image(buf.getvalue())


# =========================================================================================
# each row of W is a feature extractor: z_i = Σ_j w_ij x_j + b_i
# =========================================================================================

def rows_html(t, l: int = 1, digits: int = 2) -> str:
    r"""One line per output neuron i of layer l, in row i's colour:

    .. math:: z_i = w_{i1} x_1 + \dots + w_{in} x_n + b_i, \qquad a_i = f(z_i)

    The products :math:`w_{ij} x_j` are written out for reading; :math:`z_i` and :math:`a_i`
    are nnlib's (``data-key`` ``row-z-i``, ``row-a-i``)."""
    lt, x = t[l], np.ravel(t[l - 1].a)
    prev = "x" if l == 1 else "a"
    lines = []
    for i, (w, b) in enumerate(zip(lt.W, lt.b)):
        terms = " + ".join(f"({F.num(wij, digits)})({F.num(xj, digits)})"
                           for wij, xj in zip(w, x))
        symbolic = " + ".join(f"{F.sym('w', None, i + 1, j + 1)}{F.sym(prev, None, j + 1)}"
                              for j in range(len(x)))
        lines.append(
            f'<div class="nn-eq" style="border-left:6px solid {row_color(i)};padding-left:6px">'
            f'<span class="nn-lhs">{F.sym("z", None, i + 1)} = {symbolic} + '
            f'{F.sym("b", None, i + 1)}</span>'
            f'<span class="nn-op">=</span><span>{terms} + ({F.num(b, digits)})</span>'
            f'<span class="nn-op">=</span>'
            f'<b data-key="row-z-{i + 1}">{F.num(lt.z[i], 4)}</b>'
            f'<span class="nn-op">→</span>'
            f'<span>{F.sym("a", None, i + 1)} = {lt.activation}(z) = </span>'
            f'<b data-key="row-a-{i + 1}">{F.num(lt.a[i], 4)}</b></div>')
    return ('<div class="nn-h">row i of W → output neuron i '
            '(each row is a feature extractor)</div>' + "".join(lines))


class RowsView:
    """A live :func:`rows_html` of ``panel``'s trace (updated with the panel: ``on_trace``)."""

    def __init__(self, panel, l: int = 1, css: str = "nn-01-rows"):
        import ipywidgets as widgets
        self.l = l
        self.widget = widgets.HTML("").add_class(css).add_class("nn-live")
        panel.on_trace(self.update)

    def update(self, t):
        value = rows_html(t, self.l)
        if self.widget.value != value:
            self.widget.value = value

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# =========================================================================================
# the cooking analogy: ingredients → recipe (W) → flavours
# =========================================================================================

INGREDIENTS = ("tomato", "egg", "salt", "sugar")
DISHES = ("savoury", "sweet-sour")
# row 1 (炒鸡蛋风味): 2 egg + 1 tomato + a little salt; row 2 (凉拌糖番茄): 1 tomato + 3 sugar
RECIPE = np.array([[1.0, 2.0, 0.2, 0.0],
                   [1.0, 0.0, 0.0, 3.0]])


def recipe_network(recipe=RECIPE) -> Network:
    """The recipe as a Dense layer with identity activation and no bias: flavours z = W x."""
    recipe = np.asarray(recipe, dtype=float)
    return Network([Dense(recipe, np.zeros(recipe.shape[0]), "identity")])


def recipe_html(t, highlight: int = 0) -> str:
    """z = W·x with ingredient and dish names, row ``highlight`` (0-based) lit, the rest faded;
    then the lit row written out. Numbers: ``data-key`` ``W-i-j``, ``x-j``, ``z-i``."""
    lt, x = t[1], np.ravel(t[0].a)
    out_cells = []
    for i, v in enumerate(lt.z):
        on = i == highlight
        style = (f"background:{row_color(i)};font-weight:700" if on
                 else f"background:{FADED};color:#9E9E9E")
        out_cells.append(f'<tr><td style="{style}" data-key="z-{i + 1}">{F.num(v, 2)}</td>'
                         f'<td style="font-size:10px;color:#616161;text-align:left">'
                         f"{DISHES[i]}</td></tr>")
    x_cells = "".join(f'<tr><td style="font-size:10px;color:#616161;text-align:left">{name}'
                      f'</td><td style="background:{F.COLORS["input"]}" data-key="x-{j + 1}">'
                      f"{F.num(v, 2)}</td></tr>" for j, (name, v) in enumerate(zip(INGREDIENTS, x)))
    eq = F.eq(F.lhs("flavours z"), F.op("="),
             colored_matrix_html(lt.W, "recipe W (rows = dishes)", highlight, 1,
                                 col_labels=INGREDIENTS),
             F.op("·"),
             f'<span class="nn-mat"><table>{x_cells}</table>'
             f'<span class="nn-cap">ingredients x</span></span>',
             F.op("="),
             f'<span class="nn-mat"><table>{"".join(out_cells)}</table>'
             f'<span class="nn-cap">z = W x</span></span>')
    i = highlight
    terms = " + ".join(f"{F.num(w, 1)}·{name}" for w, name in zip(lt.W[i], INGREDIENTS) if w)
    nums = " + ".join(f"{F.num(w, 1)}·{F.num(v, 2)}" for w, v in zip(lt.W[i], x) if w)
    line = (f'<div class="nn-eq nn-01-recipe-line" style="border-left:6px solid '
            f'{row_color(i)};padding-left:6px">row {i + 1} → output neuron {i + 1} '
            f'({DISHES[i]}): {F.sym("z", None, i + 1)} = {terms} = {nums} = '
            f'<b data-key="line-z">{F.num(lt.z[i], 2)}</b></div>')
    return eq + line


def plot_recipe(ax, recipe=RECIPE):
    """Ingredients (left) → dishes (right): one edge per nonzero recipe weight, width ∝ w.
    Returns the artists for :func:`update_recipe`."""
    from matplotlib.patches import Circle
    recipe = np.asarray(recipe, dtype=float)
    m, n = recipe.shape
    y_in = (np.arange(n)[::-1] - (n - 1) / 2) * 1.0
    y_out = (np.arange(m)[::-1] - (m - 1) / 2) * 1.6
    x_in, x_out, r = 0.0, 2.6, 0.28
    edges = [[None] * n for _ in range(m)]
    wmax = float(np.abs(recipe).max()) or 1.0
    for i in range(m):
        for j in range(n):
            (line,) = ax.plot([x_in + r, x_out - r], [y_in[j], y_out[i]], lw=0.8 + 4 *
                              abs(recipe[i, j]) / wmax, solid_capstyle="round", zorder=1)
            line.set_visible(recipe[i, j] != 0)
            edges[i][j] = line
    in_text, out_nodes, out_text = [], [], []
    for j, y in enumerate(y_in):
        ax.add_patch(Circle((x_in, y), r, fc=F.COLORS["input"], ec="#424242", lw=1, zorder=2))
        in_text.append(ax.text(x_in - r - 0.12, y, "", ha="right", va="center", fontsize=9))
    for i, y in enumerate(y_out):
        c = Circle((x_out, y), r + 0.05, fc=F.COLORS["output"], ec="#424242", lw=1, zorder=2)
        ax.add_patch(c)
        out_nodes.append(c)
        out_text.append(ax.text(x_out + r + 0.15, y, "", ha="left", va="center", fontsize=9))
    ax.set_xlim(-1.7, 4.6)
    ax.set_ylim(min(y_in.min(), y_out.min()) - 0.5, max(y_in.max(), y_out.max()) + 0.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"edges": edges, "in_text": in_text, "out_nodes": out_nodes, "out_text": out_text}


def update_recipe(art, t, highlight: int = 0):
    """Put the trace's ingredients and flavours on the picture; light row ``highlight``'s
    edges and output neuron in its row colour, fade the others."""
    x, z = np.ravel(t[0].a), np.ravel(t[1].z)
    for j, text in enumerate(art["in_text"]):
        text.set_text(f"{INGREDIENTS[j]} {x[j]:.1f}")
    for i, row in enumerate(art["edges"]):
        on = i == highlight
        for line in row:
            line.set_color(row_color(i) if on else "#BDBDBD")
            line.set_alpha(1.0 if on else 0.5)
            line.set_zorder(1.5 if on else 1)
        node = art["out_nodes"][i]
        node.set_facecolor(row_color(i) if on else F.COLORS["output"])
        node.set_linewidth(2.5 if on else 1.0)
        art["out_text"][i].set_text(f"{DISHES[i]}\nz{i + 1} = {z[i]:.2f}")
        art["out_text"][i].set_fontweight("bold" if on else "normal")
    return art


class RecipeWidget(LiveView):
    r"""The note's cooking analogy, live: ingredient sliders x (tomato, egg, salt, sugar), the
    recipe W (row 1 = 炒鸡蛋风味, row 2 = 凉拌糖番茄), flavours :math:`z = W x` from a Dense
    layer with identity activation (:func:`recipe_network`). The row toggle lights one row of
    W, its edges and the output neuron it produces.

    CSS: root ``nn-01-recipe``; sliders ``nn-01-tomato|egg|salt|sugar``; toggle
    ``nn-01-recipe-row``; numbers ``nn-01-recipe-values``; figure ``nn-01-recipe-plot``.
    """

    def __init__(self, x=(2.0, 3.0, 1.0, 1.0), recipe=RECIPE, highlight: int = 0):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import ErrorArea, canvas_widget, slider
        self.net = recipe_network(recipe)
        self.sliders = [slider(v, 0.0, 5.0, name, [f"nn-01-{name}"], step=0.1, width="250px")
                        for name, v in zip(INGREDIENTS, x)]
        for s in self.sliders:
            s.style.description_width = "50px"
        self.row = widgets.ToggleButtons(
            options=[(f"row {i + 1}", i) for i in range(len(DISHES))], value=highlight,
            tooltips=[f"light row {i + 1} of W and output neuron {i + 1} ({d})"
                      for i, d in enumerate(DISHES)],
            description="light", style={"button_width": "88px", "description_width": "50px"}
        ).add_class("nn-01-recipe-row")
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-01-recipe-values")
        with plt.ioff():
            self.fig = P.figure(4.2, 2.6)
            ax = self.fig.add_axes([0.0, 0.0, 1.0, 1.0])
            self.art = plot_recipe(ax, recipe)
        self.trace = None
        self.timings = []
        for s in self.sliders:
            s.observe(self._on_change, "value")
        self.row.observe(self._on_change, "value")
        controls = widgets.VBox([widgets.HTML('<div class="nn-h">ingredients x</div>')]
                                + self.sliders + [self.row],
                                layout={"border": "1px solid #e0e0e0", "padding": "2px 4px"})
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([controls, canvas_widget(self.fig, "nn-01-recipe-plot")],
                         layout={"flex_flow": "row wrap", "grid_gap": "10px"}),
            self.errors.html, self.errors.debug, self.html]).add_class("nn-01-recipe")
        self.refresh()

    def compute(self):
        x = np.array([s.value for s in self.sliders])
        t = self.net.trace(x, np.zeros(self.net.n_out), backward=False)
        if not np.all(np.isfinite(t.output)):
            raise ValueError("a flavour is not finite; kept the last good state")
        return t

    def show(self, t):
        update_recipe(self.art, t, self.row.value)
        set_value(self.html, recipe_html(t, self.row.value))
        self.trace = t
        self.fig.canvas.draw_idle()


# =========================================================================================
# from one neuron (a row vector w) to a layer (a matrix W)
# =========================================================================================

SHAPES_X = np.array([1.0, -0.5, 2.0])


def shapes_network(m: int, n: int = 3, max_m: int = 5, seed: int = 0) -> Network:
    """A Dense layer of m neurons on n inputs (identity activation), W (m, n) and b (m,) drawn
    once for ``max_m`` rows with a fixed seed: growing m adds rows, the first rows stay."""
    if not 1 <= m <= max_m:
        raise ValueError(f"m must be 1..{max_m}, got {m}")
    rng = np.random.default_rng(seed)
    W = np.round(rng.uniform(-1, 1, (max_m, n)), 1)
    b = np.round(rng.uniform(-0.5, 0.5, max_m), 1)
    return Network([Dense(W[:m], b[:m], "identity")])


def shapes_html(t) -> str:
    r"""The shapes :math:`(m\times n)(n\times 1) + (m\times 1) = (m\times 1)` written out, then
    the equation with numbers (z from nnlib; ``data-key`` ``z-i``, ``W-i-j``)."""
    lt = t[1]
    m, n = lt.W.shape
    what = ("one neuron: W is a single row vector wᵀ, z = w·x + b is one number" if m == 1
            else f"a layer of {m} neurons: {m} rows of W = {m} feature extractors, "
                 f"z is a column of {m} numbers")
    shape = (f'<div class="nn-h nn-01-shape" data-shape="{m}x{n}">W ({m}×{n}) · x ({n}×1) '
             f'+ b ({m}×1) = z ({m}×1) &nbsp;&nbsp;<span style="font-weight:400;'
             f'color:#616161">{what}</span></div>')
    zs = "".join(f'<tr><td style="background:{F.COLORS["output"]};border-left:5px solid '
                 f'{row_color(i)}" data-key="z-{i + 1}">{F.num(v, 2)}</td></tr>'
                 for i, v in enumerate(lt.z))
    eq = F.eq(F.lhs("z"), F.op("="), colored_matrix_html(lt.W, f"W ({m}×{n})", digits=1),
             F.op("·"), F.matrix(t[0].a, "input", f"x ({n}×1)", 1), F.op("+"),
             F.matrix(lt.b, "bias", f"b ({m}×1)", 1), F.op("="),
             f'<span class="nn-mat"><table>{zs}</table>'
             f'<span class="nn-cap">z ({m}×1)</span></span>')
    return shape + eq


def plot_layer_shape(ax, n: int = 3, max_m: int = 5):
    """n inputs and ``max_m`` output neurons, all pre-drawn (shown or hidden by
    :func:`update_layer_shape`); the edges into neuron i are row i of W, in row i's colour."""
    from matplotlib.patches import Circle
    r, x_in, x_out = 0.3, 0.0, 2.4
    y_in = (np.arange(n)[::-1] - (n - 1) / 2) * 0.9
    edges = [[ax.plot([], [], lw=1.5, solid_capstyle="round", zorder=1, color=row_color(i))[0]
              for _ in range(n)] for i in range(max_m)]
    for j, y in enumerate(y_in):
        ax.add_patch(Circle((x_in, y), r, fc=F.COLORS["input"], ec="#424242", lw=1, zorder=2))
        ax.text(x_in, y, F.sym("x", None, j + 1), ha="center", va="center", fontsize=9,
                zorder=3)
    nodes, labels = [], []
    for i in range(max_m):
        c = Circle((x_out, 0.0), r, fc=F.COLORS["output"], ec=row_color(i), lw=2.5, zorder=2)
        ax.add_patch(c)
        nodes.append(c)
        labels.append(ax.text(x_out, 0.0, F.sym("z", None, i + 1), ha="center", va="center",
                              fontsize=9, zorder=3))
    span = (max_m - 1) / 2 * 0.9 + r + 0.1
    ax.set_xlim(-0.5, x_out + 0.5)
    ax.set_ylim(-span, span)
    ax.set_aspect("equal")
    ax.axis("off")
    return {"n": n, "r": r, "x_in": x_in, "x_out": x_out, "y_in": y_in, "edges": edges,
            "nodes": nodes, "labels": labels, "m": None}


def update_layer_shape(art, W):
    """Show the first m = W.shape[0] output neurons (centred) and their edges, width ∝ |wᵢⱼ|."""
    W = np.atleast_2d(W)
    m = W.shape[0]
    r, x_in, x_out, y_in = art["r"], art["x_in"], art["x_out"], art["y_in"]
    y_out = (np.arange(m)[::-1] - (m - 1) / 2) * 0.9
    wmax = float(np.abs(W).max()) or 1.0
    for i, (node, label, row) in enumerate(zip(art["nodes"], art["labels"], art["edges"])):
        on = i < m
        node.set_visible(on)
        label.set_visible(on)
        for j, line in enumerate(row):
            line.set_visible(on)
            if on:
                line.set_data([x_in + r, x_out - r], [y_in[j], y_out[i]])
                line.set_linewidth(0.6 + 3.0 * abs(W[i, j]) / wmax)
                line.set_linestyle("-" if W[i, j] >= 0 else (0, (3, 2)))
        if on and art["m"] != m:
            node.set_center((x_out, y_out[i]))
            label.set_position((x_out, y_out[i]))
    art["m"] = m
    return art


class ShapesWidget(LiveView):
    """A slider for the number of neurons m (1..max_m) of a Dense layer on n fixed inputs:
    the shapes (m×n)(n×1) = (m×1) written out with nnlib's numbers, and the diagram growing
    (all artists pre-drawn for max_m and shown/hidden: a move only changes visibility).

    CSS: root ``nn-01-shapes``; slider ``nn-01-m``; numbers ``nn-01-shapes-values``;
    figure ``nn-01-shapes-plot``.
    """

    def __init__(self, m: int = 2, n: int = 3, max_m: int = 5, x=SHAPES_X):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import ErrorArea, canvas_widget
        self.n, self.max_m, self.x = n, max_m, np.asarray(x, dtype=float)
        self.m = widgets.IntSlider(value=m, min=1, max=max_m, description="m",
                                   continuous_update=True, style={"description_width": "30px"},
                                   layout={"width": "230px"})
        self.m.add_class("nn-slider").add_class("nn-01-m")
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-01-shapes-values")
        with plt.ioff():
            self.fig = P.figure(2.3, 3.0)
            ax = self.fig.add_axes([0.0, 0.0, 1.0, 1.0])
            self.art = plot_layer_shape(ax, n, max_m)
        self.trace = None
        self.timings = []
        self.m.observe(self._on_change, "value")
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([widgets.VBox([self.m, self.html]),
                          canvas_widget(self.fig, "nn-01-shapes-plot")],
                         layout={"flex_flow": "row wrap", "grid_gap": "10px",
                                 "align_items": "center"}),
            self.errors.html, self.errors.debug]).add_class("nn-01-shapes")
        self.refresh()

    def compute(self):
        net = shapes_network(int(self.m.value), self.n, self.max_m)
        return net.trace(self.x, np.zeros(net.n_out), backward=False)

    def show(self, t):
        update_layer_shape(self.art, t[1].W)
        set_value(self.html, shapes_html(t))
        self.trace = t
        self.fig.canvas.draw_idle()


# =========================================================================================
# other ways to connect layers: parameter counts
# =========================================================================================

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
        raise ValueError(f"kernel size k must be 1..{len(KERNEL_VALUES)}, got {k}")
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


def params_html(n: int, k: int, T: int) -> str:
    """The three parameter counts (``data-key`` ``p-fc``, ``p-conv``, ``p-rnn``,
    ``p-rnn-unshared``) with their formulas."""
    rows = [
        ("Fully Connected", f"n² + n = {n}² + {n}", fc_params(n), "p-fc",
         "every input to every output: one weight per pair"),
        ("Convolutional (1-D)", f"k + 1 = {k} + 1", conv_params(k), "p-conv",
         "local (k neighbours), shared along the sequence"),
        ("Recurrent step", f"2n² + n = 2·{n}² + {n}", rnn_params(n), "p-rnn",
         f"the same W at each of the T = {T} steps"),
        (f"no sharing, T = {T}", f"T(2n² + n) = {T}·{rnn_params(n)}",
         rnn_params(n, T=T, shared=False), "p-rnn-unshared", "a new W per step (for contrast)"),
    ]
    swatch = ('<span style="display:inline-block;width:10px;height:10px;margin-right:5px;'
              'border:1px solid #616161;background:{}"></span>')
    body = "".join(f'<tr><td class="nn-sym">{swatch.format(color)}{name}</td><td>{formula}</td>'
                   f'<td data-key="{key}"><b>{count:,}</b></td>'
                   f'<td style="text-align:left;color:#616161">{note}</td></tr>'
                   for (name, formula, count, key, note), color in zip(rows, BAR_COLORS))
    return ('<table class="nn-tab"><tr><th>layer (n → n)</th><th>formula</th>'
            f'<th>parameters</th><th></th></tr>{body}</table>')


BAR_NAMES = ("FC", "conv", "RNN", "no share")
BAR_COLORS = ("#FFCC80", "#4DB6AC", "#7986CB", "#E0E0E0")


def plot_connections(fig, max_n: int = 32, max_T: int = 8):
    """Four panels: the fully connected W (n×n, every entry its own weight), the convolution's
    banded W (tied entries share a colour), the unrolled recurrent steps sharing one W, and the
    parameter counts (log scale). Returns the artists for :func:`update_connections`."""
    import matplotlib
    from matplotlib.collections import LineCollection
    ax_fc = fig.add_axes([0.02, 0.40, 0.26, 0.50])
    ax_conv = fig.add_axes([0.31, 0.40, 0.26, 0.50])
    ax_bar = fig.add_axes([0.68, 0.47, 0.30, 0.43])
    ax_rnn = fig.add_axes([0.02, 0.0, 0.96, 0.30])
    cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="#F5F5F5")
    art = {"max_n": max_n, "max_T": max_T}
    for ax, key, title in ((ax_fc, "fc", "FC: W (n×n)"), (ax_conv, "conv", "conv: banded W")):
        art[key] = ax.imshow(np.zeros((2, 2)), cmap=cmap, vmin=-1, vmax=1,
                             interpolation="nearest")
        ax.axis("off")                     # no ticks, no title layout: cheaper redraws
        ax.text(0.5, 1.03, title, transform=ax.transAxes, ha="center", va="bottom",
                fontsize=9)
    bars = ax_bar.bar(range(4), [1, 1, 1, 1], color=BAR_COLORS, edgecolor="#616161", lw=0.8,
                      zorder=2)
    ax_bar.set_yscale("log")
    ax_bar.set_ylim(1, 1e6)
    ax_bar.set_xlim(-0.6, 3.6)
    ax_bar.axis("off")          # a hand-made axis: no tick machinery to lay out on every draw
    for e, label in ((0, "1"), (2, "10²"), (4, "10⁴"), (6, "10⁶")):
        ax_bar.axhline(10.0 ** e, color="#E0E0E0", lw=0.8, zorder=1)
        ax_bar.text(-0.7, 10.0 ** e, label, ha="right", va="center", fontsize=7.5)
    for i, name in enumerate(BAR_NAMES):
        ax_bar.text(i, 0.55, name, ha="center", va="top", fontsize=7.5)
    ax_bar.text(1.5, 2.5e6, "parameters (log)", ha="center", va="bottom", fontsize=9)
    art["bars"] = bars
    # the unrolled recurrent steps: x_t → h_t, h_{t-1} → h_t with the same W at every step
    xs = np.arange(max_T)
    (art["h"],) = ax_rnn.plot(xs, np.ones(max_T), "s", ms=13, mfc=F.COLORS["output"],
                              mec="#424242", zorder=3)
    (art["x"],) = ax_rnn.plot(xs, np.zeros(max_T), "o", ms=11, mfc=F.COLORS["input"],
                              mec="#424242", zorder=3)
    art["up"] = LineCollection([], colors="#7986CB", lw=2.5, zorder=2)
    art["side"] = LineCollection([], colors="#7986CB", lw=2.5, zorder=2)
    ax_rnn.add_collection(art["up"])
    ax_rnn.add_collection(art["side"])
    art["rnn_title"] = ax_rnn.text(-1.2, 1.75, "", ha="left", va="center", fontsize=9)
    ax_rnn.set_xlim(-1.2, max_T - 0.5)
    ax_rnn.set_ylim(-0.4, 2.0)
    ax_rnn.axis("off")
    return art


def update_connections(art, n: int, k: int, T: int, seed: int = 0):
    """Put the matrices for input size n, kernel size k and sequence length T on the panels."""
    W_fc = np.random.default_rng(seed).uniform(-1, 1, (n, n))
    M = np.ma.masked_equal(conv_matrix(n, conv_kernel(k)), 0.0)     # no connection: grey
    for key, mat in (("fc", W_fc), ("conv", M)):
        im = art[key]
        im.set_data(mat)
        im.set_extent((-0.5, n - 0.5, n - 0.5, -0.5))
        im.axes.set_xlim(-0.5, n - 0.5)
        im.axes.set_ylim(n - 0.5, -0.5)
    counts = (fc_params(n), conv_params(k), rnn_params(n), rnn_params(n, T=T, shared=False))
    for bar, c in zip(art["bars"], counts):
        bar.set_height(c)
    xs = np.arange(T)
    art["h"].set_data(xs, np.ones(T))
    art["x"].set_data(xs, np.zeros(T))
    art["up"].set_segments([[(t, 0.2), (t, 0.78)] for t in xs])
    art["side"].set_segments([[(t - 1 + 0.22, 1), (t - 0.22, 1)] for t in xs[1:]])
    art["rnn_title"].set_text(f"RNN unrolled, T = {T} (x: circles, h: squares): the same Wx "
                              f"(up) and Wh (across) at every step")
    return art


class ConnectionsWidget(LiveView):
    """Sliders for the input size n, the kernel size k and the sequence length T; the parameter
    counts (table + log bar chart) and the pictures of :func:`plot_connections`, live.

    CSS: root ``nn-01-connections``; sliders ``nn-01-n``, ``nn-01-k``, ``nn-01-T``; numbers
    ``nn-01-params``; figure ``nn-01-connections-plot``.
    """

    def __init__(self, n: int = 8, k: int = 3, T: int = 4, max_n: int = 32, max_T: int = 8):
        import ipywidgets as widgets
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import ErrorArea, canvas_widget

        def int_slider(v, lo, hi, name):
            s = widgets.IntSlider(value=v, min=lo, max=hi, description=name,
                                  continuous_update=True, style={"description_width": "30px"},
                                  layout={"width": "230px"})
            s.add_class("nn-slider").add_class(f"nn-01-{name}")
            return s

        self.n = int_slider(n, 2, max_n, "n")
        self.k = int_slider(k, 1, 7, "k")
        self.T = int_slider(T, 1, max_T, "T")
        self.errors = ErrorArea()
        self.html = widgets.HTML("").add_class("nn-01-params")
        with plt.ioff():
            self.fig = P.figure(6.4, 3.3)
            self.art = plot_connections(self.fig, max_n, max_T)
        self.counts = None
        self.timings = []
        for s in (self.n, self.k, self.T):
            s.observe(self._on_change, "value")
        self.widget = widgets.VBox([
            widgets.HTML(F.CSS, layout={"display": "none"}),
            widgets.HBox([self.n, self.k, self.T], layout={"flex_flow": "row wrap"}),
            self.errors.html, self.errors.debug,
            canvas_widget(self.fig, "nn-01-connections-plot"),
            self.html]).add_class("nn-01-connections")
        self.refresh()

    def compute(self):
        n, k, T = int(self.n.value), int(self.k.value), int(self.T.value)
        if k > n:
            raise ValueError(f"kernel size k = {k} is larger than the input n = {n}; "
                             f"choose k ≤ n")
        return n, k, T

    def show(self, result):
        n, k, T = result
        update_connections(self.art, n, k, T)
        set_value(self.html, params_html(n, k, T))
        self.counts = {"fc": fc_params(n), "conv": conv_params(k), "rnn": rnn_params(n),
                       "rnn_unshared": rnn_params(n, T=T, shared=False)}
        self.fig.canvas.draw_idle()
