"""The words of the live preview, the browser editor's terminal lines, `make migrate` and the GitHub Actions
summaries, in Kyrgyz and Russian.

The editor's language is PORTAL_UI_LANG (ky or ru), else the locale's, else
Kyrgyz. These words wait to move into the gettext catalogs that carry every
other editor-facing message (issue 15); they are kept in one place until then.
"""

from __future__ import annotations

import os

LANGUAGES = ("ky", "ru")
WORDS = {
    "ky": {
        "not_built": "Сайт курулган жок",
        "fix_and_save": "Төмөндө көрсөтүлгөн файлды оңдоп, сактаңыз: бул барак өзү жаңыланат.",
        "serving": "Сайт: {url} (токтотуу: Ctrl+C)",
        "previewing": "Алдын ала көрүү (окурмандар көрбөйт): {url} (токтотуу: Ctrl+C)",
        "editing": "Редакция: браузерде ушул даректи ачыңыз: {url} (токтотуу: Ctrl+C)",
        "editor_not_started": "Редактор ачылган жок: {server} жооп берген жок. `make edit` буйругун кайра "
                              "иштетиңиз; кайталанса, иштеп чыгуучуга кайрылыңыз.",
        "migrate_nothing": "Өзгөртө турган эч нерсе жок: бардык материалдар жаңы түзүлүштө.",
        "migrate_both": "{old} калды: папкада {new} да бар. Экөөнү салыштырып, бирин өчүрүңүз.",
        "migrate_moved": "{file}: сүрөттөрдүн сүрөттөмөсү материалдын файлдарына (photos:) көчүрүлдү.",
        "migrate_kept": "{file} калды: {why}",
        "migrate_unreadable": "аны окуу мүмкүн эмес. `make build` катаны сабы менен көрсөтөт.",
        "migrate_no_text": "папкада материалдын тексти жок.",
        "migrate_no_front_matter": "{file} файлынын башында туура front matter жок. Оңдоп, кайра иштетиңиз.",
        "migrate_has_list": "{file} ичинде photos: бар. Экөөнү салыштырып, photos.yml'ди өзүңүз өчүрүңүз.",
        # the GitHub Actions job summary and the links report (workflow/github.py)
        "github_safe": "Жарыялоого болот: көйгөй табылган жок.",
        "github_unsafe": "Жарыялоого болбойт: {count} көйгөй табылды. Аларды оңдоп, кайра жөнөтүңүз.",
        "github_changed": "өзгөртүлгөн файл",
        "github_file": "Файл", "github_line": "Сап", "github_problem": "Көйгөй",
        "github_more": "Дагы {count} көйгөй бар: аларды `make check` көрсөтөт.",
        "github_notes": "Эскертүүлөр ({count}): алар жарыялоого тоскоол болбойт.",
        "github_size": "Сайттын көлөмү: {size} MB. Хостингдин чеги: {limit} MB.",
        "github_links_ok": "Башка сайттарга шилтемелердин баары иштейт ({asked}).",
        "github_links_broken": "Башка сайттарга {asked} шилтеменин {count} иштебейт. Жарыялоо токтобойт.",
    },
    "ru": {
        "not_built": "Сайт не собран",
        "fix_and_save": "Исправьте указанный ниже файл и сохраните: страница обновится сама.",
        "serving": "Сайт: {url} (остановить: Ctrl+C)",
        "previewing": "Предпросмотр (читатели его не видят): {url} (остановить: Ctrl+C)",
        "editing": "Редакция: откройте в браузере этот адрес: {url} (остановить: Ctrl+C)",
        "editor_not_started": "Редактор не запустился: {server} не ответил. Запустите `make edit` ещё раз; "
                              "если повторится, обратитесь к разработчику.",
        "migrate_nothing": "Переносить нечего: все материалы уже в новом виде.",
        "migrate_both": "{old} оставлен: в папке есть и {new}. Сравните их и удалите один.",
        "migrate_moved": "{file}: описания фото перенесены в файлы материала (photos:).",
        "migrate_kept": "{file} оставлен: {why}",
        "migrate_unreadable": "его не удаётся прочитать. `make build` покажет ошибку со строкой.",
        "migrate_no_text": "в папке нет текста материала.",
        "migrate_no_front_matter": "в начале {file} нет правильного front matter. Исправьте и запустите снова.",
        "migrate_has_list": "в {file} уже есть photos:. Сравните их и удалите photos.yml сами.",
        # the GitHub Actions job summary and the links report (workflow/github.py)
        "github_safe": "Можно публиковать: проблем не найдено.",
        "github_unsafe": "Публиковать нельзя: найдено проблем — {count}. Исправьте их и отправьте снова.",
        "github_changed": "изменённый файл",
        "github_file": "Файл", "github_line": "Строка", "github_problem": "Проблема",
        "github_more": "Есть ещё проблемы ({count}): их покажет `make check`.",
        "github_notes": "Замечания ({count}): они не мешают публикации.",
        "github_size": "Размер сайта: {size} МБ. Предел хостинга: {limit} МБ.",
        "github_links_ok": "Все ссылки на другие сайты работают ({asked}).",
        "github_links_broken": "Не работают ссылки на другие сайты: {count} из {asked}. Публикация не останавливается.",
    },
}


def ui_language() -> str:
    """ky or ru: PORTAL_UI_LANG, else the locale's language, else Kyrgyz."""
    chosen = os.environ.get("PORTAL_UI_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        language = os.environ.get(variable, "")[:2].lower()
        if language in LANGUAGES:
            return language
    return LANGUAGES[0]


def words(lang: str) -> dict[str, str]:
    return WORDS[lang]
