"""Where a language is missing: one-language stories, officials and units without stories.

Read from the content model of the build that was checked (only what it
published), so the notes describe the site readers get.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .report import Note

LANGUAGE_NAMES = {"ky": "Kyrgyz", "ru": "Russian"}


def notes(site, root: Path) -> Iterator[Note]:
    yield from one_language(site, root)
    yield from without_stories(site)


def one_language(site, root: Path) -> Iterator[Note]:
    for story_id, story in sorted(site.stories.items()):
        missing = [lang for lang in site.languages if lang not in story.translations]
        if missing and story.translations:
            present = next(iter(story.translations.values()))
            yield Note("one-language", f"{story_id}: no {', '.join(_name(l) for l in missing)} version",
                       _relative(present.source, root))


def involved(translation, kind: str) -> set[str]:
    """The officials (named, speaking, signing) or units a story concerns."""
    if kind == "units":
        return set(translation.units)
    ids = set(translation.officials)
    if translation.event:
        ids |= set(translation.event.speakers)
    if translation.decision:
        ids.add(translation.decision.signatory)
    return ids


def without_stories(site) -> Iterator[Note]:
    for kind in ("officials", "units"):
        for entry_id in site.registry.of(kind):
            empty = [lang for lang in site.languages
                     if not any(entry_id in involved(t, kind) for story in site.stories.values()
                                for l, t in story.translations.items() if l == lang)]
            if empty:
                label = "official" if kind == "officials" else "unit"
                yield Note("no-story", f'{label} "{entry_id}" has no story in {", ".join(_name(l) for l in empty)}',
                           f"data/{kind}.yml")


def _name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def _relative(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
