"""Which part file of the sitemap lists a page, and where a group of pages is cut into parts.

The protocol allows 50,000 URLs and 50 MB per sitemap file; the archive
passes 50,000 pages after some five years. So sitemap.xml is an index of
part files at the site's root (a sitemap may list only URLs below its own
folder), each listing one stable group of pages: a language's stories of one
year (`sitemap-ky-2026.xml`), a language's other pages (`sitemap-ky-lists.xml`:
home, listings, registries, standing pages) but for the listings' later
pages (`sitemap-ky-older.xml`: `…/page/2/` to `…/page/9/`;
`sitemap-ky-oldest.xml`: `…/page/10/` and on), and the neutral ones
(`sitemap-site.xml`: the language chooser). An edit of one of the last
hundred or so stories then changes the parts of its year, of its language's
lists and of the next pages that show it, not the thousands of pages deeper
in the listings; a new story shifts no other year. A group over the limits
is cut, in page order, into numbered parts (`sitemap-ky-oldest-1.xml`, `-2`…).
"""

from __future__ import annotations

from collections.abc import Collection

from portal.pages.planning import PagePlan
from portal.pages.urls import Urls

from .sitemaps import URLSET_HEAD, URLSET_TAIL

MAX_BYTES = 52_428_800  # the protocol's limit per sitemap file: 50 MiB uncompressed (and PORTAL_SITEMAP_URLS)
ROOM = MAX_BYTES - len(URLSET_HEAD) - len(URLSET_TAIL)  # for the entries of a part
STORY = "story.html"
OLDEST = 10  # a listing's pages from this one on (stories of months ago) are in the `oldest` group


def group_of(plan: PagePlan, urls: Urls, languages: Collection[str]) -> str:
    """`ky-2026` (a story's page, by its language and year), `ky-older` (a listing's pages 2 to 9),
    `ky-oldest` (its page 10 and on), `ky-lists` (a language's other pages) or `site`."""
    if plan.template == STORY:
        story = plan.inputs["story"]
        return f"{story.lang}-{story.date.year}"
    lang = plan.path.removeprefix(urls.prefix).lstrip("/").partition("/")[0]  # `/ky/news/` (under SITEURL's path)
    if lang not in languages:
        return "site"
    pagination = plan.inputs.get("pagination")
    if pagination is None or pagination.number == 1:
        return f"{lang}-lists"
    return f"{lang}-older" if pagination.number < OLDEST else f"{lang}-oldest"


def cut(sizes: list[int], max_urls: int, max_bytes: int) -> list[range]:
    """The runs of consecutive entries (of these sizes in bytes) that make a group's parts: each at most
    `max_urls` entries and `max_bytes` bytes of entries (what a part adds around them is the caller's)."""
    runs: list[range] = []
    start, total = 0, 0
    for index, size in enumerate(sizes):
        if index > start and (index - start == max_urls or total + size > max_bytes):
            runs.append(range(start, index))
            start, total = index, 0
        total += size
    runs.append(range(start, len(sizes)))
    return runs


def part_names(group: str, count: int) -> list[str]:
    """`sitemap-ky-2026.xml`, or, for a group cut in several parts, `sitemap-ky-2026-1.xml`, `-2`…"""
    if count == 1:
        return [f"sitemap-{group}.xml"]
    return [f"sitemap-{group}-{number}.xml" for number in range(1, count + 1)]
