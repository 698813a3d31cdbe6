"""The generator that plans the feeds, shows them on a page and writes them.

Runs after `BilingualGenerator` (PLUGINS order) and reads its `Resolver`
from `PORTAL_VIEWS`. `generate_context` plans every feed (`FeedCatalog`),
shares it with templates as `PORTAL_FEEDS` and adds the Feeds page to the
pages the bilingual plugin renders (`PORTAL_PAGE_PLANS`). `generate_output`
runs after the bilingual plugin has copied the stories' files, so every
enclosure's length is the size of the file actually published.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

from pelican.generators import Generator

from bilingual.generator import PLANS_KEY, VIEWS_KEY
from bilingual.output import Output
from bilingual.planning import LanguagePlanner, PagePlan
from bilingual.resolve import Resolver
from bilingual.views import StoryView
from localization.catalogs import load_translations

from .atom import atom_feed
from .calendar import calendar_feed
from .catalog import Feed, FeedFile, build_catalog
from .config import FeedSettings
from .html import feed_html, plain_text
from .items import FeedItem, ItemBuilder
from .jsonfeed import json_feed
from .opml import opml
from .podcast import Show, podcast_feed, video_feed
from .rss import rss_feed
from .texts import Texts

CATALOG_KEY = "PORTAL_FEEDS"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


class FeedsGenerator(Generator):
    def generate_context(self) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        site = resolver.site
        self.config = FeedSettings.read(self.settings)
        languages = self.settings["PORTAL_LANGUAGES"]
        translations = Path(self.settings.get("PORTAL_TRANSLATIONS") or Path(self.theme) / "translations")
        self.texts = {lang: Texts(load_translations(translations.resolve(), lang)) for lang in site.languages}
        self.catalog = build_catalog(resolver, self.config,
                                     {lang: languages[lang]["site_name"] for lang in site.languages}, self.texts)
        self.context[CATALOG_KEY] = self.catalog
        self.context.setdefault(PLANS_KEY, []).append(self.feeds_page)

    def feeds_page(self, planner: LanguagePlanner) -> Iterator[PagePlan]:
        """`/{lang}/feeds/`: every feed of the language, what it is for, and the OPML file."""
        lang, pages = planner.lang, self.catalog.pages
        path = pages[lang]
        context = planner.common(path, pages.get(planner.other))
        context.update(feed_groups=self.catalog.groups[lang], opml=self.catalog.opml[lang],
                       opml_description=self.texts[lang].description("opml"))
        yield PagePlan(path, "feeds.html", context)

    # writing ------------------------------------------------------------------
    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        site, urls = resolver.site, resolver.urls
        content = self.get_template("feeds/item")
        self.output = Output(Path(self.output_path), self.settings.get("PORTAL_PREVIOUS_OUTPUT"))
        newest = max((s.updated for lang in site.languages
                      for s in resolver.story_views(lang)), default=EPOCH)
        for lang in site.languages:
            build = ItemBuilder(resolver, lang, self.config.id_authority,
                                lambda story, lang=lang: content.render(self.context, lang=lang, story=story),
                                self.published_size)
            about = urls.absolute(self.catalog.pages[lang])
            for feed in self.catalog.feeds[lang]:
                items = [build(story) for story in feed.stories]
                for file in feed.files:
                    self.write(file, self.render(file.format, feed, items, about, newest))
            title = f"{self.texts[lang].feeds_page()} — {self.settings['PORTAL_LANGUAGES'][lang]['site_name']}"
            self.write(self.catalog.opml[lang], opml(title, self.catalog.groups[lang], about))

    def render(self, fmt: str, feed: Feed, items: list[FeedItem], about: str, newest: datetime) -> bytes:
        hub = self.config.websub_hub
        if fmt == "rss":
            return rss_feed(feed, items, hub)
        if fmt == "atom":
            return atom_feed(feed, items, hub, fallback_updated=newest)
        if fmt == "json":
            return json_feed(feed, items, hub, about)
        if fmt == "podcast":
            return podcast_feed(feed, items, hub, self.show())
        if fmt == "video":
            return video_feed(feed, items, hub)
        return self.calendar(feed, items, newest)

    def calendar(self, feed: Feed, items: list[FeedItem], newest: datetime) -> bytes:
        facts = self.get_template("feeds/event")

        def describe(story: StoryView) -> str:
            return plain_text(feed_html(facts.render(self.context, lang=feed.lang, story=story), story.abs_url))

        first = min((s.event.when for s in feed.stories), default=newest)
        return calendar_feed(feed, list(zip(feed.stories, items)), self.config.id_authority,
                             self.settings["TIMEZONE"], date(first.year, 1, 1), describe)

    def show(self) -> Show:
        """The podcast's artwork (from the theme's static files) and owner."""
        artwork = self.config.podcast_artwork
        if not (Path(self.theme) / "static" / artwork).is_file():
            raise SystemExit(f"PORTAL_PODCAST_ARTWORK: the theme has no static file {artwork!r}.")
        urls = self.context[VIEWS_KEY].urls
        return Show(artwork=urls.absolute(f"{urls.theme()}/{artwork}"), email=self.config.podcast_email)

    def published_size(self, path: str) -> int:
        """The size of the file the site serves at `path` (already written by the media plugins)."""
        file = Path(self.output_path) / self.context[VIEWS_KEY].urls.output_name(path)
        if not file.is_file():
            raise SystemExit(f"feeds: {path} is not in the output; list the feeds plugin after the plugins "
                             "that publish stories' files in PLUGINS.")
        return file.stat().st_size

    def write(self, file: FeedFile, data: bytes) -> None:
        """Written, or linked from the previous site when the bytes are the same."""
        self.output.write(self.context[VIEWS_KEY].urls.output_name(file.path), data)
