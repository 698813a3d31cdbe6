"""Which feeds the site has, where they live and which page each one mirrors.

Every feed mirrors a page: the all-stories feeds mirror the home, a
section's feeds its section page, an official's feeds their page, and so on;
the feed lists the same stories as the page, newest first, capped. The
catalog is built once per build and shared with templates as `PORTAL_FEEDS`,
so that a page can ask which feeds to advertise (`for_page`).

URL scheme (see docs/architecture.md): next to the page a feed mirrors,
`rss.xml`, `atom.xml` and `feed.json`; the podcast at `{audio section}podcast.xml`,
the video feed at `{video section}videos.xml`, the calendar at
`{announcements section}calendar.ics`; the Feeds page at `/{lang}/feeds/`
with `feeds.opml` in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from portal.core.fingerprints import of_value
from portal.pages.resolve import Resolver
from portal.pages.summaries import MEMBERS, Summary

from .config import FeedSettings
from .texts import Texts

FEEDS_PAGE = "feeds"
OPML_FILE = "feeds.opml"
STORY_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
# The special feeds: their format, file name and the section page they mirror.
SPECIAL = {"podcast": ("podcast", "podcast.xml", "audio"),
           "video": ("video", "videos.xml", "video"),
           "calendar": ("calendar", "calendar.ics", "announcements")}
MIME = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json",
        "podcast": "application/rss+xml", "video": "application/rss+xml", "calendar": "text/calendar",
        "opml": "text/x-opml"}
LABELS = {"rss": "RSS", "atom": "Atom", "json": "JSON", "podcast": "RSS", "video": "RSS",
          "calendar": "iCalendar", "opml": "OPML"}
_PAGINATED = re.compile(r"page/\d+/$")


@dataclass(frozen=True)
class FeedFile:
    """One file of a feed: `path` is site-root-relative, `url` absolute."""

    format: str  # rss | atom | json | podcast | video | calendar | opml
    path: str
    url: str

    @property
    def mime(self) -> str:
        return MIME[self.format]

    @property
    def label(self) -> str:
        return LABELS[self.format]


@dataclass
class Feed:
    """One feed of one language: what it says about itself (the stories it carries are the catalog's)."""

    id: str  # a tag URI, like the items' ids: `tag:meria.kg,2026:feeds/ky/sections/news`
    kind: str  # all | sections | officials | units | topics | podcast | video | calendar
    lang: str
    name: str  # the entry's name ("" for all stories)
    title: str
    description: str
    page: str  # path of the page it mirrors
    page_url: str  # the same, absolute
    files: list[FeedFile]
    site_name: str = ""  # the publisher, in the feed's language
    home_url: str = ""  # absolute

    def file(self, fmt: str) -> FeedFile:
        return next(f for f in self.files if f.format == fmt)


@dataclass(frozen=True)
class FeedLink:
    """A feed a page advertises: a `<link rel="alternate">`, and a visible link on list pages."""

    title: str
    url: str
    mime: str
    label: str = ""  # the format's name, shown on the visible link ("RSS")


@dataclass
class FeedGroup:
    """A heading of the Feeds page (and an outline of the OPML file)."""

    kind: str
    title: str
    feeds: list[Feed]


class FeedCatalog:
    """Every feed of every language, the stories each carries, and what each page advertises.

    A page input (portal.core.context_keys): every page asks it which feeds
    to advertise. Pages show the feeds' names and addresses, never what they
    carry, so its `fingerprint` leaves the stories out: an edited story does
    not make every page that advertises a feed look changed."""

    def __init__(self, languages: tuple[str, ...], home: dict[str, str]) -> None:
        self.languages = languages
        self.home = home  # lang -> path of the home page
        self.feeds: dict[str, list[Feed]] = {lang: [] for lang in languages}
        self.stories: dict[str, list[Summary]] = {}  # feed id -> the stories it carries, newest first
        self.groups: dict[str, list[FeedGroup]] = {lang: [] for lang in languages}  # the OPML file's
        self.page_groups: dict[str, list[FeedGroup]] = {}  # the Feeds page's (see _one_entry_per_page)
        self.pages: dict[str, str] = {}  # lang -> path of the Feeds page
        self.opml: dict[str, FeedFile] = {}
        self._advertised: dict[str, list[FeedLink]] = {}  # page path -> links
        self._everything: dict[str, list[FeedLink]] = {}  # lang -> the all-stories feed's links

    def fingerprint(self) -> bytes:
        """What pages show of the catalog: every feed (without its stories) and where it is advertised."""
        return of_value((self.feeds, self.page_groups, self.pages, self.opml, self._advertised, self._everything),
                        "the feed catalog")

    def add(self, feed: Feed, stories: list[Summary], advertise_on: list[str]) -> None:
        self.feeds[feed.lang].append(feed)
        self.stories[feed.id] = stories
        links = [FeedLink(f"{feed.title} ({f.label})", f.url, f.mime, f.label) for f in feed.files]
        for path in advertise_on:
            self._advertised.setdefault(path, []).extend(links)
        if feed.kind == "all":
            self._everything[feed.lang] = links

    def for_page(self, path: str) -> list[FeedLink]:
        """The feeds a page advertises: those it mirrors (on every page of a
        listing); a page that mirrors no story feed (a story, the about page)
        advertises its language's all-stories feed, `/` every language's."""
        path = _PAGINATED.sub("", path)
        own = self._advertised.get(path, [])
        if any(link.mime != MIME["calendar"] for link in own):
            return own
        langs = [lang for lang in self.languages if path.startswith(self.home[lang])] or self.languages
        return [link for lang in langs for link in self._everything.get(lang, [])] + own

    def calendar(self, lang: str) -> FeedFile | None:
        """The press-conference calendar of `lang`, for the links on pages."""
        feed = next((f for f in self.feeds[lang] if f.kind == "calendar"), None)
        return feed.files[0] if feed else None


def build_catalog(resolver: Resolver, config: FeedSettings, site_names: dict[str, str],
                  texts: dict[str, Texts]) -> FeedCatalog:
    """Plan every feed of every language; a story is in an entry's feed when it is on its page (MEMBERS)."""
    site, urls = resolver.site, resolver.urls
    catalog = FeedCatalog(site.languages, {lang: urls.home(lang) for lang in site.languages})
    cap = config.max_items

    def add(lang: str, kind: str, key: str, name: str, page: str, stories: list[Summary],
            formats: list[tuple[str, str]], advertise_on: list[str] | None = None) -> None:
        site_name = site_names[lang]
        files = [FeedFile(fmt, page + file, urls.absolute(page + file)) for fmt, file in formats]
        title = texts[lang].title(kind, name)
        catalog.add(Feed(id=f"tag:{config.id_authority}:feeds/{lang}/{key}", kind=kind, lang=lang, name=name,
                         title=f"{title} — {site_name}" if name else site_name,
                         description=texts[lang].description(kind, name), page=page, page_url=urls.absolute(page),
                         files=files, site_name=site_name, home_url=urls.absolute(urls.home(lang))),
                    stories, advertise_on or [page])

    story_formats = [(fmt, STORY_FILES[fmt]) for fmt in config.formats]
    for lang in site.languages:
        stories = [s for s in resolver.summaries(lang) if not s.unpublished]  # a preview shows more
        if "all" in config.kinds:
            add(lang, "all", "all", "", urls.home(lang), stories[:cap], story_formats)
        for kind in MEMBERS:
            if kind not in config.kinds:
                continue
            members = resolver.listed(lang, kind)
            if len(stories) < len(resolver.summaries(lang)):  # a preview's drafts and embargoed stories
                members = {entry: [s for s in listed if not s.unpublished] for entry, listed in members.items()}
            for registry_entry in site.registry.of(kind).values():
                entry = resolver.entry(kind, registry_entry, lang)
                add(lang, kind, f"{kind}/{entry.id}", entry.name, entry.url, members.get(entry.id, [])[:cap],
                    story_formats)
        specials = {
            "podcast": [s for s in stories if s.media == "audio"][:cap],
            "video": [s for s in stories if s.media == "video"][:cap],
            "calendar": [s for s in stories if s.event],  # all of them: past events are kept
        }
        for kind, chosen in specials.items():
            fmt, file, section_id = SPECIAL[kind]
            if kind not in config.kinds or section_id not in site.registry.sections:
                continue
            section = resolver.entry("sections", site.registry.sections[section_id], lang)
            advertise_on = [section.url] + ([urls.home(lang)] + [s.url for s in chosen] if kind == "calendar" else [])
            add(lang, kind, kind, section.name, section.url, chosen, [(fmt, file)], advertise_on)
        page = urls.listing(lang, FEEDS_PAGE)
        catalog.pages[lang] = page
        catalog.opml[lang] = FeedFile("opml", page + OPML_FILE, urls.absolute(page + OPML_FILE))
        catalog.groups[lang] = _groups(catalog.feeds[lang], texts[lang])
        catalog.page_groups[lang] = _one_entry_per_page(catalog.groups[lang])
    return catalog


def _groups(feeds: list[Feed], texts: Texts) -> list[FeedGroup]:
    """The Feeds page's order: everything, the media feeds and calendar, then the registries."""
    group_of = {"all": "all", "podcast": "media", "video": "media", "calendar": "media",
                "sections": "sections", "officials": "officials", "units": "units", "topics": "topics"}
    groups = []
    for group in ("all", "media", "sections", "officials", "units", "topics"):
        members = [f for f in feeds if group_of[f.kind] == group]
        if members:
            groups.append(FeedGroup(group, texts.group(group), members))
    return groups


def _one_entry_per_page(groups: list[FeedGroup]) -> list[FeedGroup]:
    """The groups as the Feeds page shows them: a section that a media feed mirrors (the audio and
    video libraries, the announcements with the calendar) is one entry, the media feed's, which offers
    the section's story feeds after its own, instead of coming back under Sections with the same name."""
    media = {feed.page for group in groups if group.kind == "media" for feed in group.feeds}
    sections = {feed.page: feed for group in groups if group.kind == "sections" for feed in group.feeds}
    shown = []
    for group in groups:
        feeds = group.feeds
        if group.kind == "media":
            feeds = [replace(f, files=f.files + sections[f.page].files) if f.page in sections else f for f in feeds]
        elif group.kind == "sections":
            feeds = [f for f in feeds if f.page not in media]
        if feeds:
            shown.append(FeedGroup(group.kind, group.title, feeds))
    return shown
