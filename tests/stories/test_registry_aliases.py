"""A registry entry may carry `aliases` (other names and spellings, per language) for media monitoring.

They are read with the entry; written in any other shape, they are a problem
with the entry's line and what to write instead, and the entry stays.
"""

from __future__ import annotations

from portal.core.problems import Problems
from portal.stories.registry import load_registry

OFFICIALS = """mayor:
  role: mayor
  name: {ky: "Темирлан Абдыкалыков", ru: "Темирлан Абдыкалыков"}
  aliases: {ky: ["Т. Абдыкалыков"], ru: "Абдыкалыков Т."}
vice-mayor-social:
  role: vice-mayor
  name: {ky: "Айнура Мамытова", ru: "Айнура Мамытова"}
  aliases: ["Мамытова А."]
"""


def test_aliases_are_read_per_language_and_a_wrong_shape_is_a_problem_with_its_line(tmp_path):
    for kind in ("sections", "units", "topics"):
        (tmp_path / f"{kind}.yml").write_text("", encoding="utf-8")
    (tmp_path / "officials.yml").write_text(OFFICIALS, encoding="utf-8")
    problems = Problems(tmp_path)
    registry = load_registry(tmp_path, ("ky", "ru"), problems)
    assert registry.officials["mayor"].aliases == {"ky": ("Т. Абдыкалыков",), "ru": ("Абдыкалыков Т.",)}
    [problem] = problems.items
    assert (problem.path, problem.line) == ("officials.yml", 5)
    assert "aliases" in problem.message.text("ru") and "aliases: {ky: [" in problem.hint.text("ru")
    assert registry.officials["vice-mayor-social"].aliases == {}  # the entry stays, without them
