"""Notebook 06's playground in JupyterLab, in a real browser: opened fresh, Run All, then
played. After 3 s of play the epoch counter has advanced, the training loss has gone down and
the boundary picture has changed (its canvas pixels); pause stops it; frames per second over
10 s of play are counted in the page (frames drawn by the raster view) and written to
artifacts/playground_fps.json and to the terminal summary (reported, never asserted); a CSV
with a NaN, its path typed in, shows its message and leaves the network as it was."""
from __future__ import annotations

import json
import os

import pytest

from nnpage import ROOT, wait_settled
from test_lab import forget, open_notebook, run_all

pytestmark = pytest.mark.browser

NOTEBOOK = "06_playground.ipynb"
FPS_SECONDS = 10.0
ROOT_CSS = ".jp-Notebook .nn-06-playground"

STATE_JS = r"""
(root) => {
  const slot = (k) => { const e = root.querySelector(`.nn-06-status [data-key="${k}"]`);
                        return e ? e.textContent : null; };
  const view = root.querySelector('.nn-06-boundary');
  const c = view && view.querySelector('canvas');
  let sum = 0, n = 0;
  if (c && c.width) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 7) { sum = (sum * 31 + d[i]) % 1000000007; n++; }
  }
  const err = [...root.querySelectorAll('.nn-error')].map(e => e.textContent.trim()).join(' ');
  return {epoch: slot('pg-epoch'), train: slot('pg-train'), steps: slot('pg-steps'),
          frames: Number(view ? view.getAttribute('data-frames') || 0 : 0),
          pixels: sum, sampled: n, error: err, t: performance.now()};
}
"""


def state(page):
    return page.evaluate(STATE_JS, page.locator(ROOT_CSS).first.element_handle())


def number(text):
    return float(text.replace("\u2212", "-"))


def press(page, key):
    page.locator(f"{ROOT_CSS} .nn-06-controls .nn-{key}").first.click()


class Report:
    """The frames/s figure in pytest's closing summary (a plugin registered by the test)."""

    def __init__(self, lines):
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter):
        terminalreporter.section("playground, measured in the browser")
        for line in self.lines:
            terminalreporter.write_line(line)


def test_the_playground_plays_pauses_and_refuses_a_bad_csv(lab, page, request):
    try:
        open_notebook(page, lab, f"fresh/{NOTEBOOK}")
        run_all(page, lab, NOTEBOOK)
        problems, views = wait_settled(page, ".jp-Notebook", timeout=30)
        assert not problems and not views["blank"], (problems, views["blank"])
        page.locator(ROOT_CSS).first.evaluate("e => e.scrollIntoView({block: 'start'})")
        before = state(page)
        assert before["epoch"] == "0" and before["frames"] >= 1 and before["sampled"] > 0

        # -- play for 3 s: the counter advances, the loss falls, the picture changes ------
        press(page, "pg-play")
        page.wait_for_timeout(3000)
        played = state(page)
        assert int(played["epoch"]) > 0, played
        assert number(played["train"]) < number(before["train"]), (before, played)
        assert played["pixels"] != before["pixels"], "the boundary picture did not change"

        # -- frames per second over 10 s of play, counted by the raster view -------------
        start = state(page)
        page.wait_for_timeout(FPS_SECONDS * 1000)
        end = state(page)
        seconds = (end["t"] - start["t"]) / 1000
        frames = end["frames"] - start["frames"]
        epochs = int(end["epoch"]) - int(start["epoch"])
        fps = frames / seconds

        # -- pause: the counter stops ------------------------------------------------------
        press(page, "pg-pause")
        page.wait_for_timeout(600)
        paused = state(page)
        page.wait_for_timeout(1500)
        assert state(page)["epoch"] == paused["epoch"], "the epoch counter moved after pause"

        # -- a CSV with a NaN: the message, and nothing else changes -----------------------
        bad = lab.root / "fresh" / "bad_nan.csv"
        bad.write_text("x1,x2,label\n0.5,1.0,0\n1.0,nan,1\n-1.0,0.5,1\n", encoding="utf-8")
        path = page.locator(f"{ROOT_CSS} .nn-06-csv-path input").first
        path.fill("bad_nan.csv")
        page.locator(f"{ROOT_CSS} .nn-06-files-controls .nn-csv-load").first.click()
        from nnlib.i18n import tr
        want = tr("pg.csv.not_finite", lang="zh", name="bad_nan.csv", line=3, col="x2",
                  cell="nan")
        page.wait_for_function("([root, want]) => [...root.querySelectorAll('.nn-error')]"
                               ".some(e => e.textContent.includes(want))",
                               arg=[page.locator(ROOT_CSS).first.element_handle(), want],
                               timeout=15_000)
        after = state(page)
        assert (after["epoch"], after["train"], after["pixels"]) == \
            (paused["epoch"], paused["train"], paused["pixels"])
    finally:
        page.close()
        forget(lab)
    result = {
        "frames_per_second": round(fps, 1), "frames": frames, "seconds": round(seconds, 2),
        "epochs": epochs, "epochs_per_frame": round(epochs / max(frames, 1), 2),
        "where": "JupyterLab in headless Chromium (Debian's), kernel and browser on this "
                 "machine, one session",
        "measure": "frames drawn by the boundary's raster view (its data-frames counter) over "
                   f"{FPS_SECONDS:g} s of play, read in the page",
        "settings": "notebook 06's playground as it opens: circle, 200 training points, "
                    "2 → 4 → 1 tanh, sigmoid + ½ squared error, η = 0.5, B = 10, mean, "
                    "1 epoch per frame; boundary 50 × 50, units 25 × 25, every view redrawn",
        "windowing": os.environ.get("NNLIB_WINDOWING", "contentVisibility"),
        "load_average": [round(v, 2) for v in os.getloadavg()],
        "cpus": os.cpu_count(),
        "target": "≥ 30 frames/s",
    }
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "playground_fps.json").write_text(json.dumps(result, indent=2) + "\n")
    request.config.pluginmanager.register(Report([
        f"  {result['frames_per_second']} frames/s ({frames} frames in {result['seconds']} s, "
        f"{result['epochs_per_frame']} epochs of 200 points per frame; target ≥ 30)",
        f"  load average {result['load_average']} on {result['cpus']} CPUs",
        "  (written to artifacts/playground_fps.json)"]), "nn-playground-fps")
