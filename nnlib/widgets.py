"""Live panels for Jupyter: move a slider → one new :class:`nnlib.Trace` → every view updates.

    %matplotlib widget
    import nnlib
    from nnlib.widgets import NetworkPanel
    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5])
    panel                                  # sliders, diagram, equations, tables, descent

Design (see the README): views hold state (``widgets.HTML`` for numbers, an ipympl canvas for
the diagram, updated in place with ``set_text``/``set_color`` and one ``draw_idle``); one
observer per panel; bulk changes (reset, randomise, a descent step) redraw once; an error in
a callback is shown in the panel as one readable line and the last good state is kept.

CSS classes (stable, for browser tests): the root has ``nn-panel``; sliders ``nn-slider`` and
``nn-x-{i}``, ``nn-W-{l}-{i}-{j}``, ``nn-b-{l}-{i}``, ``nn-y-{k}`` (1-based, as the labels
W¹₂₁); the numbers ``nn-values`` (each number has a ``data-key``); the network's shape as JSON
in the hidden ``nn-spec``; messages in ``nn-error``; buttons ``nn-reset``, ``nn-randomise``,
``nn-step``, ``nn-undo``, ``nn-replay``; the diagram canvas ``nn-diagram``.
"""
from __future__ import annotations

import json
import time
import traceback
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np

from . import formulas as F
from . import plotting as P
from .gradcheck import gradient_check
from .layers import Dense
from .network import Network
from .optim import GradientDescent

__all__ = ["NetworkPanel", "LiveView", "slider", "canvas_widget", "ErrorArea", "set_value"]

DEFAULT_RANGES = {"x": (-3.0, 3.0), "W": (-2.0, 2.0), "b": (-2.0, 2.0), "y": (-5.0, 5.0)}
CHOICES = ("relu", "sigmoid", "tanh", "identity")
ETA_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0,
            50.0)                          # learning rates offered by the descent view
ALL_VIEWS = ("diagram", "activation", "forward", "backward", "values", "gradcheck", "descent")


def slider(value, lo, hi, description, css, step=0.01, width="235px"):
    """A FloatSlider that updates while dragging, its range widened to hold ``value``."""
    value = float(value)
    lo, hi = min(lo, np.floor(value * 1.5)), max(hi, np.ceil(value * 1.5))
    s = widgets.FloatSlider(value=value, min=lo, max=hi, step=step, description=description,
                            readout_format=".2f", continuous_update=True,
                            style={"description_width": "44px"}, layout={"width": width})
    for c in ("nn-slider",) + tuple(css):
        s.add_class(c)
    return s


def canvas_widget(fig, css: str):
    """``fig.canvas`` if it is a widget (ipympl), else an empty placeholder (Agg, in tests)."""
    canvas = fig.canvas
    if isinstance(canvas, widgets.DOMWidget):
        canvas.add_class(css)
        return canvas
    return widgets.HTML("", layout={"display": "none"})


class ErrorArea:
    """One readable line in the panel for a failed update; details of unexpected errors in a
    hidden ``Output`` (the ipywidgets docs' ``Output.capture`` pattern for a debug area)."""

    def __init__(self):
        self.html = widgets.HTML("").add_class("nn-error")
        self.debug = widgets.Output(layout={"display": "none"})

    def show(self, text: str = ""):
        html = F.message_html(text)
        if self.html.value != html:
            self.html.value = html

    def unexpected(self, exc: BaseException):
        self.show(f"internal error: {type(exc).__name__}: {exc} (last good state kept)")
        self.debug.layout.display = None
        with self.debug:
            traceback.print_exception(exc)


def set_value(widget, value):
    """``widget.value = value`` only if it changes (no needless message to the browser)."""
    if widget.value != value:
        widget.value = value


class LiveView:
    """What every live widget here shares. ``refresh()`` runs ``compute()`` (read the controls,
    do the maths; may raise) and then ``show(result)`` (put it on the views), with one rule for
    errors: a ValueError from ``compute`` is nnlib's one-line message and is shown as it is,
    any other exception is an internal error, and in both cases the views keep their last good
    state. A subclass sets ``self.widget``, ``self.errors`` (an :class:`ErrorArea`) and
    ``self.timings = []`` (seconds per update, for the latency benchmarks)."""

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _on_change(self, change=None):
        self.refresh()

    def compute(self):
        raise NotImplementedError

    def show(self, result):
        raise NotImplementedError

    def refresh(self):
        start = time.perf_counter()
        try:
            result = self.compute()
        except ValueError as exc:          # nnlib's one-line messages
            self.errors.show(str(exc))
            return
        except Exception as exc:           # noqa: BLE001 — never a dead widget
            self.errors.unexpected(exc)
            return
        try:
            self.errors.show("")
            self.show(result)
        except Exception as exc:           # noqa: BLE001
            self.errors.unexpected(exc)
            return
        self.timings.append(time.perf_counter() - start)


class NetworkPanel(LiveView):
    """Sliders for every xᵢ, Wˡᵢⱼ, bˡᵢ and y of ``net`` beside live views of one trace.

    ``views`` picks and orders the views: ``diagram`` (circles with z, a, δ; edges by sign,
    width ∝ |w| or |∂E/∂W|), ``activation`` (the curve of layer ``activation_layer`` with the
    current z marked), ``forward`` (zˡ = Wˡaˡ⁻¹ + bˡ with numbers), ``backward`` (δˡ, ∂E/∂Wˡ =
    δˡ(aˡ⁻¹)ᵀ with numbers), ``values`` (summary table), ``gradcheck`` (backprop vs central
    differences) and ``descent`` (W ← W − η ∂E/∂W with undo and replay).
    ``y=None`` makes a forward-only panel. ``activation_choices`` lists the layers (1..L) that
    get an activation menu. For a cross-entropy network the target is chosen as a class.
    """

    def __init__(self, net: Network, x, y=None, *, views=None, activation_choices=(),
                 activation_layer: int = 1, ranges=None, title: str = "", edge_mode: str = "W",
                 seed: int = 0, show_sliders=("x", "W", "b", "y"),
                 keep_descent_when_rounded: bool = True):
        # keep_descent_when_rounded: a browser's slider snaps a value to its step (0.01) and
        # sends the snapped value back, so after a descent step the sliders hold W, b rounded;
        # that echo keeps the descent (its exact trace, history, undo) instead of starting
        # afresh from the rounded network. A learner's own move (a whole step) starts afresh.
        # False: exact comparison only (nothing in a browser needs it).
        self.keep_descent_when_rounded = keep_descent_when_rounded
        self.start_net = net
        self.start_x = np.array(x, dtype=float)
        self.start_y = None if y is None else np.atleast_1d(np.array(y, dtype=float))
        self.forward_only = y is None
        default = ("diagram", "forward", "values") if self.forward_only else \
            ("diagram", "values", "forward", "backward", "gradcheck", "descent")
        self.views = default if views is None else tuple(views)
        unknown = set(self.views) - set(ALL_VIEWS)
        if unknown:
            raise ValueError(f"NetworkPanel: unknown view(s) {sorted(unknown)}; "
                             f"expected some of {', '.join(ALL_VIEWS)}")
        self.ranges = dict(DEFAULT_RANGES, **(ranges or {}))
        self.activation_layer = activation_layer
        self.edge_mode = edge_mode
        self._rng = np.random.default_rng(seed)
        self._holding = 0         # depth of nested hold() blocks
        self._gd = None
        self.trace = None          # the last good trace
        self.checks = None
        self.timings = []          # seconds per update (compute + views), for the benchmark
        self._listeners = []       # extra views: (key, f(trace)) pairs, see on_trace
        self.errors = ErrorArea()

        self._build_controls(net, activation_choices, show_sliders)
        self._build_views(net)
        parts = [widgets.HTML(F.CSS, layout={"display": "none"})]
        if title:
            parts.append(widgets.HTML(f'<div class="nn-h" style="font-size:14px">{title}</div>'))
        parts += [self.controls, self.errors.html, self.errors.debug, self.body, self.spec]
        self.widget = widgets.VBox(parts).add_class("nn-panel")
        self.refresh()

    # -- controls -------------------------------------------------------------------------
    def _build_controls(self, net, activation_choices, show_sliders):
        rx, rW, rb, ry = (self.ranges[k] for k in "xWby")
        self.x_sliders = [slider(v, *rx, F.sym("x", None, i + 1), [f"nn-x-{i + 1}"])
                          for i, v in enumerate(self.start_x)]
        self.W_sliders, self.b_sliders, self.act_menus = [], [], {}
        columns = []
        if "x" in show_sliders:
            columns.append(self._column("input x", self.x_sliders))
        for l, layer in enumerate(net.layers, start=1):
            Ws = [[slider(layer.W[i, j], *rW, F.sym("W", l, i + 1, j + 1),
                          [f"nn-W-{l}-{i + 1}-{j + 1}"]) for j in range(layer.n_in)]
                  for i in range(layer.n_out)]
            bs = [slider(layer.b[i], *rb, F.sym("b", l, i + 1), [f"nn-b-{l}-{i + 1}"])
                  for i in range(layer.n_out)]
            self.W_sliders.append(Ws)
            self.b_sliders.append(bs)
            items = []
            if l in activation_choices:
                menu = widgets.Dropdown(options=list(CHOICES), value=layer.activation_name,
                                        description="f", style={"description_width": "44px"},
                                        layout={"width": "235px"})
                menu.add_class(f"nn-act-{l}")
                self.act_menus[l] = menu
                items.append(menu)
            shown = (["W"] if "W" in show_sliders else []) + (["b"] if "b" in show_sliders else [])
            if shown:
                items += ([s for row in Ws for s in row] if "W" in shown else []) + \
                         (bs if "b" in shown else [])
            if items:
                columns.append(self._column(f"layer {l} ({layer.activation_name})"
                                            if l not in activation_choices else f"layer {l}",
                                            items))
        self.cross_entropy = net.loss.name == "cross_entropy"
        self.y_sliders, self.y_class = [], None
        if not self.forward_only:
            if self.cross_entropy:
                k = int(np.argmax(self.start_y)) + 1
                self.y_class = widgets.ToggleButtons(
                    options=[str(c) for c in range(1, net.n_out + 1)], value=str(k),
                    description="class", style={"button_width": "36px",
                                                "description_width": "44px"})
                self.y_class.add_class("nn-y-class")
                target = [widgets.HTML("one-hot y: the true class"), self.y_class]
            else:
                self.y_sliders = [slider(v, *ry, "y" if len(self.start_y) == 1
                                         else F.sym("y", None, k + 1), [f"nn-y-{k + 1}"])
                                  for k, v in enumerate(self.start_y)]
                target = self.y_sliders
            if "y" in show_sliders:
                columns.append(self._column("target y", target))
        self.reset_button = widgets.Button(description="reset", icon="undo",
                                           tooltip="back to the starting values",
                                           layout={"width": "110px"}).add_class("nn-reset")
        self.random_button = widgets.Button(description="randomise", icon="random",
                                            tooltip="random W and b (seeded)",
                                            layout={"width": "110px"}).add_class("nn-randomise")
        self.reset_button.on_click(lambda _: self.reset())
        self.random_button.on_click(lambda _: self.randomise())
        buttons = [self.reset_button, self.random_button]
        if "diagram" in self.views and not self.forward_only:
            self.edge_toggle = widgets.ToggleButtons(options=[("edges: W", "W"),
                                                              ("edges: ∂E/∂W", "dW")],
                                                     value=self.edge_mode,
                                                     style={"button_width": "128px"})
            self.edge_toggle.add_class("nn-edge-mode")
            self.edge_toggle.observe(self._on_change, "value")
            buttons.append(self.edge_toggle)
        for s in self._all_inputs():
            s.observe(self._on_change, "value")
        self.controls = widgets.VBox([
            widgets.HBox(columns, layout={"flex_flow": "row wrap"}),
            widgets.HBox(buttons, layout={"grid_gap": "6px"})])

    @staticmethod
    def _column(title, items):
        return widgets.VBox([widgets.HTML(f'<div class="nn-h">{title}</div>')] + list(items),
                            layout={"border": "1px solid #e0e0e0", "padding": "2px 4px"})

    def _all_inputs(self):
        yield from self.x_sliders
        for Ws, bs in zip(self.W_sliders, self.b_sliders):
            for row in Ws:
                yield from row
            yield from bs
        yield from self.y_sliders
        if self.y_class is not None:
            yield self.y_class
        yield from self.act_menus.values()

    # -- views ----------------------------------------------------------------------------
    def _build_views(self, net):
        import matplotlib.pyplot as plt

        x, y = self.start_x, self.start_y
        t0 = net.trace(x, self._y_or_zeros(net, y), backward=not self.forward_only)
        self.fig = self.net_art = self.act_fig = self.act_art = None
        row, below = [], []
        with plt.ioff():
            if "diagram" in self.views:
                sizes = net.sizes
                self.fig = P.figure(1.9 * net.L + 1.4, 1.05 * max(sizes) + 0.3)
                ax = self.fig.add_axes([0.0, 0.0, 1.0, 1.0])
                self.net_art = P.plot_network(ax, t0, self.edge_mode, labels=False)
                self.caption = widgets.HTML("").add_class("nn-caption")
                row.append(widgets.VBox([self.caption, canvas_widget(self.fig, "nn-diagram")]))
            if "activation" in self.views:
                self.act_fig = P.figure(3.6, 2.6)
                ax = self.act_fig.add_axes([0.14, 0.18, 0.82, 0.78])
                self.act_art = P.plot_activation(ax, net.layers[self.activation_layer - 1]
                                                 .activation_name)
                row.append(canvas_widget(self.act_fig, "nn-activation"))
        self.values = widgets.HTML("").add_class("nn-values")
        self.forward_html = widgets.HTML("").add_class("nn-forward")
        self.backward_html = widgets.HTML("").add_class("nn-backward")
        self.gradcheck_html = widgets.HTML("").add_class("nn-gradcheck")
        self.descent_box = self._build_descent() if "descent" in self.views else None
        if "values" in self.views:
            row.append(self.values)
        sections = {"forward": ("forward: z = W·a + b, a = f(z)", self.forward_html),
                    "backward": ("backward: δ and ∂E/∂W = δ aᵀ", self.backward_html),
                    "gradcheck": ("gradient check", self.gradcheck_html),
                    "descent": ("gradient descent W ← W − η ∂E/∂W", self.descent_box)}
        for name in self.views:
            if name in sections:
                head, w = sections[name]
                below.append(widgets.VBox([widgets.HTML(f'<div class="nn-h">{head}</div>'), w]))
        self.body = widgets.VBox([widgets.HBox(row, layout={"flex_flow": "row wrap",
                                                            "grid_gap": "10px",
                                                            "align_items": "flex-start"})]
                                 + below)
        self.spec = widgets.HTML("", layout={"display": "none"}).add_class("nn-spec")

    def _build_descent(self):
        # η on the 1-2-5 grid: exact values (a log slider's grid can't hold 0.02, and the
        # browser would send back 0.01995), and the steps a learner would pick anyway
        self.eta = widgets.SelectionSlider(options=[(f"{v:g}", v) for v in ETA_GRID], value=0.02,
                                           description="η", continuous_update=False,
                                           style={"description_width": "44px"},
                                           layout={"width": "260px"}).add_class("nn-eta")
        self.k_steps = widgets.BoundedIntText(value=1, min=1, max=1000, description="steps",
                                              style={"description_width": "44px"},
                                              layout={"width": "130px"}).add_class("nn-k")
        self.step_button = widgets.Button(description="step", icon="arrow-down",
                                          button_style="success",
                                          layout={"width": "90px"}).add_class("nn-step")
        self.undo_button = widgets.Button(description="undo", icon="undo",
                                          layout={"width": "90px"}).add_class("nn-undo")
        self.replay_button = widgets.Button(description="replay", icon="repeat",
                                            tooltip="same number of steps from the same start, "
                                                    "with the current η",
                                            layout={"width": "90px"}).add_class("nn-replay")
        self.step_button.on_click(lambda _: self.step())
        self.undo_button.on_click(lambda _: self.undo())
        self.replay_button.on_click(lambda _: self.replay())
        self.descent_html = widgets.HTML("").add_class("nn-descent")
        return widgets.VBox([widgets.HBox([self.eta, self.k_steps, self.step_button,
                                           self.undo_button, self.replay_button],
                                          layout={"grid_gap": "6px", "flex_flow": "row wrap"}),
                             self.descent_html])

    # -- reading the controls -------------------------------------------------------------
    @staticmethod
    def _y_or_zeros(net, y):
        return np.zeros(net.n_out) if y is None else y

    def current(self):
        """(net, x, y) as the controls set them; ValueError (one line) if impossible."""
        layers = []
        for l, (layer, Ws, bs) in enumerate(zip(self.start_net.layers, self.W_sliders,
                                                self.b_sliders), start=1):
            W = [[s.value for s in row] for row in Ws]
            b = [s.value for s in bs]
            act = self.act_menus[l].value if l in self.act_menus else layer.activation_name
            layers.append(Dense(W, b, act))
        net = Network(layers, self.start_net.loss, self.start_net.reduction)
        x = np.array([s.value for s in self.x_sliders])
        if self.forward_only:
            y = None
        elif self.y_class is not None:
            y = np.eye(net.n_out)[int(self.y_class.value) - 1]
        else:
            y = np.array([s.value for s in self.y_sliders])
        return net, x, y

    # -- the one observer -----------------------------------------------------------------
    def _on_change(self, change=None):
        if not self._holding:
            self.refresh()

    def compute(self):
        """One trace (and the gradient check) from the controls."""
        net, x, y = self.current()
        if self.keep_descent_when_rounded and self._holds_rounded_descent(net, x, y):
            t = self._gd.trace             # the sliders show the descent's W, b rounded
        else:
            t = net.trace(x, self._y_or_zeros(net, y), backward=not self.forward_only)
        if not np.isfinite(t.loss):
            raise ValueError(f"E is {t.loss} for these values; kept the last good state")
        checks = (gradient_check(t.network, x, y, h=1e-5, richardson=False)
                  if "gradcheck" in self.views else None)
        return t, checks

    def show(self, result):
        self.trace, self.checks = result
        self._update_views(*result)

    def _update_views(self, t, checks):
        if self._gd is not None and not (self._gd.net == t.network
                                         and np.array_equal(self._gd.x, t.x)
                                         and np.array_equal(self._gd.y, t.y)):
            self._gd = None                # the learner moved a slider: a new start
        # numbers first, pictures last: the browser gets the new numbers before the figures'
        # draw requests (ipympl's draw_idle asks the page to fetch a new image)
        if "values" in self.views:
            set_value(self.values, F.values_html(t, loss=not self.forward_only))
        if "forward" in self.views:
            set_value(self.forward_html, "".join(F.forward_html(t, l) for l in range(1, t.L + 1)))
        if "backward" in self.views and not self.forward_only:
            set_value(self.backward_html, "".join(
                f'<div class="nn-h">layer {l}</div>' + F.backward_html(t, l)
                for l in range(t.L, 0, -1)))
        if checks is not None:
            set_value(self.gradcheck_html, F.gradcheck_html(checks))
        if self.descent_box is not None:
            set_value(self.descent_html, F.descent_html(self._gd) if self._gd else
                      '<div class="nn-h">press step: W ← W − η ∂E/∂W on every layer</div>')
        set_value(self.spec, json.dumps({"sizes": t.network.sizes,
                                         "activations": t.network.activations,
                                         "loss": t.network.loss.name,
                                         "reduction": t.network.reduction}))
        if self.fig is not None:
            mode = self.edge_toggle.value if hasattr(self, "edge_toggle") else "W"
            set_value(self.caption, self._caption(t, mode))
            P.update_network(self.net_art, t, mode)
            self.fig.canvas.draw_idle()
        if self.act_fig is not None:
            lt = t[self.activation_layer]
            P.update_activation(self.act_art, lt.activation, lt.z, lt.a)
            self.act_fig.canvas.draw_idle()
        for _, callback in self._listeners:
            callback(t)

    def _holds_rounded_descent(self, net, x, y) -> bool:
        """True if x, y and the activations are the descent's and every W, b slider holds the
        descent's value to within half its step (what a browser sends back after a step)."""
        gd = self._gd
        if (gd is None or net.activations != gd.net.activations
                or not (np.array_equal(gd.x, x) and np.array_equal(gd.y, y))):
            return False
        for (W, b), Ws, bs in zip(gd.net.params(), self.W_sliders, self.b_sliders):
            sliders = [s for row in Ws for s in row] + list(bs)
            for s, v in zip(sliders, np.concatenate([np.ravel(W), np.ravel(b)])):
                if abs(s.value - v) > s.step / 2 + 1e-9:
                    return False
        return True

    @property
    def descent(self):
        """The current :class:`nnlib.GradientDescent` (its ``history``, ``losses``), or None
        before the first step and after a slider move (read-only; for a lesson's own views)."""
        return self._gd

    def on_trace(self, callback, call_now: bool = True, key=None):
        """Run ``callback(trace)`` after every update, as one more view of the same trace
        (a lesson's own picture). Its errors are shown in the panel like any other.
        ``key``: a callback registered earlier under the same key is replaced (a notebook cell
        run again does not stack a second copy of its view)."""
        if key is not None:
            self._listeners = [(k, cb) for k, cb in self._listeners if k != key]
        self._listeners.append((key, callback))
        if call_now and self.trace is not None:
            try:
                callback(self.trace)
            except Exception as exc:       # noqa: BLE001
                self.errors.unexpected(exc)
        return callback

    @staticmethod
    def _caption(t, mode):
        """The diagram's title and layer names, in HTML (cheaper than matplotlib text)."""
        names = ["input x"] + [f"layer {l} ({t[l].activation})" for l in range(1, t.L + 1)]
        loss = "" if t[t.L].delta is None else (
            f"E = {F.num(t.loss)} &nbsp;·&nbsp; y = "
            + ", ".join(F.num(v, 2) for v in np.ravel(t.y)) + " &nbsp;·&nbsp; ")
        edges = "∂E/∂W" if mode == "dW" and t[t.L].delta is not None else "W"
        return (f'<div class="nn-h">{loss}{" → ".join(names)}</div>'
                f'<div style="font-size:11px;color:#616161">circles: z, a, δ · edges: {edges}, '
                f'<span style="color:{P.POS_COLOR}">+</span> / '
                f'<span style="color:{P.NEG_COLOR}">−</span>, width ∝ |value| · '
                f'grey dashed: ReLU off (z ≤ 0, f′ = 0)</div>')

    # -- bulk changes: set many controls, redraw once -------------------------------------
    @contextmanager
    def hold(self):
        """Change many controls at once; the views update once at the end (re-entrant: only
        the outermost ``hold`` refreshes)."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding:
            self.refresh()

    def set_network(self, net: Network):
        """Put ``net``'s W, b (and activations) on the sliders, widening ranges as needed."""
        with self.hold():
            for l, layer in enumerate(net.layers, start=1):
                for i, row in enumerate(self.W_sliders[l - 1]):
                    for j, s in enumerate(row):
                        self._put(s, layer.W[i, j])
                for i, s in enumerate(self.b_sliders[l - 1]):
                    self._put(s, layer.b[i])
                if l in self.act_menus:
                    set_value(self.act_menus[l], layer.activation_name)

    def set_inputs(self, x=None, y=None):
        with self.hold():
            if x is not None:
                for s, v in zip(self.x_sliders, np.ravel(x)):
                    self._put(s, v)
            if y is not None:
                if self.y_class is not None:
                    self.y_class.value = str(int(np.argmax(y)) + 1)
                for s, v in zip(self.y_sliders, np.ravel(y)):
                    self._put(s, v)

    @staticmethod
    def _put(s, v):
        v = float(v)
        if v > s.max:
            s.max = float(np.ceil(v * 1.5))
        if v < s.min:
            s.min = float(np.floor(v * 1.5))
        set_value(s, v)

    def reset(self):
        """Back to the starting values."""
        self._gd = None
        with self.hold():
            self.set_network(self.start_net)
            self.set_inputs(self.start_x, self.start_y)

    def randomise(self):
        """Random weights W ~ U(−1, 1) and biases b ~ U(−0.5, 0.5) (seeded: reproducible)."""
        net, _, _ = self.current()
        self.set_network(net.with_params(
            [(np.round(self._rng.uniform(-1, 1, W.shape), 2),
              np.round(self._rng.uniform(-0.5, 0.5, b.shape), 2)) for W, b in net.params()]))

    # -- gradient descent -----------------------------------------------------------------
    def step(self, k=None):
        """k steps W ← W − η ∂E/∂W from the current sliders (or the current descent)."""
        if self.forward_only or self.trace is None:
            return
        try:
            if self._gd is None:
                net, x, y = self.current()
                self._gd = GradientDescent(net, x, y, self.eta.value)
            self._gd.eta = float(self.eta.value)
            self._gd.step(self.k_steps.value if k is None else k)
        except ValueError as exc:              # DivergenceError included: state kept
            self._show_descent_error(exc)
            return
        self._show_descent()

    def undo(self):
        if self._gd is not None:
            self._gd.undo()
            self._show_descent()

    def replay(self):
        if self._gd is not None:
            try:
                self._gd.replay(self.eta.value)
            except ValueError as exc:
                self._show_descent_error(exc)
                return
            self._show_descent()

    def _show_descent(self):
        gd = self._gd
        self.set_network(gd.net)               # one refresh; the same net keeps the descent,
        losses = gd.losses                     # whose table it redraws
        if len(losses) > 1 and losses[-1] > losses[-2]:
            self.errors.show(f"E went up from {losses[-2]:.4g} to {losses[-1]:.4g} with "
                             f"η = {gd.eta:g}: the step overshoots the minimum; repeated, it "
                             f"diverges. Undo and try a smaller η")

    def _show_descent_error(self, exc):
        if self._gd is not None and self._gd.steps:
            self.set_network(self._gd.net)
        self.errors.show(str(exc))
