"""Checks that need more than one file: pairs, URLs and references."""

from __future__ import annotations

from collections import defaultdict

from .model import Page, Story, Translation
from .problems import Problems


def check_pairs(stories: dict[str, Story], problems: Problems) -> None:
    """The two languages of a story are one story: same publication time."""
    for story in stories.values():
        versions = [t for t in story.translations.values() if t.date]
        for other in versions[1:]:
            first = versions[0]
            if other.date != first.date:
                problems.add(other.source, other.lines.get("date"),
                             f'"date" is {other.date:%Y-%m-%d %H:%M} here but {first.date:%Y-%m-%d %H:%M} '
                             f"in {first.source.name}",
                             "Both languages of a story are published together: give them the same date.")


def story_path(url_pattern: str, story: Story, translation: Translation) -> str:
    return url_pattern.format(lang=translation.lang, section=story.section,
                              year=f"{translation.date:%Y}", slug=translation.slug)


def check_unique_urls(stories: dict[str, Story], pages: dict[str, Page], url_pattern: str,
                      reserved: set[str], problems: Problems) -> None:
    """Two stories may not share an address, and a page may not shadow a list."""
    claimed: dict[str, list[Translation]] = defaultdict(list)
    for story in stories.values():
        for translation in story.translations.values():
            if translation.date and translation.slug:
                claimed[story_path(url_pattern, story, translation)].append(translation)
    for url, owners in claimed.items():
        if len(owners) > 1:
            for owner in owners:
                others = ", ".join(str(o.source) for o in owners if o is not owner)
                problems.add(owner.source, None, f"the address /{url} is also used by {others}",
                             'Give one of them a different title, or add a line: slug: another-address')
    for page in pages.values():
        if page.id in reserved:
            for translation in page.translations.values():
                problems.add(translation.source, None, f'a page cannot be called "{page.id}": the site uses that address',
                             "Rename the page's folder.")


def check_references(stories: dict[str, Story], problems: Problems) -> None:
    """Coverage and explainer links must name story folders that exist."""
    for story in stories.values():
        for translation in story.translations.values():
            refs = []
            if translation.event and translation.event.coverage:
                refs.append(("coverage", translation.event.coverage, None))
            if translation.explains:
                refs.append(("explains", translation.explains, "decisions"))
            for key, target, section in refs:
                found = stories.get(target.strip("/"))
                if found is None:
                    problems.add(translation.source, None, f'"{key}" names a story that does not exist: "{target}"',
                                 "Write the story's folder path under content/, e.g. news/2026/11-26-bus-lanes")
                elif section and found.section != section:
                    problems.add(translation.source, None, f'"{key}" must name a decision, not a {found.section} story')
