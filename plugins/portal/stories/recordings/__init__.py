"""Audio and video files read to their end before they are published, and their captions read strictly.

A recording is published only once it has been read through, in pure
Python (no ffmpeg: `make check` runs on an editor's machine): an MP4 or
M4A box by box and sample table by sample table (mp4.py), an MP3 frame by
frame (mp3.py), an Ogg file page by page with each page's checksum
(ogg.py). A file cut short, damaged inside, or of another format than its
name says is a problem naming it; its length is the stream's (the samples'
durations, the frames counted, the last page's position), never a header's,
so pages and the podcast feed give the true duration. A browser plays an
MP4 only if its video is H.264, which the index says (`stsd`). An MP4 whose
index comes after its samples is published with the index first (mp4.faststart,
kept in the cache: the samples are not touched). Captions: webvtt.py.

Reading a long recording to its end takes time, so the `Verdict` is kept in
the cache folder by the SHA-256 of the file (`Verdicts`): the same bytes
are read once, whatever their name; the SHA-256 itself is read again only
when the file's size or mtime change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from portal.core import sealed
from portal.core.digests import Digests, store_from
from portal.localization.editor import Message, _

from ..model import Attachment
from . import mp3, mp4, ogg
from .problem import Unplayable

H264 = mp4.H264
CAPTIONS = "captions.{lang}.vtt"
# What each format is called in a problem, and the name an editor's file of that format should have.
FORMATS = {"mp4": (_("an MP4 file"), ".mp4"), "mp3": (_("an MP3 file"), ".mp3"), "ogg": (_("an Ogg file"), ".ogg"),
           "webm": (_("a WebM file"), ".webm"), "wav": (_("a WAV file"), ".wav"), "flac": (_("a FLAC file"), ".flac")}
EXPECTED = {".mp4": "mp4", ".m4a": "mp4", ".mp3": "mp3", ".ogg": "ogg"}  # by the suffix of an editor's file
LABELS = {".mp4": "MP4", ".m4a": "M4A", ".mp3": "MP3", ".ogg": "Ogg"}
SUFFIXES = {"video": (".mp4",), "audio": (".mp3", ".m4a", ".ogg")}
VERSION = 2  # of what a Verdict holds and how it is found: bump to read every recording again


@dataclass(frozen=True)
class Verdict:
    """What reading a recording to its end found."""

    format: str | None  # a key of FORMATS, None if the file is none of them
    seconds: float = 0.0
    video: str | None = None  # the video codec ("avc1": H.264), None for audio
    unplayable: bool = False  # cut short or damaged (see problem.py)
    damage: Message | None = None  # what a damaged file's reader found; None: cut short
    index_last: bool = False  # an MP4 whose index comes after its samples


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes show, whatever its name."""
    if head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "webm"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    return None


def inspect(path: Path) -> Verdict:
    """Read the file to its end."""
    with path.open("rb") as f:
        found = sniff(f.read(12))
        f.seek(0)
        try:
            if found == "mp4":
                movie = mp4.read(f)
                return Verdict(found, movie.seconds, movie.codec("vide"), index_last=movie.index_last)
            if found == "mp3":
                return Verdict(found, mp3.seconds(f))
            if found == "ogg":
                return Verdict(found, ogg.seconds(f))
        except Unplayable as problem:
            return Verdict(found, unplayable=True, damage=problem.detail)
    return Verdict(found)


class Verdicts:
    """Each recording's Verdict, kept by the SHA-256 of its bytes; and the MP4s moved to fast start."""

    def __init__(self, cache: Path) -> None:
        self.folder = cache / "recordings"
        self.digests = Digests(self.folder / "hashes.pickle")
        kept = sealed.load(self.folder / "verdicts.pickle")
        self.known: dict[str, Verdict] = kept[1] if isinstance(kept, tuple) and kept[0] == VERSION else {}
        self.used: dict[str, Verdict] = {}
        self.moved: dict[str, Path] | None = None  # the MP4s moved to fast start, listed once when first needed

    def verdict(self, path: Path) -> Verdict:
        sha = self.digests.sha(path)
        found = self.used.get(sha) or self.known.get(sha) or inspect(path)
        self.used[sha] = found
        return found

    def published(self, file: Attachment, verdict: Verdict) -> Attachment:
        """The file to publish: itself, or for an MP4 with its index last, the same with its index first."""
        if not verdict.index_last:
            return file
        if self.moved is None:
            self.moved = self.digests.checked(self.folder)
        stem = self.folder / f"{self.digests.sha(file.path)[:32]}-faststart"
        moved = self.moved.get(stem.name + ".mp4")
        if moved is None:
            with file.path.open("rb") as f:
                movie = mp4.read(f)
            moved = self.moved[stem.name + ".mp4"] = store_from(
                stem, ".mp4", lambda target: mp4.faststart(file.path, movie, target))
        return replace(file, path=moved, size=moved.stat().st_size)

    def save(self, whole: bool = True) -> None:
        """Keep this build's verdicts: only those when it read `whole` the content, else with the others."""
        self.digests.save(whole)
        kept = self.used if whole else {**self.known, **self.used}
        if kept != self.known:
            sealed.save(self.folder / "verdicts.pickle", (VERSION, kept))


def captions(folder: Path, languages: tuple[str, ...]) -> dict[str, Attachment]:
    """The WebVTT captions in the folder, by language: captions.ky.vtt, captions.ru.vtt."""
    found = {}
    for lang in languages:
        path = folder / CAPTIONS.format(lang=lang)
        if path.is_file():
            found[lang] = Attachment(name=path.name, path=path, size=path.stat().st_size)
    return found
