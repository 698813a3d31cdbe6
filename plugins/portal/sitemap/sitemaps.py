"""The sitemap's parts and index (sitemaps.org 0.9, with hreflang), the Google News sitemap and robots.txt.

Each page's hreflang alternates are the ones the page itself declares in its
`<head>` (self included, and x-default on every page that exists in both languages), so the two never
disagree. `lastmod` is the newest time (publication or correction) of the
stories a page shows; a page that shows no story (about, the indexes) has
none rather than an invented one, and no date comes from the build's clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from lxml import etree

from portal.pages.planning import PagePlan
from portal.pages.resolve import Resolver
from portal.pages.summaries import Summary
from portal.pages.urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_DAYS = 2  # Google News: only articles published in the last two days
NEWS_MAX = 1000  # Google News: at most 1,000 URLs per news sitemap
URLSET_HEAD = f"<?xml version='1.0' encoding='utf-8'?>\n<urlset xmlns=\"{SITEMAP}\" xmlns:xhtml=\"{XHTML}\">\n".encode()
URLSET_TAIL = b"</urlset>\n"


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def lastmod(plan: PagePlan) -> datetime | None:
    """The newest time (publication or correction) among the stories a page shows."""
    return max((story.updated for story in plan.shown()), default=None)


def entry(plan: PagePlan, urls: Urls, changed: datetime | None) -> str:
    """A page's `<url>`: its address, the newest time among the stories it shows (`lastmod`), its alternates."""
    lines = ["  <url>", f"    <loc>{_text(urls.absolute(plan.path))}</loc>"]
    if changed:
        lines.append(f"    <lastmod>{changed.isoformat()}</lastmod>")
    lines += [f'    <xhtml:link rel="alternate" hreflang="{_text(link.hreflang)}" href="{_text(link.url)}"/>'
              for link in plan.alternates()]
    lines.append("  </url>\n")
    return "\n".join(lines)


def sitemap(entries: Iterable[bytes]) -> bytes:
    """A part of the sitemap: these entries (`entry`, UTF-8). Written as text, not built with lxml as the
    news sitemap is: a tree of some 15,000 elements at 1,000 story pairs cost 0.15 s of every build."""
    return URLSET_HEAD + b"".join(entries) + URLSET_TAIL


def sitemap_index(parts: Iterable[tuple[str, str | None]]) -> bytes:
    """sitemap.xml: each part's address and the newest `lastmod` among its pages (if any has one)."""
    root = etree.Element(f"{{{SITEMAP}}}sitemapindex", nsmap={None: SITEMAP})
    for url, changed in parts:
        part = etree.SubElement(root, f"{{{SITEMAP}}}sitemap")
        etree.SubElement(part, f"{{{SITEMAP}}}loc").text = url
        if changed:
            etree.SubElement(part, f"{{{SITEMAP}}}lastmod").text = changed
    return _serialize(root)


def _text(value: str) -> str:
    """Escaped for XML text and double-quoted attributes."""
    return escape(value, {'"': "&quot;"})


def recent(resolver: Resolver) -> list[Summary]:
    """Stories of the last two days by the build's clock, newest first, both languages."""
    now = resolver.site.now
    found = [s for lang in resolver.site.languages for s in resolver.summaries(lang)
             if now - timedelta(days=NEWS_DAYS) <= s.date <= now and not s.unpublished]
    found.sort(key=lambda s: (s.date, s.id, s.lang), reverse=True)
    return found[:NEWS_MAX]


def news_sitemap(stories: list[Summary], urls: Urls, publication: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "news": NEWS})
    for story in stories:
        url = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(url, f"{{{SITEMAP}}}loc").text = urls.absolute(story.url)
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
