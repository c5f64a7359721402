"""Input checking shared by the core: every message is one line that names where, what was
expected and what was given. Internal; the public entry points call these."""
from __future__ import annotations

import math

import numpy as np

from .i18n import tr


def as_float_array(value, name: str, where: str) -> np.ndarray:
    """``value`` as a new float64 array, or a one-line ValueError.

    Numbers, nested lists of numbers and numeric arrays are accepted; strings (which numpy
    would parse: "1.5" → 1.5), None (which numpy would turn into NaN), complex numbers and
    ragged lists are not.
    """
    try:
        arr = np.asarray(value)
        if arr.dtype.kind in "biuf":                     # the common case: numbers
            # always a new array (np.asarray already made one from a list, tuple or number)
            return arr.astype(np.float64, copy=not isinstance(value, (list, tuple, int, float)))
        if arr.dtype.kind != "O" or any(v is None or isinstance(v, (str, bytes))
                                        for v in arr.flat):
            raise TypeError                              # strings, complex, dates, None
        return np.array(value, dtype=np.float64)         # e.g. a list of Fractions
    except (TypeError, ValueError):
        raise ValueError(tr("err.not_numbers", where=where, name=name,
                            got=_short(value))) from None


def check_finite(arr: np.ndarray, name: str, where: str) -> None:
    """A ValueError naming the first NaN or ±inf in ``arr``, if there is one."""
    if arr.size <= 32:           # a few numbers: checking them in Python is 5× faster
        finite = all(map(math.isfinite, arr.ravel().tolist()))
    else:
        finite = np.isfinite(arr).all()
    if not finite:
        bad = np.argwhere(~np.isfinite(arr))[0]
        idx = ", ".join(str(int(i)) for i in bad)
        what = "NaN" if np.isnan(arr[tuple(bad)]) else "inf"
        at = f"{name}[{idx}]" if idx else name
        raise ValueError(tr("err.not_finite", where=where, at=at, what=what, name=name))


def read_only(arr: np.ndarray) -> np.ndarray:
    arr.setflags(write=False)
    return arr


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
