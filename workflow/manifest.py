"""Whether a build would change anything, known before Pelican is even imported.

After a build succeeds, `record` writes the build's *manifest* in its site
folder's state: the stamps of everything the build read (every content
folder, the registries, the theme, our plugins, the installed packages,
the settings' values), the site folder's identity, and the moment the
clock alone next changes the site (portal.core.clock). The next build
lists the same inputs (`Inputs`); if they are all as the manifest says,
the site folder is the one it describes and that moment has not come, the
site is what a build would make, and the build stops there: a rebuild of
an archive of thousands of stories with nothing changed costs the listing
of its folders. Any build that commits a site (a `pelican` command too)
removes the manifest first (portal.site_output), so it never outlives the
site it describes.
"""

from __future__ import annotations

import hashlib
import os
import runpy
import sys
import sysconfig
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"  # portal.core needs no Pelican: importable first
if str(PLUGINS) not in sys.path:
    sys.path.insert(0, str(PLUGINS))

from portal.core import sealed  # noqa: E402 - after plugins/ is importable
from portal.core.inputs import UNSETTLED, Folder, list_content  # noqa: E402 - list_content for watching.py
from portal.core.state import MANIFEST, identity, state_folder  # noqa: E402

LOCK = "permalinks.yml"  # in the data folder: the permalink lock, which a build writes (portal.stories.permalinks)


@dataclass
class Manifest:
    """What the last successful build of a site folder read, and what it made."""

    inputs: bytes  # digest of everything but the content folders: settings, registries, theme, code, packages
    folders: dict[str, bytes]  # each content folder's stamp (portal.core.inputs)
    lock: tuple[int, int] | None  # the permalink lock's size and modification time, as the build left it
    site: tuple[int, int] | None  # the site folder's identity after the commit
    until: datetime | None  # when the clock alone next changes the site (None: a frozen clock)
    counts: dict[str, int] = field(default_factory=dict)  # pages, feeds and photos, for the summary line


def settings_of(settings_file: Path, overrides: dict | None = None) -> dict:
    """The settings file's values with `overrides`, its paths made absolute as Pelican makes them."""
    base = settings_file.resolve().parent
    values = {key: value for key, value in runpy.run_path(str(settings_file)).items() if key.isupper()}
    settings = {**values, **(overrides or {})}
    for key, default in (("PATH", "content"), ("CACHE_PATH", "cache"), ("THEME", "theme")):
        settings[key] = str(base / settings.get(key, default))
    settings["PLUGIN_PATHS"] = [str(base / path) for path in settings.get("PLUGIN_PATHS", [])]
    root = Path(settings.get("PORTAL_ROOT") or base)  # ours, as portal.core.settings resolves them
    settings["PORTAL_DATA"] = str(root / settings.get("PORTAL_DATA", "data"))
    return settings


def content_folder(settings_file: Path, overrides: dict | None = None) -> Path:
    return Path(settings_of(settings_file, overrides)["PATH"])


class Inputs:
    """The inputs of a build of `output` with these settings, as they are now."""

    def __init__(self, settings_file: Path, output: Path, overrides: dict | None = None,
                 listing: dict[str, Folder] | None = None) -> None:
        """`listing`: the content folders as listed already (else they are listed now)."""
        self.output = output
        self.settings = {**settings_of(settings_file, overrides), "OUTPUT_PATH": str(output)}
        self.content, self.cache = Path(self.settings["PATH"]), Path(self.settings["CACHE_PATH"])
        self.frozen = bool(self.settings.get("PORTAL_NOW"))
        self.folders = listing if listing is not None else list_content(self.content, shared=True)
        digest = hashlib.blake2b(repr(sorted(self.settings.items())).encode(), digest_size=16)
        data = Path(self.settings["PORTAL_DATA"])
        others = [data, Path(self.settings["THEME"]), *map(Path, self.settings["PLUGIN_PATHS"])]
        self.settled = True  # no file changed just now (see portal.core.inputs)
        for folder in others:
            listed = list_content(folder, skip={LOCK} if folder == data else frozenset())
            digest.update(repr(sorted((name, f.stamp) for name, f in listed.items())).encode())
            self.settled &= all(f.stamp != UNSETTLED for f in listed.values())
        self.lock_path = data / LOCK  # written by the build itself: compared as the build left it
        packages = sysconfig.get_paths()["purelib"]
        digest.update(repr(sorted(name for name in os.listdir(packages) if name.endswith(".dist-info"))).encode())
        digest.update(sys.version.encode())
        self.digest = digest.digest()
        self.path = state_folder(self.cache, output) / MANIFEST

    def unchanged(self) -> Manifest | None:
        """The last build's manifest, if a build now would make the very site it made."""
        manifest = sealed.load(self.path)
        if manifest is None or not self.settled or manifest.inputs != self.digest \
                or manifest.site != identity(self.output) or manifest.lock != _stamp(self.lock_path):
            return None
        stamps = {name: f.stamp for name, f in self.folders.items()}
        if UNSETTLED in stamps.values() or stamps != manifest.folders:
            return None
        if not self.frozen and manifest.until is not None and datetime.now(UTC) >= manifest.until:
            return None
        return manifest

    def record(self, until: datetime | None, counts: dict[str, int]) -> None:
        """After a successful build: what it read, for the next one to compare with."""
        stamps = {name: f.stamp for name, f in self.folders.items()}
        sealed.save(self.path, Manifest(self.digest, stamps, _stamp(self.lock_path), identity(self.output),
                                       None if self.frozen else until, counts))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns
