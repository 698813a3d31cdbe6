"""Feed files whose inputs did not change are linked from the previous site, not built.

The bilingual plugin's `RenderCache` does this for pages; `FeedCache` is the
same cache for feed files, in its own file of the cache folder. A file's
fingerprint hashes the build's salt (Pelican's context with the settings,
the theme's files, the plugins' code: `RenderCache.salt_for`), its job
without the stories, and a digest of each story it carries, in order. So
editing a story re-renders only the files that carry it, and a story
entering or leaving a feed's top changes that feed's list; a changed
template, setting or line of code changes every fingerprint.

A story's digest hashes its view (pickled), computed once per build however
many feeds carry it. Everything a feed shows of a story comes from its view
(an enclosure's length is the size of a published file that the view names
by a content-keyed URL or gives the size of), except its translation: no
feed shows the other language, so editing one language leaves the other
language's feeds alone.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bilingual.output import Output, RenderCache, _stamp
from bilingual.views import StoryView

from .jobs import FeedJob


class StoryDigests:
    """The digest of each story view of a build, computed on first use."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], bytes] = {}

    def __call__(self, story: StoryView) -> bytes:
        key = (story.id, story.lang)
        if key not in self._known:
            data = pickle.dumps(replace(story, translation=None), protocol=pickle.HIGHEST_PROTOCOL)
            self._known[key] = hashlib.blake2b(data, digest_size=16).digest()
        return self._known[key]


def inputs(job: FeedJob, digest: StoryDigests) -> dict:
    """What a job's fingerprint hashes besides the salt."""
    return {"job": replace(job, stories=()), "stories": [digest(story) for story in job.stories]}


class FeedCache(RenderCache):
    """Fingerprints of the feed files of the last build (`RenderCache`, for bytes rather than pages).

    As for pages, the previous file must still be the very file its
    fingerprint was recorded for, so a failed or discarded build leaves
    nothing trusted."""

    FILE = "portal-feeds.pickle"

    def file(self, output: Output, name: str, inputs: dict, render: Callable[[], bytes]) -> Path:
        """Link `name` from the previous site if its inputs are unchanged, else render and write it."""
        fingerprint = self.fingerprint("feed", inputs)
        known = self.previous.get(name)
        old = output.previous_file(name)
        if fingerprint and known and known[0] == fingerprint and old and _stamp(old) == known[1] \
                and output.link(name):
            path = output.fresh / name
        else:
            path = output.write(name, render())
            self.rendered += 1
        if fingerprint:
            self.current[name] = (fingerprint, _stamp(path))
        return path
