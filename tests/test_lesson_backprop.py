"""nnlib.lessons.backprop headless: the lesson views of notebooks 02 and 03 hold exactly what
nnlib computes (their synced slot texts and picture updates), before and after a learner's
moves on the panel they follow."""
import numpy as np
import pytest

import nnlib
from nnlib import fmt
from nnlib.i18n import tr
from nnlib.lessons import backprop as B
from nnlib.widgets import Doc, NetworkPanel, show

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
                                                        "backward"), activation_choices=(1,))


def move(panel, **values):
    """A learner's move in the browser (see tests/test_widgets.py)."""
    c = panel.controls
    c.set_state({"values": {**c.values, **values}})


def slots(build, *args):
    doc = Doc()
    build(*args, doc)
    return doc.values, doc.classes


# --- notebook 03 -----------------------------------------------------------------------------

def test_notes_summary_matches_the_notes_to_4_decimals():
    t = nnlib.worked_example().trace(X, Y)
    values, _ = slots(B.notes_summary, t)
    assert [values[f"sum-ok-{k}-{l}"] for _, l, k, _ in B.NOTES_SUMMARY] == ["✓"] * 6
    for name, l, kind, printed in B.NOTES_SUMMARY:
        got = t[l].dW if kind == "W" else t[l].db
        printed = np.atleast_2d(printed) if kind == "W" else np.asarray(printed)[:, None]
        got = np.atleast_2d(got) if kind == "W" else np.asarray(got)[:, None]
        for (i, j), p in np.ndenumerate(printed):
            assert values[f"sum-d{kind}-{l}-{i + 1}-{j + 1}"] == fmt.num(p) == fmt.num(got[i, j])


def test_live_summary_and_dead_line_follow_the_panel(panel03):
    summary = B.live(panel03, B.notes_summary_live, "nn-03-summary", state=False)
    dead = B.live(panel03, B.dead_units_hint, "nn-03-dead", state=False)
    assert summary.values["sum-ok-W-1"] == "✓"
    assert dead.values["dead"] == tr("bp.alive") + tr("bp.alive_hint", hint=tr("bp.hint.b11"))
    move(panel03, **{"b-1-1": -0.6})                       # z¹₁ = 0.5 − 0.6 ≤ 0: ReLU off
    t = panel03.trace
    assert t[1].z[0] < 0 and t[1].delta[0] == 0
    assert summary.values["sum-dW-1-1-1"] == "0.0000" and summary.values["sum-dW-1-1-2"] == "0.0000"
    assert summary.values["sum-ok-W-1"] == tr("bp.sum.changed")
    assert summary.classes["sum-dW-1-r1"] == "nn-dead" and summary.classes["sum-dW-1-r2"] == ""
    assert dead.values["dead"] == tr("bp.dead", z="z¹₁", v=fmt.num(t[1].z[0]), i=1, d="δ¹₁",
                                     W="W¹", b="b¹₁")


def test_dead_units_use_the_cores_rule():
    net = nnlib.Network([nnlib.Dense([[1.0, -1.0]], [0.0], "tanh"), nnlib.Dense([[1.0]], [0.0])])
    values, _ = slots(B.dead_units, net.trace([1.0, 2.0], [0.0]))
    assert values["dead"] == tr("bp.alive")                  # tanh: f′ > 0, nothing dead


def test_descent_compare_shows_one_step():
    net = nnlib.worked_example()
    t = net.trace(X, Y)
    t1 = nnlib.gradient_descent_step(net, t, 0.02).trace(X, Y)
    values, _ = slots(B.descent_compare, [("k = 0", t), ("k = 1", t1)])
    assert values["dc0-E"] == "0.136242" and values["dc1-a"] == fmt.num(t1.output[0])
    assert values["dc1-E"] == fmt.num(t1.loss, 6) and t1.loss < t.loss


def test_compare_marks_agreement():
    html = show(B.compare, [("a", [1.0, 2.0], [1.0, 2.0]), ("b", [1.0], [1.5])]).html
    assert html.count('class="nn-ok">✓') == 1 and html.count('class="nn-bad">✗') == 1


# --- notebook 02 -----------------------------------------------------------------------------

def test_loss_terms_sum_to_E(panel02):
    view = B.live(panel02, B.loss_terms, "nn-02-loss", state=False)
    t = panel02.trace
    assert view.values["E-sum"] == fmt.num(t.loss)
    np.testing.assert_allclose(-np.log(t.output[1]), t.loss)
    assert view.values["Ek-2"] == fmt.num(t.loss) and view.values["Ek-1"] == "0.0000"
    move(panel02, **{"y-class": 3})
    assert view.values["Ek-3"] == fmt.num(panel02.trace.loss) and view.values["Ek-2"] == "0.0000"


def test_delta_is_a_minus_y_by_central_differences(panel02):
    view = B.live(panel02, B.delta_check_table, "nn-02-delta")
    t = panel02.trace
    delta, numeric = B.delta_check(t)
    np.testing.assert_allclose(delta, t.output - t.y)
    np.testing.assert_allclose(numeric, delta, atol=1e-9)
    for k in range(3):
        assert view.values[f"delta-{k + 1}"] == fmt.num(delta[k], 6)
        assert view.values[f"num-{k + 1}"] == fmt.num(numeric[k], 6)
        assert view.values[f"ok-{k + 1}"] == "✓"
    move(panel02, **{"x-1": -2.0, "W-2-1-1": 1.5})
    t = panel02.trace
    assert view.values["delta-1"] == fmt.num(t[2].delta[0], 6)


def test_outer_product_heat_map_holds_delta_times_a(panel02):
    view = B.OuterProductView(panel02)
    t = panel02.trace
    for (i, j), v in np.ndenumerate(t[2].dW):
        assert view.updates[f"w{i + 1}-{j + 1}-t"]["text"] == fmt.num(v, 3)
        assert np.isclose(v, t[2].delta[i] * t[1].a[j])
    move(panel02, **{"x-2": 2.0})
    t = panel02.trace
    assert view.updates["w1-1-t"]["text"] == fmt.num(t[2].dW[0, 0], 3)
    assert view.updates["a1-t"]["text"] == fmt.num(t[1].a[0], 3)
    assert view.updates["w1-1-r"]["fill"].startswith("#")


def test_step_views_show_the_traces_numbers(panel02):
    views = {k: B.live(panel02, getattr(B, k), f"nn-02-{k}") for k in ("step2", "step3", "step4",
                                                                         "step5")}
    move(panel02, **{"b-1-2": 0.4})
    t = panel02.trace
    assert views["step2"].values["s2-2-dW-3-4"] == fmt.num(t[2].dW[2, 3])
    assert views["step3"].values["s3-2-e-4-1"] == fmt.num(t[2].WT_delta[3])
    assert views["step4"].values["s4-1-d-2-1"] == fmt.num(t[1].delta[1])
    assert views["step4"].values["s4-1-fp-2-1"] == fmt.num(1 - np.tanh(t[1].z[1]) ** 2)
    assert views["step5"].values["s2-1-dW-4-3"] == fmt.num(t[1].dW[3, 2])
    assert tr("bp.fprime.tanh") in views["step4"].values["s4-1-rule"]
    move(panel02, **{"f-1": "relu"})                         # the menu: f′ of ReLU now
    assert tr("bp.fprime.relu") in views["step4"].values["s4-1-rule"]


def test_half_vs_no_half_doubles_every_gradient():
    base = softmax_net()                            # softmax output: squared error is fine on it
    t_h = base.with_loss("squared_error").trace(X02, Y02)
    t_n = base.with_loss("squared_error_no_half").trace(X02, Y02)
    n = 0
    for l in (1, 2):
        for k in ("delta", "dW", "db"):
            np.testing.assert_allclose(getattr(t_n[l], k), 2 * getattr(t_h[l], k))
            n += np.count_nonzero(getattr(t_h[l], k))
    values, _ = slots(B.half_vs_no_half, t_h, t_n)
    assert values["ratios"] == tr("bp.ratios", L=2, n=n, span="× 2.00")
    assert values["ratio-E"] == "2.00"
    assert values["n-d-1-1"] == fmt.num(t_n[2].delta[0]) and values["h-d-1-1"] == fmt.num(t_h[2].delta[0])


def test_gradient_ratios_text_shows_a_spread_when_ratios_differ():
    t = softmax_net().with_loss("squared_error").trace(X02, Y02)
    other = softmax_net().with_loss("squared_error").trace([0.5, -1.0, 1.0], Y02)
    assert "…" in B.gradient_ratios_text(t, other)


def test_symbol_table_and_flow_follow_the_panel(panel02):
    table = B.live(panel02, B.symbol_table, "nn-02-symbols")
    flow = B.live(panel02, B.flow, "nn-02-flow")
    move(panel02, **{"W-2-1-1": -1.5})
    t = panel02.trace
    assert table.values["sym-W-1-1"] == "−1.5000"
    assert table.values["sym-a-2-1"] == fmt.num(t[2].a[1])
    assert flow.values["fl-z-3-1"] == fmt.num(t[2].z[2])


def test_live_views_say_which_state_they_show(panel02, panel03):
    v2 = B.live(panel02, B.step3, "nn-02-step3")
    assert v2.values["state"] == tr("bp.state", x="0.50, −1.00, 1.50",
                                    target=tr("bp.state.class", k=2), E=fmt.num(panel02.trace.loss))
    v3 = B.live(panel03, B.step3, "nn-03-step3")
    assert v3.values["state"] == tr("bp.state", x="1.00, 2.00", target="y = 3.50", E="0.1362")


def test_running_a_cell_again_replaces_its_view(panel02):
    first = B.live(panel02, B.step3, "nn-02-step3")
    second = B.live(panel02, B.step3, "nn-02-step3")
    move(panel02, **{"x-1": 1.0})
    assert second.values["s3-2-e-1-1"] == fmt.num(panel02.trace[2].WT_delta[0])
    assert first.values != second.values                     # the first one is not followed


def test_a_failing_lesson_view_is_a_message_not_a_dead_panel(panel03):
    def broken(t, doc):
        raise ZeroDivisionError("oops")

    B.live(panel03, broken, "nn-broken")
    assert "ZeroDivisionError: oops" in panel03.message.text
    move(panel03, **{"x-1": 0.5})
    assert panel03.values_view.values["z-1-1"] == fmt.num(panel03.trace[1].z[0])


def test_params_and_vectors_pictures():
    html = show(B.params, nnlib.worked_example()).html
    assert 'data-key="p3-W-1-2">1.0000<' in html and "W³" in html
    html = show(B.vectors, [("x", np.array([1.0, 2.0]), "input")]).html
    assert 'class="nn-input" data-key="v0-2-1">2.0000<' in html
