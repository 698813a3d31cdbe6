"""What a build keeps of each story folder it read, so that the next one reads only what changed.

A story's `StoryFacts` are what other stories and the site as a whole need
of it without reading it again: the stamp of its folder's files (see
portal.core.inputs), each language's address and status, the stories it
names (explains, coverage), and the next moment at which the clock alone
changes it (an embargo lifts, an event ends).

A build reads a story folder again when its files changed, when the clock
has passed that moment, and when a story it names or that names it changed
or went: their pages show each other's title and address (`neighbours`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from .model import Story, Translation
from .validate import story_path


class TranslationFacts(NamedTuple):
    source: str  # the file's name in the folder
    status: str
    date: datetime | None
    url: str  # the story's address in this language, relative to the site's root ("" without a date or slug)
    explains: str | None  # the story id it names, as written
    coverage: str | None


class StoryFacts(NamedTuple):
    stamp: bytes  # of the folder's files, when it was read
    section: str
    shown: bool  # on the site (public, or with a preview's drafts and embargoed stories)
    moment: datetime | None  # the next time the clock changes it, as of the build that read it
    translations: dict[str, TranslationFacts]

    def names(self) -> set[str]:
        """The story ids it names (explains, coverage)."""
        return {target.strip("/") for t in self.translations.values() for target in (t.explains, t.coverage)
                if target}


def facts_of(story: Story, stamp: bytes, url_pattern: str, now: datetime, shown: bool) -> StoryFacts:
    translations = {lang: TranslationFacts(t.source.name, t.status, t.date,
                                           story_path(url_pattern, story, t) if t.date and t.slug else "",
                                           t.explains, t.event.coverage if t.event else None)
                    for lang, t in story.translations.items()}
    return StoryFacts(stamp, story.section, shown, next_moment(story.translations.values(), now), translations)


def next_moment(translations: Iterable[Translation], now: datetime) -> datetime | None:
    """When the clock next changes how a story is shown: its embargo lifts, its event is over."""
    moments = [t.date for t in translations if t.date and t.status == "published"]
    moments += [t.event.ends or t.event.starts for t in translations if t.event and t.event.starts]
    return min((moment for moment in moments if moment > now), default=None)


def neighbours(changed: set[str], previous: dict[str, StoryFacts], current: dict[str, StoryFacts]) -> set[str]:
    """The stories that name one of `changed` or that one of them names, before or after the change."""
    found: set[str] = set()
    for story_id in changed:
        for facts in (previous.get(story_id), current.get(story_id)):
            if facts is not None:
                found |= facts.names()
    for story_id, facts in current.items():
        if story_id not in changed and facts.names() & changed:
            found.add(story_id)
    return {story_id for story_id in found - changed if story_id in current}
