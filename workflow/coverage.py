"""Where a language is missing: one-language stories, officials and units without stories.

Read from the content model of the build that was checked (only what it
published), so the notes describe the site readers get.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from portal.localization.editor import Message, _

from .report import Note

LANGUAGE_NAMES = {"ky": _("Kyrgyz"), "ru": _("Russian")}
NO_VERSION = {"ky": _("no Kyrgyz version"), "ru": _("no Russian version")}
DRAFT_VERSION = {"ky": _("the Kyrgyz version is a draft"), "ru": _("the Russian version is a draft")}


def notes(resolver, content: Path, root: Path) -> Iterator[Note]:
    """`resolver`: the checked build's per-language stories (the pages plugin's `Resolver`);
    `content`: its content folder."""
    yield from one_language(resolver, content, root)
    yield from without_stories(resolver)


def one_language(resolver, content: Path, root: Path) -> Iterator[Note]:
    """A story published in one language: the other has no file, or only a draft."""
    languages = resolver.site.languages
    found: dict[str, dict] = {}
    for lang in languages:
        for story in resolver.summaries(lang):
            found.setdefault(story.id, {})[lang] = story
    for story_id, versions in sorted(found.items()):
        missing = [lang for lang in languages if lang not in versions]
        if missing:
            present = next(iter(versions.values()))
            states = [DRAFT_VERSION.get(lang, lang) if lang in present.drafts else NO_VERSION.get(lang, lang)
                      for lang in missing]
            yield Note("one-language", _("%(story)s: %(states)s", story=story_id, states=states),
                       _relative(content / present.source, root))


def without_stories(resolver) -> Iterator[Note]:
    """Officials and units whose page in a language lists no story (the pages' own rule)."""
    from portal.pages.summaries import MEMBERS  # the build has loaded the plugins by now

    site = resolver.site
    for kind in ("officials", "units"):
        listed = {lang: set().union(*(MEMBERS[kind](s) for s in resolver.summaries(lang)))
                  for lang in site.languages}
        for entry_id in site.registry.of(kind):
            empty = [lang for lang in site.languages if entry_id not in listed[lang]]
            if not empty:
                continue
            if kind == "officials":
                message = _('official "%(id)s" has no story in %(languages)s', id=entry_id, languages=_names(empty))
            else:
                message = _('unit "%(id)s" has no story in %(languages)s', id=entry_id, languages=_names(empty))
            yield Note("no-story", message, f"data/{kind}.yml")


def _names(languages: list[str]) -> list[Message | str]:
    """The languages' names, translated when shown: "Kyrgyz, Russian"."""
    return [LANGUAGE_NAMES.get(lang, lang) for lang in languages]


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
