"""A backprop stepper: one trace of a network, revealed one quantity at a time — forward layer by
layer (zˡ, aˡ), the loss E, then backward δᴸ → ∂E/∂Wᴸ, ∂E/∂bᴸ → (Wᴸ)ᵀδᴸ → δᴸ⁻¹ … — each step
highlighting on the diagram what it computes, with its formula and numbers, and what is not
computed yet shown as "?". Before revealing, the learner may ask "what comes next?" and pick.

    BackpropStepper(nnlib.worked_example(), [1.0, 2.0], [3.5])
"""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..fmt import sym
from ..i18n import tr
from ..widgets import (Controls, DiagramView, LiveView, Row, TemplateView, button,
                       diagram_updates, eq, group, lhs, matrix, op, toggle)
from ..widgets.network import a_name

__all__ = ["BackpropStepper", "steps"]


def steps(t) -> list[dict]:
    """The steps of trace ``t``: dicts with ``kind`` (z, a, E, delta, dW, db, back), ``l`` and
    the diagram ids it lights (``lit``)."""
    L, out = t.L, []
    sizes = t.network.sizes
    units = lambda l: [f"n-{l}-{i + 1}" for i in range(sizes[l])]          # noqa: E731
    edges = lambda l: [f"e-{l}-{i + 1}-{j + 1}" for i in range(sizes[l])    # noqa: E731
                       for j in range(sizes[l - 1])]
    for l in range(1, L + 1):
        out.append({"kind": "z", "l": l, "lit": units(l - 1) + edges(l) + units(l)})
        out.append({"kind": "a", "l": l, "lit": units(l)})
    out.append({"kind": "E", "l": L, "lit": units(L)})
    for l in range(L, 0, -1):
        out.append({"kind": "delta", "l": l, "lit": units(l)})
        out.append({"kind": "dW", "l": l, "lit": edges(l) + units(l - 1)})
        out.append({"kind": "db", "l": l, "lit": units(l)})
        if l > 1:
            out.append({"kind": "back", "l": l, "lit": edges(l) + units(l - 1)})
    return out


def _name(step) -> str:
    """The quantity a step computes, as the notes write it (a choice of "what comes next")."""
    k, l = step["kind"], step["l"]
    return {"z": sym("z", l), "a": sym("a", l), "E": "E", "delta": sym("δ", l),
            "dW": f"∂E/∂{sym('W', l)}", "db": f"∂E/∂{sym('b', l)}",
            "back": f"({sym('W', l)})ᵀ{sym('δ', l)}"}[k]


def step_formula(t, step, doc) -> str:
    """The formula of one step with its numbers."""
    k, l = step["kind"], step["l"]
    lt = t[l]
    key = f"st-{k}-{l}"
    if k == "z":
        return eq(lhs(f"{sym('z', l)} = {sym('W', l)} {a_name(l - 1)} + {sym('b', l)}"), op("="),
                  matrix(doc, f"{key}-W", lt.W, "weight", sym("W", l)), op("·"),
                  matrix(doc, f"{key}-a", t[l - 1].a, "input", a_name(l - 1)), op("+"),
                  matrix(doc, f"{key}-b", lt.b, "bias", sym("b", l)), op("="),
                  matrix(doc, f"{key}-z", lt.z, "output", sym("z", l)))
    if k == "a":
        return eq(lhs(f"{sym('a', l)} = {lt.activation}({sym('z', l)})"), op("="),
                  matrix(doc, f"{key}-a", lt.a, "output", sym("a", l), dead_rows=lt.dead))
    if k == "E":
        return eq(lhs(tr(f"stepper.loss.{t.network.loss.name}", L=fmt.sym("", l))), op("="),
                  doc.num(f"{key}-E", t.loss, 6))
    if k == "delta":
        if l == t.L and t.network.loss.delta_shortcut is not None:
            return eq(lhs(f"{sym('δ', l)} = {sym('a', l)} − y"), op("="),
                      matrix(doc, f"{key}-d", lt.delta, "delta", sym("δ", l)))
        return eq(lhs(f"{sym('δ', l)} = ∂E/∂{sym('a', l)} ⊙ f′({sym('z', l)})"), op("="),
                  matrix(doc, f"{key}-e", lt.dE_da, "delta", "∂E/∂" + sym("a", l)), op("⊙"),
                  matrix(doc, f"{key}-f", lt.fprime, "plain", f"f′({sym('z', l)})",
                         dead_rows=lt.dead), op("="),
                  matrix(doc, f"{key}-d", lt.delta, "delta", sym("δ", l), dead_rows=lt.dead))
    if k == "dW":
        return eq(lhs(f"∂E/∂{sym('W', l)} = {sym('δ', l)} ({a_name(l - 1)})ᵀ"), op("="),
                  matrix(doc, f"{key}-d", lt.delta, "delta", sym("δ", l)), op("·"),
                  matrix(doc, f"{key}-a", np.atleast_2d(t[l - 1].a), "input",
                         f"({a_name(l - 1)})ᵀ"), op("="),
                  matrix(doc, f"{key}-g", lt.dW, "grad", f"∂E/∂{sym('W', l)}",
                         dead_rows=lt.dead))
    if k == "db":
        return eq(lhs(f"∂E/∂{sym('b', l)} = {sym('δ', l)}"), op("="),
                  matrix(doc, f"{key}-g", lt.db, "grad", f"∂E/∂{sym('b', l)}", dead_rows=lt.dead))
    return eq(lhs(f"∂E/∂{a_name(l - 1)} = ({sym('W', l)})ᵀ {sym('δ', l)}"), op("="),
              matrix(doc, f"{key}-WT", lt.W.T, "weight", f"({sym('W', l)})ᵀ"), op("·"),
              matrix(doc, f"{key}-d", lt.delta, "delta", sym("δ", l)), op("="),
              matrix(doc, f"{key}-e", lt.WT_delta, "delta", "∂E/∂" + a_name(l - 1)))


class BackpropStepper(LiveView):
    """Step through one forward and backward pass of ``net`` at (x, y)."""

    def __init__(self, net, x, y, css: str = "nn-stepper"):
        super().__init__()
        self.t = net.trace(x, y)
        self.steps = steps(self.t)
        self.k = 0                                     # steps shown: 0 … len(steps)
        self.asking = False
        self.controls = Controls([group("", [
            button("back", tr("stepper.back")), button("next", tr("stepper.next"), primary=True),
            button("ask", tr("stepper.ask")), button("restart", tr("stepper.restart")),
            toggle("guess", "", "", [])], row=True, css="nn-bare")], css=f"{css}-controls")
        for key, fn in (("back", self.back), ("next", self.next), ("ask", self.ask),
                        ("restart", self.restart)):
            self.controls.on_press(key, lambda fn=fn: self.action(fn))
        self.controls.on_change(lambda keys, user: self.action(
            self.guess, self.controls.values["guess"]) if user and "guess" in keys else None)
        self.diagram = DiagramView(net, css=f"{css}-diagram")
        self.now = TemplateView(self._now, f"{css}-now")
        self.layout(self.controls, Row([self.diagram, self.now]), css=(css,))
        self.refresh()

    # -- what the learner does -----------------------------------------------------------------
    def next(self):
        if self.k < len(self.steps):
            self.k += 1
        self.asking = False
        self.refresh()

    def back(self):
        self.k = max(0, self.k - 1)
        self.asking = False
        self.refresh()

    def restart(self):
        self.k, self.asking = 0, False
        self.refresh()

    def ask(self):
        """Offer three quantities; the learner picks which one is computed next."""
        if self.k >= len(self.steps):
            return
        self.asking = True
        self.refresh()

    def choices(self) -> list[str]:
        """The right next quantity and two that come later (or earlier), in a fixed order."""
        right = _name(self.steps[self.k])
        others = [_name(s) for s in self.steps[self.k + 2:] + self.steps[:self.k]
                  if _name(s) != right]
        picks = [right] + others[:1] + others[-1:]
        return sorted(dict.fromkeys(picks))

    def guess(self, what: str):
        """The learner's answer to "what comes next?": right → the step is revealed."""
        if not self.asking or not what:
            return
        right = _name(self.steps[self.k])
        if what == right:
            self.next()
            self.message.show(tr("stepper.right", q=right), "info")
        elif what in {_name(s) for s in self.steps[:self.k]}:
            self.message.show(tr("stepper.already", q=what))
        else:
            self.message.show(tr("stepper.wrong", q=what))

    # -- compute → show ----------------------------------------------------------------------------
    def compute(self):
        return self.k

    def show(self, k):
        done = self.steps[:k]
        current = self.steps[k - 1] if k else None
        up = diagram_updates(self.t, "W",                      # edges: the weights used
                             highlight=set(current["lit"]) if current else set())
        self.diagram.updates = self._mask({i: v for i, v in up.items()
                                           if not i.startswith("el-")}, done)
        self.now.update(k)
        options = [[c, c] for c in self.choices()] if self.asking else []
        if self.controls.item("guess")["options"] != options:   # offer (or take away) choices
            with self.controls.hold():
                self.controls.change_item("guess", options=options,
                                          label=tr("stepper.which") if options else "")
                self.controls.set({"guess": ""})
        self.controls.disabled = [key for key, off in (("back", k == 0),
                                                       ("next", k == len(self.steps)),
                                                       ("ask", k == len(self.steps)))
                                  if off]

    def _mask(self, up, done):
        """The diagram with what is not computed yet as "?"."""
        have = {(s["kind"], s["l"]) for s in done}
        up = dict(up)
        for l in range(1, self.t.L + 1):
            for i in range(self.t.network.sizes[l]):
                key = f"t-{l}-{i + 1}"
                lines = list(up[key]["lines"])
                for n, kind in enumerate(("z", "a", "delta")):
                    if (kind, l) not in have:
                        lines[n] = lines[n].split(" ")[0] + " ?"
                up[key] = {**up[key], "lines": lines}
        if ("E", self.t.L) not in have:
            legend = up["legend"]["text"]
            up["legend"] = {"text": "E = ? · " + legend.split(" · ", 1)[-1]}
        return up

    def _now(self, k, doc) -> str:
        n = len(self.steps)
        if k == 0:
            head = tr("stepper.start", n=n)
            body = ""
        else:
            s = self.steps[k - 1]
            head = tr("stepper.step", k=k, n=n, what=tr(f"stepper.kind.{s['kind']}", l=s["l"]))
            body = step_formula(self.t, s, doc)
        nxt = (tr("stepper.then", q=_name(self.steps[k])) if k < n and not self.asking
               else tr("stepper.done") if k == n else "")
        return (f'<div class="nn-h">{doc.text("st-head", head)}</div>{body}'
                f'<div class="nn-note">{doc.text("st-next", nxt)}</div>')
