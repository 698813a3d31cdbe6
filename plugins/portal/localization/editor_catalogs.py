"""Keeping the editor catalogs whole: every marked message, and only those, in ky and ru.

`marked` extracts the msgids that the code marks with `_` and `_n` (Babel's
Python extractor, over plugins/, workflow/, monitoring/ and tasks.py, and
Jinja's over media monitoring's digest, monitoring/templates/, whose
readers are the press office too); `update` appends
the new ones, untranslated, at the end of each catalog and drops those no
code marks any more (`make messages`). Appending, rather than rewriting the
file in order, keeps two helpers' additions apart when git merges the
catalogs by union (.gitattributes). tests/localization/test_editor_messages.py
fails while a message lacks a translation.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import denormalize, read_po, write_po

from .catalogs import catalog_path
from .editor import CATALOGS, DOMAIN, UI_LANGUAGES

KEYWORDS = {"_": None, "_n": (1, 2)}
SOURCES = ("plugins", "workflow", "monitoring", "tasks.py")  # relative to the project root
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


@dataclass(frozen=True)
class Marked:
    file: str  # relative to the project root
    line: int
    msgid: str | tuple[str, ...]  # (singular, plural) for _n


def marked(root: Path) -> Iterator[Marked]:
    """Every marked message in the project's code, where it is marked."""
    for source in SOURCES:
        path = root / source
        if path.is_file():
            found = ((source, line, message) for line, message, _comments, _context
                     in extract_from_file("python", str(path), keywords=KEYWORDS))
        else:
            found = ((f"{source}/{name}", line, message) for name, line, message, _comments, _context
                     in extract_from_dir(str(path), METHODS, OPTIONS, keywords=KEYWORDS))
        for file, line, message in found:
            yield Marked(file, line, message)


def catalog(lang: str) -> Catalog:
    with catalog_path(CATALOGS, lang, DOMAIN).open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def update(root: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Append the new msgids to each catalog and drop the ones no code marks: {lang: (added, dropped)}."""
    wanted: dict[str, str | tuple[str, ...]] = {}
    for found in marked(root):
        wanted.setdefault(key(found.msgid), found.msgid)
    changes = {}
    for lang in UI_LANGUAGES:
        path = catalog_path(CATALOGS, lang, DOMAIN)
        existing = catalog(lang)
        dropped = [key(m.id) for m in existing if m.id and key(m.id) not in wanted]
        text = _without(path.read_text(encoding="utf-8"), set(dropped))
        new = Catalog(locale=lang, domain=DOMAIN)
        for known_as, msgid in wanted.items():
            if known_as not in existing:
                new.add(msgid, string=("",) * existing.num_plurals if isinstance(msgid, tuple) else "")
        if len(new):
            buffer = io.BytesIO()
            write_po(buffer, new, omit_header=True, no_location=True, width=120)
            text = text.rstrip("\n") + "\n\n" + buffer.getvalue().decode("utf-8").strip("\n") + "\n"
        path.write_text(text, encoding="utf-8")
        changes[lang] = ([key(m.id) for m in new if m.id], dropped)
    return changes


def key(msgid: str | tuple[str, ...] | list[str]) -> str:
    """How a catalog knows a message: its msgid, or a plural message's singular."""
    return msgid if isinstance(msgid, str) else msgid[0]


def entries(text: str) -> Iterator[tuple[str, str]]:
    """(msgid, the entry's text) for each entry of a .po file, header left out."""
    for block in _blocks(text):
        msgid = _msgid(block)
        if msgid:
            yield msgid, block


def _blocks(text: str) -> list[str]:
    """The entries of a .po file, also where a union merge glued two together without a blank line.

    Git's union merge can drop the blank line between entries; counting such
    a pair as one entry would hide a msgid written twice.
    """
    blocks: list[list[str]] = [[]]
    in_msgstr = False
    for line in text.split("\n"):
        starts_entry = line.startswith(("#", "msgctxt ", "msgid ")) and in_msgstr
        if not line.strip() or starts_entry:
            blocks.append([])
            in_msgstr = False
        if line.strip():
            blocks[-1].append(line)
            in_msgstr = line.startswith("msgstr") or (in_msgstr and line.startswith('"'))
    return ["\n".join(block) for block in blocks if block]


def _msgid(block: str) -> str:
    lines = [line for line in block.strip("\n").splitlines() if not line.startswith("#")]
    start = next((i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith('"')), len(lines))
    return denormalize("\n".join([lines[start][len("msgid "):], *lines[start + 1:end]]))


def _without(text: str, dropped: set[str]) -> str:
    return "\n\n".join(block for block in _blocks(text) if _msgid(block) not in dropped) + "\n"
