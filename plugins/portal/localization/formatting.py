"""Dates, times, numbers and sizes in the page's language, through Babel.

Each filter takes the page's language from the template context (see
language.py), so templates never pass a locale and a page can never mix
languages by accident.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from babel.dates import format_date as babel_date, format_time as babel_time
from babel.numbers import format_decimal
from babel.units import format_unit
from jinja2 import pass_context
from jinja2.runtime import Context

from .language import language

# Kyrgyz press style puts the day first ("26-ноябрь, 2026-ж."); CLDR's "long"
# format for ky is year-first, so the pattern is given here. Russian uses
# CLDR's own long format ("26 ноября 2026 г.").
LONG_DATE = {"ky": "d-MMMM, y-'ж'.", "ru": "long"}
TIME = "HH:mm"


# Each story's date is shown on its page and in every listing it is in: the
# formatted strings are remembered (Babel takes ~40 µs a date). The patterns
# show the wall-clock fields only, so values are passed (and remembered)
# without their zone: 10:00 in Bishkek and 04:00 UTC are equal datetimes,
# but not the same text.
@cache
def _date(value: date | datetime, pattern: str, lang: str) -> str:
    return babel_date(value, pattern, locale=lang)


@cache
def _time(value: datetime, lang: str) -> str:
    return babel_time(value, TIME, locale=lang)


def _wall_clock(value: date | datetime) -> date | datetime:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else value


def date_in(lang: str, value: date | datetime, form: str = "long") -> str:
    """The date as the site writes it in `lang` (what `format_date` shows in a template)."""
    return _date(_wall_clock(value), LONG_DATE.get(lang, "long") if form == "long" else form, lang)


@pass_context
def format_date(context: Context, value: date | datetime | None, form: str = "long") -> str:
    return date_in(language(context), value, form) if value is not None else ""


@pass_context
def format_time(context: Context, value: datetime | None) -> str:
    return _time(_wall_clock(value), language(context)) if value else ""


@pass_context
def format_datetime(context: Context, value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{format_date(context, value)}, {format_time(context, value)}"


@pass_context
def format_number(context: Context, value: float) -> str:
    return _number(value, language(context))


@cache
def _number(value: float, lang: str) -> str:
    return format_decimal(value, locale=lang)


@pass_context
def format_filesize(context: Context, size: int) -> str:
    """`1,2 МБ`, `340 кБ`: sizes as a reader of that language writes them."""
    return _filesize(size, language(context))


@cache
def _filesize(size: int, lang: str) -> str:
    if size >= 1_000_000:
        return format_unit(size / 1_000_000, "digital-megabyte", length="short", locale=lang, format="#,##0.#")
    return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=lang)


def isoformat(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


FILTERS = {
    "format_date": format_date,
    "format_time": format_time,
    "format_datetime": format_datetime,
    "format_number": format_number,
    "format_filesize": format_filesize,
    "isoformat": isoformat,
}
