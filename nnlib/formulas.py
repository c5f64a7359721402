"""The notes' formulas with the current numbers plugged in, as HTML (for ``widgets.HTML``).

Pure string building from a :class:`nnlib.Trace`; no matplotlib, no ipywidgets. Matrices are
HTML tables with bracket borders, coloured as note 000's tip suggests: input ``#90CAF9``,
weights ``#FFCC80``, output ``#A5D6A7`` (and δ / gradients in pink). HTML, not LaTeX, because it
re-renders instantly on every slider move; the symbolic formulas stay in LaTeX in the notebooks.

Symbols follow the notes: ``sym("W", 1, 2, 1)`` is ``W¹₂₁`` (layer superscript, 1-based
indices). Numbers carry ``data-key`` attributes (``z-1-2``, ``dW-3-1-2``, ``E`` …) so that a
browser test can read them.
"""
from __future__ import annotations

import html

import numpy as np

__all__ = ["COLORS", "CSS", "sym", "num", "num_wide", "matrix", "eq", "op", "lhs", "forward_html", "backward_html",
           "values_html", "gradcheck_html", "descent_html", "message_html"]

COLORS = {
    "input": "#90CAF9",      # 输入向量 (note 000's tip)
    "weight": "#FFCC80",     # 权重矩阵
    "output": "#A5D6A7",     # 输出向量
    "bias": "#FFE0B2",
    "delta": "#F8BBD0",
    "grad": "#F48FB1",
    "dead": "#E0E0E0",
    "plain": "#FFFFFF",
}

_SUP = str.maketrans("0123456789+-T", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀ")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

CSS = """<style>
.nn-eq{font-family:'DejaVu Sans',Arial,sans-serif;font-size:13px;line-height:1.25;
  display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin:3px 0}
.nn-eq .nn-op{padding:0 3px;font-size:15px}
.nn-eq .nn-lhs{font-style:italic;padding-right:2px}
.nn-mat{display:inline-flex;flex-direction:column;align-items:center}
.nn-mat table{border-collapse:separate;border-spacing:0;border-left:2px solid #555;
  border-right:2px solid #555;border-radius:5px;padding:1px 2px}
.nn-mat td{padding:1px 6px;text-align:right;font-variant-numeric:tabular-nums;
  font-family:'DejaVu Sans Mono',monospace;font-size:12px}
.nn-mat .nn-cap{font-size:11px;color:#444;font-style:italic}
.nn-tab{border-collapse:collapse;font-size:12px;margin:2px 0}
.nn-tab th,.nn-tab td{border:1px solid #ddd;padding:2px 7px;text-align:right;
  font-variant-numeric:tabular-nums}
.nn-tab th{background:#f5f5f5;font-weight:600}
.nn-tab td.nn-sym{text-align:left;font-style:italic}
.nn-dead td{color:#9e9e9e;background:#f0f0f0}
.nn-ok{color:#2e7d32}.nn-bad{color:#c62828;font-weight:600}
.nn-msg{background:#FFF3E0;border-left:4px solid #EF6C00;padding:4px 8px;font-size:13px}
.nn-h{font-weight:600;margin:6px 0 2px 0;font-size:13px}
</style>"""


def sym(name: str, l=None, *idx) -> str:
    """``sym("W", 1, 2, 1)`` → ``W¹₂₁``; ``sym("x", None, 2)`` → ``x₂``."""
    out = name
    if l is not None:
        out += str(l).translate(_SUP)
    if idx:
        out += "".join(str(i).translate(_SUB) for i in idx)
    return out


def num(v: float, digits: int = 4) -> str:
    """A number as the panels print it: fixed decimals, a true minus sign, no '-0.0000'."""
    text = f"{float(v):.{digits}f}"
    if float(text) == 0.0:
        text = text.lstrip("-")
    return text.replace("-", "−")


def num_wide(v: float, digits: int = 3) -> str:
    """A number that may span many decades (a loss falling from 0.1 to 1e−10, a diverging
    one at 1e+30): ``digits`` significant digits in scientific notation outside [0.001, 10⁶),
    six decimals inside; below 10⁻¹² (float64 rounding noise) it reads "< 10⁻¹²"."""
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        return str(v)
    if v == 0.0:
        return "0"
    if abs(v) < 1e-12:
        return "< 10⁻¹²"
    if abs(v) < 1e-3 or abs(v) >= 1e6:
        return f"{v:.{digits - 1}e}".replace("-", "−")
    return num(v, 6)


def matrix(M, role: str = "plain", caption: str = "", digits: int = 4, keys=None,
           dead_rows=()) -> str:
    """An HTML matrix in brackets; a 1-D array is a column (examples are columns)."""
    M = np.asarray(M, dtype=float)
    if M.ndim == 1:
        M = M[:, None]
    bg = COLORS.get(role, role)
    rows = []
    for i, row in enumerate(M):
        cells = []
        for j, v in enumerate(row):
            key = f' data-key="{keys(i, j)}"' if keys else ""
            cell_bg = COLORS["dead"] if i in dead_rows else bg
            cells.append(f'<td style="background:{cell_bg}"{key}>{num(v, digits)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f'<span class="nn-cap">{html.escape(caption)}</span>' if caption else ""
    return f'<span class="nn-mat"><table>{"".join(rows)}</table>{cap}</span>'


def eq(*parts) -> str:
    """One equation: its parts (matrices, operators, a left-hand side) on a line."""
    return '<div class="nn-eq">' + "".join(parts) + "</div>"


def op(text: str) -> str:
    """An operator between matrices (=, +, ·, ⊙ …)."""
    return f'<span class="nn-op">{text}</span>'


def lhs(text: str) -> str:
    """The symbolic left-hand side of an equation, e.g. 'z¹ = W¹x + b¹'."""
    return f'<span class="nn-lhs">{text}</span>'


def _dead(t, l):
    """Rows of layer l whose ReLU is off (z ≤ 0, so f′(z) = 0 and no gradient flows)."""
    if t[l].activation != "relu" or t[l].z is None:
        return ()
    z = t[l].z if t[l].z.ndim == 1 else t[l].z[:, 0]
    return tuple(int(i) for i in np.flatnonzero(z <= 0))


def forward_html(t, l: int, digits: int = 4) -> str:
    """zˡ = Wˡ aˡ⁻¹ + bˡ and aˡ = f(zˡ) with layer l's numbers."""
    lt, prev = t[l], t[l - 1]
    a_prev = sym("x") if l == 1 else sym("a", l - 1)
    dead = _dead(t, l)
    return eq(
        lhs(sym("z", l)), op("="),
        matrix(lt.W, "weight", sym("W", l), digits), op("·"),
        matrix(prev.a, "input", a_prev, digits), op("+"),
        matrix(lt.b, "bias", sym("b", l), digits), op("="),
        matrix(lt.z, "output", sym("z", l), digits, dead_rows=dead),
        op("&nbsp;&nbsp;⟶&nbsp;&nbsp;"),
        lhs(f"{sym('a', l)} = {lt.activation}({sym('z', l)})"), op("="),
        matrix(lt.a, "output", sym("a", l), digits, dead_rows=dead))


def backward_html(t, l: int, digits: int = 4) -> str:
    """δˡ (the notes' steps 1 and 4) and ∂E/∂Wˡ = δˡ (aˡ⁻¹)ᵀ (steps 2 and 5) with numbers."""
    lt, L = t[l], t.L
    dead = _dead(t, l)
    a_prev = sym("x") if l == 1 else sym("a", l - 1)
    parts = []
    if l == L and t.network.loss.delta_shortcut is not None:
        parts.append(eq(
            lhs(f"{sym('δ', l)} = {sym('a', l)} − y"), op("="),
            matrix(lt.a, "output", sym("a", l), digits), op("−"),
            matrix(t.y, "output", "y", digits), op("="),
            matrix(lt.delta, "delta", sym("δ", l), digits)))
    else:
        arriving = "∂E/∂" + sym("a", l) if l == L else f"({sym('W', l + 1)})ᵀ{sym('δ', l + 1)}"
        if l < L:
            nxt = t[l + 1]
            parts.append(eq(
                lhs(f"({sym('W', l + 1)})ᵀ{sym('δ', l + 1)}"), op("="),
                matrix(nxt.W.T, "weight", f"({sym('W', l + 1)})ᵀ", digits), op("·"),
                matrix(nxt.delta, "delta", sym("δ", l + 1), digits), op("="),
                matrix(lt.dE_da, "delta", "∂E/∂" + sym("a", l), digits)))
        if lt.fprime is not None:
            parts.append(eq(
                lhs(f"{sym('δ', l)} = {arriving} ⊙ f′({sym('z', l)})"), op("="),
                matrix(lt.dE_da, "delta", "∂E/∂" + sym("a", l), digits), op("⊙"),
                matrix(lt.fprime, "plain", f"f′({sym('z', l)})", digits, dead_rows=dead),
                op("="),
                matrix(lt.delta, "delta", sym("δ", l), digits, dead_rows=dead)))
        else:
            parts.append(eq(
                lhs(f"{sym('δ', l)} = (diag(a) − a aᵀ) ∂E/∂{sym('a', l)}"), op("="),
                matrix(lt.delta, "delta", sym("δ", l), digits)))
    parts.append(eq(
        lhs(f"∂E/∂{sym('W', l)} = {sym('δ', l)} ({a_prev})ᵀ"), op("="),
        matrix(lt.delta, "delta", sym("δ", l), digits), op("·"),
        matrix(np.atleast_2d(t[l - 1].a.T) if t[l - 1].a.ndim == 1 else t[l - 1].a.T,
               "input", f"({a_prev})ᵀ", digits), op("="),
        matrix(lt.dW, "grad", f"∂E/∂{sym('W', l)}", digits, dead_rows=dead),
        op("&nbsp;&nbsp;&nbsp;"),
        lhs(f"∂E/∂{sym('b', l)} = {sym('δ', l)}"), op("="),
        matrix(lt.db, "grad", f"∂E/∂{sym('b', l)}", digits, dead_rows=dead)))
    return "".join(parts)


def _fmt_key(v) -> str:
    text = f"{float(v):.4f}"
    return "0.0000" if float(text) == 0.0 else text


def values_html(t, loss: bool = True) -> str:
    """The live summary: E, then per layer zˡ, aˡ, f′(zˡ), δˡ, ∂E/∂bˡ and the rows of ∂E/∂Wˡ.
    ``loss=False`` (a forward-only panel, no target) leaves out E and y.

    Every number sits in an element with ``data-key`` (``E``, ``y-k``, ``z-l-i``, ``a-l-i``,
    ``delta-l-i``, ``db-l-i``, ``dW-l-i-j``; 1-based) and is printed with 4 decimals and an
    ASCII minus, so tests can parse it. Single-example traces only.
    """
    def cell(key, v, cls=""):
        return f'<td{cls} data-key="{key}">{_fmt_key(v)}</td>'

    prediction = f'{sym("a", t.L)} = ' + ", ".join(
        f'<span data-key="out-{k + 1}">{_fmt_key(v)}</span>' for k, v in enumerate(np.ravel(t.output)))
    if loss:
        out = [f'<div class="nn-h">E = <span data-key="E">{_fmt_key(t.loss)}</span>'
               f"&nbsp;&nbsp;&nbsp;{prediction}&nbsp;&nbsp;&nbsp;y = "
               + ", ".join(f'<span data-key="y-{k + 1}">{_fmt_key(v)}</span>'
                           for k, v in enumerate(np.ravel(t.y))) + "</div>"]
    else:
        out = [f'<div class="nn-h">{prediction}</div>']
    backward = t[t.L].delta is not None
    for l in range(1, t.L + 1):
        lt = t[l]
        n_in = lt.W.shape[1]
        head = ["i", sym("z", l), sym("a", l)]
        if backward:
            head += ["f′(z)", sym("δ", l), f"∂E/∂{sym('b', l)}"]
            head += [f"∂E/∂{sym('W', l)}<sub>i{j + 1}</sub>" for j in range(n_in)]
        rows = []
        dead = _dead(t, l)
        for i in range(lt.W.shape[0]):
            cls = ' class="nn-dead"' if i in dead else ""
            r = [f'<td class="nn-sym">{i + 1}</td>', cell(f"z-{l}-{i + 1}", lt.z[i]),
                 cell(f"a-{l}-{i + 1}", lt.a[i])]
            if backward:
                fp = "—" if lt.fprime is None else _fmt_key(lt.fprime[i])
                r += [f"<td>{fp}</td>", cell(f"delta-{l}-{i + 1}", lt.delta[i]),
                      cell(f"db-{l}-{i + 1}", lt.db[i])]
                r += [cell(f"dW-{l}-{i + 1}-{j + 1}", lt.dW[i, j]) for j in range(n_in)]
            rows.append(f"<tr{cls}>" + "".join(r) + "</tr>")
        out.append(f'<div class="nn-h">layer {l} ({lt.activation})</div>'
                   f'<table class="nn-tab"><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr>'
                   + "".join(rows) + "</table>")
    return "".join(out)


def gradcheck_html(checks, tol: float = 1e-6) -> str:
    """Backprop's gradient beside central differences, entry by entry, with the relative error."""
    rows = []
    for c in checks:
        for idx in np.ndindex(c.analytic.shape):
            label = sym("∂E/∂" + c.name, c.l, *(i + 1 for i in idx))
            rel = float(c.rel_error[idx])
            cls = "nn-ok" if rel < tol else "nn-bad"
            rows.append(f'<tr><td class="nn-sym">{label}</td><td>{num(c.analytic[idx])}</td>'
                        f'<td>{num(c.numeric[idx])}</td><td class="{cls}">{rel:.1e}</td></tr>')
    worst = max((c.error for c in checks), default=0.0)
    return (f'<div class="nn-h">backprop vs central differences (E(θ+h) − E(θ−h)) / 2h, '
            f'h = 10⁻⁵: worst relative error <span class="{"nn-ok" if worst < tol else "nn-bad"}">'
            f"{worst:.1e}</span></div>"
            '<table class="nn-tab"><tr><th>parameter</th><th>backprop</th><th>numerical</th>'
            "<th>rel. error</th></tr>" + "".join(rows) + "</table>")


def descent_html(gd) -> str:
    """Loss and prediction before and after the steps taken so far (W ← W − η ∂E/∂W)."""
    first, last = gd.history[0], gd.history[-1]
    out = lambda t: ", ".join(num(v) for v in np.ravel(t.output))  # noqa: E731
    rows = "".join(
        f"<tr><td>{k}</td><td>{num(t.loss, 6)}</td><td>{out(t)}</td></tr>"
        for k, t in list(enumerate(gd.history))[-6:])
    return (f'<div class="nn-h">η = {gd.eta:g}, {gd.steps} step(s): E {num(first.loss, 6)} → '
            f'<span data-key="E-after">{num(last.loss, 6)}</span>, '
            f"{sym('a', last.L)} {out(first)} → {out(last)}</div>"
            '<table class="nn-tab"><tr><th>step</th><th>E</th><th>prediction</th></tr>'
            f"{rows}</table>")


def message_html(text: str) -> str:
    """A readable one-line message for the panel's error area ('' clears it)."""
    return f'<div class="nn-msg">⚠ {html.escape(text)}</div>' if text else ""
