"""Audio and video files: their length, the video's codec, its captions.

The length is measured from the file (mutagen reads MP3, M4A, OGG and MP4
headers without decoding), so pages and the podcast feed give the exact
duration whatever an editor typed. A browser plays an MP4 only if its video
is H.264; the codec is read from the file's own boxes (moov/trak/mdia/minf/
stbl/stsd), a few reads near the start or end of the file.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import mutagen

from portal.core.stamped import StampedFacts

from .model import Attachment

H264 = ("avc1", "avc3")
CAPTIONS = "captions.{lang}.vtt"
_PATH_TO_SAMPLES = (b"minf", b"stbl", b"stsd")


def seconds(path: Path) -> float | None:
    """The playing time of an audio or video file, or None if it cannot be read."""
    try:
        found = mutagen.File(path)
    except (mutagen.MutagenError, OSError):
        return None
    # `found` is falsy for a file with no tags (mutagen's FileType is a tag
    # mapping), which says nothing about whether its audio can be read.
    length = getattr(getattr(found, "info", None), "length", 0) if found is not None else 0
    return float(length) if length else None


class Measured(StampedFacts):
    """Each recording's playing time and video codec, kept in the cache folder while the file's
    size and mtime stay: mutagen parses a file's headers in ~1.4 ms, and an archive holds
    hundreds of recordings, each named by two language files."""

    def seconds(self, file: Path) -> float | None:
        return self._facts(file)[2]

    def video_codec(self, file: Path) -> str | None:
        facts = self._facts(file)
        if len(facts) == 3:
            facts.append(video_codec(file))
        return facts[3]

    def _facts(self, file: Path) -> list:
        """[size, mtime, seconds] and, once asked for, the codec; Nones for a file that is gone."""
        try:
            return self.facts(file, lambda path: [seconds(path)])
        except OSError:
            return [None, None, None, None]


def _boxes(f: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, end) of the ISO-BMFF boxes between start and end."""
    position = start
    while position + 8 <= end:
        f.seek(position)
        size, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", f.read(8))[0], 16
        elif size == 0:
            size = end - position
        if size < header:
            return
        yield kind, position + header, position + size
        position += size


def _children(f: BinaryIO, box: tuple[int, int], kind: bytes) -> list[tuple[int, int]]:
    return [(s, e) for k, s, e in _boxes(f, *box) if k == kind]


def video_codec(path: Path) -> str | None:
    """The sample entry type of the first video track ("avc1" for H.264), or None."""
    try:
        with path.open("rb") as f:
            for moov in _children(f, (0, f.seek(0, 2)), b"moov"):
                for trak in _children(f, moov, b"trak"):
                    for mdia in _children(f, trak, b"mdia"):
                        handler = _children(f, mdia, b"hdlr")
                        if not handler:
                            continue
                        f.seek(handler[0][0] + 8)  # version/flags, pre_defined, then handler_type
                        if f.read(4) != b"vide":
                            continue
                        boxes = [mdia]
                        for kind in _PATH_TO_SAMPLES:
                            boxes = [child for box in boxes for child in _children(f, box, kind)]
                        for stsd in boxes:
                            f.seek(stsd[0] + 12)  # version/flags, entry_count, the first entry's size, then its type
                            return f.read(4).decode("latin-1")
    except (OSError, struct.error):
        return None
    return None


def captions(folder: Path, languages: tuple[str, ...]) -> dict[str, Attachment]:
    """The WebVTT captions in the folder, by language: captions.ky.vtt, captions.ru.vtt."""
    found = {}
    for lang in languages:
        path = folder / CAPTIONS.format(lang=lang)
        if path.is_file():
            found[lang] = Attachment(name=path.name, path=path, size=path.stat().st_size)
    return found


_TIMING = re.compile(r"^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})\s+-->\s+")
_TAG = re.compile(r"<[^>]+>")


def cues(path: Path) -> list[tuple[float, str]] | None:
    """(start in seconds, text) of every cue of a WebVTT file; None if it is not WebVTT.

    The text is what a transcript shows: voice and styling tags removed, the
    lines of a cue joined.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError):
        return None
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    if not re.match(r"WEBVTT(?:[ \t\n]|$)", blocks[0]):
        return None
    found = []
    for block in blocks[1:]:
        lines = block.split("\n")
        for number, line in enumerate(lines):
            timing = _TIMING.match(line)
            if timing:
                hours, minutes, seconds, millis = timing.groups()
                start = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
                words = " ".join(_TAG.sub("", cue_line).strip() for cue_line in lines[number + 1:]).strip()
                if words:
                    found.append((start, words))
                break
    return found
