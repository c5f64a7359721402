"""Pictures of values over a plane, drawn in the browser from bytes (``js/raster.js``): a heat
map such as a decision boundary, or several small tiles in one view (a network's hidden units),
with points on top; a click on a point sends its index.

    view = RasterView(300, 300)
    view.layout_tiles([tile(0, 0, 300, 300, 50, 50)])          # one 50 × 50 tile
    view.set_points(u, v, colour_bytes, kinds)                  # drawn over tile 0
    view.show(quantise(values, 0.0, 1.0))                       # 2500 bytes: one per cell
    view.on_click(lambda k: ...)                                # a point was clicked
    view.on_drawn(lambda frame: ...)                            # the browser drew a frame

A tile is an nx × ny grid of cells, row by row from the top (the largest x₂ first), left to
right (the smallest x₁ first); ``pixels`` holds every tile's cells one after the other, one
uint8 per cell, and the browser colours a byte with the 256 colours of ``palette``
(:data:`PALETTE`: note 000's input blue for 0, white for 128, its weight orange for 255).
:func:`quantise` maps values to bytes: lo → 0, hi → 255, linearly, clipped. Points are float32
(u, v, colour byte, kind) with u, v ∈ [0, 1] across tile 0 (v upwards); kind 0 is a training
point (white ring), 1 a test point (dark ring). The browser sends ``{"event": "drawn", "frame"}``
after it drew ``frame``, and sets ``data-drawn="1"`` on the view once a picture is drawn.
"""
from __future__ import annotations

import numpy as np
import traitlets

from .base import View, esm

__all__ = ["RasterView", "PALETTE", "quantise", "tile", "palette"]


def palette(stops=((0, (21, 101, 192)), (90, (144, 202, 249)), (128, (250, 250, 250)),
                   (166, (255, 204, 128)), (255, (230, 81, 0)))) -> bytes:
    """256 RGB colours through ``stops`` [(byte, (r, g, b))]: by default deep blue → note
    000's input blue #90CAF9 → white at 128 (the middle of the range, 0.5 for a probability)
    → its weight orange #FFCC80 → deep orange."""
    t = np.arange(256)
    ts = np.array([s[0] for s in stops])
    rgb = np.array([s[1] for s in stops], dtype=float)
    out = np.column_stack([np.interp(t, ts, rgb[:, c]) for c in range(3)])
    return np.round(out).astype(np.uint8).tobytes()


PALETTE = palette()


def quantise(values, lo: float, hi: float) -> bytes:
    """Values as bytes: round(255 · (v − lo) / (hi − lo)), clipped to 0 … 255 (NaN → 128)."""
    v = np.asarray(values, dtype=float)
    span = (hi - lo) or 1.0
    with np.errstate(invalid="ignore"):
        q = np.clip(np.round(255.0 * (v - lo) / span), 0, 255)
    return np.where(np.isfinite(q), q, 128).astype(np.uint8).tobytes()


def tile(x, y, w, h, nx, ny, caption: str = "", title: str = "") -> dict:
    """A tile at (x, y) in the view, w × h pixels, showing an nx × ny grid of cells; a
    ``caption`` is written under it, a ``title`` over it."""
    return {"x": float(x), "y": float(y), "w": float(w), "h": float(h), "nx": int(nx),
            "ny": int(ny), "caption": caption, "title": title}


class RasterView(View):
    """Tiles of uint8 cells coloured by a palette, points over tile 0 (see the module)."""
    _esm = esm("common.js", "raster.js")
    width = traitlets.Float(300).tag(sync=True)
    height = traitlets.Float(300).tag(sync=True)
    tiles = traitlets.List().tag(sync=True)
    pixels = traitlets.Bytes(b"").tag(sync=True)
    palette = traitlets.Bytes(PALETTE).tag(sync=True)
    points = traitlets.Bytes(b"").tag(sync=True)
    point_radius = traitlets.Float(3.5).tag(sync=True)
    selected = traitlets.Int(-1).tag(sync=True)
    frame = traitlets.Int(0).tag(sync=True)
    fallback = "fallback.picture"

    def __init__(self, width: float = 300, height: float = 300, css: str = "", **kwargs):
        super().__init__(width=float(width), height=float(height), **kwargs)
        self.add_class("nn-view")
        if css:
            self.add_class(css)
        self._clicks, self._drawn = [], []
        self.drawn_frame = -1                    # the last frame a browser said it drew
        self.layout.width, self.layout.max_width = f"{width:.0f}px", "100%"   # shrinks to fit

    def layout_tiles(self, tiles):
        """Where the tiles are and how many cells each has (rarely: a new network shape)."""
        self.tiles = list(tiles)

    def size(self, width: float, height: float):
        with self.hold_sync():
            self.width, self.height = float(width), float(height)
        self.layout.width = f"{width:.0f}px"

    def show(self, pixels: bytes):
        """A new picture: every tile's cells (one byte each); counts as the next frame."""
        with self.hold_sync():
            self.pixels = bytes(pixels)
            self.frame = self.frame + 1

    def set_points(self, u, v, colours, kinds):
        """The points over tile 0: u, v ∈ [0, 1] (across, up), a colour byte and a kind each."""
        pts = np.column_stack([np.asarray(u, float), np.asarray(v, float),
                               np.asarray(colours, float), np.asarray(kinds, float)])
        self.points = pts.astype("<f4").tobytes()

    def on_click(self, callback):
        """``callback(index)`` when a point is clicked (its index in the points)."""
        self._clicks.append(callback)
        return callback

    def on_drawn(self, callback):
        """``callback(frame)`` when a browser has drawn a frame."""
        self._drawn.append(callback)
        return callback

    def handle_message(self, content):
        event = content.get("event")
        if event == "click" and isinstance(content.get("index"), int):
            for cb in list(self._clicks):
                cb(content["index"])
        elif event == "drawn":
            self.drawn_frame = max(self.drawn_frame, int(content.get("frame", -1)))
            for cb in list(self._drawn):
                cb(self.drawn_frame)
