"""Input checking shared by the core: every message is one line that names where, what was
expected and what was given. Internal; the public entry points call these."""
from __future__ import annotations

import numpy as np


def as_float_array(value, name: str, where: str) -> np.ndarray:
    """``value`` as a new float64 array, or a one-line ValueError.

    Numbers, nested lists of numbers and numeric arrays are accepted; strings (which numpy
    would parse: "1.5" → 1.5), None (which numpy would turn into NaN), complex numbers and
    ragged lists are not.
    """
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value.astype(np.float64)                 # the common case: a copy, no checks
    try:
        kind = np.asarray(value).dtype.kind
        if kind in "USVMmc" or (kind == "O" and any(
                v is None or isinstance(v, (str, bytes)) for v in np.asarray(value).flat)):
            raise TypeError
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: {name} must be an array of numbers, got "
                         f"{_short(value)}") from None
    return arr


def check_finite(arr: np.ndarray, name: str, where: str) -> None:
    """A ValueError naming the first NaN or ±inf in ``arr``, if there is one."""
    if not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        idx = ", ".join(str(int(i)) for i in bad)
        what = "NaN" if np.isnan(arr[tuple(bad)]) else "inf"
        at = f"{name}[{idx}]" if idx else name
        raise ValueError(f"{where}: {at} is {what}; every entry of {name} must be a finite number")


def read_only(arr: np.ndarray) -> np.ndarray:
    arr.flags.writeable = False
    return arr


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
