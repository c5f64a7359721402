"""The playground's core (notebook 06), numpy only: its data sets and CSVs
(:mod:`~nnlib.playground.data`) and its network and training (:mod:`~nnlib.playground.train`).
The widget is :class:`nnlib.lessons.playground.Playground`; saving and loading networks is
:mod:`nnlib.io`.

    from nnlib import playground as P
    split = P.make("xor", noise=0.1, seed=0).split(0.2, seed=0)
    net = P.build(P.Architecture(hidden=(4,), activations=("tanh",)), seed=0)
    trainer = P.Trainer(net, split, eta=0.5, batch_size=10, seed=0)
    trainer.run(epochs=50)              # 50 × 20 minibatch steps, every one nnlib.trace
    trainer.history["train"][-1]        # the mean loss per training point
"""
from .data import (COLUMNS, EXTENT, MAX_ROWS, REGRESSION, SETS, Dataset, Split, load_csv, make,
                   sample, samples)
from .train import (ACTIVATIONS, BATCH_SIZES, MAX_LAYERS, MAX_UNITS, OUTPUTS, Architecture,
                    Trainer, build, layer_outputs, mean_loss, probability, targets)

__all__ = ["SETS", "REGRESSION", "EXTENT", "MAX_ROWS", "COLUMNS", "Dataset", "Split", "make",
           "load_csv", "samples", "sample", "ACTIVATIONS", "OUTPUTS", "MAX_LAYERS", "MAX_UNITS",
           "BATCH_SIZES", "Architecture", "build", "targets", "probability", "layer_outputs",
           "mean_loss", "Trainer"]
