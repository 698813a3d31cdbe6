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

from .report import Finding

XML_SUFFIXES = {".xml", ".atom", ".rss", ".xsl"}
JSON_SUFFIXES = {".json", ".webmanifest"}


def check(output: Path, name) -> Iterator[Finding]:
    """Every problem in a parsed file; `name(relative)` names it in the report."""
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.relative_to(output).parts[0] == "theme":
            continue
        relative = path.relative_to(output).as_posix()
        suffix = path.suffix.lower()
        if suffix in XML_SUFFIXES:
            yield from _xml(path, name(relative), relative)
        elif suffix in JSON_SUFFIXES:
            yield from _json(path, name(relative), relative)
        elif suffix == ".ics":
            yield from _ics(path, name(relative), relative)
        elif suffix == ".html":
            try:
                path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as error:
                yield Finding(name(relative), None, f"the page is not UTF-8 (byte {error.start})", "", "html")


def _xml(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        yield Finding(shown, error.lineno, f"the feed {relative} is not well-formed XML: {error.msg}",
                      "A developer should look at the template that writes it.", "feeds")


def _json(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        yield Finding(shown, getattr(error, "lineno", None), f"{relative} is not valid JSON: {error}",
                      "A developer should look at what writes it.", "feeds")


def _ics(path: Path, shown: str, relative: str) -> Iterator[Finding]:
    """RFC 5545's frame: BEGIN:VCALENDAR … END:VCALENDAR, balanced BEGIN/END, CRLF lines."""
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    lines = text.split("\r\n")
    problem = None
    if b"\n" in raw.replace(b"\r\n", b""):
        problem = "its lines must end with CRLF"
    elif not text.startswith("BEGIN:VCALENDAR"):
        problem = "it must start with BEGIN:VCALENDAR"
    else:
        open_blocks: list[str] = []
        for number, line in enumerate(lines, start=1):
            if line.startswith("BEGIN:"):
                open_blocks.append(line[6:])
            elif line.startswith("END:") and (not open_blocks or open_blocks.pop() != line[4:]):
                problem = f"line {number}: {line} does not close the block opened before it"
                break
        if problem is None and open_blocks:
            problem = f"{', '.join(open_blocks)} is never closed with END:"
    if problem:
        yield Finding(shown, None, f"the calendar {relative} is not valid iCalendar: {problem}",
                      "A developer should look at what writes it.", "feeds")
