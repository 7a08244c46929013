"""The form a word is matched by, so that a term matches its spellings and inflections in other languages.

Latin letters lose their accents (``aplicación`` and ``aplicacion`` are one
word; ``ß`` is ``ss``; Vietnamese ``thư viện`` is ``thu vien``), and a
Russian (Cyrillic) word loses its case or number ending (``игра``,
``игры``, ``игру`` are all ``игр``). Terms and README text
go through the same forms, so a rule writes a word once, in its usual form.
An ASCII word is its own form.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "\u0307": ""}
"""Letters without an accent to strip, and the dot above that lower-casing leaves of Turkish İ."""


def _fold_table() -> dict[int, str]:
    """Each accented Latin letter (Latin-1 to Latin Extended-B, and Latin Extended Additional: Vietnamese) to its letter without the accent."""
    table = {ord(k): v for k, v in _SPECIAL.items()}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if code not in table and base.isascii() and base.isalpha() and base != chr(code):
            table[code] = base.lower()
    return table


_FOLD = _fold_table()

_RUSSIAN_ENDINGS = tuple(
    sorted(
        ("ыми ими ого его ому ему ами ями ией иям иях ьми ая яя ое ее ые ие ый ий ой ей ых их ым им ую юю ою ею ах ях ов ев ом ем ам ям ия ии ию ье ья ьи ью а я ы и у ю е о ь й").split(),
        key=len,
        reverse=True,
    )
)
_MIN_STEM = 3


def _is_cyrillic(word: str) -> bool:
    return "\u0400" <= word[0] <= "\u04ff"


@lru_cache(maxsize=1 << 16)
def word_form(word: str) -> str:
    """The form ``word`` (lower-case, one word) is matched by."""
    if word.isascii():
        return word
    if _is_cyrillic(word):
        word = word.replace("ё", "е")
        for ending in _RUSSIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                return word[: -len(ending)]
        return word
    return word.translate(_FOLD)


def other_plurals(word: str) -> list[str]:
    """Plurals of a (folded) word in Spanish, Portuguese and French that the English rule does not make.

    ``servidor`` -> ``servidores``, ``aplicacion`` -> ``aplicaciones``,
    ``aplicacao`` -> ``aplicacoes``; short words are left alone (``mod`` is not ``modes``).
    """
    if word.endswith("cao"):
        return [word[:-3] + "coes"]
    if len(word) >= 6 and word[-1] in "nlrd":
        return [word + "es"]
    return []
