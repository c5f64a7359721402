"""A committed notebook shows its pictures before it runs: opened (trusted, as ``tasks.py lab``
trusts the repository's notebooks) and not run, every panel, diagram and table is drawn from the
widget state saved in the notebook, holding the numbers the notebook computed; and where no
widget can be drawn (an untrusted copy) the learner reads, in the notebook's language, that the
cell must be run, never a widget's repr. Every Chinese notebook is opened, and two of the English
ones (the worked example's panel and the playground): both editions' saved state is written by
the same run of tasks.py execute, and the headless edition tests compare the two widget by
widget; this keeps CI's time down.

These pages draw every cell (windowing "none"): the test reads cells out of sight."""
from __future__ import annotations

import json

import pytest

from nnpage import edition, foreign_words, notebook_params, rel, wait_numbers_match, wait_settled
from test_lab import forget, open_notebook

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("every_cell_drawn")]


ENGLISH = {"03_worked_example", "06_playground"}


def saved_params():
    return [p for p in notebook_params()
            if p.values[0] is None or edition(p.values[0]) == "zh" or p.values[0].stem in ENGLISH]


@pytest.mark.parametrize("notebook", saved_params())
def test_saved_notebook_shows_its_panels_before_running(notebook, lab, page):
    name = rel(notebook)
    try:
        open_notebook(page, lab, f"saved/{name}")
        problems, views = wait_settled(page, ".jp-Notebook", timeout=40)
        assert not [p for p in problems if "nn-error" not in p], problems
        assert views["views"] > 0, f"{name}: no view drawn from the saved state"
        assert not views["blank"], f"{name}: blank views from the saved state: {views['blank']}"
        assert not views["empty"], f"{name}: widget outputs not drawn: {views['empty']}"
        panel = page.locator(".jp-Notebook .nn-panel").first
        if panel.count():
            wait_numbers_match(panel, timeout=10)     # the saved numbers are nnlib's
        text = page.locator(".jp-Notebook").inner_text()
        assert "VBox(children" not in text and "HBox(children" not in text
        words = foreign_words(page, ".jp-Notebook", edition(notebook))
        assert not words, f"{name}: saved outputs not in the edition's language:\n" + \
            "\n".join(words)
    finally:
        page.close()
        forget(lab)


def test_untrusted_notebook_says_to_run_the_cell(lab, page):
    from nnlib.i18n import tr
    saved = sorted((lab.root / "saved").glob("*.ipynb"))
    if not saved:
        pytest.skip("no notebooks")
    src = saved[0]
    (lab.root / "untrusted").mkdir(exist_ok=True)
    dst = lab.root / "untrusted" / src.name
    nb = json.loads(src.read_text(encoding="utf-8"))
    nb["metadata"]["nnlib_test"] = "changed"   # other content: its signature is not in the db
    dst.write_text(json.dumps(nb), encoding="utf-8")
    try:
        open_notebook(page, lab, f"untrusted/{src.name}")
        page.wait_for_timeout(3000)
        text = page.locator(".jp-Notebook").inner_text()
        assert tr("fallback.panel", lang="zh") in text or tr("fallback.panel", lang="en") in text
        assert "VBox(children" not in text and "AnyWidget" not in text
    finally:
        page.close()
        forget(lab)
