"""Video and audio stories: H.264 MP4 with captions in each language, measured lengths, transcripts.

The MP4 is the sample content's ten-second clip (an H.264 video cannot be
made here without an encoder); its variants are patched copies.
"""

from __future__ import annotations

import shutil

import pytest

from helpers import LANGS, ROOT, links, text_of
from sites import assert_built

CLIP = ROOT / "content" / "video" / "2026" / "11-21-bus-lanes-timelapse" / "bus-lanes.mp4"
AUDIO = ROOT / "content" / "audio" / "2026" / "11-14-heating-hotline-radio" / "heating-hotline.mp3"
STORY = "video/2026/11-21-lanes"
CUES = {"ky": "Автобустар тилке менен өтүп жатат.", "ru": "Автобусы едут по выделенной полосе."}


def video_story(site, captions=LANGS, clip: bytes | None = None) -> None:
    folder = site.folder(STORY)
    (folder / "lanes.mp4").write_bytes(clip if clip is not None else CLIP.read_bytes())
    site.photo(STORY, "still.jpg", size=(640, 360))
    site.describe_photos(STORY, {"still.jpg": {"alt": {"ky": "Автобус", "ru": "Автобус"}, "credit": "Пресс-кызмат"}})
    for lang in captions:
        (folder / f"captions.{lang}.vtt").write_text(
            f"WEBVTT\n\n00:00.000 --> 00:04.000\n[Үнү жок]\n\n00:04.000 --> 00:10.000\n<v Диктор>{CUES[lang]}</v>\n",
            encoding="utf-8")
    for lang in LANGS:
        site.story(STORY, lang, "Таймлапс.", title={"ky": "Тилке", "ru": "Полоса"}[lang], date="2026-11-21 12:00",
                   slug="lanes", video="lanes.mp4", poster="still.jpg", duration="99:99")


@pytest.mark.parametrize("lang", LANGS)
def test_a_video_has_captions_tracks_a_transcript_and_its_measured_length(make_site, lang):
    site = make_site()
    video_story(site)
    result = site.build()
    assert_built(result)
    doc = result.html(f"/{lang}/video/2026/lanes/")
    tracks = doc.xpath("//track[@kind='captions']")  # (lxml's HTML parser does not keep <track> inside <video>)
    assert sorted(t.get("srclang") for t in tracks) == sorted(LANGS)
    assert [t.get("srclang") for t in tracks if t.get("default") is not None] == [lang]
    for track in tracks:
        assert result.exists(track.get("src")), track.get("src")
    transcript = text_of(doc.xpath("//*[contains(@class, 'transcript')]")[0])
    assert CUES[lang] in transcript and "Диктор" not in transcript and "0:04" in transcript
    main = text_of(doc.xpath("//main")[0])
    assert "0:10" in main and "99:99" not in main  # measured, not typed
    assert f"/media/{STORY}/lanes.mp4" in links(doc)


def test_a_video_without_captions_in_a_language_stops_the_build(make_site):
    site = make_site()
    video_story(site, captions=("ky",))
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text, result.text
    assert f"{STORY}/index.ru.md:" in result.text and "no captions in ru" in result.text
    assert "captions.ru.vtt" in result.text
    assert f"{STORY}/index.ky.md:" not in result.text


def test_a_video_that_is_not_h264_stops_the_build(make_site):
    site = make_site()
    clip = CLIP.read_bytes()
    entry = clip.rindex(b"avc1")  # the video track's sample entry (the first "avc1" is a brand of the file type)
    video_story(site, clip=clip[:entry] + b"hvc1" + clip[entry + 4:])  # HEVC: not every browser plays it
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text, result.text
    assert 'the video "lanes.mp4" is not H.264 video' in result.text


def test_audio_shows_its_measured_length(make_site):
    site = make_site()
    story = "audio/2026/11-14-spot"
    shutil.copy(AUDIO, site.folder(story) / "spot.mp3")
    site.story(story, "ru", "Расшифровка ролика.", title="Радиоролик", date="2026-11-14 09:00", slug="spot",
               audio="spot.mp3")
    result = site.build()
    assert_built(result)
    doc = result.html("/ru/audio/2026/spot/")
    assert doc.xpath("//audio/source[@type='audio/mpeg']")
    assert "0:42" in text_of(doc.xpath("//main")[0])  # 41.6 s, as ffprobe measures it
    listing = text_of(result.html("/ru/audio/").xpath("//main")[0])
    assert "0:42" in listing


def test_a_recording_replaced_between_builds_is_measured_anew(make_site):
    """Lengths are kept in the build's cache while a file stays the same: a file replaced by one
    that is no recording at all stops the next build."""
    site = make_site()
    story = "audio/2026/11-14-spot"
    shutil.copy(AUDIO, site.folder(story) / "spot.mp3")
    site.story(story, "ru", "Расшифровка ролика.", title="Радиоролик", date="2026-11-14 09:00", slug="spot",
               audio="spot.mp3")
    assert_built(site.build())
    (site.folder(story) / "spot.mp3").write_bytes(b"not a recording " * 100)
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text, result.text
    assert 'the audio "spot.mp3" is not a recording the site can read' in result.text


def test_an_mp3_without_tags_is_measured(tmp_path):
    """An MP3 without its ID3 tag is read and measured all the same."""
    from mutagen.id3 import delete as delete_id3

    from portal.stories.recordings import inspect

    bare = tmp_path / "bare.mp3"
    shutil.copy2(AUDIO, bare)
    delete_id3(bare)
    assert bare.read_bytes()[:3] != b"ID3"
    assert inspect(AUDIO).seconds > 1
    assert inspect(bare).seconds == pytest.approx(inspect(AUDIO).seconds, abs=0.1)
