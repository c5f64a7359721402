"""Notebook 05's exercises and questions beyond the registry-wide tests: each exercise cell in
the notebook as registered, after the markdown that asks it; the values asked for are not the
notebook's own; every typical mistake gives its own answer; the threshold is the one the descent
really has; gd_step's reference is nnlib's step, and changing its inputs is diagnosed in the
exercise's own words; each question's answer is what the run does, and its act puts the
explorer into that run."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from helpers import ROOT

import nnlib
from nnlib.exercises import EXERCISES, _load, check, for_notebook, nb05
from nnlib.exercises.predict import QUESTIONS, Predict
from nnlib.i18n import tr
from nnlib.lessons import descent as D
from nnlib.messages import MESSAGES
from nnlib.widgets.descent import ETA_GRID

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

_load()
SRC = next(notebook_source.SRC.glob("05_*.md"))
CELLS = [{**c, "text": c["text"]["zh"] if isinstance(c["text"], dict) else c["text"]}
         for c in notebook_source.parse(SRC)]          # the Chinese edition's text (code is shared)
CODE = [c["text"] for c in CELLS if c["kind"] == "code"]
LAND = D.Landscape()


def _index(text):
    return next(i for i, c in enumerate(CELLS) if c["text"] == text)


def test_three_to_five_exercises_of_every_kind_and_every_cell_in_the_notebook():
    exs = for_notebook("05")
    assert 3 <= len(exs) <= 5
    assert {ex.kind for ex in exs} == {"value", "function", "shape"}
    for ex in exs:
        assert ex.placeholder in CODE, ex.id
    assert 'progress("05")' in CODE[-1]
    assert "from nnlib.exercises import check, hint, predict, progress, solution" in CODE[0]


def test_each_exercise_follows_its_markdown_and_the_questions_their_widget():
    for ex in for_notebook("05"):
        k = _index(ex.placeholder)
        assert CELLS[k - 1]["kind"] == "markdown" and f"练习 {ex.id}" in CELLS[k - 1]["text"]
    explorer = _index("descent = D.DescentExplorer(land)\ndescent")
    regime, blowup = _index('predict("05.regime", descent)'), _index('predict("05.blowup", descent)')
    hill = _index("descent.hill")
    assert explorer < regime < blowup < hill
    assert regime == explorer + 2 and CELLS[explorer + 1]["kind"] == "markdown"   # right after it


def test_the_values_asked_for_are_not_the_notebooks():
    assert (nb05.W_EX, nb05.B_EX) not in {D.START, (0.0, 1.0)}
    assert nb05.ETA_EX != 0.35
    assert "w=0.0, b=1.0" in "\n".join(CODE) and "eta=0.35" in "\n".join(CODE)
    # the notebook prints 2/λ_max of its own data; the exercise's data is another
    assert not np.isclose(EXERCISES["05.eta_max"].expected(), 2 / LAND.curvature()[1].max())


@pytest.mark.parametrize("exercise_id", ["05.update", "05.eta_max", "05.grad_shape"])
def test_the_mistakes_give_distinct_answers(exercise_id):
    ex = EXERCISES[exercise_id]
    values = [ex.expected()] + [m.wrong() for m in ex.mistakes]
    for i in range(len(values)):
        for j in range(i):
            if ex.kind == "shape":
                assert tuple(values[i]) != tuple(values[j])
            else:
                assert not np.allclose(values[i], values[j]), (i, j)


def test_the_update_is_one_step_down_the_gradient_of_the_landscape():
    g = np.array(LAND.grad(nb05.W_EX, nb05.B_EX))
    x, y = LAND.x, LAND.y
    a = nb05.W_EX * x + nb05.B_EX
    np.testing.assert_allclose(g, [np.mean((a - y) * x), np.mean(a - y)], rtol=1e-12)
    np.testing.assert_allclose(EXERCISES["05.update"].expected(),
                               np.array([nb05.W_EX, nb05.B_EX]) - nb05.ETA_EX * g, rtol=1e-12)
    assert nb05._m() == x.size


def test_eta_max_is_where_descent_stops_converging_on_the_shifted_data():
    eta_max = EXERCISES["05.eta_max"].expected()
    x = LAND.x + nb05.X_SHIFT
    H = np.array([[np.mean(x ** 2), np.mean(x)], [np.mean(x), 1.0]])     # exact, for this model
    lam = np.linalg.eigvalsh(H)
    np.testing.assert_allclose(eta_max, 2 / lam.max(), rtol=1e-9)
    shifted = D.Landscape(x, LAND.y)
    assert shifted.descend(*D.START, 0.98 * eta_max, 400).regime in ("good", "oscillates")
    assert shifted.descend(*D.START, 1.02 * eta_max, 400).regime == "diverges"
    # what the messages say: the shift raised λ_max; λ_max exceeds the diagonal entry
    assert lam.max() > LAND.curvature()[1].max()
    assert lam.max() > H[0, 0]


def test_gd_step_reference_is_nnlibs_step_on_every_layer():
    net = nnlib.worked_example()
    t = net.trace([1.0, 2.0], [3.5])
    new = nnlib.gradient_descent_step(net, t, 0.02)
    for (W, b), (dW, db), (W1, b1) in zip(net.params(), t.grads, new.params()):
        got = nb05.gd_step_reference(W, b, dW, db, 0.02)
        np.testing.assert_allclose(got[0], W1, rtol=1e-15)
        np.testing.assert_allclose(got[1], b1, rtol=1e-15)
    first = nb05._cases_gd_step(np.random.default_rng(0))[0]
    np.testing.assert_array_equal(first[0], net.params()[0][0])
    np.testing.assert_array_equal(first[2], t.grads[0][0])


def test_gd_step_in_place_is_its_own_diagnosis():
    def in_place(W, b, dW, db, eta):
        W -= eta * dW
        b -= eta * db
        return W, b
    r = check("05.gd_step", in_place)
    assert not r.passed and r.code == "changed_input"
    assert r.message == tr("ex.05.gd_step.changed_input") != tr("ex.mistake.changed_input")
    assert check("05.gd_step", lambda W, b, dW, db, eta: [W - eta * dW, b - eta * db]).passed


def test_a_wrong_scalar_threshold_gets_a_plain_message():
    r = check("05.eta_max", 0.39)
    assert r.code == "wrong" and r.message == tr("ex.05.eta_max.wrong")


def _reveal(qid, widget, choice):
    p = Predict(QUESTIONS[qid], widget)
    p.controls.set({"choice": choice})
    p.check()
    return p


def test_regime_question_asks_for_eta_off_the_presets_and_its_answer_is_the_run():
    q = QUESTIONS["05.regime"]
    eta = nb05.REGIME_ETA
    assert eta in ETA_GRID and eta not in D.PRESETS.values()
    for lang in ("zh", "en"):                       # the numbers come from the constants
        raw = MESSAGES["pq.05.regime.question"][lang]
        assert "η = {eta}" in raw and "{k}" in raw and f"{eta:g}" not in raw
        text = tr("pq.05.regime.question", lang, **q.fields)
        assert f"η = {eta:g}" in text and f"{D.PRESET_STEPS} " in text
    assert q.seen == "pq.05.regime.seen"
    assert LAND.descend(*D.START, eta, D.PRESET_STEPS).regime == q.answer == "crawls"
    lam = LAND.curvature()[1]
    assert eta * lam.max() < 0.2                      # "both far below 1"
    explorer = D.DescentExplorer(LAND, surface=False)
    explorer.controls.set({"w0": 0.5, "b0": 1.0})      # a learner moved the start
    _reveal("05.regime", explorer, "good")
    run = explorer.run
    assert run.eta == eta and run.steps == D.PRESET_STEPS and run.regime == "crawls"
    np.testing.assert_allclose(run.path[0], D.START)


def test_blowup_question_diverges_across_the_valley():
    q = QUESTIONS["05.blowup"]
    eta = D.PRESETS[nb05.BLOWUP_PRESET]
    for lang in ("zh", "en"):
        assert "η = {eta}" in MESSAGES["pq.05.blowup.question"][lang]
        assert f"η = {eta:g}" in tr("pq.05.blowup.question", lang, **q.fields)
    assert q.seen == "pq.05.blowup.seen"
    lam = LAND.curvature()[1]
    assert eta * lam.min() < 1 < 2 < eta * lam.max()       # 0 < 1 − ηλ_min < 1, 1 − ηλ_max < −1
    explorer = D.DescentExplorer(LAND)
    _reveal("05.blowup", explorer, q.answer)
    run = explorer.run
    assert run.eta == eta and run.regime == "diverges"
    steps = np.diff(run.path, axis=0)
    assert all(np.dot(steps[k], steps[k + 1]) < 0 for k in range(len(steps) - 1))   # zig-zag
    lengths = np.linalg.norm(steps, axis=1)
    assert all(lengths[1:] > lengths[:-1])                                          # ever wider
    _, V = np.linalg.eigh(LAND.curvature()[0])
    flat = (run.path - LAND.minimum[:2]) @ V[:, 0]          # the offset along the flat direction
    assert abs(flat[-1]) < abs(flat[0])                     # shrinks: it does not run along


def test_the_numbers_the_markdown_states_are_the_exercises():
    text = {c["id"]: c["text"] for c in CELLS if c["kind"] == "markdown"}
    shape = text["ex-05-grad-shape-text"]
    assert " → ".join(map(str, nb05.SIZES)) in shape and f"B = {nb05.BATCH}" in shape
    assert f"向右移 {nb05.X_SHIFT:g}" in text["ex-05-eta-max-text"]
    first = nb05._cases_gd_step(np.random.default_rng(0))[0]
    assert f"η = {first[4]:g}" in text["ex-05-gd-step-text"]
    assert "eta=0.02" in next(c for c in CODE if "gd.step(10)" in c)
