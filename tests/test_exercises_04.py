"""Notebook 04's exercises and questions beyond the registry-wide tests: each exercise cell in
the notebook as registered; the values asked for are not the notebook's own; every typical
mistake gives its own number; vᵀJ is nnlib's gradient of the aggregated loss; each question's
act puts its widget into the situation its explanation describes."""
from __future__ import annotations

import re
import sys

import numpy as np
import pytest

from helpers import ROOT

from nnlib.exercises import EXERCISES, _load, check, for_notebook
from nnlib.exercises import nb04
from nnlib.exercises.predict import QUESTIONS, Predict
from nnlib.lessons import chain_rule as C

sys.path.insert(0, str(ROOT / "tools"))
import notebook_source  # noqa: E402

_load()
SRC = next(notebook_source.SRC.glob("04_*.md"))
CELLS = [{**c, "text": c["text"]["zh"] if isinstance(c["text"], dict) else c["text"]}
         for c in notebook_source.parse(SRC)]          # the Chinese edition's text (code is shared)
CODE = [c["text"] for c in CELLS if c["kind"] == "code"]


def test_three_to_five_exercises_and_every_cell_in_the_notebook():
    exs = for_notebook("04")
    assert 3 <= len(exs) <= 5
    assert {ex.kind for ex in exs} == {"value", "function", "shape"}
    for ex in exs:
        assert ex.placeholder in CODE, ex.id
    assert 'progress("04")' in CODE[-1]
    assert "from nnlib.exercises import check, hint, predict, progress, solution" in CODE[0]


def test_each_exercise_follows_its_markdown_and_each_prediction_its_widget():
    kinds = [(c["kind"], c["text"]) for c in CELLS]
    for ex in for_notebook("04"):
        k = next(i for i, (kind, text) in enumerate(kinds) if text == ex.placeholder)
        assert kinds[k - 1][0] == "markdown" and f"练习 {ex.id}" in kinds[k - 1][1], ex.id
    for qid, widget in (("04.vanish", "chain"), ("04.seed", "agg"), ("04.scaled", "batch")):
        k = next(i for i, (kind, text) in enumerate(kinds) if text == f'predict("{qid}", {widget})')
        assert kinds[k - 1][1].startswith(f"{widget} = C."), qid


def test_the_neuron_asked_for_is_not_the_notebooks():
    cell = next(c for c in CODE if c.startswith("x1, w, b, target"))
    shown = tuple(float(v) for v in re.match(r"x1, w, b, target, h = ([^\n]+)", cell)
                  .group(1).split(", ")[:4])
    assert shown != (nb04.X_EX, nb04.W_EX, nb04.B_EX, nb04.T_EX)


def test_the_chain_rule_mistakes_give_distinct_numbers():
    ex = EXERCISES["04.chain_dw"]
    values = [ex.expected()] + [m.wrong() for m in ex.mistakes]
    assert len({round(v, 9) for v in values}) == len(values)
    v = C.chain_values(nb04.X_EX, nb04.W_EX, nb04.B_EX, nb04.T_EX)
    np.testing.assert_allclose(ex.expected(), v["fd"], rtol=1e-8)      # backprop = central diff.


def test_the_sum_vs_mean_mistakes_give_distinct_gradients_and_stale_B_is_the_cells():
    ex = EXERCISES["04.mean_grad"]
    values = [ex.expected()] + [m.wrong() for m in ex.mistakes]
    for i in range(len(values)):
        for j in range(i):
            assert not np.allclose(values[i], values[j])
    cell = next(c for c in CODE if "on_sum = nnlib.GradientDescent" in c)
    assert re.search(r"^B = 8\b", cell, re.M)                          # what _mean_stale_B uses
    np.testing.assert_allclose(ex.expected() * nb04.MEAN_B, nb04._grad("sum"))


def test_n_params_counts_the_networks_parameters():
    assert nb04.n_params_reference([2, 3, 1]) == 13
    assert nb04.n_params_reference([784, 128, 10]) == 784 * 128 + 128 + 128 * 10 + 10
    cases = nb04._cases_n_params(np.random.default_rng(1))
    assert cases[0][0] == nb04.section_net().sizes and len(cases) >= 5
    assert EXERCISES["04.jac_shape"].expected() == (nb04.JAC_B, 13)


@pytest.mark.parametrize("mode", ["sum", "mean", "weighted"])
def test_vjp_is_nnlibs_gradient_of_the_aggregated_loss(mode):
    net = C.linear_net()
    X, Y = C.make_batch(4)
    weights = [0.5, -1.0, 2.0, 0.0] if mode == "weighted" else None
    agg = C.aggregate(net, X, Y, mode, weights)
    got = nb04.aggregate_gradient_reference(agg["J"], agg["v"])
    np.testing.assert_allclose(got, agg["check"], rtol=1e-6, atol=1e-8)


def test_vjp_cases_start_with_the_notebooks_J_and_never_fit_J_v():
    cases = nb04._cases_vjp(np.random.default_rng(0))
    X, Y = C.make_batch(4)
    np.testing.assert_array_equal(cases[0][0], C.jacobian(C.linear_net(), X, Y)[1])
    np.testing.assert_array_equal(cases[0][1], np.ones(4))
    assert all(J.shape[0] == v.shape[0] != J.shape[1] for J, v in cases)
    r = check("04.vjp", lambda J, v: J @ v)
    assert r.code == "raised" and "v @ J" in r.message


def _reveal(qid, widget, choice):
    p = Predict(QUESTIONS[qid], widget)
    p.controls.set({"choice": choice})
    p.check()
    return p


def test_vanish_act_saturates_the_sigmoid():
    w = C.ChainRuleWidget(x=1.5, w=0.8, b=-0.5, t=0.9)
    before = abs(w.values["product"])
    _reveal("04.vanish", w, "large")
    v = w.values
    assert v["u"] < -5 and abs(v["a"] - v["t"]) > 0.8
    assert abs(v["product"]) < 0.01 * before and v["da_du"] < 1e-3


def test_seed_act_switches_to_mean_and_the_arrow_shrinks_by_B():
    w = C.AggregationWidget()
    g_sum = w.agg["g"].copy()
    _reveal("04.seed", w, "shrink")
    assert w.agg["mode"] == "mean"
    np.testing.assert_allclose(w.agg["g"] * w.B, g_sum)


def test_scaled_act_stands_where_sum_diverged_and_eta_over_B_is_mean():
    w = C.BatchScaleWidget(B=8, reduction="sum")
    _reveal("04.scaled", w, "same")
    B, c = int(w.controls.values["B"]), w.curves
    assert np.isnan(c["after_sum"][B - 1]) or c["after_sum"][B - 1] > c["start"][B - 1]
    np.testing.assert_allclose(c["after_sum_scaled"], c["after_mean"], rtol=1e-9)


def test_each_question_says_in_its_own_words_where_to_look():
    from nnlib.i18n import tr
    for qid in ("04.vanish", "04.seed", "04.scaled"):
        q = QUESTIONS[qid]
        assert q.seen == f"pq.{qid}.seen", qid
        assert all(tr(q.seen, lang=lang) for lang in ("zh", "en"))
    w = C.BatchScaleWidget(B=8, reduction="sum")
    _reveal("04.scaled", w, "same")                 # its seen: the sum curve broken off, 32×
    B, c = int(w.controls.values["B"]), w.curves
    assert B == 32 and np.isnan(c["after_sum"][B - 1])
    np.testing.assert_allclose(c["norm_sum"][B - 1], B * c["norm_mean"][B - 1])
