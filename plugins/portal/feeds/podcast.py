"""The audio library as a podcast, and the video library as a video feed.

Both are RSS 2.0 whose enclosure is the recording or the video itself (the
story feeds enclose the photo). The podcast carries Apple's iTunes tags:
artwork, category, explicit flag, owner, and each episode's duration. The
video feed is Media RSS: a self-hosted video is enclosed, a video hosted
elsewhere is linked with `media:player`, and the poster is `media:thumbnail`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalog import Feed
from .items import FeedItem
from .rss import CONTENT, MEDIA, NAMESPACES, channel, child, enclosure, item_head, media_content, serialize

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CATEGORY = "Government"  # Apple's category list: a city hall's own podcast


@dataclass(frozen=True)
class Show:
    """What a podcast app shows about the publisher besides its name."""

    artwork: str  # absolute URL of a square 1400–3000 px PNG/JPEG
    email: str  # the owner's address Apple writes to ("" to leave it out)


def podcast_feed(feed: Feed, items: list[FeedItem], hub: str, show: Show) -> bytes:
    rss = channel(feed, "podcast", items, hub, {**NAMESPACES, "itunes": ITUNES})
    ch = rss[0]
    child(ch, f"{{{ITUNES}}}author", feed.site_name)
    if show.email:
        owner = child(ch, f"{{{ITUNES}}}owner")
        child(owner, f"{{{ITUNES}}}name", feed.site_name)
        child(owner, f"{{{ITUNES}}}email", show.email)
    child(ch, f"{{{ITUNES}}}image", href=show.artwork)
    image = child(ch, "image")
    child(image, "url", show.artwork)
    child(image, "title", feed.title)
    child(image, "link", feed.page_url)
    child(ch, f"{{{ITUNES}}}category", text=CATEGORY)
    child(ch, f"{{{ITUNES}}}explicit", "false")
    child(ch, f"{{{ITUNES}}}type", "episodic")
    for item in items:
        recording = item.recording
        assert recording is not None, "the podcast lists stories with a recording only"
        element = item_head(ch, item)
        enclosure(element, recording)
        if recording.duration is not None:
            child(element, f"{{{ITUNES}}}duration", str(recording.duration))
        child(element, f"{{{ITUNES}}}episodeType", "full")
        child(element, f"{{{ITUNES}}}explicit", "false")
        if item.image:
            child(element, f"{{{ITUNES}}}image", href=item.image.file.url)
    return serialize(rss)


def video_feed(feed: Feed, items: list[FeedItem], hub: str) -> bytes:
    rss = channel(feed, "video", items, hub, {"atom": NAMESPACES["atom"], "content": CONTENT, "media": MEDIA})
    ch = rss[0]
    for item in items:
        element = item_head(ch, item)
        if item.recording:
            enclosure(element, item.recording)
            media_content(element, item.recording)
        elif item.external_video:
            child(element, f"{{{MEDIA}}}player", url=item.external_video)
        if item.image:
            child(element, f"{{{MEDIA}}}thumbnail", url=item.image.file.url,
                  width=str(item.image.width) if item.image.width else None,
                  height=str(item.image.height) if item.image.height else None)
    return serialize(rss)
