"""Fixtures for the real-browser tests: one headless JupyterLab on 127.0.0.1 serving a fresh copy
of notebooks/ (no outputs, no saved widget state), and Debian's Chromium driven by Playwright.

Playwright's own browser download (``playwright install``) is never used: /usr/bin/chromium is.
NNLIB_BROWSER_NOTEBOOKS=DIR points the tests at other notebooks (for developing the tests).
"""
from __future__ import annotations

import json
import os
import secrets

import pytest

from nnpage import (CHROMIUM, CHROMIUM_ARGS, NOTEBOOKS, ROOT, VENV_BIN, VIEWPORT, Server, api,
                    free_port, server_env, strip_notebook)


# JupyterLab settings for a quiet, testable lab: no news pop-up or update check, and every cell
# rendered (no windowing), so the test sees every output.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
        {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1:<free port> with a token, serving stripped copies of notebooks/."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "notebooks"
    root.mkdir()
    code_cells = {}
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        code_cells[nb.name] = strip_notebook(nb, root / nb.name)
    env = server_env(tmp)
    for rel, settings in LAB_SETTINGS.items():
        f = tmp / "settings" / rel
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


@pytest.fixture(scope="session")
def latency_log():
    """keydown → numbers / figure timings collected by the tests, written at the end to
    artifacts/browser_latency.json and printed."""
    from nnpage import percentiles
    log = {}
    yield log
    if not log:
        return
    out = {"where": "JupyterLab in headless Chromium, this machine", "notebooks": {}}
    all_num, all_fig = [], []
    for name, (num, fig) in sorted(log.items()):
        out["notebooks"][name] = {"numbers_ms": percentiles(num), "figure_ms": percentiles(fig)}
        all_num += num
        all_fig += fig
    out["all"] = {"numbers_ms": percentiles(all_num), "figure_ms": percentiles(all_fig)}
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "browser_latency.json").write_text(json.dumps(out, indent=2) + "\n")
    lines = ["browser latency, keydown → on screen (p50 / p95 ms; targets p95 ≤ 100 numbers, "
             "≤ 150 figure):"]
    for name, r in list(out["notebooks"].items()) + [("all", out["all"])]:
        n, f = r["numbers_ms"], r["figure_ms"]
        lines.append(f"  {name:32s} numbers "
                     + (f"{n['p50']:6.1f} / {n['p95']:6.1f}" if n else "   (none)     ")
                     + "   figure " + (f"{f['p50']:6.1f} / {f['p95']:6.1f}" if f else "   (none)"))
    SUMMARY[:] = lines + ["  (written to artifacts/browser_latency.json)"]


SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter):
    if SUMMARY:
        terminalreporter.section("measured in the browser")
        for line in SUMMARY:
            terminalreporter.write_line(line)
