"""The worked example of notes 000 (part 3), every number the notes print, reproduced by nnlib.

The notes round to 4 decimals; nnlib computes in float64, so each check is "rounds to the
notes' number" (|value − printed| ≤ 0.5e-4), and the exact products are checked to 1e-12.
"""
import numpy as np
import pytest

import nnlib
from nnlib.examples import WORKED_X, WORKED_Y

NOTES = 0.5e-4 + 1e-12      # half a unit in the notes' 4th decimal


@pytest.fixture(scope="module")
def t():
    return nnlib.worked_example().trace(WORKED_X, WORKED_Y)


def test_step0_forward(t):
    # Z_h1 = A_h1 = [0.6, 1.2]; Z_h2 = A_h2 = [1.22, 1.58]; A_o = 2.978
    np.testing.assert_allclose(t[1].z, [0.6, 1.2], atol=1e-12)
    np.testing.assert_allclose(t[1].a, [0.6, 1.2], atol=1e-12)
    np.testing.assert_allclose(t[2].z, [1.22, 1.58], atol=1e-12)
    np.testing.assert_allclose(t[2].a, [1.22, 1.58], atol=1e-12)
    np.testing.assert_allclose(t[3].a, [2.978], atol=1e-12)
    np.testing.assert_allclose(nnlib.worked_example().forward(WORKED_X), [2.978], atol=1e-12)
    assert t[0].a.tolist() == [1.0, 2.0]


def test_loss_has_the_half(t):
    # E = ½ (2.978 − 3.5)² = 0.136242 (the worked example's δ_o = a − y implies the ½)
    assert t.loss == pytest.approx(0.136242, abs=1e-12)


def test_step1_output_layer(t):
    np.testing.assert_allclose(t[3].delta, [-0.522], atol=1e-12)          # delta_o
    np.testing.assert_allclose(t[3].fprime, [1.0])                          # linear: f′ = 1
    np.testing.assert_allclose(t[3].dW, [[-0.6368, -0.8248]], atol=NOTES)   # Gradient of W_o
    np.testing.assert_allclose(t[3].dW, [[-0.63684, -0.82476]], atol=1e-12)
    np.testing.assert_allclose(t[3].db, [-0.522], atol=1e-12)               # Gradient of b_o


def test_step2_second_hidden_layer(t):
    np.testing.assert_allclose(t[3].WT_delta, [-0.4698, -0.5220], atol=1e-12)   # 传入h2的误差
    np.testing.assert_allclose(t[2].dE_da, [-0.4698, -0.5220], atol=1e-12)
    np.testing.assert_allclose(t[2].fprime, [1.0, 1.0])                          # ReLU'(Z_h2)
    np.testing.assert_allclose(t[2].delta, [-0.4698, -0.5220], atol=1e-12)      # delta_h2
    np.testing.assert_allclose(t[2].dW, [[-0.2819, -0.5638], [-0.3132, -0.6264]], atol=NOTES)
    np.testing.assert_allclose(t[2].db, [-0.4698, -0.5220], atol=1e-12)


def test_step3_first_hidden_layer(t):
    np.testing.assert_allclose(t[2].WT_delta, [-0.6003, -0.6995], atol=NOTES)   # 传入h1的误差
    np.testing.assert_allclose(t[2].WT_delta, [-0.6003, -0.69948], atol=1e-12)
    np.testing.assert_allclose(t[1].fprime, [1.0, 1.0])                          # ReLU'(Z_h1)
    np.testing.assert_allclose(t[1].delta, [-0.6003, -0.6995], atol=NOTES)      # delta_h1
    np.testing.assert_allclose(t[1].dW, [[-0.6003, -1.2006], [-0.6995, -1.3990]], atol=NOTES)
    np.testing.assert_allclose(t[1].dW, [[-0.6003, -1.2006], [-0.69948, -1.39896]], atol=1e-12)
    np.testing.assert_allclose(t[1].db, [-0.6003, -0.6995], atol=NOTES)


def test_summary_all_six_gradients_to_four_decimals(t):
    # 总结：the notes' list, rounded as the notes print it
    printed = {
        "W_o": [-0.6368, -0.8248], "b_o": [-0.522],
        "W_h2": [[-0.2819, -0.5638], [-0.3132, -0.6264]], "b_h2": [-0.4698, -0.5220],
        "W_h1": [[-0.6003, -1.2006], [-0.6995, -1.3990]], "b_h1": [-0.6003, -0.6995],
    }
    ours = {"W_o": t[3].dW[0], "b_o": t[3].db, "W_h2": t[2].dW, "b_h2": t[2].db,
            "W_h1": t[1].dW, "b_h1": t[1].db}
    for name, value in printed.items():
        assert np.round(ours[name], 4).tolist() == value, name


def test_api_example_from_the_issue():
    net = nnlib.Network([
        nnlib.Dense([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.1], activation="relu"),
        nnlib.Dense([[0.5, 0.6], [0.7, 0.8]], [0.2, 0.2], activation="relu"),
        nnlib.Dense([[0.9, 1.0]], [0.3], activation="identity"),
    ], loss="squared_error", reduction="sum")
    assert net == nnlib.worked_example()
    t = net.trace([1.0, 2.0], [3.5])
    assert t[1].dW.shape == (2, 2) and t[3].dW.shape == (1, 2) and t[3].db.shape == (1,)


def test_trace_is_read_only(t):
    for l in range(1, 4):
        for name in ("z", "a", "fprime", "delta", "dW", "db", "WT_delta", "W", "b"):
            with pytest.raises(ValueError):
                getattr(t[l], name)[...] = 0.0
    with pytest.raises(AttributeError):
        t.loss = 0.0
