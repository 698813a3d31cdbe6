"""docs/architecture.md is the newcomer's map: every plugin of PLUGINS and every module of
plugins/portal has its line there, so what the code holds can be found from the document."""

from __future__ import annotations

import re
import runpy

from helpers import ROOT

PORTAL = ROOT / "plugins" / "portal"
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def rows(first_column: str) -> dict[str, str]:
    """The table rows whose first cell is `first_column`-like: first cell → the whole row."""
    return {match[1]: match[0] for match in re.finditer(rf"^\| `({first_column})` \|.*$", ARCHITECTURE, re.M)}


def test_every_plugin_and_each_of_its_modules_is_on_the_map():
    plugins = rows(r"portal\.[a-z_]+")
    assert set(runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]) == set(plugins)
    unnamed = [f"{name}: {module.stem}" for name, row in plugins.items()
               for module in (PORTAL / name.split(".")[1]).glob("*.py")
               if module.stem != "__init__" and f"`{module.stem}`" not in row]
    assert not unnamed, unnamed


def test_every_module_of_the_core_has_its_line():
    core = rows(r"portal/core/[a-z_]+\.py")
    assert {f"portal/core/{module.name}" for module in (PORTAL / "core").glob("*.py")
            if module.stem != "__init__"} == set(core)
