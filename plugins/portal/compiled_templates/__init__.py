"""Template cache: the theme's templates stay compiled from one build to the next.

Signal: `generator_init`, giving each generator's Jinja environment a
bytecode cache in `<CACHE_PATH>/jinja/`. Jinja compiles every template a
build loads from source to Python: at 1,000 story pairs that was ~0.5 s of
a rebuild after an edit (some fifty templates and components), a build that
otherwise renders a dozen pages.

Jinja's own `FileSystemBytecodeCache` keys a template by its name, file and
source. What else the compiled code depends on (the Jinja version, the
environment's extensions and syntax options) is added to the key here, so a
change there compiles anew rather than using code made for other settings.
Each file is kept with its checksum (portal.core.sealed): Jinja would load
an altered file's code as it is, and stop on a truncated one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket
from pelican import signals

from portal.core import sealed
from portal.core.settings import SiteSettings

# The options the compiler reads: a template compiled under other values is other code.
COMPILE_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                   "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                   "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                   "autoescape")


class CompiledTemplates(FileSystemBytecodeCache):
    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        return super().get_bucket(environment, f"{name}|{compiled_with(environment)}", filename, source)

    def load_bytecode(self, bucket: Bucket) -> None:
        code = sealed.load(Path(self._get_cache_filename(bucket)))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        sealed.save(Path(self._get_cache_filename(bucket)), bucket.bytecode_to_string())


def compiled_with(environment: Environment) -> str:
    """A digest of what, besides its source, a template's compiled code depends on."""
    options = [(option, repr(getattr(environment, option))) for option in COMPILE_OPTIONS]
    described = repr((jinja2.__version__, sorted(environment.extensions), options))
    return hashlib.blake2b(described.encode(), digest_size=16).hexdigest()


def _install(generator) -> None:
    folder = SiteSettings.read(generator.settings).cache / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = CompiledTemplates(str(folder))


def register() -> None:
    signals.generator_init.connect(_install)
