"""An editor's mistake stops the build with a report a person can act on.

Each case builds a small site with one good story and one mistake, runs the
real `pelican` command and checks the report: exit status not 0, no Python
traceback, the file's path (and the line, where a line can be known), what is
wrong and what to write instead. The last test puts three different
mistakes in three files and expects all three in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GOOD = "news/2026/11-26-bus-lanes"
GOOD_TITLES = {"ky": "Үч көчөдө жаңы автобус тилкелери ачылды",
               "ru": "На трёх улицах открылись новые автобусные полосы"}


@dataclass
class Expect:
    files: list[Path]                 # every one must be reported (or any one, with any_of)
    key: str | None                   # the front-matter key whose line must be given; None: not knowable
    wrong: str                        # regex: says what is wrong
    fix: str                          # regex: says what to write instead
    any_of: bool = False
    line: int | None = field(default=None)


def key_line(path: Path, key: str) -> int:
    """1-based line of `key:` in a Markdown file's front matter."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*:", text):
            return number
    raise AssertionError(f"{key} not in {path}")


def good_story(site) -> None:
    for lang, body in (("ky", "Бүгүн үч көчөдө автобустар үчүн өзүнчө тилкелер ачылды."),
                       ("ru", "Сегодня на трёх улицах открылись выделенные полосы для автобусов.")):
        site.story(GOOD, lang, body, title=GOOD_TITLES[lang], date="2026-11-26 10:30",
                   officials=["mayor"], topics=["transport"])


# --------------------------------------------------------------------------- the mistakes


def missing_title(site) -> Expect:
    path = site.story("news/2026/11-25-school-meals", "ru", "Горячее питание получат все ученики младших классов.",
                      date="2026-11-25 09:00", summary="Питание будет бесплатным.")
    return Expect([path], None, r"title.*(missing|required)|(missing|no) .*title", r"title:\s*\S")


def missing_date(site) -> Expect:
    path = site.story("news/2026/11-25-school-meals", "ky", "Башталгыч класстын бардык окуучулары ысык тамак алышат.",
                      title="Окуучулар ысык тамак алышат")
    return Expect([path], None, r"date.*(missing|required)|(missing|no) .*date", r"date:\s*\d{4}-\d{2}-\d{2}")


def unparseable_date(site) -> Expect:
    path = site.story("news/2026/11-25-school-meals", "ru", "Горячее питание получат все ученики младших классов.",
                      title="Школьники получат горячее питание", date="26.11.2026 10:30")
    return Expect([path], "date", r"26\.11\.2026", r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


def unknown_section(site) -> Expect:
    path = site.story("newz/2026/11-25-snow", "ky", "Шаардын көчөлөрү кардан тазаланууда.",
                      title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00")
    return Expect([path], None, r"newz", r"\bnews\b")


def unknown_official(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ru", "Улицы города очищают от снега.",
                      title="Улицы очищают от снега", date="2026-11-25 08:00", officials=["mayr"])
    return Expect([path], "officials", r"mayr", r"\bmayor\b")


def unknown_unit(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ru", "Улицы города очищают от снега.",
                      title="Улицы очищают от снега", date="2026-11-25 08:00", units=["transport-road"])
    return Expect([path], "units", r'transport-road\b(?!s)', r"transport-roads")


def unknown_topic(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ky", "Шаардын көчөлөрү кардан тазаланууда.",
                      title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00", topics=["heatng"])
    return Expect([path], "topics", r"heatng", r"\bheating\b")


def pair_with_different_dates(site) -> Expect:
    story = "news/2026/11-25-snow"
    ky = site.story(story, "ky", "Шаардын көчөлөрү кардан тазаланууда.",
                    title="Көчөлөр кардан тазаланууда", date="2026-11-25 10:30")
    ru = site.story(story, "ru", "Улицы города очищают от снега.",
                    title="Улицы очищают от снега", date="2026-11-25 11:30")
    return Expect([ky, ru], "date", r"10:30.*11:30|11:30.*10:30", r"same", any_of=True)


def section_disagrees_with_folder(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ru", "Улицы города очищают от снега.",
                      title="Улицы очищают от снега", date="2026-11-25 08:00", section="decisions")
    return Expect([path], "section", r"decisions.*news|news.*decisions", r"content/decisions|remove|delete")


def duplicate_url(site) -> Expect:
    path = site.story("news/2026/11-20-bus-lanes-again", "ky", "Дагы бир жолу ошол эле аталыш.",
                      title=GOOD_TITLES["ky"], date="2026-11-20 09:00")
    url = "/ky/news/2026/uch-kochodo-zhangy-avtobus-tilkeleri-achyldy/"
    return Expect([path, site.content / GOOD / "index.ky.md"], None, re.escape(url.strip("/")), r"slug:")


def missing_image(site) -> Expect:
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.describe_photos(story, {"snow.jpg": {"alt": {"ru": "Снегоуборочная машина"}, "credit": "Пресс-служба"}})
    path = site.story(story, "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега",
                      date="2026-11-25 08:00", image="snow-final.jpg")
    return Expect([path], "image", r"snow-final\.jpg", r"snow\.jpg")


DECISION = "decisions/2026/11-20-parking-tariffs"


def decision(site, signed: str = "2026-11-20") -> Path:
    """A decision story published on 2026-11-20 whose document is toktom-5.pdf."""
    return site.story(DECISION, "ru", "Постановление вступает в силу с 1 января.",
                      title="Утверждены тарифы на парковку", date="2026-11-20 16:00", number="№ 5", signed=signed,
                      signatory="mayor", document="toktom-5.pdf")


def missing_document(site) -> Expect:
    site.pdf(DECISION, "toktom-05.pdf")
    return Expect([decision(site)], "document", r"toktom-5\.pdf", r"toktom-05\.pdf")


def unknown_key(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ky", "Шаардын көчөлөрү кардан тазаланууда.",
                      title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00", sumary="Кар тазалоо уланууда.")
    return Expect([path], "sumary", r"sumary", r"\bsummary\b")


def invalid_yaml(site) -> Expect:
    path = site.raw("news/2026/11-25-snow/index.ru.md",
                    "---\ntitle: Мэрия: улицы очищают от снега\ndate: 2026-11-25 08:00\n---\n\n"
                    "Улицы города очищают от снега.\n")
    return Expect([path], "title", r"YAML", r"quot")


def conflicted_permalink_lock(site) -> Expect:
    """Two editors each published a story: git could not merge the lock the build writes."""
    path = site.data / "permalinks.yml"
    path.write_text("<<<<<<< HEAD\nnews/2026/11-20-trees:\n  ru: posadka-derevev\n=======\n"
                    "news/2026/11-21-snow:\n  ru: uborka-snega\n>>>>>>> snow\n", encoding="utf-8")
    return Expect([path], None, r"permalink lock.*not valid YAML", r"<<<<<<<.*=======.*>>>>>>>")


def photo_without_alt(site) -> Expect:
    """Alt text is needed in each of the story's languages: here ru is missing."""
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    for lang in ("ky", "ru"):
        site.story(story, lang, "Кар тазалоо.", title={"ky": "Көчөлөр кардан тазаланууда",
                                                        "ru": "Улицы очищают от снега"}[lang],
                   date="2026-11-25 08:00", image="snow.jpg")
    path = site.describe_photos(story, {"snow.jpg": {"alt": {"ky": "Кар тазалоочу машина"}, "credit": "Пресс-кызмат"}})
    return Expect([path], "alt", r"snow\.jpg.*\balt\b.*\bru\b", r"\bru:")


def photo_without_credit(site) -> Expect:
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.story(story, "ky", "Кар тазалоо.", title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00")
    path = site.describe_photos(story, {"snow.jpg": {"alt": {"ky": "Кар тазалоочу машина"}}})
    return Expect([path], "snow.jpg", r"snow\.jpg.*credit", r"credit:")


def photo_not_described(site) -> Expect:
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.story(story, "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега", date="2026-11-25 08:00")
    return Expect([site.content / story / "index.ru.md"], None, r"snow\.jpg.*not described in index\.ru\.md",
                  r"photos:[\s\S]*- file: snow\.jpg[\s\S]*alt:[\s\S]*credit:")


def photo_without_alt_in_one_language(site) -> Expect:
    """Described in the Kyrgyz file, but its Russian alt text was left empty."""
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.story(story, "ky", "Кар тазалоо.", title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00",
               photos=[{"file": "snow.jpg", "alt": "Кар тазалоочу машина", "credit": "Мэриянын басма сөз кызматы"}])
    path = site.raw(f"{story}/index.ru.md", "---\ntitle: Улицы очищают от снега\ndate: 2026-11-25 08:00\nphotos:\n"
                    "  - file: snow.jpg\n    alt: \"\"\n    credit: Пресс-служба мэрии\n---\n\nУборка снега.\n")
    return Expect([path], "alt", r'the photo "snow\.jpg" has no alt', r'alt: "…"')


def text_under_its_old_name(site) -> Expect:
    """ky.md, the name before the browser editor: it would silently never be read."""
    path = site.raw("news/2026/11-25-snow/ky.md", "---\ntitle: Көчөлөр\ndate: 2026-11-25 08:00\n---\n\nКар.\n")
    return Expect([path], None, r'"ky\.md" is the old name', r"rename it to index\.ky\.md")


def alt_text_in_front_matter(site) -> Expect:
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.describe_photos(story, {"snow.jpg": {"alt": {"ky": "Кар тазалоочу машина"}, "credit": "Пресс-кызмат"}})
    path = site.story(story, "ky", "Кар тазалоо.", title="Көчөлөр кардан тазаланууда", date="2026-11-25 08:00",
                      image="snow.jpg", image_alt="Кар тазалоочу машина")
    return Expect([path], "image_alt", r"image_alt.*under photos:", r'- file: snow\.jpg\s+alt: "Кар тазалоочу машина"')



def key_written_twice(site) -> Expect:
    """YAML would keep the second title and drop the first without a word."""
    path = site.raw("news/2026/11-25-snow/index.ru.md",
                    "---\ntitle: Улицы очищают от снега\ndate: 2026-11-25 08:00\ntitle: Снег\n---\n\n"
                    "Улицы города очищают от снега.\n")
    return Expect([path], None, r'"title" is written twice \(lines 2 and 4\)', r"keep one")


def snow_photo_described_as(site, text: str) -> Path:
    """A story with the photo snow.jpg, and `text` as its photos.yml."""
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    site.story(story, "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега", date="2026-11-25 08:00")
    return site.raw(f"{story}/photos.yml", text)


def photo_described_twice(site) -> Expect:
    entry = 'snow.jpg:\n  alt: {ru: "Снегоуборочная машина"}\n  credit: "Пресс-служба"\n'
    path = snow_photo_described_as(site, entry + entry)
    return Expect([path], None, r'"snow\.jpg" is written twice \(lines 1 and 4\)', r"keep one")


def text_saved_under_another_name(site) -> Expect:
    """Saved as index.ru.md.txt by a text editor: the story would go out in Kyrgyz only."""
    story = "news/2026/11-25-snow"
    site.story(story, "ky", "Шаардын көчөлөрү кардан тазаланууда.", title="Көчөлөр кардан тазаланууда",
               date="2026-11-25 08:00")
    written = site.story(story, "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега",
                         date="2026-11-25 08:00")
    path = written.rename(written.with_name("index.ru.md.txt"))
    return Expect([path], None, r'"index\.ru\.md\.txt" is not read', r"rename it to index\.ru\.md")


def folder_without_text(site) -> Expect:
    """Photos committed without their story: nothing in the folder would ever be published."""
    story = "news/2026/11-25-snow"
    site.photo(story, "snow.jpg")
    return Expect([site.content / story], None, r"no text \(index\.ky\.md, index\.ru\.md\)",
                  r"add the text|remove the folder")


def correction_before_publication(site) -> Expect:
    path = site.story("news/2026/11-25-snow", "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега",
                      date="2026-11-25 08:00", corrections=[{"date": "2026-11-24 09:00", "note": "Исправлено время."}])
    return Expect([path], "corrections", r"2026-11-24 09:00.*before the story was published", r"after publication")


def explainer_of_no_story(site) -> Expect:
    path = site.story("explainers/2026/11-25-parking", "ru", "Как оплатить парковку.", title="Как оплатить парковку",
                      date="2026-11-25 08:00", explains="decisions/2026/11-03-parkin")
    return Expect([path], "explains", r'"explains" names a story that does not exist', r"folder path")


def document_not_a_pdf(site) -> Expect:
    """A Word file renamed .pdf: the decision's download would not open."""
    site.raw(f"{DECISION}/toktom-5.pdf", "PK\x03\x04 word/document.xml")
    return Expect([decision(site)], "document", r'"toktom-5\.pdf" is not a PDF document', r"again as PDF")


def decision_signed_after_publication(site) -> Expect:
    site.pdf(DECISION, "toktom-5.pdf")
    return Expect([decision(site, signed="2026-11-23")], "signed",
                  r'"signed" is 2026-11-23, after the story.s date \(2026-11-20\)', r"check both dates")


def slug_too_long(site) -> Expect:
    """An address is a folder name too: a file system takes 255 bytes."""
    path = site.story("news/2026/11-25-snow", "ru", "Улицы города очищают от снега.", title="Улицы очищают от снега",
                      date="2026-11-25 08:00", slug="snow-" * 60 + "clearing")
    return Expect([path], "slug", r"cannot be used as a URL: it has 308 characters", r"slug: lowercase")


def invisible_character_in_text(site) -> Expect:
    """A vertical tab pasted from Word: YAML, lxml and feed readers all refuse it."""
    path = site.raw("news/2026/11-25-snow/index.ru.md",
                    "---\ntitle: Улицы очищают от снега\ndate: 2026-11-25 08:00\n---\n\n"
                    "Улицы города\x0bочищают от снега.\n")
    return Expect([path], None, r"invisible character \(U\+000B\)", r"retype")


def invisible_character_in_photos_yml(site) -> Expect:
    path = snow_photo_described_as(site,
                                   'snow.jpg:\n  alt: {ru: "Снегоуборочная\x07машина"}\n  credit: "Пресс-служба"\n')
    return Expect([path], None, r"invisible character \(U\+0007\)", r"retype")


def photo_in_a_page_folder(site) -> Expect:
    """A page shows its text only: the team photo would silently not appear."""
    site.page("about", "ru", "Отдел по связям с общественностью.", title="Об отделе")
    return Expect([site.photo("pages/about", "team.jpg")], None, r'"team\.jpg" is not published', r"remove it")


def file_the_story_does_not_name(site) -> Expect:
    """The Kyrgyz PDF beside the Russian one, which `document:` names: it would never be published."""
    site.pdf(DECISION, "toktom-5.pdf")
    decision(site)
    return Expect([site.pdf(DECISION, "toktom-5-ky.pdf")], None, r'"toktom-5-ky\.pdf" is not published', r"document:")


def registry_id_not_fit_for_an_address(site) -> Expect:
    """A unit's id is part of /ky/units/<id>/: a space or Cyrillic letters there break the address."""
    path = site.data / "units.yml"
    path.write_text(path.read_text(encoding="utf-8") + 'Mayor Office:\n  name: {ky: "Мэрдин аппараты", '
                    'ru: "Аппарат мэра"}\n', encoding="utf-8")
    return Expect([path], None, r'"Mayor Office" cannot be an id', r"lowercase Latin letters")


def registry_name_written_as_text(site) -> Expect:
    path = site.data / "topics.yml"
    path.write_text(path.read_text(encoding="utf-8") + "snow:\n  name: Снег\n", encoding="utf-8")
    return Expect([path], None, r'"snow" has no name in ky, ru', r"name: \{ky: …, ru: …\}")

MISTAKES = [missing_title, missing_date, unparseable_date, unknown_section, unknown_official, unknown_unit,
            unknown_topic, pair_with_different_dates, section_disagrees_with_folder, duplicate_url, missing_image,
            missing_document, unknown_key, invalid_yaml, conflicted_permalink_lock, photo_without_alt,
            photo_without_credit, photo_not_described, photo_without_alt_in_one_language, alt_text_in_front_matter,
            key_written_twice, photo_described_twice, text_saved_under_another_name, text_under_its_old_name,
            folder_without_text, correction_before_publication, explainer_of_no_story, document_not_a_pdf,
            decision_signed_after_publication, slug_too_long, invisible_character_in_text,
            invisible_character_in_photos_yml, photo_in_a_page_folder, file_the_story_does_not_name,
            registry_id_not_fit_for_an_address, registry_name_written_as_text]


# --------------------------------------------------------------------------- reading the report


def reports_for(text: str, site, path: Path) -> list[tuple[int | None, str]]:
    """(line, message with its hint) for every problem reported about `path`."""
    shown = path.relative_to(site.root).as_posix()  # the report may show it absolute or relative
    pattern = re.compile(re.escape(shown) + r"(?::(\d+))?:\s(.*(?:\n[ \t]+\S.*)*)")
    return [(int(m.group(1)) if m.group(1) else None, m.group(2)) for m in pattern.finditer(text)]


def check_report(text: str, site, expect: Expect) -> list[str]:
    """What is missing from the report (empty when it is all there)."""
    missing = []
    matched_any = False
    for path in expect.files:
        reports = reports_for(text, site, path)
        line = key_line(path, expect.key) if expect.key else None
        good = [(n, block) for n, block in reports
                if (line is None or n == line)
                and re.search(expect.wrong, block, re.I | re.S) and re.search(expect.fix, block, re.I | re.S)]
        if good:
            matched_any = True
        else:
            where = f"{path.relative_to(site.root)}" + (f":{line}" if line else "")
            missing.append(f"no report at {where} saying /{expect.wrong}/ and /{expect.fix}/; got {reports}")
    if expect.any_of and matched_any:
        return []
    return missing


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.__name__ for m in MISTAKES])
def test_a_mistake_stops_the_build_with_an_actionable_report(make_site, mistake):
    site = make_site()
    good_story(site)
    expect = mistake(site)
    result = site.build()
    assert result.returncode != 0, f"the build went on despite {mistake.__name__}:\n{result.text}"
    assert "Traceback" not in result.text, result.text
    problems = check_report(result.text, site, expect)
    assert not problems, "\n".join(problems) + "\n--- the build printed:\n" + result.text
    assert not list(result.output.rglob("*.html")), "a stopped build must not publish pages"


def test_all_mistakes_are_reported_in_one_run(make_site):
    site = make_site()
    good_story(site)
    expected = [
        unknown_official(site),                                      # news/2026/11-25-snow/index.ru.md
        missing_document(site),                                      # decisions/…/index.ru.md
        Expect([site.story("interviews/2026/11-24-mayor", "ky", "— Шаар кышка даярбы?\n\n— Ооба, даяр.",
                           title="Мэр менен маек", date="24-ноябрь")],
               "date", r"24-ноябрь", r"\d{4}-\d{2}-\d{2}"),
    ]
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.text, result.text
    problems = [p for expect in expected for p in check_report(result.text, site, expect)]
    assert not problems, "\n".join(problems) + "\n--- the build printed:\n" + result.text


def test_a_broken_registry_is_reported_once_not_in_every_story_that_uses_it(make_site):
    site = make_site()
    good_story(site)  # names the mayor
    registry = site.data / "officials.yml"
    registry.write_text("mayor:\n  name: {ky: Мэр, ru: Мэр\n", encoding="utf-8")  # the brace is never closed
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.text, result.text
    assert "1 problem" in result.text and "officials.yml" in result.text and "not valid YAML" in result.text
    assert "unknown official" not in result.text, result.text
