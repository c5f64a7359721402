"""Exercises of notebook 05, gradient descent revisited (notes 004 §1.3; notes 000's last
sentence, the update that ends a learning cycle).

Every value asked for is one the notebook does not print: the shape of ∂L/∂W² of a 5 → 4 → 3 → 2
network on a batch of 16 (no batch axis: a mistake of its own), one update of the lesson's
neuron at another point (w, b) with another η (sign, η, the loss for the gradient, sum vs mean,
the ½, a forgotten xᵢ and a stale gradient each give another pair), the stability threshold
2/λ_max on the same points with every x moved right by one (the notebook prints it for its own
data only). ``gd_step`` is run on layer 1 of the worked example first, then on random layers of
other shapes; changing the arrays passed in is diagnosed in this exercise's own words. Every
expected value is nnlib's (traces, ``gradient_descent_step``, ``hessian``, the landscape of
:mod:`nnlib.lessons.descent`), except ``gd_step``'s reference, the update W − η ∂E/∂W itself for
arbitrary gradients, which the tests check against ``gradient_descent_step``.
"""
from __future__ import annotations

import numpy as np

from ..examples import worked_example
from ..gradcheck import hessian
from ..layers import Dense
from ..lessons import descent as D
from ..network import Network
from ..optim import gradient_descent_step
from . import Exercise, Mistake, register
from .predict import Question, register_question


def _cell(*lines: str) -> str:
    return "\n".join(lines)


def _land():
    if not hasattr(_land, "cached"):
        _land.cached = D.Landscape()
    return _land.cached


# --- the shape of ∂L/∂W² for a batch ------------------------------------------------------------

SIZES, BATCH = [5, 4, 3, 2], 16


def _shape_net() -> Network:
    """A 5 → 4 → 3 → 2 network (sigmoid, ReLU, identity), mean squared error over the batch."""
    rng = np.random.default_rng(5)
    acts = ["sigmoid", "relu", "identity"]
    return Network([Dense(rng.normal(size=(n_out, n_in)), rng.normal(size=n_out), f)
                    for n_in, n_out, f in zip(SIZES[:-1], SIZES[1:], acts)],
                   loss="squared_error", reduction="mean")


def _shape_trace():
    rng = np.random.default_rng(16)
    X, Y = rng.normal(size=(SIZES[0], BATCH)), rng.normal(size=(SIZES[-1], BATCH))
    return _shape_net().trace(X, Y)                  # the batch's samples are columns


def _grad_W2_shape():
    return tuple(_shape_trace()[2].dW.shape)


SHAPE_CELL = (f"sizes, B = {SIZES!r}, {BATCH}            # {' → '.join(map(str, SIZES))}, "
              f"B = {BATCH}",
              "grad_W2_shape = ...                     # (·, ·)",
              'check("05.grad_shape", grad_W2_shape)')


# --- one update of the neuron, by hand --------------------------------------------------------

W_EX, B_EX, ETA_EX = 2.5, -1.0, 0.1     # not the notebook's (0, 1) nor its start D.START


def _trace_at(w, b):
    return _land().trace(w, b)


def _update():
    """(w, b) after one step of nnlib.gradient_descent_step from (W_EX, B_EX) with ETA_EX."""
    net = D.neuron(W_EX, B_EX)
    new = gradient_descent_step(net, net.trace(_land().X, _land().Y), ETA_EX)
    return np.array([new.layers[0].W[0, 0], new.layers[0].b[0]])


def _grad_at(w, b):
    t = _trace_at(w, b)
    return np.array([t[1].dW[0, 0], t[1].db[0]])


def _update_with(sign=-1.0, eta=ETA_EX, scale=1.0, grad=None):
    g = _grad_at(W_EX, B_EX) if grad is None else grad
    return np.array([W_EX, B_EX]) + sign * eta * scale * g


def _update_loss_for_grad():
    L = _trace_at(W_EX, B_EX).loss                   # the loss value in place of ∇L
    return np.array([W_EX, B_EX]) - ETA_EX * L


def _update_no_x():
    t = _trace_at(W_EX, B_EX)
    g = np.array([t[1].db[0], t[1].db[0]])           # ∂L/∂w without its factor xᵢ
    return np.array([W_EX, B_EX]) - ETA_EX * g


def _m():
    return int(D.DATA_X.size)                        # the landscape's m data points


UPDATE_CELL = (f"w_ex, b_ex, eta_ex = {W_EX!r}, {B_EX!r}, {ETA_EX!r}     # (w_ex, b_ex) ≠ D.START, "
               "η ≠ 0.35",
               "wb_new = ...                            # np.array([w_new, b_new])",
               'check("05.update", wb_new)')


# --- the stability threshold 2/λ_max on shifted inputs ---------------------------------------

X_SHIFT = 1.0


def _shifted_X():
    return _land().X + X_SHIFT


def _H_shift(reduction: str = "mean"):
    net = D.neuron(0.0, 0.0).with_loss(reduction=reduction)
    return hessian(net, _shifted_X(), _land().Y)


def _lam(H):
    return np.linalg.eigvalsh(H)


def _eta_max():
    return 2.0 / _lam(_H_shift()).max()


ETA_CELL = (f"X_shift = land.X + {X_SHIFT!r}                  # xᵢ ← xᵢ + {X_SHIFT:g}",
            "eta_max = ...",
            'check("05.eta_max", eta_max)')


# --- one step for one layer, as a function -------------------------------------------------------

def gd_step_reference(W, b, dW, db, eta):
    """(Wˡ − η ∂E/∂Wˡ, bˡ − η ∂E/∂bˡ) as new arrays: the update itself, for any gradients (the
    one value here that is the definition, not a trace; tests/test_exercises_05.py checks it,
    layer by layer, against nnlib.gradient_descent_step on the worked example)."""
    W, b = np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    return W - eta * np.asarray(dW, dtype=float), b - eta * np.asarray(db, dtype=float)


def _cases_gd_step(rng):
    """Layer 1 of the worked example with its gradients and η = 0.02 (the notebook's run) first,
    then random layers of other, non-square shapes with random gradients and η."""
    net = worked_example()
    t = net.trace([1.0, 2.0], [3.5])
    (W1, b1), (dW1, db1) = net.params()[0], t.grads[0]
    cases = [(np.array(W1), np.array(b1), np.array(dW1), np.array(db1), 0.02)]
    for m, n in ((3, 2), (1, 4), (2, 5), (4, 3)):
        cases.append((rng.uniform(-1, 1, (m, n)), rng.uniform(-0.5, 0.5, m),
                      rng.normal(size=(m, n)), rng.normal(size=m), float(rng.uniform(0.01, 0.5))))
    return cases


def _step_wrong(sign=-1.0, no_eta=False, step_only=False, bias=True):
    def wrong(W, b, dW, db, eta):
        e = 1.0 if no_eta else eta
        base = (0.0, 0.0) if step_only else (W, b)
        return base[0] + sign * e * dW, (base[1] + sign * e * db) if bias else b
    return wrong


register(
    Exercise("05.grad_shape", "05", "shape", expected=_grad_W2_shape,
             placeholder=_cell(*SHAPE_CELL),
             solution=_cell(SHAPE_CELL[0],
                            "grad_W2_shape = (sizes[2], sizes[1])   # ∂L/∂W²: (n², n¹) = W².shape",
                            SHAPE_CELL[2]),
             mistakes=(Mistake("swapped", lambda: _grad_W2_shape()[::-1]),
                       Mistake("batch", lambda: (BATCH, *_grad_W2_shape())),
                       Mistake("previous_layer", lambda: tuple(_shape_trace()[1].dW.shape)),
                       Mistake("next_layer", lambda: tuple(_shape_trace()[3].dW.shape)),
                       Mistake("delta", lambda: tuple(_shape_trace()[2].delta.shape)),
                       Mistake("bias", lambda: tuple(_shape_trace()[2].db.shape))),
             fields={"name": "∂L/∂W²", "B": BATCH, "n1": SIZES[1], "n2": SIZES[2],
                     "n3": SIZES[3], "n0": SIZES[0]}),
    Exercise("05.update", "05", "value", expected=_update,
             placeholder=_cell(*UPDATE_CELL),
             solution=_cell(UPDATE_CELL[0],
                            "a_ex = w_ex * land.x + b_ex                     # aᵢ = w xᵢ + b: "
                            "(8,)",
                            "dL_dw = np.mean((a_ex - land.y) * land.x)        # ∂L/∂w = (1/m) "
                            "Σ (aᵢ − yᵢ) xᵢ",
                            "dL_db = np.mean(a_ex - land.y)                   # ∂L/∂b = (1/m) "
                            "Σ (aᵢ − yᵢ)",
                            "wb_new = np.array([w_ex - eta_ex * dL_dw, b_ex - eta_ex * dL_db])"
                            "   # (w, b) ← (w, b) − η ∇L",
                            UPDATE_CELL[2]),
             mistakes=(Mistake("update_sign", lambda: _update_with(sign=+1.0)),
                       Mistake("no_eta", lambda: _update_with(eta=1.0)),
                       Mistake("loss_for_grad", _update_loss_for_grad),
                       Mistake("sum_mean", lambda: _update_with(scale=_m())),
                       Mistake("half", lambda: _update_with(scale=2.0)),
                       Mistake("no_x", _update_no_x),
                       Mistake("stale_gradient",
                               lambda: _update_with(grad=_grad_at(*D.START)))),
             fields={"name": "(w, b)", "m": _m()}),
    Exercise("05.eta_max", "05", "value", expected=_eta_max,
             placeholder=_cell(*ETA_CELL),
             solution=_cell(ETA_CELL[0],
                            "H_shift = nnlib.hessian(D.neuron(0.0, 0.0), X_shift, land.Y)   "
                            "# H = ∂²L/∂(w, b)²: (2, 2)",
                            "lam_shift = np.linalg.eigvalsh(H_shift)",
                            "eta_max = 2 / lam_shift.max()          # |1 − η λ| < 1 ∀ λ "
                            "⇔ η < 2/λ_max",
                            ETA_CELL[2]),
             mistakes=(Mistake("one_over", lambda: 1.0 / _lam(_H_shift()).max()),
                       Mistake("lambda_half", lambda: _lam(_H_shift()).max() / 2.0),
                       Mistake("lambda_min", lambda: 2.0 / _lam(_H_shift()).min()),
                       Mistake("one_over_min", lambda: 1.0 / _lam(_H_shift()).min()),
                       Mistake("diagonal", lambda: 2.0 / _H_shift()[0, 0]),
                       Mistake("sum_mean", lambda: 2.0 / _lam(_H_shift("sum")).max()),
                       Mistake("unshifted", lambda: 2.0 / _land().curvature()[1].max())),
             fields={"name": "η_max", "m": _m()}),
    Exercise("05.gd_step", "05", "function", expected=gd_step_reference, cases=_cases_gd_step,
             placeholder=_cell("def gd_step(W, b, dW, db, eta):",
                               "    ...",
                               'check("05.gd_step", gd_step)'),
             solution=_cell("def gd_step(W, b, dW, db, eta):",
                            "    return W - eta * dW, b - eta * db   # W ← W − η ∂E/∂W,"
                            " b ← b − η ∂E/∂b",
                            'check("05.gd_step", gd_step)'),
             mistakes=(Mistake("update_sign", _step_wrong(sign=+1.0)),
                       Mistake("no_eta", _step_wrong(no_eta=True)),
                       Mistake("step_only", _step_wrong(step_only=True)),
                       Mistake("no_bias_update", _step_wrong(bias=False))),
             fields={"name": "gd_step"}),
)


# --- predict, then check ------------------------------------------------------------------------

REGIME_ETA = 0.05                       # on the explorer's 1-2-5 grid, not one of its presets
BLOWUP_PRESET = "far-too-large"


def _run_regime_eta(explorer):
    """η = REGIME_ETA, PRESET_STEPS steps from the explorer's own start D.START."""
    explorer.controls.set({"w0": D.START[0], "b0": D.START[1], "gd-eta": REGIME_ETA})
    explorer.descent.forget()
    explorer.action(explorer.descent.step, D.PRESET_STEPS)


def _press_far_too_large(explorer):
    explorer.controls.set({"w0": D.START[0], "b0": D.START[1]})
    explorer.action(explorer.preset, BLOWUP_PRESET)


register_question(
    Question("05.regime", "05", ("crawls", "good", "oscillates", "diverges"), "crawls",
             _run_regime_eta, seen="pq.05.regime.seen",
             fields={"eta": f"{REGIME_ETA:g}", "k": D.PRESET_STEPS}),
    Question("05.blowup", "05", ("slow", "zigzag_in", "zigzag_out", "along"), "zigzag_out",
             _press_far_too_large, seen="pq.05.blowup.seen",
             fields={"eta": f"{D.PRESETS[BLOWUP_PRESET]:g}"}),
)
