"""Split a Markdown file into YAML front matter and body, keeping line numbers.

Dates and numbers are left as text (YAML's timestamp, int and float resolvers
are removed): one parser, with one error message, handles every date an editor
writes, and a duration like `6:12` is not read as the base-60 number 372.

YAML's anchors and aliases (`&name`, `*name`, `<<: *name`) are refused in
everything editors write: no editor needs them, and ten lines of nested
aliases stand for a billion values, which took the build minutes to hours
to walk. So is nesting deeper than `MAX_DEPTH`, and front matter longer
than `MAX_FRONT_MATTER`: the work a file costs stays bounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from portal.localization.editor import Message, _

if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:  # libyaml's parser, unless PyYAML was built without it
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader without implicit timestamps and numbers.

    libyaml's parser (CSafeLoader) when PyYAML has it: the pure-Python one
    was a third of a clean build. Resolvers stay Python, so removing the
    implicit ones works the same with both.
    """


_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _TEXT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: Message, hint: Message | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.hint = hint


@dataclass
class Document:
    meta: dict
    lines: dict[str, int]  # front-matter key -> line in the file (1-based)
    body: str


FENCE = "---"
KEEP_ONE = _("Keep one of them: the second would silently replace the first.")
EXAMPLE = "---\ntitle: …\ndate: 2026-11-26 10:30\n---"
MAX_DEPTH = 32  # lists and mappings within each other; an editor's go three deep
MAX_FRONT_MATTER = 64 * 1024  # bytes: a long summary and a dozen corrections take 4 kB
SHORTCUT = _("anchors (&name) and aliases (*name) are not accepted here: write each value out in full")


class Refused(yaml.MarkedYAMLError):
    """YAML that `bounded` refuses (an anchor, an alias, too deep a nesting): `reason` in the editor's words."""

    def __init__(self, reason: Message, mark: Any) -> None:
        super().__init__(problem=reason.text("en"), problem_mark=mark)
        self.reason = reason


def yaml_reason(error: yaml.YAMLError) -> Message | str:
    """Why a YAML text was refused: ours in the editor's words, else PyYAML's own reason (English)."""
    return error.reason if isinstance(error, Refused) else getattr(error, "problem", None) or ""


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """A YAML document an editor wrote (front matter, photos.yml, a registry) and its node tree,
    parsed once: the nodes give each key's line. None and None for an empty one; raises
    yaml.YAMLError, also for an anchor, an alias or nesting deeper than MAX_DEPTH."""
    bounded(text)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def bounded(text: str | bytes) -> None:
    """Raise a MarkedYAMLError at the first anchor or alias, or at nesting deeper than MAX_DEPTH, before
    anything is built from the text (libyaml's events: a pass over the text, however it is nested)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark: Any = event.start_mark  # libyaml's Mark: the same fields as PyYAML's
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise Refused(SHORTCUT, mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(_("lists and keys are nested more than %(depth)d deep", depth=MAX_DEPTH), mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def repeated_key(node: yaml.Node | None) -> tuple[str, int, int] | None:
    """The first key written twice in one mapping, anywhere in `node`: the key and the lines
    (0-based, in the YAML text) of both. YAML keeps the second and says nothing, so an
    editor who added a second `title:` would see the first vanish."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                return key, seen[key], key_node.start_mark.line
            seen[key] = key_node.start_mark.line
            if found := repeated_key(value_node):
                return found
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if found := repeated_key(item):
                return found
    return None


def item_lines(key: str, node: yaml.Node, offset: int) -> dict[str, int]:
    """The lines of a list's items and of their keys, as "photos.0" and "photos.0.alt":
    a mistake in the third photo of a story is reported on its own line."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[f"{key}.{index}"] = item.start_mark.line + offset
            if isinstance(item, yaml.MappingNode):
                for item_key, _value in item.value:
                    lines[f"{key}.{index}.{item_key.value}"] = item_key.start_mark.line + offset
    return lines
def written_twice(key: str, first: int, second: int) -> Message:
    """The problem of a key written twice in one YAML mapping, at two 1-based lines."""
    return _('"%(key)s" is written twice (lines %(first)d and %(second)d)', key=key, first=first, second=second)


def parse(text: str) -> Document:
    """Parse `---`-fenced YAML front matter followed by Markdown."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise FrontMatterError(1, _("the file does not start with front matter"),
                               _("Begin the file with a line '---', the keys, and another '---':\n%(example)s",
                                 example=EXAMPLE))
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise FrontMatterError(1, _("the front matter is not closed"),
                               _("Add a line with only '---' after the last key.")) from None
    source = "\n".join(lines[1:end])
    if len(source.encode("utf-8")) > MAX_FRONT_MATTER:
        raise FrontMatterError(2, _("the front matter is too long (%(size)d kB; at most %(limit)d kB)",
                                    size=len(source.encode()) // 1024, limit=MAX_FRONT_MATTER // 1024),
                               _("Put long texts in the body of the file, below the second '---' line."))
    try:
        meta, node = load_yaml(source)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        raise FrontMatterError(line, _("the front matter is not valid YAML (%(reason)s)", reason=yaml_reason(error)),
                               _("Check this line: each key is 'name: value'; put a value "
                                 "that contains ':' or starts with a quote in double quotes.")) from None
    meta = {} if node is None else meta
    if not isinstance(meta, dict):
        raise FrontMatterError(2, _("the front matter must be a list of 'key: value' lines"),
                               _("Write it like this:\n%(example)s", example=EXAMPLE))
    repeated = repeated_key(node)
    if repeated:
        key, first, second = repeated
        raise FrontMatterError(second + 2, written_twice(key, first + 2, second + 2), KEEP_ONE)
    key_lines = {}
    for key_node, value_node in node.value if node is not None else []:
        key_lines[str(key_node.value)] = key_node.start_mark.line + 2
        key_lines.update(item_lines(str(key_node.value), value_node, offset=2))
    body = "\n".join(lines[end + 1:])
    return Document({str(k): v for k, v in meta.items()}, key_lines, body)
