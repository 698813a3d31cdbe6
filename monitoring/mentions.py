"""Which officials, units and topics of the registries an item names, in any grammatical form.

Every name is matched word by word through the words' forms (words.py), so
«Темирлана Абдыкалыкова», «Абдыкалыковдун» and «мэрге» are found. What a
match means depends on what was matched:

- a **name**: an official's full name (either order) or alias of several
  words; a unit's name, alias, or the «…» part of its name (press write
  «Бишкектеплосеть», not «МП «Бишкектеплосеть»») — counts by itself (a
  one-word unit name only capitalized: «Тазалык», not «тазалык», cleanliness);
- a **surname** (or an official's one-word alias) counts next to its given
  name, its initial («Т. Абдыкалыков») or its holder's title («вице-мэр
  Бообеков»); alone, only in an item about Bishkek or City Hall (surnames
  are shared), and never if it is also an everyday word. A given name alone
  («Канат»: a rope in Russian, a wing in Kyrgyz) never counts;
- a **title** alone («мэр», «мэрия») or an official's position names the
  Mayor or City Hall only in an item about Bishkek, and not next to another
  city, a deputy or a former holder («мэр Оша», «заместитель мэра»,
  «бывший мэр»);
- a **topic** word counts in an item about City Hall, or with Bishkek in its
  title: «автобус» in a story from Osh is not about our transport.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from portal.stories.registry import Registry, RegistryEntry

from . import vocabulary
from .words import WORD, forms, is_common_word, words

KINDS = ("city-hall", "officials", "units", "topics")
VERSION = "1"  # raise when the rules change: every stored item is matched again
_QUOTED = re.compile(r"«([^»]+)»|\"([^\"]+)\"")


@dataclass(frozen=True, order=True)
class Mention:
    kind: str  # one of KINDS
    id: str  # the registry id ("city-hall" for City Hall itself)


CITY_HALL = Mention("city-hall", "city-hall")


@dataclass(frozen=True)
class Source:
    """A phrase to look for, as written: the rules above say what a match of it means."""

    mention: Mention
    rule: str  # name | surname | title | topic
    text: str
    context: tuple[str, ...] = ()  # surname: the given names and titles that may stand near it
    initials: tuple[str, ...] = ()  # surname: its given names' initials, «т.»
    lang: str | None = None  # titles and topic words are words of one language; names are any
    alone: bool = False  # surname: not an everyday word, so it may count without its context
    proper: bool = False  # name: one word that counts only capitalized («Тазалык», not «тазалык», cleanliness)


@dataclass(frozen=True)
class Phrase:
    """A Source analysed in one language: the forms of each of its words."""

    source: Source
    words: tuple[frozenset[str], ...]
    context: frozenset[str]
    initials: frozenset[str]  # «т.» for Темирлан
    names_bishkek: bool  # a position: «мэр города Бишкек»


class Matcher:
    def __init__(self, registry: Registry) -> None:
        self.sources = list(_sources(registry))
        self._compiled: dict[str, _Compiled] = {}

    @cached_property
    def fingerprint(self) -> str:
        """Changes when anything that decides a match changes: then stored items are matched again."""
        tables = (vocabulary.TITLES_ALONE, vocabulary.CITY_HALL, vocabulary.TITLES_NEAR_SURNAME, vocabulary.WINDOW,
                  vocabulary.BISHKEK, vocabulary.OTHER_CITIES, vocabulary.NOT_THE_HOLDER, vocabulary.NEXT_TO)
        return hashlib.sha256(repr((VERSION, self.sources, tables)).encode()).hexdigest()[:16]

    def find(self, title: str, text: str, lang: str) -> frozenset[Mention]:
        """What an item (its title and text, in `lang`) mentions."""
        compiled = self._compiled.get(lang) or self._compiled.setdefault(lang, _Compiled(self.sources, lang))
        return compiled.find(title, text)


class _Compiled:
    """The sources analysed in one language, indexed by the forms of their first word."""

    def __init__(self, sources: list[Source], lang: str) -> None:
        self.lang = lang
        self.bishkek = self._forms(vocabulary.BISHKEK[lang])
        self.other_cities = self._forms(vocabulary.OTHER_CITIES[lang])
        self.not_next_to = self._forms(vocabulary.NOT_THE_HOLDER[lang]) | self.other_cities
        self.index: dict[str, set[Phrase]] = defaultdict(set)
        for source in sources:
            parts = words(source.text)
            if source.lang not in (None, lang) or not parts:
                continue
            context = [w for text in source.context for w in words(text)]
            phrase = Phrase(source, tuple(forms(w, lang) for w in parts),
                            frozenset().union(*(forms(w, lang) for w in context)),
                            frozenset(source.initials),
                            any(f & self.bishkek for f in (forms(w, lang) for w in parts)))
            for form in phrase.words[0]:
                self.index[form].add(phrase)

    def _forms(self, texts: list[str]) -> frozenset[str]:
        return frozenset().union(*(forms(w, self.lang) for text in texts for w in words(text)))

    def find(self, title: str, text: str) -> frozenset[Mention]:
        written = WORD.findall(f"{title}\n{text}")
        found = [forms(w, self.lang) for w in words(f"{title}\n{text}")]
        about_bishkek = any(f & self.bishkek for f in found)
        titled_bishkek = any(f & self.bishkek for f in found[:len(words(title))])
        sure: set[Mention] = set()
        surnames: set[Mention] = set()  # alone: they count in an item about Bishkek or about us
        topics: set[Mention] = set()  # they count in an item about us, or with Bishkek in its title
        for start, end, phrase in self._matches(found):
            source = phrase.source
            near = found[max(0, start - vocabulary.WINDOW):start] + found[end:end + vocabulary.WINDOW]
            if source.rule == "name":
                if not source.proper or written[start][0].isupper():
                    sure.add(source.mention)
            elif source.rule == "surname":
                if any(n & (phrase.context | phrase.initials) for n in near):
                    sure.add(source.mention)
                elif source.alone:
                    surnames.add(source.mention)
            elif source.rule == "title":
                if self._ours(phrase, found, start, end, near, about_bishkek):
                    sure.add(source.mention)
            else:
                topics.add(source.mention)
        if about_bishkek or sure:
            sure |= surnames
        if titled_bishkek or sure:
            sure |= topics
        return frozenset(sure)

    def _matches(self, found: list[frozenset[str]]) -> Iterator[tuple[int, int, Phrase]]:
        """(start, end, phrase) for every phrase whose words are all there, in order."""
        for start, word_forms in enumerate(found):
            for phrase in set().union(*(self.index.get(f, ()) for f in word_forms)):
                end = start + len(phrase.words)
                if end <= len(found) and all(found[start + k] & w for k, w in enumerate(phrase.words)):
                    yield start, end, phrase

    def _ours(self, phrase: Phrase, found: list[frozenset[str]], start: int, end: int,
              near: list[frozenset[str]], about_bishkek: bool) -> bool:
        """A title (or position) is ours unless a deputy's, a former holder's or another city's:
        what stands right next to it decides first, then what stands near, then the whole item."""
        next_to = found[max(0, start - vocabulary.NEXT_TO):start] + found[end:end + vocabulary.NEXT_TO]
        if any(n & self.not_next_to for n in next_to):
            return False
        if phrase.names_bishkek or any(n & self.bishkek for n in near):
            return True
        return about_bishkek and not any(n & self.other_cities for n in near)


def _sources(registry: Registry):
    """Every phrase to look for, from the registries and the vocabulary."""
    for lang, titles in vocabulary.CITY_HALL.items():
        for title in titles:
            yield Source(CITY_HALL, "title", title, lang=lang)
    for official in registry.officials.values():
        yield from _official(official)
    for unit in registry.units.values():
        mention = Mention("units", unit.id)
        names = sorted({*unit.names.values(), *_all(unit.aliases)})
        quoted = sorted({q[0] or q[1] for text in names for q in _QUOTED.findall(text)})
        for text in names + quoted:
            yield Source(mention, "name", text, proper=len(words(text)) == 1)
    for topic in registry.topics.values():
        mention = Mention("topics", topic.id)
        for lang, name in topic.names.items():
            for text in (name, *topic.aliases.get(lang, ())):
                yield Source(mention, "topic", text, lang=lang)


def _official(official: RegistryEntry):
    mention = Mention("officials", official.id)
    titles = vocabulary.TITLES_NEAR_SURNAME.get(official.kind, {})
    near = tuple(title for by_lang in titles.values() for title in by_lang)
    full_names = sorted({name for name in official.names.values() if len(name.split()) > 1})
    given_names = tuple(sorted({name.split()[0] for name in full_names}))
    initials = tuple(sorted({given[0].lower() + "." for given in given_names}))
    for name in full_names:
        given, surname = name.split(maxsplit=1)
        yield Source(mention, "name", name)
        yield Source(mention, "name", f"{surname} {given}")
    surnames = {name.split(maxsplit=1)[-1] for name in official.names.values()}
    for text in sorted(surnames | {a for a in _all(official.aliases) if len(a.split()) == 1}):
        yield Source(mention, "surname", text, given_names + near, initials,
                     alone=not any(map(is_common_word, words(text))))
    for text in sorted({a for a in _all(official.aliases) if len(a.split()) > 1}):
        yield Source(mention, "name", text)
    for text in sorted(set(official.positions.values())):
        yield Source(mention, "title", text)
    for lang, titles_alone in vocabulary.TITLES_ALONE.get(official.kind, {}).items():
        for title in titles_alone:
            yield Source(mention, "title", title, lang=lang)


def _all(aliases: dict[str, tuple[str, ...]]) -> set[str]:
    return {alias for by_lang in aliases.values() for alias in by_lang}
