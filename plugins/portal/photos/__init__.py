"""Photos: renditions, cleaned originals and press kits of published stories.

Signal: `get_generators`, adding `PhotosGenerator` (see its module), which
runs after the stories plugin and before the pages one: it reads the
`Site` (only what may be published), processes the photos of its stories and
leaves a `PhotoLibrary` in the context under `PORTAL_PHOTOS` for the pages.
Settings: `PORTAL_PHOTO_WIDTHS`, `PORTAL_PHOTO_FORMATS`,
`PORTAL_PHOTO_LICENCES`, `CACHE_PATH`.
"""

from pelican import signals

from .generator import PhotosGenerator
from .library import PhotoLibrary

__all__ = ["PhotoLibrary", "register"]


def _generators(_pelican):
    return PhotosGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
