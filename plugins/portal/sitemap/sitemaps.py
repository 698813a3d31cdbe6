"""sitemap.xml (sitemaps.org 0.9 with hreflang), the Google News sitemap and robots.txt.

Each page's hreflang alternates are the ones the page itself declares in its
`<head>` (self included, and x-default on every page that exists in both languages), so the two never
disagree. `lastmod` is the newest time (publication or correction) of the
stories a page shows; a page that shows no story (about, the indexes) has
none rather than an invented one, and no date comes from the build's clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from lxml import etree

from portal.pages.planning import PagePlan
from portal.pages.resolve import Resolver
from portal.pages.urls import Urls
from portal.pages.views import StoryView

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_DAYS = 2  # Google News: only articles published in the last two days
NEWS_MAX = 1000  # Google News: at most 1,000 URLs per news sitemap


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def lastmod(context: dict) -> datetime | None:
    """The newest time among the stories a page shows (its own, or its list's)."""
    shown: list[StoryView] = []
    for value in context.values():
        if isinstance(value, StoryView):
            shown.append(value)
        elif isinstance(value, list):
            shown.extend(v for v in value if isinstance(v, StoryView))
    return max((story.updated for story in shown), default=None)


def sitemap(pages: list[PagePlan], urls: Urls) -> bytes:
    """Written as text, not built with lxml as the news sitemap is: a tree of some 15,000
    elements at 1,000 story pairs cost 0.15 s of every build, for the same bytes."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">']
    for plan in pages:
        lines += ["  <url>", f"    <loc>{_text(urls.absolute(plan.path))}</loc>"]
        changed = lastmod(plan.context)
        if changed:
            lines.append(f"    <lastmod>{changed.isoformat()}</lastmod>")
        lines += [f'    <xhtml:link rel="alternate" hreflang="{_text(link.hreflang)}" href="{_text(link.url)}"/>'
                  for link in plan.context.get("alternates", [])]
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")


def _text(value: str) -> str:
    """Escaped for XML text and double-quoted attributes."""
    return escape(value, {'"': "&quot;"})


def news_sitemap(resolver: Resolver, publication: dict[str, str]) -> bytes:
    """Stories of the last two days by the build's clock, newest first, both languages."""
    now = resolver.site.now
    recent = [s for lang in resolver.site.languages for s in resolver.story_views(lang)
              if now - timedelta(days=NEWS_DAYS) <= s.date <= now and not s.unpublished]
    recent.sort(key=lambda s: (s.date, s.id, s.lang), reverse=True)
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "news": NEWS})
    for story in recent[:NEWS_MAX]:
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = story.abs_url
        news = etree.SubElement(url, f"{{{NEWS}}}news")
        pub = etree.SubElement(news, f"{{{NEWS}}}publication")
        etree.SubElement(pub, f"{{{NEWS}}}name").text = publication[story.lang]
        etree.SubElement(pub, f"{{{NEWS}}}language").text = story.lang
        etree.SubElement(news, f"{{{NEWS}}}publication_date").text = story.date.isoformat()
        etree.SubElement(news, f"{{{NEWS}}}title").text = story.title
    return _serialize(root)


def robots(sitemaps: list[str]) -> bytes:
    """Everything may be crawled; the sitemaps say where everything is."""
    lines = ["User-agent: *", "Disallow:", "", *(f"Sitemap: {url}" for url in sitemaps)]
    return ("\n".join(lines) + "\n").encode("utf-8")
