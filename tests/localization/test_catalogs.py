"""Every message the templates mark for translation has a Kyrgyz and a Russian translation."""

from __future__ import annotations

import io
from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from helpers import LANGS, ROOT

TEMPLATES = ROOT / "theme" / "templates"
TRANSLATIONS = ROOT / "theme" / "translations"
DEFAULT_MAPPING = "[jinja2: **.html]\nextensions = jinja2.ext.i18n\ntrim_blocks = True\nlstrip_blocks = True\n"


@cache
def extracted() -> list[tuple[str, int, str | tuple, str | None]]:
    """(file, line, msgid, context) for every message in theme/templates, as babel.cfg extracts them."""
    config = ROOT / "babel.cfg"
    text = config.read_text(encoding="utf-8") if config.is_file() else DEFAULT_MAPPING
    method_map, options_map = parse_mapping_cfg(io.StringIO(text), filename=str(config))
    found = []
    for filename, lineno, message, _comments, context in extract_from_dir(
            str(TEMPLATES), method_map, options_map, keywords={"_": None, "gettext": None,
                                                                "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}):
        found.append((filename, lineno, message, context))
    return found


@cache
def catalog(lang: str):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
    with path.open("rb") as po:
        return read_po(po, locale=lang)


def test_the_templates_have_messages_to_translate():
    assert len(extracted()) >= 20


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated(lang):
    cat = catalog(lang)
    problems = []
    for filename, lineno, message, context in extracted():
        msgid = message[0] if isinstance(message, tuple) else message
        where = f"theme/templates/{filename}:{lineno}"
        entry = cat.get(msgid, context=context)
        if entry is None:
            problems.append(f"{where}: {msgid!r} is not in the {lang} catalog")
        elif entry.fuzzy:
            problems.append(f"{where}: {msgid!r} is fuzzy in the {lang} catalog")
        elif isinstance(message, tuple):
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if not isinstance(entry.id, tuple):
                problems.append(f"{where}: {msgid!r} is plural in the template, singular in the {lang} catalog")
            elif len(forms) != cat.num_plurals or not all(f.strip() for f in forms):
                problems.append(f"{where}: {msgid!r} lacks plural forms in the {lang} catalog: {forms!r}")
        elif not (entry.string or "").strip():
            problems.append(f"{where}: {msgid!r} has an empty translation in the {lang} catalog")
    assert not problems, "\n".join(problems)
