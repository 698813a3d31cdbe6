"""Every internal link and referenced file resolves in the built site.

Pages (HTML) and feeds (XML) are read from the output folder; a same-site
address is resolved the way a static server does (`/ky/news/` →
`ky/news/index.html`), and a `#fragment` must name an element of the
target page. Nothing may be *loaded* from another host (the site's
Content-Security-Policy would block it anyway) but the media host, when
`PORTAL_MEDIA_URL` serves the site's `media/` folder: an address there must
name a file of that folder. Links out are not followed.
A broken link inside a story's text is reported on the editor's file and
line; one elsewhere on the page was made by the theme.

Reading a file (`read`) gives its `Links`: the ids it holds and every
distinct same-site address it refers to, resolved against the file's own
address. What a file refers to changes only with its bytes, so `check`
keeps each file's `Links` while the file stays the same (check.py), and
`broken` resolves every file's references against the site as it is: a
page kept as it was still reports a link that a change elsewhere broke.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree, html as lxml_html

from portal.localization.editor import Message, _

from .report import Finding

# (tag, attribute) through which a page makes the browser load something.
LOADED = {("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("video", "src"),
          ("video", "poster"), ("audio", "src"), ("track", "src"), ("script", "src"), ("iframe", "src"),
          ("embed", "src"), ("object", "data"), ("input", "src")}
DOCUMENT_RELS = {"alternate", "canonical", "prev", "next", "author", "license", "help", "search"}
SKIPPED_SCHEMES = {"mailto", "tel", "data", "javascript"}
XML_SUFFIXES = {".xml", ".atom", ".rss"}
# What can be wrong with a reference (`Links.problems`, `broken`): the words are `explain`'s.
OTHER_SITE, OUTSIDE, MEDIA_ELSEWHERE, MEDIA_MISSING, MISSING_FILE, MISSING_PAGE, MISSING_ID = (
    "other site", "outside", "media elsewhere", "media missing", "missing file", "missing page", "missing id")


@dataclass(frozen=True)
class Reference:
    """A same-site address a file refers to, resolved: `path` is the site path it leads to (without
    the site's prefix), `fragment` the part after #."""

    path: str
    fragment: str
    url: str  # as written
    loaded: bool  # fetched by the browser (not a link to follow)
    in_text: bool  # inside the editor's text (.prose)
    line: int | None
    media: bool = False  # on the media host (PORTAL_MEDIA_URL): `path` is in the site's media/ folder


@dataclass
class Links:
    """What one file holds and refers to (see the module)."""

    ids: frozenset[str] = frozenset()
    references: list[Reference] = field(default_factory=list)
    problems: list[tuple[Reference, str]] = field(default_factory=list)  # (reference, what is wrong): in the file alone


class Site:
    """The built site's files and addresses, to resolve references against."""

    def __init__(self, siteurl: str, files: set[str], media_url: str = "") -> None:
        self.site = urlsplit(siteurl)
        self.prefix = self.site.path.rstrip("/")
        self.files = files
        self.media_url = media_url.rstrip("/")  # where media/ is served from, if not from the site
        self._targets: dict[str, str | None] = {}

    def page_url(self, relative: str) -> str:
        site = self.site
        return f"{site.scheme}://{site.netloc}{self.prefix}/{relative}" if site.netloc else \
            f"http://site{self.prefix}/{relative}"

    def target(self, path: str) -> str | None:
        """The file a site path is served from (a folder's index.html), or None if there is none."""
        if path not in self._targets:
            name = path + "index.html" if path.endswith("/") or not path else path
            if name not in self.files and path.rstrip("/") + "/index.html" in self.files:
                name = path.rstrip("/") + "/index.html"
            self._targets[path] = name if name in self.files else None
        return self._targets[path]


def read(relative: str, path: Path, site: Site) -> Links:
    """The ids and references of a page or feed (other files refer to nothing)."""
    if path.suffix == ".html":
        document = lxml_html.fromstring(path.read_bytes())
        ids = {e.get("id") for e in document.iter() if isinstance(e.tag, str) and e.get("id")}
        ids |= {a.get("name") for a in document.iter("a") if a.get("name")}
        return _links(relative, frozenset(i for i in ids if i), page_references(document), site)
    if path.suffix in XML_SUFFIXES:
        return _links(relative, frozenset(), _feed_references(path), site)
    return Links()


def _links(relative: str, ids: frozenset[str], found: Iterator[tuple[str, bool, bool, int | None]],
           site: Site) -> Links:
    links = Links(ids)
    page_url = site.page_url(relative)
    base = urlsplit(page_url)
    seen: set[tuple[str, str, bool, bool]] = set()
    for url, loaded, in_text, line in found:
        if site.media_url and url.startswith(site.media_url + "/"):
            path = "media/" + unquote(urlsplit(url).path.removeprefix(urlsplit(site.media_url).path).lstrip("/"))
            links.references.append(Reference(path, "", url, loaded, in_text, line, media=True))
            continue
        parts = urlsplit(urljoin(page_url, url))
        if parts.scheme in SKIPPED_SCHEMES:
            continue
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            if loaded:
                links.problems.append((Reference("", "", url, loaded, in_text, line), OTHER_SITE))
            continue
        path = unquote(parts.path)
        if site.prefix and not path.startswith(site.prefix + "/") and path != site.prefix:
            links.problems.append((Reference(path, "", url, loaded, in_text, line), OUTSIDE))
            continue
        key = (sys.intern(path.removeprefix(site.prefix).lstrip("/")), unquote(parts.fragment), loaded, in_text)
        if site.media_url and key[0].startswith("media/"):
            links.problems.append((Reference(path, "", url, loaded, in_text, line), MEDIA_ELSEWHERE))
            continue
        if key not in seen:
            seen.add(key)
            links.references.append(Reference(key[0], key[1], url, loaded, in_text, line))
    return links


def broken(every: dict[str, Links], site: Site) -> Iterator[tuple[str, Reference, str]]:
    """(file, reference, what is wrong) for every reference of every file that does not resolve."""
    for relative, links in every.items():
        for reference, wrong in links.problems:
            yield relative, reference, wrong
        for reference in links.references:
            target = site.target(reference.path)
            if reference.media:
                if target is None:
                    yield relative, reference, MEDIA_MISSING
                continue
            if target is None:
                yield relative, reference, MISSING_FILE if reference.loaded or \
                    Path(reference.path).suffix not in ("", ".html") else MISSING_PAGE
            elif reference.fragment and target.endswith(".html") and target in every \
                    and reference.fragment not in every[target].ids:
                yield relative, reference, MISSING_ID


def explain(wrong: str, reference: Reference, site: Site) -> tuple[Message, Message]:
    """What is wrong with a reference, and what to do, in the editor's words."""
    url, path = reference.url, f"{site.prefix}/{reference.path}"
    if wrong == OTHER_SITE:
        return (_('the page loads "%(url)s" from another site', url=url),
                _("Put the file in the story's folder and name it in the front matter; readers' browsers "
                  "block files from other sites."))
    if wrong == OUTSIDE:
        return (_('the link "%(url)s" leads outside the site\'s address (%(prefix)s/)', url=url, prefix=site.prefix),
                _("Use an address under %(prefix)s", prefix=site.prefix))
    if wrong == MEDIA_ELSEWHERE:
        return (_('"%(url)s" is not on the site: its media are served from %(media)s', url=url, media=site.media_url),
                _("Show a photo or file by naming it in the front matter, not by its address."))
    if wrong == MEDIA_MISSING:
        return (_('"%(url)s" names a file that is not in the site\'s media folder (media/%(file)s)', url=url,
                  file=reference.path.removeprefix("media/")),
                _("Only the files named in the front matter are published: name the file there and put it in "
                  "the story's folder."))
    if wrong == MISSING_FILE:
        return (_('"%(url)s" names a file that is not on the site (%(path)s)', url=url, path=path),
                _("Only the files named in the front matter (image, document, video, audio, poster) are "
                  "published: name the file there, put it in the story's folder, and link to it by the "
                  "address the site gives it."))
    if wrong == MISSING_PAGE:
        return (_('the link "%(url)s" leads to a page that does not exist (%(path)s)', url=url, path=path),
                _("Check the address: open the page on the site and copy it from the address bar "
                  "(a story's is /ky/<section>/<year>/<slug>/)."))
    return (_('the link "%(url)s" leads to "#%(fragment)s", which is not on that page', url=url,
              fragment=reference.fragment),
            _("Check the part after #, or remove it."))


def findings(problems: Iterator[tuple[str, Reference, str]], site: Site, name: Callable[[str], str],
             line_of: Callable[[str, str], int | None]) -> Iterator[Finding]:
    """Broken references as findings; `name`/`line_of` place them in sources."""
    for relative, reference, wrong in problems:
        message, hint = explain(wrong, reference, site)
        if reference.in_text:
            yield Finding(name(relative), line_of(relative, reference.url), message, hint, "links")
        else:
            page = "/" + relative.removesuffix("index.html")
            yield Finding(name(relative), reference.line,
                          _("%(problem)s (made by the theme on %(page)s)", problem=message, page=page),
                          _("A developer should fix the template or plugin that writes this address."), "links")


def check(output: Path, siteurl: str, name: Callable[[str], str], line_of: Callable[[str, str], int | None],
          media_url: str = "") -> Iterator[Finding]:
    """Broken references in every page and feed of `output`, read anew (`workflow.check` keeps what it read)."""
    files = {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}
    site = Site(siteurl, files, media_url)
    every = {relative: read(relative, output / relative, site) for relative in sorted(files)
             if not relative.startswith("theme/")}
    return findings(broken(every, site), site, name, line_of)


def page_references(document) -> Iterator[tuple[str, bool, bool, int | None]]:
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag
        in_text = any("prose" in (a.get("class") or "").split() for a in element.iterancestors())
        for attr in ("href", "src", "srcset", "poster", "data"):
            value = element.get(attr)
            if not value:
                continue
            if tag == "link":
                rel = set((element.get("rel") or "").lower().split())
                loaded = not rel or not rel <= DOCUMENT_RELS
            else:
                loaded = (tag, attr) in LOADED
            urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] \
                if attr == "srcset" else [value.strip()]
            for url in urls:
                yield url, loaded, in_text, element.sourceline


def _feed_references(path: Path) -> Iterator[tuple[str, bool, bool, int | None]]:
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return  # reported by the well-formedness check
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("href", "url", "src"):
            value = element.get(attr)
            if value:
                yield value, False, False, element.sourceline
        if etree.QName(element).localname in ("link", "loc") and (element.text or "").strip():
            yield (element.text or "").strip(), False, False, element.sourceline
