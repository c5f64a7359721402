"""nnlib as ``pip install .`` installs it: a wheel built from a clean copy of the repository,
installed into a fresh virtual environment, must hold every module and data file of nnlib, and a
notebook must run top to bottom with it.

An editable install (what ``tasks.py`` makes) imports nnlib from the source tree and so hides a
package or data file the wheel leaves out; this test never sees the source tree. The fresh
environment borrows the test environment's third-party packages through a ``.pth`` line (no
download) but not its editable nnlib: a ``.pth`` file in a borrowed folder is not executed, and
nnlib's own files are checked to come from the fresh environment.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from helpers import ROOT, copy_repo

pytestmark = pytest.mark.slow

NOTEBOOK = "01_fully_connected_layer.ipynb"

CHECK = r"""
import importlib, json, pkgutil, sys
from pathlib import Path
import nnlib
home = Path(nnlib.__file__).parent
found = {"file": nnlib.__file__, "modules": {}, "data": []}
for info in pkgutil.walk_packages(nnlib.__path__, "nnlib."):
    found["modules"][info.name] = importlib.import_module(info.name).__file__
found["data"] = sorted(str(p.relative_to(home)) for p in home.rglob("*")
                       if p.is_file() and p.suffix not in (".py", ".pyc"))
print(json.dumps(found))
"""

EXECUTE = r"""
import sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell("import nnlib; print('NNLIB FROM', nnlib.__file__)"))
NotebookClient(nb, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": sys.argv[2]}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
          if o.output_type == "error"]
assert not errors, errors
print(nb.cells[-1].outputs[0]["text"].strip())
"""


def source_modules() -> set[str]:
    """Every module of nnlib in the source tree, as dotted names."""
    pkg = ROOT / "nnlib"
    out = set()
    for p in pkg.rglob("*.py"):
        parts = p.relative_to(ROOT).with_suffix("").parts
        out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    out.discard("nnlib")
    return out


def source_data() -> set[str]:
    """nnlib's files that are not Python (e.g. the views' JavaScript), tracked by git."""
    pkg = ROOT / "nnlib"
    return {str(p.relative_to(pkg)) for p in pkg.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}


def test_wheel_installed_in_a_fresh_venv_has_all_of_nnlib_and_runs_a_notebook(tmp_path):
    src = copy_repo(tmp_path / "src")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-q", "-w", dist, src], check=True,
                   timeout=300, cwd=tmp_path)
    wheels = list(dist.glob("nnlib-*.whl"))
    assert len(wheels) == 1, wheels

    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the test environment's third-party packages, found after the fresh site-packages
    (site / "_borrowed_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", py, "install", "--no-deps",
                    "--no-index", "--disable-pip-version-check", "-q", wheels[0]],
                   check=True, timeout=300)

    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    clean["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{clean.get('PATH', '')}"
    r = subprocess.run([py, "-c", CHECK], capture_output=True, text=True, cwd=tmp_path,
                       env=clean, timeout=120)
    assert r.returncode == 0, r.stderr[-3000:]
    found = json.loads(r.stdout)
    assert found["file"].startswith(str(site)), f"nnlib imported from {found['file']}"
    missing = source_modules() - set(found["modules"])
    assert not missing, f"the wheel lacks {sorted(missing)}"
    outside = {m: f for m, f in found["modules"].items() if not f.startswith(str(site))}
    assert not outside, f"modules imported from outside the fresh venv: {outside}"
    lacking = source_data() - set(found["data"])
    assert not lacking, f"the wheel lacks nnlib's data files {sorted(lacking)}"

    work = tmp_path / "notebooks"
    work.mkdir()
    nb = work / NOTEBOOK
    nb.write_bytes((ROOT / "notebooks" / NOTEBOOK).read_bytes())
    (tmp_path / "execute.py").write_text(EXECUTE)
    r = subprocess.run([py, tmp_path / "execute.py", nb, work], capture_output=True, text=True,
                       cwd=work, env=clean, timeout=600)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
    where = r.stdout.strip().splitlines()[-1]
    assert where.startswith("NNLIB FROM " + str(site)), where
