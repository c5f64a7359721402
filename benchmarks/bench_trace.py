"""Speed of ``Network.trace`` (forward + backward, every quantity of the notes, frozen) against
the same maths written by hand in numpy — a benchmark, not a test. float64, one thread.

The case is the notes' 2 → 2 → 2 → 1 network (nnlib.worked_example()), one sample: what a slider
move computes. The hand-written version computes what a trace holds (z, a, f′(z), ∂E/∂a, δ,
∂E/∂W, ∂E/∂b, (W)ᵀ δ for every layer, and E) without nnlib's input checks or frozen records.
The trace is written to read like the notes, not for speed: what matters is that a move stays
far inside the kernel's budget (bench_widgets.py). PyTorch is timed too when it can be imported
(it is not a dependency).

    python3 tasks.py bench          # or: OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_trace.py
"""
import argparse
import os
import statistics
import subprocess
import sys
import timeit

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")            # before numpy is imported

import numpy as np  # noqa: E402

import nnlib  # noqa: E402
from nnlib.examples import WORKED_X, WORKED_Y  # noqa: E402



# --- the same maths by hand -----------------------------------------------------------------

def hand_worked_example(params, x, y):
    """2 → 2 → 2 → 1, ReLU, ReLU, identity, E = ½ (a − y)², one sample (1-D vectors)."""
    (W1, b1), (W2, b2), (W3, b3) = params
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    z1 = W1 @ x + b1
    a1 = np.maximum(z1, 0.0)
    z2 = W2 @ a1 + b2
    a2 = np.maximum(z2, 0.0)
    z3 = W3 @ a2 + b3
    a3 = z3
    d = a3 - y
    E = 0.5 * float(d @ d)
    f3 = np.ones_like(z3)
    dE_da3 = d
    delta3 = dE_da3 * f3
    dW3, db3, WTd3 = np.outer(delta3, a2), delta3, W3.T @ delta3
    f2 = (z2 > 0).astype(float)
    delta2 = WTd3 * f2
    dW2, db2, WTd2 = np.outer(delta2, a1), delta2, W2.T @ delta2
    f1 = (z1 > 0).astype(float)
    delta1 = WTd2 * f1
    dW1, db1, WTd1 = np.outer(delta1, x), delta1, W1.T @ delta1
    return E, (z1, a1, f1, delta1, dW1, db1, WTd1), (z2, a2, f2, delta2, dW2, db2, WTd2), \
        (z3, a3, f3, delta3, dW3, db3, WTd3)


# --- PyTorch, when it is installed ----------------------------------------------------------

def torch_case(net, x, y):
    """A callable: forward, loss, backward with torch autograd (float64, one thread)."""
    import torch
    torch.set_num_threads(1)
    params = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
              for W, b in net.params()]
    X = torch.as_tensor(np.asarray(x, dtype=float))
    Y = torch.as_tensor(np.asarray(y, dtype=float))
    batch = X.ndim == 2
    acts = net.activations
    B = X.shape[1] if batch else 1
    scale = 1.0 / B if net.reduction == "mean" else 1.0

    def run():
        for W, b in params:
            W.grad = b.grad = None
        a = X
        for (W, b), act in zip(params, acts):
            z = W @ a + (b[:, None] if batch else b)
            a = torch.relu(z) if act == "relu" else z
        E = 0.5 * ((a - Y) ** 2).sum() * scale
        E.backward()
        return E
    return run


# --- timing ---------------------------------------------------------------------------------

def per_call_us(fn, number, repeat):
    """Median over ``repeat`` runs of the mean time of ``number`` calls, in µs."""
    fn()                                      # warm up
    times = timeit.repeat(fn, number=number, repeat=repeat)
    return statistics.median(times) / number * 1e6


def check_same_numbers():
    """The hand-written versions compute the same numbers as nnlib (else the race is unfair)."""
    net = nnlib.worked_example()
    t = net.trace(WORKED_X, WORKED_Y)
    E, *layers = hand_worked_example(net.params(), WORKED_X, WORKED_Y)
    assert E == t.loss
    for l, (z, a, f, delta, dW, db, WTd) in enumerate(layers, start=1):
        for mine, theirs in ((z, t[l].z), (a, t[l].a), (f, t[l].fprime), (delta, t[l].delta),
                             (dW, t[l].dW), (db, t[l].db), (WTd, t[l].WT_delta)):
            np.testing.assert_array_equal(mine, theirs)


def measure(impl: str, repeat: int) -> float:
    """µs per call of one implementation (run in a fresh process, see main)."""
    net, x, y, number = nnlib.worked_example(), list(WORKED_X), list(WORKED_Y), 2000
    hand = hand_worked_example
    params = net.params()
    fn = {"nnlib": lambda: net.trace(x, y),
          "numpy": lambda: hand(params, x, y),
          "torch": lambda: None}[impl]
    if impl == "torch":
        fn = torch_case(net, x, y)
        number = max(number // 4, 5)
    return per_call_us(fn, number, repeat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--one", metavar="IMPL", help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()        # tasks.py bench passes its args to every script
    repeat = 5 if args.quick else 15
    if args.one:
        print(measure(args.one, repeat))
        return
    check_same_numbers()
    impls = ["nnlib", "numpy"]
    try:
        import torch  # noqa: F401
        impls.append("torch")
    except ImportError:
        pass
    us = {}
    for impl in impls:                         # each in a fresh process
        out = subprocess.run([sys.executable, __file__, "--one", impl]
                             + (["--quick"] if args.quick else []),
                             check=True, capture_output=True, text=True).stdout
        us[impl] = float(out.split()[-1])
    print(f"nnlib.trace, the notes' 2-2-2-1 network, one sample (numpy {np.__version__}, "
          f"float64, one thread; µs per call, median of {repeat} repeats)")
    for impl in impls:
        print(f"  {impl:<6} {us[impl]:8.1f} µs   ({us[impl] / us['numpy']:.2f}× hand-written numpy)")


if __name__ == "__main__":
    main()
