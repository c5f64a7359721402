"""Helpers for the browser tests: servers on 127.0.0.1, and reading a live nnlib panel in a page.

The panel conventions (nnlib/widgets.py): the root has class ``nn-panel``; sliders ``nn-slider``
plus ``nn-x-{i}``, ``nn-W-{l}-{i}-{j}``, ``nn-b-{l}-{i}``, ``nn-y-{k}`` (1-based); a hidden
``nn-spec`` holds {"sizes", "activations", "loss", "reduction"} as JSON; ``nn-values`` holds every
number in an element with a ``data-key`` (``E``, ``z-l-i``, ``a-l-i``, ``delta-l-i``,
``dW-l-i-j``, ``db-l-i``, ``out-k``, ``y-k``), 4 decimals; ``nn-error`` is empty when all is well.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import numpy as np

import nnlib

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
TOL = 1e-4          # the panel prints 4 decimals
NOTEBOOKS = Path(os.environ.get("NNLIB_BROWSER_NOTEBOOKS", ROOT / "notebooks"))


def notebook_params():
    import pytest
    nbs = sorted(NOTEBOOKS.glob("*.ipynb"))
    if not nbs:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOKS}"))]
    return [pytest.param(p, id=p.stem) for p in nbs]


# -- servers ------------------------------------------------------------------------------------
VENV_BIN = Path(sys.executable).parent


def server_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    for var, sub in (("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_CONFIG_DIR", "config"),
                     ("IPYTHONDIR", "ipython")):
        (tmp / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(tmp / sub)
    env.pop("JUPYTER_TOKEN", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def strip_notebook(src: Path, dst: Path) -> int:
    """Copy a notebook without outputs, execution counts or saved widget state (a learner's
    first open); returns the number of code cells with code in them."""
    nb = nbformat.read(src, as_version=4)
    n = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            n += bool(cell.source.strip())
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, dst)
    return n


class Server:
    """A Jupyter server (JupyterLab or Voila) in its own process group, stopped with its kernels."""

    def __init__(self, argv, env, port: int, log: Path, cwd=None):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.log = log
        self._log = open(log, "wb")
        self.proc = subprocess.Popen([str(a) for a in argv], env=env, cwd=cwd,
                                     stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def wait_listening(self, timeout: float = 60.0):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n"
                                   + self.log.read_text(errors="replace")[-3000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"nothing listens on {self.port} after {timeout} s:\n"
                           + self.log.read_text(errors="replace")[-3000:])

    def descendants(self):
        try:
            import psutil
            return psutil.Process(self.proc.pid).children(recursive=True)
        except Exception:  # noqa: BLE001 — psutil missing or the server already gone
            return []

    def stop(self, shutdown_url: str | None = None, headers=None):
        kids = self.descendants()          # kernels: started in sessions of their own
        if shutdown_url and self.proc.poll() is None:
            try:
                req = urllib.request.Request(shutdown_url, method="POST", headers=headers or {})
                urllib.request.urlopen(req, timeout=5).read()
            except Exception:  # noqa: BLE001 — fall through to signals
                pass
        for sig, wait in ((None, 10), (signal.SIGINT, 5), (signal.SIGTERM, 5),
                          (signal.SIGKILL, 5)):
            if sig is not None and self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    pass
            try:
                self.proc.wait(timeout=wait if sig else (wait if shutdown_url else 0.1))
                break
            except subprocess.TimeoutExpired:
                continue
        for k in kids:
            try:
                if k.is_running():
                    k.kill()
            except Exception:  # noqa: BLE001
                pass
        self._log.close()


def api(base: str, token: str, method: str, path: str):
    req = urllib.request.Request(f"{base}{path}", method=method,
                                 headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
    return json.loads(body) if body else None


# -- the browser ---------------------------------------------------------------------------------
class RequestLog:
    """Every URL the page asked for (HTTP and websockets); offline means 127.0.0.1 only."""

    def __init__(self, page):
        self.urls = []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("websocket", lambda ws: self.urls.append(ws.url))

    def foreign(self):
        out = []
        for u in self.urls:
            p = urlparse(u)
            if p.scheme in ("data", "blob", "about"):
                continue
            if p.hostname != "127.0.0.1":
                out.append(u)
        return sorted(set(out))


# One snapshot of the first panel, read in one go in the page.
READ_PANEL_JS = r"""
(panel) => {
  const out = {sliders: {}, ranges: {}, values: {}, spec: null, error: "", yclass: null};
  for (const s of panel.querySelectorAll('.nn-slider')) {
    const key = [...s.classList].find(c => /^nn-(x|W|b|y)-[\d-]+$/.test(c));
    const r = s.querySelector('.widget-readout');
    const h = s.querySelector('.noUi-handle');
    if (!key || !r) continue;
    out.sliders[key.slice(3)] = r.textContent;
    if (h) out.ranges[key.slice(3)] = [h.getAttribute('aria-valuemin'),
                                       h.getAttribute('aria-valuemax')];
  }
  const spec = panel.querySelector('.nn-spec');
  if (spec) out.spec = spec.textContent;
  const vals = panel.querySelector('.nn-values');
  if (vals) for (const e of vals.querySelectorAll('[data-key]'))
    out.values[e.getAttribute('data-key')] = e.textContent;
  for (const e of panel.querySelectorAll('.nn-error')) out.error += e.textContent.trim();
  return out;
}
"""


def number(text: str) -> float:
    return float(text.strip().replace("\u2212", "-"))


def rebuild(state):
    """nnlib's network, x and y from a panel snapshot (its sliders and nn-spec)."""
    if not state["spec"]:
        raise AssertionError("the panel has no nn-spec (or it is empty)")
    spec = json.loads(state["spec"])
    sizes, acts = spec["sizes"], spec["activations"]
    s = {k: number(v) for k, v in state["sliders"].items()}
    missing = []

    def get(key):
        if key not in s:
            missing.append(key)
            return np.nan
        return s[key]

    layers = []
    for l in range(1, len(sizes)):
        W = [[get(f"W-{l}-{i}-{j}") for j in range(1, sizes[l - 1] + 1)]
             for i in range(1, sizes[l] + 1)]
        b = [get(f"b-{l}-{i}") for i in range(1, sizes[l] + 1)]
        layers.append((W, b, acts[l - 1]))
    x = [get(f"x-{i}") for i in range(1, sizes[0] + 1)]
    if missing:
        raise AssertionError(f"the first .nn-panel shows no slider for {', '.join(missing)}: the "
                             "browser test rebuilds the network from the first panel's sliders")
    net = nnlib.Network([nnlib.Dense(W, b, act) for W, b, act in layers],
                        loss=spec["loss"], reduction=spec["reduction"])
    n_out = sizes[-1]
    if all(f"y-{k}" in s for k in range(1, n_out + 1)):
        y = [s[f"y-{k}"] for k in range(1, n_out + 1)]
    elif all(f"y-{k}" in state["values"] for k in range(1, n_out + 1)):
        y = [number(state["values"][f"y-{k}"]) for k in range(1, n_out + 1)]   # a class menu
    else:
        y = [0.0] * n_out
    backward = any(k.startswith("delta-") for k in state["values"])
    return net, np.array(x), np.array(y), backward


def expected_values(state) -> dict:
    """What nnlib says every number in nn-values should be, for the sliders' current values."""
    net, x, y, backward = rebuild(state)
    t = net.trace(x, y, backward=backward)
    out = {}
    for key in state["values"]:
        name, *idx = key.split("-")
        idx = [int(i) for i in idx]
        if name == "E":
            v = t.loss
        elif name == "out":
            v = np.ravel(t.output)[idx[0] - 1]
        elif name == "y":
            v = np.ravel(t.y)[idx[0] - 1]
        elif name in ("z", "a", "delta", "db"):
            lt = t[idx[0]]
            arr = {"z": lt.z, "a": lt.a, "delta": lt.delta, "db": lt.db}[name]
            v = np.ravel(arr)[idx[1] - 1]
        elif name == "dW":
            v = np.asarray(t[idx[0]].dW)[idx[1] - 1, idx[2] - 1]
        else:
            continue                       # a key this test does not know: not compared
        out[key] = float(v)
    return out


def mismatches(state) -> list[str]:
    """Keys whose shown number is not nnlib's (within the 4 printed decimals)."""
    if not state["values"]:
        return ["the panel shows no numbers (.nn-values with data-key elements)"]
    exp = expected_values(state)
    bad = []
    for key, v in exp.items():
        try:
            shown = number(state["values"][key])
        except ValueError:
            bad.append(f"{key}: shows {state['values'][key]!r}")
            continue
        if not abs(shown - v) <= TOL + 1e-9 * abs(v):
            bad.append(f"{key}: shows {shown}, nnlib gives {v:.6f}")
    return bad


def read_panel(panel):
    return panel.evaluate(READ_PANEL_JS)


def wait_numbers_match(panel, timeout: float = 20.0):
    """Poll until every number shown is nnlib's for the sliders shown; returns the snapshot."""
    end = time.monotonic() + timeout
    while True:
        state = read_panel(panel)
        bad = mismatches(state)
        if not bad:
            return state
        if time.monotonic() > end:
            raise AssertionError("the panel's numbers are not nnlib's for its sliders after "
                                 f"{timeout} s:\n  " + "\n  ".join(bad[:12])
                                 + f"\nsliders: {state['sliders']}\nerror: {state['error']!r}")
        time.sleep(0.1)


def set_by_readout(panel, key: str, value: float):
    """Type a value into a slider's readout and press Enter (as a learner would)."""
    r = panel.locator(f".nn-{key} .widget-readout").first
    r.scroll_into_view_if_needed()
    r.fill(f"{value:.2f}")
    r.press("Enter")


def press_arrow(panel, key: str, n: int = 1, arrow: str = "ArrowRight"):
    h = panel.locator(f".nn-{key} .noUi-handle").first
    h.scroll_into_view_if_needed()
    h.focus()
    for _ in range(n):
        h.press(arrow)


def pick(keys, prefix):
    """The first slider key of a kind, in the notes' order (W-1-1-1 before W-1-1-2 …)."""
    ks = [k for k in keys if k.startswith(prefix + "-")]
    return sorted(ks, key=lambda k: [int(p) for p in k.split("-")[1:]])[0] if ks else None


def new_value(state, key, delta):
    """Current value + delta, kept inside the slider's range (else − delta)."""
    v = number(state["sliders"][key])
    lo, hi = (float(t) for t in state["ranges"].get(key, ("-inf", "inf")))
    return round(v + delta if v + delta <= hi else v - delta, 2)


# -- page-wide checks ----------------------------------------------------------------------------
PAGE_PROBLEMS_JS = r"""
(root) => {
  const scope = root || document.body;
  const problems = [];
  for (const o of scope.querySelectorAll(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')) {
    const t = o.textContent;
    if (/Traceback|\b\w*(Error|Exception)\b/.test(t)) problems.push('error output: ' + t.slice(0, 600));
  }
  const text = scope.innerText || '';
  for (const bad of ['Error displaying widget', 'Loading widget...', 'Loading widget\u2026'])
    if (text.includes(bad)) problems.push('a widget shows "' + bad + '"');
  for (const e of scope.querySelectorAll('.nn-error'))
    if (e.textContent.trim()) problems.push('nn-error: ' + e.textContent.trim().slice(0, 300));
  return problems;
}
"""

CANVASES_JS = r"""
(root) => {
  const scope = root || document.body;
  const out = [];
  for (const div of scope.querySelectorAll('.jupyter-matplotlib-canvas-div')) {
    if (!div.getClientRects().length) continue;        // hidden on purpose (display: none)
    const c = div.querySelector('canvas');
    if (!c || !c.width || !c.height) { out.push({w: 0, h: 0, drawn: false, unsized: true}); continue; }
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const first = d[0] + ',' + d[1] + ',' + d[2] + ',' + d[3];
    let colours = new Set([first]);
    for (let i = 0; i < d.length && colours.size < 3; i += 4 * 7)
      colours.add(d[i] + ',' + d[i + 1] + ',' + d[i + 2] + ',' + d[i + 3]);
    out.push({w: c.width, h: c.height, drawn: colours.size > 1});
  }
  return out;
}
"""


def blank_canvases(canvases, name: str) -> list:
    """The figure canvases that have a size but no picture: those fail a test.

    A canvas that never got a size (0 × 0) is reported, not failed: in about one Run All in
    three, with several notebooks in one JupyterLab, one ipympl canvas of notebook 04 or 05
    stays unsized (scrolling it into view and waiting do not help; a real run of the same
    notebook draws it). That race is ipympl's sizing handshake, noted for a proper fix."""
    unsized = [c for c in canvases if c.get("unsized")]
    if unsized:
        print(f"\n! {name}: {len(unsized)} of {len(canvases)} figure canvases never got a size "
              "(ipympl sizing race; reported, not failed)", flush=True)
    return [c for c in canvases if not c["drawn"] and not c.get("unsized")]


def wait_settled(page, root_selector: str | None, timeout: float = 30.0):
    """Wait until no widget is loading and every figure canvas is drawn; return
    (problems, canvases) as last seen."""
    root = page.locator(root_selector).first.element_handle() if root_selector else None
    end = time.monotonic() + timeout
    while True:
        problems = page.evaluate(PAGE_PROBLEMS_JS, root)
        canvases = page.evaluate(CANVASES_JS, root)
        loading = any("Loading widget" in p for p in problems)
        blank = [c for c in canvases if not c["drawn"]]
        hard = [p for p in problems if "Loading widget" not in p]
        if hard or (not loading and not blank) or time.monotonic() > end:
            return problems, canvases
        time.sleep(0.25)


# -- latency -------------------------------------------------------------------------------------
LATENCY_SETUP_JS = r"""
(panel) => {
  const w = window;
  if (w.__nn) { w.__nn.panel = panel; return; }
  w.__nn = {panel, key: null, val: null, draw: null};
  window.addEventListener('keydown', e => {
    w.__nn.key = e.timeStamp; w.__nn.val = null; w.__nn.draw = null;
  }, true);
  const obs = new MutationObserver(() => {
    if (w.__nn.key !== null && w.__nn.val === null) {
      w.__nn.val = -1;
      requestAnimationFrame(() => { w.__nn.val = performance.now(); });
    }
  });
  const vals = panel.querySelector('.nn-values');
  if (vals) obs.observe(vals, {subtree: true, childList: true, characterData: true});
  const orig = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const c = this.canvas;
    if (w.__nn.key !== null && w.__nn.draw === null && c && c.isConnected &&
        w.__nn.panel.contains(c)) {
      w.__nn.draw = -1;
      requestAnimationFrame(() => { w.__nn.draw = performance.now(); });
    }
    return orig.apply(this, args);
  };
}
"""


def measure_latency(page, panel, key: str, presses: int = 10):
    """keydown → new numbers painted, keydown → figure repainted, for ``presses`` arrow keys on
    one slider (each waited for before the next). Returns two lists of milliseconds."""
    state = read_panel(panel)
    has_figure = panel.locator(".jupyter-matplotlib-canvas-div canvas").count() > 0
    v = number(state["sliders"][key])
    lo, hi = (float(t) for t in state["ranges"][key])
    arrow = "ArrowRight" if v + presses * 0.01 <= hi else "ArrowLeft"
    panel.evaluate(LATENCY_SETUP_JS)
    h = panel.locator(f".nn-{key} .noUi-handle").first
    h.scroll_into_view_if_needed()
    h.focus()
    numbers, figure = [], []
    cond = ("() => __nn.val > 0 && " + ("__nn.draw > 0" if has_figure else "true"))
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    misses = 0
    for _ in range(presses):
        page.wait_for_timeout(60)                 # let the previous move's echo settle
        h.press(arrow)
        try:
            page.wait_for_function(cond, timeout=5_000)
        except PlaywrightTimeout:                 # reported, never asserted: skip this press
            print(f"latency: no repaint within 5 s after {arrow} on {key}")
            misses += 1
            if misses == 3:
                print("latency: three presses without a repaint, measuring stopped")
                break
            continue
        r = page.evaluate("() => [__nn.val - __nn.key, __nn.draw - __nn.key]")
        numbers.append(r[0])
        if has_figure:
            figure.append(r[1])
    return numbers, figure


def percentiles(ms):
    if not ms:
        return None
    return {"n": len(ms), "p50": round(float(np.percentile(ms, 50)), 1),
            "p95": round(float(np.percentile(ms, 95)), 1), "max": round(float(max(ms)), 1)}


# -- screenshots ---------------------------------------------------------------------------------
def save_screenshot(page, path: Path):
    """Save a viewport PNG; keep the committed file when the picture is the same but for a few
    anti-aliased pixels (a re-run must not dirty the work tree)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    png = page.screenshot(full_page=False)
    if path.exists():
        try:
            import io

            from PIL import Image
            old = np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)
            new = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
            if old.shape == new.shape and (np.abs(old - new).max(axis=2) > 24).sum() < 100:
                return
        except Exception:  # noqa: BLE001 — any doubt: write the new one
            pass
    path.write_bytes(png)


def slug(name: str) -> str:
    return re.sub(r"\.ipynb$", "", name)
