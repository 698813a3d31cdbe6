"""The browser editor (Decap CMS) on the public site, only when the setting PORTAL_CMS says so.

Signal: `get_generators`, adding `AdminGenerator` (generator.py), which
writes admin/ through the build's Output: the admin page with a strict
policy of its own, its config.yml (the GitHub backend and the editorial
workflow, the same form and pick lists as `make edit`), our scripts from
admin/ and Decap's bundle from node_modules. Nothing links to it; it is in
no sitemap, feed or search index. Without PORTAL_CMS it writes nothing.

The form itself is config.py (collections, pane rules) and fields.py
(every key of the content model); `make edit` (workflow/editor.py) serves
the same page with its local backend.
"""

from pelican import signals

from .generator import AdminGenerator


def _generators(_pelican):
    return AdminGenerator


def register() -> None:
    signals.get_generators.connect(_generators)
