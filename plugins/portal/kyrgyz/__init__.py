"""Kyrgyz stemming: every inflected form of a noun brought to one stem.

Not a Pelican plugin (no `register()`): the machinery that the search
(plugins/portal/search, theme/static/js/kyrgyz.js) and media monitoring
share. Snowball has no Kyrgyz stemmer, so neither has Pagefind; this one
is written from the language's morphology (rules.py: plural, possessives,
the six cases, harmony and assimilation, their stacking) and applied by a
small engine (stemmer.py).

    >>> stem("мэриясынын") == stem("мэрияга") == stem("мэрия")
    True
    >>> stems("Бишкек шаарынын мэриясы автобустарды сатып алды.")[:3]
    ['бишкек', 'шаар', 'мэрия']

- `stem(word)`: the stem, a key to compare words by (not always a word:
  автобус → автоп, see rules.py); words that are no Kyrgyz noun come back
  lower-cased, at worst cut where a suffix would be.
- `stems(text)`: the stem of every word of a text, in order.
- `words(text)`: the words of a text as `stems` reads them (a hyphenated
  name such as Ала-Тоо is one word).
- `prefix(word)`: the start every form of the word is written with
  (мектебинде → мекте, for мектеп and мектеби): what a prefix search looks up.
- `rules()`: the rules as JSON-ready data, for the search page's engine.
"""

from __future__ import annotations

import re

from .stemmer import prefix, rules, stem

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")

__all__ = ["prefix", "rules", "stem", "stems", "words"]


def words(text: str) -> list[str]:
    return WORD.findall(text)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]
