"""The words editors read, in Kyrgyz or Russian: build problems, questions, reports.

Every sentence shown to an editor (a problem and its hint, a question of
`make new`, a line of the `make check` report, a progress or summary line)
is marked where it is written:

    from portal.localization.editor import _, _n

    problems.add(path, line, _('"%(key)s" is missing', key=key),
                 _("Add a line to the front matter: %(key)s: %(example)s", key=key, example=example))
    _n("%(count)d problem in other files", "%(count)d problems in other files", count)

`_` and `_n` return a `Message`, not text: it is translated when shown, in
the editor's language (`ui_language`), from the `editor` catalogs
(translations/{ky,ru}/LC_MESSAGES/editor.po next to this module, compiled in
memory like the theme's). So a message can be made in a worker process or
kept in the content cache and still be shown in the language of whoever
reads it, and a report can carry both the translation and the msgid (a
stable id for CI). Placeholders are named (`%(name)s`) so a translation can
put them in its own order; a value may itself be a `Message`, or a list
(shown joined with commas) of messages and words; a float is shown with one
decimal, as the language writes numbers (1 000,0 in Kyrgyz and Russian). `_n` picks the plural
form for `count` by the language's rules (Babel's ky and ru).

The editors' words are a domain of their own: they are not the site's
(theme/translations, the `messages` domain), which readers see.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path
from typing import Union

from babel.numbers import format_decimal

from .catalogs import load_translations

DOMAIN = "editor"
CATALOGS = Path(__file__).resolve().parent / "translations"
UI_LANGUAGES = ("ky", "ru")
DEFAULT_LANGUAGE = "ky"
# The msgids as written, for developers and for tests that read them; never chosen from a locale.
SOURCE_LANGUAGE = "en"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set decides


def ui_language(environ: Mapping[str, str] = os.environ) -> str:
    """`PORTAL_UI_LANG` (ky, ru, or en for the msgids); else the locale's language when it is
    Kyrgyz or Russian (ru_RU.UTF-8 → ru); else Kyrgyz, the state language."""
    chosen = environ.get("PORTAL_UI_LANG", "").strip().lower()
    if chosen in (*UI_LANGUAGES, SOURCE_LANGUAGE):
        return chosen
    for variable in LOCALE_VARIABLES:
        if value := environ.get(variable, "").strip():
            language = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return language if language in UI_LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def translations(lang: str) -> NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    return load_translations(CATALOGS, lang, DOMAIN)


Value = Union[str, int, float, "Message", tuple[Union[str, "Message"], ...]]


@dataclass(frozen=True, order=True)
class Message:
    """A marked message and its named values, translated when it is shown (`str()` or `text`)."""

    msgid: str
    plural: str = ""
    count: int = 0
    values: tuple[tuple[str, Value], ...] = ()

    def text(self, lang: str | None = None) -> str:
        """The message in `lang` (the editor's language by default), its values filled in."""
        lang = lang or ui_language()
        catalog = translations(lang)
        template = catalog.ngettext(self.msgid, self.plural, self.count) if self.plural else catalog.gettext(self.msgid)
        if not self.values:
            return template
        return template % {name: _shown(value, lang) for name, value in self.values}

    def __str__(self) -> str:
        return self.text()


def _(msgid: str, **values: object) -> Message:
    """Marks `msgid` (English, with `%(name)s` placeholders) as an editor's message."""
    return Message(msgid, values=_frozen(values))


def _n(singular: str, plural: str, count: int, **values: object) -> Message:
    """Marks a message that shows a number: `%(count)d` is `count`, its form the language's."""
    return Message(singular, plural, count, _frozen({"count": count, **values}))


def _frozen(values: Mapping[str, object]) -> tuple[tuple[str, Value], ...]:
    """Hashable values (problems are deduplicated in sets): numbers and messages as they are, a list
    as a tuple, anything else (a path, a date) as the text it prints as."""
    return tuple(sorted((name, _value(value)) for name, value in values.items()))


def _value(value: object) -> Value:
    if isinstance(value, (list, tuple)):
        return tuple(item if isinstance(item, Message) else str(item) for item in value)
    return value if isinstance(value, (int, float, Message)) else str(value)


def _shown(value: Value, lang: str) -> str | int:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, float):
        return format_decimal(value, format="#,##0.0", locale=lang)
    if isinstance(value, tuple):
        return ", ".join(item.text(lang) if isinstance(item, Message) else item for item in value)
    return value
