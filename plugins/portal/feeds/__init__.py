"""Feeds: RSS, Atom and JSON Feed per language, section, official, unit and
topic; the podcast, the video feed, the press-conference calendar, the
Feeds page and its OPML file.

Signal: `get_generators`, adding `FeedsGenerator` (see its module). It must
come after "portal.pages" in PLUGINS: it reads the per-language views the
pages plugin shares (`PORTAL_VIEWS`), gives it the Feeds page to render
(`PORTAL_PAGE_PLANS`) and needs the stories' files already published.
Settings: `PORTAL_FEED_KINDS`, `PORTAL_FEED_FORMATS`, `PORTAL_FEED_MAX_ITEMS`,
`PORTAL_FEED_ID_AUTHORITY`, `PORTAL_WEBSUB_HUB`, `PORTAL_PODCAST_EMAIL`,
`PORTAL_PODCAST_ARTWORK`, `SITEURL`, `TIMEZONE`.
"""

from pelican import signals

from .generator import FeedsGenerator


def _generators(_pelican):
    return FeedsGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
