"""The digest as a small internal website: monitoring/output/{ky,ru}/, never published.

    index.html                 choose a language
    ky/index.html              the last day (the same page as ky/days/<last day>.html)
    ky/days/2026-11-27.html    each of the last 7 days
    ky/weeks/2026-w48.html     each week of the last 4
    ky/trends.html             30-day trends per official (charts/*.svg)
    ky/summary.html            one printed page for the Mayor's morning
    static/                    the portal theme's stylesheet and the digest's own
    favicon.ico                the portal's

Every page is marked noindex, loads nothing from another host (the
portal's Content-Security-Policy) and links each item to the original.
Words come from the editors' catalogs (editor.po: the press office reads
the digest as it reads the build's reports), dates from Babel, both through
the portal's localization plugin. The site is written beside the old one and
swapped in whole, so a reader never sees half of it.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_interval
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context

from portal.localization import localize
from portal.localization.editor import CATALOGS, DOMAIN, _
from portal.localization.language import language

from .charts import trend_svg
from .digest import BISHKEK, Digest, Period, Trend
from .languages import LANGUAGES, SHORT_DATE, WEEKDAY_DATE

HERE = Path(__file__).resolve().parent
THEME = HERE.parent / "theme"  # the portal's look: its stylesheet and its icon
DAYS, WEEKS, TREND_DAYS = 7, 4, 30
OTHER = {"ky": "ru", "ru": "ky"}
AUTONYMS = {"ky": "Кыргызча", "ru": "Русский"}  # a language's name in itself, the same on every page


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    localize(env, CATALOGS, DOMAIN)
    env.filters.update(date_range=date_range, short_date=short_date, weekday_date=weekday_date)
    return env


@pass_context
def short_date(context: Context, value: date) -> str:
    return _dated(value.date() if isinstance(value, datetime) else value, "short", language(context))


@pass_context
def weekday_date(context: Context, value: date) -> str:
    return _dated(value, "weekday", language(context))


@cache  # a day's items show the same few dates many times over
def _dated(value: date, form: str, lang: str) -> str:
    return format_date(value, (SHORT_DATE if form == "short" else WEEKDAY_DATE)[lang], locale=lang)


@pass_context
def date_range(context: Context, first: date, last: date, skeleton: str = "yMMMMd") -> str:
    """«30 нояб. — 6 дек. 2026 г.»: a period as its language writes one (Babel's interval formats)."""
    return format_interval(first, last, skeleton, locale=language(context))


def write_site(digest: Digest, output: Path, now: datetime) -> None:
    """Write the whole digest, up to its last day (or today, before any item is stored)."""
    last = digest.last_day or now.astimezone(BISHKEK).date()
    days = [digest.day(last - timedelta(days=n)) for n in range(DAYS)]
    weeks = [digest.week(last - timedelta(weeks=n)) for n in range(WEEKS)]
    trends = digest.trends(last, TREND_DAYS)
    staging = output.with_name(output.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    env = environment()
    pages = _pages(days, weeks, trends)
    for lang in LANGUAGES:
        for path, template, variables in pages:
            _write(staging / lang / path, env.get_template(template).render(
                lang=lang, other_lang=OTHER[lang], path=path, root="../" * (path.count("/") + 1),
                generated=now.astimezone(BISHKEK), days=days, weeks=weeks, autonyms=AUTONYMS, **variables))
        top = max((max(t.counts) for t in trends), default=0)
        for trend in trends:
            _write(staging / "charts" / f"{trend.entry.mention.id}.{lang}.svg", trend_svg(trend, lang, top))
    languages = [(lang, AUTONYMS[lang], _("Media monitoring").text(lang)) for lang in LANGUAGES]
    _write(staging / "index.html", env.get_template("chooser.html").render(lang="ky", languages=languages))
    _write(staging / "robots.txt", "User-agent: *\nDisallow: /\n")
    (staging / "static").mkdir()
    shutil.copyfile(THEME / "static" / "css" / "site.css", staging / "static" / "site.css")
    shutil.copyfile(HERE / "static" / "digest.css", staging / "static" / "digest.css")
    shutil.copyfile(THEME / "root" / "favicon.ico", staging / "favicon.ico")
    _swap(staging, output)


def _pages(days: list[Period], weeks: list[Period], trends: list[Trend]) -> list[tuple[str, str, dict[str, object]]]:
    """(path, template, variables) of every page of one language."""
    pages: list[tuple[str, str, dict[str, object]]] = [("index.html", "period.html", {"period": days[0]})]
    pages += [(f"days/{p.slug}.html", "period.html", {"period": p}) for p in days]
    pages += [(f"weeks/{p.slug}.html", "period.html", {"period": p}) for p in weeks]
    pages.append(("trends.html", "trends.html", {"trends": trends}))
    pages.append(("summary.html", "summary.html", {"period": days[0], "trends": trends}))
    return pages


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)


def _swap(new: Path, output: Path) -> None:
    old = output.with_name(output.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)
