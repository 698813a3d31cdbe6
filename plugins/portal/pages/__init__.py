"""Pages: every page of the /ky/ and /ru/ trees, written in one Pelican run.

The plugin owns what a page is made of: its address (urls.py), the model
resolved into per-language views (resolve.py, views.py, with their digests
in digests.py), its JSON-LD (jsonld.py), which pages there are (planning.py)
and their rendering (generator.py), with the stories' media (media.py).

Signal: `get_generators`, adding `BilingualGenerator`, which reads the `Site`
that the stories plugin left in the context. Settings: `PORTAL_LANGUAGES`,
`PORTAL_STORY_URL`, `PORTAL_PAGE_SIZE`, `SITEURL` and `CACHE_PATH` (the
pages' fingerprints, see portal.core.render_cache).
"""

from pelican import signals

from .generator import BilingualGenerator


def _generators(_pelican):
    return BilingualGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
