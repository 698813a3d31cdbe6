"""The scripts the admin page reads besides Decap's bundle and admin/: made from the build's own tables.

Served by `make edit` (workflow/editor.py) and written into the site when
PORTAL_CMS is set (generator.py), so both admin pages check the same rules.
"""

from __future__ import annotations

import json
from pathlib import Path

from portal.localization.editor import _
from portal.stories import slugs

from .config import LANGUAGES, pane_rules

DECAP_BUNDLE = Path("node_modules/decap-cms/dist")  # from npm, pinned by package-lock.json


def slugs_script() -> bytes:
    """The letters and the longest slug of plugins/portal/stories/slugs.py, for admin/start.js: a new
    story's folder gets the name its address will have, from one table."""
    table = {"letters": slugs.LETTERS, "maxLength": slugs.MAX_LENGTH}
    return f"window.PORTAL_SLUGS = {json.dumps(table, ensure_ascii=False)};\n".encode()


def form_script(data: Path, lang: str, licences: dict) -> bytes:
    """For admin/start.js: the required fields of each collection (Decap checks only the first pane,
    start.js checks each pane that is written), and its refusals, in the editor's language."""
    words = {
        "nothing": _("Nothing is written yet: fill in the Kyrgyz side, the Russian side, or both.").text(lang),
        "missing": {"ky": _("In the Kyrgyz text, fill in: %(fields)s.").text(lang),
                    "ru": _("In the Russian text, fill in: %(fields)s.").text(lang)},
        "item": _("%(list)s no. %(number)s: %(field)s").text(lang),
    }
    table = {"languages": LANGUAGES, "rules": pane_rules(data, lang, licences), "words": words}
    return f"window.PORTAL_FORM = {json.dumps(table, ensure_ascii=False)};\n".encode()
