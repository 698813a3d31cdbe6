"""One Pelican run writes both language trees.

Runs after `StoriesGenerator`. `generate_context` resolves the model into
per-language views once and shares them as `PORTAL_VIEWS` (a `Resolver`), the
stage later outputs such as feeds read from; `generate_output` renders every
planned page of every language with one Jinja environment: the page's `lang`
selects the catalog and the Babel locale (see the localization plugin).

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

import gc
import logging
from pathlib import Path

from pelican import signals

from portal.core.context_keys import OUTPUT_KEY, PAGES_KEY, PHOTOS_KEY, PLANS_KEY, SITE_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.render_cache import PORTAL_CODE, FileJob, RenderCache
from portal.core.settings import SiteSettings

from .media import copy_media, copy_theme
from .planning import LanguagePlanner, PagePlan, chooser, not_found
from .portraits import make_portraits, place_portraits
from .resolve import Resolver
from .urls import Urls

logger = logging.getLogger(__name__)


class BilingualGenerator(MachineGuard):
    def generate_context(self) -> None:
        settings = SiteSettings.read(self.settings)
        urls = Urls(settings.siteurl, settings.story_url, settings.media_url)
        names = {lang: info["name"] for lang, info in settings.languages.items()}
        site = self.context[SITE_KEY]
        self.portraits = make_portraits(site.registry.officials, settings.cache / "portraits")
        self.context[VIEWS_KEY] = Resolver(site, urls, self.context.get(PHOTOS_KEY), names, self.portraits)
        # The model and its views live as long as the build: the cyclic collector need not scan
        # them again (its full collections cost ~0.25 s of a rebuild at 1,000 pairs, freeing nothing).
        gc.freeze()

    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        site, urls = resolver.site, resolver.urls
        settings = SiteSettings.read(self.settings)
        languages = settings.languages
        output: Output = self.context[OUTPUT_KEY]
        sources = [Path(self.theme), PORTAL_CODE]  # the theme, and our plugins' code
        cache = RenderCache(settings.cache, RenderCache.salt_for(self.context, sources), resolver.digests)
        plans = [chooser(urls, languages), not_found(urls, languages)]
        for lang in site.languages:
            planner = LanguagePlanner(site, resolver, urls, lang, languages, settings.page_size)
            plans += planner.plans()
            for contribute in self.context.get(PLANS_KEY, []):
                plans += contribute(planner)
        pages = cache.files(output, [self.job(cache, urls, plan) for plan in plans], settings.processes)
        for plan, page in zip(plans, pages, strict=True):
            cache.keep(page)
            signals.content_written.send(str(output.site / page.name), context=plan.context)
        self.context[PAGES_KEY] = plans
        copy_media(site, output)
        place_portraits(self.portraits, output)
        copy_theme(Path(self.theme), output)
        cache.save()
        logger.info("Pages: %d rendered, %d unchanged (kept as they were)",
                    cache.rendered, len(pages) - cache.rendered)

    def job(self, cache: RenderCache, urls: Urls, plan: PagePlan) -> FileJob:
        """Every page gets the site's root and the theme's paths, the year of the build's clock and,
        for the neutral pages, the home of the default language."""
        site = self.context[VIEWS_KEY].site
        name = urls.output_name(plan.path)
        context = {"site_root": urls.root(), "theme_url": urls.theme(), "current_year": site.now.year,
                   "home_url": urls.home(site.languages[0]), "output_file": name, **plan.context}

        def render() -> bytes:
            template = self.get_template(plan.template.removesuffix(".html"))
            return template.render({**self.context, **context}).encode("utf-8")

        return FileJob(name, cache.fingerprint(plan.template, context), render)
