"""Helpers shared by the tests (not a test module)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# An element with a data-key and the number printed in it: <td data-key="z-1-2">−0.1234</td>,
# also with attributes after the key or the number in bold (<b>0.5</b>).
_KEYED = re.compile(r'data-key="([^"]+)"[^>]*>(?:<b>)?([^<]*)<')


def number(text: str) -> float:
    """A number as the views print it: a true minus sign '−', thousands separated by ','."""
    return float(text.strip().replace("\u2212", "-").replace(",", ""))


def keyed_numbers(html: str) -> dict[str, float]:
    """{data-key: number} of every keyed element of an HTML string whose text is a number."""
    out = {}
    for key, text in _KEYED.findall(html):
        try:
            out[key] = number(text)
        except ValueError:
            continue                     # a keyed label or mark (✓, "regime"), not a number
    return out


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def saved_widget_state(nb) -> dict:
    """{model id: model} of the widget state a notebook was saved with ({} if none)."""
    return nb.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


# A point of an SVG path as the views write it (nnlib.widgets.scene.path_d, arrow_d):
# "M12.0 3.5 L14.0 -2.0 …", also "M3 4h1v1" for a grid's cells.
_POINT = re.compile(r"([ML])(-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?)")


def path_points(d: str, commands: str = "ML") -> list[tuple[float, float]]:
    """The (x, y) after each M or L command of an SVG path, in order; ``commands="M"`` for the
    points where a subpath starts only (an arrow's shaft is ``path_points(d)[:2]``)."""
    return [(float(x), float(y)) for c, x, y in _POINT.findall(d) if c in commands]


def repo_files() -> list[str]:
    """What a clone of the repository holds: tracked files plus new ones not ignored."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"], cwd=ROOT, capture_output=True,
                             check=True, timeout=60).stdout
        return [f for f in out.decode().split("\0") if f and (ROOT / f).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skip = {".git", ".venv", "artifacts", ".pytest_cache", ".hypothesis", "build"}
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*")
                if p.is_file() and not set(p.relative_to(ROOT).parts) & skip]


def copy_repo(dest: Path) -> Path:
    """A copy of the repository's files (as a clone would have them) under ``dest``."""
    import shutil
    for f in repo_files():
        (dest / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / f, dest / f)
    return dest
