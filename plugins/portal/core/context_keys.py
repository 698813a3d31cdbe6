"""The keys under which plugins share objects in Pelican's context: who provides each, and whether pages show it.

A plugin that reads another's object imports its key from here, not from
that plugin: what plugins share is named in one place. Each key is declared
with the plugin that provides it and whether it is a *page input*: a value
templates read, so that every page depends on it. The render cache
(render_cache.page_inputs) hashes exactly the page inputs, with the
settings; a page input that can say which part of it pages show has a
`fingerprint()` method (the feed catalog: the feeds' names and addresses,
not the stories they carry). A key in the context that is neither a
setting nor declared here stops the build: a value no fingerprint covers
would either re-render every page or, worse, none.
"""

from __future__ import annotations


class ContextKey(str):
    """A context key (it is the key's name), declared with its provider and whether pages show its value."""

    provider: str
    page_input: bool

    def __new__(cls, name: str, provider: str, page_input: bool = False) -> ContextKey:
        key = super().__new__(cls, name)
        key.provider = provider
        key.page_input = page_input
        return key


# the `Site`: what may be published (drafts too in a preview)
SITE_KEY = ContextKey("PORTAL_SITE", "portal.stories")
# the `PhotoLibrary` of the published stories' photos
PHOTOS_KEY = ContextKey("PORTAL_PHOTOS", "portal.photos")
# the `Resolver`: every story's summary, and its view when asked for
VIEWS_KEY = ContextKey("PORTAL_VIEWS", "portal.pages")
# callables (LanguagePlanner) -> PagePlans, rendered like the pages plugin's own
PLANS_KEY = ContextKey("PORTAL_PAGE_PLANS", "any plugin")
# every `PagePlan` written, in order (for sitemaps)
PAGES_KEY = ContextKey("PORTAL_PAGES", "portal.pages")
# the build's `Output`, which every plugin writes through
OUTPUT_KEY = ContextKey("PORTAL_OUTPUT", "portal.site_output")
# the `BuildState` of the site folder being built (made by the first plugin that asks: state.build_state)
STATE_KEY = ContextKey("PORTAL_STATE", "portal.site_output")
# the `Clock`: the build's now, and when the site next changes by the clock alone
CLOCK_KEY = ContextKey("PORTAL_CLOCK", "portal.stories")
# the `FeedCatalog`: the feeds a page advertises
FEEDS_KEY = ContextKey("PORTAL_FEEDS", "portal.feeds", page_input=True)
# lang -> its search page's path, where the header's search box submits
SEARCH_KEY = ContextKey("PORTAL_SEARCH", "portal.search", page_input=True)

DECLARED = {key: key for key in (SITE_KEY, PHOTOS_KEY, VIEWS_KEY, PLANS_KEY, PAGES_KEY, OUTPUT_KEY, STATE_KEY,
                                 CLOCK_KEY, FEEDS_KEY, SEARCH_KEY)}

# What Pelican itself puts in the context besides the settings. Its own generators read no
# content here (ARTICLE_PATHS and PAGE_PATHS are empty) and no template of ours reads these.
PELICAN_KEYS = frozenset({"articles", "authors", "categories", "dates", "draft_pages", "drafts", "generated_content",
                          "hidden_articles", "hidden_pages", "localsiteurl", "pages", "period_archives",
                          "related_posts", "static_content", "static_links", "staticfiles", "tags"})
# Settings no page shows: where things are written and how, and how many cores write them.
NOT_PAGE_INPUTS = frozenset({"OUTPUT_PATH", "CACHE_PATH", "PORTAL_PROCESSES", "DEBUG",
                             "PORTAL_LIVE",  # the live preview: its order of writing, not what it writes
                             "PORTAL_SITEMAP_URLS"})  # how the sitemap is cut into files, not what it lists
