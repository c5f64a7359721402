"""The committed notebooks as a learner (and nbval) finds them: executed top to bottom, with no
error output, and no number in any output that another CPU would print differently.

float64 rounding depends on the BLAS kernel a CPU selects: a gradient-check error printed as
8.6e-13 on one machine is 8.6e-14 on another, and a sum printed to 17 digits changes in its
last ones. nbval compares outputs exactly, so such a number fails the tests on the next
machine, and it teaches nothing: the notebooks say what agrees to how many digits instead.
"""
from __future__ import annotations

import json
import re
import sys

import nbformat
import pytest

from helpers import ROOT, saved_widget_state

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from execute_notebooks import stable_widget_ids  # noqa: E402

# both editions (notebooks/, notebooks/en/), never a JupyterLab checkpoint
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if not any(part.startswith(".") for part in p.relative_to(ROOT).parts))

# rounding noise: a tiny measured number in scientific notation (an error or difference below
# 1e-9, with digits: 8.6e-13, 3e-11; a bound such as 1e-10 is a power of ten and fine), or a
# float written with 12 or more significant digits (a raw repr of a float64)
NOISE = re.compile(r"(?<![\w.])(?:\d\.\d+|[2-9])e-(?:1\d|[2-9]\d)\b"
                   r"|(?<![\w.])\d+\.\d{11,}|(?<![\w.])\d{12,}\.\d")


def texts_of(output) -> list[str]:
    """The text a learner sees in one stored output (plain text, HTML, a stream, an error)."""
    out = []
    if "text" in output:
        out.append("".join(output["text"]))
    for mime, value in output.get("data", {}).items():
        if mime.startswith(("text/", "application/json")):
            out.append(value if isinstance(value, str) else "".join(value)
                       if isinstance(value, list) else json.dumps(value))
    return out


def widget_texts(nb) -> list[str]:
    """Every string in the saved widget state (labels, captions and numbers the views show)."""
    state = saved_widget_state(nb)
    found = []

    def walk(v):
        if isinstance(v, str):
            found.append(v)
        elif isinstance(v, dict):
            for k, w in v.items():
                if k not in ("_esm", "_css"):          # the views' code, not what they show
                    walk(w)
        elif isinstance(v, list):
            for w in v:
                walk(w)

    for model in state.values():
        walk(model.get("state", {}))
    return found


def noise_in(text: str) -> list[str]:
    return [text[max(0, m.start() - 50):m.end() + 10].replace("\n", " ")
            for m in NOISE.finditer(text)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_committed_notebook_is_executed_without_errors(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    unrun = [i for i, c in enumerate(nb["cells"]) if c in code and c["execution_count"] is None]
    assert not unrun, f"cells {unrun} were never run: commit notebooks executed (tasks.py execute)"
    counts = [c["execution_count"] for c in code]
    assert counts == list(range(1, len(code) + 1)), \
        f"execution counts {counts}: run the notebook top to bottom in a fresh kernel"
    errors = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
              for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert not errors, f"cells {errors} stored an error"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_saved_widgets_have_the_ids_a_run_gives_them(path):
    # tasks.py execute names the widgets by the order the notebook shows them, so running a
    # notebook again saves the same file and its diff is only what changed (not ~10,000 lines
    # of new random ids); a notebook saved from JupyterLab instead fails here
    nb = nbformat.read(path, as_version=4)
    assert saved_widget_state(nb)
    name = path.relative_to(ROOT).as_posix()
    assert stable_widget_ids(nb, name) == nb, \
        f"{name}: widget ids are not the ones tasks.py execute gives; run it for this notebook"
    assert all("execution" not in c.metadata for c in nb.cells), "timings stored in the cells"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT / "notebooks")))
def test_no_output_prints_float_rounding_noise(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            for text in texts_of(output):
                found += [f"cell {i}: …{s}…" for s in noise_in(text)]
    for text in widget_texts(nb):
        found += [f"saved widget state: …{s}…" for s in noise_in(text)]
    assert not found, ("outputs that another CPU prints differently (float64 rounding noise); "
                       "print what agrees instead, e.g. 'agree to 1e-10':\n  "
                       + "\n  ".join(found[:10]))


@pytest.mark.parametrize("text,noisy", [
    ("[('W1', '8.6e-13'), ('b1', '2.5e-13')]", True),
    ("relative error 3.1e-11", True),
    ("E = 1.7422374999999998", True),
    ("0.30000000000000004", True),
    ("E = 6.1e-08 after 10 steps", False),       # a real, stable value: not noise
    ("E = 0.136242, a = 2.978", False),
    ("agree to 1e-10 or better", False),
    ("step 115: E became inf", False),
    ("2.001e+306", False),
])
def test_the_noise_pattern(text, noisy):
    assert bool(noise_in(text)) is noisy


EDITIONS = [(src, edition) for src in sorted(notebook_source.SRC.glob("*.md"))
            for edition in notebook_source.editions(src)]


@pytest.mark.parametrize("src, edition", EDITIONS, ids=lambda v: getattr(v, "stem", v))
def test_committed_notebook_is_built_from_its_source(src, edition):
    """notebooks/src/NN.md is the notebook's one source: the committed .ipynb of each edition
    has exactly its cells (ids, kinds, text), so an edit made only in the .ipynb, or only in
    the source and never executed, fails here (rebuild and run: `python3 tasks.py execute NN`)."""
    built = notebook_source.build(src, edition)
    path = notebook_source.target(src, edition)
    committed = json.loads(path.read_text(encoding="utf-8"))
    want = [(c.cell_type, c.id, c.source) for c in built.cells]
    have = [(c["cell_type"], c["id"], "".join(c["source"])) for c in committed["cells"]]
    assert have == want, (f"{path.relative_to(ROOT)} differs from {src.name}: "
                          "run `python3 tasks.py execute " + src.stem + "`")


def test_every_notebook_has_a_source():
    """No notebook without its source, no edition the source does not have."""
    want = {notebook_source.target(src, edition) for src, edition in EDITIONS}
    assert set(NOTEBOOKS) == want


# OpenBLAS picks its kernels for the CPU it runs on; forcing another one changes float64
# rounding the way another machine does (SkylakeX here turns 8.6e-13 into 8.6e-14, as a CPU
# with AVX-512 does). Prescott is the oldest x86-64 kernel, ARMV8 the generic Arm one: both
# run on any CPU of their kind.
OTHER_KERNEL = {"x86_64": "Prescott", "aarch64": "ARMV8"}


@pytest.mark.slow
def test_notebooks_reproduce_their_outputs_with_another_blas_kernel(tmp_path):
    import os
    import platform
    import subprocess
    kernel = OTHER_KERNEL.get(platform.machine())
    if kernel is None:
        pytest.skip(f"no other OpenBLAS kernel known for {platform.machine()}")
    env = dict(os.environ, OPENBLAS_CORETYPE=kernel)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "--nbval", "--nbval-current-env",
                        "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
                        *map(str, NOTEBOOKS)], cwd=tmp_path, env=env, capture_output=True,
                       text=True, timeout=900)
    assert r.returncode == 0, (f"with OPENBLAS_CORETYPE={kernel} the notebooks print other "
                               "numbers than they store:\n" + r.stdout[-6000:])
