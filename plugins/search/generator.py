"""The search step of a build: records in `generate_context`, the bundle in `generate_output`.

A generator rather than signal handlers: it runs after the bilingual
generator in both phases (plugins add generators in the order of PLUGINS),
so its `generate_context` finds the resolved views and its `generate_output`
comes after the pages are written, and it keeps the running indexing on
itself, out of the context that fingerprints the pages.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican.generators import Generator

from bilingual.generator import VIEWS_KEY
from bilingual.output import Output
from bilingual.resolve import Resolver

from .indexing import Indexing
from .records import record

BUNDLE = "pagefind"  # the folder under the site's root: /pagefind/pagefind.js, the index, the fragments
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
logger = logging.getLogger(__name__)


class SearchGenerator(Generator):
    indexing: Indexing | None = None

    def generate_context(self) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        records = {lang: [record(story) for story in resolver.story_views(lang)] for lang in resolver.site.languages}
        self.indexing = Indexing(records, Path(self.settings["CACHE_PATH"]).resolve() / "pagefind")

    def generate_output(self, writer) -> None:
        """Pagefind's files, but not its ready-made UIs (the theme's search.js uses its JS API)."""
        bundle = self.indexing.bundle()
        output = Output(Path(self.output_path), self.settings.get("PORTAL_PREVIOUS_OUTPUT"))
        for made in sorted(p for p in bundle.rglob("*") if p.is_file()):
            if not made.name.startswith(UNUSED):
                output.place(f"{BUNDLE}/{made.relative_to(bundle).as_posix()}", made)
        logger.info("Search index: %s; files written: %d, unchanged (linked): %d",
                    "the same stories as last time, kept" if self.indexing.reused else "built",
                    output.written, output.linked)
