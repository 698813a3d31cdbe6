"""Kyrgyz stems for matching: «мэрге», «мэринин» → «мэр»; «мэриясынын» → «мэрия».

The portal has ONE Kyrgyz stemmer: plugins/portal/kyrgyz (issue 21), shared
with search. Monitoring calls it through `stem` only.

TEMPORARY: until that module is on main, `_interim_stem` below strips the
case, possessive and plural endings monitoring's tests need. Delete it and
import `stem` from portal.kyrgyz when it lands.
"""

from __future__ import annotations

# Endings, longest first: case (after a possessive too: -нын, -на, -нда, -нан), possessive, plural.
_ENDINGS = sorted({
    *"нын нин нун нүн дын дин дун дүн тын тин тун түн".split(),
    *"га ге го гө ка ке ко кө на не но нө".split(),
    *"ны ни ну нү ды ди ду дү ты ти ту тү".split(),
    *"да де до дө та те то тө нда нде ндо ндө".split(),
    *"дан ден дон дөн тан тен тон төн нан нен нон нөн ндан нден ндон ндөн".split(),
    *"сы си су сү ы и у ү".split(),
    *"лар лер лор лөр дар дер дор дөр тар тер тор төр".split(),
}, key=len, reverse=True)
_SHORTEST = 3  # «мэр», «ата», «суу»: never cut below three letters


def _interim_stem(word: str) -> str:
    while True:
        ending = next((e for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= _SHORTEST), None)
        if ending is None:
            return word
        word = word[: -len(ending)]


stem = _interim_stem
