"""App mode: a notebook served by Voila exactly as ``python3 tasks.py voila NB`` serves it (on
127.0.0.1, offline template), opened in Chromium; a slider moved in the page changes the panel's
numbers to nnlib's, and the page asks nothing of any host but 127.0.0.1."""
from __future__ import annotations

import importlib.util

import pytest

from nnpage import (NOTEBOOKS, ROOT, RequestLog, Server, foreign_words, free_port, new_value,
                    number, pick, press_arrow, save_screenshot, server_env, set_by_readout,
                    wait_numbers_match, wait_readout_changes, wait_settled)

pytestmark = pytest.mark.browser


def load_tasks():
    spec = importlib.util.spec_from_file_location("nnlib_tasks", ROOT / "tasks.py")
    tasks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tasks)
    return tasks


def app_notebook(lang: str):
    """What ``tasks.py voila`` serves by default (notebook 03), in the edition ``lang``."""
    folder = NOTEBOOKS / "en" if lang == "en" else NOTEBOOKS
    nbs = sorted(folder.glob("*.ipynb"))
    default = folder / "03_worked_example.ipynb"
    return default if default.exists() else (nbs[0] if nbs else None)


@pytest.fixture(scope="module", params=["zh", "en"])
def voila(request, tmp_path_factory):
    nb = app_notebook(request.param)
    if nb is None:
        pytest.skip(f"no {request.param} notebooks in {NOTEBOOKS}")
    tmp = tmp_path_factory.mktemp("voila")
    port = free_port()
    argv, env = load_tasks().voila_command(nb, ["--no-browser", f"--port={port}",
                                                "--Voila.port_retries=0"])
    env.update({k: v for k, v in server_env(tmp).items() if k.startswith(("JUPYTER_RUNTIME",
                                                                          "JUPYTER_CONFIG",
                                                                          "IPYTHONDIR"))})
    server = Server(argv, env, port, tmp / "voila.log", cwd=ROOT)
    try:
        server.wait_listening(60)
        server.notebook, server.lang = nb, request.param
        yield server
    finally:
        server.stop()


def test_slider_in_voila(voila, page):
    requests = RequestLog(page)
    page.goto(f"{voila.base}/", timeout=120_000)
    panel = page.locator(".nn-panel").first
    panel.locator(".nn-values [data-key]").first.wait_for(timeout=120_000)
    before = wait_numbers_match(panel)

    x, w = pick(before["sliders"], "x"), pick(before["sliders"], "W")
    assert x and w, "the first panel needs an input and a weight slider"
    set_by_readout(panel, x, new_value(before, x, -0.5))
    wait_readout_changes(page, panel, x, before["sliders"][x])
    after = wait_numbers_match(panel)
    assert after["sliders"][x] != before["sliders"][x], f"typing into {x} did nothing"
    press_arrow(panel, w, 3, "ArrowLeft" if new_value(after, w, -0.03) < number(
        after["sliders"][w]) else "ArrowRight")
    wait_readout_changes(page, panel, w, after["sliders"][w])
    final = wait_numbers_match(panel)
    assert [k for k in before["values"] if before["values"][k] != final["values"][k]], \
        "no number changed after moving two sliders"

    problems, views = wait_settled(page, None, timeout=15)
    assert not problems, "\n".join(problems)
    assert not views["blank"], f"blank views in Voila: {views['blank']}"
    words = foreign_words(page, None, voila.lang)
    assert not words, "Voila shows text not in the edition's language:\n" + "\n".join(words)
    panel.scroll_into_view_if_needed()
    save_screenshot(page, ROOT / "docs" / "screenshots" / ("en" if voila.lang == "en" else "")
                    / "voila.png")
    foreign = requests.foreign()
    assert not foreign, f"Voila's page asked hosts other than 127.0.0.1: {foreign}"
    # Voila's code cells are hidden: the app shows widgets and text only
    assert not page.locator(".jp-InputArea-editor").count()
