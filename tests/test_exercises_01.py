"""Notebook 01's exercises and predictions, beyond what tests/test_exercises.py checks for every
exercise: the layer they use is the notebook's, the values asked for are not printed above them
and tell the mistakes apart, what the messages claim holds, and each question's act puts the
notebook's panel into the situation its explanation describes."""
from __future__ import annotations

import re
import sys

import numpy as np
import pytest

import nnlib
from nnlib.exercises import EXERCISES, QUESTIONS, _load, check
from nnlib.exercises import nb01
from nnlib.i18n import tr
from nnlib.lessons import fc_layer as FC

from helpers import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

_load()
SRC = ROOT / "notebooks" / "src" / "01_fully_connected_layer.md"


def code_cells():
    """{cell id: code} of notebook 01's source (either parser: text a string or per edition)."""
    out = {}
    for c in notebook_source.parse(SRC):
        if c["kind"] == "code":
            text = c["text"]
            out[c["id"]] = text["zh"] if isinstance(text, dict) else text
    return out


def notebook_namespace(upto: str) -> dict:
    """The notebook's code cells run in order up to (without) cell ``upto``, widgets and all."""
    ns = {"display": lambda *a, **k: None}
    for cid, code in code_cells().items():
        if cid == upto:
            return ns
        exec(code, ns)                                   # noqa: S102 — our own notebook
    raise KeyError(upto)


def test_the_exercises_use_the_notebooks_layer():
    ns = notebook_namespace("ex-01-W-shape")
    np.testing.assert_array_equal(ns["W"], nb01.W0)
    np.testing.assert_array_equal(ns["b"], nb01.B0)
    np.testing.assert_array_equal(ns["x"], nb01.X0)
    assert ns["layer"] == nb01.layer0()


def test_the_exercise_cells_define_what_the_checks_use():
    ns = {"np": np, "check": lambda *a: None}
    exec(EXERCISES["01.z"].placeholder, ns)             # noqa: S102
    np.testing.assert_array_equal(ns["x_new"], nb01.X_NEW)
    exec(EXERCISES["01.W_shape"].placeholder, ns)       # noqa: S102
    assert (ns["n_inputs"], ns["m_neurons"]) == (nb01.N_INPUTS, nb01.M_NEURONS)


def test_z_new_is_not_printed_above_and_tells_the_mistakes_apart():
    z = nb01._z_new()
    np.testing.assert_allclose(z, nb01.W0 @ nb01.X_NEW + nb01.B0)
    assert z[0] > 0 > z[1]                               # what the ok message says: z′₂ < 0
    wrongs = [m.wrong() for m in EXERCISES["01.z"].mistakes]
    answers = [z] + wrongs
    for i, a in enumerate(answers):
        for b in answers[i + 1:]:
            assert np.shape(a) != np.shape(b) or not np.allclose(a, b)
    t = FC.forward_trace(nnlib.Network([nb01.layer0()]), nb01.X0)
    assert (t[1].z > 0).all()                            # the notebook's x: ReLU would not show


def test_hint3_writes_out_the_first_row_with_the_layers_numbers():
    text = nb01._first_row().replace("−", "-").replace("·", "*")
    assert eval(text) == pytest.approx(nb01._z_new()[0])    # noqa: S307 — our own string


def test_shapes_and_counts_are_nnlibs():
    m, n = nb01._W_shape()
    assert (m, n) == (nb01.M_NEURONS, nb01.N_INPUTS) and m != n
    assert nb01._n_params() == FC.fc_params(n, m)
    codes = {m.code: m.wrong() for m in EXERCISES["01.n_params"].mistakes}
    assert len(set(codes.values()) | {nb01._n_params()}) == len(codes) + 1


def test_dense_forward_cases_are_never_square_and_discriminate_on_the_first():
    cases = EXERCISES["01.dense_forward"].cases(np.random.default_rng(0))
    assert all(W.shape[0] != W.shape[1] for W, _, _, _ in cases)
    W, b, x, f = cases[0]
    np.testing.assert_array_equal(W, nb01.W0)
    z, a = nb01.dense_forward_reference(*cases[0])
    for m in EXERCISES["01.dense_forward"].mistakes:     # every mistake shows on the first case
        wz, wa = m.wrong(*cases[0])
        assert not (np.allclose(wz, z) and np.allclose(wa, a)), m.code
    relu_cases = [c for c in cases if c[3] is nnlib.ACTIVATIONS["relu"].f]
    assert any((nb01.dense_forward_reference(*c)[0] < 0).any() for c in relu_cases)


def test_a_transposed_or_elementwise_W_gets_the_shape_advice():
    def transposed(W, b, x, f):
        z = W.T @ x + b
        return z, f(z)

    def elementwise(W, b, x, f):
        z = W * x + b
        return z, f(z)

    for fn in (transposed, elementwise):
        r = check("01.dense_forward", fn)
        assert r.code == "raised" and "W.T @ x" in r.message and "W * x" in r.message


@pytest.fixture
def panel():
    ns = notebook_namespace("predict-01-tanh")
    return ns["panel"]


def test_the_tanh_question_changes_a_only(panel):
    before = panel.trace
    QUESTIONS["01.tanh"].act(panel)
    after = panel.trace
    assert after[1].activation == "tanh" and before[1].activation == "relu"
    np.testing.assert_array_equal(after[1].z, before[1].z)
    assert not np.allclose(after[1].a, before[1].a)
    np.testing.assert_allclose(after[1].a, np.tanh(before[1].z))


def test_the_w12_question_changes_neuron_1_only(panel):
    before = panel.trace
    QUESTIONS["01.w12"].act(panel)
    after = panel.trace
    assert after[1].W[0, 1] == -before[1].W[0, 1] != 0
    assert after[1].z[0] != before[1].z[0] and after[1].a[0] != before[1].a[0]
    assert after[1].z[1] == before[1].z[1] and after[1].a[1] == before[1].a[1]


def test_the_questions_are_in_the_notebook_after_the_panel():
    cells = list(code_cells().items())
    ids = [cid for cid, _ in cells]
    for q in ("01.tanh", "01.w12"):
        k = next(i for i, (_, code) in enumerate(cells) if f'predict("{q}", panel)' in code)
        assert k > ids.index("4e120f20")                 # the panel cell
        assert tr(f"pq.{q}.why", lang="en")
