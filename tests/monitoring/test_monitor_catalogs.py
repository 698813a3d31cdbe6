"""Every word of monitoring (its pages, its terminal lines, its outlets.yml problems) is an editor's message.

tests/localization/test_editor_messages.py checks that every marked message
has its Kyrgyz and Russian translation in editor.po and that monitoring's
code hands no unmarked sentence to the terminal; this checks that the
extraction it relies on sees monitoring's Python and its digest's templates.
"""

from __future__ import annotations

from helpers import ROOT
from portal.localization.editor import _
from portal.localization.editor_catalogs import marked


def test_python_and_templates_are_both_extracted():
    found = {m.msgid: m.file for m in marked(ROOT) if m.file.startswith("monitoring/")}
    files = {file.split("/")[1] for file in found.values()}
    assert {"run.py", "outlets.py", "charts.py", "templates"} <= files, files
    assert found["Stories of the day"].startswith("monitoring/templates/")


def test_the_digests_words_are_translated_into_both_languages():
    assert _("Stories of the day").text("ru") == "Темы дня"
    assert _("Stories of the day").text("ky") not in ("", "Stories of the day")
