"""Exercises of notebook 04, the chain rule and the scalar loss (notes 004, §1.1–1.2).

The values are asked for cases the notebook does not print: another neuron (x, w, b, t chosen
so that each typical mistake gives another number), a batch of 32 through the §1.1 network,
the first 16 samples of the sum-vs-mean data. The functions run on the notebook's example first,
then on random inputs. Every expected value is nnlib's (traces, ``chain_rule.jacobian``, the
parameters of an nnlib Network); the one exception, vᵀJ of a random J, is the definition itself,
and the tests check it against nnlib's traces of the aggregated loss.
"""
from __future__ import annotations

import numpy as np

import nnlib
from ..lessons import chain_rule as C
from . import Exercise, Mistake, register
from .predict import Question, register_question

# --- §1.1: the number of parameters -------------------------------------------------------------

def section_net() -> nnlib.Network:
    """The notebook's §1.1 network, 2 → 3 → 1 (sigmoid, identity), the same weights."""
    return nnlib.Network([
        nnlib.Dense([[0.5, -0.4], [0.3, 0.8], [-0.7, 0.2]], [0.1, -0.1, 0.2], "sigmoid"),
        nnlib.Dense([[0.9, -0.6, 0.4]], [0.05], "identity"),
    ], loss="squared_error")


def n_params_reference(sizes):
    """The number of parameters of an nnlib Network with layer sizes ``sizes`` [n⁰, …, nᴸ]:
    every entry of every Wˡ and bˡ, counted on the network itself."""
    net = nnlib.Network([nnlib.Dense(np.zeros((n_out, n_in)))
                         for n_in, n_out in zip(sizes[:-1], sizes[1:])])
    return sum(W.size + b.size for W, b in net.params())


def _pairs(sizes):
    return list(zip(sizes[:-1], sizes[1:]))


def _n_params_no_bias(sizes):
    return sum(n_out * n_in for n_in, n_out in _pairs(sizes))


def _n_params_bias_per_input(sizes):
    return sum(n_out * n_in + n_in for n_in, n_out in _pairs(sizes))


def _n_params_input_bias(sizes):
    return sum(n_out * n_in for n_in, n_out in _pairs(sizes)) + sum(sizes)


def _cases_n_params(rng):
    """The §1.1 network first, then the 28×28 → 128 → 10 network of the text, then random ones
    (2 to 5 layers; the first and last sizes differ, so a bias per input is another count)."""
    cases = [(section_net().sizes,), ([784, 128, 10],)]
    while len(cases) < 6:
        sizes = [int(n) for n in rng.integers(1, 60, size=int(rng.integers(3, 7)))]
        if sizes[0] != sizes[-1]:
            cases.append((sizes,))
    return cases


# --- §1.2: the chain rule on another neuron -----------------------------------------------------

X_EX, W_EX, B_EX, T_EX = -1.2, 0.5, 0.3, 0.2     # u = −0.3: x ≠ 1, a ≠ t, σ′ ≠ σ, all distinct


def _chain():
    return C.chain_values(X_EX, W_EX, B_EX, T_EX)


def _chain_wrong(fprime=True, with_x=True, sigma_for_fprime=False, half=True, sign=1.0):
    v = _chain()
    middle = v["a"] if sigma_for_fprime else v["da_du"] if fprime else 1.0
    return sign * v["dE_da"] * (1.0 if half else 2.0) * middle * (v["du_dw"] if with_x else 1.0)


# --- the shape of J for a batch of 32 through the §1.1 network ---------------------------------

JAC_B = 32


def _jacobian_shape():
    rng = np.random.default_rng(32)
    X, Y = rng.normal(size=(2, JAC_B)), rng.normal(size=(1, JAC_B))
    return C.jacobian(section_net(), X, Y)[1].shape


def _P():
    return _jacobian_shape()[1]


# --- vᵀJ as a function ------------------------------------------------------------------------

def aggregate_gradient_reference(J, v):
    """vᵀJ: the gradient of the scalar L = vᵀℓ, one number per parameter."""
    return np.asarray(v, dtype=float) @ np.asarray(J, dtype=float)


def _vjp_no_seed(J, v):
    return J.sum(axis=0)


def _vjp_not_summed(J, v):
    return v[:, None] * J


def _vjp_wrong_axis(J, v):
    return (v[:, None] * J).sum(axis=1)


def _cases_vjp(rng):
    """The notebook's J (4 samples, the linear model) with the sum's seed 1 first, then with
    the mean's 1/B; then J of random batches through the §1.1 network and of random linear
    models, with random seeds (B ≠ P always: J v does not fit)."""
    X, Y = C.make_batch(4)
    J = C.jacobian(C.linear_net(), X, Y)[1]
    cases = [(J, np.ones(4)), (J, np.full(4, 0.25))]
    for B in (5, 9):
        Xr, Yr = rng.normal(size=(2, B)), rng.normal(size=(1, B))
        cases.append((C.jacobian(section_net(), Xr, Yr)[1], rng.uniform(-1, 2, B)))
    for B in (2, 6):
        W, b = rng.uniform(-1, 1, (1, 2)), rng.uniform(-0.5, 0.5, 1)
        Xr, Yr = rng.normal(size=(2, B)), rng.normal(size=(1, B))
        cases.append((C.jacobian(C.linear_net(W=W, b=b), Xr, Yr)[1], rng.uniform(-1, 2, B)))
    return cases


# --- sum vs mean: the gradient of the mean from the sum's -------------------------------------

MEAN_B = 16


def _batch():
    Xb, Yb = C.make_batch(64, seed=7)                    # the notebook's Xb, Yb and start
    return Xb, Yb, C.linear_net(W=((0.0, 0.0),), b=(0.0,))


def _grad(reduction, B=MEAN_B):
    Xb, Yb, start = _batch()
    return start.with_loss(reduction=reduction).trace(Xb[:, :B], Yb[:, :B])[1].dW


def _mean_times_B():
    return _grad("sum") * MEAN_B


def _mean_stale_B():
    return _grad("sum") / 8                            # the B = 8 the cell above leaves behind


def _mean_whole_batch():
    return _grad("mean", B=64)


CHAIN_SETUP = f"x_ex, w_ex, b_ex, t_ex = {X_EX!r}, {W_EX!r}, {B_EX!r}, {T_EX!r}"
SUM_SETUP = (f"grad_sum_16 = start.with_loss(reduction=\"sum\").trace(Xb[:, :{MEAN_B}], "
             f"Yb[:, :{MEAN_B}])[1].dW   # ∂L_sum/∂W, B = {MEAN_B}")

register(
    Exercise("04.n_params", "04", "function", expected=n_params_reference, cases=_cases_n_params,
             placeholder=("def n_params(sizes):\n"
                          "    ...\n"
                          "check(\"04.n_params\", n_params)"),
             solution=("def n_params(sizes):\n"
                       "    # Σₗ nˡ·nˡ⁻¹ + nˡ   (Wˡ: nˡ × nˡ⁻¹, bˡ: nˡ)\n"
                       "    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))\n"
                       "check(\"04.n_params\", n_params)"),
             mistakes=(Mistake("no_bias", _n_params_no_bias),
                       Mistake("bias_per_input", _n_params_bias_per_input),
                       Mistake("input_bias", _n_params_input_bias)),
             fields={"name": "n_params"}),
    Exercise("04.chain_dw", "04", "value", expected=lambda: _chain()["nnlib_dw"],
             placeholder=f"{CHAIN_SETUP}\ndE_dw_ex = ...\ncheck(\"04.chain_dw\", dE_dw_ex)",
             solution=(f"{CHAIN_SETUP}\n"
                       "u_ex = w_ex * x_ex + b_ex\n"
                       "a_ex = 1 / (1 + np.exp(-u_ex))                        # σ(u)\n"
                       "dE_dw_ex = (a_ex - t_ex) * a_ex * (1 - a_ex) * x_ex   # (a − t) · σ′(u) · x\n"
                       "check(\"04.chain_dw\", dE_dw_ex)"),
             mistakes=(Mistake("no_fprime", lambda: _chain_wrong(fprime=False)),
                       Mistake("no_x", lambda: _chain_wrong(with_x=False)),
                       Mistake("fprime_as_f", lambda: _chain_wrong(sigma_for_fprime=True)),
                       Mistake("half", lambda: _chain_wrong(half=False)),
                       Mistake("sign", lambda: _chain_wrong(sign=-1.0))),
             fields={"name": "dE/dw"}),
    Exercise("04.jac_shape", "04", "shape", expected=_jacobian_shape,
             placeholder="J_shape = ...\ncheck(\"04.jac_shape\", J_shape)",
             solution=(f"J_shape = ({JAC_B}, count(net))     # (B, P)\n"
                       "check(\"04.jac_shape\", J_shape)"),
             mistakes=(Mistake("swapped", lambda: _jacobian_shape()[::-1]),
                       Mistake("ell", lambda: (JAC_B,)),
                       Mistake("gradient", lambda: (_P(),)),
                       Mistake("no_bias", lambda: (JAC_B, _n_params_no_bias(section_net().sizes))),
                       Mistake("outputs", lambda: (section_net().n_out, JAC_B))),
             fields={"name": "J"}),
    Exercise("04.vjp", "04", "function", expected=aggregate_gradient_reference, cases=_cases_vjp,
             placeholder=("def aggregate_gradient(J, v):\n"
                          "    ...\n"
                          "check(\"04.vjp\", aggregate_gradient)"),
             solution=("def aggregate_gradient(J, v):\n"
                       "    return v @ J          # vᵀJ = Σᵢ vᵢ Jᵢ\n"
                       "check(\"04.vjp\", aggregate_gradient)"),
             mistakes=(Mistake("no_seed", _vjp_no_seed),
                       Mistake("not_summed", _vjp_not_summed),
                       Mistake("wrong_axis", _vjp_wrong_axis)),
             fields={"name": "aggregate_gradient"}),
    Exercise("04.mean_grad", "04", "value", expected=lambda: _grad("mean"),
             placeholder=f"{SUM_SETUP}\ngrad_mean_16 = ...\ncheck(\"04.mean_grad\", grad_mean_16)",
             solution=(f"{SUM_SETUP}\n"
                       f"grad_mean_16 = grad_sum_16 / {MEAN_B}          # L_mean = L_sum / B\n"
                       "check(\"04.mean_grad\", grad_mean_16)"),
             mistakes=(Mistake("times_B", _mean_times_B),
                       Mistake("not_divided", lambda: _grad("sum")),
                       Mistake("stale_B", _mean_stale_B),
                       Mistake("whole_batch", _mean_whole_batch)),
             fields={"name": "∂L_mean/∂W", "B": MEAN_B}),
)


# --- predict, then check -------------------------------------------------------------------

def _saturate(widget):
    """The chain-rule widget back at its start (x = 1.5, t = 0.9 in the notebook), then w and b
    that put u = w x + b far below 0: a ≈ 0, far from t, and σ′(u) ≈ 0."""
    with widget.controls.hold():
        widget.controls.reset()
        widget.controls.set({"w": -4.0, "b": -3.0})


def _to_mean(widget):
    widget.controls.set({"mode": "mean"})


def _big_batch(widget):
    """B = 32 with sum: η has diverged there (the text says so, and which η/B takes mean's
    step); mean and sum with η/B lie on one curve."""
    widget.controls.set({"B": 32, "reduction": "sum"})


register_question(
    Question("04.vanish", "04", ("zero", "large", "same", "flip"), "zero", _saturate,
             seen="pq.04.vanish.seen"),
    Question("04.seed", "04", ("shrink", "grow", "turn", "same"), "shrink", _to_mean,
             seen="pq.04.seed.seen"),
    Question("04.scaled", "04", ("same", "close", "lower", "diverges"), "same", _big_batch,
             seen="pq.04.scaled.seen"),
)
