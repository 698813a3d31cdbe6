"""The feeds fixture site: the shared fixture site plus what only feeds need.

Built once per session (the `feeds_site` fixture in conftest.py) and served
over http, so that newsboat reads the feeds from it, with
PORTAL_FEED_MAX_ITEMS = 8 so that the all-stories feeds are capped. On top
of fixture_site.populate():

- AUDIO: an audio story with the sample content's radio spot and a cover
  (the podcast);
  FILM: a self-hosted video (the sample content's H.264 clip, its captions)
  with a poster (the video feed; the shared site's VIDEO links out instead).
- POSTPONED: an announcement moved to 5 December.
- LINKS: a Russian-only story whose text has root-relative links, an image
  and raw HTML with ids and classes.
"""

from __future__ import annotations

import shutil

import fixture_site as fx
from fixture_site import both
from helpers import ROOT

MAX_ITEMS = 8
AUDIO = fx._story("audio/2026/11-25-heating-spot",
                  {"ky": "Жылуулук боюнча радиоролик", "ru": "Радиоролик об отоплении"}, "heating-spot")
FILM = fx._story("video/2026/11-24-lanes-film", {"ky": "Автобус тилкелери: тасма", "ru": "Автобусные полосы: фильм"},
                 "lanes-film")
POSTPONED = fx._story("announcements/2026/11-25-snow-briefing",
                      {"ky": "Кар тазалоо боюнча брифинг", "ru": "Брифинг об уборке снега"}, "snow-briefing")
LINKS = fx._story("news/2026/11-26-links", {"ru": "Материал со ссылками"}, {"ru": "material-so-ssylkami"})
EXTRA = [AUDIO, FILM, POSTPONED, LINKS]
CLIP = ROOT / "content" / "video" / "2026" / "11-21-bus-lanes-timelapse"
SPOT = ROOT / "content" / "audio" / "2026" / "11-14-heating-hotline-radio" / "heating-hotline.mp3"
LINKS_BODY = """Подробности — в [постановлении](/ru/decisions/2026/parking-tariffs/) и [разделе новостей](../../).

![Схема полос](/media/news/2026/11-26-bus-lanes/lanes.jpg)

<p id="intro" class="lead">Текст с атрибутами.</p>
"""


def populate(site) -> None:
    """Write the shared fixture site and the feeds' own stories into a `FixtureSite`."""
    fx.populate(site)
    shutil.copy(SPOT, site.folder(AUDIO.id) / "spot.mp3")
    site.photo(AUDIO.id, "cover.jpg", size=(600, 600), color=(120, 40, 40))
    site.describe_photos(AUDIO.id, {"cover.jpg": {"alt": both("Радио", "Радио"), "credit": fx.BUS_LANES_CREDIT}})
    for lang in ("ky", "ru"):
        site.story(AUDIO.id, lang, both("Роликтин тексти: жылуулук мезгили башталды.",
                                        "Текст ролика: отопительный сезон начался.")[lang],
                   title=AUDIO.titles[lang], date="2026-11-25 09:00", slug="heating-spot", audio="spot.mp3",
                   poster="cover.jpg", officials=["vice-mayor-social"], topics=["heating"])
    for name in ("bus-lanes.mp4", "captions.ky.vtt", "captions.ru.vtt"):
        shutil.copy(CLIP / name, site.folder(FILM.id) / name)
    site.photo(FILM.id, "poster.jpg", size=(640, 360), color=(30, 90, 60))
    site.describe_photos(FILM.id, {"poster.jpg": {"alt": both("Автобус", "Автобус"), "credit": fx.BUS_LANES_CREDIT}})
    for lang in ("ky", "ru"):
        site.story(FILM.id, lang, both("Тасмада жаңы тилкелер көрсөтүлөт.", "В фильме показаны новые полосы.")[lang],
                   title=FILM.titles[lang], date="2026-11-24 12:00", slug="lanes-film", video="bus-lanes.mp4",
                   poster="poster.jpg")
        site.story(POSTPONED.id, lang, both("Брифинг жылдырылды.", "Брифинг перенесён.")[lang],
                   title=POSTPONED.titles[lang], date="2026-11-25 11:00", slug="snow-briefing",
                   starts="2026-11-27 10:00", ends="2026-11-27 11:30", venue=fx.VENUE[lang], speakers=["mayor"],
                   event_status="postponed", postponed_to="2026-12-05 11:00")
    site.story(LINKS.id, "ru", LINKS_BODY, title=LINKS.titles["ru"], date="2026-11-26 09:00", units=["transport-roads"])

