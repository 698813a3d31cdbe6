"""Localization: gettext and Babel formatting for every template.

Signal: `generator_init`, to add `jinja2.ext.i18n` and our filters to each
generator's Jinja environment (`localize`). `gettext`/`ngettext` are context
functions that pick the catalog from the page's language, so one
environment renders both languages and a plugin only has to
render each page with its `lang`: components imported without context
(cached by Jinja, shared by both languages) read it from the page being
rendered (see language.py).
Setting: `PORTAL_TRANSLATIONS` (default: the theme's `translations/`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from pelican import signals

from portal.core.settings import SiteSettings

from .catalogs import DOMAIN, load_translations
from .formatting import FILTERS
from .language import LocalizedTemplate, language


def localize(env: Environment, translations_dir: Path, domain: str = DOMAIN) -> None:
    """Make `env` write in each page's language, with the `domain` catalogs in `translations_dir`
    (the theme's `messages` for readers; media monitoring's digest takes the editors' `editor`).

    Call it before the environment loads any template: templates loaded
    earlier keep the plain `Template.render`, which sets no page language.
    """

    @cache  # a page asks for some thirty messages, the same on every page of its language
    def translate(lang: str, message: str) -> str:
        return load_translations(translations_dir, lang, domain).gettext(message)

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return translate(language(context), message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return load_translations(translations_dir, language(context), domain).ngettext(singular, plural, count)

    env.template_class = LocalizedTemplate
    env.add_extension("jinja2.ext.i18n")
    env.globals.update(gettext=gettext, ngettext=ngettext)
    env.filters.update(FILTERS)


def _install(generator) -> None:
    localize(generator.env, SiteSettings.read(generator.settings).catalogs(generator.theme))


def register() -> None:
    signals.generator_init.connect(_install)
