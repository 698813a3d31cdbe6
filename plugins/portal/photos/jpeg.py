"""Replace a JPEG's metadata without touching its compressed image data.

A press kit's originals must be the photographer's pixels, not a re-encoded
copy, yet nothing of the camera's metadata may reach the public: GPS
position, device make, model and serial number, thumbnails, maker notes,
Photoshop/IPTC blocks, comments. So the file is rebuilt from its segments:
the image data and what decoding needs (JFIF, ICC colour profile, Adobe
colour transform, tables, frame and scans) are copied byte for byte;
every other segment, and anything after the end of the image (phones append
depth maps and previews there), is dropped; our EXIF and XMP are added.
"""

from __future__ import annotations

import struct

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP1, APP2, APP14 = 0xE0, 0xE1, 0xE2, 0xEE
STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn have no length
EXIF_HEADER = b"Exif\x00\x00"
XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"


class NotAJpeg(ValueError):
    pass


def _segment(marker: int, payload: bytes) -> bytes:
    if len(payload) + 2 > 0xFFFF:
        raise ValueError("metadata too large for one JPEG segment")
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def _kept(marker: int, payload: bytes) -> bool:
    """Segments a decoder needs; APPn only for JFIF, the ICC profile and Adobe's colour transform."""
    if marker == APP0:
        return payload.startswith(b"JFIF\x00")
    if marker == APP2:
        return payload.startswith(b"ICC_PROFILE\x00")
    if marker == APP14:
        return payload.startswith(b"Adobe")
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)  # other APPn and COM go


def rewrite(data: bytes, exif: bytes, xmp: bytes) -> bytes:
    """The same JPEG with only the decoding segments, our EXIF and our XMP."""
    if data[:2] != bytes((0xFF, SOI)):
        raise NotAJpeg("not a JPEG file")
    out = [bytes((0xFF, SOI))]
    metadata = _segment(APP1, EXIF_HEADER + exif) + _segment(APP1, XMP_HEADER + xmp)
    position, inserted = 2, False
    while True:
        if position + 2 > len(data) or data[position] != 0xFF:
            raise NotAJpeg("broken JPEG structure")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)
        if marker in STANDALONE:
            out.append(data[position:position + 2])
            position += 2
            continue
        if position + 4 > len(data):
            raise NotAJpeg("broken JPEG structure")
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        end = position + 2 + length
        payload = data[position + 4:end]
        if not inserted and marker != APP0:
            out.append(metadata)  # after JFIF, if any: where readers look for EXIF
            inserted = True
        if _kept(marker, payload):
            out.append(data[position:end])
        position = end
        if marker == SOS:
            scan_end = _scan_end(data, position)
            out.append(data[position:scan_end])
            position = scan_end


def _scan_end(data: bytes, position: int) -> int:
    """Where a scan's entropy-coded data ends: at the first marker that is not
    a stuffed 0xFF00 or a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise NotAJpeg("the image data ends before the end-of-image marker")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position
