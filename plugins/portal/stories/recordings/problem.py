"""What can be wrong with a recording, as the readers of each format raise it."""

from __future__ import annotations

from portal.localization.editor import Message


class Unplayable(Exception):
    """The file cannot be published as it is (`detail`: what a damaged file's reader found, in the
    editor's words; the problem that names the file is worded by portal.stories.fields)."""

    def __init__(self, detail: Message | None = None) -> None:
        super().__init__(detail.text("en") if detail else "cut short")
        self.detail = detail


class CutShort(Unplayable):
    def __init__(self) -> None:
        super().__init__(None)


class Damaged(Unplayable):
    def __init__(self, detail: Message) -> None:
        super().__init__(detail)
