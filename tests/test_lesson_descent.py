"""Lesson 05 (gradient descent) widgets, headless (Agg): set the controls in Python and check
that what they show is what nnlib computes."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib import formulas as F  # noqa: E402
from nnlib.lessons import descent as D  # noqa: E402
from helpers import keyed_numbers


@pytest.fixture(autouse=True)
def close_figures():
    """Each widget opens pyplot figures; close them so the session stays under 20."""
    yield
    import matplotlib.pyplot as plt
    plt.close("all")


@pytest.fixture(scope="module")
def land():
    return D.Landscape()


def test_landscape_is_nnlib_on_the_data(land):
    # a few grid values against nnlib directly, and against the formula ½·mean((w x + b − y)²)
    for i, j in [(0, 0), (10, 30), (40, 40)]:
        w, b = land.grid_w[j], land.grid_b[i]
        net = nnlib.Network([nnlib.Dense([[w]], [b])], "squared_error", "mean")
        assert land.grid_L[i, j] == net.E(D.DATA_X[None, :], D.DATA_Y[None, :])
        assert land.grid_L[i, j] == pytest.approx(0.5 * np.mean((w * D.DATA_X + b - D.DATA_Y) ** 2))
    # the minimum nnlib's descent found is the least-squares line
    A = np.column_stack([D.DATA_X, np.ones_like(D.DATA_X)])
    w_star, b_star = np.linalg.lstsq(A, D.DATA_Y, rcond=None)[0]
    assert land.minimum[0] == pytest.approx(w_star, abs=1e-6)
    assert land.minimum[1] == pytest.approx(b_star, abs=1e-6)


def test_gradient_is_backprop_and_matches_central_differences(land):
    gw, gb = land.grad(0.3, 1.2)
    t = D.neuron(0.3, 1.2).trace(land.X, land.Y)
    assert (gw, gb) == (t[1].dW[0, 0], t[1].db[0])
    h = 1e-5
    assert gw == pytest.approx((land.loss(0.3 + h, 1.2) - land.loss(0.3 - h, 1.2)) / (2 * h), rel=1e-7)
    assert gb == pytest.approx((land.loss(0.3, 1.2 + h) - land.loss(0.3, 1.2 - h)) / (2 * h), rel=1e-7)


def test_curvature_sets_the_preset_regimes(land):
    H, lam = land.curvature()
    np.testing.assert_allclose(H, [[np.mean(D.DATA_X ** 2), np.mean(D.DATA_X)],
                                   [np.mean(D.DATA_X), 1.0]], atol=1e-6)
    lo, hi = lam
    assert D.PRESETS["good"] < 1 / hi < D.PRESETS["too large"] < 2 / hi < D.PRESETS["far too large"]
    expect = {"too small": "crawls", "good": "good", "too large": "oscillates",
              "far too large": "diverges"}
    for name, eta in D.PRESETS.items():
        assert land.descend(*D.START, eta, 30).regime == expect[name], name


def test_descend_is_nnlib_gradient_descent(land):
    run = land.descend(-1.0, 2.0, 0.35, 7)
    gd = nnlib.GradientDescent(D.neuron(-1.0, 2.0), land.X, land.Y, eta=0.35)
    gd.step(7)
    np.testing.assert_array_equal(run.losses, gd.losses)
    assert tuple(run.path[-1]) == (gd.net.layers[0].W[0, 0], gd.net.layers[0].b[0])
    assert run.path.shape == (8, 2) and run.error == ""


def test_divergence_is_caught_with_the_last_finite_state(land):
    with np.errstate(all="raise"):               # no numpy warnings on the way either
        run = land.descend(-1.0, 2.0, 10.0, 200)
    assert run.regime == "diverges"
    assert "too large" in run.error and "η" in run.error
    assert len(run.path) < 201 and np.isfinite(run.path).all() and np.isfinite(run.losses).all()


def test_regime_rules():
    flat = np.zeros((4, 2))
    assert D.regime([5, 6, 7, 8], flat) == "diverges"
    zig = np.array([[0, 0], [1, 0], [0.2, 0], [0.8, 0], [0.4, 0]], float)
    assert D.regime([5, 3, 2, 1.5, 1.2], zig, floor=1.0) == "oscillates"
    line = np.array([[0, 0], [1, 0], [2, 0], [3, 0]], float)
    assert D.regime([5, 4, 3, 2], line, floor=1.0) == "crawls"
    assert D.regime([5, 2, 1.05, 1.01], line, floor=1.0) == "good"


def test_gradient_explorer_shows_nnlibs_numbers(land):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    g.w.value = 2.5
    g.b.value = -1.5
    t = nnlib.Network([nnlib.Dense([[2.5]], [-1.5])], "squared_error", "mean").trace(
        D.DATA_X[None, :], D.DATA_Y[None, :])
    got = keyed_numbers(g.values.value)
    assert got["L"] == pytest.approx(t.loss, abs=0.51e-4)
    assert got["dL_dw"] == pytest.approx(t[1].dW[0, 0], abs=0.51e-4)
    assert got["dL_db"] == pytest.approx(t[1].db[0], abs=0.51e-4)
    assert got["one_unit"] == pytest.approx(land.loss(3.5, -1.5) - t.loss, abs=0.51e-4)
    # the pictures: the point, the arrows ±∇L, the tangents' slopes
    assert tuple(g.contour["dot"].get_data()[0]) == (2.5,)
    np.testing.assert_allclose(g.contour["up"].U, [t[1].dW[0, 0]])
    np.testing.assert_allclose(g.contour["down"].V, [-t[1].db[0]])
    x, y = g.sec_w["tangent"].get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(t[1].dW[0, 0])
    x, y = g.sec_b["tangent"].get_data()
    assert (y[1] - y[0]) / (x[1] - x[0]) == pytest.approx(t[1].db[0])
    np.testing.assert_allclose(g.sec_w["curve"].get_ydata(), land.section_w(-1.5, g.ws))
    xs, ys, zs = g.surf["dot"].get_data_3d()
    assert (xs[0], ys[0], zs[0]) == (2.5, -1.5, pytest.approx(t.loss))
    assert g.errors.html.value == ""
    assert "nn-05-w" in g.w._dom_classes and "nn-05-grad" in g.widget._dom_classes


def test_descent_explorer_presets_name_the_regime(land):
    d = D.DescentExplorer(land)
    for name, regime in [("too small", "crawls"), ("good", "good"),
                         ("too large", "oscillates"), ("far too large", "diverges")]:
        before = len(d.timings)
        d.buttons[name].click()
        assert len(d.timings) == before + 1                  # one redraw per preset
        assert f'data-key="regime" style="color:{D.REGIME_TEXT[regime][0]}">{regime}<' \
            in d.regime_html.value
        run = land.descend(*D.START, D.PRESETS[name], 30)
        np.testing.assert_array_equal(d.path_art["line"].get_xdata(), run.path[:, 0])
        np.testing.assert_array_equal(d.loss_art["line"].get_ydata(), np.minimum(run.losses, 1e100))
        assert keyed_numbers(d.regime_html.value)["Lk"] == pytest.approx(run.losses[-1], rel=1e-3)


def test_descent_explorer_divergence_message_and_recovery(land):
    d = D.DescentExplorer(land)
    with np.errstate(all="raise"):
        d.eta.value = 10.0
        d.steps.value = 200
    assert "too large" in d.errors.html.value and "Traceback" not in d.errors.html.value
    assert "diverges" in d.regime_html.value
    assert np.isfinite(d.run.path).all()
    d.preset("good", steps=30)                                 # still alive
    assert d.errors.html.value == "" and "good" in d.regime_html.value
    d.w0.value = 4.0                                           # a new start
    assert tuple(d.path_art["start"].get_xdata()) == (4.0,)
    assert d.loss_art["line"].axes.get_xlim()[1] == pytest.approx(30.5)


def test_hill_shows_the_path_inside_the_box(land):
    d = D.DescentExplorer(land)
    d.preset("far too large")
    xs, ys, zs = d.surf["path"].get_data_3d()
    assert 0 < len(xs) < len(d.run.path)                       # cut where it leaves the box
    assert (np.asarray(xs) >= land.w_range[0]).all() and (np.asarray(xs) <= land.w_range[1]).all()
    assert "leaves the picture" in d.hill_caption.value


def test_backdrop_redraws_the_same_pixels(land):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    g.fig.canvas.draw()
    g.w.value = 1.0
    g.fig.canvas.draw()                                        # from the kept backdrop
    fast = np.asarray(g.fig.canvas.buffer_rgba()).copy()
    g.fig.canvas.draw()
    again = np.asarray(g.fig.canvas.buffer_rgba())
    np.testing.assert_array_equal(fast, again)
    # and the backdrop equals a full draw (savefig path draws everything the normal way)
    from io import BytesIO
    from PIL import Image
    buf = BytesIO()
    g.fig.savefig(buf, format="png", dpi=g.fig.dpi)
    full = np.asarray(Image.open(buf).convert("RGBA"))
    assert full.shape == fast.shape
    assert np.mean(np.any(full != fast, axis=2)) < 0.02        # same picture (antialiasing aside)


def test_params_and_grads_have_the_same_shape():
    net = nnlib.Network([nnlib.Dense([[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]], [0.1, 0.0], "sigmoid"),
                         nnlib.Dense([[1.0, -1.0]], [0.2])])
    t = net.trace([1.0, 2.0, -1.0], [0.5])
    html = D.params_and_grads_html(t)
    got = keyed_numbers(html)
    for l in (1, 2):
        assert t[l].dW.shape == t[l].W.shape
        for (i, j), v in np.ndenumerate(t[l].dW):
            assert got[f"dW-{l}-{i + 1}-{j + 1}"] == pytest.approx(v, abs=0.51e-3)
    assert "(2×3)" in html and "(1×2)" in html


def _echo_rounded(panel):
    """What a browser does after a step: each W, b slider snaps to its step (0.01) and sends
    the snapped value back, one slider at a time."""
    for Ws, bs in zip(panel.W_sliders, panel.b_sliders):
        for s in [s for row in Ws for s in row] + list(bs):
            s.value = round(s.value / s.step) * s.step


def test_training_curve_follows_the_panels_descent_through_the_browser_echo():
    from nnlib.widgets import NetworkPanel
    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5],
                         views=("diagram", "values", "descent"), keep_descent_when_rounded=True)
    curve = D.TrainingCurve(panel)
    assert len(curve.line.get_xdata()) == 0 and "press step" in curve.caption.value
    panel.eta.value = 0.05
    panel.step(5)
    _echo_rounded(panel)
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], eta=0.05)
    gd.step(5)
    assert panel.descent is not None and panel.descent.steps == 5
    assert panel.trace.loss == pytest.approx(gd.trace.loss, rel=1e-12)    # the exact descent
    np.testing.assert_allclose(curve.line.get_ydata(), gd.losses, rtol=1e-12)
    panel.step(3)                                                          # continues it
    _echo_rounded(panel)
    gd.step(3)
    np.testing.assert_allclose(curve.line.get_ydata(), gd.losses, rtol=1e-12)
    assert "8 step(s)" in curve.caption.value
    panel.undo()
    _echo_rounded(panel)
    assert len(curve.line.get_ydata()) == 8
    panel.x_sliders[0].value = 0.5                                         # a learner's move
    assert panel.descent is None and len(curve.line.get_xdata()) == 0
    t = nnlib.worked_example().trace([0.5, 2.0], [3.5])
    rounded = panel.trace.network
    assert panel.trace.loss == pytest.approx(rounded.E([0.5, 2.0], [3.5]))
    assert panel.trace.loss != pytest.approx(t.loss)                        # not the start net


def test_without_the_option_the_echo_starts_afresh():
    from nnlib.widgets import NetworkPanel
    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5], views=("values", "descent"),
                         keep_descent_when_rounded=False)
    panel.step(1)
    _echo_rounded(panel)
    assert panel.descent is None                                           # exact comparison only


def test_the_echo_keeps_the_descent_by_default():
    from nnlib.widgets import NetworkPanel
    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5], views=("values", "descent"))
    panel.step(2)
    exact = panel.trace.loss
    _echo_rounded(panel)
    assert panel.descent is not None and panel.descent.steps == 2
    assert panel.trace.loss == exact                  # the descent's exact trace, not the rounded one
    panel.undo()
    assert panel.descent.steps == 1


def test_an_error_in_a_callback_is_one_line_and_the_widget_lives_on(land, monkeypatch):
    d = D.DescentExplorer(land)
    good = d.run
    real = land.descend

    def broken(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(land, "descend", broken)
    d.eta.value = 0.5
    assert "internal error: RuntimeError: boom" in d.errors.html.value
    assert d.run is good                                       # the last good state is kept
    monkeypatch.setattr(land, "descend", real)
    d.eta.value = 0.35
    assert d.errors.html.value == "" and d.run.eta == pytest.approx(0.35)
    g = D.GradientExplorer(land)
    monkeypatch.setattr(land, "section_w", broken)
    g.w.value = 1.0
    assert "boom" in g.errors.html.value
    monkeypatch.setattr(land, "section_w", D.Landscape.section_w.__get__(land))
    g.w.value = 1.5
    assert g.errors.html.value == "" and g.trace[1].W[0, 0] == 1.5


# --- the 2 → 2 → 2 → 1 network: what each η does (notebook 05) ------------------------------

def test_network_regimes_name_what_the_run_did():
    net = nnlib.worked_example()
    rows = {r["eta"]: r for r in D.network_regimes(net, [1.0, 2.0], [3.5],
                                                   etas=[0.002, 0.02, 0.05, 0.5, 5.0])}
    assert rows[0.002]["regime"] == "crawls"
    assert rows[0.02]["regime"] == "good"
    # η = 0.05: E falls every step, only the prediction jumps past 3.5 and back
    gd = nnlib.GradientDescent(net, [1.0, 2.0], [3.5], eta=0.05)
    gd.step(20)
    assert np.all(np.diff(gd.losses) < 0)
    assert rows[0.05]["regime"] == "overshoots"
    p = rows[0.05]["predictions"]
    assert p[0] < 3.5 < p[1] and p[2] < 3.5 < p[3]
    # η = 0.5: E went up on the way, but the story is that every hidden ReLU died
    assert rows[0.5]["regime"] == "dead ReLUs" and rows[0.5]["dead"] == rows[0.5]["relus"] == 4
    assert rows[0.5]["E_max"] > 60 * rows[0.5]["E0"]
    assert rows[5.0]["regime"] == "diverges"
    html = D.network_regimes_html(list(rows.values()))
    for name in ("crawls", "good", "overshoots", "dead ReLUs", "diverges"):
        assert name in html and D.NETWORK_REGIME_TEXT[name][1].split(":")[0] in html


def test_history_html_shows_every_step_in_scientific_notation():
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], eta=0.02)
    gd.step(10)
    html = D.history_html(gd)
    for k, E in enumerate(gd.losses):
        assert f'data-key="E-{k}">{F.num_wide(E)}<' in html
    assert "0.000000" not in html and "8.03e−11" in html        # the last step is not shown as 0


def test_num_wide():
    assert F.num_wide(0.136242) == "0.136242"
    assert F.num_wide(8.031e-11) == "8.03e−11"
    assert F.num_wide(7.7e28) == "7.70e+28"
    assert F.num_wide(2.3e-20) == "< 10⁻¹²" and F.num_wide(0.0) == "0"
