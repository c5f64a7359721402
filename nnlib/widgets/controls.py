"""A panel's controls as one widget (``js/controls.js``): sliders for x, W, b, y, menus, toggles,
a number field and buttons, in titled groups.

    c = Controls([group("输入 x", [slider("x-1", "x₁", 1.0, -3, 3)])])
    c.value("x-1")                      # 1.0
    c.on_change(lambda keys, user: ...) # after every change; user=True for a learner's own move
    with c.hold():                      # many changes, one notification
        c.set({"x-1": 0.5, "x-2": 2.0})
    c.on_press("step", callback)        # a button

The browser sends a learner's move as the new value and shows the readout the kernel sends back
(:func:`nnlib.fmt.readout`), so a readout always shows the value the numbers were computed
from. A typed value that is no number or outside the slider's range is refused in the browser,
the slider keeps its value, and ``on_reject`` hears of it (the panel says so). A value set from
Python outside a slider's range (a gradient-descent step) widens that range; ``reset()`` brings
back the ranges and values the controls started with.
"""
from __future__ import annotations

import copy
from contextlib import contextmanager

import traitlets

from .. import fmt
from .base import JS, View

__all__ = ["Controls", "group", "slider", "grid_slider", "choice", "toggle", "number", "button"]


def group(title: str, items, row: bool = False, css: str = "") -> dict:
    """A titled box of controls (``row=True``: laid out side by side)."""
    return {"title": title, "items": list(items), "row": row, "css": css}


def slider(key, label, value, lo, hi, step=0.01) -> dict:
    return {"kind": "slider", "key": key, "label": label, "min": float(lo), "max": float(hi),
            "step": float(step), "value": float(value)}


def grid_slider(key, label, value, options) -> dict:
    """A slider over a list of values (η on the 1-2-5 grid): exact values, no float steps."""
    return {"kind": "slider", "key": key, "label": label, "value": value,
            "options": [[v, fmt.num(v, 3).rstrip("0").rstrip(".") if isinstance(v, float)
                         else str(v)] for v in options]}


def choice(key, label, value, options) -> dict:
    """A menu; ``options`` [(value, label)]."""
    return {"kind": "choice", "key": key, "label": label, "value": value,
            "options": [list(o) for o in options]}


def toggle(key, label, value, options) -> dict:
    """Buttons of which one is on; ``options`` [(value, label)]."""
    return {"kind": "toggle", "key": key, "label": label, "value": value,
            "options": [list(o) for o in options]}


def number(key, label, value, lo, hi) -> dict:
    """A whole number typed in (e.g. how many steps)."""
    return {"kind": "number", "key": key, "label": label, "value": int(value), "min": int(lo),
            "max": int(hi)}


def button(key, label, primary: bool = False, title: str = "") -> dict:
    return {"kind": "button", "key": key, "label": label, "primary": primary, "title": title}


class Controls(View):
    """Titled groups of controls; ``values`` {key: value} is what they hold now."""
    _esm = JS / "controls.js"
    groups = traitlets.List().tag(sync=True)
    values = traitlets.Dict().tag(sync=True)
    readouts = traitlets.Dict().tag(sync=True)
    disabled = traitlets.List().tag(sync=True)
    fallback = "fallback.controls"

    def __init__(self, groups, css: str = "", **kwargs):
        items = [it for g in groups for it in g["items"]]
        values = {it["key"]: it["value"] for it in items if "value" in it}
        spec = [{**g, "items": [{k: v for k, v in it.items() if k != "value"}
                                for it in g["items"]]} for g in groups]
        self._start = (copy.deepcopy(spec), dict(values))
        self._items = {it["key"]: it for g in spec for it in g["items"]}
        self._holding, self._pending, self._user = 0, set(), False
        self._change, self._press, self._reject = [], {}, []
        super().__init__(groups=spec, values=values, readouts=self._readouts(values), **kwargs)
        self.add_class("nn-view")
        if css:
            self.add_class(css)

    # -- reading -------------------------------------------------------------------------
    def value(self, key):
        return self.values[key]

    def item(self, key) -> dict:
        return self._items[key]

    def __contains__(self, key):
        return key in self.values

    # -- listening -----------------------------------------------------------------------
    def on_change(self, callback):
        """``callback(keys, user)`` after the values change: ``keys`` the changed ones, ``user``
        True when the learner moved them in the browser."""
        self._change.append(callback)
        return callback

    def on_press(self, key, callback):
        self._press[key] = callback
        return callback

    def on_reject(self, callback):
        """``callback(key, text, reason)`` when the browser refused a typed value (reason:
        "nan", "range", "int" or "choice")."""
        self._reject.append(callback)
        return callback

    def set_state(self, sync_data):
        # a learner's change arrives here; mark it as theirs for the observers
        self._user = True
        try:
            super().set_state(sync_data)
        finally:
            self._user = False

    @traitlets.observe("values")
    def _values_changed(self, change):
        old, new = change["old"] or {}, change["new"]
        keys = {k for k in new if old.get(k) != new.get(k)}
        if not keys:
            return
        self.readouts = {**self.readouts, **self._readouts({k: new[k] for k in keys})}
        if self._holding and not self._user:
            self._pending |= keys
            return
        for cb in list(self._change):
            cb(keys, self._user)

    def handle_message(self, content):
        kind = content.get("type")
        if kind == "press" and content.get("key") in self._press:
            self._press[content["key"]]()
        elif kind == "rejected":
            for cb in list(self._reject):
                cb(content.get("key"), content.get("text", ""), content.get("reason", ""))

    # -- changing from Python ------------------------------------------------------------
    @contextmanager
    def hold(self):
        """Change many values at once: one notification at the end (re-entrant)."""
        self._holding += 1
        try:
            with self.hold_sync():
                yield
        finally:
            self._holding -= 1
        if not self._holding and self._pending:
            keys, self._pending = self._pending, set()
            for cb in list(self._change):
                cb(keys, False)

    def set(self, values: dict):
        """Put ``values`` on the controls, widening a slider's range to hold a value outside it
        (a gradient-descent step can take a weight far out)."""
        widened = False
        for key, v in values.items():
            it = self._items[key]
            if it["kind"] == "slider" and "options" not in it:
                v = float(v)
                lo, hi = it["min"], it["max"]
                if v > hi:
                    hi = float(_round_out(v * 1.5, it["step"]))
                if v < lo:
                    lo = float(_round_out(v * 1.5, it["step"]))
                if (lo, hi) != (it["min"], it["max"]):      # a new dict: the old state stays
                    self._items[key], widened = {**it, "min": lo, "max": hi}, True
        with self.hold():
            if widened:
                self.groups = copy.deepcopy(self.groups_spec())
            self.values = {**self.values, **values}

    def groups_spec(self):
        """The groups as they are now (ranges included)."""
        return [{**g, "items": [self._items[it["key"]] for it in g["items"]]}
                for g in self.groups]

    def reset(self):
        """Back to the values and slider ranges the controls started with."""
        spec, values = self._start
        self._items = {it["key"]: it for g in copy.deepcopy(spec) for it in g["items"]}
        with self.hold():
            self.groups = self.groups_spec() if spec else []
            self.values = dict(values)

    def change_item(self, key, **fields):
        """Change a control's own settings (its label, options, range …); the controls are
        drawn again. ``reset()`` brings back the settings they started with."""
        self._items[key] = {**self._items[key], **fields}    # a new dict: the old state stays
        self.groups = copy.deepcopy(self.groups_spec())

    def enable(self, key, on: bool = True):
        keys = set(self.disabled)
        (keys.discard if on else keys.add)(key)
        self.disabled = sorted(keys)

    # -- readouts ------------------------------------------------------------------------
    def _readouts(self, values) -> dict:
        out = {}
        for key, v in values.items():
            it = self._items.get(key)
            if it is None:
                continue
            if it["kind"] == "slider" and "options" in it:
                out[key] = next((label for ov, label in it["options"] if ov == v), str(v))
            elif it["kind"] == "slider":
                out[key] = fmt.readout(v, it["step"])
            elif it["kind"] == "number":
                out[key] = str(int(v))
        return out


def _round_out(v: float, step: float) -> float:
    """v rounded away from 0 to a multiple of ``step``."""
    import math
    k = math.ceil(abs(v) / step) * step
    return k if v >= 0 else -k
