"""What can be wrong with a recording, as the readers of each format raise it."""

from __future__ import annotations


class Unplayable(Exception):
    """The file cannot be published as it is; `str()` completes "the video "x.mp4" …"."""


class CutShort(Unplayable):
    def __init__(self) -> None:
        super().__init__("is cut short: the file ends before the recording does")


class Damaged(Unplayable):
    def __init__(self, detail: str) -> None:
        super().__init__(f"is damaged ({detail})")
