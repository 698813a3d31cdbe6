"""The generator that reads content/ into the validated model, reading again only what changed.

Signals: `get_generators` adds `StoriesGenerator`, which runs before the
generators that write and leaves a `Site` in the shared context under
`PORTAL_SITE`: only what may be published, or, with the setting
`PORTAL_PREVIEW` (the `preview` task, never a public build), drafts and
embargoed stories too. A story folder's photos are read with its first
language file (from every language file's `photos:`, see photo_list.py).

A build lists content/ (portal.core.inputs) and compares each story
folder's stamp with the one the last build of the same site folder kept
(facts.py, in its state: portal.core.state). It reads the folders that
changed, those the clock changed (an embargo lifted) and their neighbours
(the stories they name or that name them); `Site.stories` holds those, and
`Site.changed` says which stories' derived files (photos, views, pages)
must be made again. With other code, settings, registries or a permalink
lock edited by hand, it reads every folder (`Site.changed` is None).
Checks that need more than one story (one address per story, stories that
name each other) run against the kept facts of the others.

Parsed files (front matter, HTML through the allow-list sanitizer) are kept
by folder in `<CACHE_PATH>/parsed/`, under the folder's stamp and the
parser itself (MarkdownConverter.identity: the parsing code and the
footnotes' words from the theme's catalogs, so a cache made before a change
to the sanitizer cannot bring its old HTML back); they serve a build that
reads every folder. Files to parse are parsed on every core (see
parallel.py).
"""

from __future__ import annotations

import difflib
import pickle
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from portal.core import fingerprints
from portal.core.clock import Clock
from portal.core.context_keys import CLOCK_KEY, SITE_KEY
from portal.core.inputs import UNSETTLED, Folder, listing
from portal.core.machine import MachineGuard
from portal.core.memory import settle
from portal.core.parallel import split
from portal.core.problems import BuildStopped, Problems
from portal.core.settings import SiteSettings, licences
from portal.core.state import Shards, build_state, story_shard
from portal.localization.catalogs import load_translations
from portal.localization.editor import _

from . import layout, validate
from .facts import StoryFacts, facts_of, neighbours
from .fields import PAGE_KEYS, FieldReader, read_translation
from .model import Page, Site, Story, Translation
from .names import LINK, check_letters, check_links
from .packed import PackedHtml
from .permalinks import PermalinkLock
from .photo_list import LanguageFile, PhotoLists, uses_photo_lists
from .photos_yml import PhotosFile
from .reading import FOOTNOTE_BACKLINK, PAGES_FOLDER, MarkdownConverter, ParsedFile, Unreadable
from .recordings import Verdicts
from .registry import Registry, load_registry
from .sanitize import find_line

PARSED = "parsed"  # in the cache folder: each folder's parsed files, by stamp (shared by every site folder)
FACTS = "stories"  # in the site folder's state: each story folder's facts
KEPT = "stories-kept"  # in the state: the permalink lock's digest and the clock, as the last build left them
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
        self.problems = Problems(root=Path.cwd())

    def generate_context(self) -> None:
        data_dir, cache_dir = self.site_settings.data, self.site_settings.cache
        check_links(data_dir, self.problems)
        registry = load_registry(data_dir, self.languages, self.problems)
        self.sections = list(registry.sections)
        self.sections_unreadable = "sections" in registry.unreadable  # then where() blames no folder
        state = build_state(self.context)
        now = self.site_settings.clock()
        clock = self.context[CLOCK_KEY] = Clock(now)
        folders = listing(self.content_root)
        lock = PermalinkLock(data_dir / "permalinks.yml", cache_dir, self.problems)
        salt = fingerprints.of_settings(self.settings) + fingerprints.of_code() + \
            fingerprints.of_value(registry, "the registries")
        facts = state.shards(FACTS, story_shard, salt)
        kept = state.load(KEPT) or {}
        parsed = state.shards(PARSED, story_shard, self.converter.identity.encode(), folder=cache_dir / PARSED)
        stories_now = {folder_id: f for folder_id, f in folders.items() if self.is_story_folder(folder_id)}
        gone = set(facts.heads) - set(stories_now)
        everything = not state.trusted or facts.stale or kept.get("lock") != lock.digest or kept.get("now", now) > now
        if everything:
            to_read = set(stories_now)
        else:
            to_read = {story_id for story_id, f in stories_now.items()
                       if (old := facts.heads.get(story_id)) is None or old.stamp != f.stamp or f.stamp == UNSETTLED
                       or (old.moment is not None and old.moment <= now)}
        self.recordings = Verdicts(cache_dir)
        preview = self.site_settings.preview

        def facts_of_read(read: dict[str, Story]) -> dict[str, StoryFacts]:
            return {story_id: facts_of(story, stories_now[story_id].stamp, self.site_settings.story_url, now,
                                       preview or any(is_public(t, now) for t in story.translations.values()))
                    for story_id, story in read.items()}

        stories, pages = self.read(sorted(to_read), folders, parsed, registry)
        gone |= to_read - stories.keys()  # a story folder left with no text (its problem, if any, stops the build)
        lock.apply(stories)
        current = {**facts.heads, **facts_of_read(stories)}
        for story_id in gone:
            current.pop(story_id, None)
        if not everything:
            more = neighbours(to_read | gone, facts.heads, current) - to_read
            extra, _pages = self.read(sorted(more), folders, parsed, registry, pages=False) if more else ({}, {})
            lock.apply(extra)
            stories.update(extra)
            current.update(facts_of_read(extra))
            to_read |= more
        new_facts = {story_id: current[story_id] for story_id in stories}
        self.validate(stories, pages, current, registry, folders)
        self.recordings.save(whole=everything)
        public = published(stories, now)
        lock.record(public)
        for story_id in gone:
            facts.drop(story_id)
        for story_id, story_facts in new_facts.items():
            facts.put(story_id, story_facts)
        state.keep(KEPT, {"lock": lock.digest, "now": now})
        for story_facts in current.values():
            clock.changes_at(story_facts.moment)
        self.context[SITE_KEY] = Site(
            registry=registry,
            stories=stories if preview else public,
            pages=pages if preview else published(pages, now),
            languages=self.languages,
            now=now,
            changed=None if everything else frozenset(to_read | gone),
            ids=frozenset(story_id for story_id, story_facts in current.items() if story_facts.shown),
            read=lambda ids: self.read_more(ids, folders, parsed, registry, lock, now),
        )
        settle()  # the model and the stories' facts live as long as the build

    def read_more(self, story_ids, folders: dict[str, Folder], parsed: Shards, registry: Registry,
                  lock: PermalinkLock, now: datetime) -> dict[str, Story]:
        """Story folders this build did not read, for a plugin that lost what it had kept of them:
        unchanged since the last build, which checked them."""
        stories, _pages = self.read(sorted(story_ids), folders, parsed, registry, pages=False)
        if self.problems:
            raise BuildStopped(self.problems)
        lock.apply(stories)
        return stories if self.site_settings.preview else published(stories, now)

    def is_story_folder(self, folder_id: str) -> bool:
        parts = folder_id.split("/")
        return len(parts) == 3 and parts[0] in self.sections

    def read(self, story_ids: list[str], folders: dict[str, Folder], parsed: Shards, registry: Registry,
             pages: bool = True) -> tuple[dict[str, Story], dict[str, Page]]:
        """Read these story folders, and (with `pages`) the standing pages and any Markdown file outside a
        story folder, which `where` reports."""
        wanted = set(story_ids)
        if pages:
            wanted |= {folder_id for folder_id in folders if not self.is_story_folder(folder_id)}
        chosen = {folder_id: folders[folder_id] for folder_id in sorted(wanted)}
        self.check_names(chosen)
        validate.check_folders({self.content_root / folder_id: list(f.names) for folder_id, f in chosen.items()},
                               self.content_root, self.sections, PAGES_FOLDER, self.languages, self.problems)
        paths = [self.content_root / folder_id / name for folder_id, f in chosen.items() for name in f.names
                 if name.endswith(".md")]
        texts = self.parse(paths, chosen, parsed)
        stories: dict[str, Story] = {}
        read_pages: dict[str, Page] = {}
        for path in paths:
            folder_id = path.parent.relative_to(self.content_root).as_posix()
            self.read_file(path, texts, list(chosen[folder_id].names), registry, stories, read_pages)
        return stories, read_pages

    def check_names(self, folders: dict[str, Folder]) -> None:
        """Symbolic links in these folders, and names that mix look-alike letters (names.py): problems."""
        for folder_id, folder in folders.items():
            path = self.content_root / folder_id
            for name in folder.links:
                self.problems.add(path / name, None, *LINK)
            if folder_id and not path.name.isascii():
                check_letters(path, self.problems)
            for name in folder.names:
                if not name.isascii():
                    check_letters(path / name, self.problems)

    def validate(self, stories: dict[str, Story], pages: dict[str, Page], current: dict[str, StoryFacts],
                 registry: Registry, folders: dict[str, Folder]) -> None:
        """The checks that need more than one file: for the stories read, against the facts of all."""
        validate.check_pairs(stories, self.problems)
        validate.check_unique_urls(stories, current, self.content_root, pages, RESERVED_PATHS | set(registry.sections),
                                   self.problems)
        validate.check_references(stories, current, self.problems)
        if not self.problems:  # an unused file is told from a misnamed one once every name is valid
            validate.check_unused_files(stories, {story.folder: list(folders[story_id].names)
                                                  for story_id, story in stories.items()},
                                        self.languages, self.problems)
        if self.problems:
            raise BuildStopped(self.problems)

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

    def parse(self, paths: list[Path], folders: dict[str, Folder], parsed: Shards) -> dict[Path, ParsedFile | None]:
        """Each file parsed: kept from a build that read its folder as it is, else anew on every core
        (and then kept); None for a file that cannot be parsed, reported as a problem."""
        found: dict[Path, ParsedFile | None] = {}
        by_folder: dict[str, list[Path]] = {}
        for path in paths:
            by_folder.setdefault(path.parent.relative_to(self.content_root).as_posix(), []).append(path)
        missing: list[Path] = []
        for folder_id, members in by_folder.items():
            stamp = folders[folder_id].stamp
            body = parsed.body(folder_id) if stamp != UNSETTLED and parsed.heads.get(folder_id) == stamp else None
            known = pickle.loads(body) if body else {}
            for path in members:
                found[path] = known.get(path.name)
                if found[path] is None:
                    missing.append(path)
        for path, result in zip(missing, split(missing, self.converter.parse_file, self.site_settings.processes),
                                strict=True):
            if isinstance(result, Unreadable):
                self.problems.add(path, result.line, result.message, result.hint)
            else:
                found[path] = result
        for folder_id in {path.parent.relative_to(self.content_root).as_posix() for path in missing}:
            made = {path.name: found[path] for path in by_folder[folder_id]}
            if folders[folder_id].stamp != UNSETTLED and None not in made.values():
                parsed.put(folder_id, folders[folder_id].stamp, pickle.dumps(made, pickle.HIGHEST_PROTOCOL))
        parsed.spill()  # not read again by this build: out of memory until the cache is written
        return found

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
