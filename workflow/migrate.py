"""`make migrate`: bring story folders written before the browser editor to today's layout.

- `ky.md`, `ru.md` become `index.ky.md`, `index.ru.md` (what the editor writes);
- a folder's `photos.yml` becomes a `photos:` list in each language file, each
  in its own language (alt, caption and credit), and is removed.

The texts themselves are not touched: the list is added at the end of the
front matter. A folder is converted whole or not at all: when one of its
files cannot take the list (no front matter, a `photos:` of its own, YAML
the build would refuse), photos.yml stays, and a line says why. Run on a
clean git tree, then look at `git diff` before committing.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from portal.localization.editor import Message, _
from portal.stories.layout import text_name

PHOTOS_YML = "photos.yml"
PER_LANGUAGE = ("alt", "caption", "credit")
SHARED = ("date", "licence")


class Kept(Exception):
    """Why a folder's photos.yml stays where it is."""

    def __init__(self, why: Message) -> None:
        super().__init__(why.msgid)
        self.why = why


def migrate(content: Path, languages: tuple[str, ...]) -> list[Message | str]:
    """Migrate every folder under `content`; returns what was done, one line per change (marked
    messages: shown in the editor's language)."""
    done: list[Message | str] = []
    for folder in sorted(p for p in content.rglob("*") if p.is_dir()):
        for lang in languages:
            old, new = folder / f"{lang}.md", folder / text_name(lang)
            if old.is_file() and new.exists():
                done.append(_("%(old)s stays: the folder has %(new)s too. Compare the two and remove one.",
                              old=old.relative_to(content).as_posix(), new=new.name))
            elif old.is_file():
                old.rename(new)
                done.append(f"{old.relative_to(content).as_posix()} → {new.name}")
        described = folder / PHOTOS_YML
        if not described.is_file():
            continue
        shown = described.relative_to(content).as_posix()
        try:
            move_photos(described, [folder / text_name(lang) for lang in languages])
            done.append(_("%(file)s: the photos' descriptions moved into the story's files (photos:).", file=shown))
        except Kept as kept:
            done.append(_("%(file)s stays: %(why)s", file=shown, why=kept.why))
    return done


def move_photos(described: Path, texts: list[Path]) -> None:
    """photos.yml → a `photos:` list in each language file of its folder, then photos.yml removed;
    `Kept` (and nothing changed) when that cannot be done for every file."""
    try:
        photos = yaml.safe_load(described.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        photos = None
    if not isinstance(photos, dict):
        raise Kept(_("it cannot be read. `make build` shows the problem with its line."))
    rewritten = {}
    for text in texts:
        source = text.read_text(encoding="utf-8") if text.is_file() else ""
        if not source.strip():  # no file, or an empty one: the story has no text in that language
            continue
        lines = source.split("\n")
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if lines[0].strip() != "---" or end is None:
            raise Kept(_("%(file)s does not start with valid front matter. Fix it and run again.", file=text.name))
        try:
            meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError:
            meta = None
        if not isinstance(meta, dict):
            raise Kept(_("%(file)s does not start with valid front matter. Fix it and run again.", file=text.name))
        if "photos" in meta:
            raise Kept(_("%(file)s already has photos:. Compare the two and remove photos.yml yourself.",
                         file=text.name))
        lang = text.name.split(".")[1]
        block = yaml.safe_dump({"photos": photo_list(photos, lang)}, allow_unicode=True, sort_keys=False,
                               width=1000).rstrip("\n").split("\n")
        rewritten[text] = "\n".join(lines[:end] + block + lines[end:])
    if not rewritten:
        raise Kept(_("the folder has no text of the story."))
    for text, source in rewritten.items():
        text.write_text(source, encoding="utf-8")
    described.unlink()


def photo_list(photos: dict, lang: str) -> list[dict]:
    """The photos of a photos.yml, described in `lang` (a credit written once serves every language)."""
    listed = []
    for name, described in photos.items():
        fields = described if isinstance(described, dict) else {}
        item = {"file": str(name)}
        for key in PER_LANGUAGE:
            value = fields.get(key)
            text = value.get(lang) if isinstance(value, dict) else value
            if text:
                item[key] = str(text)
        for key in SHARED:
            if fields.get(key):
                item[key] = str(fields[key])
        listed.append(item)
    return listed
