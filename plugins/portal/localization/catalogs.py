"""gettext catalogs, compiled from .po in memory.

Compiling at build time keeps generated .mo files out of git and means an
edited .po takes effect on the next build without a separate step. Two
domains use it: the theme's words for readers (`messages`, in
theme/translations) and the words editors read (`editor`, see editor.py).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "messages"


def catalog_path(translations_dir: Path, lang: str, domain: str = DOMAIN) -> Path:
    return translations_dir / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def load_translations(translations_dir: Path, lang: str, domain: str = DOMAIN) -> Translations:
    """The catalog for `lang`; fuzzy entries count as untranslated."""
    with catalog_path(translations_dir, lang, domain).open("rb") as po:
        catalog = read_po(po, locale=lang, domain=domain)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled, domain=domain)
