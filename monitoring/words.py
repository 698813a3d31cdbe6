"""Words and their forms, so that «мэра», «мэру» and «мэрге» are all the word «мэр».

A word's *forms* are every dictionary form it may be (Russian: pymorphy3's
normal forms of each reading, since «Абдыкалыкова» may be the genitive of
«Абдыкалыков» or a woman's name; Kyrgyz: its stem by portal.kyrgyz, the
stemmer the portal's search uses too) plus the word itself.
Two words are the same when their forms meet: a name written in the
registry's nominative then finds its inflected forms in the press, and a
surname pymorphy3 does not know (it guesses «Абдыкалыков» is an adjective
of «абдыкалык») still meets its own spelling.
"""

from __future__ import annotations

import re
from functools import cache

import pymorphy3

from portal import kyrgyz

from . import vocabulary

# An initial with its dot («Т.»); letters (Cyrillic and Latin), joined by hyphens as in «вице-мэр»,
# «Жалал-Абад»; or a number.
WORD = re.compile(r"\b[^\W\d_]\.|[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
# Letters Kyrgyz has and Russian has not: a text with any of them is Kyrgyz.
KYRGYZ_LETTERS = frozenset("өүңӨҮҢ")


def words(text: str) -> list[str]:
    """The text's words in lower case, «ё» written «е» as most outlets do; initials keep their dot."""
    return [w.lower().replace("ё", "е") for w in WORD.findall(text)]


def looks_kyrgyz(text: str) -> bool:
    return not KYRGYZ_LETTERS.isdisjoint(text)


@cache
def _morph() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


@cache
def forms(word: str, lang: str) -> frozenset[str]:
    """Every dictionary form `word` (lower case) may stand for, itself included."""
    if word.endswith("."):  # an initial
        return frozenset({word})
    if lang == "ky":
        return frozenset({word, kyrgyz.stem(word)})
    return frozenset({word, *(parse.normal_form.replace("ё", "е") for parse in _morph().parse(word))})


NAME_TAGS = frozenset({"Name", "Surn", "Patr"})


def is_common_word(word: str) -> bool:
    """True if `word` (lower case) is an everyday word, not only a name: «канат» (a rope; a wing).
    Russian: a word pymorphy3's dictionary knows other than as a name; Kyrgyz: the vocabulary's list."""
    if word in vocabulary.COMMON_KYRGYZ:
        return True
    return any(p.is_known and not (NAME_TAGS & p.tag.grammemes) for p in _morph().parse(word))


@cache
def lemma(word: str, lang: str) -> str:
    """One dictionary form: the likeliest reading's (Russian) or the stem (Kyrgyz), for comparing titles."""
    if word.endswith("."):
        return word
    if lang == "ky":
        return kyrgyz.stem(word)
    return _morph().parse(word)[0].normal_form.replace("ё", "е")
