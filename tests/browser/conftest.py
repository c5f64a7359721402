"""Fixtures for the real-browser tests: one headless JupyterLab on 127.0.0.1 serving the
notebooks (both editions) twice — ``fresh/`` as a learner first meets them (no outputs, no saved widget state)
and ``saved/`` as committed (executed, with their widget state, trusted as ``tasks.py lab``
trusts them) — plus ``echo.ipynb``, the bare ipywidgets round trip the panels' latency is
compared with; and Debian's Chromium driven by Playwright.

Playwright's own browser download (``playwright install``) is never used: /usr/bin/chromium is.
NNLIB_BROWSER_NOTEBOOKS=DIR points the tests at other notebooks (for developing the tests).
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess

import nbformat
import pytest

from nnpage import (CHROMIUM, CHROMIUM_ARGS, ROOT, VENV_BIN, VIEWPORT, Server, api, free_port,
                    notebooks, percentiles, rel, server_env, strip_notebook)

# JupyterLab settings for a quiet, testable lab: no news pop-up or update check. Cells are
# windowed as in a learner's JupyterLab (its default, "contentVisibility": every cell is in the
# page, the browser skips drawing those out of sight), so the latency and frames/s measured are
# a learner's; NNLIB_WINDOWING=none renders every cell, for comparison.
WINDOWING = os.environ.get("NNLIB_WINDOWING", "contentVisibility")
TRACKER = "@jupyterlab/notebook-extension:tracker"
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings":
        {"windowingMode": WINDOWING},
}

# The bare round trip: a FloatSlider → a kernel observer → an HTML widget.
ECHO = """import ipywidgets as widgets
s = widgets.FloatSlider(value=1.0, min=-3.0, max=3.0, step=0.01, description="x")
out = widgets.HTML("1.00")
s.observe(lambda change: setattr(out, "value", f"{change.new:.2f}"), "value")
widgets.VBox([s, out]).add_class("nn-echo")"""


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1:<free port> with a token, serving fresh/ and saved/ copies."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    (root / "fresh").mkdir(parents=True)
    (root / "saved").mkdir()
    env = server_env(tmp)
    code_cells = {}
    for nb in notebooks():                        # both editions: NN.ipynb and en/NN.ipynb
        for sub in ("fresh", "saved"):
            (root / sub / rel(nb)).parent.mkdir(parents=True, exist_ok=True)
        code_cells[rel(nb)] = strip_notebook(nb, root / "fresh" / rel(nb))
        (root / "saved" / rel(nb)).write_bytes(nb.read_bytes())
    echo = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(ECHO)],
                                    metadata={"kernelspec": {"name": "python3",
                                                             "display_name": "Python 3",
                                                             "language": "python"}})
    nbformat.write(echo, root / "echo.ipynb")
    code_cells["echo.ipynb"] = 1
    saved = sorted(str(p) for p in (root / "saved").rglob("*.ipynb"))
    if saved:                                     # as `python3 tasks.py lab` does
        subprocess.run([VENV_BIN / "jupyter", "trust", *saved], env=env, check=True,
                       capture_output=True)
    for name, settings in LAB_SETTINGS.items():
        f = tmp / "settings" / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text(json.dumps(settings))
    token = secrets.token_hex(16)
    port = free_port()
    argv = [VENV_BIN / "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    server = Server(argv, env, port, tmp / "lab.log", cwd=root)
    try:
        server.wait_listening(90)
        api(server.base, token, "GET", "/api/status")
        server.token, server.root, server.code_cells = token, root, code_cells
        yield server
    finally:
        server.stop(f"{server.base}/api/shutdown", {"Authorization": f"token {token}"})


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def set_windowing(lab, mode: str):
    """JupyterLab's windowing for the pages opened from now on (its settings API)."""
    api(lab.base, lab.token, "PUT", f"/lab/api/settings/{TRACKER}",
        {"raw": json.dumps({"windowingMode": mode})})


@pytest.fixture
def every_cell_drawn(lab):
    """This test's pages draw every cell (windowing "none"): the test reads texts and pictures
    of cells out of sight, which the default windowing leaves undrawn (and out of innerText)."""
    set_windowing(lab, "none")
    yield
    set_windowing(lab, WINDOWING)


@pytest.fixture(scope="session")
def latency_log():
    """keydown → last repaint timings collected by the tests (the bare echo's under "echo"),
    written at the end to artifacts/browser_latency.json and printed."""
    log = {}
    yield log
    if not log:
        return
    out = {"where": "JupyterLab in headless Chromium, this machine, one session",
           "measure": "keydown → the page rendered after the last DOM change of the panel",
           "target": "panel p95 ≤ 1.5 × the bare echo's p95", "panels": {}}
    echo = percentiles(log.get("echo", []))
    out["echo"] = echo
    every = []
    for name, ms in sorted(log.items()):
        if name == "echo":
            continue
        every += ms
        out["panels"][name] = percentiles(ms)
    out["all panels"] = percentiles(every)
    out["samples ms"] = {name: [round(t, 1) for t in ms] for name, ms in sorted(log.items())}
    if echo and every:
        out["ratio p95 all/echo"] = round(out["all panels"]["p95"] / echo["p95"], 2)
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "browser_latency.json").write_text(json.dumps(out, indent=2) + "\n")
    lines = ["browser latency, keydown → last repaint (p50 / p95 ms); target: panel p95 ≤ 1.5 × "
             "echo p95"]
    rows = [("bare widget echo", echo)] + list(out["panels"].items()) + \
        [("all panels", out["all panels"])]
    for name, r in rows:
        ratio = f"   p95 × {r['p95'] / echo['p95']:.2f} echo" if r and echo and name != \
            "bare widget echo" else ""
        lines.append(f"  {name:32s} " + (f"{r['p50']:6.1f} / {r['p95']:6.1f}" if r else "(none)")
                     + ratio)
    SUMMARY[:] = lines + ["  (written to artifacts/browser_latency.json)"]


SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("measured in the browser")
        for line in SUMMARY:
            terminalreporter.write_line(line)
