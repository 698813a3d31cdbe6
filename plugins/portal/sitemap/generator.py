"""Writes the sitemaps and robots.txt once every page has been written."""

from __future__ import annotations

from portal.core.context_keys import OUTPUT_KEY, PAGES_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.settings import languages
from portal.pages.resolve import Resolver

from .sitemaps import news_sitemap, robots, sitemap

NOT_LISTED = {"404.html"}  # templates of pages that are not addresses of the site


class SitemapGenerator(MachineGuard):
    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        urls = resolver.urls
        pages = [plan for plan in self.context.get(PAGES_KEY, []) if plan.template not in NOT_LISTED]
        names = {lang: info["site_name"] for lang, info in languages(self.settings).items()}
        files = {
            "sitemap.xml": sitemap(pages, urls),
            "news-sitemap.xml": news_sitemap(resolver, names),
        }
        files["robots.txt"] = robots([urls.absolute(urls.root() + name) for name in files])
        output = self.context[OUTPUT_KEY]
        for name, data in files.items():
            output.write(urls.output_name(urls.root() + name), data)
