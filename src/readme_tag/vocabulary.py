"""The words every stage shares: section kinds, how text is split into words, tag keys.

Text is lower-cased and split into runs of letters and digits; ``c++``,
``c#`` and ``f#`` stay whole. Chinese, Japanese and Thai, written without
spaces between words, and Korean, whose particles attach to the word before
them, are split into single characters, so a term such as 前端 matches as the
two words 前 端, 게임 matches inside 게임을, and เกม inside เกมงู. A term
matches the same run of words in any spelling of the separators
("real-time", "real time", "real_time"), glued together ("realtime"), and
with its last word in the plural. Words are compared in the form
``word_forms`` gives them (accents folded, Russian endings dropped).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from .word_forms import other_plurals, word_form

SECTION_KINDS = ("title", "description", "heading", "badge", "body", "code")
"""Where a piece of README text stands; ``rules/scoring.yaml`` weighs each."""
OPENING = frozenset(("title", "description"))
"""Where a README says what it is: a later tag named nowhere there, or only there, has a bar of its own (``decide``), and a term
matched there carries its span in every language, as one in Chinese, Japanese, Korean or Thai does anywhere (``signals.words``)."""

_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ONE_CHARACTER_WORDS = _UNSPACED + "\uac00-\ud7af"
TOKEN = re.compile(rf"[^\W_{_ONE_CHARACTER_WORDS}]+(?:\u0307[^\W_{_ONE_CHARACTER_WORDS}]*)*(?:\+\+|#)?|[{_ONE_CHARACTER_WORDS}]")
"""A word: a run of letters and digits; each Chinese, Japanese, Korean or Thai character (a Thai mark too) is a word of its own.

The dot above (U+0307) that lower-casing leaves of the Turkish capital İ
stays in its word (``YÖNETİM`` is ``yöneti̇m``, whose form is ``yonetim``).
"""


CHARACTER_WORD = re.compile(f"[{_ONE_CHARACTER_WORDS}]")
"""A Chinese, Japanese, Korean or Thai character: a word of its own (``TOKEN``)."""
UNSPACED_CHARACTER = re.compile(f"[{_UNSPACED}]")
"""A Thai, Chinese or Japanese character: those scripts leave no space between words (Korean does)."""


def tokens(text: str) -> list[str]:
    """The lower-case words of ``text``, each in the form it is matched by; composed first (``a`` and U+0308 is ``ä``), as a
    README's text is read, so that a term or a tag name typed either way matches it."""
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return forms(TOKEN.findall(text.lower()))


def forms(words: Sequence[str]) -> list[str]:
    """``words`` (lower-case) in the form each is matched by; ASCII words are their own form."""
    return [w if w.isascii() else word_form(w) for w in words]


def normalise_term(term: str) -> str:
    """A term as the words it matches, e.g. ``Real-Time`` -> ``real time``."""
    return " ".join(tokens(term))


def plural(word: str) -> str:
    """A regular English plural (good enough for a vocabulary's nouns)."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@lru_cache(maxsize=1 << 16)
def variants(term: str) -> tuple[tuple[str, ...], ...]:
    """The word sequences a term matches: as written, glued, and with a plural last word (kept per process: rules compiled again reuse them)."""
    words = tuple(tokens(term))
    if not words:
        return ()
    found = [words]
    if len(words) > 1:
        found.append(("".join(words),))
    for form in list(found):
        last = form[-1]
        if last.isascii() and last.isalpha() and len(last) > 2:
            found.extend(form[:-1] + (word,) for word in [plural(last), *other_plurals(last)])
    return tuple(dict.fromkeys(found))


def tag_key(name: str) -> str:
    """The form of a tag name used to match rules to a taxonomy: composed (NFC: an "é" typed as "e" and an accent is "é"), stripped and case-folded."""
    return unicodedata.normalize("NFC", name).strip().casefold()
