"""Helpers for the browser tests: servers on 127.0.0.1, and reading a live nnlib panel in a page.

The panel conventions (nnlib/widgets): the root has class ``nn-panel``; each slider is a row
``.nn-slider.nn-x-1`` (``nn-W-{l}-{i}-{j}``, ``nn-b-{l}-{i}``, ``nn-y-{k}``; 1-based) holding an
``input.nn-range`` and an ``input.nn-readout``; the class target is ``.nn-y-class`` toggle
buttons; a hidden ``nn-spec`` holds {"sizes", "activations", "loss", "reduction"} as JSON;
``nn-values`` holds every number in an element with a ``data-key`` (``E``, ``z-l-i``, ``a-l-i``,
``delta-l-i``, ``dW-l-i-j``, ``db-l-i``, ``out-k``, ``y-k``), as nnlib.fmt writes them; the
diagram's SVG texts carry ``data-id`` (``t-l-i`` a unit's lines, ``e-l-i-j`` an edge);
``nn-error`` is empty when all is well. Every browser-drawn view has ``nn-view``.
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


def notebooks() -> list[Path]:
    """Every notebook of both editions: notebooks/NN.ipynb (Chinese), notebooks/en/NN.ipynb."""
    return sorted(NOTEBOOKS.glob("*.ipynb")) + sorted(NOTEBOOKS.glob("en/*.ipynb"))


def rel(nb: Path) -> str:
    """A notebook's path under the notebooks folder: "03_worked_example.ipynb", "en/03_…"."""
    return nb.relative_to(NOTEBOOKS).as_posix()


def edition(nb: Path) -> str:
    return "en" if rel(nb).startswith("en/") else "zh"


def notebook_params():
    import pytest
    nbs = notebooks()
    if not nbs:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no notebooks in {NOTEBOOKS}"))]
    return [pytest.param(p, id=rel(p).removesuffix(".ipynb").replace("/", "-")) for p in nbs]


# the text of every output (widgets, prints, tables) a learner reads in the page
OUTPUT_TEXT_JS = r"""
(root) => [...(root || document).querySelectorAll('.jp-OutputArea-output, .jp-OutputArea-child')]
  .filter(e => !e.parentElement.closest('.jp-OutputArea-output'))
  .map(e => e.innerText).filter(t => t && t.trim())
"""


def foreign_words(page, root_selector: str | None, lang: str) -> list[str]:
    """Words of the other language in what the page's outputs show (tests/language.py's rule:
    in Chinese, English only in parentheses, code or maths; in English, no Chinese)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from language import foreign
    root = page.locator(root_selector).first.element_handle() if root_selector else None
    found = []
    for text in page.evaluate(OUTPUT_TEXT_JS, root):
        words = foreign(text, lang)
        if words:
            found.append(f"{sorted(set(words))[:8]} in {text[:100]!r}")
    return found


# -- servers ------------------------------------------------------------------------------------
VENV_BIN = Path(sys.executable).parent


def server_env(tmp: Path) -> dict:
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    for var, sub in (("JUPYTERLAB_SETTINGS_DIR", "settings"),
                     ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_CONFIG_DIR", "config"),
                     ("JUPYTER_DATA_DIR", "data"), ("IPYTHONDIR", "ipython")):
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


def widget_outputs(src: Path) -> int:
    """How many widget displays a notebook's outputs hold (each must show as a widget)."""
    nb = nbformat.read(src, as_version=4)
    return sum("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


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


def api(base: str, token: str, method: str, path: str, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{base}{path}", method=method, data=data,
                                 headers={"Authorization": f"token {token}",
                                          "Content-Type": "application/json"})
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


# One snapshot of a panel, read in one go in the page.
READ_PANEL_JS = r"""
(panel) => {
  const out = {sliders: {}, ranges: {}, values: {}, units: {}, edges: {}, spec: null,
               error: "", yclass: null};
  for (const row of panel.querySelectorAll('.nn-slider')) {
    const key = [...row.classList].find(c => /^nn-(x|W|b|y)-[\d-]+$/.test(c));
    const r = row.querySelector('.nn-readout'), range = row.querySelector('.nn-range');
    if (!key || !r) continue;
    out.sliders[key.slice(3)] = r.value;
    if (range) out.ranges[key.slice(3)] = [range.min, range.max];
  }
  const on = panel.querySelector('.nn-y-class .nn-toggle-button.nn-on');
  if (on) out.yclass = on.textContent;
  const spec = panel.querySelector('.nn-spec');
  if (spec) out.spec = spec.textContent;
  const vals = panel.querySelector('.nn-values');
  if (vals) for (const e of vals.querySelectorAll('[data-key]'))
    out.values[e.getAttribute('data-key')] = e.textContent;
  for (const t of panel.querySelectorAll('.nn-diagram text[data-id^="t-"]'))
    out.units[t.getAttribute('data-id')] = [...t.querySelectorAll('tspan')].map(s => s.textContent);
  for (const e of panel.querySelectorAll('.nn-diagram line[data-id^="e-"]'))
    out.edges[e.getAttribute('data-id')] = e.getAttribute('stroke');
  for (const e of panel.querySelectorAll('.nn-error')) out.error += e.textContent.trim();
  return out;
}
"""


def number(text: str) -> float:
    return float(text.strip().replace("\u2212", "-"))


def rebuild(state):
    """nnlib's network, x and y from a panel snapshot (its readouts and nn-spec)."""
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
        raise AssertionError(f"the panel shows no slider for {', '.join(missing)}: the browser "
                             "test rebuilds the network from the first panel's sliders")
    net = nnlib.Network([nnlib.Dense(W, b, act) for W, b, act in layers],
                        loss=spec["loss"], reduction=spec["reduction"])
    n_out = sizes[-1]
    if state["yclass"]:
        y = np.eye(n_out)[int(state["yclass"]) - 1]
    elif all(f"y-{k}" in s for k in range(1, n_out + 1)):
        y = np.array([s[f"y-{k}"] for k in range(1, n_out + 1)])
    else:
        y = np.zeros(n_out)
    return net, np.array(x), y, not spec.get("forward_only", False)


def expected(state) -> dict:
    """What nnlib says every number of the values table and of the diagram's units should read
    (formatted by nnlib.fmt, the panel's one formatter), for the readouts shown."""
    from nnlib import fmt
    net, x, y, backward = rebuild(state)
    t = net.trace(x, y, backward=backward)
    values = {}
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
            v = np.ravel({"z": lt.z, "a": lt.a, "delta": lt.delta, "db": lt.db}[name])[idx[1] - 1]
        elif name == "dW":
            v = np.asarray(t[idx[0]].dW)[idx[1] - 1, idx[2] - 1]
        else:
            continue                       # a key this test does not know: not compared
        values[key] = fmt.num(v)
    units = {}
    for l in range(1, t.L + 1):
        for i in range(t[l].z.shape[0]):
            lines = [f"z {fmt.num(t[l].z[i], 2)}", f"a {fmt.num(t[l].a[i], 2)}"]
            if backward:
                lines.append(f"δ {fmt.num(t[l].delta[i], 3)}")
            units[f"t-{l}-{i + 1}"] = lines
    return {"values": values, "units": units}


def mismatches(state) -> list[str]:
    """Numbers shown (table and diagram) that are not nnlib's for the readouts shown."""
    if not state["values"]:
        return ["the panel shows no numbers (.nn-values with data-key elements)"]
    exp = expected(state)
    bad = [f"{k}: shows {state['values'][k]!r}, nnlib gives {v!r}"
           for k, v in exp["values"].items() if state["values"][k] != v]
    if state["units"]:
        bad += [f"diagram {k}: shows {state['units'].get(k)}, nnlib gives {v}"
                for k, v in exp["units"].items() if state["units"].get(k) != v]
    return bad


def read_panel(panel):
    return panel.evaluate(READ_PANEL_JS)


def wait_numbers_match(panel, timeout: float = 20.0):
    """Poll until every number shown is nnlib's for the readouts shown; returns the snapshot."""
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


def type_into(panel, key: str, text: str):
    """Type into a slider's readout and press Enter (as a learner would)."""
    r = panel.locator(f".nn-{key} .nn-readout").first
    r.scroll_into_view_if_needed()
    r.fill(text)
    r.press("Enter")


def set_by_readout(panel, key: str, value: float):
    type_into(panel, key, f"{value:.2f}")


def press_arrow(panel, key: str, n: int = 1, arrow: str = "ArrowRight"):
    h = panel.locator(f".nn-{key} .nn-range").first
    h.scroll_into_view_if_needed()
    h.focus()
    for _ in range(n):
        h.press(arrow)


def click(panel, key: str):
    b = panel.locator(f".nn-{key}").first
    b.scroll_into_view_if_needed()
    b.click()


def readout(panel, key: str) -> str:
    return panel.locator(f".nn-{key} .nn-readout").first.input_value()


def wait_readout_changes(page, panel, key: str, old: str, timeout_ms: int = 20_000):
    page.wait_for_function(
        "([p, key, old]) => { const r = p.querySelector('.nn-' + key + ' .nn-readout');"
        " return r && r.value !== old; }", arg=[panel.element_handle(), key, old],
        timeout=timeout_ms)


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

# Every browser-drawn view must show something: a picture with drawn shapes of some size, a
# formula or table with text, controls with inputs. A view that is there but blank, or a widget
# output that never became a view, is a failure.
VIEWS_JS = r"""
(root) => {
  const scope = root || document.body;
  const views = [...scope.querySelectorAll('.nn-view')];
  const blank = [];
  for (const v of views) {
    if (!v.getClientRects().length) continue;            // in a closed tab: not on screen
    const cls = [...v.classList].filter(c => c.startsWith('nn-') && c !== 'nn-view').join(' ');
    if (v.classList.contains('nn-scene')) {
      const svg = v.querySelector('svg');
      const box = svg && svg.getBoundingClientRect();
      const drawn = svg ? [...svg.querySelectorAll('circle, rect, line, path, polygon, text')]
        .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length : 0;
      if (!svg || box.width < 10 || box.height < 10 || drawn === 0) blank.push('picture ' + cls);
    } else if (v.classList.contains('nn-template')) {
      if (!v.textContent.trim()) blank.push('numbers ' + cls);
    } else if (v.classList.contains('nn-controls')) {
      if (!v.querySelector('input, button, select')) blank.push('controls ' + cls);
    } else if (v.classList.contains('nn-raster')) {           // canvas pictures say when drawn
      const c = v.querySelector('canvas');
      if (!c || c.width < 2 || v.getAttribute('data-drawn') !== '1') blank.push('raster ' + cls);
    }
  }
  const shown = scope.querySelectorAll('.jupyter-widgets.widget-container, .nn-view').length;
  const outputs = scope.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]').length;
  const empty = [...scope.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')]
    .filter(o => !o.querySelector('.jupyter-widgets, .nn-view')).length;
  return {views: views.length, blank, outputs, empty, shown};
}
"""


def wait_settled(page, root_selector: str | None, timeout: float = 30.0):
    """Wait until no widget is loading and every view shows something; return
    (problems, views) as last seen."""
    root = page.locator(root_selector).first.element_handle() if root_selector else None
    end = time.monotonic() + timeout
    while True:
        problems = page.evaluate(PAGE_PROBLEMS_JS, root)
        views = page.evaluate(VIEWS_JS, root)
        loading = any("Loading widget" in p for p in problems)
        hard = [p for p in problems if "Loading widget" not in p]
        if hard or (not loading and not views["blank"] and not views["empty"]) \
                or time.monotonic() > end:
            return problems, views
        time.sleep(0.25)


# -- latency -------------------------------------------------------------------------------------
# keydown → the last visible change in ``root``: every DOM mutation under it after the key is
# noted, and the moment the page has rendered it is when it was on screen. Each animation frame k
# posts a task that runs once the frame's callbacks, layout and paint are done; a change made in
# a task is shown by the next frame (k + 1), one made inside an animation-frame callback (the
# views change the page there) by that same frame k, so the page's requestAnimationFrame is
# wrapped to tell the two apart. A press is measured once nothing has changed for QUIET ms.
LATENCY_SETUP_JS = r"""
(root) => {
  if (window.__nnObs) window.__nnObs.disconnect();
  if (!window.__nnRaf) {
    const raf = window.__nnRaf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((ts) => {
      window.__nn.inRaf = true;
      try { cb(ts); } finally { queueMicrotask(() => { window.__nn.inRaf = false; }); }
    });
  }
  window.__nn = {key: null, last: null, frame: null, want: 0, k: 0, inRaf: false, on: true};
  window.__nnObs = new MutationObserver(() => {
    const n = window.__nn;
    if (n.key === null) return;
    n.last = performance.now();
    n.want = n.inRaf ? n.k : n.k + 1;        // the frame that shows this change
    n.frame = null;
  });
  window.__nnObs.observe(root, {subtree: true, childList: true, characterData: true, attributes: true});
  const after = new MessageChannel();
  after.port1.onmessage = (e) => {
    const n = window.__nn;
    if (n.last !== null && n.frame === null && e.data >= n.want) n.frame = performance.now();
  };
  const gen = window.__nnGen = (window.__nnGen || 0) + 1;   // one frame counter at a time
  const tick = () => {
    const n = window.__nn;
    if (!n.on || window.__nnGen !== gen) return;
    n.k += 1;
    after.port2.postMessage(n.k);
    window.__nnRaf(tick);
  };
  window.__nnRaf(tick);
}
"""
QUIET = 250


def measure_latency(page, root, handle, presses: int = 10):
    """Milliseconds from keydown to the last repaint of ``root`` for ``presses`` arrow keys on
    ``handle`` (alternating right and left, each waited for before the next)."""
    page.evaluate(LATENCY_SETUP_JS, root.element_handle())
    handle.scroll_into_view_if_needed()
    handle.focus()
    out = []
    for k in range(presses):
        page.wait_for_timeout(80)
        page.evaluate("() => { window.__nn.key = performance.now(); window.__nn.last = null;"
                      " window.__nn.frame = null; }")
        t0 = page.evaluate("() => window.__nn.key")
        handle.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
        end = time.monotonic() + 5
        while time.monotonic() < end:
            page.wait_for_timeout(QUIET)
            r = page.evaluate("() => [window.__nn.last, window.__nn.frame]")
            if r[1] is not None and page.evaluate("() => performance.now()") - r[0] >= QUIET:
                out.append(r[1] - t0)
                break
        else:
            print(f"latency: no repaint within 5 s after press {k + 1}")
    page.evaluate("() => { if (window.__nnObs) window.__nnObs.disconnect(); window.__nn.key = null;"
                  " window.__nn.on = false; }")
    return out


def percentiles(ms):
    if not ms:
        return None
    return {"n": len(ms), "p50": round(float(np.percentile(ms, 50)), 1),
            "p95": round(float(np.percentile(ms, 95)), 1), "max": round(float(max(ms)), 1)}


# -- screenshots ---------------------------------------------------------------------------------
def save_screenshot(page, path: Path, locator=None):
    """Save a PNG (the viewport, or one element); keep the committed file when the picture is the
    same but for a few anti-aliased pixels (a re-run must not dirty the work tree)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    png = (locator.screenshot() if locator is not None else page.screenshot(full_page=False))
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
