"""What content/ and data/ hold stays inside the repository, under names that read as they look.

A symbolic link in content/ or data/ would publish whatever it points to
(a file outside the repository, another story's folder); a name that mixes
Latin and Cyrillic look-alike letters ("bus-lаnes" with a Cyrillic "а")
looks right and gives another address than the one readers type. Both are
problems naming the file.
"""

from __future__ import annotations

import pytest

import fixture_site as fx
from sites import FixtureSite


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("names")
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.jpg").write_bytes(b"\xff\xd8 not for the public")
    (outside / "index.ru.md").write_text("---\ntitle: Чужой файл\ndate: 2026-11-20 10:00\n---\nТекст.\n",
                                         encoding="utf-8")
    site = FixtureSite(root / "site")
    fx.populate(site)
    lanes = site.folder(fx.BUS_LANES.id)
    (lanes / "secret.jpg").symlink_to(outside / "secret.jpg")
    site.folder("news/2026/11-20-linked").joinpath("index.ru.md").symlink_to(outside / "index.ru.md")
    (site.content / "news" / "2026" / "11-21-folder").symlink_to(outside, target_is_directory=True)
    (site.data / "topics-copy.yml").symlink_to(site.data / "topics.yml")
    site.story("news/2026/11-22-bus-lаnes", "ru", "Текст.", title="Полосы", date="2026-11-22 10:00")  # Cyrillic а
    site.story("news/2026/11-23-трамвай", "ru", "Текст.", title="Трамвай", date="2026-11-23 10:00")  # one script
    site.photo(fx.CONCERT.id, "сцeна.jpg")  # a Latin "e" in a Cyrillic word
    site.describe_photos(fx.CONCERT.id,
                         {"сцeна.jpg": {"alt": {"ky": "Сахна", "ru": "Сцена"}, "credit": "Пресс-служба"}})
    result = site.build()
    assert result.returncode == 1 and "Traceback" not in result.text, result.text
    return result.text


@pytest.mark.parametrize("where", [
    f"content/{fx.BUS_LANES.id}/secret.jpg", "content/news/2026/11-20-linked/index.ru.md",
    "content/news/2026/11-21-folder", "data/topics-copy.yml",
])
def test_a_symbolic_link_is_a_problem_naming_it(report, where):
    assert f"{where}: this is a symbolic link" in report, report
    assert "not for the public" not in report and "Чужой файл" not in report


@pytest.mark.parametrize("where, word", [
    ("content/news/2026/11-22-bus-lаnes", "lаnes"), (f"content/{fx.CONCERT.id}/сцeна.jpg", "сцeна"),
])
def test_a_name_mixing_latin_and_cyrillic_letters_is_a_problem_naming_it(report, where, word):
    assert f'{where}: the name "{word}" mixes Latin and Cyrillic letters' in report, report


def test_a_name_in_one_script_is_no_problem(report):
    assert "11-23-трамвай" not in report
