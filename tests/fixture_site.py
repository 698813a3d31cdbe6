"""The shared fixture site: a small City Hall portal that exercises every feature.

Built once per session (see the `site` fixture) with PORTAL_NOW = 2026-11-26
12:00 and PORTAL_PAGE_SIZE = 2. Its text is Cyrillic only (no Latin letters
outside ids, slugs and URLs), so any Latin text on a built page came from
the theme.

What is where, in short:
- BUS_LANES: news in ky+ru, slugs by transliteration, a photo (photos.yml),
  officials, unit, topic, a correction; dated 2026-11-26.
- CONCERT: explicit `slug:`. TREES: ky only. WATER: ru only (its ky.md a draft).
  Four news stories per language: the news section has two pages.
- PARKING (in force) and OLD_RULES (repealed): decisions with signed PDFs.
- BRIEFING (over, with coverage HEATING_REPORT), BUDGET_BRIEFING (upcoming),
  CANCELLED (cancelled): announcements.
- EXPLAINER (explains PARKING), VIDEO (link out + poster), INTERVIEW (a footnote), SNOW.
- The mayor (data/officials.yml): a photo, a biography and contacts (MAYOR_PROFILE).
- EMBARGOED (dated 2026-11-27 09:00) and DRAFT: each carries a marker in its
  title, summary, body, photo name and folder; neither may leak.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw

# Registries (data/*.yml) of every fixture site: the eight sections of the
# portal, and a few officials, units and topics.
SECTIONS = {
    "news": {"ky": "Жаңылыктар", "ru": "Новости"},
    "press-releases": {"ky": "Басма сөз билдирүүлөрү", "ru": "Пресс-релизы"},
    "decisions": {"ky": "Чечимдер", "ru": "Решения"},
    "announcements": {"ky": "Пресс-конференциялар жана брифингдер", "ru": "Пресс-конференции и брифинги"},
    "interviews": {"ky": "Маектер", "ru": "Интервью"},
    "explainers": {"ky": "Түшүндүрмөлөр", "ru": "Разъяснения"},
    "video": {"ky": "Видеотека", "ru": "Видеотека"},
    "audio": {"ky": "Фонотека", "ru": "Фонотека"},
}
OFFICIALS = {
    "mayor": {"role": "mayor", "name": {"ky": "Темирлан Абдыкалыков", "ru": "Темирлан Абдыкалыков"},
              "position": {"ky": "Бишкек шаарынын мэри", "ru": "Мэр города Бишкек"}},
    "vice-mayor-social": {"role": "vice-mayor", "name": {"ky": "Айнура Мамытова", "ru": "Айнура Мамытова"},
                          "position": {"ky": "Социалдык маселелер боюнча вице-мэр",
                                       "ru": "Вице-мэр по социальным вопросам"}},
}
UNITS = {
    "transport-roads": {"kind": "department",
                        "name": {"ky": "Транспорт жана жол инфраструктурасы башкармалыгы",
                                 "ru": "Управление транспорта и дорожной инфраструктуры"}},
    "leninsky-district": {"kind": "district", "name": {"ky": "Ленин районунун администрациясы",
                                                       "ru": "Администрация Ленинского района"}},
}
TOPICS = {
    "transport": {"name": {"ky": "Коомдук транспорт", "ru": "Общественный транспорт"}},
    "heating": {"name": {"ky": "Жылуулук менен камсыздоо", "ru": "Теплоснабжение"}},
    "parks": {"name": {"ky": "Парктар жана скверлер", "ru": "Парки и скверы"}},
}

EMBARGO_MARKER = "zqembargo7731"
DRAFT_MARKER = "zqdraft4482"


@dataclass
class Story:
    id: str
    titles: dict[str, str]
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def section(self) -> str:
        return self.id.split("/")[0]


def _story(story_id: str, titles: dict[str, str], slugs: dict[str, str] | str) -> Story:
    section, year = story_id.split("/")[:2]
    if isinstance(slugs, str):
        slugs = dict.fromkeys(titles, slugs)
    return Story(story_id, titles, {lang: f"/{lang}/{section}/{year}/{slugs[lang]}/" for lang in titles})


BUS_LANES = _story("news/2026/11-26-bus-lanes",
                   {"ky": "Үч көчөдө жаңы автобус тилкелери ачылды",
                    "ru": "На трёх улицах открылись новые автобусные полосы"},
                   {"ky": "uch-kochodo-zhangy-avtobus-tilkeleri-achyldy",
                    "ru": "na-trekh-ulitsakh-otkrylis-novye-avtobusnye-polosy"})
CONCERT = _story("news/2026/11-25-winter-concert",
                 {"ky": "Ала-Тоо аянтында кышкы концерт өтөт", "ru": "На площади Ала-Тоо пройдёт зимний концерт"},
                 "winter-concert")
TREES = _story("news/2026/11-24-trees-leninsky",
               {"ky": "Ленин районунда 300 көчөт отургузулду"},
               {"ky": "lenin-raionunda-300-kochot-oturguzuldu"})
HEATING_REPORT = _story("news/2026/11-23-heating-report",
                        {"ky": "Брифингде жылуулук мезгили талкууланды",
                         "ru": "На брифинге обсудили отопительный сезон"},
                        "heating-briefing-report")
WATER = _story("news/2026/11-22-water-pipes",
               {"ru": "В Ленинском районе заменят водопроводные трубы"},
               {"ru": "v-leninskom-raione-zameniat-vodoprovodnye-truby"})
PARKING = _story("decisions/2026/11-20-parking-tariffs",
                 {"ky": "Шаардык унаа токтотуучу жайлардын тарифтери бекитилди",
                  "ru": "Утверждены тарифы муниципальных парковок"},
                 "parking-tariffs")
OLD_RULES = _story("decisions/2026/11-02-old-parking-rules",
                   {"ky": "Унаа токтотуу тартиби жөнүндө мурунку токтом",
                    "ru": "Прежнее постановление о порядке парковки"},
                   "old-parking-rules")
BRIEFING = _story("announcements/2026/11-20-heating-briefing",
                  {"ky": "Жылуулук мезгили боюнча брифинг", "ru": "Брифинг об отопительном сезоне"},
                  "heating-briefing")
BUDGET_BRIEFING = _story("announcements/2026/11-25-budget-briefing",
                         {"ky": "2027-жылдын бюджети боюнча брифинг", "ru": "Брифинг о бюджете на 2027 год"},
                         "budget-briefing")
CANCELLED = _story("announcements/2026/11-24-parks-press-conference",
                   {"ky": "Парктар боюнча пресс-конференция", "ru": "Пресс-конференция о парках"},
                   "parks-press-conference")
EXPLAINER = _story("explainers/2026/11-21-parking-explained",
                   {"ky": "Унаа токтотуучу жайлардын жаңы тарифтери: эмнени билүү керек",
                    "ru": "Новые тарифы на парковку: что нужно знать"},
                   "parking-explained")
VIDEO = _story("video/2026/11-19-bus-lanes-video",
               {"ky": "Жаңы автобус тилкелери: видео", "ru": "Новые автобусные полосы: видео"},
               "bus-lanes-video")
INTERVIEW = _story("interviews/2026/11-18-mayor-interview",
                   {"ky": "Мэр: шаар кышка даяр", "ru": "Мэр: город готов к зиме"},
                   "mayor-interview")
SNOW = _story("press-releases/2026/11-17-snow-clearing",
              {"ky": "Кар тазалоо үчүн 120 техника даярдалды",
               "ru": "Для уборки снега подготовлено 120 единиц техники"},
              "snow-clearing")
EMBARGOED = _story(f"news/2026/11-27-{EMBARGO_MARKER}-bridge",
                   {"ky": f"Жаңы көпүрө {EMBARGO_MARKER} ачылат", "ru": f"Новый мост {EMBARGO_MARKER} откроют"},
                   {"ky": f"zhangy-kopuro-{EMBARGO_MARKER}-achylat", "ru": f"novyi-most-{EMBARGO_MARKER}-otkroiut"})
DRAFT = _story(f"news/2026/11-21-{DRAFT_MARKER}-market",
               {"ky": f"Жаңы базар {DRAFT_MARKER} курулат", "ru": f"Построят новый рынок {DRAFT_MARKER}"},
               {"ky": f"zhangy-bazar-{DRAFT_MARKER}-kurulat", "ru": f"postroiat-novyi-rynok-{DRAFT_MARKER}"})

PUBLISHED = [BUS_LANES, CONCERT, TREES, HEATING_REPORT, WATER, PARKING, OLD_RULES, BRIEFING, BUDGET_BRIEFING,
             CANCELLED, EXPLAINER, VIDEO, INTERVIEW, SNOW]
# News in each language, newest first: what the two pages of /{lang}/news/ list.
NEWS = {"ky": [BUS_LANES, CONCERT, TREES, HEATING_REPORT], "ru": [BUS_LANES, CONCERT, HEATING_REPORT, WATER]}
# Stories that concern the mayor in Kyrgyz (named, signing or speaking), newest first.
MAYOR_KY = [BUS_LANES, BUDGET_BRIEFING, TREES, PARKING, INTERVIEW, OLD_RULES]
PAGES = {"about": {"ky": "Биз жөнүндө", "ru": "О нас"},
         "contacts": {"ky": "Байланыш", "ru": "Контакты"},
         "accreditation": {"ky": "Аккредитация", "ru": "Аккредитация"}}

PARKING_NUMBER = "№ 412"
OLD_RULES_NUMBER = "№ 377"
VENUE = {"ky": "Мэриянын чоң залы, Чүй проспекти, 166", "ru": "Большой зал мэрии, проспект Чуй, 166"}
VIDEO_URL = "https://www.youtube.com/watch?v=bishkek-lanes"
BUS_LANES_SENTENCE = {
    "ky": "Автобустардын жүрүү убактысы орто эсеп менен 15 мүнөткө кыскарат.",
    "ru": "Время в пути автобусов сократится в среднем на 15 минут.",
}
CORRECTION = {"ky": "Тилкелердин узундугу такталды.", "ru": "Уточнена протяжённость полос."}
BUS_LANES_ALT = {"ky": "Чүй проспектисиндеги жаңы автобус тилкеси", "ru": "Новая автобусная полоса на проспекте Чуй"}
BUS_LANES_CREDIT = {"ky": "Мэриянын басма сөз кызматы", "ru": "Пресс-служба мэрии"}


def both(ky: str, ru: str) -> dict[str, str]:
    return {"ky": ky, "ru": ru}


# The mayor's page tells more than the registries above: a photo (data/officials/mayor.jpg, with a
# camera's EXIF that must not be published), a biography of two paragraphs, contacts.
MAYOR_PROFILE = {
    "photo": "officials/mayor.jpg",
    "biography": both("Темирлан Абдыкалыков 1974-жылы Бишкекте туулган.\n\n2025-жылдан бери шаардын мэри.",
                      "Темирлан Абдыкалыков родился в 1974 году в Бишкеке.\n\nМэр города с 2025 года."),
    "contacts": {"phone": "+996 312 30 01 01", "email": "reception@meria.kg",
                 "hours": both("Ар бейшемби, 14:00–17:00", "Каждый четверг, 14:00–17:00")},
}
CAMERA_OWNER = "zqcamera5521"  # in the mayor's photo's EXIF: never on the site


def populate(site) -> None:
    """Write the whole fixture site into a `FixtureSite`."""
    s = site
    # -- the mayor's profile ------------------------------------------------------------
    portrait = Image.new("RGB", (600, 800), (200, 205, 215))
    ImageDraw.Draw(portrait).ellipse([180, 120, 420, 420], fill=(120, 130, 150))
    exif = Image.Exif()
    exif[0x013B] = CAMERA_OWNER  # Artist
    (s.data / "officials").mkdir(exist_ok=True)
    portrait.save(s.data / "officials" / "mayor.jpg", quality=80, exif=exif)
    s.registries(officials={**OFFICIALS, "mayor": {**OFFICIALS["mayor"], **MAYOR_PROFILE}})
    # -- news -------------------------------------------------------------------------
    s.photo(BUS_LANES.id, "lanes.jpg")
    s.describe_photos(BUS_LANES.id, {"lanes.jpg": {
        "alt": BUS_LANES_ALT, "caption": both("Чүй проспекти, эртең менен", "Проспект Чуй, утро"),
        "credit": BUS_LANES_CREDIT, "date": "2026-11-26"}})
    bodies = both(
        "Бүгүн Чүй, Манас жана Жибек Жолу проспекттеринде коомдук транспорт үчүн өзүнчө тилкелер ачылды.\n\n"
        "Мэр жаңы тилкелерди шаардыктар менен бирге текшерди. Жеке унаа бул тилкеге кирсе, айып пул салынат.\n\n"
        "## Эмне өзгөрөт\n\n" + BUS_LANES_SENTENCE["ky"],
        "Сегодня на проспектах Чуй, Манаса и Жибек Жолу открылись выделенные полосы для общественного транспорта.\n\n"
        "Мэр вместе с горожанами проверил новые полосы. За выезд личного автомобиля на полосу назначат штраф.\n\n"
        "## Что изменится\n\n" + BUS_LANES_SENTENCE["ru"])
    for lang in ("ky", "ru"):
        s.story(BUS_LANES.id, lang, bodies[lang],
                title=BUS_LANES.titles[lang],
                date="2026-11-26 10:30",
                summary=both("Автобустар эми тыгындарда турбайт.", "Автобусы больше не стоят в пробках.")[lang],
                officials=["mayor"], units=["transport-roads"], topics=["transport"],
                image="lanes.jpg",
                corrections=[{"date": "2026-11-26 11:45", "note": CORRECTION[lang]}])

    for lang in ("ky", "ru"):
        s.story(CONCERT.id, lang,
                both("Концерт саат 18:00дө башталат. Кирүү акысыз.",
                     "Концерт начнётся в 18:00. Вход свободный.")[lang],
                title=CONCERT.titles[lang], date="2026-11-25 18:00", slug="winter-concert", topics=["parks"],
                summary=both("Шаардыктарды майрамдык программа күтөт.", "Горожан ждёт праздничная программа.")[lang])

    s.story(TREES.id, "ky", "Ленин районунун тургундары 300 көчөт отургузушту. Иш-чарага мэр катышты.",
            title=TREES.titles["ky"], date="2026-11-24 15:00", officials=["mayor"],
            units=["leninsky-district"], topics=["parks"], summary="Көчөттөр мектептердин жанына отургузулду.")

    for lang in ("ky", "ru"):
        s.story(HEATING_REPORT.id, lang,
                both("Вице-мэр жылуулук мезгилинин биринчи айынын жыйынтыгын айтып берди.",
                     "Вице-мэр рассказала об итогах первого месяца отопительного сезона.")[lang],
                title=HEATING_REPORT.titles[lang], date="2026-11-23 12:30", slug="heating-briefing-report",
                officials=["vice-mayor-social"], topics=["heating"])

    s.story(WATER.id, "ru", "Работы начнутся в понедельник и продлятся две недели. Подача воды не прекратится.",
            title=WATER.titles["ru"], date="2026-11-22 09:00", units=["leninsky-district"],
            summary="Трубы заменят на трёх улицах.")
    s.story(WATER.id, "ky", "Түтүктөр дүйшөмбүдөн тартып алмаштырылат.", title="Суу түтүктөрү алмаштырылат",
            date="2026-11-22 09:00", units=["leninsky-district"], status="draft")

    # -- decisions --------------------------------------------------------------------
    s.pdf(PARKING.id, "toktom-412.pdf", pages=3)
    for lang in ("ky", "ru"):
        s.story(PARKING.id, lang,
                both("Токтом 2027-жылдын 1-январынан тартып күчүнө кирет.",
                     "Постановление вступает в силу с 1 января 2027 года.")[lang],
                title=PARKING.titles[lang], date="2026-11-20 16:00", slug="parking-tariffs", topics=["transport"],
                number=PARKING_NUMBER, signed="2026-11-20", signatory="mayor", legal_status="in-force",
                document="toktom-412.pdf")
    s.pdf(OLD_RULES.id, "toktom-377.pdf", pages=1)
    for lang in ("ky", "ru"):
        s.story(OLD_RULES.id, lang,
                both("Бул токтом жаңы тарифтер менен алмаштырылды.",
                     "Это постановление заменено новыми тарифами.")[lang],
                title=OLD_RULES.titles[lang], date="2026-11-02 11:00", slug="old-parking-rules",
                number=OLD_RULES_NUMBER, signed="2026-11-02", signatory="mayor", legal_status="repealed",
                document="toktom-377.pdf")

    # -- announcements ----------------------------------------------------------------
    small_hall = both("Мэриянын кичи залы, Чүй проспекти, 166", "Малый зал мэрии, проспект Чуй, 166")
    for lang in ("ky", "ru"):
        s.story(BRIEFING.id, lang,
                both("Брифингде жылуулук мезгилинин башталышы талкууланат.",
                     "На брифинге обсудят начало отопительного сезона.")[lang],
                title=BRIEFING.titles[lang], date="2026-11-20 09:00", slug="heating-briefing",
                starts="2026-11-23 10:00", ends="2026-11-23 11:00", venue=small_hall[lang],
                speakers=["vice-mayor-social"], coverage=HEATING_REPORT.id)
        s.story(BUDGET_BRIEFING.id, lang,
                both("Мэр 2027-жылдын бюджетинин долбоорун журналисттерге тааныштырат.",
                     "Мэр представит журналистам проект бюджета на 2027 год.")[lang],
                title=BUDGET_BRIEFING.titles[lang], date="2026-11-25 10:00", slug="budget-briefing",
                starts="2026-11-28 10:00", ends="2026-11-28 11:30", venue=VENUE[lang], speakers=["mayor"],
                accreditation=both("Аккредитация 27-ноябрга чейин басма сөз кызматында.",
                                   "Аккредитация до 27 ноября в пресс-службе мэрии.")[lang])
        s.story(CANCELLED.id, lang,
                both("Пресс-конференция шаардын парктарына арналат.",
                     "Пресс-конференция будет посвящена городским паркам.")[lang],
                title=CANCELLED.titles[lang], date="2026-11-24 11:00", slug="parks-press-conference",
                starts="2026-11-27 15:00", venue=small_hall[lang], speakers=["vice-mayor-social"],
                event_status="cancelled", topics=["parks"])

    # -- explainers, video, interviews, press releases ---------------------------------
    for lang in ("ky", "ru"):
        s.story(EXPLAINER.id, lang,
                both("Бир саат үчүн төлөм 40 сом болот. Майыптыгы бар адамдар акы төлөбөйт.",
                     "Час парковки будет стоить 40 сомов. Люди с инвалидностью не платят.")[lang],
                title=EXPLAINER.titles[lang], date="2026-11-21 10:00", slug="parking-explained",
                explains=PARKING.id, topics=["transport"])
    s.photo(VIDEO.id, "poster.jpg", size=(640, 360), color=(90, 40, 120))
    s.describe_photos(VIDEO.id, {"poster.jpg": {"alt": both("Автобус жаңы тилкеде", "Автобус на новой полосе"),
                                                "credit": BUS_LANES_CREDIT}})
    for lang in ("ky", "ru"):
        s.story(VIDEO.id, lang,
                both("Видеодо жаңы тилкелердин биринчи күнү көрсөтүлөт.",
                     "В видео показан первый день работы новых полос.")[lang],
                title=VIDEO.titles[lang], date="2026-11-19 14:00", slug="bus-lanes-video",
                video_url=VIDEO_URL, duration="02:40", poster="poster.jpg")
    for lang in ("ky", "ru"):
        s.story(INTERVIEW.id, lang,
                both("— Шаар кышка канчалык даяр?\n\n— Бардык кызматтар даяр.[^1]\n\n[^1]: Маек 18-ноябрда жазылды.",
                     "— Насколько город готов к зиме?\n\n— Все службы готовы.[^1]\n\n"
                     "[^1]: Интервью записано 18 ноября.")[lang],
                title=INTERVIEW.titles[lang], date="2026-11-18 15:00", slug="mayor-interview", officials=["mayor"])
        s.story(SNOW.id, lang,
                both("Шаардын көчөлөрүн тазалоого 120 техника чыгат.",
                     "На уборку улиц города выйдут 120 единиц техники.")[lang],
                title=SNOW.titles[lang], date="2026-11-17 10:00", slug="snow-clearing", units=["transport-roads"])

    # -- embargoed and draft: markers everywhere --------------------------------------
    for story, marker, extra in ((EMBARGOED, EMBARGO_MARKER, {"date": "2026-11-27 09:00"}),
                                 (DRAFT, DRAFT_MARKER, {"date": "2026-11-21 12:00", "status": "draft"})):
        s.photo(story.id, f"{marker}.jpg", color=(160, 60, 40))
        for lang in ("ky", "ru"):
            s.story(story.id, lang,
                    both(f"Бул текстте {marker} белгиси бар.", f"В этом тексте есть метка {marker}.")[lang],
                    title=story.titles[lang], summary=f"{marker} {marker}", officials=["mayor"],
                    units=["transport-roads"], topics=["transport"], image=f"{marker}.jpg", **extra)
        s.describe_photos(story.id, {f"{marker}.jpg": {"alt": both(marker, marker), "credit": f"{marker} сүрөтчү"}})

    # -- standing pages ---------------------------------------------------------------
    page_bodies = {
        "about": both("Мэриянын басма сөз кызматы шаардын жаңылыктарын эки тилде жарыялайт.",
                      "Пресс-служба мэрии публикует новости города на двух языках."),
        "contacts": both("Дарек: Бишкек, Чүй проспекти, 166. Телефон: +996 312 61 00 00.",
                         "Адрес: Бишкек, проспект Чуй, 166. Телефон: +996 312 61 00 00."),
        "accreditation": both("Журналисттер аккредитацияны басма сөз кызматынан алышат.",
                              "Журналисты получают аккредитацию в пресс-службе."),
    }
    for page_id, titles in PAGES.items():
        for lang in ("ky", "ru"):
            s.page(page_id, lang, page_bodies[page_id][lang], title=titles[lang])
