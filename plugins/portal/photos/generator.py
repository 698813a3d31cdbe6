"""The generator that publishes the photos of published stories.

Runs after `StoriesGenerator` (whose `Site` holds only what may be published:
a draft's or an embargoed story's photo is never even read here) and before
`BilingualGenerator`, which renders pages from the `PhotoLibrary` this one
leaves in the context.

`generate_context` finds what the cache lacks, has the worker processes make
it (forked workers on PORTAL_PROCESSES cores), stops the build on a photo that cannot be decoded, builds the
press kits and records what it did in `<cache>/photos/stats.json` (the tests
read it: a second build must decode and encode nothing). `generate_output`
copies the cache's files into the site (Output.copy: never links).

What a story publishes (`StoryPhotos`) is kept in the site folder's state
(portal.core.state): a build that reads only the changed stories
(`Site.changed`) plans only their photos, and the site keeps the others'
files as they are; a build that reads everything, or that lost a story's
record, plans them again (from the cache, decoding nothing).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from itertools import groupby
from pathlib import Path
from typing import NamedTuple

from portal.core import fingerprints, sealed
from portal.core.atomic import atomic_write
from portal.core.context_keys import OUTPUT_KEY, PHOTOS_KEY, SITE_KEY
from portal.core.digests import Digests
from portal.core.machine import MachineGuard
from portal.core.output import Output
from portal.core.problems import BuildStopped, Problems
from portal.core.settings import SiteSettings, licences
from portal.core.state import build_state, story_shard
from portal.localization.editor import _
from portal.stories.model import Photo, Site, Story

from . import cache, press_kit, render
from .library import PhotoLibrary, PressKit, PublishedPhoto, Rendition, StoryPhotos
from .rights import Rights
from .settings import Encoding, RenditionSettings, short_hash

logger = logging.getLogger(__name__)
ORIGINAL_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
CAPTIONS_TEMPLATE = "press_kit.txt"
# Of a photo's name, the bytes its renditions' names keep ("<name>-800.<hash>.webp"): a file name takes
# 255 bytes, a Cyrillic letter two, and the hash keeps two photos whose names start alike apart.
RENDITION_STEM_BYTES = 120
HASHES = "hashes.pickle"  # SHA-256 of sources and cache files, while each file stays the same
STORE = "photos"  # in the site folder's state: each story's published photos (StoryPhotos)


class Made(NamedTuple):
    """A photo's files in the cache: its probe, its cleaned original, and each rendition's width, encoding
    and path."""

    probe: dict
    original: Path
    renditions: list[tuple[int, Encoding, Path]]


class Planned(NamedTuple):
    """A published photo, where its files go in the cache, and what the cache already holds of it."""

    story: Story
    photo: Photo
    entry: Path
    rights: Rights
    made: Made | None


class PhotosGenerator(MachineGuard):
    def generate_context(self) -> None:
        site: Site = self.context[SITE_KEY]
        self.root = SiteSettings.read(self.settings).cache / "photos"
        self.renditions = RenditionSettings.from_settings(self.settings)
        self.licences, _default = licences(self.settings)
        self.digests = Digests(self.root / HASHES)
        salt = fingerprints.of_settings(self.settings) + fingerprints.of_code()
        store = build_state(self.context).shards(STORE, story_shard, salt)
        if site.changed is None or not store.complete:  # every story's photos made (found in the cache) again
            stories = {**site.read(site.ids - site.stories.keys()), **site.stories}
            for story_id in set(store.heads) - set(stories):
                store.drop(story_id)
        else:
            stories = dict(site.stories)
            for story_id in site.changed - stories.keys():  # gone, or no longer shown
                store.drop(story_id)
            stories.update(site.read(site.ids - store.heads.keys() - stories.keys()))  # lost from the state
        published, outcomes = self.publish(stories)
        self.digests.save(whole=site.changed is None)
        for story_id, record in published.items():
            store.put(story_id, record)
        self.fresh = set(published)  # whose files are copied into the site; the others' are kept
        library = PhotoLibrary(mime_order=tuple(e.mime for e in self.renditions.encodings))
        for story_id in site.ids:
            library.add(story_id, store.heads.get(story_id))
        self.record(outcomes, library)
        self.context[PHOTOS_KEY] = library

    def generate_output(self, writer) -> None:
        library: PhotoLibrary = self.context[PHOTOS_KEY]
        output: Output = self.context[OUTPUT_KEY]
        copied: dict[str, str] = {}  # site path: cached file, of the stories this build published
        others: dict[str, str] = {}  # of the others: kept as the last build left them, if they still are
        for story_id, record in library.stories.items():
            (copied if story_id in self.fresh else others).update(record.files)
        kept = output.keep_all(others)
        copied.update((site_path, cached) for site_path, cached in others.items() if site_path not in kept)
        for site_path, cached in copied.items():
            output.copy(site_path, Path(cached))

    def publish(self, stories: dict[str, Story]) -> tuple[dict[str, StoryPhotos | None], list[render.Outcome]]:
        """Each story's published photos and press kit (None without photos), and what was encoded:
        the files the cache lacks are made on every core."""
        planned: list[Planned] = []
        tasks: dict[tuple[Path, str], render.Task] = {}  # two stories may publish the same photo alike
        for story in stories.values():
            for photo in story.photos:
                rights = self.rights(story, photo)
                entry = cache.entry(self.root, self.digests.sha(photo.path))
                files = self.digests.checked(entry)
                made = self.made(entry, rights, photo, files)
                planned.append(Planned(story, photo, entry, rights, made))
                original = cache.original_name(rights, photo.path.suffix)  # its key covers every text written
                if made is None and (entry, original) not in tasks:
                    tasks[entry, original] = render.Task(photo.path, entry, self.renditions, rights, frozenset(files),
                                                         None if original in files else original)
        outcomes = self.work(list(tasks.values()))
        problems = Problems(root=Path.cwd())
        for outcome in outcomes:
            if outcome.error:
                problems.add(outcome.source, None, _('the photo "%(name)s" is damaged and cannot be decoded '
                                                     "(%(reason)s)", name=outcome.source.name, reason=outcome.error),
                             _("Copy or export the photo again (as JPEG) and replace the file."))
        if problems:
            raise BuildStopped(problems)
        made_kits = self.digests.checked(self.root / "kits")
        published: dict[str, StoryPhotos | None] = dict.fromkeys(stories)
        for story_id, members in groupby(planned, key=lambda plan: plan.story.id):
            published[story_id] = self.story_photos(list(members), made_kits)
        return published, outcomes

    # planning -------------------------------------------------------------
    def rights(self, story: Story, photo: Photo) -> Rights:
        """Texts in the story's published languages only: a draft translation's words stay out."""
        languages = [lang for lang in self.context[SITE_KEY].languages if lang in story.translations]
        licence = self.licences[photo.licence]
        return Rights(credit={lang: photo.credit[lang] for lang in languages if lang in photo.credit},
                      licence_name=licence["name"], licence_url=licence["url"],
                      year=(photo.taken or story.date).year, taken=photo.taken,
                      caption={lang: photo.caption[lang] for lang in languages if lang in photo.caption},
                      alt={lang: photo.alt[lang] for lang in languages if lang in photo.alt})

    def made(self, entry: Path, rights: Rights, photo: Photo, files: dict[str, Path]) -> Made | None:
        """What the cache holds of a photo (`files`: its entry's files that are whole, by name), or None
        if it lacks any of it."""
        probe = sealed.load(entry / cache.PROBE)
        original = files.get(cache.original_name(rights, photo.path.suffix))
        if probe is None or original is None:
            return None
        every = cache.renditions(self.renditions, rights, probe["width"])
        wanted = sorted(every, key=lambda rendition: rendition[0])  # narrowest first
        renditions = [(width, encoding, files[name]) for width, encoding, name in wanted if name in files]
        return Made(probe, original, renditions) if len(renditions) == len(wanted) else None

    def work(self, tasks: list[render.Task]) -> list[render.Outcome]:
        """Spread the tasks over PORTAL_PROCESSES cores; one photo per task bounds each worker's memory.

        The workers are forked, as the other pools' are (portal/core/parallel.py), whatever the
        interpreter's default start method (Python 3.14 makes it forkserver on Linux): a spawned
        worker would import Pelican and our plugins again, and find neither on its path."""
        self.processes = min(len(tasks), SiteSettings.read(self.settings).processes) or 1
        if self.processes == 1:
            return [render.run(task) for task in tasks]
        with ProcessPoolExecutor(max_workers=self.processes, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(render.run, tasks))

    # what is published ----------------------------------------------------
    def story_photos(self, planned: list[Planned], made_kits: dict[str, Path]) -> StoryPhotos:
        """One story's published photos, their files and its press kit."""
        story = planned[0].story
        record = StoryPhotos()
        members: list[tuple[Photo, PublishedPhoto, Path]] = []
        for _story, photo, entry, rights, kept in planned:
            made = kept or self.made(entry, rights, photo, self.digests.checked(entry))  # made in this build
            assert made is not None, "every photo was made, or the build stopped"
            probe, original = made.probe, made.original
            folder = f"media/{story.id}"
            published = PublishedPhoto(
                name=photo.name, width=probe["width"], height=probe["height"],
                original=f"{folder}/{photo.name}", original_size=original.stat().st_size,
                original_mime=ORIGINAL_TYPES[probe["format"]], renditions=[], licence_name=rights.licence_name,
                licence_url=rights.licence_url, year=rights.year)
            record.files[published.original] = str(original)
            stem = Path(photo.name).stem.encode()[:RENDITION_STEM_BYTES].decode(errors="ignore")
            for width, encoding, path in made.renditions:
                site_path = f"{folder}/{stem}-{width}.{short_hash(entry.name, path.name)[:10]}{encoding.extension}"
                height = max(1, round(probe["height"] * width / probe["width"]))
                published.renditions.append(Rendition(width, height, encoding.mime, site_path))
                record.files[site_path] = str(path)
            record.photos[photo.name] = published
            members.append((photo, published, original))
        record.kit = self.press_kit(story, members, record, made_kits)
        return record

    def press_kit(self, story: Story, members: list[tuple[Photo, PublishedPhoto, Path]], record: StoryPhotos,
                  made: dict[str, Path]) -> PressKit:
        """The story's press kit (`made`: the kits the cache holds whole, by name without their digest)."""
        files = [(photo.name, original) for photo, _published, original in members]
        captions = self.captions(story, members)
        key = press_kit.key(files, captions)
        zip_path = made.get(f"{key}.zip") or press_kit.build(self.root / "kits" / key, files, captions, story.date)
        _section, year, folder = story.id.split("/")
        name = f"{year}-{folder}-photos.zip"
        site_path = f"media/{story.id}/{name}"
        record.files[site_path] = str(zip_path)
        return PressKit(path=site_path, name=name, size=zip_path.stat().st_size)

    def captions(self, story: Story, members: list[tuple[Photo, PublishedPhoto, Path]]) -> str:
        """The kit's captions.txt: the theme's template, once per published language."""
        template = self.env.get_template(CAPTIONS_TEMPLATE)
        parts = []
        for lang in self.context[SITE_KEY].languages:
            if lang not in story.translations:
                continue
            photos = [{"name": photo.name, "width": published.width, "height": published.height,
                       "caption": photo.caption.get(lang, ""), "alt": photo.alt.get(lang, ""),
                       "credit": photo.credit.get(lang, ""), "taken": photo.taken,
                       "licence": self.licences[photo.licence], "year": (photo.taken or story.date).year}
                      for photo, published, _original in members]
            parts.append(template.render(lang=lang, title=story.translations[lang].title, photos=photos))
        return "\n".join(part.strip() + "\n" for part in parts)

    def record(self, outcomes: list[render.Outcome], library: PhotoLibrary) -> None:
        """What this build did, for people (the log) and for the tests (stats.json)."""
        stats = {"photos": len(library.photos), "kits": len(library.kits), "processes": self.processes,
                 "decoded": sum(o.decoded for o in outcomes), "encoded": sum(o.encoded for o in outcomes)}
        atomic_write(self.root / "stats.json", json.dumps(stats).encode())
        logger.info("Photos: %(photos)d published in %(kits)d press kits; %(decoded)d decoded, "
                    "%(encoded)d files encoded (the rest from the cache)", stats)
