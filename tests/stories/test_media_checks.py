"""Recordings and captions are read to their end before they are published.

A video or a recording cut short, saved under another format's name, or
damaged inside is a problem naming the file; a caption cue that is not
WebVTT is a problem with its line; lengths come from the stream itself,
never from a header that may say otherwise; an MP4 whose index comes after
its data is published with the index first, its samples untouched.

tests/media/ holds small files made once with ffmpeg (`-f lavfi`, a test
pattern and a sine tone): an H.264 + AAC clip with its index at the end,
Vorbis and Opus tones in Ogg, an AAC tone in M4A. The MP3 and the longer
H.264 clip are the sample content's.
"""

from __future__ import annotations

import struct

import pytest

from helpers import ROOT, text_of
from portal.core import sealed
from sites import assert_built

MEDIA = ROOT / "tests" / "media"
CLIP = ROOT / "content" / "video" / "2026" / "11-21-bus-lanes-timelapse" / "bus-lanes.mp4"
SPOT = ROOT / "content" / "audio" / "2026" / "11-14-heating-hotline-radio" / "heating-hotline.mp3"
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.000\nАвтобус.\n\n00:01.000 --> 00:02.000\nТроллейбус.\n"


def boxes(data: bytes, start: int = 0, end: int | None = None) -> list[tuple[bytes, int, int]]:
    """(type, start, end) of the ISO-BMFF boxes between start and end (32-bit sizes: the files here are small)."""
    found, position, end = [], start, len(data) if end is None else end
    while position < end:
        size, kind = struct.unpack(">I4s", data[position:position + 8])
        found.append((kind, position, position + size))
        position += size
    return found


def chunk_offsets(data: bytes) -> list[int]:
    """Every stco entry of every track: where the file says each chunk of samples is."""
    offsets = []
    moov = next((s, e) for k, s, e in boxes(data) if k == b"moov")

    def walk(start: int, end: int) -> None:
        for kind, s, e in boxes(data, start, end):
            if kind in (b"trak", b"mdia", b"minf", b"stbl"):
                walk(s + 8, e)
            elif kind == b"stco":
                count = struct.unpack(">I", data[s + 12:s + 16])[0]
                offsets.extend(struct.unpack(f">{count}I", data[s + 16:s + 16 + 4 * count]))

    walk(moov[0] + 8, moov[1])
    return offsets


def with_durations(data: bytes, factor: int) -> bytes:
    """The clip with every header duration (mvhd, tkhd, mdhd, version 0) multiplied: a file that lies."""
    patched = bytearray(data)
    for kind, offset in ((b"mvhd", 16), (b"tkhd", 20), (b"mdhd", 16)):
        at = 0
        while (at := data.find(kind, at + 1)) > 0:
            field = at + 4 + offset
            patched[field:field + 4] = struct.pack(">I", struct.unpack(">I", data[field:field + 4])[0] * factor)
    return bytes(patched)


def video(site, story: str, name: str, data: bytes, captions: str = CAPTIONS) -> None:
    folder = site.folder(story)
    (folder / name).write_bytes(data)
    site.photo(story, "still.jpg", size=(320, 180))
    site.describe_photos(story, {"still.jpg": {"alt": {"ky": "Автобус", "ru": "Автобус"}, "credit": "Пресс-кызмат"}})
    for lang in ("ky", "ru"):
        (folder / f"captions.{lang}.vtt").write_text(captions, encoding="utf-8")
        site.story(story, lang, "Видео.", title={"ky": "Видео", "ru": "Видео"}[lang], date="2026-11-21 12:00",
                   slug=story.rsplit("-", 1)[-1], video=name, poster="still.jpg")


def audio(site, story: str, name: str, data: bytes) -> None:
    (site.folder(story) / name).write_bytes(data)
    site.story(story, "ru", "Запись.", title="Запись", date="2026-11-14 09:00", slug=story.rsplit("-", 1)[-1],
               audio=name)


def flipped(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x55]) + data[at + 1:]


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """One build of every kind of bad recording and caption: (site, its report)."""
    from sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("bad-media"))
    clip, spot, vorbis = CLIP.read_bytes(), SPOT.read_bytes(), (MEDIA / "tone-vorbis.ogg").read_bytes()
    video(site, "video/2026/11-20-cut", "cut.mp4", clip[:len(clip) * 2 // 3])
    video(site, "video/2026/11-20-noindex", "noindex.mp4", (MEDIA / "clip-index-last.mp4").read_bytes()[:4000])
    video(site, "video/2026/11-20-mislabelled", "sound.mp4", spot)
    audio(site, "audio/2026/11-14-cut", "cut.mp3", spot[:len(spot) * 2 // 3 + 7])
    audio(site, "audio/2026/11-14-ogg", "ogg.mp3", vorbis)
    audio(site, "audio/2026/11-14-crc", "crc.ogg", flipped(vorbis, len(vorbis) // 2))
    audio(site, "audio/2026/11-14-short", "short.ogg", vorbis[:len(vorbis) - 100])
    audio(site, "audio/2026/11-14-aac", "aac.m4a", (MEDIA / "tone.m4a").read_bytes()[:2000])
    video(site, "video/2026/11-20-cues", "cues.mp4", clip, captions=(
        "WEBVTT\n\n"
        "00:00.000 --> 00:01.000\nПервая.\n\n"    # lines 3-4: fine
        "00:01.000 -> 00:02.000\nВторая.\n\n"     # line 6: no arrow
        "00:02.000 --> 00:1.500\nТретья.\n\n"     # line 9: a time that is not hh:mm:ss.ttt
        "00:05.000 --> 00:04.000\nЧетвёртая.\n\n"  # line 12: ends before it starts
        "Пятая, без времени.\n"))                  # line 15: not a cue
    result = site.build()
    assert result.returncode == 1 and "Traceback" not in result.text, result.text
    return site, result.text


@pytest.mark.parametrize("where, what", [
    ("video/2026/11-20-cut/cut.mp4", 'the video "cut.mp4" is cut short'),
    ("video/2026/11-20-noindex/noindex.mp4", 'the video "noindex.mp4" is cut short'),
    ("video/2026/11-20-mislabelled/sound.mp4", 'the video "sound.mp4" is an MP3 file, not MP4'),
    ("audio/2026/11-14-cut/cut.mp3", 'the audio "cut.mp3" is cut short'),
    ("audio/2026/11-14-ogg/ogg.mp3", 'the audio "ogg.mp3" is an Ogg file, not MP3'),
    ("audio/2026/11-14-crc/crc.ogg", 'the audio "crc.ogg" is damaged'),
    ("audio/2026/11-14-short/short.ogg", 'the audio "short.ogg" is cut short'),
    ("audio/2026/11-14-aac/aac.m4a", 'the audio "aac.m4a" is cut short'),
], ids=["video-cut", "video-no-index", "video-mislabelled", "mp3-cut", "mp3-mislabelled", "ogg-damaged",
        "ogg-cut", "m4a-cut"])
def test_a_bad_recording_is_a_problem_naming_it(bad, where, what):
    _, report = bad
    assert f"content/{where}: {what}" in report, report


@pytest.mark.parametrize("line, what", [
    (6, 'no "-->" between its times'),
    (9, '"00:1.500" is not a time'),
    (12, "ends (00:04.000) before it starts (00:05.000)"),
    (15, "not a cue"),
])
def test_a_malformed_caption_cue_is_a_problem_with_its_line(bad, line, what):
    _, report = bad
    where = f"content/video/2026/11-20-cues/captions.ru.vtt:{line}:"
    found = [entry for entry in report.split("\n\n") if where in entry]
    assert found and what in found[0], report
    assert "captions.ru.vtt:3:" not in report


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    from sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("good-media"))
    video(site, "video/2026/11-20-late", "late.mp4", (MEDIA / "clip-index-last.mp4").read_bytes())
    video(site, "video/2026/11-20-lying", "lying.mp4", with_durations(CLIP.read_bytes(), 10))
    audio(site, "audio/2026/11-14-vorbis", "vorbis.ogg", (MEDIA / "tone-vorbis.ogg").read_bytes())
    audio(site, "audio/2026/11-14-opus", "opus.ogg", (MEDIA / "tone-opus.ogg").read_bytes())
    audio(site, "audio/2026/11-14-aac", "aac.m4a", (MEDIA / "tone.m4a").read_bytes())
    audio(site, "audio/2026/11-14-spot", "spot.mp3", SPOT.read_bytes())
    audio(site, "audio/2026/11-15-again", "again.mp3", SPOT.read_bytes())  # the same bytes under another name
    result = site.build()
    assert_built(result)
    return result


@pytest.mark.parametrize("page, length", [
    ("/ru/video/2026/lying/", "0:10"),  # the stream's ten seconds, not the 1:40 its headers claim
    ("/ru/video/2026/late/", "0:02"),
    ("/ru/audio/2026/vorbis/", "0:02"),
    ("/ru/audio/2026/opus/", "0:02"),
    ("/ru/audio/2026/aac/", "0:02"),
    ("/ru/audio/2026/spot/", "0:42"),  # 41.56 s of MPEG frames
])
def test_lengths_come_from_the_stream(good, page, length):
    main = text_of(good.html(page).xpath("//main")[0])
    assert length in main and "1:40" not in main


def test_an_mp4_with_its_index_last_is_published_with_it_first_and_the_same_samples(good):
    source = (MEDIA / "clip-index-last.mp4").read_bytes()
    published = good.file("/media/video/2026/11-20-late/late.mp4").read_bytes()
    order = [kind for kind, _, _ in boxes(published)]
    assert order.index(b"moov") < order.index(b"mdat")
    assert len(published) == len(source)
    mdat = {name: next(data[s:e] for k, s, e in boxes(data) if k == b"mdat")
            for name, data in (("source", source), ("published", published))}
    assert mdat["published"] == mdat["source"]
    moved = published.index(mdat["published"]) - source.index(mdat["source"])
    assert moved > 0 and chunk_offsets(published) == [offset + moved for offset in chunk_offsets(source)]


def test_a_verdict_is_kept_by_the_content_of_the_file(good):
    """Seven recordings, six contents: six verdicts, each read once, whatever the file's name."""
    _, verdicts = sealed.load(good.fixture.cache / "recordings" / "verdicts.pickle")
    assert len(verdicts) == 6
    assert {verdict.format for verdict in verdicts.values()} == {"mp4", "ogg", "mp3"}
