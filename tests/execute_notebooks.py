"""Run notebooks top to bottom in a fresh kernel and save them with the outputs they produce and
the state of their widgets (so a saved notebook shows its panels before it runs).

    python tests/execute_notebooks.py notebooks/01_*.ipynb ...

This is how the committed outputs are made (nbval then checks that a fresh run reproduces them).
The kernel is the current environment's python, as under nbval --nbval-current-env.
"""
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def coalesce_streams(nb) -> None:
    """One stream output where the kernel happened to send a print in several pieces (it does
    so at random): the saved notebook is then the same however the run was split."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        out = []
        for o in cell.outputs:
            if out and o.output_type == "stream" and out[-1].output_type == "stream" \
                    and out[-1].name == o.name:
                out[-1].text += o.text
            else:
                out.append(o)
        cell.outputs = out


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    took = time.perf_counter() - start
    coalesce_streams(nb)
    nbformat.write(nb, path)
    return took


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: ran in {execute(Path(arg)):.1f} s", flush=True)
