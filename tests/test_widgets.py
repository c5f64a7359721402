"""The live panel, headless (Agg, no browser): move sliders in Python and check that every view
shows what nnlib computes for the new values."""
import json

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import formulas as F  # noqa: E402
from nnlib.widgets import NetworkPanel  # noqa: E402
from helpers import keyed_numbers


def shown(panel):
    """{data-key: number} as the values table shows them."""
    return keyed_numbers(panel.values.value)


def expected(t):
    """The same keys computed directly from an nnlib trace (4 decimals, as shown)."""
    out = {"E": t.loss}
    out.update({f"y-{k + 1}": v for k, v in enumerate(np.ravel(t.y))})
    out.update({f"out-{k + 1}": v for k, v in enumerate(np.ravel(t.output))})
    for l in range(1, t.L + 1):
        lt = t[l]
        for i in range(lt.W.shape[0]):
            out[f"z-{l}-{i + 1}"] = lt.z[i]
            out[f"a-{l}-{i + 1}"] = lt.a[i]
            if lt.delta is not None:
                out[f"delta-{l}-{i + 1}"] = lt.delta[i]
                out[f"db-{l}-{i + 1}"] = lt.db[i]
                for j in range(lt.W.shape[1]):
                    out[f"dW-{l}-{i + 1}-{j + 1}"] = lt.dW[i, j]
    return out


def assert_shows(panel, t):
    got, want = shown(panel), expected(t)
    assert set(got) == set(want)
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=0.51e-4), key


@pytest.fixture
def panel():
    return NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5])


def softmax_net():
    rng = np.random.default_rng(0)
    return nnlib.Network([
        nnlib.Dense(np.round(rng.uniform(-1, 1, (4, 3)), 2), np.zeros(4), "tanh"),
        nnlib.Dense(np.round(rng.uniform(-1, 1, (3, 4)), 2), np.zeros(3), "softmax"),
    ], loss="cross_entropy")


def test_starts_on_the_notes_numbers(panel):
    assert panel.trace.loss == pytest.approx(0.136242)
    assert_shows(panel, nnlib.worked_example().trace([1.0, 2.0], [3.5]))
    assert shown(panel)["dW-1-2-2"] == -1.3990          # the notes' summary, 4 decimals
    assert panel.errors.html.value == ""


def test_slider_move_updates_every_view(panel):
    panel.x_sliders[0].value = 0.5                    # x₁
    panel.W_sliders[1][0][1].value = -0.3             # W²₁₂
    panel.y_sliders[0].value = 2.0                    # y
    net = nnlib.worked_example().replace(2, W=[[0.5, -0.3], [0.7, 0.8]])
    t = net.trace([0.5, 2.0], [2.0])
    assert_shows(panel, t)
    # the diagram's node texts
    assert panel.net_art.inner[2][0].get_text() == f"z {t[2].z[0]:.2f}\na {t[2].a[0]:.2f}\n" \
                                                   f"δ {t[2].delta[0]:.3f}"
    assert panel.net_art.inner[0][0].get_text() == "x₁\n0.50"
    # the equations with numbers
    assert F.num(t[2].z[0]) in panel.forward_html.value
    assert F.num(t[1].dW[1, 1]) in panel.backward_html.value
    # the gradient table: backprop beside central differences, for the new values
    for c in panel.checks:
        np.testing.assert_allclose(c.analytic, t[c.l].dW if c.name == "W" else t[c.l].db)
        assert c.error < 1e-6
    assert F.num(t[1].dW[0, 0]) in panel.gradcheck_html.value
    spec = json.loads(panel.spec.value)
    assert spec == {"sizes": [2, 2, 2, 1], "activations": ["relu", "relu", "identity"],
                    "loss": "squared_error", "reduction": "sum"}


def test_dead_relu_is_greyed_and_passes_no_gradient(panel):
    panel.b_sliders[0][0].value = -0.6                 # z¹₁ = 0.1 + 0.4 − 0.6 < 0
    t = panel.trace
    assert t[1].z[0] < 0 and t[1].fprime[0] == 0 and t[1].delta[0] == 0
    assert np.all(t[1].dW[0] == 0)
    assert panel.values.value.count('class="nn-dead"') == 1
    node = panel.net_art.nodes[1][0]
    assert node.get_linestyle() == "--"
    assert matplotlib.colors.to_hex(node.get_facecolor()) == F.COLORS["dead"].lower()
    assert shown(panel)["dW-1-1-1"] == 0.0


def test_bulk_changes_redraw_once(panel):
    before = len(panel.timings)
    panel.randomise()
    assert len(panel.timings) == before + 1
    first = [p[0].copy() for p in panel.trace.network.params()]
    panel.reset()
    assert len(panel.timings) == before + 2
    assert panel.trace.network == nnlib.worked_example()
    again = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5])
    again.randomise()                                  # seeded: the same random weights
    for W, W2 in zip(first, again.trace.network.params()):
        np.testing.assert_array_equal(W, W2[0])


def test_descent_step_undo_replay(panel):
    assert panel.eta.value == pytest.approx(0.02)     # small enough not to overshoot here
    panel.step()
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], panel.eta.value)
    gd.step()
    assert panel.trace.loss == pytest.approx(gd.trace.loss, rel=1e-12)
    assert panel.trace.output[0] == pytest.approx(gd.trace.output[0])
    assert 2.978 < panel.trace.output[0] < 3.5                     # moved toward 3.5
    assert "E-after" in panel.descent_html.value
    panel.step()
    two = panel.trace.loss
    panel.undo()
    assert panel.trace.loss == pytest.approx(gd.trace.loss, rel=1e-12)
    panel.step()
    assert panel.trace.loss == pytest.approx(two, rel=1e-12)
    panel.replay()                                     # same 2 steps from the same start
    assert panel.trace.loss == pytest.approx(two, rel=1e-12)


def test_a_step_that_raises_E_says_eta_is_too_large(panel):
    panel.eta.value = 5.0
    panel.step()
    assert panel.trace.loss > 1000                     # finite, but far worse than 0.136
    msg = panel.errors.html.value
    assert "E went up from 0.1362" in msg and "η = 5" in msg and "smaller η" in msg
    panel.undo()
    assert panel.trace.loss == pytest.approx(0.136242)
    panel.eta.value = 0.02
    panel.step()
    assert panel.errors.html.value == ""               # a good step clears the warning


def test_divergence_keeps_last_good_state_and_says_why(panel):
    panel.eta.value = 10.0
    with np.errstate(all="raise"):                     # and no numpy warnings on the way
        panel.step(200)
    msg = panel.errors.html.value
    assert "too large" in msg and "η" in msg and "Traceback" not in msg
    assert np.isfinite(panel.trace.loss)
    for W, b in panel.trace.network.params():
        assert np.isfinite(W).all() and np.isfinite(b).all()
    panel.reset()                                      # the panel still works
    assert panel.trace.loss == pytest.approx(0.136242)


def test_error_in_a_view_is_a_message_not_a_dead_panel(panel):
    def picky(t):
        if t[0].a[0] > 2:
            raise RuntimeError("x₁ too big for this view")
    panel.on_trace(picky)
    panel.x_sliders[0].value = 2.5
    assert "x₁ too big" in panel.errors.html.value
    panel.x_sliders[0].value = 1.5                     # recovers on the next good move
    assert panel.errors.html.value == ""
    assert panel.trace.x[0] == 1.5


def test_softmax_panel_target_is_a_class():
    p = NetworkPanel(softmax_net(), x=[0.5, -1.0, 1.5], y=[0.0, 1.0, 0.0])
    assert p.y_class is not None and not p.y_sliders
    p.y_class.value = "3"
    t = softmax_net().trace([0.5, -1.0, 1.5], [0.0, 0.0, 1.0])
    assert_shows(p, t)
    np.testing.assert_allclose(p.trace[2].delta, t[2].a - [0, 0, 1])       # δᴸ = aᴸ − y
    assert "aᴸ − y" not in p.backward_html.value and "a² − y" in p.backward_html.value


def test_forward_only_panel_with_activation_menu():
    net = nnlib.Network([nnlib.Dense([[0.5, -1.0, 0.2], [1.0, 0.3, -0.4]], [0.1, -0.2], "relu")])
    p = NetworkPanel(net, x=[1.0, 0.5, -1.0], views=("diagram", "activation", "forward", "values"),
                     activation_choices=(1,))
    assert "delta" not in p.values.value and 'data-key="z-1-1"' in p.values.value
    assert 'data-key="E"' not in p.values.value and 'data-key="y-1"' not in p.values.value
    p.act_menus[1].value = "sigmoid"
    z = np.array([[0.5, -1.0, 0.2], [1.0, 0.3, -0.4]]) @ [1.0, 0.5, -1.0] + [0.1, -0.2]
    np.testing.assert_allclose(p.trace[1].a, 1 / (1 + np.exp(-z)))
    marks = p.act_art[2].get_data()
    np.testing.assert_allclose(marks[0], z)
    np.testing.assert_allclose(marks[1], 1 / (1 + np.exp(-z)))


def test_sliders_carry_stable_css_classes(panel):
    assert "nn-panel" in panel.widget._dom_classes
    assert {"nn-slider", "nn-x-1"} <= set(panel.x_sliders[0]._dom_classes)
    assert "nn-W-1-2-1" in panel.W_sliders[0][1][0]._dom_classes
    assert panel.W_sliders[0][1][0].description == "W¹₂₁"
    assert "nn-b-3-1" in panel.b_sliders[2][0]._dom_classes
    assert "nn-y-1" in panel.y_sliders[0]._dom_classes
    assert "nn-values" in panel.values._dom_classes


def test_on_trace_with_a_key_replaces_the_earlier_view(panel):
    seen = []
    panel.on_trace(lambda t: seen.append("old"), call_now=False, key="view")
    panel.on_trace(lambda t: seen.append("new"), call_now=False, key="view")
    panel.on_trace(lambda t: seen.append("plain"), call_now=False)
    panel.x_sliders[0].value = 0.5
    assert seen == ["new", "plain"]


def test_unknown_view_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown view"):
        NetworkPanel(nnlib.worked_example(), [1.0, 2.0], [3.5], views=("diagram", "heatmap"))
