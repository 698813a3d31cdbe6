"""The registries: sections, officials, units and topics, named in ky and ru.

Stories name these by id; the site shows the name in the page's language.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from portal.core.problems import Problems
from portal.localization.editor import Message, _

from .characters import invisible
from .frontmatter import KEEP_ONE, load_yaml, repeated_key, written_twice, yaml_reason
from .profiles import Profile, ProfileReader
from .slugs import SLUG

KINDS = ("sections", "officials", "units", "topics")


@dataclass(frozen=True)
class RegistryEntry:
    id: str
    names: dict[str, str]
    kind: str = ""  # official's role, unit's kind
    positions: dict[str, str] = field(default_factory=dict)
    profile: Profile | None = None  # an official's photo, biography and contacts (profiles.py)
    # Other names and spellings the press uses, per language: media monitoring finds them (monitoring/).
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass
class Registry:
    sections: dict[str, RegistryEntry]
    officials: dict[str, RegistryEntry]
    units: dict[str, RegistryEntry]
    topics: dict[str, RegistryEntry]
    # Kinds whose file is missing or not YAML: their problem is reported once, not as an
    # unknown id in every story that names one.
    unreadable: frozenset[str] = frozenset()

    def of(self, kind: str) -> dict[str, RegistryEntry]:
        return getattr(self, kind)

    def suggest(self, kind: str, unknown: str) -> Message:
        """A hint for an unknown id: the closest ids, then all known ones."""
        known = sorted(self.of(kind))
        close = difflib.get_close_matches(unknown, known, n=1)
        if close:
            return _('Did you mean "%(id)s"? The ids in data/%(kind)s.yml: %(ids)s', id=close[0], kind=kind, ids=known)
        return _("The ids in data/%(kind)s.yml: %(ids)s", kind=kind, ids=known)


def load_registry(data_dir: Path, languages: tuple[str, ...], problems: Problems) -> Registry:
    """Read data/<kind>.yml; every entry needs an id fit for an address and a name in every language."""
    tables: dict[str, dict[str, RegistryEntry]] = {}
    unreadable = set()
    for kind in KINDS:
        table = _read_table(data_dir / f"{kind}.yml", kind, languages, problems)
        if table is None:
            unreadable.add(kind)
        tables[kind] = table or {}
    return Registry(**tables, unreadable=frozenset(unreadable))


def _read_table(path: Path, kind: str, languages: tuple[str, ...], problems: Problems) -> dict | None:
    """One registry's entries by id (those with a mistake left out, after reporting it);
    None, after reporting why, if the file cannot be read at all."""
    example = _("Each entry is 'id:' followed by indented 'name: {ky: …, ru: …}'.")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add(path, None, _("the registry %(file)s is missing", file=path.name),
                     _("Create %(file)s with entries like:\n%(example)s", file=path.name,
                       example="some-id:\n  name: {ky: …, ru: …}"))
        return None
    if found := invisible(text):
        problems.add(path, found.line, found.message, found.hint)
        return None
    try:
        raw, node = load_yaml(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.add(path, mark.line + 1 if mark else None,
                     _("this registry is not valid YAML (%(reason)s)",
                       reason=yaml_reason(error) or _("see this line")), example)
        return None
    if node is None:  # an empty registry: nothing to name
        return {}
    if not isinstance(raw, dict) or not isinstance(node, yaml.MappingNode):
        problems.add(path, None, _("this registry must list its entries by id"), example)
        return None
    if repeated := repeated_key(node):
        key, first, second = repeated
        problems.add(path, second + 1, written_twice(key, first + 1, second + 1), KEEP_ONE)
    lines = {str(key.value): key.start_mark.line + 1 for key, _value in node.value}
    values = {str(key.value): value for key, value in node.value}
    address = "/ky/<id>/" if kind == "sections" else f"/ky/{kind}/<id>/"
    table = {}
    for entry_id, written in ((str(key), value) for key, value in raw.items()):
        line = lines.get(entry_id)
        if not SLUG.fullmatch(entry_id):
            problems.add(path, line, _('"%(id)s" cannot be an id: it is part of the address %(address)s',
                                       id=entry_id, address=address),
                         _("Write it with lowercase Latin letters, digits and hyphens, e.g. mayor-office "
                           "(and the same in the stories that name it)."))
            continue
        fields = _mapping(written)
        names = _mapping(fields.get("name"))
        missing = [lang for lang in languages if not names.get(lang)]
        if missing:
            problems.add(path, line, _('"%(id)s" has no name in %(languages)s', id=entry_id, languages=missing),
                         _("Write under %(id)s: %(example)s", id=entry_id, example="name: {ky: …, ru: …}"))
            continue
        positions = _mapping(fields.get("position"))
        profile = ProfileReader(path, entry_id, languages, problems).read(fields, values.get(entry_id), line) \
            if kind == "officials" else None
        aliases = _aliases(fields.get("aliases"), languages)
        if aliases is None:
            problems.add(path, line, _('"%(id)s": aliases are other names per language', id=entry_id),
                         _("Write under %(id)s: %(example)s (each language is optional, each name in quotes).",
                           id=entry_id, example='aliases: {ky: ["…", "…"], ru: ["…"]}'))
            aliases = {}
        table[entry_id] = RegistryEntry(
            id=entry_id,
            names={lang: str(names[lang]) for lang in languages},
            kind=str(fields.get("role") or fields.get("kind") or ""),
            positions={lang: str(value) for lang, value in positions.items()},
            profile=profile,
            aliases=aliases,
        )
    return table


def _mapping(value: object) -> dict:
    """The keys an editor wrote under a key, or none if they wrote something else there."""
    return value if isinstance(value, dict) else {}


def _aliases(value: object, languages: tuple[str, ...]) -> dict[str, tuple[str, ...]] | None:
    """`aliases: {ky: [...], ru: [...]}` (a single name may stand without brackets); None if not so."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(languages):
        return None
    aliases = {}
    for lang, written in value.items():
        names = [written] if isinstance(written, str) else written
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            return None
        aliases[lang] = tuple(n.strip() for n in names)
    return aliases
