"""The keys under which plugins share objects in Pelican's context, each with who provides it.

A plugin that reads another's object imports its key from here, not from
that plugin: what plugins share is named in one place.
"""

SITE_KEY = "PORTAL_SITE"  # stories: the `Site`, only what may be published (and drafts in a preview)
PHOTOS_KEY = "PORTAL_PHOTOS"  # photos: the `PhotoLibrary` of the published stories' photos
VIEWS_KEY = "PORTAL_VIEWS"  # pages: the `Resolver`, the per-language views and their URLs
PLANS_KEY = "PORTAL_PAGE_PLANS"  # any plugin: callables (LanguagePlanner) -> PagePlans, rendered like pages
PAGES_KEY = "PORTAL_PAGES"  # pages: every `PagePlan` written, in order (for sitemaps)
OUTPUT_KEY = "PORTAL_OUTPUT"  # site_output: the build's `Output`, which every plugin writes through
FEEDS_KEY = "PORTAL_FEEDS"  # feeds: the `FeedCatalog`, which templates read for the feeds a page advertises
SEARCH_KEY = "PORTAL_SEARCH"  # search: lang -> its search page's path, where the header's search box submits
