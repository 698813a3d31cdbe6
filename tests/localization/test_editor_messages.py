"""Every word an editor reads exists in Kyrgyz and Russian (the `editor` catalogs).

Three guards, cheapest first:
- every msgid the code marks with `_`/`_n` has a non-empty, non-fuzzy
  translation in both catalogs, with the same placeholders, once;
- no unmarked sentence is handed to what editors read: a scan of the code
  for English words passed to print, exit, input, the problems collector,
  the check report's findings and notes, and the progress display (the
  collector itself refuses a plain string at run time);
- a site full of mistakes, built in Russian and in Kyrgyz, reports every
  one with its file and line and without a sentence in Latin script.
"""

from __future__ import annotations

import ast
import re
from functools import cache

import pytest

from helpers import LANGS, ROOT
from portal.localization.editor import CATALOGS, DOMAIN, _, _n, ui_language
from portal.localization.editor_catalogs import catalog, entries, key, marked

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def marked_messages() -> dict[str, list]:
    found: dict[str, list] = {}
    for message in marked(ROOT):
        found.setdefault(key(message.msgid), []).append(message)
    return found


def test_the_code_marks_editor_messages():
    assert len(marked_messages()) >= 150


@pytest.mark.parametrize("lang", LANGS)
def test_every_editor_message_is_translated(lang):
    cat = catalog(lang)
    problems = []
    for msgid, places in marked_messages().items():
        where = f"{places[0].file}:{places[0].line}"
        is_plural = isinstance(places[0].msgid, tuple)
        entry = cat.get(msgid)
        if entry is None:
            problems.append(f"{where}: {msgid!r} is not in the {lang} catalog (run `make messages`)")
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"{where}: {msgid!r} is fuzzy in the {lang} catalog")
        elif is_plural != isinstance(entry.id, tuple):
            problems.append(f"{where}: {msgid!r} is {'plural' if is_plural else 'singular'} in the code, "
                            f"not in the {lang} catalog")
        elif not all((form or "").strip() for form in forms) or (is_plural and len(forms) != cat.num_plurals):
            problems.append(f"{where}: {msgid!r} has no {lang} translation (or lacks a plural form)")
        else:
            wanted = set(PLACEHOLDER.findall(msgid))
            problems += [f"{where}: {msgid!r}: the {lang} {form!r} has the placeholders "
                         f"{sorted(set(PLACEHOLDER.findall(form)))}, not {sorted(wanted)}"
                         for form in forms if set(PLACEHOLDER.findall(form)) != wanted]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_each_catalog_has_each_message_once_and_only_marked_ones(lang):
    text = (CATALOGS / lang / "LC_MESSAGES" / f"{DOMAIN}.po").read_text(encoding="utf-8")
    msgids = [msgid for msgid, _entry in entries(text)]
    twice = sorted({m for m in msgids if msgids.count(m) > 1})
    assert not twice, f"written twice in the {lang} catalog (after a merge, keep one): {twice}"
    unused = sorted(set(msgids) - set(marked_messages()))
    assert not unused, f"no code marks these any more (`make messages` drops them): {unused}"


def test_messages_are_shown_in_the_editors_language():
    header = _n("The site was not built: %(count)d problem in the content.",
                "The site was not built: %(count)d problems in the content.", 3)
    assert header.text("ru") == "Сайт не собран: в материалах 3 ошибки."
    assert header.text("en") == "The site was not built: 3 problems in the content."
    assert "3" in header.text("ky") and header.text("ky") != header.text("en")


@pytest.mark.parametrize("environ, lang", [
    ({"PORTAL_UI_LANG": "ru", "LANG": "ky_KG.UTF-8"}, "ru"),
    ({"PORTAL_UI_LANG": "ky", "LC_ALL": "ru_RU.UTF-8"}, "ky"),
    ({"LANG": "ru_RU.UTF-8"}, "ru"),
    ({"LC_MESSAGES": "ky_KG.UTF-8", "LANG": "ru_RU.UTF-8"}, "ky"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "ru_RU.UTF-8"}, "ky"),  # LC_ALL decides; English is not an editor's
    ({"LANG": "C.UTF-8"}, "ky"),
    ({"PORTAL_UI_LANG": "kz"}, "ky"),
    ({}, "ky"),
])
def test_the_language_comes_from_the_setting_then_the_locale_then_kyrgyz(environ, lang):
    assert ui_language(environ) == lang


# --------------------------------------------------------------------------- unmarked words

SCANNED = [ROOT / "tasks.py", *(path for folder in ("workflow", "plugins", "monitoring")
                              for path in sorted((ROOT / folder).rglob("*.py")))]
# Calls whose arguments an editor reads: by the name called (a function, a class, a method).
SINKS = {"print", "exit", "input", "SystemExit", "Finding", "Note", "FrontMatterError", "UnsafePart", "Invisible",
         "Unreadable", "problem", "step", "ask"}
PHRASE = re.compile(r"[A-Za-z]{2,}[,.:;'’()]?\s+[(\"']?[A-Za-z]{2,}")  # two Latin words: not a name ("one-language")
# In an f-string's text, one word next to a space is a sentence: f"Created {path}" (not f"data/{kind}.yml").
WORD = re.compile(r"[A-Za-z]{2,}(?=\s)|(?<=\s)[A-Za-z]{2,}")
# Arguments of a sink that are names, not words: a finding's file, line and check; a note's kind and file.
NOT_WORDS = {"Finding": {0, 1, 4, "file", "line", "check"}, "Note": {0, 2, "kind", "file"}}
DEVELOPER_ONLY = "# developer-only"  # on the call's first line: words for a developer (see docs/architecture.md)


def _called(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_sink(call: ast.Call) -> bool:
    name = _called(call)
    if name == "add":  # the problems collector: `problems.add`, `self.problems.add`
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        return ast.unparse(receiver).endswith("problems") if receiver is not None else False
    return name in SINKS


def _literal_words(node: ast.AST) -> list[str]:
    """English phrases written literally in an argument (a string, an f-string's text, a concatenation);
    not inside a call (`_("…")` is marked, `", ".join(…)` is not a sentence)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return PHRASE.findall(node.value)
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values if isinstance(part, ast.Constant) for w in WORD.findall(part.value)]
    if isinstance(node, ast.Call):
        return []
    return [w for child in ast.iter_child_nodes(node) for w in _literal_words(child)]


def unmarked(source: str, filename: str) -> list[str]:
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call) and _is_sink(node) and DEVELOPER_ONLY not in lines[node.lineno - 1]:
            skipped = NOT_WORDS.get(_called(node), set())
            arguments = [*(a for i, a in enumerate(node.args) if i not in skipped),
                         *(k.value for k in node.keywords if k.arg not in skipped)]
            words = [w for argument in arguments for w in _literal_words(argument)]
            if words:
                found.append(f"{filename}:{node.lineno}: {_called(node)}(…) is given {words[0]!r}…")
    return found


def misuses_the_marker(source: str, filename: str) -> list[str]:
    """`for key, _ in …` where `_` is the marker (the function then calls a tuple's item, or fails), and
    `_()` inside an f-string, where Babel's extractor does not look: its msgid would never reach a catalog."""
    tree = ast.parse(source, filename)
    imports_it = any(isinstance(node, ast.ImportFrom) and node.module == "portal.localization.editor"
                     and any(alias.name == "_" for alias in node.names) for node in ast.walk(tree))
    if not imports_it:
        return []
    bound = [f"{filename}:{node.lineno}: `_` is bound here; name the value instead" for node in ast.walk(tree)
             if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store)]
    hidden = [f"{filename}:{call.lineno}: a message marked inside an f-string; mark it before"
              for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for call in ast.walk(node)
              if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("_", "_n")]
    return bound + hidden


def test_the_scan_finds_unmarked_words():
    source = '''
print(f"Created {path}")
problems.add(path, 3, _("the file is empty"), "Write something.")
self.problems.add(path, None, f'unknown key "{key}"')
sys.exit("Nothing was created: " + reason)
Finding(name, None, _("the link is broken"), _("Check it."), "links")
print(report.as_text(), end="")
raise SystemExit(f"PORTAL_X must be a number")  # developer-only: a setting
'''
    assert [line.split(":")[1] for line in unmarked(source, "x.py")] == ["2", "3", "4", "5"]


def test_no_unmarked_words_reach_an_editor():
    sources = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in SCANNED}
    found = [f for name, source in sources.items() for f in unmarked(source, name) + misuses_the_marker(source, name)]
    assert not found, "mark these with portal.localization.editor's _() and translate them:\n" + "\n".join(found)


def test_the_problems_collector_refuses_a_plain_string():
    from portal.core.problems import Problems

    problems = Problems(root=ROOT)
    problems.add("content/x/ky.md", 1, _("the file is not UTF-8 text"), _("Save it again as UTF-8."))
    with pytest.raises(TypeError):
        problems.add("content/x/ky.md", 1, "the file is not UTF-8 text")
    assert str(problems.items[0]) == "content/x/ky.md:1: the file is not UTF-8 text\n    Save it again as UTF-8."


# --------------------------------------------------------------------------- a site full of mistakes, in ky and ru

LATIN_SENTENCE = re.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")  # three Latin words in a row
QUOTED = re.compile(r"«[^»]*»|`[^`]*`|\(YAML: [^)]*\)")  # what the editor wrote, code, YAML's own words
PROBLEM = re.compile(r"^(\S+?)(?::(\d+))?: (.*(?:\n {4}.*)*)", re.MULTILINE)


def write_mistakes(site) -> None:
    """One site, a mistake (or a few) per folder: every stage of the stories plugin reports at once."""
    story = site.story
    story("news/2026/11-01-no-title", "ru", "Текст.", date="2026-11-01 10:00")
    story("news/2026/11-02-bad-date", "ky", "Текст.", title="Күнү туура эмес", date="02.11.2026")
    story("newz/2026/11-03-typo", "ky", "Текст.", title="Бөлүм ката", date="2026-11-03 10:00")
    story("news/2026/11-04-unknown", "ru", "Текст.", title="Неизвестные", date="2026-11-04 10:00",
          officials=["mayr"], units=["transport-road"], topics=["heatng"], sumary="Кратко.", status="publishd")
    story("news/2026/11-05-pair", "ky", "Текст.", title="Эки күн", date="2026-11-05 10:00")
    story("news/2026/11-05-pair", "ru", "Текст.", title="Две даты", date="2026-11-05 11:00")
    story("news/2026/11-06-section", "ru", "Текст.", title="Раздел", date="2026-11-06 10:00", section="decisions")
    story("news/2026/11-07-unsafe", "ru", "# Второй заголовок\n\n<script>alert(1)</script>\n\n"
          '<img src="x.jpg" onerror="alert(1)">\n\n<a href="javascript:alert(1)">ссылка</a>\n\n<iframe></iframe>',
          title="Опасно", date="2026-11-07 10:00", image="missing.jpg")
    site.raw("news/2026/11-08-yaml/index.ru.md", "---\ntitle: Мэрия: улицы\ndate: 2026-11-08 10:00\n---\n\nТекст.\n")
    site.raw("news/2026/11-09-no-front/index.ky.md", "Текст гана.\n")
    site.raw("news/2026/11-10-open/index.ru.md", "---\ntitle: Открыто\n\nТекст.\n")
    site.photo("news/2026/11-11-photo", "snow.jpg")
    story("news/2026/11-11-photo", "ky", "Текст.", title="Кар", date="2026-11-11 10:00",
          photos=[{"file": "snow.jpg", "alt": "Кар", "captoin": "x", "licence": "CC-BY-5.0", "date": "кечээ"}])
    story("news/2026/11-11-photo", "ru", "Текст.", title="Снег", date="2026-11-11 10:00",
          photos=[{"file": "snow.jpg", "credit": "Пресс-служба"}, {"file": "snow.jpg", "alt": "Снег"}, {"alt": "?"}])
    site.photo("news/2026/11-12-old-form", "lanes.jpg")
    site.raw("news/2026/11-12-old-form/iphone.heic", "не фото")
    site.raw("news/2026/11-12-old-form/empty.jpg", "")
    story("news/2026/11-12-old-form", "ru", "Текст.", title="Фото", date="2026-11-12 10:00")
    site.describe_photos("news/2026/11-12-old-form", {"lanes.jpg": {"alt": {"ky": "Тилке"}, "date": "вчера"}})
    story("news/2026/11-13-moved", "ru", "Текст.", title="Подпись", date="2026-11-13 10:00", image_alt="Машина")
    site.raw("news/2026/11-14-twice/index.ru.md",
             "---\ntitle: Раз\ndate: 2026-11-14 10:00\ntitle: Два\n---\n\nТекст.\n")
    story("news/2026/11-15-misnamed", "ky", "Текст.", title="Ат", date="2026-11-15 10:00")
    site.raw("news/2026/11-15-misnamed/index.ru.md.txt", "Текст.\n")
    site.raw("news/2026/11-15-old-name/ky.md", "---\ntitle: Эски ат\ndate: 2026-11-15 10:00\n---\n\nТекст.\n")
    site.photo("news/2026/11-16-no-text", "snow.jpg")
    story("news/2026/11-17-corrections", "ru", "Текст.", title="Исправление", date="2026-11-17 10:00",
          corrections=[{"date": "2026-11-16 09:00", "note": "Рано."}, {"note": "Без даты."}])
    story("explainers/2026/11-18-explains", "ru", "Текст.", title="Разъяснение", date="2026-11-18 10:00",
          explains="decisions/2026/11-03-none")
    site.raw("decisions/2026/11-19-word/toktom.pdf", "PK\x03\x04 word/document.xml")
    story("decisions/2026/11-19-word", "ru", "Текст.", title="Решение", date="2026-11-19 10:00", number="№ 1",
          signed="2026-11-20", signatory="mayor", document="toktom.pdf", legal_status="cancelled")
    story("news/2026/11-20-slug", "ru", "Текст.", title="Адрес", date="2026-11-20 10:00", slug="a-" * 60 + "b")
    site.raw("news/2026/11-21-invisible/index.ru.md",
             "---\ntitle: Символ\ndate: 2026-11-21 10:00\n---\n\nТекст\x0bещё.\n")
    site.page("about", "ru", "Об отделе.", title="Об отделе")
    site.photo("pages/about", "team.jpg")
    story("announcements/2026/11-22-event", "ru", "Текст.", title="Брифинг", date="2026-11-22 10:00",
          starts="2026-11-25 11:00", ends="2026-11-25 10:00", event_status="postponed")
    story("video/2026/11-23-video", "ru", "Текст.", title="Видео", date="2026-11-23 10:00",
          video_url="http://example.org/v", duration="2m")
    story("audio/2026/11-24-audio", "ru", "Текст.", title="Аудио", date="2026-11-24 10:00")
    story("news/2026/11-25-lang", "en", "Text.", title="English", date="2026-11-25 10:00")
    units = site.data / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + 'Mayor Office:\n  name: {ky: "Аппарат", ru: "Аппарат"}\n',
                     encoding="utf-8")
    officials = site.data / "officials.yml"
    officials.write_text(officials.read_text(encoding="utf-8") + 'press-secretary:\n  role: vice-mayor\n'
                         '  name: {ky: "Басма катчы", ru: "Пресс-секретарь"}\n  biography: {ky: "Өмүр баяны."}\n'
                         '  contacts: {email: "жок", fax: "1"}\n', encoding="utf-8")
    topics = site.data / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8") + "snow:\n  name: Снег\n", encoding="utf-8")
    (site.data / "permalinks.yml").write_text("<<<<<<< HEAD\nnews/2026/11-01-a:\n  ru: a\n=======\n>>>>>>> b\n",
                                              encoding="utf-8")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    """{lang: what the build printed} for one site full of mistakes, built in ky, in ru and in en."""
    from sites import FixtureSite

    site = FixtureSite(tmp_path_factory.mktemp("mistakes"))
    write_mistakes(site)
    printed = {}
    for lang in ("ky", "ru", "en"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("PORTAL_UI_LANG", lang)
            result = site.build()
        assert result.returncode == 1 and "Traceback" not in result.text, result.text
        printed[lang] = result.text
    return printed


def problems_in(text: str) -> list[tuple[str, str, str]]:
    """(file, line, message with its hint) of each problem in a build's report."""
    return [(m[1], m[2] or "", m[3]) for m in PROBLEM.finditer(text) if "/" in m[1]]


@pytest.mark.parametrize("lang", LANGS)
def test_every_problem_is_reported_in_the_editors_language_with_its_file_and_line(reports, lang):
    found = problems_in(reports[lang])
    english = problems_in(reports["en"])
    assert len(found) >= 45
    assert [(file, line) for file, line, _text in found] == [(file, line) for file, line, _text in english]
    untranslated = [f"{file}:{line}: {text}" for file, line, text in found
                    if LATIN_SENTENCE.search(QUOTED.sub("", text))]
    assert not untranslated, "\n".join(untranslated)
    header = {"ky": "Сайт курулган жок: материалдарда", "ru": "Сайт не собран: в материалах"}[lang]
    assert reports[lang].lstrip().startswith(header), reports[lang][:200]


def test_the_guard_finds_english_in_a_report():
    report = ("content/news/x/ru.md:3: «date» — не дата: «26.11.2026»\n    Пишите так: 2026-11-26 10:30.\n\n"
              "content/news/y/ru.md:4: the photo is an empty file\n    Export the photo again.\n")
    flagged = [line for _file, line, text in problems_in(report) if LATIN_SENTENCE.search(QUOTED.sub("", text))]
    assert flagged == ["4"]
