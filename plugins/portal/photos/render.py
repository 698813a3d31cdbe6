"""The work on one photo, run in a worker process: decode once, write everything missing.

A task names what the cache lacks for one source photo: its cleaned
original, some renditions, or (for a photo never seen) everything. The photo
is decoded at most once, at the smallest scale that still covers its widest
rendition: JPEG decoding scales by 1/2, 1/4 or 1/8 on the fly
(`Image.draft`), so an 8000×6000 photo made into 1600-pixel renditions
is decoded as 2000×1500 (12 MB, not 144 MB). Each file is written to a
temporary name and renamed to one that ends with the digest of its bytes
(portal.core.digests), so an interrupted or failed build leaves no
half-written file in the cache, and a damaged one is found out.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePath

from PIL import Image, ImageCms, ImageOps, PngImagePlugin

from portal.core import sealed
from portal.core.digests import store
from portal.core.machine import is_machine

from . import cache, jpeg
from .rights import ORIENTATION, Rights
from .settings import Encoding, RenditionSettings

ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
LOSSLESS = {"PNG": {"optimize": True}, "WEBP": {"lossless": True, "exact": True}}


@dataclass
class Task:
    """What the cache lacks for one source photo."""

    source: Path
    entry: Path  # the photo's folder in the cache
    settings: RenditionSettings
    rights: Rights
    made: frozenset[str]  # the names (without their digest) of the files the entry holds whole
    original: str | None  # the cleaned original's name, when it is missing


@dataclass
class Outcome:
    source: Path
    width: int = 0
    height: int = 0
    format: str = ""
    decoded: int = 0
    encoded: int = 0
    error: str = ""


def run(task: Task) -> Outcome:
    """Do the task; a photo Pillow cannot decode becomes an error message, never an exception. The
    computer's own errors (a full disk) are raised: they are not the photo's (see portal.core.machine)."""
    outcome = Outcome(task.source)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            _run(task, outcome)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            jpeg.NotAJpeg) as error:
        if is_machine(error):
            raise
        outcome.error = str(error) or type(error).__name__
    return outcome


def _run(task: Task, outcome: Outcome) -> None:
    with Image.open(task.source) as image:
        orientation = image.getexif().get(ORIENTATION, 1)
        outcome.format = image.format or ""
        width, height = image.size
        if orientation in ROTATED:
            width, height = height, width
        outcome.width, outcome.height = width, height
        every = cache.renditions(task.settings, task.rights, width)
        if any(name not in task.made for _, _, name in every):
            _renditions(image, orientation, every, task, outcome)
    if task.original:
        name = PurePath(task.original)
        store(task.entry / name.stem, name.suffix, _cleaned_original(task, orientation, outcome))
    sealed.save(task.entry / cache.PROBE, {"width": outcome.width, "height": outcome.height, "format": outcome.format})


def _cleaned_original(task: Task, orientation: int, outcome: Outcome) -> bytes:
    """JPEG: the same image data with new metadata. PNG, WebP: the same pixels,
    re-encoded losslessly without the source's metadata."""
    data = task.source.read_bytes()
    exif, xmp = task.rights.exif(orientation), task.rights.xmp()
    if outcome.format == "JPEG":
        return jpeg.rewrite(data, exif, xmp)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        outcome.decoded += 1
        buffer = io.BytesIO()
        options: dict[str, object]
        if outcome.format == "PNG":  # PNG keeps XMP in an iTXt chunk
            text = PngImagePlugin.PngInfo()
            text.add_itxt("XML:com.adobe.xmp", xmp.decode("utf-8"))
            options = {"pnginfo": text}
        else:
            options = {"xmp": xmp}
        image.save(buffer, outcome.format, exif=exif, icc_profile=image.info.get("icc_profile"), **options,
                   **LOSSLESS[outcome.format])
        outcome.encoded += 1
        return buffer.getvalue()


def _renditions(image: Image.Image, orientation: int, every: list[tuple[int, Encoding, str]], task: Task,
                outcome: Outcome) -> None:
    """Encode the renditions the entry lacks. Each width is resized from the next wider one (a third of
    the work, the same look), and always from the same decoded image down every width, so a rendition
    made alone (the others kept) has the same bytes as one made with all of them."""
    widest = every[0][0]
    target = (widest, max(1, outcome.height * widest // outcome.width))
    image.draft("RGB", target[::-1] if orientation in ROTATED else target)  # JPEG: decode at 1/2, 1/4 or 1/8
    image.load()
    outcome.decoded += 1
    pixels = srgb(ImageOps.exif_transpose(image))
    pixels.info = {}  # Pillow would carry the source's comment, ICC profile and DPI over into the renditions
    exif, xmp = task.rights.for_renditions().exif(), task.rights.for_renditions().xmp()
    missing = [name for _, _, name in every if name not in task.made]
    resized = pixels
    for width, encoding, name in every:
        size = (width, max(1, round(outcome.height * width / outcome.width)))
        if resized.size != size:
            resized = resized.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        if name in missing:
            buffer = io.BytesIO()
            resized.save(buffer, encoding.pillow, exif=exif, xmp=xmp, **encoding.options())
            store(task.entry / PurePath(name).stem, encoding.extension, buffer.getvalue())
            outcome.encoded += 1
            if name == missing[-1]:
                return


def srgb(image: Image.Image) -> Image.Image:
    """Plain RGB in sRGB, what browsers assume, for every mode Pillow opens: colour profiles (a CMYK
    print file, Adobe RGB) are converted; 16- and 32-bit grey is scaled from 0-65535 and floating
    point grey from 0.0-1.0 (Pillow's own conversion clips both to white); transparency is laid on white."""
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "CMYK"):
        with contextlib.suppress(ImageCms.PyCMSError, OSError):  # a broken profile: read as sRGB
            converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                                  ImageCms.createProfile("sRGB"), outputMode="RGB")
            if converted is not None:  # (None only when converting in place)
                return converted
    if image.mode.startswith("I"):
        image = image.convert("I").point(lambda value: value * (1 / 257))
    elif image.mode == "F":
        image = image.point(lambda value: value * 255)
    if image.mode in ("RGBA", "LA", "PA", "RGBa") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        return Image.alpha_composite(white, rgba).convert("RGB")
    return image.convert("RGB")
