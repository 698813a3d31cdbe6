"""HTML for other sites: safe markup with absolute links, and plain text.

A feed item is read and republished elsewhere: our root-relative links
would break there, and feed readers (and the W3C Feed Validation Service)
treat anything beyond plain document markup as a risk. So the item's HTML
keeps only document elements and attributes, with every address absolute;
the page's accessibility wiring (aria-*, role, ids) stays on the page.
"""

from __future__ import annotations

import re

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
# Elements after which plain text starts a new paragraph.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "figcaption",
          "tr", "div", "section", "figure", "table", "ul", "ol", "dl")


def _fragment(html: str) -> lxml_html.HtmlElement:
    return lxml_html.fragment_fromstring(html, create_parent="div")


def feed_html(html: str, base: str) -> str:
    """`html` with only document markup left and every href/src resolved against `base`."""
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
            for name in list(element.attrib):
                if name not in ATTRIBUTES:
                    del element.attrib[name]
    root.make_links_absolute(base, resolve_base_href=False)
    for element in root.iter("a"):
        if element.get("href", "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            del element.attrib["href"]
    wrapped = etree.tostring(root, encoding="unicode", method="html")
    return wrapped[len("<div>"):-len("</div>")]


def plain_text(html: str) -> str:
    """Paragraphs of text separated by blank lines, no markup; `Term: definition` for a <dl>."""
    if not html.strip():
        return ""
    root = _fragment(html)
    for element in root.iter(*BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("dt"):
        element.tail = ": " + (element.tail or "").lstrip()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in root.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
