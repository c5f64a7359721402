"""The notebooks' source: one Markdown file per notebook, holding both editions, from which the
Chinese notebook and the English one are built.

    python tools/notebook_source.py build [notebooks/src/NN_name.md ...]
        # → notebooks/NN_name.ipynb (Chinese) and notebooks/en/NN_name.ipynb (English)

A source file reads as Markdown (on GitHub too). Each cell starts with a marker line:

    <!-- markdown id=fc-what -->      a Markdown cell: the Chinese text, then a line
                                      <!-- en -->  and the English text of the same cell
    <!-- code id=setup -->            a code cell: the ```python fenced block that follows,
                                      shared by both editions byte for byte

The two editions differ in their Markdown and in one line of code: the setup cell's
``nnlib.set_language("zh")``, which the English edition reads as ``nnlib.set_language("en")``
(so every widget, table and message speaks the edition's language). ``id=`` is the cell's id in
both notebooks (kept stable so that diffs stay small); a cell without one gets
``<notebook>-<n>``. Built notebooks have no outputs: ``tasks.py execute`` runs them and saves what
they produce. Never edit a built .ipynb by hand.

A source whose cells have no English yet builds the Chinese edition only; one with English in
some cells and not in others is an error (an edition is whole or absent).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
MARKER = re.compile(r"^<!-- (markdown|code)((?: [\w-]+=[^\s>]+)*) -->$")
EN = "<!-- en -->"
EDITIONS = ("zh", "en")
LANGUAGE_LINE = 'nnlib.set_language("{}")'
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                   "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


class SourceError(ValueError):
    pass


def parse(path: Path) -> list[dict]:
    """[{kind, id, text: {edition: text}}] of a source file, in order (a code cell's text is
    the same in every edition; a Markdown cell without English has only "zh")."""
    cells, cur = [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = MARKER.match(line)
        if m:
            attrs = dict(a.split("=", 1) for a in m.group(2).split())
            cur = {"kind": m.group(1), "id": attrs.get("id"), "lines": [], "line": n}
            cells.append(cur)
        elif cur is None:
            if line.strip():
                raise SourceError(f"{path.name}:{n}: text before the first cell marker")
        else:
            cur["lines"].append(line)
    for c in cells:
        text = "\n".join(c.pop("lines")).strip("\n")
        if c["kind"] == "code":
            m = re.fullmatch(r"```python\n(.*?)\n?```", text, re.S)
            if not m:
                raise SourceError(f"{path.name}:{c['line']}: a code cell must be one ```python "
                                  "fenced block")
            if EN in text:
                raise SourceError(f"{path.name}:{c['line']}: a code cell is shared by both "
                                  f"editions; it has no {EN} part")
            c["text"] = {"zh": m.group(1), "en": m.group(1)}
        else:
            zh, sep, en = text.partition("\n" + EN + "\n")
            if not sep and text.endswith("\n" + EN):
                raise SourceError(f"{path.name}:{c['line']}: {EN} with no English after it")
            if EN in zh or EN in en:
                raise SourceError(f"{path.name}:{c['line']}: {EN} more than once, or not on a "
                                  "line of its own")
            c["text"] = {"zh": zh.strip("\n"), **({"en": en.strip("\n")} if sep else {})}
    return cells


def editions(path: Path) -> tuple[str, ...]:
    """("zh", "en") when every Markdown cell has its English, ("zh",) when none has."""
    md = [c for c in parse(path) if c["kind"] == "markdown"]
    missing = [c for c in md if "en" not in c["text"]]
    if missing and len(missing) < len(md):
        c = missing[0]
        raise SourceError(f"{path.name}:{c['line']}: cell {c['id']!r} has no English ({EN}) "
                          f"while {len(md) - len(missing)} other cells have theirs")
    return EDITIONS if md and not missing else ("zh",)


def build(path: Path, edition: str = "zh"):
    """The notebook of one edition (an nbformat NotebookNode): the edition's Markdown, the
    shared code with the edition's language set in its one ``nnlib.set_language("zh")`` line."""
    import nbformat                      # here, not above: tasks.py reads editions() without it
    if edition not in editions(path):
        raise SourceError(f"{path.name}: no {edition!r} edition (its cells have no {EN} part)")
    cells = parse(path)
    setting = [c for c in cells if c["kind"] == "code"
               and LANGUAGE_LINE.format("zh") in c["text"]["zh"].splitlines()]
    if len(setting) != 1:
        raise SourceError(f"{path.name}: {len(setting)} code cells set the language; exactly one "
                          f"(the setup cell) must have the line {LANGUAGE_LINE.format('zh')}")
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    seen = set()
    for k, c in enumerate(cells):
        cid = c["id"] or f"{path.stem[:2]}-{k:02d}"
        if cid in seen:
            raise SourceError(f"{path.name}:{c['line']}: cell id {cid!r} is used twice")
        seen.add(cid)
        new = nbformat.v4.new_markdown_cell if c["kind"] == "markdown" else \
            nbformat.v4.new_code_cell
        text = c["text"][edition]
        if c is setting[0]:
            text = "\n".join(LANGUAGE_LINE.format(edition) if line == LANGUAGE_LINE.format("zh")
                             else line for line in text.splitlines())
        nb.cells.append(new(text, id=cid))
    nbformat.validate(nb)
    return nb


def target(path: Path, edition: str = "zh") -> Path:
    """notebooks/NN_name.ipynb for the Chinese edition, notebooks/en/NN_name.ipynb for the
    English one (the same file names side by side, so links between notebooks work in both)."""
    folder = ROOT / "notebooks" if edition == "zh" else ROOT / "notebooks" / edition
    return folder / f"{path.stem}.ipynb"


def main(argv):
    if not argv or argv[0] != "build":
        sys.exit(__doc__)
    sources = [Path(a).resolve() for a in argv[1:]] or sorted(SRC.glob("*.md"))
    import nbformat
    for src in sources:
        for edition in editions(src):
            nb, out = build(src, edition), target(src, edition)
            out.parent.mkdir(exist_ok=True)
            nbformat.write(nb, out)
            print(f"{src.relative_to(ROOT)} → {out.relative_to(ROOT)} ({len(nb.cells)} cells)")


if __name__ == "__main__":
    main(sys.argv[1:])
