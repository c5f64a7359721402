"""Exercises of notebook 02, forward to backpropagation (notes 000, part 2).

The network is the notebook's 3 → 4 → 3 one (tanh hidden layer, softmax output, cross-entropy),
at the notebook's input x. The notebook's true class is 2; the values asked for here are for
true class 1, which the notebook does not print (the prediction aᴸ is the same, δᴸ and every
gradient are not). The function is run on random non-square layers with tanh, sigmoid and ReLU
too. Every expected value is nnlib's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..activations import get_activation
from ..layers import Dense
from ..network import Network
from . import Exercise, Mistake, register
from .predict import Question, register_question

X = np.array([0.5, -1.0, 1.5])              # the notebook's x
Y_NOTEBOOK = np.array([0.0, 1.0, 0.0])      # the notebook's y: class 2
Y_CLASS1 = np.array([1.0, 0.0, 0.0])        # the exercises' y: class 1


def network() -> Network:
    """The notebook's network: the same seed, the same draws, the same rounding."""
    rng = np.random.default_rng(0)
    return Network([
        Dense(np.round(rng.uniform(-1, 1, (4, 3)), 2), np.round(rng.uniform(-0.5, 0.5, 4), 2),
              "tanh"),
        Dense(np.round(rng.uniform(-1, 1, (3, 4)), 2), np.round(rng.uniform(-0.5, 0.5, 3), 2),
              "softmax"),
    ], loss="cross_entropy")


def _t():
    """The trace at true class 1 (the exercises' variant)."""
    return network().trace(X, Y_CLASS1)


def _t_notebook():
    """The trace the notebook shows (true class 2)."""
    return network().trace(X, Y_NOTEBOOK)


# --- δᴸ = aᴸ − y --------------------------------------------------------------------------------

def _delta_L_sign():
    t = _t()
    return t.y - t[2].a                            # y − a


def _delta_L_no_y():
    return _t()[2].a                               # a alone


def _delta_L_old_class():
    return _t_notebook()[2].delta                  # a − y with the notebook's y (class 2)


# --- ∂E/∂Wᴸ = δᴸ (aᴸ⁻¹)ᵀ ----------------------------------------------------------------------------

def _dWL_transpose():
    t = _t()
    return np.outer(t[1].a, t[2].delta)            # aᴸ⁻¹ δᵀ: (4, 3)


def _dWL_off_by_one():
    t = _t()
    return np.outer(t[2].delta, t[2].a)            # δᴸ (aᴸ)ᵀ: the layer's own output


def _dWL_input_x():
    return np.outer(_t()[2].delta, X)              # δᴸ xᵀ: the network's input, two layers down


def _dWL_old_class():
    return _t_notebook()[2].dW


def _dWL_sign():
    return -_t()[2].dW


# --- δᴸ⁻¹ = (Wᴸ)ᵀ δᴸ ⊙ σ′(zᴸ⁻¹), as a function -----------------------------------------------------

def hidden_delta_reference(W_next, delta_next, z, f, fprime):
    """δ = ((W_next)ᵀ δ_next) ⊙ f′(z): the notes' step 4 (tests/test_exercises_02.py checks it
    against nnlib's trace)."""
    return (W_next.T @ delta_next) * fprime(z)


def _hd_no_fprime(W_next, delta_next, z, f, fprime):
    return W_next.T @ delta_next


def _hd_fprime_as_f(W_next, delta_next, z, f, fprime):
    return (W_next.T @ delta_next) * f(z)


def _hd_fprime_of_a(W_next, delta_next, z, f, fprime):
    return (W_next.T @ delta_next) * fprime(f(z))   # σ′ taken at a = σ(z), not at z


def _hd_tanh_only(W_next, delta_next, z, f, fprime):
    return (W_next.T @ delta_next) * (1 - np.tanh(z) ** 2)   # this page's σ′, not the one given


def _hd_dot(W_next, delta_next, z, f, fprime):
    return (W_next.T @ delta_next) @ fprime(z)     # @ where ⊙ belongs: one number


def _hd_transpose(W_next, delta_next, z, f, fprime):
    return (W_next @ delta_next) * fprime(z)       # W instead of Wᵀ: raises on these shapes


def _fns(name):
    """(f, f′) of an nnlib activation, each taking z alone."""
    act = get_activation(name)
    return act.f, (lambda z: act.fprime(z, act.f(z)))


def _cases_hidden_delta(rng):
    """The notebook's hidden layer first (W², δ², z¹, tanh), then random non-square layers with
    tanh, sigmoid and ReLU (some z < 0, so some ReLUs are off)."""
    t = _t_notebook()
    cases = [(np.array(t[2].W), np.array(t[2].delta), np.array(t[1].z), *_fns("tanh"))]
    for n_next, n, name in ((2, 5, "sigmoid"), (5, 3, "relu"), (4, 2, "tanh"), (1, 4, "relu")):
        cases.append((rng.uniform(-1, 1, (n_next, n)), rng.normal(size=n_next),
                      rng.uniform(-2, 2, n), *_fns(name)))
    return cases


# a shape mismatch in a matrix product (matmul, dot): in this function, a missing transpose
_MATMUL = re.compile(r"matmul|not aligned")  # not for learners


@dataclass(frozen=True)
class _TransposeAwareExercise(Exercise):
    """An exercise whose "your function raised" names the missing transpose when the error is
    a shape mismatch in a matrix product: W_next @ delta_next cannot be computed for a
    non-square W_next, so that mistake shows as an error rather than as wrong numbers."""

    def diagnosis(self, code: str, **kw) -> str:
        if code == "raised" and _MATMUL.search(kw.get("error", "")):
            code = "raised_transpose"
        return super().diagnosis(code, **kw)


# --- ∂E/∂W¹ = δ¹ xᵀ -----------------------------------------------------------------------------

def _delta1(fprime=True, f_instead=False):
    t = _t()
    back = t[2].W.T @ t[2].delta
    if f_instead:
        return back * np.tanh(t[1].z)
    return back * (1 - np.tanh(t[1].z) ** 2) if fprime else back


def _dW1_no_fprime():
    return np.outer(_delta1(fprime=False), X)


def _dW1_fprime_as_f():
    return np.outer(_delta1(f_instead=True), X)


def _dW1_transpose():
    return np.outer(X, _delta1())                  # x δᵀ: (3, 4)


def _dW1_off_by_one():
    return np.outer(_delta1(), _t()[1].a)          # δ¹ (a¹)ᵀ: the layer's own output


def _dW1_old_class():
    return _t_notebook()[1].dW


register(
    Exercise("02.delta_L", "02", "value", expected=lambda: _t()[2].delta,
             placeholder="delta_L_class1 = ...\ncheck(\"02.delta_L\", delta_L_class1)",
             solution=("delta_L_class1 = t[2].a - y_class1       # δᴸ = aᴸ − y\n"
                       "check(\"02.delta_L\", delta_L_class1)"),
             mistakes=(Mistake("sign", _delta_L_sign), Mistake("no_y", _delta_L_no_y),
                       Mistake("old_class", _delta_L_old_class)),
             fields={"name": "δᴸ"}),
    Exercise("02.shape_dW2", "02", "shape", expected=lambda: _t()[2].dW.shape,
             placeholder="shape_dW2 = ...\ncheck(\"02.shape_dW2\", shape_dW2)",
             solution=("shape_dW2 = (3, 4)          # ∂E/∂W² = δ² (a¹)ᵀ: (3 × 1) · (1 × 4)\n"
                       "check(\"02.shape_dW2\", shape_dW2)"),
             mistakes=(Mistake("swapped", lambda: _t()[2].dW.shape[::-1]),
                       Mistake("square", lambda: (len(_t()[2].delta),) * 2),
                       Mistake("bias", lambda: _t()[2].db.shape)),
             fields={"name": "∂E/∂W²"}),
    Exercise("02.dW_L", "02", "value", expected=lambda: _t()[2].dW,
             placeholder="grad_W2_class1 = ...\ncheck(\"02.dW_L\", grad_W2_class1)",
             solution=("grad_W2_class1 = np.outer(t[2].a - y_class1, t[1].a)   # δᴸ (aᴸ⁻¹)ᵀ\n"
                       "check(\"02.dW_L\", grad_W2_class1)"),
             mistakes=(Mistake("transpose", _dWL_transpose), Mistake("off_by_one", _dWL_off_by_one),
                       Mistake("input_x", _dWL_input_x), Mistake("old_class", _dWL_old_class),
                       Mistake("sign", _dWL_sign)),
             fields={"name": "∂E/∂W²"}),
    _TransposeAwareExercise(
        "02.hidden_delta", "02", "function", expected=hidden_delta_reference,
        cases=_cases_hidden_delta,
        placeholder=("def hidden_delta(W_next, delta_next, z, f, fprime):\n"
                     "    ...\n"
                     "check(\"02.hidden_delta\", hidden_delta)"),
        solution=("def hidden_delta(W_next, delta_next, z, f, fprime):\n"
                  "    return (W_next.T @ delta_next) * fprime(z)     # ((Wᴸ)ᵀ δᴸ) ⊙ σ′(zᴸ⁻¹)\n"
                  "check(\"02.hidden_delta\", hidden_delta)"),
        mistakes=(Mistake("no_fprime", _hd_no_fprime), Mistake("fprime_as_f", _hd_fprime_as_f),
                  Mistake("fprime_of_a", _hd_fprime_of_a), Mistake("dot", _hd_dot),
                  Mistake("tanh_only", _hd_tanh_only)),
        fields={"name": "hidden_delta"}),
    Exercise("02.dW1", "02", "value", expected=lambda: _t()[1].dW,
             placeholder="grad_W1_class1 = ...\ncheck(\"02.dW1\", grad_W1_class1)",
             solution=("delta_1_class1 = (W2.T @ (t[2].a - y_class1)) * (1 - np.tanh(t[1].z) ** 2)"
                       "   # δ¹ = ((W²)ᵀ δ²) ⊙ tanh′(z¹)\n"
                       "grad_W1_class1 = np.outer(delta_1_class1, x)"
                       "                                    # δ¹ xᵀ\n"
                       "check(\"02.dW1\", grad_W1_class1)"),
             mistakes=(Mistake("no_fprime", _dW1_no_fprime),
                       Mistake("fprime_as_f", _dW1_fprime_as_f),
                       Mistake("transpose", _dW1_transpose), Mistake("off_by_one", _dW1_off_by_one),
                       Mistake("old_class", _dW1_old_class)),
             fields={"name": "∂E/∂W¹"}),
)


def _class_3(panel):
    panel.controls.set({"y-class": 3})


def _x2_zero(panel):
    panel.controls.set({"x-2": 0.0})


register_question(
    Question("02.class", "02", ("k3", "k2", "k23", "none"), "k3", _class_3),
    Question("02.x2_zero", "02", ("col2", "row2", "all", "none"), "col2", _x2_zero),
)
