"""What a page's or feed's fingerprint counts a story view as: its digest, made once per build.

The render cache (portal.core.render_cache) fingerprints a page by pickling
its context, each story view replaced by its digest; the search index keys
its records by the same digests.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields

from .views import StoryView


class ViewDigests:
    """The digest of each story view of a build, made once however many pages and feeds show it.

    A digest covers everything a page or feed can show of the story; the
    story's text counts by the hash of its packed bytes. Stories it links
    to (the decision it explains, its explainers) count by what a link
    shows of them (LINKED), and its translation not at all: a page reaches
    the other language only through its own context (alternates, switcher).
    Views are not changed once made (views.py), so a digest holds for the
    whole build; the view is kept with it, so its id is never reused by
    another object.
    """

    kind = StoryView  # what the render cache replaces by its digest when it fingerprints a page
    LINKED = ("id", "lang", "url", "title", "summary", "date", "section", "decision")
    FIELDS = tuple(field.name for field in fields(StoryView))

    def __init__(self) -> None:
        self._known: dict[int, tuple[StoryView, bytes]] = {}

    def __call__(self, view: StoryView) -> bytes:
        known = self._known.get(id(view))
        if known is None:
            known = self._known[id(view)] = (view, self._make(view))
        return known[1]

    def _make(self, view: StoryView) -> bytes:
        state = []
        for name in self.FIELDS:
            value = getattr(view, name)
            if name == "content":
                value = hashlib.blake2b(value.data).digest()
            elif name == "translation":
                value = None
            elif name == "explains":
                value = self._link(value)
            elif name == "explained_by":
                value = [self._link(linked) for linked in value]
            state.append(value)
        return hashlib.blake2b(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()

    def _link(self, view: StoryView | None) -> tuple | None:
        return None if view is None else tuple(getattr(view, name) for name in self.LINKED)
