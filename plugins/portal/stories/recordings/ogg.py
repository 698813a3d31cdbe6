"""Ogg (Vorbis, Opus, FLAC) read page by page to its end, each page's checksum verified.

An Ogg file is a row of pages, each with a header ("OggS", flags, the
stream's position in samples, a sequence number and a CRC-32 of the page)
and its data. A file cut short ends inside a page or before the page that
marks the end of its stream; a damaged one has a page whose checksum does
not match or a page missing from the sequence. The length is the position
of the last page, in samples, over the codec's sample rate.
"""

from __future__ import annotations

import struct
import zlib
from typing import BinaryIO

from portal.localization.editor import _

from .problem import CutShort, Damaged

HEADER = struct.Struct("<4sBBqIII B")  # capture, version, flags, granule, serial, sequence, CRC, segments
BEGINS, ENDS = 0x02, 0x04
# Ogg's CRC-32 is zlib's run on bit-reversed bytes and read back reversed (its polynomial unreflected).
REVERSED = bytes(int(f"{byte:08b}"[::-1], 2) for byte in range(256))


def crc(page: bytes) -> int:
    raw = zlib.crc32(page.translate(REVERSED), 0xFFFFFFFF) ^ 0xFFFFFFFF
    return int(f"{raw:032b}"[::-1], 2)


def seconds(f: BinaryIO) -> float:
    """The playing time of the Ogg audio in `f`, read to its end (raises CutShort or Damaged)."""
    data = f.read()
    position = 0
    streams: dict[int, dict] = {}  # serial → its codec's rate and pre-skip, next sequence number, last granule
    while position < len(data):
        if len(data) - position < HEADER.size:
            raise CutShort()
        capture, version, flags, granule, serial, sequence, checksum, count = HEADER.unpack_from(data, position)
        if capture != b"OggS" or version != 0:
            raise Damaged(_("at byte %(position)d there is no Ogg page", position=position))
        body = position + HEADER.size + count
        end = body + sum(data[position + HEADER.size:body])
        if end > len(data):
            raise CutShort()
        page = bytearray(data[position:end])
        page[22:26] = b"\0\0\0\0"
        if crc(bytes(page)) != checksum:
            raise Damaged(_("the page at byte %(position)d fails its checksum", position=position))
        if flags & BEGINS:
            streams[serial] = {"next": 0, "ended": False, "granule": 0, **_codec(data[body:end])}
        stream = streams.get(serial)
        if stream is None or stream["ended"] or sequence != stream["next"]:
            raise Damaged(_("a page is missing before byte %(position)d", position=position))
        stream["next"] += 1
        stream["ended"] = bool(flags & ENDS)
        if granule >= 0:
            stream["granule"] = granule
        position = end
    audio = [stream for stream in streams.values() if stream["rate"]]
    if not audio:
        raise Damaged(_("it holds no audio the site can play (Vorbis, Opus or FLAC)"))
    if not all(stream["ended"] for stream in streams.values()):
        raise CutShort()
    return max((stream["granule"] - stream["skip"]) / stream["rate"] for stream in audio)


def _codec(packet: bytes) -> dict[str, int]:
    """The sample rate of a stream's granule positions, and the samples its start skips; rate 0 if not audio."""
    if packet.startswith(b"\x01vorbis") and len(packet) >= 16:
        return {"rate": struct.unpack_from("<I", packet, 12)[0], "skip": 0}
    if packet.startswith(b"OpusHead") and len(packet) >= 12:
        return {"rate": 48000, "skip": struct.unpack_from("<H", packet, 10)[0]}
    if packet.startswith(b"\x7fFLAC") and len(packet) >= 30:
        return {"rate": packet[27] << 12 | packet[28] << 4 | packet[29] >> 4, "skip": 0}
    return {"rate": 0, "skip": 0}
