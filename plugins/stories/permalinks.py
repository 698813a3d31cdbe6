"""Published addresses never change: the permalink lock.

A slug comes from the title (or an explicit `slug:`), but a headline is often
edited after publication and links in the press must keep working. So the
first public build of a story records its slug in `data/permalinks.yml`, like
a package lock; later builds take the slug from there. Only an explicit
`slug:` overrides a recorded one. Editors commit the file with their story.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import Story

# libyaml when PyYAML has it: the lock grows with the archive and is read and
# written on every build (the pure-Python parser took 0.6 s at 2,000 stories).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HEADER = ("# The address of every published story, per language. Written by the build:\n"
          "# commit it with your story. To change an address on purpose, set `slug:` in the story.\n")


class PermalinkLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        self.slugs: dict[str, dict[str, str]] = yaml.load(text, Loader=_LOADER) or {}
        self.original = text

    def apply(self, stories: dict[str, Story]) -> None:
        """Give every translation without an explicit slug its recorded one."""
        for story in stories.values():
            recorded = self.slugs.get(story.id, {})
            for lang, translation in story.translations.items():
                if not translation.slug_explicit and lang in recorded:
                    translation.slug = recorded[lang]

    def record(self, published: dict[str, Story]) -> None:
        """Remember the slugs of what is now public; rewrite the file if that changed anything."""
        for story in published.values():
            for lang, translation in story.translations.items():
                self.slugs.setdefault(story.id, {})[lang] = translation.slug
        text = HEADER + yaml.dump({k: dict(sorted(v.items())) for k, v in sorted(self.slugs.items())},
                                  Dumper=_DUMPER, allow_unicode=True, sort_keys=False)
        if text != self.original:
            self.path.write_text(text, encoding="utf-8")
            self.original = text
