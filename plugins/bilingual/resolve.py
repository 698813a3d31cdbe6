"""The model resolved into one language: `StoryView`s, `Entry`s, `PageView`s."""

from __future__ import annotations

from stories.model import Attachment, Image, Page, Site, Story, Translation
from stories.registry import RegistryEntry

from .urls import Urls
from .views import (Correction, DecisionView, Entry, EventView, FileView, ImageView, MediaView,
                    PageView, StoryView)

MIME_TYPES = {".pdf": "application/pdf", ".mp4": "video/mp4", ".webm": "video/webm",
              ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg"}
REGISTRY_PATHS = {"officials": "officials", "units": "units", "topics": "topics"}


class Resolver:
    """Builds every view of the site once; listings share the same objects."""

    def __init__(self, site: Site, urls: Urls) -> None:
        self.site = site
        self.urls = urls
        self.stories: dict[tuple[str, str], StoryView] = {}
        for story in site.stories.values():
            for lang, translation in story.translations.items():
                self.stories[story.id, lang] = self._story(story, translation)
        self._link()

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

    # stories --------------------------------------------------------------
    def _file(self, story: Story, attachment: Attachment) -> FileView:
        return FileView(url=self.urls.media(story, attachment), name=attachment.name, size=attachment.size,
                        mime=MIME_TYPES.get(attachment.path.suffix.lower(), "application/octet-stream"))

    def _image(self, story: Story, image: Image | None) -> ImageView | None:
        if image is None:
            return None
        return ImageView(url=self.urls.media(story, image.file), alt=image.alt, width=image.file.width,
                         height=image.file.height, caption=image.caption, credit=image.credit)

    def _story(self, story: Story, t: Translation) -> StoryView:
        lang = t.lang
        url = self.urls.story(story, t)
        view = StoryView(
            id=story.id, lang=lang, title=t.title, summary=t.summary, content=t.html, url=url,
            abs_url=self.urls.absolute(url), date=t.date, modified=t.modified,
            section=self.entry("sections", self.site.registry.sections[story.section], lang),
            officials=self.entries("officials", t.officials, lang),
            units=self.entries("units", t.units, lang),
            topics=self.entries("topics", t.topics, lang),
            image=self._image(story, t.image),
            corrections=[Correction(when, note) for when, note in t.corrections],
            unpublished="draft" if t.status == "draft" else "embargoed" if t.date > self.site.now else "",
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
            m = t.media
            view.media = MediaView(kind=m.kind, file=self._file(story, m.file) if m.file else None,
                                   external_url=m.external_url, poster=self._image(story, m.poster),
                                   duration=m.duration)
        return view

    def _link(self) -> None:
        """Cross-links between views, only to what is published in that language."""
        for story in self.site.stories.values():
            for lang, t in story.translations.items():
                view = self.stories[story.id, lang]
                others = [self.stories[story.id, other] for other in story.translations if other != lang]
                view.translation = others[0] if others else None
                if t.event and t.event.coverage:
                    view.event.coverage = self.stories.get((t.event.coverage.strip("/"), lang))
                if t.explains:
                    decision = self.stories.get((t.explains.strip("/"), lang))
                    view.explains = decision
                    if decision:
                        decision.explained_by.append(view)

    def story_views(self, lang: str) -> list[StoryView]:
        """All stories in `lang`, newest first (ties broken by id, for stable output)."""
        views = [v for (_, view_lang), v in self.stories.items() if view_lang == lang]
        return sorted(views, key=lambda v: (v.date, v.id), reverse=True)

    # pages ----------------------------------------------------------------
    def page(self, page: Page, lang: str) -> PageView | None:
        t = page.translations.get(lang)
        if t is None:
            return None
        return PageView(id=page.id, title=t.title, summary=t.summary, content=t.html,
                        url=self.urls.page(lang, page.id))
