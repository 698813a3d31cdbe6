"""Search: a Pagefind index of the stories, one per language, built while the pages render.

Signal: `get_generators`, adding `SearchGenerator` (after the bilingual
generator, see PLUGINS): its `generate_context` turns every story view into a
search record (records.py) and starts Pagefind on them (indexing.py,
service.py); its `generate_output` waits for the bundle and writes it to
`/pagefind/`. Only stories are indexed, never listings or the home page, and
each language is its own index, so a reader searches only their language.
Settings: `CACHE_PATH` (the last bundle is kept there) and
`PORTAL_PREVIOUS_OUTPUT` (unchanged index files are linked from the site
this build replaces, see plugins/bilingual/output.py).
"""

from pelican import signals

from .generator import SearchGenerator


def _generators(_pelican):
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
