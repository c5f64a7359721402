"""nnlib.lessons.fc_layer, headless (Agg): the lesson views of notebook 01 show exactly what
nnlib computes, before and after slider moves."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

import nnlib  # noqa: E402
from nnlib.lessons import fc_layer as FC  # noqa: E402
from nnlib.widgets import NetworkPanel  # noqa: E402
from helpers import keyed_numbers

W0 = [[0.6, -0.4, 0.9], [-0.5, 0.8, 0.3]]
B0 = [0.1, -0.2]
X0 = [1.0, 0.5, 1.5]


@pytest.fixture
def panel():
    net = nnlib.Network([nnlib.Dense(W0, B0, "relu")])
    return NetworkPanel(net, X0, views=("diagram", "activation", "forward", "values"),
                        activation_choices=(1,))


# --- each row is a feature extractor ----------------------------------------------------------

def test_rows_view_follows_the_panel(panel):
    rows = FC.RowsView(panel)
    for move in [lambda: setattr(panel.x_sliders[1], "value", -2.0),
                 lambda: setattr(panel.W_sliders[0][1][2], "value", 1.7),
                 lambda: setattr(panel.b_sliders[0][0], "value", -1.5),
                 lambda: setattr(panel.act_menus[1], "value", "tanh")]:
        move()
        net, x, _ = panel.current()
        t = net.trace(x, np.zeros(2), backward=False)
        shown = keyed_numbers(rows.widget.value)
        for i in range(2):
            assert shown[f"row-z-{i + 1}"] == round(float(t[1].z[i]), 4)
            assert shown[f"row-a-{i + 1}"] == round(float(t[1].a[i]), 4)
    assert panel.act_menus[1].value == "tanh" and "tanh(z)" in rows.widget.value


def test_rows_carry_the_notes_row_colours(panel):
    html = FC.rows_html(panel.trace)
    assert html.index("#FF8A65") < html.index("#4DB6AC")       # row 1, then row 2
    assert FC.row_color(0) == "#FF8A65" and FC.row_color(1) == "#4DB6AC"


def test_colored_matrix_html_highlight_fades_other_rows():
    html = FC.colored_matrix_html(W0, highlight=1)
    assert "#FF8A65" not in html and "#4DB6AC" in html and FC.FADED in html
    assert keyed_numbers(html) == {f"W-{i + 1}-{j + 1}": W0[i][j] for i in range(2) for j in range(3)}


# --- the recipe -------------------------------------------------------------------------------

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
        for s in w.sliders:
            s.value = float(np.round(rng.uniform(0, 5), 1))
        x = np.array([s.value for s in w.sliders])
        z = nnlib.Network([nnlib.Dense(FC.RECIPE, np.zeros(2), "identity")]).trace(
            x, np.zeros(2), backward=False)[1].z
        shown = keyed_numbers(w.html.value)
        assert [shown["z-1"], shown["z-2"]] == [round(float(v), 2) for v in z]
        assert [shown[f"x-{j + 1}"] for j in range(4)] == [round(float(v), 2) for v in x]
        assert w.art["out_text"][0].get_text().endswith(f"{z[0]:.2f}")
        assert w.art["out_text"][1].get_text().endswith(f"{z[1]:.2f}")


def test_recipe_row_toggle_lights_one_row_its_edges_and_output():
    w = FC.RecipeWidget()
    for i in (1, 0, 1):
        w.row.value = i
        html = w.html.value
        assert f"row {i + 1} → output neuron {i + 1}" in html
        assert keyed_numbers(html)["line-z"] == round(float(w.trace[1].z[i]), 2)
        assert FC.row_color(i) in html and FC.row_color(1 - i) not in html.split("nn-eq")[1]
        lit = matplotlib.colors.to_hex(w.art["out_nodes"][i].get_facecolor())
        assert lit.upper() == FC.row_color(i).upper()
        assert all(matplotlib.colors.to_hex(line.get_color()).upper() == FC.row_color(i)
                   for line in w.art["edges"][i])
        assert all(line.get_color() == "#BDBDBD" for line in w.art["edges"][1 - i])
        assert w.art["out_text"][i].get_fontweight() == "bold"


# --- from one neuron to a layer ----------------------------------------------------------------

@pytest.mark.parametrize("m", [1, 2, 3, 4, 5])
def test_shapes_widget_writes_the_shapes_and_nnlibs_z(m):
    w = FC.ShapesWidget(m=1 if m != 1 else 3)
    w.m.value = m
    html = w.html.value
    assert f'data-shape="{m}x3"' in html
    assert f"W ({m}×3) · x (3×1) + b ({m}×1) = z ({m}×1)" in html
    t = FC.shapes_network(m).trace(FC.SHAPES_X, np.zeros(m), backward=False)
    shown = keyed_numbers(html)
    assert [shown[f"z-{i + 1}"] for i in range(m)] == [round(float(v), 2) for v in t[1].z]
    assert sum(node.get_visible() for node in w.art["nodes"]) == m
    assert sum(line.get_visible() for row in w.art["edges"] for line in row) == 3 * m
    assert ("one neuron" in html) == (m == 1)


def test_shapes_network_keeps_earlier_rows_when_m_grows():
    W2, W5 = FC.shapes_network(2).layers[0].W, FC.shapes_network(5).layers[0].W
    np.testing.assert_array_equal(W2, W5[:2])
    with pytest.raises(ValueError, match="m must be 1..5"):
        FC.shapes_network(6)


# --- other ways to connect ---------------------------------------------------------------------

def test_parameter_counts():
    assert FC.fc_params(8) == 72 and FC.fc_params(3, 2) == 8
    assert FC.conv_params(3) == 4
    assert FC.rnn_params(8) == 2 * 64 + 8
    assert FC.rnn_params(8, T=5, shared=False) == 5 * FC.rnn_params(8)
    # the shared count does not depend on T
    assert FC.rnn_params(8, T=1) == FC.rnn_params(8, T=100)


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
    # a Dense layer with this W computes the same convolution (a constrained FC layer)
    z = nnlib.Network([nnlib.Dense(M, np.full(n, 0.5))]).trace(x, np.zeros(n),
                                                               backward=False)[1].z
    np.testing.assert_allclose(z, M @ x + 0.5)
    assert len(np.unique(M[M != 0])) == k                       # only k distinct weights
    for d in range(-c, k - c):                                   # constant along diagonals
        assert len(set(np.diag(M, d))) == 1
    assert np.count_nonzero(np.triu(M, k - c)) == 0 and np.count_nonzero(np.tril(M, -c - 1)) == 0


def test_connections_widget_counts_and_bars_follow_the_sliders():
    w = FC.ConnectionsWidget()
    for n, k, T in [(8, 3, 4), (20, 5, 8), (2, 1, 1), (32, 7, 2)]:
        w.n.value, w.k.value, w.T.value = n, k, T
        shown = keyed_numbers(w.html.value)
        assert shown["p-fc"] == n * n + n == FC.fc_params(n)
        assert shown["p-conv"] == k + 1
        assert shown["p-rnn"] == FC.rnn_params(n)
        assert shown["p-rnn-unshared"] == T * FC.rnn_params(n)
        heights = [bar.get_height() for bar in w.art["bars"]]
        assert heights == [n * n + n, k + 1, FC.rnn_params(n), T * FC.rnn_params(n)]
        assert w.art["fc"].get_array().shape == (n, n)
        conv = w.art["conv"].get_array()
        assert conv.shape == (n, n) and conv.count() == np.count_nonzero(FC.conv_matrix(
            n, FC.conv_kernel(k)))
        assert len(w.art["h"].get_xdata()) == T and len(w.art["side"].get_segments()) == T - 1
        assert w.errors.html.value == ""


def test_connections_widget_kernel_larger_than_input_keeps_last_state():
    w = FC.ConnectionsWidget(n=8, k=3)
    w.n.value = 4
    before = w.html.value
    w.k.value = 7
    assert "larger than the input" in w.errors.html.value
    assert w.html.value == before and w.art["bars"][1].get_height() == 4
    w.k.value = 3
    assert w.errors.html.value == ""


# --- small helpers used by the notebook --------------------------------------------------------

def test_forward_trace_is_the_forward_pass_only():
    net = nnlib.Network([nnlib.Dense(W0, B0, "relu")])
    t = FC.forward_trace(net, X0)
    np.testing.assert_allclose(t[1].z, np.array(W0) @ X0 + B0)
    np.testing.assert_allclose(t[1].a, np.maximum(t[1].z, 0))
    assert t[1].delta is None and t[1].dW is None


def test_network_png_is_a_png_and_show_carries_the_css():
    net = nnlib.Network([nnlib.Dense(W0, B0, "relu")])
    img = FC.network_png(FC.forward_trace(net, X0))
    assert img.data[:8] == b"\x89PNG\r\n\x1a\n"
    html = FC.show("<b>hi</b>").data
    assert html.startswith("<style>") and html.endswith("<b>hi</b>")
