"""How every number and symbol is written, in one place (tables, pictures, sliders, messages).

The browser draws what it is sent and formats nothing itself: JavaScript's ``toFixed`` and
Python's format disagree on −0.00 and on rounding halves, so every number a learner sees is a
string made here.

    num(-0.00004)       → "0.0000"       fixed decimals, a true minus sign, never "−0.0000"
    num_wide(8.03e-11)  → "8.03e−11"     a value that spans decades (a loss falling to 1e−10)
    readout(0.3, 0.01)  → "0.30"         a slider's value: its step's decimals, more if it
    readout(0.12345, 0.01) → "0.1235"      is off the step's grid (a gradient-descent step)
    sym("W", 1, 2, 1)   → "W¹₂₁"         the notes' symbols: layer superscript, 1-based indices
"""
from __future__ import annotations

import math

__all__ = ["num", "num_wide", "readout", "sym", "decimals"]

_SUP = str.maketrans("0123456789+-T", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀ")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
MINUS = "\u2212"


def sym(name: str, l=None, *idx) -> str:
    """``sym("W", 1, 2, 1)`` → ``W¹₂₁``; ``sym("x", None, 2)`` → ``x₂``; ``sym("a", 0)`` → ``a⁰``."""
    out = name
    if l is not None:
        out += str(l).translate(_SUP)
    if idx:
        out += "".join(str(i).translate(_SUB) for i in idx)
    return out


def num(v: float, digits: int = 4) -> str:
    """Fixed decimals, a true minus sign, no '−0.0000'; from 10⁶ on in scientific notation
    (a diverging loss is 7.70e+28, never 29 digits); inf and NaN as ∞, −∞ and NaN."""
    v = float(v)
    if not -1e6 < v < 1e6:
        if v != v:
            return "NaN"
        if v in (math.inf, -math.inf):
            return "∞" if v > 0 else MINUS + "∞"
        return f"{v:.2e}".replace("-", MINUS)
    text = f"{v:.{digits}f}"
    if text[0] != "-":
        return text
    return text[1:] if text.strip("-0.") == "" else MINUS + text[1:]   # never −0.0000


def _spanning(v: float, digits: int, fixed: int, below: float) -> str:
    """A number that may span many decades: "0", ∞ and NaN as :func:`num` writes them,
    "< 10⁻¹²" below 10⁻¹² (float64 rounding noise), ``fixed`` decimals in [0.001, ``below``),
    ``digits`` significant digits in scientific notation outside."""
    v = float(v)
    if not math.isfinite(v) or v == 0.0:
        return "0" if v == 0.0 else num(v)
    if abs(v) < 1e-12:
        return "< 10⁻¹²"
    if abs(v) < 1e-3 or abs(v) >= below:
        return f"{v:.{digits - 1}e}".replace("-", MINUS)
    return num(v, fixed)


def num_wide(v: float, digits: int = 3) -> str:
    """A number that may span many decades (a loss falling from 0.1 to 1e−10, a diverging one
    at 1e+30): ``digits`` significant digits in scientific notation outside [0.001, 10⁶), six
    decimals inside; below 10⁻¹² (float64 rounding noise) it reads "< 10⁻¹²"."""
    return _spanning(v, digits, 6, 1e6)


def sig(v: float, digits: int = 3) -> str:
    """``digits`` significant digits, for a number that may be anything from 10⁻¹¹ to 10³⁰ (a
    distance to a minimum, a diverging loss): fixed decimals in [0.001, 1000), scientific
    notation outside; below 10⁻¹² (float64 rounding noise) it reads "< 10⁻¹²"."""
    v = float(v)
    d = max(0, digits - 1 - math.floor(math.log10(abs(v)))) if math.isfinite(v) and v else 0
    return _spanning(v, digits, d, 1e3 - 0.5 * 10.0 ** -d)   # 999.6 → 1.00e+03, not 1000


def decimals(step: float) -> int:
    """How many decimals a slider with this step shows: 0.01 → 2, 0.5 → 1, 1 → 0."""
    d = 0
    while d < 6 and abs(step * 10 ** d - round(step * 10 ** d)) > 1e-9:
        d += 1
    return d


def readout(v: float, step: float) -> str:
    """A slider's value as its readout shows it: the step's decimals when the value is on the
    step's grid (what dragging gives), up to 4 decimals otherwise (what a gradient-descent step
    or a typed value gives), so the readout never hides the value the numbers were computed
    from behind a rounding to the grid."""
    v = float(v)
    d = decimals(step)
    if not math.isfinite(v):
        return num(v)
    if abs(v) >= 1e6:                          # far out after a diverging descent: 3 digits
        return num(v)
    if abs(v / step - round(v / step)) < 1e-7:
        return num(v, d)
    text = num(v, max(d, 4))
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0").ljust(d, "0")
    return whole + ("." + frac if frac else "")
