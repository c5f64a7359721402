"""The message catalogue: every key in both languages, with the same placeholders; English
entries hold no Chinese; the language can be switched and is the edition's."""
import re

import pytest

import nnlib
from nnlib.i18n import LANGUAGES, language, placeholders, set_language, tr
from nnlib.messages import MESSAGES

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), f"{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGUAGES), f"{key}: an empty text"
    assert placeholders(entry["zh"]) == placeholders(entry["en"]), key
    assert not CJK.search(entry["en"]), f"{key}: Chinese in the English text: {entry['en']!r}"


def test_switching_the_language():
    before = language()
    try:
        assert set_language("en") == "en" and tr("panel.reset") == "reset"
        assert set_language("zh") == "zh" and tr("panel.reset") == "重置"
        with pytest.raises(ValueError, match="language must be one of zh, en"):
            set_language("fr")
    finally:
        set_language(before)
    assert nnlib.set_language is set_language


def test_fields_are_filled_and_a_missing_key_says_which():
    assert tr("descent.summary", lang="en", eta="0.1", k=3, E0="1", Ek="0.5", L="E") == \
        "η = 0.1, after step 3: E from 1 to 0.5"
    with pytest.raises(KeyError, match="no message 'no.such.key'"):
        tr("no.such.key")


@pytest.mark.parametrize("lang, expected", [
    ("zh", "第 2 层：W 有 3 列，但第 1 层输出 2 个值"),
    ("en", "layer 2: W has 3 columns but layer 1 outputs 2 values"),
])
def test_the_cores_errors_speak_the_editions_language(lang, expected):
    """A learner who builds a malformed network reads the reason in their edition's language,
    the maths symbols unchanged."""
    set_language(lang)
    with pytest.raises(ValueError) as err:
        nnlib.Network([nnlib.Dense([[1.0], [2.0]]), nnlib.Dense([[1.0, 2.0, 3.0]])])
    assert str(err.value) == expected
    with pytest.raises(ValueError) as err:
        nnlib.Network([nnlib.Dense([[1.0]])]).trace([[1.0], [2.0]], 0.0)
    assert ("x 的形状是 (2, 1)" if lang == "zh" else "x has shape (2, 1)") in str(err.value)
