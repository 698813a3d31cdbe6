"""The words around a name that tell whose name it is: titles, the city, other cities.

The registries (data/) give the names; this gives the context the press
writes them in. Everything is written in the dictionary form: the matcher
finds every grammatical form (words.py). Kept here, not in data/, because
it is language, not the department's data: the department adds other
spellings of a name as `aliases` in the registries instead.
"""

from __future__ import annotations

# A title alone names the one official who holds it, if the item is about Bishkek:
# «мэр», «мэрге» → the Mayor. Vice-mayors are several: their title alone names nobody.
TITLES_ALONE = {
    "mayor": {"ru": ["мэр", "градоначальник"], "ky": ["мэр"]},
    "first-vice-mayor": {"ru": ["первый вице-мэр"], "ky": ["биринчи вице-мэр"]},
}
# City Hall itself, named by the word alone in an item about Bishkek.
CITY_HALL = {"ru": ["мэрия"], "ky": ["мэрия"]}

# A surname counts next to its given name, its initial, or its holder's title (within WINDOW words).
TITLES_NEAR_SURNAME = {
    "mayor": {"ru": ["мэр", "градоначальник"], "ky": ["мэр"]},
    "first-vice-mayor": {"ru": ["вице-мэр", "заместитель"], "ky": ["вице-мэр", "орун"]},
    "vice-mayor": {"ru": ["вице-мэр", "заместитель"], "ky": ["вице-мэр", "орун"]},
}
WINDOW = 3

# An item is about Bishkek when it names the city or the capital.
BISHKEK = {"ru": ["Бишкек", "бишкекский", "столица", "столичный"], "ky": ["Бишкек", "борбор", "борбордук"]}

# Near a title (within WINDOW words), another city makes it that city's mayor or city hall…
OTHER_CITIES = {
    "ru": ["Ош", "Каракол", "Джалал-Абад", "Жалал-Абад", "Токмок", "Нарын", "Талас", "Баткен", "Кара-Балта",
           "Балыкчы", "Узген", "Кант", "Чолпон-Ата", "Кызыл-Кия", "Майлуу-Суу", "Таш-Кумыр", "Сулюкта",
           "Москва", "Алматы", "Астана", "Ташкент", "Душанбе"],
    "ky": ["Ош", "Каракол", "Жалал-Абад", "Токмок", "Нарын", "Талас", "Баткен", "Кара-Балта", "Балыкчы",
           "Өзгөн", "Кант", "Чолпон-Ата", "Кызыл-Кыя", "Майлуу-Суу", "Таш-Көмүр", "Сүлүктү",
           "Москва", "Алматы", "Астана", "Ташкент", "Душанбе"],
}
# …and right next to it (within NEXT_TO words), a deputy's or a former holder's: «заместитель мэра»,
# «мэрдин орун басары», «бывший мэр».
NOT_THE_HOLDER = {"ru": ["заместитель", "бывший", "экс"], "ky": ["орун", "мурдагы", "мурунку", "экс"]}
NEXT_TO = 2

# Kyrgyz given names and surnames that are also everyday words (Russian ones are told by
# pymorphy3's dictionary): alone, they never name an official.
COMMON_KYRGYZ = {"канат", "темир", "алтын", "бакыт", "эркин", "тынчтык", "нур", "күн", "ай", "гүл", "жылдыз",
                 "күмүш", "таш", "бек", "мурат", "урмат", "сыймык", "асыл", "жаңыл", "ырыс", "бектур"}

# Words too common to tell two titles apart (the stories of the day).
COMMON = {
    "ru": set("""для что как это при над под без его ее их они она оно был была было были будет будут
                  также который которая которые этот эта эти того тем чем или если уже еще все всех
                  год года году лет день дня время после более менее около между через свой свои""".split()),
    "ky": set("""жана менен үчүн боюнча деп бул ошол анын алар бир эки дагы да болуп болот болгон
                  керек тууралуу жөнүндө кийин чейин бери жыл жылы күнү""".split()),
}
