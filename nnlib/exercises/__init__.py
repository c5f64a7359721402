"""Exercises that check a learner's answer and name the mistake, in the learner's language.

In a notebook:

    answer = ...                               # the learner replaces ... with their answer
    check("03.delta_h2", answer)               # ✓, or what is wrong and why
    hint("03.delta_h2")                        # one more hint each time: formula, shape, first line
    solution("03.delta_h2")                    # the reference solution, when asked for
    progress("03")                             # which exercises of the notebook pass now

Every exercise is in :data:`EXERCISES` (id → :class:`Exercise`): its notebook, the reference
(a value or a function, always computed with nnlib, never a stored number), the mistakes it
recognises (each a wrong answer it can make and the diagnosis it gives), its hints and the code
of its solution. A function answer is run on several random inputs as well as the worked
example, so an answer that only reproduces the worked example's numbers does not pass.
"""
from __future__ import annotations

import html
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..i18n import tr

__all__ = ["Exercise", "Mistake", "Result", "EXERCISES", "check", "hint", "solution",
           "progress", "for_notebook", "RESULTS", "predict", "Question", "QUESTIONS"]

RTOL, ATOL = 1e-6, 1e-9


@dataclass(frozen=True)
class Mistake:
    """A typical mistake: ``wrong`` makes the wrong answer (a value exercise: ``wrong()``; a
    function exercise: a wrong function, run on the same inputs — one that raises, such as
    ``W @ δ`` for ``Wᵀ δ`` on a non-square W, is recognised by raising the same error), ``code``
    names it, and the diagnosis is the message ``ex.<exercise id>.<code>`` (or
    ``ex.mistake.<code>``)."""
    code: str
    wrong: Callable


@dataclass(frozen=True)
class Exercise:
    """One exercise. ``kind``: "value" (an array or a number), "function" (the learner writes a
    function) or "shape" (a tuple of ints). ``expected``: for a value, ``expected()`` gives it;
    for a function, it is the reference function. ``cases(rng)``: the argument tuples a function
    answer is run on (the first: the worked example). ``placeholder`` and ``solution``: the code
    of the exercise cell as committed and as filled in."""
    id: str
    notebook: str
    kind: str
    expected: Callable
    placeholder: str
    solution: str
    mistakes: tuple = ()
    hints: int = 3
    cases: Callable | None = None
    fields: dict = field(default_factory=dict)   # names for the messages (e.g. {"name": "δ²"})

    def diagnosis(self, code: str, **kw) -> str:
        key = f"ex.{self.id}.{code}"
        from ..messages import MESSAGES
        if key not in MESSAGES:
            # one wrong number is just wrong (not "1 of the 1 numbers … at ()")
            key = "ex.mistake.wrong_number" if code == "wrong" and kw.get("size") == 1 else \
                f"ex.mistake.{code}"
        return tr(key, **{**self.fields, **kw})


@dataclass
class Result:
    """What a check says: ``passed``, ``code`` (ok, not_answered, a mistake's code …) and
    ``message`` (in the learner's language). Shown as a coloured line in the notebook."""
    exercise: str
    passed: bool
    code: str
    message: str

    def _repr_html_(self):
        colour, mark = (("#2e7d32", "✓") if self.passed else
                        ("#757575", "○") if self.code == "not_answered" else ("#c62828", "✗"))
        return (f'<div class="nn-exercise" data-exercise="{self.exercise}" data-code="{self.code}"'
                f' style="border-left:4px solid {colour};padding:4px 10px;margin:2px 0;'
                f'background:#fafafa;font-size:13px"><b style="color:{colour}">{mark} '
                f'{html.escape(self.exercise)}</b>&nbsp; {html.escape(self.message)}</div>')

    def __repr__(self):
        mark = "✓" if self.passed else "○" if self.code == "not_answered" else "✗"
        return f"{mark} {self.exercise}: {self.message}"


EXERCISES: dict[str, Exercise] = {}
RESULTS: dict[str, Result] = {}                     # the last check of each exercise
_HINTS_GIVEN: dict[str, int] = {}


def register(*exercises: Exercise):
    for ex in exercises:
        if ex.id in EXERCISES:
            raise KeyError(f"exercise {ex.id!r} is defined twice")  # not for learners
        EXERCISES[ex.id] = ex


def for_notebook(notebook: str) -> list[Exercise]:
    _load()
    return [ex for ex in EXERCISES.values() if ex.notebook == notebook]


def _load():
    """Import every notebook's exercise module (nbNN.py) once."""
    if getattr(_load, "done", False):
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}")
    _load.done = True


def _get(exercise_id: str) -> Exercise:
    _load()
    try:
        return EXERCISES[exercise_id]
    except KeyError:
        raise ValueError(tr("ex.unknown", id=exercise_id)) from None


# --- comparing an answer with what it should be ------------------------------------------------

class _Verdict(Exception):
    """A comparison that failed, with its code and message fields."""

    def __init__(self, code, **fields):
        super().__init__(code)
        self.code, self.fields = code, fields


def _as_array(value, expected, what: str = ""):
    """The answer as a float array shaped like ``expected``, or a _Verdict saying why not."""
    if value is ... or value is None:
        raise _Verdict("not_answered" if value is ... else "none")
    if isinstance(value, (str, bytes)):
        raise _Verdict("string", text=str(value)[:40])
    exp = np.asarray(expected, dtype=float)
    scalar = exp.ndim == 0
    if isinstance(value, (list, tuple)) and not scalar:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise _Verdict("not_numbers") from None
        ok = arr.shape == exp.shape and np.allclose(arr, exp, rtol=RTOL, atol=ATOL)
        raise _Verdict("list_right" if ok else "list", kind=type(value).__name__)
    if isinstance(value, (bool, np.bool_)):
        raise _Verdict("not_numbers")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _Verdict("not_numbers") from None
    if scalar and arr.size == 1:
        arr = arr.reshape(())
    if not np.isfinite(arr).all():
        raise _Verdict("nan")
    if arr.shape != exp.shape:
        if exp.ndim == 2 and arr.shape == exp.shape[::-1] and exp.shape[0] != exp.shape[1]:
            raise _Verdict("transposed_shape", got=str(arr.shape), want=str(exp.shape))
        if exp.ndim == 1 and arr.ndim == 2 and 1 in arr.shape and arr.size == exp.size:
            raise _Verdict("column", got=str(arr.shape), want=str(exp.shape))
        raise _Verdict("shape", got=str(arr.shape), want=str(exp.shape))
    return arr


def _same(a, b) -> bool:
    """Two answers (arrays, numbers, tuples of them) equal to within float rounding."""
    if isinstance(b, (list, tuple)):
        return isinstance(a, (list, tuple)) and len(a) == len(b) and all(map(_same, a, b))
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def _compare(value, expected):
    """None if ``value`` is ``expected``; else a _Verdict (shape, types, NaN) or "wrong".
    ``expected`` may be a list or tuple of arrays (several results): compared one by one."""
    if isinstance(expected, (list, tuple)):
        if not isinstance(value, (list, tuple)) or len(value) != len(expected):
            raise _Verdict("tuple", n=len(expected))
        return [_compare(v, e) for v, e in zip(value, expected)]
    arr = _as_array(value, expected)
    exp = np.asarray(expected, dtype=float)
    if not np.allclose(arr, exp, rtol=RTOL, atol=ATOL):
        bad = np.argwhere(~np.isclose(arr, exp, rtol=RTOL, atol=ATOL).reshape(exp.shape))
        where = ", ".join("(" + ", ".join(str(int(i) + 1) for i in idx) + ")" for idx in bad[:4])
        raise _Verdict("wrong", where=where or "", n=len(bad), size=exp.size)
    return arr


# --- checking ----------------------------------------------------------------------------------

def check(exercise_id: str, answer: Any) -> Result:
    """Check ``answer`` (a value, a tuple of ints, or a function) against the exercise; the result
    names the mistake when it is a known one. Never raises for a wrong answer."""
    ex = _get(exercise_id)
    try:
        if ex.kind == "function":
            _check_function(ex, answer)
        elif ex.kind == "shape":
            _check_shape(ex, answer)
        else:
            _check_value(ex, answer)
        result = Result(ex.id, True, "ok", ex.diagnosis("ok"))
    except _Verdict as v:
        result = Result(ex.id, False, v.code, ex.diagnosis(v.code, **v.fields))
    RESULTS[ex.id] = result
    return result


# verdicts after which the answer is still numbers worth comparing with the known mistakes
_NUMBERS = ("wrong", "shape", "transposed_shape", "column")


def _known_mistake(ex: Exercise, matches) -> None:
    """Raise the verdict of the first known mistake for which ``matches(mistake)`` holds."""
    for m in ex.mistakes:
        try:
            hit = matches(m)
        except Exception:                    # noqa: BLE001 — a mistake that cannot be made here
            continue
        if hit:
            raise _Verdict(m.code)


def _check_value(ex: Exercise, answer):
    try:
        _compare(answer, ex.expected())
    except _Verdict as v:
        if v.code in _NUMBERS:               # a known mistake gives exactly this wrong answer
            _known_mistake(ex, lambda m: _same(answer, m.wrong()))
        raise


def _check_shape(ex: Exercise, answer):
    if answer is ... or answer is None:
        raise _Verdict("not_answered" if answer is ... else "none")
    expected = tuple(ex.expected())
    try:
        got = tuple(int(v) for v in answer)
        if any(float(v) != int(v) for v in answer):
            raise ValueError
    except (TypeError, ValueError):
        raise _Verdict("not_shape") from None
    if got == expected:
        return
    for m in ex.mistakes:
        if got == tuple(m.wrong()):
            raise _Verdict(m.code)
    raise _Verdict("wrong_shape", got=str(got))


def _copy(a):
    """A copy of an argument: arrays copied, also inside lists and tuples ([(W, b), …])."""
    if isinstance(a, np.ndarray):
        return a.copy()
    if isinstance(a, (list, tuple)):
        return type(a)(_copy(v) for v in a)
    return a


def _differ(a, b) -> bool:
    if isinstance(a, np.ndarray):
        return not (isinstance(b, np.ndarray) and a.shape == b.shape
                    and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, (list, tuple)):
        return not isinstance(b, (list, tuple)) or len(a) != len(b) or \
            any(_differ(x, y) for x, y in zip(a, b))
    return False


def _run(fn, args):
    """``fn(*args)`` on copies of the arguments (an answer must not change its inputs, nor the
    arrays inside a list it is given); whether it changed them."""
    copies = [_copy(a) for a in args]
    out = fn(*copies)
    return out, any(_differ(a, c) for a, c in zip(args, copies))


def _raises(fn, args) -> str | None:
    """The error ``fn(*args)`` raises, as "Type: message", or None if it returns."""
    try:
        _run(fn, args)
    except Exception as exc:                 # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"
    return None


def _placeholder_code(ex: Exercise):
    """The code object of the function the placeholder cell defines (its body left as ...)."""
    ns = {"np": np, "check": lambda *a: None}
    exec(ex.placeholder, ns)                      # noqa: S102 — our own placeholder text
    fns = [v for v in ns.values() if callable(v) and getattr(v, "__code__", None)
           and v.__code__.co_filename == "<string>"]
    return fns[0].__code__ if fns else None


def _same_code(a, b) -> bool:
    return (a is not None and b is not None and a.co_code == b.co_code
            and a.co_consts == b.co_consts and a.co_names == b.co_names)


def _check_function(ex: Exercise, answer):
    if answer is ... or answer is None:
        raise _Verdict("not_answered" if answer is ... else "none")
    if not callable(answer):
        raise _Verdict("not_function", kind=type(answer).__name__)
    if _same_code(getattr(answer, "__code__", None), _placeholder_code(ex)):
        raise _Verdict("not_answered")            # the cell as it came: ... still in it
    cases = ex.cases(np.random.default_rng(0))
    got, failures = [], []
    for k, args in enumerate(cases):
        try:
            out, changed = _run(answer, args)
        except Exception as exc:             # noqa: BLE001 — the learner's code raised
            error = f"{type(exc).__name__}: {exc}"
            _known_mistake(ex, lambda m: _raises(m.wrong, args) == error)
            raise _Verdict("raised", error=error[:160]) from None
        if out is None or out is ...:
            raise _Verdict("not_answered")
        if changed:
            raise _Verdict("changed_input")
        got.append(out)
        try:
            _compare(out, ex.expected(*args))
        except _Verdict as v:
            if v.code not in _NUMBERS:
                raise
            failures.append((k, v))
    if not failures:
        return
    # the same wrong answers as a known mistake, on every input
    _known_mistake(ex, lambda m: all(_same(g, m.wrong(*args)) for g, args in zip(got, cases)))
    if failures[0][0] != 0:                  # right on the worked example, wrong elsewhere
        raise _Verdict("hard_coded")
    raise failures[0][1]


# --- hints, solutions, progress ----------------------------------------------------------------

class Text:
    """A few lines for the notebook (a hint, a solution, a progress line)."""

    def __init__(self, title: str, body: str, code: bool = False, css: str = "nn-hint"):
        self.title, self.body, self.code, self.css = title, body, code, css

    def _repr_html_(self):
        body = (f"<pre style='margin:4px 0'>{html.escape(self.body)}</pre>" if self.code
                else html.escape(self.body))
        return (f'<div class="{self.css}" style="border-left:4px solid #1565c0;padding:4px 10px;'
                f'margin:2px 0;background:#f5f9ff;font-size:13px"><b>{html.escape(self.title)}'
                f"</b> {body}</div>")

    def __repr__(self):
        return f"{self.title} {self.body}"


def hint(exercise_id: str) -> Text:
    """The next hint (each call one more: where the formula is in the notes, the shape, the
    first line), then the last one again."""
    ex = _get(exercise_id)
    k = min(_HINTS_GIVEN.get(ex.id, 0) + 1, ex.hints)
    _HINTS_GIVEN[ex.id] = k
    return Text(tr("ex.hint_title", k=k, n=ex.hints), ex.diagnosis(f"hint{k}"))


def solution(exercise_id: str) -> Text:
    """The reference solution's code, shown only when asked for."""
    ex = _get(exercise_id)
    return Text(tr("ex.solution_title", id=ex.id), ex.solution, code=True, css="nn-solution")


def progress(notebook: str) -> Text:
    """Which of the notebook's exercises pass now (as last checked in this kernel)."""
    exs = for_notebook(notebook)
    done = [ex for ex in exs if RESULTS.get(ex.id) and RESULTS[ex.id].passed]
    def mark(ex):
        r = RESULTS.get(ex.id)
        return "✓ " if r and r.passed else "○ " if r is None or r.code == "not_answered" else "✗ "

    marks = "  ".join(mark(ex) + ex.id for ex in exs)
    title = (tr("ex.progress_all", n=len(exs)) if len(done) == len(exs) and exs
             else tr("ex.progress", k=len(done), n=len(exs)))
    return Text(title, marks, css="nn-progress")


from .predict import QUESTIONS, Question, predict  # noqa: E402  (after the registry it uses)
