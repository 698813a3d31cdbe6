"""The words the feeds plugin writes from Python are translated like the templates' messages."""

from __future__ import annotations

import re

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from helpers import LANGS, ROOT

TEXTS = ROOT / "plugins" / "portal" / "feeds" / "texts.py"


def messages() -> list[str]:
    found = extract_from_file("python", TEXTS, keywords={"N_": None})
    return [message for _line, message, _comments, _context in found]


def test_the_plugin_has_words_to_translate():
    assert len(messages()) >= 10


@pytest.mark.parametrize("lang", LANGS)
def test_every_feed_word_is_translated_keeping_its_placeholders(lang):
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    problems = []
    for msgid in messages():
        entry = catalog.get(msgid)
        if entry is None or entry.fuzzy or not entry.string.strip():
            problems.append(f"{msgid!r} is not translated in the {lang} catalog")
        elif re.findall(r"%\(\w+\)s", msgid) != re.findall(r"%\(\w+\)s", entry.string):
            problems.append(f"{msgid!r}: the {lang} translation lost a placeholder")
    assert not problems, "\n".join(problems)
