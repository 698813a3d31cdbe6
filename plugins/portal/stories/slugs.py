"""Readable Latin slugs from Kyrgyz and Russian titles."""

from __future__ import annotations

import re
import unicodedata

from portal.localization.editor import Message, _

# Russian: the common passport-style romanization (ГОСТ 52535.1 / ICAO-like,
# without diacritics); Kyrgyz letters: ң→ng, ө→o, ү→u. The browser editor names a new
# story's folder with the same letters (workflow/editor.py serves them to admin/start.js).
LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "ң": "ng", "ө": "o", "ү": "u",
}

MAX_LENGTH = 80
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # what a slug, or a registry id, may be: part of an address


def transliterate(text: str) -> str:
    return "".join(LETTERS.get(char, char) for char in text.lower())


def romanize(text: str) -> str:
    """Cyrillic to plain ASCII, keeping case: `Пресс-служба мэрии` → `Press-sluzhba merii`.

    For the places that take ASCII only, such as a photo's EXIF credit.
    """
    latin = "".join(LETTERS.get(char.lower(), char).capitalize() if char.isupper() else LETTERS.get(char, char)
                    for char in text)
    return unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode()


def _separator(char: str) -> str:
    """A space for what is neither a letter, a digit nor an accent: punctuation, symbols and spaces,
    from any script (`–`, `№`, `«`, `/`), separate words instead of vanishing between them."""
    return char if unicodedata.category(char)[0] in "LNM" else " "


def slugify(title: str) -> str:
    """`Бишкекте жаңы автобустар` → `bishkekte-zhangy-avtobustar`; `Бюджет 2026–2027, №412` →
    `biudzhet-2026-2027-412`. (Published addresses keep the slug they were given: see permalinks.py.)"""
    words = "".join(_separator(char) for char in transliterate(title))
    latin = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug


def slug_problem(slug: str) -> Message | None:
    """Why `slug` cannot be an address, or None. (Too long, it would also exceed what a
    file system takes for the folder's name.)"""
    if not slug:
        return _("the title has no letters or digits to make one from")
    if len(slug) > MAX_LENGTH:
        return _("it has %(length)d characters, and an address takes at most %(most)d", length=len(slug),
                 most=MAX_LENGTH)
    if not SLUG.fullmatch(slug):
        return _("only lowercase Latin letters, digits and single hyphens between them")
    return None
