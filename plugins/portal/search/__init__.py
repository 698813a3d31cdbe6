"""Search: Pagefind indexes of the stories, per language and in chunks, built while the pages render.

Signal: `get_generators`, adding `SearchGenerator` (after the pages
generator, see PLUGINS): its `generate_context` cuts the story views into
chunks by date and starts Pagefind on the chunks whose stories changed, with
a search record of each of their stories (indexing.py, records.py,
service.py), and gives the pages plugin the search pages to render
(page.py, `PORTAL_PAGE_PLANS`) and the header their paths (`PORTAL_SEARCH`):
without this plugin there is neither; its `generate_output` waits for them and
writes every chunk to `/pagefind/<lang>-<n>/`, with `/pagefind/chunks.json`
listing them and `/pagefind/pagefind.js`, which search.js imports. Only
stories are indexed, never listings or the home page, and each language has
its own indexes, so a reader searches only their language. Pagefind stems
Russian; for Kyrgyz, which it cannot stem, `/pagefind/kyrgyz.json` has the
rules of portal.kyrgyz, by which search.js stems the reader's words.
Settings: `PORTAL_SEARCH_CHUNK` (stories per chunk, read with portal/core/settings.py) and `CACHE_PATH` (the
bundles are kept there; an unchanged index file stays in the site as it was).
"""

from pelican import signals

from .generator import SearchGenerator


def _generators(_pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
