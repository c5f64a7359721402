"""nnlib: the forward and backward maths of small dense networks, written like the notes.

    import nnlib
    net = nnlib.Network([nnlib.Dense(W1, b1, "relu"), nnlib.Dense(W2, b2, "identity")])
    t = net.trace(x, y)          # forward + backward, frozen
    t[2].delta, t[2].dW          # δ², ∂E/∂W² = δ² (a¹)ᵀ

The core (this package's top level) imports numpy only; ``nnlib.widgets`` (ipywidgets and
anywidget) and ``nnlib.lessons`` are imported only when asked for. Everything a learner reads
comes from one message table in Chinese and English: ``nnlib.set_language("en")``.
"""
from .activations import ACTIVATIONS, Activation, get_activation
from .examples import worked_example
from .i18n import language, set_language, tr
from .io import load_network, network_from_dict, network_to_dict, save_network
from .gradcheck import ParamCheck, gradient_check, hessian, numerical_gradient, relative_error
from .layers import Dense
from .losses import LOSSES, REDUCTIONS, Loss, get_loss
from .network import LayerTrace, Network, Trace
from .optim import DivergenceError, GradientDescent, gradient_descent_step

__all__ = [
    "ACTIVATIONS", "Activation", "get_activation",
    "LOSSES", "REDUCTIONS", "Loss", "get_loss",
    "Dense", "Network", "Trace", "LayerTrace",
    "ParamCheck", "gradient_check", "hessian", "numerical_gradient", "relative_error",
    "DivergenceError", "GradientDescent", "gradient_descent_step",
    "worked_example", "set_language", "language", "tr",
    "network_to_dict", "network_from_dict", "save_network", "load_network",
]

__version__ = "0.1.0"
