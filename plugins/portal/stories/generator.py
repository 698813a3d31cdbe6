"""The generator that reads content/ into the validated model.

Signals: `get_generators` adds `StoriesGenerator`, which runs before the
generators that write and leaves a `Site` in the shared context under
`PORTAL_SITE`: only what may be published, or, with the setting
`PORTAL_PREVIEW` (the `preview` task, never a public build), drafts and
embargoed stories too. A story folder's photos are read with its first
language file (from every language file's `photos:`, see photo_list.py).
Parsed files (front matter, HTML through the allow-list sanitizer) are kept
in the cache folder (`parsed.pickle`, a `StampedFacts`: checksummed, so a
damaged one is parsed anew), keyed on each file's size and mtime and on the
parser itself (MarkdownConverter.identity: the parsing code and the
footnotes' words from the theme's catalogs, so a cache made before a change
to the sanitizer cannot bring its old HTML back); Pelican's own content
cache is off. Validation runs on every build because registries and other
files can change what is valid. The files the cache lacks are parsed on
every core (see parallel.py); the rest happens here, in order, so that a
warm build forks nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from portal.core.context_keys import SITE_KEY
from portal.core.machine import MachineGuard
from portal.core.parallel import split
from portal.core.problems import BuildStopped, Problems
from portal.core.settings import SiteSettings, licences
from portal.core.stamped import StampedFacts
from portal.localization.catalogs import load_translations
from portal.localization.editor import _

from . import layout, validate
from .fields import PAGE_KEYS, FieldReader, read_translation
from .model import Page, Site, Story, Translation
from .names import check_links, list_content
from .packed import PackedHtml
from .permalinks import PermalinkLock
from .photo_list import LanguageFile, PhotoLists, uses_photo_lists
from .photos_yml import PhotosFile
from .reading import FOOTNOTE_BACKLINK, PAGES_FOLDER, MarkdownConverter, ParsedFile, Unreadable, markdown_files
from .recordings import Verdicts
from .registry import Registry, load_registry
from .sanitize import find_line

PARSED = "parsed.pickle"  # in the cache folder: each Markdown file as parsed, while it and the parser stay
RESERVED_PATHS = {"officials", "units", "topics", "archive", "page", "media", "theme", "photo", "feeds", "search"}


class StoriesGenerator(MachineGuard):
    def __init__(self, *args, settings: dict, **kwargs) -> None:
        self.site_settings = SiteSettings.read(settings)
        super().__init__(*args, settings=settings, **kwargs)
        self.content_root = Path(self.path)
        self.languages = tuple(self.site_settings.languages)
        self.timezone = self.site_settings.timezone
        self.licences = licences(settings)
        catalogs = self.site_settings.catalogs(self.theme)
        self.converter = MarkdownConverter({lang: load_translations(catalogs, lang).gettext(FOOTNOTE_BACKLINK)
                                            for lang in self.languages})
        self.parsed = StampedFacts(self.site_settings.cache / PARSED, salt=self.converter.identity)
        self.problems = Problems(root=Path.cwd())

    def generate_context(self) -> None:
        data_dir = self.site_settings.data
        check_links(data_dir, self.problems)
        registry = load_registry(data_dir, self.languages, self.problems)
        self.sections = list(registry.sections)
        self.sections_unreadable = "sections" in registry.unreadable  # then where() blames no folder
        stories: dict[str, Story] = {}
        pages: dict[str, Page] = {}
        folders = list_content(self.content_root, self.problems)
        validate.check_folders(folders, self.content_root, self.sections, PAGES_FOLDER, self.languages, self.problems)
        paths = markdown_files(folders)  # a folder's files one after the other
        parsed = self.parse(paths)
        self.recordings = Verdicts(self.site_settings.cache)
        for path in paths:
            self.read_file(path, parsed, folders[path.parent], registry, stories, pages)
        self.recordings.save()
        lock = PermalinkLock(data_dir / "permalinks.yml", self.site_settings.cache, self.problems)
        lock.apply(stories)
        url_pattern = self.site_settings.story_url
        validate.check_pairs(stories, self.problems)
        validate.check_unique_urls(stories, pages, url_pattern, RESERVED_PATHS | set(registry.sections), self.problems)
        validate.check_references(stories, self.problems)
        if not self.problems:  # an unused file is told from a misnamed one once every name is valid
            validate.check_unused_files(stories, folders, self.languages, self.problems)
        if self.problems:
            raise BuildStopped(self.problems)
        self.parsed.save()
        del self.parsed  # nothing reads it again, and it is a copy of every file
        now = self.site_settings.clock()
        public = published(stories, now)
        lock.record(public)
        preview = self.site_settings.preview
        self.context[SITE_KEY] = Site(
            registry=registry,
            stories=stories if preview else public,
            pages=pages if preview else published(pages, now),
            languages=self.languages,
            now=now,
        )

    def where(self, path: Path) -> tuple[str, str, str] | None:
        """(kind, id, lang) of a content file, or None after reporting why not."""
        relative = path.relative_to(self.content_root)
        parts = relative.parts
        lang = layout.text_language(path.name)
        if lang is None or lang not in self.languages:
            old = layout.old_text_language(path.name)
            if old is not None and old in self.languages:
                self.problems.add(path, None, _('"%(name)s" is the old name of a story\'s text: it is not read',
                                                name=path.name),
                                  _("Rename it to %(file)s (`make migrate` renames every story at once).",
                                    file=layout.text_name(old)))
            else:
                self.problems.add(path, None, _('"%(name)s" is not a language file', name=path.name),
                                  _("Name the Markdown files of a story %(files)s.",
                                    files=layout.text_names(self.languages)))
            return None
        if parts[0] == PAGES_FOLDER and len(parts) == 3:
            return PAGES_FOLDER, parts[1], lang
        if len(parts) == 4 and parts[0] in self.sections:
            return parts[0], "/".join(parts[:3]), lang
        if parts[0] not in self.sections and parts[0] != PAGES_FOLDER:
            if self.sections_unreadable:
                return None  # data/sections.yml's own problem says why
            close = difflib.get_close_matches(parts[0], self.sections, n=1)
            self.problems.add(path, None, _('unknown section "%(section)s"', section=parts[0]),
                              _('Did you mean "%(section)s"? Sections: %(sections)s (and pages).', section=close[0],
                                sections=self.sections) if close else
                              _("Sections: %(sections)s (and pages).", sections=self.sections))
        else:
            example = f"content/pages/about/{path.name}" if parts[0] == PAGES_FOLDER else \
                f"content/{parts[0]}/2026/11-26-short-name/{path.name}"
            self.problems.add(path, None, _("this file is not in a story folder"),
                              _("Put it at %(example)s", example=example))
        return None

    def parse(self, paths: list[Path]) -> dict[Path, ParsedFile | None]:
        """Each file parsed: from the content cache, else anew on every core (and then cached);
        None for a file that cannot be parsed, reported as a problem."""
        parsed: dict[Path, ParsedFile | None] = {path: self.parsed.cached(path) for path in paths}
        missing = [path for path in paths if parsed[path] is None]
        results = split(missing, self.converter.parse_file, self.site_settings.processes)
        for path, result in zip(missing, results, strict=True):
            if isinstance(result, Unreadable):
                self.problems.add(path, result.line, result.message, result.hint)
            else:
                self.parsed.keep(path, result)
                parsed[path] = result
        return parsed

    def read_file(self, path: Path, every: dict[Path, ParsedFile | None], folder_files: list[str],
                  registry: Registry, stories: dict[str, Story], pages: dict[str, Page]) -> None:
        located = self.where(path)
        parsed = every[path]
        if located is None or parsed is None or parsed.empty:  # an empty file: the story lacks that language
            return
        kind, item_id, lang = located
        if parsed.top_heading_line:
            self.problems.add(path, parsed.top_heading_line, _("a heading with a single # inside the text"),
                              _("The title is the page's only top heading: start subheadings with ## instead."))
        reader = FieldReader(parsed.meta, parsed.lines, path, path.parent, registry, self.timezone, self.problems,
                             self.recordings)
        html = self.safe_html(path, parsed)
        if kind == PAGES_FOLDER:
            reader.check_keys(PAGE_KEYS, "pages")
            translation = Translation(
                lang=lang, source=path, title=reader.text("title", required=True), date=None,
                summary=reader.text("summary"), html=html, slug=item_id,
                status=reader.choice("status", ("published", "draft"), "published"), lines=parsed.lines)
            pages.setdefault(item_id, Page(item_id)).translations[lang] = translation
        else:
            story = stories.get(item_id)
            if story is None:  # the folder's first language file: read its photos once
                story = stories[item_id] = self.new_story(item_id, kind, path.parent, folder_files, every)
            reader.photos = {photo.name: photo for photo in story.photos}
            story.translations[lang] = read_translation(reader, lang, kind, html, self.languages)

    def new_story(self, story_id: str, section: str, folder: Path, files: list[str],
                  every: dict[Path, ParsedFile | None]) -> Story:
        """A story folder (`files`: the names of its files), with its photos read for the
        languages it has text in: from the `photos:` lists of its language files, or from the
        old photos.yml when no file has one."""
        texts = [LanguageFile(lang, path, found.meta, found.lines) for lang in self.languages
                 if (found := every.get(path := folder / layout.text_name(lang))) and not found.empty]
        licences, licence = self.licences
        if "photos.yml" in files and not uses_photo_lists(texts):
            photos = PhotosFile(folder, files, tuple(t.lang for t in texts), licences, licence, self.timezone,
                                self.problems).read()
        else:
            if "photos.yml" in files:
                self.problems.add(folder / "photos.yml", None, _("the photos are described twice: here and under "
                                                                 "photos: in the story's files"),
                                  _("Remove photos.yml: the story's files describe them."))
            photos = PhotoLists(folder, files, texts, licences, licence, self.timezone, self.problems).read()
        return Story(story_id, section, folder, photos=photos)

    def safe_html(self, path: Path, parsed: ParsedFile) -> PackedHtml:
        """The file's HTML through the allow-list; scripts and embeds are problems (see sanitize)."""
        if parsed.unsafe:
            lines = path.read_text(encoding="utf-8").splitlines()
            for part in parsed.unsafe:
                self.problems.add(path, find_line(lines, part.needle, parsed.body_line), part.message, part.hint)
        return parsed.html


def is_public(translation: Translation, now: datetime) -> bool:
    """Published and not embargoed: a draft is never public, whatever its date."""
    return translation.status == "published" and (translation.date is None or translation.date <= now)


def published(items: dict, now: datetime) -> dict:
    """Copies without drafts and embargoed versions, which remember the languages of their drafts
    (a reader is told a version is a draft, not that there is none); items left with no language
    are dropped. An embargoed version is never mentioned."""
    kept = {}
    for item_id, item in items.items():
        public = {lang: t for lang, t in item.translations.items() if is_public(t, now)}
        if public:
            drafts = tuple(lang for lang, t in item.translations.items() if t.status == "draft")
            kept[item_id] = replace(item, translations=public, drafts=drafts)
    return kept
