"""Notebook 06 — the playground: a network trains on points of the plane and shows its backward
pass while it learns, in the notes' notation (x, W, b, z, a, δ, E; layers l = 1..L; examples as
columns).

Every number comes from nnlib: the data and the trainer of :mod:`nnlib.playground` (one
``Network.trace`` and ``gradient_descent_step`` per minibatch), the predictions from
``Network.forward`` and ``Dense.forward``, the JSON from :mod:`nnlib.io`. The views are the
toolkit's: a :class:`~nnlib.widgets.RasterView` (the boundary and the units' maps as its tiles,
so one message a frame carries every picture), the compact
:class:`~nnlib.widgets.DiagramView`, a :class:`~nnlib.widgets.SceneView` chart of the losses,
a :class:`~nnlib.widgets.TemplateView` of the numbers, and a
:class:`~nnlib.widgets.NetworkPanel` of one clicked point.

What the pictures are (quantised as :func:`nnlib.widgets.quantise` says, lo → 0, hi → 255):

- the boundary: aᴸ read as the chance of class 1 (:func:`nnlib.playground.probability`) at the
  centres of a GRID × GRID raster over the plane, lo = 0, hi = 1 (white: 0.5); the points on
  top coloured by their label (white ring: training, dark ring: test);
- the units: aˡᵢ = f(zˡᵢ) at the centres of a TILE × TILE raster, one tile per unit of every
  layer; lo, hi = 0, 1 for sigmoid, −1, 1 for tanh, ±max|aˡ| of the layer for relu and
  identity (written over the layer's first tile);
- the diagram: Wˡ and bˡ, or the last step's ∂E/∂Wˡ and ∂E/∂bˡ = Σ δˡ over its batch.

Playing is an asyncio task on the kernel's event loop: one frame (``speed`` epochs, the
predictions, every view), then it yields to the kernel and, when ``in_flight`` frames are not
drawn yet, waits until the browser says it drew the oldest (or ``ack_timeout``), so frames
never queue up and pause, step or a new η are answered within one frame. Nothing plays unless the learner presses play; with no event loop (a plain script)
nothing plays at all.

CSS: root ``nn-06-playground``; ``nn-06-controls`` (keys ``data``, ``noise``, ``test``,
``seed``, ``layers``, ``units-l``, ``f-l``, ``output``, ``reduction``, ``eta``, ``batch``,
``speed``, ``edges``; buttons ``pg-play``, ``pg-pause``, ``pg-step``, ``pg-epoch``,
``pg-reset``, ``pg-replay``), ``nn-06-boundary`` (the pictures), ``nn-06-diagram``,
``nn-06-curves``, ``nn-06-status`` (slots ``pg-epoch``, ``pg-steps``, ``pg-train``,
``pg-test``), ``nn-06-files`` (``nn-06-csv-path``, ``csv-load``, ``nn-06-csv-upload``),
``nn-06-point`` (the clicked point's NetworkPanel, ``nn-panel``).
"""
from __future__ import annotations

import asyncio
import html
import math
import threading

import ipywidgets as widgets
import numpy as np

from .. import fmt
from ..fmt import sym
from ..i18n import tr
from ..io import load_network, save_network
from ..optim import DivergenceError
from ..playground import (ACTIVATIONS, BATCH_SIZES, MAX_LAYERS, MAX_UNITS, SETS, Architecture,
                          Trainer, build, layer_outputs, load_csv, make, probability)
from ..widgets import (Box, Chart, Controls, DiagramView, LiveView, NetworkPanel, RasterView,
                       Row, Scene, SceneView, TemplateView, button, choice, grid_slider, group,
                       number, quantise, slider, tile, toggle)
from ..widgets.charts import nice
from ..widgets.descent import ETA_GRID

__all__ = ["GRID", "TILE", "DEFAULTS", "grid_points", "boundary_bytes", "unit_bytes",
           "unit_scales", "Playground"]

GRID, TILE = 50, 25            # cells per side: the boundary, each unit's map
BOX = 330                      # the boundary's size in the picture (px)
DEFAULTS = {"data": "circle", "noise": 0.0, "test": 0.2, "seed": 0, "layers": 1,
            "units": (4, 2, 2, 2), "f": ("tanh",) * MAX_LAYERS, "output": "sigmoid",
            "reduction": "mean", "eta": 0.5, "batch": 10, "speed": 1, "edges": "W"}
DATA_KEYS = {"data", "noise", "test", "seed"}
ARCH_KEYS = {"layers", "output", *(f"units-{l}" for l in range(1, MAX_LAYERS + 1)),
             *(f"f-{l}" for l in range(1, MAX_LAYERS + 1))}
SPEEDS = (1, 2, 5)
TRAIN, TEST = "#E65100", "#1565C0"
BUTTONS = ("pg-play", "pg-pause", "pg-step", "pg-epoch", "pg-reset", "pg-replay")


def grid_points(extent, n: int) -> np.ndarray:
    """The centres of an n × n raster over [lo, hi]², as columns (2, n²), row by row from the
    top (largest x₂) and left to right in each row, the order the raster views draw."""
    lo, hi = extent
    c = lo + (np.arange(n) + 0.5) * (hi - lo) / n
    X1, X2 = np.meshgrid(c, c[::-1])
    return np.vstack([X1.ravel(), X2.ravel()])


def boundary_bytes(net, extent, n: int = GRID) -> bytes:
    """The boundary picture: the chance of class 1 at every cell, 0 → 0, 1 → 255."""
    return quantise(probability(net, grid_points(extent, n)), 0.0, 1.0)


def unit_scales(net, outputs) -> list:
    """(lo, hi) of each layer's maps: (0, 1) sigmoid and softmax, (−1, 1) tanh, ±max|aˡ| of
    the layer (at least 10⁻⁹) for relu and identity."""
    out = []
    for f, a in zip(net.activations, outputs):
        if f in ("sigmoid", "softmax"):
            out.append((0.0, 1.0))
        elif f == "tanh":
            out.append((-1.0, 1.0))
        else:
            s = max(float(np.abs(a).max()), 1e-9)
            out.append((-s, s))
    return out


def unit_bytes(net, extent, n: int = TILE):
    """Every unit's map, layer by layer and unit by unit, and each layer's (lo, hi)."""
    outputs = layer_outputs(net, grid_points(extent, n))
    scales = unit_scales(net, outputs)
    return b"".join(quantise(a, lo, hi) for a, (lo, hi) in zip(outputs, scales)), scales


class Playground(LiveView):
    """The playground of notebook 06 (see the module's docstring). Keyword arguments set the
    controls' starting values (``DEFAULTS``)."""

    ack_timeout = 1.0             # seconds to wait for the browser to draw a frame
    max_misses = 3                # frames not drawn in a row → pause (no browser looks)
    in_flight = 24                # frames sent and not yet drawn before the loop waits
    max_fps = 40.0                # frames a second at most (the browser draws up to 60)

    def __init__(self, **start):
        super().__init__()
        unknown = set(start) - set(DEFAULTS)
        if unknown:
            raise ValueError(tr("pg.unknown_setting", got=", ".join(sorted(unknown)),
                                choices=", ".join(DEFAULTS)))
        v = {**DEFAULTS, **start}
        self.csv = None                      # the learner's loaded CSV (a Dataset)
        self.playing, self._task, self._wake, self._waiting_for = False, None, None, 0
        self._reverting = False
        # the loop and thread that own the widget (the kernel's main ones); the browser's
        # messages may be handled on another thread (a kernel subshell): see _act
        self._loop, self._thread = _running_loop(), threading.current_thread()
        self.speed = int(v["speed"])
        self.controls = Controls(self._groups(v), css="nn-06-controls")
        self.controls.on_change(self._changed)
        self.controls.on_reject(lambda *a: self.refused(self.controls, *a))
        for key, fn in (("pg-play", self.play), ("pg-pause", self.pause),
                        ("pg-step", self.step), ("pg-epoch", self.epoch),
                        ("pg-reset", self.reset), ("pg-replay", self.replay)):
            self.controls.on_press(key, lambda fn=fn: self._act(fn))
        self.csv_path = widgets.Text(placeholder=tr("pg.csv_placeholder"),
                                     layout={"width": "260px"}).add_class("nn-06-csv-path")
        self.files = Controls([group(tr("pg.files"), [button("csv-load", tr("pg.csv_load"))],
                                     row=True, css="nn-bare")], css="nn-06-files-controls")
        self.files.on_press("csv-load", lambda: self._act(lambda: self.load_csv(
            self.csv_path.value)))
        self.upload = widgets.FileUpload(accept=".csv", multiple=False,
                                         description=tr("pg.upload")).add_class(
                                             "nn-06-csv-upload")
        self.upload.observe(lambda change: self._act(self._uploaded, change["new"]), "value")

        # one view for every picture (the boundary is tile 0, then each unit's map): one
        # message a frame for all of them
        self.boundary = RasterView(BOX, BOX + 16, css="nn-06-boundary")
        self.boundary.on_click(lambda k: self._act(self.select, k))
        self.boundary.on_drawn(self._drawn)
        self.status = TemplateView(self._status_html, "nn-06-status")
        self.curves = SceneView(css="nn-06-curves")
        self._axes = None
        self.point_box = Box([], css="nn-06-point")
        self.point_caption = TemplateView(self._point_html, "nn-06-point-caption")
        self.selected, self.panel, self.frames = 0, None, 0

        self._good = dict(self.controls.values)
        self._new_data()
        self.diagram = DiagramView(self.trainer.net, compact=True, css="nn-06-diagram")
        files = Row([self.csv_path, self.files, self.upload], css="nn-06-files", gap="6px")
        left = Box([self.boundary, self.status], css="nn-06-left")
        self.layout(self.controls, Row([left, self.diagram], gap="10px"),
                    Row([self.curves, files], gap="10px"),
                    Box([self.point_caption, self.point_box]), css="nn-06-playground")
        self._buttons()
        self.refresh()
        self._show_point()

    # -- the controls ---------------------------------------------------------------------
    def _groups(self, v):
        units, acts = tuple(v["units"]), tuple(v["f"])
        layers = [it for l in range(1, MAX_LAYERS + 1) for it in (
            number(f"units-{l}", sym("n", l), units[l - 1], 1, MAX_UNITS),
            choice(f"f-{l}", sym("f", l), acts[l - 1], [(f, f) for f in ACTIVATIONS]))]
        return [
            group(tr("pg.data"), [
                choice("data", tr("pg.dataset"), v["data"],
                       [(s, tr(f"pg.set.{s}")) for s in SETS]),
                slider("noise", tr("pg.noise"), v["noise"], 0.0, 0.5, 0.05),
                slider("test", tr("pg.test"), v["test"], 0.1, 0.9, 0.1),
                number("seed", tr("pg.seed"), v["seed"], 0, 9999)]),
            group(tr("pg.network"), [
                toggle("layers", tr("pg.hidden"), v["layers"],
                       [(k, str(k)) for k in range(MAX_LAYERS + 1)]),
                toggle("output", tr("pg.output"), v["output"],
                       [("sigmoid", tr("pg.out.sigmoid")), ("softmax", tr("pg.out.softmax"))]),
                toggle("reduction", "E", v["reduction"], [("sum", "Σ sum"), ("mean", "mean")])]),
            group(tr("pg.units_title"), layers, row=True, css="nn-06-layers"),
            group(tr("pg.training"), [
                grid_slider("eta", "η", v["eta"], ETA_GRID),
                grid_slider("batch", "B", v["batch"], BATCH_SIZES),
                toggle("speed", tr("pg.speed"), v["speed"], [(k, f"{k}×") for k in SPEEDS]),
                toggle("edges", tr("pg.edges"), v["edges"], [("W", "W, b"),
                                                             ("dW", "∂E/∂W, ∂E/∂b")])]),
            group(tr("pg.run"), [
                button("pg-play", tr("pg.play"), primary=True, title=tr("pg.play_title")),
                button("pg-pause", tr("pg.pause"), title=tr("pg.pause_title")),
                button("pg-step", tr("pg.step"), title=tr("pg.step_title")),
                button("pg-epoch", tr("pg.epoch"), title=tr("pg.epoch_title")),
                button("pg-reset", tr("pg.reset"), title=tr("pg.reset_title")),
                button("pg-replay", tr("pg.replay"), title=tr("pg.replay_title"))],
                row=True, css="nn-06-run")]

    def _buttons(self):
        """What can be pressed now: pause while playing, play while paused; a layer's units
        and activation only for the layers there are; the noise only for a built-in set."""
        c, v = self.controls, self.controls.values
        off = {"pg-play"} if self.playing else {"pg-pause"}
        off |= {k for l in range(v["layers"] + 1, MAX_LAYERS + 1)
                for k in (f"units-{l}", f"f-{l}")}
        if v["data"] == "csv":
            off.add("noise")
        if sorted(off) != sorted(c.disabled):
            c.disabled = sorted(off)

    def architecture(self) -> Architecture:
        v = self.controls.values
        k = int(v["layers"])
        return Architecture(tuple(int(v[f"units-{l}"]) for l in range(1, k + 1)),
                            tuple(v[f"f-{l}"] for l in range(1, k + 1)), v["output"],
                            v["reduction"])

    def dataset(self):
        v = self.controls.values
        if v["data"] == "csv":
            return self.csv
        return make(v["data"], noise=float(v["noise"]), seed=int(v["seed"]))

    def _new_data(self, net=None):
        """A new split, network (from the seed, or ``net``) and trainer, as the controls say."""
        v = self.controls.values
        data = self.dataset()
        arch = self.architecture()
        if data.regression and arch.output == "softmax":
            raise ValueError(tr("pg.softmax_regression", data=tr(f"pg.set.{data.name}")))
        split = data.split(float(v["test"]), seed=int(v["seed"]))
        net = build(arch, seed=int(v["seed"])) if net is None else net
        self.trainer = Trainer(net, split, eta=float(v["eta"]), batch_size=int(v["batch"]),
                               seed=int(v["seed"]))
        self.extent = data.extent
        lo, hi = data.extent
        both = np.hstack([split.X_train, split.X_test])
        colours = np.round(255 * np.r_[split.y_train, split.y_test])
        kinds = np.r_[np.zeros(split.n_train), np.ones(split.n_test)]
        self.boundary.set_points((both[0] - lo) / (hi - lo), (both[1] - lo) / (hi - lo),
                                 colours, kinds)
        self._layout_units(self.trainer.net)
        self.selected = min(self.selected, split.n_train + split.n_test - 1)
        self._axes = None

    def _layout_units(self, net):
        """Tile 0 the boundary, then one small tile per unit, a column per layer."""
        sizes, acts = net.sizes, net.activations
        lo, hi = self.extent
        w, gap, top, side = 54, 26, 18, BOX + 30
        tiles = [tile(0, 0, BOX, BOX, GRID, GRID,
                      caption=tr("pg.plane", lo=fmt.num(lo, 1), hi=fmt.num(hi, 1)))]
        for l in range(1, len(sizes)):
            tiles += [tile(side + (l - 1) * (w + gap), top + i * (w + 18), w, w, TILE, TILE,
                           caption=sym("a", l, i + 1),
                           title=(f"{sym('a', l)} {acts[l - 1]}" if i == 0 else ""))
                      for i in range(sizes[l])]
        width = side + (len(sizes) - 1) * (w + gap) - gap + 14
        height = max(BOX + 16, top + max(sizes[1:]) * (w + 18))
        self.boundary.size(width, height)
        self.boundary.layout_tiles(tiles)

    def _changed(self, keys, user):
        if not user or self._reverting:      # set from Python: the caller applies it
            return
        self._act(self.apply, keys)

    def _act(self, fn, *args):
        """A learner's action, run on the loop that owns the widget: ipykernel may hand the
        browser's messages to another thread (a subshell), and only one thread may touch the
        trainer and the views (the play loop runs on the owner's loop)."""
        if self._foreign():
            self._loop.call_soon_threadsafe(lambda: self.action(fn, *args))
        else:
            self.action(fn, *args)

    def apply(self, keys):
        """Apply changed controls: new data or a new network start afresh at epoch 0 (a shape
        the data cannot have is refused and the controls go back); η, B, sum/mean, the speed
        and the edges apply from the next step on."""
        v = self.controls.values
        try:
            if keys & (DATA_KEYS | ARCH_KEYS):
                self._new_data()
                self._good = dict(v)
            else:
                if "reduction" in keys:
                    self.trainer.with_reduction(v["reduction"])
                self.trainer.eta = float(v["eta"])
                self.trainer.batch_size = int(v["batch"])
                self.speed = int(v["speed"])
                self._good = dict(v)
        except ValueError:
            back = {k: self._good[k] for k in keys if k in self._good}
            self._reverting = True
            try:
                self.controls.set(back)      # the controls show what is used
            finally:
                self._reverting = False
            self._buttons()
            raise
        self._buttons()
        self.refresh()
        if not self.playing:
            self._show_point()

    def _foreign(self) -> bool:
        """Called from another thread than the owner's while the owner's loop runs (a
        question's act on a kernel subshell): the call is handed to the owner's loop."""
        loop = self._loop
        return loop is not None and threading.current_thread() is not self._thread \
            and loop.is_running()

    def set(self, **values):
        """Set controls from code (a notebook cell, a question's act) and apply them at once:
        ``pg.set(data="xor", layers=0)``."""
        if self._foreign():
            self._loop.call_soon_threadsafe(lambda: self.set(**values))
            return
        self.pause()
        self.controls.set(values)
        self.action(self.apply, set(values))

    # -- the buttons ----------------------------------------------------------------------
    def play(self):
        """Start playing (a task on the running event loop); without one, nothing plays."""
        if self.playing:
            return
        loop = _running_loop()
        if loop is None:
            self.message.show(tr("pg.no_loop"), "info")
            return
        if self._loop is None:               # made outside any loop (a test): this one owns it
            self._loop, self._thread = loop, threading.current_thread()
        self.playing = True
        self._wake = asyncio.Event()
        self._buttons()
        self._task = loop.create_task(self.run())

    def pause(self):
        if not self.playing:
            return
        self.playing = False
        if self._wake is not None:
            self._wake.set()
        self._buttons()
        self._show_point()

    def step(self):
        """One minibatch (paused first)."""
        self.pause()
        self._train(self.trainer.step)

    def epoch(self):
        """The rest of this epoch (paused first)."""
        self.pause()
        self._train(self.trainer.run_epoch)

    def train(self, epochs: int = 1):
        """``epochs`` epochs at once, not playing (for a notebook cell or a question's act)."""
        if self._foreign():
            self._loop.call_soon_threadsafe(lambda: self.train(epochs))
            return
        self.pause()
        self._train(lambda: self.trainer.run(epochs))

    def reset(self):
        """Back to the start: epoch 0, the same initial weights (paused first)."""
        self.pause()
        self.trainer.reset()
        self.refresh()
        self._show_point()

    def replay(self):
        """The same number of steps again from the same start, with today's settings."""
        self.pause()
        self._train(self.trainer.replay)

    def _train(self, fn):
        try:
            fn()
        except DivergenceError as exc:
            self.refresh()
            self._show_point()
            self.message.show(str(exc), "error")
            return
        self.refresh()
        self._show_point()

    # -- playing --------------------------------------------------------------------------
    def frame(self) -> bool:
        """One frame: ``speed`` epochs, then every view. False when it diverged (paused)."""
        try:
            for _ in range(self.speed):
                self.trainer.run_epoch()
        except DivergenceError as exc:
            self.playing = False
            self._buttons()
            self.refresh()
            self._show_point()
            self.message.show(str(exc), "error")
            return False
        self.refresh()
        return True

    def _drawn(self, frame):
        wake = self._wake
        if wake is None or frame < self._waiting_for:
            return
        if self._foreign():
            self._loop.call_soon_threadsafe(wake.set)
        else:
            wake.set()

    async def run(self):
        """The play loop: a frame, then, if ``in_flight`` frames are not drawn yet, wait
        until the oldest of them is (at most ``ack_timeout``; the browser says which frame it
        drew a few times a second), and never more than ``max_fps`` frames a second: the
        kernel computes the next frame while the browser draws the last ones, and frames never
        pile up."""
        misses = 0
        loop = asyncio.get_running_loop()
        try:
            while self.playing:
                start = loop.time()
                if not self.frame() or not self.playing:
                    break
                self.frames += 1
                self._waiting_for = self.boundary.frame - self.in_flight + 1
                if self.boundary.drawn_frame < self._waiting_for:
                    self._wake.clear()
                    try:
                        await asyncio.wait_for(self._wake.wait(), self.ack_timeout)
                        misses = 0
                    except asyncio.TimeoutError:
                        misses += 1
                        if misses >= self.max_misses and self.playing:
                            self.pause()
                            self.message.show(tr("pg.no_browser"), "info")
                else:
                    misses = 0
                # at most max_fps frames a second; always let the kernel read what came in
                await asyncio.sleep(max(0.0, start + 1.0 / self.max_fps - loop.time()))
        except Exception as exc:                 # noqa: BLE001 — never a dead widget
            self.playing = False
            self.unexpected(exc)
        finally:
            self._task = None
            self._buttons()

    # -- what is shown ----------------------------------------------------------------------
    @property
    def net(self):
        """The current network."""
        return self.trainer.net

    def compute(self):
        tr_ = self.trainer
        net = tr_.net
        with np.errstate(all="ignore"):          # a network near divergence: inf shown as such
            E_train, E_test = tr_.losses()
            pixels, scales = unit_bytes(net, self.extent)
            dead = tr_.dead_units()
            boundary = boundary_bytes(net, self.extent)
        relus = [(l, f) for l, f in enumerate(net.activations[:-1], start=1) if f == "relu"]
        n_relu = sum(net.sizes[l] for l, _ in relus)
        n_dead = sum(int(dead[l - 1].sum()) for l, _ in relus)
        return {"net": net, "boundary": boundary, "units": pixels,
                "scales": scales, "E_train": E_train, "E_test": E_test, "dead": dead,
                "n_relu": n_relu, "n_dead": n_dead}

    def show(self, r):
        net, tr_ = r["net"], self.trainer
        self.status.update(r)
        self.diagram.update(tr_.last, self.controls.values["edges"], net=net, dead=r["dead"])
        self._show_curves()
        if len(self.boundary.tiles) != 1 + sum(net.sizes[1:]):
            self._layout_units(net)
        self._scale_titles(net, r["scales"])
        self.boundary.show(r["boundary"] + r["units"])   # last: "drawn" = the frame is shown

    def _scale_titles(self, net, scales):
        tiles, k, changed = list(self.boundary.tiles), 1, False
        for l, (f, (lo, hi)) in enumerate(zip(net.activations, scales), start=1):
            title = f"{sym('a', l)} {f}" + ("" if f in ("sigmoid", "softmax", "tanh")
                                            else f" ±{fmt.num(hi, 2)}")
            if tiles[k]["title"] != title:
                tiles[k], changed = {**tiles[k], "title": title}, True
            k += net.sizes[l]
        if changed:
            self.boundary.layout_tiles(tiles)

    def _status_html(self, r, doc):
        tr_ = self.trainer
        split = tr_.split
        rows = [(tr("pg.st.epoch"), doc.text("pg-epoch", str(tr_.epoch))),
                (tr("pg.st.steps"), doc.text("pg-steps", str(tr_.steps))),
                (tr("pg.st.train", n=split.n_train), doc.text("pg-train", _loss(r["E_train"]))),
                (tr("pg.st.test", n=split.n_test), doc.text("pg-test", _loss(r["E_test"])))]
        if r["n_relu"]:
            rows.append((tr("pg.st.dead"), doc.text("pg-dead", f"{r['n_dead']} / {r['n_relu']}")))
        body = "".join(f'<tr><td class="nn-text">{html.escape(a)}</td><td>{b}</td></tr>'
                       for a, b in rows)
        net = r["net"]
        shape = " → ".join(str(n) for n in net.sizes)
        note = tr("pg.st.net", shape=shape, eta=f"{tr_.eta:g}", B=tr_.batch_size,
                  reduction=net.reduction)
        return (f'<table class="nn-tab">{body}</table>'
                f'<div class="nn-note">{doc.text("pg-net", note)}</div>'
                f'<div class="nn-note" style="max-width:330px">'
                f'{doc.text("pg-colours", tr("pg.st.colours", L=sym("a", net.L)))}</div>')

    def _show_curves(self):
        h = self.trainer.history
        epochs = np.asarray(h["epoch"], dtype=float)
        train, test = np.asarray(h["train"]), np.asarray(h["test"])
        finite = np.r_[train, test][np.isfinite(np.r_[train, test])]
        top = nice(1.05 * max(float(finite.max()) if finite.size else 0.1, 1e-3))
        right = max(50.0, nice(float(epochs[-1]) * 1.25 + 1e-9)) if len(epochs) else 50.0
        if self._axes is None or right > self._axes[0] or top > self._axes[1] or \
                top < self._axes[1] / 4:
            self._axes = (right, top)
            s = Scene(360, 250)
            self._chart = ch = Chart(s, (58, 24, 284, 160), (0, right), (0, top),
                                     xlabel=tr("pg.st.epoch"), ylabel="E",
                                     title=tr("pg.curves_title"), id="lc")
            ch.add_line("train", TRAIN, 2.0)
            ch.add_line("test", TEST, 2.0, dash="5 3")
            s.legend(70, 240, [("line", TRAIN, tr("pg.curve_train"), None),
                               ("line", TEST, tr("pg.curve_test"), "5 3")], row=True)
            self.curves.draw(s)
        keep = np.unique(np.linspace(0, len(epochs) - 1, min(len(epochs), 150)).astype(int))
        ch = self._chart
        self.curves.updates = {**ch.line("train", epochs[keep], train[keep]),
                               **ch.line("test", epochs[keep], test[keep])}

    # -- one point's forward and backward pass ------------------------------------------------
    def points(self):
        """All points (2, N) as the boundary draws them (training first) and their labels."""
        s = self.trainer.split
        return np.hstack([s.X_train, s.X_test]), np.r_[s.y_train, s.y_test]

    def select(self, k: int):
        """Show point k's forward and backward pass (a click on the boundary, when paused)."""
        X, y = self.points()
        if not 0 <= k < X.shape[1]:
            return
        if self.playing:
            self.message.show(tr("pg.pause_to_look"), "info")
            return
        self.selected = int(k)
        self._show_point()

    def _show_point(self):
        X, y = self.points()
        k = self.selected
        net, lo_hi = self.trainer.net, self.extent
        target = np.array([y[k]]) if net.loss.name != "cross_entropy" else \
            np.array([1.0 - y[k], y[k]])
        with np.errstate(all="ignore"):
            p = float(probability(net, X[:, k:k + 1])[0])
        m = max(2.0, math.ceil(max(float(np.abs(W).max()) for W, _ in net.params())),
                math.ceil(max(float(np.abs(b).max()) for _, b in net.params())))
        # the panel's sliders show 4 decimals, and its numbers are those of its sliders: the
        # network and the point rounded to what the sliders show
        shown = net.with_params([(np.round(W, 4), np.round(b, 4)) for W, b in net.params()])
        with np.errstate(all="ignore"):
            self.panel = NetworkPanel(shown, np.round(X[:, k], 4), target,
                                      views=("diagram", "values", "forward", "backward"),
                                      ranges={"x": lo_hi, "W": (-m, m), "b": (-m, m)})
        self.point_box.children = [self.panel.widget]
        self.boundary.selected = k
        self.point_caption.update({"k": k, "x": X[:, k], "y": y[k],
                                   "train": k < self.trainer.split.n_train,
                                   "epoch": self.trainer.epoch,
                                   "p": p})

    def _point_html(self, v, doc):
        kind = tr("pg.pt.train" if v["train"] else "pg.pt.test")
        text = tr("pg.pt.caption", k=v["k"] + 1, kind=kind, x1=fmt.num(v["x"][0], 2),
                  x2=fmt.num(v["x"][1], 2), y=fmt.num(v["y"], 2), p=fmt.num(v["p"], 3),
                  epoch=v["epoch"])
        return (f'<div class="nn-h">{doc.text("pg-point", text)}</div>'
                f'<div class="nn-note">{doc.text("pg-point-help", tr("pg.pt.help"))}</div>')

    # -- files ------------------------------------------------------------------------------
    def load_csv(self, source, columns=None):
        """The learner's CSV (a path or an upload's bytes) as the data; a bad file is said on
        the message line and nothing changes."""
        data = load_csv(source, columns)             # raises before anything is replaced
        self.pause()
        old, self.csv = self.csv, data
        before = dict(self.controls.values)
        try:
            self.controls.change_item("data", options=[
                *[[s, tr(f"pg.set.{s}")] for s in SETS], ["csv", tr("pg.set.csv", name=data.name)]])
            self.controls.set({"data": "csv"})
            self._new_data()
        except ValueError:
            self.csv = old
            self.controls.set({"data": before["data"]})
            raise
        self._good = dict(self.controls.values)
        self._buttons()
        self.refresh()
        self._show_point()
        self.message.show(tr("pg.csv_loaded", name=data.name, n=data.n), "info")
        return data

    def _uploaded(self, value):
        files = list(value) if isinstance(value, (list, tuple)) else list(dict(value).values())
        if not files:
            return
        content = files[0]["content"] if isinstance(files[0], dict) else files[0].content
        self.load_csv(bytes(content))

    def save(self, path):
        """Save the current network as JSON (:mod:`nnlib.io`, schema version 1); the path."""
        v = self.controls.values
        meta = {"saved_by": "nnlib.lessons.playground", "epoch": self.trainer.epoch,
                "steps": self.trainer.steps, "data": v["data"], "seed": int(v["seed"]),
                "eta": float(v["eta"]), "batch_size": int(v["batch"])}
        return save_network(self.trainer.net, path, meta)

    def load(self, path):
        """Load a network saved as JSON into the playground: it must have the playground's
        shape; a bad file is said on the message line and the running network stays."""
        return self.action(self._load, path)

    def _load(self, path):
        net = load_network(path, like=self.trainer.net)      # raises before anything changes
        self.pause()
        self.trainer.restart(net)
        self.refresh()
        self._show_point()
        return net


def _running_loop():
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def _loss(E: float) -> str:
    return "—" if not math.isfinite(E) else fmt.num(E, 4)
