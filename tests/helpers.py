"""Small helpers for reading built pages (no fixtures here: see conftest.py)."""

from __future__ import annotations

import copy
import gzip
import json
import re
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
PELICAN = Path(sys.executable).parent / "pelican"  # the one installed next to this Python
NOW = "2026-11-26 12:00"
LANGS = ("ky", "ru")
OTHER = {"ky": "ru", "ru": "ky"}

# Elements and attributes through which a page makes the browser load something.
LOADED = [("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("source", "src"),
          ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("iframe", "src"),
          ("embed", "src"), ("object", "data"), ("track", "src"), ("input", "src"), ("image", "href")]


def url_to_file(url_path: str) -> str:
    """`/ky/news/` → `ky/news/index.html` (fragment and query stripped)."""
    path = url_path.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def normalize(text: str) -> str:
    """Whitespace collapsed; no-break and narrow no-break spaces count as spaces."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ").replace("\u202f", " ")).strip()


def text_of(element) -> str:
    return normalize(element.text_content())


def page_text(doc) -> str:
    """The text of <body>, scripts and styles left out."""
    body = copy.deepcopy(doc.find(".//body"))
    etree.strip_elements(body, "script", "style", "template", with_tail=False)
    return normalize(" ".join(body.itertext()))


def jsonld(doc) -> list[dict]:
    """Every JSON-LD block of the page, parsed (a parse error fails the caller)."""
    blocks = []
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text or "")
        blocks.extend(data if isinstance(data, list) else [data])
    return blocks


def types_of(blocks: list[dict]) -> set[str]:
    types = set()
    for block in blocks:
        kind = block.get("@type")
        types.update(kind if isinstance(kind, list) else [kind])
    return types


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


def references(doc) -> list[tuple[str, str, str]]:
    """(element, attribute, url) for everything the page makes the browser fetch."""
    found = []
    for tag, attr in LOADED:
        for element in doc.iter(tag):
            value = element.get(attr)
            if not value:
                continue
            if tag == "link" and attr == "href":
                rel = (element.get("rel") or "").lower().split()
                if not rel or set(rel) <= {"alternate", "canonical", "prev", "next"}:
                    continue  # a link to a document, not something the browser loads
            urls = srcset_urls(value) if attr == "srcset" else [value]
            found.extend((tag, attr, url) for url in urls)
    for element in doc.xpath("//*[@style]"):
        found.extend(("style", "style", url) for url in css_urls(element.get("style")))
    for style in doc.iter("style"):
        found.extend(("style", "text", url) for url in css_urls(style.text or ""))
    return found


def css_urls(css: str) -> list[str]:
    urls = re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", css)
    urls += re.findall(r"""@import\s+['"]([^'"]+)['"]""", css)
    return [u for u in urls if not u.startswith("data:")]


def is_same_site(url: str, base: str, siteurl: str) -> bool:
    """True for relative URLs and absolute ones on the site's own scheme/host/port."""
    absolute = urljoin(base, url)
    parts, site = urlsplit(absolute), urlsplit(siteurl)
    return (parts.scheme, parts.netloc) == (site.scheme, site.netloc)


def site_path(url: str, base: str) -> str:
    """The path part of a same-site URL, resolved against the page it is on."""
    return urlsplit(urljoin(base, url)).path


def links(doc, scope: str = "//main") -> list[str]:
    """Site paths of the <a href> links inside `scope` (the whole body if absent), in order."""
    roots = doc.xpath(scope) or doc.xpath("//body")
    base = doc.base_url or ""
    return [site_path(a.get("href"), base) for root in roots for a in root.iter("a") if a.get("href")]


def alternates(doc) -> dict[str, str]:
    """hreflang → href of the page's <link rel="alternate" hreflang>."""
    found = {}
    for link in doc.xpath('//head/link[@hreflang]'):
        if "alternate" in (link.get("rel") or "").split():
            assert link.get("hreflang") not in found, f"hreflang {link.get('hreflang')} given twice"
            found[link.get("hreflang")] = link.get("href")
    return found


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            summary = node.get("failureSummary", "").splitlines()[-1:]
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)


def search_fragment(path: Path) -> dict:
    """One story as the search index holds it (a Pagefind fragment): {"url", "content", "meta", "filters", ...}."""
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    return json.loads(data[len(b"pagefind_dcd"):])


def search_fragment_files(output: Path) -> list[Path]:
    """Every fragment file of every chunk of the site's search index, in a stable order."""
    return sorted((output / "pagefind").glob("*/fragment/*.pf_fragment"))
