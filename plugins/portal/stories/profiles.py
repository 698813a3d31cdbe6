"""What an official's page says besides their stories: a photo, a biography, their office's contacts.

Read from an official's entry in data/officials.yml, every part optional:

    mayor:
      name: {ky: …, ru: …}
      position: {ky: …, ru: …}
      photo: officials/mayor.jpg          # a JPEG or PNG under data/
      biography:                          # paragraphs, separated by a blank line
        ky: |
          …
        ru: |
          …
      contacts:
        phone: "+996 312 30 00 00"
        email: mayor@meria.kg
        address: {ky: …, ru: …}
        hours: {ky: …, ru: …}             # when the official receives citizens

Words are given in every language or not at all, like names. A mistake is a
problem with the registry's file, its line and what to write instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, UnidentifiedImageError

from portal.core.problems import Problems

PHOTO_FORMATS = ("JPEG", "PNG")
CONTACT_KEYS = ("phone", "email", "address", "hours")
PROFILE_KEYS = ("photo", "biography", "contacts")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE = re.compile(r"\+?[\d ()-]{5,}")


@dataclass(frozen=True)
class Profile:
    photo: Path | None = None
    biography: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> paragraphs
    phone: str = ""
    email: str = ""
    address: dict[str, str] = field(default_factory=dict)
    hours: dict[str, str] = field(default_factory=dict)


class ProfileReader:
    """Reads the profile of one official's entry; `lines` gives each key's line in the registry."""

    def __init__(self, path: Path, entry_id: str, languages: tuple[str, ...], problems: Problems) -> None:
        self.path, self.entry_id, self.languages, self.problems = path, entry_id, languages, problems

    def read(self, fields: dict, node: yaml.Node | None, entry_line: int | None) -> Profile | None:
        """The profile, or None for an entry without one."""
        if not any(key in fields for key in PROFILE_KEYS):
            return None
        lines = _lines(node)
        contacts = fields.get("contacts")
        contact_lines = _lines(_child(node, "contacts"))
        if contacts is not None and not isinstance(contacts, dict):
            self.problem(lines.get("contacts", entry_line), '"contacts" must list phone, email, address, hours',
                         "Write them indented under contacts:, e.g. phone: \"+996 312 30 00 00\".")
            contacts = {}
        contacts = contacts or {}
        for key in contacts:
            if key not in CONTACT_KEYS:
                self.problem(contact_lines.get(key), f'unknown contact "{key}"',
                             f"Contacts can be: {', '.join(CONTACT_KEYS)}.")
        return Profile(
            photo=self.photo(fields.get("photo"), lines.get("photo", entry_line)),
            biography={lang: tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
                       for lang, text in self.words("biography", fields.get("biography"),
                                                    lines.get("biography", entry_line)).items()},
            phone=self.matching("phone", contacts.get("phone"), PHONE, contact_lines, '"+996 312 30 00 00"'),
            email=self.matching("email", contacts.get("email"), EMAIL, contact_lines, "press@meria.kg"),
            address=self.words("address", contacts.get("address"), contact_lines.get("address")),
            hours=self.words("hours", contacts.get("hours"), contact_lines.get("hours")),
        )

    def photo(self, value, line: int | None) -> Path | None:
        if value is None:
            return None
        data = self.path.parent
        example = f"photo: officials/{self.entry_id}.jpg (a file in {data.name}/officials/)"
        if not isinstance(value, str) or not value.strip():
            self.problem(line, '"photo" must name a file', f"Write: {example}")
            return None
        photo = data / value.strip()
        try:
            with Image.open(photo) as image:
                kind = image.format
                image.verify()
        except FileNotFoundError:
            self.problem(line, f'there is no photo "{value}" in {data.name}/',
                         f"Put the photo there, or correct the name: {example}")
            return None
        except (OSError, UnidentifiedImageError, SyntaxError):
            kind = None
        if kind not in PHOTO_FORMATS:
            self.problem(line, f'"{value}" is not a JPEG or PNG photo',
                         "Save the photo as JPEG (or PNG) again, and name that file here.")
            return None
        return photo

    def words(self, key: str, value, line: int | None) -> dict[str, str]:
        """A text in every language ({ky: …, ru: …}), or {} after saying what is missing."""
        if value is None:
            return {}
        texts = value if isinstance(value, dict) else {}
        missing = [lang for lang in self.languages if not str(texts.get(lang) or "").strip()]
        if missing:
            self.problem(line, f'"{key}" has no text in {", ".join(missing)}',
                         f"Write it in every language: {key}: {{{', '.join(f'{lang}: …' for lang in self.languages)}}}")
            return {}
        return {lang: str(texts[lang]).strip() for lang in self.languages}

    def matching(self, key: str, value, pattern: re.Pattern, lines: dict[str, int], example: str) -> str:
        if value is None:
            return ""
        text = str(value).strip()
        if not pattern.fullmatch(text):
            what = "a phone number" if key == "phone" else "an email address"
            self.problem(lines.get(key), f'"{key}" is not {what}: "{text}"', f"Write: {key}: {example}")
            return ""
        return text

    def problem(self, line: int | None, message: str, hint: str) -> None:
        self.problems.add(self.path, line, f"{self.entry_id}: {message}", hint)


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for k, value in node.value if str(k.value) == key), None)
    return None


def _lines(node: yaml.Node | None) -> dict[str, int]:
    """Each key of a mapping node and its line (1-based)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
