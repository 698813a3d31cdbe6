"""Find story and page files under content/ and turn them into the model."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import markdown

from . import characters, frontmatter, layout, packed, sanitize
from .packed import PackedHtml

PAGES_FOLDER = "pages"
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
# The title of a footnote's back-link (↩), in the file's language: a msgid of the theme's catalogs.
FOOTNOTE_BACKLINK = "Back to footnote {} in the text"
_TOP_HEADING = re.compile(r"^#(?!#)\s", re.MULTILINE)


def _parser_identity() -> str:
    """What decides what a parsed file holds: this code, where it lives, and the libraries' versions.

    Pelican's content cache only checks each file's stamp; a file parsed by
    other code (another Markdown extension, a stricter sanitizer) is parsed
    again instead of bringing its old HTML back. The modules' names count
    too: the cache pickles `ParsedFile` and its parts by them, and a cache
    made before they moved could not be read (generator.forget_other_parsers).
    """
    digest = hashlib.blake2b(digest_size=16)
    for module in (sys.modules[__name__], characters, frontmatter, layout, packed, sanitize):
        digest.update(module.__name__.encode())
        digest.update(Path(str(module.__file__)).read_bytes())
    for package in ("markdown", "nh3", "pyyaml"):
        digest.update(version(package).encode())
    return digest.hexdigest()


PARSER = _parser_identity()


@dataclass
class ParsedFile:
    """What is worth caching of one Markdown file: front matter, its HTML through the
    allow-list, and what the allow-list had to remove that the editor must hear about.

    The HTML is packed (see packed.py): the model keeps this very object.
    A `str` would do worse than take more memory: pickling it (saving the
    content cache) makes CPython keep a UTF-8 copy inside it for as long as
    it lives, which is the whole build: every story's text, twice."""

    meta: dict
    lines: dict[str, int]
    html: PackedHtml
    unsafe: list[sanitize.UnsafePart]
    body_line: int
    top_heading_line: int | None
    empty: bool  # nothing but white space: the browser editor leaves a language nobody wrote empty
    parser: str  # the converter's identity (no default: an older pickle must not find one on the class)


@dataclass(frozen=True)
class Unreadable:
    """Why a file could not be parsed: the line, what is wrong, what to write instead."""

    line: int | None
    message: str
    hint: str


class MarkdownConverter:
    """One Markdown instance per language for the whole build, reset between files.

    Building a `markdown.Markdown` per file costs ~10% of a stock Pelican
    build; resetting one instance does the same work without it. One per
    language, because Python-Markdown's footnotes title their back-links
    from the instance's configuration: `backlink_titles` gives each
    language's (FOOTNOTE_BACKLINK translated), and `identity` the parser
    they make, as ParsedFile.parser records it.
    """

    def __init__(self, backlink_titles: dict[str, str]) -> None:
        self._md = {lang: markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html",
                                            extension_configs={"extra": {"footnotes": {"BACKLINK_TITLE": title}}})
                    for lang, title in backlink_titles.items()}
        self.identity = hashlib.blake2b(repr((PARSER, sorted(backlink_titles.items()))).encode(),
                                        digest_size=16).hexdigest()

    def parse_file(self, path: Path) -> ParsedFile | Unreadable:
        """The file parsed, or what is wrong with it (returned, not raised: files may be parsed
        in a worker process, and every file's mistakes are reported together)."""
        try:
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                return ParsedFile({}, {}, PackedHtml.pack(""), [], 1, None, True, self.identity)
            found = characters.invisible(text)
            if found:
                return Unreadable(found.line, found.message, found.hint)
            return self.parse(text, layout.text_language(path.name) or "")
        except UnicodeDecodeError:
            return Unreadable(None, "the file is not UTF-8 text", "Save it again as UTF-8.")
        except frontmatter.FrontMatterError as error:
            return Unreadable(error.line, error.message, error.hint)

    def parse(self, text: str, lang: str) -> ParsedFile:
        """`text` (a file's, front matter and Markdown) in `lang`, or in the first language if that is none."""
        document = frontmatter.parse(text)
        body_line = text.count("\n", 0, text.find(document.body)) + 1 if document.body else 1
        match = _TOP_HEADING.search(document.body)
        heading_line = body_line + document.body.count("\n", 0, match.start()) if match else None
        md = self._md.get(lang) or next(iter(self._md.values()))
        html = md.reset().convert(document.body)
        return ParsedFile(document.meta, document.lines, PackedHtml.pack(sanitize.clean(html)),
                          sanitize.unsafe_parts(html), body_line, heading_line, False, self.identity)


def list_content(content: Path) -> dict[Path, list[str]]:
    """Every folder under content/ with the names of its files: one walk (os.walk: half the time
    of Path.rglob), which gives a story folder's Markdown and its photos alike."""
    return {Path(folder): names for folder, _folders, names in os.walk(content)}


def markdown_files(folders: dict[Path, list[str]]) -> list[Path]:
    """Every .md file of `list_content`, in a stable order."""
    return sorted(folder / name for folder, names in folders.items() for name in names if name.endswith(".md"))
