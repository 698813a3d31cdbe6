"""One Pelican run writes both language trees.

Runs after `StoriesGenerator`. `generate_context` resolves the model into
per-language views and summaries (a `Resolver`), shared as `PORTAL_VIEWS`,
the stage later outputs such as feeds read from: it makes the views of the
stories this build read, and keeps the others' from the last build of the
site folder (its state, portal.core.state). `generate_output` plans every
page of every language and renders, with one Jinja environment, those whose
key changed: the page's `lang` selects the catalog and the Babel locale
(see the localization plugin).

Two context keys let later plugins take part without this plugin knowing
them: `PORTAL_PAGE_PLANS`, a list of callables `(LanguagePlanner) ->
iterable of PagePlan` that a plugin appends to in its `generate_context`
(their pages are rendered like ours, with the same per-language context);
and `PORTAL_PAGES`, every `PagePlan` written, in order (for sitemaps).
Pages, media and the theme's files go through the build's `Output`:
what did not change since the last build is kept, not rendered or written
again (see portal.core.render_cache).
"""

from __future__ import annotations

import logging
from collections.abc import Set as AbstractSet
from pathlib import Path

from pelican import signals

from portal.core import fingerprints
from portal.core.context_keys import OUTPUT_KEY, PAGES_KEY, PHOTOS_KEY, PLANS_KEY, SITE_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.memory import lasting, release_free_memory, settle
from portal.core.output import Output, published
from portal.core.render_cache import FileJob, Page, RenderCache, salt
from portal.core.settings import SiteSettings, flag
from portal.core.state import build_state, story_shard

from .media import copy_media, copy_theme
from .planning import LanguagePlanner, PagePlan, chooser, not_found
from .portraits import make_portraits, place_portraits
from .resolve import Resolver
from .urls import Urls

VIEWS = "views"  # in the site folder's state: each story's summaries and views
logger = logging.getLogger(__name__)


class BilingualGenerator(MachineGuard):
    def generate_context(self) -> None:
        settings = SiteSettings.read(self.settings)
        urls = Urls(settings.siteurl, settings.story_url, settings.media_url)
        names = {lang: info["name"] for lang, info in settings.languages.items()}
        site = self.context[SITE_KEY]
        self.portraits = make_portraits(site.registry.officials, settings.cache / "portraits")
        views_salt = fingerprints.of_settings(self.settings) + fingerprints.of_code()
        store = build_state(self.context).shards(VIEWS, story_shard, views_salt)
        self.context[VIEWS_KEY] = Resolver(site, urls, self.context.get(PHOTOS_KEY), names, self.portraits, store)
        settle()  # the views and summaries live as long as the build

    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        site, urls = resolver.site, resolver.urls
        settings = SiteSettings.read(self.settings)
        languages = settings.languages
        output: Output = self.context[OUTPUT_KEY]
        globals_ = {"site_root": urls.root(), "theme_url": urls.theme(), "current_year": site.now.year,
                    "home_url": urls.home(site.languages[0])}
        planners = [LanguagePlanner(site, resolver, urls, lang, languages, settings.page_size)
                    for lang in site.languages]
        # What every page of a language shows besides its own inputs: part of every page's salt.
        shared = fingerprints.of_value((globals_, [planner.constants for planner in planners]), "the pages' constants")
        cache = RenderCache(build_state(self.context), salt(self.context, self.settings, Path(self.theme)) + shared)
        changed = site.changed or frozenset()
        # The page of a story this build did not read keeps its digest, if the salt is the same.
        known = cache.previous if cache.same_salt and site.changed is not None else {}

        def jobs_of(plans: list[PagePlan]) -> list[FileJob]:
            return [self.job(cache, urls, plan, globals_, known, changed) for plan in plans]

        early: dict[str, Page] = {}
        if flag(self.settings, "PORTAL_LIVE"):
            own = [plan for planner in planners for plan in planner.story_pages(changed)]
            early = self.own_pages_first(cache, output, own, jobs_of(own))
        with lasting():  # tens of thousands of plans and jobs, kept to the end
            plans = [chooser(urls, languages), not_found(urls, languages)]
            for planner in planners:
                plans += planner.plans()
                for contribute in self.context.get(PLANS_KEY, []):
                    plans += contribute(planner)
            jobs = jobs_of(plans)
        rest = iter(cache.files(output, [job for job in jobs if job.name not in early], settings.processes))
        pages = [early.get(job.name) or next(rest) for job in jobs]
        for plan, page in zip(plans, pages, strict=True):
            cache.keep(page)
            plan.digest = page.digest
            if page.rendered:
                signals.content_written.send(str(output.site / page.name), context=None)
        self.context[PAGES_KEY] = plans
        release_free_memory()  # what rendering freed: the feeds, and Pagefind's services after them, need it
        copy_media(resolver, output)
        place_portraits(self.portraits, output)
        copy_theme(Path(self.theme), output)
        cache.save()
        logger.info("Pages: %d rendered, %d unchanged (kept as they were)",
                    cache.rendered, len(pages) - cache.rendered)

    @staticmethod
    def own_pages_first(cache: RenderCache, output: Output, plans: list[PagePlan],
                        jobs: list[FileJob]) -> dict[str, Page]:
        """The live preview's first step: the pages of the stories this build read, rendered and put in
        the site at once (and said so: portal.core.output.published), by their names; every other page
        is planned only then (at 20,000 story pairs that takes a second)."""
        pages = cache.files(output, jobs, 1)
        output.publish(page.name for page in pages)
        published.send(BilingualGenerator, pages=[plan.path for plan in plans])
        return {page.name: page for page in pages}

    def job(self, cache: RenderCache, urls: Urls, plan: PagePlan, globals_: dict, known: dict[str, bytes],
            changed: AbstractSet[str]) -> FileJob:
        """Every page gets the site's root and the theme's paths, the year of the build's clock and, for
        the neutral pages, the home of the default language; a page's key is its own inputs (what else
        it shows is in the salt). The page of a story not in `changed` keeps its digest in `known`."""
        name = urls.output_name(plan.path)

        def render() -> bytes:
            template = self.get_template(plan.template.removesuffix(".html"))
            return template.render({**self.context, **globals_, "output_file": name, **plan.context()}).encode("utf-8")

        story = plan.inputs.get("story")
        if story is not None and name in known and story.id not in changed:
            return FileJob(name, known[name], render)
        return FileJob(name, cache.digest(plan.key()), render)
