"""The registries: sections, officials, units and topics, named in ky and ru.

Stories name these by id; the site shows the name in the page's language.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .characters import invisible
from .frontmatter import repeated_key
from .problems import Problems

KINDS = ("sections", "officials", "units", "topics")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class RegistryEntry:
    id: str
    names: dict[str, str]
    kind: str = ""  # official's role, unit's kind
    positions: dict[str, str] = field(default_factory=dict)

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

    def suggest(self, kind: str, unknown: str) -> str:
        """A hint for an unknown id: the closest ids, then all known ones."""
        known = sorted(self.of(kind))
        close = difflib.get_close_matches(unknown, known, n=1)
        did_you_mean = f'did you mean "{close[0]}"? ' if close else ""
        return f"{did_you_mean}known {kind}: {', '.join(known)}"


def load_registry(data_dir: Path, languages: tuple[str, ...], problems: Problems) -> Registry:
    """Read data/<kind>.yml; every entry needs a name in every language."""
    tables = {}
    unreadable = set()
    for kind in KINDS:
        path = data_dir / f"{kind}.yml"
        tables[kind] = {}
        try:
            text = path.read_text(encoding="utf-8")
            if found := invisible(text):
                problems.add(path, found.line, found.message, found.hint)
                unreadable.add(kind)
                continue
            repeated = repeated_key(yaml.compose(text, Loader=_LOADER))
            raw = yaml.load(text, Loader=_LOADER) or {}
        except FileNotFoundError:
            problems.add(path, None, f"the {kind} registry is missing",
                         f"Create {path.name} with entries like:\nsome-id:\n  name: {{ky: …, ru: …}}")
            unreadable.add(kind)
            continue
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.add(path, mark.line + 1 if mark else None, "this registry is not valid YAML",
                         "Each entry is 'id:' followed by indented 'name: {ky: …, ru: …}'.")
            unreadable.add(kind)
            continue
        if repeated:
            key, first, second = repeated
            problems.add(path, second + 1, f'"{key}" is written twice (lines {first + 1} and {second + 1})',
                         "Keep one of them: the second would silently replace the first.")
        for entry_id, fields in raw.items():
            names = (fields or {}).get("name") or {}
            missing = [lang for lang in languages if not names.get(lang)]
            if missing:
                problems.add(path, None, f'"{entry_id}" has no name in {", ".join(missing)}',
                             f"Write: name: {{ky: …, ru: …}} under {entry_id}.")
                continue
            tables[kind][str(entry_id)] = RegistryEntry(
                id=str(entry_id),
                names={lang: str(names[lang]) for lang in languages},
                kind=str(fields.get("role") or fields.get("kind") or ""),
                positions={lang: str(v) for lang, v in (fields.get("position") or {}).items()},
            )
    return Registry(**tables, unreadable=frozenset(unreadable))
