"""Sitemaps for search engines: sitemap.xml (an index of part files, see parts.py), news-sitemap.xml, robots.txt.

Signal: `get_generators`, adding `SitemapGenerator` (see its module). It must
come after "portal.pages" in PLUGINS: it lists the pages the pages plugin
wrote (`PORTAL_PAGES`, including pages other plugins gave it), and reads its
views (`PORTAL_VIEWS`) for the news sitemap. Settings: `PORTAL_LANGUAGES`
(the publication's name per language), `PORTAL_SITEMAP_URLS` (pages per part
file), `SITEURL`, `TIMEZONE` (the index's dates).
"""

from pelican import signals

from .generator import SitemapGenerator


def _generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
