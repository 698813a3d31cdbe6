"""Components imported without context write in the language of the page rendering them.

Jinja caches such a component once for the whole environment, so these
tests render both languages, alternately, with one environment: a cached
module must never keep the first page's language.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from jinja2 import Environment, FileSystemLoader

from helpers import LANGS, ROOT, normalize
from portal.localization import localize
from portal.localization.catalogs import load_translations
from portal.localization.language import PAGE_LANG

TRANSLATIONS = (ROOT / "theme" / "translations").resolve()
WHEN = datetime(2026, 11, 26, 10, 30)
LONG_DATE = {"ky": "26-ноябрь, 2026-ж.", "ru": "26 ноября 2026 г."}
PAGE = ('{% from "components/skip_link.html" import skip_link %}'
        '{% from "components/date_time.html" import date_time %}'
        '{{ skip_link() }} {{ date_time(when) }}')


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(ROOT / "theme" / "templates"), trim_blocks=True, lstrip_blocks=True)
    localize(env, TRANSLATIONS)
    return env


def skip_text(lang: str) -> str:
    translated = load_translations(TRANSLATIONS, lang).gettext("Skip to main content")
    assert translated != "Skip to main content", f"the {lang} catalog lacks the skip link's text"
    return translated


def test_one_cached_component_serves_both_languages():
    page = environment().from_string(PAGE)
    for lang in (*LANGS, *LANGS):
        html = normalize(page.render(lang=lang, when=WHEN))
        assert skip_text(lang) in html and LONG_DATE[lang] in html, f"{lang}: {html}"


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_without_lang_writes_in_the_default_language(lang):
    html = normalize(environment().from_string(PAGE).render(DEFAULT_LANG=lang, when=WHEN))
    assert LONG_DATE[lang] in html


def test_a_render_inside_a_page_does_not_change_the_page_language():
    env = environment()
    inner = env.from_string(PAGE)
    env.globals["russian_snippet"] = lambda: inner.render(lang="ru", when=WHEN)
    html = normalize(env.from_string("{{ russian_snippet() }} | " + PAGE).render(lang="ky", when=WHEN))
    snippet, page = html.split(" | ")
    assert LONG_DATE["ru"] in snippet
    assert LONG_DATE["ky"] in page and skip_text("ky") in page
    assert PAGE_LANG.get() is None, "the page language outlived the render"
