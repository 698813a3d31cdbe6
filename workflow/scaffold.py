"""`new`: a story folder with every front-matter key its section needs.

The story starts as `status: draft`, so a half-written story can be built,
previewed and committed but never published by accident; the date is now in
Bishkek; every key has a comment, in the file's language, saying what to
write. The section's main file (a decision's PDF, a film, a recording) can
be copied in with `--file`; without it the key names the file to add, and
the build says so until it is there.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from portal.localization.editor import Message, _

NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAIN_FILE = {"decisions": ("document", "decision.pdf"), "video": ("video", "film.mp4"),
             "audio": ("audio", "recording.mp3")}

# What to write, per key, in the language of the file.
HELP = {
    "top": {"ky": "Ар бир ачкычтын жанында эмне жазуу керектиги көрсөтүлгөн. Толук колдонмо: docs/editing.md",
            "ru": "Рядом с каждым ключом сказано, что написать. Подробное руководство: docs/editing.md"},
    "title": {"ky": "материалдын аталышы", "ru": "заголовок материала"},
    "date": {"ky": "жарыялоо убактысы (Бишкек убактысы); келечектеги убакыт — эмбарго",
             "ru": "время публикации (по Бишкеку); время в будущем — эмбарго"},
    "status": {"ky": "долбоор: материал даяр болгондо бул сапты өчүрүңүз",
               "ru": "черновик: когда материал готов, удалите эту строку"},
    "summary": {"ky": "бир-эки сүйлөм: тизмелерде жана аталыштын астында көрүнөт",
                "ru": "одно-два предложения: видны в списках и под заголовком"},
    "officials": {"ky": "катышкан кызмат адамдары, data/officials.yml ичиндеги id: [mayor]",
                  "ru": "участвующие должностные лица, id из data/officials.yml: [mayor]"},
    "units": {"ky": "тиешелүү бөлүмдөр, data/units.yml ичиндеги id",
              "ru": "подразделения, id из data/units.yml"},
    "topics": {"ky": "темалар, data/topics.yml ичиндеги id", "ru": "темы, id из data/topics.yml"},
    "image": {"ky": ("негизги сүрөт: ушул папкадагы файлдын аты (photo.jpg); "
                     "ар бир сүрөттү photos: тизмесинде сүрөттөңүз"),
              "ru": "главное фото: имя файла в этой папке (photo.jpg); каждое фото опишите в списке photos:"},
    "number": {"ky": "чечимдин номери", "ru": "номер решения"},
    "signed": {"ky": "кол коюлган күнү", "ru": "дата подписания"},
    "signatory": {"ky": "кол койгон кызмат адамынын id", "ru": "id подписавшего должностного лица"},
    "legal_status": {"ky": "in-force (күчүндө), amended (өзгөртүлгөн) же repealed (жокко чыгарылган)",
                     "ru": "in-force (действует), amended (изменено) или repealed (отменено)"},
    "document": {"ky": "кол коюлган PDF: файлды ушул аталыш менен ушул папкага салыңыз",
                 "ru": "подписанный PDF: положите файл с этим именем в эту папку"},
    "starts": {"ky": "иш-чара башталган убакыт", "ru": "время начала мероприятия"},
    "ends": {"ky": "аяктаган убакыт (милдеттүү эмес)", "ru": "время окончания (необязательно)"},
    "venue": {"ky": "өтүүчү жер", "ru": "место проведения"},
    "speakers": {"ky": "сүйлөөчүлөр, data/officials.yml ичиндеги id", "ru": "спикеры, id из data/officials.yml"},
    "accreditation": {"ky": "журналисттер кимге, качанга чейин кайрылат",
                      "ru": "куда и до какого времени обращаться журналистам"},
    "event_status": {"ky": "scheduled; жокко чыгарылса cancelled, жылдырылса postponed жана postponed_to",
                     "ru": "scheduled; при отмене cancelled, при переносе postponed и postponed_to"},
    "explains": {"ky": "түшүндүрүлгөн чечимдин id (content/ ичиндеги папкасы)",
                 "ru": "id разъясняемого решения (его папка внутри content/)"},
    "video": {"ky": "видеофайл ушул папкада; же бул сапты өчүрүп, video_url: https://… жазыңыз",
              "ru": "видеофайл в этой папке; или удалите строку и напишите video_url: https://…"},
    "audio": {"ky": "аудиофайл ушул папкада", "ru": "аудиофайл в этой папке"},
    "duration": {"ky": "узактыгы тырмакчада: \"02:40\"", "ru": "длительность в кавычках: \"02:40\""},
    "poster": {"ky": "мукаба сүрөтү: ушул папкадагы файл, photos: тизмесинде сүрөттөлөт",
               "ru": "обложка: файл в этой папке, описывается в списке photos:"},
    "captions": {"ky": "Видеодо айтылгандарды убактысы менен ушул жерге жазыңыз",
                 "ru": "Запишите здесь сказанное в видео, с таймингом"},
    "body": {"ky": "Материалдын текстин ушул жерге жазыңыз. Бөлүмдөрдүн аталыштары ## менен башталат.",
             "ru": "Текст материала пишите здесь. Подзаголовки начинаются с ##."},
    "headline": {"ky": "Аталышты жазыңыз", "ru": "Напишите заголовок"},
}


@dataclass
class Scaffold:
    """Where and what to create; `files` is the section's main file, if given."""

    section: str
    name: str
    languages: list[str]
    now: datetime
    file: Path | None = None

    @property
    def folder(self) -> str:
        return f"{self.section}/{self.now:%Y}/{self.now:%m-%d}-{self.name}"


def problems(scaffold: Scaffold, content: Path, sections: list[str], languages: list[str]) -> list[Message]:
    """What is wrong with the request, in plain words (empty when it can be created)."""
    found = []
    if scaffold.section not in sections:
        found.append(_('unknown section "%(section)s": choose one of %(sections)s', section=scaffold.section,
                       sections=sections))
    if not NAME.fullmatch(scaffold.name):
        found.append(_('the short name "%(name)s" must be lowercase Latin letters, digits and hyphens, '
                       "e.g. bus-lanes", name=scaffold.name))
    unknown = [lang for lang in scaffold.languages if lang not in languages]
    if unknown or not scaffold.languages:
        found.append(_("languages must be some of %(languages)s", languages=languages))
    if (content / scaffold.folder).exists():
        found.append(_("content/%(folder)s already exists: choose another short name", folder=scaffold.folder))
    if scaffold.file is not None and not scaffold.file.is_file():
        found.append(_("the file %(file)s does not exist", file=scaffold.file))
    if scaffold.file is not None and scaffold.section not in MAIN_FILE:
        found.append(_("a %(section)s story has no main file: add photos by hand (see docs/editing.md)",
                       section=scaffold.section))
    return found


def create(scaffold: Scaffold, content: Path, data: Path) -> list[Path]:
    """Write the folder and its language files; returns the files written."""
    folder = content / scaffold.folder
    folder.mkdir(parents=True)
    if scaffold.file is not None:
        shutil.copy2(scaffold.file, folder / scaffold.file.name)
    written = []
    if scaffold.section == "video":
        for lang in scaffold.languages:
            path = folder / f"captions.{lang}.vtt"
            path.write_text(f"WEBVTT\n\n00:00.000 --> 00:05.000\n{HELP['captions'][lang]}\n", encoding="utf-8")
            written.append(path)
    for lang in scaffold.languages:
        path = folder / f"index.{lang}.md"  # plugins/portal/stories/layout.py
        path.write_text(story_text(scaffold, lang, content, data), encoding="utf-8")
        written.append(path)
    return written


def story_text(s: Scaffold, lang: str, content: Path, data: Path) -> str:
    def line(key: str, value: str, help_key: str | None = None) -> str:
        comment = HELP.get(help_key or key, {}).get(lang)
        return f"{key}: {value}" + (f"  # {comment}" if comment else "")

    when = f"{s.now:%Y-%m-%d %H:%M}"
    lines = ["---", f"# {HELP['top'][lang]}",
             line("title", f'"{HELP["headline"][lang]} ({s.name})"'),
             line("date", when),
             line("status", "draft"),
             line("summary", '""'),
             line("officials", "[]"), line("units", "[]"), line("topics", "[]"),
             line("image", "")]
    main_key, main_name = MAIN_FILE.get(s.section, ("", ""))
    main = s.file.name if s.file else main_name
    if s.section == "decisions":
        lines += [line("number", '"№ …"'), line("signed", f"{s.now:%Y-%m-%d}"),
                  line("signatory", _mayor(data)), line("legal_status", "in-force"), line("document", main)]
    elif s.section == "announcements":
        starts = (s.now + timedelta(days=1)).replace(hour=11, minute=0)
        lines += [line("starts", f"{starts:%Y-%m-%d %H:%M}"), line("ends", ""), line("venue", '"…"'),
                  line("speakers", "[]"), line("accreditation", '""'), line("event_status", "scheduled")]
    elif s.section == "explainers":
        lines += [line("explains", _latest_decision(content))]
    elif s.section in ("video", "audio"):
        lines += [line(main_key, main), line("duration", '""'), line("poster", "", "poster")]
    lines += ["---", "", HELP["body"][lang], ""]
    return "\n".join(lines)


def _mayor(data: Path) -> str:
    officials = yaml.safe_load((data / "officials.yml").read_text(encoding="utf-8")) or {}
    return next((i for i, o in officials.items() if (o or {}).get("role") == "mayor"), next(iter(officials), "mayor"))


def _latest_decision(content: Path) -> str:
    folders = sorted(p.parent for p in (content / "decisions").glob("*/*/index.*.md"))
    return folders[-1].relative_to(content).as_posix() if folders else "decisions/2026/11-03-short-name"
