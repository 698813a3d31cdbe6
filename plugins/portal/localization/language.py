"""The language of the page being rendered, for components imported without context.

Jinja caches a template imported *without* context (`{% from
"components/x.html" import x %}`) once per environment, so one compiled
module serves both languages: its macros' context holds the globals only,
no `lang`. Re-importing every component `with context` on every page (to
hand it `lang`) cost about 40 % of rendering. Instead the page language
travels in a `ContextVar`, set for the duration of each `Template.render`
by the environment's template class (`LocalizedTemplate`), so any plugin
that renders a template with a `lang` variable gets its components
localized without knowing this plugin: the pages, the feed items
and the photo captions alike.

A ContextVar rather than a module global: a render nested in another one
(or run in another thread) gets its own value, and `reset` restores the
outer page's language.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from jinja2 import Template
from jinja2.runtime import Context

PAGE_LANG: ContextVar[str | None] = ContextVar("page_lang", default=None)


def language(context: Context) -> str:
    """The language to write in: the template context's own `lang` (a page,
    or a component imported with context), else the page being rendered's."""
    lang = context.get("lang") or PAGE_LANG.get() or context.get("DEFAULT_LANG")
    if not lang:
        raise LookupError(f"{context.name}: no page language (render it with `lang` or `DEFAULT_LANG`)")
    return lang


class LocalizedTemplate(Template):
    """A template whose `render` makes its `lang` (or `DEFAULT_LANG`) the page language."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        variables = dict(*args, **kwargs)
        token = PAGE_LANG.set(variables.get("lang") or variables.get("DEFAULT_LANG"))
        try:
            return super().render(variables)
        finally:
            PAGE_LANG.reset(token)
