"""Kernel time of a slider move, for every slider of every notebook (a benchmark, not a test).

Each notebook's code cells are run in this process (its widgets built as the notebook builds
them), with a comm that serialises every message to JSON as the kernel does before it sends it.
Then every slider of every widget is moved, a learner's move as the browser sends it
(``Controls.set_state``), and timed until the kernel has computed the new trace, updated every
view and serialised what it sends. Targets: p95 ≤ 5 ms for the notes' network panel (notebook
03's), ≤ 10 ms for every widget.

Beside it, the same moves on the old design (commit ``LEGACY``: ipympl figures rendered by Agg
in the kernel, HTML tables resent whole), run from that commit in a subprocess: the notes'
network panel with every view, each move timed to the end of ``fig.canvas.draw()`` (the render
and the PNG diff ipympl sends).

    python3 tasks.py bench        # or: .venv/bin/python benchmarks/bench_widgets.py [NN ...]
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
LEGACY = "178cb1c"             # the last commit of the ipympl panels
MOVES_PER_SLIDER = 6
TARGET_NOTES_MS, TARGET_ALL_MS = 5.0, 10.0


class Sent:
    """What the kernel would send: every comm message serialised to JSON, and its size."""
    bytes = 0
    messages = 0


def install_recording_comm():
    import comm
    from comm.base_comm import BaseComm

    class RecordingComm(BaseComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            text = json.dumps({"data": data, "metadata": metadata or {}}, allow_nan=False)
            Sent.bytes += len(text)
            Sent.messages += 1

    comm.create_comm = lambda *a, **k: RecordingComm(*a, **k)


def run_notebook(src: Path) -> dict:
    """Run the notebook's code cells here (what they print is dropped); return its namespace."""
    import notebook_source
    ns = {"display": lambda *a, **k: None, "__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(ROOT / "notebooks")
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in notebook_source.parse(src):
                if cell["kind"] == "code":
                    code = "\n".join(line for line in cell["text"]["zh"].splitlines()
                                     if not line.lstrip().startswith("%"))
                    exec(compile(code, f"{src.name}:{cell['id']}", "exec"), ns)
    finally:
        os.chdir(cwd)
    return ns


def controls_of(ns_before: set):
    """Every Controls widget alive now that was not before, oldest first."""
    from ipywidgets.widgets.widget import _instances

    from nnlib.widgets import Controls
    return [w for k, w in list(_instances.items())
            if k not in ns_before and isinstance(w, Controls)]


def label(controls) -> str:
    classes = [c for c in controls._dom_classes if c not in ("nn-view",)]
    return " ".join(classes) or "controls"


def move_every_slider(controls, moves: int = MOVES_PER_SLIDER):
    """ms, bytes sent and messages sent per move, for every slider of ``controls``."""
    times, sizes, msgs = [], [], []
    for key, item in controls._items.items():
        if item["kind"] != "slider" or "options" in item:
            continue
        v0 = float(controls.values[key])
        for k in range(moves):
            step = item["step"] * (1 if k % 2 == 0 else -1)
            v = round(v0 + step if item["min"] <= v0 + step <= item["max"] else v0 - step, 6)
            b0, m0 = Sent.bytes, Sent.messages
            t0 = time.perf_counter()
            controls.set_state({"values": {**controls.values, key: v}})     # the browser's move
            times.append(1e3 * (time.perf_counter() - t0))
            sizes.append(Sent.bytes - b0)
            msgs.append(Sent.messages - m0)
            v0 = v
    return times, sizes, msgs


def pct(a, q):
    return float(np.percentile(a, q)) if len(a) else float("nan")


def legacy_panel_ms(moves: int = 200) -> dict | None:
    """The old design's notes-network panel (every view, ipympl render), from commit LEGACY."""
    code = r"""
import os, sys, time, json
os.environ["MPLBACKEND"] = "module://ipympl.backend_nbagg"
import numpy as np, nnlib
from nnlib.widgets import NetworkPanel
panel = NetworkPanel(nnlib.worked_example(), [1.0, 2.0], [3.5],
                     views=("diagram", "values", "forward", "backward", "gradcheck", "descent"))
canvas = panel.fig.canvas
canvas.syncing_data_url = False       # as after the browser's 'initialized' message
sliders = list(panel.x_sliders) + [s for Ws in panel.W_sliders for row in Ws for s in row] \
    + [s for bs in panel.b_sliders for s in bs] + list(panel.y_sliders)
rng = np.random.default_rng(1)
out = []
for k in range(%d):
    s = sliders[k %% len(sliders)]
    v = float(np.round(s.value + (s.step if k %% 2 == 0 else -s.step), 2))
    t0 = time.perf_counter()
    s.value = v
    canvas.draw()
    out.append(1e3 * (time.perf_counter() - t0))
print(json.dumps(out))
""" % moves
    with tempfile.TemporaryDirectory() as tmp:
        try:
            archive = subprocess.run(["git", "archive", LEGACY, "nnlib"], cwd=ROOT,
                                     capture_output=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            print(f"(the old design, commit {LEGACY}, is not in this clone's history: skipped)")
            return None
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=tmp, OPENBLAS_NUM_THREADS="1")
        r = subprocess.run([sys.executable, "-c", code], cwd=tmp, env=env, capture_output=True,
                           text=True)
        if r.returncode != 0:
            print("(the old design could not run here: needs matplotlib and ipympl, "
                  "requirements-test.txt has them)\n" + r.stderr[-800:])
            return None
        ms = json.loads(r.stdout.strip().splitlines()[-1])
        return {"p50": pct(ms, 50), "p95": pct(ms, 95), "n": len(ms)}


def main(argv):
    import notebook_source
    install_recording_comm()
    import nnlib
    from ipywidgets.widgets.widget import _instances
    nnlib.set_language("zh")
    wanted = argv or None
    print(f"kernel time per slider move: compute + update every view + serialise to JSON "
          f"({MOVES_PER_SLIDER} moves of every slider; ms)")
    print(f"{'notebook':<28} {'widget':<34} {'moves':>5} {'p50':>6} {'p95':>6} {'KB/move':>8} "
          f"{'msgs/move':>9}")
    results, notes_panel = [], None
    for src in sorted(notebook_source.SRC.glob("*.md")):
        if wanted and not any(src.stem.startswith(w) for w in wanted):
            continue
        before = set(_instances)
        run_notebook(src)
        for controls in controls_of(before):
            times, sizes, msgs = move_every_slider(controls)
            if not times:
                continue
            row = (src.stem, label(controls), len(times), pct(times, 50), pct(times, 95),
                   np.mean(sizes) / 1024, np.mean(msgs))
            results.append(row)
            print(f"{row[0]:<28} {row[1]:<34} {row[2]:>5} {row[3]:6.2f} {row[4]:6.2f} "
                  f"{row[5]:8.1f} {row[6]:9.1f}")
            if src.stem.startswith("03") and "nn-panel-controls" in row[1] and notes_panel is None:
                notes_panel = row
    worst = max(results, key=lambda r: r[4]) if results else None
    if notes_panel:
        ok = "met" if notes_panel[4] <= TARGET_NOTES_MS else "NOT met"
        print(f"\nthe notes' network panel (03): p95 {notes_panel[4]:.2f} ms "
              f"(target ≤ {TARGET_NOTES_MS:g}: {ok})")
    if worst:
        ok = "met" if worst[4] <= TARGET_ALL_MS else "NOT met"
        print(f"slowest widget: {worst[0]} {worst[1]}: p95 {worst[4]:.2f} ms "
              f"(target ≤ {TARGET_ALL_MS:g} for every widget: {ok})")
    old = legacy_panel_ms()
    if old:
        print(f"the old design ({LEGACY}, ipympl), the notes' network panel, every view: "
              f"p50 {old['p50']:.1f} / p95 {old['p95']:.1f} ms per move ({old['n']} moves), "
              "render included")


if __name__ == "__main__":
    main(sys.argv[1:])
