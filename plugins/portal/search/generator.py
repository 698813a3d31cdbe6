"""The search step of a build: records in `generate_context`, the bundle in `generate_output`.

A generator rather than signal handlers: it runs after the pages
generator in both phases (plugins add generators in the order of PLUGINS),
so its `generate_context` finds the resolved views and its `generate_output`
comes after the pages are written, and it keeps the running indexing on
itself, out of the context that fingerprints the pages.
"""

from __future__ import annotations

import json
import logging

from portal import kyrgyz
from portal.core.context_keys import OUTPUT_KEY, PLANS_KEY, SEARCH_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.settings import SiteSettings, whole_number
from portal.core.state import build_state
from portal.pages.resolve import Resolver

from .indexing import Indexing, KnownRecords, bundle_files, chunked, examine_all
from .page import search_page

BUNDLE = "pagefind"  # the folder under the site's root: /pagefind/pagefind.js, chunks.json and a folder per chunk
SCRIPT = "pagefind.js"  # Pagefind's API, the same in every chunk: search.js imports it once, from /pagefind/
TABLE = "chunks.json"  # each language's chunks, oldest first (Indexing.table)
# Pagefind has no Kyrgyz stemmer: search.js stems the reader's Kyrgyz words itself, by these rules (portal.kyrgyz).
KYRGYZ_RULES = "kyrgyz.json"
RECORDS = "pagefind-records"  # in the cache folder, beside the bundles (indexing.KnownRecords)
PLACED = "search"  # in the site folder's state: each chunk's bundle (its digest) and the files placed from it
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
logger = logging.getLogger(__name__)


class SearchGenerator(MachineGuard):
    indexing: Indexing  # made by generate_context

    def __init__(self, *args, **kwargs) -> None:
        """Made with the other generators, before any reads the content: the bundles kept in the cache
        are examined from now on, on another core (indexing.examine_all)."""
        super().__init__(*args, **kwargs)
        self.bundles = SiteSettings.read(self.settings).cache.resolve() / "pagefind"
        self.examined = examine_all(self.bundles)

    def generate_context(self) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        languages = list(resolver.site.languages)
        stories = {lang: resolver.summaries(lang) for lang in languages}
        chunks = chunked(stories, whole_number(self.settings, "PORTAL_SEARCH_CHUNK", minimum=2))
        known = KnownRecords(self.bundles.parent / RECORDS, lambda story: resolver.view(story.id, story.lang))
        self.indexing = Indexing(chunks, languages, self.bundles, known, self.examined.result())
        self.context[SEARCH_KEY] = {lang: resolver.urls.search(lang) for lang in languages}  # the header's box
        self.context.setdefault(PLANS_KEY, []).append(search_page)

    def generate_output(self, writer) -> None:
        """Pagefind's files, but not its ready-made UIs (the theme's search.js uses its JS API). A chunk
        whose bundle is the one the last build placed under the same name keeps its files as they are."""
        bundles = self.indexing.bundles()
        output: Output = self.context[OUTPUT_KEY]
        state = build_state(self.context)
        previous = (state.load(PLACED) or {}) if state.trusted else {}
        placed = {}
        written = output.written
        for name, bundle in bundles.items():
            known = previous.get(name)
            if known and known[0] == bundle.name and \
                    len(output.keep_all(f"{BUNDLE}/{name}/{f}" for f in known[1])) == len(known[1]):
                placed[name] = known
                continue
            files = [path for path, made in bundle_files(bundle).items() if not made.name.startswith(UNUSED)]
            for file in files:
                output.copy(f"{BUNDLE}/{name}/{file}", bundle / file)
            placed[name] = (bundle.name, files)
        state.keep(PLACED, placed)
        if bundles:
            output.copy(f"{BUNDLE}/{SCRIPT}", next(iter(bundles.values())) / SCRIPT)
        output.write(f"{BUNDLE}/{TABLE}", json.dumps(self.indexing.table(), separators=(",", ":")).encode())
        output.write(f"{BUNDLE}/{KYRGYZ_RULES}",
                     json.dumps(kyrgyz.rules(), ensure_ascii=False, separators=(",", ":")).encode())
        logger.info("Search index: %d of %d chunks built, the others kept; files written: %d",
                    len(self.indexing.missing), len(bundles), output.written - written)
