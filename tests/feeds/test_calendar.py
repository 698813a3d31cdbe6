"""The press-conference calendars, read with the icalendar library."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

import feeds_fixture as ff
import fixture_site as fx
from feedfiles import BISHKEK
from helpers import LANGS

ANNOUNCEMENTS = [fx.BRIEFING, fx.BUDGET_BRIEFING, fx.CANCELLED, ff.POSTPONED]


def calendar(site, lang: str) -> Calendar:
    return Calendar.from_ical(site.file(f"/{lang}/announcements/calendar.ics").read_bytes())


def events(site, lang: str) -> dict[str, object]:
    return {str(e["UID"]): e for e in calendar(site, lang).walk("VEVENT")}


def uid(story, lang: str) -> str:
    return f"{story.id}/{lang}@meria.kg"


@pytest.mark.parametrize("lang", LANGS)
def test_every_announcement_is_an_event_with_a_stable_uid(feeds_site, lang):
    """Past, upcoming, cancelled and postponed: all there, nothing else."""
    assert set(events(feeds_site, lang)) == {uid(story, lang) for story in ANNOUNCEMENTS}


@pytest.mark.parametrize("lang", LANGS)
def test_times_are_in_bishkek_with_its_vtimezone(feeds_site, lang):
    cal = calendar(feeds_site, lang)
    (tz,) = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Bishkek"
    offsets = {o["TZOFFSETTO"].td for o in tz.walk() if o.name in ("STANDARD", "DAYLIGHT")}
    assert offsets == {timedelta(hours=6)}
    for event in cal.walk("VEVENT"):
        assert event["DTSTART"].params["TZID"] == "Asia/Bishkek"
        assert event["DTSTART"].dt.utcoffset() == timedelta(hours=6)
        assert event["DTSTAMP"].dt.utcoffset() == timedelta(0) and "TZID" not in event["DTSTAMP"].params
    budget = events(feeds_site, lang)[uid(fx.BUDGET_BRIEFING, lang)]
    assert budget["DTSTART"].dt == datetime(2026, 11, 28, 10, 0, tzinfo=BISHKEK)
    assert budget["DTEND"].dt == datetime(2026, 11, 28, 11, 30, tzinfo=BISHKEK)
    assert str(budget["LOCATION"]) == fx.VENUE[lang]
    assert str(budget["URL"]) == feeds_site.url(fx.BUDGET_BRIEFING.urls[lang])
    description = str(budget["DESCRIPTION"])
    assert fx.OFFICIALS["mayor"]["name"][lang] in description
    assert f": {fx.VENUE[lang]}\n" in description, "the facts read as 'label: value' lines"
    assert description.endswith(feeds_site.url(fx.BUDGET_BRIEFING.urls[lang]))


@pytest.mark.parametrize("lang", LANGS)
def test_cancelled_postponed_and_past_events(feeds_site, lang):
    found = events(feeds_site, lang)
    cancelled = found[uid(fx.CANCELLED, lang)]
    assert cancelled["STATUS"] == "CANCELLED" and cancelled["SEQUENCE"] == 1
    postponed = found[uid(ff.POSTPONED, lang)]
    assert postponed["STATUS"] == "CONFIRMED"
    assert postponed["DTSTART"].dt == datetime(2026, 12, 5, 11, 0, tzinfo=BISHKEK), "moved to the new time"
    assert postponed["DTEND"].dt - postponed["DTSTART"].dt == timedelta(minutes=90), "and keeps its length"
    past = found[uid(fx.BRIEFING, lang)]
    assert past["DTSTART"].dt < datetime(2026, 11, 26, tzinfo=BISHKEK) and past["STATUS"] == "CONFIRMED"


def test_the_calendar_is_linked_from_every_announcement_and_the_home(feeds_site):
    for lang in LANGS:
        calendar_path = f"/{lang}/announcements/calendar.ics"
        pages = [f"/{lang}/"] + [story.urls[lang] for story in ANNOUNCEMENTS]
        for page in pages:
            doc = feeds_site.html(page)
            assert calendar_path in doc.xpath("//main//a/@href"), f"{page} does not link to the calendar"
            assert feeds_site.url(calendar_path) in doc.xpath("//head/link[@type='text/calendar']/@href")
