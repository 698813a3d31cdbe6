"""The browser editor's configuration (Decap CMS's config.yml), made from the registries.

One collection per section (and one for the standing pages), Kyrgyz and
Russian side by side in one entry: Decap writes each language to its own
file, `index.ky.md` and `index.ru.md`, in the story's folder, and the photos
uploaded in the form next to them. The pick lists of officials, units and
topics come from data/*.yml when the editor starts, so they cannot drift
from the registries. Labels and help are in the editor's language
(PORTAL_UI_LANG); the form's fields are in fields.py.

A story may be written in one language only. Decap checks required fields
in the first (Kyrgyz) pane alone, and always: a Russian-only story could not
be saved, and a Russian pane without its title could. The top level's
required fields are therefore optional to Decap, and admin/start.js checks
them, and the required fields of list items, in each pane that is written at
all, against `pane_rules` (served as /admin/form.js, see editor.py).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from portal.localization.editor import _

from .fields import BODY, COMMON, CORRECTION, LISTS, PAGE_KEYS, PHOTO, SECTIONS, UI, Field

LANGUAGES = ("ky", "ru")
STORY_PATH = "{{year}}/{{month}}-{{day}}-{{slug}}/index"  # content/<section>/2026/11-26-bus-lanes/index.ky.md


def registries(data: Path) -> dict[str, dict]:
    """The registries as the form needs them: sections, officials, units and topics by id."""
    return {kind: yaml.safe_load((data / f"{kind}.yml").read_text(encoding="utf-8")) or {}
            for kind in ("sections", "officials", "units", "topics")}


def options(kind: str, tables: dict[str, dict], licences: dict) -> list[dict]:
    """A pick list: every id of a registry, labelled with its Kyrgyz and Russian names."""
    if kind == "licences":
        return [{"label": licence["name"], "value": key} for key, licence in licences.items()]
    return [{"label": " / ".join(dict.fromkeys(entry["name"][lang] for lang in LANGUAGES)), "value": key}
            for key, entry in tables[kind].items()]


def field(name: str, spec: Field, lang: str, tables: dict[str, dict], licences: dict, **extra) -> dict:
    """One form field in Decap's terms, its label and help in `lang`."""
    widget, label, hint = spec
    made = {"name": name, "label": label[lang], "hint": hint[lang], "i18n": True, **widget, **extra}
    if isinstance(made.get("options"), str):
        made["options"] = options(made["options"], tables, licences)
    if isinstance(made.get("pattern"), list):
        made["pattern"] = [made["pattern"][0], made["pattern"][1][lang]]
    return made


def story_fields(section: str, lang: str, tables: dict[str, dict], licences: dict) -> list[dict]:
    """Every key a story of `section` may have, in the order of docs/content.md, then the text."""
    def make(name: str, spec: Field, **extra) -> dict:
        return field(name, spec, lang, tables, licences, **extra)

    fields = [make(name, spec) for name, spec in COMMON.items()]
    fields += [make(name, spec) for name, spec in SECTIONS.get(section, {}).items()]
    fields.append(make("photos", LISTS["photos"], summary="{{fields.file}}",
                       fields=[make(name, spec) for name, spec in PHOTO.items()]))
    fields.append(make("corrections", LISTS["corrections"], summary="{{fields.date}}",
                       fields=[make(name, spec) for name, spec in CORRECTION.items()]))
    fields.append(make("body", BODY))
    return fields


def written_pane_rules(fields: list[dict], lang: str) -> tuple[list[dict], dict]:
    """The fields as Decap gets them (the top level's required ones optional to it, their help
    saying when they are required), and what a pane that is written must hold:
    {"fields": [[name, label]], "lists": {name: {"label": label, "fields": [[name, label]]}}}."""
    def required(items: list[dict]) -> list[list[str]]:
        return [[item["name"], item["label"]] for item in items if item.get("required")]

    when = _("Required when you write in this language.").text(lang)
    rules = {"fields": required(fields),
             "lists": {f["name"]: {"label": f["label"], "fields": required(f["fields"])}
                       for f in fields if f.get("widget") == "list" and required(f.get("fields", []))}}
    return [{**f, "required": False, "hint": f"{f['hint']} {when}"} if f.get("required") else f
            for f in fields], rules


def collections(lang: str, tables: dict[str, dict], licences: dict, preview_url: str) -> list[dict]:
    made = []
    for section, entry in tables["sections"].items():
        made.append({
            "name": section, "label": entry["name"][lang], "folder": f"content/{section}",
            "create": True, "path": STORY_PATH, "slug": "{{fields.slug}}", "identifier_field": "title",
            "summary": "{{title}}", "sortable_fields": ["date", "title"],
            "media_folder": "", "public_folder": "", "i18n": True,
            "preview_path": f"{lang}/{section}/{{{{year}}}}/{{{{fields.slug}}}}/" if preview_url else None,
            "fields": story_fields(section, lang, tables, licences),
        })
    made.append({
        "name": "pages", "label": UI["pages"][lang], "folder": "content/pages", "create": False,
        "path": "{{slug}}/index", "identifier_field": "title", "i18n": True, "media_folder": "", "public_folder": "",
        "fields": [field(name, COMMON[name], lang, tables, licences) for name in PAGE_KEYS]
                  + [field("body", BODY, lang, tables, licences)],
    })
    return [{key: value for key, value in c.items() if value is not None} for c in made]


def pane_rules(data: Path, lang: str, licences: dict) -> dict[str, dict]:
    """What a written pane must hold, per collection, labels in `lang` (see written_pane_rules)."""
    return {c["name"]: written_pane_rules(c["fields"], lang)[1]
            for c in collections(lang, registries(data), licences, preview_url="")}


def config(data: Path, lang: str, licences: dict, backend: dict, local_backend: str | None = None,
           preview_url: str = "", workflow: bool = False) -> dict:
    """Decap's whole configuration. `backend`: where entries are saved in production (see
    docs/publishing.md); `local_backend`: the address of decap-server's API (`make edit`)."""
    tables = registries(data)
    made = {
        "backend": backend,
        "locale": lang,
        "media_folder": "content",  # required at the top; every collection keeps its photos in the story's folder
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": LANGUAGES[0]},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [{**c, "fields": written_pane_rules(c["fields"], lang)[0]}
                        for c in collections(lang, tables, licences, preview_url)],
    }
    if local_backend:
        made["local_backend"] = {"url": local_backend}
    if preview_url:
        made["site_url"] = made["display_url"] = preview_url
    if workflow:
        made["publish_mode"] = "editorial_workflow"
    return made


def config_yaml(*args, **kwargs) -> str:
    return yaml.safe_dump(config(*args, **kwargs), allow_unicode=True, sort_keys=False, width=120)
