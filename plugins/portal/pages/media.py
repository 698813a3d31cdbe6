"""Copy the files pages refer to: the stories' into /media/<story id>/, the theme's into /theme/.

Only files that a published translation names are copied: a PDF or a video
of an embargoed or draft story never reaches the output. Photos are not
copied here: the photos plugin publishes them cleaned of their metadata.
The theme's static files (and its root/ files) are copied here rather than
by Pelican, which would rewrite each of them in every build.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from portal.core.output import Output
from portal.stories.model import Attachment, Story, Translation

from .urls import THEME_FOLDER

if TYPE_CHECKING:
    from .resolve import Resolver


def referenced(translation: Translation) -> list[Attachment]:
    files = []
    if translation.decision:
        files.append(translation.decision.document)
    if translation.media:
        if translation.media.file:
            files.append(translation.media.file)
        if translation.lang in translation.media.captions:  # each published language brings its own
            files.append(translation.media.captions[translation.lang])
    return files


def published_files(story: Story) -> list[tuple[str, Path]]:
    """(site path, source) of each file the story's published translations name."""
    files = {a.path: a for t in story.translations.values() for a in referenced(t)}
    return [(f"media/{story.id}/{attachment.name}", attachment.path) for attachment in files.values()]


def copy_media(resolver: Resolver, output: Output) -> None:
    """Copy each file of the stories this build read, or keep the site's copy if the file did not
    change; keep the other stories' files as the last build left them."""
    site = resolver.site
    for story in site.stories.values():
        for name, source in published_files(story):
            output.copy(name, source)
    output.keep_all(name for lang in site.languages for summary in resolver.summaries(lang)
                    if summary.id not in site.stories for name in summary.files)


def copy_theme(theme: Path, output: Output) -> None:
    """The theme's static files (CSS, scripts, images) under /theme/, and its root/ files at the
    site's root, where browsers and crawlers ask for them unlinked (/favicon.ico)."""
    for folder, prefix in ((theme / "static", f"{THEME_FOLDER}/"), (theme / "root", "")):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            output.copy(f"{prefix}{path.relative_to(folder).as_posix()}", path)
