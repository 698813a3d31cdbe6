"""The generator that plans the feeds, shows them on a page and writes them.

Runs after `BilingualGenerator` (PLUGINS order) and reads its `Resolver`
from `PORTAL_VIEWS`. `generate_context` plans every feed (`FeedCatalog`),
shares it with templates as `PORTAL_FEEDS` and adds the Feeds page to the
pages the pages plugin renders (`PORTAL_PAGE_PLANS`). `generate_output`
runs after the pages plugin has copied the stories' files, so every
enclosure's length is the size of the file actually published: it plans a
job per feed file (jobs.py) and renders only those whose inputs changed
since the previous site (fingerprints.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from portal.core.context_keys import FEEDS_KEY, OUTPUT_KEY, PLANS_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.render_cache import FileJob, RenderCache, salt
from portal.core.settings import DEFAULTS, BadSetting, SiteSettings
from portal.core.state import build_state, story_shard
from portal.localization.catalogs import load_translations
from portal.pages.planning import LanguagePlanner, PagePlan
from portal.pages.resolve import Resolver
from portal.pages.views import StoryView

from .calendar import CalendarEvents
from .catalog import build_catalog
from .config import FeedSettings
from .fingerprints import FEED_CACHE
from .html import plain_text
from .items import ItemBuilder
from .jobs import Renderer, plan
from .opml import opml
from .podcast import Show
from .texts import Texts

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ITEMS = "feed-items"  # in the site folder's state: each story's feed item in each language, by its digest
logger = logging.getLogger(__name__)


class FeedsGenerator(MachineGuard):
    def generate_context(self) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        site = resolver.site
        self.config = FeedSettings.read(self.settings)
        self.site_settings = SiteSettings.read(self.settings)
        languages = self.site_settings.languages
        catalogs = self.site_settings.catalogs(self.theme)
        self.texts = {lang: Texts(load_translations(catalogs, lang)) for lang in site.languages}
        self.catalog = build_catalog(resolver, self.config,
                                     {lang: languages[lang]["site_name"] for lang in site.languages}, self.texts)
        self.context[FEEDS_KEY] = self.catalog
        self.context.setdefault(PLANS_KEY, []).append(self.feeds_page)

    def feeds_page(self, planner: LanguagePlanner) -> Iterator[PagePlan]:
        """`/{lang}/feeds/`: every feed of the language, what it is for, and the OPML file."""
        lang, pages = planner.lang, self.catalog.pages
        yield planner.plan(pages[lang], "feeds.html", pages.get(planner.other),
                           feed_groups=self.catalog.page_groups[lang], opml=self.catalog.opml[lang],
                           opml_description=self.texts[lang].description("opml"))

    # writing ------------------------------------------------------------------
    def generate_output(self, writer) -> None:
        """Plan a job per feed file, then keep each file whose inputs did not change
        (fingerprints.py) and render the others."""
        resolver: Resolver = self.context[VIEWS_KEY]
        site, urls = resolver.site, resolver.urls
        output: Output = self.context[OUTPUT_KEY]
        newest = max((s.updated for lang in site.languages for s in resolver.summaries(lang)), default=EPOCH)
        jobs = plan(self.catalog, urls, newest)
        render = self.renderer(any(job.format == "podcast" for job in jobs))
        cache = RenderCache(build_state(self.context), salt(self.context, self.settings, Path(self.theme)), FEED_CACHE)
        render.events.make([story for job in jobs if job.format == "calendar" for story in job.stories])
        files = [FileJob(job.name, cache.digest(job.key()), partial(render, job)) for job in jobs]
        language = {job.name: job.feed.lang for job in jobs}  # a process per language: each item built once
        for page in cache.files(output, files, self.site_settings.processes, group=lambda file: language[file.name]):
            cache.keep(page)
        cache.save()
        for builder in render.items.values():
            builder.keep()
            if builder.kept is not None:  # the items' pickles wait on disk for the save (state.Shards.spill)
                builder.kept.spill()
        for lang in site.languages:
            title = f"{self.texts[lang].feeds_page()} — {self.site_settings.languages[lang]['site_name']}"
            opml_file = urls.output_name(self.catalog.opml[lang].path)
            output.write(opml_file, opml(title, self.catalog.groups[lang], render.about[lang]))
        logger.info("Feed files rendered: %d of %d (the others kept as they were)", cache.rendered, len(jobs))

    def renderer(self, podcast: bool) -> Renderer:
        """What every feed file of this build is rendered with (see jobs.py)."""
        content, facts = self.get_template("feeds/item"), self.get_template("feeds/event")
        resolver: Resolver = self.context[VIEWS_KEY]

        def item_html(story: StoryView) -> str:
            return content.render(self.context, lang=story.lang, story=story)

        def describe(story: StoryView) -> str:
            return plain_text(facts.render(self.context, lang=story.lang, story=story))

        kept = build_state(self.context).shards(ITEMS, story_shard, salt(self.context, self.settings, Path(self.theme)))
        items = {lang: ItemBuilder(resolver, lang, self.config.id_authority, item_html, self.published_size, kept)
                 for lang in resolver.site.languages}
        about = {lang: resolver.urls.absolute(self.catalog.pages[lang]) for lang in resolver.site.languages}
        events = CalendarEvents(resolver.views, self.config.id_authority, describe, kept)
        return Renderer(items, about, self.config.websub_hub, self.site_settings.timezone.key, events,
                        self.show() if podcast else None)

    def show(self) -> Show:
        """The podcast's artwork (from the theme's static files) and owner."""
        artwork = self.config.podcast_artwork
        if not (Path(self.theme) / "static" / artwork).is_file():
            raise BadSetting("PORTAL_PODCAST_ARTWORK", f"names {artwork!r}, which is not in the theme's static/",
                             repr(DEFAULTS["PORTAL_PODCAST_ARTWORK"]))
        urls = self.context[VIEWS_KEY].urls
        return Show(artwork=urls.absolute(f"{urls.theme()}/{artwork}"), email=self.config.podcast_email)

    def published_size(self, path: str) -> int:
        """The size of the file the site serves at `path` (already written by the media plugins)."""
        file = self.context[OUTPUT_KEY].path(self.context[VIEWS_KEY].urls.output_name(path))
        if not file.is_file():
            raise SystemExit(  # developer-only: the order of PLUGINS
                f"feeds: {path} is not in the output; list the feeds plugin after the plugins that publish "
                "stories' files in PLUGINS.")
        return file.stat().st_size
