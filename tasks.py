#!/usr/bin/env python3
"""The project's commands. Needs only Python 3.11+; everything else is installed into .venv.

    python3 tasks.py lab            set up .venv and open JupyterLab on notebooks/
    python3 tasks.py test           set up .venv (+ test tools, Chromium) and run every test
    python3 tasks.py voila [NB]     serve a notebook as a classroom app (widgets only, no code)
    python3 tasks.py bench          speed benchmarks (nnlib.trace and slider-move latency)
    python3 tasks.py execute [NB]   build notebooks (both editions) from notebooks/src/, run them
                                    and save the outputs they produce
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CHROMIUM = "/usr/bin/chromium"
FONTS = {"fonts-wqy-microhei": "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",      # 中文
         "fonts-noto-color-emoji": "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"}


def sh(*cmd, **kw):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def setup(requirements: str) -> None:
    """Create .venv and install ``requirements`` plus nnlib itself (editable), once per change."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11+ is needed, this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    files = [ROOT / requirements, ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    stamp = VENV / f".installed-{requirements}-{digest}"
    if stamp.exists():
        return
    sh(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--disable-pip-version-check", "-q",
       "-r", ROOT / requirements, "-e", ROOT)
    for old in VENV.glob(f".installed-{requirements}-*"):
        old.unlink()
    stamp.touch()


def ensure_chromium() -> bool:
    """Debian's chromium for the browser tests, and fonts for the notebooks' Chinese text and
    emoji headings (else boxes in the browser and in docs/screenshots); installed with apt-get
    when we are root."""
    missing = [pkg for pkg, path in {"chromium": CHROMIUM, **FONTS}.items()
               if not Path(path).exists()]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        try:
            sh("apt-get", "update", "-q", env=env, stdout=subprocess.DEVNULL)
            sh("apt-get", "install", "-y", "-q", *missing, env=env, stdout=subprocess.DEVNULL)
        except subprocess.CalledProcessError as exc:
            print(f"! apt-get could not install {' '.join(missing)}: {exc}", flush=True)
    return Path(CHROMIUM).exists()


def jupyter_env() -> dict:
    return dict(os.environ, PATH=f"{VENV / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")


def trust_notebooks(env) -> None:
    """Mark the repository's own notebooks as trusted, so JupyterLab draws their saved widget
    state (the panels' pictures) before they run; a fresh clone's notebooks are not trusted."""
    nbs = sorted(str(p) for p in (ROOT / "notebooks").rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts)
    if nbs:
        subprocess.run([str(VENV / "bin" / "jupyter"), "trust", *nbs], env=env, check=False,
                       stdout=subprocess.DEVNULL)


def lab(args):
    setup("requirements.txt")
    trust_notebooks(jupyter_env())
    extra = ["--allow-root"] if os.geteuid() == 0 else []
    os.execve(str(VENV / "bin" / "jupyter"),
              ["jupyter", "lab", f"--notebook-dir={ROOT / 'notebooks'}", *extra, *args],
              jupyter_env())


def voila_command(nb, extra=()):
    """Voila on 127.0.0.1 with the offline template (share/jupyter/voila/templates/nnlib: Voila's
    lab template without its CDN links), so a classroom needs no internet."""
    env = jupyter_env()
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(ROOT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH")) if p)
    argv = [str(VENV / "bin" / "voila"), str(nb), "--template=nnlib", "--Voila.ip=127.0.0.1",
            *extra]
    return argv, env


def voila(args):
    setup("requirements.txt")
    nb = args[0] if args else "notebooks/03_worked_example.ipynb"
    argv, env = voila_command(nb, args[1:])
    os.execve(argv[0], argv, env)


def test(args):
    setup("requirements-test.txt")
    env = jupyter_env()
    if not ensure_chromium():
        if os.environ.get("CI"):
            sys.exit("CI needs /usr/bin/chromium for the browser tests, and it could not be "
                     "installed")
        print("! /usr/bin/chromium is missing (install Debian's 'chromium' package): the browser "
              "tests will be skipped", flush=True)
        env["NNLIB_SKIP_BROWSER"] = "1"
    cmd = [PY, "-m", "pytest", "tests", "notebooks",
           "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", ROOT / "tests" / "nbval_sanitize.cfg",
           "--nbval-cell-timeout", "120", *args]
    print("+", " ".join(str(c) for c in cmd), flush=True)
    sys.exit(subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env).returncode)


def bench(args):
    setup("requirements-test.txt")
    env = dict(jupyter_env(), OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        sh(PY, script, *args, cwd=ROOT, env=env)


def execute(args):
    """Build the named notebooks (or all) from their Markdown source in notebooks/src/, then run
    each top to bottom in a fresh kernel and save it with its outputs."""
    setup("requirements-test.txt")
    every = sorted(p.stem for p in (ROOT / "notebooks" / "src").glob("*.md"))
    names = []
    for a in args:                  # a path, a name, or its number: 03, 03_worked_example, …
        found = [n for n in every if n == Path(a).stem or n.startswith(Path(a).stem + "_")]
        if len(found) != 1:
            sys.exit(f"execute: {a!r} names no notebook in notebooks/src/ ({', '.join(every)})")
        names += found
    names = names or every
    sources = [ROOT / "notebooks" / "src" / f"{n}.md" for n in names]
    sh(PY, ROOT / "tools" / "notebook_source.py", "build", *sources, cwd=ROOT)
    sys.path.insert(0, str(ROOT / "tools"))
    import notebook_source                   # which editions each source has (zh, and en)
    built = [notebook_source.target(s, e) for s in sources for e in notebook_source.editions(s)]
    sh(PY, ROOT / "tests" / "execute_notebooks.py", *built, cwd=ROOT, env=jupyter_env())


COMMANDS = {"lab": lab, "test": test, "voila": voila, "bench": bench, "execute": execute}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
