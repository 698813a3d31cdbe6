"""Checks that need more than one file: folders, pairs, URLs and references."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from portal.core.problems import Problems
from portal.localization.editor import _

from . import layout
from .fields import IMAGE_SUFFIXES, as_written
from .model import Attachment, Page, Story, Translation
from .photos_yml import UNPUBLISHABLE_SUFFIXES

if TYPE_CHECKING:
    from .facts import StoryFacts

# What an editor may have saved a story's text as instead of <lang>.md ("ru.md.txt", "RU.MD", "ru.markdown").
TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")


def check_folders(folders: dict[Path, list[str]], content: Path, sections: list[str], pages_folder: str,
                  languages: tuple[str, ...], problems: Problems) -> None:
    """Files the build would pass over without a word: a story's text saved under another name
    than index.<lang>.md while index.<lang>.md is missing, a story or page folder with no text at all (its
    photos would never be published), a photo or file in a page's folder (a page shows its
    text only). (A misnamed .md file is `StoriesGenerator.where`'s.)"""
    wanted = layout.text_names(languages)
    for folder, names in folders.items():
        misnamed = {name: lang for name in names
                    if (lang := _text_language(name, languages)) and layout.text_name(lang) not in names}
        for name, lang in misnamed.items():
            problems.add(folder / name, None,
                         _('"%(name)s" is not read: the %(lang)s text of a story is read from %(file)s', name=name,
                           lang=lang, file=layout.text_name(lang)),
                         _("Rename it to %(file)s.", file=layout.text_name(lang)))
        parts = folder.relative_to(content).parts
        is_page_folder = len(parts) == 2 and parts[0] == pages_folder
        is_story_folder = (len(parts) == 3 and parts[0] in sections) or is_page_folder
        visible = [name for name in names if not name.startswith(".")]
        if is_story_folder and visible and not misnamed and not any(name.endswith(".md") for name in names):
            problems.add(folder, None, _("this folder has no text (%(files)s): nothing in it is published",
                                         files=wanted),
                         _("Add the text as %(files)s (`make new` writes both), or remove the folder.", files=wanted))
        elif is_page_folder:
            for name in visible:
                if not name.endswith(".md") and name not in misnamed:
                    problems.add(folder / name, None, _('"%(name)s" is not published: a page shows its text only',
                                                        name=name),
                                 _("Remove it from the page's folder; a photo or a file goes with a story."))


def _text_language(name: str, languages: tuple[str, ...]) -> str | None:
    """The language a file named like "index.ru.md.txt", "INDEX.RU.MD" or "index.ru.markdown" was meant
    to be the text of. (The old name, ru.md, is `StoriesGenerator.where`'s.)"""
    lower = name.lower()
    if name.startswith(".") or name.endswith(("~", ".md")) or not lower.startswith("index."):
        return None  # hidden, backup, .md, or not a story's text
    lang = lower.split(".", 2)[1].strip()
    return lang if lang in languages and (lower.endswith(TEXT_SUFFIXES) or ".md." in lower) else None


def check_pairs(stories: dict[str, Story], problems: Problems) -> None:
    """The two languages of a story are one story: same publication time."""
    for story in stories.values():
        versions = [t for t in story.translations.values() if t.date]
        for other in versions[1:]:
            first = versions[0]
            if other.date and first.date and other.date != first.date:
                problems.add(other.source, other.lines.get("date"),
                             _('"date" is %(here)s here but %(there)s in %(file)s', here=as_written(other.date),
                               there=as_written(first.date), file=first.source.name),
                             _("Both languages of a story are published together: give them the same date."))


def story_path(url_pattern: str, story: Story, translation: Translation) -> str:
    return url_pattern.format(lang=translation.lang, section=story.section,
                              year=f"{translation.date:%Y}", slug=translation.slug)


def check_unique_urls(stories: dict[str, Story], everyone: dict[str, StoryFacts], content: Path,
                      pages: dict[str, Page], reserved: set[str], problems: Problems) -> None:
    """Two stories may not share an address, and a page may not shadow a list. `stories` are the
    stories read in this build, `everyone` the facts of all (facts.py): a story read now may take
    the address of one that was not."""
    claimed: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for story_id, facts in everyone.items():
        for version in facts.translations.values():
            if version.url:
                claimed[version.url].append((story_id, version.source))
    read = set(stories)
    for url, owners in claimed.items():
        if len(owners) > 1 and read.intersection(story_id for story_id, _source in owners):
            sources = [content / story_id / source for story_id, source in owners]
            for source in sources:
                problems.add(source, None, _("the address /%(url)s is also used by %(others)s", url=url,
                                             others=[other for other in sources if other is not source]),
                             _("Give one of them a different title, or add a line: slug: another-address"))
    for page in pages.values():
        if page.id in reserved:
            for translation in page.translations.values():
                problems.add(translation.source, None,
                             _('a page cannot be called "%(id)s": the site uses that address', id=page.id),
                             _("Rename the page's folder."))


def check_references(stories: dict[str, Story], everyone: dict[str, StoryFacts], problems: Problems) -> None:
    """Coverage and explainer links of the stories read must name story folders that exist (`everyone`)."""
    for story in stories.values():
        for translation in story.translations.values():
            refs: list[tuple[str, str, str | None]] = []
            if translation.event and translation.event.coverage:
                refs.append(("coverage", translation.event.coverage, None))
            if translation.explains:
                refs.append(("explains", translation.explains, "decisions"))
            for key, target, section in refs:
                found = everyone.get(target.strip("/"))
                line = translation.lines.get(key)
                if found is None:
                    problems.add(translation.source, line,
                                 _('"%(key)s" names a story that does not exist: "%(target)s"', key=key, target=target),
                                 _("Write the story's folder path under content/, e.g. news/2026/11-26-bus-lanes"))
                elif section and found.section != section:
                    problems.add(translation.source, line,
                                 _('"%(key)s" must name a decision, not a story of "%(section)s"', key=key,
                                   section=found.section),
                                 _("Write the folder path of a decision, e.g. decisions/2026/11-03-parking-tariffs"))


def check_unused_files(stories: dict[str, Story], folders: dict[Path, list[str]], languages: tuple[str, ...],
                       problems: Problems) -> None:
    """A file in a story's folder that nothing publishes: its editor meant it to be seen (the
    Kyrgyz PDF of a decision beside the Russian one, the film in another format). Photos are
    photo_list's and photos_yml's to check: every one is published. Run once every name a story gives is valid,
    so that a misspelt `document:` is reported once, as itself."""
    captions = [f"captions.{lang}.vtt" for lang in languages]
    for story in stories.values():
        named = {"photos.yml"} | {attachment.name for t in story.translations.values() for attachment in _files(t)}
        for name in folders.get(story.folder, ()):
            if name.startswith(".") or name.endswith(".md") or name in named or \
                    Path(name).suffix.lower() in IMAGE_SUFFIXES + UNPUBLISHABLE_SUFFIXES:
                continue
            problems.add(story.folder / name, None, _('"%(name)s" is not published: the story does not name it',
                                                      name=name),
                         _("Name it in the story (document: for a decision, video: or audio: for a recording; "
                           "a video's captions are %(captions)s), or remove it from the folder.", captions=captions))


def _files(translation: Translation) -> list[Attachment]:
    """Every file a translation names: a decision's document, a recording and its captions."""
    files = [translation.decision.document] if translation.decision else []
    if translation.media:
        files += [translation.media.file] if translation.media.file else []
        files += translation.media.captions.values()
    return files
