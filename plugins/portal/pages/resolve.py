"""The model resolved into one language: `StoryView`s, `Entry`s, `PageView`s."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from portal.core.state import Shards
from portal.stories.model import Attachment, Media, Page, Photo, Site, Story, Translation
from portal.stories.registry import RegistryEntry

from .digests import ViewDigests
from .media import published_files
from .portraits import Rendition
from .summaries import Summary, listed, summarize
from .urls import Urls
from .views import (
    Correction,
    Cue,
    DecisionView,
    Entry,
    EventView,
    FileView,
    ImageSource,
    ImageView,
    Licence,
    MediaView,
    PageView,
    ProfileView,
    StoryView,
    TrackView,
)

MIME_TYPES = {".pdf": "application/pdf", ".mp4": "video/mp4", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
              ".ogg": "audio/ogg", ".vtt": "text/vtt"}
FALLBACK_IMAGE = "image/jpeg"
REGISTRY_PATHS = {"officials": "officials", "units": "units", "topics": "topics"}


class Resolver:
    """Every story of the site, per language: a `Summary` of each, and its view when asked for.

    A build makes the views of the stories it read (`Site.stories`: all of
    them, or what changed and its neighbours); the others' views are the
    last build's, kept in `store` (a `Shards` in the site folder's state:
    heads the summaries, bodies the views) and read back only when a page or
    feed that shows them is made. Listings share the same view objects.
    """

    def __init__(self, site: Site, urls: Urls, photos=None, language_names: dict[str, str] | None = None,
                 portraits: dict[str, list[Rendition]] | None = None, store: Shards | None = None) -> None:
        """`photos`: the photos plugin's `PhotoLibrary` (no photos without it); `language_names`:
        autonyms, to label captions tracks; `portraits`: officials' photos (portraits.py); `store`:
        the views kept by the last build (none: every story's view is made)."""
        self.site = site
        self.urls = urls
        self.photos = photos
        self.language_names = language_names or {}
        self.portraits = portraits or {}
        self.store = store
        self.digests = ViewDigests()  # each view's, made once for the pages, the feeds and the search index
        self._views: dict[tuple[str, str], StoryView] = {}  # made, or read back, in this build
        self._listed: dict[tuple[str, str], dict[str, list[Summary]]] = {}
        stories = dict(site.stories)
        if store is None or site.changed is None or not store.complete:
            stories.update(site.read(site.ids - stories.keys()))
            forget = set(store.heads) - stories.keys() if store is not None else set()
        else:
            forget = set(site.changed)
            stories.update(site.read(site.ids - store.heads.keys() - site.changed))  # lost from the state
        for story in stories.values():
            for lang, translation in story.translations.items():
                self._views[story.id, lang] = self._story(story, translation)
        if store is not None:
            for story_id in forget:
                store.drop(story_id)
        self._link(stories)
        made = {story_id: {lang: self._summary(story, lang) for lang in story.translations}
                for story_id, story in stories.items()}
        if store is not None:
            for story_id, summaries in made.items():
                store.put(story_id, summaries, self._kept(story_id, summaries))
            store.spill()  # the views made now are in memory already: their pickles wait on disk for the save
        heads = store.heads if store is not None else made
        every = [summary for story_id in site.ids for summary in heads[story_id].values()]
        self._newest_first = {lang: sorted((s for s in every if s.lang == lang), key=Summary.newest_first,
                                           reverse=True) for lang in site.languages}

    def summaries(self, lang: str) -> list[Summary]:
        """Every story in `lang`, newest first (ties broken by id, for stable output).

        Sorted once: every plugin that lists stories asks for this. Callers
        must not change the list they are given."""
        return self._newest_first[lang]

    def listed(self, lang: str, kind: str) -> dict[str, list[Summary]]:
        """The stories in `lang` of each entry of a kind of registry, newest first (summaries.listed).
        Made once: the pages and the feeds of both languages ask, and at 20,000 story pairs each
        pass over the archive cost ~30 ms. Callers must not change what they are given."""
        if (lang, kind) not in self._listed:
            self._listed[lang, kind] = listed(self.summaries(lang), kind)
        return self._listed[lang, kind]

    def view(self, story_id: str, lang: str) -> StoryView:
        """The whole view of a story: made in this build, or the last build's, read back now."""
        found = self._views.get((story_id, lang))
        if found is None:
            self._read_back(story_id)
            found = self._views[story_id, lang]
        return found

    def views(self, summaries: list[Summary]) -> list[StoryView]:
        return [self.view(summary.id, summary.lang) for summary in summaries]

    def _summary(self, story: Story, lang: str) -> Summary:
        view = self._views[story.id, lang]
        source = f"{story.id}/{Path(story.translations[lang].source).name}"
        files = tuple(sorted(name for name, _ in published_files(story)))
        return summarize(view, story.drafts, source, files, self.digests(view), self.digests.listed(view),
                         self.digests.card(view))

    def _kept(self, story_id: str, summaries: dict[str, Summary]) -> bytes:
        """A story's views as the state keeps them: links to other stories by id (see `_read_back`)."""
        views, links = {}, {}
        for lang in summaries:
            view = self._views[story_id, lang]
            links[lang] = (view.explains.id if view.explains else None, [e.id for e in view.explained_by],
                           view.event.coverage.id if view.event and view.event.coverage else None)
            event = replace(view.event, coverage=None) if view.event else None
            views[lang] = replace(view, translation=None, explains=None, explained_by=[], event=event)
        return pickle.dumps((views, links), protocol=pickle.HIGHEST_PROTOCOL)

    def _read_back(self, story_id: str) -> None:
        body = self.store.body(story_id) if self.store is not None else None
        if body is None:
            raise KeyError(f"no view of {story_id} was kept")
        views, links = pickle.loads(body)
        for lang, view in views.items():
            self._views[story_id, lang] = view
        for lang, view in views.items():
            explains, explained_by, coverage = links[lang]
            view.translation = next((other for other_lang, other in views.items() if other_lang != lang), None)
            view.explains = self.view(explains, lang) if explains else None
            view.explained_by = [self.view(linked, lang) for linked in explained_by]
            if coverage and view.event:
                view.event.coverage = self.view(coverage, lang)

    # registry entries ---------------------------------------------------
    def entry(self, kind: str, entry: RegistryEntry, lang: str) -> Entry:
        url = self.urls.listing(lang, entry.id) if kind == "sections" else \
            self.urls.listing(lang, REGISTRY_PATHS[kind], entry.id)
        return Entry(id=entry.id, name=entry.name(lang), url=url, role=entry.positions.get(lang, ""),
                     kind=entry.kind)

    def entries(self, kind: str, ids: list[str], lang: str) -> list[Entry]:
        table = self.site.registry.of(kind)
        return [self.entry(kind, table[i], lang) for i in ids]

    def sections(self, lang: str) -> list[Entry]:
        return [self.entry("sections", e, lang) for e in self.site.registry.sections.values()]

    def profile(self, official: RegistryEntry, lang: str) -> ProfileView | None:
        """An official's photo, biography and contacts in `lang`; None when the registry gives none."""
        p = official.profile
        if p is None:
            return None
        renditions = self.portraits.get(official.id, [])
        photo = ImageView(url=self.urls.asset(renditions[-1].site_path), alt=official.name(lang),
                          width=renditions[-1].width, height=renditions[-1].height,
                          srcset=", ".join(f"{self.urls.asset(r.site_path)} {r.width}w" for r in renditions),
                          name=p.photo.name) if renditions and p.photo else None
        view = ProfileView(photo=photo, biography=list(p.biography.get(lang, ())), phone=p.phone, email=p.email,
                           address=p.address.get(lang, ""), hours=p.hours.get(lang, ""))
        return view if view.photo or view.biography or view.contacts else None

    # stories --------------------------------------------------------------
    def _file(self, story: Story, attachment: Attachment) -> FileView:
        return FileView(url=self.urls.media(story, attachment), name=attachment.name, size=attachment.size,
                        mime=MIME_TYPES.get(attachment.path.suffix.lower(), "application/octet-stream"))

    def _srcset(self, renditions) -> str:
        return ", ".join(f"{self.urls.asset(r.path)} {r.width}w" for r in renditions)

    def _image(self, story: Story, photo: Photo | None, lang: str) -> ImageView | None:
        if photo is None or self.photos is None:
            return None
        published = self.photos.photo(story.id, photo.name)
        if published is None:
            return None
        fallback = published.of_type(FALLBACK_IMAGE)
        credit = photo.credit.get(lang, "")
        return ImageView(
            url=self.urls.asset(fallback[-1].path), alt=photo.alt.get(lang, ""), width=fallback[-1].width,
            height=fallback[-1].height, caption=photo.caption.get(lang, ""), credit=credit,
            srcset=self._srcset(fallback),
            sources=[ImageSource(mime, self._srcset(published.of_type(mime)))
                     for mime in self.photos.mime_order if mime != FALLBACK_IMAGE],
            original=FileView(url=self.urls.asset(published.original), name=photo.name,
                              size=published.original_size, mime=published.original_mime),
            licence=Licence(published.licence_name, published.licence_url),
            copyright=f"© {published.year} {credit}", taken=photo.taken, name=photo.name)

    def _media(self, story: Story, m: Media, lang: str) -> MediaView:
        view = MediaView(kind=m.kind, file=self._file(story, m.file) if m.file else None,
                         external_url=m.external_url, poster=self._image(story, m.poster, lang),
                         duration=clock(m.seconds) if m.seconds is not None else m.duration, seconds=m.seconds)
        view.captions = [TrackView(self.urls.media(story, vtt), language, self.language_names.get(language, language))
                         for language, vtt in m.captions.items() if language in story.translations]
        view.transcript = [Cue(clock(start), text) for start, text in m.cues.get(lang, [])]
        return view

    def _story(self, story: Story, t: Translation) -> StoryView:
        lang = t.lang
        url = self.urls.story(story, t)
        view = StoryView(
            id=story.id, lang=lang, title=t.title, summary=t.summary, content=t.html, url=url,
            abs_url=self.urls.absolute(url), date=story.date, modified=t.modified,
            section=self.entry("sections", self.site.registry.sections[story.section], lang),
            officials=self.entries("officials", t.officials, lang),
            units=self.entries("units", t.units, lang),
            topics=self.entries("topics", t.topics, lang),
            image=self._image(story, t.image, lang),
            photos=[view for photo in story.photos if (view := self._image(story, photo, lang))],
            corrections=[Correction(when, note) for when, note in t.corrections],
            unpublished="draft" if t.status == "draft" else "embargoed" if story.date > self.site.now else "",
        )
        if t.decision:
            d = t.decision
            signatory = self.entries("officials", [d.signatory], lang)[0]
            view.decision = DecisionView(d.number, d.signed, signatory, d.legal_status,
                                         self._file(story, d.document))
        if t.event:
            e = t.event
            view.event = EventView(
                starts=e.starts, ends=e.ends, venue=e.venue, speakers=self.entries("officials", e.speakers, lang),
                guests=e.guests, accreditation=e.accreditation, status=e.status, postponed_to=e.postponed_to,
                is_past=(e.ends or e.starts) < self.site.now)
        if t.media:
            view.media = self._media(story, t.media, lang)
        kit = self.photos.kits.get(story.id) if self.photos else None
        if kit:
            view.press_kit = FileView(url=self.urls.asset(kit.path), name=kit.name, size=kit.size,
                                      mime="application/zip")
        return view

    def _link(self, stories: dict[str, Story]) -> None:
        """Cross-links of the views made in this build, only to what is published in that language.
        A decision's explainers are every story explaining it, made now or kept (in the order of their ids)."""
        explainers: dict[tuple[str, str], set[str]] = {}
        if self.store is not None:
            for story_id in self.site.ids - stories.keys():
                for summary in self.store.heads[story_id].values():
                    if summary.explains:
                        explainers.setdefault((summary.explains, summary.lang), set()).add(story_id)
        for story in stories.values():
            for lang, t in story.translations.items():
                view = self._views[story.id, lang]
                others = [self._views[story.id, other] for other in story.translations if other != lang]
                view.translation = others[0] if others else None
                if t.event and t.event.coverage and view.event:
                    view.event.coverage = self._shown(t.event.coverage.strip("/"), lang)
                if t.explains:
                    view.explains = self._shown(t.explains.strip("/"), lang)
                    if view.explains:
                        explainers.setdefault((view.explains.id, lang), set()).add(story.id)
        for story in stories.values():
            for lang in story.translations:
                view = self._views[story.id, lang]
                view.explained_by = [self.view(linked, lang) for linked in sorted(explainers.get((story.id, lang), ()))]

    def _shown(self, story_id: str, lang: str) -> StoryView | None:
        """The view of a story on the site in `lang`, or None."""
        if (story_id, lang) in self._views:
            return self._views[story_id, lang]
        if story_id not in self.site.ids or self.store is None or lang not in self.store.heads.get(story_id, {}):
            return None
        return self.view(story_id, lang)

    # pages ----------------------------------------------------------------
    def page(self, page: Page, lang: str) -> PageView | None:
        t = page.translations.get(lang)
        if t is None:
            return None
        return PageView(id=page.id, title=t.title, summary=t.summary, content=t.html,
                        url=self.urls.page(lang, page.id))


def clock(seconds: float) -> str:
    """A length as players show it: "0:45", "6:12", "1:02:03"."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
