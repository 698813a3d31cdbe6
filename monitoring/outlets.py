"""data/outlets.yml: the outlets whose feeds `make monitor` reads, read and checked.

    kaktus-media:                      the id: also the folder name with FROM=DIR
      name: "Kaktus Media"             or {ky: …, ru: …}
      languages: [ru]
      home: https://kaktus.media/
      feeds:
        - https://kaktus.media/?rss    a feed in the outlet's only language
        - {url: https://…, language: ky}

One outlet may be City Hall's own portal (`own: true`): its stories are
shown beside the press's, to see which releases the press picked up, and
are never counted as coverage. A mistake is a problem with its line, in the
editor's language (portal.localization.editor's catalogs), like a mistake in a story.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from portal.core.problems import Problems
from portal.localization.editor import _
from portal.stories.characters import invisible
from portal.stories.frontmatter import load_yaml, repeated_key
from portal.stories.slugs import SLUG

from .languages import LANGUAGES

EXAMPLE = """kaktus-media:
  name: "Kaktus Media"
  languages: [ru]
  home: https://kaktus.media/
  feeds:
    - https://kaktus.media/?rss"""


@dataclass(frozen=True)
class FeedSource:
    outlet: str
    url: str  # a web address, or a saved file's path (FROM=DIR)
    language: str | None  # None: each item's own (see parsing.item_language)


@dataclass(frozen=True)
class Outlet:
    id: str
    names: dict[str, str]
    languages: tuple[str, ...]
    home: str
    feeds: tuple[FeedSource, ...]
    own: bool = False

    def name(self, lang: str) -> str:
        return self.names[lang]


def is_web_address(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def load_outlets(path: Path, problems: Problems) -> list[Outlet]:
    """The outlets in file order; every mistake is added to `problems`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(path, None, _("the list of outlets is missing"),
                     _("Create it with entries like:\n%(example)s", example=EXAMPLE))
        return []
    if found := invisible(text):
        problems.add(path, found.line, found.message, found.hint)
        return []
    try:
        raw, node = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.add(path, mark.line + 1 if mark else None, _("this list of outlets is not valid YAML"),
                     _("Check the indentation near this line. Each outlet looks like this:\n%(example)s",
                       example=EXAMPLE))
        return []
    if not isinstance(raw, dict) or not isinstance(node, yaml.MappingNode):
        problems.add(path, None, _("this file must list the outlets by id"),
                     _("Write each outlet under its id, like this:\n%(example)s", example=EXAMPLE))
        return []
    if repeated := repeated_key(node):
        key, first, second = repeated
        problems.add(path, second + 1, _('"%(key)s" is written twice (lines %(first)d and %(second)d)',
                                         key=key, first=first + 1, second=second + 1),
                     _("Keep one of them: the second would silently replace the first."))
    lines = {str(key.value): key.start_mark.line + 1 for key, _value in node.value}
    outlets = [_outlet(str(oid), fields, path, lines.get(str(oid)), problems) for oid, fields in raw.items()]
    found_outlets = [o for o in outlets if o is not None]
    owners = [o for o in found_outlets if o.own]
    for extra in owners[1:]:
        problems.add(path, lines.get(extra.id),
                     _('"%(id)s": only one outlet can be City Hall\'s own', id=extra.id),
                     _("Remove own: true from all but the portal of City Hall."))
    return found_outlets


def _outlet(oid: str, fields: object, path: Path, line: int | None, problems: Problems) -> Outlet | None:
    """One outlet, or None after adding its mistakes to `problems`."""
    before = len(problems.items)
    if not SLUG.fullmatch(oid):
        problems.add(path, line, _('"%(id)s" cannot be an outlet id', id=oid),
                     _("Write it with lowercase Latin letters, digits and hyphens, e.g. kaktus-media: "
                       "it is also the folder name of its saved feeds (FROM=DIR)."))
    fields = fields if isinstance(fields, dict) else {}
    names = _names(fields.get("name"))
    if names is None:
        problems.add(path, line, _('"%(id)s" has no name', id=oid),
                     _('Write under %(id)s: name: "Kaktus Media" (or name: {ky: …, ru: …}).', id=oid))
    languages = fields.get("languages")
    languages = [languages] if isinstance(languages, str) else languages
    if not isinstance(languages, list) or not languages or not set(languages) <= set(LANGUAGES):
        problems.add(path, line, _('"%(id)s": the languages must be ky, ru or both', id=oid),
                     _("Write under %(id)s: languages: [ky, ru] (or only one of them).", id=oid))
        languages = list(LANGUAGES)
    home = str(fields.get("home") or "")
    if not is_web_address(home):
        problems.add(path, line, _('"%(id)s" has no home page address', id=oid),
                     _("Write under %(id)s: home: https://… (the outlet's front page).", id=oid))
    feeds = _feeds(oid, fields.get("feeds"), tuple(languages), path, line, problems)
    if len(problems.items) > before or names is None:
        return None
    return Outlet(oid, names, tuple(languages), home, feeds, own=fields.get("own") is True)


def _names(value: object) -> dict[str, str] | None:
    if isinstance(value, str) and value.strip():
        return {lang: value.strip() for lang in LANGUAGES}
    if isinstance(value, dict) and all(isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES):
        return {lang: value[lang].strip() for lang in LANGUAGES}
    return None


def _feeds(oid: str, value: object, languages: tuple[str, ...], path: Path, line: int | None,
           problems: Problems) -> tuple[FeedSource, ...]:
    if not isinstance(value, list) or not value:
        problems.add(path, line, _('"%(id)s" has no feed address', id=oid),
                     _("Write under %(id)s: feeds: [https://…/rss.xml] (the addresses of its RSS or Atom feeds).",
                       id=oid))
        return ()
    only = languages[0] if len(languages) == 1 else None
    feeds = []
    for entry in value:
        url, language = (entry, only) if isinstance(entry, str) else (
            (str(entry.get("url") or ""), entry.get("language", only)) if isinstance(entry, dict) else ("", only))
        if not is_web_address(url):
            problems.add(path, line, _('"%(id)s": "%(url)s" is not a feed address', id=oid, url=url),
                         _("A feed address starts with https:// or http://, e.g. https://kaktus.media/?rss."))
        elif language is not None and language not in languages:
            problems.add(path, line,
                         _('"%(id)s": the feed %(url)s is in "%(language)s", not in the outlet\'s languages',
                           id=oid, url=url, language=language),
                         _("Write the feed's language as ky or ru, and list it in the outlet's languages."))
        else:
            feeds.append(FeedSource(oid, url, language))
    return tuple(feeds)
