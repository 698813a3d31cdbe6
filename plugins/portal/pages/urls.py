"""Every address of the site, in one place.

Paths are site-root-relative and always end in `/` (served as index.html);
`absolute()` prefixes SITEURL for canonical links, hreflang and feeds.
Media files (`media/…`: photos, press kits, documents, recordings) are
addressed under `PORTAL_MEDIA_URL` instead when it is set: the address
where the site's `media/` folder is served from (object storage, a CDN).
"""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

from portal.stories.model import Attachment, Story, Translation

THEME_FOLDER = "theme"  # the theme's static/ files, under the site's root (media.copy_theme)
MEDIA_FOLDER = "media"  # the stories' files, under the site's root or at PORTAL_MEDIA_URL


class Urls:
    def __init__(self, siteurl: str, story_pattern: str, media_url: str = "") -> None:
        self.siteurl = siteurl.rstrip("/")
        self.prefix = urlsplit(self.siteurl).path.rstrip("/")
        self.story_pattern = story_pattern
        self.media_url = media_url.rstrip("/")  # "" when media/ is served by the site itself

    def _path(self, *parts: str) -> str:
        return "/".join([self.prefix, *parts, ""]) if parts else self.prefix + "/"

    def absolute(self, path: str) -> str:
        if path.startswith(("https://", "http://")):  # a media file served from elsewhere
            return path
        return self.siteurl + path.removeprefix(self.prefix) if self.siteurl.startswith("http") else path

    def root(self) -> str:
        return self._path()

    def home(self, lang: str) -> str:
        return self._path(lang)

    def listing(self, lang: str, *parts: str) -> str:
        """Section, official, unit, topic, archive pages: `/ky/news/`."""
        return self._path(lang, *parts)

    def story(self, story: Story, translation: Translation) -> str:
        relative = self.story_pattern.format(lang=translation.lang, section=story.section,
                                             year=f"{translation.date:%Y}", slug=translation.slug)
        return f"{self.prefix}/{relative}"

    def search(self, lang: str) -> str:
        """The search page of a language: `/ky/search/` (the header's search box submits to it)."""
        return self._path(lang, "search")

    def pagefind(self) -> str:
        """Where the search index and Pagefind's script are (see the search plugin)."""
        return f"{self.prefix}/pagefind"

    def theme(self) -> str:
        """Where the theme's static files are; root-relative like every link."""
        return f"{self.prefix}/{THEME_FOLDER}"

    def page(self, lang: str, page_id: str) -> str:
        return self._path(lang, page_id)

    def media(self, story: Story, attachment: Attachment) -> str:
        return self.asset(f"{MEDIA_FOLDER}/{story.id}/{attachment.name}")

    def asset(self, site_path: str) -> str:
        """A file another plugin published at `site_path` (e.g. `media/<story id>/x-800.webp`), percent-encoded:
        editors name files as they like ("Токтом №5.pdf", "school photo, 2.jpg"), and a srcset splits
        its candidates at commas and spaces. Under PORTAL_MEDIA_URL when the file is in media/ and that is set."""
        inside = site_path.removeprefix(f"{MEDIA_FOLDER}/")
        if self.media_url and inside != site_path:
            return f"{self.media_url}/{quote(inside)}"
        return f"{self.prefix}/{quote(site_path)}"

    @staticmethod
    def paginated(first: str, number: int) -> str:
        """Path-based pagination: `/ky/news/`, `/ky/news/page/2/`, … (as views.Pagination.urls)"""
        return first if number == 1 else f"{first}page/{number}/"

    def output_name(self, path: str) -> str:
        """The file a path is written to, relative to output/ (`asset` and `media` paths are percent-encoded)."""
        if self.media_url and path.startswith(self.media_url + "/"):
            return f"{MEDIA_FOLDER}/{unquote(path.removeprefix(self.media_url + '/'))}"
        relative = path.removeprefix(self.prefix)
        relative = (unquote(relative) if "%" in relative else relative).lstrip("/")  # unquote: ~6 µs a page
        return relative + "index.html" if relative.endswith("/") or not relative else relative
