"""Dates and times are written in the page's language."""

from __future__ import annotations

import pytest

import fixture_site as fx
from helpers import normalize, page_text, text_of

LONG_DATE = {"ky": "26-ноябрь, 2026-ж.", "ru": "26 ноября 2026 г."}
SIGNED = {"ky": "20-ноябрь, 2026-ж.", "ru": "20 ноября 2026 г."}
FOREIGN_MONTH = {"ky": "ноября", "ru": "ноябрь,"}


def times(doc) -> list[tuple[str, str]]:
    return [(t.get("datetime") or "", text_of(t)) for t in doc.iter("time")]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_story_date_is_written_in_the_page_language(site, lang):
    doc = site.html(fx.BUS_LANES.urls[lang])
    published = [text for machine, text in times(doc) if machine.startswith("2026-11-26T10:30")]
    assert published, f"no <time datetime> for the publication time: {times(doc)}"
    assert LONG_DATE[lang] in published[0]
    assert "10:30" in published[0]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pages_do_not_mix_languages_in_dates(site, lang):
    for url in (fx.BUS_LANES.urls[lang], f"/{lang}/news/", f"/{lang}/"):
        text = page_text(site.html(url))
        assert FOREIGN_MONTH[lang] not in text, f"{url} has a date in the other language"
    assert LONG_DATE[lang] in page_text(site.html(f"/{lang}/news/")), "the section page lists no dated story"


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_decision_signing_date_and_an_event_time(site, lang):
    decision = page_text(site.html(fx.PARKING.urls[lang]))
    assert SIGNED[lang] in decision
    event = site.html(fx.BUDGET_BRIEFING.urls[lang])
    starts = [text for machine, text in times(event) if machine.startswith("2026-11-28T10:00")]
    assert starts, f"no <time> for the start of the briefing: {times(event)}"
    assert normalize(starts[0]).startswith({"ky": "28-ноябрь, 2026-ж.", "ru": "28 ноября 2026 г."}[lang])
    assert "10:00" in starts[0]
