"""Copy the files published stories refer to into /media/<story id>/.

Only files that a published translation names are copied: a PDF or a video
of an embargoed or draft story never reaches the output. Photos are not
copied here: the photos plugin publishes them cleaned of their metadata.
"""

from __future__ import annotations

from stories.model import Attachment, Site, Translation

from .output import Output


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


def copy_media(site: Site, output: Output) -> None:
    """Copy each file, or link it from the previous site if it did not change."""
    for story in site.stories.values():
        for attachment in {a.path: a for t in story.translations.values() for a in referenced(t)}.values():
            output.copy(f"media/{story.id}/{attachment.name}", attachment.path)
