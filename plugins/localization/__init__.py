"""Localization: gettext and Babel formatting for every template.

Signal: `generator_init`, to add `jinja2.ext.i18n` and our filters to each
generator's Jinja environment. `gettext`/`ngettext` are context functions that
pick the catalog from the page's `lang`, so one environment renders both
languages and the writing plugin only has to say which language a page is in.
Setting: `PORTAL_TRANSLATIONS` (default: the theme's `translations/`).
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context
from pelican import signals

from .catalogs import load_translations
from .formatting import FILTERS


def _install(generator) -> None:
    translations_dir = Path(generator.settings.get("PORTAL_TRANSLATIONS")
                            or Path(generator.theme) / "translations").resolve()

    def catalog(context: Context):
        return load_translations(translations_dir, context.get("lang") or context["DEFAULT_LANG"])

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return catalog(context).gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return catalog(context).ngettext(singular, plural, count)

    env = generator.env
    env.add_extension("jinja2.ext.i18n")
    env.globals.update(gettext=gettext, ngettext=ngettext)
    env.filters.update(FILTERS)


def register() -> None:
    signals.generator_init.connect(_install)
