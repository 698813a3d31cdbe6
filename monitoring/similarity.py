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
    """Indexes of items about the same event, each group in index order, largest groups first
    (an item that is like one of the group's items is in it)."""
    corpus = Corpus(signatures)
    parent = list(range(len(signatures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(corpus.vectors):
        for j in range(i + 1, len(corpus.vectors)):
            if corpus.similarity(a, corpus.vectors[j]) >= threshold:
                parent[root(j)] = root(i)
    found: dict[int, list[int]] = {}
    for i in range(len(signatures)):
        found.setdefault(root(i), []).append(i)
    return sorted(found.values(), key=lambda g: (-len(g), g[0]))


def like(target: Sequence[Counter[str]], candidates: Sequence[Counter[str]],
         threshold: float = SAME_EVENT) -> list[int]:
    """Indexes of the candidates about the same event as any of `target` (a story's versions)."""
    corpus = Corpus([*target, *candidates])
    versions = corpus.vectors[:len(target)]
    return [i for i, vector in enumerate(corpus.vectors[len(target):])
            if max(corpus.similarity(v, vector) for v in versions) >= threshold]
