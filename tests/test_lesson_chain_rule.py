"""Notebook 04's own widgets (nnlib.lessons.chain_rule), headless: set values programmatically
and check that every number shown is the one nnlib computes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib.lessons import chain_rule as C  # noqa: E402
from nnlib.widgets import NetworkPanel  # noqa: E402
from helpers import keyed_numbers


def graph_net():
    return nnlib.Network([nnlib.Dense([[0.4, -0.6], [0.7, 0.2]], [0.1, -0.2], "sigmoid"),
                          nnlib.Dense([[1.2, -0.8]], [0.3], "identity")])


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


def test_chain_widget_shows_nnlib_numbers_after_slider_moves():
    wdg = C.ChainRuleWidget()
    wdg.sliders["w"].value = -1.2
    wdg.sliders["x"].value = 2.0
    wdg.sliders["t"].value = 0.25
    v = C.chain_values(2.0, -1.2, wdg.sliders["b"].value, 0.25)
    got = keyed_numbers(wdg.html.value)
    for key in ("u", "a", "E", "dE_da", "da_du", "du_dw", "product", "fd", "nnlib_dw",
                "nnlib_dx", "nnlib_db"):
        assert got[key] == pytest.approx(v[key], abs=0.51e-6 if key in
                                         ("product", "fd", "nnlib_dw") else 0.51e-4), key
    assert wdg.errors.html.value == ""
    # the picture: the point at (w, E), the tangent's slope is the chain product
    px, py = wdg.art["point"].get_data()
    assert (px[0], py[0]) == pytest.approx((-1.2, v["E"]))
    tx, ty = wdg.art["tangent"].get_data()
    assert (ty[1] - ty[0]) / (tx[1] - tx[0]) == pytest.approx(v["product"])
    cx, cy = wdg.art["curve"].get_data()
    k = len(cx) // 3
    assert cy[k] == pytest.approx(C.chain_net(cx[k], wdg.sliders["b"].value).E([2.0], [0.25]))
    wdg.fig.canvas.draw()


def test_chain_widget_error_keeps_last_good_state(monkeypatch):
    wdg = C.ChainRuleWidget()
    before = wdg.html.value

    def boom(*args):
        raise ValueError("layer 1: something readable")

    monkeypatch.setattr(C, "chain_values", boom)
    wdg.sliders["w"].value = 1.7
    assert "something readable" in wdg.errors.html.value
    assert wdg.html.value == before
    monkeypatch.undo()
    wdg.sliders["w"].value = 1.6
    assert wdg.errors.html.value == ""


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


def test_graph_view_follows_the_panel():
    panel = NetworkPanel(graph_net(), x=[1.0, 2.0], y=[0.5], views=("values",))
    view = C.GraphView(panel)
    panel.x_sliders[1].value = -0.7
    panel.W_sliders[1][0][0].value = -0.4          # W²₁₁
    panel.y_sliders[0].value = 1.25
    t = graph_net().replace(2, W=[[-0.4, -0.8]]).trace([1.0, -0.7], [1.25])
    texts = view.art["texts"]
    for key, arr in (("x", t[0].a), ("z1", t[1].z), ("a1", t[1].a), ("u2", t[2].z - t[2].b),
                     ("a2", t[2].a), ("y", t.y)):
        assert texts[key][0].get_text() == C._column_text(arr), key
    assert texts["W2"][0].get_text() == C._column_text(t[2].W)
    assert texts["E"][0].get_text().strip() == nnlib.formulas.num(t.loss, 4)
    for key, arr in (("x", t[0].dE_da), ("z1", t[1].delta), ("a1", t[1].dE_da),
                     ("W1", t[1].dW), ("W2", t[2].dW), ("z2", t[2].delta), ("a2", t[2].dE_da)):
        assert texts[key][1].get_text() == C._column_text(arr, 3), key
    assert texts["u1"][1] is None and texts["E"][1] is None     # named, not repeated
    assert panel.errors.html.value == ""
    view.fig.canvas.draw()


def test_freeze_background_keeps_only_the_numbers_live():
    panel = NetworkPanel(graph_net(), x=[1.0, 2.0], y=[0.5], views=("values",))
    view = C.GraphView(panel)
    ax = view.fig.axes[0]
    live = [a for a in ax.texts if a.get_visible() and a.get_text()]
    n_numbers = sum(1 for fwd, grad in view.art["texts"].values() for a in (fwd, grad) if a)
    assert len(live) == n_numbers                  # every other text is in the image
    assert len(view.fig.axes) == 2 and view.fig.axes[1].images


# --- the scalar loss -----------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["sum", "mean"])
def test_vjp_with_the_seed_is_nnlibs_gradient_of_the_aggregated_loss(mode):
    X, Y = C.make_batch(5, seed=3)
    net = C.linear_net()
    agg = C.aggregate(net, X, Y, mode)
    tr = net.with_loss(reduction=mode).trace(X, Y)
    np.testing.assert_allclose(agg["g"], np.r_[tr[1].dW.ravel(), tr[1].db], rtol=1e-12)
    assert agg["L"] == pytest.approx(tr.loss)
    assert agg["J"].shape == (5, 3)
    for i in range(5):                              # row i: sample i's own gradient
        ti = net.trace(X[:, i], Y[:, i])
        np.testing.assert_allclose(agg["J"][i], np.r_[ti[1].dW.ravel(), ti[1].db])


def test_weighted_seed_matches_central_differences():
    X, Y = C.make_batch(4)
    agg = C.aggregate(C.linear_net(), X, Y, "weighted", [2.0, 0.0, -0.5, 1.0])
    np.testing.assert_allclose(agg["g"], agg["check"], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(agg["g"], np.array([2.0, 0.0, -0.5, 1.0]) @ agg["J"])
    assert agg["rel_error"] < 1e-8
    with pytest.raises(ValueError, match="need 4 weights"):
        C.aggregate(C.linear_net(), X, Y, "weighted", [1.0, 2.0])


def test_aggregation_widget():
    wdg = C.AggregationWidget()
    assert all(s.disabled for s in wdg.v_sliders)
    wdg.mode.value = "mean"
    assert [s.value for s in wdg.v_sliders] == [0.25] * 4
    got = keyed_numbers(wdg.html.value)
    tr = wdg.net.with_loss(reduction="mean").trace(wdg.X, wdg.Y)
    want = np.r_[tr[1].dW.ravel(), tr[1].db]
    for p in range(3):
        assert got[f"g-{p + 1}"] == pytest.approx(want[p], abs=0.51e-4)
        assert got[f"check-{p + 1}"] == pytest.approx(want[p], abs=0.51e-4)
    wdg.mode.value = "weighted"
    assert not any(s.disabled for s in wdg.v_sliders)
    wdg.v_sliders[2].value = 0.0
    wdg.v_sliders[0].value = 1.5
    v = np.array([1.5, 0.25, 0.0, 0.25])
    np.testing.assert_allclose(wdg.agg["v"], v)
    got = keyed_numbers(wdg.html.value)
    for p, g in enumerate(v @ wdg.agg["J"]):
        assert got[f"g-{p + 1}"] == pytest.approx(g, abs=0.51e-4)
    U, V = wdg.art["total"].U, wdg.art["total"].V
    assert (U[0], V[0]) == pytest.approx((-wdg.agg["g"][0], -wdg.agg["g"][1]))
    assert wdg.errors.html.value == ""
    wdg.fig.canvas.draw()


def test_per_sample_methods_agree():
    X, Y = C.make_batch(4)
    net = C.linear_net()
    got = keyed_numbers(C.per_sample_html(net, X, Y))
    yhat = net.forward(X)[0]
    for i in range(1, 5):
        assert got[f"method1-{i}"] == pytest.approx(yhat[i - 1] - Y[0, i - 1], abs=0.51e-4)
        assert got[f"method2-{i}"] == got[f"method1-{i}"] == got[f"nnlib_sum-{i}"]
        assert got[f"dL_dLi-{i}"] == 1.0
        assert got[f"nnlib_mean-{i}"] == pytest.approx(got[f"method1-{i}"] / 4, abs=1e-4)
        assert got[f"Li-{i}"] == pytest.approx(0.5 * (yhat[i - 1] - Y[0, i - 1]) ** 2,
                                               abs=0.51e-4)


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
        wdg.B.value = B
        wdg.reduction.value = red
        tr = wdg.net.with_loss(reduction=red).trace(X[:, :B], Y[:, :B])
        got = keyed_numbers(wdg.html.value)
        assert got["norm"] == pytest.approx(np.linalg.norm(tr[1].dW), abs=0.51e-4)
        assert got["dW-1"] == pytest.approx(tr[1].dW[0, 0], abs=0.51e-4)
        mx, my = wdg.art[f"m_{red}"].get_data()
        assert (mx[0], my[0]) == pytest.approx((B, np.linalg.norm(tr[1].dW)))
        assert wdg.art[f"m_{red}"].get_markersize() == 9
    assert "diverged" in wdg.html.value                  # B = 64 with sum at η = 0.1
    assert wdg.errors.html.value == ""
    wdg.fig.canvas.draw()


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
