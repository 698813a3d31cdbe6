"""Index the stories while the pages are rendered; keep the bundle for the same records.

`Indexing` is started once the model is resolved, before any page is
rendered: it hands every record to a Pagefind service process (see
service.py) and returns, so Pagefind indexes on the second core while Python
renders. `bundle()`, called after the pages are written, waits for it.

One index per language, one language after the other in the same process
(each is written and dropped before the next one is built): Pagefind's
memory peaks while it builds an index, and two languages built together
need about half as much again as the larger one alone. Each language's
bundle is written to a folder of its own; they are then merged into one
(`pagefind-entry.json` lists both languages; the other shared files are
Pagefind's own scripts, the same in both).

Pagefind writes its filter files in hash-map order, so two runs over the same
records can give differently named files. The last bundle is therefore kept
in the cache under a digest of the records: the same records reuse the same
bundle without starting Pagefind (a rebuild that changed no story's text,
filters or title: a theme change, a new photo size), and the same commit
builds to the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from importlib.metadata import version
from pathlib import Path

from .records import Record
from .service import SearchIndexFailed, Service

ENTRY = "pagefind-entry.json"  # the bundle's table of languages, read first by pagefind.js


class Indexing:
    """Pagefind's bundle for exactly these records: the kept one, or one being built."""

    def __init__(self, records: dict[str, list[Record]], cache: Path) -> None:
        """`records`: per language, in a stable order. Starts Pagefind unless the bundle is kept."""
        self.cache = cache
        self.languages = list(records)
        digest = hashlib.blake2b(version("pagefind").encode())
        digest.update(json.dumps(records, ensure_ascii=False, sort_keys=True).encode())
        self.kept = cache / digest.hexdigest()[:32]
        self.staging = cache / "staging"
        self.service: Service | None = None
        if self.kept.is_dir():
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self.service = Service()
        self.service.send([{"type": "NewIndex", "config": None} for _ in self.languages])
        for index_id, lang in enumerate(self.languages):
            self.service.send([{"type": "AddRecord", "index_id": index_id, **r} for r in records[lang]] + [
                {"type": "WriteFiles", "index_id": index_id, "output_path": str(self.staging / lang)},
                {"type": "DeleteIndex", "index_id": index_id}])

    @property
    def reused(self) -> bool:
        return self.service is None

    def bundle(self) -> Path:
        """The folder of the finished bundle (waits for Pagefind if it is still indexing)."""
        if self.service is not None:
            answers = self.service.answers()
            created = [answer.get("index_id") for answer in answers[:len(self.languages)]]
            if created != list(range(len(self.languages))):
                raise SearchIndexFailed(f"The search index was not built: Pagefind numbered its indexes {created}.")
            self._merge()
            self.service = None
        return self.kept

    def _merge(self) -> None:
        merged = self.staging / "merged"
        entry: dict = {}
        for lang in self.languages:
            folder = self.staging / lang
            for made in sorted(p for p in folder.rglob("*") if p.is_file()):
                name = made.relative_to(folder).as_posix()
                target = merged / name
                if name == ENTRY:
                    own = json.loads(made.read_text(encoding="utf-8"))
                    entry = {**own, "languages": {**entry.get("languages", {}), **own["languages"]}}
                elif not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.rename(target)
                elif target.read_bytes() != made.read_bytes():
                    raise SearchIndexFailed(f"The search index was not built: Pagefind wrote two different {name}.")
        (merged / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        for older in self.cache.iterdir():
            if older != self.staging:
                shutil.rmtree(older)
        merged.rename(self.kept)
        shutil.rmtree(self.staging)
