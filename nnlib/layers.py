"""The fully connected (dense) layer: z = W a_prev + b, a = f(z).

Shapes, stated once for the whole package (examples are columns, as in the notes):

    a_prev : (n_in,)  one example, or (n_in, B) a batch of B examples
    W      : (n_out, n_in)   row i holds the input weights of output neuron i
                             ("each row is a feature extractor")
    b      : (n_out,)
    z, a   : (n_out,)  or (n_out, B)
"""
from __future__ import annotations

import numpy as np

from ._checks import as_float_array, check_finite, read_only
from .activations import Activation, get_activation
from .i18n import tr

__all__ = ["Dense"]


class Dense:
    """A dense layer z = W a_prev + b, a = f(z), with W of shape (n_out, n_in).

    ``Dense`` only stores read-only float64 copies of W and b; the checks that need to know the
    layer's place (shapes against the previous layer, NaN, the activation's name) are made by
    :class:`nnlib.Network`, whose messages name the layer index l = 1..L.
    """

    __slots__ = ("W", "b", "activation_name")

    def __init__(self, W, b=None, activation: str = "identity"):
        W = as_float_array(W, "W", tr("err.at.dense"))
        if b is None:
            b = np.zeros(W.shape[0] if W.ndim == 2 else 1)
        b = as_float_array(b, "b", tr("err.at.dense"))
        if b.ndim == 0:                       # a scalar bias for a one-neuron layer
            b = b.reshape(1)
        object.__setattr__(self, "W", read_only(W))
        object.__setattr__(self, "b", read_only(b))
        object.__setattr__(self, "activation_name",
                           activation.name if isinstance(activation, Activation) else activation)

    def __setattr__(self, name, value):
        raise AttributeError(tr("err.dense_immutable"))

    # -- shape facts ---------------------------------------------------------------------
    @property
    def n_out(self) -> int:
        return self.W.shape[0]

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def activation(self) -> Activation:
        return get_activation(self.activation_name)

    def replace(self, W=None, b=None, activation=None) -> "Dense":
        """A new layer with some of W, b, activation replaced (this one is unchanged)."""
        return Dense(self.W if W is None else W, self.b if b is None else b,
                     self.activation_name if activation is None else activation)

    def check(self, where: str, n_prev: int | None = None, prev_layer: int = 0) -> Activation:
        """Raise a one-line ValueError if this layer is malformed; return its activation.
        ``n_prev``: how many values the layer before gives (layer ``prev_layer``, 0 = x)."""
        act = get_activation(self.activation_name, where)
        if self.W.ndim != 2:
            raise ValueError(tr("err.W_not_2d", where=where, shape=self.W.shape))
        if 0 in self.W.shape:
            raise ValueError(tr("err.W_empty", where=where, shape=self.W.shape))
        if self.b.shape != (self.n_out,):
            raise ValueError(tr("err.b_shape", where=where, shape=self.b.shape, n=self.n_out))
        if n_prev is not None and self.n_in != n_prev:
            raise ValueError(tr("err.W_cols_x", where=where, cols=self.n_in, n=n_prev)
                             if prev_layer == 0 else
                             tr("err.W_cols_layer", where=where, cols=self.n_in, k=prev_layer,
                                n=n_prev))
        check_finite(self.W, "W", where)
        check_finite(self.b, "b", where)
        return act

    def forward(self, a_prev):
        """a = f(W a_prev + b) for one column (n_in,) or a batch (n_in, B)."""
        where = tr("err.at.dense")
        act = self.check(where)
        a_prev = as_float_array(a_prev, "a_prev", where)
        if a_prev.ndim not in (1, 2) or a_prev.shape[0] != self.n_in:
            raise ValueError(tr("err.a_prev_shape", where=where, shape=a_prev.shape, n=self.n_in))
        z = self.W @ a_prev + (self.b if a_prev.ndim == 1 else self.b[:, None])
        return act.f(z)

    def __repr__(self):
        return (f"Dense(W={self.W.tolist()}, b={self.b.tolist()}, "
                f"activation={self.activation_name!r})")

    def __eq__(self, other):
        return (isinstance(other, Dense) and self.activation_name == other.activation_name
                and np.array_equal(self.W, other.W) and np.array_equal(self.b, other.b))

    __hash__ = None
