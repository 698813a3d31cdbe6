"""What the search index holds about a story: one Pagefind record per story and language.

A record is built from the `StoryView` the story page is rendered from, not
from the page: the index needs neither the page's HTML nor its chrome (menus,
footer, the labels of the facts), so it can be built before any page is
rendered, and a theme change does not touch it. The record holds what a
reader may search for: the title, the summary, the names of the officials,
units and topics, the event's place and guests, the decision's number, the
text, the photos' captions, a video's transcript and the corrections; the
filters (`section`, `year`, `official`, `unit`: ids), the sort key `date`
and what a result shows beside its title (`date`, `section`: the same texts
the story page shows).
"""

from __future__ import annotations

from typing import TypedDict

import lxml.html

from portal.localization.formatting import date_in
from portal.pages.summaries import involved
from portal.pages.views import StoryView

# Elements after which a reader's eye stops: Pagefind's own HTML reader ends a sentence there too,
# so that an excerpt does not run a heading into the next paragraph.
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "figcaption",
          "td", "th", "caption", "div", "br", "hr")
UNREAD = ("script", "style", "template")
BREAK = "\u2029"  # PARAGRAPH SEPARATOR: marks where a block ended
SENTENCE_ENDS = (".", "!", "?", "…", ":", ";")


class Record(TypedDict):
    """Pagefind's `add_custom_record` arguments (its service's `AddRecord` request, without the index id)."""

    url: str
    content: str
    language: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def record(story: StoryView) -> Record:
    lang = story.lang
    filters = {"section": [story.section.id], "year": [str(story.date.year)],
               "official": sorted(involved(story)), "unit": [unit.id for unit in story.units]}
    return Record(
        url=story.url, content=content(story), language=lang,
        meta={"title": story.title, "date": date_in(lang, story.date), "section": story.section.name},
        filters={name: values for name, values in filters.items() if values},
        sort={"date": story.date.isoformat()},
    )


def content(story: StoryView) -> str:
    """The story's searchable text, sentence by sentence (the excerpts of results are cut from it)."""
    names = [entry.name for entry in (*story.officials, *story.units, *story.topics)]
    facts: list[str] = []
    if story.event:
        facts += [story.event.venue, *(s.name for s in story.event.speakers), *story.event.guests]
    if story.decision:
        facts += [story.decision.number, story.decision.signatory.name]
    captions = [photo.caption for photo in story.photos]
    transcript = [cue.text for cue in story.media.transcript] if story.media else []
    corrections = [c.note for c in story.corrections]
    parts = [story.title, story.summary, *names, *facts, *text_of(str(story.content)), *captions, *transcript,
             *corrections]
    return " ".join(sentence(part) for part in parts if part and part.strip())


def text_of(html: str) -> list[str]:
    """The text of an HTML fragment, one item per block (paragraph, heading, list item …)."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(root.iter(*UNREAD)):
        element.drop_tree()
    for element in root.iter(*BLOCKS):
        element.tail = BREAK + (element.tail or "")
    return [" ".join(block.split()) for block in root.text_content().split(BREAK) if block.strip()]


def sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith(SENTENCE_ENDS) else f"{text}."
