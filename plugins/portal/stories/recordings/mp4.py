"""MP4 (and M4A) read to its end: every box in its place, every sample inside the file, the length of the stream.

An MP4 is a row of boxes: `ftyp`, `moov` (the index: for each track its
codec, the duration and size of every sample and where its chunks start)
and `mdat` (the samples). A file cut short loses the end of `mdat` or the
whole `moov`; a header can claim any duration. So the boxes must fill the
file exactly, every chunk the index names must lie inside an `mdat`, and the
length is the sum of the samples' durations (`stts`), never `mvhd`'s.

An index written after the samples ("no fast start": what most cameras and
a plain ffmpeg export do) makes a browser download the whole file before it
can play. `faststart` writes the same boxes with `moov` first, its chunk
offsets moved by what came before them: the samples are not touched.

The sample data is never read: only box headers and the index, however
large the file.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from portal.localization.editor import _

from .problem import CutShort, Damaged

CONTAINERS = (b"moov", b"trak", b"mdia", b"minf", b"stbl")
H264 = ("avc1", "avc3")


@dataclass(frozen=True)
class Box:
    kind: bytes
    start: int  # of the box, header included
    end: int
    header: int  # bytes of its header

    @property
    def payload(self) -> int:
        return self.start + self.header


@dataclass
class Track:
    handler: str  # "vide", "soun", …
    codec: str  # the sample entry's type: "avc1", "mp4a", …
    seconds: float
    chunks: list[tuple[int, int]]  # (offset, bytes) of every chunk of samples
    offsets: Box  # its stco or co64 box, which faststart rewrites


@dataclass
class Movie:
    boxes: list[Box]  # the top-level boxes, in file order
    tracks: list[Track]

    @property
    def seconds(self) -> float:
        """The video's length, or the longest audio track's (whose stream holds the encoder's priming too)."""
        video = [track.seconds for track in self.tracks if track.handler == "vide"]
        return max(video or [track.seconds for track in self.tracks])

    def codec(self, handler: str) -> str | None:
        return next((track.codec for track in self.tracks if track.handler == handler), None)

    @property
    def index_last(self) -> bool:
        kinds = [box.kind for box in self.boxes]
        return b"mdat" in kinds and kinds.index(b"moov") > kinds.index(b"mdat")


def boxes(f: BinaryIO, start: int, end: int) -> Iterator[Box]:
    """The boxes between start and end; a box that would run past `end` means the data was cut."""
    position = start
    while position < end:
        if position + 8 > end:
            raise CutShort()
        f.seek(position)
        size, kind = struct.unpack(">I4s", f.read(8))
        header = 8
        if size == 1:
            if position + 16 > end:
                raise CutShort()
            size, header = struct.unpack(">Q", f.read(8))[0], 16
        elif size == 0:
            size = end - position
        if size < header:
            raise Damaged(_("a box at byte %(position)d has a wrong size", position=position))
        if position + size > end:
            raise CutShort()
        yield Box(kind, position, position + size, header)
        position += size


def read(f: BinaryIO) -> Movie:
    """The file's boxes and tracks, checked to the end of the file (raises CutShort or Damaged)."""
    size = f.seek(0, 2)
    top = list(boxes(f, 0, size))
    if not top or top[0].kind != b"ftyp":
        raise Damaged(_("it does not start as an MP4 does"))
    movies = [box for box in top if box.kind == b"moov"]
    if not movies:
        raise CutShort()  # the index is written last: a file without it was not finished
    if len(movies) > 1:
        raise Damaged(_("it has two indexes"))
    if any(box.kind == b"mvex" for box in boxes(f, movies[0].payload, movies[0].end)):
        raise Damaged(_("it is a fragmented MP4, made for streaming"))
    read = [_track(f, trak) for trak in _children(f, movies[0], b"trak")]
    tracks = [track for track in read if track is not None]
    if not tracks:
        raise Damaged(_("it holds no audio or video"))
    data = [(box.payload, box.end) for box in top if box.kind == b"mdat"]
    for track in tracks:
        for offset, length in track.chunks:
            if not any(start <= offset and offset + length <= end for start, end in data):
                if offset + length > size:
                    raise CutShort()
                raise Damaged(_("its index points outside its data (byte %(position)d)", position=offset))
    return Movie(top, tracks)


def _children(f: BinaryIO, box: Box, kind: bytes) -> list[Box]:
    return [child for child in boxes(f, box.payload, box.end) if child.kind == kind]


def _child(f: BinaryIO, box: Box, kind: bytes) -> Box:
    found = _children(f, box, kind)
    if len(found) != 1:
        raise Damaged(_("its index has %(count)d '%(box)s' boxes where one belongs", count=len(found),
                         box=kind.decode("latin-1")))
    return found[0]


def _payload(f: BinaryIO, box: Box) -> bytes:
    f.seek(box.payload)
    return f.read(box.end - box.payload)


def _track(f: BinaryIO, trak: Box) -> Track | None:
    """A track's codec, length and chunks; None for a track without samples (a chapter list, hints)."""
    mdia = _child(f, trak, b"mdia")
    handler = _payload(f, _child(f, mdia, b"hdlr"))[8:12].decode("latin-1")
    header = _payload(f, _child(f, mdia, b"mdhd"))
    timescale = struct.unpack(">I", header[20:24] if header[0] == 1 else header[12:16])[0]
    stbl = _child(f, _child(f, mdia, b"minf"), b"stbl")
    entries = _payload(f, _child(f, stbl, b"stsd"))
    codec = entries[12:16].decode("latin-1") if len(entries) >= 16 else ""
    times = _table(_payload(f, _child(f, stbl, b"stts")), 2)
    sizes = _sample_sizes(f, stbl)
    if not sizes:
        return None
    if sum(times[0::2]) != len(sizes) or not timescale:
        raise Damaged(_("its index does not add up"))
    offsets_box = next((box for box in boxes(f, stbl.payload, stbl.end) if box.kind in (b"stco", b"co64")), None)
    if offsets_box is None:
        raise Damaged(_("its index does not say where its samples are"))
    offsets = _table(_payload(f, offsets_box), 1, wide=offsets_box.kind == b"co64")
    runs = _table(_payload(f, _child(f, stbl, b"stsc")), 3)
    chunks = _chunks(offsets, runs, sizes)
    seconds = sum(count * delta for count, delta in zip(times[0::2], times[1::2], strict=True)) / timescale
    return Track(handler, codec, seconds, chunks, offsets_box)


def _table(payload: bytes, columns: int, wide: bool = False) -> array:
    """A full box's table: version and flags, an entry count, then `columns` numbers an entry."""
    count = struct.unpack(">I", payload[4:8])[0]
    values = array("Q" if wide else "I")
    width = values.itemsize * columns * count
    if len(payload) < 8 + width:
        raise Damaged(_("its index is cut short"))
    values.frombytes(payload[8:8 + width])
    values.byteswap()  # big-endian in the file (every machine we build on is little-endian)
    return values


def _sample_sizes(f: BinaryIO, stbl: Box) -> array:
    payload = _payload(f, _child(f, stbl, b"stsz"))
    uniform, count = struct.unpack(">II", payload[4:12])
    if uniform:
        return array("I", [uniform]) * count
    return _table(payload[4:], 1)


def _chunks(offsets: array, runs: array, sizes: array) -> list[tuple[int, int]]:
    """(offset, bytes) of each chunk: `runs` (stsc) says how many samples each chunk holds, from its first chunk on."""
    chunks = []
    sample = 0
    starts = [*runs[0::3], len(offsets) + 1]
    for run, (first, per_chunk) in enumerate(zip(runs[0::3], runs[1::3], strict=True)):
        for chunk in range(first, starts[run + 1]):
            if chunk > len(offsets) or sample + per_chunk > len(sizes):
                raise Damaged(_("its index does not add up"))
            chunks.append((offsets[chunk - 1], sum(sizes[sample:sample + per_chunk])))
            sample += per_chunk
    if sample != len(sizes):
        raise Damaged(_("its index does not add up"))
    return chunks


def faststart(source: Path, movie: Movie, target: BinaryIO) -> None:
    """Write the file with its index first: ftyp, moov, then every other box in its order; each chunk
    offset moves with the box its samples are in. Raises Damaged where an offset would no longer fit
    32 bits (an index of stco boxes for a file near 4 GB)."""
    moov = next(box for box in movie.boxes if box.kind == b"moov")
    order = [movie.boxes[0], moov, *(box for box in movie.boxes[1:] if box is not moov)]
    moved, position = {}, 0
    for box in order:
        moved[box.start] = position - box.start
        position += box.end - box.start
    data = [box for box in movie.boxes if box.kind == b"mdat"]
    with source.open("rb") as f:
        f.seek(moov.start)
        index = bytearray(f.read(moov.end - moov.start))
        for track in movie.tracks:
            _move_offsets(index, track.offsets, moov.start, data, moved)
        for box in order:
            if box is moov:
                target.write(index)
            else:
                f.seek(box.start)
                _copy(f, target, box.end - box.start)


def _move_offsets(index: bytearray, offsets: Box, moov_start: int, data: list[Box], moved: dict[int, int]) -> None:
    wide = offsets.kind == b"co64"
    form = ">Q" if wide else ">I"
    at = offsets.payload - moov_start
    count = struct.unpack(">I", index[at + 4:at + 8])[0]
    for entry in range(count):
        field = at + 8 + entry * (8 if wide else 4)
        offset = struct.unpack(form, index[field:field + (8 if wide else 4)])[0]
        box = next(box for box in data if box.payload <= offset <= box.end)
        new = offset + moved[box.start]
        if not wide and new >= 1 << 32:
            raise Damaged(_("its index cannot be moved to the front (the file is too large for its kind of index)"))
        index[field:field + (8 if wide else 4)] = struct.pack(form, new)


def _copy(source: BinaryIO, target: BinaryIO, length: int) -> None:
    while length > 0:
        block = source.read(min(length, 1 << 20))
        if not block:
            raise CutShort()
        target.write(block)
        length -= len(block)

