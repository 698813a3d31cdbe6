"""Editors' raw HTML: refuse what runs or embeds, allow-list the rest.

Markdown lets an editor write raw HTML, which is useful (`<abbr>`, a `<div
lang="ru">` quote) and dangerous (`<script>`, `onerror=`, an `<iframe>` that
loads another site). We keep raw HTML but pass every converted file through
an allow-list sanitizer (nh3, the Ammonia crate): only the tags and
attributes that Markdown itself produces, plus a few harmless ones, survive;
everything else is dropped, keeping its text. Escaping all raw HTML instead
would be simpler, but would show `<abbr>` tags as text to readers.

The sanitizer alone would hide an editor's mistake, so `unsafe_parts` also
names what a person tried (a script, an event handler, a `javascript:` link,
an embed) and the stories plugin stops the build on it with the file and
line, like any other content problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from portal.localization.editor import Message, _

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark",
    "small", "sub", "sup", "abbr", "cite", "q", "blockquote", "code", "kbd", "pre", "ul", "ol", "li", "dl",
    "dt", "dd", "a", "img", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
    "td", "div", "span", "time", "section",  # (the last two: the theme's components, in feed items)
}
GENERIC_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# What an editor must be told about rather than have silently removed.
EMBEDDING_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link",
                  "style", "form", "noscript", "template", "svg", "math"}
SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
# A fast first look: only HTML that matches is parsed (most stories have no raw HTML at all).
_SUSPECT = re.compile(r"<(" + "|".join(sorted(EMBEDDING_TAGS)) + r")\b|\son[a-z]+\s*=|(javascript|vbscript|data)\s*:",
                      re.IGNORECASE)


@dataclass(frozen=True)
class UnsafePart:
    """Something in a file's HTML that would run code or load another site."""

    needle: str  # what to look for in the source, to find the line
    message: Message
    hint: Message


def clean(html: str) -> str:
    """The HTML with only allow-listed tags, attributes and URL schemes."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"*": GENERIC_ATTRIBUTES, **ALLOWED_ATTRIBUTES},
                     url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def unsafe_parts(html: str) -> list[UnsafePart]:
    """Scripts, event handlers, script links and embeds in converted HTML.

    Runs on Markdown's output, not the source, so a `<script>` shown inside
    `code` (escaped by Markdown) is text, not a finding.
    """
    if not _SUSPECT.search(html):
        return []
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


class _Finder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[UnsafePart] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in EMBEDDING_TAGS:
            if tag in ("script", "noscript"):
                message = _("the text contains a script (<%(tag)s>): stories may not run code or load other sites",
                            tag=tag)
            else:
                message = _("the text contains a <%(tag)s> element: stories may not run code or load other sites",
                            tag=tag)
            self.found.append(UnsafePart(f"<{tag}", message, _(
                "Remove it. To point readers to a video, map or form elsewhere, write a link: [text](https://…).")))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(UnsafePart(
                    name, _('the text contains an "%(name)s" attribute on <%(tag)s>: it would run a script',
                            name=name, tag=tag),
                    _('Remove %(name)s="…". Write the element in Markdown instead, e.g. ![description](photo.jpg).',
                      name=name)))
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value and SCRIPT_URL.match(value):
                scheme = value.split(":", 1)[0].strip()
                self.found.append(UnsafePart(
                    f"{scheme}:", _('the text contains a "%(scheme)s:" address on <%(tag)s>: it would run a script',
                                    scheme=scheme, tag=tag),
                    _("Link to a page with a full https:// address, or to a file of this story.")))

    handle_startendtag = handle_starttag


def find_line(lines: list[str], needle: str, first: int) -> int:
    """The 1-based line at or after `first` whose text contains `needle` (any case)."""
    needle = needle.lower()
    for number in range(first, len(lines) + 1):
        if needle in lines[number - 1].lower():
            return number
    return first
