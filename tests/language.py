"""What a learner reads in a notebook, and whether it is in the edition's language (not a test
module: tests/test_editions.py and the browser tests use it).

A Chinese text may hold English only as the notes do: a term in parentheses after its Chinese
(全连接层 (Fully Connected Layer)), a symbol, code (`nnlib.trace`, an activation's name such as
relu or sigmoid), a number. An English text holds no Chinese at all.
"""
from __future__ import annotations

import html
import re

from helpers import saved_widget_state

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# words a Chinese text may show bare: maths and code names the notes themselves use bare
# (activations, losses, nnlib's names, numpy, inf/NaN), and units of the pictures
TERMS = {
    "relu", "sigmoid", "tanh", "softmax", "identity", "linear", "exp", "log", "max", "min",
    "sum", "mean", "squared_error", "cross_entropy", "nan", "inf", "numpy", "nnlib", "dense",
    "network", "trace", "one-hot", "batch", "argmax", "voila", "jupyterlab", "python", "api",
    "numgrad", "backprop", "ok", "dw", "db", "dz", "da", "hessian", "svg", "csv", "json",
    "layertrace", "gradientdescent", "gradient_check", "divergenceerror", "valueerror",
}
# the notes' own English words, which our Chinese narrative quotes as the notes do (Input(2) →
# Hidden1(2), 标量 loss, Gradient of W_o); a widget label says them in Chinese
NOTES_TERMS = {
    "loss", "gradient", "input", "hidden", "output", "backpropagation", "forward", "pass",
    "propagation", "linear", "layer", "fully", "connected", "activation", "weight", "vector",
    "bias", "matrix", "product", "hadamard", "element-wise", "landscape", "mse", "cnn", "rnn",
    "caf", "ffcc", "recurrent", "convolutional", "transformation", "combination", "function",
    "neural", "jacobian", "float", "cpu", "blas",
}
_PAREN = re.compile(r"\([^()]*\)|（[^（）]*）")
_CODE = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|\b[\w.]+\([^()]*\)|\b\w+(?:\.\w+)+\b|\b\w*_\w*\b",
                   re.S)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{2,}")
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


def plain(text: str) -> str:
    """The text of an HTML fragment, tags dropped and entities decoded."""
    return html.unescape(_TAG.sub(" ", text)) if "<" in text or "&" in text else text


def foreign(text: str, lang: str, narrative: bool = False) -> list[str]:
    """The words of ``text`` that are not in the language ``lang`` ("zh" or "en"): for an
    English text its Chinese characters, for a Chinese one its English words outside
    parentheses, code and maths (and, in the ``narrative``, outside the notes' own terms)."""
    text = plain(text)
    if lang == "en":
        return CJK.findall(text)
    for _ in range(3):                                   # nested parentheses
        text = _PAREN.sub(" ", text)
    text = _CODE.sub(" ", text)
    allowed = TERMS | NOTES_TERMS if narrative else TERMS
    return [w for w in _WORD.findall(text) if w.lower().strip("'-") not in allowed]


# the traits of the toolkit's widgets that a learner reads (everything else is layout,
# numbers, ids, classes, colours and the views' own JavaScript)
_TEXT_TRAITS = {"groups", "readouts", "template", "values", "value", "description",
                "placeholder", "shapes", "updates", "titles", "text", "fallback_text"}
_TEXT_KEYS = {"label", "title", "text", "lines", "options", "items", "groups", "tooltip",
              "hint"}


def _strings(value, texty: bool):
    if isinstance(value, str):
        if texty:
            yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k == "options":                           # [value, label] pairs: the labels
                yield from (o[1] for o in v if isinstance(o, list) and len(o) == 2
                            and isinstance(o[1], str))
                continue
            yield from _strings(v, texty and (k in _TEXT_KEYS or not isinstance(v, str)))
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, texty)


def learner_texts(nb: dict):
    """(where, text) for every text a learner reads in a stored notebook: the Markdown (its
    ``where`` ends with "markdown"), the outputs (prints, HTML, a widget's plain-text
    stand-in), and the saved state of every widget (labels, buttons, captions, formulas,
    table headers, the pictures' words)."""
    for k, cell in enumerate(nb["cells"]):
        where = f"cell {k} ({cell.get('id')})"
        if cell["cell_type"] == "markdown":
            yield f"{where} markdown", "".join(cell["source"])
            continue
        for out in cell.get("outputs", []):
            if "text" in out:
                yield where, "".join(out["text"])
            for mime, v in out.get("data", {}).items():
                if mime in ("text/plain", "text/html", "text/markdown"):
                    yield where, v if isinstance(v, str) else "".join(v)
            if out.get("output_type") == "error":
                yield where, f"{out.get('ename')}: {out.get('evalue')}"
    for mid, model in saved_widget_state(nb).items():
        s = model.get("state", {})
        if "nn-spec" in s.get("_dom_classes", ()):
            continue                                     # a panel's hidden spec (JSON)
        for trait in _TEXT_TRAITS & set(s):
            if trait == "value" and s.get("_model_name") not in ("HTMLModel", "LabelModel",
                                                                 "HTMLMathModel"):
                continue                                 # a slider's value is a number
            for text in _strings(s[trait], True):
                yield f"widget {s.get('_model_name')} {mid[:6]} .{trait}", text
