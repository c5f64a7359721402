"""Pictures drawn in the browser: an SVG scene of shapes the kernel sends once, whose attributes
change on every move (``js/scene.js``). The kernel decides every position, colour, width and
text; the browser draws.

    s = Scene(300, 120)                                   # build the static picture once
    s.circle("n1", 60, 60, 30, fill="#90CAF9")
    s.text("t1", 60, 60, "x₁")
    view = SceneView(s)
    view.updates = {"t1": {"text": "x₁ = 0.50"}, "n1": {"fill": "#E0E0E0"}}   # per move

:class:`Chart` draws line charts into a scene (axes once, curves per move).
"""
from __future__ import annotations

import math

import numpy as np
import traitlets

from .. import fmt
from .base import View, esm

__all__ = ["Scene", "SceneView", "Chart", "diverging", "arrow_d", "path_d"]


def _attr(name: str) -> str:
    return name.rstrip("_").replace("_", "-")


class Scene:
    """A list of SVG shapes, built in Python. Keyword attributes use ``_`` for ``-``
    (``stroke_width`` is ``stroke-width``); ``id`` names a shape that updates will address;
    ``parent`` puts it into a group; ``title`` is its tooltip; ``click`` makes it send a click
    event with that name."""

    def __init__(self, width: float, height: float):
        self.width, self.height = float(width), float(height)
        self.shapes: list[dict] = []

    def add(self, tag: str, id: str | None = None, **attrs) -> dict:
        shape = {"tag": tag}
        if id is not None:
            shape["id"] = id
        for k, v in attrs.items():
            if v is None:
                continue
            key = k if k in ("text", "lines", "title", "click", "parent") else _attr(k)
            shape[key] = round(v, 2) if isinstance(v, float) else v
        self.shapes.append(shape)
        return shape

    def circle(self, id, cx, cy, r, **a):
        return self.add("circle", id, cx=cx, cy=cy, r=r, **a)

    def rect(self, id, x, y, w, h, **a):
        return self.add("rect", id, x=x, y=y, width=w, height=h, **a)

    def line(self, id, x1, y1, x2, y2, **a):
        return self.add("line", id, x1=x1, y1=y1, x2=x2, y2=y2, **a)

    def path(self, id, d="", **a):
        return self.add("path", id, d=d, **a)

    def polygon(self, id, points, **a):
        return self.add("polygon", id, points=points_attr(points), **a)

    def text(self, id, x, y, text="", **a):
        a.setdefault("text_anchor", "middle")
        a.setdefault("font_size", 13)
        return self.add("text", id, x=x, y=y, text=text, **a)

    def group(self, id, **a):
        return self.add("g", id, **a)

    def arrow(self, id, x0, y0, x1, y1, head: float = 8.0, **a):
        """An arrow from (x0, y0) to (x1, y1), its head included (one path: an update moves it
        with ``{"d": arrow_d(...)}``)."""
        a.setdefault("stroke_width", 1.5)
        colour = a.pop("color", "#616161")
        return self.path(id, arrow_d(x0, y0, x1, y1, head), stroke=colour, fill=colour, **a)

    def legend(self, x, y, entries, dy: float = 16, row: bool = False, font_size: float = 12):
        """A legend at (x, y): entries (kind, colour, label, dash) with kind "line", "dot" or
        "ring", one under the other (or side by side with ``row``)."""
        for k, (kind, colour, label, dash) in enumerate(entries):
            xx, yy = x, y + (0 if row else k * dy)
            if row:       # the next entry after this one's label (CJK characters are wider)
                x += 44 + sum(11.5 if ord(ch) > 0x2E80 else 6.6 for ch in label)
            if kind == "line":
                self.line(None, xx, yy, xx + 22, yy, stroke=colour, stroke_width=2.2,
                          stroke_dasharray=dash)
            else:
                self.circle(None, xx + 11, yy, 4.5, fill="none" if kind == "ring" else colour,
                            stroke=colour, stroke_width=1.5)
            self.text(None, xx + 28, yy + 4, label, font_size=font_size, text_anchor="start",
                      fill="#424242")


def points_attr(points) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def arrow_d(x0, y0, x1, y1, head: float = 8.0) -> str:
    """An SVG path: the shaft from (x0, y0) to (x1, y1) and a closed head at the tip ("" for a
    zero-length arrow)."""
    n = float(np.hypot(x1 - x0, y1 - y0))
    if n < 1e-9:
        return ""
    ux, uy, h = (x1 - x0) / n, (y1 - y0) / n, min(head, 0.6 * n)
    bx, by = x1 - h * ux, y1 - h * uy
    return (f"M{x0:.1f} {y0:.1f} L{bx:.1f} {by:.1f} M{x1:.1f} {y1:.1f} L{bx - 0.45 * h * uy:.1f}"
            f" {by + 0.45 * h * ux:.1f} L{bx + 0.45 * h * uy:.1f} {by - 0.45 * h * ux:.1f} Z")


def path_d(xs, ys) -> str:
    """An SVG path through the points; a NaN breaks the line (a gap, e.g. a diverged run)."""
    out, pen = [], "M"
    for x, y in zip(xs, ys):
        if not (math.isfinite(x) and math.isfinite(y)):
            pen = "M"
            continue
        out.append(f"{pen}{x:.1f} {y:.1f}")
        pen = "L"
    return " ".join(out)


class SceneView(View):
    """An SVG picture: ``shapes`` drawn once, ``updates`` ({id: {attribute: value}}) applied
    on every move. ``on_click(callback)`` gets the ``click`` name of a clicked shape."""
    _esm = esm("common.js", "scene.js")
    width = traitlets.Float(300).tag(sync=True)
    height = traitlets.Float(150).tag(sync=True)
    shapes = traitlets.List().tag(sync=True)
    updates = traitlets.Dict().tag(sync=True)
    fallback = "fallback.picture"

    def __init__(self, scene: Scene | None = None, css: str = "", **kwargs):
        super().__init__(**kwargs)
        if scene is not None:
            self.draw(scene)
        if css:
            self.add_class(css)
        self.add_class("nn-view")
        self._clicks = []

    def draw(self, scene: Scene):
        """Replace the whole picture (rarely: a new network shape, new axes). The picture keeps
        its own width in a row, and shrinks to fit a narrower screen."""
        with self.hold_sync():
            self.width, self.height, self.shapes = scene.width, scene.height, scene.shapes
        # the basis is the width given (auto): in a row that is the picture's width; in a column
        # a basis in px would become its height
        self.layout.flex, self.layout.min_width = "0 1 auto", "0"
        self.layout.width, self.layout.max_width = f"{scene.width:.0f}px", "100%"

    def on_click(self, callback):
        self._clicks.append(callback)
        return callback

    def handle_message(self, content):
        if content.get("event") == "click":
            for cb in self._clicks:
                cb(content.get("id"))


def diverging(v: float, vmax: float) -> str:
    """A colour for v on a red (+) / white (0) / blue (−) scale saturating at ±vmax."""
    t = 0.0 if vmax <= 0 else max(-1.0, min(1.0, v / vmax))
    lo, hi = (np.array([33, 102, 172]), np.array([178, 24, 43]))        # blue −, red +
    end = hi if t > 0 else lo
    rgb = np.array([255, 255, 255]) + abs(t) * (end - np.array([255, 255, 255]))
    return "#%02x%02x%02x" % tuple(int(round(c)) for c in rgb)


class Chart:
    """A line chart inside a :class:`Scene`: static axes, ticks and labels drawn once; lines,
    points and markers that a view moves with :meth:`line`, :meth:`point` (they return update
    entries). Values outside the y range are not drawn (a gap), never clamped to the edge."""

    def __init__(self, scene: Scene, box, xlim, ylim, *, log_y: bool = False, xlabel: str = "",
                 ylabel: str = "", title: str = "", xticks=None, yticks=None, id: str = "c",
                 grid: bool = True):
        self.scene, self.id = scene, id
        self.x0, self.y0, self.w, self.h = box              # the plot area, in scene pixels
        self.xlim, self.ylim, self.log_y = tuple(xlim), tuple(ylim), log_y
        s, x0, y0, w, h = scene, self.x0, self.y0, self.w, self.h
        s.rect(None, x0, y0, w, h, fill="#fff", stroke="#bdbdbd", stroke_width=1)
        xt = xticks if xticks is not None else _ticks(*self.xlim)
        yt = yticks if yticks is not None else (_log_ticks(*self.ylim) if log_y
                                               else _ticks(*self.ylim))
        for v in xt:
            px = self.px(v)
            if grid:
                s.line(None, px, y0, px, y0 + h, stroke="#eeeeee", stroke_width=1)
            s.text(None, px, y0 + h + 14, _tick_label(v), font_size=11, fill="#616161")
        for v in yt:
            py = self.py(v)
            if grid:
                s.line(None, x0, py, x0 + w, py, stroke="#eeeeee", stroke_width=1)
            s.text(None, x0 - 5, py + 4, _tick_label(v, log_y), font_size=11, fill="#616161",
                   text_anchor="end")
        if xlabel:
            s.text(None, x0 + w / 2, y0 + h + 30, xlabel, font_size=12)
        if ylabel:
            s.text(None, x0 - 34, y0 + h / 2, ylabel, font_size=12,
                   transform=f"rotate(-90 {x0 - 34:.1f} {y0 + h / 2:.1f})")
        if title:
            s.text(None, x0 + w / 2, y0 - 8, title, font_size=12.5, font_weight=600)

    # -- data → pixels ---------------------------------------------------------------------
    def px(self, x):
        lo, hi = self.xlim
        return self.x0 + (np.asarray(x, dtype=float) - lo) / (hi - lo) * self.w

    def py(self, y):
        lo, hi = self.ylim
        y = np.asarray(y, dtype=float)
        if self.log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                y, lo, hi = np.log10(y), math.log10(lo), math.log10(hi)
        return self.y0 + self.h - (y - lo) / (hi - lo) * self.h

    def inside(self, x, y):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        (xl, xh), (yl, yh) = self.xlim, self.ylim
        return (x >= xl - 1e-9) & (x <= xh + 1e-9) & (y >= yl - 1e-12) & (y <= yh + 1e-12)

    # -- dynamic parts ---------------------------------------------------------------------
    def add_line(self, name: str, color: str, width: float = 2.0, dash: str | None = None,
                 **a):
        return self.scene.path(f"{self.id}-{name}", fill="none", stroke=color,
                               stroke_width=width, stroke_dasharray=dash,
                               stroke_linejoin="round", **a)

    def line(self, name: str, xs, ys) -> dict:
        """{id: {"d": …}}: the line through (xs, ys); points outside the chart leave a gap."""
        xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        ok = self.inside(xs, ys) & np.isfinite(ys)
        px = np.where(ok, self.px(xs), np.nan)
        py = np.where(ok, self.py(np.where(ok, ys, 1.0)), np.nan)
        return {f"{self.id}-{name}": {"d": path_d(px, py)}}

    def add_point(self, name: str, color: str, r: float = 5, **a):
        return self.scene.circle(f"{self.id}-{name}", -100, -100, r, fill=color, **a)

    def point(self, name: str, x, y) -> dict:
        """{id: {"cx", "cy", "visibility"}}: a marker at (x, y), hidden outside the chart."""
        ok = bool(self.inside(x, y)) and math.isfinite(float(y))
        if not ok:
            return {f"{self.id}-{name}": {"visibility": "hidden"}}
        return {f"{self.id}-{name}": {"cx": round(float(self.px(x)), 1),
                                      "cy": round(float(self.py(y)), 1), "visibility": "visible"}}


def _ticks(lo: float, hi: float, n: int = 5):
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 5, 10) if m * mag >= raw), default=10 * mag)
    start = math.ceil(lo / step - 1e-9) * step
    out, v = [], start
    while v <= hi + 1e-9 * step:
        out.append(round(v, 10))
        v += step
    return out


def _log_ticks(lo: float, hi: float):
    return [10.0 ** k for k in range(math.ceil(math.log10(lo) - 1e-9),
                                     math.floor(math.log10(hi) + 1e-9) + 1)]


def _tick_label(v: float, log: bool = False) -> str:
    if log:
        k = int(round(math.log10(v)))
        return "1" if k == 0 else "10" + fmt.sym("", k).replace("-", "⁻")
    if abs(v - round(v)) < 1e-9:
        return fmt.num(v, 0)
    for d in (1, 2, 3):
        if abs(v * 10 ** d - round(v * 10 ** d)) < 1e-6:
            return fmt.num(v, d)
    return fmt.num(v, 3)
