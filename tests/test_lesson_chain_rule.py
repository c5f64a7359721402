"""Notebook 04's widgets (nnlib.lessons.chain_rule), headless: the synced state the browser
draws from (TemplateView values, SceneView updates, Controls readouts) holds nnlib's numbers,
formatted by nnlib.fmt, for the controls' values, before and after a learner's moves; an error
keeps the last good state with its message; the lesson's maths agree with nnlib."""
import re

import numpy as np
import pytest

import nnlib
from nnlib import fmt
from nnlib.i18n import language, set_language, tr
from nnlib.lessons import chain_rule as C
from nnlib.widgets import NetworkPanel, show

from helpers import keyed_numbers, path_points


def move(controls, **values):
    """A learner's move in the browser: the new values arrive through set_state."""
    controls.set_state({"values": {**controls.values, **values}})


def graph_net():
    return nnlib.Network([nnlib.Dense([[0.4, -0.6], [0.7, 0.2]], [0.1, -0.2], "sigmoid"),
                          nnlib.Dense([[1.2, -0.8]], [0.3], "identity")])


def readouts_are_the_values(controls):
    for key, text in controls.readouts.items():
        it = controls.item(key)
        if it["kind"] == "slider" and "options" not in it:
            assert text == fmt.readout(controls.values[key], it["step"]), key


# --- the chain rule ------------------------------------------------------------------------

@pytest.mark.parametrize("x, w, b, t", [(1.5, 0.8, -0.5, 0.9), (-2.0, 3.1, 1.0, 0.0),
                                        (0.0, -1.0, 0.3, 1.0)])
def test_chain_values_are_the_local_derivatives_and_their_product(x, w, b, t):
    v = C.chain_values(x, w, b, t)
    a = 1.0 / (1.0 + np.exp(-(w * x + b)))
    assert v["u"] == pytest.approx(w * x + b)
    assert v["a"] == pytest.approx(a)
    assert v["E"] == pytest.approx(0.5 * (a - t) ** 2)
    assert v["dE_da"] == pytest.approx(a - t)             # f₃′
    assert v["da_du"] == pytest.approx(a * (1 - a))       # f₂′
    assert v["du_dw"] == pytest.approx(x)                 # f₁′
    assert v["product"] == pytest.approx(v["nnlib_dw"], rel=1e-12, abs=1e-15)
    assert v["fd"] == pytest.approx(v["product"], rel=1e-6, abs=1e-10)
    assert v["product_dx"] == pytest.approx(v["nnlib_dx"], rel=1e-12, abs=1e-15)
    assert v["nnlib_db"] == pytest.approx(v["dE_da"] * v["da_du"])       # ∂u/∂b = 1
    E = lambda ww: C.chain_net(ww, b).E([x], [t])                        # noqa: E731
    assert v["fd"] == pytest.approx((E(w + 1e-5) - E(w - 1e-5)) / 2e-5, rel=1e-9, abs=1e-12)


def test_E_of_w_is_nnlibs_E():
    ws = np.linspace(-4, 4, 9)
    np.testing.assert_allclose(C.E_of_w(1.5, -0.5, 0.9, ws),
                               [C.chain_net(w, -0.5).E([1.5], [0.9]) for w in ws], rtol=1e-14)


def chain_shown(wdg):
    """Check every number of the chain widget against chain_values for its controls' values."""
    c = wdg.controls.values
    v = C.chain_values(c["x"], c["w"], c["b"], c["t"])
    shown = wdg.table.values
    for key in ("u", "a", "E", "dE_da", "da_du", "du_dw"):
        assert shown[key] == fmt.num(v[key]), key
    for key in ("product", "fd", "nnlib_dw", "nnlib_dx", "nnlib_db", "product_dx"):
        assert shown[key] == fmt.num(v[key], 6), key
    assert shown["x"] == fmt.num(c["x"], 2) and shown["t"] == fmt.num(c["t"], 2)
    assert shown["agree"] == tr("gradcheck.ok") and wdg.table.classes["agree"] == "nn-ok"
    readouts_are_the_values(wdg.controls)
    # the picture: the point at (w, E), the tangent's slope is the chain's product
    chart, up = wdg.chart, wdg.plot.updates
    assert (up["chain-point"]["cx"], up["chain-point"]["cy"]) == \
        pytest.approx((float(chart.px(c["w"])), float(chart.py(v["E"]))), abs=0.051)
    (x0, y0), (x1, y1) = path_points(up["chain-tangent"]["d"])
    sx, sy = chart.w / (chart.xlim[1] - chart.xlim[0]), chart.h / (chart.ylim[1] - chart.ylim[0])
    assert -(y1 - y0) / sy / ((x1 - x0) / sx) == pytest.approx(v["product"], abs=2e-3)
    assert up["chain-curve"] == chart.line("curve", C.WS, C.E_of_w(c["x"], c["b"], c["t"], C.WS))[
        "chain-curve"]
    return v


def test_chain_widget_shows_nnlibs_numbers_before_and_after_moves():
    wdg = C.ChainRuleWidget()
    chain_shown(wdg)
    move(wdg.controls, w=-1.2, x=2.0, t=0.25)
    v = chain_shown(wdg)
    assert wdg.values["E"] == v["E"] and wdg.message.text == ""
    move(wdg.controls, w=2.5)                       # w alone: the curve stays, the rest moves
    chain_shown(wdg)
    assert wdg.controls.readouts["w"] == "2.50"


def test_a_steep_tangent_is_cut_at_the_chart_not_dropped():
    wdg = C.ChainRuleWidget()
    move(wdg.controls, x=3.0, w=0.0, b=0.0, t=1.0)  # slope (a − t)·σ′·x = −0.375
    lo, hi = C.tangent_span(0.0, wdg.values["E"], -3.0, wdg.chart)
    assert 0.0 - 0.9 < lo < hi < 0.9
    ys = wdg.values["E"] - 3.0 * np.array([lo, hi])
    assert ys.max() == pytest.approx(wdg.chart.ylim[1]) and ys.min() >= wdg.chart.ylim[0]
    assert wdg.plot.updates["chain-tangent"]["d"].count("L") == 1


def test_chain_widget_error_keeps_the_last_good_state(monkeypatch):
    wdg = C.ChainRuleWidget()
    before, pic = dict(wdg.table.values), dict(wdg.plot.updates)

    def boom(*args):
        raise ValueError("layer 1: something readable")

    monkeypatch.setattr(C, "chain_values", boom)
    move(wdg.controls, w=1.7)
    assert wdg.message.text == "layer 1: something readable"
    assert wdg.table.values == before and wdg.plot.updates == pic
    monkeypatch.undo()
    move(wdg.controls, w=1.6)                       # the next move clears it
    assert wdg.message.text == ""
    chain_shown(wdg)


def test_the_widgets_speak_the_language_they_are_built_in():
    before = language()
    try:
        set_language("en")
        wdg = C.ChainRuleWidget()
        assert wdg.controls.groups[0]["title"] == "inputs and parameters"
        assert "backward: the local derivatives" in wdg.table.template
        assert wdg.table.values["agree"] == "✓ relative error < 10⁻⁷"
        assert "sample i" in C.AggregationWidget().table.template
    finally:
        set_language(before)


# --- the computation graph -----------------------------------------------------------------

def test_graph_tensors_come_from_the_trace():
    t = graph_net().trace([1.0, 2.0], [0.5])
    T = {d["key"]: d for d in C.graph_tensors(t)}
    np.testing.assert_allclose(T["u1"]["value"], t[1].W @ t[0].a)
    np.testing.assert_allclose(T["z1"]["value"], t[1].z)
    np.testing.assert_allclose(T["a2"]["grad"], t[2].a - t.y)       # ∂E/∂aᴸ = aᴸ − y
    np.testing.assert_allclose(T["a1"]["grad"], t[2].W.T @ t[2].delta)
    np.testing.assert_allclose(T["W1"]["grad"], np.outer(t[1].delta, t[0].a))
    np.testing.assert_allclose(T["b2"]["grad"], T["z2"]["grad"])     # “+” passes δ on
    np.testing.assert_allclose(T["x"]["grad"], t[1].W.T @ t[1].delta)
    assert T["E"]["grad"][0] == 1.0 and T["E"]["value"][0] == t.loss


def graph_shown(view, t):
    up = view.view.updates
    for key, arr in (("x", t[0].a), ("z1", t[1].z), ("a1", t[1].a), ("u2", t[2].z - t[2].b),
                     ("a2", t[2].a), ("y", t.y), ("W1", t[1].W), ("W2", t[2].W), ("b1", t[1].b)):
        for (i, j), v in np.ndenumerate(np.atleast_2d(np.asarray(arr).T).T):
            assert up[f"v-{key}-{i + 1}-{j + 1}"]["text"] == fmt.num(v, 2), key
    assert up["v-E-1-1"]["text"] == fmt.num(t.loss, 4)
    for key, arr in (("x", t[0].dE_da), ("z1", t[1].delta), ("a1", t[1].dE_da),
                     ("W1", t[1].dW), ("W2", t[2].dW), ("z2", t[2].delta), ("a2", t[2].dE_da)):
        for (i, j), v in np.ndenumerate(np.atleast_2d(np.asarray(arr).T).T):
            assert up[f"g-{key}-{i + 1}-{j + 1}"]["text"] == fmt.num(v, 3), key
    assert not any(k.startswith(("g-u1-", "g-b1-", "g-E-", "g-y-")) for k in up)  # named only
    ids = {s.get("id") for s in view.view.shapes}
    assert set(up) <= ids                           # every update has its shape


def test_graph_view_follows_the_panel():
    panel = NetworkPanel(graph_net(), x=[1.0, 2.0], y=[0.5], views=("values",))
    view = C.GraphView(panel)
    graph_shown(view, graph_net().trace([1.0, 2.0], [0.5]))
    shapes = view.view.shapes
    move(panel.controls, **{"x-2": -0.7, "W-2-1-1": -0.4, "y-1": 1.25})
    t = graph_net().replace(2, W=[[-0.4, -0.8]]).trace([1.0, -0.7], [1.25])
    graph_shown(view, t)
    assert view.view.shapes is shapes               # drawn once: a move sends texts only
    assert panel.message.text == ""
    again = C.GraphView(panel)                      # the cell run again: one follower
    assert list(panel._followers.values()) == [again]


def test_graph_scene_has_a_box_for_every_tensor_in_the_notes_colours():
    t = nnlib.Network([nnlib.Dense(np.full((3, 2), 0.1), np.zeros(3), "relu"),
                       nnlib.Dense(np.full((1, 3), 0.2), [0.0])]).trace([1.0, 2.0], [0.5])
    s = C.graph_scene(t)
    fills = [sh.get("fill") for sh in s.shapes if sh["tag"] == "rect"]
    for colour in (C.FILL["input"], C.FILL["weight"], C.FILL["output"], C.FILL["delta"]):
        assert colour in fills
    texts = " ".join(sh.get("text", "") for sh in s.shapes)
    assert "relu" in texts and "½‖·‖²" in texts and "u²=W²a¹" in texts
    assert set(C.graph_updates(t)) <= {sh.get("id") for sh in s.shapes}


# --- the scalar loss -----------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["sum", "mean"])
def test_vjp_with_the_seed_is_nnlibs_gradient_of_the_aggregated_loss(mode):
    X, Y = C.make_batch(5, seed=3)
    net = C.linear_net()
    agg = C.aggregate(net, X, Y, mode)
    tr_ = net.with_loss(reduction=mode).trace(X, Y)
    np.testing.assert_allclose(agg["g"], np.r_[tr_[1].dW.ravel(), tr_[1].db], rtol=1e-12)
    assert agg["L"] == pytest.approx(tr_.loss) and agg["how"] == "trace"
    assert agg["J"].shape == (5, 3)
    for i in range(5):                              # row i: sample i's own gradient
        ti = net.trace(X[:, i], Y[:, i])
        np.testing.assert_allclose(agg["J"][i], np.r_[ti[1].dW.ravel(), ti[1].db])


def test_weighted_seed_matches_central_differences():
    X, Y = C.make_batch(4)
    agg = C.aggregate(C.linear_net(), X, Y, "weighted", [2.0, 0.0, -0.5, 1.0])
    np.testing.assert_allclose(agg["g"], agg["check"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(agg["g"], np.array([2.0, 0.0, -0.5, 1.0]) @ agg["J"])
    assert agg["rel_error"] < 1e-8 and agg["how"] == "central"
    with pytest.raises(ValueError, match=re.escape(tr("chain.agg.weights_shape", B=4, shape=(2,)))):
        C.aggregate(C.linear_net(), X, Y, "weighted", [1.0, 2.0])
    with pytest.raises(ValueError, match=re.escape(tr("chain.agg.unknown", got="'max'"))):
        C.seed_vector("max", 4)


def agg_shown(wdg, v):
    """The table and the arrows hold vᵀJ for the seed v, from nnlib's per-sample traces."""
    ell, J = C.jacobian(wdg.net, wdg.X, wdg.Y)
    g = np.asarray(v) @ J
    shown = wdg.table.values
    for p in range(3):
        assert shown[f"g-{p + 1}"] == fmt.num(g[p], 5), p
    for i in range(4):
        assert shown[f"v-{i + 1}"] == fmt.num(v[i], 5)
        assert shown[f"ell-{i + 1}"] == fmt.num(ell[i], 5)
        assert shown[f"J-{i + 1}-1"] == fmt.num(J[i, 0], 5)
    assert shown["L"] == fmt.num(np.asarray(v) @ ell, 5)
    assert shown["agree"] == tr("gradcheck.ok")
    c = wdg.chart
    tip = path_points(wdg.plot.updates["total"]["d"])[2]       # the head's point
    assert tip == pytest.approx((float(c.px(-g[0])) - c.x0, float(c.py(-g[1])) - c.y0), abs=0.051)
    ring = wdg.plot.updates["check"]
    assert (ring["cx"], ring["cy"]) == pytest.approx(tip, abs=0.1)
    readouts_are_the_values(wdg.controls)


def test_aggregation_widget():
    wdg = C.AggregationWidget()
    assert sorted(wdg.controls.disabled) == ["v-1", "v-2", "v-3", "v-4"]
    agg_shown(wdg, np.ones(4))
    move(wdg.controls, mode="mean")
    assert [wdg.controls.values[f"v-{i}"] for i in range(1, 5)] == [0.25] * 4
    assert len(wdg.controls.disabled) == 4
    agg_shown(wdg, np.full(4, 0.25))
    t = wdg.net.with_loss(reduction="mean").trace(wdg.X, wdg.Y)
    want = np.r_[t[1].dW.ravel(), t[1].db]
    assert [wdg.table.values[f"check-{p}"] for p in (1, 2, 3)] == [fmt.num(g, 5) for g in want]
    assert wdg.table.values["how"] == tr("chain.agg.how_trace", mode="mean")
    move(wdg.controls, mode="weighted")
    assert wdg.controls.disabled == []
    move(wdg.controls, **{"v-3": 0.0})
    move(wdg.controls, **{"v-1": 1.5})
    v = np.array([1.5, 0.25, 0.0, 0.25])
    np.testing.assert_allclose(wdg.agg["v"], v)
    agg_shown(wdg, v)
    assert wdg.table.values["how"] == tr("chain.agg.how_central")
    assert wdg.message.text == ""
    move(wdg.controls, mode="sum")                  # back: the seed 1 on disabled sliders
    assert len(wdg.controls.disabled) == 4
    agg_shown(wdg, np.ones(4))


def test_aggregation_error_keeps_the_last_good_state(monkeypatch):
    wdg = C.AggregationWidget()
    before, pic = dict(wdg.table.values), dict(wdg.plot.updates)
    monkeypatch.setattr(C, "aggregate", lambda *a: (_ for _ in ()).throw(ValueError("no")))
    move(wdg.controls, mode="mean")
    assert wdg.message.text == "no"
    assert wdg.table.values == before and wdg.plot.updates == pic


def test_per_sample_methods_agree():
    X, Y = C.make_batch(4)
    net = C.linear_net()
    got = keyed_numbers(show(C.per_sample_html, net, X, Y).html)
    yhat = net.forward(X)[0]
    for i in range(1, 5):
        assert got[f"method1-{i}"] == pytest.approx(yhat[i - 1] - Y[0, i - 1], abs=0.51e-4)
        assert got[f"method2-{i}"] == got[f"method1-{i}"] == got[f"nnlib_sum-{i}"]
        assert got[f"dL_dLi-{i}"] == 1.0
        assert got[f"nnlib_mean-{i}"] == pytest.approx(got[f"method1-{i}"] / 4, abs=1e-4)
        assert got[f"Li-{i}"] == pytest.approx(0.5 * (yhat[i - 1] - Y[0, i - 1]) ** 2,
                                               abs=0.51e-4)
    assert got["L-sum"] == pytest.approx(net.E(X, Y), abs=0.51e-4)
    assert got["L-mean"] == pytest.approx(net.E(X, Y) / 4, abs=0.51e-4)


# --- sum vs mean ---------------------------------------------------------------------------

def test_batch_scale_curves():
    c = C.batch_scale_curves(B_max=32)
    np.testing.assert_allclose(c["norm_sum"], c["B"] * c["norm_mean"])
    assert c["norm_mean"].max() / c["norm_mean"].min() < 10           # stays put
    assert c["norm_sum"][-1] / c["norm_sum"][0] > 10                 # grows with B
    np.testing.assert_allclose(c["after_sum_scaled"], c["after_mean"], rtol=1e-9)
    assert np.isfinite(c["after_mean"]).all()
    assert np.isfinite(c["after_sum"][:4]).all() and np.isnan(c["after_sum"][-1])


def test_batch_scale_widget():
    wdg = C.BatchScaleWidget(B=8, reduction="sum")
    X, Y = wdg.curves["X"], wdg.curves["Y"]
    for B, red in ((32, "sum"), (32, "mean"), (1, "mean"), (64, "sum")):
        move(wdg.controls, B=float(B), reduction=red)
        t = wdg.net.with_loss(reduction=red).trace(X[:, :B], Y[:, :B])
        shown = wdg.text.values
        assert shown["norm"] == fmt.num(np.linalg.norm(t[1].dW))
        assert shown["dW-1"] == fmt.num(t[1].dW[0, 0]) and shown["B"] == str(B)
        other = "mean" if red == "sum" else "sum"
        assert shown["norm-other"] == fmt.num(wdg.curves[f"norm_{other}"][B - 1])
        up, chart = wdg.plot.updates, wdg.left
        m = up[f"norm-m-{red}"]
        assert (m["cx"], m["cy"]) == pytest.approx(
            (float(chart.px(B)), float(chart.py(np.linalg.norm(t[1].dW)))), abs=0.051)
        assert m["r"] == 6.5 and up[f"norm-m-{other}"]["r"] == 3.5
        readouts_are_the_values(wdg.controls)
    assert shown["after"] == tr("chain.batch.diverged")               # B = 64, sum, η = 0.1
    assert up["loss-m-sum"]["visibility"] == "hidden"                 # a diverged run: no marker
    assert shown["eta-B"] == "6.4" and shown["eta-over-B"] == fmt.num(0.1 / 64)
    assert wdg.message.text == ""
    move(wdg.controls, reduction="mean")
    assert wdg.text.values["after"] == fmt.num(wdg.curves["after_mean"][63])
    assert "eta-B" not in wdg.text.values                             # mean: η is η


def test_batch_scale_curves_are_drawn_once_from_the_curves():
    wdg = C.BatchScaleWidget()
    shapes = {s.get("id"): s for s in wdg.plot.shapes}
    c = wdg.curves
    assert shapes["norm-sum"]["d"] == wdg.left.line("sum", c["B"], c["norm_sum"])["norm-sum"]["d"]
    d = shapes["loss-sum"]["d"]
    assert d == wdg.right.line("sum", c["B"], c["after_sum"])["loss-sum"]["d"]
    assert d.count("M") == 1 and len(path_points(d)) == int(np.isfinite(c["after_sum"]).sum())
    before = [dict(s) for s in wdg.plot.shapes]
    move(wdg.controls, B=20.0)
    assert wdg.plot.shapes == before                                  # only markers move


def test_sum_vs_mean_thresholds_follow_the_effective_step():
    c = C.batch_scale_curves()
    r = C.sum_vs_mean(c)
    B, eta = c["B"], c["eta"]
    # with sum, η on L_sum is η·B on L_mean: unstable exactly where η·B·λ_max > 2
    assert r["unstable_from"] == int(B[np.argmax(eta * B * r["lam_max"] > 2)])
    assert r["above_start_from"] == r["unstable_from"]
    k = r["sum_better_up_to"]
    assert (c["after_sum"][:k] <= c["after_mean"][:k]).all()
    assert not c["after_sum"][k] <= c["after_mean"][k]
    assert np.isnan(c["after_sum"][r["huge_from"] - 1:]).all()
    assert r["mean_stable"] and np.isfinite(c["after_mean"]).all()
    assert (k, r["unstable_from"], r["huge_from"]) == (18, 19, 25)    # what notebook 04 prints


def test_one_step_with_eta_on_the_sum_is_one_with_eta_B_on_the_mean():
    X, Y = C.make_batch(64, seed=7)
    start = C.linear_net(W=((0.0, 0.0),), b=(0.0,))
    B = 8
    on_sum = nnlib.GradientDescent(start.with_loss(reduction="sum"), X[:, :B], Y[:, :B],
                                   eta=0.1).step(3).network
    on_mean = nnlib.GradientDescent(start.with_loss(reduction="mean"), X[:, :B], Y[:, :B],
                                    eta=0.1 * B).step(3).network
    for (Ws, bs), (Wm, bm) in zip(on_sum.params(), on_mean.params()):
        np.testing.assert_allclose(Ws, Wm)
        np.testing.assert_allclose(bs, bm)
