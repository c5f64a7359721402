"""Speed of ``Network.trace`` (forward + backward, every quantity of the notes, frozen) against
the same maths written by hand in numpy — a benchmark, not a test. float64, one thread.

    A  the notes' 2 → 2 → 2 → 1 network (nnlib.worked_example()), one sample
    B  a 2 → 64 → 64 → 1 ReLU MLP, a batch of 4096 columns, E = mean ½ (a − y)²

The hand-written versions compute what a trace holds (z, a, f′(z), ∂E/∂a, δ, ∂E/∂W, ∂E/∂b,
(W)ᵀ δ for every layer, and E) from inputs passed through np.asarray, without nnlib's input
checks, read-only copies or records. Targets: A ≤ 2× hand-written; B no slower than PyTorch
CPU autograd (measured on this machine at 6.7 ms; naive numpy 10.9 ms; PyTorch one sample
139 µs). PyTorch is timed in the same run when it can be imported (it is not a dependency).

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

TORCH_REFERENCE_US = {"A": 139.0, "B": 6700.0}     # measured here, float64, one thread
NAIVE_NUMPY_REFERENCE_US = {"B": 10900.0}
TARGET_A = 2.0


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


def hand_mlp(params, X, Y):
    """n → h → h → 1, ReLU, ReLU, identity, E = mean over B columns of ½ (a − y)²."""
    (W1, b1), (W2, b2), (W3, b3) = params
    X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
    B = X.shape[1]
    Z1 = W1 @ X + b1[:, None]
    A1 = np.maximum(Z1, 0.0)
    Z2 = W2 @ A1 + b2[:, None]
    A2 = np.maximum(Z2, 0.0)
    Z3 = W3 @ A2 + b3[:, None]
    A3 = Z3
    D = A3 - Y
    E = 0.5 * float(np.vdot(D, D)) / B
    F3 = np.ones_like(Z3)
    dE_dA3 = D / B
    Delta3 = dE_dA3 * F3
    dW3, db3, WTd3 = Delta3 @ A2.T, Delta3.sum(axis=1), W3.T @ Delta3
    F2 = (Z2 > 0).astype(float)
    Delta2 = WTd3 * F2
    dW2, db2, WTd2 = Delta2 @ A1.T, Delta2.sum(axis=1), W2.T @ Delta2
    F1 = (Z1 > 0).astype(float)
    Delta1 = WTd2 * F1
    dW1, db1, WTd1 = Delta1 @ X.T, Delta1.sum(axis=1), W1.T @ Delta1
    return E, (dW1, db1, dW2, db2, dW3, db3), (Z1, A1, F1, Delta1, WTd1, Z2, A2, F2, Delta2,
                                               WTd2, Z3, A3, F3, Delta3, WTd3)


def mlp(seed=0, sizes=(2, 64, 64, 1), B=4096):
    rng = np.random.default_rng(seed)
    layers = [nnlib.Dense(rng.normal(size=(n_out, n_in)) * np.sqrt(2 / n_in),
                          rng.normal(scale=0.1, size=n_out), act)
              for n_in, n_out, act in zip(sizes[:-1], sizes[1:], ("relu", "relu", "identity"))]
    net = nnlib.Network(layers, "squared_error", "mean")
    X = rng.normal(size=(sizes[0], B))
    Y = np.sin(X[:1]) + 0.1 * rng.normal(size=(1, B))
    return net, X, Y


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
    net, X, Y = mlp(B=64)
    t = net.trace(X, Y)
    E, grads, _ = hand_mlp(net.params(), X, Y)
    assert abs(E - t.loss) <= 1e-12 * abs(E)
    for mine, theirs in zip(grads, [g for pair in t.grads for g in pair]):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12, atol=1e-14)


def measure(case: str, impl: str, repeat: int) -> float:
    """µs per call of one implementation on one case (run in a fresh process, see main)."""
    if case == "A":
        net, x, y, number = nnlib.worked_example(), list(WORKED_X), list(WORKED_Y), 2000
        hand = hand_worked_example
    else:
        (net, x, y), number = mlp(), 5
        hand = hand_mlp
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
    parser.add_argument("--one", nargs=2, metavar=("CASE", "IMPL"), help=argparse.SUPPRESS)
    args, _ = parser.parse_known_args()        # tasks.py bench passes its args to every script
    repeat = 5 if args.quick else 15
    if args.one:
        print(measure(*args.one, repeat))
        return

    check_same_numbers()
    try:
        import torch
        impls = ["nnlib", "numpy", "torch"]
        torch_note = f"PyTorch {torch.__version__}: measured now"
    except ImportError:
        impls = ["nnlib", "numpy"]
        torch_note = "PyTorch is not installed: its column shows the recorded reference (ref)"

    # Each (case, implementation) is timed in a fresh process: how fast fresh memory comes
    # back from the allocator depends on what the process allocated before (glibc raises its
    # mmap/trim thresholds after a large free), which would favour whoever runs second.
    us = {}
    for case in ("A", "B"):
        for impl in impls:
            out = subprocess.run([sys.executable, __file__, "--one", case, impl]
                                 + (["--quick"] if args.quick else []),
                                 check=True, capture_output=True, text=True).stdout
            us[case, impl] = float(out.split()[-1])

    names = {"A": "A  2-2-2-1, one sample", "B": "B  2-64-64-1 ReLU, B = 4096"}
    print(f"nnlib.trace vs hand-written numpy (numpy {np.__version__}, float64, one thread; "
          f"µs per call, median of {repeat} repeats)")
    print(torch_note)
    head = (f"{'case':<30}{'nnlib':>10}{'numpy':>10}{'ratio':>8}{'torch':>12}"
            f"{'nnlib/torch':>13}")
    print(head)
    print("-" * len(head))
    for case in ("A", "B"):
        nn, hand = us[case, "nnlib"], us[case, "numpy"]
        measured = (case, "torch") in us
        t_us = us[case, "torch"] if measured else TORCH_REFERENCE_US[case]
        t_txt = f"{t_us:.1f}" + ("" if measured else " ref")
        print(f"{names[case]:<30}{nn:>10.1f}{hand:>10.1f}{nn / hand:>8.2f}{t_txt:>12}"
              f"{nn / t_us:>13.2f}")
    print()
    nn_a, hand_a, nn_b = us["A", "nnlib"], us["A", "numpy"], us["B", "nnlib"]
    torch_b = us.get(("B", "torch"), TORCH_REFERENCE_US["B"])
    print(f"target A (≤ {TARGET_A:g}× hand-written numpy): "
          f"{'met' if nn_a <= TARGET_A * hand_a else 'MISSED'} ({nn_a / hand_a:.2f}×)")
    print(f"target B (no slower than PyTorch, {torch_b / 1000:.2f} ms"
          f"{'' if ('B', 'torch') in us else ' recorded'}): "
          f"{'met' if nn_b <= torch_b else 'MISSED'} ({nn_b / 1000:.2f} ms; recorded naive "
          f"numpy {NAIVE_NUMPY_REFERENCE_US['B'] / 1000:.1f} ms)")


if __name__ == "__main__":
    main()
