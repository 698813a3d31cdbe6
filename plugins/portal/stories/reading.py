"""Find story and page files under content/ and turn them into the model."""

from __future__ import annotations

import hashlib
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import markdown

from portal.localization import editor
from portal.localization.editor import Message, _

from . import characters, frontmatter, layout, packed, sanitize
from .packed import PackedHtml

PAGES_FOLDER = "pages"
MAX_FILE = 1024 * 1024  # bytes of a story file: 500,000 Cyrillic letters, a long decision is a tenth of it
# Processor time to parse one file: a second, and three more per megabyte (a long story takes 0.05 s,
# the largest file allowed 0.4 s here; Python-Markdown took minutes over 120 kB of "[a](b ").
BASE_SECONDS, SECONDS_PER_MB = 1.0, 3.0
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
# The title of a footnote's back-link (↩), in the file's language: a msgid of the theme's catalogs.
FOOTNOTE_BACKLINK = "Back to footnote {} in the text"
_TOP_HEADING = re.compile(r"^#(?!#)\s", re.MULTILINE)


def _parser_identity() -> str:
    """What decides what a parsed file holds: this code, where it lives, and the libraries' versions.

    The parsed files are kept under their folder's stamp and this digest
    (generator.PARSED): a file parsed by other code (another Markdown
    extension, a stricter sanitizer) is parsed again instead of bringing its
    old HTML back. The modules' names count too: the cache pickles
    `ParsedFile` and its parts by them.
    """
    digest = hashlib.blake2b(digest_size=16)
    for module in (sys.modules[__name__], characters, frontmatter, layout, packed, sanitize, editor):  # editor: Message
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


@dataclass(frozen=True)
class Unreadable:
    """Why a file could not be parsed: the line, what is wrong, what to write instead."""

    line: int | None
    message: Message
    hint: Message | None


class MarkdownConverter:
    """One Markdown instance per language for the whole build, reset between files.

    Building a `markdown.Markdown` per file costs ~10% of a stock Pelican
    build; resetting one instance does the same work without it. One per
    language, because Python-Markdown's footnotes title their back-links
    from the instance's configuration: `backlink_titles` gives each
    language's (FOOTNOTE_BACKLINK translated), and `identity` the parser
    they make, under which parsed files are kept (generator.PARSED).
    """

    def __init__(self, backlink_titles: dict[str, str]) -> None:
        self.backlink_titles = backlink_titles
        self._md = self._markdown()
        self.identity = hashlib.blake2b(repr((PARSER, sorted(backlink_titles.items()))).encode(),
                                        digest_size=16).hexdigest()

    def _markdown(self) -> dict[str, markdown.Markdown]:
        return {lang: markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html",
                                        extension_configs={"extra": {"footnotes": {"BACKLINK_TITLE": title}}})
                for lang, title in self.backlink_titles.items()}

    def parse_file(self, path: Path) -> ParsedFile | Unreadable:
        """The file parsed, or what is wrong with it (returned, not raised: files may be parsed
        in a worker process, and every file's mistakes are reported together)."""
        if (size := path.stat().st_size) > MAX_FILE:
            return Unreadable(None, _("the text is too long (%(size)d kB; a story has at most %(limit)d kB)",
                                      size=size // 1024, limit=MAX_FILE // 1024),
                              _("Split it into several stories, or publish a long document as a PDF (a decision's "
                                "`document:`)."))
        try:
            text = path.read_text(encoding="utf-8")
            if not text.strip():
                return ParsedFile({}, {}, PackedHtml.pack(""), [], 1, None, True)
            found = characters.invisible(text)
            if found:
                return Unreadable(found.line, found.message, found.hint)
            return self.parse(text, layout.text_language(path.name) or "")
        except UnicodeDecodeError:
            return Unreadable(None, _("the file is not UTF-8 text"), _("Save it again as UTF-8."))
        except frontmatter.FrontMatterError as error:
            return Unreadable(error.line, error.message, error.hint)
        except TooSlow as slow:
            self._md = self._markdown()  # stopped halfway: its state is not to be trusted
            return Unreadable(None, _("the text takes too long to read (more than %(seconds)s seconds)",
                                      seconds=f"{slow.seconds:.1f}"),
                              _("Look for a long run of unclosed brackets [ ( < { or of # signs, and close or "
                                "remove them; or split the text into several stories."))

    def parse(self, text: str, lang: str) -> ParsedFile:
        """`text` (a file's, front matter and Markdown) in `lang`, or in the first language if that is none."""
        document = frontmatter.parse(text)
        body_line = text.count("\n", 0, text.find(document.body)) + 1 if document.body else 1
        match = _TOP_HEADING.search(document.body)
        heading_line = body_line + document.body.count("\n", 0, match.start()) if match else None
        md = self._md.get(lang) or next(iter(self._md.values()))
        with time_limit(BASE_SECONDS + SECONDS_PER_MB * len(text) / (1 << 20)):
            html = md.reset().convert(document.body)
            cleaned = sanitize.clean(html)
        return ParsedFile(document.meta, document.lines, PackedHtml.pack(cleaned),
                          sanitize.unsafe_parts(html), body_line, heading_line, False)


class TooSlow(BaseException):
    """A file took more than its share of the processor to parse (a BaseException: Markdown's extensions
    catch Exception)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block once it has used `seconds` of processor time (SIGPROF: Python-Markdown
    backtracks for minutes on some shapes of text, and its loops can be interrupted). Only in a main
    thread, where signals are delivered: elsewhere the block runs unbounded."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(*_signal) -> None:
        raise TooSlow(seconds)

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
