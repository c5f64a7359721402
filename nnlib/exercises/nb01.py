"""Exercises of notebook 01, the fully connected layer (notes 000, part 1).

z′ = W·x + b is asked for at an input the notebook does not print (``X_NEW``: the second neuron's
z′ is negative there, so a ReLU applied by mistake shows); the shape and the parameter count are
asked for a layer of 784 inputs and 128 neurons (W is not square, so rows and columns swapped
show); ``dense_forward`` is run on the notebook's layer (with tanh, so a forgotten f shows at
once) and on random layers of other, non-square shapes with each element-wise activation.
Every expected value is nnlib's: a :class:`nnlib.Dense` layer and its forward pass.
"""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..activations import ACTIVATIONS
from ..layers import Dense
from ..lessons.fc_layer import forward_trace
from ..network import Network
from . import Exercise, Mistake, register
from .predict import Question, register_question

# the notebook's layer (its first code cell): n = 3 inputs, m = 2 neurons, ReLU
W0 = np.array([[0.6, -0.4, 0.9],
               [-0.5, 0.8, 0.3]])
B0 = np.array([0.1, -0.2])
X0 = np.array([1.0, 0.5, 1.5])
# another input, given in the exercise cell: z′₂ < 0 there (the notebook's x has both z′ > 0)
X_NEW = np.array([2.0, 1.0, -0.5])
# the layer of the shape questions: a 28 × 28 image, flattened, into 128 neurons
N_INPUTS, M_NEURONS = 784, 128


def layer0(activation: str = "relu") -> Dense:
    return Dense(W0, B0, activation)


def relu(z):
    return ACTIVATIONS["relu"].f(z)


# --- z′ = W·x_new + b, by hand ------------------------------------------------------------------

def _paren(v) -> str:
    """v to one decimal, a negative one in parentheses (for a sum written out)."""
    return f"({fmt.num(v, 1)})" if v < 0 else fmt.num(v, 1)


def _first_row() -> str:
    """z′₁ = w₁₁x₁ + w₁₂x₂ + w₁₃x₃ + b₁ with the numbers of W, x_new and b (for hint 3)."""
    return " + ".join([f"{_paren(w)}·{_paren(v)}" for w, v in zip(W0[0], X_NEW)]
                      + [_paren(B0[0])])


def _z_new():
    return forward_trace(Network([layer0()]), X_NEW)[1].z


def _z_no_bias():
    return forward_trace(Network([layer0().replace(b=np.zeros(2))]), X_NEW)[1].z


def _z_relu():
    return forward_trace(Network([layer0()]), X_NEW)[1].a        # a = ReLU(z′), step 5


def _z_old_x():
    return forward_trace(Network([layer0()]), X0)[1].z           # the notebook's x, printed above


def _z_elementwise():
    return W0 * X_NEW                                            # wᵢⱼ xⱼ, never summed: (2, 3)


# --- the shape of W and the number of parameters of a 784 → 128 layer ----------------------------

def _W_shape():
    """The W that nnlib's Dense accepts for x of N_INPUTS numbers and that gives M_NEURONS."""
    for shape in ((N_INPUTS, M_NEURONS), (M_NEURONS, N_INPUTS)):
        try:
            out = Dense(np.zeros(shape)).forward(np.zeros(N_INPUTS))
        except ValueError:
            continue
        if out.shape == (M_NEURONS,):
            return shape
    raise AssertionError("no W shape fits")      # pragma: no cover  # not for learners


def _big_layer() -> Dense:
    return Dense(np.zeros(_W_shape()))


def _n_params():
    layer = _big_layer()
    return layer.W.size + layer.b.size


def _n_weights():
    return _big_layer().W.size


# --- a dense layer's forward pass, as a function ---------------------------------------------------

def dense_forward_reference(W, b, x, f):
    """(z, a) of nnlib's Dense(W, b) at x, with z = W·x + b and a = f(z); f is one of nnlib's
    activations (``ACTIVATIONS[name].f``; any other function is applied to nnlib's z)."""
    name = next((k for k, act in ACTIVATIONS.items() if act.f is f), None)
    t = forward_trace(Network([Dense(W, b, name or "identity")]), x)
    return t[1].z, (t[1].a if name else f(t[1].z))


def _forward_with(W, b, x, f, bias=True, act=True, order=False, fixed_relu=False,
                  bias_after_f=False):
    """The forward pass with one of the typical mistakes switched on."""
    Wx = W @ x
    z = Wx + b if bias else Wx
    if bias_after_f:
        a = f(Wx) + b                    # the bias added after the activation
    elif not act:
        a = z                            # f forgotten
    else:
        a = relu(z) if fixed_relu else f(z)
    return (a, z) if order else (z, a)


def _cases_forward(rng):
    """The notebook's layer and x first (with tanh: a ≠ z there), then random layers of other
    shapes, never square, with each element-wise activation and some z < 0."""
    fs = {k: ACTIVATIONS[k].f for k in ("relu", "sigmoid", "tanh", "identity")}
    cases = [(W0.copy(), B0.copy(), X0.copy(), fs["tanh"])]
    for (m, n), name in zip(((3, 2), (4, 5), (1, 3), (2, 4), (5, 3)),
                            ("relu", "sigmoid", "identity", "relu", "tanh")):
        cases.append((rng.uniform(-1, 1, (m, n)), rng.uniform(-0.5, 0.5, m),
                      rng.uniform(-2, 2, n), fs[name]))
    return cases


def _cell(*lines) -> str:
    """An exercise cell's code, one string per line; a comment after two spaces and ``#`` moves
    to column 41 (or two spaces after a longer line)."""
    def aligned(line):
        if "  #" not in line:
            return line
        code, comment = line.split("  #", 1)
        return f"{code.rstrip():<38}  # {comment.strip()}"
    return "\n".join(map(aligned, lines))


Z_CELL = (f"x_new = np.array({X_NEW.tolist()})  # x_new ≠ x",
          "z_new = ...  # z′ = W·x_new + b",
          'check("01.z", z_new)')
SHAPE_CELL = (f"n_inputs, m_neurons = {N_INPUTS}, {M_NEURONS}  # n = 28·28 = {N_INPUTS}, "
              f"m = {M_NEURONS}",
              "W_shape = ...  # (·, ·)",
              'check("01.W_shape", W_shape)')
PARAMS_CELL = (f"n_params = ...  # W, b: {N_INPUTS} → {M_NEURONS}",
               'check("01.n_params", n_params)')
FORWARD_DOC = '    """(W, b, x, f) ↦ (z, a): W (m, n), b (m,), x (n,); z = W·x + b, a = f(z)."""'

register(
    Exercise("01.W_shape", "01", "shape", expected=_W_shape,
             placeholder=_cell(*SHAPE_CELL),
             solution=_cell(SHAPE_CELL[0], "W_shape = (m_neurons, n_inputs)  # (m, n) = "
                            f"({M_NEURONS}, {N_INPUTS})", SHAPE_CELL[2]),
             mistakes=(Mistake("swapped", lambda: _W_shape()[::-1]),
                       Mistake("one_row", lambda: (1, _W_shape()[1])),
                       Mistake("z_shape", lambda: (_W_shape()[0],))),
             fields={"name": "W", "m": _W_shape()[0], "n": _W_shape()[1]}),
    Exercise("01.z", "01", "value", expected=_z_new,
             placeholder=_cell(*Z_CELL),
             solution=_cell(Z_CELL[0], "z_new = W @ x_new + b  # z′ = W·x_new + b", Z_CELL[2]),
             mistakes=(Mistake("no_bias", _z_no_bias), Mistake("relu", _z_relu),
                       Mistake("old_x", _z_old_x), Mistake("elementwise", _z_elementwise)),
             fields={"name": "z′", "first_row": _first_row()}),
    Exercise("01.dense_forward", "01", "function", expected=dense_forward_reference,
             cases=_cases_forward,
             placeholder=_cell("def dense_forward(W, b, x, f):", FORWARD_DOC, "    z = ...",
                               "    a = ...", "    return z, a",
                               'check("01.dense_forward", dense_forward)'),
             solution=_cell("def dense_forward(W, b, x, f):", FORWARD_DOC,
                            "    z = W @ x + b  # z = W·x + b: (m,)",
                            "    a = f(z)  # aᵢ = f(zᵢ): (m,)",
                            "    return z, a", 'check("01.dense_forward", dense_forward)'),
             mistakes=(Mistake("no_bias", lambda *a: _forward_with(*a, bias=False)),
                       Mistake("no_activation", lambda *a: _forward_with(*a, act=False)),
                       Mistake("fixed_relu", lambda *a: _forward_with(*a, fixed_relu=True)),
                       Mistake("bias_after_f", lambda *a: _forward_with(*a, bias_after_f=True)),
                       Mistake("order", lambda *a: _forward_with(*a, order=True))),
             fields={"name": "dense_forward"}),
    Exercise("01.n_params", "01", "value", expected=_n_params,
             placeholder=_cell(*PARAMS_CELL),
             solution=_cell("n_params = m_neurons * n_inputs + m_neurons  # m·n (W) + m (b)",
                            PARAMS_CELL[1]),
             mistakes=(Mistake("no_bias", _n_weights),
                       Mistake("bias_per_input", lambda: _n_weights() + N_INPUTS),
                       Mistake("units", lambda: N_INPUTS + M_NEURONS)),
             fields={"name": "n_params", "weights": _n_weights(),
                     "biases": _n_params() - _n_weights()}),
)


# --- predict, then check: the panel's activation menu and one weight -----------------------------

def _switch_to_tanh(panel):
    panel.controls.set({"f-1": "tanh"})


def _flip_w12(panel):
    """w₁₂ (input 2 → neuron 1) to minus its starting value."""
    panel.controls.set({"W-1-1-2": -float(panel.start_net.layers[0].W[0, 1])})


register_question(
    Question("01.tanh", "01", ("a_only", "both", "z_only", "neither"), "a_only", _switch_to_tanh,
             seen="pq.01.tanh.seen"),
    Question("01.w12", "01", ("neuron1", "neuron2", "both"), "neuron1", _flip_w12,
             seen="pq.01.w12.seen"),
)
