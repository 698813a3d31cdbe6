"""`make migrate`: bring story folders written before the browser editor to today's layout.

- `ky.md`, `ru.md` become `index.ky.md`, `index.ru.md` (what the editor writes);
- a folder's `photos.yml` becomes a `photos:` list in each language file, each
  in its own language (alt, caption and credit), and is removed.

The texts themselves are not touched: the list is added at the end of the
front matter. Run on a clean git tree, then look at `git diff` before committing.
"""

from __future__ import annotations

from pathlib import Path

import yaml

PHOTOS_YML = "photos.yml"
PER_LANGUAGE = ("alt", "caption", "credit")
SHARED = ("date", "licence")


def migrate(content: Path, languages: tuple[str, ...]) -> list[str]:
    """Migrate every folder under `content`; returns what was done, one line per change."""
    done = []
    for folder in sorted(p for p in content.rglob("*") if p.is_dir()):
        for lang in languages:
            old, new = folder / f"{lang}.md", folder / f"index.{lang}.md"
            if old.is_file() and not new.exists():
                old.rename(new)
                done.append(f"{old.relative_to(content)} → {new.name}")
        described = folder / PHOTOS_YML
        if described.is_file():
            done += move_photos(described, [folder / f"index.{lang}.md" for lang in languages], content)
    return done


def move_photos(described: Path, texts: list[Path], content: Path) -> list[str]:
    """photos.yml → a `photos:` list in each language file that has none yet."""
    photos = yaml.safe_load(described.read_text(encoding="utf-8")) or {}
    done = []
    for text in texts:
        if not text.is_file():
            continue
        lang = text.name.split(".")[1]
        source = text.read_text(encoding="utf-8")
        lines = source.split("\n")
        if not lines or lines[0].strip() != "---" or "photos" in (yaml.safe_load(_front(lines)) or {}):
            continue
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        block = yaml.safe_dump({"photos": photo_list(photos, lang)}, allow_unicode=True, sort_keys=False,
                               width=1000).rstrip("\n").split("\n")
        text.write_text("\n".join(lines[:end] + block + lines[end:]), encoding="utf-8")
        done.append(f"{text.relative_to(content)}: photos: from {PHOTOS_YML}")
    described.unlink()
    return done


def photo_list(photos: dict, lang: str) -> list[dict]:
    """The photos of a photos.yml, described in `lang` (a credit written once serves every language)."""
    listed = []
    for name, fields in photos.items():
        item = {"file": str(name)}
        for key in PER_LANGUAGE:
            value = (fields or {}).get(key)
            text = value.get(lang) if isinstance(value, dict) else value
            if text:
                item[key] = str(text)
        for key in SHARED:
            if (fields or {}).get(key):
                item[key] = str(fields[key])
        listed.append(item)
    return listed


def _front(lines: list[str]) -> str:
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 1)
    return "\n".join(lines[1:end])
