"""The `project` fixture: a copy of this project to run `invoke` in (see project.py)."""

from __future__ import annotations

import pytest

from project import Project


@pytest.fixture
def project(make_site) -> Project:
    """A project with registries and no content yet (fill it through `project.site`)."""
    return Project(make_site())
