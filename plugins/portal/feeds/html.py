"""HTML for other sites: safe markup with absolute links, and plain text.

A feed item is read and republished elsewhere: our root-relative links
would break there, and feed readers (and the W3C Feed Validation Service)
treat anything beyond plain document markup as a risk. So the item's HTML
keeps only document elements and attributes, with every address absolute;
the page's accessibility wiring (aria-*, role, ids) stays on the page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree, html as lxml_html

ELEMENTS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
}
ATTRIBUTES = {"href", "src", "alt", "title", "width", "height", "datetime", "colspan", "rowspan", "scope",
              "headers", "lang", "dir", "cite", "type", "hreflang", "download"}
# Dropped with everything inside them; other unknown elements keep their text.
DROPPED = {"script", "style", "iframe", "object", "embed", "template", "form", "button", "input", "select",
           "textarea", "noscript", "video", "audio", "svg", "math", "canvas", "link", "meta"}
# The kept attributes that hold an address (lxml's `link_attrs` among ATTRIBUTES).
LINKS = ("href", "src", "cite")
SCRIPT_URLS = ("javascript:", "data:", "vbscript:")
# Elements after which plain text starts a new paragraph.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "figcaption",
          "tr", "div", "section", "figure", "table", "ul", "ol", "dl")
_SPACES = re.compile(r"[ \t\r\f\v]+")  # never across a line
_GAPS = re.compile(r"\n{3,}")


def _fragment(html: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(html, create_parent="div")


def feed_html(html: str, base: str) -> str:
    """`html` with only document markup left and every href/src/cite resolved against `base`.

    One pass over the tree does what lxml's `make_links_absolute` would in a
    second one (with its search for `<base>` and its CSS scanning, moot here:
    `style` is dropped): each kept address becomes `urljoin(base, address.strip())`.
    """
    if not html.strip():
        return ""
    root = _fragment(html)
    for element in list(root.iter()):
        if element is root:
            continue
        if not isinstance(element.tag, str) or element.tag in DROPPED:
            element.drop_tree()  # comments, processing instructions, scripts, players
        elif element.tag not in ELEMENTS:
            element.drop_tag()
        else:
            attributes = element.attrib
            for name in [name for name in attributes if name not in ATTRIBUTES]:
                del attributes[name]
            for name in LINKS:
                if name in attributes:
                    attributes[name] = urljoin(base, attributes[name].strip())
            if element.tag == "a" and attributes.get("href", "").strip().lower().startswith(SCRIPT_URLS):
                del attributes["href"]
    wrapped = etree.tostring(root, encoding="unicode", method="html")
    return wrapped[len("<div>"):-len("</div>")]


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
