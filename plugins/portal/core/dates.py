"""Dates as editors write them (front matter, photos) and as the embargo clock PORTAL_NOW is set:
one parser, so `make new` and the build accept the same values."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

DATETIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")


def parse_datetime(raw: str, timezone: ZoneInfo) -> datetime | None:
    """Editors write Bishkek local time (`timezone`); an explicit offset is honoured too. None: not a date."""
    raw = raw.strip()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        moment = None
        for pattern in DATETIME_FORMATS:  # strptime also takes an hour of one digit: 2026-11-26 9:30
            try:
                moment = datetime.strptime(raw, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone) if moment.tzinfo is None else moment.astimezone(timezone)
