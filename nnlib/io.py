"""A network and its weights as JSON: save it in one notebook, load it in another.

    d = network_to_dict(net)                  # a dict of plain lists and numbers
    net2 = network_from_dict(d)               # net2 == net; net2.forward(x) == net.forward(x)
    save_network(net, "trained.json")         # the same, to a file
    net3 = load_network("trained.json", like=net)   # and the shape must be net's

The schema (version 1)::

    {
      "format": "nnlib.network",              # always this string
      "version": 1,                           # the schema's version
      "sizes": [2, 4, 1],                     # [n⁰, n¹, …, nᴸ]
      "loss": "squared_error",                # a name of nnlib.LOSSES
      "reduction": "mean",                    # "sum" or "mean"
      "layers": [                             # l = 1 … L, in order
        {"activation": "tanh",                #   a name of nnlib.ACTIVATIONS
         "W": [[W¹₁₁, W¹₁₂], …],              #   Wˡ as nˡ rows of nˡ⁻¹ numbers
         "b": [b¹₁, …]},                      #   bˡ, nˡ numbers
        …
      ],
      "meta": {…}                             # optional, free: who saved it and why
    }

Numbers are written as Python writes a float (the shortest decimal that reads back as the same
float64), so the round trip is exact: the loaded network's predictions equal the saved one's
bit for bit. A file of another format, another schema version, an inconsistent shape, or (with
``like``) another network's shape is a one-line ``ValueError``.
"""
from __future__ import annotations

import json
from pathlib import Path

from .i18n import tr
from .layers import Dense
from .network import Network

__all__ = ["FORMAT", "VERSION", "network_to_dict", "network_from_dict", "save_network",
           "load_network", "describe"]

FORMAT = "nnlib.network"
VERSION = 1


def describe(net: Network) -> str:
    """A network's shape in one line: "2 → 4 → 1 (tanh, sigmoid; squared_error)"."""
    return (" → ".join(str(n) for n in net.sizes)
            + f" ({', '.join(net.activations)}; {net.loss.name})")


def network_to_dict(net: Network, meta: dict | None = None) -> dict:
    """The network as the schema above: plain lists of floats, exact."""
    if not isinstance(net, Network):
        raise ValueError(tr("io.not_network", got=type(net).__name__))
    d = {"format": FORMAT, "version": VERSION, "sizes": [int(n) for n in net.sizes],
         "loss": net.loss.name, "reduction": net.reduction,
         "layers": [{"activation": layer.activation_name,
                     "W": [[float(v) for v in row] for row in layer.W],
                     "b": [float(v) for v in layer.b]} for layer in net.layers]}
    if meta:
        d["meta"] = dict(meta)
    return d


def network_from_dict(d, like: Network | None = None) -> Network:
    """The Network a dict of the schema describes; ``like``: it must also have that network's
    sizes, activations and loss (the playground loads only into the network it has)."""
    if not isinstance(d, dict) or d.get("format") != FORMAT:
        got = d.get("format") if isinstance(d, dict) else type(d).__name__
        raise ValueError(tr("io.format", want=FORMAT, got=repr(got)))
    if d.get("version") != VERSION:
        raise ValueError(tr("io.version", got=repr(d.get("version")), want=VERSION))
    layers = d.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ValueError(tr("io.no_layers"))
    built = []
    for l, layer in enumerate(layers, start=1):
        if not isinstance(layer, dict):
            raise ValueError(tr("io.layer", l=l, field="W, b, activation"))
        missing = [k for k in ("activation", "W", "b") if k not in layer]
        if missing:
            raise ValueError(tr("io.layer", l=l, field=", ".join(missing)))
        built.append(Dense(layer["W"], layer["b"], layer["activation"]))
    net = Network(built, d.get("loss", "squared_error"), d.get("reduction", "sum"))
    sizes = d.get("sizes", net.sizes)
    if not isinstance(sizes, list) or sizes != net.sizes:
        said = " → ".join(map(str, sizes)) if isinstance(sizes, list) else repr(sizes)
        raise ValueError(tr("io.sizes", said=said, found=" → ".join(map(str, net.sizes))))
    if like is not None and (net.sizes != like.sizes or net.activations != like.activations
                             or net.loss.name != like.loss.name):
        raise ValueError(tr("io.other_shape", got=describe(net), want=describe(like)))
    return net


def save_network(net: Network, path, meta: dict | None = None) -> Path:
    """Write ``network_to_dict(net, meta)`` to ``path`` as JSON; returns the path."""
    path = Path(path)
    path.write_text(json.dumps(network_to_dict(net, meta), indent=1) + "\n", encoding="utf-8")
    return path


def load_network(path, like: Network | None = None) -> Network:
    """The network saved in the JSON file ``path`` (see :func:`network_from_dict`)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(tr("io.no_file", path=str(path)))
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError(tr("io.not_json", path=str(path), line=1, col=1)) from None
    except json.JSONDecodeError as exc:
        raise ValueError(tr("io.not_json", path=str(path), line=exc.lineno, col=exc.colno)) \
            from None
    return network_from_dict(d, like)
