"""The benchmarks still run (they are not run by the tests, `python3 tasks.py bench` runs them):
one move of every slider of notebook 03, three playground frames, and the hand-written trace
of bench_trace.py equal to nnlib's. Times are not checked, only that something was timed and
sent."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import comm
import pytest

ROOT = Path(__file__).resolve().parents[1]


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def recording(monkeypatch):
    """The benchmarks' comm that only serialises, undone after the test."""
    monkeypatch.setattr(comm, "create_comm", comm.create_comm)


def test_bench_widgets_moves_every_slider_of_a_notebook(recording):
    bench = load("bench_widgets")
    bench.install_recording_comm()
    from ipywidgets.widgets.widget import _instances
    before = set(_instances)
    bench.run_notebook(ROOT / "notebooks" / "src" / "03_worked_example.md")
    panels = [c for c in bench.controls_of(before) if "nn-panel-controls" in bench.label(c)]
    assert panels, "notebook 03 has no network panel"
    times, sizes, msgs = bench.move_every_slider(panels[0], moves=1)
    assert len(times) == 2 + 15 + 1 and min(times) > 0   # x₁ x₂, the 15 parameters, y
    assert min(sizes) > 0 and min(msgs) >= 1


def test_bench_playground_times_a_frame(recording, capsys):
    bench = load("bench_playground")
    bench.install_recording_comm()
    bench.FRAMES, bench.WARMUP = 3, 1
    r = bench.bench("smoke")
    assert r["p50"] > 0 and "messages" in capsys.readouterr().out


def test_bench_trace_compares_the_same_numbers():
    load("bench_trace").check_same_numbers()
