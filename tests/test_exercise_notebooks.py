"""A learner who solves every exercise: in a copy of each notebook, every exercise cell is filled
in with its reference solution, the notebook runs top to bottom in a fresh kernel, every check
says ✓ and the progress line at the end says all done."""
from __future__ import annotations

import re
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

from nnlib.exercises import EXERCISES, _load  # noqa: E402
from nnlib.i18n import tr  # noqa: E402

_load()
NOTEBOOKS = sorted({ex.notebook for ex in EXERCISES.values()})


def solved(src) -> nbformat.NotebookNode:
    nb = notebook_source.build(src)
    by_placeholder = {ex.placeholder: ex for ex in EXERCISES.values()}
    filled = 0
    for cell in nb.cells:
        ex = by_placeholder.get(cell.source)
        if cell.cell_type == "code" and ex is not None:
            cell.source = ex.solution
            filled += 1
    assert filled == sum(ex.notebook == src.stem[:2] for ex in EXERCISES.values())
    return nb


@pytest.mark.parametrize("number", NOTEBOOKS)
def test_every_exercise_solved_passes_and_progress_says_all_done(number, tmp_path):
    src = next(notebook_source.SRC.glob(f"{number}_*.md"))
    nb = solved(src)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    checks, progress = [], None
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            assert out.output_type != "error", f"{number}: {out.get('ename')}: {out.get('evalue')}"
            html = out.get("data", {}).get("text/html", "")
            checks += re.findall(r'data-exercise="([^"]+)" data-code="([^"]+)"', html)
            if "nn-progress" in html:
                progress = html
    mine = {ex.id for ex in EXERCISES.values() if ex.notebook == number}
    assert {e for e, _ in checks} == mine
    assert all(code == "ok" for _, code in checks), checks
    n = len(mine)
    assert progress is not None and tr("ex.progress_all", n=n) in progress
