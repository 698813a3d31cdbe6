"""The digest's two languages, and the short dates each language's press writes.

Words are not here: everything the press office reads, in the terminal and
in the digest, is marked with portal.localization.editor's `_`/`_n` and
translated in the editors' catalogs (editor.po), as the portal's other
commands are. The terminal speaks the editor's language (`ui_language`:
PORTAL_UI_LANG=ky|ru, else the locale's, else Kyrgyz); the digest has a
page in each language.
"""

from __future__ import annotations

LANGUAGES = ("ky", "ru")
# Babel patterns the languages' press writes short dates in: «27-ноя.», «27 нояб.» (long ones: the
# localization plugin's format_date)
SHORT_DATE = {"ky": "d-MMM", "ru": "d MMM"}
WEEKDAY_DATE = {"ky": "EEEE, d-MMMM", "ru": "EEEE, d MMMM"}
