"""Formulas and tables with the current numbers in them, updated in place (``js/template.js``).

A *builder* is a function ``build(t, doc) -> html`` that lays out one formula or table from a
trace; every number goes through ``doc.num(key, value)``, which writes an empty slot
``<span data-key="key"></span>`` into the HTML and keeps the text apart. A
:class:`TemplateView` sends the HTML once and afterwards only the texts (and the classes of
marked rows, e.g. a dead unit), so a slider move sends numbers, not HTML. The same builder makes
a static picture for a cell's output with :func:`show`.

The symbols and matrices follow the notes: ``matrix(doc, key, M, role)`` is a bracketed matrix
in note 000's colours (``role`` = input, weight, bias, output, delta, grad, plain); a 1-D array
is a column (examples are columns).
"""
from __future__ import annotations

import html as _html

import numpy as np
import traitlets

from .. import fmt
from .base import CSS, View, esm

__all__ = ["Doc", "TemplateView", "show", "matrix", "eq", "op", "lhs", "table"]


class Doc:
    """The slots of one rendering of a builder: ``values`` {key: text}, ``classes`` {key:
    classes}. ``static=True`` writes the texts and classes straight into the HTML instead."""

    def __init__(self, static: bool = False):
        self.static = static
        self.values: dict[str, str] = {}
        self.classes: dict[str, str] = {}

    def text(self, key: str, text: str, tag: str = "span", cls: str = "") -> str:
        """A slot holding ``text`` (already formatted)."""
        attr = f' class="{cls}"' if cls else ""
        if self.static:
            return f'<{tag}{attr} data-key="{key}">{_html.escape(text)}</{tag}>'
        self.values[key] = text
        return f'<{tag}{attr} data-key="{key}"></{tag}>'

    def num(self, key: str, value: float, digits: int = 4, tag: str = "span",
            cls: str = "") -> str:
        """A slot holding a number, as :func:`nnlib.fmt.num` writes it."""
        return self.text(key, fmt.num(value, digits), tag, cls)

    def cls(self, key: str, base: str, extra: str = "") -> str:
        """The attributes of an element whose classes change: ``class="base" data-mark="key"``
        with ``extra`` added now (e.g. "nn-dead")."""
        if self.static:
            return f'class="{(base + " " + extra).strip()}"'
        self.classes[key] = extra
        return f'class="{base}" data-mark="{key}"'


class TemplateView(View):
    """A formula or table whose numbers change in place: ``template`` (HTML with empty slots),
    ``values`` (slot texts) and ``classes`` (marked elements). ``update(t)`` re-runs the
    builder; the HTML is only sent again when it changed (e.g. another activation's name)."""
    _esm = esm("common.js", "template.js")
    template = traitlets.Unicode("").tag(sync=True)
    values = traitlets.Dict().tag(sync=True)
    classes = traitlets.Dict().tag(sync=True)
    fallback = "fallback.numbers"

    def __init__(self, build=None, css: str = "", **kwargs):
        super().__init__(**kwargs)
        self.build = build
        self.shown = None                  # what the view shows now (for lazy updates)
        self.add_class("nn-view")
        if css:
            self.add_class(css)

    def update(self, *args):
        doc = Doc()
        html = self.build(*args, doc)
        with self.hold_sync():
            self.template = html
            self.values = doc.values
            self.classes = doc.classes


class Static:
    """A builder's output with its numbers filled in, for a cell's output (IPython shows its
    HTML; its plain text is the fallback). ``show(build, *args)`` makes one."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self):
        return f"<style>{CSS}</style><div class=\"nn-template\">{self.html}</div>"

    def __add__(self, other: "Static") -> "Static":
        """Two pictures in one output, one below the other."""
        return Static(self.html + other.html)

    def __repr__(self):
        from ..i18n import tr
        return tr("fallback.numbers")


def show(build, *args) -> Static:
    """A cell's picture of the builder ``build`` for ``args`` (a trace …), numbers filled in."""
    return Static(build(*args, Doc(static=True)))


# --- pieces of formulas ------------------------------------------------------------------------

def matrix(doc: Doc, key: str, M, role: str = "plain", caption: str = "", digits: int = 4,
           dead_rows=None) -> str:
    """A bracketed matrix whose entries are slots ``{key}-{i}-{j}`` (1-based); a 1-D array is a
    column. ``dead_rows``: a boolean per row, True greys the row (a dead unit)."""
    M = np.asarray(M, dtype=float)
    if M.ndim == 1:
        M = M[:, None]
    rows = []
    for i, row in enumerate(M):
        attrs = "" if dead_rows is None else \
            doc.cls(f"{key}-r{i + 1}", "", "nn-dead" if bool(dead_rows[i]) else "")
        cells = "".join(doc.num(f"{key}-{i + 1}-{j + 1}", v, digits, tag="td", cls=f"nn-{role}")
                        for j, v in enumerate(row))
        rows.append(f"<tr {attrs}>{cells}</tr>")
    cap = f'<span class="nn-cap">{_html.escape(caption)}</span>' if caption else ""
    return f'<span class="nn-mat"><table>{"".join(rows)}</table>{cap}</span>'


def eq(*parts) -> str:
    """One equation: its parts (matrices, operators, a left-hand side) on one line."""
    return '<div class="nn-eq">' + "".join(parts) + "</div>"


def op(text: str) -> str:
    """An operator between matrices (=, +, ·, ⊙ …)."""
    return f'<span class="nn-op">{_html.escape(text)}</span>'


def lhs(text: str) -> str:
    """The symbolic left-hand side of an equation, e.g. 'z¹ = W¹x + b¹'."""
    return f'<span class="nn-lhs">{_html.escape(text)}</span>'


def table(head, rows, css: str = "") -> str:
    """A table: ``head`` a list of header texts, ``rows`` a list of (row attributes, cells),
    each cell already HTML (e.g. a slot)."""
    th = "".join(f"<th>{_html.escape(h)}</th>" for h in head)
    body = "".join(f"<tr {attrs}>{''.join(cells)}</tr>" for attrs, cells in rows)
    return f'<table class="nn-tab {css}"><tr>{th}</tr>{body}</table>'
