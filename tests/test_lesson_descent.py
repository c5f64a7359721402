"""Lesson 05 (gradient descent revisited): the maths against nnlib and independent formulas,
and the widgets headless: what the views hold (the synced state the browser draws from) is
nnlib's numbers for the values on the controls, before and after a learner's moves, and an
error keeps the last good state with one message."""
import math
import re
import time

import numpy as np
import pytest

import nnlib
from helpers import keyed_numbers, path_points
from nnlib import fmt
from nnlib.i18n import set_language, tr
from nnlib.lessons import descent as D
from nnlib.widgets import ETA_GRID, NetworkPanel, show
from nnlib.widgets.charts import trail_updates

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def move(controls, **values):
    """A learner's move in the browser: the new values arrive through set_state."""
    controls.set_state({"values": {**controls.values, **values}})


def press(controls, key):
    controls.receive({"type": "press", "key": key})


def L_formula(w, b):
    """L(w, b) = ½ · mean((w x + b − y)²), written out (not nnlib)."""
    return 0.5 * np.mean((w * D.DATA_X + b - D.DATA_Y) ** 2)


def grad_formula(w, b):
    r = w * D.DATA_X + b - D.DATA_Y
    return np.mean(r * D.DATA_X), np.mean(r)


@pytest.fixture(scope="module")
def land():
    return D.Landscape()


# --- the maths -------------------------------------------------------------------------------

def test_landscape_is_nnlib_on_the_data(land):
    for i, j in [(0, 0), (10, 30), (40, 40)]:
        w, b = land.grid_w[j], land.grid_b[i]
        net = nnlib.Network([nnlib.Dense([[w]], [b])], "squared_error", "mean")
        assert land.grid_L[i, j] == net.E(D.DATA_X[None, :], D.DATA_Y[None, :])
        assert land.grid_L[i, j] == pytest.approx(L_formula(w, b))
    # the minimum nnlib's descent found is the least-squares line
    A = np.column_stack([D.DATA_X, np.ones_like(D.DATA_X)])
    w_star, b_star = np.linalg.lstsq(A, D.DATA_Y, rcond=None)[0]
    assert land.minimum[0] == pytest.approx(w_star, abs=1e-6)
    assert land.minimum[1] == pytest.approx(b_star, abs=1e-6)
    assert land.minimum[2] == pytest.approx(L_formula(w_star, b_star), abs=1e-12)
    np.testing.assert_allclose(land.section_w(0.5, land.grid_w),
                               [L_formula(w, 0.5) for w in land.grid_w], rtol=1e-13)
    np.testing.assert_allclose(land.section_b(-1.0, land.grid_b),
                               [L_formula(-1.0, b) for b in land.grid_b], rtol=1e-13)


def test_gradient_is_backprop_and_matches_central_differences(land):
    gw, gb = land.grad(0.3, 1.2)
    t = D.neuron(0.3, 1.2).trace(land.X, land.Y)
    assert (gw, gb) == (t[1].dW[0, 0], t[1].db[0])
    assert (gw, gb) == pytest.approx(grad_formula(0.3, 1.2), rel=1e-13)
    h = 1e-5
    assert gw == pytest.approx((land.loss(0.3 + h, 1.2) - land.loss(0.3 - h, 1.2)) / (2 * h),
                               rel=1e-7)
    assert gb == pytest.approx((land.loss(0.3, 1.2 + h) - land.loss(0.3, 1.2 - h)) / (2 * h),
                               rel=1e-7)


def test_presets_lie_on_the_eta_grid_one_in_each_regime(land):
    H, lam = land.curvature()
    np.testing.assert_allclose(H, [[np.mean(D.DATA_X ** 2), np.mean(D.DATA_X)],
                                   [np.mean(D.DATA_X), 1.0]], atol=1e-6)
    hi = lam.max()
    assert hi == pytest.approx(2.3058, abs=1e-4)
    assert all(eta in ETA_GRID for eta in D.PRESETS.values())
    assert D.PRESETS["too-small"] * hi < 0.1
    assert D.PRESETS["good"] < 1 / hi < D.PRESETS["too-large"] < 2 / hi < D.PRESETS["far-too-large"]
    expect = {"too-small": "crawls", "good": "good", "too-large": "oscillates",
              "far-too-large": "diverges"}
    for name, eta in D.PRESETS.items():
        assert land.descend(*D.START, eta, D.PRESET_STEPS).regime == expect[name], name


def test_the_regime_on_the_bowl_follows_one_minus_eta_lambda(land):
    """η < 1/λ_max never zig-zags, from any start; between 1/λ_max and 2/λ_max a start off
    the valley floor along the steep direction does; beyond 2/λ_max L grows."""
    _, vecs = np.linalg.eigh(land.curvature()[0])
    rng = np.random.default_rng(1)
    starts = [tuple(rng.uniform([-1.5, -3.5], [4.5, 2.5])) for _ in range(12)]
    for eta in (0.01, 0.05, 0.1, 0.2):
        for s in starts:
            assert land.descend(*s, eta, 40).regime in ("crawls", "good"), (eta, s)
    steep = np.array(land.minimum[:2]) + 2.0 * vecs[:, 1] + 0.5 * vecs[:, 0]
    assert land.descend(*steep, 0.5, 40).regime == "oscillates"
    for s in starts:
        assert land.descend(*s, 1.0, 60).regime == "diverges"


def test_descend_is_nnlib_gradient_descent(land):
    run = land.descend(-1.0, 2.0, 0.35, 7)
    gd = nnlib.GradientDescent(D.neuron(-1.0, 2.0), land.X, land.Y, eta=0.35)
    gd.step(7)
    np.testing.assert_array_equal(run.losses, gd.losses)
    assert tuple(run.path[-1]) == (gd.net.layers[0].W[0, 0], gd.net.layers[0].b[0])
    assert run.path.shape == (8, 2) and run.error == "" and run.steps == 7


def test_divergence_is_caught_with_the_last_finite_state(land):
    with np.errstate(all="raise"):               # no numpy warnings on the way either
        run = land.descend(*D.START, 10.0, 200)
    assert run.regime == "diverges"
    assert "η = 10" in run.error and str(run.steps) in run.error           # nnlib's message
    assert len(run.path) < 201 and np.isfinite(run.path).all() and np.isfinite(run.losses).all()
    # near the end L − L* grows by (1 − η λ_max)² per step
    growth = (run.losses[-1] - land.minimum[2]) / (run.losses[-2] - land.minimum[2])
    assert growth == pytest.approx((1 - 10.0 * land.curvature()[1].max()) ** 2, rel=1e-3)


def test_regime_rules():
    flat = np.zeros((4, 2))
    assert D.regime([5], np.zeros((1, 2))) == "none"
    assert D.regime([5, 6, 7, 8], flat) == "diverges"
    assert D.regime([5, 4, 3], flat, diverged=True) == "diverges"
    zig = np.array([[0, 0], [1, 0], [0.2, 0], [0.8, 0], [0.4, 0]], float)
    assert D.regime([5, 3, 2, 1.5, 1.2], zig, floor=1.0) == "oscillates"
    once = np.array([[0, 0], [1, 1], [0.7, 1.1], [0.6, 1.4], [0.55, 1.6]], float)
    assert D.regime([5, 3, 2, 1.5, 1.2], once, floor=1.0) == "oscillates"   # one reversal
    line = np.array([[0, 0], [1, 0], [2, 0], [3, 0]], float)
    assert D.regime([5, 4, 3, 2], line, floor=1.0) == "crawls"
    assert D.regime([5, 2, 1.05, 1.01], line, floor=1.0) == "good"
    assert D.regime([5, 2, 2.5, 1.01], line, floor=1.0) == "oscillates"      # L went up
    settled = np.array([[0, 0], [1, 0], [1 + 1e-12, 0], [1 - 1e-12, 0]], float)
    assert D.regime([5, 1.0, 1.0, 1.0], settled, floor=1.0) == "good"        # noise ignored


def test_contour_outlines_are_level_sets_of_nnlibs_loss(land):
    (wl, wh), (bl, bh) = land.w_range, land.b_range
    levels = [c for c, _ in land.outlines]
    assert levels == sorted(levels) and levels[0] > land.minimum[2]
    gaps = np.diff([land.minimum[2]] + levels)
    for (c, P), gap in zip(land.outlines, gaps):
        on_box = np.isclose(P[:, 0], wl) | np.isclose(P[:, 0], wh) | \
            np.isclose(P[:, 1], bl) | np.isclose(P[:, 1], bh)
        Ls = np.array([land.loss(w, b) for w, b in P])
        assert np.all(abs(Ls[~on_box] - c) < 0.1 * gap)               # on the level curve
        assert np.all(Ls[on_box] <= c + 0.1 * gap)                     # or inside, on the box
        d = np.roll(P, -1, axis=0) - P                                 # convex, one way round
        cross = d[:, 0] * np.roll(d, -1, axis=0)[:, 1] - d[:, 1] * np.roll(d, -1, axis=0)[:, 0]
        assert np.all(cross > -1e-9)


def test_the_surface_is_painted_far_to_near_and_projects_points(land):
    S = D.Surface(land)
    s = S.scene("L")
    quads = [sh for sh in s.shapes if sh.get("parent") == "surf"]
    assert len(quads) == (len(S.gw) - 1) * (len(S.gb) - 1)
    X, Y = S.project([land.w_range[0], land.w_range[1]], [land.b_range[0]] * 2, [0.0, 0.0])
    assert np.all((X > 0) & (X < S.width) & (Y > 0) & (Y < S.height))
    assert S.G.max() == pytest.approx(max(L_formula(w, b) for w in land.w_range
                                          for b in land.b_range))
    x, y = S.project(*land.minimum)
    star = [sh for sh in s.shapes if sh.get("fill") == D.STAR][-1]
    pts = np.array([list(map(float, p.split(","))) for p in star["points"].split()])
    assert pts.mean(axis=0) == pytest.approx([x, y], abs=1.5)


# --- the gradient explorer --------------------------------------------------------------------

def expected_table(land, w, b):
    L = L_formula(w, b)
    gw, gb = grad_formula(w, b)
    return {"w": fmt.num(w, 2), "b": fmt.num(b, 2), "L": fmt.num(L), "dL_dw": fmt.num(gw),
            "dL_db": fmt.num(gb), "norm": fmt.num(math.hypot(gw, gb)),
            "one_unit": fmt.num(L_formula(w + 1, b) - L),
            "small_step": fmt.num((L_formula(w + 0.01, b) - L) / 0.01), "dL_dw2": fmt.num(gw)}


def check_explorer(g, land, w, b):
    assert g.table.values == expected_table(land, w, b)
    assert g.controls.readouts == {"w": fmt.readout(w, 0.05), "b": fmt.readout(b, 0.05)}
    L, (gw, gb) = L_formula(w, b), grad_formula(w, b)
    ch, up = g.chart, g.contour.updates
    assert (up["dot"]["cx"], up["dot"]["cy"]) == (round(float(ch.px(w)), 1),
                                                  round(float(ch.py(b)), 1))
    for name, sign in (("up", 1), ("down", -1)):                # the arrows along ±∇L
        (x0, y0), (x1, y1) = path_points(up[name]["d"])[:2]   # the shaft
        assert (x0, y0) == (up["dot"]["cx"], up["dot"]["cy"])
        v = np.array([x1 - x0, y1 - y0])
        want = sign * np.array([gw * ch.w / np.ptp(ch.xlim), -gb * ch.h / np.ptp(ch.ylim)])
        assert v @ want / (np.linalg.norm(v) * np.linalg.norm(want)) > 0.999
    sec = g.sections.updates
    for c, xs, Ls, x0, slope in ((g.sec[0], g.ws, [L_formula(x, b) for x in g.ws], w, gw),
                                 (g.sec[1], g.bs, [L_formula(w, x) for x in g.bs], b, gb)):
        key = f"{c.id}-curve"
        assert sec[key] == c.line("curve", xs, Ls)[key]         # the cross-section
        tx = np.linspace(x0 - 0.9, x0 + 0.9, 19)
        assert sec[f"{c.id}-tan"] == c.line("tan", tx, L + slope * (tx - x0))[f"{c.id}-tan"]
    assert g.fit.updates == g.fit_chart.line("line", g.xs, w * g.xs + b)
    px, py = g.surf.project(w, b, L)
    assert (g.surface.updates["pt"]["cx"], g.surface.updates["pt"]["cy"]) == \
        (round(float(px), 1), round(float(py), 1))


def test_gradient_explorer_shows_nnlibs_numbers_before_and_after_moves(land):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    check_explorer(g, land, 0.0, 1.0)
    assert g.table.values["L"] == "1.7422" and g.table.values["dL_dw"] == "−1.6831"
    move(g.controls, w=2.5, b=-1.5)
    check_explorer(g, land, 2.5, -1.5)
    move(g.controls, w=1.234)                                   # a typed value off the grid
    check_explorer(g, land, 1.234, -1.5)
    assert g.controls.readouts["w"] == "1.234"
    assert g.message.text == "" and g.trace[1].W[0, 0] == 1.234
    assert "nn-05-grad" in g.widget._dom_classes and "nn-panel" not in g.widget._dom_classes


def test_at_the_minimum_the_arrows_vanish_and_the_tangents_are_flat(land):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    g.controls.set({"w": land.minimum[0], "b": land.minimum[1]})
    assert g.contour.updates["up"]["d"] == "" and g.contour.updates["down"]["d"] == ""
    assert g.table.values["norm"] == "0.0000"


def test_an_arrow_leaving_the_picture_is_cut_at_its_edge(land):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    move(g.controls, w=-1.0, b=2.0)                             # 0.5 ∇L points out
    ch = g.chart
    _, (x1, y1) = path_points(g.contour.updates["up"]["d"])[:2]
    on_edge = min(abs(x1 - ch.x0), abs(x1 - ch.x0 - ch.w), abs(y1 - ch.y0),
                  abs(y1 - ch.y0 - ch.h))
    assert on_edge < 0.1                                        # ends on the frame, no head
    assert ch.x0 - 0.1 <= x1 <= ch.x0 + ch.w + 0.1 and ch.y0 - 0.1 <= y1 <= ch.y0 + ch.h + 0.1


def test_an_error_keeps_the_last_good_state_with_one_message(land, monkeypatch):
    g = D.GradientExplorer(land, w=0.0, b=1.0)
    good = dict(g.table.values)

    def broken(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(land, "section_w", broken)
    move(g.controls, w=1.0)
    assert g.message.text == tr("msg.internal", error="RuntimeError: boom")
    assert g.table.values == good                               # the last good state is kept
    monkeypatch.undo()
    move(g.controls, w=1.5)
    assert g.message.text == "" and g.table.values["w"] == "1.50"


def test_typed_nonsense_is_refused_and_said(land):
    g = D.GradientExplorer(land)
    g.controls.receive({"type": "rejected", "key": "w", "text": "abc", "reason": "nan"})
    assert g.message.text == tr("msg.reject.nan", text="abc", label="w", value="0.00")
    move(g.controls, w=0.5)
    assert g.message.text == ""


# --- the descent explorer ---------------------------------------------------------------------

def check_run(d, land, start, eta, steps):
    """The explorer shows nnlib's run of ``steps`` steps at η from ``start``."""
    run = land.descend(*start, eta, steps)
    assert d.run.steps == steps and d.run.eta == eta
    np.testing.assert_array_equal(d.run.path, run.path)
    np.testing.assert_array_equal(d.run.losses, run.losses)
    v = d.regime_view.values
    assert v["regime"] == tr(f"gd05.regime.{run.regime}")
    assert v["eta"] == f"{eta:g}" and v["k"] == str(steps)
    assert run.losses[0] == pytest.approx(L_formula(*start), rel=1e-13)
    assert v["L0"] == fmt.num_wide(run.losses[0]) and v["Lk"] == fmt.num_wide(run.losses[-1])
    assert (v["wk"], v["bk"]) == (fmt.num(run.path[-1, 0], 3), fmt.num(run.path[-1, 1], 3))
    ch = d.chart
    assert d.path_view.updates == trail_updates("path", ch.px(run.path[:, 0]), ch.py(run.path[:, 1]),
                                           ch.inside(run.path[:, 0], run.path[:, 1]))
    lc = d.loss_view.chart
    assert lc.xlim[1] >= steps
    E = run.losses
    ok = lc.inside(np.arange(len(E)), E)
    assert d.loss_view.updates["lc-line"] == trail_updates(
        "lc", lc.px(np.arange(len(E))), lc.py(np.where(ok, E, 1e3)), ok)["lc-line"]
    assert d.controls.readouts["gd-eta"] == f"{eta:g}"
    return run


def test_descent_explorer_starts_with_the_good_preset_and_presets_name_their_regime(land):
    d = D.DescentExplorer(land)
    check_run(d, land, D.START, D.PRESETS["good"], D.PRESET_STEPS)
    assert d.message.text == "" and d.controls.values["gd-k"] == 1
    for name, regime in [("too-small", "crawls"), ("good", "good"),
                         ("too-large", "oscillates"), ("far-too-large", "diverges")]:
        before = len(d.timings)
        press(d.controls, f"preset-{name}")
        assert len(d.timings) == before + 1                      # one refresh per preset
        run = check_run(d, land, D.START, D.PRESETS[name], D.PRESET_STEPS)
        assert run.regime == regime
    E = d.run.losses                                             # far too large: E went up
    assert d.message.text == tr("descent.went_up", old=fmt.num_wide(E[-2]),
                                new=fmt.num_wide(E[-1]), eta="1", L="L")
    assert d.message.text.startswith("L ")                       # the lesson's name for the loss
    assert "nn-05-descent" in d.widget._dom_classes and "nn-panel" not in d.widget._dom_classes


def test_a_new_start_or_eta_runs_the_same_steps_again_and_step_undo_replay(land):
    d = D.DescentExplorer(land)
    move(d.controls, w0=3.0, b0=-2.0)                            # a new start
    check_run(d, land, (3.0, -2.0), 0.2, D.PRESET_STEPS)
    move(d.controls, **{"gd-eta": 0.05})                         # a new η: replayed
    check_run(d, land, (3.0, -2.0), 0.05, D.PRESET_STEPS)
    move(d.controls, **{"gd-k": 5})
    press(d.controls, "gd-step")                                 # 5 more steps
    check_run(d, land, (3.0, -2.0), 0.05, D.PRESET_STEPS + 5)
    assert d.loss_view.chart.xlim == (0, 30)                        # new axes for 25 steps
    press(d.controls, "gd-undo")
    check_run(d, land, (3.0, -2.0), 0.05, D.PRESET_STEPS + 4)
    press(d.controls, "gd-replay")
    check_run(d, land, (3.0, -2.0), 0.05, D.PRESET_STEPS + 4)
    for _ in range(D.PRESET_STEPS + 4):
        press(d.controls, "gd-undo")
    assert d.run.steps == 0 and d.regime_view.values["regime"] == tr("gd05.regime.none")
    move(d.controls, w0=1.0)                                     # no steps: the start alone
    assert d.run.steps == 0 and tuple(d.run.path[0]) == (1.0, -2.0)
    assert d.path_view.updates["path-start"]["x"] == round(float(d.chart.px(1.0)) - 4.5, 1)


def test_an_overflow_says_so_keeps_the_last_finite_state_and_the_next_action_clears_it(land):
    d = D.DescentExplorer(land)
    d.controls.set({"gd-eta": 10.0, "gd-k": 200})
    with np.errstate(all="raise"):
        press(d.controls, "gd-step")
    gd = d.descent.gd
    assert D.PRESET_STEPS < gd.steps < D.PRESET_STEPS + 200 and np.isfinite(d.run.path).all()
    assert d.message.text == tr("descent.diverged", k=gd.steps + 1, eta="10", kept=gd.steps,
                                E=fmt.num_wide(gd.trace.loss), L="L")
    assert d.regime_view.values["regime"] == tr("gd05.regime.diverges")
    assert all(len(v) < 40 for v in d.regime_view.values.values() if v[:1] != "η")
    press(d.controls, "preset-good")
    assert d.message.text == "" and d.run.regime == "good"


def test_the_hill_shows_the_run_on_the_surface_up_to_where_it_leaves(land):
    d = D.DescentExplorer(land)
    S = d.surf
    X, Y = S.project(d.run.path[:, 0], d.run.path[:, 1], d.run.losses)
    assert d.hill_view.updates == {**trail_updates("hill", X, Y),
                                   "hill-caption": {"text": tr("gd05.hill_caption")}}
    press(d.controls, "preset-far-too-large")
    inside = S.inside(d.run.path[:, 0], d.run.path[:, 1], d.run.losses)
    n = int(np.argmin(inside))
    assert 0 < n < len(d.run.path)
    X, Y = S.project(d.run.path[:n, 0], d.run.path[:n, 1], d.run.losses[:n])
    assert d.hill_view.updates["hill-line"] == trail_updates("hill", X, Y)["hill-line"]
    assert d.hill_view.updates["hill-caption"]["text"].endswith(tr("gd05.hill_left", k=n - 1))
    assert d.controls in d.hill.children and "nn-05-hill-view" in d.hill._dom_classes


def test_an_internal_error_in_the_descent_is_one_line_and_the_widget_lives_on(land, monkeypatch):
    d = D.DescentExplorer(land)
    good = dict(d.regime_view.values)

    def broken(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(land, "run_of", broken)
    move(d.controls, **{"gd-eta": 0.5})
    assert d.message.text == tr("msg.internal", error="RuntimeError: boom")
    assert d.regime_view.values == good
    monkeypatch.undo()
    move(d.controls, **{"gd-eta": 0.1})
    assert d.message.text == "" and d.run.eta == 0.1


def test_kernel_time_per_move_is_small(land):
    g, d = D.GradientExplorer(land), D.DescentExplorer(land)
    start = time.perf_counter()
    for i in range(40):
        move(g.controls, w=-1.0 + 0.05 * i, b=1.0 - 0.05 * i)
    per_move = (time.perf_counter() - start) / 40
    assert per_move < 0.05                                       # measured ≈ 2 ms when quiet
    start = time.perf_counter()
    for i in range(20):
        move(d.controls, w0=-1.0 + 0.05 * i)
    assert (time.perf_counter() - start) / 20 < 0.1              # 30 steps replayed ≈ 4 ms


# --- static pictures --------------------------------------------------------------------------

def test_params_and_grads_have_the_same_shape():
    net = nnlib.Network([nnlib.Dense([[0.2, -0.4, 0.1], [0.5, 0.3, -0.2]], [0.1, 0.0], "sigmoid"),
                         nnlib.Dense([[1.0, -1.0]], [0.2])])
    t = net.trace([1.0, 2.0, -1.0], [0.5])
    html = show(D.params_and_grads, t).html
    got = keyed_numbers(html)
    for l in (1, 2):
        assert t[l].dW.shape == t[l].W.shape
        for (i, j), v in np.ndenumerate(t[l].dW):
            assert got[f"pg{l}-dW-{i + 1}-{j + 1}"] == float(fmt.num(v, 3).replace("−", "-"))
        for i, v in enumerate(t[l].db):
            assert got[f"pg{l}-db-{i + 1}-1"] == pytest.approx(v, abs=0.51e-3)
    assert "(2×3)" in html and "(1×2)" in html


def test_presets_table_shows_eta_lambda_and_the_regime_of_each_run(land):
    html = show(D.presets_table, land).html
    got = keyed_numbers(html)
    lams = land.curvature()[1]
    lam = lams.max()
    for name, eta in D.PRESETS.items():
        assert got[f"pr-{name}"] == round(eta * lam, 2)
        assert got[f"pr-rate-{name}"] == round(np.abs(1 - eta * lams).max(), 3)
    # overshooting along the steep direction converges faster here than not overshooting:
    # the rate is set by the worst direction, max |1 − ηλ|
    assert got["pr-rate-too-large"] < got["pr-rate-good"] < 1 < got["pr-rate-far-too-large"]
    gap = {name: land.descend(*D.START, eta, D.PRESET_STEPS).losses[-1] - land.minimum[2]
           for name, eta in D.PRESETS.items()}
    assert gap["too-large"] < gap["good"] < gap["too-small"]
    for name in D.PRESETS:
        assert f'data-key="pr-gap-{name}"' in html
    for regime in ("crawls", "good", "oscillates", "diverges"):
        assert tr(f"gd05.regime.{regime}") in html


def test_history_shows_every_step_in_scientific_notation():
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], eta=0.02)
    gd.step(10)
    html = show(D.history, gd).html
    for k, E in enumerate(gd.losses):
        assert f'data-key="gdE-{k}">{fmt.num_wide(E)}<' in html
    assert "0.000000" not in html and "8.03e−11" in html        # the last step is not shown as 0
    assert "max-height" not in html                              # every row in view


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
    assert rows[0.5]["regime"] == "dead" and rows[0.5]["dead"] == rows[0.5]["relus"] == 4
    assert rows[0.5]["E_max"] > 60 * rows[0.5]["E0"]
    assert rows[5.0]["regime"] == "diverges"
    html = show(D.network_regimes_table, list(rows.values())).html
    for name in ("crawls", "good", "overshoots", "dead", "diverges"):
        assert name in D.NETWORK_REGIME_COLORS
        assert tr(f"gd05.net.name.{name}") in html and tr(f"gd05.net.text.{name}") in html
    assert keyed_numbers(html)["nr-E0-0"] == 0.136242 and "nr-E_max-3" in html


def test_hidden_relus_use_the_cores_dead_rule():
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], eta=0.5)
    gd.step(3)
    t = gd.trace
    units, dead = D.hidden_relus(t)
    assert units == [(1, 0), (1, 1), (2, 0), (2, 1)]
    assert dead == [(l, i) for l, i in units if t[l].dead[i]] and len(dead) == 4


def test_num_wide():
    assert fmt.num_wide(0.136242) == "0.136242"
    assert fmt.num_wide(8.031e-11) == "8.03e−11"
    assert fmt.num_wide(7.7e28) == "7.70e+28"
    assert fmt.num_wide(2.3e-20) == "< 10⁻¹²" and fmt.num_wide(0.0) == "0"


@pytest.mark.parametrize("v, text", [(1.229999, "1.23"), (0.007587, "0.00759"),
                                     (1.452e-6, "1.45e−06"), (178564.19, "1.79e+05"),
                                     (999.6, "1.00e+03"), (-0.5, "−0.500"), (5.0, "5.00"),
                                     (1e-13, "< 10⁻¹²"), (0.0, "0"), (math.inf, "∞")])
def test_sig_writes_three_significant_digits(v, text):
    assert fmt.sig(v) == text


# --- the training curve beside the notebook's panel -------------------------------------------

def test_training_curve_follows_the_panels_descent():
    panel = NetworkPanel(nnlib.worked_example(), x=[1.0, 2.0], y=[3.5],
                         views=("diagram", "values", "backward", "descent"))
    curve = D.TrainingCurve(panel)
    up = curve.updates
    assert up["lc-line"]["d"].count("L") == 0                    # E₀ alone: no line yet
    assert up["lc-caption"]["text"] == tr("gd05.curve_none", E="0.136242")
    panel.actions.set({"gd-eta": 0.05, "gd-k": 5})
    press(panel.actions, "gd-step")
    gd = nnlib.GradientDescent(nnlib.worked_example(), [1.0, 2.0], [3.5], eta=0.05)
    gd.step(5)
    assert panel.trace.loss == gd.trace.loss                     # the exact descent
    ch = curve.chart
    assert ch.log_y                                              # E spans decades: log scale
    k = np.arange(6)
    assert curve.updates["lc-line"] == trail_updates("lc", ch.px(k), ch.py(gd.losses))["lc-line"]
    assert curve.updates["lc-caption"]["text"] == tr(
        "gd05.curve_summary", k=5, eta="0.05", E0=fmt.num_wide(gd.losses[0]),
        Ek=fmt.num_wide(gd.losses[-1]))
    press(panel.actions, "gd-step")                              # continues it
    gd.step(5)
    assert len(curve.updates["lc-dots"]["d"].split("M")) - 1 == 11
    assert curve.chart.xlim == (0, 10)
    press(panel.actions, "gd-undo")
    assert len(curve.updates["lc-dots"]["d"].split("M")) - 1 == 10
    move(panel.controls, **{"x-1": 0.5})                         # a learner's move: afresh
    assert panel.gd is None
    t = panel.trace
    assert curve.updates["lc-caption"]["text"] == tr("gd05.curve_none",
                                                          E=fmt.num(t.loss, 6))
    D.TrainingCurve(panel)                                       # the cell run again
    assert list(panel._followers).count("nn-05-train") == 1


# --- the English edition ------------------------------------------------------------------------

def test_every_text_has_its_english(land):
    set_language("en")
    try:
        g, d = D.GradientExplorer(land), D.DescentExplorer(land)
        press(d.controls, "preset-far-too-large")
        texts = [g.table.template, d.regime_view.template, *d.regime_view.values.values(),
                 d.message.text, show(D.presets_table, land).html,
                 show(D.network_regimes_table, D.network_regimes(
                     nnlib.worked_example(), [1.0, 2.0], [3.5], [0.02, 0.5])).html]
        for view in (g.contour, g.sections, g.fit, g.surface, d.path_view, d.loss_view,
                     d.hill_view):
            texts += [sh.get("text", "") for sh in view.shapes]
            texts += [u.get("text", "") for u in view.updates.values()]
        for c in (g.controls, d.controls):
            texts += [g_["title"] for g_ in c.groups]
            texts += [it.get("label", "") + it.get("title", "") for g_ in c.groups
                      for it in g_["items"]]
        assert not [t for t in texts if CJK.search(t)]
        assert tr("gd05.regime.diverges") == "diverges"
    finally:
        set_language("zh")


def test_the_hill_out_of_sight_is_brought_up_to_date_when_it_comes_back(land):
    d = D.DescentExplorer(land)
    d.hill_view.receive({"event": "visible", "view": "v1", "visible": False})
    before = d.hill_view.updates
    press(d.controls, "preset-too-small")
    assert d.hill_view.updates == before                         # not sent while out of sight
    d.hill_view.receive({"event": "visible", "view": "v1", "visible": True})
    X, Y = d.surf.project(d.run.path[:, 0], d.run.path[:, 1], d.run.losses)
    assert d.hill_view.updates["hill-line"] == trail_updates("hill", X, Y)["hill-line"]
