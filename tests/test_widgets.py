"""The widget toolkit headless: what the views hold (the synced state the browser draws from)
is nnlib's numbers for the controls' values, and the learner's paths through a panel work
(η too large, reset, typed nonsense, dead units, the message that stays)."""
import json

import numpy as np
import pytest

import nnlib
from nnlib import fmt
from nnlib.i18n import tr
from nnlib.widgets import (Chart, Controls, Doc, NetworkPanel, Scene, SceneView, TemplateView,
                           group, matrix, show, slider)
from nnlib.widgets.network import COLORS

X, Y = [1.0, 2.0], [3.5]


def panel03(**kw):
    return NetworkPanel(nnlib.worked_example(), X, Y, **kw)


def move(controls, **values):
    """A learner's move in the browser: the new values arrive through set_state."""
    controls.set_state({"values": {**controls.values, **values}})


def press(controls, key):
    controls.receive({"type": "press", "key": key})


def typed_badly(controls, key, text, reason):
    controls.receive({"type": "rejected", "key": key, "text": text, "reason": reason})


def expected_values(t) -> dict:
    """Every slot of the values table as nnlib's trace gives it (formatted by nnlib.fmt)."""
    out = {"E": fmt.num(t.loss)}
    out.update({f"y-{k + 1}": fmt.num(v) for k, v in enumerate(np.ravel(t.y))})
    out.update({f"out-{k + 1}": fmt.num(v) for k, v in enumerate(np.ravel(t.output))})
    for l in range(1, t.L + 1):
        lt = t[l]
        for i in range(lt.z.shape[0]):
            out[f"z-{l}-{i + 1}"] = fmt.num(lt.z[i])
            out[f"a-{l}-{i + 1}"] = fmt.num(lt.a[i])
            out[f"delta-{l}-{i + 1}"] = fmt.num(lt.delta[i])
            out[f"db-{l}-{i + 1}"] = fmt.num(lt.db[i])
            for j in range(lt.W.shape[1]):
                out[f"dW-{l}-{i + 1}-{j + 1}"] = fmt.num(lt.dW[i, j])
    return out


def check_views(p):
    """Every view of the panel holds nnlib's numbers for the values on its controls."""
    net, x, y = p.current()
    t = net.trace(x, y)
    shown = p.values_view.values
    for key, text in expected_values(t).items():
        assert shown[key] == text, key
    up = p.diagram.updates
    for l in range(1, t.L + 1):
        for i in range(t[l].z.shape[0]):
            assert up[f"t-{l}-{i + 1}"]["lines"] == [f"z {fmt.num(t[l].z[i], 2)}",
                                                     f"a {fmt.num(t[l].a[i], 2)}",
                                                     f"δ {fmt.num(t[l].delta[i], 3)}"]
    for k, name in ((k, n) for k, n in p.controls.readouts.items()):
        it = p.controls.item(k)
        if it["kind"] == "slider" and "options" not in it:
            assert name == fmt.readout(p.controls.values[k], it["step"])   # readout = value
    return t


def test_panel_shows_the_worked_example():
    p = panel03()
    t = check_views(p)
    assert p.values_view.values["E"] == "0.1362" and p.values_view.values["out-1"] == "2.9780"
    assert p.message.text == ""
    spec = json.loads(p.spec.value)
    assert spec == {"sizes": [2, 2, 2, 1], "activations": ["relu", "relu", "identity"],
                    "loss": "squared_error", "reduction": "sum", "forward_only": False}
    assert t.loss == nnlib.worked_example().trace(X, Y).loss


def test_a_learners_move_changes_every_view_to_nnlibs_numbers():
    p = panel03()
    move(p.controls, **{"x-1": 0.5, "W-2-1-2": -0.3, "b-1-2": 0.25})
    t = check_views(p)
    assert p.values_view.values["E"] == fmt.num(t.loss)
    assert p.trace is not None and p.trace.loss == t.loss
    # the formulas in the tab in view follow too
    assert p.forward_view.values["f1-a-1-1"] == "0.5000"


def test_every_tab_is_filled_once_and_the_one_in_view_follows():
    p = panel03()
    assert p.gradcheck_view.values["gc-summary"] == tr("gradcheck.summary_ok", n=15)
    stale = dict(p.gradcheck_view.values)
    move(p.controls, **{"x-1": 0.3})
    assert p.gradcheck_view.values == stale          # hidden: not recomputed on a move
    p.tabs.selected_index = 2                        # opened: now it follows
    t = p.trace
    checks = nnlib.gradient_check(t.network, t.x, t.y, h=1e-5, richardson=False)
    c = checks[0]
    assert p.gradcheck_view.values["gc-W-1-1-1"] == fmt.num(c.analytic[0, 0], 6)
    assert p.gradcheck_view.values["gcok-W-1-1-1"] == tr("gradcheck.ok")


def test_dead_units_are_grey_and_dashed_and_their_edges_faint():
    p = panel03()
    move(p.controls, **{"b-1-1": -0.6})               # z¹₁ = −0.1 ≤ 0: ReLU off
    up = p.diagram.updates
    assert up["n-1-1"]["fill"] == COLORS["dead"] and up["n-1-1"]["stroke-dasharray"]
    assert up["n-1-2"]["fill"] != COLORS["dead"] and up["n-1-2"]["stroke-dasharray"] is None
    assert up["e-1-1-1"]["opacity"] < up["e-1-2-1"]["opacity"]
    assert p.values_view.classes["row-1-1"] == "nn-dead" and p.values_view.classes["row-1-2"] == ""
    assert up["legend-dead"]["text"] == tr("diagram.dead")


def test_zero_gradient_edges_are_grey_not_positive():
    p = panel03(edge_mode="dW")
    move(p.actions, edges="dW")
    move(p.controls, **{"b-1-1": -0.6})               # δ¹₁ = 0: row 1 of ∂E/∂W¹ is 0
    up = p.diagram.updates
    assert p.trace[1].dW[0, 0] == 0
    assert up["e-1-1-1"]["stroke"] == COLORS["zero"]
    assert up["e-1-2-1"]["stroke"] == COLORS["neg"]   # ∂E/∂W¹₂₁ < 0


def test_dead_legend_only_where_a_relu_exists():
    net = nnlib.Network([nnlib.Dense([[0.5, -0.3]], [0.1], "tanh"), nnlib.Dense([[1.0]], [0.0])])
    p = NetworkPanel(net, X, [0.2])
    assert p.diagram.updates["legend-dead"]["text"] == ""
    assert panel03().diagram.updates["legend-dead"]["text"] == tr("diagram.dead")


# --- the learner's paths -------------------------------------------------------------------

def test_eta_too_large_warns_until_the_next_action_and_undo_goes_back_one_step():
    p = panel03()
    p.actions.set({"gd-eta": 5.0})
    press(p.actions, "gd-step")
    E1 = p.trace.loss
    assert p.gd.steps == 1 and E1 > 0.136
    warning = p.message.text
    assert warning == tr("descent.went_up", old=fmt.num_wide(0.136242), new=fmt.num_wide(E1),
                         eta="5", L="E")
    press(p.actions, "gd-step")                        # a second diverging step
    assert p.gd.steps == 2 and p.message.text.startswith(tr("descent.went_up", old="", new="",
                                                           eta="5", L="E")[:3])
    assert "e+" in p.message.text or len(p.message.text) < 200   # no 180-digit number
    press(p.actions, "gd-undo")
    assert p.gd.steps == 1 and p.trace.loss == E1 and p.message.text == ""
    press(p.actions, "gd-undo")
    assert p.gd.steps == 0 and p.trace.loss == pytest.approx(0.136242)
    check_views(p)


def test_an_overflow_says_so_and_keeps_the_last_finite_state():
    p = panel03()
    p.actions.set({"gd-eta": 50.0, "gd-k": 200})
    press(p.actions, "gd-step")
    kept = p.gd.steps
    assert 0 < kept < 200 and np.isfinite(p.trace.loss)
    assert p.message.text == tr("descent.diverged", k=kept + 1, eta="50", kept=kept,
                                E=fmt.num_wide(p.gd.trace.loss), L="E")
    assert p.trace.loss == p.gd.trace.loss             # the panel shows the kept state
    assert all(len(v) < 20 for v in p.values_view.values.values())   # 1.23e+45, never 45 digits
    check_views(p)


def test_reset_restores_values_ranges_eta_and_history():
    p = panel03()
    start_items = {k: dict(p.controls.item(k)) for k in p.controls.values}
    p.actions.set({"gd-eta": 50.0, "gd-k": 30})
    press(p.actions, "gd-step")                        # weights far outside the ranges
    assert any(p.controls.item(k)["max"] > 2.0 for k in p.controls.values
               if p.controls.item(k)["kind"] == "slider")
    check_views(p)                                     # readouts are the values used
    press(p.actions, "reset")
    assert p.gd is None and p.message.text == ""
    assert p.actions.values["gd-eta"] == 0.02 and p.actions.values["gd-k"] == 1
    for k, it in start_items.items():
        assert p.controls.item(k) == it, k             # ranges back too
    assert p.controls.values["b-3-1"] == 0.3 and p.controls.readouts["b-3-1"] == "0.30"
    assert p.values_view.values["E"] == "0.1362"
    check_views(p)


def test_a_typed_value_out_of_range_or_nonsense_is_refused_and_said():
    p = panel03()
    before = dict(p.controls.values)
    typed_badly(p.controls, "x-1", "abc", "nan")
    assert p.controls.values == before
    assert p.message.text == tr("msg.reject.nan", text="abc", label="x₁", value="1.00")
    typed_badly(p.controls, "x-1", "7", "range")
    assert p.message.text == tr("msg.reject.range", text="7", label="x₁", lo="−3.00",
                                hi="3.00", value="1.00")
    move(p.controls, **{"x-1": 1.5})                   # the next action clears the message
    assert p.message.text == ""


def test_a_learners_move_starts_the_descent_afresh_but_a_step_does_not():
    p = panel03()
    press(p.actions, "gd-step")
    press(p.actions, "gd-step")
    assert p.gd.steps == 2                             # the panel's own move kept it
    move(p.controls, **{"x-2": 1.5})
    assert p.gd is None


def test_forward_only_panel_has_no_target_no_E_no_delta():
    net = nnlib.Network([nnlib.Dense([[0.6, -0.4, 0.9], [-0.5, 0.8, 0.3]], [0.1, -0.2], "relu")])
    p = NetworkPanel(net, [1.0, 0.5, 1.5], views=("diagram", "values", "forward"),
                     activation_choices=(1,))
    assert "E" not in p.values_view.values and "delta-1-1" not in p.values_view.values
    assert p.diagram.updates["t-1-1"]["lines"] == ["z 1.85", "a 1.85"]
    move(p.controls, **{"f-1": "tanh"})
    assert p.values_view.values["a-1-1"] == fmt.num(np.tanh(1.85))
    assert "tanh" in p.values_view.template


def test_cross_entropy_target_is_a_class():
    rng = np.random.default_rng(0)
    net = nnlib.Network([nnlib.Dense(rng.uniform(-1, 1, (4, 3)), rng.uniform(-.5, .5, 4), "tanh"),
                         nnlib.Dense(rng.uniform(-1, 1, (3, 4)), rng.uniform(-.5, .5, 3),
                                     "softmax")], loss="cross_entropy")
    p = NetworkPanel(net, [0.5, -1.0, 1.5], [0.0, 1.0, 0.0])
    assert p.controls.values["y-class"] == 2
    move(p.controls, **{"y-class": 3})
    t = check_views(p)
    np.testing.assert_array_equal(t.y, [0, 0, 1])


def test_follow_replaces_a_view_with_the_same_key():
    p = panel03()
    seen = []

    class V:
        def __init__(self, name):
            self.name = name

        def update(self, t):
            seen.append(self.name)

    p.follow(V("first"), key="k")
    p.follow(V("again"), key="k")                      # a cell run again
    seen.clear()
    move(p.controls, **{"x-1": 0.9})
    assert seen == ["again"]


def test_an_error_in_a_followed_view_is_one_line_and_the_panel_lives_on():
    p = panel03()

    class Broken:
        def update(self, t):
            raise RuntimeError("boom")

    p.follow(Broken(), key="b")
    move(p.controls, **{"x-1": 0.9})
    assert "RuntimeError: boom" in p.message.text and "\n" not in p.message.text
    p.follow(type("Fine", (), {"update": lambda self, t: None})(), key="b")
    move(p.controls, **{"x-1": 0.8})
    assert p.message.text == ""
    check_views(p)


def bundle(obj) -> dict:
    out = obj._repr_mimebundle_()
    return out[0] if isinstance(out, tuple) else out


def test_every_widget_says_to_run_the_cell_where_none_can_be_shown():
    p = panel03()
    data = bundle(p)
    assert data["text/plain"] == tr("fallback.panel")
    assert "application/vnd.jupyter.widget-view+json" in data
    assert bundle(p.diagram)["text/plain"] == tr("fallback.picture")
    assert bundle(p.controls)["text/plain"] == tr("fallback.controls")
    assert repr(show(lambda d: "x", )) == tr("fallback.numbers")


# --- the parts --------------------------------------------------------------------------------

def test_controls_readouts_hold_and_widening():
    c = Controls([group("g", [slider("a", "a", 0.3, -1, 1), slider("b", "b", 0.0, -1, 1)])])
    calls = []
    c.on_change(lambda keys, user: calls.append((sorted(keys), user)))
    assert c.readouts == {"a": "0.30", "b": "0.00"}
    with c.hold():
        c.set({"a": 0.123456})
        c.set({"b": 5.0})                              # outside: the range widens
    assert calls == [(["a", "b"], False)]
    assert c.readouts["a"] == "0.1235" and c.item("b")["max"] == 7.5
    c.set_state({"values": {"a": 0.5, "b": 5.0}})
    assert calls[-1] == (["a"], True)
    c.reset()
    assert c.values == {"a": 0.3, "b": 0.0} and c.item("b")["max"] == 1.0


def test_template_slots_and_the_static_picture():
    def build(M, doc):
        return matrix(doc, "m", M, "weight", "W", dead_rows=[False, True])
    v = TemplateView(build)
    v.update(np.array([[1.0, -2.0], [0.5, 0.0]]))
    assert v.values == {"m-1-1": "1.0000", "m-1-2": "−2.0000", "m-2-1": "0.5000", "m-2-2": "0.0000"}
    assert v.classes == {"m-r1": "", "m-r2": "nn-dead"}
    assert 'data-key="m-1-1"></td>' in v.template
    html = show(build, np.array([[1.0, -2.0], [0.5, 0.0]]))._repr_html_()
    assert 'data-key="m-1-2">−2.0000</td>' in html and 'class="nn-dead"' in html
    d = Doc()
    d.num("k", -0.00001)
    assert d.values["k"] == "0.0000"                   # never −0.0000


def test_scene_and_chart():
    s = Scene(200, 100)
    c = Chart(s, (30, 10, 160, 70), (0, 10), (1e-3, 1e2), log_y=True, id="c")
    c.add_line("L", "#000")
    c.add_point("p", "#f00")
    up = c.line("L", [0, 1, 2, 3], [1.0, 1e5, 10.0, np.nan])  # 1e5 is off the chart: a gap
    assert up["c-L"]["d"].count("M") == 2 and up["c-L"]["d"].count("L") == 0
    assert c.point("p", 5, 1e9)["c-p"]["visibility"] == "hidden"
    view = SceneView(s)
    assert view.shapes == s.shapes and view.width == 200
    clicks = []
    view.on_click(clicks.append)
    view.receive({"event": "click", "id": "dot-3"})
    assert clicks == ["dot-3"]


def test_a_view_out_of_sight_is_brought_up_to_date_when_it_comes_back():
    from nnlib.lessons import backprop as B
    p = panel03()
    view = B.live(p, B.step3, "nn-test-step3")
    view.receive({"event": "visible", "visible": False, "view": "a"})
    assert not view.visible
    before = dict(view.values)
    move(p.controls, **{"x-1": 0.4})
    assert view.values == before                       # not redrawn while out of sight
    view.receive({"event": "visible", "visible": True, "view": "a"})
    assert view.values["s3-3-e-1-1"] == fmt.num(p.trace[3].WT_delta[0])
    assert view.values != before and view.nn_shows is p.trace
