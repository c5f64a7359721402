"""nnlib.lessons.backprop, headless (Agg): the lesson views of notebooks 02 and 03 show exactly
what nnlib computes, before and after slider moves."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import formulas as F  # noqa: E402
from nnlib.lessons import backprop as B  # noqa: E402
from nnlib.widgets import NetworkPanel  # noqa: E402
from helpers import keyed_numbers

X, Y = [1.0, 2.0], [3.5]
X02, Y02 = [0.5, -1.0, 1.5], [0.0, 1.0, 0.0]


def softmax_net():
    rng = np.random.default_rng(0)
    return nnlib.Network([
        nnlib.Dense(np.round(rng.uniform(-1, 1, (4, 3)), 2),
                    np.round(rng.uniform(-0.5, 0.5, 4), 2), "tanh"),
        nnlib.Dense(np.round(rng.uniform(-1, 1, (3, 4)), 2),
                    np.round(rng.uniform(-0.5, 0.5, 3), 2), "softmax"),
    ], loss="cross_entropy")


@pytest.fixture
def panel03():
    return NetworkPanel(nnlib.worked_example(), X, Y, edge_mode="dW")


@pytest.fixture
def panel02():
    return NetworkPanel(softmax_net(), X02, Y02, views=("diagram", "values", "forward",
                                                        "backward"))


# --- notebook 03 -----------------------------------------------------------------------------

def test_notes_summary_matches_the_notes_to_4_decimals():
    t = nnlib.worked_example().trace(X, Y)
    html = B.notes_summary_html(t)
    assert html.count("✓") == 6 and "✗" not in html
    shown = keyed_numbers(html)
    for name, l, kind, printed in B.NOTES_SUMMARY:
        got = t[l].dW if kind == "W" else t[l].db
        for idx in np.ndindex(np.shape(printed)):
            i, j = (idx + (0,))[:2] if kind == "b" else idx
            key = f"sum-d{kind}-{l}-{i + 1}-{j + 1}"
            assert shown[key] == float(np.asarray(printed)[idx]) == round(float(got[idx]), 4)


def test_live_summary_follows_the_panel_and_greys_a_dead_relu(panel03):
    view = B.LiveHTML(panel03, lambda t: B.notes_summary_html(t, live=True), "nn-03-summary")
    dead = B.LiveHTML(panel03, lambda t: B.dead_html(t, "try b¹₁ below −0.5"), "nn-03-dead")
    assert view.widget.value.count("✓") == 6 and "dead-none" in dead.widget.value
    assert "try b¹₁ below −0.5" in dead.widget.value
    panel03.b_sliders[0][0].value = -0.6               # z¹₁ = 0.5 − 0.6 ≤ 0: ReLU off
    t = nnlib.worked_example().replace(1, b=[-0.6, 0.1]).trace(X, Y)
    shown = keyed_numbers(view.widget.value)
    for l in (1, 2, 3):
        for (i, j), v in np.ndenumerate(t[l].dW):
            assert shown[f"sum-dW-{l}-{i + 1}-{j + 1}"] == pytest.approx(v, abs=0.51e-4)
    assert shown["sum-dW-1-1-1"] == shown["sum-dW-1-1-2"] == shown["sum-db-1-1-1"] == 0.0
    assert "changed" in view.widget.value
    assert F.COLORS["dead"] in view.widget.value           # the dead row is greyed
    assert "z¹₁ = −0.1000 ≤ 0" in dead.widget.value
    panel03.reset()
    assert view.widget.value.count("✓") == 6


def test_dead_units_only_for_relu():
    t = nnlib.worked_example().replace(2, b=[0.2, -2.0]).trace(X, Y)
    assert B.dead_units(t, 1) == () and B.dead_units(t, 2) == (1,) and B.dead_units(t, 3) == ()
    assert np.all(t[2].dW[1] == 0)


def test_descent_table_shows_one_step():
    net = nnlib.worked_example()
    t = net.trace(X, Y)
    t1 = nnlib.gradient_descent_step(net, t, 0.1).trace(X, Y)
    html = B.descent_compare_html([("before", t), ("after", t1)])
    assert F.num(t1.output[0]) in html and F.num(t1.loss, 6) in html and "2.9780" in html


# --- notebook 02 -----------------------------------------------------------------------------

def test_loss_terms_sum_to_E(panel02):
    view = B.LiveHTML(panel02, B.loss_terms_html, "nn-02-loss")
    panel02.y_class.value = "3"
    t = panel02.trace
    shown = keyed_numbers(view.widget.value)
    assert shown["E-sum"] == pytest.approx(t.loss, abs=0.51e-4)
    assert shown["Ek-3"] == pytest.approx(-np.log(t.output[2]), abs=0.51e-4)
    assert shown["Ek-1"] == shown["Ek-2"] == 0.0
    sq = nnlib.worked_example().trace(X, Y)
    assert keyed_numbers(B.loss_terms_html(sq))["E-sum"] == pytest.approx(0.1362, abs=1e-4)


def test_delta_is_a_minus_y_by_central_differences(panel02):
    view = B.LiveHTML(panel02, B.delta_check_html, "nn-02-delta")
    panel02.x_sliders[0].value = -1.2
    panel02.W_sliders[1][2][1].value = 1.5
    t = panel02.trace
    delta, numeric = B.delta_check(t)
    np.testing.assert_allclose(delta, t.output - t.y, atol=1e-15)
    np.testing.assert_allclose(numeric, delta, atol=1e-9)
    shown = keyed_numbers(view.widget.value)
    for k in range(3):
        assert shown[f"delta-{k + 1}"] == pytest.approx(delta[k], abs=0.51e-6)
        assert shown[f"num-{k + 1}"] == pytest.approx(numeric[k], abs=0.51e-6)
    assert "nn-bad" not in view.widget.value


def test_outer_product_heat_map_follows_the_panel(panel02):
    view = B.OuterProductView(panel02)
    panel02.x_sliders[1].value = 0.7
    panel02.y_class.value = "1"
    t = panel02.trace
    np.testing.assert_allclose(t[2].dW, np.outer(t[2].delta, t[1].a))
    texts = view.art["dW"][1]
    for (i, j), v in np.ndenumerate(t[2].dW):
        assert texts[i][j].get_text() == f"{v:.3f}"
    np.testing.assert_allclose(view.art["dW"][0].get_array(), t[2].dW)
    np.testing.assert_allclose(view.art["delta"].get_array()[:, 0], t[2].delta)
    np.testing.assert_allclose(view.art["a"].get_array()[0], t[1].a)
    view.fig.canvas.draw()


def test_step_views_show_the_traces_numbers(panel02):
    views = {n: B.LiveHTML(panel02, f, f"nn-02-{n}") for n, f in
             [("s2", B.step2_html), ("s3", B.step3_html), ("s4", B.step4_html),
              ("s5", B.step5_html)]}
    panel02.b_sliders[0][1].value = 0.9
    t = panel02.trace
    np.testing.assert_allclose(t[2].WT_delta, t[2].W.T @ t[2].delta)
    np.testing.assert_allclose(t[1].delta, t[2].WT_delta * (1 - t[1].a ** 2))
    for v in t[2].dW.ravel():
        assert F.num(v) in views["s2"].widget.value
    for v in t[2].WT_delta:
        assert F.num(v) in views["s3"].widget.value
    for v in np.r_[t[1].fprime, t[1].delta]:
        assert F.num(v) in views["s4"].widget.value
    for v in t[1].dW.ravel():
        assert F.num(v) in views["s5"].widget.value
    assert "tanh" in views["s4"].widget.value


def test_half_vs_no_half_doubles_every_gradient():
    base = softmax_net()                            # softmax output: squared error is fine on it
    y = [0.0, 1.0, 0.0]
    t_h = base.with_loss("squared_error").trace(X02, y)
    t_n = base.with_loss("squared_error_no_half").trace(X02, y)
    n = 0
    for l in (1, 2):
        for k in ("delta", "dW", "db"):
            np.testing.assert_allclose(getattr(t_n[l], k), 2 * getattr(t_h[l], k))
            n += np.count_nonzero(getattr(t_h[l], k))
    html = B.half_vs_no_half_html(t_h, t_n)
    # the ratio row speaks of every δ and gradient entry of every layer, and counts them
    assert f"every entry of δˡ, ∂E/∂Wˡ, ∂E/∂bˡ, l = 1..2 ({n} nonzero): × 2.00<" in html
    assert F.num(t_n[2].delta[0]) in html and F.num(t_h[2].delta[0]) in html


def test_gradient_ratios_text_shows_a_spread_when_ratios_differ():
    t = softmax_net().with_loss("squared_error").trace(X02, [0.0, 1.0, 0.0])
    other = softmax_net().with_loss("squared_error").trace([0.5, -1.0, 1.0], [0.0, 1.0, 0.0])
    assert "…" in B.gradient_ratios_text(t, other)


def test_symbol_table_and_flow_are_live(panel02):
    table = B.LiveHTML(panel02, B.symbol_table_html, "nn-02-symbols")
    flow = B.LiveHTML(panel02, B.flow_html, "nn-02-flow")
    panel02.W_sliders[1][0][0].value = -1.5
    t = panel02.trace
    shown = keyed_numbers(table.widget.value)
    for k in range(3):
        assert shown[f"aL-{k + 1}"] == pytest.approx(t[2].a[k], abs=0.51e-4)
    for v in np.r_[t[2].W.ravel(), t[2].z]:
        assert F.num(v) in table.widget.value
    for v in np.r_[t[1].a, t[2].z, t[2].a]:
        assert F.num(v) in flow.widget.value
    assert "输出层权重矩阵" in table.widget.value


def test_a_failing_lesson_view_is_a_message_not_a_dead_panel(panel03):
    def picky(t):
        if t[0].a[0] > 2:
            raise RuntimeError("too big")
        return B.dead_html(t)
    view = B.LiveHTML(panel03, picky, "nn-03-picky")
    panel03.x_sliders[0].value = 2.5
    assert "too big" in panel03.errors.html.value
    panel03.x_sliders[0].value = 1.5
    assert panel03.errors.html.value == "" and "dead-none" in view.widget.value


def test_compare_table_marks_agreement():
    t = nnlib.worked_example().trace(X, Y)
    by_hand = (np.array([2.978]) - 3.5) * 1
    html = B.compare_html([("delta_o", by_hand, t[3].delta), ("wrong", [0.1], t[3].delta)])
    assert html.count("✓") == 1 and html.count("✗") == 1 and "−0.5220" in html


def test_running_a_cell_again_replaces_its_view(panel02):
    n = len(panel02._listeners)
    first = B.LiveHTML(panel02, B.step3_html, "nn-02-step3")
    B.OuterProductView(panel02)
    again = B.LiveHTML(panel02, B.step3_html, "nn-02-step3")
    B.OuterProductView(panel02)
    assert len(panel02._listeners) == n + 2
    panel02.x_sliders[0].value = 0.9
    assert F.num(panel02.trace[2].WT_delta[0]) in again.widget.value
    assert first.widget.value != again.widget.value          # the old one no longer follows


def test_live_views_say_which_state_they_show(panel02, panel03):
    v2 = B.LiveHTML(panel02, B.step3_html, "nn-02-step3")
    panel02.y_class.value = "3"
    panel02.x_sliders[2].value = -0.25
    assert "panel now: x = (0.50, −1.00, −0.25), class 3, E = " + F.num(panel02.trace.loss) \
        in v2.widget.value
    v3 = B.LiveHTML(panel03, B.dead_html, "nn-03-dead")
    assert "x = (1.00, 2.00), y = 3.50, E = 0.1362" in v3.widget.value
    assert "panel now" not in B.LiveHTML(panel03, B.dead_html, "z", state=False).widget.value
