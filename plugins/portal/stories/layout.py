"""How a story folder names its files: `index.ky.md`, `index.ru.md` (one per language).

The browser editor (Decap CMS) writes a bilingual entry as `<path>.<locale>.md`,
so a story's texts are `index.<lang>.md` in its folder, like Hugo's page
bundles. Everything that names or recognises a language file goes through here.
"""

from __future__ import annotations

import re

TEXT = "index.{lang}.md"
_TEXT = re.compile(r"index\.([a-z]{2})\.md")
_OLD_TEXT = re.compile(r"([a-z]{2})\.md")  # the layout before the browser editor: ky.md, ru.md


def text_name(lang: str) -> str:
    """The file name of a story's text in `lang`: index.ky.md."""
    return TEXT.format(lang=lang)


def text_language(name: str) -> str | None:
    """"ky" for index.ky.md; None for any other name."""
    match = _TEXT.fullmatch(name)
    return match.group(1) if match else None


def old_text_language(name: str) -> str | None:
    """"ky" for ky.md, the name a story's text had before index.ky.md."""
    match = _OLD_TEXT.fullmatch(name)
    return match.group(1) if match else None


def text_names(languages: tuple[str, ...] | list[str]) -> list[str]:
    """[index.ky.md, index.ru.md]: for messages (a marked message shows a list joined with commas)."""
    return [text_name(lang) for lang in languages]
