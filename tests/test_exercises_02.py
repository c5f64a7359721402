"""Notebook 02's exercises and questions, beyond the registry-wide tests: the network is the
notebook's; the function's reference is nnlib's step 4 on random networks; W_next @ delta_next
(a missing transpose, an error on non-square layers) is named as such; each question's answer
is what its panel shows after the act."""
from __future__ import annotations

import numpy as np
import pytest

import nnlib
from nnlib.exercises import QUESTIONS, _load, check, nb02
from nnlib.exercises.predict import Predict
from nnlib.i18n import tr
from nnlib.widgets import NetworkPanel

from helpers import ROOT

_load()


def notebook_cell(cell_id):
    import sys
    sys.path.insert(0, str(ROOT / "tools"))
    import notebook_source
    src = next(notebook_source.SRC.glob("02_*.md"))
    text = next(c["text"] for c in notebook_source.parse(src) if c["id"] == cell_id)
    return text["zh"] if isinstance(text, dict) else text       # code: the same in every edition


def test_the_network_is_the_notebooks():
    before = nnlib.i18n.language()
    ns = {}
    try:
        exec(notebook_cell("f7e22c34"), ns)                 # the setup cell builds `net`
    finally:
        nnlib.set_language(before)
    for (W, b), (W0, b0) in zip(nb02.network().params(), ns["net"].params()):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    assert "y_class1 = np.array([1.0, 0.0, 0.0])" in notebook_cell("ex-02-yclass1")


def test_the_variant_is_not_what_the_notebook_shows():
    t, t0 = nb02._t(), nb02._t_notebook()
    np.testing.assert_array_equal(t[2].a, t0[2].a)          # the same prediction …
    for l in (1, 2):                                        # … other errors and gradients
        assert not np.allclose(t[l].delta, t0[l].delta)
        assert not np.allclose(t[l].dW, t0[l].dW)


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "identity"])
def test_hidden_delta_reference_is_nnlibs_step_4(name):
    rng = np.random.default_rng(1)
    for n_in, n, n_next in ((3, 4, 3), (2, 5, 2), (4, 3, 1)):
        net = nnlib.Network([nnlib.Dense(rng.uniform(-1, 1, (n, n_in)), rng.uniform(-1, 1, n), name),
                             nnlib.Dense(rng.uniform(-1, 1, (n_next, n)), rng.uniform(-1, 1, n_next),
                                         "identity")], loss="squared_error")
        t = net.trace(rng.uniform(-2, 2, n_in), rng.uniform(-2, 2, n_next))
        f, fprime = nb02._fns(name)
        got = nb02.hidden_delta_reference(np.array(t[2].W), np.array(t[2].delta),
                                          np.array(t[1].z), f, fprime)
        np.testing.assert_allclose(got, t[1].delta, rtol=1e-12, atol=1e-15)


def test_the_first_case_is_the_notebooks_hidden_layer():
    first = nb02._cases_hidden_delta(np.random.default_rng(0))[0]
    np.testing.assert_allclose(nb02.hidden_delta_reference(*first), nb02._t_notebook()[1].delta)
    shapes = [args[0].shape for args in nb02._cases_hidden_delta(np.random.default_rng(0))]
    assert all(m != n for m, n in shapes)                   # W @ δ cannot run on any of them


def test_a_missing_transpose_is_named_not_just_an_error():
    ex = "02.hidden_delta"
    for wrong in (nb02._hd_transpose,
                  lambda W, d, z, f, fp: (d @ W.T) * fp(z),
                  lambda W, d, z, f, fp: np.dot(W, d) * fp(z)):
        r = check(ex, wrong)
        assert r.code == "raised" and not r.passed
        head = tr("ex.02.hidden_delta.raised_transpose", error="\0").split("\0")[0]
        assert r.message.startswith(head) and ("matmul" in r.message or "not aligned" in r.message)

    def other(W, d, z, f, fp):
        return undefined_name * fp(z)                       # noqa: F821 — a NameError
    r = check(ex, other)
    assert r.code == "raised" and r.message == tr("ex.mistake.raised",
                                                  error="NameError: name 'undefined_name' is not defined")


def test_a_function_that_changes_its_input_is_told():
    def in_place(W, d, z, f, fp):
        z *= 0
        return (W.T @ d) * fp(z)
    assert check("02.hidden_delta", in_place).code == "changed_input"


def panel():
    t = nb02._t_notebook()
    return NetworkPanel(t.network, nb02.X, nb02.Y_NOTEBOOK,
                        views=("diagram", "values", "forward", "backward"), activation_choices=(1,))


def answer(question_id, p, choice):
    w = Predict(QUESTIONS[question_id], p)
    w.controls.set({"choice": choice})
    w.check()
    assert w.revealed
    return p.trace


def test_true_class_3_makes_only_delta_3_negative():
    t = answer("02.class", panel(), "k2")
    assert int(np.argmax(t.y)) == 2
    assert list(np.flatnonzero(t[2].delta < 0)) == [2]
    assert QUESTIONS["02.class"].answer == "k3"


def test_x2_zero_makes_column_2_of_dW1_zero_and_nothing_else():
    p = panel()
    p.controls.set({"y-class": 3})                           # after the first question, too
    t = answer("02.x2_zero", p, "col2")
    assert t.x[1] == 0
    assert np.all(t[1].dW[:, 1] == 0)
    assert np.all(t[1].dW[:, [0, 2]] != 0) and np.all(t[1].delta != 0)
    assert QUESTIONS["02.x2_zero"].answer == "col2"
