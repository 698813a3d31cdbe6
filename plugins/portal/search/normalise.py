"""Pagefind's files put in order, so that the same stories always give the same bytes.

Pagefind writes a language's filters in the order of a Rust hash map: the
list of filters in its metadata file (`pagefind.<lang>_<hash>.pf_meta`) and
the values within each filter file (`filter/<lang>_<hash>.pf_filter`) come
out in another order on every run. Each of those files is named by the
SHA-1 of its contents, so two builds of the same stories gave other file
names, another `pagefind-entry.json`, and a deploy that changed files no
reader could tell apart. Everything else Pagefind writes (the index
chunks, the fragments, its scripts) was the same bytes run after run.

Here those two kinds of files are decoded (gzip around "pagefind_dcd" and
CBOR: arrays, text and unsigned integers), sorted (the filters by name,
each filter's values by value: the order means nothing to Pagefind, which
looks them up by name), encoded again and named as Pagefind names them (the
SHA-1 of the CBOR, 7 hex digits for a filter, 10 for the metadata), and the
entry file is pointed at the new metadata. gzip is written with no time and
no name, so only the zlib library decides its bytes.

Run by feeder.py on each bundle before it is written, so nothing here
imports Pelican.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
from typing import Any

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
META = re.compile(r"pagefind\.(?P<lang>[^/_]+)_[0-9a-f]+\.pf_meta")
FILTER = re.compile(r"filter/(?P<lang>[^/_]+)_(?P<hash>[0-9a-f]+)\.pf_filter")
FILTERS, SORTS = 3, 4  # in the metadata: [version, index chunks, fragments, filters, sorts, fields]


def normalised(files: dict[str, bytes]) -> dict[str, bytes]:
    """A bundle's files (path in the bundle → bytes), with its filters and metadata in order."""
    kept = {path: data for path, data in files.items() if not FILTER.fullmatch(path) and not META.fullmatch(path)}
    renamed: dict[str, str] = {}  # a filter's Pagefind hash (lang_hash) → ours
    for path, data in files.items():
        if match := FILTER.fullmatch(path):
            name, values = decode(data)
            payload = encode([name, sorted(values, key=lambda value: value[0])])
            ours = f"{match['lang']}_{hashlib.sha1(payload).hexdigest()[:7]}"
            renamed[f"{match['lang']}_{match['hash']}"] = ours
            kept[f"filter/{ours}.pf_filter"] = packed(payload)
    entry = json.loads(files[ENTRY]) if ENTRY in files else None
    for path, data in files.items():
        if match := META.fullmatch(path):
            meta = decode(data)
            meta[FILTERS] = sorted([name, renamed.get(hash_, hash_)] for name, hash_ in meta[FILTERS])
            meta[SORTS] = sorted(meta[SORTS], key=lambda sort: sort[0])
            payload = encode(meta)
            ours = f"{match['lang']}_{hashlib.sha1(payload).hexdigest()[:10]}"
            kept[f"pagefind.{ours}.pf_meta"] = packed(payload)
            if entry is not None:
                entry["languages"][match["lang"]]["hash"] = ours
    if entry is not None:
        kept[ENTRY] = json.dumps(entry, separators=(",", ":"), ensure_ascii=False).encode()
    return kept


def packed(payload: bytes) -> bytes:
    return gzip.compress(SIGNATURE + payload, mtime=0)


def decode(data: bytes) -> Any:
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError("a Pagefind file with bytes after its data")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, argument, at = _head(data, at)
    if major == 0:
        return argument, at
    if major == 3:
        return data[at:at + argument].decode("utf-8"), at + argument
    if major == 4:
        items = []
        for _ in range(argument):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"CBOR major type {major} is not one Pagefind writes here")


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    first = data[at]
    major, info = first >> 5, first & 0x1F
    if info < 24:
        return major, info, at + 1
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError("an indefinite or reserved CBOR length")
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def encode(value: Any) -> bytes:
    """CBOR in its shortest form, as Pagefind (minicbor) writes it."""
    if isinstance(value, bool) or not isinstance(value, (int, str, list)):
        raise TypeError(f"cannot encode {type(value).__name__}")
    if isinstance(value, int):
        return _encode_head(0, value)
    if isinstance(value, str):
        text = value.encode("utf-8")
        return _encode_head(3, len(text)) + text
    return _encode_head(4, len(value)) + b"".join(encode(item) for item in value)


def _encode_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, form in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if argument < 1 << (8 * struct.calcsize(form)):
            return bytes([major << 5 | info]) + struct.pack(form, argument)
    raise ValueError("an integer too large for CBOR")
