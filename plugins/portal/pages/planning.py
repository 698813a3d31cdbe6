"""Which pages exist in one language, and what each one is given.

A `PagePlan` is a path, a template and the page's own context; the generator
renders plans without knowing what they are. Keeping the plan separate from
rendering makes "what pages does the site have" readable in one module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby

from portal.stories.model import Site

from . import jsonld
from .resolve import REGISTRY_PATHS, Resolver
from .urls import Urls
from .views import Alternate, Entry, LanguageSwitch, Pagination, StoryView

HOME_LATEST = 10
HOME_MAYOR = 4
ARCHIVE = "archive"
PHOTO = "photo"


def involved(story: StoryView) -> set[str]:
    """Officials a story concerns: named, speaking, or signing (their pages and feeds list it)."""
    ids = {o.id for o in story.officials}
    if story.event:
        ids |= {s.id for s in story.event.speakers}
    if story.decision:
        ids.add(story.decision.signatory.id)
    return ids


# Which registry entries a story is listed under, by kind: one rule for pages, feeds and checks.
MEMBERS: dict[str, Callable[[StoryView], set[str]]] = {
    "sections": lambda s: {s.section.id},
    "officials": involved,
    "units": lambda s: {u.id for u in s.units},
    "topics": lambda s: {t.id for t in s.topics},
}


@dataclass
class PagePlan:
    path: str
    template: str
    context: dict = field(default_factory=dict)


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
        self.stories = resolver.story_views(lang)
        self.other_stories = resolver.story_views(self.other)  # how long the other language's lists are
        self.sections = resolver.sections(lang)  # these two are in every page's context: made once
        self.site_pages = [view for view in (resolver.page(p, lang) for p in site.pages.values()) if view]
        self.publisher = jsonld.organization(languages[lang]["site_name"], urls.absolute(urls.home(lang)))

    # shared context -------------------------------------------------------
    def common(self, path: str, counterpart: str | None, fallback: str | None = None, draft: bool = False) -> dict:
        """Context every page of this language gets.

        `counterpart` is the same page in the other language, if it exists;
        otherwise the switcher leads to `fallback` and says so (that it is a
        draft, when `draft`).
        """
        alternates = [Alternate(self.lang, self.urls.absolute(path))]
        if counterpart:
            # x-default: the version in the state language, the site's first
            default = path if self.lang == self.site.languages[0] else counterpart
            alternates += [Alternate(self.other, self.urls.absolute(counterpart)),
                           Alternate("x-default", self.urls.absolute(default))]
        switch = LanguageSwitch(self.other, counterpart or fallback or self.urls.home(self.other),
                                translated=counterpart is not None, draft=draft and counterpart is None)
        return {
            "lang": self.lang,
            "other_lang": self.other,
            "og_locale": self.languages[self.lang]["locale"],
            "other_og_locale": self.languages[self.other]["locale"],
            "sections": self.sections,
            "site_pages": self.site_pages,
            "page_url": path,
            "home_url": self.urls.home(self.lang),
            "canonical_url": self.urls.absolute(path),
            "alternates": sorted(alternates, key=lambda a: a.hreflang),
            "switch": switch,
            "jsonld": [],
        }

    def page_count(self, stories: int) -> int:
        """Pages of a list of `stories`: an empty list still gets page 1."""
        return max(1, -(-stories // self.page_size))

    def paginate(self, first: str, counterpart: str | None, template: str, stories: list[StoryView],
                 counterpart_stories: int = 0, fallback: str | None = None, **context) -> Iterator[PagePlan]:
        """Path-based pages of `page_size` stories. Page N's counterpart is page N of `counterpart`, the
        same list in the other language (`counterpart_stories` long) where it has one; where it has not,
        page N has no translation, and the switcher leads to that list's first page and says so."""
        count = self.page_count(len(stories))
        urls = [self.urls.paginated(first, n) for n in range(1, count + 1)]
        translated = self.page_count(counterpart_stories) if counterpart else 0
        for number, path in enumerate(urls, start=1):
            chunk = stories[(number - 1) * self.page_size: number * self.page_size]
            twin = self.urls.paginated(counterpart, number) if counterpart and number <= translated else None
            yield PagePlan(path, template, {
                **self.common(path, twin, counterpart or fallback), **context,
                "stories": chunk, "pagination": Pagination(number, count, urls)})

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
        path, counterpart = self.urls.home(self.lang), self.urls.home(self.other)
        mayor = next((e for e in self.site.registry.officials.values() if e.kind == "mayor"), None)
        events = [(s.event.when, s) for s in self.stories
                  if s.event and not s.event.is_past and s.event.status != "cancelled"]
        upcoming = [story for _, story in sorted(events, key=lambda pair: pair[0])]
        context = self.common(path, counterpart)
        context["alternates"] = [a for a in context["alternates"] if a.hreflang != "x-default"] + \
            [Alternate("x-default", self.urls.absolute(self.urls.root()))]  # the homes' default is the chooser
        context["jsonld"] = [self.publisher]
        context.update(
            latest=self.stories[:HOME_LATEST],
            upcoming=upcoming,
            mayor=self.resolver.entry("officials", mayor, self.lang) if mayor else None,
            mayor_latest=[s for s in self.stories if mayor and mayor.id in involved(s)][:HOME_MAYOR],
        )
        return PagePlan(path, "home.html", context)

    def story_pages(self) -> Iterator[PagePlan]:
        for story in self.stories:
            counterpart = story.translation.url if story.translation else None
            context = self.common(story.url, counterpart, fallback=self.urls.listing(self.other, story.section.id),
                                  draft=self.other in self.site.stories[story.id].drafts)
            context["jsonld"] = jsonld.for_story(story, self.publisher, self.urls.absolute)
            context["story"] = story
            yield PagePlan(story.url, "story.html", context)

    def section_pages(self) -> Iterator[PagePlan]:
        others = Counter(s.section.id for s in self.other_stories)
        for section in self.sections:
            stories = [s for s in self.stories if s.section.id == section.id]
            yield from self.paginate(section.url, self.urls.listing(self.other, section.id), "listing.html",
                                     stories, others[section.id], heading=section.name, intro="",
                                     listing_kind="section", entry=section)

    def registry_pages(self) -> Iterator[PagePlan]:
        for kind, path_part in REGISTRY_PATHS.items():
            listed: dict[str, list[StoryView]] = {}  # by entry id, newest first: one pass over the stories
            for story in self.stories:
                for entry_id in MEMBERS[kind](story):
                    listed.setdefault(entry_id, []).append(story)
            others = Counter(entry_id for story in self.other_stories for entry_id in MEMBERS[kind](story))
            entries = []
            for registry_entry in self.site.registry.of(kind).values():
                entry = self.resolver.entry(kind, registry_entry, self.lang)
                stories = listed.get(entry.id, [])
                entry.count = len(stories)
                entries.append(entry)
                counterpart = self.urls.listing(self.other, path_part, entry.id)
                yield from self.paginate(entry.url, counterpart, "listing.html", stories, others[entry.id],
                                         heading=entry.name, intro=entry.role, listing_kind=kind[:-1], entry=entry,
                                         profile=self.resolver.profile(registry_entry, self.lang))
            index = self.urls.listing(self.lang, path_part)
            yield PagePlan(index, "registry_index.html", {
                **self.common(index, self.urls.listing(self.other, path_part)),
                "registry_kind": kind, "entries": entries})

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
        yield PagePlan(index, "archive.html", {**self.common(index, other_index), "years": years})

    def photo_pages(self) -> Iterator[PagePlan]:
        """The Photo section: every story with a press kit, newest first."""
        stories = [s for s in self.stories if s.press_kit]
        yield from self.paginate(self.urls.listing(self.lang, PHOTO), self.urls.listing(self.other, PHOTO),
                                 "photos.html", stories, sum(1 for s in self.other_stories if s.press_kit))

    def standing_pages(self) -> Iterator[PagePlan]:
        for page in self.site.pages.values():
            view = self.resolver.page(page, self.lang)
            if view is None:
                continue
            other = self.resolver.page(page, self.other)
            context = self.common(view.url, other.url if other else None, fallback=self.urls.home(self.other),
                                  draft=self.other in page.drafts)
            context["page"] = view
            yield PagePlan(view.url, "page.html", context)


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
