"""Pictures of a network and its numbers: pure matplotlib functions.

Each ``plot_*(ax, ...)`` draws once and returns its artists; the matching ``update_*(artists,
...)`` changes those artists in place (``set_text``, ``set_data``, ``set_color``…) and draws
nothing itself, so a live view calls ``fig.canvas.draw_idle()`` once after all updates.
Labels are maths symbols and short English (the default font has no CJK glyphs).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib
import numpy as np
from matplotlib.patches import Circle

from .activations import get_activation
from .formulas import COLORS, sym

__all__ = ["network_layout", "plot_network", "update_network", "plot_activation",
           "update_activation", "plot_matrix", "update_matrix", "plot_loss_curve",
           "update_loss_curve", "POS_COLOR", "NEG_COLOR", "figure"]

POS_COLOR = "#E65100"      # an edge with w > 0
NEG_COLOR = "#5E35B1"      # an edge with w < 0
HIDDEN_FACE = "#FFF8E1"
DEAD_FACE = COLORS["dead"]
R = 0.40                   # node radius in data units

# Speed: glyph hinting costs about half of every text draw, and a live diagram redraws ~15
# texts per slider move. Unhinted text looks the same at these sizes; this applies to every
# figure drawn after ``import nnlib.plotting``.
matplotlib.rcParams["text.hinting"] = "no_hinting"


def _f(v, digits: int = 2) -> str:
    """A number with fixed decimals and no '-0.00'."""
    text = f"{float(v):.{digits}f}"
    return text.lstrip("-") if float(text) == 0.0 else text


def figure(width: float, height: float, dpi: int = 80):
    """A figure made without showing it (call under ``plt.ioff()``); ipympl's canvas chrome off."""
    import matplotlib.pyplot as plt
    fig = plt.figure(figsize=(width, height), dpi=dpi)
    canvas = fig.canvas
    for attr, value in (("header_visible", False), ("footer_visible", False),
                        ("toolbar_visible", False), ("resizable", False),
                        ("capture_scroll", False)):
        if hasattr(canvas, attr):
            setattr(canvas, attr, value)
    return fig


def network_layout(sizes, dx: float = 1.9, dy: float = 1.05):
    """Node centres: layer l at x = l·dx, its neurons centred vertically, neuron 1 on top."""
    return [np.column_stack([np.full(n, l * dx), (np.arange(n)[::-1] - (n - 1) / 2) * dy])
            for l, n in enumerate(sizes)]


@dataclass
class NetworkArtists:
    """What :func:`plot_network` drew, indexed like the notes: ``nodes[l][i]``, ``edges[l][i][j]``
    (the edge carrying Wˡᵢⱼ from neuron j of layer l − 1 to neuron i of layer l)."""
    pos: list
    nodes: list = field(default_factory=list)
    inner: list = field(default_factory=list)     # z, a, δ inside each node (x for inputs)
    edges: list = field(default_factory=list)
    edge_text: list = field(default_factory=list)
    title: object = None


def _edge_values(t, l, mode):
    return t[l].W if mode == "W" or t[l].dW is None else t[l].dW


def _style_edges(art, t, mode):
    L = t.L
    vmax = max(float(np.abs(_edge_values(t, l, mode)).max()) for l in range(1, L + 1)) or 1.0
    for l in range(1, L + 1):
        vals = _edge_values(t, l, mode)
        dead = _dead_units(t, l)
        for i, row in enumerate(art.edges[l]):
            for j, line in enumerate(row):
                v = float(vals[i, j])
                line.set_color(POS_COLOR if v >= 0 else NEG_COLOR)
                line.set_linewidth(0.4 + 5.0 * abs(v) / vmax)
                line.set_alpha(0.25 if i in dead else 0.85)
                if art.edge_text[l]:
                    art.edge_text[l][i][j].set_text(_f(v))


def _dead_units(t, l):
    lt = t[l]
    if lt.activation != "relu" or lt.z is None:
        return set()
    return {int(i) for i in np.flatnonzero(np.ravel(lt.z) <= 0)}


def plot_network(ax, t, edge_mode: str = "W", edge_labels: bool = False,
                 labels: bool = True) -> NetworkArtists:
    """Draw the network of trace ``t`` (one example): neurons as circles showing z, a and δ
    (inputs: xᵢ),
    edges coloured by the sign of Wˡᵢⱼ (or ∂E/∂Wˡᵢⱼ with ``edge_mode="dW"``), width ∝ |value|.
    ``labels=False`` leaves out the layer names and the title line (a live view shows them in
    HTML instead: every text costs ~1.5 ms per redraw).
    A ReLU unit with z ≤ 0 (f′(z) = 0: no gradient flows through it) is drawn grey and dashed."""
    sizes = [t[0].a.shape[0]] + [t[l].a.shape[0] for l in range(1, t.L + 1)]
    pos = network_layout(sizes)
    art = NetworkArtists(pos=pos)
    art.edges.append([])
    art.edge_text.append([])
    for l in range(1, t.L + 1):
        rows, texts = [], []
        for i, (x1, y1) in enumerate(pos[l]):
            row, trow = [], []
            for j, (x0, y0) in enumerate(pos[l - 1]):
                (line,) = ax.plot([x0 + R, x1 - R], [y0, y1], solid_capstyle="round", zorder=1)
                row.append(line)
                if edge_labels:
                    f = 0.28 + 0.1 * (j % 2)
                    trow.append(ax.text(x0 + R + f * (x1 - x0 - 2 * R), y0 + f * (y1 - y0),
                                        "", fontsize=7, ha="center", va="center", zorder=4,
                                        bbox=dict(boxstyle="round,pad=0.12", fc="white",
                                                  ec="none", alpha=0.8)))
            rows.append(row)
            texts.append(trow)
        art.edges.append(rows)
        art.edge_text.append(texts if edge_labels else [])
    for l, layer_pos in enumerate(pos):
        face = COLORS["input"] if l == 0 else (COLORS["output"] if l == t.L else HIDDEN_FACE)
        nodes, inner = [], []
        for i, (x, y) in enumerate(layer_pos):
            c = Circle((x, y), R, fc=face, ec="#424242", lw=1.2, zorder=2)
            ax.add_patch(c)
            nodes.append(c)
            inner.append(ax.text(x, y, "", fontsize=8, ha="center", va="center", zorder=3,
                                 family="DejaVu Sans Mono", linespacing=1.15))

        art.nodes.append(nodes)
        art.inner.append(inner)
        if labels:
            ax.text(layer_pos[0][0], layer_pos[:, 1].max() + R + 0.22,
                    "input x" if l == 0 else (f"output (l={l})" if l == t.L else f"layer {l}"),
                    ha="center", va="bottom", fontsize=8, color="#424242")
    if labels:
        art.title = ax.text(0.0, 1.0, "", transform=ax.transAxes, ha="left", va="top",
                            fontsize=9)
    xs = np.concatenate([p[:, 0] for p in pos])
    ys = np.concatenate([p[:, 1] for p in pos])
    ax.set_xlim(xs.min() - 0.6, xs.max() + 0.6)
    ax.set_ylim(ys.min() - R - 0.1, ys.max() + R + (0.95 if labels else 0.1))
    ax.set_aspect("equal")
    ax.axis("off")
    update_network(art, t, edge_mode)
    return art


def update_network(art: NetworkArtists, t, edge_mode: str = "W"):
    """Put trace ``t``'s numbers on the artists of :func:`plot_network`; returns them."""
    backward = t[t.L].delta is not None
    for i, text in enumerate(art.inner[0]):
        text.set_text(f"{sym('x', None, i + 1)}\n{_f(t[0].a[i])}")
    for l in range(1, t.L + 1):
        lt = t[l]
        dead = _dead_units(t, l)
        face = COLORS["output"] if l == t.L else HIDDEN_FACE
        for i, node in enumerate(art.nodes[l]):
            is_dead = i in dead
            node.set_facecolor(DEAD_FACE if is_dead else face)
            node.set_edgecolor("#9E9E9E" if is_dead else "#424242")
            node.set_linestyle("--" if is_dead else "-")
            text = f"z {_f(lt.z[i])}\na {_f(lt.a[i])}"
            if backward:
                text += f"\nδ {_f(lt.delta[i], 3)}"
            art.inner[l][i].set_text(text)
            art.inner[l][i].set_color("#757575" if is_dead else "black")
    _style_edges(art, t, edge_mode)
    what = "W" if edge_mode == "W" or not backward else "∂E/∂W"
    title = f"E = {t.loss:.4f}    edges: {what} (width ∝ |value|)" if backward else \
        f"edges: {what} (width ∝ |value|)"
    if art.title is not None:
        art.title.set_text(title)
    return art


# --- activation curve with the current z marked -------------------------------------------

def plot_activation(ax, name: str, z_range=(-4.0, 4.0)):
    """The curve a = f(z) and its derivative f′(z); returns (curve, dcurve, markers, label)."""
    z = np.linspace(*z_range, 401)
    ax.axhline(0, color="#BDBDBD", lw=0.8)
    ax.axvline(0, color="#BDBDBD", lw=0.8)
    (curve,) = ax.plot([], [], color="#2E7D32", lw=2, label="a = f(z)")
    (dcurve,) = ax.plot([], [], color="#AD1457", lw=1.2, ls="--", label="f′(z)")
    (markers,) = ax.plot([], [], "o", color="#1565C0", ms=6, zorder=5, label="current z")
    label = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", fontsize=8)
    ax.set_xlim(*z_range)
    ax.set_xlabel("z")
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    art = (curve, dcurve, markers, label, z)
    update_activation(art, name, [])
    return art


def update_activation(art, name: str, z_now, a_now=None):
    """Switch the curve to activation ``name`` and mark the points (z, f(z)) of ``z_now``."""
    curve, dcurve, markers, label, z = art
    act = get_activation(name)
    a = act.f(z)
    if act.elementwise:
        d = act.fprime(z, a)
    else:                                      # softmax: show the curve of one unit vs 0
        a = 1.0 / (1.0 + np.exp(-z))
        d = a * (1 - a)
    curve.set_data(z, a)
    dcurve.set_data(z, d)
    z_now = np.ravel(np.asarray(z_now, dtype=float))
    if a_now is None:
        a_now = act.f(z_now) if act.elementwise else np.zeros_like(z_now)
    markers.set_data(z_now, np.ravel(a_now))
    label.set_text(f"f = {name}")
    ax = curve.axes
    lo, hi = min(a.min(), d.min(), 0.0), max(a.max(), d.max(), 1.0)
    ax.set_ylim(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo))
    return art


# --- a matrix as a heat map with its numbers ----------------------------------------------

def plot_matrix(ax, M, title: str = "", row_label: str = "i", col_label: str = "j", vmax=None):
    """A heat map of M (diverging colours, 0 white) with each entry written on it."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    vmax = vmax or (float(np.abs(M).max()) or 1.0)
    im = ax.imshow(M, cmap="RdBu_r", vmin=-vmax, vmax=vmax)
    texts = [[ax.text(j, i, "", ha="center", va="center", fontsize=8)
              for j in range(M.shape[1])] for i in range(M.shape[0])]
    ax.set_xticks(range(M.shape[1]), [str(j + 1) for j in range(M.shape[1])])
    ax.set_yticks(range(M.shape[0]), [str(i + 1) for i in range(M.shape[0])])
    ax.set_xlabel(col_label)
    ax.set_ylabel(row_label)
    ax.set_title(title, fontsize=9)
    art = (im, texts)
    update_matrix(art, M, vmax)
    return art


def update_matrix(art, M, vmax=None):
    im, texts = art
    M = np.atleast_2d(np.asarray(M, dtype=float))
    im.set_data(M)
    vmax = vmax or (float(np.abs(M).max()) or 1.0)
    im.set_clim(-vmax, vmax)
    for i, row in enumerate(texts):
        for j, text in enumerate(row):
            text.set_text(f"{M[i, j]:.3f}")
            text.set_color("white" if abs(M[i, j]) > 0.6 * vmax else "black")
    return art


# --- loss per step --------------------------------------------------------------------------

def plot_loss_curve(ax, title: str = "E per step"):
    (line,) = ax.plot([], [], "o-", color="#AD1457", ms=3, lw=1.5)
    ax.set_xlabel("step")
    ax.set_ylabel("E")
    ax.set_title(title, fontsize=9)
    ax.grid(alpha=0.3)
    return line


def update_loss_curve(line, losses, log: bool = False):
    losses = np.asarray(losses, dtype=float)
    steps = np.arange(len(losses))
    line.set_data(steps, losses)
    ax = line.axes
    ax.set_xlim(-0.5, max(len(losses) - 0.5, 1))
    if len(losses):
        lo, hi = float(losses.min()), float(losses.max())
        if log and lo > 0:
            ax.set_yscale("log")
            ax.set_ylim(lo / 1.5, hi * 1.5)
        else:
            pad = 0.1 * (hi - lo) or 0.1 * abs(hi) or 0.1
            ax.set_ylim(lo - pad, hi + pad)
    return line
