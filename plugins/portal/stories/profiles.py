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
from portal.localization.editor import Message, _

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
            self.problem(lines.get("contacts", entry_line), _('"contacts" must list phone, email, address, hours'),
                         _('Write them indented under contacts:, e.g. phone: "+996 312 30 00 00".'))
            contacts = {}
        contacts = contacts or {}
        for key in contacts:
            if key not in CONTACT_KEYS:
                self.problem(contact_lines.get(key), _('unknown contact "%(key)s"', key=key),
                             _("Contacts can be: %(keys)s.", keys=CONTACT_KEYS))
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
        example = _("photo: officials/%(id)s.jpg (a file in %(folder)s/officials/)", id=self.entry_id,
                    folder=data.name)
        if not isinstance(value, str) or not value.strip():
            self.problem(line, _('"photo" must name a file'), _("Write: %(example)s", example=example))
            return None
        photo = data / value.strip()
        try:
            with Image.open(photo) as image:
                kind = image.format
                image.verify()
        except FileNotFoundError:
            self.problem(line, _('there is no photo "%(name)s" in %(folder)s/', name=value, folder=data.name),
                         _("Put the photo there, or correct the name: %(example)s", example=example))
            return None
        except (OSError, UnidentifiedImageError, SyntaxError):
            kind = None
        if kind not in PHOTO_FORMATS:
            self.problem(line, _('"%(name)s" is not a JPEG or PNG photo', name=value),
                         _("Save the photo as JPEG (or PNG) again, and name that file here."))
            return None
        return photo

    def words(self, key: str, value, line: int | None) -> dict[str, str]:
        """A text in every language ({ky: …, ru: …}), or {} after saying what is missing."""
        if value is None:
            return {}
        texts = value if isinstance(value, dict) else {}
        missing = [lang for lang in self.languages if not str(texts.get(lang) or "").strip()]
        if missing:
            example = f"{key}: {{{', '.join(f'{lang}: …' for lang in self.languages)}}}"
            self.problem(line, _('"%(key)s" has no text in %(languages)s', key=key, languages=missing),
                         _("Write it in every language: %(example)s", example=example))
            return {}
        return {lang: str(texts[lang]).strip() for lang in self.languages}

    def matching(self, key: str, value, pattern: re.Pattern, lines: dict[str, int], example: str) -> str:
        if value is None:
            return ""
        text = str(value).strip()
        if not pattern.fullmatch(text):
            wrong = _('"phone" is not a phone number: "%(value)s"', value=text) if key == "phone" else \
                _('"email" is not an email address: "%(value)s"', value=text)
            self.problem(lines.get(key), wrong, _("Write: %(key)s: %(example)s", key=key, example=example))
            return ""
        return text

    def problem(self, line: int | None, message: Message, hint: Message) -> None:
        self.problems.add(self.path, line, _("%(id)s: %(problem)s", id=self.entry_id, problem=message), hint)


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((value for k, value in node.value if str(k.value) == key), None)
    return None


def _lines(node: yaml.Node | None) -> dict[str, int]:
    """Each key of a mapping node and its line (1-based)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _value in node.value}
