"""HTML for other sites: safe markup with absolute links, and plain text.

A feed item is read and republished elsewhere: our root-relative links
would break there, and feed readers (and the W3C Feed Validation Service)
treat anything beyond plain document markup as a risk. So the item's HTML
goes through the same allow-list as the editors' HTML (nh3: document
elements and attributes only), with every address absolute; the page's
accessibility wiring (aria-*, role, ids, classes) stays on the page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import nh3
from lxml import html as lxml_html

from portal.stories.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

# The stories' allow-list (portal/stories/sanitize.py), without the page's own wiring: ids and classes.
FEED_ATTRIBUTES = {"*": {"title", "lang", "dir"}, **ALLOWED_ATTRIBUTES}
# Dropped with everything inside them; other unknown elements keep their text.
DROPPED = {"script", "style", "iframe", "object", "embed", "template", "form", "button", "input", "select",
           "textarea", "noscript", "video", "audio", "svg", "math", "canvas", "link", "meta"}
LINKS = ("href", "src", "cite")  # the kept attributes that hold an address
# Elements after which plain text starts a new paragraph.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "figcaption",
          "tr", "div", "section", "figure", "table", "ul", "ol", "dl")
_SPACES = re.compile(r"[ \t\r\f\v]+")  # never across a line
_GAPS = re.compile(r"\n{3,}")


def _fragment(html: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(html, create_parent="div")


def feed_html(html: str, base: str) -> str:
    """`html` through the stories' allow-list (nh3), every href/src/cite resolved against `base`
    by its attribute filter, and what runs or plays dropped with its content."""
    if not html.strip():
        return ""

    def absolute(_tag: str, attribute: str, value: str) -> str:
        return urljoin(base, value.strip()) if attribute in LINKS else value

    return nh3.clean(html, tags=ALLOWED_TAGS, clean_content_tags=DROPPED, attributes=FEED_ATTRIBUTES,
                     attribute_filter=absolute, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=True)


def plain_text(html: str) -> str:
    """Paragraphs of text separated by blank lines, no markup; `Term: definition` for a <dl>.

    What `feed_html` drops (scripts, players) is dropped here too, so the
    text never needs that pass first: one parse per text."""
    if not html.strip():
        return ""
    root = _fragment(html)
    for element in list(root.iter(*DROPPED)):
        element.drop_tree()
    for element in root.iter(*BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("dt"):
        element.tail = ": " + (element.tail or "").lstrip()
    text = root.text_content()
    if "  " in text or any(space in text for space in "\t\r\f\v"):  # most texts have nothing to collapse
        text = _SPACES.sub(" ", text)
    return _GAPS.sub("\n\n", "\n".join(line.strip() for line in text.split("\n"))).strip()
