"""Gradient descent: W ← W − η ∂E/∂W, b ← b − η ∂E/∂b (notes 004, §1.3).

Networks and traces are immutable, so a step returns a new Network and the old one is kept:
:class:`GradientDescent` holds the whole history, which makes undo and replay trivial.
"""
from __future__ import annotations

import math

import numpy as np

from .i18n import tr

__all__ = ["DivergenceError", "gradient_descent_step", "GradientDescent"]


class DivergenceError(ValueError):
    """A step produced NaN or inf: η is too large. The last finite state is kept."""


def _check_eta(eta) -> float:
    try:
        if isinstance(eta, (bool, np.bool_, str, bytes)):
            raise TypeError
        eta = float(eta)
    except (TypeError, ValueError):
        raise ValueError(tr("err.eta_number", where=tr("err.at.eta"), got=repr(eta))) from None
    if not math.isfinite(eta) or eta <= 0:
        raise ValueError(tr("err.eta_positive", where=tr("err.at.eta"), got=repr(eta)))
    return eta


def gradient_descent_step(net, trace, eta: float):
    """A new Network with Wˡ ← Wˡ − η ∂E/∂Wˡ and bˡ ← bˡ − η ∂E/∂bˡ for l = 1..L.

    ``trace`` is ``net.trace(x, y)``; it is not changed. Raises :class:`DivergenceError` if a
    parameter would become NaN or inf.
    """
    eta = _check_eta(eta)
    if trace.network is not net and trace.network != net:
        raise ValueError(tr("err.other_network"))
    new = []
    with np.errstate(over="ignore", invalid="ignore"):
        for l, ((W, b), (dW, db)) in enumerate(zip(net.params(), trace.grads), start=1):
            W_new, b_new = W - eta * dW, b - eta * db
            if not (np.isfinite(W_new).all() and np.isfinite(b_new).all()):
                raise DivergenceError(tr("err.step_inf_params", where=tr("err.at.layer", l=l),
                                         eta=f"{eta:g}"))
            new.append((W_new, b_new))
    return net.with_params(new)


class GradientDescent:
    """Repeated steps on fixed (x, y), with the whole history kept.

    ``history[0]`` is the trace of the starting network, ``history[k]`` the trace after k steps.
    """

    def __init__(self, net, x, y, eta: float = 0.1):
        self.eta = _check_eta(eta)
        self.x, self.y = x, y
        self.history = [net.trace(x, y)]

    @property
    def trace(self):
        """The current trace (after the last step)."""
        return self.history[-1]

    @property
    def net(self):
        return self.history[-1].network

    @property
    def steps(self) -> int:
        return len(self.history) - 1

    @property
    def losses(self):
        """[E₀, E₁, …]: the loss before any step, then after each."""
        return [t.loss for t in self.history]

    def step(self, k: int = 1):
        """Take k steps W ← W − η ∂E/∂W; on divergence keep the steps that were finite and
        raise :class:`DivergenceError`."""
        for _ in range(int(k)):
            with np.errstate(over="ignore", invalid="ignore"):
                new_net = gradient_descent_step(self.net, self.trace, self.eta)
                new_trace = new_net.trace(self.x, self.y)
            if not (math.isfinite(new_trace.loss)
                    and all(np.isfinite(dW).all() for dW, _ in new_trace.grads)):
                raise DivergenceError(tr("err.step_inf", k=self.steps + 1,
                                         E=f"{new_trace.loss:g}", eta=f"{self.eta:g}",
                                         kept=self.steps, Ek=f"{self.trace.loss:.4g}"))
            self.history.append(new_trace)
        return self.trace

    def undo(self):
        """Go back one step (nothing happens at the start)."""
        if len(self.history) > 1:
            self.history.pop()
        return self.trace

    def reset(self):
        """Back to the starting network."""
        del self.history[1:]
        return self.trace

    def replay(self, eta: float | None = None):
        """Redo the same number of steps from the start, with this η or a new one."""
        k = self.steps
        if eta is not None:
            self.eta = _check_eta(eta)
        self.reset()
        return self.step(k)
