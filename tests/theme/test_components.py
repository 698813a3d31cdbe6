"""Each component alone, as GOV.UK Frontend tests its own: the macro rendered with
example parameters, its HTML read for what it must show, and axe-core run on
every example in Chromium (one page for all of them).

The examples are the components' specification in numbers: `EXAMPLES` holds
them, at least one per component file, and a test fails on a component without.
The static checks (every call by keyword, every parameter documented at the
top) read the templates' syntax trees: see theme/templates/components/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from jinja2 import Environment, FileSystemLoader, nodes
from lxml import html as lxml_html

from helpers import ROOT, describe_violations, normalize, text_of
from portal.feeds.catalog import Feed, FeedFile, FeedLink
from portal.localization import localize
from portal.pages.views import (
    Correction,
    Cue,
    DecisionView,
    Entry,
    EventView,
    FileView,
    ImageSource,
    ImageView,
    LanguageSwitch,
    Licence,
    MediaView,
    PageView,
    Pagination,
    ProfileView,
    StoryView,
    TrackView,
)
from portal.stories.packed import PackedHtml

TEMPLATES = ROOT / "theme" / "templates"
COMPONENTS = TEMPLATES / "components"
BISHKEK = ZoneInfo("Asia/Bishkek")
NOON = datetime(2026, 11, 26, 12, 0, tzinfo=BISHKEK)


# --------------------------------------------------------------------------- rendering


@cache
def environment() -> Environment:
    """The theme's templates as the build sees them (pelicanconf's JINJA_ENVIRONMENT), with the catalogs."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    localize(env, ROOT / "theme" / "translations")
    return env


def render(component: str, lang: str, params: dict, body: str = "") -> str:
    """The macro of components/<component>.html called alone, in `lang`; `body` is a `{% call %}`'s."""
    call = (f"{{% call {component}(**params) %}}{body}{{% endcall %}}" if body
            else f"{{{{ {component}(**params) }}}}")
    source = f'{{% from "components/{component}.html" import {component} %}}{call}'
    return environment().from_string(source).render(lang=lang, params=params)


@dataclass
class Example:
    component: str
    name: str
    params: dict
    lang: str = "ky"
    body: str = ""  # for a component called with {% call %}
    around: str = "{}"  # the page it is checked in, where it needs one (a skip link, its target)

    @property
    def id(self) -> str:
        return f"{self.component}: {self.name} ({self.lang})"


# --------------------------------------------------------------------------- example views

def entry(id_: str, name: str, url: str, role: str = "") -> Entry:
    return Entry(id=id_, name=name, url=url, role=role)


MAYOR = entry("mayor", "Темирлан Абдыкалыков", "/ky/officials/mayor/", role="Бишкек шаарынын мэри")
TRANSPORT = entry("transport", "Коомдук транспорт", "/ky/topics/transport/")
NEWS = entry("news", "Жаңылыктар", "/ky/news/")
DECISIONS = entry("decisions", "Чечимдер", "/ky/decisions/")
ORIGINAL = FileView(url="/media/news/2026/11-26-bus-lanes/lanes.jpg", name="lanes.jpg", size=2_345_678,
                    mime="image/jpeg")
PHOTO = ImageView(
    url="/media/news/2026/11-26-bus-lanes/lanes-1600.k1.jpg", alt="Чүй проспектиндеги кызыл автобус тилкеси",
    width=1600, height=1000, caption="Жаңы тилке эртең мененки саатта", credit="Мэриянын басма сөз кызматы",
    srcset=("/media/news/2026/11-26-bus-lanes/lanes-800.k1.jpg 800w, "
            "/media/news/2026/11-26-bus-lanes/lanes-1600.k1.jpg 1600w"),
    sources=[ImageSource(mime="image/webp", srcset="/media/news/2026/11-26-bus-lanes/lanes-800.k1.webp 800w")],
    original=ORIGINAL, licence=Licence(name="CC BY 4.0", url="https://creativecommons.org/licenses/by/4.0/"),
    name="lanes.jpg")
SECOND_PHOTO = ImageView(url="/media/news/2026/11-26-bus-lanes/stop-1600.k2.jpg", alt="Жаңы аялдама",
                         width=1600, height=1067, credit="Мэриянын басма сөз кызматы", original=ORIGINAL,
                         licence=Licence(name="CC0 1.0", url="https://creativecommons.org/publicdomain/zero/1.0/"),
                         name="stop.jpg")
PDF = FileView(url="/media/decisions/2026/11-20-parking/Токтом%20№412.pdf", name="Токтом №412.pdf", size=184_320,
               mime="application/pdf")
KIT = FileView(url="/media/news/2026/11-26-bus-lanes/2026-11-26-bus-lanes-photos.zip",
               name="2026-11-26-bus-lanes-photos.zip", size=5_120_000, mime="application/zip")


def story(**changes) -> StoryView:
    """A Kyrgyz news story; `changes` replace its fields."""
    fields = dict(id="news/2026/11-26-bus-lanes", lang="ky", title="Үч көчөдө жаңы автобус тилкелери ачылды",
                  summary="Чүй проспектинде, Манас жана Ахунбаев көчөлөрүндө автобустар үчүн өзүнчө тилке пайда болду.",
                  content=PackedHtml.pack("<p>Тилкелер дүйшөмбүдөн тартып иштейт.</p>"),
                  url="/ky/news/2026/uch-kochodo/", abs_url="https://meria.kg/ky/news/2026/uch-kochodo/",
                  date=datetime(2026, 11, 26, 10, 30, tzinfo=BISHKEK), modified=None, section=NEWS,
                  officials=[MAYOR], topics=[TRANSPORT])
    return StoryView(**{**fields, **changes})


DECISION = DecisionView(number="№412", signed=date(2026, 11, 20), signatory=MAYOR, legal_status="repealed",
                        document=PDF)
PUBLISHED = datetime(2026, 11, 26, 10, 30, tzinfo=BISHKEK)
EVENT = EventView(starts=datetime(2026, 12, 3, 11, 0, tzinfo=BISHKEK),
                  ends=datetime(2026, 12, 3, 12, 0, tzinfo=BISHKEK),
                  venue="Мэриянын чоң залы, Чүй проспектиси, 166", speakers=[MAYOR],
                  guests=["Шаардык кеңештин депутаттары"], accreditation="press@meria.kg, +996 312 66 12 34",
                  status="postponed", postponed_to=datetime(2026, 12, 10, 11, 0, tzinfo=BISHKEK), is_past=False)
VIDEO = MediaView(kind="video", file=FileView(url="/media/video/2026/11-25-snow/snow.mp4", name="snow.mp4",
                                              size=8_400_000, mime="video/mp4"),
                  external_url="", poster=PHOTO, duration="1:05", seconds=65.0,
                  captions=[TrackView(url="/media/video/2026/11-25-snow/captions.ky.vtt", lang="ky", label="Кыргызча"),
                            TrackView(url="/media/video/2026/11-25-snow/captions.ru.vtt", lang="ru", label="Русский")],
                  transcript=[Cue(start="00:04", text="Кар тазалоочу техника түнү бою иштеди.")])
LINKED_VIDEO = MediaView(kind="video", file=None, external_url="https://video.example.kg/watch/412", poster=PHOTO,
                         duration="6:12")
CALENDAR = FeedFile(format="calendar", path="/ky/announcements/calendar.ics",
                    url="https://meria.kg/ky/announcements/calendar.ics")
PAGES = [f"/ky/news/page/{n}/" if n > 1 else "/ky/news/" for n in range(1, 8)]
EXPLAINER = story(id="explainers/2026/11-21-parking", title="Токтотмо жөнүндө жөнөкөй сөз менен",
                  url="/ky/explainers/2026/toktotmo/", section=entry("explainers", "Түшүндүрмөлөр", "/ky/explainers/"))

EXAMPLES = [
    Example("breadcrumbs", "two levels", {"items": [("Башкы бет", "/ky/"), ("Жаңылыктар", "/ky/news/")]}),
    Example("breadcrumbs", "none", {"items": []}),
    Example("calendar_link", "a calendar", {"calendar": CALENDAR}),
    Example("corrections", "one correction", {"corrections": [Correction(NOON, "Аялдаманын аты оңдолду.")],
                                              "heading_level": 3}),
    Example("date_time", "date and time", {"value": PUBLISHED, "style": "datetime"}),
    Example("date_time", "date and time", {"value": PUBLISHED, "style": "datetime"}, lang="ru"),
    Example("decision_facts", "repealed", {"decision": DECISION, "print_base": "https://meria.kg"}),
    Example("event_facts", "postponed", {"event": EVENT, "heading_level": 3}),
    Example("explainer_link", "a decision explained", {"story": story(explained_by=[EXPLAINER])}),
    Example("feed_links", "two formats", {"links": [
        FeedLink(title="Жаңылыктар (RSS)", url="https://meria.kg/ky/news/rss.xml", mime="application/rss+xml"),
        FeedLink(title="Жаңылыктар (Atom)", url="https://meria.kg/ky/news/atom.xml", mime="application/atom+xml")]}),
    Example("feed_subscribe", "a section's", {"links": [
        FeedLink(title="Жаңылыктар (RSS)", url="/ky/news/rss.xml", mime="application/rss+xml", label="RSS"),
        FeedLink(title="Жаңылыктар (Atom)", url="/ky/news/atom.xml", mime="application/atom+xml", label="Atom")]}),
    Example("feed_list", "the calendar", {"feeds": [Feed(
        id="tag:meria.kg,2026:feeds/ky/calendar", kind="calendar", lang="ky", name="", page="/ky/announcements/",
        title="Пресс-конференциялардын календары", description="Мэриянын пресс-конференциялары жана брифингдери.",
        page_url="https://meria.kg/ky/announcements/", files=[CALENDAR])]}),
    Example("figure", "lead photo", {"image": PHOTO}),
    Example("gallery", "two photos", {"photos": [PHOTO, SECOND_PHOTO]}),
    Example("head_meta", "a story", {
        "title": "Жаңы тилкелер — Бишкек шаарынын мэриясы", "description": "Үч көчөдө <b>жаңы</b> тилкелер.",
        "canonical_url": "https://meria.kg/ky/news/2026/uch-kochodo/", "og_type": "article", "image": PHOTO,
        "origin": "https://meria.kg", "jsonld": [{"@type": "NewsArticle", "headline": "</script><b>"}]}),
    Example("kit_card", "three photos", {"story": story(photos=[PHOTO, SECOND_PHOTO, PHOTO], press_kit=KIT)}),
    Example("language_switcher", "translated", {"switch": LanguageSwitch("ru", "/ru/news/2026/tri-ulitsy/", True)}),
    Example("language_switcher", "untranslated story", {"switch": LanguageSwitch("ru", "/ru/news/", False)}),
    Example("language_switcher", "a draft page", {"switch": LanguageSwitch("ky", "/ky/", False, draft=True),
                                                  "fallback": "closest"}, lang="ru"),
    Example("lightbox", "the script", {"theme_url": "/theme"}),
    Example("media", "video file", {"media": VIDEO, "lang": "ky"}),
    Example("media", "video elsewhere", {"media": LINKED_VIDEO, "lang": "ky"}),
    Example("notice", "with a body", {"kind": "warning", "title": "Кийинкиге жылдырылды"},
            body="<p>Жаңы күнү кийин жарыяланат.</p>"),
    Example("official_profile", "photo, biography, contacts", {"profile": ProfileView(
        photo=replace(PHOTO, alt=MAYOR.name), biography=["Бишкекте туулган.", "2025-жылдан бери мэр."],
        phone="+996 312 30-01-01", email="reception@meria.kg", address="", hours="Ар бейшемби, 14:00–17:00")}),
    Example("official_profile", "nothing to show", {"profile": ProfileView(
        photo=None, biography=[], phone="", email="", address="", hours="")}),
    Example("pagination", "page 4 of 7", {"pagination": Pagination(number=4, count=7, first=PAGES[0])}),
    Example("pagination", "a single page", {"pagination": Pagination(number=1, count=1, first=PAGES[0])}),
    Example("picture", "decorative thumbnail", {"image": PHOTO, "sizes": "10rem", "alt": "", "class_": "card__image"}),
    Example("press_kit", "two licences", {"kit": KIT, "photos": [PHOTO, SECOND_PHOTO, PHOTO]}),
    Example("preview_banner", "a draft", {"story": story(unpublished="draft")}),
    Example("registry_title", "units", {"kind": "units"}, lang="ru"),
    Example("search_box", "the header's", {"action": "/ky/search/"}),
    Example("search_form", "the search page's", {"action": "/ky/search/", "sections": [NEWS, DECISIONS],
                                                 "years": [2026, 2025], "officials": [MAYOR], "units": []}),
    Example("site_footer", "with feeds", {"site_pages": [PageView(id="about", title="Биз жөнүндө", summary="",
                                                                   content=PackedHtml.pack(""), url="/ky/about/")],
                                          "year": 2026, "feeds_url": "/ky/feeds/"}),
    Example("site_header", "inside a section", {
        "sections": [NEWS, DECISIONS], "switch": LanguageSwitch("ru", "/ru/news/", True), "home_url": "/ky/",
        "page_url": "/ky/news/2026/uch-kochodo/", "search_url": "/ky/search/"}),
    Example("skip_link", "default target", {}, around='{}<main id="main" tabindex="-1"><p>Мазмун</p></main>'),
    Example("story_card", "a cancelled event", {"story": story(
        section=entry("announcements", "Пресс-конференциялар", "/ky/announcements/"), image=PHOTO,
        event=EventView(starts=NOON, ends=None, venue="Мэрия", speakers=[], guests=[], accreditation="",
                        status="cancelled", postponed_to=None, is_past=False)), "heading_level": 3}),
    Example("story_list", "compact", {"stories": [story(), EXPLAINER], "show_image": False,
                                      "class_": "story-list--compact"}),
    Example("story_meta", "officials and topics", {"story": story(modified=NOON)}),
    Example("tag_list", "with roles", {"entries": [MAYOR], "label": "Кызмат адамдары", "show_role": True}),
]


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """id → the example's HTML."""
    return {example.id: render(example.component, example.lang, example.params, example.body)
            for example in EXAMPLES}


def fragment(rendered: dict[str, str], component: str, name: str, lang: str = "ky"):
    """The example's HTML parsed, under one <div>."""
    return lxml_html.fragment_fromstring(rendered[f"{component}: {name} ({lang})"], create_parent="div")


# --------------------------------------------------------------------------- the components' shape


def components() -> list[Path]:
    return sorted(COMPONENTS.glob("*.html"))


def test_every_component_has_an_example():
    assert {path.stem for path in components()} == {example.component for example in EXAMPLES}


@pytest.mark.parametrize("path", components(), ids=lambda p: p.stem)
def test_a_component_is_one_macro_named_like_its_file_with_its_parameters_documented_at_the_top(path):
    source = path.read_text(encoding="utf-8")
    header = re.match(r"\{#(.*?)#\}", source, re.S)
    assert header, f"{path.name} does not start with its documentation"
    macro = next(m for m in environment().parse(source).find_all(nodes.Macro) if m.name == path.stem)
    undocumented = [arg.name for arg in macro.args if not re.search(rf"^\s+{arg.name}\b", header[1], re.M)]
    assert not undocumented, f"{path.name}: parameters not described under 'Parameters': {undocumented}"


def positional_calls(source: str, name: str) -> list[str]:
    """`name:line: macro` for each call of an imported component that passes a parameter by position."""
    tree = environment().parse(source)
    imported = {alias if isinstance(alias, str) else alias[1]
                for node in tree.find_all(nodes.FromImport) if node.template.value.startswith("components/")
                for alias in node.names}
    return [f"{name}:{call.lineno}: {call.node.name}" for call in tree.find_all(nodes.Call)
            if isinstance(call.node, nodes.Name) and call.node.name in imported and call.args]


def test_the_keyword_check_finds_a_positional_call():
    imports = ('{% from "components/notice.html" import notice %}'
               '{% from "components/picture.html" import picture as p %}\n')
    called = '{% call notice("info") %}{% endcall %}{{ p(image=x) }}'
    assert positional_calls(imports + called, "a.html") == ["a.html:2: notice"]
    assert positional_calls(imports + '{{ p(x, sizes="1rem") }}{{ notice(kind="info") }}', "b.html") == ["b.html:2: p"]


def test_components_are_called_with_keyword_arguments():
    found = [line for path in sorted(TEMPLATES.rglob("*.html"))
             for line in positional_calls(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not found, "call these with their parameters' names:\n" + "\n".join(found)


# --------------------------------------------------------------------------- what each one shows


def test_breadcrumbs_list_the_way_down_and_vanish_without_items(rendered):
    nav = fragment(rendered, "breadcrumbs", "two levels").find("nav")
    assert nav.get("aria-label") == "Навигациялык чынжыр"
    assert [(a.text, a.get("href")) for a in nav.iter("a")] == [("Башкы бет", "/ky/"), ("Жаңылыктар", "/ky/news/")]
    assert not rendered["breadcrumbs: none (ky)"].strip()


def test_calendar_link_is_typed_for_calendar_apps(rendered):
    link = fragment(rendered, "calendar_link", "a calendar").find(".//a")
    assert (link.get("href"), link.get("type")) == ("/ky/announcements/calendar.ics", "text/calendar")


def test_corrections_are_dated_under_the_heading_level_asked_for(rendered):
    section = fragment(rendered, "corrections", "one correction").find("section")
    assert section.find("h3").text == "Оңдоолор"
    assert section.find(".//time").get("datetime") == "2026-11-26T12:00:00+06:00"
    assert text_of(section.find(".//li")).endswith("Аялдаманын аты оңдолду.")


@pytest.mark.parametrize("lang, shown", [("ky", "26-ноябрь, 2026-ж., 10:30"), ("ru", "26 ноября 2026 г., 10:30")])
def test_date_time_is_machine_readable_and_written_in_the_page_language(rendered, lang, shown):
    time = fragment(rendered, "date_time", "date and time", lang).find("time")
    assert (time.get("datetime"), normalize(time.text)) == ("2026-11-26T10:30:00+06:00", shown)


def test_decision_facts_warn_of_a_repeal_and_print_the_document_address(rendered):
    box = fragment(rendered, "decision_facts", "repealed")
    assert text_of(box.find_class("notice--danger")[0]).startswith("Күчүн жоготкон")
    download = box.find_class("download")[0]
    assert download.get("download") == "Токтом №412.pdf"
    assert download.get("data-print-href") == "https://meria.kg" + PDF.url
    assert "(PDF, 184 кБ)" in text_of(box)


def test_event_facts_of_a_postponed_event_give_the_new_date_and_strike_the_old(rendered):
    box = fragment(rendered, "event_facts", "postponed")
    assert box.find(".//h3").text == "Иш-чара жөнүндө маалымат"
    assert box.find_class("notice--warning")
    assert box.find(".//s/time").get("datetime") == "2026-12-03T11:00:00+06:00"
    assert "2026-12-10T11:00:00+06:00" in [t.get("datetime") for t in box.iter("time")]
    assert "/ky/officials/mayor/" in [a.get("href") for a in box.iter("a")]


def test_explainer_link_leads_from_a_decision_to_its_explainers(rendered):
    aside = fragment(rendered, "explainer_link", "a decision explained").find("aside")
    assert [a.get("href") for a in aside.iter("a")] == [EXPLAINER.url]


def test_feed_links_advertise_each_format(rendered):
    links = fragment(rendered, "feed_links", "two formats").findall("link")
    assert [(link.get("rel"), link.get("type")) for link in links] == [("alternate", "application/rss+xml"),
                                                              ("alternate", "application/atom+xml")]


def test_feed_subscribe_offers_each_format_named_for_screen_readers(rendered):
    links = fragment(rendered, "feed_subscribe", "a section's").iter("a")
    assert [(a.text, a.get("type"), text_of(a)) for a in links] == [
        ("RSS", "application/rss+xml", "RSS: Жаңылыктар (RSS)"),
        ("Atom", "application/atom+xml", "Atom: Жаңылыктар (Atom)")]


def test_official_profile_links_phone_and_email_and_vanishes_when_empty(rendered):
    profile = fragment(rendered, "official_profile", "photo, biography, contacts")
    assert profile.find(".//img").get("alt") == MAYOR.name
    assert [h.text for h in profile.iter("h2")] == ["Өмүр баяны", "Байланыш"]
    assert profile.xpath(".//a/@href") == ["tel:+996312300101", "mailto:reception@meria.kg"]
    assert not rendered["official_profile: nothing to show (ky)"].strip()


def test_feed_list_offers_a_calendar_subscription_named_for_screen_readers(rendered):
    files = fragment(rendered, "feed_list", "the calendar").find_class("feed-list__file")
    assert [a.get("href") for a in files] == [CALENDAR.path, "webcal://meria.kg/ky/announcements/calendar.ics"]
    assert all(text_of(a).endswith(": Пресс-конференциялардын календары") for a in files)


def test_figure_credits_licenses_and_offers_the_original(rendered):
    figure = fragment(rendered, "figure", "lead photo").find("figure")
    assert figure.find(".//img").get("fetchpriority") == "high"
    assert figure.find_class("figure__credit")[0].text == "Сүрөт: Мэриянын басма сөз кызматы"
    assert figure.find('.//a[@rel="license"]').get("href") == PHOTO.licence.url
    assert figure.find_class("download")[0].get("href") == ORIGINAL.url


def test_gallery_shows_every_photo_loaded_lazily(rendered):
    gallery = fragment(rendered, "gallery", "two photos")
    assert [img.get("loading") for img in gallery.iter("img")] == ["lazy", "lazy"]
    assert [img.get("alt") for img in gallery.iter("img")] == [PHOTO.alt, SECOND_PHOTO.alt]


def test_head_meta_makes_the_image_absolute_and_keeps_json_ld_inside_its_script(rendered):
    head = lxml_html.fromstring(f"<html><head>{rendered['head_meta: a story (ky)']}</head></html>").find("head")
    assert head.find('meta[@property="og:image"]').get("content") == "https://meria.kg" + PHOTO.url
    assert head.find('meta[@name="description"]').get("content") == "Үч көчөдө жаңы тилкелер."
    scripts = head.findall("script")
    assert len(scripts) == 1 and json.loads(scripts[0].text)["headline"] == "</script><b>"


def test_kit_card_counts_the_photos_in_words_and_links_the_zip(rendered):
    card = fragment(rendered, "kit_card", "three photos")
    assert "3 сүрөт" in text_of(card)
    assert card.find_class("download")[0].get("href") == KIT.url
    assert [a.get("href") for a in card.iter("a")] == [story().url, KIT.url]  # the thumbnail is no second link


def test_language_switcher_names_the_language_in_itself_and_says_when_there_is_no_translation(rendered):
    link = fragment(rendered, "language_switcher", "translated").find(".//a")
    assert (link.text, link.get("lang"), link.get("hreflang")) == ("Русский", "ru", "ru")
    draft = fragment(rendered, "language_switcher", "a draft page", "ru")
    assert [text_of(span) for span in draft.find_class("lang-switch__note")[0]] == [
        "Кыргызская версия этой страницы пока черновик: ссылка ведёт на ближайшую страницу на кыргызском.",
        "Бул беттин кыргызча версиясы азырынча долбоор: шилтеме кыргыз тилиндеги эң жакын бетке алып барат."]
    missing = fragment(rendered, "language_switcher", "untranslated story")
    note = missing.get_element_by_id("lang-switch-note")
    assert missing.find(".//a").get("aria-describedby") == note.get("id")
    assert note.find('span[@lang="ru"]').text.startswith("Эта страница не переведена на русский язык")


def test_lightbox_gets_its_words_from_the_catalog(rendered):
    script = fragment(rendered, "lightbox", "the script").find("script")
    assert (script.get("src"), script.get("data-close")) == ("/theme/js/lightbox.js", "Жабуу")


def test_media_plays_with_the_page_language_captions_on_and_never_embeds(rendered):
    video = fragment(rendered, "media", "video file").find(".//video")
    assert (video.get("preload"), video.get("poster")) == ("none", PHOTO.url)
    assert [t.get("srclang") for t in video.iter("track") if t.get("default") is not None] == ["ky"]
    elsewhere = fragment(rendered, "media", "video elsewhere")
    assert elsewhere.find(".//iframe") is None
    assert text_of(elsewhere.find_class("media__external")[0]) == "Тышкы сайтта көрүү (video.example.kg)"


def test_notice_shows_its_title_and_its_body(rendered):
    box = fragment(rendered, "notice", "with a body").find("div")
    assert box.get("class") == "notice notice--warning"
    assert [text_of(p) for p in box.iter("p")] == ["Кийинкиге жылдырылды", "Жаңы күнү кийин жарыяланат."]


def test_pagination_shows_the_ends_and_the_neighbours_of_the_current_page(rendered):
    nav = fragment(rendered, "pagination", "page 4 of 7")
    numbers = [text_of(li) for li in nav.iter("li") if "pagination__item" in li.get("class")]
    assert numbers == ["Бет 1", "Бет 3", "Бет 4", "Бет 5", "Бет 7"]
    assert nav.find('.//a[@aria-current="page"]').get("href") == PAGES[3]
    assert [a.get("href") for a in nav.xpath(".//a[@rel]")] == [PAGES[2], PAGES[4]]
    assert not rendered["pagination: a single page (ky)"].strip()


def test_picture_keeps_its_size_and_can_be_decorative(rendered):
    img = fragment(rendered, "picture", "decorative thumbnail").find(".//img")
    assert (img.get("alt"), img.get("width"), img.get("height"), img.get("loading")) == ("", "1600", "1000", "lazy")


def test_press_kit_names_each_licence_once(rendered):
    box = fragment(rendered, "press_kit", "two licences")
    assert [a.get("href") for a in box.xpath('.//a[@rel="license"]')] == [PHOTO.licence.url, SECOND_PHOTO.licence.url]
    assert text_of(box.find(".//p")).startswith("3 сүрөт толук өлчөмдө")


def test_preview_banner_says_a_draft_is_a_draft(rendered):
    assert "долбоор" in text_of(fragment(rendered, "preview_banner", "a draft"))


def test_registry_title_is_translated(rendered):
    assert rendered["registry_title: units (ru)"] == "Подразделения мэрии"


def test_search_box_is_a_labelled_get_form(rendered):
    form = fragment(rendered, "search_box", "the header's").find("form")
    assert (form.get("action"), form.get("method"), form.get("role")) == ("/ky/search/", "get", "search")
    assert form.find(".//label").get("for") == form.find(".//input").get("id")


def test_search_form_labels_every_filter_and_offers_the_ids_the_index_holds(rendered):
    form = fragment(rendered, "search_form", "the search page's").find("form")
    labelled = {label.get("for") for label in form.iter("label")}
    assert {field.get("id") for field in form.xpath(".//input|.//select")} <= labelled
    assert [o.get("value") for o in form.xpath('.//select[@name="section"]/option')] == ["", "news", "decisions"]


def test_site_footer_links_the_pages_and_the_feeds(rendered):
    footer = fragment(rendered, "site_footer", "with feeds")
    assert [(text_of(a), a.get("href")) for a in footer.iter("a")] == [
        ("Биз жөнүндө", "/ky/about/"), ("Жаңылыктар тасмасы жана календарь", "/ky/feeds/")]
    assert "© 2026" in text_of(footer)


def test_site_header_marks_the_section_the_page_is_in(rendered):
    header = fragment(rendered, "site_header", "inside a section")
    assert [(a.get("href"), a.get("aria-current")) for a in header.find_class("site-nav__list")[0].iter("a")] == [
        ("/ky/news/", "true"), ("/ky/decisions/", None)]
    assert header.find(".//form").get("action") == "/ky/search/"


def test_skip_link_leads_to_main(rendered):
    assert fragment(rendered, "skip_link", "default target").find("a").get("href") == "#main"


def test_story_card_labels_a_cancelled_event_and_has_one_link(rendered):
    card = fragment(rendered, "story_card", "a cancelled event")
    assert card.find(".//h3/a").get("href") == story().url
    assert card.find_class("label--danger")[0].text == "Жокко чыгарылды"
    assert len(card.findall(".//a")) == 1 and card.find(".//img").get("alt") == ""


def test_story_list_is_a_list_of_cards(rendered):
    listing = fragment(rendered, "story_list", "compact").find("ul")
    assert "story-list--compact" in listing.get("class")
    assert [li.find(".//h2/a").get("href") for li in listing.findall("li")] == [story().url, EXPLAINER.url]
    assert listing.find(".//img") is None


def test_story_meta_gives_the_update_and_links_every_official_and_topic(rendered):
    meta = fragment(rendered, "story_meta", "officials and topics")
    assert [t.get("datetime") for t in meta.iter("time")] == ["2026-11-26T10:30:00+06:00", "2026-11-26T12:00:00+06:00"]
    assert [a.get("href") for a in meta.iter("a")] == [NEWS.url, MAYOR.url, TRANSPORT.url]


def test_tag_list_shows_roles_when_asked(rendered):
    tags = fragment(rendered, "tag_list", "with roles").find("ul")
    assert (tags.get("aria-label"), text_of(tags)) == ("Кызмат адамдары", "Темирлан Абдыкалыков, Бишкек шаарынын мэри")


# --------------------------------------------------------------------------- accessibility, all in one page

# Rules about a whole page (its title, its h1, its landmarks): a component is a part of one.
PAGE_RULES = {"document-title", "html-has-lang", "landmark-one-main", "page-has-heading-one", "region",
              "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-unique",
              "landmark-banner-is-top-level", "landmark-contentinfo-is-top-level",
              "landmark-complementary-is-top-level"}


def test_no_accessibility_violations_in_any_example(rendered, new_page):
    """axe-core, every impact, on each example in turn inside one page styled by site.css."""
    page = new_page()
    page.set_content('<!doctype html><html lang="ky"><head><title>Компоненттер</title></head><body></body></html>')
    page.add_style_tag(content=(ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8"))
    page.evaluate((ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text(encoding="utf-8"))
    found = {}
    for example in EXAMPLES:
        violations = page.evaluate("""async ([html, lang, skip]) => {
            document.documentElement.lang = lang;
            document.body.innerHTML = html;
            const rules = Object.fromEntries(skip.map(id => [id, {enabled: false}]));
            return (await axe.run(document, {resultTypes: ['violations'], rules})).violations;
        }""", [example.around.format(rendered[example.id]), example.lang, sorted(PAGE_RULES)])
        if violations:
            found[example.id] = describe_violations(violations)
    assert not found, "\n".join(f"{name}:\n{text}" for name, text in found.items())
