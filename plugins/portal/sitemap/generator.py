"""Writes the sitemaps and robots.txt once every page has been written.

sitemap.xml is an index of part files, each listing one group of pages
(parts.py). Each page's entry is kept in the site folder's state, in the
shard of its group, with the digest of the page's key (the pages plugin's
render cache): a build makes the entries of the pages whose digest changed,
and writes only the parts whose pages changed (added, removed or changed).
Every other part is kept as the last build wrote it, its entries not even
read: at 20,000 story pairs the sitemap lists ~60,000 pages (~29 MB), and an
edit used to load, join, compare and save all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime, timedelta

from portal.core import fingerprints
from portal.core.context_keys import CLOCK_KEY, OUTPUT_KEY, PAGES_KEY, VIEWS_KEY
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.settings import SiteSettings, languages, whole_number
from portal.core.state import Shards, build_state
from portal.pages.planning import PagePlan
from portal.pages.resolve import Resolver
from portal.pages.urls import Urls

from .parts import ROOM, cut, group_of, part_names
from .sitemaps import NEWS_DAYS, entry, lastmod, news_sitemap, recent, robots, sitemap, sitemap_index

NOT_LISTED = {"404.html"}  # templates of pages that are not addresses of the site
# In the site folder's state: each page's entry, by "group:path", sharded by group; its head is
# (the digest of the page's key, the entry's size, its lastmod as a POSIX time), its body the entry (UTF-8).
ENTRIES = "sitemap"
PARTS = "sitemap-parts"  # in the state: each part file the last build made, with the digest of what it lists


class SitemapGenerator(MachineGuard):
    def generate_output(self, writer) -> None:
        resolver: Resolver = self.context[VIEWS_KEY]
        urls = resolver.urls
        output: Output = self.context[OUTPUT_KEY]
        names = {lang: info["site_name"] for lang, info in languages(self.settings).items()}
        news = recent(resolver)
        for story in news:  # it leaves the news sitemap two days after its publication
            self.context[CLOCK_KEY].changes_at(story.date + timedelta(days=NEWS_DAYS))
        files = {
            "sitemap.xml": sitemap_index(self.parts(urls, output, resolver.site.languages)),
            "news-sitemap.xml": news_sitemap(news, urls, names),
        }
        files["robots.txt"] = robots([urls.absolute(urls.root() + name) for name in files])
        for name, data in files.items():
            output.write(urls.output_name(urls.root() + name), data)

    def parts(self, urls: Urls, output: Output, site_languages: Collection[str]) -> list[tuple[str, str | None]]:
        """Write each part that changed, keep the others; each part's address and lastmod, for the index."""
        state = build_state(self.context)
        store = state.shards(ENTRIES, lambda key: key.partition(":")[0], fingerprints.of_code())
        groups, plans = _entries(store, self.context.get(PAGES_KEY, []), urls, site_languages)
        last = (state.load(PARTS) or {}) if state.trusted else {}
        made: dict[str, bytes] = {}
        index = []
        most, zone = whole_number(self.settings, "PORTAL_SITEMAP_URLS"), SiteSettings.read(self.settings).timezone
        for group in sorted(groups):
            keys = groups[group]
            runs = cut([store.heads[key][1] for key in keys], most, ROOM)
            for name, run in zip(part_names(group, len(runs)), runs, strict=True):
                part, file = keys[run.start:run.stop], urls.output_name(urls.root() + name)
                made[name] = digest = _digest(store, part)
                if last.get(name) != digest or not output.keep(file):
                    output.write(file, sitemap(store.body(key) or _make(store, key, plans[key], urls) for key in part))
                newest = max((when for key in part if (when := store.heads[key][2]) is not None), default=None)
                index.append((urls.absolute(urls.root() + name),
                              None if newest is None else datetime.fromtimestamp(newest, zone).isoformat()))
        state.keep(PARTS, made)
        return index


def _entries(store: Shards, pages: list[PagePlan], urls: Urls,
             site_languages: Collection[str]) -> tuple[dict[str, list[str]], dict[str, PagePlan]]:
    """Each group's pages (their keys in the store: "group:path"), in page order, and each key's plan;
    the entries of new and changed pages made, those of pages gone dropped."""
    groups: dict[str, list[str]] = {}
    plans: dict[str, PagePlan] = {}
    heads = store.heads
    for plan in pages:
        if plan.template in NOT_LISTED:
            continue
        group = group_of(plan, urls, site_languages)
        key = f"{group}:{plan.path}"
        keys = groups.get(group)
        if keys is None:
            keys = groups[group] = []
        keys.append(key)
        plans[key] = plan
        head = heads.get(key)
        if head is None or head[0] != plan.digest:
            _make(store, key, plan, urls)
    if len(heads) > len(plans):  # pages gone
        for gone in heads.keys() - plans.keys():
            store.drop(gone)
    return groups, plans


def _make(store: Shards, key: str, plan: PagePlan, urls: Urls) -> bytes:
    """The page's entry, made and kept with its digest, size and lastmod (a POSIX time: quick to read back)."""
    changed = lastmod(plan)
    made = entry(plan, urls, changed).encode("utf-8")
    store.put(key, (plan.digest, len(made), None if changed is None else changed.timestamp()), made)
    return made


def _digest(store: Shards, part: list[str]) -> bytes:
    """What a part lists: its pages and the digests of their keys (which make their entries)."""
    digest = hashlib.blake2b(digest_size=16)
    for key in part:
        digest.update(key.encode() + b"\0" + store.heads[key][0])
    return digest.digest()
