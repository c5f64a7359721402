"""Exercises of notebook 03, the worked example (notes 000, part 3).

The values are asked for a variant of the worked example the notes do not print: the same
network with b¹₁ = −0.6 (so the first ReLU is off, and forgetting ReLU′ gives another answer);
the functions are run on random 2 → 2 → 2 → 1 networks too. Every expected value is nnlib's.
"""
from __future__ import annotations

import numpy as np

from ..examples import WORKED_X, WORKED_Y, worked_example
from . import Exercise, Mistake, register
from .predict import Question, register_question

X, Y = np.array(WORKED_X), np.array(WORKED_Y)


def variant():
    """The worked example with b¹ = (−0.6, 0.1): z¹₁ = −0.1 ≤ 0, the first ReLU is off."""
    return worked_example().replace(1, b=[-0.6, 0.1])


def _t():
    return variant().trace(X, Y)


def _params():
    return [(W.copy(), b.copy()) for W, b in variant().params()]


def relu(z):
    return np.maximum(z, 0.0)


# --- a²: the forward pass ----------------------------------------------------------------------

def _a2_no_relu():
    (W1, b1), (W2, b2), _ = _params()
    return relu(W2 @ (W1 @ X + b1) + b2)          # z¹ passed on without max(0, ·)


def _a2_no_bias():
    (W1, b1), (W2, b2), _ = _params()
    return relu(W2 @ relu(W1 @ X) + b2)


# --- δ²: the error in the second hidden layer ----------------------------------------------------

def _delta2_half_missing():
    t = _t()
    return 2 * t[2].delta                         # E = (a − y)² without the ½: δ doubles


def _delta2_sign():
    return -_t()[2].delta                         # y − a instead of a − y


# --- ∂E/∂W¹ --------------------------------------------------------------------------------------

def _dW1_no_fprime():
    t = _t()
    return np.outer(t[1].dE_da, X)                # (W²)ᵀδ² not multiplied by ReLU′(z¹)


def _dW1_transpose():
    return np.outer(X, _t()[1].delta)             # x δᵀ: the outer product the wrong way round


def _dW1_off_by_one():
    t = _t()
    return np.outer(t[1].delta, t[1].a)           # δ¹ (a¹)ᵀ: this layer's output, not its input


def _dW1_half():
    return 2 * _t()[1].dW


# --- a full backward pass, as a function ---------------------------------------------------------

def backward_reference(params, x, y):
    """[(∂E/∂W¹, ∂E/∂b¹), (∂E/∂W², ∂E/∂b²), (∂E/∂W³, ∂E/∂b³)] of a 2 → 2 → 2 → 1 network (ReLU,
    ReLU, linear) with E = ½ (a³ − y)², from nnlib."""
    net = worked_example().with_params(params)
    return [tuple(pair) for pair in net.trace(x, y).grads]


def _backward_with(params, x, y, fprime=True, half=True, outer=np.outer, prev=True, sign=1.0):
    """The backward pass with one of the typical mistakes switched on."""
    (W1, b1), (W2, b2), (W3, b3) = params
    z1 = W1 @ x + b1
    a1 = relu(z1)
    z2 = W2 @ a1 + b2
    a2 = relu(z2)
    a3 = W3 @ a2 + b3
    d3 = sign * (a3 - y) * (1.0 if half else 2.0)
    d2 = (W3.T @ d3) * ((z2 > 0) if fprime else 1.0)
    d1 = (W2.T @ d2) * ((z1 > 0) if fprime else 1.0)
    ins = (x, a1, a2) if prev else (a1, a2, a3)
    return [(outer(d, a), d) for d, a in zip((d1, d2, d3), ins)]


def _cases_backward(rng):
    """The worked example first, then random 2 → 2 → 2 → 1 networks with some ReLUs off."""
    cases = [(_params(), X.copy(), Y.copy())]
    for _ in range(4):
        params = [(rng.uniform(-1, 1, (2, 2)), rng.uniform(-0.5, 0.5, 2)),
                  (rng.uniform(-1, 1, (2, 2)), rng.uniform(-0.5, 0.5, 2)),
                  (rng.uniform(-1, 1, (1, 2)), rng.uniform(-0.5, 0.5, 1))]
        cases.append((params, rng.uniform(-2, 2, 2), rng.uniform(-2, 2, 1)))
    return cases


def _as_pairs(fn):
    return lambda *args: [tuple(p) for p in fn(*args)]


# --- the central difference, as a function --------------------------------------------------------

def numerical_gradient_reference(E, theta, h=1e-5):
    """(E(θ + h eᵢ) − E(θ − h eᵢ)) / 2h for every entry i of θ."""
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        up, down = theta.copy(), theta.copy()
        up[i] += h
        down[i] -= h
        grad[i] = (E(up) - E(down)) / (2 * h)
    return grad


def _numgrad_forward(E, theta, h=1e-5):
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    for i in np.ndindex(theta.shape):
        up = theta.copy()
        up[i] += h
        grad[i] = (E(up) - E(theta)) / h
    return grad


def _numgrad_no_two(E, theta, h=1e-5):
    return 2 * numerical_gradient_reference(E, theta, h)


def _cases_numgrad(rng):
    """E(θ) of the worked example's W¹ first, then a few smooth functions at random θ (a
    quadratic's central difference is exact; the cubic and the exponential tell a one-sided
    difference from a central one)."""
    net = worked_example()

    def E_W1(W):
        return net.replace(1, W=W).E(X, Y)

    A = rng.normal(size=(3, 3))
    return [(E_W1, net.layers[0].W.copy(), 1e-5),
            (lambda th: float(np.sum(th ** 3) + th @ A @ th), rng.normal(size=3), 1e-4),
            (lambda th: float(np.exp(th).sum()), rng.normal(size=(2, 2)), 1e-4)]


def _numgrad_expected(E, theta, h):
    return numerical_gradient_reference(E, theta, h)


# --- one gradient-descent step -----------------------------------------------------------------

def _step_W1(sign=-1.0, eta=0.02):
    net = worked_example()
    t = net.trace(X, Y)
    return net.layers[0].W + sign * eta * t[1].dW


register(
    Exercise("03.a2", "03", "value", expected=lambda: _t()[2].a,
             placeholder="A_h2_b = ...\ncheck(\"03.a2\", A_h2_b)",
             solution=("Z_h1_b = W_h1 @ X + np.array([-0.6, 0.1])\nA_h1_b = np.maximum(0, Z_h1_b)\n"
                       "A_h2_b = np.maximum(0, W_h2 @ A_h1_b + b_h2)\ncheck(\"03.a2\", A_h2_b)"),
             mistakes=(Mistake("no_relu", _a2_no_relu), Mistake("no_bias", _a2_no_bias)),
             fields={"name": "a²"}),
    Exercise("03.delta_h2", "03", "value", expected=lambda: _t()[2].delta,
             placeholder="delta_h2_b = ...\ncheck(\"03.delta_h2\", delta_h2_b)",
             solution=("t_b = net.replace(1, b=[-0.6, 0.1]).trace(X, Y_true)     # t_b[3].a = a³\n"
                       "delta_o_b = t_b[3].a - Y_true\n"
                       "delta_h2_b = (W_o.T @ delta_o_b) * (t_b[2].z > 0)\n"
                       "check(\"03.delta_h2\", delta_h2_b)"),
             mistakes=(Mistake("half", _delta2_half_missing), Mistake("sign", _delta2_sign)),
             fields={"name": "δ²"}),
    Exercise("03.dW1", "03", "value", expected=lambda: _t()[1].dW,
             placeholder="grad_W_h1_b = ...\ncheck(\"03.dW1\", grad_W_h1_b)",
             solution=("t_b = net.replace(1, b=[-0.6, 0.1]).trace(X, Y_true)\n"
                       "delta_h1_b = (W_h2.T @ t_b[2].delta) * (t_b[1].z > 0)\n"
                       "grad_W_h1_b = np.outer(delta_h1_b, X)\ncheck(\"03.dW1\", grad_W_h1_b)"),
             mistakes=(Mistake("no_fprime", _dW1_no_fprime), Mistake("transpose", _dW1_transpose),
                       Mistake("off_by_one", _dW1_off_by_one), Mistake("half", _dW1_half)),
             fields={"name": "∂E/∂W¹"}),
    Exercise("03.backward", "03", "function", expected=backward_reference,
             cases=_cases_backward,
             placeholder=("def backward(params, x, y):\n"
                          "    (W1, b1), (W2, b2), (W3, b3) = params\n"
                          "    ...\n"
                          "check(\"03.backward\", backward)"),
             solution=("def backward(params, x, y):\n"
                       "    (W1, b1), (W2, b2), (W3, b3) = params\n"
                       "    z1 = W1 @ x + b1; a1 = np.maximum(0, z1)\n"
                       "    z2 = W2 @ a1 + b2; a2 = np.maximum(0, z2)\n"
                       "    a3 = W3 @ a2 + b3\n"
                       "    d3 = a3 - y                               # δ³ = (a³ − y) · 1\n"
                       "    d2 = (W3.T @ d3) * (z2 > 0)               # δ² = (W³)ᵀδ³ ⊙ ReLU′(z²)\n"
                       "    d1 = (W2.T @ d2) * (z1 > 0)               # δ¹ = (W²)ᵀδ² ⊙ ReLU′(z¹)\n"
                       "    return [(np.outer(d1, x), d1), (np.outer(d2, a1), d2),"
                       " (np.outer(d3, a2), d3)]\n"
                       "check(\"03.backward\", backward)"),
             mistakes=(Mistake("no_fprime", _as_pairs(lambda *a: _backward_with(*a, fprime=False))),
                       Mistake("half", _as_pairs(lambda *a: _backward_with(*a, half=False))),
                       Mistake("transpose", _as_pairs(
                           lambda *a: _backward_with(*a, outer=lambda d, v: np.outer(v, d)))),
                       Mistake("off_by_one", _as_pairs(lambda *a: _backward_with(*a, prev=False))),
                       Mistake("sign", _as_pairs(lambda *a: _backward_with(*a, sign=-1.0)))),
             fields={"name": "backward"}),
    Exercise("03.numgrad", "03", "function", expected=_numgrad_expected, cases=_cases_numgrad,
             placeholder=("def numerical_gradient(E, theta, h=1e-5):\n"
                          "    grad = np.zeros_like(theta)\n"
                          "    ...\n"
                          "    return grad\n"
                          "check(\"03.numgrad\", numerical_gradient)"),
             solution=("def numerical_gradient(E, theta, h=1e-5):\n"
                       "    grad = np.zeros_like(theta)\n"
                       "    for i in np.ndindex(theta.shape):\n"
                       "        up, down = theta.copy(), theta.copy()\n"
                       "        up[i] += h\n"
                       "        down[i] -= h\n"
                       "        grad[i] = (E(up) - E(down)) / (2 * h)   # (E(θ+h) − E(θ−h)) / 2h\n"
                       "    return grad\n"
                       "check(\"03.numgrad\", numerical_gradient)"),
             mistakes=(Mistake("forward_difference", _numgrad_forward),
                       Mistake("no_two", _numgrad_no_two)),
             fields={"name": "numerical_gradient"}),
    Exercise("03.step", "03", "value", expected=_step_W1,
             placeholder="W_h1_new = ...\ncheck(\"03.step\", W_h1_new)",
             solution=("W_h1_new = W_h1 - 0.02 * t[1].dW               # W ← W − η ∂E/∂W\n"
                       "check(\"03.step\", W_h1_new)"),
             mistakes=(Mistake("update_sign", lambda: _step_W1(sign=+1.0)),
                       Mistake("no_eta", lambda: _step_W1(eta=1.0))),
             fields={"name": "W¹"}),
)


def _turn_off_first_relu(panel):
    panel.controls.set({"b-1-1": -0.6})


def _one_step_eta_01(panel):
    panel.action(panel.reset)                        # from the worked example itself
    panel.actions.set({"gd-eta": 0.1, "gd-k": 1})
    panel.action(panel.descent.step)


register_question(
    Question("03.dead", "03", ("row1", "b_only", "all", "none"), "row1", _turn_off_first_relu),
    Question("03.eta", "03", ("closer", "overshoot", "same"), "overshoot", _one_step_eta_01),
)


def your_gradient_check(backward, numerical_gradient):
    """Your ``backward`` beside your ``numerical_gradient`` on every parameter of the worked
    example: where they agree (relative error below 10⁻⁷, a band: the digits below it are
    rounding noise) and where not. Says so when either is not written yet."""
    from ..i18n import tr
    from . import Text
    net = worked_example()
    params = _params()
    try:
        mine = backward([(W.copy(), b.copy()) for W, b in params], X.copy(), Y.copy())
        assert mine is not None and len(mine) == 3
    except Exception:                                  # noqa: BLE001 — not written yet
        return Text(tr("ex.yours.title"), tr("ex.yours.not_yet"))
    bad, n = [], 0
    for l, ((W, b), pair) in enumerate(zip(params, mine), start=1):
        for k, (theta, g) in enumerate(zip((W, b), pair)):
            def E(th, l=l, k=k):
                ps = [(Wl.copy(), bl.copy()) for Wl, bl in params]
                ps[l - 1] = (th, ps[l - 1][1]) if k == 0 else (ps[l - 1][0], th)
                return net.with_params(ps).E(X, Y)
            try:
                num = np.asarray(numerical_gradient(E, theta.copy()), dtype=float)
                g = np.asarray(g, dtype=float)
                rel = np.abs(g - num) / np.maximum(np.abs(g) + np.abs(num), 1e-300)
                ok = g.shape == num.shape and bool(np.all((rel < 1e-7) | (np.abs(g - num) < 1e-12)))
            except Exception:                          # noqa: BLE001
                return Text(tr("ex.yours.title"), tr("ex.yours.not_yet"))
            n += theta.size
            if not ok:
                bad.append(f"∂E/∂{'Wb'[k]}{'¹²³'[l - 1]}")
    body = tr("ex.yours.agree", n=n) if not bad else tr("ex.yours.disagree", which=", ".join(bad))
    return Text(tr("ex.yours.title"), body, css="nn-yours")
