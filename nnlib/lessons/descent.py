"""Lesson 05 — gradient descent revisited (notes 004, §1.3): a real loss landscape, live.

The model is the smallest there is, one linear neuron a = w·x + b
(``Network([Dense([[w]], [b], "identity")])``), fitted to eight fixed points with

    L(w, b) = (1/m) Σᵢ ½ (w·xᵢ + b − yᵢ)²          (m = 8, reduction "mean")

so every value and gradient of the landscape comes from nnlib, ∇L = (∂L/∂w, ∂L/∂b) =
(trace[1].dW[0, 0], trace[1].db[0]), and the landscape is small enough to be drawn whole.

Widgets (browser-drawn, :mod:`nnlib.widgets`): :class:`GradientExplorer` (§1.3 1️⃣: the point
and ±∇L on the contours, the cross-sections with their tangents, the data and the line, the
3-D surface, the numbers), :class:`DescentExplorer` (§1.3 2️⃣: ``DescentControls`` on (w, b),
the path, L per step, the regime named from the run, four presets; ``.hill`` the same run on
the surface) and :class:`TrainingCurve` (E per step of a ``NetworkPanel``'s descent). Static
builders for ``show``: :func:`params_and_grads`, :func:`presets_table`, :func:`history`,
:func:`network_regimes_table`. What never changes is drawn once: the contours (where L = c
crosses the grid's edges, ordered round the convex set {L ≤ c}) and the surface (a grid
projected from a fixed view, painted far to near); a move sends the point, arrows and path.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .. import fmt
from ..fmt import sym
from ..gradcheck import hessian
from ..i18n import tr
from ..layers import Dense
from ..network import Network
from ..optim import DivergenceError, GradientDescent
from ..widgets.charts import (StepChart, add_trail, nice, simplify, star_points,
                              trail_updates, viridis)
from ..widgets import (Box, Chart, Controls, DescentControls, LiveView, Row, Scene, SceneView,
                       TemplateView, arrow_d, button, eq, group, history_table, lhs, matrix, op,
                       slider, table)

__all__ = ["DATA_X", "DATA_Y", "START", "PRESETS", "PRESET_STEPS", "neuron", "run_descent",
           "Landscape", "Descent", "regime", "Surface", "GradientExplorer", "DescentExplorer",
           "TrainingCurve", "params_and_grads", "presets_table", "history", "NETWORK_REGIME_COLORS",
           "hidden_relus", "network_regime", "network_regimes", "network_regimes_table"]

# Eight fixed points, roughly y = 1.5 x − 0.5 plus noise (drawn once with
# numpy.random.default_rng(5) and rounded, so the lesson is the same everywhere).
DATA_X = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
DATA_Y = np.array([-2.32, -1.78, -0.60, 0.42, 1.45, 1.79, 2.28, 2.94])
W_RANGE, B_RANGE = (-1.5, 4.5), (-3.5, 2.5)     # the square of (w, b) the pictures show
# The start lies off the valley floor in both curvature directions: a step that overshoots the
# steep one (η > 1/λ_max) visibly zig-zags, and −∇L does not point at the minimum.
START = (-1.0, 0.0)
# η on the 1-2-5 grid, one per regime of this landscape (λ ≈ 0.57 and 2.31: steps overshoot
# for η > 1/λ_max ≈ 0.43 and diverge for η > 2/λ_max ≈ 0.87), each run PRESET_STEPS steps.
PRESETS = {"too-small": 0.02, "good": 0.2, "too-large": 0.5, "far-too-large": 1.0}
PRESET_STEPS = 20
REGIME_COLORS = {"crawls": "#1565C0", "good": "#2E7D32", "oscillates": "#EF6C00",
                 "diverges": "#C62828"}
UP, DOWN, PATH, POINT, STAR = "#C62828", "#2E7D32", "#D81B60", "#0D47A1", "#FBC02D"
SEC_W, SEC_B = "#7E57C2", "#00897B"             # the cross-sections b = b₀ and w = w₀
ARROW_SCALE, SMALL_DW = 0.5, 0.01


def neuron(w: float, b: float) -> Network:
    """The model a = w·x + b as an nnlib Network, with L = mean over the data of ½(a − y)²."""
    return Network([Dense([[w]], [b], "identity")], loss="squared_error", reduction="mean")


def run_descent(net, x, y, eta: float, steps: int):
    """(gd, message): ``steps`` steps of nnlib.GradientDescent; if η diverges, the run stops at
    the last finite step and ``message`` is nnlib's DivergenceError text ('' otherwise)."""
    gd = GradientDescent(net, x, y, eta=eta)
    try:
        gd.step(steps)
    except DivergenceError as exc:
        return gd, str(exc)
    return gd, ""


# --- the landscape ----------------------------------------------------------------------------

class Landscape:
    """L(w, b) of :func:`neuron` on the data (x, y), everything computed by nnlib.

    ``grid_w``, ``grid_b``, ``grid_L``: L on an n × n grid (rows b, columns w), for pictures;
    ``minimum``: (w*, b*, L*), found by running nnlib.GradientDescent to convergence."""

    def __init__(self, x=DATA_X, y=DATA_Y, w_range=W_RANGE, b_range=B_RANGE, n: int = 41):
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.X, self.Y = self.x[None, :], self.y[None, :]      # examples are columns: (1, m)
        self.w_range, self.b_range = tuple(w_range), tuple(b_range)
        self._net = neuron(0.0, 0.0)               # its loss_at(params) is L at any (w, b)
        self.grid_w, self.grid_b = np.linspace(*self.w_range, n), np.linspace(*self.b_range, n)
        self.grid_L = np.array([[self.loss(w, b) for w in self.grid_w] for b in self.grid_b])
        gd = GradientDescent(neuron(0.0, 0.0), self.X, self.Y, eta=0.3)
        for _ in range(40):                         # 40 × 25 steps; stops once settled
            before = gd.trace.loss
            gd.step(25)
            if before - gd.trace.loss < 1e-15:
                break
            gd.history[:] = gd.history[-1:]         # keep memory small: only the last trace
        t = gd.trace
        self.minimum = (float(t[1].W[0, 0]), float(t[1].b[0]), float(t.loss))

    def trace(self, w: float, b: float):
        """nnlib's forward + backward pass of the neuron (w, b) over all eight examples."""
        return neuron(w, b).trace(self.X, self.Y)

    def loss(self, w: float, b: float) -> float:
        """L(w, b) by nnlib's forward pass (``Network.loss_at``: no network built, no trace)."""
        return self._net.loss_at([(np.array([[w]], dtype=float), np.array([b], dtype=float))],
                                 self.X, self.Y)

    def grad(self, w: float, b: float):
        """(∂L/∂w, ∂L/∂b) from nnlib's backward pass: ∂L/∂W¹ = δ¹ xᵀ, ∂L/∂b¹ = Σ δ¹."""
        t = self.trace(w, b)
        return float(t[1].dW[0, 0]), float(t[1].db[0])

    def section_w(self, b0: float, ws):
        """L(w, b₀) for each w: the cross-section along w."""
        return np.array([self.loss(w, b0) for w in ws])

    def section_b(self, w0: float, bs):
        """L(w₀, b) for each b: the cross-section along b."""
        return np.array([self.loss(w0, b) for b in bs])

    def curvature(self, w: float = 0.0, b: float = 0.0, h: float = 1e-4):
        """The Hessian ∂²L/∂(w, b)² by central differences of nnlib's gradients, and its
        eigenvalues λ (ascending). Gradient descent on a quadratic converges iff η < 2/λ_max."""
        H = hessian(neuron(w, b), self.X, self.Y, h)
        return H, np.linalg.eigvalsh(H)

    def descend(self, w0: float, b0: float, eta: float, steps: int) -> Descent:
        """``steps`` steps (w, b) ← (w, b) − η ∇L from (w₀, b₀) with nnlib.GradientDescent.
        Never raises for a too-large η: the path keeps every finite step, with nnlib's message."""
        return self.run_of(*run_descent(neuron(w0, b0), self.X, self.Y, eta, steps))

    def run_of(self, gd, error: str = "") -> Descent:
        """The :class:`Descent` of a GradientDescent's history."""
        path = np.array([[t[1].W[0, 0], t[1].b[0]] for t in gd.history])
        losses = np.array(gd.losses)
        return Descent(float(gd.eta), gd.steps, path, losses, error,
                       regime(losses, path, self.minimum[2], diverged=bool(error)))

    @cached_property
    def outlines(self):
        """[(c, polygon)]: for 14 levels c (from L* up, denser near the bottom) the outline of
        {L ≤ c} inside the grid's box, in (w, b). Where L = c crosses the grid's edges (marching
        squares' linear interpolation) plus the box corners inside lie on the boundary of a
        convex set (L is a convex quadratic): ordered by angle about their mean, a polygon."""
        gw, gb, G = self.grid_w, self.grid_b, self.grid_L
        out = []
        for c in self.minimum[2] + (G.max() - self.minimum[2]) * np.linspace(0, 1, 15)[1:] ** 2:
            pts = [(gw[j], gb[i]) for i in (0, -1) for j in (0, -1) if G[i, j] <= c]
            for A, B, along_w in ((G[:, :-1], G[:, 1:], True), (G[:-1, :], G[1:, :], False)):
                ii, jj = np.nonzero((A - c) * (B - c) < 0)
                t = (c - A[ii, jj]) / (B[ii, jj] - A[ii, jj])
                pts += list(zip(gw[jj] + t * (gw[jj + 1] - gw[jj]), gb[ii]) if along_w else
                            zip(gw[jj], gb[ii] + t * (gb[ii + 1] - gb[ii])))
            if len(pts) >= 3:
                P = np.array(pts)
                d = P - P.mean(axis=0)
                out.append((float(c), P[np.argsort(np.arctan2(d[:, 1], d[:, 0]))]))
        return out


@dataclass(frozen=True)
class Descent:
    """One run: ``path`` (k+1, 2) of (w, b), ``losses`` (k+1,), nnlib's divergence message."""
    eta: float
    steps: int
    path: np.ndarray
    losses: np.ndarray
    error: str
    regime: str


def regime(losses, points, floor: float = 0.0, diverged: bool = False, tol: float = 0.02) -> str:
    """Name what the learning rate did, from the run itself (any model, any number of params).

    ``points`` (k+1, P): the parameters after each step; ``floor``: the lowest loss possible.
    "none" (no step yet) · "diverges" (nnlib stopped it, or L ended above L₀) · "oscillates"
    (L went up on the way, or a step points against the step before: it overshot the valley
    floor) · "crawls" (L closed less than 1 − tol of the gap L₀ − floor) · "good". On a
    quadratic bowl a step reverses the one before only if η > 1/λ for some curvature λ (with
    every 1 − ηλ > 0 each component of the offset shrinks and keeps its sign)."""
    losses = np.asarray(losses, dtype=float)
    if len(losses) < 2:
        return "none"
    if diverged or not np.isfinite(losses[-1]) or losses[-1] > losses[0]:
        return "diverges"
    if np.any(np.diff(losses) > 1e-9 * max(abs(losses[0]), 1e-300)):
        return "oscillates"                          # L went up somewhere: an overshoot
    steps = np.diff(np.asarray(points, dtype=float).reshape(len(losses), -1), axis=0)
    n = np.linalg.norm(steps, axis=1)
    moving = n > 1e-6 * n.max()                      # a settled run's rounding noise: ignored
    pair = moving[:-1] & moving[1:]
    if np.any(np.einsum("ij,ij->i", steps[:-1], steps[1:])[pair] < 0):
        return "oscillates"
    gap0 = losses[0] - floor
    return "crawls" if gap0 > 0 and losses[-1] - floor > tol * gap0 else "good"


# --- pictures drawn once ------------------------------------------------------------------------

def contour_scene(land: Landscape, title: str, size: int = 300):
    """The filled contours of L(w, b) ({L ≤ c} painted over the larger ones, each with a white
    outline; along the box's sides the frame covers it) and ★ at the minimum, in a
    :class:`Chart`; returns (scene, chart)."""
    s = Scene(size, size + 4)
    ch = Chart(s, (42, 24, size - 54, size - 54), land.w_range, land.b_range, xlabel="w",
               title=title, grid=False, id="ct")
    n = len(land.outlines)
    s.rect(None, ch.x0, ch.y0, ch.w, ch.h, fill=viridis(1.0, 0.55))
    for k in range(n - 1, -1, -1):
        poly = land.outlines[k][1]
        s.polygon(None, simplify(np.column_stack([ch.px(poly[:, 0]), ch.py(poly[:, 1])])),
                  fill=viridis(math.sqrt(k / n), 0.55), stroke="#fff", stroke_width=0.8)
    s.rect(None, ch.x0, ch.y0, ch.w, ch.h, fill="none", stroke="#9e9e9e", stroke_width=1.2)
    s.text(None, ch.x0 - 28, ch.y0 + ch.h / 2 + 4, "b", font_size=12)
    s.polygon(None, star_points(float(ch.px(land.minimum[0])), float(ch.py(land.minimum[1]))),
              fill=STAR, stroke="#5D4037", stroke_width=0.8)
    return s, ch


class Surface:
    """The surface L(w, b) seen from a fixed direction (orthographic: turned ``azim`` about the
    vertical, looked at from ``elev`` above), drawn once: an n × n grid's quadrilaterals painted
    far to near, coloured by height and shaded by slope; :meth:`project` places any (w, b, L)."""

    def __init__(self, land: Landscape, width: int = 330, height: int = 270, azim: float = -30,
                 elev: float = 28, n: int = 19, top: float = 26, bottom: float = 24):
        self.land, self.width, self.height = land, width, height
        self.gw, self.gb = np.linspace(*land.w_range, n), np.linspace(*land.b_range, n)
        self.G = np.array([[land.loss(w, b) for w in self.gw] for b in self.gb])
        self.zmax = float(self.G.max())
        a, e = math.radians(azim), math.radians(elev)
        self._rot = (math.cos(a), math.sin(a), math.cos(e), math.sin(e))
        Wg, Bg = np.meshgrid(self.gw, self.gb)            # fit the surface and its base
        X, Y, _ = self._view(np.r_[Wg.ravel(), Wg.ravel()], np.r_[Bg.ravel(), Bg.ravel()],
                             np.r_[self.G.ravel(), 0 * self.G.ravel()])
        self.scale = min((width - 70) / np.ptp(X), (height - top - bottom) / np.ptp(Y))
        self.ox = width / 2 - self.scale * (X.min() + X.max()) / 2
        self.oy = top + self.scale * Y.max()
        self.height = math.ceil(top + self.scale * np.ptp(Y) + bottom)   # no empty band

    def _view(self, w, b, L):
        ca, sa, ce, se = self._rot
        (w0, w1), (b0, b1) = self.land.w_range, self.land.b_range
        u, v = 2 * (w - w0) / (w1 - w0) - 1, 2 * (b - b0) / (b1 - b0) - 1
        xr, yr, h = u * ca - v * sa, u * sa + v * ca, L / self.zmax
        return xr, yr * se + h * ce, yr * ce - h * se      # screen x, screen up, depth

    def project(self, w, b, L):
        """Pixel positions (x, y) of the points (w, b, L)."""
        X, Y, _ = self._view(*np.broadcast_arrays(*(np.asarray(a, float) for a in (w, b, L))))
        return self.ox + self.scale * X, self.oy - self.scale * Y

    def inside(self, w, b, L):
        (wl, wh), (bl, bh) = self.land.w_range, self.land.b_range
        return (w >= wl) & (w <= wh) & (b >= bl) & (b <= bh) & (L >= 0) & (L <= self.zmax)

    def scene(self, title: str) -> Scene:
        (wl, wh), (bl, bh), G = self.land.w_range, self.land.b_range, self.G
        s = Scene(self.width, self.height)
        s.text(None, self.width / 2, 16, title, font_size=12.5, font_weight=600)
        cw, cb = np.array([wl, wh, wh, wl]), np.array([bl, bl, bh, bh])
        bx, by = self.project(cw, cb, 0.0)
        s.polygon(None, list(zip(bx, by)), fill="#fafafa", stroke="#bdbdbd", stroke_width=1)
        left, back = int(np.argmin(bx)), int(np.argmin(by))  # the L axis at the left corner
        tx, ty = self.project(cw[left], cb[left], np.array([0.0, self.zmax]))
        s.line(None, tx[0], ty[0], tx[1], ty[1], stroke="#9e9e9e", stroke_width=1)
        for y, text in ((ty[0] + 4, "0"), (ty[1] + 4, fmt.num(self.zmax, 0)),
                        ((ty[0] + ty[1]) / 2, "L")):
            s.text(None, tx[0] - 5, y, text, font_size=10.5, text_anchor="end")
        Wg, Bg = np.meshgrid(self.gw, self.gb)
        PX, PY = self.project(Wg, Bg, G)
        D = self._view(Wg, Bg, G)[2]
        hu, hv = (np.gradient(G / self.zmax, 2 / (len(self.gb) - 1), 2 / (len(self.gw) - 1))
                  [::-1])                                  # slopes as drawn (u, v ∈ [−1, 1])
        light = np.array([-0.35, -0.45, 1.0]) / np.linalg.norm([-0.35, -0.45, 1.0])
        shade = 0.62 + 0.38 * np.clip((light[2] - hu * light[0] - hv * light[1])
                                      / np.sqrt(hu ** 2 + hv ** 2 + 1), 0, 1)

        def cell(A):                                       # the mean over each quadrilateral
            return (A[:-1, :-1] + A[:-1, 1:] + A[1:, :-1] + A[1:, 1:]) / 4
        depth, mean, shade = cell(D), cell(G), cell(shade)
        # one group paints each quadrilateral in its own colour (fill and stroke: no seams)
        s.group("surf", fill="currentColor", stroke="currentColor", stroke_width=0.7)
        for i, j in zip(*np.unravel_index(np.argsort(-depth, axis=None), depth.shape)):
            quad = " ".join(f"{PX[a, c]:.0f},{PY[a, c]:.0f}" for a, c in
                            ((i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)))
            s.add("polygon", points=quad, parent="surf",
                  color=viridis(math.sqrt(mean[i, j] / self.zmax), shade=shade[i, j]))
        for k, name in ((0, "w"), (1, "b")):               # edges b = b_lo and w = w_hi
            s.text(None, bx[k:k + 2].mean() + 8 * k - 4, by[k:k + 2].mean() + 16, name)
        for c in set(range(4)) - {back}:
            s.text(None, bx[c] + (14 if c == left else 12), by[c] + (16 if c == left else 14),
                   f"({fmt.num(cw[c], 1)}, {fmt.num(cb[c], 1)})", font_size=9.5, fill="#757575")
        sx, sy = self.project(*self.land.minimum)
        s.polygon(None, star_points(float(sx), float(sy), 7), fill=STAR, stroke="#5D4037",
                  stroke_width=0.8)
        return s


def _td(text: str, cls: str = "nn-text", style: str = "") -> str:
    """A table cell of text (escaped)."""
    return f'<td class="{cls}"' + (f' style="{style}"' if style else "") + \
        f">{html.escape(text)}</td>"


def _tr_html(key: str, **slots) -> str:
    """A message with HTML slots for its {fields} (the message text itself escaped)."""
    return html.escape(tr(key)).format(**slots)


# --- §1.3 1️⃣: the gradient ----------------------------------------------------------------------

def gradient_table(v, doc) -> str:
    """The numbers of :class:`GradientExplorer` and the legend; the last row: ΔL/Δw for a
    whole unit and for a small step beside ∂L/∂w."""
    def row(*cells):
        return "<tr>" + "".join(c if c.startswith("<td") else _td(c, "nn-sym")
                                for c in cells) + "</tr>"
    rows = [row("(w, b)", f"<td>({doc.num('w', v['w'], 2)}, {doc.num('b', v['b'], 2)})</td>",
                "L(w, b)", doc.num("L", v["L"], tag="td")),
            row("∇L = (∂L/∂w, ∂L/∂b)",
                f"<td>({doc.num('dL_dw', v['gw'])}, {doc.num('dL_db', v['gb'])})</td>", "|∇L|",
                doc.num("norm", v["norm"], tag="td")),
            row(tr("gd05.one_unit"), doc.num("one_unit", v["one"], tag="td"),
                tr("gd05.small_step", dw=fmt.num(SMALL_DW, 2)),
                doc.num("small_step", v["small"], tag="td"), "∂L/∂w",
                doc.num("dL_dw2", v["gw"], tag="td"))]
    return (f'<table class="nn-tab">{"".join(rows)}</table>'
            f'<div class="nn-note">{html.escape(tr("gd05.instant"))}</div>'
            f'<div class="nn-note" style="max-width:640px;margin-top:4px">'
            f'{html.escape(tr("gd05.legend", scale=fmt.num(ARROW_SCALE, 1)))}</div>')


class GradientExplorer(LiveView):
    """§1.3 1️⃣: sliders for (w, b) → one nnlib trace → the point and ±∇L on the contours, the
    cross-sections L(w, b₀) and L(w₀, b) with tangents of slope ∂L/∂w and ∂L/∂b, the point and
    a short −∇L segment on the 3-D surface, the data with the line a = w x + b, the numbers.

    CSS: ``nn-05-grad`` (root), ``nn-05-grad-controls``, ``nn-05-contour``, ``nn-05-sections``,
    ``nn-05-surface``, ``nn-05-fit`` (pictures), ``nn-05-grad-values`` (numbers, legend)."""

    def __init__(self, land: Landscape | None = None, w: float = 0.0, b: float = 1.0,
                 surface: bool = True):
        super().__init__()
        self.land = land = land or Landscape()
        self.controls = Controls([group(tr("gd05.params"), [
            slider("w", "w", w, *land.w_range, 0.05), slider("b", "b", b, *land.b_range, 0.05)],
            row=True)], css="nn-05-grad-controls")
        self.watch(self.controls)
        self.ws, self.bs = np.linspace(*land.w_range, 41), np.linspace(*land.b_range, 41)
        self.xs = np.linspace(land.x.min() - 0.5, land.x.max() + 0.5, 41)
        s, self.chart = contour_scene(land, tr("gd05.contour_title"))
        for name, colour in (("hline", SEC_W), ("vline", SEC_B)):
            s.line(name, 0, -9, 0, -9, stroke=colour, stroke_width=1, stroke_dasharray="4 3")
        for name, colour in (("up", UP), ("down", DOWN)):
            s.path(name, "", stroke=colour, fill=colour, stroke_width=2.4,
                   stroke_linejoin="round")
        s.circle("dot", -9, -9, 4.5, fill=POINT, stroke="#fff", stroke_width=1)
        self.contour = SceneView(s, css="nn-05-contour")
        top = float(np.percentile(land.grid_L, 60))
        s = Scene(250, 308)
        self.sec = [Chart(s, (44, y, 196, 96), lim, (0, top), xlabel=name, title=tr(key),
                          id=f"s{name}")
                    for y, lim, name, key in ((20, land.w_range, "w", "gd05.section_w"),
                                              (176, land.b_range, "b", "gd05.section_b"))]
        for ch, colour in zip(self.sec, (SEC_W, SEC_B)):
            ch.add_line("curve", colour, 1.8)
            ch.add_line("tan", UP, 1.4)
            ch.add_point("dot", POINT, 4)
        self.sections = SceneView(s, css="nn-05-sections")
        s = Scene(230, 304)
        pad = 0.25 * np.ptp(land.y)
        self.fit_chart = Chart(s, (44, 24, 176, 246), (self.xs[0], self.xs[-1]),
                               (land.y.min() - pad, land.y.max() + pad), xlabel="x",
                               ylabel="y, a", title=tr("gd05.data_title"), id="fit")
        for xi, yi in zip(land.x, land.y):
            s.circle(None, float(self.fit_chart.px(xi)), float(self.fit_chart.py(yi)), 3.5,
                     fill="#1565C0")
        self.fit_chart.add_line("line", PATH, 1.8)
        self.fit = SceneView(s, css="nn-05-fit")
        pictures, self.surface = [self.contour, self.sections], None
        if surface:
            self.surf = Surface(land)
            s = self.surf.scene(tr("gd05.surface_title"))
            s.line("down", 0, 0, 0, 0, stroke=DOWN, stroke_width=3, stroke_linecap="round")
            s.circle("pt", -9, -9, 4.5, fill=POINT, stroke="#fff", stroke_width=1)
            self.surface = SceneView(s, css="nn-05-surface")
            pictures.append(self.surface)
        self.table = TemplateView(gradient_table, "nn-05-grad-values")
        self.trace = None
        self.layout(self.controls, Row(pictures, gap="6px"), Row([self.fit, self.table]),
                    css="nn-05-grad")
        self.refresh()

    def compute(self):
        w, b = (float(self.controls.values[k]) for k in ("w", "b"))
        land, t = self.land, self.land.trace(w, b)
        L, gw, gb = float(t.loss), float(t[1].dW[0, 0]), float(t[1].db[0])
        return {"w": w, "b": b, "t": t, "L": L, "gw": gw, "gb": gb, "norm": math.hypot(gw, gb),
                "Lw": land.section_w(b, self.ws), "Lb": land.section_b(w, self.bs),
                "fit": t.network.forward(self.xs[None, :])[0],
                "one": land.loss(w + 1.0, b) - L,                 # "change w by one unit"
                "small": (land.loss(w + SMALL_DW, b) - L) / SMALL_DW}

    def show(self, v):
        w, b, L, gw, gb = v["w"], v["b"], v["L"], v["gw"], v["gb"]
        ch = self.chart
        px, py = round(float(ch.px(w)), 1), round(float(ch.py(b)), 1)
        up = {"hline": {"x1": ch.x0, "x2": ch.x0 + ch.w, "y1": py, "y2": py},
              "vline": {"x1": px, "x2": px, "y1": ch.y0, "y2": ch.y0 + ch.h},
              "dot": {"cx": px, "cy": py}}
        up.update(_arrow(ch, "up", w, b, ARROW_SCALE * gw, ARROW_SCALE * gb))
        up.update(_arrow(ch, "down", w, b, -ARROW_SCALE * gw, -ARROW_SCALE * gb))
        self.contour.updates = up
        up = {}
        for ch, xs, Ls, x0, slope in ((self.sec[0], self.ws, v["Lw"], w, gw),
                                      (self.sec[1], self.bs, v["Lb"], b, gb)):
            tx = np.linspace(x0 - 0.9, x0 + 0.9, 19)
            up.update({**ch.line("curve", xs, Ls), **ch.line("tan", tx, L + slope * (tx - x0)),
                       **ch.point("dot", x0, L)})
        self.sections.updates = up
        self.fit.updates = self.fit_chart.line("line", self.xs, v["fit"])
        if self.surface is not None:
            (x1, x2), (y1, y2) = (np.round(a, 1).tolist() for a in self.surf.project(
                [w, w - 0.25 * gw], [b, b - 0.25 * gb], [L, max(L - 0.25 * v["norm"] ** 2, 0)]))
            self.surface.updates = {"pt": {"cx": x1, "cy": y1},
                                    "down": {"x1": x1, "y1": y1, "x2": x2, "y2": y2}}
        self.table.update(v)
        self.trace = v["t"]


def _arrow(ch: Chart, name: str, w, b, dw, db) -> dict:
    """The update of the arrow (w, b) → (w + dw, b + db): cut where it leaves the chart (then
    without its head); nothing at the minimum (no length)."""
    t = min([1.0] + [((hi if d > 0 else lo) - p) / d
                     for p, d, (lo, hi) in ((w, dw, ch.xlim), (b, db, ch.ylim)) if d])
    ends = [float(v) for v in (ch.px(w), ch.py(b), ch.px(w + t * dw), ch.py(b + t * db))]
    return {name: {"d": arrow_d(*ends, 9.0 if t >= 1 else 0.0)
                   if math.hypot(ends[2] - ends[0], ends[3] - ends[1]) >= 1 else ""}}


# --- §1.3 2️⃣: the descent ----------------------------------------------------------------------

def regime_html(run: Descent, floor: float, doc) -> str:
    """The regime named from the run and what it says; η, k, L₀ → L_k, (w, b) at the end."""
    r = run.regime
    if r == "none":
        return f'<div class="nn-h">{doc.text("regime", tr("gd05.regime.none"))}</div>'
    name = doc.text("regime", tr(f"gd05.regime.{r}"))
    head = _tr_html("gd05.regime_head",
                    name=f'<span style="color:{REGIME_COLORS[r]}">{name}</span>',
                    text=doc.text("regime-text", tr(f"gd05.regime_text.{r}")))
    numbers = _tr_html("gd05.run", eta=doc.text("eta", f"{run.eta:g}"),
                       k=doc.text("k", str(run.steps)),
                       L0=doc.text("L0", fmt.num_wide(run.losses[0])),
                       Lk=doc.text("Lk", fmt.num_wide(run.losses[-1])),
                       Ls=doc.text("Ls", fmt.num_wide(floor)),
                       w=doc.num("wk", run.path[-1, 0], 3), b=doc.num("bk", run.path[-1, 1], 3))
    return (f'<div class="nn-h" style="font-size:14px">{head}</div>'
            f'<div class="nn-note">{numbers}</div>')


class DescentExplorer(LiveView):
    """§1.3 2️⃣: (w, b) ← (w, b) − η ∇L with the toolkit's :class:`DescentControls` (η on the
    1-2-5 grid, steps, step / undo / replay) from the start (w₀, b₀), and four presets.

    A run is (start, η, k steps): a new start or η runs the same k steps again from the start,
    so the pictures always show the values on the controls; "step" adds steps, "undo" takes one
    back, a preset sets η and runs PRESET_STEPS steps from the start. Views: the path on the
    contours, L per step (log scale, dashed: the lowest L possible), the regime named from the
    run (:func:`regime`) and :attr:`hill`, the same run on the 3-D surface (the notes' "下山").

    CSS: ``nn-05-descent`` (root), ``nn-05-descent-controls`` (keys ``w0``, ``b0``, ``gd-…``,
    ``preset-too-small`` …), ``nn-05-regime``, ``nn-05-path``, ``nn-05-losses``,
    ``nn-05-hill-view``, ``nn-05-hill``."""

    def __init__(self, land: Landscape | None = None, eta: float = PRESETS["good"],
                 steps: int = PRESET_STEPS, start=START, surface: bool = True):
        super().__init__()
        self.land = land = land or Landscape()
        self.descent = DescentControls(self, self._start, lambda gd: self.refresh(), eta=eta,
                                       loss="L", title=tr("gd05.descent_title"),
                                       step_title=tr("gd05.step_title"))
        descent = self.descent.group()
        presets = [button(f"preset-{name}", f"{tr('gd05.preset.' + name)}  η = "
                          f"{eta:g}", title=tr("gd05.preset_title", eta=f"{eta:g}",
                                               k=PRESET_STEPS)) for name, eta in PRESETS.items()]
        self.controls = Controls([
            group(tr("gd05.start"), [slider("w0", "w₀", start[0], *land.w_range, 0.05),
                                     slider("b0", "b₀", start[1], *land.b_range, 0.05)]),
            descent, group(tr("gd05.presets"), presets, row=True)], css="nn-05-descent-controls")
        self.descent.attach(self.controls)
        for name in PRESETS:
            self.controls.on_press(f"preset-{name}",
                                   lambda name=name: self.action(self.preset, name))
        self.controls.on_change(self._changed)
        self.controls.on_reject(lambda *a: self.refused(self.controls, *a))
        s, self.chart = contour_scene(land, tr("gd05.path_title"))
        add_trail(s, "path", PATH)
        self.path_view = SceneView(s, css="nn-05-path")
        self.loss_view = StepChart("nn-05-losses", "L", tr("gd05.loss_title"),
                                   floor_label=tr("gd05.floor"), colour=PATH, floor_colour=STAR,
                                   floor=land.minimum[2])
        self.regime_view = TemplateView(lambda run, doc: regime_html(run, land.minimum[2], doc),
                                        "nn-05-regime")
        self.layout(self.controls, self.regime_view,
                    Row([self.path_view, self.loss_view], gap="6px"), css="nn-05-descent")
        self.hill = self.surf = None
        if surface:
            self.surf = Surface(land, 520, 390, bottom=40)
            s = self.surf.scene(tr("gd05.hill_title"))
            s.text("hill-caption", 260, self.surf.height - 8, "", font_size=12.5,
                   fill="#616161")
            add_trail(s, "hill", PATH, 1.6)
            self.hill_view = SceneView(s, css="nn-05-hill")
            self.hill_view.when_shown(lambda: self.run is not None and self._show_hill(self.run))
            self.hill = Box([self.controls, self.message.widget, self.regime_view,
                             self.hill_view], css="nn-05-hill-view")
        self.run = None
        self.action(self.descent.step, steps)

    def _start(self):
        v = self.controls.values
        return neuron(float(v["w0"]), float(v["b0"])), self.land.X, self.land.Y

    def _changed(self, keys, user):
        if not user:
            return                                   # set from Python (a preset): it runs
        if keys & {"w0", "b0"}:
            self.action(self.restart)
        elif "gd-eta" in keys:
            self.action(self.descent.replay if self.descent.gd is not None else self.refresh)

    def restart(self):
        """The same number of steps as now, from the start on the sliders."""
        k = self.descent.gd.steps if self.descent.gd is not None else 0
        self.descent.forget()
        if k:
            self.descent.step(k)
        else:
            self.refresh()

    def preset(self, name: str, steps: int | None = None):
        """η = PRESETS[name] and a new run of PRESET_STEPS (or ``steps``) steps from the start."""
        self.controls.set({"gd-eta": PRESETS[name]})
        self.descent.forget()
        self.descent.step(PRESET_STEPS if steps is None else int(steps))

    def compute(self):
        gd = self.descent.gd                         # no step yet: the start alone
        return self.land.run_of(gd or GradientDescent(*self._start(), eta=self.descent.eta))

    def show(self, run: Descent):
        self.run, ch, path = run, self.chart, run.path
        self.path_view.updates = trail_updates("path", ch.px(path[:, 0]), ch.py(path[:, 1]),
                                        ch.inside(path[:, 0], path[:, 1]))
        self.loss_view.plot(run.losses, (self.land.minimum[2] / 1.6, 1e3), log=True)
        self.regime_view.update(run)
        if self.hill is not None and self.hill_view.visible:   # else when it comes into sight
            self._show_hill(run)

    def _show_hill(self, run: Descent):
        """The run on the surface, up to where it leaves the picture."""
        path = run.path
        inside = self.surf.inside(path[:, 0], path[:, 1], run.losses)
        n = len(path) if inside.all() else int(np.argmin(inside))
        up = trail_updates("hill", *self.surf.project(path[:n, 0], path[:n, 1], run.losses[:n]))
        up["hill-caption"] = {"text": tr("gd05.hill_caption") + (
            "" if n == len(path) else tr("gd05.hill_left", k=max(n - 1, 0)))}
        self.hill_view.updates = up


# --- static pictures: the gradient has the parameters' shape; presets; every step -----------------

def params_and_grads(t, doc, digits: int = 3) -> str:
    """For each layer l of trace ``t``: Wˡ beside ∂L/∂Wˡ and bˡ beside ∂L/∂bˡ (same shape,
    entry by entry: ∂L/∂Wˡᵢⱼ sits where Wˡᵢⱼ sits). Slots pg{l}-dW-i-j, pg{l}-db-i-1 …"""
    out = []
    for l in range(1, t.L + 1):
        lt, W, b = t[l], sym("W", l), sym("b", l)
        shape, n = "{}×{}".format(*lt.W.shape), len(lt.b)
        out.append(eq(lhs(tr("gd05.layer", l=l)),
                      matrix(doc, f"pg{l}-W", lt.W, "weight", f"{W} ({shape})", digits), op("↔"),
                      matrix(doc, f"pg{l}-dW", lt.dW, "grad", f"∂L/∂{W} ({shape})", digits),
                      op("   "), matrix(doc, f"pg{l}-b", lt.b, "bias", f"{b} ({n})", digits),
                      op("↔"), matrix(doc, f"pg{l}-db", lt.db, "grad", f"∂L/∂{b} ({n})", digits)))
    return "".join(out)


def presets_table(land: Landscape, doc) -> str:
    """The four presets: η, η·λ_max (λ from nnlib's Hessian), the rate max_λ |1 − ηλ| by which
    the offset from the minimum shrinks per step, and a run of PRESET_STEPS steps from START:
    how far above L* it ends and its regime, named by :func:`regime`."""
    lams, rows = land.curvature()[1], []
    floor = land.minimum[2]
    for name, eta in PRESETS.items():
        run = land.descend(*START, eta, PRESET_STEPS)
        r = run.regime
        rows.append(("", [_td(tr(f"gd05.preset.{name}")), f"<td>{eta:g}</td>",
                          doc.num(f"pr-{name}", eta * lams.max(), 2, tag="td"),
                          doc.num(f"pr-rate-{name}", np.abs(1 - eta * lams).max(), 3, tag="td"),
                          doc.text(f"pr-gap-{name}", fmt.sig(run.losses[-1] - floor),
                                   tag="td"),
                          f'<td class="nn-text" style="color:{REGIME_COLORS[r]};font-weight:600">'
                          + doc.text(f"pr-regime-{name}", tr(f"gd05.regime.{r}"))
                          + "</td>"]))
    return table([tr("gd05.preset"), "η", "η·λ_max", "max |1 − ηλ|",
                  f"L({PRESET_STEPS}) − L*", tr("gd05.preset_regime", k=PRESET_STEPS)], rows)


def history(gd, doc) -> str:
    """Every step of a descent (the toolkit's :func:`~nnlib.widgets.history_table`: k, E in
    scientific notation where it spans decades, the prediction, a bar of log₁₀ E), as a cell's
    output: all rows in view, without the live panel's scroll box."""
    return history_table(gd, doc, max_height=None)


# --- back to networks ----------------------------------------------------------------------------

NETWORK_REGIME_COLORS = {   # regime → its colour; its name and rule: gd05.net.<regime>…
    "crawls": "#1565C0", "good": "#2E7D32", "overshoots": "#6A1B9A", "went_up": "#EF6C00",
    "dead": "#616161", "diverges": "#C62828"}


def hidden_relus(t):
    """[(l, i)] of every hidden ReLU unit of trace ``t``, and the subset that is dead (the
    core's rule, ``LayerTrace.dead``: f′(zˡᵢ) = 0, no gradient passes)."""
    units = [(l, i) for l in range(1, t.L) if t[l].activation == "relu"
             for i in range(t[l].z.shape[0])]
    return units, [(l, i) for l, i in units if np.ravel(t[l].dead)[i]]


def network_regime(gd, error: str = "", tol: float = 0.02) -> str:
    """What η did to a network (one sample), judged from the run ``gd`` itself, first match:
    "diverges" (nnlib stopped it, or E ended above E₀) · "dead" (every hidden ReLU dead at
    the end) · "went_up" (some step raised E) · overshoots (E fell every step, but aᴸ − y
    changed sign: the prediction oscillates around the target) · crawls (E closed less than
    98 % of E₀) · good."""
    losses = np.asarray(gd.losses)
    units, dead = hidden_relus(gd.trace)
    if error or losses[-1] > losses[0]:
        return "diverges"
    if units and len(dead) == len(units):
        return "dead"
    if np.any(np.diff(losses) > 0):
        return "went_up"
    gaps = np.array([np.ravel(t.output - t.y)[0] for t in gd.history])
    if np.any(np.sign(gaps[1:]) * np.sign(gaps[:-1]) < 0):
        return "overshoots"
    return "crawls" if losses[-1] > tol * losses[0] else "good"


def network_regimes(net, x, y, etas, steps: int = 20, shown: int = 4):
    """For each η, ``steps`` steps of nnlib.GradientDescent on (x, y) from ``net``; a row
    {eta, steps, E0, E_max, E_end, predictions (the first ``shown`` aᴸ), dead, relus, regime,
    message}."""
    rows = []
    for eta in etas:
        gd, error = run_descent(net, x, y, eta, steps)
        units, dead = hidden_relus(gd.trace)
        rows.append({"eta": float(eta), "steps": gd.steps, "E0": gd.losses[0],
                     "E_max": max(gd.losses), "E_end": gd.losses[-1],
                     "predictions": [float(np.ravel(t.output)[0]) for t in gd.history[:shown]],
                     "dead": len(dead), "relus": len(units),
                     "regime": network_regime(gd, error), "message": error})
    return rows


def network_regimes_table(rows, doc) -> str:
    """:func:`network_regimes` as a table: E at the start, its largest value on the way and at
    the end (scientific notation where it spans decades), the first predictions aᴸ, the dead
    hidden ReLUs at the end, the regime and the rule that named it."""
    out = []
    for k, r in enumerate(rows):
        colour, key = NETWORK_REGIME_COLORS[r["regime"]], r["regime"]
        preds = " → ".join(fmt.num(v, 3) for v in r["predictions"]) + " …"
        out.append(("", [f"<td>{r['eta']:g}</td>", f"<td>{r['steps']}</td>",
                         *(doc.text(f"nr-{c}-{k}", fmt.num_wide(r[c]), tag="td")
                           for c in ("E0", "E_max", "E_end")),
                         doc.text(f"nr-pred-{k}", preds, tag="td", cls="nn-text"),
                         f"<td>{r['dead']} / {r['relus']}</td>",
                         _td(tr(f"gd05.net.name.{key}"), style=f"color:{colour};font-weight:600"),
                         _td(tr(f"gd05.net.text.{key}"), style="font-size:11px")]))
    return table(["η", tr("gd05.net.col.steps"), "E₀", tr("gd05.net.col.E_max"),
                  tr("gd05.net.col.E_end"), tr("gd05.net.col.pred"), tr("gd05.net.col.dead"),
                  tr("gd05.net.col.regime"), tr("gd05.net.col.why")], out)


class TrainingCurve(StepChart):
    """E per step of a :class:`nnlib.widgets.NetworkPanel`'s gradient descent, as one more view
    of the panel (``panel.follow``): E₀ alone until the first step, then ``panel.gd.losses``,
    on a log scale when they span more than two decades; a slider move starts afresh.
    CSS: ``nn-05-train-curve``."""

    def __init__(self, panel):
        super().__init__("nn-05-train-curve", "E", tr("gd05.curve_title"), (460, 270))
        self.panel = panel
        panel.follow(self, key="nn-05-train")

    def update(self, t):
        gd = self.panel.gd if self.panel.gd is not None and self.panel.gd.steps else None
        E = np.asarray(gd.losses if gd else [t.loss], dtype=float)
        lo, hi = float(E.min()), float(E.max())
        log = lo > 0 and hi / lo > 100
        ylim = ((10.0 ** math.floor(math.log10(lo)), 10.0 ** math.ceil(math.log10(hi))) if log
                else (0.0, nice(1.05 * hi)))
        self.plot(E, ylim, log, tr("gd05.curve_none", E=fmt.num(t.loss, 6)) if gd is None
                  else tr("gd05.curve_summary", k=gd.steps, eta=f"{gd.eta:g}",
                          E0=fmt.num_wide(E[0]), Ek=fmt.num_wide(E[-1])))
