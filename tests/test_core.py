"""Properties of the core that the notes state or that the widgets rely on: ReLU′(0) = 0, how
the reduction and the ½ scale things, batches as sums of columns, shapes, frozen traces,
gradient descent with undo/replay/divergence, numerical stability, and no plotting imports."""
import subprocess
import sys
import warnings

import numpy as np
import pytest

import nnlib
from nnlib import ACTIVATIONS, LOSSES, Dense, DivergenceError, GradientDescent, Network
from nnlib.activations import log_softmax
from nnlib.examples import WORKED_X, WORKED_Y

# the core's messages are matched in English; test_i18n checks the Chinese ones
pytestmark = pytest.mark.usefixtures("english")

# overflow, 0/0 and x/0 are errors; underflow to 0 is not (e^-1000 = 0 is the right answer)
STRICT = dict(over="raise", divide="raise", invalid="raise", under="ignore")
LAYER_FIELDS = ("W", "b", "z", "a", "fprime", "dE_da", "delta", "dW", "db", "WT_delta")


def random_net(seed=0, sizes=(3, 4, 4, 2), acts=("tanh", "sigmoid", "identity"),
               loss="squared_error", reduction="sum"):
    rng = np.random.default_rng(seed)
    return Network([Dense(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), act)
                    for n_in, n_out, act in zip(sizes[:-1], sizes[1:], acts)], loss, reduction)


def xy(net, B, seed=1):
    rng = np.random.default_rng(seed)
    cols = () if B is None else (B,)
    return rng.normal(size=(net.n_in,) + cols), rng.normal(size=(net.n_out,) + cols)


def all_arrays(trace):
    for t in trace.layers:
        for name in LAYER_FIELDS:
            value = getattr(t, name)
            if value is not None:
                yield f"t[{t.l}].{name}", value


@pytest.fixture
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- ReLU′(0) = 0 --------------------------------------------------------------------------

def test_relu_derivative_at_exactly_zero_is_zero():
    relu = ACTIVATIONS["relu"]
    z = np.array([-1.0, -0.0, 0.0, 1e-300, 2.0])
    assert relu.fprime(z, relu.f(z)).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0]


def test_relu_unit_at_exactly_zero_passes_no_gradient():
    # z¹ = [1·1 + (−1)·1 + 0, 2] : the first unit sits exactly on the kink
    net = Network([Dense([[1.0, -1.0], [1.0, 1.0]], [0.0, 0.0], "relu"),
                   Dense([[3.0, 1.0]], [0.0], "identity")])
    t = net.trace([1.0, 1.0], [0.0])
    assert t[1].z.tolist() == [0.0, 2.0]
    assert t[1].fprime.tolist() == [0.0, 1.0]
    assert t[1].delta[0] == 0.0
    assert t[1].dW[0].tolist() == [0.0, 0.0] and t[1].db[0] == 0.0


# --- reduction and the factor ½ ------------------------------------------------------------

@pytest.mark.parametrize("B", [1, 2, 4, 8])
def test_mean_is_sum_divided_by_B_exactly(B):
    # B is a power of two, so dividing by B is exact in floating point and every number of the
    # 'mean' trace must be the 'sum' trace's number / B, bit for bit
    for loss, acts in (("squared_error", ("tanh", "relu", "sigmoid")),
                       ("cross_entropy", ("tanh", "relu", "softmax"))):
        net_sum = random_net(sizes=(3, 4, 4, 3), acts=acts, loss=loss)
        x, y = xy(net_sum, B)
        if loss == "cross_entropy":
            y = np.eye(3)[:, np.arange(B) % 3]
        t_sum = net_sum.trace(x, y)
        t_mean = net_sum.with_loss(reduction="mean").trace(x, y)
        assert t_mean.loss == t_sum.loss / B
        for l in range(1, net_sum.L + 1):
            for name in ("delta", "dW", "db", "WT_delta"):
                np.testing.assert_array_equal(getattr(t_mean[l], name),
                                              getattr(t_sum[l], name) / B, err_msg=name)
            np.testing.assert_array_equal(t_mean[l].z, t_sum[l].z)
        np.testing.assert_array_equal(t_mean[0].dE_da, t_sum[0].dE_da / B)


@pytest.mark.parametrize("B", [3, 5])
def test_mean_is_sum_divided_by_B(B):
    net = random_net()
    x, y = xy(net, B)
    t_sum, t_mean = net.trace(x, y), net.with_loss(reduction="mean").trace(x, y)
    assert t_mean.loss == pytest.approx(t_sum.loss / B, rel=1e-15)
    for (dW_s, db_s), (dW_m, db_m) in zip(t_sum.grads, t_mean.grads):
        # not bit for bit (1/B is rounded), so equal up to rounding of the largest entry
        np.testing.assert_allclose(dW_m, dW_s / B, rtol=1e-14, atol=1e-15 * abs(dW_s).max())
        np.testing.assert_allclose(db_m, db_s / B, rtol=1e-14, atol=1e-15 * abs(db_s).max())


def test_mean_of_one_sample_is_the_sample():
    net = random_net()
    x, y = xy(net, None)
    t_sum, t_mean = net.trace(x, y), net.with_loss(reduction="mean").trace(x, y)
    assert t_sum.loss == t_mean.loss
    for (a, b), (c, d) in zip(t_sum.grads, t_mean.grads):
        np.testing.assert_array_equal(a, c)
        np.testing.assert_array_equal(b, d)


@pytest.mark.parametrize("B", [None, 3])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_no_half_doubles_everything_exactly(B, reduction):
    for output in ("identity", "sigmoid", "softmax"):
        net = random_net(acts=("relu", "tanh", output), reduction=reduction)
        x, y = xy(net, B)
        half = net.trace(x, y)
        full = net.with_loss("squared_error_no_half").trace(x, y)
        assert full.loss == 2 * half.loss
        for l in range(1, net.L + 1):
            for name in ("dE_da", "delta", "dW", "db", "WT_delta"):
                np.testing.assert_array_equal(getattr(full[l], name),
                                              2 * getattr(half[l], name), err_msg=name)


# --- batches, 1-D vs columns, shapes -------------------------------------------------------

@pytest.mark.parametrize("loss,acts", [("squared_error", ("tanh", "relu", "identity")),
                                       ("squared_error", ("sigmoid", "tanh", "softmax")),
                                       ("cross_entropy", ("relu", "sigmoid", "softmax"))])
def test_batch_gradient_is_the_sum_of_column_gradients(loss, acts):
    net = random_net(sizes=(3, 5, 4, 3), acts=acts, loss=loss)
    B = 6
    x, y = xy(net, B)
    if loss == "cross_entropy":
        y = np.random.default_rng(3).dirichlet(np.ones(3), size=B).T
    batch = net.trace(x, y)
    columns = [net.trace(x[:, k], y[:, k]) for k in range(B)]
    assert batch.loss == pytest.approx(sum(t.loss for t in columns), rel=1e-13)
    for l in range(1, net.L + 1):
        np.testing.assert_allclose(batch[l].dW, sum(t[l].dW for t in columns), rtol=1e-12,
                                   atol=1e-14)
        np.testing.assert_allclose(batch[l].db, sum(t[l].db for t in columns), rtol=1e-12,
                                   atol=1e-14)
        for k, t in enumerate(columns):      # per-column quantities are the batch's columns
            np.testing.assert_allclose(batch[l].z[:, k], t[l].z, rtol=1e-14, atol=1e-15)
            np.testing.assert_allclose(batch[l].delta[:, k], t[l].delta, rtol=1e-12,
                                       atol=1e-15)


def test_one_dimensional_input_equals_one_column():
    net = random_net(acts=("relu", "tanh", "softmax"))
    x, y = xy(net, None)
    t1 = net.trace(x, y)
    tc = net.trace(x[:, None], y[:, None])
    assert t1[0].a.shape == (net.n_in,) and tc[0].a.shape == (net.n_in, 1)
    assert t1.loss == pytest.approx(tc.loss, rel=1e-15)
    for l in range(1, net.L + 1):
        for name in ("z", "a", "delta", "WT_delta", "dE_da"):
            assert getattr(t1[l], name).ndim == 1 and getattr(tc[l], name).ndim == 2
            np.testing.assert_allclose(getattr(tc[l], name)[:, 0], getattr(t1[l], name),
                                       rtol=1e-14, atol=1e-16, err_msg=name)
        np.testing.assert_allclose(tc[l].dW, t1[l].dW, rtol=1e-14, atol=1e-16)
        np.testing.assert_allclose(tc[l].db, t1[l].db, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(net.forward(x), t1.output, rtol=1e-15)
    np.testing.assert_allclose(net.forward(x[:, None])[:, 0], t1.output, rtol=1e-15)


@pytest.mark.parametrize("B", [None, 1, 4])
@pytest.mark.parametrize("sizes", [(1, 1), (2, 1), (1, 3), (3, 2, 1), (2, 5, 1, 4)])
def test_gradient_shapes_are_the_parameter_shapes(sizes, B):
    acts = ("tanh",) * (len(sizes) - 2) + ("identity",)
    net = random_net(sizes=sizes, acts=acts)
    x, y = xy(net, B)
    t = net.trace(x, y)
    for l, (layer, (dW, db)) in enumerate(zip(net.layers, t.grads), start=1):
        assert dW.shape == layer.W.shape == (sizes[l], sizes[l - 1])
        assert db.shape == layer.b.shape == (sizes[l],)
        assert t[l].dW is dW and t[l].db is db
        assert dW.dtype == db.dtype == np.float64
    assert t[0].dE_da.shape == np.shape(x)


def test_worked_example_accepts_a_scalar_target():
    net = nnlib.worked_example()
    assert net.trace(WORKED_X, 3.5).loss == net.trace(WORKED_X, WORKED_Y).loss


# --- frozen traces -------------------------------------------------------------------------

@pytest.mark.parametrize("B", [None, 3])
def test_every_trace_array_is_read_only(B):
    net = random_net(acts=("relu", "sigmoid", "softmax"), loss="cross_entropy")
    x = xy(net, B)[0]
    y = np.eye(2)[:, 0] if B is None else np.eye(2)[:, [0, 1, 1]]
    t = net.trace(x, y)
    arrays = list(all_arrays(t)) + [("t.x", t.x), ("t.y", t.y)]
    assert len(arrays) > 20
    for name, arr in arrays:
        assert not arr.flags.writeable, name
        with pytest.raises(ValueError):
            arr[...] = 0.0
    with pytest.raises(AttributeError):
        t.loss = 0.0
    with pytest.raises(AttributeError):
        t.layers = ()


def test_trace_does_not_share_memory_with_the_caller():
    net = random_net()
    x, y = xy(net, 3)
    t = net.trace(x, y)
    before = {name: arr.copy() for name, arr in all_arrays(t)}
    x[...] = 99.0
    y[...] = -99.0
    for name, arr in all_arrays(t):
        np.testing.assert_array_equal(arr, before[name], err_msg=name)
    W = np.ones((2, 2))
    layer = Dense(W, [0.0, 0.0])
    W[0, 0] = 5.0
    assert layer.W[0, 0] == 1.0


@pytest.mark.parametrize("acts,loss", [(("relu", "relu", "identity"), "squared_error"),
                                       (("tanh", "sigmoid", "softmax"), "cross_entropy"),
                                       (("sigmoid", "tanh", "softmax"), "squared_error")])
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_a_batch_is_its_columns_one_by_one(acts, loss, reduction):
    # examples are columns: column k of every zˡ, aˡ, δˡ of a batch trace is the one-example
    # trace of column k (δ scaled by 1/B for the mean), and E, ∂E/∂W, ∂E/∂b are their sums
    net = random_net(sizes=(3, 5, 4, 3), acts=acts, loss=loss, reduction=reduction)
    B = 6
    x = np.random.default_rng(5).normal(size=(3, B))
    y = np.eye(3)[:, np.arange(B) % 3]
    s = 1 / B if reduction == "mean" else 1.0
    big = net.trace(x, y)
    ones = [net.with_loss(reduction="sum").trace(x[:, k], y[:, k]) for k in range(B)]
    assert big.loss == pytest.approx(s * sum(t.loss for t in ones), rel=1e-12)
    for l in range(1, net.L + 1):
        for k, t in enumerate(ones):
            np.testing.assert_allclose(big[l].z[:, k], t[l].z, rtol=1e-12)
            np.testing.assert_allclose(big[l].a[:, k], t[l].a, rtol=1e-12)
            np.testing.assert_allclose(big[l].delta[:, k], s * t[l].delta, rtol=1e-10, atol=1e-15)
        np.testing.assert_allclose(big[l].dW, s * sum(t[l].dW for t in ones), rtol=1e-10,
                                   atol=1e-15)
        np.testing.assert_allclose(big[l].db, s * sum(t[l].db for t in ones), rtol=1e-10,
                                   atol=1e-15)
    assert net.trace(x, y, backward=False).loss == big.loss


def test_dead_units_are_those_with_zero_derivative():
    net = nnlib.worked_example()
    t = net.replace(1, b=[-0.6, 0.1]).trace([1.0, 2.0], [3.5])     # z¹₁ = −0.1: ReLU off
    assert t[1].dead.tolist() == [True, False] and t[1].delta[0] == 0
    assert not t[2].dead.any() and not t[3].dead.any() and not t[0].dead.any()
    assert net.replace(1, b=[-0.6, 0.1]).trace([1.0, 2.0], [3.5], backward=False)[1] \
        .dead.tolist() == [True, False]                             # forward only: z ≤ 0
    at_zero = net.replace(1, b=[-0.5, 0.1]).trace([1.0, 2.0], [3.5])   # z¹₁ = 0: ReLU′(0) = 0
    assert at_zero[1].z[0] == 0 and at_zero[1].dead[0]
    sat = Network([Dense([[100.0]], [0.0], "sigmoid"), Dense([[1.0]], [0.0])])
    assert sat.trace([1.0], [0.0])[1].dead.tolist() == [True]       # σ saturated: f′ = 0 exactly


# --- gradient descent ----------------------------------------------------------------------

def test_a_small_step_lowers_the_loss():
    for seed in range(5):
        net = random_net(seed)
        x, y = xy(net, 4, seed)
        t = net.trace(x, y)
        new = nnlib.gradient_descent_step(net, t, 1e-3)
        assert new.E(x, y) < t.loss
        for (W, b), (W_new, b_new), (dW, db) in zip(net.params(), new.params(), t.grads):
            np.testing.assert_array_equal(W_new, W - 1e-3 * dW)     # W ← W − η ∂E/∂W
            np.testing.assert_array_equal(b_new, b - 1e-3 * db)


def test_worked_example_descends():
    gd = GradientDescent(nnlib.worked_example(), WORKED_X, WORKED_Y, eta=0.02)
    gd.step(20)
    losses = gd.losses
    assert len(losses) == 21 and gd.steps == 20
    assert all(b < a for a, b in zip(losses, losses[1:]))


def test_gradient_descent_step_does_not_mutate_its_inputs():
    net = random_net()
    x, y = xy(net, 3)
    t = net.trace(x, y)
    params = [(W.copy(), b.copy()) for W, b in net.params()]
    arrays = {name: arr.copy() for name, arr in all_arrays(t)}
    loss = t.loss
    new = nnlib.gradient_descent_step(net, t, 0.1)
    assert new is not net and new != net
    for (W, b), (W0, b0) in zip(net.params(), params):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
    for name, arr in all_arrays(t):
        np.testing.assert_array_equal(arr, arrays[name], err_msg=name)
    assert t.loss == loss and t.network is net


def _snapshot(gd):
    return [(t.loss, [(dW.tobytes(), db.tobytes()) for dW, db in t.grads],
             [(W.tobytes(), b.tobytes()) for W, b in t.network.params()]) for t in gd.history]


def test_undo_reset_replay_reproduce_the_same_numbers():
    net = random_net(acts=("relu", "tanh", "identity"))
    x, y = xy(net, 4)
    gd = GradientDescent(net, x, y, eta=0.05)
    gd.step(5)
    five = _snapshot(gd)
    gd.undo()
    gd.undo()
    assert gd.steps == 3 and _snapshot(gd) == five[:4]
    gd.step(2)
    assert _snapshot(gd) == five
    gd.reset()
    assert gd.steps == 0 and gd.net is net and _snapshot(gd) == five[:1]
    gd.undo()                                     # nothing to undo at the start
    assert gd.steps == 0
    gd.step(5)
    assert _snapshot(gd) == five
    gd.replay()
    assert _snapshot(gd) == five
    gd.replay(eta=0.01)
    assert gd.steps == 5 and gd.eta == 0.01 and _snapshot(gd)[0] == five[0]
    assert _snapshot(gd) != five
    gd.replay(eta=0.05)
    assert _snapshot(gd) == five


@pytest.mark.parametrize("acts", [("relu", "relu", "identity"), ("tanh", "tanh", "identity"),
                                  ("sigmoid", "relu", "identity")])
def test_huge_learning_rate_raises_divergence_and_keeps_the_finite_state(acts, no_warnings):
    net = random_net(acts=acts)
    x, y = xy(net, 4)
    gd = GradientDescent(net, x, y, eta=1e300)
    with np.errstate(**STRICT):
        with pytest.raises(DivergenceError) as info:
            gd.step(50)
    assert isinstance(info.value, ValueError)
    message = str(info.value)
    # what the learner reads: one line, which step failed, the η, and which step was kept
    assert "\n" not in message and "η = 1e+300" in message
    kept = gd.steps
    assert f"step {kept + 1}:" in message and f"kept step {kept} " in message
    assert f"(E = {gd.trace.loss:.4g})" in message
    # the kept state is the last finite one, exactly: replaying the same steps one by one
    # from the start gives the same network
    replay = GradientDescent(net, x, y, eta=1e300)
    with np.errstate(**STRICT):
        replay.step(kept)
    assert replay.net == gd.net and replay.losses == gd.losses
    assert gd.history[-1] is gd.trace and np.isfinite(gd.trace.loss)
    with pytest.raises(DivergenceError):       # stepping again fails again, changes nothing
        gd.step()
    assert gd.steps == kept and gd.net == replay.net


def test_huge_learning_rate_with_a_bounded_output_saturates_instead_of_diverging(no_warnings):
    # softmax outputs lie in [0, 1], so E cannot blow up: the first huge step saturates every
    # unit (sigmoid and softmax at exactly 0 or 1), every gradient becomes exactly 0 and
    # descent stops where it landed, with E higher than at the start; no DivergenceError
    net = random_net(acts=("tanh", "sigmoid", "softmax"))
    x, y = xy(net, 4)
    gd = GradientDescent(net, x, y, eta=1e300)
    with np.errstate(**STRICT):
        gd.step(20)
    assert gd.steps == 20
    E0, E1, *rest = gd.losses
    assert E1 > E0                                   # the step overshot
    assert rest == [E1] * 19                         # and nothing moves after it
    for dW, db in gd.trace.grads:
        assert not dW.any() and not db.any()
    assert gd.history[1].network == gd.net


def test_gradient_descent_step_divergence(no_warnings):
    net = random_net()
    x, y = xy(net, 2)
    t = net.trace(x, y)
    with np.errstate(**STRICT):
        with pytest.raises(DivergenceError, match=r"layer \d: .*η"):
            nnlib.gradient_descent_step(net, t, 1.7e308)


# --- numerical stability -------------------------------------------------------------------

EXTREME = [np.array([1000.0, -1000.0, 0.0]), np.array([-1000.0, -1000.0, -999.0]),
           np.array([1000.0, 1000.0, 1000.0]), np.array([[1000.0, -1000.0], [-1000.0, 1000.0],
                                                         [0.0, 3.0]])]


@pytest.mark.parametrize("z", EXTREME, ids=range(len(EXTREME)))
def test_softmax_and_cross_entropy_are_finite_for_huge_z(z, no_warnings):
    softmax, ce = ACTIVATIONS["softmax"], LOSSES["cross_entropy"]
    y = np.zeros_like(z)
    y[-1] = 1.0                                   # the class with the smallest probability
    with np.errstate(**STRICT):
        a = softmax.f(z)
        assert np.isfinite(a).all() and np.allclose(a.sum(axis=0), 1.0)
        assert np.isfinite(log_softmax(z)).all()
        E = ce.value(z, a, y)
        delta = ce.delta(softmax, z, a, y)
        general = softmax.backprop(z, a, LOSSES["squared_error"].grad_a(a, y))
    assert np.isfinite(E) and E >= 0
    assert np.isfinite(delta).all() and np.isfinite(general).all()
    if z.ndim == 1 and z[0] == 1000.0 and z[1] == -1000.0:
        assert E == pytest.approx(1000.0)         # −log a₃ = log(1 + e¹⁰⁰⁰ + e⁻¹⁰⁰⁰) ≈ 1000


def test_cross_entropy_grad_a_is_silent_where_softmax_underflows(no_warnings):
    # a₂ = e⁻⁷⁴⁰ is subnormal, so −y₂/a₂ overflows: −inf, but no warning; δ stays a − y
    z, y = np.array([0.0, -740.0]), np.array([0.0, 1.0])
    a = ACTIVATIONS["softmax"].f(z)
    g = LOSSES["cross_entropy"].grad_a(a, y)
    assert g[0] == 0.0 and g[1] == -np.inf


def test_sigmoid_is_finite_and_exact_in_the_tails(no_warnings):
    sigmoid = ACTIVATIONS["sigmoid"]
    z = np.array([-1000.0, -745.0, -40.0, 0.0, 40.0, 745.0, 1000.0])
    with np.errstate(**STRICT):
        a = sigmoid.f(z)
        fp = sigmoid.fprime(z, a)
    assert np.isfinite(a).all() and np.isfinite(fp).all()
    assert a[0] == 0.0 and a[3] == 0.5 and a[-1] == 1.0
    assert ((0.0 <= a) & (a <= 1.0)).all() and ((0.0 <= fp) & (fp <= 0.25)).all()
    np.testing.assert_allclose(a[2], np.exp(-40.0) / (1 + np.exp(-40.0)), rtol=1e-15)


def test_network_with_huge_pre_activations_is_finite(no_warnings):
    # z of order ±1000 at the output: E, δ and every gradient stay finite, silently
    for loss, act in (("cross_entropy", "softmax"), ("squared_error", "sigmoid"),
                      ("squared_error", "softmax"), ("squared_error", "tanh")):
        net = Network([Dense([[1000.0], [-1000.0], [0.0]], [0.0, 0.0, 1.0], act)], loss)
        x = np.array([[1.0, -1.0]])
        y = np.array([[0.0, 1.0], [0.0, 0.0], [1.0, 0.0]])
        with np.errstate(**STRICT):
            t = net.trace(x, y)
        assert np.isfinite(t.loss)
        for name in ("z", "a", "delta", "dW", "db", "WT_delta"):
            assert np.isfinite(getattr(t[1], name)).all(), (loss, act, name)


# --- the core is numpy only ----------------------------------------------------------------

def test_core_imports_neither_matplotlib_nor_ipywidgets():
    code = ("import sys, nnlib; "
            "heavy = [m for m in ('matplotlib', 'ipywidgets', 'ipympl', 'IPython') "
            "if m in sys.modules]; "
            "assert not heavy, heavy; "
            "nnlib.worked_example().trace([1.0, 2.0], [3.5]); "
            "assert 'matplotlib' not in sys.modules and 'ipywidgets' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_course_draws_without_matplotlib():
    """Every picture is drawn by the browser: importing the toolkit, every lesson and the
    exercises loads no matplotlib (it is not even a requirement of the course)."""
    code = ("import sys, pkgutil, importlib, nnlib.lessons, nnlib.exercises, nnlib.widgets; "
            "[importlib.import_module(m.name) for p in (nnlib.lessons, nnlib.exercises) "
            " for m in pkgutil.iter_modules(p.__path__, p.__name__ + '.')]; "
            "assert 'matplotlib' not in sys.modules and 'ipympl' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
