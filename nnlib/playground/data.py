"""The playground's data: points of the plane, examples as columns (as in the notes).

    d = make("xor", n=250, noise=0.1, seed=0)     # a built-in set
    d.X                                            # (2, N): column k is the point xₖ = (x₁, x₂)
    d.y                                            # (N,): the label of each point, 0 or 1
    s = d.split(test_fraction=0.2, seed=0)         # s.X_train (2, 200), s.X_test (2, 50), …
    d = load_csv("mine.csv")                       # columns x1, x2, label (or chosen columns)

Built-in sets (``SETS``), each in the square x₁, x₂ ∈ [−3, 3], half the points of each class:
``circle`` (label 1 inside a disc, 0 in a ring around it), ``xor`` (1 where x₁x₂ > 0),
``gauss`` (two Gaussian clouds), ``spiral`` (two interleaved spirals) and ``bump``, a regression
set whose target y = exp(−‖x‖²/3) ∈ (0, 1] is a hill over the plane. ``noise`` σ moves every
point by N(0, σ²) in each coordinate after its label is drawn. Every random draw is seeded: the
points from ``default_rng(seed)``, the split from ``default_rng([seed, 1])``.

A CSV has a header row; every cell of the chosen columns must be a finite number, the labels
two classes (two distinct values: the smaller one becomes 0, the larger 1), at most
:data:`MAX_ROWS` rows. Anything else is a one-line ``ValueError`` saying what and where.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..i18n import tr

__all__ = ["SETS", "REGRESSION", "EXTENT", "MAX_ROWS", "COLUMNS", "Dataset", "Split", "make",
           "load_csv", "samples", "sample"]

SETS = ("circle", "xor", "gauss", "spiral", "bump")
REGRESSION = frozenset({"bump"})
EXTENT = 3.0                      # the built-in sets live in [−3, 3]²
MAX_ROWS = 1000                   # one epoch of every row per frame must stay fast
COLUMNS = ("x1", "x2", "label")
SAMPLES = Path(__file__).resolve().parent / "samples"


@dataclass(frozen=True)
class Split:
    """A data set cut into training and test points (both as columns)."""
    X_train: np.ndarray      # (2, N_train)
    y_train: np.ndarray      # (N_train,)
    X_test: np.ndarray       # (2, N_test)
    y_test: np.ndarray       # (N_test,)
    dataset: "Dataset"

    @property
    def n_train(self) -> int:
        return self.X_train.shape[1]

    @property
    def n_test(self) -> int:
        return self.X_test.shape[1]


@dataclass(frozen=True)
class Dataset:
    """Points X (2, N), one per column, and their labels y (N,): 0 or 1 for a classification,
    a target in [0, 1] for a regression. ``extent`` (lo, hi): the square [lo, hi]² of the plane
    the pictures show. ``classes``: the CSV's two label values that became 0 and 1."""
    name: str
    X: np.ndarray
    y: np.ndarray
    kind: str = "classification"
    extent: tuple = (-EXTENT, EXTENT)
    classes: tuple = (0.0, 1.0)

    @property
    def n(self) -> int:
        return self.X.shape[1]

    @property
    def regression(self) -> bool:
        return self.kind == "regression"

    def split(self, test_fraction: float = 0.2, seed: int = 0) -> Split:
        """A seeded shuffle, then the last round(test_fraction · N) points are the test set
        (at least one point stays for training)."""
        n_test = min(int(round(float(test_fraction) * self.n)), self.n - 1)
        order = np.random.default_rng([int(seed), 1]).permutation(self.n)
        train, test = np.sort(order[:self.n - n_test]), np.sort(order[self.n - n_test:])
        return Split(_frozen(self.X[:, train]), _frozen(self.y[train]),
                     _frozen(self.X[:, test]), _frozen(self.y[test]), self)


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.setflags(write=False)
    return a


# --- the built-in sets --------------------------------------------------------------------------

def make(name: str = "circle", n: int = 250, noise: float = 0.0, seed: int = 0) -> Dataset:
    """A built-in set of ``n`` points (see the module's docstring), seeded."""
    if name not in SETS:
        raise ValueError(tr("pg.data.unknown", got=repr(name), choices=", ".join(SETS)))
    n = int(n)
    if not 4 <= n <= MAX_ROWS:
        raise ValueError(tr("pg.data.n", n=n, hi=MAX_ROWS))
    noise = float(noise)
    if not (math.isfinite(noise) and noise >= 0):
        raise ValueError(tr("pg.data.noise", got=repr(noise)))
    rng = np.random.default_rng(int(seed))
    y = (np.arange(n) % 2).astype(float)                 # half of each class, interleaved
    if name == "circle":
        r = np.where(y == 1, rng.uniform(0.0, 1.3, n), rng.uniform(1.9, 2.8, n))
        t = rng.uniform(0, 2 * np.pi, n)
        X = np.vstack([r * np.cos(t), r * np.sin(t)])
    elif name == "xor":
        X = rng.uniform(-EXTENT, EXTENT, (2, n))
        X += 0.3 * np.sign(X)                             # a gap along the axes
        X = np.clip(X, -EXTENT, EXTENT)
        y = (X[0] * X[1] > 0).astype(float)
    elif name == "gauss":
        centre = np.where(y == 1, 1.5, -1.5)
        X = centre + rng.normal(0.0, 0.6, (2, n))
    elif name == "spiral":
        k = np.arange(n) // 2
        r = 2.8 * (k + 1) / (n // 2 + 1)
        t = 1.75 * 2 * np.pi * (k + 1) / (n // 2 + 1) + np.pi * y
        X = np.vstack([r * np.sin(t), r * np.cos(t)])
    else:                                                 # bump: a regression
        X = rng.uniform(-EXTENT, EXTENT, (2, n))
        y = np.exp(-(X ** 2).sum(axis=0) / 3.0)
    if noise:
        X = X + rng.normal(0.0, noise, X.shape)
    kind = "regression" if name in REGRESSION else "classification"
    return Dataset(name, _frozen(X), _frozen(y), kind)


# --- the learner's own CSV ----------------------------------------------------------------------

def _text_of(source) -> tuple[str, str]:
    """(the CSV's text, its name for messages) from a path or the bytes of an upload."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), tr("pg.csv.upload")
    elif isinstance(source, (str, Path)):
        path = Path(source).expanduser()
        name = str(source)
        if not str(source).strip():
            raise ValueError(tr("pg.csv.no_path"))
        if not path.is_file():
            raise ValueError(tr("pg.csv.no_file", path=name))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ValueError(tr("pg.csv.unreadable", path=name, error=exc.strerror or exc)) \
                from None
    else:
        raise ValueError(tr("pg.csv.source", got=type(source).__name__))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(tr("pg.csv.not_text", name=name)) from None
    return text, name


def _column_index(header, col, name):
    if isinstance(col, (int, np.integer)) and not isinstance(col, bool):
        if not 0 <= int(col) < len(header):
            raise ValueError(tr("pg.csv.no_column_index", name=name, k=int(col),
                                n=len(header)))
        return int(col)
    key = str(col).strip()
    if key not in header:
        raise ValueError(tr("pg.csv.no_column", name=name, col=key,
                            have=", ".join(header) or "—"))
    return header.index(key)


def load_csv(source, columns=None, max_rows: int = MAX_ROWS) -> Dataset:
    """The points and labels of a CSV file (a path) or of an upload's bytes.

    ``columns``: the names (or 0-based positions) of the columns x₁, x₂ and the label, by
    default ``("x1", "x2", "label")``. Every cell of these columns must be a finite number, the
    labels must take exactly two values (the smaller becomes class 0, the larger class 1), and
    there may be at most ``max_rows`` rows. Each problem is a one-line ValueError naming the
    line of the file (the header is line 1) and the column."""
    text, name = _text_of(source)
    if not text.strip():
        raise ValueError(tr("pg.csv.empty", name=name))
    first = text.lstrip().splitlines()[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [(reader.line_num, r) for r in reader if any(c.strip() for c in r)]
    header = [h.strip() for h in rows[0][1]]
    cols = COLUMNS if columns is None else tuple(columns)
    if len(cols) != 3:
        raise ValueError(tr("pg.csv.three_columns", n=len(cols)))
    idx = [_column_index(header, c, name) for c in cols]
    names = [header[i] for i in idx]
    body = rows[1:]
    if not body:
        raise ValueError(tr("pg.csv.no_rows", name=name))
    if len(body) > max_rows:
        raise ValueError(tr("pg.csv.too_many", name=name, n=len(body), hi=max_rows))
    values = np.empty((len(body), 3))
    for k, (line, row) in enumerate(body):
        for c, (i, col) in enumerate(zip(idx, names)):
            cell = row[i].strip() if i < len(row) else ""
            if not cell:
                raise ValueError(tr("pg.csv.empty_cell", name=name, line=line, col=col))
            try:
                v = float(cell)
            except ValueError:
                raise ValueError(tr("pg.csv.not_number", name=name, line=line, col=col,
                                    cell=cell[:20])) from None
            if not math.isfinite(v):
                raise ValueError(tr("pg.csv.not_finite", name=name, line=line, col=col,
                                    cell=cell[:20]))
            values[k, c] = v
    labels = np.unique(values[:, 2])
    if len(labels) != 2:
        shown = ", ".join(f"{v:g}" for v in labels[:5]) + (", …" if len(labels) > 5 else "")
        raise ValueError(tr("pg.csv.one_class" if len(labels) == 1 else "pg.csv.classes",
                            name=name, col=names[2], k=len(labels), values=shown))
    X = values[:, :2].T
    y = (values[:, 2] == labels[1]).astype(float)
    lo, hi = float(X.min()), float(X.max())          # one square [lo, hi]² holds them all
    pad = max(0.05 * (hi - lo), 0.5 if hi == lo else 0.0)
    extent = (lo - pad, hi + pad)
    return Dataset(Path(name).stem if not isinstance(source, (bytes, bytearray, memoryview))
                   else "csv", _frozen(X), _frozen(y), "classification", extent,
                   (float(labels[0]), float(labels[1])))


def samples() -> dict:
    """{name: path} of the sample CSVs shipped with nnlib (found inside the package, so a
    notebook in any folder finds them)."""
    return {p.stem: p for p in sorted(SAMPLES.glob("*.csv"))}


def sample(name: str) -> Path:
    """The path of a sample CSV: ``sample("moons")``."""
    found = samples()
    if name not in found:
        raise ValueError(tr("pg.data.no_sample", got=repr(name), choices=", ".join(found)))
    return found[name]
