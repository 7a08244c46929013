"""The code page of README bytes that are not UTF-8: Western (Windows-1252), Cyrillic, Chinese, Japanese or Korean.

Each code page decodes ``SAMPLE`` bytes from the first two past ASCII side by side, or else the first one (an English
README's Russian or Chinese half may stand far down, under curly quotes and dashes that tell nothing); the text whose
letters and signs past ASCII are the most plausible wins (the earlier code page in ``SCRIPTS`` on a tie, Windows-1252
first; Windows-1252 when none is plausible). A letter is plausible when its code page writes its
script, and it stands in a word (a run of letters) as text in that script does:

- a Latin letter with a mark (Windows-1252), in a Latin word with at least as many ASCII letters, or of two letters
  at most with ASCII on each side ("café", "À propos", not "ïðèâåò", Cyrillic read as Western);
- a Cyrillic letter (1251), in a word of Russian, Ukrainian or Belarusian letters only, with no capital after the
  first, or all capitals, and of one letter only where that is a word ("Привет", "УСТАНОВКА", "и", not "cafй",
  Western read as Cyrillic, nor "Њк", Japanese);
- a Hangul syllable (949) among the commonest (``_COMMON_HANGUL``), in a word with no ideograph;
- an ideograph (GBK, Big5, Shift_JIS) that the code page's own standard counts as common (GB 2312 level 1, Big5's
  frequent characters, JIS X 0208 level 1), not beside a space with an ideograph on its other side (Korean, whose
  words are spaced, read as Chinese);
- kana (Shift_JIS, full width; half-width kana are what Chinese bytes read as Japanese give);

and a Chinese, Japanese or Korean character only beside another: one alone among Latin letters is what a Western
quote or dash before a letter reads as ("It’s" as "It痴", "Ready—set—go" as "Ready耀et揚o"). A sign (punctuation, a symbol) is plausible
as ``_plausible_sign`` says; a byte the code page lacks never is.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

_PAST_ASCII = re.compile(rb"[\x80-\xff]")
_PAST_ASCII_RUN = re.compile(rb"[\x80-\xff]{2}")
"""Two bytes past ASCII together: a Cyrillic, Chinese, Japanese or Korean word, where an English README's curly quotes
and dashes, the same bytes in 1252 and 1251, stand alone."""
FALLBACK = "cp1252"
_ASIAN = frozenset(("han", "kana", "hangul"))
SCRIPTS = {FALLBACK: "latin", "cp949": "hangul", "gbk": "han", "cp950": "han", "cp932": "han kana", "cp1251": "cyrillic"}
"""The code pages tried, in the order that settles a tie, and the scripts each writes."""

_CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў")
"""The Cyrillic letters of Russian, Ukrainian and Belarusian (small): Serbian's Ђ, Љ, Њ... stand where 1251 reads most
other code pages' bytes."""
_ONE_LETTER_WORDS = frozenset("авжиікосузяй")
"""The Cyrillic words of one letter (small)."""
_COMMON_IDEOGRAPHS = {"gbk": ("gb2312", 0xB0A1, 0xD7F9), "cp950": ("big5", 0xA440, 0xC67E), "cp932": ("shift_jis", 0x889F, 0x9872)}
"""Per code page, the standard whose common ideographs it writes: its encoding, and their codes, first and last."""
_COMMON_HANGUL = frozenset(
    "이다는의에하을를고기서지가로한리사수도자시어아니게나일그정대있것되해구인보전습부주들상라여용제스원성으와면요만거장동개트비내우적소"
    "경위실공문관화마과까파프드데터모발및할합음연설치행결방번호조중안업운영생명작없려세신계법력된선러저식무물민매등본체통르않했야집알형미"
    "새반분유목진회단심말활국학교간금날년월오후출입능외변값록템플릿버튼클릭페지웹앱베코빌테배포환폴더예참젝메뉴링검색결썬바립액노커쿠네티클"
    "우돌려받초기화확인취소삭추가저장불러오기능별따른경우또는및그리고하지만때문에위해통해대한관련된최신버전업데트로그회원가입관리자결과"
    "감내역빠른특징락튜토얼울깃허브존항크린샷맵캡톤디팀김철니팅읽쉽습편리효율빠짐없복잡단순간편속도향상개선추천필수선택옵션"
)
"""Hangul syllables of the commonest Korean words (and of a README's: 설치, 사용법, 프로젝트, 데이터베이스...)."""
SAMPLE = 16 * 1024
"""The bytes whose text tells the code page (their plausibility takes a few milliseconds a kilobyte)."""


def decode_legacy(data: bytes, truncated: bool) -> str:
    """``data`` decoded with the code page whose text (of ``SAMPLE`` bytes from the first past ASCII) is the most
    plausible, a byte it lacks replaced and a character cut at a ``truncated`` end dropped; with nothing plausible past
    ASCII, Windows-1252 (Latin-1 for the five bytes it lacks)."""
    first = _PAST_ASCII_RUN.search(data) or _PAST_ASCII.search(data)
    begin = max(0, first.start() - 256) if first else 0  # where a step back lands, ASCII is one character a byte in each
    sample = data[begin : begin + SAMPLE]
    best, best_share = FALLBACK, 0.0
    for code_page in SCRIPTS:
        share = plausible_share(_decoded(sample, code_page, final=begin + SAMPLE >= len(data) and not truncated), code_page)
        if share > best_share:
            best, best_share = code_page, share
    if best == FALLBACK:
        try:
            return data.decode(FALLBACK)
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return _decoded(data, best, final=not truncated)


def _decoded(data: bytes, code_page: str, final: bool) -> str:
    """``data`` decoded, a byte the code page lacks replaced; not ``final``: a character cut at the end is left out."""
    return codecs.getincrementaldecoder(code_page)("replace").decode(data, final=final)


def plausible_share(text: str, code_page: str) -> float:
    """The share of the letters past ASCII (and bytes replaced) in ``text``, as ``code_page`` read it, that are plausible
    (module docstring); 0 with none."""
    scripts = SCRIPTS[code_page].split()
    counted = plausible = 0
    for at, ch in enumerate(text):  # the signs past ASCII: punctuation, symbols, bytes replaced
        if not (ch.isascii() or ch.isalpha() or ch.isspace()):
            counted += 1
            plausible += _plausible_sign(text, at, scripts)
    for start, word in _words(text):
        if word.isascii():
            continue
        ascii_letters = sum(ch.isascii() for ch in word)
        kinds = {_script(ch) for ch in word if not ch.isascii()}
        whole = {  # what holds for the word as a whole, by the script of its letters (each found once: a word may be long)
            "latin": kinds == {"latin"} and (2 * ascii_letters >= len(word) or (len(word) <= 2 and _apart(text, start, len(word)))),
            "cyrillic": "cyrillic" in kinds and _cyrillic_word(word),
        }
        for at, ch in enumerate(word):
            if ch.isascii():
                continue
            counted += 1
            script = _script(ch)
            if script not in scripts:
                continue
            if script in whole:
                plausible += whole[script]
            elif not _beside_its_like(text, start + at):
                continue
            elif script == "hangul":
                plausible += "han" not in kinds and ch in _COMMON_HANGUL
            elif script == "han":
                plausible += common_ideograph(ch, code_page) and not _spaced(text, start + at)
            else:
                plausible += 1  # kana
    return plausible / counted if counted else 0.0


def _cyrillic_word(word: str) -> bool:
    """Whether ``word`` reads as a Cyrillic word: its letters Russian, Ukrainian or Belarusian, no capital after the
    first (or all capitals), one letter only where that is a word ("и", "в")."""
    lower = word.lower()
    if not all(ch in _CYRILLIC for ch in lower) or (len(word) == 1 and lower not in _ONE_LETTER_WORDS):
        return False
    return not any(ch.isupper() for ch in word[1:]) or word.isupper()


def _plausible_sign(text: str, at: int, scripts: list[str]) -> bool:
    """Whether the sign at ``at`` (no letter, no space) stands as one does in text of ``scripts``: Chinese, Japanese and
    Korean punctuation (full width, or a quote, dash or ellipsis) in theirs; in Latin or Cyrillic text, one between ASCII,
    spaces and letters of the script ("It’s", "5 °C", "— Да"), not in a run of signs past ASCII ("¼ò½é", GBK read as
    Western); never a byte replaced."""
    sign = text[at]
    if sign == "\ufffd":
        return False
    if scripts[-1] in _ASIAN:
        point = ord(sign)
        return 0x3000 <= point <= 0x303F or 0xFF00 <= point <= 0xFFEF or 0x2010 <= point <= 0x2027
    return all(not 0 <= near < len(text) or text[near].isascii() or text[near].isspace() or _script(text[near]) == scripts[0] for near in (at - 1, at + 1))


def _apart(text: str, start: int, length: int) -> bool:
    """Whether the word at ``start`` stands apart: ASCII (a space, a mark) or nothing on each side ("## À propos")."""
    return all(not 0 <= near < len(text) or text[near].isascii() for near in (start - 1, start + length))


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


def _beside_its_like(text: str, at: int) -> bool:
    """Whether the Chinese, Japanese or Korean character at ``at`` has one beside it (``耀et揚``, a Western dash read as
    GBK twice, has none)."""
    return any(0 <= near < len(text) and _script(text[near]) in _ASIAN for near in (at - 1, at + 1))


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
def common_ideograph(c: str, code_page: str) -> bool:
    """Whether the standard of ``code_page`` counts the ideograph ``c`` among its common ones (``_COMMON_IDEOGRAPHS``):
    Shift_JIS or Big5 bytes read as GBK give ideographs, but not GB 2312's common ones."""
    encoding, first, last = _COMMON_IDEOGRAPHS[code_page]
    try:
        return first <= int.from_bytes(c.encode(encoding), "big") <= last
    except UnicodeEncodeError:
        return False
