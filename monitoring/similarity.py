"""Items about the same event: the stories of the day, and City Hall's releases the press picked up.

Two items are about the same event when their titles (and the start of
their texts) share enough words that are rare that day: the cosine of
their TF-IDF vectors. Words are compared by the first letters of their
dictionary form, so «ремонт», «ремонта» and «ремонтту» are one word, and a
name reads the same in a Kyrgyz and a Russian title («Абдыкалыкова»,
«Абдыкалыковдун»); so do the officials and units the items mention. Titles
weigh double: they say what the story is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

from .vocabulary import COMMON
from .words import lemma, words

SAME_EVENT = 0.3  # cosine from which two items tell the same story (tried on our test feeds)
PREFIX = 6  # letters of a dictionary form compared
LEAD_WORDS = 40  # words of an item's text that count, after its title


def signature(title: str, text: str, lang: str, named: Iterable[str] = ()) -> Counter[str]:
    """The words an item is made of, for comparing it with others; `named` are the ids of whom it
    mentions, which read the same in both languages."""
    counts: Counter[str] = Counter({f"@{entity}": 2 for entity in named})
    for weight, part in ((2, words(title)), (1, words(text)[:LEAD_WORDS])):
        for word in part:
            if (len(word) >= 3 or word.isdigit()) and word not in COMMON[lang] and not word.endswith("."):
                counts[lemma(word, lang)[:PREFIX]] += weight
    return counts


class Corpus:
    """Items' signatures weighed by how rare each word is among them."""

    def __init__(self, signatures: Sequence[Counter[str]]) -> None:
        documents = Counter(word for s in signatures for word in s)
        total = len(signatures)
        self.idf = {word: math.log((1 + total) / (1 + n)) + 1 for word, n in documents.items()}
        self.vectors = [self.vector(s) for s in signatures]

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        weighed = {word: n * self.idf.get(word, 1.0) for word, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in weighed.values())) or 1.0
        return {word: v / norm for word, v in weighed.items()}

    def similarity(self, a: dict[str, float], b: dict[str, float]) -> float:
        small, large = (a, b) if len(a) < len(b) else (b, a)
        return sum(v * large.get(word, 0.0) for word, v in small.items())


def groups(signatures: Sequence[Counter[str]], threshold: float = SAME_EVENT) -> list[list[int]]:
    """Indexes of items about the same event, each group in index order, largest groups first.

    An item joins the group whose items, taken together, it is most like (if
    at least `threshold`), else starts one: comparing with the whole group,
    not with its likeliest member, keeps a busy day's many City Hall stories
    from chaining into one. Only groups sharing a word with the item are
    compared, so a day of varied news costs little more than its length.
    """
    corpus = Corpus(signatures)
    members: list[list[int]] = []
    sums: list[dict[str, float]] = []  # each group's vectors added up…
    centres: list[dict[str, float]] = []  # …and made unit length
    holding: dict[str, set[int]] = {}  # word → the groups that have it
    for i, vector in enumerate(corpus.vectors):
        candidates = set().union(*(holding.get(word, ()) for word in vector))
        score, best = max(((corpus.similarity(vector, centres[g]), g) for g in candidates), default=(0.0, -1))
        if score < threshold:
            best = len(members)
            members.append([])
            sums.append({})
            centres.append({})
        members[best].append(i)
        for word, weight in vector.items():
            sums[best][word] = sums[best].get(word, 0.0) + weight
            holding.setdefault(word, set()).add(best)
        centres[best] = _unit(sums[best])
    return sorted(members, key=lambda g: (-len(g), g[0]))


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {word: v / norm for word, v in vector.items()}


def like(target: Sequence[Counter[str]], candidates: Sequence[Counter[str]],
         threshold: float = SAME_EVENT) -> list[int]:
    """Indexes of the candidates about the same event as any of `target` (a story's versions)."""
    corpus = Corpus([*target, *candidates])
    versions = corpus.vectors[:len(target)]
    return [i for i, vector in enumerate(corpus.vectors[len(target):])
            if max(corpus.similarity(v, vector) for v in versions) >= threshold]
