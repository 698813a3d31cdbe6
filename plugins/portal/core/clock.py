"""The build's clock: its now, and the next moment at which the clock alone would change the site.

Embargoes lift, events end, a story leaves the news sitemap, the footer's
year turns: a site built at one moment is not the site of a later one. Each
plugin whose output follows the clock says when it next changes
(`changes_at`); `next` is the first of those moments, until which a build
with nothing else changed would make the same site (workflow.manifest).
"""

from __future__ import annotations

from datetime import datetime


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now
        self.next: datetime | None = None
        self.changes_at(now.replace(year=now.year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0))

    def changes_at(self, moment: datetime | None) -> None:
        """The site changes at `moment` (ignored unless it is later than now)."""
        if moment is not None and moment > self.now and (self.next is None or moment < self.next):
            self.next = moment
