"""Feeds and data files parse: XML (Atom, RSS, sitemaps), JSON, iCalendar.

HTML is parsed by the link check and validated by the Nu HTML Checker; here
it only has to be UTF-8. A feed that does not parse is dropped by most
readers without a word, so it stops publishing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from portal.localization.editor import Message, _

from .report import Finding

XML_SUFFIXES = {".xml", ".atom", ".rss", ".xsl"}
DEVELOPER = _("A developer should look at what writes this file: the content itself may be fine.")
JSON_SUFFIXES = {".json", ".webmanifest"}


def check(output: Path, name) -> Iterator[Finding]:
    """Every problem in a parsed file; `name(relative)` names it in the report."""
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.relative_to(output).parts[0] != "theme":
            relative = path.relative_to(output).as_posix()
            yield from check_file(path, relative, name(relative))


def check_file(path: Path, relative: str, shown: str) -> Iterator[Finding]:
    """The problems of one file of the site (`shown`: its name in the report)."""
    suffix = path.suffix.lower()
    if suffix in XML_SUFFIXES:
        yield from _xml(path, shown, relative)
    elif suffix in JSON_SUFFIXES:
        yield from _json(path, shown, relative)
    elif suffix == ".ics":
        yield from _ics(path, shown, relative)
    elif suffix == ".html":
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            yield Finding(shown, None, _("the page is not UTF-8 (byte %(byte)d)", byte=error.start), DEVELOPER, "html")


def _xml(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        yield Finding(shown, error.lineno,
                      _("the feed %(file)s is not well-formed XML: %(reason)s", file=relative, reason=error.msg),
                      DEVELOPER, "feeds")


def _json(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        yield Finding(shown, getattr(error, "lineno", None),
                      _("%(file)s is not valid JSON: %(reason)s", file=relative, reason=error), DEVELOPER, "feeds")


def _ics(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    """RFC 5545's frame: BEGIN:VCALENDAR … END:VCALENDAR, balanced BEGIN/END, CRLF lines."""
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\r\n")
    problem: Message | None = None
    if b"\n" in raw.replace(b"\r\n", b""):
        problem = _("its lines must end with CRLF")
    elif not text.startswith("BEGIN:VCALENDAR"):
        problem = _("it must start with BEGIN:VCALENDAR")
    else:
        open_blocks: list[str] = []
        for number, line in enumerate(lines, start=1):
            if line.startswith("BEGIN:"):
                open_blocks.append(line[6:])
            elif line.startswith("END:") and (not open_blocks or open_blocks.pop() != line[4:]):
                problem = _("line %(number)d: %(line)s does not close the block opened before it", number=number,
                            line=line)
                break
        if problem is None and open_blocks:
            problem = _("%(blocks)s is never closed with END:", blocks=open_blocks)
    if problem:
        yield Finding(shown, None,
                      _("the calendar %(file)s is not valid iCalendar: %(reason)s", file=relative, reason=problem),
                      DEVELOPER, "feeds")
