"""The browser editor's form: every front-matter key of the content model, with its
label and short help in Kyrgyz and Russian (plugins/portal/stories/fields.py and
docs/content.md are the model; tests/workflow/test_cms_config.py holds them together).

Each entry is `key: (Decap widget settings, label {ky, ru}, help {ky, ru})`.
`required` follows the build's rule for a language file that exists: it
holds in each language pane that is written at all (config.py and
admin/start.js check it there, not Decap). No field has a default: a
language pane nobody wrote must stay empty, so that it is not saved and the
story simply has no text in that language.
"""

from __future__ import annotations

Texts = dict[str, str]
Field = tuple[dict, Texts, Texts]

DATETIME = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm",
            "picker_utc": False}
DAY = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False,
       "picker_utc": False}
SLUG_PATTERN = ["^[a-z0-9]+(-[a-z0-9]+)*$", {"ky": "Кичине латын тамгалары, сандар жана дефис гана: bus-lanes",
                                               "ru": "Только строчные латинские буквы, цифры и дефисы: bus-lanes"}]

COMMON: dict[str, Field] = {
    "title": ({"widget": "string", "required": True},
              {"ky": "Аталышы", "ru": "Заголовок"},
              {"ky": "Материалдын аталышы.", "ru": "Заголовок материала."}),
    "slug": ({"widget": "string", "required": False, "pattern": SLUG_PATTERN},
             {"ky": "Дарегинин аты", "ru": "Имя в адресе"},
             {"ky": "Жаңы материал үчүн: папканын жана даректин аты, латынча, дефис менен (bus-lanes). "
                    "Бош калса, кыргызча аталыштан (кыргызча текст жок болсо, орусчадан) жасалат. "
                    "Кийин өзгөртпөңүз.",
              "ru": "Для нового материала: имя папки и адреса, латиницей через дефис (bus-lanes). "
                    "Если пусто, оно делается из киргизского заголовка (без киргизского текста — из русского). "
                    "Потом не меняйте."}),
    "date": ({**DATETIME, "required": True},
             {"ky": "Жарыялоо убактысы", "ru": "Время публикации"},
             {"ky": "Бишкек убактысы. Келечектеги убакыт — эмбарго: ошол убакытка чейин сайтта жок.",
              "ru": "Время Бишкека. Время в будущем — эмбарго: до него материала нет на сайте."}),
    "status": ({"widget": "select", "required": False, "options": ["published", "draft"]},
               {"ky": "Абалы", "ru": "Статус"},
               {"ky": "draft — долбоор, сайтка чыкпайт; published же бош — жарыяланат.",
                "ru": "draft — черновик, не публикуется; published или пусто — публикуется."}),
    "summary": ({"widget": "text", "required": False},
                {"ky": "Кыскача", "ru": "Краткое содержание"},
                {"ky": "Бир-эки сүйлөм: аталыштын астында, тизмелерде жана издөө системаларында.",
                 "ru": "Одно-два предложения: под заголовком, в списках и в поисковиках."}),
    "officials": ({"widget": "select", "multiple": True, "required": False, "options": "officials"},
                  {"ky": "Кызмат адамдары", "ru": "Должностные лица"},
                  {"ky": "Катышкан же тиешелүү адамдар: материал алардын барактарында чыгат.",
                   "ru": "Кто участвовал или кого касается: материал появится на их страницах."}),
    "units": ({"widget": "select", "multiple": True, "required": False, "options": "units"},
              {"ky": "Бөлүмдөр", "ru": "Подразделения"},
              {"ky": "Тиешелүү башкармалыктар, райондор, ишканалар.",
               "ru": "Управления, районы, предприятия, которых касается материал."}),
    "topics": ({"widget": "select", "multiple": True, "required": False, "options": "topics"},
               {"ky": "Темалар", "ru": "Темы"},
               {"ky": "Материалдын темалары.", "ru": "Темы материала."}),
    "image": ({"widget": "image", "required": False, "choose_url": False},
              {"ky": "Негизги сүрөт", "ru": "Главное фото"},
              {"ky": "Аталыштын астындагы сүрөт: төмөнкү сүрөттөрдүн бири.",
               "ru": "Фото под заголовком: одно из фото ниже."}),
}

PHOTO: dict[str, Field] = {
    "file": ({"widget": "image", "required": True, "choose_url": False},
             {"ky": "Сүрөт", "ru": "Фото"},
             {"ky": "JPEG, PNG же WebP. Папкадагы ар бир сүрөт жарыяланат.",
              "ru": "JPEG, PNG или WebP. Публикуется каждое фото из папки."}),
    "alt": ({"widget": "string", "required": True},
            {"ky": "Сүрөттө эмне көрүнөт", "ru": "Что на фото"},
            {"ky": "Көзү начар көргөн окурмандар үчүн. Милдеттүү.",
             "ru": "Для читателей, которые не видят фото. Обязательно."}),
    "caption": ({"widget": "string", "required": False},
                {"ky": "Сүрөттүн астындагы жазуу", "ru": "Подпись"},
                {"ky": "Сүрөттүн астында көрсөтүлөт.", "ru": "Показывается под фото."}),
    "credit": ({"widget": "string", "required": True},
               {"ky": "Автору", "ru": "Автор"},
               {"ky": "Ким тарткан же кимге таандык. Ушул тилде жазыңыз.",
                "ru": "Кто снял или чьё фото. Напишите на этом языке."}),
    "date": ({**DAY, "required": False},
             {"ky": "Тартылган күнү", "ru": "Дата съёмки"},
             {"ky": "Милдеттүү эмес.", "ru": "Необязательно."}),
    "licence": ({"widget": "select", "required": False, "options": "licences"},
                {"ky": "Лицензия", "ru": "Лицензия"},
                {"ky": "Бош болсо: CC BY 4.0.", "ru": "Если пусто: CC BY 4.0."}),
}

CORRECTION: dict[str, Field] = {
    "date": ({**DATETIME, "required": True},
             {"ky": "Түзөтүүнүн убактысы", "ru": "Время исправления"},
             {"ky": "Жарыялангандан кийин.", "ru": "После публикации."}),
    "note": ({"widget": "text", "required": True},
             {"ky": "Эмне түзөтүлдү", "ru": "Что исправлено"},
             {"ky": "Мисалы: «Узундугу 12 эмес, 14 км».", "ru": "Например: «Длина не 12, а 14 км»."}),
}

LISTS: dict[str, Field] = {
    "photos": ({"widget": "list", "required": False},
               {"ky": "Сүрөттөр", "ru": "Фотографии"},
               {"ky": "Ар бир сүрөт ар бир тилде сүрөттөлөт.", "ru": "Каждое фото описывается на каждом языке."}),
    "corrections": ({"widget": "list", "required": False},
                    {"ky": "Түзөтүүлөр", "ru": "Исправления"},
                    {"ky": "Жарыяланган материалдагы ката оңдолгондо.",
                     "ru": "Когда исправлена ошибка в опубликованном материале."}),
}

SECTIONS: dict[str, dict[str, Field]] = {
    "decisions": {
        "number": ({"widget": "string", "required": True},
                   {"ky": "Номери", "ru": "Номер"}, {"ky": "Мисалы: № 412", "ru": "Например: № 412"}),
        "signed": ({**DAY, "required": True},
                   {"ky": "Кол коюлган күнү", "ru": "Дата подписания"},
                   {"ky": "Жарыялоо күнүнөн кеч эмес.", "ru": "Не позже даты публикации."}),
        "signatory": ({"widget": "select", "required": True, "options": "officials"},
                      {"ky": "Кол койгон", "ru": "Подписал"}, {"ky": "Бир адам.", "ru": "Одно лицо."}),
        "legal_status": ({"widget": "select", "required": False, "options": ["in-force", "amended", "repealed"]},
                         {"ky": "Укуктук абалы", "ru": "Правовой статус"},
                         {"ky": "Бош болсо: in-force (күчүндө).", "ru": "Если пусто: in-force (действует)."}),
        "document": ({"widget": "file", "required": True, "choose_url": False},
                     {"ky": "Кол коюлган документ (PDF)", "ru": "Подписанный документ (PDF)"},
                     {"ky": "PDF файл.", "ru": "Файл PDF."}),
    },
    "announcements": {
        "starts": ({**DATETIME, "required": True},
                   {"ky": "Башталышы", "ru": "Начало"}, {"ky": "Бишкек убактысы.", "ru": "Время Бишкека."}),
        "ends": ({**DATETIME, "required": False},
                 {"ky": "Аягы", "ru": "Окончание"}, {"ky": "Башталышынан кийин.", "ru": "После начала."}),
        "venue": ({"widget": "string", "required": True},
                  {"ky": "Өтүүчү жери", "ru": "Место"}, {"ky": "Дареги жана зал.", "ru": "Адрес и зал."}),
        "speakers": ({"widget": "select", "multiple": True, "required": False, "options": "officials"},
                     {"ky": "Сүйлөөчүлөр", "ru": "Спикеры"}, {"ky": "Мэриянын кызмат адамдары.",
                                                            "ru": "Должностные лица мэрии."}),
        "guests": ({"widget": "list", "required": False, "field": {"name": "guest", "widget": "string"}},
                   {"ky": "Коноктор", "ru": "Гости"}, {"ky": "Башка катышуучулар, бирден.",
                                                       "ru": "Другие участники, по одному."}),
        "accreditation": ({"widget": "string", "required": False},
                          {"ky": "Аккредитация", "ru": "Аккредитация"},
                          {"ky": "Журналисттер кимге жана качанга чейин кайрылат.",
                           "ru": "Куда и до какого времени обращаться журналистам."}),
        "event_status": ({"widget": "select", "required": False, "options": ["scheduled", "cancelled", "postponed"]},
                         {"ky": "Иш-чаранын абалы", "ru": "Статус события"},
                         {"ky": "Бош болсо: scheduled (пландалган).", "ru": "Если пусто: scheduled (запланировано)."}),
        "postponed_to": ({**DATETIME, "required": False},
                         {"ky": "Жаңы убакыт", "ru": "Новое время"},
                         {"ky": "postponed болсо милдеттүү.", "ru": "Обязательно, если postponed."}),
        "coverage": ({"widget": "string", "required": False},
                     {"ky": "Отчет", "ru": "Репортаж"},
                     {"ky": "Иш-чарадан кийинки материалдын папкасы: news/2026/12-02-briefing.",
                      "ru": "Папка материала после события: news/2026/12-02-briefing."}),
    },
    "explainers": {
        "explains": ({"widget": "string", "required": True},
                     {"ky": "Кайсы чечим", "ru": "Какое решение"},
                     {"ky": "Чечимдин папкасы: decisions/2026/11-03-parking-tariffs.",
                      "ru": "Папка решения: decisions/2026/11-03-parking-tariffs."}),
    },
    "video": {
        "video": ({"widget": "file", "required": False, "choose_url": False},
                  {"ky": "Видео файл (MP4)", "ru": "Видеофайл (MP4)"},
                  {"ky": "H.264 MP4. Субтитрлерди (captions.ky.vtt, captions.ru.vtt деп аталган файлдар) "
                         "ушул талаанын терезесинде «Жүктөө» менен жүктөңүз. Же шилтеме төмөндө.",
                   "ru": "H.264 MP4. Субтитры (файлы с именами captions.ky.vtt, captions.ru.vtt) загрузите "
                         "в окне этого поля кнопкой «Загрузить новый». Или ссылка ниже."}),
        "video_url": ({"widget": "string", "required": False},
                      {"ky": "Видеого шилтеме", "ru": "Ссылка на видео"},
                      {"ky": "https:// менен башталган толук дарек.", "ru": "Полный адрес, начиная с https://."}),
        "duration": ({"widget": "string", "required": False, "pattern": ["^(\\d+:)?\\d{1,2}:[0-5]\\d$", {
                          "ky": "мм:сс, мисалы 06:12", "ru": "мм:сс, например 06:12"}]},
                     {"ky": "Узактыгы", "ru": "Длительность"},
                     {"ky": "Шилтеме үчүн гана: 06:12.", "ru": "Только для ссылки: 06:12."}),
        "poster": ({"widget": "image", "required": True, "choose_url": False},
                   {"ky": "Мукаба сүрөтү", "ru": "Обложка"},
                   {"ky": "Видеонун бир кадры: төмөнкү сүрөттөрдүн бири.", "ru": "Кадр из видео: одно из фото ниже."}),
    },
    "audio": {
        "audio": ({"widget": "file", "required": True, "choose_url": False},
                  {"ky": "Аудио файл", "ru": "Аудиофайл"}, {"ky": "MP3, M4A же OGG.", "ru": "MP3, M4A или OGG."}),
        "poster": ({"widget": "image", "required": False, "choose_url": False},
                   {"ky": "Мукаба сүрөтү", "ru": "Обложка"}, {"ky": "Төмөнкү сүрөттөрдүн бири.",
                                                            "ru": "Одно из фото ниже."}),
    },
}

PAGE_KEYS = ("title", "summary", "status")
BODY: Field = ({"widget": "markdown", "required": False},
               {"ky": "Текст", "ru": "Текст"},
               {"ky": "Аталышты кайталабаңыз; ички аталыштар ## менен.",
                "ru": "Не повторяйте заголовок; подзаголовки начинаются с ##."})

# The editor's own words around the form.
UI: dict[str, Texts] = {
    "pages": {"ky": "Баракчалар", "ru": "Страницы"},
}
