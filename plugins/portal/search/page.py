"""The search page of each language (`/ky/search/`), which the search plugin gives the pages plugin
to render (PORTAL_PAGE_PLANS): without the plugin there is no index, so no page and no search box."""

from __future__ import annotations

from collections.abc import Iterator

from portal.pages.planning import ARCHIVE, LanguagePlanner, PagePlan


def search_page(planner: LanguagePlanner) -> Iterator[PagePlan]:
    """The page's form offers what this language has stories for: their years, officials and units."""
    urls, lang, stories = planner.urls, planner.lang, planner.stories
    officials = set().union(*(story.officials for story in stories))
    units = {unit for story in stories for unit in story.units}
    registry = planner.site.registry
    yield planner.plan(
        urls.search(lang), "search.html", urls.search(planner.other),
        years=sorted({story.date.year for story in stories}, reverse=True),
        officials=[planner.resolver.entry("officials", e, lang) for e in registry.officials.values()
                   if e.id in officials],
        units=[planner.resolver.entry("units", e, lang) for e in registry.units.values() if e.id in units],
        archive_url=urls.listing(lang, ARCHIVE),
        pagefind_url=urls.pagefind(),
    )
