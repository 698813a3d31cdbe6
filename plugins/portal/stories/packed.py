"""A story's HTML, kept compressed from the parser to the page.

Every story's text is held for the whole build (the model, then the views),
but each is read a few times: on its own page, in a few feeds, in its search
record. Compressed, the texts take about a third of the memory (0.35 for
the sample stories' HTML; Cyrillic is two bytes a character either way), forked workers share fewer pages, and the
content cache is smaller to write and read. A template shows it with
`{{ story.content|safe }}` (markupsafe calls `__html__`); code that needs
the text calls `str()`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

LEVEL = 6  # zlib's default


@dataclass(frozen=True, slots=True)
class PackedHtml:
    """HTML as zlib-compressed UTF-8. Equal HTML gives equal bytes (the same zlib), so
    `data` also serves as what a page's fingerprint counts (pages.digests.ViewDigests)."""

    data: bytes

    @classmethod
    def pack(cls, html: str) -> PackedHtml:
        return cls(zlib.compress(html.encode("utf-8"), LEVEL))

    def __str__(self) -> str:
        return zlib.decompress(self.data).decode("utf-8")

    def __html__(self) -> str:
        return str(self)
