"""Reading a built site's feeds, and the rules the W3C Feed Validation Service applies.

The validator (https://validator.w3.org/feed/, source: github.com/w3c/feedvalidator)
cannot run here, so its rules that our feeds could break are written out
below from its source: the tag URI and date patterns, the MIME type
pattern, the HTML it accepts inside an item (`acceptable_elements`,
`acceptable_attributes`, no `style`), and its warnings for relative links
in content (ContainsRelRef) and dates in the future (ImplausibleDate).
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml import etree, html as lxml_html

from helpers import NOW

BISHKEK = ZoneInfo("Asia/Bishkek")
BUILD_CLOCK = datetime.strptime(NOW, "%Y-%m-%d %H:%M").replace(tzinfo=BISHKEK)
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "media": "http://search.yahoo.com/mrss/", "yandex": "http://news.yandex.ru",
      "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "a": "http://www.w3.org/2005/Atom"}
FILES = {"rss.xml": "rss", "atom.xml": "atom", "feed.json": "json", "podcast.xml": "podcast",
         "videos.xml": "video", "calendar.ics": "calendar", "feeds.opml": "opml"}
RSS_FORMATS = ("rss", "podcast", "video")
SUFFIX_MIME = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".mp3": "audio/mpeg",
               ".mp4": "video/mp4"}

# --- from feedvalidator/validators.py -------------------------------------------------------
TAG_URI = re.compile(r"^tag:([a-z0-9\-\._]+?@)?[a-z0-9\.\-]+?,\d{4}(-\d{2}(-\d{2})?)?:"
                     r"[0-9a-zA-Z;/\?:@&=+$\.\-_!~*'\(\)%,]*(#[0-9a-zA-Z;/\?:@&=+$\.\-_!~*'\(\)%,]*)?$")
RFC2822 = re.compile(r"(((Mon)|(Tue)|(Wed)|(Thu)|(Fri)|(Sat)|(Sun)), )?\d\d? ((Jan)|(Feb)|(Mar)|(Apr)|(May)|(Jun)|"
                     r"(Jul)|(Aug)|(Sep)|(Oct)|(Nov)|(Dec)) \d\d\d\d \d\d:\d\d(:\d\d)? (([+-]?\d\d[03]0)|(UT)|"
                     r"(GMT)|(EST)|(EDT)|(CST)|(CDT)|(MST)|(MDT)|(PST)|(PDT)|Z)$")
RFC3339 = re.compile(r"^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*)?(Z|([+-]\d\d:\d\d))$")
MIME = re.compile(r'[^\s()<>,;:\\"/[\]?=]+/[^\s()<>,;:\\"/[\]?=]+(\s*;\s*[^\s()<>,;:\\"/[\]?=]+='
                  r'("(\\"|[^"])*"|[^\s()<>,;:\\"/[\]?=]+))*$')
HTML_ELEMENTS = set(
    "a abbr acronym address area article aside audio b bdi big blockquote br button canvas caption center cite "
    "code col colgroup command data datagrid datalist dd del details dfn dialog dir div dl dt em eventsource "
    "fieldset figcaption figure footer font form header h1 h2 h3 h4 h5 h6 hgroup hr i img input ins keygen kbd "
    "label legend li m main map mark menu meter multicol nav nextid ol output optgroup option p picture pre "
    "progress q rp rt ruby s samp section select small sound source spacer span strike strong sub summary sup "
    "table tbody td template textarea time tfoot th thead tr track tt u ul var video noscript wbr".split())
HTML_ATTRIBUTES = set(
    "abbr accept accept-charset accesskey action align allow allowfullscreen alt as autoplay autocapitalize "
    "autocomplete autofocus axis background balance bgcolor border cellpadding cellspacing char charoff charset "
    "checked cite class clear color cols colspan compact contenteditable coords crossorigin data datetime "
    "decoding default delay dir dirname disabled download draggable enctype end face for form frame headers "
    "height hidden high href hreflang hspace icon id inputmode is ismap itemid itemprop itemref itemscope "
    "itemtype kind label lang loading list longdesc loop low lowsrc max maxlength media method min minlength "
    "multiple muted name nohref noshade nowrap open optimum pattern ping placeholder playsinline poster preload "
    "prompt radiogroup readonly referrerpolicy rel rev reversed rows rowspan rules scope selected shape size "
    "sizes span spellcheck src srclang srcset start step summary tabindex target template title translate type "
    "usemap valign value volume vspace width wrap".split())


def files(result, fmt: str) -> list[Path]:
    """Every feed file of one format in a built site, in a stable order."""
    return sorted(p for name, kind in FILES.items() if kind == fmt for p in result.output.rglob(name))


def url_path(result, path: Path) -> str:
    return "/" + path.relative_to(result.output).as_posix()


def lang_of(result, path: Path) -> str:
    return path.relative_to(result.output).parts[0]


def parse_xml(path: Path) -> etree._Element:
    """Strict: a file that is not well-formed XML fails here."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    return etree.fromstring(path.read_bytes(), parser)


def served_file(result, url: str) -> Path:
    """The output file an absolute URL of the site points at."""
    assert url.startswith(result.siteurl + "/"), f"{url} is not an absolute address on the site"
    return result.file(urlsplit(url).path)


def rfc822_problems(value: str | None, where: str) -> list[str]:
    """An RSS date: RFC 2822 form, the right weekday, Bishkek's +0600, not after the build's clock."""
    if value is None:
        return [f"{where}: missing"]
    if not RFC2822.match(value):
        return [f"{where}: {value!r} is not an RFC 822 date"]
    moment = parsedate_to_datetime(value)
    problems = []
    if moment.strftime("%a") != value[:3]:
        problems.append(f"{where}: {value!r} has the wrong day of the week")
    if not value.endswith(" +0600"):
        problems.append(f"{where}: {value!r} is not in Bishkek time (+0600)")
    if moment > BUILD_CLOCK:
        problems.append(f"{where}: {value!r} is after the build's clock (implausible date)")
    return problems


def rfc3339_problems(value: str | None, where: str) -> list[str]:
    if value is None:
        return [f"{where}: missing"]
    if not RFC3339.match(value):
        return [f"{where}: {value!r} is not an RFC 3339 date"]
    return [f"{where}: {value!r} is after the build's clock"] if datetime.fromisoformat(value) > BUILD_CLOCK else []


def html_problems(html: str, where: str) -> list[str]:
    """Markup the validator flags in an item (SecurityRisk, SecurityRiskAttr,
    DangerousStyleAttr) and relative links (ContainsRelRef)."""
    problems = []
    for element in lxml_html.fragments_fromstring(f"<div>{html}</div>")[0].iter():
        if not isinstance(element.tag, str) or (element.tag == "div" and element.getparent() is None):
            continue
        if element.tag not in HTML_ELEMENTS:
            problems.append(f"{where}: <{element.tag}> is not accepted in feed HTML")
        for name, value in element.attrib.items():
            if name == "style" or (name not in HTML_ATTRIBUTES and not name.startswith("data-")):
                problems.append(f"{where}: <{element.tag} {name}> is not accepted in feed HTML")
            if name in ("href", "src") and not re.match(r"^[a-z][a-z0-9+.-]*:", value):
                problems.append(f"{where}: <{element.tag} {name}={value!r}> is relative")
    return problems
