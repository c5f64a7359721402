"""Predict, then check: a question asked before a live widget shows the answer.

    predict("03.dead", panel)      # pick what you expect, press "check my prediction";
                                   # the answer and why, and the panel is set to show it

A :class:`Question` has an id, its notebook, the options (message keys ``pq.<id>.<option>``),
the right option, the explanation (``pq.<id>.why``) and, optionally, what to do to a panel so
the learner sees it happen (``act(panel)``) and where to look then (``seen``, a message key;
"the panel above" by default).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..i18n import tr
from ..widgets import Controls, LiveView, TemplateView, button, group, toggle

__all__ = ["Question", "QUESTIONS", "predict", "Predict", "register_question"]


@dataclass(frozen=True)
class Question:
    id: str
    notebook: str
    options: tuple
    answer: str
    act: Callable | None = None
    seen: str = "pq.see_panel"
    fields: dict = field(default_factory=dict)    # numbers for the texts, e.g. {"eta": "0.05"}

    def text(self, part: str) -> str:
        return tr(f"pq.{self.id}.{part}", **self.fields)


QUESTIONS: dict[str, Question] = {}
PREDICTIONS: dict[str, bool] = {}            # question id → was the prediction right


def register_question(*questions: Question):
    for q in questions:
        if q.id in QUESTIONS:
            raise KeyError(f"question {q.id!r} is defined twice")  # not for learners
        if q.answer not in q.options:
            raise ValueError(f"question {q.id!r}: the answer {q.answer!r} is not an option")  # not for learners
        QUESTIONS[q.id] = q


class Predict(LiveView):
    """A question with its options; after "check my prediction" the answer and why."""

    def __init__(self, question: Question, panel=None, css: str = "nn-predict"):
        super().__init__()
        self.q, self.panel, self.revealed = question, panel, False
        self.controls = self.watch(Controls([group(question.text("question"), [
            toggle("choice", "", "", [(o, question.text(o)) for o in question.options]),
            button("check", tr("pq.check"), primary=True)], row=True, css="nn-predict-group")],
            css=f"{css}-controls"))
        self.controls.on_press("check", lambda: self.action(self.check))
        self.view = TemplateView(self._answer, f"{css}-answer")
        self.layout(self.controls, self.view, css=(css, f"nn-pq-{question.id.replace('.', '-')}"))
        self.refresh()

    def check(self):
        choice = self.controls.values["choice"]
        if not choice:
            self.message.show(tr("pq.pick_first"), "info")
            return
        self.revealed = True
        PREDICTIONS[self.q.id] = choice == self.q.answer
        if self.panel is not None and self.q.act is not None:
            self.q.act(self.panel)
        self.refresh()

    def compute(self):
        return self.revealed, self.controls.values["choice"]

    def show(self, result):
        self.view.update(result)

    def _answer(self, result, doc) -> str:
        revealed, choice = result
        if not revealed:
            return f'<div class="nn-note">{doc.text("pq-state", tr("pq.waiting"))}</div>'
        right = choice == self.q.answer
        verdict = tr("pq.right" if right else "pq.not_quite", answer=self.q.text(self.q.answer))
        seen = tr(self.q.seen, **self.q.fields) if self.panel is not None and \
            self.q.act is not None else ""
        return (f'<div class="nn-h {"nn-ok" if right else "nn-bad"}">'
                f'{doc.text("pq-verdict", verdict)}</div>'
                f'<div>{doc.text("pq-why", self.q.text("why"))}</div>'
                f'<div class="nn-note">{doc.text("pq-seen", seen)}</div>')


def predict(question_id: str, panel=None) -> Predict:
    """The widget of question ``question_id``; ``panel``: the panel it acts on when answered."""
    from . import _load
    _load()
    try:
        q = QUESTIONS[question_id]
    except KeyError:
        raise ValueError(tr("pq.unknown", id=question_id)) from None
    return Predict(q, panel)
