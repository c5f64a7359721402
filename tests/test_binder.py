"""Binder: what repo2docker builds from binder/, replayed here, and every notebook run in it.

repo2docker (the tool behind mybinder.org) reads only binder/ once that folder exists. This test
asks repo2docker for the Dockerfile it would build (``--no-build``, no Docker needed), checks the
Python version and the steps it takes from binder/, then replays those steps the way the image
build runs them: a fresh virtual environment of that Python, the repository copied in, the
assemble steps (``pip install -r binder/requirements.txt``) run from the repository root as an
unprivileged user with a home of its own (``nobody`` when the tests run as root), packages from
the package index with no cache. Every notebook then runs top to bottom in that environment
(nbclient) without an error.

What differs from a real Binder image: repo2docker makes its Python with conda (and puts its own
JupyterLab there first, which binder/requirements.txt then pins); here it is the machine's
python3.X in a venv. The steps taken from binder/ are the same.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from helpers import repo_files

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
VENV_BIN = Path(sys.executable).parent
NOTEBOOKS = Path(os.environ.get("NNLIB_BROWSER_NOTEBOOKS", ROOT / "notebooks"))
BADGE = re.compile(r"https://mybinder\.org/v2/gh/[^/\s]+/[^/\s]+/HEAD\?urlpath=([^\s)\"']+)")


def runtime_python() -> str:
    text = (BINDER / "runtime.txt").read_text().strip()
    m = re.fullmatch(r"python-(3\.\d+)", text)
    assert m, f"binder/runtime.txt should read python-3.X, it reads {text!r}"
    return m.group(1)


def repo2docker_dockerfile() -> tuple[str, str]:
    exe = VENV_BIN / "jupyter-repo2docker"
    if not exe.exists():
        pytest.skip("jupyter-repo2docker is not installed (requirements-test.txt has it)")
    r = subprocess.run([exe, "--no-build", "--no-run", "--user-id", "1000", "--user-name",
                        "jovyan", ROOT], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout, r.stderr


def assemble_steps(dockerfile: str) -> list[str]:
    """The RUN steps after the repository is copied in, up to the entrypoint: what
    repo2docker takes from binder/ (the install, then postBuild after the labels)."""
    lines, joined = dockerfile.splitlines(), []
    buf = ""
    for line in lines:
        buf += line.rstrip("\\") + (" " if line.endswith("\\") else "")
        if not line.endswith("\\"):
            joined.append(buf.strip())
            buf = ""
    copies = [i for i, line in enumerate(joined)
              if re.match(r"COPY (--chown=\S+ )?src/ \$\{REPO_DIR\}/$", line)]
    assert copies, "repo2docker's Dockerfile no longer copies the repository as this test expects"
    steps, user = [], None
    for line in joined[copies[-1] + 1:]:
        if line.startswith("USER "):
            user = line.split()[1]
        elif line.startswith("RUN "):
            assert user == "${NB_USER}", f"an assemble step runs as {user}, not the user: {line}"
            steps.append(line[4:])
        elif line.startswith(("ENTRYPOINT", "CMD")):
            break
    return steps


def test_repo2docker_reads_binder_folder():
    """Python from runtime.txt; the build steps are pip on binder/requirements.txt, run after
    the whole repository is copied (so '-e .' installs nnlib), then binder/postBuild (which
    trusts the notebooks, so their saved panels show before they run)."""
    dockerfile, log = repo2docker_dockerfile()
    version = runtime_python()
    assert f"python={version}" in log, log[-2000:]
    assert assemble_steps(dockerfile) == [
        '${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"',
        "chmod +x binder/postBuild", "./binder/postBuild"]
    reqs = (BINDER / "requirements.txt").read_text().split()
    assert "-r" in reqs and "../requirements.txt" in reqs and "-e" in reqs and "." in reqs


def test_readme_binder_links_open_existing_notebooks():
    readme = (ROOT / "README.md").read_text()
    targets = BADGE.findall(readme)
    assert targets, "README.md has no mybinder.org link"
    have = {p.relative_to(ROOT / "notebooks").as_posix()
            for p in (ROOT / "notebooks").glob("*.ipynb")} | \
        {p.relative_to(ROOT / "notebooks").as_posix()
         for p in (ROOT / "notebooks").glob("en/*.ipynb")}
    for edition in ("", "en/"):                          # both editions, from notebook 01 on
        assert any(f"lab/tree/notebooks/{edition}01_" in t for t in targets), \
            f"no Binder link to notebooks/{edition}01"
    for t in targets:
        m = re.fullmatch(r"(?:lab/tree|voila/render)/notebooks/((?:en/)?\d\d_\w+\.ipynb)", t)
        assert m, f"unexpected Binder urlpath {t!r}"
        assert m.group(1) in have, f"README links Binder to {t}: no such notebook"
    for nb in have:                                      # and every notebook has its link
        assert any(t.endswith("notebooks/" + nb) for t in targets), f"no Binder link to {nb}"


def find_python(version: str, user: list[str]) -> str | None:
    """A python{version} with venv that ``user`` (the setpriv prefix, or none) can run."""
    for cand in (f"/usr/bin/python{version}", shutil.which(f"python{version}"), sys.executable):
        if not cand:
            continue
        r = subprocess.run(user + [cand, "-c", "import sys, venv; "
                                   "print('%d.%d' % sys.version_info[:2])"],
                           capture_output=True, text=True, cwd="/")
        if r.returncode == 0 and r.stdout.strip() == version:
            return cand
    return None


# every notebook signed as trusted by postBuild (for the user the image runs as)
CHECK_TRUST = """
import sys
import nbformat
from nbformat.sign import NotebookNotary
notary = NotebookNotary()
for p in sys.argv[1:]:
    print(p, "trusted" if notary.check_signature(nbformat.read(p, 4)) else "untrusted")
"""

EXECUTE = """
import sys, time
from pathlib import Path
import nbformat
from nbclient import NotebookClient
for arg in sys.argv[1:]:
    p = Path(arg)
    nb = nbformat.read(p, as_version=4)
    t = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(p.parent)}}).execute()
    print(f"{p.name}: ran in {time.perf_counter() - t:.1f} s", flush=True)
"""


@pytest.mark.slow
def test_binder_recipe_replayed_runs_every_notebook():
    dockerfile, _ = repo2docker_dockerfile()
    steps = assemble_steps(dockerfile)
    version = runtime_python()
    user = []
    if os.geteuid() == 0 and shutil.which("setpriv"):   # as the image build does: not root
        user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    elif os.geteuid() == 0:
        print("binder replay: no setpriv, so the steps run as root here")
    python = find_python(version, user)
    if python is None:
        pytest.skip(f"no python{version} with venv on this machine to replay binder/ with")

    tmp = Path(tempfile.mkdtemp(prefix="nnlib-binder-"))
    try:
        os.chmod(tmp, 0o755)
        home = tmp / "home"
        repo = home / "repo"                        # REPO_DIR (= HOME on Binder)
        for f in repo_files():
            (repo / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / f, repo / f)
        if NOTEBOOKS != ROOT / "notebooks":         # developing the tests on other notebooks
            (repo / "notebooks").mkdir(exist_ok=True)
            for nb in NOTEBOOKS.glob("*.ipynb"):
                shutil.copy2(nb, repo / "notebooks" / nb.name)
        prefix = home / "env"                       # KERNEL_PYTHON_PREFIX
        if user:
            subprocess.run(["chown", "-R", "65534:65534", home], check=True)
        env = {k: v for k, v in os.environ.items()
               if k.startswith("PIP_") or k.lower() in ("http_proxy", "https_proxy", "no_proxy")
               or k in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "LANG", "LC_ALL", "TZ")}
        env.update(HOME=str(home), USER="jovyan", PATH=f"{prefix / 'bin'}:/usr/bin:/bin",
                   PYTHONUNBUFFERED="1", PIP_DISABLE_PIP_VERSION_CHECK="1")

        def run(cmd, timeout):
            start = time.monotonic()
            r = subprocess.run(user + ["sh", "-c", cmd], cwd=repo, env=env, text=True,
                               capture_output=True, timeout=timeout)
            print(f"binder replay: {time.monotonic() - start:5.1f} s  {cmd[:100]}", flush=True)
            assert r.returncode == 0, f"$ {cmd}\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
            return r.stdout

        run(f"{python} -m venv {prefix}", 120)
        for step in steps:
            run(step.replace("${KERNEL_PYTHON_PREFIX}", str(prefix)), 600)

        where = run(f"{prefix}/bin/python -c 'import nnlib; print(nnlib.__file__)'", 60)
        assert where.strip().startswith(str(repo)), f"nnlib comes from {where}, not the repo"
        labext = run(f"{prefix}/bin/jupyter labextension list 2>&1", 120)
        for ext in ("@jupyter-widgets/jupyterlab-manager", "anywidget"):
            assert re.search(re.escape(ext) + r".*enabled.*OK", labext), labext
        (tmp / "check_trust.py").write_text(CHECK_TRUST)
        os.chmod(tmp / "check_trust.py", 0o644)
        trusted = run(f"{prefix}/bin/python {tmp / 'check_trust.py'} " + " ".join(
            str(p.relative_to(repo)) for p in sorted((repo / "notebooks").rglob("*.ipynb"))), 120)
        assert "untrusted" not in trusted, trusted
        serverext = run(f"{prefix}/bin/jupyter server extension list 2>&1", 120)
        assert re.search(r"voila.*enabled", serverext), serverext     # the voila/render link

        nbs = sorted(str(p.relative_to(repo)) for p in (repo / "notebooks").glob("*.ipynb")) + \
            sorted(str(p.relative_to(repo)) for p in (repo / "notebooks").glob("en/*.ipynb"))
        if nbs:
            (tmp / "execute.py").write_text(EXECUTE)
            os.chmod(tmp / "execute.py", 0o644)
            print(run(f"{prefix}/bin/python {tmp / 'execute.py'} " + " ".join(nbs), 900))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
