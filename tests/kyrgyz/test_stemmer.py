"""The Kyrgyz stemmer on the word list (kyrgyz_words.py): every form gives its word's stem, and the search's prefix."""

from __future__ import annotations

import pytest

from kyrgyz_words import FORMS, WHOLE
from portal.kyrgyz import prefix, stem, stems, words
from portal.kyrgyz.stemmer import normalize


def test_the_word_list_has_three_hundred_inflected_forms():
    assert sum(len(forms) - 1 for forms in FORMS.values()) >= 300


@pytest.mark.parametrize("word", FORMS)
def test_every_form_gives_the_stem_of_its_word(word):
    assert {form: stem(form) for form in FORMS[word]} == {form: stem(word) for form in FORMS[word]}


def test_no_two_words_share_a_stem():
    """мэр "mayor" is not мэрия "city hall", бала "child" not бал "honey", though each begins like the other."""
    by_stem: dict[str, list[str]] = {}
    for word in [*FORMS, "бал", "авто"]:
        by_stem.setdefault(stem(word), []).append(word)
    assert {key: found for key, found in by_stem.items() if len(found) > 1} == {}


@pytest.mark.parametrize("word", FORMS)
def test_every_form_begins_with_the_prefix_of_every_other(word):
    """What the search page looks up: any form typed finds every form written."""
    for typed in FORMS[word]:
        start = prefix(typed)
        assert len(start) >= 2
        assert [form for form in FORMS[word] if not normalize(form).startswith(start)] == [], typed


@pytest.mark.parametrize("word", WHOLE)
def test_words_that_are_not_inflected_or_too_short_stay_whole(word):
    assert stem(word) == normalize(word)


def test_words_are_read_as_the_search_index_reads_them():
    """Lower case, letters and digits only, ё as е; и after a vowel is the index's way of writing й."""
    assert normalize("Ала-Тоо,") == "алатоо"
    assert normalize("актёр") == "актер"
    assert stem("ТРАМВАИЛАРДЫН") == stem("трамвай")
    assert stem("") == prefix("") == ""


def test_stems_of_a_text_in_order():
    text = "Бишкек шаарынын мэриясы Ала-Тоо аянтында жаңы автобустарды көрсөттү; 2026-жылы алар 120 болот."
    assert words(text)[:5] == ["Бишкек", "шаарынын", "мэриясы", "Ала-Тоо", "аянтында"]
    assert stems(text)[:4] == ["бишкек", "шаар", "мэрия", "алатоо"]
    assert stems(text)[6] == stem("автобус")
    assert "120" in stems(text)
