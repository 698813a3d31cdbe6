"""Sitemaps for search engines: sitemap.xml, news-sitemap.xml, robots.txt.

Signal: `get_generators`, adding `SitemapGenerator` (see its module). It must
come after "portal.pages" in PLUGINS: it lists the pages the pages plugin
wrote (`PORTAL_PAGES`, including pages other plugins gave it), and reads its
views (`PORTAL_VIEWS`) for the news sitemap. Settings: `PORTAL_LANGUAGES`
(the publication's name per language), `SITEURL`.
"""

from pelican import signals

from .generator import SitemapGenerator


def _generators(_pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
