"""No learner-facing sentence bypasses the message catalogue (nnlib.messages).

Everything a learner reads in a widget, a message, an exercise's diagnosis or a table header is
``tr(key)``, so both editions have it. This test reads nnlib's source (everything but the
catalogue itself) and fails on a string literal that holds Chinese, or that reads as English
prose (two words or more, once HTML tags, CSS, {placeholders}, LaTeX and code are set aside),
or on a widget label typed as a word. Code shown to a learner (an exercise's starting cell, its
solution) may hold comments in symbols only (``# δᴸ = aᴸ − y``), since the same code cell is in
both editions.

A literal a learner never reads (an error for the course's author, a regular expression) is
marked on its line with ``# not for learners``.
"""
from __future__ import annotations

import ast
import re

import pytest

from helpers import ROOT
from language import CJK, TERMS

PRAGMA = "# not for learners"
SOURCES = sorted(p for p in (ROOT / "nnlib").rglob("*.py")
                 if "messages" not in p.relative_to(ROOT).parts and p.name != "i18n.py")

_MARKUP = re.compile(
    r"<[^<>]*>"                      # a tag
    r"|<\w[^<>]*$|^[^<>]*>"          # a tag cut by an f-string's {field}
    r"|[\w-]+=\"[^\"]*\"?|\"[^\"]*$"  # an attribute, or its value cut by a {field}
    r"|[\w-]+\s*:\s*[^;\"]*;|[\w.-]*::?[\w-]+|\d+px\b[;\w:-]*"  # CSS
    r"|&\w+;|\{[^{}]*\}|\\[A-Za-z]+"  # an entity, a {placeholder}, a LaTeX command
)
_PROSE = re.compile(r"\b[A-Za-z][a-z']+(?:[ ,;:]+[A-Za-z][a-z']*)+")
_WORD = re.compile(r"[A-Za-z]{3,}")
_CODE = re.compile(r"^\s*(?:def |return |[\w, ()\[\]]+ = |import |for |if )", re.M)
# the calls whose string argument a learner reads as a label: (argument index) by name
LABELS = {"slider": 1, "grid_slider": 1, "number": 1, "choice": 1, "toggle": 1, "button": 1,
          "group": 0}


def _docstrings(tree) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def prose(text: str, code: bool | None = None) -> list[str]:
    """The English prose in a literal: two words or more outside markup; in code, the comments
    (each read as text, even one that begins like code: ``# z = … : the part without b``)."""
    if code if code is not None else _CODE.search(text):
        return [m for c in re.findall(r"#([^\n]*)", text) for m in prose(c, code=False)]
    stripped = _MARKUP.sub(" ", text)
    found = _PROSE.findall(stripped)
    return [f for f in found if any(w.lower() not in TERMS for w in _WORD.findall(f))]


def offences(path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []

    def say(node, what):
        if PRAGMA not in lines[node.lineno - 1]:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {what}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if CJK.search(node.value):
                say(node, f"Chinese outside the catalogue: {node.value[:60]!r}")
            for p in prose(node.value):
                say(node, f"English {p!r} outside the catalogue (in {node.value[:60]!r})")
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None)         # the controls' builders, not s.group
            k = LABELS.get(name)
            if k is not None and len(node.args) > k and isinstance(node.args[k], ast.Constant) \
                    and isinstance(node.args[k].value, str):
                words = [w for w in _WORD.findall(node.args[k].value) if w.lower() not in TERMS]
                if words:
                    say(node, f"{name} labelled with a word, not tr(...): "
                              f"{node.args[k].value!r}")
    return found


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "nnlib")))
def test_no_learner_facing_text_outside_the_catalogue(path):
    found = offences(path)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("text, found", [
    ('<td class="nn-sym">Gradient of ', ["Gradient of"]),
    ("a = \\tanh z", []),
    ('<div class="nn-msg" style="background:#FFF8E1;border-left:4px solid ', []),
    ("W_shape = ...  # a tuple, such as (2, 3)", ["tuple, such as"]),
    ("delta = a - y   # δᴸ = aᴸ − y", []),
    ("z = x  # z¹₁ = W x : the part without b, negated", ["the part without b, negated"]),
    ("E went up from {old}", ["went up from"]),
    (".nn-box .x::before { content: none !important; }", []),
    ("ReLU, sigmoid", []),
])
def test_what_counts_as_prose(text, found):
    assert prose(text) == found
