"""What a page's or feed's key counts a story view as: its digest, made once per build.

A page's key (portal.core.render_cache) counts each story it shows by the
digest of its view; so do the feeds, and the search index keys its records
by the same digests. Kept between builds in each story's summary
(summaries.py), a digest is made only for the views a build makes.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields

from .views import EventView, StoryView


class ViewDigests:
    """The digest of each story view of a build, made once however many pages and feeds show it.

    A digest covers everything a page or feed can show of the story; the
    story's text counts by the hash of its packed bytes. Stories it links
    to (the decision it explains, its explainers, an event's report) count
    by their `card`, the digest of what a link shows of them (LINKED), and
    its translation not at all: a page reaches the other language only
    through its own context (alternates, switcher). Views are not changed
    once made (views.py), so a digest holds for the whole build; the view is
    kept with it, so its id is never reused by another object.
    """

    kind = StoryView  # what a page's key counts by its digest
    LINKED = ("id", "lang", "url", "title", "summary", "date", "section", "decision")
    FIELDS = tuple(field.name for field in fields(StoryView))
    EVENT_FIELDS = tuple(field.name for field in fields(EventView) if field.name != "coverage")

    def __init__(self) -> None:
        self._known: dict[int, tuple[StoryView, bytes, bytes]] = {}
        self._cards: dict[int, tuple[StoryView, bytes]] = {}

    def __call__(self, view: StoryView) -> bytes:
        known = self._known.get(id(view))
        if known is None:
            known = self._known[id(view)] = (view, self._make(view), self._make(view, LISTED_WITHOUT))
        return known[1]

    def listed(self, view: StoryView) -> bytes:
        """The digest of what a list can show of the story: everything but its text. A correction
        of the text alone leaves every list that shows the story as it was (at 4,000 story pairs
        that was some forty pages rendered, and the views they show read back, for the same bytes)."""
        self(view)
        return self._known[id(view)][2]

    def card(self, view: StoryView) -> bytes:
        """The digest of what a link to the story shows."""
        known = self._cards.get(id(view))
        if known is None:
            state = tuple(getattr(view, name) for name in self.LINKED)
            known = self._cards[id(view)] = (view, _digest(state))
        return known[1]

    def _make(self, view: StoryView, leave_out: frozenset[str] = frozenset()) -> bytes:
        state = []
        for name in self.FIELDS:
            if name in leave_out:
                continue
            value = getattr(view, name)
            if name == "content":
                value = hashlib.blake2b(value.data).digest()
            elif name == "translation":
                value = None
            elif name == "explains":
                value = self.card(value) if value else None
            elif name == "explained_by":
                value = [self.card(linked) for linked in value]
            elif name == "event" and value is not None:
                value = (tuple(getattr(value, field) for field in self.EVENT_FIELDS),
                         self.card(value.coverage) if value.coverage else None)
            state.append(value)
        return _digest(state)


# What no list shows of a story (story_card.html, kit_card.html, the home's lists): its text.
LISTED_WITHOUT = frozenset({"content"})


def _digest(state: object) -> bytes:
    return hashlib.blake2b(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()
