"""Kyrgyz noun inflection as data: the letters, vowel harmony, consonant assimilation, the suffixes.

A Kyrgyz noun takes, in this order, a plural, a possessive and a case:
автобус-тар-ыбыз-дан "from our buses". Every suffix exists in several
shapes (allomorphs), and which one follows a stem is decided by two things
only, both read off the stem's end:

- vowel harmony: the stem's last vowel decides each suffix vowel, a high one
  (ы и у ү) or a low one (а е о ө), and each suffix vowel decides the next;
- consonant assimilation: the sound the stem ends in (a vowel, й or р,
  another voiced consonant, a voiceless one) decides the suffix's first
  consonant: мэрия-лар, шаар-лар, кыз-дар, автобус-тар.

Russian loans follow the same rules from their last vowel (мэрия-сы,
автобус-тар, трамвай-лар, депутат-тардын), and drop a final soft sign
before a suffix (ноябрь, ноябр-да).

The suffix shapes below are templates: `A` stands for the low vowel and `I`
for the high vowel that harmony picks. `stemmer.py` expands them into every
concrete suffix chain with the stems it may follow, and so does the search
page's script (theme/static/js/kyrgyz.js), from these rules as JSON.

Left out on purpose: the first and second person singular possessives
(-ым "my", -ың "your"): official news hardly uses them, while nouns that end
the same way are everywhere in it (бөлүм "department", билим, салым, жыйым),
and stripping -ым would cut those. Verbs are not stemmed.
"""

from __future__ import annotations

# Vowel harmony classes, named by their low vowel: the class of a stem is the class of its last vowel.
HARMONY = {"а": "а", "ы": "а", "я": "а",
           "е": "е", "э": "е", "и": "е",
           "о": "о",
           "у": "у", "ю": "у",
           "ө": "ө", "ү": "ө"}
# The suffix vowel each class takes: low (а е о ө) and high (ы и у ү). After у the low vowel is а: автобус-тар.
LOW = {"а": "а", "е": "е", "о": "о", "у": "а", "ө": "ө"}
HIGH = {"а": "ы", "е": "и", "о": "у", "у": "у", "ө": "ү"}

# What a stem ends in, for consonant assimilation: V a vowel, R й or р, Z another voiced
# consonant, S a voiceless one. The plural tells R from Z (шаар-лар, кыз-дар); no other suffix does.
VOWELS = "".join(HARMONY)  # ё is read as е, as the search index reads it (stemmer.normalize)
SOUNDS = {**dict.fromkeys(VOWELS, "V"),
          **dict.fromkeys("йр", "R"),
          **dict.fromkeys("бвгджзлмнң", "Z"),
          **dict.fromkeys("кпстфхцчшщ", "S")}

PLURAL = {"V": "лAр", "R": "лAр", "Z": "дAр", "S": "тAр"}

# Possessives: (after a vowel, after a consonant). The third person's marks the cases after it (THIRD).
POSSESSIVES = {
    "third": ("сI", "I"),  # мэрия-сы, шаар-ы; also "their": автобустар-ы
    "our": ("бIз", "IбIз"),  # ата-быз, шаар-ыбыз
    "your (polite)": ("ңIз", "IңIз"),  # арыз-ыңыз
    "your (polite, plural)": ("ңIздAр", "IңIздAр"),
}
THIRD = "third"

# Cases: their shape after each kind of stem end, and after a third-person possessive ("P"),
# where they take a pronominal н: мэрия-сы-нда, not *мэрия-сы-да.
CASES = {
    "genitive": {"V": "нIн", "R": "дIн", "Z": "дIн", "S": "тIн", "P": "нIн"},
    "accusative": {"V": "нI", "R": "дI", "Z": "дI", "S": "тI", "P": "н"},
    "dative": {"V": "гA", "R": "гA", "Z": "гA", "S": "кA", "P": "нA"},
    "locative": {"V": "дA", "R": "дA", "Z": "дA", "S": "тA", "P": "ндA"},
    "ablative": {"V": "дAн", "R": "дAн", "Z": "дAн", "S": "тAн", "P": "нAн"},
    # the locative's attributive form: Бишкек-теги "in Bishkek", мэрия-дагы "at the city hall"
    "attributive": {"V": "дAгI", "R": "дAгI", "Z": "дAгI", "S": "тAгI", "P": "ндAгI"},
}

# The shortest stem a suffix may leave, by what it ends in: ата, суу and үй stay whole.
MINIMUM = {"vowel": 3, "consonant": 2}

# A stem this long ending in this letter keeps a high vowel after it: the agent nouns
# окуу-чу, жумуш-чу, айдоо-чу are not possessives of *окууч. Shorter ones are: ич-и, күч-ү.
KEEPS_HIGH_VOWEL = {"ч": 4}

# A stem's end as it stands before a consonant, so that every form of a word gives one stem:
# - a final soft sign goes (Russian loans): ноябрь, ноябр-да;
# - б and г after a vowel are п and к (voicing between vowels): мектеп, мектеб-и; аймак, аймаг-ы;
# - с and н after a vowel go: -сы and -ны begin with them, and no rule can tell автобус-у from
#   *автобу-су, or план-ы from *пла-ны; so both readings get one stem.
SOFT_SIGN = "ь"
DEVOICED = {"б": "п", "г": "к"}
DROPPED_AFTER_VOWEL = "сн"

# Irregular forms, read as the regular ones they stand for: балдар "children" is бала-лар.
IRREGULAR = {"балдар": "балалар"}
