"""Bilingual: write the /ky/ and /ru/ trees in one Pelican run.

Signal: `get_generators`, adding `BilingualGenerator`, which reads the `Site`
that the stories plugin left in the context. Settings: `PORTAL_LANGUAGES`,
`PORTAL_STORY_URL`, `PORTAL_PAGE_SIZE`, `SITEURL` and `CACHE_PATH` (the
pages' fingerprints, see render_cache.py).
"""

from pelican import signals

from .generator import BilingualGenerator


def _generators(_pelican):
    return BilingualGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
