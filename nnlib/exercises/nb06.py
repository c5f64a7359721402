"""Exercises of notebook 06, the playground: an epoch's steps, a batch's δ shape, a minibatch
gradient with the mean, the heat map as a forward pass over a grid; two predictions that set the
playground (XOR with no hidden layer; ReLUs that die under a too-large η).

What is asked is never what the notebook prints: another N and B, another network's δ, one
neuron (the notebook traces 2 → 4 → 1), the heat map of the notebook's network on a coarse grid
and of random networks. Every expected value is nnlib's (its Trainer, its trace, its forward)."""
from __future__ import annotations

import numpy as np

from ..layers import Dense
from ..network import Network
from ..playground import Architecture, Trainer, build, make, targets
from . import Exercise, Mistake, register
from .predict import Question, register_question

SEED = 0
N_STEPS, B_STEPS = 150, 20                    # 06.steps: N_train and B
SIZES, B_DELTA, N_EPOCH = [2, 6, 3, 1], 20, 200   # 06.delta_shape: δ² of 2 → 6 → 3 → 1
# the first line of each exercise's cell, from the numbers its expected value is computed with
STEPS_SETUP = f"n_train, B = {N_STEPS}, {B_STEPS}".ljust(41) + "# N_train, B"
DELTA_SETUP = (f"sizes, B = {SIZES}, {B_DELTA}".ljust(40)
               + f"# {' → '.join(map(str, SIZES))}, B = {B_DELTA}")


def _split():
    """The notebook's split: XOR with noise 0.1, 250 points, 20 % test, seed 0."""
    return make("xor", n=250, noise=0.1, seed=SEED).split(0.2, seed=SEED)


# --- how many steps an epoch takes ------------------------------------------------------------

def _steps_per_epoch(n_train=N_STEPS, B=B_STEPS):
    """nnlib's Trainer through one epoch of n_train points in batches of B: its step count."""
    split = make("gauss", n=2 * n_train, seed=SEED).split(0.5, seed=SEED)
    t = Trainer(build(Architecture((), ()), SEED), split, batch_size=B, seed=SEED)
    t.run_epoch()
    return float(t.steps)


# --- the shape of δ² for a batch ----------------------------------------------------------------

def _delta2_shape():
    net = build(Architecture(tuple(SIZES[1:-1]), ("tanh",) * (len(SIZES) - 2)), SEED)
    X = np.random.default_rng(SEED).uniform(-3, 3, (2, B_DELTA))
    t = net.trace(X, np.zeros((1, B_DELTA)))
    return t[2].delta.shape


# --- the gradient of a minibatch, with the mean ---------------------------------------------------

def neuron():
    """The notebook's one neuron: 2 → 1, sigmoid, E = mean ½ (a − y)², seeded."""
    return build(Architecture((), ()), SEED)


def batch_gradient_reference(W, b, X, Y):
    """(∂E/∂W, ∂E/∂b) of a = σ(W x + b), E = (1/B) Σₖ ½ (aₖ − yₖ)², from nnlib's trace."""
    t = Network([Dense(W, b, "sigmoid")], "squared_error", "mean").trace(X, Y)
    return t[1].dW, t[1].db


def _gradient_with(W, b, X, Y, mean=True, fprime=True, half=True, sign=1.0, outer=None,
                   db_summed=True):
    B = X.shape[1]
    A = 1.0 / (1.0 + np.exp(-(W @ X + b[:, None])))
    delta = sign * (A - Y) * (1.0 if half else 2.0) * (A * (1 - A) if fprime else 1.0)
    delta = delta / B if mean else delta
    dW = outer(delta, X) if outer is not None else delta @ X.T
    return dW, delta.sum(axis=1) if db_summed else delta


def _cases_gradient(rng):
    """The notebook's neuron on its first batch of 10, then random neurons and batches."""
    split = _split()
    (W, b), = neuron().params()
    cases = [(W.copy(), b.copy(), split.X_train[:, :10].copy(),
              targets(split.y_train[:10], "sigmoid"))]
    for B in (3, 5, 8, 16):
        cases.append((rng.uniform(-1, 1, (1, 2)), rng.uniform(-0.5, 0.5, 1),
                      rng.uniform(-3, 3, (2, B)), rng.integers(0, 2, (1, B)).astype(float)))
    return cases


# --- the heat map: the network's prediction at each cell ------------------------------------------

def heat_reference(W1, b1, W2, b2, X):
    """a² of a 2 → n → 1 network (tanh, sigmoid) for every column of X: (1, M), nnlib's
    forward pass."""
    return Network([Dense(W1, b1, "tanh"), Dense(W2, b2, "sigmoid")]).forward(X)


def _sigma(z):
    return 1.0 / (1.0 + np.exp(-z))


def _heat_with(W1, b1, W2, b2, X, hidden=np.tanh, out=_sigma, rows=False):
    A1 = hidden(W1 @ X + b1[:, None])
    A2 = out(W2 @ A1 + b2[:, None])
    return A2.T if rows else A2


def _grid(n=5, lo=-3.0, hi=3.0):
    c = lo + (np.arange(n) + 0.5) * (hi - lo) / n
    X1, X2 = np.meshgrid(c, c[::-1])
    return np.vstack([X1.ravel(), X2.ravel()])


def _cases_heat(rng):
    """The notebook's 2 → 4 → 1 network (seed 0) on a 5 × 5 grid, then random networks."""
    (W1, b1), (W2, b2) = build(Architecture((4,), ("tanh",)), SEED).params()
    cases = [(W1.copy(), b1.copy(), W2.copy(), b2.copy(), _grid())]
    for n, M in ((1, 7), (3, 12), (8, 30)):
        cases.append((rng.normal(0, 1, (n, 2)), rng.normal(0, 0.5, n), rng.normal(0, 1, (1, n)),
                      rng.normal(0, 0.5, 1), rng.uniform(-3, 3, (2, M))))
    return cases


register(
    Exercise("06.steps", "06", "value", expected=_steps_per_epoch,
             placeholder=(f"{STEPS_SETUP}\n"
                          "steps_per_epoch = ...\n"
                          "check(\"06.steps\", steps_per_epoch)"),
             solution=(f"{STEPS_SETUP}\n"
                       "steps_per_epoch = int(np.ceil(n_train / B))   # ⌈N_train / B⌉\n"
                       "check(\"06.steps\", steps_per_epoch)"),
             mistakes=(Mistake("floor", lambda: float(N_STEPS // B_STEPS)),
                       Mistake("points", lambda: float(N_STEPS))),
             fields={"N": N_STEPS, "B": B_STEPS}),
    Exercise("06.delta_shape", "06", "shape", expected=_delta2_shape,
             placeholder=(f"{DELTA_SETUP}\n"
                          "delta2_shape = ...                      # (…, …)\n"
                          "check(\"06.delta_shape\", delta2_shape)"),
             solution=(f"{DELTA_SETUP}\n"
                       "delta2_shape = (sizes[2], B)            # δ²: (n², B)\n"
                       "check(\"06.delta_shape\", delta2_shape)"),
             mistakes=(Mistake("rows_cols", lambda: (B_DELTA, SIZES[2])),
                       Mistake("summed", lambda: (SIZES[2],)),
                       Mistake("epoch", lambda: (SIZES[2], N_EPOCH)),
                       Mistake("next_layer", lambda: (SIZES[3], B_DELTA)),
                       Mistake("prev_layer", lambda: (SIZES[1], B_DELTA))),
             fields={"n1": SIZES[1], "n2": SIZES[2], "B": B_DELTA, "N": N_EPOCH}),
    Exercise("06.batch_grad", "06", "function", expected=batch_gradient_reference,
             cases=_cases_gradient,
             placeholder=("def batch_gradient(W, b, X, Y):\n"
                          "    # W: (1, 2), b: (1,), X: (2, B), Y: (1, B)\n"
                          "    # E = (1/B) Σₖ ½ (aₖ − yₖ)²,  a = σ(W x + b)\n"
                          "    ...\n"
                          "    return dW, db\n"
                          "check(\"06.batch_grad\", batch_gradient)"),
             solution=("def batch_gradient(W, b, X, Y):\n"
                       "    # W: (1, 2), b: (1,), X: (2, B), Y: (1, B)\n"
                       "    # E = (1/B) Σₖ ½ (aₖ − yₖ)²,  a = σ(W x + b)\n"
                       "    B = X.shape[1]\n"
                       "    A = 1 / (1 + np.exp(-(W @ X + b[:, None])))   # a = σ(z), (1, B)\n"
                       "    delta = (A - Y) * A * (1 - A) / B             # δ = (a − y) ⊙ σ′(z) / B\n"
                       "    dW = delta @ X.T                              # ∂E/∂W = δ Xᵀ, (1, 2)\n"
                       "    db = delta.sum(axis=1)                        # ∂E/∂b = Σₖ δₖ, (1,)\n"
                       "    return dW, db\n"
                       "check(\"06.batch_grad\", batch_gradient)"),
             mistakes=(Mistake("sum", lambda *a: _gradient_with(*a, mean=False)),
                       Mistake("no_fprime", lambda *a: _gradient_with(*a, fprime=False)),
                       Mistake("half", lambda *a: _gradient_with(*a, half=False)),
                       Mistake("sign", lambda *a: _gradient_with(*a, sign=-1.0)),
                       Mistake("transpose", lambda *a: _gradient_with(
                           *a, outer=lambda d, X: X @ d.T)),
                       Mistake("db_not_summed", lambda *a: _gradient_with(*a, db_summed=False))),
             fields={"name": "batch_gradient"}),
    Exercise("06.heat", "06", "function", expected=heat_reference, cases=_cases_heat,
             placeholder=("def heat(W1, b1, W2, b2, X):\n"
                          "    # X: (2, M);  a¹ = tanh(W¹ X + b¹),  a² = σ(W² a¹ + b²): (1, M)\n"
                          "    ...\n"
                          "check(\"06.heat\", heat)"),
             solution=("def heat(W1, b1, W2, b2, X):\n"
                       "    # X: (2, M);  a¹ = tanh(W¹ X + b¹),  a² = σ(W² a¹ + b²): (1, M)\n"
                       "    A1 = np.tanh(W1 @ X + b1[:, None])              # (n¹, M)\n"
                       "    return 1 / (1 + np.exp(-(W2 @ A1 + b2[:, None])))   # (1, M)\n"
                       "check(\"06.heat\", heat)"),
             mistakes=(Mistake("no_sigmoid", lambda *a: _heat_with(*a, out=lambda z: z)),
                       Mistake("no_tanh", lambda *a: _heat_with(*a, hidden=lambda z: z)),
                       Mistake("sigmoid_hidden", lambda *a: _heat_with(*a, hidden=_sigma)),
                       Mistake("rows", lambda *a: _heat_with(*a, rows=True))),
             fields={"name": "heat"}),
)


def _xor_without_hidden_layer(pg):
    pg.set(data="xor", layers=0, output="sigmoid", eta=0.5, noise=0.1)
    pg.train(50)


def _relus_die(pg):
    pg.set(data="circle", layers=1, output="softmax", eta=5.0, noise=0.0,
           **{"units-1": 8, "f-1": "relu"})
    pg.train(20)


register_question(
    Question("06.xor0", "06", ("quadrants", "line", "diverges"), "line",
             _xor_without_hidden_layer, seen="pq.06.seen"),
    Question("06.dead", "06", ("faster", "dead", "nan"), "dead", _relus_die, seen="pq.06.seen"),
)
