"""Lesson 05 — gradient descent revisited (notes 004, §1.3): a real loss landscape, live.

The model is the smallest one there is, one linear neuron with two parameters,

    a = w·x + b                 (nnlib: Network([Dense([[w]], [b], "identity")]))

fitted to eight fixed points (x_i, y_i) with the mean of the half squared error

    L(w, b) = (1/m) Σ_i ½ (w·x_i + b − y_i)²          (m = 8, reduction "mean")

so the landscape L(w, b) is a real one (every value and every gradient comes from
``Network.trace``) and small enough to be drawn whole: contours, a 3-D surface, the gradient

    ∇L = (∂L/∂w, ∂L/∂b) = (trace[1].dW[0, 0], trace[1].db[0])

as an arrow, the two partial derivatives as slopes of the cross-sections L(w, b₀) and L(w₀, b),
and descent paths  (w, b) ← (w, b) − η ∇L  run by :class:`nnlib.GradientDescent`.

Pure drawing functions ``plot_*(ax, ...)`` return artists and ``update_*(artists, ...)``
change them in place (nothing is drawn there); the two widget classes
:class:`GradientExplorer` (§1.3 1️⃣) and :class:`DescentExplorer` (§1.3 2️⃣) only wire
controls to them. Labels in the figures are maths symbols and short English (no CJK font).
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np

from .. import formulas as F
from ..gradcheck import hessian
from ..layers import Dense
from ..network import Network
from ..optim import DivergenceError, GradientDescent
from ..widgets import LiveView, set_value

__all__ = ["DATA_X", "DATA_Y", "PRESETS", "neuron", "Landscape", "Descent", "regime",
           "Backdrop", "plot_contour", "update_point", "plot_section", "update_section",
           "plot_fit", "update_fit", "plot_surface", "update_surface_point",
           "update_surface_path", "clip_path", "plot_path", "update_path",
           "plot_losses", "set_loss_steps", "update_losses", "params_and_grads_html",
           "GradientExplorer", "DescentExplorer",
           "NETWORK_REGIME_TEXT", "hidden_relus", "network_regime", "network_regimes",
           "network_regimes_html", "history_html", "TrainingCurve"]

# Eight fixed points, roughly y = 1.5 x − 0.5 plus noise (drawn once with
# numpy.random.default_rng(5) and rounded, so the lesson is the same everywhere).
DATA_X = np.array([-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
DATA_Y = np.array([-2.32, -1.78, -0.60, 0.42, 1.45, 1.79, 2.28, 2.94])

W_RANGE = (-1.5, 4.5)      # the square of (w, b) the pictures show
B_RANGE = (-3.5, 2.5)
START = (-1.0, 2.0)        # where descent starts unless the learner moves it

# η presets for the four regimes on this landscape (its curvatures are λ ≈ 0.57 and 2.31,
# so steps zig-zag for η > 1/2.31 ≈ 0.43 and grow for η > 2/2.31 ≈ 0.87):
PRESETS = {
    "too small": 0.03,       # crawls
    "good": 0.35,            # converges
    "too large": 0.75,       # oscillates (zig-zag) but still converges
    "far too large": 1.0,    # diverges
}

REGIME_TEXT = {
    "crawls": ("#1565C0", "η too small: it crawls, still far from the minimum after these steps"),
    "good": ("#2E7D32", "η good: the loss falls fast and the path reaches the minimum"),
    "oscillates": ("#EF6C00", "η too large: steps overshoot the valley floor, the path "
                              "zig-zags (L may even go up on the way)"),
    "diverges": ("#C62828", "η far too large: every step overshoots more, L grows, it diverges"),
}

GRAD_COLOR = "#C62828"     # ∇L: uphill
DOWN_COLOR = "#2E7D32"     # −∇L: downhill
PATH_COLOR = "#D81B60"
POINT_COLOR = "#0D47A1"


def neuron(w: float, b: float) -> Network:
    """The model a = w·x + b as an nnlib Network, with L = mean over the data of ½(a − y)²."""
    return Network([Dense([[w]], [b], "identity")], loss="squared_error", reduction="mean")


# --- the landscape ----------------------------------------------------------------------------

def run_descent(net, x, y, eta: float, steps: int):
    """(gd, message): ``steps`` steps of nnlib.GradientDescent; if η diverges, the run stops at
    the last finite step and ``message`` is nnlib's DivergenceError text ('' otherwise)."""
    gd = GradientDescent(net, x, y, eta=eta)
    try:
        gd.step(steps)
    except DivergenceError as exc:
        return gd, str(exc)
    return gd, ""


class Landscape:
    """L(w, b) of :func:`neuron` on the data (x, y), with everything computed by nnlib.

    ``grid_w``, ``grid_b``, ``grid_L``: L on an n × n grid (rows b, columns w), for pictures.
    ``minimum``: (w*, b*, L*), found by running nnlib.GradientDescent to convergence.
    """

    def __init__(self, x=DATA_X, y=DATA_Y, w_range=W_RANGE, b_range=B_RANGE, n: int = 41):
        self.x = np.asarray(x, dtype=float)
        self.y = np.asarray(y, dtype=float)
        self.X, self.Y = self.x[None, :], self.y[None, :]      # examples are columns: (1, m)
        self.w_range, self.b_range = tuple(w_range), tuple(b_range)
        self.grid_w = np.linspace(*self.w_range, n)
        self.grid_b = np.linspace(*self.b_range, n)
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
        return neuron(w, b).E(self.X, self.Y)

    def grad(self, w: float, b: float):
        """(∂L/∂w, ∂L/∂b) from nnlib's backward pass:
        ∂L/∂W¹ = δ¹ xᵀ and ∂L/∂b¹ = Σ δ¹ (over the examples)."""
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
        H = hessian(neuron(w, b), self.X, self.Y, h)      # θ = (w, b)
        return H, np.linalg.eigvalsh(H)

    def descend(self, w0: float, b0: float, eta: float, steps: int) -> "Descent":
        """``steps`` steps (w, b) ← (w, b) − η ∇L from (w₀, b₀) with nnlib.GradientDescent.

        Never raises for a too-large η: a DivergenceError (L or a gradient became inf/NaN)
        ends the run, and the path keeps every finite step, with nnlib's message."""
        gd, error = run_descent(neuron(w0, b0), self.X, self.Y, eta, steps)
        path = np.array([[t[1].W[0, 0], t[1].b[0]] for t in gd.history])
        losses = np.array(gd.losses)
        return Descent(float(eta), int(steps), path, losses, error,
                       regime(losses, path, self.minimum[2], diverged=bool(error)))


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
    - "diverges"   : nnlib stopped it (inf/NaN) or L ended higher than it started;
    - "oscillates" : steps overshoot: most consecutive steps point against each other
                     (cosine < 0: zig-zag), or L went up on the way;
    - "crawls"     : L has closed less than (1 − tol) of the gap L₀ − floor;
    - "good"       : otherwise.
    """
    losses = np.asarray(losses, dtype=float)
    points = np.asarray(points, dtype=float).reshape(len(losses), -1)
    if diverged or losses[-1] > losses[0]:
        return "diverges"
    if np.any(np.diff(losses) > 1e-9 * max(abs(losses[0]), 1e-300)):
        return "oscillates"                          # L went up somewhere: an overshoot
    steps = np.diff(points, axis=0)
    if len(steps) >= 2:
        a, b = steps[:-1], steps[1:]
        norms = np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
        moving = norms > 1e-12 * max(1.0, float(norms.max()))
        if moving.any():
            cos = np.einsum("ij,ij->i", a[moving], b[moving]) / norms[moving]
            if np.mean(cos < 0) >= 0.5:
                return "oscillates"
    gap0 = losses[0] - floor
    if gap0 > 0 and (losses[-1] - floor) > tol * gap0:
        return "crawls"
    return "good"


# --- speed: draw what never changes once, then copy its pixels -------------------------------

class Backdrop:
    """The static part of a figure (axes, ticks, labels, contours, a 3-D surface) drawn once per
    canvas size and afterwards restored as pixels, so a live redraw only draws what moves.

    Every matplotlib text costs ~1.5 ms per redraw and a 3-D axes ~15 ms; a contour figure with
    its ticks took ~50 ms per slider move, with a backdrop ~5 ms. How: the static artists are
    marked *animated* (matplotlib's own flag for "not in the normal draw pass"), and a
    figure-level artist of the lowest zorder draws them itself on the first draw, keeps the
    pixels (``renderer.copy_from_bbox``) and restores them on later draws. A new canvas size or
    dpi (e.g. a HiDPI screen) draws them afresh. ``savefig`` draws everything the normal way.
    Only for axes whose limits stay fixed.
    """

    def __init__(self, fig):
        import matplotlib.artist

        backdrop = self

        class _Artist(matplotlib.artist.Artist):
            def draw(self, renderer):
                backdrop._draw(renderer)

        self.fig = fig
        self.axes = []                 # (ax, static artists)
        self._key = self._saved = None
        self.artist = _Artist()
        self.artist.set_zorder(-1e6)
        fig.add_artist(self.artist)

    def add(self, ax, artists=()):
        """Make ``ax``'s frame, axis ticks and labels, and ``artists`` static."""
        artists = list(artists)
        if ax.name == "3d":
            ax.set_axis_off()                     # no panes/axes in Axes3D's own pass
            ax.patch.set_visible(False)
            axes_objs = list(ax._axis_map.values())
        else:
            ax.set_frame_on(False)                # no patch/spines in the normal pass
            axes_objs = [ax.xaxis, ax.yaxis]
        for a in axes_objs + artists:
            a.set_animated(True)
        self.axes.append((ax, artists))
        self._key = None

    def invalidate(self):
        """The static part changed (e.g. new axis limits): draw it afresh on the next draw."""
        self._key = None

    def _draw(self, renderer):
        saving = self.fig.canvas.is_saving()
        key = (renderer.width, renderer.height, self.fig.dpi)
        if not saving and key == self._key:
            renderer.restore_region(self._saved)
            return
        for ax, artists in self.axes:
            ax._unstale_viewLim()
            ax.apply_aspect()
            if ax.name == "3d":
                ax.M = ax.get_proj()
                ax.invM = np.linalg.inv(ax.M)
                for axis in ax._axis_map.values():
                    axis.draw_pane(renderer)
                for axis in ax._axis_map.values():
                    axis.draw_grid(renderer)
                if not saving:
                    for axis in ax._axis_map.values():
                        axis.draw(renderer)
                    for a in artists:
                        if hasattr(a, "do_3d_projection") and not hasattr(a, "set_data_3d"):
                            a.do_3d_projection()
            else:
                for spine in ax.spines.values():
                    spine.draw(renderer)
                if not saving:
                    ax.xaxis.draw(renderer)
                    ax.yaxis.draw(renderer)
            if not saving:
                for a in sorted(artists, key=lambda a: a.get_zorder()):
                    a.draw(renderer)
        if not saving:
            self._saved = renderer.copy_from_bbox(self.fig.bbox)
            self._key = key


# --- pictures: contour with the current point and gradient ------------------------------------

def _levels(land: Landscape, n: int = 14):
    lo, hi = land.minimum[2], float(land.grid_L.max())
    return lo + (hi - lo) * np.linspace(0.0, 1.0, n + 1)[1:] ** 2      # denser near the bottom


def plot_contour(ax, land: Landscape, arrow_scale: float = 0.5, point: bool = True):
    """Contours of L(w, b) and the minimum (★); with ``point``, also — updated by
    :func:`update_point` — the current point, the gradient ∇L (uphill, red) and −∇L (downhill,
    green), both drawn at ``arrow_scale`` × their length, and the two cross-section lines
    b = b₀ and w = w₀. Returns those artists (an empty dict without ``point``)."""
    levels = _levels(land)
    filled = ax.contourf(land.grid_w, land.grid_b, land.grid_L, levels=np.r_[0, levels],
                         cmap="viridis", alpha=0.45)
    lines = ax.contour(land.grid_w, land.grid_b, land.grid_L, levels=levels, colors="white",
                       linewidths=0.7)
    (star,) = ax.plot([land.minimum[0]], [land.minimum[1]], "*", color="#FBC02D", ms=11,
                      mec="#5D4037", zorder=4)
    static = [filled, lines, star]
    ax.set_xlim(*land.w_range)
    ax.set_ylim(*land.b_range)
    ax.set_aspect("equal")
    ax.set_xlabel("w", labelpad=1)
    ax.set_ylabel("b", rotation=0)
    if not point:
        return dict(static=static)
    hline = ax.axhline(0, color="#7E57C2", lw=0.9, ls="--", zorder=2)
    vline = ax.axvline(0, color="#00897B", lw=0.9, ls="--", zorder=2)
    kw = dict(angles="xy", scale_units="xy", scale=1.0 / arrow_scale, width=0.012, zorder=5)
    up = ax.quiver([0.0], [0.0], [0.0], [0.0], color=GRAD_COLOR, **kw)
    down = ax.quiver([0.0], [0.0], [0.0], [0.0], color=DOWN_COLOR, **kw)
    (dot,) = ax.plot([], [], "o", color=POINT_COLOR, ms=6, zorder=6)
    return dict(dot=dot, up=up, down=down, hline=hline, vline=vline, static=static)


def update_point(art, w: float, b: float, gw: float, gb: float):
    """Move the point to (w, b) and the arrows to ±∇L = ±(gw, gb)."""
    art["dot"].set_data([w], [b])
    for q, sign in ((art["up"], 1.0), (art["down"], -1.0)):
        q.set_offsets([[w, b]])
        q.set_UVC([sign * gw], [sign * gb])
    art["hline"].set_ydata([b, b])
    art["vline"].set_xdata([w, w])
    return art


# --- pictures: a cross-section with its tangent -------------------------------------------------

def plot_section(ax, xs, color: str, xlabel: str, ylabel: str, ylim):
    """The curve L along one parameter, with the tangent line whose slope is the partial
    derivative (∂L/∂w for L(w, b₀), ∂L/∂b for L(w₀, b))."""
    (curve,) = ax.plot(xs, np.zeros_like(xs), color=color, lw=1.8)
    (tangent,) = ax.plot([], [], color=GRAD_COLOR, lw=1.4)
    (dot,) = ax.plot([], [], "o", color=POINT_COLOR, ms=5, zorder=5)
    ax.set_xlim(xs[0], xs[-1])
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel, labelpad=1)
    ax.set_ylabel(ylabel, labelpad=2)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=7)
    return dict(curve=curve, tangent=tangent, dot=dot)


def update_section(art, xs, Ls, x0: float, L0: float, slope: float, half_width: float = 0.9):
    """Curve L(xs), the point (x₀, L₀) and the tangent L₀ + slope·(x − x₀) around it."""
    art["curve"].set_ydata(Ls)
    art["dot"].set_data([x0], [L0])
    t = np.array([x0 - half_width, x0 + half_width])
    art["tangent"].set_data(t, L0 + slope * (t - x0))
    return art


# --- pictures: the data and the line a = w·x + b ------------------------------------------------

def plot_fit(ax, land: Landscape):
    """The eight data points (static) and the model's line a = w·x + b (see :func:`update_fit`)."""
    pts = ax.scatter(land.x, land.y, s=16, color="#1565C0", zorder=3)
    xs = np.array([land.x.min() - 0.5, land.x.max() + 0.5])
    (line,) = ax.plot(xs, np.zeros(2), color=PATH_COLOR, lw=1.6, zorder=4)
    ax.set_xlim(*xs)
    pad = 0.25 * np.ptp(land.y)
    ax.set_ylim(land.y.min() - pad, land.y.max() + pad)
    ax.set_xlabel("x", labelpad=1)
    ax.set_ylabel("y,  a = w x + b", labelpad=1)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=7)
    return dict(line=line, xs=xs, static=[pts])


def update_fit(art, w: float, b: float):
    """The line a = w·x + b of the neuron (w, b) — nnlib's forward pass at the two ends."""
    a = neuron(w, b).forward(art["xs"][None, :])[0]
    art["line"].set_ydata(a)
    return art


# --- pictures: the 3-D surface ------------------------------------------------------------------

def plot_surface(ax, land: Landscape, stride: int = 2, zmax=None):
    """The surface L(w, b) (drawn once), and empty artists for a point, a short downhill
    segment and a path (updated by :func:`update_surface_point` / :func:`update_surface_path`;
    they are always drawn on top of the surface)."""
    Wg, Bg = np.meshgrid(land.grid_w[::stride], land.grid_b[::stride])
    Lg = land.grid_L[::stride, ::stride]
    zmax = float(Lg.max()) if zmax is None else zmax
    ax.computed_zorder = False
    surface = ax.plot_surface(Wg, Bg, np.minimum(Lg, zmax), cmap="viridis", alpha=0.75,
                              linewidth=0, antialiased=False, rstride=1, cstride=1, zorder=1)
    (star,) = ax.plot([land.minimum[0]], [land.minimum[1]], [land.minimum[2]], "*",
                      color="#FBC02D", ms=10, mec="#5D4037", zorder=4)
    (path,) = ax.plot([], [], [], "o-", color=PATH_COLOR, ms=3, lw=1.6, zorder=5)
    (down,) = ax.plot([], [], [], color=DOWN_COLOR, lw=2.5, zorder=6)
    (dot,) = ax.plot([], [], [], "o", color=POINT_COLOR, ms=6, zorder=7)
    ax.set_xlim(*land.w_range)
    ax.set_ylim(*land.b_range)
    ax.set_zlim(0, zmax)
    ax.set_xlabel("w", labelpad=-9)
    ax.set_ylabel("b", labelpad=-9)
    ax.set_zlabel("L", labelpad=-10)
    ax.tick_params(labelsize=6, pad=-2)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(_ticker().MaxNLocator(3))
    ax.view_init(elev=32, azim=-125)
    return dict(path=path, down=down, dot=dot, zmax=zmax, static=[surface, star])


def _ticker():
    import matplotlib.ticker
    return matplotlib.ticker


def update_surface_point(art, w: float, b: float, L: float, gw: float = 0.0, gb: float = 0.0,
                         length: float = 0.25):
    """The point (w, b, L) and a segment along −∇L on the tangent plane:
    (w, b, L) → (w − s·gw, b − s·gb, L − s·|∇L|²) with s = ``length``."""
    art["dot"].set_data_3d([w], [b], [L])
    s = length
    art["down"].set_data_3d([w, w - s * gw], [b, b - s * gb],
                            [L, max(L - s * (gw * gw + gb * gb), 0.0)])
    return art


def clip_path(path, losses, w_range, b_range, zmax):
    """The path up to (not including) its first point outside the box, and how many points
    that kept (mplot3d does not clip lines to its axes, so a diverging path is cut here)."""
    path, losses = np.asarray(path, float), np.asarray(losses, float)
    inside = ((path[:, 0] >= w_range[0]) & (path[:, 0] <= w_range[1])
              & (path[:, 1] >= b_range[0]) & (path[:, 1] <= b_range[1]) & (losses <= zmax))
    n = len(path) if inside.all() else int(np.argmin(inside))
    return path[:n], losses[:n], n


def update_surface_path(art, land: Landscape, path, losses):
    """Draw the part of the descent path that lies inside the box, on the surface."""
    p, Ls, n = clip_path(path, losses, land.w_range, land.b_range, art["zmax"])
    art["path"].set_data_3d(p[:, 0], p[:, 1], Ls)
    if n:
        art["dot"].set_data_3d([p[0, 0]], [p[0, 1]], [Ls[0]])
    else:
        art["dot"].set_data_3d([], [], [])
    return n


# --- pictures: a descent path on the contour, and L per step ------------------------------------

def plot_path(ax):
    """An empty descent path (points joined by lines) and its start marker."""
    (line,) = ax.plot([], [], "o-", color=PATH_COLOR, ms=3, lw=1.3, zorder=5)
    (start,) = ax.plot([], [], "s", color=POINT_COLOR, ms=6, zorder=6)
    return dict(line=line, start=start)


def update_path(art, path):
    path = np.asarray(path, dtype=float)
    art["line"].set_data(path[:, 0], path[:, 1])
    art["start"].set_data(path[:1, 0], path[:1, 1])
    return art


def plot_losses(ax, floor: float, top: float = 1e3, steps: int = 30):
    """L per step on a fixed log scale from the lowest possible L (dashed) to ``top``: a
    diverging run climbs out of the top. The x-axis always spans steps 0 … k (its labels are
    in axes coordinates, so a new k changes no static artist). Returns the artists and the
    static ones."""
    (line,) = ax.plot([], [], "o-", color=PATH_COLOR, ms=2.5, lw=1.2)
    (base,) = ax.plot([0, 1], [floor, floor], color="#FBC02D", lw=1.2, ls="--",
                      transform=ax.get_yaxis_transform())
    ax.set_yscale("log")
    ax.set_ylim(floor / 1.6, top)
    ax.set_xticks([])
    ends = [ax.text(x, -0.03, label, transform=ax.transAxes, ha=ha, va="top", fontsize=8)
            for x, label, ha in ((0.0, "0", "left"), (1.0, "k", "right"))]
    ax.set_xlabel("step", labelpad=4)
    ax.set_ylabel("L", rotation=0, labelpad=6)
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=7)
    art = dict(line=line, floor=floor, static=[base] + ends)
    set_loss_steps(art, steps)
    return art


def set_loss_steps(art, steps: int):
    """The x-axis for runs of ``steps`` steps (k = 0..steps)."""
    art["line"].axes.set_xlim(-0.5, max(int(steps), 1) + 0.5)
    art["steps"] = int(steps)
    return art


def update_losses(art, losses):
    """L₀, L₁, …, L_k; values above the chart's top are drawn off the chart (clipped)."""
    losses = np.asarray(losses, dtype=float)
    art["line"].set_data(np.arange(len(losses)), np.minimum(losses, 1e100))
    return art


# --- the gradient has the parameters' shape ------------------------------------------------------

def params_and_grads_html(trace, digits: int = 3) -> str:
    """For each layer l of ``trace``: Wˡ beside ∇_{Wˡ}L and bˡ beside ∇_{bˡ}L, as HTML
    matrices (same shape, entry by entry: ∂L/∂Wˡᵢⱼ sits where Wˡᵢⱼ sits)."""
    rows = []
    for l in range(1, trace.L + 1):
        lt = trace[l]
        n_out, n_in = lt.W.shape
        rows.append(
            '<div class="nn-eq">'
            f'<span class="nn-lhs">layer {l}:</span>'
            + F.matrix(lt.W, "weight", f"{F.sym('W', l)}  ({n_out}×{n_in})", digits)
            + '<span class="nn-op">&nbsp;↔&nbsp;</span>'
            + F.matrix(lt.dW, "grad", f"∂L/∂{F.sym('W', l)}  ({n_out}×{n_in})", digits,
                       keys=lambda i, j, l=l: f"dW-{l}-{i + 1}-{j + 1}")
            + '<span class="nn-op">&nbsp;&nbsp;&nbsp;</span>'
            + F.matrix(lt.b, "bias", f"{F.sym('b', l)}  ({n_out})", digits)
            + '<span class="nn-op">&nbsp;↔&nbsp;</span>'
            + F.matrix(lt.db, "grad", f"∂L/∂{F.sym('b', l)}  ({n_out})", digits,
                       keys=lambda i, j, l=l: f"db-{l}-{i + 1}")
            + "</div>")
    return F.CSS + "".join(rows)


# --- widgets ---------------------------------------------------------------------------------------

def _widgets():
    import ipywidgets
    return ipywidgets




def _fmt(v: float, digits: int = 4) -> str:
    """Fixed decimals as the panels print them; a diverged run's huge numbers as 1.23e+45."""
    v = float(v)
    if math.isfinite(v) and abs(v) < 1e6:
        return F.num(v, digits)
    return f"{v:.3g}".replace("-", "−")


def _k(key: str, v: float, digits: int = 4) -> str:
    return f'<span data-key="{key}">{_fmt(v, digits)}</span>'


class GradientExplorer(LiveView):
    """§1.3 1️⃣: sliders for (w, b) → one nnlib trace → the point and ±∇L on the contours,
    the cross-sections L(w, b₀) and L(w₀, b) with tangents of slope ∂L/∂w and ∂L/∂b, the
    point on the 3-D surface, and the numbers (HTML, with ``data-key``s).

    CSS classes: ``nn-05-grad`` (root), ``nn-05-w``, ``nn-05-b`` (sliders), ``nn-05-grad-values``,
    ``nn-05-contour``, ``nn-05-surface`` (canvases), ``nn-error``.
    """

    def __init__(self, land: Landscape | None = None, w: float = 0.0, b: float = 1.0,
                 surface: bool = True):
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import ErrorArea, canvas_widget, slider
        W = _widgets()
        self.land = land or Landscape()
        lw, lb = self.land.w_range, self.land.b_range
        self.w = slider(w, *lw, "w", ["nn-05-w"], step=0.05, width="300px")
        self.b = slider(b, *lb, "b", ["nn-05-b"], step=0.05, width="300px")
        for s, (lo, hi) in ((self.w, lw), (self.b, lb)):
            s.min, s.max = lo, hi              # exactly the pictured square
        self.errors = ErrorArea()
        self.values = W.HTML("").add_class("nn-05-grad-values")
        self.ws = np.linspace(*lw, 41)
        self.bs = np.linspace(*lb, 41)
        self.timings = []
        self.trace = None
        top = float(np.percentile(self.land.grid_L, 60))
        with plt.ioff():
            self.fig = P.figure(8.4, 3.4)
            ax = self.fig.add_axes([0.05, 0.13, 0.36, 0.84])
            self.contour = plot_contour(ax, self.land)
            ax_w = self.fig.add_axes([0.47, 0.62, 0.23, 0.34])
            ax_b = self.fig.add_axes([0.47, 0.13, 0.23, 0.34])
            ax_d = self.fig.add_axes([0.77, 0.13, 0.21, 0.83])
            self.fit = plot_fit(ax_d, self.land)
            self.sec_w = plot_section(ax_w, self.ws, "#7E57C2", "w", "$L(w, b_0)$", (0, top))
            self.sec_b = plot_section(ax_b, self.bs, "#00897B", "b", "$L(w_0, b)$", (0, top))
            backdrop = Backdrop(self.fig)
            backdrop.add(ax, self.contour["static"])
            backdrop.add(ax_w)
            backdrop.add(ax_b)
            backdrop.add(ax_d, self.fit["static"])
            self.sfig = self.surf = None
            if surface:
                self.sfig = P.figure(3.2, 3.0)
                ax3 = self.sfig.add_axes([0.04, 0.0, 0.96, 1.0], projection="3d")
                self.surf = plot_surface(ax3, self.land)
                Backdrop(self.sfig).add(ax3, self.surf["static"])
        canvases = [canvas_widget(self.fig, "nn-05-contour")]
        if self.sfig is not None:
            canvases.append(canvas_widget(self.sfig, "nn-05-surface"))
        legend = W.HTML(
            '<div style="font-size:12px;color:#555">'
            f'<span style="color:{GRAD_COLOR}">red arrow ∇L (uphill)</span> · '
            f'<span style="color:{DOWN_COLOR}">green arrow −∇L (downhill)</span>, both drawn at '
            '0.5 × their length · ★ the minimum · dashed lines: the two cross-sections '
            '(<span style="color:#7E57C2">b = b₀</span>, <span style="color:#00897B">w = w₀</span>)'
            ' · tangents (red) have slopes ∂L/∂w and ∂L/∂b</div>')
        self.widget = W.VBox([
            W.HTML(F.CSS, layout={"display": "none"}),
            W.HBox([self.w, self.b], layout={"flex_flow": "row wrap"}),
            self.errors.html, self.errors.debug,
            W.HBox(canvases, layout={"flex_flow": "row wrap", "align_items": "flex-start"}),
            legend, self.values]).add_class("nn-05-grad")
        self.w.observe(self._on_change, "value")
        self.b.observe(self._on_change, "value")
        self.refresh()

    def compute(self):
        w0, b0 = float(self.w.value), float(self.b.value)
        t = self.land.trace(w0, b0)
        L0, gw, gb = float(t.loss), float(t[1].dW[0, 0]), float(t[1].db[0])
        Lw = self.land.section_w(b0, self.ws)
        Lb = self.land.section_b(w0, self.bs)
        one = self.land.loss(w0 + 1.0, b0) - L0          # "change w by one unit"
        h = 0.01
        small = (self.land.loss(w0 + h, b0) - L0) / h
        return w0, b0, t, L0, gw, gb, Lw, Lb, one, small

    def show(self, result):
        w0, b0, t, L0, gw, gb, Lw, Lb, one, small = result
        self.trace = t
        update_point(self.contour, w0, b0, gw, gb)
        update_section(self.sec_w, self.ws, Lw, w0, L0, gw)
        update_section(self.sec_b, self.bs, Lb, b0, L0, gb)
        update_fit(self.fit, w0, b0)
        self.fig.canvas.draw_idle()
        if self.sfig is not None:
            update_surface_point(self.surf, w0, b0, L0, gw, gb)
            self.sfig.canvas.draw_idle()
        set_value(self.values, self._values_html(w0, b0, L0, gw, gb, one, small))

    @staticmethod
    def _values_html(w0, b0, L0, gw, gb, one, small):
        norm = math.hypot(gw, gb)
        return (
            '<table class="nn-tab">'
            f'<tr><td class="nn-sym">(w, b)</td><td>({_k("w", w0, 2)}, {_k("b", b0, 2)})</td>'
            f'<td class="nn-sym">L(w, b)</td><td>{_k("L", L0)}</td></tr>'
            f'<tr><td class="nn-sym">∇L = (∂L/∂w, ∂L/∂b)</td>'
            f'<td>({_k("dL_dw", gw)}, {_k("dL_db", gb)})</td>'
            f'<td class="nn-sym">|∇L|</td><td>{_k("norm", norm)}</td></tr>'
            f'<tr><td class="nn-sym">w → w + 1 (one unit): ΔL</td><td>{_k("one_unit", one)}</td>'
            f'<td class="nn-sym">w → w + 0.01: ΔL / 0.01</td><td>{_k("small_step", small)}</td>'
            '</tr></table>'
            '<div style="font-size:12px;color:#555">∂L/∂w is the <i>instantaneous</i> rate: '
            'ΔL/Δw for a small step (0.01) is close to it, ΔL for a whole unit is not '
            '(the curve bends).</div>')


class DescentExplorer(LiveView):
    """§1.3 2️⃣: (w, b) ← (w, b) − η ∇L with nnlib.GradientDescent, live.

    Controls: η (log slider), number of steps, start (w₀, b₀), four preset buttons (too small,
    good, too large, far too large). Views: the path on the contours, L per step (log scale),
    the regime named from the run (:func:`regime`), nnlib's divergence message when it stops
    a run, and — :attr:`hill` — the same path on the 3-D surface (the notes' "下山").

    CSS classes: ``nn-05-descent`` (root), ``nn-05-eta``, ``nn-05-steps``, ``nn-05-w0``,
    ``nn-05-b0``, ``nn-05-preset-{too-small|good|too-large|far-too-large}``, ``nn-05-regime``,
    ``nn-05-path`` and ``nn-05-hill`` (canvases), ``nn-error``.
    """

    def __init__(self, land: Landscape | None = None, eta: float = PRESETS["good"],
                 steps: int = 30, start=START, surface: bool = True):
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import ErrorArea, canvas_widget, slider
        W = _widgets()
        self.land = land or Landscape()
        lw, lb = self.land.w_range, self.land.b_range
        # step 0.001 in log₁₀ η: a browser snaps η to this grid and sends it back, so a
        # preset such as 0.35 comes back as 0.34995 (shown 0.35), not 0.347
        self.eta = W.FloatLogSlider(value=eta, base=10, min=-2.5, max=1, step=0.001,
                                    description="η", readout_format=".3g",
                                    continuous_update=True, style={"description_width": "44px"},
                                    layout={"width": "300px"}).add_class("nn-05-eta")
        self.steps = W.IntSlider(value=steps, min=1, max=200, description="steps",
                                 continuous_update=True, style={"description_width": "44px"},
                                 layout={"width": "300px"}).add_class("nn-05-steps")
        self.w0 = slider(start[0], *lw, "w₀", ["nn-05-w0"], step=0.05, width="300px")
        self.b0 = slider(start[1], *lb, "b₀", ["nn-05-b0"], step=0.05, width="300px")
        for s, (lo, hi) in ((self.w0, lw), (self.b0, lb)):
            s.min, s.max = lo, hi              # starts inside the pictured square
        self.buttons = {}
        for name, value in PRESETS.items():
            button = W.Button(description=f"{name} (η={value:g})",
                              layout={"width": "auto"}).add_class(
                                  "nn-05-preset-" + name.replace(" ", "-"))
            button.on_click(lambda _, name=name: self.preset(name))
            self.buttons[name] = button
        self.regime_html = W.HTML("").add_class("nn-05-regime")
        self.errors = ErrorArea()
        self.run = None
        self.timings = []
        self._holding = 0
        with plt.ioff():
            self.fig = P.figure(6.4, 3.2)
            ax = self.fig.add_axes([0.07, 0.13, 0.44, 0.84])
            self.backdrop = Backdrop(self.fig)
            self.backdrop.add(ax, plot_contour(ax, self.land, point=False)["static"])
            self.path_art = plot_path(ax)
            ax_l = self.fig.add_axes([0.64, 0.15, 0.34, 0.78])
            self.loss_art = plot_losses(ax_l, self.land.minimum[2], steps=steps)
            self.backdrop.add(ax_l, self.loss_art["static"])
            self.sfig = self.surf = None
            if surface:
                self.sfig = P.figure(4.0, 3.4)
                ax3 = self.sfig.add_axes([0.04, 0.0, 0.96, 1.0], projection="3d")
                self.surf = plot_surface(ax3, self.land)
                Backdrop(self.sfig).add(ax3, self.surf["static"])
        self.controls = W.VBox([
            W.HBox([self.eta, self.steps], layout={"flex_flow": "row wrap"}),
            W.HBox([self.w0, self.b0], layout={"flex_flow": "row wrap"}),
            W.HBox(list(self.buttons.values()), layout={"flex_flow": "row wrap",
                                                        "grid_gap": "6px"})])
        self.widget = W.VBox([
            W.HTML(F.CSS, layout={"display": "none"}), self.controls, self.regime_html,
            self.errors.html, self.errors.debug,
            canvas_widget(self.fig, "nn-05-path"),
            W.HTML('<div style="font-size:12px;color:#555">left: the path (w, b) ← (w, b) − η∇L '
                   'from ■ on the contours of L, ★ the minimum · right: L after each step '
                   '(log scale), dashed: the lowest L possible</div>')]).add_class(
                       "nn-05-descent")
        self.hill = None
        if self.sfig is not None:
            self.hill_caption = W.HTML("").add_class("nn-05-hill-caption")
            self.hill = W.VBox([
                W.HBox([self.eta, self.steps], layout={"flex_flow": "row wrap"}),
                W.HBox(list(self.buttons.values()), layout={"flex_flow": "row wrap",
                                                            "grid_gap": "6px"}),
                self.regime_html, canvas_widget(self.sfig, "nn-05-hill"),
                self.hill_caption]).add_class("nn-05-hill-view")
        for w in (self.eta, self.steps, self.w0, self.b0):
            w.observe(self._on_change, "value")
        self.refresh()

    def _on_change(self, change=None):
        if not self._holding:
            self.refresh()

    def preset(self, name: str, steps: int | None = None):
        """Set η to one of :data:`PRESETS` (and optionally the steps); one redraw."""
        self._holding += 1
        try:
            set_value(self.eta, PRESETS[name])
            if steps is not None:
                set_value(self.steps, int(steps))
        finally:
            self._holding -= 1
        self.refresh()

    def compute(self):
        return self.land.descend(float(self.w0.value), float(self.b0.value),
                                 float(self.eta.value), int(self.steps.value))

    def show(self, run):
        self.run = run
        if run.steps != self.loss_art["steps"]:
            set_loss_steps(self.loss_art, run.steps)     # nothing static moves
        update_path(self.path_art, run.path)
        update_losses(self.loss_art, run.losses)
        self.fig.canvas.draw_idle()
        if self.sfig is not None:
            n = update_surface_path(self.surf, self.land, run.path, run.losses)
            self.sfig.canvas.draw_idle()
            left = "" if n == len(run.path) else \
                f" · the path leaves the picture after step {n - 1}"
            set_value(self.hill_caption,
                      '<div style="font-size:12px;color:#555">the surface L(w, b); ● start, '
                      f'each dot one step down (or up) the hill, ★ the valley floor{left}</div>')
        set_value(self.regime_html, self._regime_html(run))
        self.errors.show(run.error)                      # a diverged run says why

    def _regime_html(self, run: Descent) -> str:
        color, text = REGIME_TEXT[run.regime]
        k = len(run.losses) - 1
        return (f'<div class="nn-h" style="font-size:14px">regime: '
                f'<span data-key="regime" style="color:{color}">{run.regime}</span> — '
                f'{html.escape(text)}</div>'
                f'<div style="font-size:12px">η = <span data-key="eta">{run.eta:.3g}</span>, '
                f'{k} step(s): L {_k("L0", run.losses[0])} → {_k("Lk", run.losses[-1])} '
                f'(lowest possible {F.num(self.land.minimum[2])}), '
                f'(w, b) = ({_k("wk", run.path[-1, 0], 3)}, {_k("bk", run.path[-1, 1], 3)})</div>')


# --- back to networks ----------------------------------------------------------------------------

NETWORK_REGIME_TEXT = {
    "crawls": ("#1565C0", "E falls every step, but slowly: far from 0 after these steps"),
    "good": ("#2E7D32", "E falls every step and the prediction approaches y from one side"),
    "overshoots": ("#6A1B9A", "E falls every step, but the prediction jumps past y and back: "
                              "it oscillates around y while it converges"),
    "E went up": ("#EF6C00", "a step made E larger (it overshot the minimum)"),
    "dead ReLUs": ("#616161", "every hidden ReLU is dead (z ≤ 0, f′ = 0): only the output "
                              "bias still learns; a small E here says nothing about the rest"),
    "diverges": ("#C62828", "E grows without bound (or became inf/NaN)"),
}


def hidden_relus(t):
    """[(l, i)] of every hidden ReLU unit of trace ``t``, and the subset that is dead
    (zˡᵢ ≤ 0 for the sample, so f′ = 0: no gradient passes)."""
    units = [(l, i) for l in range(1, t.L) if t[l].activation == "relu"
             for i in range(t[l].z.shape[0])]
    return units, [(l, i) for l, i in units if np.ravel(t[l].z)[i] <= 0]


def network_regime(gd, error: str = "", tol: float = 0.02) -> str:
    """What η did to a network (one sample), judged from the run ``gd`` itself, first match:
    diverges (nnlib stopped it, or E ended above E₀) · dead ReLUs (every hidden ReLU dead at
    the end) · E went up (some step raised E) · overshoots (E fell every step, but aᴸ − y
    changed sign: the prediction oscillates around the target) · crawls (E closed less than
    98 % of E₀) · good."""
    losses = np.asarray(gd.losses)
    units, dead = hidden_relus(gd.trace)
    if error or losses[-1] > losses[0]:
        return "diverges"
    if units and len(dead) == len(units):
        return "dead ReLUs"
    if np.any(np.diff(losses) > 0):
        return "E went up"
    gaps = np.array([np.ravel(t.output - t.y)[0] for t in gd.history])
    if np.any(np.sign(gaps[1:]) * np.sign(gaps[:-1]) < 0):
        return "overshoots"
    if losses[-1] > tol * losses[0]:
        return "crawls"
    return "good"


def network_regimes(net, x, y, etas, steps: int = 20, shown: int = 4):
    """For each η, ``steps`` steps of nnlib.GradientDescent on (x, y) from ``net``; a row
    {eta, steps, E0, E_max, E_end, predictions (the first ``shown`` aᴸ), dead, relus, regime,
    message}."""
    rows = []
    for eta in etas:
        gd, error = run_descent(net, x, y, eta, steps)
        units, dead = hidden_relus(gd.trace)
        losses = gd.losses
        rows.append({"eta": float(eta), "steps": gd.steps, "E0": losses[0], "E_max": max(losses),
                     "E_end": losses[-1],
                     "predictions": [float(np.ravel(t.output)[0]) for t in gd.history[:shown]],
                     "dead": len(dead), "relus": len(units),
                     "regime": network_regime(gd, error), "message": error})
    return rows


def network_regimes_html(rows) -> str:
    """:func:`network_regimes` as a small HTML table: E at the start, its largest value on
    the way and at the end (many decades: scientific notation), the first predictions aᴸ,
    the dead hidden ReLUs at the end, and the regime with its explanation."""
    out = []
    for r in rows:
        color, text = NETWORK_REGIME_TEXT[r["regime"]]
        preds = " → ".join(F.num(v, 3) for v in r["predictions"]) + " …"
        out.append(f"<tr><td>{r['eta']:g}</td><td>{r['steps']}</td><td>{F.num_wide(r['E0'])}</td>"
                   f"<td>{F.num_wide(r['E_max'])}</td><td>{F.num_wide(r['E_end'])}</td>"
                   f"<td style='text-align:left'>{preds}</td><td>{r['dead']} / {r['relus']}</td>"
                   f'<td style="color:{color};font-weight:600;text-align:left">{r["regime"]}</td>'
                   f'<td style="text-align:left;font-size:11px">{html.escape(text)}</td></tr>')
    return (F.CSS + '<table class="nn-tab"><tr><th>η</th><th>steps</th><th>E₀</th>'
            "<th>max E on the way</th><th>E after</th><th>prediction a per step</th>"
            "<th>dead ReLUs (z ≤ 0)</th><th>regime</th><th></th></tr>" + "".join(out)
            + "</table>")


def history_html(gd) -> str:
    """Every step of a descent: k, E (scientific notation where it spans decades), the
    prediction aᴸ, and a bar whose length is log₁₀ E on one scale for all steps (a loss that
    falls by a constant factor per step makes bars that shrink by a constant length)."""
    losses = np.asarray(gd.losses, dtype=float)
    logs = np.log10(np.maximum(losses, 1e-300))
    lo, hi = float(logs.min()), float(logs.max())
    span = (hi - lo) or 1.0
    rows = []
    for k, (t, lg) in enumerate(zip(gd.history, logs)):
        width = 6 + 194 * (lg - lo) / span
        rows.append(f'<tr><td>{k}</td><td data-key="E-{k}">{F.num_wide(t.loss)}</td>'
                    f"<td>{', '.join(F.num(v) for v in np.ravel(t.output))}</td>"
                    f'<td style="text-align:left"><span style="display:inline-block;height:9px;'
                    f'width:{width:.0f}px;background:#AD1457"></span></td></tr>')
    return (F.CSS + f'<div class="nn-h">η = {gd.eta:g}, {gd.steps} steps</div>'
            '<table class="nn-tab"><tr><th>step k</th><th>E</th><th>prediction a</th>'
            f"<th>log₁₀ E: {lo:.1f} … {hi:.1f}</th></tr>" + "".join(rows) + "</table>")


class TrainingCurve:
    """E per step of a :class:`nnlib.widgets.NetworkPanel`'s gradient descent, as one more
    view of the panel's trace (``panel.on_trace``): E₀ alone until the first step, then
    ``panel.descent.losses``; a slider move starts afresh. CSS: ``nn-05-train-curve``."""

    def __init__(self, panel, width: float = 4.4, height: float = 2.4):
        import matplotlib.pyplot as plt

        from .. import plotting as P
        from ..widgets import canvas_widget
        W = _widgets()
        self.panel = panel
        with plt.ioff():
            self.fig = P.figure(width, height)
            ax = self.fig.add_axes([0.15, 0.2, 0.8, 0.7])
            self.line = P.plot_loss_curve(ax, "E per step (the panel's descent)")
            ax.xaxis.set_major_locator(_ticker().MaxNLocator(5, integer=True))
            ax.yaxis.set_major_locator(_ticker().MaxNLocator(4))
            ax.tick_params(labelsize=7)
        self.caption = W.HTML("").add_class("nn-05-train-caption")
        self.widget = W.VBox([canvas_widget(self.fig, "nn-05-train-curve"), self.caption])
        panel.on_trace(self.update)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def update(self, t):
        from .. import plotting as P
        gd = self.panel.descent
        losses = gd.losses if gd is not None and gd.steps else []
        if losses or len(self.line.get_xdata()):        # a slider move on an empty curve:
            P.update_loss_curve(self.line, losses)      # nothing to redraw
            self.fig.canvas.draw_idle()
        text = (f"{len(losses) - 1} step(s), η = {gd.eta:g}: E {_fmt(losses[0], 6)} → "
                f"{_fmt(losses[-1], 6)}" if gd is not None and gd.steps else
                f"E = {_fmt(t.loss, 6)} — press step (k steps of W ← W − η ∂E/∂W) "
                f"and the curve of E per step appears here")
        set_value(self.caption, f'<div style="font-size:12px;color:#555" data-key="train">'
                            f"{html.escape(text)}</div>")
