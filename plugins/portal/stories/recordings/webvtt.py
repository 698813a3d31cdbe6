"""WebVTT captions read strictly: a cue that a browser would drop is a problem with its line.

A browser silently skips a cue whose timing line it cannot read, so a
typo ("00:4.000", "->") made a caption vanish from the film and from its
transcript without a word. Here each block after the "WEBVTT" line must be
a comment (NOTE), a STYLE or REGION block, or a cue: an optional
identifier, a timing line `00:01.000 --> 00:04.000` (hours optional,
minutes and seconds in two digits, milliseconds in three; settings may
follow), and its text. A cue must end after it starts, and start no
earlier than the cue before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from portal.localization.editor import Message, _

TIME = re.compile(r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})")
LOOKS_TIMED = re.compile(r"\s*\d+:\d")
HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
TAG = re.compile(r"<[^>]+>")
EXAMPLE = "00:01.000 --> 00:04.000"


@dataclass
class Captions:
    cues: list[tuple[float, str]] = field(default_factory=list)  # (start in seconds, text without tags)
    problems: list[tuple[int, Message]] = field(default_factory=list)  # (line, what is wrong)


def parse(text: str) -> Captions:
    """The cues of a WebVTT text, and a problem for each block that is not what WebVTT allows."""
    found = Captions()
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not HEADER.fullmatch(lines[0]):
        found.problems.append((1, _('the first line of captions must be "WEBVTT"')))
        return found
    blocks = _blocks(lines)
    previous = 0.0
    for first, block in blocks[1:]:  # the first block is the header's
        if block[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block[0]:
            continue
        timing = 0 if "-->" in block[0] else 1 if len(block) > 1 and "-->" in block[1] else None
        if timing is None:
            shaped = next((n for n, line in enumerate(block[:2]) if LOOKS_TIMED.match(line)), None)
            if shaped is not None:
                found.problems.append((first + shaped, _('this cue has no "-->" between its times: write %(example)s',
                                                          example=EXAMPLE)))
            else:
                found.problems.append((first, _('this block is not a cue: a cue starts with a line like "%(example)s"',
                                                  example=EXAMPLE)))
            continue
        cue = _cue(block[timing], first + timing, previous, found.problems)
        if cue is not None:
            previous = cue
            words = " ".join(TAG.sub("", line).strip() for line in block[timing + 1:]).strip()
            if words:
                found.cues.append((cue, words))
    return found


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The blocks of lines between blank lines, each with the number of its first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks


def _cue(line: str, number: int, previous: float, problems: list[tuple[int, Message]]) -> float | None:
    """The start of the cue whose timing line this is, or None after adding its problem."""
    left, _arrow, right = line.partition("-->")
    times = [left.strip(), (right.split() or [""])[0]]
    for written in times:
        if not TIME.fullmatch(written):
            problems.append((number, _('"%(time)s" is not a time: write it as 00:04.000 (minutes:seconds.'
                                       "milliseconds) or 01:00:04.000", time=written)))
            return None
    start, end = (_seconds(written) for written in times)
    if end <= start:
        problems.append((number, _("this cue ends (%(end)s) before it starts (%(start)s)", end=times[1],
                                   start=times[0])))
        return None
    if start < previous:
        problems.append((number, _("this cue starts before the cue above it: put the cues in the order of their "
                                   "times")))
        return None
    return start


def _seconds(written: str) -> float:
    parts = TIME.fullmatch(written)
    assert parts is not None, "checked by the caller"
    hours, minutes, seconds, millis = parts.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
