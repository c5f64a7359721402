"""The playground's network and its training: minibatch gradient descent with nnlib's trace.

The builder's choices are an :class:`Architecture` (0–4 hidden layers of 1–8 units, an
activation per layer, the output and its loss, sum or mean); :func:`build` makes its Network
with seeded initial weights. A :class:`Trainer` holds the start and the current network and
trains on a :class:`~nnlib.playground.data.Split`, one minibatch per step, as the notes write
it for a batch of B examples as columns:

    Zˡ = Wˡ Aˡ⁻¹ + bˡ,  Aˡ = f(Zˡ)                  (A⁰ = X_batch, (2, B))
    δᴸ = ∂E/∂Zᴸ,  δˡ = (Wˡ⁺¹)ᵀ δˡ⁺¹ ⊙ f′(Zˡ)         (one column per example)
    ∂E/∂Wˡ = δˡ (Aˡ⁻¹)ᵀ,  ∂E/∂bˡ = Σ_columns δˡ      (the batch summed, ÷ B for "mean")
    Wˡ ← Wˡ − η ∂E/∂Wˡ,  bˡ ← bˡ − η ∂E/∂bˡ

— every one of them is :meth:`nnlib.Network.trace` and :func:`nnlib.gradient_descent_step`.
An epoch is one pass over the training points in a seeded random order, cut into batches of B
(the last one smaller when B does not divide N). The losses recorded after every epoch are the
mean over the points of E for one point (train and test), comparable whatever B, the split and
sum or mean. A step whose loss or gradients are not finite, or after which the batch's loss is not, raises
:class:`nnlib.DivergenceError` and keeps the last finite network.

Seeds: the initial weights come from ``default_rng([seed, 2])`` (Glorot uniform,
W ~ U(−r, r) with r = √(6 / (nˡ⁻¹ + nˡ)), b = 0), the order of every epoch from
``default_rng([seed, 3])``; so a replay from the same start gives bit-identical weights.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .. import fmt
from ..i18n import tr
from ..layers import Dense
from ..network import Network
from ..optim import DivergenceError, _check_eta, gradient_descent_step

__all__ = ["ACTIVATIONS", "OUTPUTS", "MAX_LAYERS", "MAX_UNITS", "BATCH_SIZES", "Architecture",
           "build", "targets", "probability", "layer_outputs", "mean_loss", "Trainer"]

ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")
# output → (its activation, its loss, nᴸ): sigmoid + ½ squared error, or softmax + cross-entropy
OUTPUTS = {"sigmoid": ("sigmoid", "squared_error", 1), "softmax": ("softmax", "cross_entropy", 2)}
MAX_LAYERS, MAX_UNITS = 4, 8
BATCH_SIZES = (1, 2, 5, 10, 20, 50, 100, 200)


@dataclass(frozen=True)
class Architecture:
    """The builder's choices: ``hidden`` units per hidden layer (0–4 layers of 1–8),
    ``activations`` one per hidden layer, ``output`` "sigmoid" (E = ½ (a − y)²) or "softmax"
    (E = −Σ y log a, two outputs), ``reduction`` "sum" or "mean" over a batch."""
    hidden: tuple = (4,)
    activations: tuple = ("tanh",)
    output: str = "sigmoid"
    reduction: str = "mean"

    def __post_init__(self):
        hidden, acts = tuple(self.hidden), tuple(self.activations)
        object.__setattr__(self, "hidden", hidden)
        object.__setattr__(self, "activations", acts)
        if len(hidden) > MAX_LAYERS:
            raise ValueError(tr("pg.arch.layers", n=len(hidden), hi=MAX_LAYERS))
        for l, n in enumerate(hidden, start=1):
            if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or \
                    not 1 <= n <= MAX_UNITS:
                raise ValueError(tr("pg.arch.units", l=l, got=repr(n), hi=MAX_UNITS))
        if len(acts) != len(hidden):
            raise ValueError(tr("pg.arch.activations", n=len(hidden), k=len(acts)))
        for l, f in enumerate(acts, start=1):
            if f not in ACTIVATIONS:
                raise ValueError(tr("pg.arch.activation", l=l, got=repr(f),
                                    choices=", ".join(ACTIVATIONS)))
        if self.output not in OUTPUTS:
            raise ValueError(tr("pg.arch.output", got=repr(self.output),
                                choices=", ".join(OUTPUTS)))
        if self.reduction not in ("sum", "mean"):
            raise ValueError(tr("err.reduction", got=repr(self.reduction), choices="sum, mean"))

    @property
    def sizes(self) -> list:
        """[n⁰ = 2, n¹, …, nᴸ]."""
        return [2, *self.hidden, OUTPUTS[self.output][2]]

    @property
    def loss(self) -> str:
        return OUTPUTS[self.output][1]

    def all_activations(self) -> list:
        return [*self.activations, OUTPUTS[self.output][0]]

    @classmethod
    def of(cls, net: Network) -> "Architecture":
        """The choices that build a network of ``net``'s shape (a playground network)."""
        output = "softmax" if net.loss.name == "cross_entropy" else "sigmoid"
        return cls(tuple(net.sizes[1:-1]), tuple(net.activations[:-1]), output, net.reduction)


def build(arch: Architecture, seed: int = 0) -> Network:
    """The network of ``arch`` with seeded initial weights: Wˡ ~ U(−r, r) with
    r = √(6 / (nˡ⁻¹ + nˡ)) (Glorot), bˡ = 0, drawn from ``default_rng([seed, 2])``."""
    rng = np.random.default_rng([int(seed), 2])
    sizes, acts = arch.sizes, arch.all_activations()
    layers = []
    for l in range(1, len(sizes)):
        r = math.sqrt(6.0 / (sizes[l - 1] + sizes[l]))
        layers.append(Dense(rng.uniform(-r, r, (sizes[l], sizes[l - 1])), np.zeros(sizes[l]),
                            acts[l - 1]))
    return Network(layers, arch.loss, arch.reduction)


def targets(y, output: str) -> np.ndarray:
    """The labels y (N,) as the network's targets, one column per point: (1, N) for a sigmoid
    output (y itself), (2, N) one-hot columns (1 − y, y) for softmax."""
    y = np.asarray(y, dtype=float)
    return y[None, :] if output == "sigmoid" else np.vstack([1.0 - y, y])


def probability(net: Network, X) -> np.ndarray:
    """aᴸ read as the chance of class 1 (or the regression's value) for every column of X:
    a¹ of the sigmoid output, a²₂ of the softmax one. (N,)"""
    a = net.forward(X)
    return a[-1]


def layer_outputs(net: Network, X) -> list:
    """[a¹, …, aᴸ] for the columns of X: each layer's aˡ = f(Wˡ aˡ⁻¹ + bˡ) (nnlib's Dense)."""
    out, a = [], np.asarray(X, dtype=float)
    for layer in net.layers:
        a = layer.forward(a)
        out.append(a)
    return out


def mean_loss(net: Network, X, Y) -> float:
    """The mean over the columns of E for one point (nnlib's ``reduction="mean"``): a loss
    that does not grow with the number of points; NaN for no points."""
    X = np.asarray(X, dtype=float)
    if X.size == 0:
        return math.nan
    with np.errstate(all="ignore"):
        return net.with_loss(reduction="mean").loss_at(net.params(), X, Y)


class Trainer:
    """Minibatch gradient descent on a split, from a start network; see the module docstring.

    ``net`` the current network, ``start`` where it began, ``epoch`` completed epochs,
    ``steps`` steps taken, ``last`` the last step's :class:`nnlib.Trace` (of the network before
    that step: its δ and ∂E/∂W made the current weights), ``history`` {"epoch", "train",
    "test"}: the mean loss per point after every epoch (and at the start)."""

    def __init__(self, net: Network, split, eta: float = 0.5, batch_size: int = 10,
                 seed: int = 0):
        self.split = split
        self.output = "softmax" if net.loss.name == "cross_entropy" else "sigmoid"
        self.Y_train = targets(split.y_train, self.output)
        self.Y_test = targets(split.y_test, self.output)
        self.eta = eta
        self.batch_size = batch_size
        self.seed = int(seed)
        self.start = net
        self.reset()

    # -- settings -------------------------------------------------------------------------
    @property
    def eta(self) -> float:
        return self._eta

    @eta.setter
    def eta(self, value):
        self._eta = _check_eta(value)

    @property
    def batch_size(self) -> int:
        return self._B

    @batch_size.setter
    def batch_size(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise ValueError(tr("pg.batch", got=repr(value)))
        self._B = int(value)

    def with_reduction(self, reduction: str):
        """Sum or mean from now on, for the current network and its start (same weights)."""
        self.net = self.net.with_loss(reduction=reduction)
        self.start = self.start.with_loss(reduction=reduction)

    # -- running --------------------------------------------------------------------------
    def reset(self):
        """Back to the start: its weights, epoch 0, the first epoch's order again."""
        self.net, self.epoch, self.steps, self.last = self.start, 0, 0, None
        self._rng = np.random.default_rng([self.seed, 3])
        self._order, self._pos = None, 0
        self.history = {"epoch": [], "train": [], "test": []}
        self._record()

    def restart(self, net: Network):
        """A new start (a loaded network, a new seed): epoch 0 from ``net``."""
        self.start = net
        self.reset()

    @property
    def n_train(self) -> int:
        return self.split.n_train

    @property
    def position(self) -> int:
        """How many training points of the current epoch have been used."""
        return self._pos

    def step(self):
        """One minibatch: the next B points of this epoch's order; returns its trace."""
        N = self.n_train
        if self._order is None or self._pos >= N:
            self._order, self._pos = self._rng.permutation(N), 0
        idx = self._order[self._pos:self._pos + self._B]
        X, Y = self.split.X_train[:, idx], self.Y_train[:, idx]     # (2, B), (nᴸ, B)
        with np.errstate(all="ignore"):
            t = self.net.trace(X, Y)                                 # forward + backward
            finite = math.isfinite(t.loss) and all(
                np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in t.grads)
            if not finite:
                raise self._diverged(t.loss)
            try:
                new = gradient_descent_step(self.net, t, self._eta)  # W ← W − η ∂E/∂W
            except DivergenceError:
                raise self._diverged(math.inf) from None
            E_new = new.loss_at(new.params(), X, Y)                  # still finite after it?
            if not math.isfinite(E_new):
                raise self._diverged(E_new)
        self.net, self.last = new, t
        self._pos += len(idx)
        self.steps += 1
        if self._pos >= N:
            self.epoch += 1
            self._record()
        return t

    def run_epoch(self):
        """The rest of the current epoch (a whole one when at an epoch's start)."""
        start = self.epoch
        while self.epoch == start:
            self.step()

    def run(self, epochs: int = 1):
        """``epochs`` more epochs."""
        for _ in range(int(epochs)):
            self.run_epoch()

    def replay(self):
        """The same number of steps again from the same start (and the same order of points),
        with the settings as they are now: bit-identical weights if nothing was changed."""
        k = self.steps
        self.reset()
        for _ in range(k):
            self.step()

    # -- what it is now -------------------------------------------------------------------
    def losses(self, net: Network | None = None):
        """(E_train, E_test): mean loss per point of ``net`` (the current one by default)."""
        net = self.net if net is None else net
        return (mean_loss(net, self.split.X_train, self.Y_train),
                mean_loss(net, self.split.X_test, self.Y_test))

    def dead_units(self, net: Network | None = None) -> list:
        """For each hidden layer l, which units are dead on every training point
        (``LayerTrace.dead``: f′(zˡᵢ) = 0, a ReLU with zˡᵢ ≤ 0 for all of them): no gradient
        ever reaches their weights."""
        net = self.net if net is None else net
        with np.errstate(all="ignore"):
            t = net.trace(self.split.X_train, self.Y_train, backward=False)
        return [np.asarray(t[l].dead).all(axis=-1) for l in range(1, t.L)]

    def _record(self):
        E_train, E_test = self.losses()
        self.history["epoch"].append(self.epoch)
        self.history["train"].append(E_train)
        self.history["test"].append(E_test)

    def _diverged(self, E):
        E_train = self.losses()[0]
        return DivergenceError(tr("pg.diverged", eta=f"{self._eta:g}", k=self.steps + 1,
                                  epoch=self.epoch + 1, E=fmt.num_wide(E), kept=self.steps,
                                  Ek=fmt.num_wide(E_train)))
