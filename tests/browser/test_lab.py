"""Every notebook in JupyterLab, in a real browser, as a learner meets it.

Open it fresh (no outputs), Run All, and check: no error output, no widget stuck loading or
failing, every browser-drawn view showing something and every widget output shown; then move an
input slider (typed into its readout) and a weight slider (arrow keys) of the first panel and
check that its numbers (the values table and the diagram's units) become nnlib's for the new
readouts. Offline: the page asks nothing of any host but 127.0.0.1. A screenshot per notebook
goes to docs/screenshots/, and keydown → last repaint latency, beside a bare widget echo measured
in the same browser session, to artifacts/browser_latency.json (reported, never asserted).
"""
from __future__ import annotations

import os
import re
import time

import pytest

from nnpage import (ROOT, RequestLog, api, edition, foreign_words, measure_latency, new_value,
                    notebook_params, number, pick, press_arrow, read_panel, rel,
                    save_screenshot, set_by_readout, slug, wait_numbers_match,
                    wait_readout_changes, wait_settled)

pytestmark = pytest.mark.browser

RUN_TIMEOUT_S = 180
PRESSES = int(os.environ.get("NNLIB_LATENCY_PRESSES", "10"))


def open_notebook(page, lab, path):
    page.goto(f"{lab.base}/lab/tree/{path}?token={lab.token}")
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=90_000)
    # more room for the notebook: fold the file browser away
    fb = page.locator('.jp-SideBar.jp-mod-left li[data-id="filebrowser"].lm-mod-current')
    if fb.count():
        fb.first.click()


def run_all(page, lab, name):
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).first.click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    n = lab.code_cells[name]
    # done when every code cell with code has a number and none is queued, or when an error
    # stopped Run All (the cells after it stay unnumbered)
    page.wait_for_function(
        """(n) => {
          const ps = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
                       .map(e => e.textContent);
          if (ps.some(t => t.includes('*'))) return false;
          const done = ps.filter(t => /\\[\\d+\\]/.test(t)).length;
          const err = document.querySelector('.jp-Notebook .jp-OutputArea-output[data-mime-type='
                                             + '"application/vnd.jupyter.stderr"]');
          return done >= n || (err && /Traceback|Error/.test(err.textContent));
        }""", arg=n, timeout=RUN_TIMEOUT_S * 1000, polling=200)
    page.get_by_text(re.compile(r"\| Idle")).first.wait_for(timeout=60_000)


def forget(lab):
    """Shut down the notebook's kernel and forget the workspace, so that the next notebook opens
    alone (JupyterLab would reopen every earlier tab, each with a kernel)."""
    try:
        for s in api(lab.base, lab.token, "GET", "/api/sessions") or []:
            api(lab.base, lab.token, "DELETE", f"/api/sessions/{s['id']}")
        for ws in api(lab.base, lab.token, "GET", "/lab/api/workspaces")["workspaces"]["ids"]:
            api(lab.base, lab.token, "DELETE", f"/lab/api/workspaces/{ws}")
    except Exception as exc:  # noqa: BLE001 — the server stops its kernels at the end anyway
        print(f"could not clean up after a notebook: {exc}")


def test_a_bare_widget_echo_for_comparison(lab, page, latency_log):
    """The floor: a FloatSlider → kernel observer → HTML widget round trip, same session."""
    try:
        open_notebook(page, lab, "echo.ipynb")
        run_all(page, lab, "echo.ipynb")
        root = page.locator(".nn-echo").first
        root.wait_for()
        handle = root.locator(".noUi-handle").first
        latency_log["echo"] = measure_latency(page, root, handle, max(PRESSES, 20))
        assert latency_log["echo"], "the echo widget never repainted"
    finally:
        page.close()
        forget(lab)


@pytest.mark.parametrize("notebook", notebook_params())
def test_notebook_in_jupyterlab(notebook, lab, page, latency_log):
    """Both editions run and show every view in their own language; the Chinese edition's
    first panel is then driven and timed (the English one runs the same code)."""
    name, lang = rel(notebook), edition(notebook)
    requests = RequestLog(page)
    start = time.monotonic()
    phases = []

    def phase(what):
        phases.append(f"{what} {time.monotonic() - start:.1f}")

    try:
        open_notebook(page, lab, f"fresh/{name}")
        phase("kernel idle")
        run_all(page, lab, name)
        phase("ran all")

        # -- after Run All: nothing failed, nothing stuck, no view blank or missing ----------
        problems, views = wait_settled(page, ".jp-Notebook", timeout=30)
        assert not problems, f"{name} after Run All:\n" + "\n".join(problems)
        assert not views["blank"], f"{name}: blank views after Run All: {views['blank']}"
        assert not views["empty"], (f"{name}: {views['empty']} of {views['outputs']} widget "
                                    "outputs show no widget")
        assert views["views"] > 0, f"{name} shows no browser-drawn view"
        words = foreign_words(page, ".jp-Notebook", lang)
        assert not words, f"{name}: outputs not in the edition's language:\n" + "\n".join(words)
        phase("settled")
        shots = ROOT / "docs" / "screenshots" / ("en" if lang == "en" else "")
        if lang == "en":
            panel = page.locator(".jp-Notebook .nn-panel").first
            if panel.count():
                panel.evaluate("e => e.scrollIntoView({block: 'start'})")
                page.wait_for_timeout(300)
                wait_numbers_match(panel)
            save_screenshot(page, shots / f"{slug(notebook.name)}.png")
            return

        # -- the first panel: its numbers are nnlib's, before and after slider moves ---------
        panels = page.locator(".jp-Notebook .nn-panel")
        assert panels.count(), (f"{name} shows no .nn-panel: the browser test drives the first "
                                "panel of each notebook")
        panel = panels.first
        panel.scroll_into_view_if_needed()
        before = wait_numbers_match(panel)

        x = pick(before["sliders"], "x")
        w = pick(before["sliders"], "W")
        assert x and w, f"{name}: the first panel needs an input and a weight slider"
        set_by_readout(panel, x, new_value(before, x, 0.5))
        wait_readout_changes(page, panel, x, before["sliders"][x])
        after_x = wait_numbers_match(panel)
        assert after_x["sliders"][x] != before["sliders"][x], f"{name}: typing into {x} did nothing"

        arrow = "ArrowRight" if new_value(after_x, w, 0.05) > number(after_x["sliders"][w]) \
            else "ArrowLeft"
        press_arrow(panel, w, 5, arrow)
        wait_readout_changes(page, panel, w, after_x["sliders"][w])
        after_w = wait_numbers_match(panel)
        assert after_w["sliders"][w] != after_x["sliders"][w]
        changed = [k for k in before["values"] if before["values"][k] != after_w["values"][k]]
        assert changed, f"{name}: no number changed after moving {x} and {w}"

        phase("sliders")
        problems, views = wait_settled(page, ".jp-Notebook", timeout=15)
        assert not problems, f"{name} after moving sliders:\n" + "\n".join(problems)
        assert not views["blank"], f"{name}: blank views after the moves: {views['blank']}"

        panel.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        save_screenshot(page, shots / f"{slug(notebook.name)}.png")

        # -- latency: keydown → the panel's last repaint --------------------------------------
        phase("screenshot")
        handle = panel.locator(f".nn-{x} .nn-range").first
        latency_log[slug(notebook.name)] = measure_latency(page, panel, handle, PRESSES)
        phase("latency")
        wait_numbers_match(panel)
        assert not read_panel(panel)["error"]

        foreign = requests.foreign()
        assert not foreign, f"{name}: the page asked hosts other than 127.0.0.1: {foreign}"
    finally:
        print(f"{name}: {time.monotonic() - start:.1f} s in the browser ({', '.join(phases)})")
        page.close()
        forget(lab)
