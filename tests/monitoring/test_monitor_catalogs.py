"""Every word of monitoring (its pages, its terminal lines) exists in Kyrgyz and Russian.

data/outlets.yml's problems are build problems: tests/localization/test_editor_messages.py checks them."""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from helpers import LANGS, ROOT

MONITORING = ROOT / "monitoring"


@cache
def extracted() -> list[tuple[str, int, str]]:
    """(file, line, msgid) of every message in monitoring/, as monitoring/babel.cfg extracts them."""
    config = MONITORING / "babel.cfg"
    method_map, options_map = parse_mapping_cfg(io.StringIO(config.read_text(encoding="utf-8")), str(config))
    return [(name, line, message if isinstance(message, str) else message[0])
            for name, line, message, _comments, _context in extract_from_dir(str(MONITORING), method_map, options_map)]


def test_python_and_templates_are_both_extracted():
    files = {name.split("/")[0] for name, _line, _message in extracted()}
    assert {"run.py", "templates"} <= files, files


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    with (MONITORING / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=lang)
    problems = []
    for name, line, msgid in extracted():
        entry = catalog.get(msgid)
        if entry is None or entry.fuzzy or not str(entry.string).strip():
            problems.append(f"monitoring/{name}:{line}: {msgid!r} has no {lang} translation")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_written_twice(lang):
    """Catalogs merge by union (.gitattributes): two helpers' branches may both add a message."""
    text = (MONITORING / "translations" / lang / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    ids = re.findall(r'^msgid (".*"(?:\n".*")*)', text, re.M)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
