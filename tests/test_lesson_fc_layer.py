"""nnlib.lessons.fc_layer headless: what the lesson's views hold (TemplateView values, SceneView
updates, Controls readouts) is nnlib's numbers, formatted by nnlib.fmt, for the controls'
values, before and after a learner's moves; a move nobody can compute keeps the last good
state with a message; the lesson's maths agrees with nnlib and with independent computation."""
import re

import numpy as np
import pytest

import nnlib
from nnlib import fmt
from nnlib.i18n import set_language, tr
from nnlib.lessons import fc_layer as FC
from nnlib.widgets import COLORS, NetworkPanel, show

from helpers import keyed_numbers, number, path_points

W0 = [[0.6, -0.4, 0.9], [-0.5, 0.8, 0.3]]
B0 = [0.1, -0.2]
X0 = [1.0, 0.5, 1.5]


def move(controls, **values):
    """A learner's move in the browser: the new values arrive through set_state."""
    controls.set_state({"values": {**controls.values, **values}})


def typed_badly(controls, key, text, reason):
    controls.receive({"type": "rejected", "key": key, "text": text, "reason": reason})


def net0(f="relu"):
    return nnlib.Network([nnlib.Dense(W0, B0, f)])


@pytest.fixture
def panel():
    return NetworkPanel(net0(), X0, views=("diagram", "values", "forward"),
                        activation_choices=(1,), title=tr("fc.panel.title"))


def current_trace(panel):
    net, x, _ = panel.current()
    return FC.forward_trace(net, x)


# --- the still pictures of the five steps ------------------------------------------------------

def test_forward_trace_is_the_forward_pass_only():
    t = FC.forward_trace(net0(), X0)
    np.testing.assert_allclose(t[1].z, np.array(W0) @ X0 + B0)
    np.testing.assert_allclose(t[1].a, np.maximum(t[1].z, 0))
    assert t[1].delta is None and t[1].dW is None


def test_network_view_is_the_toolkits_diagram_with_each_weight_on_its_edge():
    t = FC.forward_trace(net0(), X0)
    view = FC.network_view(t)
    assert "nn-01-network" in view._dom_classes and "nn-panel" not in view._dom_classes
    for i in range(2):
        assert view.updates[f"t-1-{i + 1}"]["lines"] == [f"z {fmt.num(t[1].z[i], 2)}",
                                                         f"a {fmt.num(t[1].a[i], 2)}"]
        for j in range(3):
            assert view.updates[f"el-1-{i + 1}-{j + 1}"]["text"] == fmt.num(W0[i][j], 2)
            assert view.updates[f"e-1-{i + 1}-{j + 1}"]["stroke"] == \
                (COLORS["pos"] if W0[i][j] > 0 else COLORS["neg"])


def test_the_five_steps_show_nnlibs_numbers():
    x, W = np.array(X0), np.array(W0)
    assert keyed_numbers(show(FC.input_column, x).html) == {f"x-{j + 1}-1": v
                                                            for j, v in enumerate(X0)}
    html = show(FC.weight_rows, W).html
    assert keyed_numbers(html) == {f"W-{i + 1}-{j + 1}": W0[i][j]
                                   for i in range(2) for j in range(3)}
    assert html.index("#FF8A65") < html.index("#4DB6AC")                # row 1, then row 2
    assert tr("fc.W.row", i=2, w="w₂₁ … w₂₃") in html
    t3 = FC.forward_trace(nnlib.Network([nnlib.Dense(W, np.zeros(2), "identity")]), x)
    t = FC.forward_trace(net0(), x)
    shown = keyed_numbers(show(FC.linear_eq, t3).html)
    for i in range(2):                                                    # z_i = Σ_j w_ij x_j
        assert shown[f"row-z-{i + 1}"] == shown[f"z-{i + 1}-1"] == round(float(W[i] @ x), 4)
        assert [shown[f"row-w-{i + 1}-{j + 1}"] for j in range(3)] == W0[i]
    shown = keyed_numbers(show(FC.bias_eq, t3, t).html)
    for i in range(2):
        assert shown[f"z-{i + 1}-1"] == round(shown[f"Wx-{i + 1}-1"] + B0[i], 4)
    a_by_f = {f: FC.forward_trace(net0(f), x)[1].a for f in ("identity", "relu", "sigmoid", "tanh")}
    shown = keyed_numbers(show(FC.activations_table, a_by_f).html)
    z = W @ x + np.array(B0)
    for f, a in {"identity": z, "relu": np.maximum(z, 0), "sigmoid": 1 / (1 + np.exp(-z)),
                 "tanh": np.tanh(z)}.items():
        assert [shown[f"act-{f}-{i + 1}"] for i in range(2)] == [round(float(v), 4) for v in a]


def test_row_matrix_lit_row_fades_the_others():
    from nnlib.widgets import Doc
    html = FC.row_matrix(Doc(static=True), "W", W0, lit=2)
    assert "#FF8A65" not in html and "#4DB6AC" in html and FC.FADED in html
    assert keyed_numbers(html) == {f"W-{i + 1}-{j + 1}": W0[i][j]
                                   for i in range(2) for j in range(3)}
    assert FC.row_color(0) == "#FF8A65" and FC.row_color(1) == "#4DB6AC"


# --- the views that follow the panel -----------------------------------------------------------

def test_rows_view_follows_the_panel(panel):
    rows = FC.RowsView(panel)
    assert "nn-01-rows" in rows._dom_classes
    for values in [{"x-2": -2.0}, {"W-1-2-3": 1.7}, {"b-1-1": -1.5}, {"f-1": "tanh"}]:
        move(panel.controls, **values)
        t = current_trace(panel)
        for i in range(2):
            assert rows.values[f"row-z-{i + 1}"] == fmt.num(t[1].z[i])
            assert rows.values[f"row-a-{i + 1}"] == fmt.num(t[1].a[i])
            assert rows.values[f"row-b-{i + 1}"] == fmt.num(t[1].b[i], 2)
    assert panel.controls.values["f-1"] == "tanh" and "tanh(z₁)" in rows.template
    assert rows.template.index("#FF8A65") < rows.template.index("#4DB6AC")


def test_the_b2_threshold_turns_neuron_2_off(panel):
    rows = FC.RowsView(panel)
    threshold = -float(np.array(W0[1]) @ X0)                     # the notebook prints −0.35
    assert fmt.num(threshold, 2) == "−0.35"
    move(panel.controls, **{"b-1-2": round(threshold, 2)})
    t = current_trace(panel)
    assert t[1].z[1] <= 0 and bool(t[1].dead[1]) and t[1].a[1] == 0
    assert rows.values["row-dead-2"] == tr("fc.rows.dead", i=2) and rows.values["row-dead-1"] == ""
    assert panel.diagram.updates["n-1-2"]["fill"] == COLORS["dead"]
    move(panel.controls, **{"b-1-2": round(threshold + 0.01, 2)})
    assert rows.values["row-dead-2"] == ""


def test_a_second_view_under_the_same_key_replaces_the_first(panel):
    FC.RowsView(panel)
    FC.RowsView(panel)
    FC.ActivationView(panel)
    assert sorted(panel._followers) == ["nn-01-activation", "nn-01-rows"]


def central_difference(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


def test_activation_view_marks_nnlibs_z_a_and_fprime(panel):
    view = FC.ActivationView(panel)
    c = view.chart
    for values in [{}, {"x-1": -1.2}, {"f-1": "sigmoid"}, {"W-1-1-3": -0.6}, {"f-1": "tanh"},
                   {"f-1": "identity"}]:
        move(panel.controls, **values)
        t, c = current_trace(panel), view.chart
        f = t[1].activation
        assert any(s.get("text") == tr("fc.act.title", l=1, f=f) for s in view.shapes)
        for i in range(2):
            z, a = float(t[1].z[i]), float(t[1].a[i])
            fp = central_difference(nnlib.ACTIVATIONS[f].f, z)          # independent f′(z)
            pt = view.updates[f"act-a-{i + 1}"]
            assert (pt["cx"], pt["cy"]) == (round(float(c.px(z)), 1), round(float(c.py(a)), 1))
            assert view.updates[f"act-fp-{i + 1}"]["cy"] == pytest.approx(float(c.py(fp)), abs=0.06)
            text = view.updates[f"r-{i + 1}"]["text"]
            assert text.startswith(f"z{'₁₂'[i]} = {fmt.num(z, 2)} → ")
            assert f"= {fmt.num(a, 2)}," in text and text.endswith(f"= {fmt.num(fp, 2)}")


def test_activation_view_draws_the_axes_again_only_when_f_changes(panel):
    view = FC.ActivationView(panel)
    shapes = view.shapes
    move(panel.controls, **{"x-1": 0.3})
    assert view.shapes is shapes                        # a slider move sends only the points
    move(panel.controls, **{"f-1": "sigmoid"})
    assert view.shapes != shapes
    assert any(s.get("text") == tr("fc.act.title", l=1, f="sigmoid") for s in view.shapes)
    curve = next(s for s in view.shapes if s.get("id") == "act-a")
    assert curve["d"].startswith("M") and curve["d"].count("L") == 160


def test_a_z_off_the_chart_is_hidden_and_said_not_clamped(panel):
    view = FC.ActivationView(panel)
    move(panel.controls, **{"x-3": 3.0, "W-1-1-3": 2.0})          # z₁ = 6.5 > 4
    t = current_trace(panel)
    assert t[1].z[0] > FC.ActivationView.Z[1]
    assert view.updates["act-a-1"] == {"visibility": "hidden"}
    assert view.updates["r-1"]["text"].endswith(tr("fc.act.outside"))
    assert view.updates["act-a-2"]["visibility"] == "visible"


# --- the recipe --------------------------------------------------------------------------------

def test_recipe_is_the_notes_recipe():
    # row 1 (炒鸡蛋风味): 2 egg + 1 tomato + a little salt; row 2 (凉拌糖番茄): 1 tomato + 3 sugar
    tomato, egg, salt, sugar = range(4)
    r1, r2 = FC.RECIPE
    assert (r1[egg], r1[tomato], r1[sugar]) == (2, 1, 0) and 0 < r1[salt] < 1
    assert (r2[tomato], r2[sugar], r2[egg], r2[salt]) == (1, 3, 0, 0)


def test_recipe_widget_shows_nnlibs_flavours():
    w = FC.RecipeWidget()
    rng = np.random.default_rng(0)
    for _ in range(5):
        move(w.controls, **{k: float(np.round(rng.uniform(0, 5), 1)) for k in FC.INGREDIENTS})
        x = np.array([w.controls.values[k] for k in FC.INGREDIENTS])
        z = nnlib.Network([nnlib.Dense(FC.RECIPE, np.zeros(2), "identity")]).trace(
            x, np.zeros(2), backward=False)[1].z
        np.testing.assert_allclose(z, FC.RECIPE @ x)
        assert [w.formula.values[f"z-{i + 1}"] for i in range(2)] == [fmt.num(v, 2) for v in z]
        assert [w.formula.values[f"x-{j + 1}"] for j in range(4)] == [fmt.num(v, 1) for v in x]
        assert [w.picture.updates[f"outz-{i}"]["text"] for i in range(2)] == \
            [fmt.num(v, 1) for v in z]
        assert w.picture.updates["in-1"]["text"] == f"{tr('fc.recipe.egg')} {fmt.num(x[1], 1)}"
        assert [w.controls.readouts[k] for k in FC.INGREDIENTS] == \
            [fmt.readout(v, 0.1) for v in x]
    assert w.message.text == ""


def test_recipe_row_toggle_lights_one_row_its_edges_and_its_dish():
    w = FC.RecipeWidget()
    for row in (2, 1, 2):
        move(w.controls, row=row)
        i, other = row - 1, 2 - row
        up, html = w.picture.updates, w.formula.template
        assert tr("fc.recipe.line", i=row, dish=tr(f"fc.recipe.{FC.DISHES[i]}")) in html
        assert w.formula.values["line-z"] == fmt.num(w.trace[1].z[i], 2)
        assert FC.row_color(i) in html and FC.row_color(other) not in html
        assert up[f"out-{i}"]["fill"] == FC.row_color(i)
        assert up[f"out-{other}"]["fill"] == COLORS["output"]
        lit = [k for k in up if k.startswith(f"e-{i}-")]
        assert lit and all(up[k]["stroke"] == FC.row_color(i) for k in lit)
        assert all(up[k]["stroke"] == FC.GREY for k in up if k.startswith(f"e-{other}-"))
        assert up[f"dish-{i}"]["font-weight"] == 700 and up[f"dish-{other}"]["font-weight"] == 400
    # egg (j = 1) only in the savoury row, sugar (j = 3) only in the sweet-sour one
    assert "e-0-1" in up and "e-1-1" not in up and "e-1-3" in up and "e-0-3" not in up


def test_recipe_a_typed_value_out_of_range_is_refused_and_said():
    w = FC.RecipeWidget()
    before = (dict(w.controls.values), dict(w.formula.values))
    typed_badly(w.controls, "salt", "9", "range")
    assert (dict(w.controls.values), dict(w.formula.values)) == before
    assert w.message.text == tr("msg.reject.range", text="9", label=tr("fc.recipe.salt"),
                                lo="0.00", hi="5.00", value="1.0")
    move(w.controls, salt=2.0)                                 # the next move clears it
    assert w.message.text == "" and w.formula.values["x-3"] == "2.0"


# --- from one neuron to a layer ----------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 2, 3, 4, 5])
def test_shapes_widget_writes_the_shapes_and_nnlibs_z(m):
    w = FC.ShapesWidget(m=1 if m != 1 else 3)
    move(w.controls, m=m)
    v, up = w.formula.values, w.picture.updates
    assert v["shape"] == f"W ({m}×3) · x (3×1) + b ({m}×1) = z ({m}×1)"
    assert w.controls.readouts["m"] == str(m)
    t = FC.shapes_network(m).trace(FC.SHAPES_X, np.zeros(m), backward=False)
    layer = FC.shapes_network(m).layers[0]
    np.testing.assert_allclose(t[1].z, layer.W @ FC.SHAPES_X + layer.b)
    assert [v[f"z-{i + 1}"] for i in range(m)] == [fmt.num(z, 2) for z in t[1].z]
    assert sum(up[f"n-{i}"]["visibility"] == "visible" for i in range(5)) == m
    edges = [k for k in up if k.startswith("e-") and up[k]["visibility"] == "visible"]
    assert len(edges) == 3 * m
    assert all((up[k]["stroke-dasharray"] is None) == (layer.W[int(k[2]), int(k[4])] >= 0)
               for k in edges)                                 # dashed: a negative weight
    ys = [up[f"n-{i}"]["cy"] for i in range(m)]
    assert np.mean(ys) == pytest.approx(w.mid)                  # centred
    assert (tr("fc.shapes.one") in w.formula.template) == (m == 1)


def test_shapes_network_keeps_earlier_rows_when_m_grows():
    W2, W5 = FC.shapes_network(2).layers[0].W, FC.shapes_network(5).layers[0].W
    np.testing.assert_array_equal(W2, W5[:2])
    with pytest.raises(ValueError, match=re.escape(tr("fc.shapes.m_range", max_m=5, m=6))):
        FC.shapes_network(6)


def test_shapes_a_typed_m_that_is_no_option_is_refused_and_said():
    w = FC.ShapesWidget(m=2)
    typed_badly(w.controls, "m", "2.5", "choice")
    assert w.controls.values["m"] == 2 and w.formula.values["shape"].startswith("W (2×3)")
    assert w.message.text == tr("msg.reject.choice", text="2.5", label="m", value="2")


# --- other ways to connect ---------------------------------------------------------------------

def test_parameter_counts():
    assert FC.fc_params(8) == 72 and FC.fc_params(3, 2) == 8
    assert FC.conv_params(3) == 4
    assert FC.rnn_params(8) == 2 * 64 + 8
    assert FC.rnn_params(8, T=5, shared=False) == 5 * FC.rnn_params(8)
    assert FC.rnn_params(8, T=1) == FC.rnn_params(8, T=100)      # shared: independent of T


def test_fc_params_is_what_a_dense_layer_holds():
    n = 6
    layer = nnlib.Dense(np.ones((n, n)), np.zeros(n))
    assert layer.W.size + layer.b.size == FC.fc_params(n)


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_conv_matrix_is_banded_tied_and_computes_the_convolution(k):
    n = 9
    kernel = FC.conv_kernel(k)
    M = FC.conv_matrix(n, kernel)
    c = (k - 1) // 2
    x = np.random.default_rng(1).normal(size=n)
    padded = np.concatenate([np.zeros(c), x, np.zeros(k - 1 - c)])
    np.testing.assert_allclose(M @ x, np.correlate(padded, kernel, mode="valid"))
    # the written formula z_i = Σ_j w_j x_(i+j−1−c), 1-based, x_p = 0 outside 1..n
    x_at = lambda p: x[p - 1] if 1 <= p <= n else 0.0                     # noqa: E731
    z = [sum(kernel[j - 1] * x_at(i + j - 1 - c) for j in range(1, k + 1)) for i in range(1, n + 1)]
    np.testing.assert_allclose(M @ x, z)
    # a Dense layer with this W computes the same convolution (a constrained FC layer)
    z = FC.forward_trace(nnlib.Network([nnlib.Dense(M, np.full(n, 0.5))]), x)[1].z
    np.testing.assert_allclose(z, M @ x + 0.5)
    assert len(np.unique(M[M != 0])) == k                       # only k distinct weights
    for d in range(-c, k - c):                                   # constant along diagonals
        assert len(set(np.diag(M, d))) == 1
    assert np.count_nonzero(np.triu(M, k - c)) == 0 and np.count_nonzero(np.tril(M, -c - 1)) == 0
    # length n is the top-left corner of length 32: what the widget's viewBox shows
    np.testing.assert_array_equal(FC.conv_matrix(32, kernel)[:n, :n], M)


def test_conv_kernel_out_of_range_says_so():
    with pytest.raises(ValueError, match=re.escape(tr("fc.conn.kernel_range", kmax=7, k=8))):
        FC.conv_kernel(8)


def test_conv_eq_shows_the_banded_product():
    x = np.array([0.0, 1.0, 2.0, 1.0, 0.0, -1.0])
    W = FC.conv_matrix(6, FC.conv_kernel(3))
    html = show(FC.conv_eq, W, x, W @ x).html
    assert tr("fc.conv.caption", n=6, k=3) in html
    shown = keyed_numbers(html)
    assert [shown[f"z-{i + 1}-1"] for i in range(6)] == [round(float(v), 2) for v in W @ x]


def cells(d: str, n: int) -> set:
    """The (row, col) cells of a grid path, those inside the n × n corner."""
    pts = {(int(y), int(x)) for x, y in path_points(d, "M")}
    return {(i, j) for i, j in pts if i < n and j < n}


def test_connections_widget_counts_bars_grids_and_steps_follow_the_sliders():
    w = FC.ConnectionsWidget()
    c = w.chart
    for n, k, T in [(8, 3, 4), (20, 5, 8), (2, 1, 1), (32, 7, 2)]:
        move(w.controls, n=n, k=k, T=T)
        v, up = w.table.values, w.picture.updates
        counts = [n * n + n, k + 1, FC.rnn_params(n), T * FC.rnn_params(n)]
        assert counts == [FC.fc_params(n), FC.conv_params(k), FC.rnn_params(n),
                          FC.rnn_params(n, T=T, shared=False)]
        assert [v[f"p-{key}"] for key in ("fc", "conv", "rnn", "unshared")] == \
            [fmt.num(x, 0) for x in counts]
        assert v["f-fc"] == f"n² + n = {n}² + {n}"
        assert v["f-unshared"] == f"T(2n² + n) = {T}·{FC.rnn_params(n)}"
        for i, count in enumerate(counts):                        # log-scale bars
            assert up[f"bar-{i}"]["y"] == round(float(c.py(count)), 1)
            assert up[f"bt-{i}"]["text"] == fmt.num(count, 0)
        assert up["fc"]["viewBox"] == up["conv"]["viewBox"] == f"0 0 {n} {n}"
        M = FC.conv_matrix(n, FC.conv_kernel(k))
        for j in range(7):                                        # one path per shared weight
            want = {tuple(ij) for ij in np.argwhere(M == FC.KERNEL_VALUES[j])} if j < k else set()
            assert cells(up[f"w-{j}"]["d"], n) == want
            assert up[f"sw-{j}"]["visibility"] == ("visible" if j < k else "hidden")
        assert [up[f"rnn-{t}"]["visibility"] for t in range(8)] == \
            ["visible"] * T + ["hidden"] * (8 - T)
        assert up["rnn-title"]["text"] == tr("fc.conn.rnn_title", T=T)
        assert w.message.text == ""


def test_connections_kernel_larger_than_input_keeps_the_last_state():
    w = FC.ConnectionsWidget(n=8, k=3)
    move(w.controls, n=4)
    before = (dict(w.table.values), dict(w.picture.updates))
    move(w.controls, k=7)
    assert w.message.text == tr("fc.conn.k_gt_n", k=7, n=4)
    assert (dict(w.table.values), dict(w.picture.updates)) == before
    assert w.counts["conv"] == 4
    move(w.controls, k=3)
    assert w.message.text == "" and w.table.values["p-fc"] == "20"


def test_the_fc_grid_is_fixed_so_growing_n_adds_rows_and_columns():
    w = FC.ConnectionsWidget()
    grid = [s for s in w.picture.shapes if s.get("parent") == "fc" and s["tag"] == "path"]
    assert sum(len(cells(s["d"], 32)) for s in grid) == 32 * 32   # every cell, once


# --- the language ------------------------------------------------------------------------------

def test_the_widgets_speak_english_in_the_english_edition():
    try:
        set_language("en")
        w = FC.RecipeWidget()
        labels = [it["label"] for g in w.controls.groups for it in g["items"]]
        assert labels[:4] == ["tomato", "egg", "salt", "sugar"]
        assert "row 1 → output neuron 1 (savoury)" in w.formula.template
        assert FC.ConnectionsWidget().table.template.count("fully connected") == 1
    finally:
        set_language("zh")


def test_every_number_a_view_shows_is_nnlibs_format():
    for w in (FC.RecipeWidget(), FC.ShapesWidget(), FC.ConnectionsWidget()):
        for text in (t for t in w.controls.readouts.values()):
            number(text)
        assert all("-" not in t for t in w.controls.readouts.values())   # a true minus sign


def test_only_the_panel_carries_nn_panel(panel):
    views = [FC.RowsView(panel), FC.ActivationView(panel), FC.network_view(panel.trace)]
    widgets = [FC.RecipeWidget(), FC.ShapesWidget(), FC.ConnectionsWidget()]
    assert "nn-panel" in panel.widget._dom_classes
    assert all("nn-panel" not in v._dom_classes for v in views)
    assert [w.widget._dom_classes[-1] for w in widgets] == ["nn-01-recipe", "nn-01-shapes",
                                                          "nn-01-connections"]
    assert all("nn-panel" not in w.widget._dom_classes for w in widgets)


def test_a_follower_out_of_sight_is_brought_up_to_date_when_it_comes_back(panel):
    view = FC.ActivationView(panel)
    view.receive({"event": "visible", "visible": False, "view": "v1"})
    before = dict(view.updates)
    move(panel.controls, **{"x-1": -0.4})
    assert view.updates == before                           # out of sight: not redrawn
    view.receive({"event": "visible", "visible": True, "view": "v1"})
    z = current_trace(panel)[1].z
    assert view.updates["r-1"]["text"].startswith(f"z₁ = {fmt.num(z[0], 2)} ")
