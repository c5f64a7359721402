"""Loss functions E(aᴸ, y): the single scalar that backpropagation differentiates.

Shapes: aᴸ, zᴸ and y are (n_out,) for one example or (n_out, B) for a batch of B columns.
``reduction="sum"`` adds the examples' losses (the notes' E = Σ_k E_k); ``"mean"`` divides that
sum by B, and so divides every gradient by B too.

| name                  | E for one example          | ∂E/∂a       | δᴸ = ∂E/∂zᴸ                      |
|-----------------------|----------------------------|-------------|----------------------------------|
| squared_error         | ½ Σ_k (a_k − y_k)²         | a − y       | (a − y) ⊙ f′(zᴸ)                 |
| squared_error_no_half | Σ_k (a_k − y_k)²           | 2 (a − y)   | 2 (a − y) ⊙ f′(zᴸ)               |
| cross_entropy         | −Σ_k y_k log a_k (softmax) | −y / a      | a − y  (softmax shortcut)        |

The factor ½: the worked example (notes 000, part 3) does not write its loss; its
δ_o = A_o − Y_true implies E = ½ (a − y)², whose δᴸ is a − y. §Ⅰ.4 of the same notes writes
E = Σ (a − y)² without the ½, whose δᴸ is twice as large.
Both are the same minimisation problem; the ½ only rescales every gradient (like halving η).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from .activations import Activation, log_softmax

__all__ = ["Loss", "LOSSES", "get_loss", "REDUCTIONS"]

REDUCTIONS = ("sum", "mean")


def _half_sq(z, a, y):
    d = a - y
    return 0.5 * float(np.vdot(d, d))


def _half_sq_grad(a, y):
    return a - y


def _sq(z, a, y):
    d = a - y
    return float(np.vdot(d, d))


def _sq_grad(a, y):
    return 2.0 * (a - y)


def _ce(z, a, y):
    # −Σ y log a, with log a = log_softmax(z) so it stays finite for any finite z
    return -float(np.vdot(y, log_softmax(z)))


def _ce_grad(a, y):
    # −y / a; 0 where y = 0 (those terms of E do not depend on a). Where softmax has
    # underflowed (a_k < ~1e-308 for z_k ≲ max z − 708) −y_k / a_k is too large for float64
    # and is −inf, silently; δᴸ = a − y, which the trace uses, stays finite.
    out = np.zeros_like(a)
    with np.errstate(divide="ignore", over="ignore"):
        np.divide(-y, a, out=out, where=(y != 0))
    return out


def _ce_delta(z, a, y):
    return a - y


@dataclass(frozen=True)
class Loss:
    """One row of the table. ``value`` is E summed over examples (before any mean)."""
    name: str
    value: Callable            # E(zᴸ, aᴸ, y) -> float
    grad_a: Callable           # ∂E/∂aᴸ (aᴸ, y)
    tex: str
    delta_shortcut: Optional[Callable] = None   # δᴸ(zᴸ, aᴸ, y) when it has a closed form
    needs: Optional[str] = None                 # output activation this loss requires

    def delta(self, act: Activation, z, a, y):
        """δᴸ = ∂E/∂zᴸ: the shortcut if there is one, else the chain rule ∂E/∂a · ∂a/∂z."""
        if self.delta_shortcut is not None:
            return self.delta_shortcut(z, a, y)
        return act.backprop(z, a, self.grad_a(a, y))


LOSSES = {
    "squared_error": Loss("squared_error", _half_sq, _half_sq_grad,
                          r"E = \tfrac12 \sum_k (a_k - y_k)^2"),
    "squared_error_no_half": Loss("squared_error_no_half", _sq, _sq_grad,
                                  r"E = \sum_k (a_k - y_k)^2"),
    "cross_entropy": Loss("cross_entropy", _ce, _ce_grad, r"E = -\sum_k y_k \log a_k",
                          delta_shortcut=_ce_delta, needs="softmax"),
}


def get_loss(name) -> Loss:
    """The table row for ``name``; a one-line ValueError naming the choices otherwise."""
    if isinstance(name, Loss):
        return name
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        from .i18n import tr
        raise ValueError(tr("err.unknown_loss", got=repr(name), choices=", ".join(LOSSES))) from None
