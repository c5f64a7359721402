"""Slider-move latency of a NetworkPanel, Python side (a benchmark, not a test).

For each network, 200 random slider moves; one move is timed from ``slider.value = v`` until
every view is updated (tables, equations, gradient check, diagram artists) and the figure is
rendered as ipympl renders it for the browser: ``fig.canvas.draw()``, which is the Agg render
plus the PNG diff image ipympl sends to the page. Target: p95 ≤ 40 ms with every view on.

    python3 tasks.py bench          # or: .venv/bin/python benchmarks/bench_widgets.py
"""
import os
import sys
import time

os.environ.setdefault("MPLBACKEND", "module://ipympl.backend_nbagg")

import numpy as np  # noqa: E402

import nnlib  # noqa: E402
from nnlib.widgets import NetworkPanel  # noqa: E402

MOVES = 200
TARGET_MS = 40.0


def softmax_net(seed=0):
    rng = np.random.default_rng(seed)
    return nnlib.Network([
        nnlib.Dense(np.round(rng.uniform(-1, 1, (4, 3)), 2), np.zeros(4), "tanh"),
        nnlib.Dense(np.round(rng.uniform(-1, 1, (3, 4)), 2), np.zeros(3), "softmax"),
    ], loss="cross_entropy")


def bench(name, panel, moves=MOVES, seed=1):
    rng = np.random.default_rng(seed)
    sliders = list(panel.x_sliders) + [s for Ws in panel.W_sliders for row in Ws for s in row] \
        + [s for bs in panel.b_sliders for s in bs] + list(panel.y_sliders)
    canvas = panel.fig.canvas
    # as after the browser's 'initialized' message: ipympl then sends only the PNG diff, not
    # also a full PNG snapshot for the notebook file (which it does with no browser attached)
    canvas.syncing_data_url = False
    if hasattr(canvas, "manager") and hasattr(canvas.manager, "web_sockets"):
        assert canvas in canvas.manager.web_sockets     # draw() → refresh_all → diff PNG
    total, render = [], []
    for _ in range(moves):
        s = sliders[rng.integers(len(sliders))]
        v = float(np.round(rng.uniform(s.min, s.max), 2))
        if v == s.value:
            v = float(np.round(v + s.step, 2)) if v + s.step <= s.max else float(v - s.step)
        t0 = time.perf_counter()
        s.value = v                          # → one Trace → every view (ipympl: draw_idle)
        t1 = time.perf_counter()
        canvas.draw()                        # ipympl: Agg render + the PNG diff it sends
        t2 = time.perf_counter()
        total.append(t2 - t0)
        render.append(t2 - t1)
    ms = lambda a, q: 1e3 * float(np.percentile(a, q))  # noqa: E731
    compute = [a - b for a, b in zip(total, render)]
    ok = "ok" if ms(total, 95) <= TARGET_MS else "OVER TARGET"
    print(f"{name:<34} {ms(compute, 50):6.1f} {ms(compute, 95):6.1f}   {ms(render, 50):6.1f} "
          f"{ms(render, 95):6.1f}   {ms(total, 50):6.1f} {ms(total, 95):6.1f}   {ok}")
    return ms(total, 95)


def main():
    import matplotlib
    print(f"backend {matplotlib.get_backend()}, {MOVES} random slider moves per network, "
          f"times in ms, target p95 ≤ {TARGET_MS:.0f} ms")
    print(f"{'network (every view on)':<34} {'compute+views':>13}   {'render':>13}   "
          f"{'total':>13}")
    print(f"{'':<34} {'p50':>6} {'p95':>6}   {'p50':>6} {'p95':>6}   {'p50':>6} {'p95':>6}")
    worst = 0.0
    for name, net, x, y in [
        ("notes 2→2→2→1 (ReLU, ½SE)", nnlib.worked_example(), [1.0, 2.0], [3.5]),
        ("3→4→3 (tanh, softmax + CE)", softmax_net(), [0.5, -1.0, 1.5], [0.0, 1.0, 0.0]),
    ]:
        panel = NetworkPanel(net, x, y, views=("diagram", "values", "forward", "backward",
                                               "gradcheck", "descent"))
        for _ in range(5):                   # warm-up: caches, first draw
            panel.x_sliders[0].value = float(np.round(panel.x_sliders[0].value + 0.01, 2))
            panel.fig.canvas.draw()
        worst = max(worst, bench(name, panel))
    return worst


if __name__ == "__main__":
    main()
    sys.exit(0)
