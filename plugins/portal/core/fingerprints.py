"""Digests of what a build's output depends on besides the content: code, theme files, settings, page inputs.

A state kept between builds (state.py) or a page kept unrendered
(render_cache.py) is valid only for the same code, settings and theme; these
digests are its salt. A value that cannot be fingerprinted raises: a silent
`repr` could differ between runs (re-rendering every page) or, worse, stay
the same when the value changed.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from pathlib import Path

from .context_keys import DECLARED, NOT_PAGE_INPUTS, PELICAN_KEYS

PORTAL_CODE = Path(__file__).resolve().parents[1]  # plugins/portal: every plugin's code and this core's


class Unfingerprintable(TypeError):
    """A context value the render cache cannot count: a developer's mistake, which the tests catch."""


def of_value(value: object, what: str) -> bytes:
    try:
        return hashlib.blake2b(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as error:
        raise Unfingerprintable(f"{what} cannot be fingerprinted ({error}): give it a fingerprint() "
                                "method, or declare it in portal.core.context_keys as no page input") from error


def of_files(*roots: Path) -> bytes:
    """Every file under `roots` (names and bytes), compiled bytecode left out."""
    digest = hashlib.blake2b(digest_size=16)
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.digest()


@cache
def of_code() -> bytes:
    """Our plugins' code (read once per process: a resident build restarts when it changes)."""
    return of_files(PORTAL_CODE)


def of_settings(settings: dict) -> bytes:
    """Every setting that can change what is built (all but NOT_PAGE_INPUTS)."""
    digest = hashlib.blake2b(digest_size=16)
    for key, value in sorted(settings.items(), key=lambda item: item[0]):
        if key.isupper() and key not in NOT_PAGE_INPUTS:
            digest.update(key.encode() + of_value(value, f"the setting {key}"))
    return digest.digest()


def of_page_inputs(context: dict, settings: dict) -> bytes:
    """The settings and the declared page inputs of Pelican's context (see context_keys)."""
    digest = hashlib.blake2b(of_settings(settings), digest_size=16)
    for key in sorted(context):
        declared = DECLARED.get(key)
        if declared is not None:
            if declared.page_input:
                value = context[key]
                found = value.fingerprint() if hasattr(value, "fingerprint") else of_value(value, key)
                digest.update(key.encode() + found)
        elif key not in settings and key not in PELICAN_KEYS:
            raise Unfingerprintable(f"the context key {key!r} is not declared: declare it in "
                                    "portal.core.context_keys, with the plugin that provides it")
    return digest.digest()
