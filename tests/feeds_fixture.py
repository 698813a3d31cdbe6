"""The feeds fixture site: the shared fixture site plus what only feeds need.

Built once per session (the `feeds_site` fixture in conftest.py) and served
over http, so that newsboat reads the feeds from it, with
PORTAL_FEED_MAX_ITEMS = 8 so that the all-stories feeds are capped. On top
of fixture_site.populate():

- AUDIO: an audio story with a generated MP3, a duration and a cover
  (the podcast); FILM: a self-hosted video with a generated MP4 and poster
  (the video feed; the shared site's VIDEO links out instead).
- POSTPONED: an announcement moved to 5 December.
- LINKS: a Russian-only story whose text has root-relative links, an image,
  a script, an iframe, inline styles and event handlers.
"""

from __future__ import annotations

import struct

import fixture_site as fx
from fixture_site import both

MAX_ITEMS = 8
AUDIO = fx._story("audio/2026/11-25-heating-spot", {"ky": "Жылуулук боюнча радиоролик", "ru": "Радиоролик об отоплении"},
                  "heating-spot")
FILM = fx._story("video/2026/11-24-lanes-film", {"ky": "Автобус тилкелери: тасма", "ru": "Автобусные полосы: фильм"},
                 "lanes-film")
POSTPONED = fx._story("announcements/2026/11-25-snow-briefing",
                      {"ky": "Кар тазалоо боюнча брифинг", "ru": "Брифинг об уборке снега"}, "snow-briefing")
LINKS = fx._story("news/2026/11-26-links", {"ru": "Материал со ссылками"}, {"ru": "material-so-ssylkami"})
EXTRA = [AUDIO, FILM, POSTPONED, LINKS]
AUDIO_DURATION = ("01:05", 65)
LINKS_BODY = """Подробности — в [постановлении](/ru/decisions/2026/parking-tariffs/) и [разделе новостей](../../).

![Схема полос](/media/news/2026/11-26-bus-lanes/lanes.jpg)

<p style="color: red" onclick="alert(1)" aria-hidden="true">Текст с атрибутами.</p>

<script>alert("скрипт")</script>

<iframe src="https://example.com/player"></iframe>
"""


def mp3(frames: int = 40) -> bytes:
    """Silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono): a real, tiny MP3."""
    frame = struct.pack(">I", 0xFFFB90C0) + bytes(413)
    return frame * frames


def mp4() -> bytes:
    """An ISO media file's `ftyp` and an empty `free` box: enough to be served as video/mp4."""
    ftyp = b"ftyp" + b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41"
    return struct.pack(">I", len(ftyp) + 4) + ftyp + struct.pack(">I", 8) + b"free"


def populate(site) -> None:
    """Write the shared fixture site and the feeds' own stories into a `FixtureSite`."""
    fx.populate(site)
    (site.folder(AUDIO.id) / "spot.mp3").write_bytes(mp3())
    site.photo(AUDIO.id, "cover.jpg", size=(600, 600), color=(120, 40, 40))
    for lang in ("ky", "ru"):
        site.story(AUDIO.id, lang, both("Роликтин тексти: жылуулук мезгили башталды.",
                                        "Текст ролика: отопительный сезон начался.")[lang],
                   title=AUDIO.titles[lang], date="2026-11-25 09:00", slug="heating-spot", audio="spot.mp3",
                   duration=AUDIO_DURATION[0], poster="cover.jpg", poster_alt=both("Радио", "Радио")[lang],
                   officials=["vice-mayor-social"], topics=["heating"])
    (site.folder(FILM.id) / "film.mp4").write_bytes(mp4())
    site.photo(FILM.id, "poster.jpg", size=(640, 360), color=(30, 90, 60))
    for lang in ("ky", "ru"):
        site.story(FILM.id, lang, both("Тасмада жаңы тилкелер көрсөтүлөт.", "В фильме показаны новые полосы.")[lang],
                   title=FILM.titles[lang], date="2026-11-24 12:00", slug="lanes-film", video="film.mp4",
                   duration="02:40", poster="poster.jpg", poster_alt=both("Автобус", "Автобус")[lang],
                   poster_credit=both("Басма сөз кызматы", "Пресс-служба")[lang])
        site.story(POSTPONED.id, lang, both("Брифинг жылдырылды.", "Брифинг перенесён.")[lang],
                   title=POSTPONED.titles[lang], date="2026-11-25 11:00", slug="snow-briefing",
                   starts="2026-11-27 10:00", ends="2026-11-27 11:30", venue=fx.VENUE[lang], speakers=["mayor"],
                   event_status="postponed", postponed_to="2026-12-05 11:00")
    site.story(LINKS.id, "ru", LINKS_BODY, title=LINKS.titles["ru"], date="2026-11-26 09:00", units=["transport-roads"])

