"""A network of dense layers l = 1..L (the notes' superscripts), and the frozen record of one
forward + backward pass through it.

Forward (notes 000, part 2, §Ⅰ), for l = 1..L with a⁰ = x:

    zˡ = Wˡ aˡ⁻¹ + bˡ            aˡ = f(zˡ)            E = loss(aᴸ, y)

Backward (§Ⅱ, steps 1–5), for l = L..1:

    δᴸ = ∂E/∂zᴸ = ∂E/∂aᴸ ⊙ f′(zᴸ)     (= aᴸ − y for softmax + cross-entropy)
    ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ               ∂E/∂bˡ = δˡ  (summed over the examples of a batch)
    ∂E/∂aˡ⁻¹ = (Wˡ)ᵀ δˡ               δˡ⁻¹ = (Wˡ)ᵀ δˡ ⊙ f′(zˡ⁻¹)

Shapes are those of :mod:`nnlib.layers`; a 1-D x of shape (n,) gives 1-D vectors throughout,
an (n, B) x gives (·, B) columns. ∂E/∂Wˡ always has Wˡ's shape and ∂E/∂bˡ always bˡ's.
"""
from __future__ import annotations

from typing import NamedTuple, Optional, Sequence

import numpy as np

from ._checks import as_float_array, check_finite, read_only
from .i18n import tr
from .layers import Dense
from .losses import REDUCTIONS, get_loss

__all__ = ["Network", "Trace", "LayerTrace"]


class LayerTrace(NamedTuple):
    """Everything about layer l in one pass; all arrays read-only.

    ``t[0]`` is the input layer: only ``a`` (= x) and ``dE_da`` (= ∂E/∂x) are set.
    """
    l: int
    W: Optional[np.ndarray]          # Wˡ        (n_out, n_in)
    b: Optional[np.ndarray]          # bˡ        (n_out,)
    z: Optional[np.ndarray]          # zˡ = Wˡ aˡ⁻¹ + bˡ
    a: np.ndarray                    # aˡ = f(zˡ)   (a⁰ = x)
    fprime: Optional[np.ndarray]     # f′(zˡ), element-wise; None for softmax (a Jacobian)
    dE_da: Optional[np.ndarray]      # ∂E/∂aˡ: the error arriving from above, (Wˡ⁺¹)ᵀ δˡ⁺¹
    delta: Optional[np.ndarray]      # δˡ = ∂E/∂zˡ
    dW: Optional[np.ndarray]         # ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ   (n_out, n_in)
    db: Optional[np.ndarray]         # ∂E/∂bˡ = δˡ           (n_out,)
    WT_delta: Optional[np.ndarray]   # (Wˡ)ᵀ δˡ = ∂E/∂aˡ⁻¹: the error sent back to layer l − 1
    activation: Optional[str]

    @property
    def dead(self) -> np.ndarray:
        """Which units pass no gradient: f′(zˡᵢ) = 0, so δˡᵢ = 0 whatever arrives from above
        (a ReLU with z ≤ 0, or a sigmoid saturated to exactly 0 or 1). Boolean, z's shape.

        This is the one rule for "dead" everywhere in nnlib (tables, pictures, lessons). For
        the input layer, softmax (a Jacobian, not an element-wise f′) and a forward-only trace
        nothing is dead, except that a forward-only ReLU layer still knows f′ = 0 ⇔ z ≤ 0."""
        if self.z is None:
            return np.zeros(self.a.shape, dtype=bool)
        if self.fprime is not None:
            return self.fprime == 0
        if self.activation == "relu":
            return self.z <= 0
        return np.zeros(self.z.shape, dtype=bool)


class Trace:
    """One forward + backward pass, frozen: ``t[l]`` is the :class:`LayerTrace` of layer l.

    ``t.loss`` is E, ``t.output`` is aᴸ, ``t.grads`` is [(∂E/∂W¹, ∂E/∂b¹), …, (∂E/∂Wᴸ, ∂E/∂bᴸ)].
    Arrays are read-only, so a widget may keep a history of traces.
    """
    __slots__ = ("network", "x", "y", "loss", "layers")

    def __init__(self, network, x, y, loss, layers):
        set_ = object.__setattr__
        set_(self, "network", network)
        set_(self, "x", x)
        set_(self, "y", y)
        set_(self, "loss", loss)
        set_(self, "layers", tuple(layers))

    def __setattr__(self, name, value):
        raise AttributeError(tr("err.trace_frozen"))

    def __getitem__(self, l: int) -> LayerTrace:
        if not isinstance(l, (int, np.integer)) or not 0 <= l < len(self.layers):
            raise IndexError(tr("err.trace_index", L=len(self.layers) - 1, got=repr(l)))
        return self.layers[l]

    def __len__(self):
        return len(self.layers)

    def __iter__(self):
        return iter(self.layers)

    @property
    def L(self) -> int:
        return len(self.layers) - 1

    @property
    def output(self) -> np.ndarray:
        """aᴸ, the network's prediction."""
        return self.layers[-1].a

    @property
    def grads(self):
        """[(∂E/∂Wˡ, ∂E/∂bˡ) for l = 1..L]."""
        return [(t.dW, t.db) for t in self.layers[1:]]

    def __repr__(self):
        return f"<Trace L={self.L} E={self.loss:.6g} aᴸ={np.array2string(self.output, precision=4)}>"


def _record(l, net, one, Z, A, fprime=None, dE_da=None, delta=None, dW=None, db=None,
            WT_delta=None) -> LayerTrace:
    """Layer l's :class:`LayerTrace`, every array made read-only (each was computed afresh by
    the trace, so nothing else holds it: a trace never changes, and a widget may keep a
    history of them). ``one``: a single example, whose columns are given back as vectors (n,)."""
    def frozen(v):
        if v is None:
            return None
        return read_only(v[:, 0] if one else v)

    layer = net.layers[l - 1] if l else None
    return LayerTrace(l, layer.W if layer else None, layer.b if layer else None,
                      frozen(Z[l]), frozen(A[l]), frozen(fprime), frozen(dE_da), frozen(delta),
                      None if dW is None else read_only(dW), None if db is None else read_only(db),
                      frozen(WT_delta), net.layers[l - 1].activation_name if l else None)


class Network:
    """Layers l = 1..L and a loss E: ``Network([Dense(...), ...], loss, reduction)``.

    ``loss`` is a name from :data:`nnlib.losses.LOSSES`; ``reduction`` is ``"sum"`` (E = Σ over
    examples, as the notes) or ``"mean"`` (that sum / B). A Network is immutable: ``replace``,
    ``with_params`` and :func:`nnlib.optim.gradient_descent_step` return new ones.
    """
    __slots__ = ("layers", "loss", "reduction", "_acts")

    def __init__(self, layers: Sequence[Dense], loss: str = "squared_error",
                 reduction: str = "sum"):
        layers = tuple(layers)
        if not layers:
            raise ValueError(tr("err.no_layers"))
        acts = []
        for l, layer in enumerate(layers, start=1):
            where = tr("err.at.layer", l=l)
            if not isinstance(layer, Dense):
                raise ValueError(tr("err.not_dense", where=where, got=type(layer).__name__))
            prev = None if l == 1 else layers[l - 2].n_out
            act = layer.check(where, prev, l - 1)
            if not act.elementwise and l != len(layers):
                raise ValueError(tr("err.softmax_hidden", where=where, L=len(layers)))
            acts.append(act)
        loss_row = get_loss(loss)
        if loss_row.needs and acts[-1].name != loss_row.needs:
            raise ValueError(tr("err.loss_needs", where=tr("err.at.layer", l=len(layers)),
                                loss=loss_row.name, needs=loss_row.needs,
                                got=repr(acts[-1].name)))
        if reduction not in REDUCTIONS:
            raise ValueError(tr("err.reduction", got=repr(reduction), choices=", ".join(REDUCTIONS)))
        set_ = object.__setattr__
        set_(self, "layers", layers)
        set_(self, "loss", loss_row)
        set_(self, "reduction", reduction)
        set_(self, "_acts", tuple(acts))

    def __setattr__(self, name, value):
        raise AttributeError(tr("err.network_immutable"))

    # -- facts -----------------------------------------------------------------------------
    @property
    def L(self) -> int:
        """Number of layers with weights (the input x is layer 0)."""
        return len(self.layers)

    @property
    def sizes(self):
        """[n⁰, n¹, …, nᴸ]: the input size then each layer's width."""
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    @property
    def n_in(self) -> int:
        return self.layers[0].n_in

    @property
    def n_out(self) -> int:
        return self.layers[-1].n_out

    @property
    def activations(self):
        return [act.name for act in self._acts]

    def params(self):
        """[(W¹, b¹), …, (Wᴸ, bᴸ)] (read-only arrays)."""
        return [(layer.W, layer.b) for layer in self.layers]

    # -- new networks from this one --------------------------------------------------------
    def replace(self, l: int, W=None, b=None, activation=None) -> "Network":
        """A new Network with layer l's W, b or activation replaced (l = 1..L)."""
        self._check_l(l)
        layers = list(self.layers)
        layers[l - 1] = layers[l - 1].replace(W, b, activation)
        return Network(layers, self.loss, self.reduction)

    def with_params(self, params) -> "Network":
        """A new Network with [(W¹, b¹), …, (Wᴸ, bᴸ)] in place of this one's."""
        params = list(params)
        if len(params) != self.L:
            raise ValueError(tr("err.with_params", L=self.L, n=len(params)))
        return Network([layer.replace(W, b) for layer, (W, b) in zip(self.layers, params)],
                       self.loss, self.reduction)

    def with_loss(self, loss=None, reduction=None) -> "Network":
        """The same layers with another loss or reduction."""
        return Network(self.layers, self.loss if loss is None else loss,
                       self.reduction if reduction is None else reduction)

    # -- forward and backward --------------------------------------------------------------
    def forward(self, x) -> np.ndarray:
        """aᴸ: apply zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ) for l = 1..L, starting from a⁰ = x."""
        x = self._check_x(x)
        z, a = self._output(self.params(), x if x.ndim == 2 else x[:, None])
        return a if x.ndim == 2 else a[:, 0]

    def _output(self, params, X):
        """(zᴸ, aᴸ) for the columns X, with the layers' (W, b) taken from ``params``."""
        a = z = X
        for (W, b), f in zip(params, self._acts):
            z = W @ a + b[:, None]                           # zˡ = Wˡ aˡ⁻¹ + bˡ
            a = f.f(z)                                       # aˡ = f(zˡ)
        return z, a

    def loss_at(self, params, x, y) -> float:
        """E for input x and target y with [(W¹, b¹), …] in place of this network's parameters
        (of the same shapes; not checked). Numerical differentiation calls this for every
        perturbed parameter, so it builds no new Network and no trace."""
        X = np.asarray(x, dtype=float)
        Y = np.asarray(y, dtype=float)
        if X.ndim == 1:
            X, Y = X[:, None], Y.reshape(-1, 1)
        s = 1.0 / X.shape[1] if self.reduction == "mean" else 1.0
        z, a = self._output(params, X)
        return s * self.loss.value(z, a, Y)

    def E(self, x, y) -> float:
        """The loss E(aᴸ, y) for input x and target y (reduced over the batch)."""
        return self.trace(x, y, backward=False).loss

    def trace(self, x, y, backward: bool = True) -> Trace:
        """Forward then backward pass; every quantity of the notes, frozen in a :class:`Trace`.

        x is (n⁰,) for one example or (n⁰, B) for a batch of B columns, y likewise (nᴸ,) or
        (nᴸ, B). With ``reduction="mean"`` E and every gradient are divided by B."""
        x = read_only(self._check_x(x))
        y = self._check_y(y, x)
        X, Y = (x, y) if x.ndim == 2 else (x[:, None], y[:, None])   # examples are columns
        s = 1.0 / X.shape[1] if self.reduction == "mean" else 1.0   # mean: E and ∇E over B

        # forward (notes 000, §Ⅰ), l = 1..L
        A, Z = [X], [None]
        for layer, f in zip(self.layers, self._acts):
            Z.append(layer.W @ A[-1] + layer.b[:, None])     # zˡ = Wˡ aˡ⁻¹ + bˡ
            A.append(f.f(Z[-1]))                             # aˡ = f(zˡ)
        E = s * self.loss.value(Z[-1], A[-1], Y)             # E = loss(aᴸ, y)
        one = x.ndim == 1
        if not backward:
            return Trace(self, x, y, E, [_record(l, self, one, Z, A) for l in range(self.L + 1)])

        # backward (§Ⅱ, steps 1–5), l = L..1
        L, records = self.L, [None] * (self.L + 1)
        dE_da = s * self.loss.grad_a(A[L], Y)                # ∂E/∂aᴸ
        for l in range(L, 0, -1):
            W, f = self.layers[l - 1].W, self._acts[l - 1]
            fprime = f.fprime(Z[l], A[l]) if f.elementwise else None          # f′(zˡ)
            if l == L and self.loss.delta_shortcut is not None:
                delta = s * self.loss.delta_shortcut(Z[l], A[l], Y)         # δᴸ = aᴸ − y
            elif fprime is not None:
                delta = dE_da * fprime                                      # δˡ = ∂E/∂aˡ ⊙ f′(zˡ)
            else:
                delta = f.backprop(Z[l], A[l], dE_da)                       # softmax: Jacobian
            dW = delta @ A[l - 1].T                                         # ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ
            db = delta.sum(axis=1)                                          # ∂E/∂bˡ = δˡ
            WT_delta = W.T @ delta                                          # (Wˡ)ᵀ δˡ
            records[l] = _record(l, self, one, Z, A, fprime, dE_da, delta, dW, db, WT_delta)
            dE_da = WT_delta                                                # ∂E/∂aˡ⁻¹
        records[0] = _record(0, self, one, Z, A, dE_da=dE_da)
        return Trace(self, x, y, E, records)

    # -- checks ----------------------------------------------------------------------------
    def _check_l(self, l):
        if not isinstance(l, (int, np.integer)) or not 1 <= l <= self.L:
            raise ValueError(tr("err.layer_index", lo=1, hi=self.L, got=repr(l)))

    def _check_x(self, x) -> np.ndarray:
        where = tr("err.at.input")
        x = as_float_array(x, "x", where)
        n = self.n_in
        if x.ndim not in (1, 2):
            raise ValueError(tr("err.x_ndim", where=where, n=n, ndim=x.ndim, shape=x.shape))
        if x.shape[0] != n:
            raise ValueError(tr("err.x_size", where=where, shape=x.shape, n=n))
        if x.size == 0:
            raise ValueError(tr("err.x_empty", where=where, shape=x.shape))
        check_finite(x, "x", where)
        return x

    def _check_y(self, y, x) -> np.ndarray:
        where = tr("err.at.target")
        y = as_float_array(y, "y", where)
        shape = (self.n_out,) + x.shape[1:]
        if y.shape != shape:
            if y.size == 1 and shape == (1,):
                y = y.reshape(1)
            else:
                raise ValueError(tr("err.y_shape", where=where, shape=y.shape, L=self.L,
                                    want=shape))
        check_finite(y, "y", where)
        if self.loss.name == "cross_entropy":      # each column a probability vector
            need = tr("err.ce_need")
            if (y < 0).any():
                bad = np.argwhere(y < 0)[0]
                idx = ", ".join(str(int(i)) for i in bad)
                raise ValueError(tr("err.y_negative", where=where, idx=idx,
                                    v=f"{y[tuple(bad)]:g}", need=need))
            sums = np.atleast_1d(y.sum(axis=0))
            if not np.allclose(sums, 1.0):
                k = int(np.argmax(~np.isclose(sums, 1.0)))
                col = tr("err.y_column", k=k) if y.ndim == 2 else "y"
                raise ValueError(tr("err.y_sum", where=where, col=col, s=f"{sums[k]:.6g}",
                                    need=need))
        return read_only(y)

    def __repr__(self):
        inner = ",\n    ".join(repr(layer) for layer in self.layers)
        return (f"Network([\n    {inner},\n], loss={self.loss.name!r}, "
                f"reduction={self.reduction!r})")

    def __eq__(self, other):
        return (isinstance(other, Network) and self.layers == other.layers
                and self.loss.name == other.loss.name and self.reduction == other.reduction)

    __hash__ = None
