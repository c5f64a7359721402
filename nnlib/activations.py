"""Activation functions a = f(z) and their derivatives f′(z), in one table keyed by name.

Every function works on a single column z of shape (n,) or on a batch Z of shape (n, B)
(examples are columns, as in the notes).

| name     | a = f(z)                    | f′(z)                      |
|----------|-----------------------------|----------------------------|
| identity | z                           | 1                          |
| relu     | max(0, z)                   | 1 if z > 0 else 0 (so 0 at z = 0, as the notes state) |
| sigmoid  | 1 / (1 + e^(−z))            | a (1 − a)                  |
| tanh     | tanh z                      | 1 − a²                     |
| softmax  | e^(z_k) / Σ_j e^(z_j)       | not element-wise: Jacobian diag(a) − a aᵀ              |

Backpropagation through an activation is one function, ``backprop(z, a, dE_da)``:
δ = ∂E/∂z = ∂E/∂a ⊙ f′(z) for the element-wise ones (the notes' step 4), and for softmax the
vector–Jacobian product (diag(a) − a aᵀ) ∂E/∂a = a ⊙ (∂E/∂a − aᵀ ∂E/∂a).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

__all__ = ["Activation", "ACTIVATIONS", "get_activation",
           "identity", "relu", "sigmoid", "tanh", "softmax"]


# --- a = f(z) -----------------------------------------------------------------------------

def identity(z):
    """a = z."""
    return z


def relu(z):
    """a = max(0, z), element-wise."""
    return np.maximum(z, 0.0)


def sigmoid(z):
    """a = 1 / (1 + e^(−z)), element-wise; computed without overflow for any finite z."""
    e = np.exp(-np.abs(z))                 # in (0, 1]: never overflows
    # 1 / (1 + e^(−z)) for z ≥ 0, and the same value written e^z / (1 + e^z) for z < 0
    return np.where(z >= 0, 1.0, e) / (1.0 + e)


def tanh(z):
    """a = tanh z, element-wise."""
    return np.tanh(z)


def softmax(z):
    """a_k = e^(z_k) / Σ_j e^(z_j), over each column; shifted by max z so it never overflows."""
    e = np.exp(z - z.max(axis=0))
    return e / e.sum(axis=0)


def log_softmax(z):
    """log a_k = z_k − log Σ_j e^(z_j), over each column; finite for any finite z."""
    shifted = z - z.max(axis=0)
    return shifted - np.log(np.exp(shifted).sum(axis=0))


# --- f′(z), given z and a = f(z) ----------------------------------------------------------

def _ones(z, a):
    """f′(z) = 1."""
    return np.ones_like(z)


def _relu_prime(z, a):
    """f′(z) = 1 if z > 0 else 0: ReLU′(0) = 0, as the notes state."""
    return (z > 0).astype(z.dtype)


def _sigmoid_prime(z, a):
    """f′(z) = a (1 − a)."""
    return a * (1.0 - a)


def _tanh_prime(z, a):
    """f′(z) = 1 − a²."""
    return 1.0 - a * a


def _softmax_backprop(z, a, dE_da):
    """δ = (diag(a) − a aᵀ) ∂E/∂a = a ⊙ (∂E/∂a − aᵀ ∂E/∂a), per column."""
    return a * (dE_da - (a * dE_da).sum(axis=0))


@dataclass(frozen=True)
class Activation:
    """One row of the table: a = f(z), f′(z) and how δ = ∂E/∂z is formed from ∂E/∂a.

    ``fprime(z, a)`` is None for softmax, whose derivative is a Jacobian, not a vector.
    """
    name: str
    f: Callable
    fprime: Optional[Callable]
    tex: str           # a = f(z) in LaTeX
    fprime_tex: str    # f′(z) in LaTeX

    @property
    def elementwise(self) -> bool:
        return self.fprime is not None

    def backprop(self, z, a, dE_da):
        """δ = ∂E/∂z: ∂E/∂a ⊙ f′(z) element-wise, or the softmax Jacobian product."""
        if self.fprime is None:
            return _softmax_backprop(z, a, dE_da)
        return dE_da * self.fprime(z, a)


ACTIVATIONS = {
    "identity": Activation("identity", identity, _ones, r"a = z", r"f'(z) = 1"),
    "relu": Activation("relu", relu, _relu_prime, r"a = \max(0, z)",
                       r"f'(z) = \begin{cases}1 & z > 0\\ 0 & z \le 0\end{cases}"),
    "sigmoid": Activation("sigmoid", sigmoid, _sigmoid_prime, r"a = \frac{1}{1+e^{-z}}",
                          r"f'(z) = a\,(1-a)"),
    "tanh": Activation("tanh", tanh, _tanh_prime, r"a = \tanh z", r"f'(z) = 1 - a^2"),
    "softmax": Activation("softmax", softmax, None,
                          r"a_k = \frac{e^{z_k}}{\sum_j e^{z_j}}",
                          r"\frac{\partial a}{\partial z} = \operatorname{diag}(a) - a\,a^{\top}"),
}


def get_activation(name, where: str = "") -> Activation:
    """The table row for ``name``; a one-line ValueError naming the choices otherwise."""
    if isinstance(name, Activation):
        return name
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        from .i18n import tr
        prefix = f"{where}: " if where else ""
        raise ValueError(tr("err.unknown_activation", prefix=prefix, got=repr(name),
                            choices=", ".join(ACTIVATIONS))) from None
