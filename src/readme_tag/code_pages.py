"""The code page of README bytes that are not UTF-8: Western (Windows-1252), Cyrillic, Chinese, Japanese or Korean.

Each code page decodes the bytes strictly; the text whose letters past ASCII are the most plausible wins (the earlier
code page on a tie; Windows-1252 when none is plausible, as text with no letter past ASCII is). A letter is plausible when it stands in a word (a run of
letters) as text in its script does:

- a Latin letter with a mark, in a Latin word with at least as many ASCII letters ("café", not "ïðèâåò", Cyrillic
  read as Western);
- a Cyrillic letter, in a word of Cyrillic letters only, capitals only first or throughout ("Привет", not "cafй",
  Western read as Cyrillic, nor "дЦЛщ", Chinese read as Cyrillic);
- kana (full width), always (half-width kana are what Chinese bytes read as Japanese give);
- a Hangul syllable, in a word with no ideograph;
- an ideograph that a national standard counts as common (GB 2312 level 1, Big5's frequent characters, JIS X 0208
  level 1), in a word with no Hangul, and not beside a space with an ideograph on its other side (Korean, whose words
  are spaced, read as Chinese).
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache

FALLBACK = "cp1252"
CODE_PAGES = (FALLBACK, "cp1251", "gbk", "cp950", "cp932", "cp949")
"""The code pages tried, in the order that settles a tie."""

_COMMON_IDEOGRAPHS = (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6), ("shift_jis", 0x88, 0x98))
"""Per standard, its encoding and the lead bytes of its common ideographs."""
SAMPLE = 16 * 1024
"""The bytes whose text tells the code page (their plausibility takes a few milliseconds a kilobyte)."""


def decode_legacy(data: bytes, truncated: bool) -> str:
    """``data`` decoded with the code page whose text (of its first ``SAMPLE`` bytes) is the most plausible, a byte it
    lacks past those replaced and a character cut at a ``truncated`` end dropped; with no plausible letter past ASCII,
    Windows-1252, or Latin-1 where that fails (any byte is a Latin-1 one)."""
    best, best_share = None, 0.0
    for code_page in CODE_PAGES:
        try:
            share = plausible_share(_decoded(data[:SAMPLE], code_page, final=len(data) <= SAMPLE and not truncated))
        except UnicodeDecodeError:
            continue
        if share > best_share:
            best, best_share = code_page, share
    if best is not None:
        return _decoded(data, best, final=not truncated, errors="replace")
    try:
        return data.decode(FALLBACK)
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decoded(data: bytes, code_page: str, final: bool, errors: str = "strict") -> str:
    """``data`` decoded; not ``final``: a character cut at the end is left out."""
    return codecs.getincrementaldecoder(code_page)(errors).decode(data, final=final)


def plausible_share(text: str) -> float:
    """The share of the letters past ASCII in ``text`` that are plausible (module docstring); 0 with no such letter."""
    plausible = counted = 0
    for start, word in _words(text):
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if not c.isascii()}
        for at, c in enumerate(word):
            if not c.isascii():
                counted += 1
                plausible += _plausible(c, _script(c), word, scripts, text, start + at)
    return plausible / counted if counted else 0.0


def _words(text: str) -> list[tuple[int, str]]:
    """Each run of letters in ``text`` with where it starts."""
    words: list[tuple[int, str]] = []
    start = None
    for at, c in enumerate(text + " "):
        if c.isalpha():
            start = at if start is None else start
        elif start is not None:
            words.append((start, text[start:at]))
            start = None
    return words


def _plausible(c: str, script: str, word: str, scripts: set[str], text: str, at: int) -> bool:
    if script == "latin":
        return scripts == {"latin"} and 2 * sum(ch.isascii() for ch in word) >= len(word)
    if script == "cyrillic":
        return scripts == {"cyrillic"} and not any(ch.isascii() for ch in word) and (word[1:].islower() or word.isupper())
    if script == "hangul":
        return "han" not in scripts
    if script == "han":
        return "hangul" not in scripts and common_ideograph(c) and not _spaced(text, at)
    return script == "kana"


def _spaced(text: str, at: int) -> bool:
    """Whether the ideograph at ``at`` has a space beside it and an ideograph past that space."""
    before = text[at - 2 : at] if at >= 2 else ""
    after = text[at + 1 : at + 3]
    return (len(before) == 2 and before[1] == " " and _script(before[0]) == "han") or (len(after) == 2 and after[0] == " " and _script(after[1]) == "han")


@lru_cache(maxsize=8192)
def _script(c: str) -> str:
    """The script of a letter as the plausibility rules tell them apart ("other" for the rest)."""
    point = ord(c)
    if 0x3040 <= point <= 0x30FF:
        return "kana"
    if 0xAC00 <= point <= 0xD7A3:
        return "hangul"
    if 0x4E00 <= point <= 0x9FFF:
        return "han"
    name = unicodedata.name(c, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    return "other"


@lru_cache(maxsize=8192)
def common_ideograph(c: str) -> bool:
    """Whether a standard counts the ideograph ``c`` among its common ones (``_COMMON_IDEOGRAPHS``)."""
    for encoding, first, last in _COMMON_IDEOGRAPHS:
        try:
            lead = c.encode(encoding)[0]
        except UnicodeEncodeError:
            continue
        if first <= lead <= last:
            return True
    return False
