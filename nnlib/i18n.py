"""Every sentence a learner reads (labels, buttons, captions, messages, table headers, the
text shown instead of a widget) in Chinese and English, from one table.

    nnlib.set_language("en")         # the English edition; "zh" (the default) the Chinese
    tr("panel.reset")                → "重置" / "reset"
    tr("panel.eta_up", old="0.136", new="0.66")   fills the {placeholders}

Why one Python table and not gettext catalogues: a few hundred short strings, each shown with
both languages side by side (a translation is checked at a glance), no compile step, and a test
enumerates the keys (every key has both languages with the same placeholders). Maths symbols
stay symbols in both; the Chinese keeps the notes' English terms in parentheses, as the
narrative does. The table itself lives in :mod:`nnlib.messages`.
"""
from __future__ import annotations

import string

__all__ = ["LANGUAGES", "set_language", "language", "tr", "placeholders"]

LANGUAGES = ("zh", "en")
_state = {"language": "zh"}


def set_language(lang: str) -> str:
    """Set the language of everything nnlib says from now on ("zh" or "en"); returns it."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    _state["language"] = lang
    return lang


def language() -> str:
    """The current language, "zh" or "en"."""
    return _state["language"]


def tr(key: str, lang: str | None = None, **fields) -> str:
    """The message ``key`` in the current language (or ``lang``), its {placeholders} filled."""
    from .messages import MESSAGES
    try:
        text = MESSAGES[key][lang or _state["language"]]
    except KeyError:
        raise KeyError(f"no message {key!r} in language {lang or _state['language']!r}") from None
    return text.format(**fields) if fields else text


def placeholders(text: str) -> set[str]:
    """The {names} a message expects."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
