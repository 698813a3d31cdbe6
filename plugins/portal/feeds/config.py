"""The feed settings of pelicanconf.py, read and checked once."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
        """A developer's mistake in pelicanconf.py stops the build with what to write."""
        kinds = tuple(settings.get("PORTAL_FEED_KINDS", KINDS))
        formats = tuple(settings.get("PORTAL_FEED_FORMATS", FORMATS))
        authority = str(settings.get("PORTAL_FEED_ID_AUTHORITY", ""))
        max_items = settings.get("PORTAL_FEED_MAX_ITEMS", 50)
        wrong = [f"PORTAL_FEED_KINDS: unknown {k!r} (known: {', '.join(KINDS)})" for k in kinds if k not in KINDS]
        wrong += [f"PORTAL_FEED_FORMATS: unknown {f!r} (known: {', '.join(FORMATS)})"
                  for f in formats if f not in FORMATS]
        if not _AUTHORITY.fullmatch(authority):
            wrong.append(f'PORTAL_FEED_ID_AUTHORITY must look like "meria.kg,2026", not {authority!r}')
        if not isinstance(max_items, int) or max_items < 1:
            wrong.append(f"PORTAL_FEED_MAX_ITEMS must be a positive whole number, not {max_items!r}")
        if wrong:
            raise SystemExit("The feed settings in pelicanconf.py are wrong:\n  " + "\n  ".join(wrong))
        return cls(kinds=kinds, formats=formats, max_items=max_items, id_authority=authority,
                   websub_hub=str(settings.get("PORTAL_WEBSUB_HUB") or ""),
                   podcast_email=str(settings.get("PORTAL_PODCAST_EMAIL") or ""),
                   podcast_artwork=str(settings.get("PORTAL_PODCAST_ARTWORK") or "img/podcast.png"))
