"""Keep user regular expressions from hanging a job.

Two layers: when rules load, patterns whose shape can backtrack
exponentially (a quantifier inside a quantifier, alternatives inside a
quantifier that can start alike, backreferences) are refused; when rules
run, each pattern has a time budget on each README (``kinds/patterns.py``
runs it with the ``regex`` engine's timeout, which holds in any thread).
"""

from __future__ import annotations

import re
import sys
from typing import Any

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants
    from re import _parser as sre_parse
else:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

PATTERN_BUDGET_SECONDS = 1.0
"""The most time one regex pattern may take on one README."""

_REPEATS = {getattr(sre_constants, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(sre_constants, n)}
_BACKREFS = {sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS}
_UNBOUNDED = 100  # a repeat that may run more than this many times counts as unbounded


def unsafe_reason(pattern: str) -> str | None:
    """Why ``pattern`` could match every README (an empty match) or backtrack catastrophically, or None when it looks safe."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None  # compiling reports the syntax error
    if parsed.getwidth()[0] == 0 and _empty_match_anywhere(pattern):
        return "it can match an empty text (an empty alternative, every part optional, or an anchor alone), so it would match nearly every README"
    return _walk(parsed.data, inside_repeat=False)


_PLAIN_TEXTS = ("", "\n", "x", "x. y\n\n- z, 1\n", "# The quick brown fox jumps over a lazy dog\n\nIt keeps 10 files: a b-c_d, e/f (g) [h] `i` *j* k.\n")
"""Texts with no words of a rule's own (but the commonest letters and words): a pattern that finds an empty match in one
finds one in nearly every README."""


def _empty_match_anywhere(pattern: str) -> bool:
    """Whether ``pattern`` finds an empty match in one of ``_PLAIN_TEXTS`` (``kubectl|(?=\\.)``, ``(?!kubectl)``, ``\\b``);
    lookarounds that ask for words (``(?=.*\\bdocker\\b)(?=.*\\bcompose\\b)``: both on one line) find none."""
    try:
        return any(not found.group() for text in _PLAIN_TEXTS for found in re.finditer(pattern, text, re.IGNORECASE))
    except re.error:
        return False


def _walk(items: list, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in _BACKREFS:
            return "backreferences are not allowed"
        if op in _REPEATS:
            _, high, sub = arg
            unbounded = high > _UNBOUNDED
            if unbounded and inside_repeat:
                return "a repeated group that repeats inside (nested quantifiers) can backtrack exponentially"
            if unbounded and _ambiguous_branch(list(sub)):
                return "alternatives that can start alike inside a repeat can backtrack exponentially"
            if high > 1 and _any_repeated(list(sub)):
                times = "any number of" if high >= sre_constants.MAXREPEAT else str(high)
                return f"a group repeated {times} times that holds a repeat of nearly any character (.*, [^x]*, \\S+) can backtrack as that many nested loops"
            reason = _walk(list(sub), inside_repeat or unbounded)
        elif op == sre_constants.SUBPATTERN:
            reason = _walk(list(arg[-1]), inside_repeat)
        elif op == sre_constants.BRANCH:
            reason = next((r for r in (_walk(list(b), inside_repeat) for b in arg[1]) if r), None)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            reason = _walk(list(arg[1]), inside_repeat)
        elif op == getattr(sre_constants, "ATOMIC_GROUP", None):
            reason = _walk(list(arg), inside_repeat)
        else:
            reason = None
        if reason:
            return reason
    return None


_WIDE_CATEGORIES = {sre_constants.CATEGORY_NOT_SPACE, sre_constants.CATEGORY_NOT_DIGIT, sre_constants.CATEGORY_NOT_WORD}
"""Classes of nearly every character: \\S, \\D, \\W."""
_MEMBERS = {
    sre_constants.CATEGORY_SPACE: " \t\n\r\f\v",
    sre_constants.CATEGORY_DIGIT: "0123456789",
    sre_constants.CATEGORY_WORD: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_",
}
"""Literal characters a category holds (those a pattern writes out beside one: ``[ \\t]`` after ``\\S*``)."""
_OPPOSITE = {
    sre_constants.CATEGORY_NOT_SPACE: sre_constants.CATEGORY_SPACE,
    sre_constants.CATEGORY_NOT_DIGIT: sre_constants.CATEGORY_DIGIT,
    sre_constants.CATEGORY_NOT_WORD: sre_constants.CATEGORY_WORD,
}


def _left_out(items: list) -> tuple[set[int], set[Any]] | None:
    """The characters and categories that ``items``, one item matching nearly any character (``.``, ``[^x]``, ``\\S``),
    leaves out; None when ``items`` are no such item."""
    if len(items) != 1:
        return None
    op, arg = items[0]
    if op == sre_constants.ANY:
        return {ord("\n")}, set()
    if op == sre_constants.NOT_LITERAL:
        return {arg}, set()
    if op != sre_constants.IN:
        return None
    if arg and arg[0][0] == sre_constants.NEGATE:
        chars = {a for o, a in arg[1:] if o == sre_constants.LITERAL}
        chars |= {c for o, a in arg[1:] if o == sre_constants.RANGE for c in range(a[0], a[1] + 1)}
        return chars, {a for o, a in arg[1:] if o == sre_constants.CATEGORY}
    found = {a for o, a in arg if o == sre_constants.CATEGORY}
    wide = found & _WIDE_CATEGORIES
    if any(_OPPOSITE[category] in found for category in wide):  # [\\s\\S]: every character
        return set(), set()
    return (set(), {_OPPOSITE[wide.pop()]}) if len(arg) == 1 and wide else None


def _outside(item: tuple[Any, Any], chars: set[int], categories: set[Any]) -> bool:
    """Whether ``item`` (what follows a repeat of nearly any character) needs a character the repeat leaves out."""
    op, arg = item
    if op in _REPEATS and arg[0] >= 1 and len(arg[2]) == 1:
        return _outside(arg[2][0], chars, categories)
    if op == sre_constants.SUBPATTERN and len(arg[-1]) >= 1:  # a group: its first part ((,) after [^,]+)
        return _outside(arg[-1][0], chars, categories)
    if op == sre_constants.RANGE:  # [0-9] after \D+: each character of the range left out
        return arg[1] - arg[0] < 256 and all(_outside((sre_constants.LITERAL, code), chars, categories) for code in range(arg[0], arg[1] + 1))
    if op == sre_constants.LITERAL:  # in either case: patterns run case-insensitively (X after [^x]+)
        return any(ord(form) in chars or form in "".join(_MEMBERS.get(category, "") for category in categories) for form in {chr(arg).lower(), chr(arg).upper()} if len(form) == 1)
    if op == sre_constants.IN and arg and arg[0][0] != sre_constants.NEGATE:
        return all(_category_outside(element[1], chars, categories) if element[0] == sre_constants.CATEGORY else _outside(element, chars, categories) for element in arg)
    return False


def _category_outside(category: Any, chars: set[int], categories: set[Any]) -> bool:
    """Whether a category (``\\d`` after ``[^0-9]+``) is left out whole: by name, or its ASCII members one by one."""
    return category in categories or (category in _MEMBERS and all(ord(c) in chars for c in _MEMBERS[category]))


def _any_repeated(items: list) -> bool:
    """Whether ``items`` (a repeated group's) hold a repeat of nearly any character (``.*``, ``[^,]+``, ``\\S{0,99}``) that
    what follows it (in the group, or the group's start again) does not end: it can stop at many places, in each round."""
    for at, (op, arg) in enumerate(items):
        if op in _REPEATS and arg[1] > 2:  # (\\W{0,2} before a space: a few places, not many)
            left_out = _left_out(list(arg[2]))
            following = items[at + 1] if at + 1 < len(items) else items[0]
            if left_out is not None and not _outside(following, *left_out):
                return True
        if op == sre_constants.SUBPATTERN and _any_repeated(list(arg[-1])):
            return True
        if op == sre_constants.BRANCH and any(_any_repeated(list(branch)) for branch in arg[1]):
            return True
    return False


def _ambiguous_branch(items: list) -> bool:
    """True when an alternation in ``items`` has branches that do not each start with a distinct literal."""
    for op, arg in items:
        if op == sre_constants.SUBPATTERN:
            if _ambiguous_branch(list(arg[-1])):
                return True
        elif op == sre_constants.BRANCH:
            firsts = []
            for branch in arg[1]:
                branch = list(branch)
                if not branch or branch[0][0] != sre_constants.LITERAL:
                    return True
                firsts.append(branch[0][1])
            if len(set(firsts)) != len(firsts):
                return True
    return False


_FOLDS = {0x307: None, 0x131: "i"}
"""What a case-insensitive match takes for one letter and casefold() does not: "İ" folds to i and a combining dot, and
"ı" to itself, yet both match I."""


def gate_fold(text: str) -> str:
    """``text`` case-folded for the literal gate, the same way in a pattern's literals and in a README's text: a fold at
    least as wide as the engine's case-insensitive match (micro sign and mu, final and other sigma, long s and s are one)."""
    return text.casefold().translate(_FOLDS)


def required_literals(pattern: str) -> list[list[str]] | None:
    """Groups of strings, ``gate_fold``-ed: every match of ``pattern`` contains one string of each group; None when unknown.

    A text that lacks every string of some group cannot match, so the pattern
    need not run. Any literal will do (a ``$`` or a Chinese word of two
    characters is absent from most READMEs); each group holds the longest
    literals found for one required part, the most selective group first.
    """
    try:
        items = sre_parse.parse(pattern, re.IGNORECASE).data
    except re.error:
        return None
    kept: list[list[str]] = []
    for group in sorted({tuple(group) for group in _required(items)}, key=lambda group: (-min(map(len, group)), len(group), group)):
        # a group is implied by a kept one whose every literal holds one of its own ("aws" holds "ws")
        if not any(all(any(mine in theirs for mine in group) for theirs in other) for other in kept):
            kept.append(list(group))
    return kept or None


def _required(items: list) -> list[list[str]]:
    """A group of literals for each part that every match of ``items`` passes through (a literal run, or a group's alternatives)."""
    groups: list[list[str]] = []
    run: list[str] = []

    def add(candidate: list[str] | None) -> None:
        if candidate and all(candidate):
            groups.append(sorted(set(candidate)))

    for op, arg in items + [(None, None)]:
        if op == sre_constants.LITERAL:
            run.append(gate_fold(chr(arg)))
            continue
        head = "".join(run)
        add([head] if head else None)
        run = []
        if op == sre_constants.SUBPATTERN:
            inner = list(arg[-1])
            groups += _required(inner)
            if len(inner) == 1 and inner[0][0] == sre_constants.BRANCH:
                continue  # the inner call took its alternatives
        if op == sre_constants.BRANCH:
            alternatives = [_best(_required(list(branch))) for branch in arg[1]]
            if all(alternatives):
                add([text for found in alternatives for text in found or []])
            if head:  # "a(?:ws|mazon)": the parser took the alternatives' common start out
                add([head + _leading_literal(list(branch)) for branch in arg[1]])
        elif op in _REPEATS and arg[0] >= 1:
            groups += _required(list(arg[2]))
    return groups


def _best(groups: list[list[str]]) -> list[str] | None:
    """The group whose shortest literal is longest (None for none)."""
    return max(groups, key=lambda group: min(map(len, group)), default=None)


def _leading_literal(items: list) -> str:
    text = []
    for op, arg in items:
        if op != sre_constants.LITERAL:
            break
        text.append(gate_fold(chr(arg)))
    return "".join(text)
