"""The search page as a reader uses it: open it with a query, wait for its answer, read the results."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from babel.messages.pofile import read_po

from helpers import ROOT


def message(lang: str, msgid: str) -> str:
    """The theme's translation of a message: what the reader sees."""
    with (ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        entry = read_po(po, locale=lang).get(msgid)
    assert entry is not None and entry.string, f"{msgid!r} is not translated in the {lang} catalog"
    return entry.string


def search(page, site, lang: str, **params) -> list[str]:
    """Open the search page with these parameters; the site paths of the results, in order."""
    query = "&".join(f"{key}={quote(str(value))}" for key, value in params.items())
    page.goto(site.url(f"/{lang}/search/?{query}"))
    return results(page, lang)


def results(page, lang: str) -> list[str]:
    """Once the search page has finished searching: the site paths of the results, in order."""
    found = message(lang, "Stories found:")
    none = message(lang, "Nothing was found. Try other words, or fewer filters.")
    page.wait_for_function("([found, none]) => { const status = document.querySelector('.search-results__status');"
                           " return status.textContent.startsWith(found) || status.textContent === none; }",
                           arg=[found, none])
    return [urlsplit(href).path for href in page.locator(".search-result a").evaluate_all(
        "links => links.map(a => a.href)")]
