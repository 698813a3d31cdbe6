"""Which pages exist in one language, and what each one is given.

A `PagePlan` is a path, a template and the page's own inputs: what makes
this page differ from the other pages of its language, with the stories it
shows as their summaries (summaries.py). Its context, the views the
template reads, is made from those inputs only when the page is rendered
(`LanguagePlanner.context`, made anew for each render, never kept); so planning every page of an archive of
thousands of stories costs little, and a page's key (portal.core.render_cache)
is made of its inputs: the stories a page shows count by their digests.
Keeping the plan separate from rendering makes "what pages does the site
have" readable in one module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from portal.stories.model import Site

from . import jsonld
from .resolve import REGISTRY_PATHS, Resolver
from .summaries import Summary
from .urls import Urls
from .views import Alternate, Entry, LanguageSwitch, Pagination

if TYPE_CHECKING:
    from collections.abc import Callable

HOME_LATEST = 10
HOME_MAYOR = 4
ARCHIVE = "archive"
PHOTO = "photo"


@dataclass(eq=False)
class PagePlan:
    """One page: where, with which template, and its own inputs (see the module).

    `counterpart` is the same page in the other language, if it exists;
    otherwise the language switcher leads to `fallback` and says so (that
    it is a draft, when `draft`). `make` turns the inputs into the
    template's context (None: they are it); `links`, into the links between
    the languages alone (None: the inputs hold them).
    """

    path: str
    template: str
    inputs: dict[str, Any] = field(default_factory=dict)
    counterpart: str | None = None
    fallback: str | None = None
    draft: bool = False
    make: Callable[[PagePlan], dict] | None = field(default=None, repr=False)
    links: Callable[[PagePlan], dict] | None = field(default=None, repr=False)
    digest: bytes | None = None  # its key's digest, once the render cache made it (sitemaps reuse it)

    def context(self) -> dict:
        """Made anew each time, never kept: a build renders tens of thousands of pages, and their
        contexts (views, structured data, links) kept on the plans until the end grew both
        rendering processes by ~100 MB at 20,000 story pairs."""
        return self.make(self) if self.make else self.inputs

    def alternates(self) -> list[Alternate]:
        """The page's address in each language (for sitemaps), without making its whole context."""
        return (self.links(self) if self.links else self.inputs).get("alternates", [])

    def key(self) -> tuple:
        """What the page is made from, in plain values (portal.core.render_cache): the story a story
        page is about by its digest, the stories of a list by what a list shows of them (`listed`),
        each entry and pagination by its fields."""
        inputs: list[tuple[str, Any]] = []
        for name, value in self.inputs.items():
            kind = type(value)
            if kind is Summary:
                inputs.append((name, value.digest))
            elif kind is list and value and type(value[0]) is Summary:
                inputs.append((name, tuple([story.listed for story in value])))
            elif kind is Entry:
                inputs.append((name, (value.id, value.name, value.url, value.role, value.kind, value.count)))
            elif kind is Pagination:
                inputs.append((name, (value.number, value.count, value.first)))
            else:
                inputs.append((name, value))
        return self.template, self.path, self.counterpart, self.fallback, self.draft, tuple(inputs)

    def shown(self) -> list[Summary]:
        """The stories the page shows."""
        found: list[Summary] = []
        for value in self.inputs.values():
            if isinstance(value, Summary):
                found.append(value)
            elif isinstance(value, list):
                found.extend(v for v in value if isinstance(v, Summary))
        return found


class LanguagePlanner:
    """Plans every page of one language tree (`/ky/` or `/ru/`)."""

    def __init__(self, site: Site, resolver: Resolver, urls: Urls, lang: str, languages: dict, page_size: int) -> None:
        self.site = site
        self.resolver = resolver
        self.urls = urls
        self.lang = lang
        self.other = next(other for other in site.languages if other != lang)
        self.languages = languages
        self.page_size = page_size
        self.stories = resolver.summaries(lang)
        self.other_stories = resolver.summaries(self.other)  # how long the other language's lists are
        self.publisher = jsonld.organization(languages[lang]["site_name"], urls.absolute(urls.home(lang)))
        self.constants = {  # in every page's context of this language: made once (and a page's key counts them once)
            "lang": lang,
            "other_lang": self.other,
            "og_locale": languages[lang]["locale"],
            "other_og_locale": languages[self.other]["locale"],
            "sections": resolver.sections(lang),
            "site_pages": [view for view in (resolver.page(p, lang) for p in site.pages.values()) if view],
            "home_url": urls.home(lang),
        }

    def plan(self, path: str, template: str, counterpart: str | None = None, fallback: str | None = None,
             draft: bool = False, **inputs) -> PagePlan:
        """A page of this language; `inputs` are its own context, stories as summaries."""
        return PagePlan(path, template, inputs, counterpart, fallback, draft, self.context, self.links)

    # the context ------------------------------------------------------------
    def context(self, plan: PagePlan) -> dict:
        """What the template gets: this language's constants, the links between the languages and the
        page's own inputs, each story's summary replaced by its view."""
        context = {**self.constants, **self.links(plan)}
        for key, value in plan.inputs.items():
            context[key] = self.resolve(value)
        if "story" in context:
            context["jsonld"] = jsonld.for_story(context["story"], self.publisher, self.urls.absolute)
        return context

    def resolve(self, value):
        if isinstance(value, Summary):
            return self.resolver.view(value.id, value.lang)
        if isinstance(value, list) and value and isinstance(value[0], Summary):
            return self.resolver.views(value)
        return value

    def links(self, plan: PagePlan) -> dict:
        """The page's address, its alternates in both languages and where the switcher leads."""
        path, counterpart = plan.path, plan.counterpart
        alternates = [Alternate(self.lang, self.urls.absolute(path))]
        if counterpart:
            # x-default: the version in the state language, the site's first
            default = path if self.lang == self.site.languages[0] else counterpart
            alternates += [Alternate(self.other, self.urls.absolute(counterpart)),
                           Alternate("x-default", self.urls.absolute(plan.inputs.get("x_default") or default))]
        switch = LanguageSwitch(self.other, counterpart or plan.fallback or self.urls.home(self.other),
                                translated=counterpart is not None, draft=plan.draft and counterpart is None)
        return {"page_url": path, "canonical_url": self.urls.absolute(path),
                "alternates": sorted(alternates, key=lambda a: a.hreflang), "switch": switch, "jsonld": []}

    def page_count(self, stories: int) -> int:
        """Pages of a list of `stories`: an empty list still gets page 1."""
        return max(1, -(-stories // self.page_size))

    def paginate(self, first: str, counterpart: str | None, template: str, stories: list[Summary],
                 counterpart_stories: int = 0, fallback: str | None = None, **inputs) -> Iterator[PagePlan]:
        """Path-based pages of `page_size` stories. Page N's counterpart is page N of `counterpart`, the
        same list in the other language (`counterpart_stories` long) where it has one; where it has not,
        page N has no translation, and the switcher leads to that list's first page and says so."""
        count = self.page_count(len(stories))
        translated = self.page_count(counterpart_stories) if counterpart else 0
        for number in range(1, count + 1):
            chunk = stories[(number - 1) * self.page_size: number * self.page_size]
            twin = self.urls.paginated(counterpart, number) if counterpart and number <= translated else None
            yield self.plan(self.urls.paginated(first, number), template, twin, counterpart or fallback,
                            **inputs, stories=chunk, pagination=Pagination(number, count, first))

    # the pages ------------------------------------------------------------
    def plans(self) -> Iterator[PagePlan]:
        yield self.home()
        yield from self.story_pages()
        yield from self.section_pages()
        yield from self.registry_pages()
        yield from self.archive_pages()
        yield from self.photo_pages()
        yield from self.standing_pages()

    def home(self) -> PagePlan:
        mayor = next((e for e in self.site.registry.officials.values() if e.kind == "mayor"), None)
        events = [(s.event.when, s) for s in self.stories
                  if s.event and not s.event.is_past and s.event.status != "cancelled"]
        upcoming = [story for _, story in sorted(events, key=lambda pair: pair[0])]
        return self.plan(
            self.urls.home(self.lang), "home.html", self.urls.home(self.other),
            x_default=self.urls.root(),  # the homes' default is the chooser
            jsonld=[self.publisher],
            latest=self.stories[:HOME_LATEST],
            upcoming=upcoming,
            mayor=self.resolver.entry("officials", mayor, self.lang) if mayor else None,
            mayor_latest=[s for s in self.stories if mayor and mayor.id in s.officials][:HOME_MAYOR])

    def story_pages(self, only: Collection[str] | None = None) -> Iterator[PagePlan]:
        """Every story's page, or those of the stories `only` names."""
        for story in self.stories if only is None else [s for s in self.stories if s.id in only]:
            yield self.plan(story.url, "story.html", story.counterpart, self.urls.listing(self.other, story.section),
                            self.other in story.drafts, story=story)

    def section_pages(self) -> Iterator[PagePlan]:
        by_section = self.resolver.listed(self.lang, "sections")
        others = Counter(s.section for s in self.other_stories)
        for section in self.constants["sections"]:
            yield from self.paginate(section.url, self.urls.listing(self.other, section.id), "listing.html",
                                     by_section.get(section.id, []), others[section.id], heading=section.name,
                                     intro="", listing_kind="section", entry=section)

    def registry_pages(self) -> Iterator[PagePlan]:
        for kind, path_part in REGISTRY_PATHS.items():
            by_entry = self.resolver.listed(self.lang, kind)
            others = {entry_id: len(stories) for entry_id, stories in self.resolver.listed(self.other, kind).items()}
            entries = []
            for registry_entry in self.site.registry.of(kind).values():
                entry = self.resolver.entry(kind, registry_entry, self.lang)
                stories = by_entry.get(entry.id, [])
                entry.count = len(stories)
                entries.append(entry)
                counterpart = self.urls.listing(self.other, path_part, entry.id)
                yield from self.paginate(entry.url, counterpart, "listing.html", stories, others.get(entry.id, 0),
                                         heading=entry.name, intro=entry.role, listing_kind=kind[:-1], entry=entry,
                                         profile=self.resolver.profile(registry_entry, self.lang))
            yield self.plan(self.urls.listing(self.lang, path_part), "registry_index.html",
                            self.urls.listing(self.other, path_part), registry_kind=kind, entries=entries)

    def archive_pages(self) -> Iterator[PagePlan]:
        """The archive index and a paginated list per year; a year the other
        language has no stories in has no counterpart."""
        index, other_index = self.urls.listing(self.lang, ARCHIVE), self.urls.listing(self.other, ARCHIVE)
        other_years = Counter(s.date.year for s in self.other_stories)
        years = []
        for year, group in groupby(self.stories, key=lambda s: s.date.year):
            stories = list(group)
            first = self.urls.listing(self.lang, ARCHIVE, str(year))
            years.append(Entry(id=str(year), name=str(year), url=first, count=len(stories)))
            counterpart = self.urls.listing(self.other, ARCHIVE, str(year)) if year in other_years else None
            yield from self.paginate(first, counterpart, "listing.html", stories, other_years[year],
                                     fallback=other_index, heading=str(year), intro="", listing_kind="archive",
                                     entry=years[-1])
        yield self.plan(index, "archive.html", other_index, years=years)

    def photo_pages(self) -> Iterator[PagePlan]:
        """The Photo section: every story with a press kit, newest first."""
        stories = [s for s in self.stories if s.kit]
        yield from self.paginate(self.urls.listing(self.lang, PHOTO), self.urls.listing(self.other, PHOTO),
                                 "photos.html", stories, sum(1 for s in self.other_stories if s.kit))

    def standing_pages(self) -> Iterator[PagePlan]:
        for page in self.site.pages.values():
            view = self.resolver.page(page, self.lang)
            if view is None:
                continue
            other = self.resolver.page(page, self.other)
            yield self.plan(view.url, "page.html", other.url if other else None, self.urls.home(self.other),
                            self.other in page.drafts, page=view)


def _choices(urls: Urls, languages: dict) -> list[Entry]:
    return [Entry(id=lang, name=info["name"], url=urls.home(lang), role=info["site_name"])
            for lang, info in languages.items()]


def not_found(urls: Urls, languages: dict) -> PagePlan:
    """`/404.html`, served for any unknown address: neutral, both languages."""
    return PagePlan(f"{urls.prefix}/404.html", "404.html", {"languages": _choices(urls, languages)})


def chooser(urls: Urls, languages: dict) -> PagePlan:
    """The neutral `/`: both languages offered, declared as x-default."""
    choices = _choices(urls, languages)
    alternates = [Alternate(c.id, urls.absolute(c.url)) for c in choices]
    alternates.append(Alternate("x-default", urls.absolute(urls.root())))
    return PagePlan(urls.root(), "chooser.html", {
        "languages": choices, "alternates": alternates, "canonical_url": urls.absolute(urls.root()),
        "page_url": urls.root(),
        "jsonld": [jsonld.organization(languages[next(iter(languages))]["site_name"], urls.absolute(urls.root()))]})
