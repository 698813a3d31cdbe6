"""Writes the sitemaps and robots.txt once every page has been written.

sitemap.xml lists every page; each page's entry is kept in the site
folder's state with the digest of its key (the pages plugin's render
cache), so a build makes the entries of the pages it rendered and joins
the others as the last build made them.
"""

from __future__ import annotations

from datetime import timedelta

from portal.core.context_keys import CLOCK_KEY, OUTPUT_KEY, PAGES_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.settings import languages
from portal.core.state import build_state
from portal.pages.resolve import Resolver

from .sitemaps import NEWS_DAYS, entry, news_sitemap, recent, robots, sitemap

NOT_LISTED = {"404.html"}  # templates of pages that are not addresses of the site
ENTRIES = "sitemap"  # in the site folder's state: each page's sitemap entry, by its path, with its digest


class SitemapGenerator(MachineGuard):
    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        urls = resolver.urls
        state = build_state(self.context)
        previous = (state.load(ENTRIES) or {}) if state.trusted else {}
        entries = {}
        for plan in self.context.get(PAGES_KEY, []):
            if plan.template in NOT_LISTED:
                continue
            known = previous.get(plan.path)
            entries[plan.path] = known if known and known[0] == plan.digest else (plan.digest, entry(plan, urls))
        state.keep(ENTRIES, entries)
        names = {lang: info["site_name"] for lang, info in languages(self.settings).items()}
        news = recent(resolver)
        for story in news:  # it leaves the news sitemap two days after its publication
            self.context[CLOCK_KEY].changes_at(story.date + timedelta(days=NEWS_DAYS))
        files = {
            "sitemap.xml": sitemap(fragment for _, fragment in entries.values()),
            "news-sitemap.xml": news_sitemap(news, urls, names),
        }
        files["robots.txt"] = robots([urls.absolute(urls.root() + name) for name in files])
        output = self.context[OUTPUT_KEY]
        for name, data in files.items():
            output.write(urls.output_name(urls.root() + name), data)
