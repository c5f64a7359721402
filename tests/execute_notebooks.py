"""Run notebooks top to bottom in a fresh kernel and save them with the outputs they produce and
the state of their widgets (so a saved notebook shows its panels before it runs).

    python tests/execute_notebooks.py notebooks/01_*.ipynb ...

This is how the committed outputs are made (nbval then checks that a fresh run reproduces them).
The kernel is the current environment's python, as under nbval --nbval-current-env.
"""
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers import ROOT, saved_widget_state


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


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
REF = re.compile(r"IPY_MODEL_([0-9a-f]{32})")         # a model's reference to another model


def stable_widget_ids(nb, name: str):
    """Name the saved widgets by where the notebook shows them, not by the random ids the
    kernel gave them: a notebook run again then saves the same file, and its diff shows only
    what changed. The order: the views in the order of the outputs, each followed by the models
    it refers to (its layout, style, children), then any model no view refers to. The ids are
    32 hex digits like the kernel's, made from the notebook's ``name`` (its path), so no two
    notebooks share one."""
    state = saved_widget_state(nb)
    if not state:
        return nb
    refs = {m: REF.findall(json.dumps(v, sort_keys=True)) for m, v in state.items()}
    views = [o["data"][WIDGET_VIEW]["model_id"] for c in nb.cells if c.cell_type == "code"
             for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    canon = {}

    def canonical(m, path=()):
        """A model's state with each model it refers to written out in its place: two models
        with the same canonical text can swap ids and the saved file stays the same."""
        if m not in canon:
            text = json.dumps(state[m], sort_keys=True)
            canon[m] = REF.sub(lambda r: "{%s}" % (
                canonical(r.group(1), path + (m,)) if r.group(1) in state
                and r.group(1) not in path else ""), text)
        return canon[m]

    order = {}                                          # model id → its place, in order

    def visit(m):
        stack = [m]
        while stack:
            m = stack.pop()
            if m in state and m not in order:
                order[m] = len(order)
                stack.extend(reversed(refs[m]))

    referred = {r for m in state for r in refs[m]}
    roots = sorted((m for m in state if m not in referred), key=canonical)
    for m in views + roots + sorted(state, key=canonical):
        visit(m)
    new = {old: hashlib.sha256(f"{name}#{i}".encode()).hexdigest()[:32]
           for old, i in order.items()}
    text = re.sub("|".join(map(re.escape, new)), lambda m: new[m.group(0)],
                  json.dumps(nb, ensure_ascii=False))
    return nbformat.from_dict(json.loads(text))


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=True,
                   record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    took = time.perf_counter() - start
    coalesce_streams(nb)
    nb = stable_widget_ids(nb, path.resolve().relative_to(ROOT).as_posix())
    nbformat.write(nb, path)
    return took


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        print(f"{arg}: ran in {execute(Path(arg)):.1f} s", flush=True)
