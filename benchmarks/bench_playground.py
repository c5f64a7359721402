"""Kernel time per frame of notebook 06's playground (a benchmark, not a test).

A frame is what the play loop does between two waits: one epoch of the 200 training points in
minibatches (every step nnlib's trace and gradient_descent_step), the predictions on the
50 × 50 boundary grid and the 25 × 25 grid of every unit, every view's numbers, and the
serialisation of what is sent (each comm message to JSON as the kernel does, its binary
buffers counted). Measured for the playground as it opens (2 → 4 → 1 tanh, B = 10) and for the
largest network it builds (4 hidden layers of 8 units), p50 / p95 over FRAMES frames; the
training, the views and the serialisation are also timed apart. The frames per second a
browser draws are measured by tests/browser/test_playground_in_lab.py.

    python3 tasks.py bench        # or: .venv/bin/python benchmarks/bench_playground.py
"""
from __future__ import annotations

import json
import time

import numpy as np

FRAMES, WARMUP = 100, 5


class Sent:
    seconds = 0.0
    bytes = 0
    messages = 0


def install_recording_comm():
    import comm
    from comm.base_comm import BaseComm

    class RecordingComm(BaseComm):
        def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
            start = time.perf_counter()
            text = json.dumps({"data": data, "metadata": metadata or {}}, allow_nan=False)
            Sent.seconds += time.perf_counter() - start
            Sent.bytes += len(text) + sum(len(b) for b in (buffers or []))
            Sent.messages += 1

    comm.create_comm = lambda *a, **k: RecordingComm(*a, **k)


def percentiles(ms):
    return f"p50 {np.percentile(ms, 50):6.2f} ms   p95 {np.percentile(ms, 95):6.2f} ms"


def bench(name, **settings):
    from nnlib.lessons.playground import Playground
    pg = Playground(**settings)
    for _ in range(WARMUP):
        pg.frame()
    frame, train, views, ser, sent = [], [], [], [], []
    for _ in range(FRAMES):
        Sent.seconds, Sent.bytes, Sent.messages = 0.0, 0, 0
        start = time.perf_counter()
        pg.trainer.run_epoch()
        mid = time.perf_counter()
        pg.refresh()
        end = time.perf_counter()
        train.append(1e3 * (mid - start))
        views.append(1e3 * (end - mid - Sent.seconds))
        ser.append(1e3 * Sent.seconds)
        frame.append(1e3 * (end - start))
        sent.append((Sent.messages, Sent.bytes))
    shape = " → ".join(map(str, pg.trainer.net.sizes))
    msgs, size = np.mean(sent, axis=0)
    print(f"{name}: {shape}, {pg.trainer.n_train} training points, B = {pg.trainer.batch_size}, "
          f"{pg.trainer.steps // pg.trainer.epoch} steps per epoch")
    print(f"  frame (1 epoch + views + serialisation)  {percentiles(frame)}")
    print(f"    training                               {percentiles(train)}")
    print(f"    predictions and views                  {percentiles(views)}")
    print(f"    serialisation                          {percentiles(ser)}")
    print(f"  sent per frame: {msgs:.0f} messages, {size / 1024:.1f} KiB")
    return {"p50": float(np.percentile(frame, 50)), "p95": float(np.percentile(frame, 95))}


def main():
    install_recording_comm()
    print(f"notebook 06, the playground: kernel time per frame ({FRAMES} frames)")
    bench("as it opens")
    bench("the largest network", layers=4, units=(8, 8, 8, 8))


if __name__ == "__main__":
    main()
