"""The words the department reads, in Kyrgyz or Russian, from monitoring's own gettext catalogs.

The digest's pages and the terminal lines of `make monitor` share the
catalogs in monitoring/translations/{ky,ru} (compiled in memory, like the
theme's: see the localization plugin; extracted with monitoring/babel.cfg).
The terminal speaks the editor's language, as the editors' other commands
do (portal.localization.editor.ui_language: PORTAL_UI_LANG=ky|ru, else the
locale's, else Kyrgyz). data/outlets.yml's problems are build problems like
any other: marked with portal.localization.editor's `_`, in the editor catalogs.
"""

from __future__ import annotations

from pathlib import Path

from babel.support import Translations

from portal.localization.catalogs import load_translations

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("ky", "ru")
# Babel patterns the languages' press writes short dates in: «27-ноя.», «27 нояб.» (long ones: the
# localization plugin's format_date)
SHORT_DATE = {"ky": "d-MMM", "ru": "d MMM"}
WEEKDAY_DATE = {"ky": "EEEE, d-MMMM", "ru": "EEEE, d MMMM"}


def translations(lang: str) -> Translations:
    """Monitoring's catalog for `lang` (`.gettext`, `.ngettext`)."""
    return load_translations(TRANSLATIONS, lang)
