"""One Pelican run writes both language trees.

Runs after `StoriesGenerator` and renders every planned page of every
language with the same Jinja environment: the page's `lang` in the context
selects the catalog and the Babel locale (see the localization plugin).
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from stories import CONTEXT_KEY

from .media import copy_media
from .planning import LanguagePlanner, PagePlan, chooser, not_found
from .resolve import Resolver
from .urls import Urls


class BilingualGenerator(Generator):
    def generate_output(self, writer) -> None:
        site = self.context[CONTEXT_KEY]
        languages = self.settings["PORTAL_LANGUAGES"]
        urls = Urls(self.settings["SITEURL"], self.settings["PORTAL_STORY_URL"])
        resolver = Resolver(site, urls)
        self.render(writer, urls, chooser(urls, languages))
        self.render(writer, urls, not_found(urls, languages))
        for lang in site.languages:
            planner = LanguagePlanner(site, resolver, urls, lang, languages, self.settings["PORTAL_PAGE_SIZE"])
            for plan in planner.plans():
                self.render(writer, urls, plan)
        copy_media(site, Path(self.output_path))

    def render(self, writer, urls: Urls, plan: PagePlan) -> None:
        writer.write_file(urls.output_name(plan.path), self.get_template(plan.template.removesuffix(".html")),
                          self.context, theme_url=urls.theme(), **plan.context)
