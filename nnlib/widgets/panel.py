"""``NetworkPanel``: sliders for every xᵢ, Wˡᵢⱼ, bˡᵢ and y of a network beside live views of one
trace. It only puts the parts together: :class:`Controls`, :class:`DescentControls`, the
diagram and the template views of :mod:`nnlib.widgets.network`, under :class:`LiveView`'s rule.

    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5])
    panel                                   # controls, diagram, numbers, formulas, descent
    panel.follow(my_view)                   # one more view of the same trace (my_view.update(t))

A move → one new :class:`nnlib.Trace` → every view updates from it (numbers sent, the browser
draws). Reset brings back the starting values, slider ranges, η and history. Stable CSS classes
for tests: ``nn-panel``; each control ``nn-x-1``, ``nn-W-1-2-1``, ``nn-b-2-1``, ``nn-y-1``,
``nn-y-class``, ``nn-f-1``; the views ``nn-diagram``, ``nn-values``, ``nn-forward``,
``nn-backward``, ``nn-gradcheck``, ``nn-descent``; the network's shape in ``nn-spec``.
"""
from __future__ import annotations

import html
import json

import ipywidgets as widgets
import numpy as np

from .. import fmt
from ..fmt import sym
from ..gradcheck import gradient_check
from ..i18n import tr
from ..layers import Dense
from ..network import Network
from .base import Box, LiveView, Row
from .controls import Controls, button, choice, group, slider, toggle
from .descent import DescentControls, history_table
from .network import (DiagramView, backward_eqs, forward_eqs, gradcheck_table, values_table)
from .template import TemplateView

__all__ = ["NetworkPanel", "RANGES", "CHOICES", "ALL_VIEWS"]

RANGES = {"x": (-3.0, 3.0), "W": (-2.0, 2.0), "b": (-2.0, 2.0), "y": (-5.0, 5.0)}
CHOICES = ("relu", "sigmoid", "tanh", "identity")
ALL_VIEWS = ("diagram", "values", "forward", "backward", "gradcheck", "descent")


class NetworkPanel(LiveView):
    """Controls and live views of ``net`` at input ``x`` and target ``y``.

    ``views``: some of ``diagram`` (z, a, δ in each unit; edges by sign, width ∝ |W| or
    |∂E/∂W|), ``values`` (the table of z, a, f′, δ and every gradient), ``forward``
    (zˡ = Wˡaˡ⁻¹ + bˡ with numbers), ``backward`` (δˡ and ∂E/∂Wˡ = δˡ(aˡ⁻¹)ᵀ with numbers),
    ``gradcheck`` (backprop beside central differences) and ``descent`` (W ← W − η ∂E/∂W with
    undo and replay). ``y=None`` makes a forward-only panel (no target, no E, no δ).
    ``activation_choices``: layers (1..L) that get an activation menu. A cross-entropy network
    takes its target as a class. ``sliders``: which of x, W, b, y get sliders."""

    def __init__(self, net: Network, x, y=None, *, views=None, activation_choices=(),
                 ranges=None, title: str = "", edge_mode: str = "W", seed: int = 0,
                 sliders=("x", "W", "b", "y"), eta: float = 0.02):
        super().__init__()
        self.start_net = net
        self.start_x = np.array(x, dtype=float)
        self.forward_only = y is None
        self.start_y = None if y is None else np.atleast_1d(np.array(y, dtype=float))
        self.cross_entropy = net.loss.name == "cross_entropy"
        default = ("diagram", "values", "forward") if self.forward_only else \
            ("diagram", "values", "forward", "backward", "gradcheck", "descent")
        self.view_names = default if views is None else tuple(views)
        unknown = set(self.view_names) - set(ALL_VIEWS)
        if unknown:
            raise ValueError(tr("panel.unknown_views", got=", ".join(sorted(unknown)),
                                choices=", ".join(ALL_VIEWS)))
        if self.forward_only:
            self.view_names = tuple(v for v in self.view_names
                                    if v not in ("backward", "gradcheck", "descent"))
        self.ranges = dict(RANGES, **(ranges or {}))
        self.title = title
        self.activation_choices = tuple(activation_choices)
        self._rng = np.random.default_rng(seed)
        self.trace, self.checks = None, None
        self._followers = {}                       # key -> view (anything with update(trace))

        self.descent = (DescentControls(self, self._descent_start, self._descent_moved, eta=eta)
                        if "descent" in self.view_names else None)
        # the sliders on the left; the buttons and the descent beside the diagram
        self.controls = Controls(self._groups(net, sliders), css="nn-panel-controls")
        self.actions = Controls(self._action_groups(edge_mode), css="nn-panel-actions")
        for c in (self.controls, self.actions):
            c.on_change(self._on_controls)
            c.on_reject(lambda key, text, reason, c=c: self.refused(c, key, text, reason))
        self.actions.on_press("reset", lambda: self.action(self.reset))
        self.actions.on_press("randomise", lambda: self.action(self.randomise))
        if self.descent is not None:
            self.descent.attach(self.actions)
        self._build_views(net)
        self.refresh()

    # -- controls -------------------------------------------------------------------------
    def _groups(self, net, sliders):
        rx, rW, rb, ry = (self.ranges[k] for k in "xWby")
        groups = []
        if "x" in sliders:
            groups.append(group(tr("panel.input"), [
                slider(f"x-{i + 1}", sym("x", None, i + 1), v, *rx)
                for i, v in enumerate(self.start_x)]))
        for l, layer in enumerate(net.layers, start=1):
            items = []
            if l in self.activation_choices:
                items.append(choice(f"f-{l}", tr("panel.f"), layer.activation_name,
                                    [(c, c) for c in CHOICES]))
            if "W" in sliders:
                items += [slider(f"W-{l}-{i + 1}-{j + 1}", sym("W", l, i + 1, j + 1),
                                 layer.W[i, j], *rW)
                          for i in range(layer.n_out) for j in range(layer.n_in)]
            if "b" in sliders:
                items += [slider(f"b-{l}-{i + 1}", sym("b", l, i + 1), layer.b[i], *rb)
                          for i in range(layer.n_out)]
            if items:
                title = (tr("panel.layer_plain", l=l) if l in self.activation_choices
                         else tr("panel.layer", l=l, f=layer.activation_name))
                groups.append(group(title, items))
        if not self.forward_only and "y" in sliders:
            if self.cross_entropy:
                k = int(np.argmax(self.start_y)) + 1
                groups.append(group(tr("panel.true_class"), [
                    toggle("y-class", "", k, [(c, str(c)) for c in range(1, net.n_out + 1)])]))
            else:
                groups.append(group(tr("panel.target"), [
                    slider(f"y-{k + 1}", "y" if len(self.start_y) == 1 else sym("y", None, k + 1),
                           v, *ry) for k, v in enumerate(self.start_y)]))
        return groups

    def _action_groups(self, edge_mode):
        buttons = [button("reset", tr("panel.reset"), title=tr("panel.reset_title")),
                   button("randomise", tr("panel.randomise"), title=tr("panel.randomise_title"))]
        if "diagram" in self.view_names and not self.forward_only:
            buttons.append(toggle("edges", tr("panel.edges"), edge_mode,
                                  [("W", "W"), ("dW", "∂E/∂W")]))
        groups = [group("", buttons, row=True, css="nn-bare")]
        if self.descent is not None:
            groups.append(self.descent.group())
        return groups

    @property
    def values(self) -> dict:
        """Every control's value: the sliders', the buttons' row and the descent's."""
        return {**self.controls.values, **self.actions.values}

    def current(self):
        """(net, x, y) as the controls hold them; a one-line ValueError if impossible."""
        v = self.values
        layers = []
        for l, layer in enumerate(self.start_net.layers, start=1):
            W = [[v.get(f"W-{l}-{i + 1}-{j + 1}", layer.W[i, j]) for j in range(layer.n_in)]
                 for i in range(layer.n_out)]
            b = [v.get(f"b-{l}-{i + 1}", layer.b[i]) for i in range(layer.n_out)]
            layers.append(Dense(W, b, v.get(f"f-{l}", layer.activation_name)))
        net = Network(layers, self.start_net.loss, self.start_net.reduction)
        x = np.array([v.get(f"x-{i + 1}", xi) for i, xi in enumerate(self.start_x)])
        if self.forward_only:
            y = None
        elif self.cross_entropy:
            y = np.eye(net.n_out)[int(v.get("y-class", np.argmax(self.start_y) + 1)) - 1]
        else:
            y = np.array([v.get(f"y-{k + 1}", yk) for k, yk in enumerate(self.start_y)])
        return net, x, y

    def _on_controls(self, keys, user):
        if user:
            self.message.clear()                   # a learner's action: a new message line
            if self.descent is not None and keys - {"edges", "gd-eta", "gd-k"}:
                self.descent.forget()              # a new starting point
        self.refresh()

    # -- views ----------------------------------------------------------------------------
    def _build_views(self, net):
        names = self.view_names
        self.diagram = DiagramView(net) if "diagram" in names else None
        loss = not self.forward_only
        self.values_view = (TemplateView(lambda t, doc: values_table(t, doc, loss), "nn-values")
                            if "values" in names else None)
        self.forward_view = TemplateView(forward_eqs, "nn-forward") if "forward" in names else None
        self.backward_view = (TemplateView(backward_eqs, "nn-backward") if "backward" in names
                              else None)
        self.gradcheck_view = (TemplateView(gradcheck_table, "nn-gradcheck")
                               if "gradcheck" in names else None)
        self.descent_view = (TemplateView(history_table, "nn-descent")
                             if self.descent is not None else None)
        self.spec = widgets.HTML("", layout={"display": "none"}).add_class("nn-spec")
        side = [w for w in (self.actions, self.message.widget, self.diagram, self.descent_view,
                            self.values_view) if w is not None]
        self.controls.layout.max_width = "252px"            # one column of groups, then the views
        self.controls.layout.flex = "0 1 auto"
        tabs = [(tr("tab.forward"), self.forward_view), (tr("tab.backward"), self.backward_view),
                (tr("tab.gradcheck"), self.gradcheck_view)]
        tabs = [(title, w) for title, w in tabs if w is not None]
        views = Box(side, css="nn-panel-views", layout={"flex": "1 1 520px", "min_width": "0"})
        rows = [Row([self.controls, views], layout={"flex_flow": "row wrap"})]  # not for learners
        self.tabs, self._tab_views = None, [w for _, w in tabs]
        if len(tabs) == 1:
            rows.append(Box([widgets.HTML(f'<div class="nn-h">{tabs[0][0]}</div>'), tabs[0][1]]))
        elif tabs:
            # the formulas in tabs: only the tab in view is updated on a move (the others when
            # they are opened), so a hidden gradient check costs nothing
            self.tabs = widgets.Tab(self._tab_views)
            self.tabs.titles = tuple(title for title, _ in tabs)
            self.tabs.observe(lambda _: self._update_tabs(), "selected_index")
            rows.append(self.tabs)
        rows.append(self.spec)
        if self.title:
            rows.insert(0, widgets.HTML(f'<div class="nn-h" style="font-size:14px">'
                                        f'{html.escape(self.title)}</div>'))
        self.layout(rows[0], *rows[1:], css=("nn-panel",))

    def follow(self, view, key: str | None = None, call_now: bool = True):
        """Update ``view`` (anything with ``update(trace)``) with every new trace, as one more
        view of the panel. ``key``: a view followed earlier under the same key is replaced (a
        notebook cell run again does not stack a second copy). A browser-drawn view out of
        sight (far down the page) is brought up to date when it scrolls into sight instead of
        on every move. Returns the view."""
        self._followers[key if key is not None else id(view)] = view
        if hasattr(view, "when_shown"):
            view.when_shown(lambda: self._bring_up_to_date(view))
        if call_now and self.trace is not None:
            try:
                self._update_follower(view, self.trace, force=True)
            except Exception as exc:               # noqa: BLE001 — shown, never raised
                self.unexpected(exc)
        return view

    def _update_follower(self, view, t, force: bool = False):
        if force or getattr(view, "visible", True):
            view.update(t)
            view.nn_shows = t
        else:
            view.nn_shows = None                   # stale: updated when it comes into sight

    def _bring_up_to_date(self, view):
        if self.trace is not None and getattr(view, "nn_shows", None) is not self.trace and \
                view in self._followers.values():
            try:
                self._update_follower(view, self.trace, force=True)
            except Exception as exc:               # noqa: BLE001
                self.unexpected(exc)

    def compute(self):
        net, x, y = self.current()
        t = net.trace(x, np.zeros(net.n_out) if y is None else y, backward=not self.forward_only)
        if not np.isfinite(t.loss):
            raise ValueError(tr("msg.not_finite", E=fmt.num(t.loss)))
        return t

    def _visible(self, view) -> bool:
        if view is None:
            return False
        if self.tabs is None or view not in self._tab_views or self.trace is None:
            return True
        return self._tab_views.index(view) == self.tabs.selected_index

    def _update_tabs(self, first: bool = False):
        """Update the formula views in view (all of them the first time, so a saved notebook
        holds every tab's numbers)."""
        t = self.trace
        for view in (self.forward_view, self.backward_view):
            if view is not None and (first or self._visible(view)) and view.shown is not t:
                view.update(t)
                view.shown = t
        view = self.gradcheck_view
        if view is not None and (first or self._visible(view)) and view.shown is not t:
            self.checks = gradient_check(t.network, t.x, t.y, h=1e-5, richardson=False)
            view.update(self.checks)
            view.shown = t

    def show(self, t):
        first = self.trace is None
        self.trace = t
        mode = self.actions.values.get("edges", "W")
        if self.values_view is not None:
            self.values_view.update(t)
        self._update_tabs(first)
        if self.descent_view is not None:
            self.descent_view.update(self.descent.gd)
        if self.diagram is not None:
            self.diagram.update(t, mode)
        spec = json.dumps({"sizes": t.network.sizes, "activations": t.network.activations,
                           "loss": t.network.loss.name, "reduction": t.network.reduction,
                           "forward_only": self.forward_only})
        if self.spec.value != spec:
            self.spec.value = spec
        for view in list(self._followers.values()):
            self._update_follower(view, t)

    # -- changing many controls at once ---------------------------------------------------
    def hold(self):
        """Change many controls; the views update once at the end (re-entrant)."""
        return _both(self.controls.hold(), self.actions.hold())

    def network_values(self, net) -> dict:
        out = {}
        for l, layer in enumerate(net.layers, start=1):
            for i in range(layer.n_out):
                for j in range(layer.n_in):
                    if f"W-{l}-{i + 1}-{j + 1}" in self.controls:
                        out[f"W-{l}-{i + 1}-{j + 1}"] = float(layer.W[i, j])
                if f"b-{l}-{i + 1}" in self.controls:
                    out[f"b-{l}-{i + 1}"] = float(layer.b[i])
            if f"f-{l}" in self.controls:
                out[f"f-{l}"] = layer.activation_name
        return out

    def set_network(self, net: Network):
        """Put ``net``'s W, b (and activations) on the controls: one update."""
        self.controls.set(self.network_values(net))

    def set_inputs(self, x=None, y=None):
        values = {}
        if x is not None:
            values.update({f"x-{i + 1}": float(v) for i, v in enumerate(np.ravel(x))
                           if f"x-{i + 1}" in self.controls})
        if y is not None:
            if "y-class" in self.controls:
                values["y-class"] = int(np.argmax(y)) + 1
            values.update({f"y-{k + 1}": float(v) for k, v in enumerate(np.ravel(y))
                           if f"y-{k + 1}" in self.controls})
        self.controls.set(values)

    def reset(self):
        """Back to the start: values, slider ranges, η, steps and history."""
        with self.hold():
            if self.descent is not None:
                self.descent.reset()
            self.controls.reset()
            self.actions.reset()
        self.refresh()

    def randomise(self):
        """Random W ~ U(−1, 1) and b ~ U(−0.5, 0.5), to 0.01 (seeded: reproducible)."""
        net, _, _ = self.current()
        if self.descent is not None:
            self.descent.forget()
        self.set_network(net.with_params(
            [(np.round(self._rng.uniform(-1, 1, W.shape), 2),
              np.round(self._rng.uniform(-0.5, 0.5, b.shape), 2)) for W, b in net.params()]))

    # -- gradient descent -----------------------------------------------------------------
    def _descent_start(self):
        net, x, y = self.current()
        return net, x, y

    def _descent_moved(self, gd):
        self.set_network(gd.net)

    @property
    def gd(self):
        """The current :class:`nnlib.GradientDescent` (its history, losses), or None."""
        return None if self.descent is None else self.descent.gd


class _both:
    """Two context managers as one (the panel holds both of its control widgets)."""

    def __init__(self, a, b):
        self.a, self.b = a, b

    def __enter__(self):
        self.a.__enter__()
        self.b.__enter__()
        return self

    def __exit__(self, *exc):
        self.b.__exit__(*exc)
        self.a.__exit__(*exc)
        return False
