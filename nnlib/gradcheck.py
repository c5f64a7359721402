"""Gradient check: compare backpropagation's ∂E/∂θ with central differences.

For every parameter entry θ (each Wˡᵢⱼ and bˡᵢ), the central difference

    D(h) = (E(θ + h) − E(θ − h)) / 2h = ∂E/∂θ + c h² + O(h⁴)

is taken at two step sizes and combined so that the c h² term cancels (Richardson extrapolation):

    ∂E/∂θ ≈ (4 D(h/2) − D(h)) / 3                (error O(h⁴))

Why not one D(h) with a tiny h: each E is only known to about ε|E| (ε ≈ 2.2e-16 in float64), so
D(h) carries a rounding error of about ε|E|/h, which grows as h shrinks, while the h² error
grows as h grows. With the h² term cancelled, h can be 100× larger (default 1e-4 instead of
1e-6) and the rounding error is 100× smaller; the h⁴ error stays far below it. h must still be
small enough that no ReLU unit crosses its kink at z = 0 when θ moves by h.

The relative error between the analytic gradient g and the numerical one n is

    |g − n| / (|g| + |n|)        (0 where both are 0)

per entry, and ‖g − n‖ / (‖g‖ + ‖n‖) for a whole parameter (Wˡ or bˡ).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

__all__ = ["ParamCheck", "gradient_check", "numerical_gradient", "relative_error", "hessian"]


class ParamCheck(NamedTuple):
    """The check of one parameter, Wˡ or bˡ."""
    name: str                 # "W" or "b"
    l: int                    # layer index 1..L
    analytic: np.ndarray      # ∂E/∂θ from backpropagation
    numeric: np.ndarray       # central differences
    rel_error: np.ndarray     # per entry
    error: float              # ‖g − n‖ / (‖g‖ + ‖n‖) for the whole parameter


def relative_error(g, n):
    """|g − n| / (|g| + |n|), element-wise, 0 where both are 0."""
    g, n = np.asarray(g, float), np.asarray(n, float)
    den = np.abs(g) + np.abs(n)
    out = np.zeros(np.broadcast(g, n).shape)
    np.divide(np.abs(g - n), den, out=out, where=den > 0)
    return out


def _norm_error(g, n) -> float:
    den = np.linalg.norm(g) + np.linalg.norm(n)
    return float(np.linalg.norm(g - n) / den) if den > 0 else 0.0


def numerical_gradient(E, theta, h: float = 1e-4, richardson: bool = True) -> np.ndarray:
    """(4 D(h/2) − D(h)) / 3 with D(h) = (E(θ + h eᵢ) − E(θ − h eᵢ)) / 2h, for every entry i of θ;
    with ``richardson=False`` just D(h), the plain central difference (half the evaluations).

    ``E`` is called with a perturbed copy of θ and must return a float.
    """
    theta = np.array(theta, dtype=np.float64)
    grad = np.zeros_like(theta)

    def D(i, step):                       # central difference at one step size
        old = theta[i]
        theta[i] = old + step
        e_plus = E(theta.copy())
        theta[i] = old - step
        e_minus = E(theta.copy())
        theta[i] = old
        return (e_plus - e_minus) / (2 * step)

    for i in np.ndindex(theta.shape):
        grad[i] = (4 * D(i, h / 2) - D(i, h)) / 3 if richardson else D(i, h)
    return grad


def gradient_check(net, x, y, h: float = 1e-4, richardson: bool = True):
    """[ParamCheck for W¹, b¹, …, Wᴸ, bᴸ]: backprop's gradients beside central differences.

    ``richardson=False`` uses the plain (E(θ + h) − E(θ − h)) / 2h (error O(h²); a live panel
    uses it with h = 1e-5: the formula learners know, at half the cost)."""
    trace = net.trace(x, y)
    x, y = trace.x, trace.y                       # checked once; E(θ) below is not re-checked
    params = net.params()
    checks = []

    def E_with(l, W=None, b=None):                # E with layer l's W or b replaced
        ps = list(params)
        ps[l - 1] = (ps[l - 1][0] if W is None else W, ps[l - 1][1] if b is None else b)
        return net.loss_at(ps, x, y)

    for l in range(1, net.L + 1):
        W, b = params[l - 1]
        num_W = numerical_gradient(lambda W_: E_with(l, W=W_), W, h, richardson)
        num_b = numerical_gradient(lambda b_: E_with(l, b=b_), b, h, richardson)
        for name, g, n in (("W", trace[l].dW, num_W), ("b", trace[l].db, num_b)):
            checks.append(ParamCheck(name, l, g, n, relative_error(g, n), _norm_error(g, n)))
    return checks


def _flat(pairs) -> np.ndarray:
    """[(A¹, B¹), …] → one vector: A¹ then B¹ then A², …, each flattened row by row."""
    return np.concatenate([np.ravel(a) for pair in pairs for a in pair])


def hessian(net, x, y, h: float = 1e-4) -> np.ndarray:
    """H = ∂²E/∂θ², θ = every parameter of ``net`` in the order W¹, b¹, …, Wᴸ, bᴸ (each
    flattened row by row), by central differences of backpropagation's gradient:

        column k of H = (∇E(θ + h eₖ) − ∇E(θ − h eₖ)) / 2h,   then H ← (H + Hᵀ) / 2

    Exact (up to rounding) when E is quadratic in θ, e.g. a linear model with squared error;
    its eigenvalues λ tell how large a learning rate can be: descent on a quadratic converges
    iff η λ_max < 2."""
    shapes = [(W.shape, b.shape) for W, b in net.params()]
    theta = _flat(net.params())

    def grad(th):
        params, k = [], 0
        for sW, sb in shapes:
            nW, nb = int(np.prod(sW)), int(np.prod(sb))
            params.append((th[k:k + nW].reshape(sW), th[k + nW:k + nW + nb].reshape(sb)))
            k += nW + nb
        return _flat(net.with_params(params).trace(x, y).grads)

    H = np.zeros((theta.size, theta.size))
    for k in range(theta.size):
        step = np.zeros_like(theta)
        step[k] = h
        H[:, k] = (grad(theta + step) - grad(theta - step)) / (2 * h)
    return (H + H.T) / 2
