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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Reference:
    page: str       # output-relative file it is in
    url: str        # as written
    loaded: bool    # fetched by the browser (not a link to follow)
    in_text: bool   # inside the editor's text (.prose)
    line: int | None


def check(output: Path, siteurl: str, name, line_of, media_url: str = "") -> Iterator[Finding]:
    """Broken references in every page and feed; `name`/`line_of` place them in sources."""
    site = urlsplit(siteurl)
    prefix = site.path.rstrip("/")
    ids: dict[str, set[str]] = {}
    references: list[Reference] = []
    for path in sorted(output.rglob("*")):
        if not path.is_file() or path.relative_to(output).parts[0] == "theme":
            continue
        relative = path.relative_to(output).as_posix()
        if path.suffix == ".html":
            document = lxml_html.fromstring(path.read_bytes())
            ids[relative] = {name for e in document.iter() if isinstance(e.tag, str)
                             for name in (e.get("id"), e.get("name") if e.tag == "a" else None) if name}
            references.extend(page_references(relative, document))
        elif path.suffix in XML_SUFFIXES:
            references.extend(_feed_references(relative, path))
    for ref in references:
        problem = _media(ref.url, output, media_url.rstrip("/")) if media_url and \
            ref.url.startswith(media_url.rstrip("/") + "/") else _resolve(ref, output, site, prefix, ids, media_url)
        if problem:
            message, hint = problem
            if ref.in_text:
                yield Finding(name(ref.page), line_of(ref.page, ref.url), message, hint, "links")
            else:
                page = "/" + ref.page.removesuffix("index.html")
                yield Finding(name(ref.page), ref.line,
                              _("%(problem)s (made by the theme on %(page)s)", problem=message, page=page),
                              _("A developer should fix the template or plugin that writes this address."), "links")


def page_references(relative: str, document) -> Iterator[Reference]:
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
                yield Reference(relative, url, loaded, in_text, element.sourceline)


def _feed_references(relative: str, path: Path) -> Iterator[Reference]:
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return  # reported by the well-formedness check
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("href", "url", "src"):
            if url := element.get(attr):
                yield Reference(relative, url, False, False, element.sourceline)
        if etree.QName(element).localname in ("link", "loc") and (text := (element.text or "").strip()):
            yield Reference(relative, text, False, False, element.sourceline)


def _media(url: str, output: Path, media_url: str) -> tuple[Message, Message] | None:
    """None when an address under the media host names a file of the built media/ folder."""
    relative = unquote(urlsplit(url).path.removeprefix(urlsplit(media_url).path).lstrip("/"))
    if (output / "media" / relative).is_file():
        return None
    return (_('"%(url)s" names a file that is not in the site\'s media folder (media/%(file)s)', url=url,
              file=relative),
            _("Only the files named in the front matter are published: name the file there and put it in "
              "the story's folder."))


def _resolve(ref: Reference, output: Path, site, prefix: str, ids: dict[str, set[str]],
             media_url: str = "") -> tuple[Message, Message] | None:
    """None when the reference resolves; else (message, hint)."""
    page_url = f"{site.scheme}://{site.netloc}{prefix}/{ref.page}" if site.netloc else f"http://site{prefix}/{ref.page}"
    parts = urlsplit(urljoin(page_url, ref.url))
    if parts.scheme in SKIPPED_SCHEMES:
        return None
    base = urlsplit(page_url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        if ref.loaded:
            return (_('the page loads "%(url)s" from another site', url=ref.url),
                    _("Put the file in the story's folder and name it in the front matter; readers' browsers "
                      "block files from other sites."))
        return None
    path = unquote(parts.path)
    if prefix and not path.startswith(prefix + "/") and path != prefix:
        return (_('the link "%(url)s" leads outside the site\'s address (%(prefix)s/)', url=ref.url, prefix=prefix),
                _("Use an address under %(prefix)s", prefix=prefix))
    relative = path.removeprefix(prefix).lstrip("/")
    if media_url and relative.startswith("media/"):
        return (_('"%(url)s" is not on the site: its media are served from %(media)s', url=ref.url, media=media_url),
                _("Show a photo or file by naming it in the front matter, not by its address."))
    target = relative + "index.html" if relative.endswith("/") or not relative else relative
    if not (output / target).is_file():
        if (output / relative / "index.html").is_file():
            target = relative.rstrip("/") + "/index.html"
        else:
            if ref.loaded or Path(relative).suffix not in ("", ".html"):
                return (_('"%(url)s" names a file that is not on the site (%(path)s)', url=ref.url, path=path),
                        _("Only the files named in the front matter (image, document, video, audio, poster) are "
                          "published: name the file there, put it in the story's folder, and link to it by the "
                          "address the site gives it."))
            return (_('the link "%(url)s" leads to a page that does not exist (%(path)s)', url=ref.url, path=path),
                    _("Check the address: open the page on the site and copy it from the address bar "
                      "(a story's is /ky/<section>/<year>/<slug>/)."))
    if parts.fragment and target.endswith(".html") and target in ids and unquote(parts.fragment) not in ids[target]:
        return (_('the link "%(url)s" leads to "#%(fragment)s", which is not on that page', url=ref.url,
                  fragment=parts.fragment),
                _("Check the part after #, or remove it."))
    return None
