"""The search page of each language (`/ky/search/`), which the search plugin gives the pages plugin
to render (PORTAL_PAGE_PLANS): without the plugin there is no index, so no page and no search box."""

from __future__ import annotations

from collections.abc import Iterator

from portal.pages.planning import ARCHIVE, LanguagePlanner, PagePlan, involved


def search_page(planner: LanguagePlanner) -> Iterator[PagePlan]:
    """The page's form offers what this language has stories for: their years, officials and units."""
    urls, lang, stories = planner.urls, planner.lang, planner.stories
    path = urls.search(lang)
    officials = set().union(*map(involved, stories))
    units = {u.id for s in stories for u in s.units}
    registry = planner.site.registry
    context = planner.common(path, urls.search(planner.other))
    context.update(
        years=sorted({s.date.year for s in stories}, reverse=True),
        officials=[planner.resolver.entry("officials", e, lang) for e in registry.officials.values()
                   if e.id in officials],
        units=[planner.resolver.entry("units", e, lang) for e in registry.units.values() if e.id in units],
        archive_url=urls.listing(lang, ARCHIVE),
        pagefind_url=urls.pagefind(),
    )
    yield PagePlan(path, "search.html", context)
