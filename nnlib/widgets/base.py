"""What every live widget shares: the browser-drawn view base, the boxes that hold views, the
message line, and :class:`LiveView` (compute → show under one error rule).

A view is an anywidget: synced traitlets plus one ESM file in ``js/`` (no build step, no CDN;
its state, the ESM included, is saved in the notebook, so a saved notebook shows it before it
runs). Where no widget can be shown (an untrusted notebook, a plain-text viewer), every view and
box says in the learner's language that the cell must be run, instead of a widget repr.
"""
from __future__ import annotations

import html
import time
import traceback
from pathlib import Path

import anywidget
import ipywidgets as widgets

from ..i18n import language, tr

__all__ = ["View", "Box", "Row", "Message", "LiveView", "JS"]

JS = Path(__file__).resolve().parent / "js"          # the views' ESM files and stylesheet


def _offline_css() -> str:
    """A saved panel shown before its notebook runs has no kernel behind it: ipywidgets marks
    every widget with a broken-link icon. One line at the top of the box says it instead, in
    the box's language (the text comes from the message table)."""
    from ..messages import MESSAGES
    rules = [".nn-box .jupyter-widgets-disconnected::before { content: none !important; "
             "display: none !important; }"]
    for lang, text in MESSAGES["offline.banner"].items():
        rules.append(f'.nn-box.nn-lang-{lang}.jupyter-widgets-disconnected::before {{ '
                     f'content: "{text}" !important; display: block !important; '
                     'font: 12px sans-serif !important; color: #8d6e63 !important; '
                     'padding: 2px 0 4px !important; }')
    rules.append(".nn-box .nn-box.jupyter-widgets-disconnected::before { content: none !important;"
                 " display: none !important; }")         # once, on the outermost box
    return "\n".join(rules)


CSS = (JS / "nnlib.css").read_text(encoding="utf-8") + "\n" + _offline_css()


def esm(*files: str) -> str:
    """One view's ESM from files of js/ put one after the other (anywidget imports the ESM from
    a Blob, where a relative ``import`` cannot reach a neighbour file; the shared helpers,
    e.g. common.js, come first)."""
    return "\n".join((JS / f).read_text(encoding="utf-8") for f in files)


class View(anywidget.AnyWidget):
    """Base of the browser-drawn views: the shared stylesheet, the plain-text fallback, and
    whether the view is on screen (each displayed copy reports when it scrolls in or out of
    sight; a view never reported on is taken as shown, e.g. headless)."""
    _css = CSS
    fallback = "fallback.view"          # the i18n key of what is shown where no widget can be

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._on_screen: dict[str, bool] = {}
        self._shown_callbacks = []
        self.on_msg(lambda _, content, buffers: self.receive(content))

    @property
    def visible(self) -> bool:
        return not self._on_screen or any(self._on_screen.values())

    def when_shown(self, callback):
        """Call ``callback()`` when the view comes into sight (after being out of it)."""
        self._shown_callbacks.append(callback)
        return callback

    def receive(self, content: dict):
        """A message from the browser: a view coming into or out of sight, or the view's own
        (:meth:`handle_message`: a click, a button …). Tests call this as the browser would."""
        if content.get("event") == "visible":
            was = self.visible
            self._on_screen[str(content.get("view"))] = bool(content.get("visible"))
            if self.visible and not was:
                for cb in list(self._shown_callbacks):
                    cb()
        else:
            self.handle_message(content)

    def handle_message(self, content):
        """A view's own messages from the browser (a click …)."""

    def _repr_mimebundle_(self, **kwargs):
        data, metadata = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = tr(self.fallback)
        return data, metadata


class Box(widgets.VBox):
    """A column of views; ``css`` classes for tests; says to run the cell where no widget can
    be shown (its text/plain is the fallback message, not a widget repr)."""

    def __init__(self, children=(), css=(), fallback: str = "fallback.panel", **kwargs):
        super().__init__(list(children), **kwargs)
        self._fallback = fallback
        for c in ("nn-box", f"nn-lang-{language()}", *((css,) if isinstance(css, str) else css)):
            self.add_class(c)

    def __repr__(self):
        return tr(self._fallback)


class Row(widgets.HBox):
    """A row of views that wraps on a narrow screen."""

    def __init__(self, children=(), css=(), gap: str = "12px", **kwargs):
        layout = {"flex_flow": "row wrap", "align_items": "flex-start", "grid_gap": gap}  # not for learners
        layout.update(kwargs.pop("layout", {}))
        super().__init__(list(children), layout=layout, **kwargs)
        for c in ("nn-box", *((css,) if isinstance(css, str) else css)):
            self.add_class(c)

    def __repr__(self):
        return tr("fallback.panel")


class Message:
    """The one line where a widget says what happened (an error, a warning, a refused input).
    It stays until the learner's next action (see :meth:`LiveView.action`)."""

    def __init__(self):
        self.widget = widgets.HTML("").add_class("nn-error")
        self.text = ""

    def show(self, text: str, kind: str = "warn"):
        self.text = text
        colour, background, mark = {"warn": ("#EF6C00", "#FFF8E1", "⚠"),
                                    "error": ("#C62828", "#FFEBEE", "⚠"),
                                    "info": ("#1565C0", "#E3F2FD", "ℹ")}[kind]
        value = ("" if not text else
                 f'<div class="nn-msg nn-msg-{kind}" style="background:{background};'
                 f'border-left:4px solid {colour};padding:4px 8px;font-size:13px">{mark} '
                 f'{html.escape(text)}</div>')
        if self.widget.value != value:
            self.widget.value = value

    def clear(self):
        self.show("")


class LiveView:
    """Compute → show, with one rule for errors, for every live widget.

    A subclass writes ``compute()`` (read its controls and do the maths; may raise) and
    ``show(result)`` (put the result on its views), and calls ``self.layout(...)`` once. Then:

    - ``refresh()`` runs both; a ``ValueError`` from ``compute`` is nnlib's one-line message
      and is shown as it is; any other exception is an internal error, shown as one line with
      the traceback in a hidden debug area; either way the views keep their last good state;
    - ``action(fn, ...)`` wraps what a learner does (a button, a slider move): the message of
      the previous action is cleared first, so a message stays until the next action;
    - ``timings`` holds the seconds of every successful refresh (for the benchmarks).
    """
    message: Message
    widget: Box

    def __init__(self):
        self.message = Message()
        self.debug = widgets.Output(layout={"display": "none"})
        self.timings = []

    def layout(self, first, *rows, css=(), fallback: str = "fallback.panel") -> Box:
        """The widget: ``first`` (usually the controls), the message line, then ``rows``; a
        widget that placed ``self.message.widget`` itself (next to its picture) keeps it
        there."""
        placed = _contains(first, self.message.widget) or \
            any(_contains(r, self.message.widget) for r in rows)
        children = [first, *rows] if placed else [first, self.message.widget, *rows]
        self.widget = Box([*children, self.debug], css=css, fallback=fallback)
        return self.widget

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def compute(self):
        raise NotImplementedError

    def show(self, result):
        raise NotImplementedError

    def refresh(self) -> bool:
        start = time.perf_counter()
        try:
            result = self.compute()
        except ValueError as exc:              # nnlib's one-line messages
            self.message.show(str(exc), "error")
            return False
        except Exception as exc:               # noqa: BLE001 — never a dead widget
            self.unexpected(exc)
            return False
        try:
            self.show(result)
        except Exception as exc:               # noqa: BLE001
            self.unexpected(exc)
            return False
        self.timings.append(time.perf_counter() - start)
        return True

    def watch(self, controls):
        """Wire ``controls`` to this widget: a learner's move clears the last message and
        recomputes (``refresh``), a change made from Python recomputes, and a typed value the
        browser refused is said on the message line. Returns the controls."""
        controls.on_change(lambda keys, user: self.action(self.refresh) if user
                           else self.refresh())
        controls.on_reject(lambda key, text, reason: self.refused(controls, key, text, reason))
        return controls

    def refused(self, controls, key, text, reason):
        """Say why a typed value was refused (not a number, out of the slider's range …)."""
        from .. import fmt
        self.message.clear()
        it = controls.item(key)
        self.message.show(tr(f"msg.reject.{reason}", text=text, label=it["label"],
                             lo=fmt.num(it.get("min", 0), 2), hi=fmt.num(it.get("max", 0), 2),
                             value=controls.readouts.get(key, "")))

    def action(self, fn, *args, **kwargs):
        """Run a learner's action: clear the last message, then ``fn``; its errors become the
        message (a ValueError as it is, anything else as an internal error)."""
        self.message.clear()
        try:
            return fn(*args, **kwargs)
        except ValueError as exc:
            self.message.show(str(exc), "error")
        except Exception as exc:               # noqa: BLE001
            self.unexpected(exc)

    def unexpected(self, exc: BaseException):
        self.message.show(tr("msg.internal", error=f"{type(exc).__name__}: {exc}"), "error")
        self.debug.layout.display = None
        with self.debug:
            traceback.print_exception(exc)


def _contains(box, widget) -> bool:
    if box is widget:
        return True
    return any(_contains(c, widget) for c in getattr(box, "children", ()))

