"""`make monitor`: read the outlets' feeds, store the new items, find their mentions, write the digest.

A feed that cannot be read, or is not a feed, is reported on its own line
and the others go on; the run fails (status 1) only when data/ has a
mistake or no feed at all could be read. Every line is in the department's
language (portal.localization.editor, as the portal's other commands).
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rich.console import Console

from portal.core.problems import Problems
from portal.localization.editor import DEFAULT_LANGUAGE, Message, _, _n, ui_language
from portal.stories.registry import load_registry
from workflow.progress import Display

from .digest import Digest
from .fetching import Answer, Failure, fetch_all, replay
from .languages import LANGUAGES
from .mentions import Matcher
from .outlets import Outlet, load_outlets
from .parsing import NotAFeed, item_language, parse
from .site import write_site
from .store import Store


@dataclass
class Tally:
    feeds: int = 0
    read: int = 0  # feeds that gave items (or said "not modified")
    failed: int = 0
    new: int = 0
    updated: int = 0
    about_us: int = 0


def monitor(root: Path, database: Path, output: Path, now: datetime, saved: Path | None = None) -> int:
    """The whole run; the exit status."""
    lang = ui_language()
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE  # PORTAL_UI_LANG=en: the msgids are the editors' only
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    problems = Problems(root)
    registry = load_registry(root / "data", LANGUAGES, problems)
    outlets = load_outlets(root / "data" / "outlets.yml", problems)
    if problems:
        unique = sorted(set(problems.items), key=lambda p: (p.path, p.line or 0))
        console.print(_("Nothing was read: data/ has problems (%(count)d).", count=len(unique)).text(lang),
                      *map(str, unique), sep="\n\n", markup=False)
        return 1
    if saved is not None and not saved.is_dir():
        console.print(_("Nothing was read: %(folder)s is not a folder of saved feeds.", folder=saved).text(lang),
                      markup=False)
        return 1
    with _one_at_a_time(database), _opened(database) as store:
        matcher = Matcher(registry)
        _match_again_if_changed(store, matcher)
        tally = Tally()
        by_id = {o.id: o for o in outlets}
        with Display(console) as display:
            sources = [f for o in outlets for f in o.feeds]
            answers: Iterable[Answer] = replay(saved, outlets) if saved else fetch_all(sources, store.validators())
            with display.step(_("Reading the feeds"), total=None if saved else len(sources)) as step:
                for answer in answers:
                    line = _take(answer, by_id.get(answer.source.outlet), store, matcher, now, tally, lang)
                    if line:
                        display.console.print(line.text(lang), markup=False)
                    store.commit()
                    step.advance()
        with Display(console) as display, display.step(_("Writing the digest")):
            write_site(Digest(store, outlets, registry), output, now)
    for line in [*_report(tally, saved), _("The digest: %(path)s", path=_shown(output / lang / "index.html", root))]:
        console.print(line.text(lang), markup=False)
    return 0 if tally.read or not tally.feeds else 1


@contextmanager
def _one_at_a_time(database: Path) -> Iterator[None]:
    """A second run on the same database (the scheduled one meeting a manual one) waits for the first."""
    database.parent.mkdir(parents=True, exist_ok=True)
    with database.with_name(database.name + ".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@contextmanager
def _opened(database: Path) -> Iterator[Store]:
    store = Store(database)
    try:
        yield store
    finally:
        store.close()


def _take(answer: Answer, outlet: Outlet | None, store: Store, matcher: Matcher, now: datetime,
          tally: Tally, lang: str) -> Message | None:
    """Store one feed's answer; a line to report, or None when all went well."""
    tally.feeds += 1
    if answer.failure or outlet is None:
        tally.failed += 1
        return _failure(answer, outlet, answer.failure or Failure("unknown-outlet"), lang)
    if answer.not_modified:
        tally.read += 1
        return None
    try:
        parsed = parse(answer.body or b"", answer.content_type)
    except NotAFeed as garbage:
        tally.failed += 1
        return _failure(answer, outlet, Failure("web-page" if garbage.web_page else "not-a-feed"), lang)
    tally.read += 1
    for item in parsed.items:
        language = item_language(answer.source.language, outlet.languages, item)
        status, item_id = store.add(outlet.id, item, language, now)
        if status != "same":
            mentions = matcher.find(item.title, item.summary, language)
            store.set_mentions(item_id, mentions)
            tally.new += status == "new"
            tally.updated += status == "updated"
            tally.about_us += bool(mentions) and not outlet.own
    if answer.validators.etag or answer.validators.last_modified:
        store.remember(answer.source.url, answer.validators)
    if parsed.malformed:
        return _n("%(outlet)s: %(feed)s is not well-formed XML; %(count)d item was read from it anyway.",
                  "%(outlet)s: %(feed)s is not well-formed XML; %(count)d items were read from it anyway.",
                  len(parsed.items), outlet=outlet.name(lang), feed=answer.source.url)
    return None


def _failure(answer: Answer, outlet: Outlet | None, failure: Failure, lang: str) -> Message:
    reasons = {
        "timeout": _("it did not answer in time"),
        "http": _("the site answered %(status)s", status=failure.detail),
        "network": _("no connection (%(detail)s)", detail=failure.detail),
        "too-large": _("it is too large to be a news feed"),
        "web-page": _("it is a web page, not a feed: the address may have changed"),
        "not-a-feed": _("it is not an RSS or Atom feed"),
        "unknown-outlet": _("no outlet in data/outlets.yml has this id"),
    }
    name = outlet.name(lang) if outlet else answer.source.outlet
    return _("%(outlet)s: %(feed)s was not read: %(reason)s.", outlet=name, feed=answer.source.url,
             reason=reasons[failure.kind])


def _report(tally: Tally, saved: Path | None) -> list[Message]:
    lines = [_("Feeds read: %(feeds)d. New items: %(new)d, updated: %(updated)d, about City Hall: %(about)d.",
               feeds=tally.read, new=tally.new, updated=tally.updated, about=tally.about_us)]
    if tally.failed:
        lines.append(_("Feeds not read: %(count)d (see above).", count=tally.failed))
    if saved is not None:
        lines.append(_("Read from the saved files in %(folder)s, not from the internet.", folder=saved))
    return lines


def _match_again_if_changed(store: Store, matcher: Matcher) -> None:
    """When the registries (or the rules) changed, every stored item is matched again."""
    if store.setting("matcher") == matcher.fingerprint:
        return
    for item_id, title, text, language in store.texts():
        store.set_mentions(item_id, matcher.find(title, text, language))
    store.set_setting("matcher", matcher.fingerprint)
    store.commit()


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
