"""A feed's bytes → items: plain text, safe links, each item's language; garbage is told from a web page."""

from __future__ import annotations

import pytest

from monitoring.parsing import NotAFeed, item_language, parse

MIXED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Турмуш</title><language>{declared}</language>
<item><title><![CDATA[Бишкекте <b>жаңы</b> мектеп ачылды &amp; окуучулар кубанды]]></title>
<link>https://www.turmush.kg/ky/news:1</link><guid isPermaLink="false">t-1</guid>
<description>&lt;p&gt;Мектеп 1&amp;nbsp;200 окуучуга ылайыкталган&amp;#8230;&lt;/p&gt;</description></item>
<item><title>В Бишкеке открылась новая школа</title><link>/ru/news:2</link><guid>t-2</guid></item>
<item><title>Без ссылки</title><link>javascript:alert(1)</link></item>
</channel></rss>"""


def test_text_is_plain_links_are_web_addresses_and_an_item_without_either_id_or_link_is_left_out():
    parsed = parse(MIXED.format(declared="").encode())
    kyrgyz, russian = parsed.items  # «Без ссылки» has neither a guid nor a web address
    assert kyrgyz.title == "Бишкекте жаңы мектеп ачылды & окуучулар кубанды"
    assert kyrgyz.summary == "Мектеп 1 200 окуучуга ылайыкталган…"  # entities read, spaces collapsed
    assert (kyrgyz.key, kyrgyz.link) == ("t-1", "https://www.turmush.kg/ky/news:1")
    assert russian.link == ""  # a relative link with no base to resolve it against
    assert not parsed.malformed


@pytest.mark.parametrize(("declared", "configured", "expected"), [
    ("", None, ["ky", "ru"]),      # neither the feed nor outlets.yml says: the letters tell (ө, ү, ң)
    ("kg", None, ["ky", "ky"]),    # what the feed declares («kg», as Kyrgyz outlets write it)
    ("ru-RU", "ky", ["ky", "ky"]),  # outlets.yml's word for the feed wins
])
def test_an_items_language(declared, configured, expected):
    items = parse(MIXED.format(declared=declared).encode()).items
    assert [item_language(configured, ("ky", "ru"), item) for item in items] == expected
    assert [item_language(None, ("ru",), item) for item in items] == ["ru", "ru"]  # an outlet's only language


@pytest.mark.parametrize(("body", "content_type", "web_page"), [
    (b"<!doctype html><html><head><title>404</title></head><body>Not found</body></html>", "", True),
    (b"<html><body>login</body></html>", "text/html; charset=utf-8", True),
    (b"\x00\x01 binary garbage \xff\xfe", "application/octet-stream", False),
    (b"", "", False),
])
def test_what_is_not_a_feed_says_whether_it_is_a_web_page(body, content_type, web_page):
    with pytest.raises(NotAFeed) as refused:
        parse(body, content_type)
    assert refused.value.web_page is web_page
