"""Every exercise in the registry: its reference passes; each mistake it lists fails with that
mistake's own diagnosis; the placeholder, None, a wrong shape, a string and NaN each get a clear
message and never a traceback; a function that only reproduces the worked example's numbers
fails; its hints and solution exist in both languages; and its notebook holds the exercise cell
as registered (the placeholder, then the check)."""
from __future__ import annotations

import re

import numpy as np
import pytest

from nnlib.exercises import EXERCISES, RESULTS, _load, check, for_notebook, hint, progress, solution
from nnlib.i18n import tr
from nnlib.messages import MESSAGES

_load()
IDS = sorted(EXERCISES)
GENERIC = {"ok", "wrong", "shape", "transposed_shape", "column", "not_answered", "none",
           "string", "nan", "list", "list_right", "not_numbers", "tuple", "not_function",
           "raised", "changed_input", "hard_coded", "not_shape", "wrong_shape", "wrong_number"}


def reference_answer(ex):
    return ex.expected if ex.kind == "function" else ex.expected()


def test_there_are_enough_exercises():
    assert len(IDS) >= 6
    for nb in {ex.notebook for ex in EXERCISES.values()}:
        assert len(for_notebook(nb)) >= 3, nb


@pytest.mark.parametrize("exercise_id", IDS)
def test_the_reference_passes(exercise_id):
    ex = EXERCISES[exercise_id]
    r = check(exercise_id, reference_answer(ex))
    assert r.passed and r.code == "ok", r


@pytest.mark.parametrize("exercise_id,code", [(e, m.code) for e in IDS
                                              for m in EXERCISES[e].mistakes])
def test_every_known_mistake_gets_its_own_diagnosis(exercise_id, code):
    ex = EXERCISES[exercise_id]
    m = next(m for m in ex.mistakes if m.code == code)
    r = check(exercise_id, m.wrong if ex.kind == "function" else m.wrong())
    assert not r.passed and r.code == code, r
    assert code not in GENERIC
    assert r.message == ex.diagnosis(code)


def bad_answers(ex):
    """The placeholder, None, a string, NaN and a wrong shape, as this kind of exercise gets
    them (a function answer returns them)."""
    if ex.kind == "shape":
        return [(..., "not_answered"), (None, "none"), ("abc", "not_shape")]
    ref = ex.expected(*ex.cases(np.random.default_rng(0))[0]) if ex.kind == "function" \
        else ex.expected()
    first = ref[0][0] if isinstance(ref, (list, tuple)) and isinstance(ref[0], (list, tuple)) \
        else ref[0] if isinstance(ref, (list, tuple)) else ref
    nan = np.full(np.shape(first), np.nan)
    wrong_shape = np.zeros(np.shape(first) + (3,))

    def returning(v):
        if ex.kind != "function":
            return v
        if isinstance(ref, (list, tuple)):
            return lambda *a: [tuple(v for _ in pair) if isinstance(pair, tuple) else v
                               for pair in ref]
        return lambda *a: v

    return [(..., "not_answered"), (None, "none"), (returning("abc"), "string"),
            (returning(nan), "nan"), (returning(wrong_shape), "shape")]


@pytest.mark.parametrize("exercise_id", IDS)
def test_bad_answers_get_clear_messages_not_tracebacks(exercise_id):
    ex = EXERCISES[exercise_id]
    for answer, code in bad_answers(ex):
        r = check(exercise_id, answer)
        assert not r.passed and r.code == code, (answer, r)
        assert "Traceback" not in r.message and r.message.strip()
    if ex.kind == "function":
        def broken(*args):
            raise ValueError("shapes (2,) and (3,) not aligned")
        r = check(exercise_id, broken)
        assert r.code == "raised" and "shapes (2,) and (3,) not aligned" in r.message
        r = check(exercise_id, 42)
        assert r.code == "not_function"


@pytest.mark.parametrize("exercise_id", [e for e in IDS if EXERCISES[e].kind == "function"])
def test_a_hard_coded_function_fails(exercise_id):
    ex = EXERCISES[exercise_id]
    first = ex.cases(np.random.default_rng(0))[0]
    fixed = ex.expected(*first)
    r = check(exercise_id, lambda *args: fixed)
    assert not r.passed and r.code == "hard_coded", r


@pytest.mark.parametrize("exercise_id", IDS)
def test_hints_and_solution_in_both_languages(exercise_id):
    ex = EXERCISES[exercise_id]
    for k in range(1, ex.hints + 1):
        key = f"ex.{exercise_id}.hint{k}"
        assert key in MESSAGES, key
    texts = [repr(hint(exercise_id)) for _ in range(ex.hints + 1)]
    assert len(set(texts)) == ex.hints                  # one more each time, then the last again
    assert ex.solution.strip() in repr(solution(exercise_id))
    assert f'check("{exercise_id}"' in ex.solution and f'check("{exercise_id}"' in ex.placeholder
    assert "..." in ex.placeholder


def test_progress_counts_what_passes_now():
    nb = EXERCISES[IDS[0]].notebook
    exs = for_notebook(nb)
    for ex in exs:
        check(ex.id, ...)
    assert repr(progress(nb)).startswith(tr("ex.progress", k=0, n=len(exs)))
    for ex in exs:
        check(ex.id, reference_answer(ex))
    assert repr(progress(nb)).startswith(tr("ex.progress_all", n=len(exs)))
    check(exs[0].id, None)
    assert repr(progress(nb)).startswith(tr("ex.progress", k=len(exs) - 1, n=len(exs)))
    RESULTS.clear()


def test_every_exercise_cell_is_in_its_notebook():
    import sys
    from helpers import ROOT
    sys.path.insert(0, str(ROOT / "tools"))
    import notebook_source
    by_nb = {}
    for src in notebook_source.SRC.glob("*.md"):
        by_nb[src.stem[:2]] = [c["text"]["zh"] for c in notebook_source.parse(src)
                               if c["kind"] == "code"]
    for ex in EXERCISES.values():
        cells = by_nb.get(ex.notebook, [])
        assert ex.placeholder in cells, f"{ex.id}: no cell of notebook {ex.notebook} is its placeholder"
        ids = re.findall(r'check\("([^"]+)"', "\n".join(cells))
        assert ex.id in ids


def test_one_wrong_number_is_said_plainly():
    """A value exercise whose answer is one number says 'this number is not right' (no '1 of
    the 1 numbers are wrong, at ()'), unless the exercise words it itself."""
    from nnlib.exercises import Exercise
    ex = Exercise("xx.one", "xx", "value", lambda: 0.25, "v = ...", "v = 0.25")
    assert ex.diagnosis("wrong", n=1, size=1, where="") == tr("ex.mistake.wrong_number")
    assert ex.diagnosis("wrong", n=2, size=3, where="(1), (3)") == \
        tr("ex.mistake.wrong", n=2, size=3, where="(1), (3)")


def test_a_mistake_that_raises_is_named_by_its_error():
    """W δ for Wᵀ δ on a non-square W raises in numpy: the learner's function raising exactly
    the error the known mistake raises gets that mistake's diagnosis; another error is
    'your function raised', with the error."""
    from nnlib.exercises import EXERCISES, Exercise, Mistake
    cases = lambda rng: [(rng.normal(size=(2, 3)), rng.normal(size=2))]   # noqa: E731
    ex = Exercise("xx.back", "xx", "function", lambda W, d: W.T @ d, "def f(W, d): ...",
                  "def f(W, d):\n    return W.T @ d", mistakes=(Mistake("transpose", lambda W, d: W @ d),),
                  cases=cases)
    EXERCISES[ex.id] = ex
    try:
        r = check("xx.back", lambda W, d: W @ d)
        assert r.code == "transpose" and r.message == ex.diagnosis("transpose")
        r = check("xx.back", lambda W, d: W.T @ d[:1])
        assert r.code == "raised" and "ValueError" in r.message
    finally:
        del EXERCISES[ex.id]


def test_changing_an_array_inside_a_list_is_noticed():
    """gd_step(params, grads, η) that updates the (W, b) pairs it was given in place."""
    from nnlib.exercises import _run

    def in_place(params):
        params[0][0][...] = 0.0
        return params

    _, changed = _run(in_place, ([(np.ones((2, 2)), np.ones(2))],))
    assert changed
    _, changed = _run(lambda params: [(W * 2, b) for W, b in params],
                      ([(np.ones((2, 2)), np.ones(2))],))
    assert not changed
