"""Gradient-descent controls, shared by every widget that descends: η on the 1-2-5 grid, how
many steps, step / undo / replay, and what the learner is told (E went up; an overflow, with
the last finite state kept).

The widget that owns them says where a descent starts (``start() -> (net, x, y)``) and how to
show it (``moved(gd)``, e.g. put ``gd.net`` on the sliders). The history is nnlib's
:class:`~nnlib.GradientDescent` (immutable networks and traces), so undo always goes back
exactly one step.
"""
from __future__ import annotations

import numpy as np

from .. import fmt
from ..i18n import tr
from ..optim import DivergenceError, GradientDescent
from .controls import button, grid_slider, group, number
from .template import Doc, table

__all__ = ["ETA_GRID", "DescentControls", "history_table"]

ETA_GRID = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0,
            50.0)


class DescentControls:
    """η, steps and the step / undo / replay buttons, as a group of a :class:`Controls`.

    ``owner`` is the :class:`LiveView` whose message line speaks; ``key`` prefixes the
    controls' keys (``gd-eta``, ``gd-k``, ``gd-step``, ``gd-undo``, ``gd-replay``). A lesson
    that descends on something else than a network's E names its loss (``loss="L"``) and gives
    the group's ``title`` and the step button's ``step_title`` in its own words."""

    def __init__(self, owner, start, moved, eta: float = 0.02, steps: int = 1, key: str = "gd",
                 max_steps: int = 1000, loss: str = "E", title: str | None = None,
                 step_title: str | None = None):
        if eta not in ETA_GRID:
            raise ValueError(tr("descent.eta_grid", grid=", ".join(f"{v:g}" for v in ETA_GRID),
                                got=repr(eta)))
        self.owner, self.start, self.moved, self.key = owner, start, moved, key
        self.eta0, self.steps0, self.max_steps = eta, steps, max_steps
        self.loss, self.title, self.step_title = loss, title, step_title
        self.gd: GradientDescent | None = None
        self.controls = None

    def group(self) -> dict:
        k = self.key
        return group(self.title or tr("descent.title"), [
            grid_slider(f"{k}-eta", tr("descent.eta"), self.eta0, ETA_GRID),
            number(f"{k}-k", tr("descent.steps"), self.steps0, 1, self.max_steps),
            button(f"{k}-step", tr("descent.step"), primary=True,
                   title=self.step_title or tr("descent.step_title")),
            button(f"{k}-undo", tr("descent.undo"), title=tr("descent.undo_title")),
            button(f"{k}-replay", tr("descent.replay"), title=tr("descent.replay_title")),
        ], row=True, css="nn-descent-controls")

    def attach(self, controls):
        """Wire the buttons of ``controls`` (which holds :meth:`group`) to this descent."""
        self.controls = controls
        act = self.owner.action
        controls.on_press(f"{self.key}-step", lambda: act(self.step))
        controls.on_press(f"{self.key}-undo", lambda: act(self.undo))
        controls.on_press(f"{self.key}-replay", lambda: act(self.replay))
        return self

    @property
    def eta(self) -> float:
        return float(self.controls.value(f"{self.key}-eta"))

    @property
    def k(self) -> int:
        return int(self.controls.value(f"{self.key}-k"))

    # -- actions --------------------------------------------------------------------------
    def step(self, k: int | None = None):
        """k steps (the "steps" field by default) from the current state, or a new start."""
        if self.gd is None:
            net, x, y = self.start()
            self.gd = GradientDescent(net, x, y, self.eta)
        self.gd.eta = self.eta
        self._run(lambda: self.gd.step(self.k if k is None else k))

    def undo(self):
        if self.gd is not None and self.gd.steps:
            self.gd.undo()
            self.moved(self.gd)

    def replay(self):
        """The same number of steps from the same start, with the current η."""
        if self.gd is not None:
            k = self.gd.steps
            self.gd.eta = self.eta
            self.gd.reset()
            self._run(lambda: self.gd.step(k))

    def forget(self):
        """A new start (the learner moved a slider): the next step begins from there."""
        self.gd = None

    def reset(self):
        """No descent, η and steps back to the start (the panel's reset)."""
        self.gd = None
        if self.controls is not None:
            self.controls.set({f"{self.key}-eta": self.eta0, f"{self.key}-k": self.steps0})

    def _run(self, steps):
        gd = self.gd
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                steps()
        except DivergenceError:
            self.moved(gd)
            self.owner.message.show(tr("descent.diverged", k=gd.steps + 1, eta=f"{gd.eta:g}",
                                       kept=gd.steps, E=fmt.num_wide(gd.trace.loss), L=self.loss),
                                   "error")
            return
        self.moved(gd)
        losses = gd.losses
        if len(losses) > 1 and losses[-1] > losses[-2]:
            self.owner.message.show(tr("descent.went_up", old=fmt.num_wide(losses[-2]),
                                       new=fmt.num_wide(losses[-1]), eta=f"{gd.eta:g}",
                                       L=self.loss))


def history_table(gd, doc: Doc, shown: int = 400, max_height: int | None = 180,
                  loss: str = "E") -> str:
    """A descent, step by step: k, E (many decades: scientific notation), the prediction aᴸ,
    and a bar whose length is log₁₀ E on one scale for all steps. Without a descent, what a
    step would do. ``max_height`` (px) scrolls a long descent inside the panel; ``None`` shows
    every step; ``loss`` names E otherwise (L)."""
    if gd is None:
        return f'<div class="nn-note">{doc.text("gd-summary", tr("descent.none"))}</div>'
    losses = np.asarray(gd.losses, dtype=float)
    summary = tr("descent.summary", eta=f"{gd.eta:g}", k=gd.steps, E0=fmt.num_wide(losses[0]),
                 Ek=fmt.num_wide(losses[-1]), L=loss)
    logs = np.log10(np.maximum(losses, 1e-300))
    lo, hi = float(logs.min()), float(logs.max())
    span = (hi - lo) or 1.0
    rows = []
    for k in range(max(0, len(losses) - shown), len(losses)):
        t = gd.history[k]
        width = 4 + 120 * (logs[k] - lo) / span
        rows.append(("", [f"<td>{k}</td>", doc.text(f"gdE-{k}", fmt.num_wide(t.loss), tag="td"),
                          doc.text(f"gda-{k}", ", ".join(fmt.num(v) for v in np.ravel(t.output)),
                                   tag="td"),
                          f'<td style="text-align:left"><span class="nn-bar" '
                          f'style="width:{width:.0f}px"></span></td>']))
    scroll = f' style="max-height:{max_height}px;overflow-y:auto"' if max_height else ""
    return (f'<div class="nn-h">{doc.text("gd-summary", summary)}</div><div{scroll}>'
            + table([tr("descent.step_col"), loss, tr("values.prediction"), f"log₁₀ {loss}"],
                    rows) + "</div>")
