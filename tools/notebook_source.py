"""The notebooks' source: one Markdown file per notebook, from which the .ipynb is built.

    python tools/notebook_source.py build [notebooks/src/NN_name.md ...]   # src → notebooks/*.ipynb

A source file reads as Markdown (on GitHub too). Each cell starts with a marker line:

    <!-- markdown id=fc-what -->      a Markdown cell (the narrative)
    <!-- code id=setup -->            a code cell: the ```python fenced block that follows

``id=`` is the cell's id in the notebook (kept stable so that diffs stay small); a cell without
one gets ``<notebook>-<n>``. Built notebooks have no outputs: ``tasks.py execute`` runs them and
saves what they produce. Never edit a built .ipynb by hand.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "notebooks" / "src"
MARKER = re.compile(r"^<!-- (markdown|code)((?: [\w-]+=[^\s>]+)*) -->$")
METADATA = {
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                   "name": "python3"},
    "language_info": {"name": "python", "pygments_lexer": "ipython3"},
}


class SourceError(ValueError):
    pass


def parse(path: Path) -> list[dict]:
    """[{kind, id, text}] of a source file, in order."""
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
            text = m.group(1)
        c["text"] = text
    return cells


def build(path: Path) -> nbformat.NotebookNode:
    cells = parse(path)
    nb = nbformat.v4.new_notebook(metadata=METADATA)
    seen = set()
    for k, c in enumerate(cells):
        cid = c["id"] or f"{path.stem[:2]}-{k:02d}"
        if cid in seen:
            raise SourceError(f"{path.name}:{c['line']}: cell id {cid!r} is used twice")
        seen.add(cid)
        new = nbformat.v4.new_markdown_cell if c["kind"] == "markdown" else \
            nbformat.v4.new_code_cell
        nb.cells.append(new(c["text"], id=cid))
    nbformat.validate(nb)
    return nb


def target(path: Path) -> Path:
    return ROOT / "notebooks" / f"{path.stem}.ipynb"


def main(argv):
    if not argv or argv[0] != "build":
        sys.exit(__doc__)
    sources = [Path(a).resolve() for a in argv[1:]] or sorted(SRC.glob("*.md"))
    for src in sources:
        nb = build(src)
        nbformat.write(nb, target(src))
        print(f"{src.relative_to(ROOT)} → {target(src).relative_to(ROOT)} ({len(nb.cells)} cells)")


if __name__ == "__main__":
    main(sys.argv[1:])
