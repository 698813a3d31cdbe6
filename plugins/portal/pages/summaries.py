"""What lists, feeds and the search index need of every story, without its whole view.

A `Summary` is small: where a story is listed (section, officials, units,
topics, the photo section, the calendar), in which order, and its digests.
A build holds the summary of every story and the whole view (views.py) of
the few it renders pages or feed items for: kept between builds
(generator.py), a view is read back only when a page that shows it is
rendered. A page's key counts each story it shows by its summary's
`digest` (what the view shows, see digests.py), so a list whose stories did
not change is known unchanged without a view in sight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import NamedTuple

from .views import StoryView


class EventFacts(NamedTuple):
    when: datetime  # its start, or its new time once postponed
    status: str  # "scheduled" | "cancelled" | "postponed"
    is_past: bool


class Summary(NamedTuple):
    id: str
    lang: str
    date: datetime
    updated: datetime  # its last correction, else its date
    url: str
    title: str
    section: str  # the section's id
    officials: frozenset[str]  # named, speaking or signing (involved)
    units: tuple[str, ...]
    topics: tuple[str, ...]
    kit: bool  # has a press kit: listed in the photo section
    event: EventFacts | None
    media: str  # "audio" (a recording here), "video" (here or linked), or ""
    unpublished: str  # "", or in a preview "draft" / "embargoed"
    counterpart: str | None  # the address of its translation, if it has one
    drafts: tuple[str, ...]  # the languages of the story whose version is still a draft
    explains: str | None  # the id of the decision it explains
    source: str  # its file, relative to content/
    files: tuple[str, ...]  # the files of its folder it publishes (a decision's PDF, a recording…), by site path
    digest: bytes  # of everything its own page shows of it (digests.ViewDigests)
    listed: bytes  # of what a list shows of it: all but its text (ViewDigests.listed)
    card: bytes  # of what a link to it shows (title, address, summary…)

    def newest_first(self) -> tuple[datetime, str]:
        return self.date, self.id


def involved(story: StoryView) -> frozenset[str]:
    """Officials a story concerns: named, speaking, or signing (their pages and feeds list it)."""
    ids = {o.id for o in story.officials}
    if story.event:
        ids |= {s.id for s in story.event.speakers}
    if story.decision:
        ids.add(story.decision.signatory.id)
    return frozenset(ids)


def summarize(view: StoryView, drafts: tuple[str, ...], source: str, files: tuple[str, ...], digest: bytes,
              listed: bytes, card: bytes) -> Summary:
    event = view.event
    media = view.media
    return Summary(
        id=view.id, lang=view.lang, date=view.date, updated=view.updated, url=view.url, title=view.title,
        section=view.section.id, officials=involved(view), units=tuple(u.id for u in view.units),
        topics=tuple(t.id for t in view.topics), kit=view.press_kit is not None,
        event=EventFacts(event.when, event.status, event.is_past) if event else None,
        media="" if media is None else "audio" if media.kind == "audio" and media.file else
        "video" if media.kind == "video" else "",
        unpublished=view.unpublished, counterpart=view.translation.url if view.translation else None, drafts=drafts,
        explains=view.explains.id if view.explains else None, source=source, files=files, digest=digest,
        listed=listed, card=card)


# Which registry entries a story is listed under, by kind: one rule for pages, feeds and checks.
MEMBERS: dict[str, Callable[[Summary], Iterable[str]]] = {
    "sections": lambda s: (s.section,),
    "officials": lambda s: s.officials,
    "units": lambda s: s.units,
    "topics": lambda s: s.topics,
}


def listed(stories: Iterable[Summary], kind: str) -> dict[str, list[Summary]]:
    """The stories of each entry of a kind of registry, in the order given: one pass over them."""
    found: dict[str, list[Summary]] = {}
    if kind == "sections":
        for story in stories:
            found.setdefault(story.section, []).append(story)
        return found
    for story in stories:
        for entry_id in getattr(story, kind):  # the field named like the kind: faster than calling MEMBERS
            found.setdefault(entry_id, []).append(story)
    return found
