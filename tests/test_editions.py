"""The Chinese and the English edition of every notebook: one source, the same notebook in two
languages, each entirely in its own language.

Both are built from notebooks/src/NN.md and executed (tasks.py execute); these tests read the
committed, executed notebooks, so they also catch an edition built from an older source or
executed with the other language."""
from __future__ import annotations

import json
import re
import sys
from collections import Counter

import pytest

from helpers import ROOT, saved_widget_state
from language import CJK, foreign, learner_texts
from test_catalogue import prose

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

SOURCES = sorted(notebook_source.SRC.glob("*.md"))
PAIRS = [s for s in SOURCES if notebook_source.editions(s) == ("zh", "en")]
LOOSE = {"zh": "> **⚠️ 讲义不严谨之处", "en": "> **⚠️ Where the notes are loose"}


def load(src, edition) -> dict:
    return json.loads(notebook_source.target(src, edition).read_text(encoding="utf-8"))


def text(cell) -> str:
    return "".join(cell["source"])


def shape_of(md: str) -> dict:
    """What a translation keeps: the headings' levels, the display formulas, the inline ones
    (their \\text{} set aside), the decimal numbers, the links, the 'notes are loose' boxes."""
    display = re.findall(r"\$\$(.*?)\$\$", md, re.S)
    rest = re.sub(r"\$\$.*?\$\$", " ", md, flags=re.S)
    inline = {re.sub(r"\\text\{[^{}]*\}", "", m).strip() for m in re.findall(r"\$([^$]+)\$", rest)}
    return {
        "headings": [len(m) for m in re.findall(r"^(#+) ", md, re.M)],
        "display formulas": sorted(re.sub(r"\\text\{[^{}]*\}", "", d).strip() for d in display),
        "inline formulas": sorted(inline),
        "decimals": sorted(set(re.findall(r"(?<![\w.])\d+\.\d+", re.sub(r"\$[^$]*\$", " ", rest)))),
        "links": sorted(re.findall(r"\]\(([^)]*)\)", md)),
        "loose boxes": len(re.findall(r"^> \*\*⚠️", md, re.M)),
    }


def outputs_of(cell) -> list:
    """A code cell's outputs as the editions must share them: each one's kind, and a print's
    text exactly (prints speak in symbols, in both editions)."""
    out = []
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            text = "".join(o["text"])
            if out and out[-1][:2] == ("stream", o["name"]):     # a print sent in pieces
                out[-1] = ("stream", o["name"], out[-1][2] + text)
            else:
                out.append(("stream", o["name"], text))
        elif o["output_type"] == "error":
            out.append(("error", o["ename"]))
        else:
            out.append((o["output_type"], tuple(sorted(o.get("data", {})))))
    return out


def widgets_of(nb) -> Counter:
    state = saved_widget_state(nb)
    return Counter((m["state"].get("_model_name"),
                    tuple(sorted(c for c in m["state"].get("_dom_classes", ())
                                 if not c.startswith("nn-lang-"))))      # the edition's own
                   for m in state.values())


def exercise_ids(nb) -> list[str]:
    ids = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            ids += re.findall(r'data-(?:exercise|question)="([^"]+)"',
                              "".join(o.get("data", {}).get("text/html", "")))
    return ids


def test_every_notebook_has_both_editions():
    missing = [s.name for s in SOURCES if s not in PAIRS]
    assert not missing, f"no English edition yet: {missing}"


@pytest.mark.parametrize("src", PAIRS, ids=lambda p: p.stem)
def test_the_editions_are_the_same_notebook(src):
    """Cell for cell: the same kinds and ids, the code byte for byte but for the language
    line, the same outputs (prints identical), the same widgets, the same exercises; each
    Markdown cell with the same headings, formulas, numbers, links and boxes."""
    zh, en = load(src, "zh"), load(src, "en")
    assert [(c["cell_type"], c["id"]) for c in zh["cells"]] == \
        [(c["cell_type"], c["id"]) for c in en["cells"]]
    line = notebook_source.LANGUAGE_LINE
    for a, b in zip(zh["cells"], en["cells"]):
        where = f"{src.stem}, cell {a['id']}"
        if a["cell_type"] == "code":
            assert text(a) == text(b).replace(line.format("en"), line.format("zh")), where
            assert outputs_of(a) == outputs_of(b), where
        else:
            sa, sb = shape_of(text(a)), shape_of(text(b))
            for k in sa:
                assert sa[k] == sb[k], f"{where}: the {k} differ: {sa[k]} vs {sb[k]}"
    assert sum("set_language" in text(c) for c in en["cells"] if c["cell_type"] == "code") == 1
    assert widgets_of(zh) == widgets_of(en), src.stem
    assert exercise_ids(zh) == exercise_ids(en), src.stem


@pytest.mark.parametrize("src", PAIRS, ids=lambda p: p.stem)
def test_where_the_notes_are_loose_is_said_in_both(src):
    for edition, head in LOOSE.items():
        md = [text(c) for c in load(src, edition)["cells"] if c["cell_type"] == "markdown"]
        boxes = [line for t in md for line in t.splitlines() if line.startswith("> **⚠️")]
        assert all(b.startswith(head) for b in boxes), (edition, boxes)


EDITIONS = [(s, e) for s in SOURCES for e in notebook_source.editions(s)]


@pytest.mark.parametrize("src, edition", EDITIONS, ids=lambda v: getattr(v, "stem", v))
def test_a_learner_reads_only_the_editions_language(src, edition):
    """The Chinese edition: no English word in a widget, an output or a message, and in the
    narrative only the notes' own English terms (or a term in parentheses); the English
    edition: no Chinese anywhere."""
    nb = load(src, edition)
    found = []
    for where, t in learner_texts(nb):
        words = foreign(t, edition, narrative=where.endswith("markdown"))
        if words:
            found.append(f"{where}: {sorted(set(words))[:8]}")
    assert not found, f"{notebook_source.target(src, edition).relative_to(ROOT)}:\n" + \
        "\n".join(found[:30])


@pytest.mark.parametrize("src", SOURCES, ids=lambda p: p.stem)
def test_code_cells_speak_no_language(src):
    """A code cell is the same in both editions, so its comments and prints are in symbols
    (``# δᴸ = aᴸ − y``), never in a sentence of either language."""
    found = []
    for c in notebook_source.parse(src):
        if c["kind"] == "code":
            code = c["text"]["zh"]
            if CJK.search(code):
                found.append(f"{c['id']}: Chinese in code")
            found += [f"{c['id']}: {p!r}" for p in prose("x = 0\n" + code)]
    assert not found, "\n".join(found)
