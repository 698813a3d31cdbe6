"""The engine: the rules (rules.py) expanded into one table of suffix chains, and the stemmer that applies it.

The table maps every concrete chain (лар, сынын, тарыбыздан …) to the
stems it may follow, each written as harmony class + end sound ("аV": a
stem whose last vowel is а, ы or я and which ends in a vowel). A word is
stemmed by cutting the longest chain whose conditions its stem meets, as
long as the stem stays long enough, then bringing the stem's end to the
form it has before a consonant (rules.py), and again until nothing changes:
a stem that itself ends like a suffix is cut the same way in every form of
the word (тургун, тургундар, тургуну → тург; автобус → автобу, whose у
reads as a possessive → автоб → автоп), so every form gives one stem.

theme/static/js/kyrgyz.js is the same engine for the search page: it reads
`rules()` (written by the search plugin as JSON) and must give the same
stems: tests/search/test_kyrgyz_search.py checks both on the word list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from os.path import commonprefix

from .rules import (
    CASES,
    DEVOICED,
    DROPPED_AFTER_VOWEL,
    HARMONY,
    HIGH,
    IRREGULAR,
    KEEPS_HIGH_VOWEL,
    LOW,
    MINIMUM,
    PLURAL,
    POSSESSIVES,
    SOFT_SIGN,
    SOUNDS,
    THIRD,
    VOWELS,
)

ENDS = ("V", "R", "Z", "S")
# Pagefind's index drops diacritics, so й is и there; after a vowel an и is a й again (трамваи → трамвай).
I_AFTER_VOWEL = re.compile(f"(?<=[{VOWELS}])и")


def _render(plural: bool, possessive: str | None, case: str | None, harmony: str, end: str) -> str:
    """One chain of suffixes as it follows a stem of this harmony class and end sound."""
    chain = ""
    for template, after in _templates(plural, possessive, case):
        shape = template[end] if isinstance(template, dict) else template[end != "V"]
        for written in shape:
            letter = {"A": LOW[harmony], "I": HIGH[harmony]}.get(written, written)
            harmony = HARMONY.get(letter, harmony)  # each suffix vowel decides the next
            chain += letter
        end = after or SOUNDS[chain[-1]]
    return chain


def _templates(plural: bool, possessive: str | None, case: str | None):
    """The chain's suffixes in order, each with the end it leaves if not its last sound ("P": the cases' н)."""
    if plural:
        yield PLURAL, None
    if possessive:
        yield POSSESSIVES[possessive], "P" if possessive == THIRD else None
    if case:
        yield CASES[case], None


def suffix_table() -> dict[str, list[str]]:
    """Every chain of plural, possessive and case, with the stems it may follow: {"лар": ["аR", "аV", …]}."""
    table: dict[str, set[str]] = defaultdict(set)
    for plural in (False, True):
        for possessive in (None, *POSSESSIVES):
            for case in (None, *CASES):
                if plural or possessive or case:
                    for harmony in LOW:
                        for end in ENDS:
                            table[_render(plural, possessive, case, harmony, end)].add(harmony + end)
    return {chain: sorted(follows) for chain, follows in sorted(table.items())}


TABLE = suffix_table()
LONGEST = max(map(len, TABLE))


def normalize(word: str) -> str:
    """The word as the search index holds it: lower case, letters and digits only, ё as е; й stays й."""
    word = "".join(letter for letter in word.lower() if letter.isalnum()).replace("ё", "е")
    return I_AFTER_VOWEL.sub("й", word)


def _regular(word: str) -> str:
    for irregular, regular in IRREGULAR.items():
        if word.startswith(irregular):
            return regular + word[len(irregular):]
    return word


def _may_follow(stem: str, chain: str) -> bool:
    vowels = [letter for letter in stem if letter in HARMONY]
    if not vowels:  # an abbreviation (ЖМК-нын): its harmony is that of its letters' names, unwritten
        return len(stem) >= MINIMUM["consonant"]
    end = SOUNDS.get(stem[-1])
    if end is None or len(stem) < MINIMUM["vowel" if end == "V" else "consonant"]:
        return False
    keeps = KEEPS_HIGH_VOWEL.get(stem[-1])
    if keeps and len(stem) >= keeps and chain[0] in HIGH.values():
        return False
    return HARMONY[vowels[-1]] + end in TABLE[chain]


def _chain(word: str) -> int:
    """The length of the longest suffix chain this word may end in (0: none)."""
    for size in range(min(LONGEST, len(word) - 1), 0, -1):
        if word[-size:] in TABLE and _may_follow(word[:-size], word[-size:]):
            return size
    return 0


def _before_consonant(stem: str) -> str:
    """The stem's end as it is before a consonant (rules.py: soft sign, voicing, с and н)."""
    stem = stem.removesuffix(SOFT_SIGN)
    if len(stem) > MINIMUM["vowel"] and stem[-1] in DROPPED_AFTER_VOWEL and stem[-2] in VOWELS:
        return stem[:-1]
    if len(stem) >= 2 and stem[-1] in DEVOICED and stem[-2] in VOWELS:
        return stem[:-1] + DEVOICED[stem[-1]]
    return stem


def stem(word: str) -> str:
    """The stem every form of a Kyrgyz noun shares: мэриясынын, мэрияга → мэрия.

    A key to compare words by, not a word to show: the stem of автобус is
    автоп (rules.py says why). Words that are not Kyrgyz nouns come back
    normalized, and at worst cut where a suffix would be.
    """
    current = _regular(normalize(word))
    while True:
        shorter = _before_consonant(current[:len(current) - _chain(current)])
        if shorter == current:
            return current
        current = shorter


def prefix(word: str) -> str:
    """The start that every form of the word begins with, as written: the search page looks it up.

    The word without its suffix chain, less a last consonant that changes
    between forms (мектеп, мектеби → мекте; бала, балдар → бал); at least
    three letters are kept of that, so жок does not become жо.
    """
    regular = _regular(normalize(word))
    start = regular[:len(regular) - _chain(regular)].removesuffix(SOFT_SIGN)
    if len(start) > MINIMUM["vowel"] and start[-1] in {*DEVOICED, *DEVOICED.values()} and start[-2] in VOWELS:
        start = start[:-1]
    for irregular, regular_form in IRREGULAR.items():
        if regular_form.startswith(start):
            start = commonprefix([start, irregular])
    return start


def rules() -> dict:
    """rules.py as JSON-ready data: kyrgyz.js expands and applies it as this module does."""
    return {"harmony": HARMONY, "low": LOW, "high": HIGH, "sounds": SOUNDS, "plural": PLURAL,
            "possessives": POSSESSIVES, "third": THIRD, "cases": CASES, "minimum": MINIMUM,
            "keepsHighVowel": KEEPS_HIGH_VOWEL, "softSign": SOFT_SIGN, "devoiced": DEVOICED,
            "droppedAfterVowel": DROPPED_AFTER_VOWEL, "irregular": IRREGULAR}
