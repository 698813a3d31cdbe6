"""Bishkek City Hall news portal: the whole wiring on one screen."""

import os

SITENAME = "Bishkek City Hall"
SITEURL = "http://127.0.0.1:8000"
PATH = "content"
THEME = "theme"
TIMEZONE = "Asia/Bishkek"
DEFAULT_LANG = "ky"

# Our plugins (plugins/portal/, one package each), in the order data flows through them. Dotted names:
# a Pelican namespace plugin of the same short name (pelican-sitemap, pelican-search) cannot replace ours.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["portal.site_output"]  # the others write through it: it opens first and commits last, once they all have
PLUGINS += ["portal.stories", "portal.localization", "portal.compiled_templates", "portal.photos", "portal.pages"]
PLUGINS += ["portal.feeds", "portal.sitemap"]  # after pages: they read its views and the pages it wrote
PLUGINS += ["portal.search"]  # Pagefind indexes the stories while the pages render
PLUGINS += ["portal.admin"]  # the browser editor at /admin/, only when PORTAL_CMS is set (publishconf.py)

# Our settings and their defaults: docs/architecture.md (Settings). Only what differs from a default is here.
PORTAL_ROOT = os.path.dirname(os.path.abspath(__file__))  # relative PORTAL_ paths start here, not in the cwd
PORTAL_LANGUAGES = {
    "ky": {"name": "Кыргызча", "locale": "ky_KG", "site_name": "Бишкек шаарынын мэриясы"},
    "ru": {"name": "Русский", "locale": "ru_RU", "site_name": "Мэрия города Бишкек"},
}
PORTAL_DATA = "data"  # registries (sections, officials, units, topics) and permalinks.yml
PORTAL_NOW = os.environ.get("PORTAL_NOW")  # the embargo clock; unset means now
PORTAL_FEED_ID_AUTHORITY = "meria.kg,2026"  # item ids: tag:meria.kg,2026:<story id>/<lang>; never change it
PORTAL_PODCAST_EMAIL = "press@meria.kg"  # the podcast owner's address, which Apple asks for

# Stock Pelican reads and writes nothing itself: the plugins above own
# content/ and the output (the theme's static files go to /theme/).
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = PAGE_SAVE_AS = DRAFT_SAVE_AS = ""
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
THEME_STATIC_PATHS = []
READERS = {"rst": None, "html": None, "htm": None}  # Markdown only: see plugins/portal/stories
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True,
                     "auto_reload": False}  # a build never sees a template change: no stat per include

CACHE_PATH = "cache"  # every cache file is checked before use; each site folder's state too (portal.core.state)
LOAD_CONTENT_CACHE = CACHE_CONTENT = False  # Pelican's own (unchecked) cache: the stories plugin keeps its own
DELETE_OUTPUT_DIRECTORY = False     # the site_output plugin updates the site in place, and only if the build succeeds
