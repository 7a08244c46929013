"""Guard what an LLM answers to a tagging prompt: find the JSON in its reply, check it, repair what is safe.

An answer is valid when its ``id``, and every other field of the expected
JSON, equals the expected JSON's (same JSON type), every tag is an item of the prompt's own tag list exactly as the list
gives it (an ``{"id", "name"}`` object, or a name), no tag repeats, and there
are no more tags than the prompt allows. ``repair`` fixes what can be fixed
without guessing: an id of the right value but the wrong JSON type, a tag
written as its name, or with another case, spacing or a near spelling of a
listed name (it becomes the listed item), unknown tags (dropped), repeats
(dropped), and too many tags (cut to the limit, keeping the LLM's order).
Each repair is reported. A wrong id is never repaired: the answer may be to
another prompt; nor is a tag whose id is one listed tag's and whose name is
another's: which one the LLM meant is a guess.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .. import json_input
from ..vocabulary import tag_key
from .parse import Prompt

NEAR_SPELLING = 90
"""How alike (rapidfuzz ratio, 0-100) an unknown tag name must be to a listed one to be repaired to it.

It must also begin with the same letter: a different first letter makes another
name ("preact" is not "react"), where a misspelling keeps a word's start."""
_FENCE = re.compile(r"```[\w-]*\s*\n(.*?)```", re.DOTALL)
_OBJECT = re.compile(r"\{")
_ARRAY = re.compile(r"\[")
_SEPARATORS = re.compile(r"[\s_\-]+")


@dataclass
class AnswerCheck:
    """What the guard found: the answer (repaired when asked), its problems, and the repairs made."""

    answer: dict[str, Any] | None
    problems: list[str] = field(default_factory=list)
    """What is still wrong; empty when the answer is valid."""
    repairs: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.answer is not None and not self.problems


_ECHO_LEAST = 8
"""A README shorter than this may stand in a reply by chance: its repeat says nothing."""


def find_answer(reply: str, skeleton: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The JSON object in an LLM's reply: inside a code fence or among prose; the first one with a ``tags`` key wins,
    past the prompt's own ``skeleton`` quoted before the answer."""
    found = [value for text in [m.group(1) for m in _FENCE.finditer(reply)] + [reply] for _, _, value in json_input.values_at(text, _OBJECT) if isinstance(value, dict)]
    tagged = [value for value in found if "tags" in value]
    return next((v for v in tagged if v != skeleton), tagged[0] if tagged else found[0] if found else None)


def _echo_end(prompt: Prompt, reply: str) -> int | None:
    """Where a repeat of the prompt ends in ``reply``: past its README (or, for a README too short to tell, its whole tag
    list, which no answer holds when the list is longer than the limit) and its expected JSON (either may come first, as
    in the prompt); None when the reply repeats no prompt (a README quoted before or beside an answer is no repeat)."""
    readme = prompt.readme.strip()
    if len(readme) >= _ECHO_LEAST:
        at = reply.find(readme)
        past = at + len(readme)
    else:
        lists = [(start, end) for start, end, value in json_input.values_at(reply, _ARRAY) if value == prompt.tags] if len(prompt.tags) > prompt.limit else []
        at, past = lists[0] if lists else (-1, -1)
    if at < 0:
        return None
    skeletons = [end for start, end, value in json_input.values_at(reply, _OBJECT) if value == prompt.skeleton and (start >= past or end <= at)]
    return max(past, skeletons[0]) if skeletons else None


def check_answer(prompt: Prompt, reply: str | dict[str, Any], repair: bool = False) -> AnswerCheck:
    """Check an LLM's answer (its reply text, or the parsed object) against the prompt it answers."""
    echo = False
    if isinstance(reply, str):
        after = _echo_end(prompt, reply)
        if after is not None:  # the prompt repeated (a command that echoes its input): only what follows it can answer
            echo, reply = True, reply[after:]
        answer = find_answer(reply, prompt.skeleton)
    else:
        answer = reply
    if echo and (answer is None or answer == prompt.skeleton or "tags" not in answer):  # the prompt's tag list, or nothing
        return AnswerCheck(None, ["the reply repeats the prompt, whose expected JSON is all it holds: it answers nothing"])
    if answer is None:
        return AnswerCheck(None, ["no JSON object in the answer"])
    answer = dict(answer)
    check = AnswerCheck(answer)
    for key in (k for k in prompt.skeleton if k != "tags"):  # the id, and any other field the expected JSON fixes
        _check_field(prompt, key, answer, check, repair)
    tags = answer.get("tags")
    if not isinstance(tags, list):
        check.problems.append('"tags" is missing or not a list')
        return check
    answer["tags"] = _check_tags(prompt, tags, check, repair)
    return check


def _check_field(prompt: Prompt, key: str, answer: dict[str, Any], check: AnswerCheck, repair: bool) -> None:
    """The answer's ``key`` must be the expected JSON's (``--repair`` mends a number written as text, or the reverse)."""
    expected, got = prompt.skeleton[key], answer.get(key)
    if key in answer and json.dumps(got) == json.dumps(expected):
        return
    name = key if key == "id" else json.dumps(key, ensure_ascii=False)
    if repair and key in answer and str(got) == str(expected):
        answer[key] = expected
        check.repairs.append(f"{name} {json.dumps(got)} -> {json.dumps(expected)} (the expected JSON type)")
    else:
        check.problems.append(f"{name} is {json.dumps(got, ensure_ascii=False) if key in answer else 'missing'}, expected {json.dumps(expected, ensure_ascii=False)}")


def _check_tags(prompt: Prompt, tags: list[Any], check: AnswerCheck, repair: bool) -> list[Any]:
    listed = {json.dumps(item, sort_keys=True): item for item in prompt.tags}
    kept: list[Any] = []
    seen: set[str] = set()
    mixed: list[tuple[int, str]] = []  # a tag that mixes two listed ones, by its place: one the limit cuts is no problem left
    for tag in tags:
        key = json.dumps(tag, sort_keys=True)
        item = listed.get(key)
        if item is None:
            item = _closest(prompt.tags, tag)
            shown = json.dumps(tag, ensure_ascii=False)
            by_id = _with_id(prompt.tags, tag)
            if item is not None and by_id is not None and by_id is not item:
                ids_tag, names_tag = json.dumps(by_id, ensure_ascii=False), json.dumps(item, ensure_ascii=False)
                mixed.append((len(kept), f"tag {shown} mixes two listed tags: id {json.dumps(tag['id'])} is {ids_tag}, name {json.dumps(_name(tag), ensure_ascii=False)} is {names_tag}"))
                kept.append(tag)
                continue
            if not repair:
                check.problems.append(f"tag {shown} is not in the prompt's tag list" + (f" (did you mean {json.dumps(item, ensure_ascii=False)}?)" if item is not None else ""))
                kept.append(tag)
                continue
            if item is None:
                check.repairs.append(f"dropped tag {shown}: not in the prompt's tag list")
                continue
            check.repairs.append(f"tag {shown} -> {json.dumps(item, ensure_ascii=False)}")
            key = json.dumps(item, sort_keys=True)
        if key in seen:
            if repair:
                check.repairs.append(f"dropped a repeat of tag {json.dumps(item, ensure_ascii=False)}")
                continue
            check.problems.append(f"tag {json.dumps(item, ensure_ascii=False)} is given twice")
        seen.add(key)
        kept.append(item)
    if len(kept) > prompt.limit:
        if repair:
            check.repairs.append(f"cut {len(kept) - prompt.limit} tag(s) beyond the limit of {prompt.limit}: {', '.join(json.dumps(t, ensure_ascii=False) for t in kept[prompt.limit :])}")
            kept = kept[: prompt.limit]
        else:
            check.problems.append(f"{len(kept)} tags, more than the limit of {prompt.limit}")
    check.problems += [problem for at, problem in mixed if at < len(kept)]
    return kept


def _name(tag: Any) -> str | None:
    name = tag.get("name") if isinstance(tag, dict) else tag
    return name if isinstance(name, str) else None


def _with_id(items: list[Any], tag: Any) -> Any | None:
    """The listed item with this tag's id (40 and "40" are one id); None when the tag has no id (a null one is none, as
    in the taxonomy) or no item has it."""
    if not isinstance(tag, dict) or tag.get("id") is None:
        return None
    return next((item for item in items if isinstance(item, dict) and item.get("id") is not None and str(item["id"]) == str(tag["id"])), None)


def _squash(name: str) -> str:
    return _SEPARATORS.sub("", tag_key(name))


def _closest(items: list[Any], tag: Any) -> Any | None:
    """The listed item whose name this tag's name is, but for case, spacing or a near spelling (same first letter); None when none or several are."""
    name = _name(tag)
    if name is None or not name.strip():
        return None
    key = _squash(name)
    names = [(_squash(_name(item) or ""), item) for item in items]
    same = [item for squashed, item in names if squashed == key]
    if len(same) == 1:
        return same[0]
    if same:
        return None
    from rapidfuzz import fuzz

    scored = sorted(((fuzz.ratio(key, squashed), i) for i, (squashed, _) in enumerate(names)), reverse=True)
    if scored and scored[0][0] >= NEAR_SPELLING and (len(scored) == 1 or scored[1][0] < scored[0][0]) and names[scored[0][1]][0][:1] == key[:1]:
        return names[scored[0][1]][1]
    return None
