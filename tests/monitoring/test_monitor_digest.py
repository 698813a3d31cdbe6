"""`invoke monitor --from tests/monitoring/feeds`, run for real (twice), and the digest it writes.

The saved feeds (tests/monitoring/feeds/, written by us in the shapes real
outlets publish: RSS 2.0 with CDATA, escaped HTML, Atom, a WordPress feed
cut off mid-item, a web page where a feed should be, City Hall's own feeds)
are read once in Russian and once more in Kyrgyz; everything below reads
what those two runs left: their lines, the database and the HTML.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from helpers import LANGS, LOADED, PELICAN, ROOT, text_of
from sites import StaticServer

FEEDS = ROOT / "tests" / "monitoring" / "feeds"
INVOKE = PELICAN.with_name("invoke")
OFFICIALS = ["mayor", "first-vice-mayor", "vice-mayor-economy", "vice-mayor-social", "vice-mayor-city-services"]
DAY = "2026-11-27"  # the newest item's day: the digest's last day


@dataclass
class Run:
    first: subprocess.CompletedProcess
    again: subprocess.CompletedProcess
    database: Path
    output: Path

    def html(self, path: str):
        return lxml.html.parse(str(self.output / path)).getroot()

    def rows(self, query: str, *args) -> list[tuple]:
        with sqlite3.connect(self.database) as db:
            return db.execute(query, args).fetchall()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> Run:
    work = tmp_path_factory.mktemp("monitoring")
    database, output = work / "monitoring.sqlite", work / "output"
    command = [str(INVOKE), "monitor", f"--from={FEEDS.relative_to(ROOT)}", f"--database={database}",
               f"--output={output}"]

    def monitor(lang: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PORTAL_UI_LANG": lang})

    return Run(monitor("ru"), monitor("ky"), database, output)


def titles(page) -> list[str]:
    return [text_of(p) for p in page.xpath('//*[@id="items"]/following-sibling::ul//p[@class="press-item__title"]')]


# --------------------------------------------------------------------------- the run


def test_a_broken_outlet_is_reported_and_the_others_are_stored(run):
    assert run.first.returncode == 0, run.first.stderr
    lines = run.first.stderr
    assert ("Вечерний Бишкек: vecherniy-bishkek/2026-11-27T1200.xml не прочитана: это веб-страница, "
            "а не лента") in lines
    assert "Knews: knews/2026-11-27T1200.xml — испорченный XML; всё же из него прочитано 2 материала." in lines
    assert "Новых материалов: 24, обновлённых: 1, о мэрии: 16." in lines and "Traceback" not in lines
    stored = dict(run.rows("SELECT outlet, COUNT(*) FROM items GROUP BY outlet"))
    assert stored == {"24-kg": 8, "kaktus-media": 4, "sputnik-ky": 4, "azattyk": 2, "knews": 2, "city-hall": 4}


def test_an_item_seen_twice_is_stored_once_and_an_update_keeps_its_earlier_title(run):
    assert run.rows("SELECT COUNT(*) FROM items WHERE title LIKE 'Абдыкалыкову доложили%'") == [(1,)]
    [(item, title, published, updated)] = run.rows(
        "SELECT id, title, published, updated FROM items WHERE link LIKE '%352210%'")
    assert title.startswith("Мэр Бишкека проверил стройку развязки") and updated
    assert published == "2026-11-27T02:15:00+00:00"  # it stays where it first appeared: 08:15 in Bishkek
    assert run.rows("SELECT title FROM revisions WHERE item = ?", item) == [
        ("Мэр Бишкека Темирлан Абдыкалыков проверил ход строительства развязки на Южной магистрали",)]
    page = run.html("ru/index.html")
    [earlier] = page.xpath('//*[@id="items"]/following-sibling::ul/li[.//a[contains(@href, "352210")]]'
                           '//p[@class="press-item__earlier"]')
    assert "Прежний заголовок: Мэр Бишкека Темирлан Абдыкалыков проверил ход" in text_of(earlier)


def test_reading_the_same_files_again_adds_nothing_and_says_so_in_kyrgyz(run):
    assert run.again.returncode == 0, run.again.stderr
    assert "Жаңы материалдар: 0, жаңыланганы: 0, мэрия тууралуу: 0." in run.again.stderr
    assert "Интернеттен эмес" in run.again.stderr
    assert run.rows("SELECT COUNT(*) FROM items") == [(24,)]


# --------------------------------------------------------------------------- the digest


@pytest.mark.parametrize(("lang", "heading", "english"), [
    ("ru", "Пресса за 27 ноября 2026 г.", "Stories of the day"),
    ("ky", "27-ноябрь, 2026-ж. басма сөздө", "Officials"),
])
def test_the_digest_renders_in_both_languages_marked_internal(run, lang, heading, english):
    for path in (f"{lang}/index.html", f"{lang}/days/{DAY}.html"):
        page = run.html(path)
        assert page.get("lang") == lang
        assert text_of(page.xpath("//h1")[0]) == heading
        assert page.xpath('//meta[@name="robots"]/@content') == ["noindex, nofollow"]
        [policy] = page.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        assert "default-src 'self'" in policy and "script-src 'none'" in policy
        assert english not in text_of(page)
    other = "ky" if lang == "ru" else "ru"
    assert run.html(f"{lang}/index.html").xpath("//a[@hreflang]/@href") == [f"../{other}/index.html"]
    assert (run.output / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"


def test_nothing_is_loaded_from_another_host(run):
    for page in sorted(run.output.rglob("*.html")):
        tree = lxml.html.parse(str(page)).getroot()
        for tag, attribute in LOADED:
            for value in tree.xpath(f"//{tag}/@{attribute}"):
                assert "//" not in value, f"{page.relative_to(run.output)}: <{tag} {attribute}={value!r}>"


def test_every_link_inside_the_digest_leads_to_a_page_of_it(run):
    for page in sorted(run.output.rglob("*.html")):
        tree = lxml.html.parse(str(page)).getroot()
        for href in tree.xpath("//a/@href | //link/@href | //img/@src"):
            if "://" in href or href.startswith("#"):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.is_file(), f"{page.relative_to(run.output)} links to {href}, which is not there"


def test_each_item_links_to_its_original_and_a_hostile_link_never_does(run):
    page = run.html("ru/index.html")
    links = page.xpath('//p[@class="press-item__title"]/a/@href')
    assert "https://24.kg/obschestvo/352260_abdykalykovu_dolojili_o_podgotovke/" in links
    assert "https://www.azattyk.org/a/33211050.html" in links
    assert not [href for href in page.xpath("//@href") if href.lower().startswith("javascript")]
    [unlinked] = [p for p in page.xpath('//p[@class="press-item__title"]') if "вывозе мусора" in text_of(p)][:1]
    assert not unlinked.xpath(".//a")


def test_inflected_mentions_count_and_common_words_do_not(run):
    page = run.html("ru/index.html")
    counts = {text_of(row[0]): text_of(row[1]) for row in page.xpath('//*[@id="officials"]/..//table//tbody/tr')}
    assert counts == {"Мэрия города Бишкек": "4", "Темирлан Абдыкалыков": "4", "Гульнара Сатыбалдиева": "1",
                      "Нурлан Бообеков": "0", "Айнура Мамытова": "1", "Канат Омурзаков": "1"}
    listed = " | ".join(titles(page))
    for word in ("Мэрге шаардыктар", "Абдыкалыкову доложили", "Бишкек мэриясы үч көчөдө"):
        assert word in listed
    for common in ("канат", "Мэр Оша", "Ош шаарынын мэри", "бүркүттүн канаты", "Курс доллара"):
        assert common not in listed
    [kyrgyz] = page.xpath('//*[@id="items"]/following-sibling::ul/li[.//a[contains(@href, "merge-shaardyktar")]]')
    assert kyrgyz.get("lang") == "ky"  # a Kyrgyz title on the Russian page is marked as Kyrgyz


def test_stories_of_the_day_and_city_halls_stories_with_the_press_that_picked_them_up(run):
    page = run.html("ru/index.html")
    [group] = page.xpath('//article[@class="story-group"]')
    assert "Издания: 24.kg, Kaktus Media" in text_of(group)
    own = {text_of(a.xpath("h3")[0]): a for a in page.xpath('//article[@class="own-story"]')}
    assert set(own) == {"На трёх улицах открылись новые автобусные полосы",
                        "В городских парках включили зимнюю подсветку"}
    picked = own["На трёх улицах открылись новые автобусные полосы"]
    assert "подхватили: 3" in text_of(picked)
    outlets = [text_of(s) for s in picked.xpath('.//span[@class="press-item__outlet"]')]
    assert sorted(outlets) == ["24.kg", "Kaktus Media", "Азаттык"]  # the Kyrgyz one through the Kyrgyz version
    assert "пока никто не подхватил" in text_of(own["В городских парках включили зимнюю подсветку"])


def test_the_week_counts_each_day(run):
    page = run.html("ky/weeks/2026-w48.html")
    days = [(text_of(r[0]), text_of(r[1])) for r in page.xpath("//table[1]/tbody/tr")]
    assert days[2:5] == [("шаршемби, 25-ноябрь", "1"), ("бейшемби, 26-ноябрь", "1"), ("жума, 27-ноябрь", "13")]


def test_the_trend_charts_are_there_and_readable_without_colour(run):
    for lang in LANGS:
        page = run.html(f"{lang}/trends.html")
        images = page.xpath('//figure[@class="chart"]/img')
        assert [img.get("src") for img in images] == [f"../charts/{o}.{lang}.svg" for o in OFFICIALS]
        assert all(img.get("alt") for img in images)
        assert len(page.xpath('//figure[@class="chart"]//details//tbody/tr')) == 30 * len(OFFICIALS)
        for official in OFFICIALS:
            svg = etree.parse(str(run.output / "charts" / f"{official}.{lang}.svg")).getroot()
            assert svg.tag == "{http://www.w3.org/2000/svg}svg"
            words = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
            assert ("7 күндүн орточосу" if lang == "ky" else "среднее за 7 дней") in words  # a direct label
            styles = " ".join(svg.xpath("//@style"))
            assert "stroke-dasharray" in styles and len(svg.xpath("//*[local-name()='use']")) >= 30  # markers
    mayor = etree.parse(str(run.output / "charts" / "mayor.ru.svg")).getroot()
    assert "Темирлан Абдыкалыков" in " ".join(t.text or "" for t in mayor.iter("{http://www.w3.org/2000/svg}text"))


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def served(run):
    server = StaticServer(run.output)
    yield server
    server.close()


def test_the_summary_prints_on_one_page_and_the_pages_pass_the_policy_and_axe(served, new_page, axe):
    page = new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
    for path in ("ru/index.html", "ky/trends.html", "ru/summary.html"):
        page.goto(f"{served.url}/{path}")
        assert not axe(page), f"{path}: {axe(page)}"
    assert not refused
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
