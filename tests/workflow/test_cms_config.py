"""The browser editor's form holds the whole content model, in both languages, and its pick
lists are the registries: a registry entry added or a key added to the build shows up here."""

from __future__ import annotations

import yaml

from helpers import ROOT
from portal.admin.config import config, pane_rules
from portal.admin.fields import BODY, COMMON, CORRECTION, LISTS, PHOTO, SECTIONS
from portal.stories.fields import COMMON_KEYS, PAGE_KEYS, SECTION_KEYS

NOT_IN_FORM = {"section"}  # the folder says it; the build only checks a hand-written one
AUDIO_LINK_ONLY = {"duration"}  # an audio story's length is measured from its file
DATA = ROOT / "data"


LICENCES = {"CC-BY-4.0": {"name": "CC BY 4.0"}}


def made(lang="ky"):
    return config(DATA, lang, LICENCES, backend={"name": "github", "repo": "x/y"})


def test_every_key_of_the_model_is_in_the_form_of_its_section():
    collections = {c["name"]: c for c in made()["collections"]}
    for section in yaml.safe_load((DATA / "sections.yml").read_text(encoding="utf-8")):
        names = {f["name"] for f in collections[section]["fields"]}
        wanted = COMMON_KEYS | SECTION_KEYS.get(section, set())
        wanted -= NOT_IN_FORM | (AUDIO_LINK_ONLY if section == "audio" else set())
        assert wanted <= names, (section, wanted - names)
        assert names - {"body"} <= COMMON_KEYS | SECTION_KEYS.get(section, set()), section
    assert {f["name"] for f in collections["pages"]["fields"]} == set(PAGE_KEYS) | {"body"}


def test_every_field_has_a_label_and_help_in_kyrgyz_and_russian():
    specs = [*COMMON.values(), *PHOTO.values(), *CORRECTION.values(), *LISTS.values(), BODY,
             *(spec for fields in SECTIONS.values() for spec in fields.values())]
    for _widget, label, hint in specs:
        assert label.keys() == hint.keys() == {"ky", "ru"}
        assert all(text.strip() for text in (*label.values(), *hint.values()))


def test_pick_lists_are_the_registries():
    news = next(c for c in made("ru")["collections"] if c["name"] == "news")
    fields = {f["name"]: f for f in news["fields"]}
    for kind in ("officials", "units", "topics"):
        registry = yaml.safe_load((DATA / f"{kind}.yml").read_text(encoding="utf-8"))
        assert [o["value"] for o in fields[kind]["options"]] == list(registry)
        for option in fields[kind]["options"]:
            assert registry[option["value"]]["name"]["ky"] in option["label"]
            assert registry[option["value"]]["name"]["ru"] in option["label"]


def test_each_language_is_its_own_file_in_the_story_folder():
    story = next(c for c in made()["collections"] if c["name"] == "decisions")
    assert made()["i18n"]["structure"] == "multiple_files" and story["path"].endswith("/index")
    assert story["media_folder"] == "" and all(f.get("i18n") is True for f in story["fields"])
    assert not any("default" in f for f in story["fields"])  # an unwritten pane must stay empty: it is not saved


def test_a_written_pane_is_checked_by_the_editor_page_not_by_decap():
    """Decap checks the first pane only, and always (a Russian-only story could not be saved): the
    top level's required fields are optional to it, and admin/start.js checks each written pane
    against the rules of /admin/form.js, which name every field the build requires."""
    rules = pane_rules(DATA, "ru", LICENCES)
    for collection in made("ru")["collections"]:
        name = collection["name"]
        specs = {**COMMON, **SECTIONS.get(name, {})}
        required = [key for key, (widget, _label, _hint) in specs.items() if widget.get("required")]
        assert not any(f.get("required") for f in collection["fields"]), name
        assert [key for key, _label in rules[name]["fields"]] == [k for k in required if k in
                                                                  {f["name"] for f in collection["fields"]}]
    assert rules["news"]["fields"][0] == ["title", "Заголовок"]
    assert rules["news"]["lists"]["photos"] == {"label": "Фотографии", "fields": [
        ["file", "Фото"], ["alt", "Что на фото"], ["credit", "Автор"]]}
    assert [key for key, _label in rules["news"]["lists"]["corrections"]["fields"]] == ["date", "note"]
    photos = next(f for f in made()["collections"][0]["fields"] if f["name"] == "photos")
    assert [f["name"] for f in photos["fields"] if f["required"]] == ["file", "alt", "credit"]  # Decap checks these
