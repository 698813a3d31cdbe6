"""Photos as cameras and phones make them, generated with Pillow for the tests.

Each carries what must never be published: a GPS position, the camera's
make, model and serial number, a comment and an XMP packet, all with
marker strings that a test can look for in any published byte.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SECRETS = ("ZqCamMaker", "ZqModel-77", "ZQSERIAL123", "zqcomment", "zqxmpsecret")
MAKE, MODEL, ORIENTATION, GPS_IFD, EXIF_IFD, BODY_SERIAL = 0x010F, 0x0110, 0x0112, 0x8825, 0x8769, 0xA431
RED, BLUE = (220, 30, 30), (30, 60, 220)


def camera_exif(orientation: int = 1, gps: bool = True) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = SECRETS[0]
    exif[MODEL] = SECRETS[1]
    exif[ORIENTATION] = orientation
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL] = SECRETS[2]
    if gps:
        position = exif.get_ifd(GPS_IFD)
        position[1], position[2] = "N", (42.0, 52.0, 30.0)  # Bishkek
        position[3], position[4] = "E", (74.0, 36.0, 0.0)
    return exif


def scene(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Red left half, blue right half, a few lines: orientation and colours can be checked."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width // 2, height], fill=RED)
    for x in range(0, width, max(8, width // 12)):
        draw.line([(x, 0), (x + height // 3, height)], fill=(240, 220, 80), width=max(2, width // 300))
    return image.convert(mode)


def camera_jpeg(path: Path, size=(1800, 1200), orientation: int = 1, mode: str = "RGB", quality: int = 85) -> Path:
    scene(size, mode).save(path, "JPEG", quality=quality, exif=camera_exif(orientation), comment=SECRETS[3].encode(),
                           xmp=f"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{SECRETS[4]}</x:xmpmeta>".encode())
    return path


def camera_png(path: Path, size=(900, 600)) -> Path:
    scene(size).save(path, "PNG", exif=camera_exif())
    return path


def truncated_jpeg(path: Path) -> Path:
    """A JPEG whose header is fine and whose image data stops halfway (an interrupted copy)."""
    camera_jpeg(path, size=(1200, 800))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def bomb_png(path: Path, side: int = 20_000) -> Path:
    """A tiny PNG whose header claims side × side pixels: over Pillow's limit."""
    import struct
    import zlib

    scene((8, 8)).save(path, "PNG")
    data = bytearray(path.read_bytes())
    ihdr = data[12:29]  # type + 13 bytes of IHDR data
    ihdr[4:12] = struct.pack(">II", side, side)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    path.write_bytes(bytes(data))
    return path
