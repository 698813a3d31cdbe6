"""Mentions are found in any grammatical form, in both languages, and never made of common words.

The matcher is built from the project's own registries (data/), so these
sentences name the sample officials, units and topics.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from helpers import ROOT
from monitoring.mentions import Matcher, Mention
from monitoring.words import forms
from portal.core.problems import Problems
from portal.stories.registry import load_registry

MAYOR = Mention("officials", "mayor")
FIRST = Mention("officials", "first-vice-mayor")
ECONOMY = Mention("officials", "vice-mayor-economy")
SOCIAL = Mention("officials", "vice-mayor-social")
SERVICES = Mention("officials", "vice-mayor-city-services")
CITY_HALL = Mention("city-hall", "city-hall")
HEATING_NETWORK = Mention("units", "heating-network")
SANITATION = Mention("units", "sanitation")
TRANSPORT = Mention("topics", "transport")


@cache
def matcher(data: Path = ROOT / "data") -> Matcher:
    problems = Problems(ROOT)
    registry = load_registry(data, ("ky", "ru"), problems)
    assert not problems, problems.report()
    return Matcher(registry)


def found(title: str, lang: str, text: str = "") -> frozenset[Mention]:
    return matcher().find(title, text, lang)


@pytest.mark.parametrize(("title", "expected"), [
    ("Мэр Бишкека провёл совещание", MAYOR),
    ("Мэра столицы попросили отремонтировать дорогу", MAYOR),
    ("Мэру Бишкека вручили петицию жителей Джала", MAYOR),
    ("Жители Бишкека написали письмо градоначальнику", MAYOR),
    ("Темирлану Абдыкалыкову доложили о готовности к зиме", MAYOR),
    ("Абдыкалыков Темирлан Маратович принял послов", MAYOR),
    ("Т. Абдыкалыков подписал постановление о парковках", MAYOR),
    ("Абдыкалыков уволил директора МП «Тазалык»", MAYOR),          # a surname alone, in an item about us
    ("Первый вице-мэр Бишкека встретилась с предпринимателями", FIRST),
    ("Сатыбалдиевой доложили о работе служб Бишкека", FIRST),
    ("Гулнара Сатыбалдиева провела приём граждан", FIRST),          # an alias: the press's spelling
    ("Вице-мэру Бообекову передали проект бюджета", ECONOMY),
    ("Айнуру Мамытову назначили вице-мэром", SOCIAL),
    ("Канатом Омурзаковым недовольны жители", SERVICES),
    ("Вице-мэр Умурзаков проверил котельные", SERVICES),           # a one-word alias with its title
    ("Мэрия Бишкека объявила конкурс", CITY_HALL),
    ("В мэрии столицы прошло совещание", CITY_HALL),
    ("Бишкектеплосеть начала отопительный сезон", HEATING_NETWORK),
    ("В Бишкеке запустили новые автобусы", TRANSPORT),
])
def test_russian_forms_are_found(title, expected):
    assert expected in found(title, "ru")


@pytest.mark.parametrize(("title", "expected"), [
    ("Бишкек шаарынын мэри жолугушуу өткөрдү", MAYOR),
    ("Бишкектин тургундары мэрге кайрылышты", MAYOR),                    # «мэрге»: to the mayor
    ("Бишкек шаарынын мэринин буйругу чыкты", MAYOR),
    ("Мэр Абдыкалыковдун буйругу менен жол оңдолот", MAYOR),
    ("Темирлан Абдыкалыковго кат жазышты", MAYOR),
    ("Бишкек мэриясынын басма сөз кызматы билдирди", CITY_HALL),         # «мэриясынын»: of City Hall
    ("Борбор шаардын мэриясына арыздар түштү", CITY_HALL),
    ("Вице-мэр Өмүрзаковго кайрылышты", SERVICES),
    ("Гүлнара Сатыбалдиевага отчет берилди", FIRST),
    ("Вице-мэр Бообековдон түшүндүрмө талап кылышты", ECONOMY),
    ("«Тазалык» ишканасы Бишкекте жаңы унаа алды", SANITATION),
    ("Бишкекте жаңы автобустар жолго чыкты", TRANSPORT),
])
def test_kyrgyz_forms_are_found(title, expected):
    assert expected in found(title, "ky")


@pytest.mark.parametrize(("lang", "title", "text"), [
    ("ru", "Спасатели натянули канат через реку Ала-Арча", "Туристов вывели по канату."),  # «канат»: a rope
    ("ky", "Токмоктогу бүркүттүн канаты айыгып кетти", "Канаты жабыркаган куш."),       # «канат»: a wing
    ("ky", "Эркин жана Бакыт Бишкекте жаңы кафе ачышты", ""),            # given names that are everyday words
    ("ru", "Нурлан Асанов стал чемпионом Бишкека по шахматам", ""),       # a given name alone
    ("ru", "Мэр Оша открыл новую школу", "Похожие школы строят и в Бишкеке."),
    ("ky", "Ош шаарынын мэри жаңы мектепти ачты", "Мындай мектептер Бишкекте да курулууда."),
    ("ru", "Заместитель мэра Бишкека по строительству ушёл в отставку", ""),  # a deputy, not the Mayor
    ("ru", "Бывший мэр Бишкека дал интервью", ""),
    ("ky", "Бишкек шаарынын мэринин орун басары отставкага кетти", ""),    # the mayor's deputy
    ("ru", "Мэр заявил о повышении тарифов", ""),                          # no city: whose mayor?
    ("ru", "Мамытова выиграла турнир в Караколе", ""),                    # a namesake, elsewhere
    ("ru", "Умурзаков посетил Ош", ""),
    ("ru", "М. Абдыкалыков выступил в Караколе", ""),                    # not his initial
    ("ky", "Шаардын тазалыгы үчүн жаңы сенек берилди", "Бишкекте."),      # «тазалык»: cleanliness
    ("ru", "В Оше запустили новые автобусы", ""),
])
def test_no_mention_from_common_words_or_other_places(lang, title, text):
    assert found(title, lang, text) == frozenset()


def test_a_title_next_to_bishkek_wins_over_another_city_further_away():
    assert MAYOR in found("Мэр Бишкека встретился с коллегами из Оша", "ru")
    assert MAYOR not in found("Мэр Оша встретился с коллегами из Бишкека", "ru")


@pytest.mark.parametrize(("word", "inflected"), [
    ("мэр", "мэрге"), ("мэр", "мэринин"), ("мэрия", "мэриясынын"), ("мэрия", "мэрияга"),
    ("абдыкалыков", "абдыкалыковдун"), ("өмүрзаков", "өмүрзаковго"), ("бишкек", "бишкектин"),
    ("автобус", "автобустардын"),
])
def test_kyrgyz_inflected_forms_meet_their_word(word, inflected):
    assert forms(word, "ky") & forms(inflected, "ky")


@pytest.mark.parametrize(("one", "other"), [("мэр", "мэрия"), ("ата", "атаандаш")])
def test_kyrgyz_different_words_stay_apart(one, other):
    assert not forms(one, "ky") & forms(other, "ky")


def test_the_fingerprint_follows_the_registries(tmp_path):
    """A name added to a registry changes the fingerprint: every stored item is then matched again."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = matcher(data).fingerprint
    assert before == matcher(ROOT / "data").fingerprint
    with (data / "officials.yml").open("a", encoding="utf-8") as registry:
        registry.write('vice-mayor-culture:\n  role: vice-mayor\n'
                       '  name: {ky: "Асел Токтогулова", ru: "Асель Токтогулова"}\n')
    matcher.cache_clear()
    assert matcher(data).fingerprint != before
