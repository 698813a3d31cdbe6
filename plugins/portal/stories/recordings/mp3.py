"""MP3 read frame by frame to its end: the length is the frames counted, not what a header claims.

An MP3 is a row of MPEG audio frames, each with a four-byte header that
gives its length, after an ID3v2 tag and before an ID3v1 or APE tag. A file
cut short ends inside a frame, or holds fewer frames than its Xing/Info
header (written by the encoder) counts; a damaged one has something else
where the next frame should start. The walk reads only each frame's header.
"""

from __future__ import annotations

import mmap
import struct
from typing import BinaryIO

from portal.localization.editor import _

from .problem import CutShort, Damaged

# Bitrates in kbit/s by (MPEG-1?, layer) and the header's index (0: "free", unsupported; 15: invalid).
BITRATES = {
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits
TRAILING_TAGS = (b"TAG", b"APETAGEX", b"LYRICSBEGIN")


def frame(header: bytes) -> tuple[int, int, int] | None:
    """(bytes, samples, sample rate) of the frame a four-byte header starts; None if it is no frame header."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index, padding = header[2] >> 4, (header[2] >> 2) & 3, (header[2] >> 1) & 1
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    mpeg1, layer = version == 3, 4 - layer_bits
    bitrate, rate = BITRATES[mpeg1, layer][bitrate_index] * 1000, RATES[version][rate_index]
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4, 384, rate
    samples = 1152 if layer == 2 or mpeg1 else 576
    return samples // 8 * bitrate // rate + padding, samples, rate


def declared_frames(data: bytes) -> int | None:
    """The frame count the encoder wrote in the first frame (Xing/Info or VBRI header), if any."""
    for tag in (b"Xing", b"Info"):
        at = data.find(tag, 4, 64)
        if at >= 0 and len(data) >= at + 12 and struct.unpack(">I", data[at + 4:at + 8])[0] & 1:
            return struct.unpack(">I", data[at + 8:at + 12])[0]
    if data[36:40] == b"VBRI" and len(data) >= 54:
        return struct.unpack(">I", data[50:54])[0]
    return None


def seconds(f: BinaryIO) -> float:
    """The playing time of the MP3 in `f`, read to its end (raises CutShort or Damaged)."""
    size = f.seek(0, 2)
    if size == 0:
        raise CutShort()
    with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        position = _after_id3(data)
        samples = frames = 0
        rate = 0
        declared = None
        while position < size:
            found = frame(data[position:position + 4])
            if found is None:
                _check_tail(data, position, size)
                break
            length, per_frame, rate = found
            if position + length > size:
                raise CutShort()
            if frames == 0 and declared is None and (declared := declared_frames(data[position:position + length])):
                position += length  # the encoder's header frame holds no audio
                continue
            frames += 1
            samples += per_frame
            position += length
    if frames == 0:
        raise Damaged(_("it holds no audio"))
    if declared is not None and frames < declared:
        raise CutShort()
    return samples / rate


def _after_id3(data: mmap.mmap) -> int:
    """Where the audio starts: after the ID3v2 tags at the start of the file, if any."""
    position = 0
    while data[position:position + 3] == b"ID3":
        flags, size = data[position + 5], data[position + 6:position + 10]
        if any(byte & 0x80 for byte in size):
            raise Damaged(_("its ID3 tag has a wrong size"))
        position += 10 + (size[0] << 21 | size[1] << 14 | size[2] << 7 | size[3]) + (10 if flags & 0x10 else 0)
    return position


def _check_tail(data: mmap.mmap, position: int, size: int) -> None:
    """After the last frame: tags, or zeros; anything else is damage, and part of a frame a cut."""
    rest = data[position:size]
    if rest.startswith(TRAILING_TAGS) or not rest.strip(b"\0"):
        return
    if rest[:1] == b"\xff" and len(rest) < 4:
        raise CutShort()
    raise Damaged(_("at byte %(position)d there is no MP3 frame", position=position))
