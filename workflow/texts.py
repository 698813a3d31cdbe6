"""The words of the live preview and the browser editor's terminal lines, in Kyrgyz and Russian.

The editor's language is PORTAL_UI_LANG (ky or ru), else the locale's, else
Kyrgyz. These words wait to move into the gettext catalogs that carry every
other editor-facing message (issue 15); they are kept in one place until then.
"""

from __future__ import annotations

import os

LANGUAGES = ("ky", "ru")
WORDS = {
    "ky": {
        "not_built": "Сайт курулган жок",
        "fix_and_save": "Төмөндө көрсөтүлгөн файлды оңдоп, сактаңыз: бул барак өзү жаңыланат.",
        "serving": "Сайт: {url} (токтотуу: Ctrl+C)",
        "previewing": "Алдын ала көрүү (окурмандар көрбөйт): {url} (токтотуу: Ctrl+C)",
        "editing": "Редакция: браузерде ушул даректи ачыңыз: {url} (токтотуу: Ctrl+C)",
    },
    "ru": {
        "not_built": "Сайт не собран",
        "fix_and_save": "Исправьте указанный ниже файл и сохраните: страница обновится сама.",
        "serving": "Сайт: {url} (остановить: Ctrl+C)",
        "previewing": "Предпросмотр (читатели его не видят): {url} (остановить: Ctrl+C)",
        "editing": "Редакция: откройте в браузере этот адрес: {url} (остановить: Ctrl+C)",
    },
}


def ui_language() -> str:
    """ky or ru: PORTAL_UI_LANG, else the locale's language, else Kyrgyz."""
    chosen = os.environ.get("PORTAL_UI_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        language = os.environ.get(variable, "")[:2].lower()
        if language in LANGUAGES:
            return language
    return LANGUAGES[0]


def words(lang: str) -> dict[str, str]:
    return WORDS[lang]
