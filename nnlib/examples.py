"""The networks of the notes, ready to use.

The worked example of notes 000 (part 3, 2 → 2 → 2 → 1, ReLU hidden layers, linear output)
says its weights are "the same as the previous example", which the notes do not include.
These weights reproduce every number the notes print (Z_h1 = [0.6, 1.2], Z_h2 = [1.22, 1.58],
A_o = 2.978 and all six gradients), and are the ones nnlib uses.
"""
from __future__ import annotations

from .layers import Dense
from .network import Network

__all__ = ["worked_example", "WORKED_X", "WORKED_Y"]

WORKED_X = [1.0, 2.0]     # X = [1.0, 2.0]
WORKED_Y = [3.5]          # Y_true = 3.5


def worked_example(loss: str = "squared_error", reduction: str = "sum") -> Network:
    """The notes' 2 → 2 → 2 → 1 network with E = ½ (a − y)² (the worked example does not write
    its loss; its δ_o = A_o − Y_true implies the ½)."""
    return Network([
        Dense([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.1], activation="relu"),       # W¹, b¹ (h1)
        Dense([[0.5, 0.6], [0.7, 0.8]], [0.2, 0.2], activation="relu"),       # W², b² (h2)
        Dense([[0.9, 1.0]], [0.3], activation="identity"),                     # W³ = W_o, b_o
    ], loss=loss, reduction=reduction)
