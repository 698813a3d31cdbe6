"""An audio or video story's duration is minutes and seconds: podcast apps and players read it."""

from __future__ import annotations

import pytest

from portal.stories.fields import DURATION


@pytest.mark.parametrize("good", ["02:40", "2:40", "59:59", "1:02:40", "12:00:05"])
def test_durations_editors_write(good):
    assert DURATION.fullmatch(good)


@pytest.mark.parametrize("bad", ["2 min", "02:60", "160", "1:2:3", ":40"])
def test_what_is_not_a_duration(bad):
    assert not DURATION.fullmatch(bad)


def test_a_wrong_duration_of_a_video_linked_out_stops_the_build_with_file_line_and_fix(make_site):
    """A file's length is measured; the duration an editor writes is for a video on another site."""
    site = make_site()
    story = "video/2026/11-26-film"
    site.photo(story, "still.jpg")
    site.describe_photos(story, {"still.jpg": {"alt": {"ru": "Кадр"}, "credit": "Пресс-служба"}})
    path = site.story(story, "ru", "Текст.", title="Фильм", date="2026-11-26 10:00", poster="still.jpg",
                      video_url="https://www.youtube.com/watch?v=bishkek", duration="около минуты")
    result = site.build()
    assert result.returncode != 0 and "Traceback" not in result.text
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("duration:"))
    shown = path.relative_to(site.root).as_posix()  # printed relative or absolute: a suffix either way
    assert f'{shown}:{line}: "duration" is not minutes and seconds: "около минуты"' in result.text, result.text
    assert 'Write: duration: "02:40"' in result.text
