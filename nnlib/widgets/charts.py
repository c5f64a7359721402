"""Pieces of pictures that several lessons draw: a colour scale, a ★, a run's trail (its line,
a dot per step, a ■ at its start), a polygon with only the vertices that matter, a round axis
limit, and :class:`StepChart`, a quantity per step k (a loss while descending).

    s.trail("path", "#D81B60")                       # shapes, drawn once
    view.updates = trail_updates("path", px, py)     # per move: where the run went
"""
from __future__ import annotations

import math

import numpy as np

from ..i18n import tr
from .scene import Chart, Scene, SceneView, path_d

__all__ = ["viridis", "star_points", "add_trail", "trail_updates", "simplify", "nice",
           "StepChart"]

_VIRIDIS = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]])


def viridis(t: float, fade: float = 0.0, shade: float = 1.0) -> str:
    """Viridis at t ∈ [0, 1] ("#rrggbb"), mixed with white by ``fade``, darkened by ``shade``."""
    t = min(max(float(t), 0.0), 1.0) * 4
    k = min(int(t), 3)
    rgb = (_VIRIDIS[k] + (t - k) * (_VIRIDIS[k + 1] - _VIRIDIS[k])) * (1 - fade) + 255 * fade
    return "#" + "".join(f"{int(round(v * shade)):02x}" for v in rgb)


def star_points(x: float, y: float, r: float = 8.0) -> list[tuple[float, float]]:
    """The ten corners of a five-pointed star ★ of radius ``r`` at (x, y) (a minimum)."""
    return [(x + r * (1 - 0.55 * (k % 2)) * math.cos(math.pi * (k / 5 - 0.5)),
             y + r * (1 - 0.55 * (k % 2)) * math.sin(math.pi * (k / 5 - 0.5))) for k in range(10)]


def add_trail(s: Scene, name: str, colour: str, width: float = 1.5, start: bool = True,
              start_colour: str = "#0D47A1"):
    """The shapes of a run, moved per update: its line (``name-line``), a dot per step
    (``name-dots``) and a ■ at its start (``name-start``)."""
    s.path(f"{name}-line", "", fill="none", stroke=colour, stroke_width=width,
           stroke_linejoin="round")
    s.path(f"{name}-dots", "", fill="none", stroke=colour, stroke_width=width + 3.5,
           stroke_linecap="round")                 # zero-length subpaths: round dots
    if start:
        s.rect(f"{name}-start", -20, -20, 9, 9, fill=start_colour)


def trail_updates(name: str, X, Y, ok=None, dots: int = 300) -> dict:
    """The updates of :func:`add_trail` for pixel positions X, Y (NaN, or not ``ok``: a gap;
    more than ``dots`` steps: the line alone)."""
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    if ok is not None:
        X, Y = np.where(ok, X, np.nan), np.where(ok, Y, np.nan)
    up = {f"{name}-line": {"d": path_d(X, Y)},
          f"{name}-dots": {"d": " ".join(f"M{x:.1f} {y:.1f}h0" for x, y in zip(X, Y)
                                         if math.isfinite(x) and math.isfinite(y))
                           if len(X) <= dots else ""}}
    first = len(X) and math.isfinite(X[0]) and math.isfinite(Y[0])
    up[f"{name}-start"] = {"x": round(X[0] - 4.5, 1) if first else -20,
                           "y": round(Y[0] - 4.5, 1) if first else -20}
    return up


def simplify(P, tol: float = 0.3) -> list[tuple[float, float]]:
    """A closed polygon (pixels) with the vertices that matter (Douglas–Peucker: every vertex
    left out lies within ``tol`` of the outline; a smooth ellipse needs few)."""
    P = np.vstack([P, P[:1]])

    def keep(i, j):
        if j <= i + 1:
            return [i]
        d, rest = P[j] - P[i], P[i + 1:j] - P[i]
        n = math.hypot(*d)
        dist = np.abs(d[0] * rest[:, 1] - d[1] * rest[:, 0]) / n if n else np.hypot(*rest.T)
        k = i + 1 + int(np.argmax(dist))
        return keep(i, k) + keep(k, j) if dist.max() > tol else [i]
    far = int(np.argmax(np.hypot(*(P[:-1] - P[0]).T)))
    return [tuple(P[i]) for i in keep(0, far) + keep(far, len(P) - 1)]


def nice(v: float, mults=(1, 2, 5)) -> float:
    """The smallest m × 10ᵏ ≥ v > 0 with m from ``mults`` (1 for v ≤ 0): a round axis end."""
    if not v > 0:
        return 1.0
    mag = 10.0 ** math.floor(math.log10(v) + 1e-12)
    return next(m * mag for m in (*mults, 10) if m * mag >= v * (1 - 1e-12))


class StepChart(SceneView):
    """A quantity per step k (a loss while descending): a line with a dot per step, an optional
    dashed ``floor`` with its label and a caption; the axes (k from 0 to a round number ≥ the
    run's length, the y range given, log or linear) are drawn again only when they change."""

    def __init__(self, css: str, ylabel: str, title: str, size=(330, 304), floor=None,
                 floor_label: str = "", colour: str = "#D81B60", floor_colour: str = "#FBC02D"):
        super().__init__(css=css)
        self.size, self.ylabel, self.title, self.floor = size, ylabel, title, floor
        self.floor_label, self.colour, self.floor_colour = floor_label, colour, floor_colour
        self.axes = self.chart = None

    def plot(self, losses, ylim, log: bool, caption: str = ""):
        E = np.asarray(losses, dtype=float)
        axes = (int(nice(max(len(E) - 1, 10), (1, 2, 3, 5))), tuple(ylim), log)
        if axes != self.axes:
            self.axes, (w, h) = axes, self.size
            s = Scene(w, h)
            lo, hi = (math.ceil(math.log10(ylim[0]) - 1e-9),
                      math.floor(math.log10(ylim[1]) + 1e-9)) if log else (0, 0)
            ticks = list(10.0 ** np.arange(lo, hi + 1, max(1, math.ceil((hi - lo) / 7))))
            self.chart = ch = Chart(s, (56, 24, w - 72, h - 68 - 20 * (self.floor is None)),
                                    (0, axes[0]), ylim, log_y=log, xlabel=tr("descent.step_col"),
                                    ylabel=self.ylabel, yticks=ticks if log else None,
                                    title=self.title, id="lc")
            if self.floor is not None:
                y = float(ch.py(self.floor))
                s.line(None, ch.x0, y, ch.x0 + ch.w, y, stroke=self.floor_colour,
                       stroke_width=1.6, stroke_dasharray="5 4")
                s.text(None, ch.x0 + ch.w - 4, y - 5, self.floor_label, font_size=11,
                       text_anchor="end", fill="#8d6e63")
            add_trail(s, "lc", self.colour, 1.4, start=False)
            s.text("lc-caption", w / 2, h - 8, "", font_size=12, fill="#616161")
            self.draw(s)
        ch, k = self.chart, np.arange(len(E))
        ok = ch.inside(k, E) & np.isfinite(E)
        up = trail_updates("lc", ch.px(k), ch.py(np.where(ok, E, ylim[1])), ok, dots=100)
        up["lc-caption"] = {"text": caption}
        self.updates = up
