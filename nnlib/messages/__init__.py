"""The message table of :mod:`nnlib.i18n`: key → {"zh": …, "en": …}. Each part of the course
keeps its messages in a module of this package (``widgets`` for the toolkit, one per lesson),
each with a ``MESSAGES`` dict; they are found and merged here. A key is defined once: a second
definition of the same key is an error at import time."""
import importlib
import pkgutil


def _merge():
    out, where = {}, {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        part = importlib.import_module(f"{__name__}.{info.name}")
        for key, entry in part.MESSAGES.items():
            if key in out:
                raise KeyError(f"message {key!r} is defined in {where[key]} and {info.name}")
            out[key], where[key] = entry, info.name
    return out


MESSAGES = _merge()
