"""The feed settings, read and checked once (their defaults: portal/core/settings.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.core.settings import BadSetting, text, texts, value, whole_number

KINDS = ("all", "sections", "officials", "units", "topics", "podcast", "video", "calendar")
FORMATS = ("rss", "atom", "json")
# RFC 4151: tag:<DNS name or e-mail>,<YYYY[-MM[-DD]]>
_AUTHORITY = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?(@[a-z0-9.-]+)?,\d{4}(-\d{2}(-\d{2})?)?")


@dataclass(frozen=True)
class FeedSettings:
    kinds: tuple[str, ...]
    formats: tuple[str, ...]
    max_items: int
    id_authority: str
    websub_hub: str
    podcast_email: str
    podcast_artwork: str  # path under the theme's static files

    @classmethod
    def read(cls, settings: dict) -> FeedSettings:
        """A developer's mistake in the settings stops the build with what to write (`BadSetting`)."""
        authority = text(settings, "PORTAL_FEED_ID_AUTHORITY", '"meria.kg,2026"')
        if not _AUTHORITY.fullmatch(authority):
            raise BadSetting("PORTAL_FEED_ID_AUTHORITY", f"must be a domain and a year, not {authority!r}",
                             '"meria.kg,2026"')
        return cls(kinds=texts(settings, "PORTAL_FEED_KINDS", KINDS),
                   formats=texts(settings, "PORTAL_FEED_FORMATS", FORMATS),
                   max_items=whole_number(settings, "PORTAL_FEED_MAX_ITEMS"), id_authority=authority,
                   websub_hub=str(value(settings, "PORTAL_WEBSUB_HUB") or ""),
                   podcast_email=str(value(settings, "PORTAL_PODCAST_EMAIL") or ""),
                   podcast_artwork=text(settings, "PORTAL_PODCAST_ARTWORK", '"img/podcast.png"'))
