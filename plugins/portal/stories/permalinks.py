"""Published addresses never change: the permalink lock.

A slug comes from the title (or an explicit `slug:`), but a headline is often
edited after publication and links in the press must keep working. So the
first public build of a story records its slug in `data/permalinks.yml`, like
a package lock; later builds take the slug from there. Only an explicit
`slug:` overrides a recorded one. Editors commit the file with their story.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from portal.core import sealed
from portal.core.atomic import atomic_write, new_file_mode
from portal.core.problems import Problems
from portal.localization.editor import _

from .frontmatter import bounded
from .model import Story

# libyaml when PyYAML has it: the lock grows with the archive and is parsed whenever it
# changed (the pure-Python parser took 0.6 s at 2,000 stories).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PARSED = "permalinks.pickle"  # in the cache folder: the lock as parsed, with the digest of its bytes
# Editors read this file in their commits and merges: in Kyrgyz and Russian, the same for every editor (a header
# in each one's own language would rewrite the file at every build).
HEADER = ("# Ар бир жарыяланган материалдын дареги, тилдер боюнча. Бул файлды сайтты куруу жазат:\n"
          "# аны материалыңыз менен бирге коммитке кошуңуз. Даректи атайы өзгөртүү үчүн материалга `slug:` жазыңыз.\n"
          "# Адрес каждого опубликованного материала по языкам. Этот файл пишет сборка:\n"
          "# сохраните его в коммит вместе с материалом. Чтобы сменить адрес намеренно, задайте `slug:` в материале.\n")


def dump(slugs: dict[str, dict[str, str]]) -> str:
    """The lock's text: stories and languages sorted, so that a merge sees one line per address."""
    return HEADER + yaml.dump({k: dict(sorted(v.items())) for k, v in sorted(slugs.items())},
                              Dumper=_DUMPER, allow_unicode=True, sort_keys=False)


class PermalinkLock:
    def __init__(self, path: Path, cache_dir: Path, problems: Problems) -> None:
        """Reads the lock, or its parsed copy in `cache_dir` while the file's bytes are the same:
        PyYAML builds the dict in Python even with libyaml (0.18 s at 2,000 stories)."""
        self.path = path
        self.copy = cache_dir / PARSED
        text = path.read_bytes() if path.exists() else b""
        self.digest = hashlib.blake2b(text, digest_size=16).digest()
        kept = sealed.load(self.copy)
        digest, slugs = kept if isinstance(kept, tuple) else (None, None)
        if digest != self.digest:
            slugs = self._parse(text, problems)
            if slugs is None:
                slugs = {}
            else:
                self._keep_copy(slugs)
        self.slugs: dict[str, dict[str, str]] = slugs

    def _parse(self, text: bytes, problems: Problems) -> dict[str, dict[str, str]] | None:
        """The lock's slugs, or None after reporting why it cannot be read (a merge conflict, most likely)."""
        hint = _("The build writes this file. After a merge, keep the lines of both sides "
                 "(remove the <<<<<<<, ======= and >>>>>>> lines), or delete the file and build again.")
        try:
            bounded(text)  # no anchors or aliases: an editor may have edited it
            slugs = yaml.load(text, Loader=_LOADER) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problems.add(self.path, mark.line + 1 if mark else None, _("the permalink lock is not valid YAML"), hint)
            return None
        if not isinstance(slugs, dict) or not all(isinstance(langs, dict) for langs in slugs.values()):
            problems.add(self.path, None,
                         _("the permalink lock is not a list of story ids with a slug per language"), hint)
            return None
        return slugs

    def apply(self, stories: dict[str, Story]) -> None:
        """Give every translation without an explicit slug its recorded one."""
        for story in stories.values():
            recorded = self.slugs.get(story.id, {})
            for lang, translation in story.translations.items():
                if not translation.slug_explicit and lang in recorded:
                    translation.slug = recorded[lang]

    def record(self, published: dict[str, Story]) -> None:
        """Remember the slugs of what is now public; rewrite the file if that changed anything."""
        changed = False
        for story in published.values():
            recorded = self.slugs.setdefault(story.id, {})
            for lang, translation in story.translations.items():
                changed |= recorded.get(lang) != translation.slug
                recorded[lang] = translation.slug
        if not changed:
            return
        text = dump(self.slugs)
        atomic_write(self.path, text.encode("utf-8"), mode=new_file_mode())  # an editor's file: never half written
        self.digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        self._keep_copy(self.slugs)

    def _keep_copy(self, slugs: dict[str, dict[str, str]]) -> None:
        sealed.save(self.copy, (self.digest, slugs))
