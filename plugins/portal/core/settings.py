"""Every setting of ours: its default, its type, and a clear error when it is wrong.

Pelican hands each plugin its settings as one dict (pelicanconf.py, then
publishconf.py or `-e NAME=value`). Our plugins read our PORTAL_ settings
(and TIMEZONE, SITEURL), and `make publish` its PUBLISH_ ones, only through
here, never with `settings[...]`:

- `DEFAULTS` holds every default, once; docs/architecture.md lists each
  setting (tests/test_settings.py checks that both name the same ones);
- a relative path is resolved against the folder of the settings file
  (`PORTAL_ROOT`, which pelicanconf.py sets to its own folder), never
  against the working directory;
- a wrong value stops the build with `BadSetting`, which names the
  setting, says what is wrong and gives an example;
- the embargo clock `PORTAL_NOW` is read by `parse_datetime`
  (portal/core/dates.py), the parser of the dates editors write, in the
  build and in `make new` alike.

`SiteSettings` are the settings several plugins share; a plugin with
settings of its own reads them with the same functions (photos:
`RenditionSettings`, feeds: `FeedSettings`, search: `PORTAL_SEARCH_CHUNK`;
`make check`: `host_limits`; the admin page: `cms`; `make publish`: workflow/publishing.py's
`PublishSettings`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .dates import parse_datetime

DEFAULTS: dict[str, Any] = {
    "PORTAL_ROOT": None,  # the folder relative paths are resolved against: pelicanconf.py's own
    "PORTAL_DATA": "data",  # registries and permalinks.yml
    "PORTAL_TRANSLATIONS": None,  # the gettext catalogs; None: the theme's translations/
    "PORTAL_STORY_URL": "{lang}/{section}/{year}/{slug}/",
    "PORTAL_PAGE_SIZE": 12,  # stories per listing page
    "PORTAL_NOW": None,  # the embargo clock; None: now
    "PORTAL_PREVIEW": False,  # drafts and embargoed stories too, bannered (`make preview` only)
    "PORTAL_PROCESSES": None,  # cores for reading, rendering, encoding; None: every core
    "PORTAL_LIVE": False,  # the live preview's order: the edited stories' own pages first (workflow/resident.py)
    "PORTAL_SEARCH_CHUNK": 250,  # stories per search index chunk and language
    "PORTAL_SITEMAP_URLS": 50_000,  # pages per sitemap part file: the protocol's limit
    "PORTAL_MEDIA_URL": "",  # where media/ is served from (object storage, a CDN); "": this site
    "PORTAL_HOST_LIMITS": {"site": 1_000_000_000, "file": 100_000_000, "warn": 0.8},  # GitHub Pages' (make check)
    "PORTAL_PHOTO_WIDTHS": [480, 800, 1200, 1600],
    "PORTAL_PHOTO_FORMATS": {"webp": 80, "jpeg": 82},  # format: quality, preferred first
    "PORTAL_PHOTO_LICENCE": "CC-BY-4.0",  # a photo's licence unless it names another
    "PORTAL_PHOTO_LICENCES": {
        "CC-BY-4.0": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        "CC-BY-SA-4.0": {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"},
        "CC0-1.0": {"name": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"},
    },
    "PORTAL_FEED_KINDS": ["all", "sections", "officials", "units", "topics", "podcast", "video", "calendar"],
    "PORTAL_FEED_FORMATS": ["rss", "atom", "json"],
    "PORTAL_FEED_MAX_ITEMS": 50,
    "PORTAL_FEED_ID_AUTHORITY": None,  # required: "meria.kg,2026"; never change it once feeds are out
    "PORTAL_WEBSUB_HUB": "",
    "PORTAL_PODCAST_EMAIL": "",
    "PORTAL_PODCAST_ARTWORK": "img/podcast.png",  # under the theme's static/
    "PORTAL_CMS": None,  # the browser editor on the public site: {"repo": "owner/name", "branch", "base_url", "lang"}
    "PUBLISH_REMOTE": "origin",  # make publish: the git remote it pushes to
    "PUBLISH_BRANCH": "gh-pages",  # the branch the host serves
    "PUBLISH_SOURCE_BRANCH": "main",  # where the addresses it recorded (permalinks.yml) are committed
    "PUBLISH_MEDIA_COMMAND": "",  # with PORTAL_MEDIA_URL: copies {media} (the built media/) there
    "CNAME": None,  # the custom domain, written to the published branch; None: no file
}
LANGUAGE_KEYS = ("name", "locale", "site_name")
LANGUAGES_EXAMPLE = '{"ky": {"name": "Кыргызча", "locale": "ky_KG", "site_name": "Бишкек шаарынын мэриясы"}, …}'


class BadSetting(SystemExit):
    """A setting our plugins cannot use: stops the build (and `make new`) with what to write instead."""

    def __init__(self, name: str, problem: str, example: str) -> None:
        super().__init__(f"The setting {name} {problem}. Write, for example: {name} = {example}")
        self.name = name


def value(settings: Mapping[str, Any], name: str) -> Any:
    """The setting as written, or its default."""
    return settings.get(name, DEFAULTS[name])


def whole_number(settings: Mapping[str, Any], name: str, minimum: int = 1) -> int:
    raw = value(settings, name)
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < minimum:
        raise BadSetting(name, f"must be a whole number of at least {minimum}, not {raw!r}",
                         repr(DEFAULTS[name] or minimum))
    return raw


def flag(settings: Mapping[str, Any], name: str) -> bool:
    raw = value(settings, name)
    if not isinstance(raw, bool):
        raise BadSetting(name, f"must be True or False, not {raw!r}", "False")
    return raw


def text(settings: Mapping[str, Any], name: str, example: str) -> str:
    raw = value(settings, name)
    if raw is None:
        raise BadSetting(name, "is missing", example)
    if not isinstance(raw, str):
        raise BadSetting(name, f"must be text, not {raw!r}", example)
    return raw


def texts(settings: Mapping[str, Any], name: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """A list of names, each one of `known`."""
    raw = value(settings, name)
    if isinstance(raw, str) or not isinstance(raw, list | tuple):
        raise BadSetting(name, f"must be a list, not {raw!r}", repr(list(known)))
    unknown = [item for item in raw if item not in known]
    if unknown:
        raise BadSetting(name, f"names {', '.join(map(repr, unknown))}, which is not one of {', '.join(known)}",
                         repr(list(known)))
    return tuple(raw)


def folder(settings: Mapping[str, Any], name: str) -> Path | None:
    """A path setting, absolute: a relative one is taken from the settings file's folder (PORTAL_ROOT)."""
    raw = value(settings, name)
    if raw is None:
        return None
    if not isinstance(raw, str | os.PathLike):
        raise BadSetting(name, f"must be a path, not {raw!r}", repr(DEFAULTS[name] or "data"))
    path = Path(raw)
    if path.is_absolute():
        return path
    root = value(settings, "PORTAL_ROOT")
    if root is None:
        raise BadSetting("PORTAL_ROOT", f"is missing: {name} ({raw!r}) is relative to it",
                         "os.path.dirname(os.path.abspath(__file__))")
    return Path(root) / path


def clock(settings: Mapping[str, Any], timezone: ZoneInfo) -> datetime | None:
    """PORTAL_NOW read as editors' dates are read (Bishkek time unless it names an offset); None: now."""
    raw = value(settings, "PORTAL_NOW")
    if raw is None or raw == "":
        return None
    moment = parse_datetime(str(raw), timezone)
    if moment is None:
        raise BadSetting("PORTAL_NOW", f'is not a date: "{raw}"', '"2026-11-26 10:30" (Bishkek time)')
    return moment


def processes(settings: Mapping[str, Any]) -> int:
    """PORTAL_PROCESSES, or every core this process may run on."""
    if value(settings, "PORTAL_PROCESSES") is not None:
        return whole_number(settings, "PORTAL_PROCESSES")
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def host_limits(settings: Mapping[str, Any]) -> dict[str, float]:
    """PORTAL_HOST_LIMITS: the host's limits in bytes for the `site` and a `file` (0: none), and from
    which share of them `warn` on (`make check`)."""
    raw = value(settings, "PORTAL_HOST_LIMITS")
    example = repr(DEFAULTS["PORTAL_HOST_LIMITS"])
    if not isinstance(raw, dict) or set(raw) - {"site", "file", "warn"}:
        raise BadSetting("PORTAL_HOST_LIMITS", f"must give site, file and warn, not {raw!r}", example)
    for key in ("site", "file"):
        if isinstance(raw.get(key, 0), bool) or not isinstance(raw.get(key, 0), int) or raw.get(key, 0) < 0:
            raise BadSetting("PORTAL_HOST_LIMITS", f"must give {key} in bytes, not {raw.get(key)!r}", example)
    warn = raw.get("warn", 0.8)
    if isinstance(warn, bool) or not isinstance(warn, int | float) or not 0 < warn <= 1:
        raise BadSetting("PORTAL_HOST_LIMITS", f"must give warn between 0 and 1, not {warn!r}", example)
    return {"site": raw.get("site", 0), "file": raw.get("file", 0), "warn": warn}


CMS_EXAMPLE = '{"repo": "meria-kg/portal", "branch": "main", "base_url": "https://cms-auth.meria.kg"}'
CMS_KEYS = {"repo", "branch", "base_url", "lang"}
CMS_LANGUAGES = ("ky", "ru")  # the editor's interface (labels, help, Decap's own words)


def cms(settings: Mapping[str, Any]) -> dict[str, str] | None:
    """PORTAL_CMS: the GitHub repository (owner/name) and branch the public site's browser editor saves
    to, the address of its OAuth proxy (`base_url`; None: Decap's default, Netlify's), and the
    language of its interface (ky unless `lang` says ru). None: no admin/ on the site."""
    raw = value(settings, "PORTAL_CMS")
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - CMS_KEYS:
        raise BadSetting("PORTAL_CMS", f"must give repo, branch and base_url, not {raw!r}", CMS_EXAMPLE)
    repo, branch = raw.get("repo"), raw.get("branch", "main")
    base_url, lang = raw.get("base_url"), raw.get("lang", CMS_LANGUAGES[0])
    if not isinstance(repo, str) or repo.count("/") != 1 or not all(repo.split("/")):
        raise BadSetting("PORTAL_CMS", f'must give the repository as "owner/name", not {repo!r}', CMS_EXAMPLE)
    if not isinstance(branch, str) or not branch:
        raise BadSetting("PORTAL_CMS", f"must give a branch name, not {branch!r}", CMS_EXAMPLE)
    if base_url is not None and not (isinstance(base_url, str) and base_url.startswith("https://")):
        raise BadSetting("PORTAL_CMS", f"must give base_url as an https:// address or None, not {base_url!r}",
                         CMS_EXAMPLE)
    if lang not in CMS_LANGUAGES:
        raise BadSetting("PORTAL_CMS", f"must give lang as one of {', '.join(CMS_LANGUAGES)}, not {lang!r}",
                         CMS_EXAMPLE)
    made = {"repo": repo, "branch": branch, "lang": lang}
    return made | ({"base_url": base_url.rstrip("/")} if base_url else {})


def languages(settings: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """PORTAL_LANGUAGES: code → name, locale and the site's name in it; the first is the default."""
    raw = settings.get("PORTAL_LANGUAGES")
    if not isinstance(raw, dict) or not raw:
        raise BadSetting("PORTAL_LANGUAGES", "must name the site's languages", LANGUAGES_EXAMPLE)
    for code, info in raw.items():
        missing = [key for key in LANGUAGE_KEYS if not isinstance(info, dict) or not isinstance(info.get(key), str)]
        if missing:
            raise BadSetting("PORTAL_LANGUAGES", f"gives {code!r} no {', '.join(missing)}", LANGUAGES_EXAMPLE)
    return raw


def licences(settings: Mapping[str, Any]) -> tuple[dict[str, dict[str, str]], str]:
    """PORTAL_PHOTO_LICENCES (id → name and url) and PORTAL_PHOTO_LICENCE, the one a photo has unless
    it names another."""
    known = value(settings, "PORTAL_PHOTO_LICENCES")
    example = '{"CC-BY-4.0": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}}'
    if not isinstance(known, dict) or not all(isinstance(info, dict) and isinstance(info.get("name"), str)
                                              and isinstance(info.get("url"), str) for info in known.values()):
        raise BadSetting("PORTAL_PHOTO_LICENCES", "must give each licence a name and a url", example)
    default = value(settings, "PORTAL_PHOTO_LICENCE")
    if default not in known:
        raise BadSetting("PORTAL_PHOTO_LICENCE", f"must be one of PORTAL_PHOTO_LICENCES ({', '.join(known)}), "
                         f"not {default!r}", repr(next(iter(known), "CC-BY-4.0")))
    return known, default


@dataclass(frozen=True)
class SiteSettings:
    """The settings several plugins read."""

    languages: dict[str, dict[str, str]]  # PORTAL_LANGUAGES
    timezone: ZoneInfo  # TIMEZONE (Pelican's): the editors' clock
    siteurl: str  # SITEURL (Pelican's)
    cache: Path  # CACHE_PATH (Pelican's, resolved by Pelican against the settings file)
    data: Path  # PORTAL_DATA
    translations: Path | None  # PORTAL_TRANSLATIONS
    story_url: str  # PORTAL_STORY_URL
    page_size: int  # PORTAL_PAGE_SIZE
    now: datetime | None  # PORTAL_NOW
    preview: bool  # PORTAL_PREVIEW
    processes: int  # PORTAL_PROCESSES, or every core
    media_url: str  # PORTAL_MEDIA_URL

    @classmethod
    def read(cls, settings: Mapping[str, Any]) -> SiteSettings:
        try:
            timezone = ZoneInfo(str(settings.get("TIMEZONE")))
        except (ZoneInfoNotFoundError, ValueError):
            raise BadSetting("TIMEZONE", f"is not a time zone: {settings.get('TIMEZONE')!r}",
                             '"Asia/Bishkek"') from None
        story_url = text(settings, "PORTAL_STORY_URL", repr(DEFAULTS["PORTAL_STORY_URL"]))
        if "{slug}" not in story_url or not story_url.endswith("/"):
            raise BadSetting("PORTAL_STORY_URL", f"must end with / and hold {{slug}}, not {story_url!r}",
                             repr(DEFAULTS["PORTAL_STORY_URL"]))
        media_url = text(settings, "PORTAL_MEDIA_URL", '"https://media.meria.kg"')
        if media_url and not media_url.startswith(("https://", "http://")):
            raise BadSetting("PORTAL_MEDIA_URL", f"must be a full address or empty, not {media_url!r}",
                             '"https://media.meria.kg"')
        known = languages(settings)
        first = next(iter(known))
        if settings.get("DEFAULT_LANG", first) != first:  # Pelican's, which the templates fall back on
            raise BadSetting("DEFAULT_LANG", f"must be the first language of PORTAL_LANGUAGES ({first!r}), "
                             f"not {settings.get('DEFAULT_LANG')!r}", repr(first))
        data = folder(settings, "PORTAL_DATA")
        if data is None:
            raise BadSetting("PORTAL_DATA", "is missing", repr(DEFAULTS["PORTAL_DATA"]))
        return cls(languages=known, timezone=timezone, siteurl=str(settings.get("SITEURL") or ""),
                   cache=Path(str(settings.get("CACHE_PATH", "cache"))), data=data,
                   translations=folder(settings, "PORTAL_TRANSLATIONS"), story_url=story_url,
                   page_size=whole_number(settings, "PORTAL_PAGE_SIZE"), now=clock(settings, timezone),
                   preview=flag(settings, "PORTAL_PREVIEW"), processes=processes(settings), media_url=media_url)

    def clock(self) -> datetime:
        """The embargo clock: PORTAL_NOW when set (tests, `make new`'s dates), else now."""
        return self.now or datetime.now(self.timezone)

    def catalogs(self, theme: str | Path) -> Path:
        """The gettext catalogs: PORTAL_TRANSLATIONS, else the theme's translations/."""
        return (self.translations or Path(theme) / "translations").resolve()
