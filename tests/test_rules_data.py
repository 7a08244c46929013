"""The shipped rules are data: every file valid, every tag known, every tag covered."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from readme_tag.gold import load_gold
from readme_tag.intake_count import count_intake
from readme_tag.ruleset.files import BOILERPLATE_FILE, INTAKE_FILE, SCORING_FILE, default_rules_dir, rule_files
from readme_tag.ruleset.load import load_rules as _load_rules
from readme_tag.ruleset.model import RuleSet
from readme_tag.ruleset.taxonomy import Taxonomy
from readme_tag.ruleset.yaml_lines import load_yaml
from readme_tag.vocabulary import SECTION_KINDS, tag_key, tokens, variants

CASES = Path(__file__).parent / "rules"


@cache
def load_rules() -> RuleSet:
    """The default rules, loaded once for the module's tests (none of them changes them)."""
    return _load_rules()


@cache
def read_yaml(path: Path) -> Any:
    """A rule or case file, parsed once, with libyaml's parser (as the rules load)."""
    return load_yaml(path.read_text(encoding="utf-8"), str(path))


def test_every_rule_file_loads_and_names_a_taxonomy_tag():
    ruleset = load_rules()  # raises on any invalid file, duplicate key or repeated term
    taxonomy = Taxonomy.default()
    unknown = sorted(key for key in ruleset.rules if key not in taxonomy.by_key)
    assert unknown == []


def test_every_taxonomy_tag_has_a_rule_with_an_about_line():
    ruleset = load_rules()
    for tag in Taxonomy.default():
        rule = ruleset.rules.get(tag.key)
        assert rule is not None, f"no rule for {tag.name!r}"
        assert rule.about.strip(), f"{rule.source}: 'about' is empty"
        assert any(term.kind != "negative" for term in rule.terms.values()), f"{rule.source}: no positive term"


def test_a_rule_gives_way_to_and_goes_with_only_other_tags_that_have_rules():
    ruleset = load_rules()
    assert any(rule.gives_way_to for rule in ruleset.rules.values()) and any(rule.goes_with for rule in ruleset.rules.values())
    for key, rule in ruleset.rules.items():
        for relation, names in (("gives_way_to", rule.gives_way_to), ("goes_with", rule.goes_with)):
            others = [tag_key(name) for name in names]
            assert all(other in ruleset.rules and other != key for other in others), f"{rule.source}: {relation} {names}"
        assert not set(rule.gives_way_to) & set(rule.goes_with), f"{rule.source}: a tag both gives way to and goes with {rule.tag}"


def test_one_file_per_tag_named_after_it():
    rules = load_rules().rules.values()
    assert sorted(Path(rule.source).name for rule in rules) == sorted(p.name for p in rule_files(default_rules_dir()) if p.name not in (SCORING_FILE, INTAKE_FILE, BOILERPLATE_FILE))
    for rule in rules:
        assert Path(rule.source).stem == tag_key(rule.tag), f"{rule.source} holds the rule for {rule.tag!r}"


def test_the_intake_counts_are_those_of_the_name_picked_labels_the_rules_are_tuned_on():
    """rules/intake.yaml holds what ``readme-tag rules intake`` counts over the files its header names, for every taxonomy tag."""
    intake = load_rules().intake
    assert intake is not None
    header = Path(intake.source).read_text(encoding="utf-8").splitlines()
    command = next(line for line in header if "readme-tag rules intake" in line).split("readme-tag rules intake", 1)[1].split()
    assert command == ["bench/labels/github-train.jsonl", "bench/labels/named-train.jsonl"]
    root = Path(__file__).parents[1]
    taxonomy = Taxonomy.default()
    count = count_intake([item for name in command for item in load_gold(str(root / name))], taxonomy)
    assert count.readmes > 300 and count.unknown == []
    assert intake.readmes == count.readmes
    assert intake.counts == {tag_key(name): n for name, n in count.counts}
    assert sorted(intake.counts) == sorted(tag.key for tag in taxonomy)


def test_every_tag_has_case_files_with_pass_and_fail_cases():
    for tag in Taxonomy.default():
        path = CASES / f"{tag.key}.yaml"
        assert path.is_file(), f"no cases for {tag.name!r} in tests/rules"
        data = read_yaml(path)
        assert tag_key(data["tag"]) == tag.key
        assert data.get("pass") and data.get("fail"), f"{path}: needs pass and fail cases"
        for expect in ("pass", "fail"):
            cases = data[expect]
            assert isinstance(cases, dict), f"{path}: {expect} is a mapping of case name: README text"
            for name, text in cases.items():
                assert re.fullmatch(r"[a-z][a-z0-9_]*", name), f"{path}: case name {name!r} is not snake_case"
                assert isinstance(text, str) and text.strip(), f"{path}: case {name!r} has no README text"
        assert not set(data["pass"]) & set(data["fail"]), f"{path}: a case name is used under pass and fail"


def test_default_taxonomy_is_the_embedded_ninety_tags():
    taxonomy = Taxonomy.default()
    assert len(taxonomy) == 90
    assert taxonomy.by_key["game-engine"].item == {"id": 81, "name": "game-engine "}


def test_default_patterns_survive_hostile_text():
    """Runs of dashes, spaces and word characters after each pattern's leading words: no default pattern may run out of its time budget."""
    from readme_tag import Tagger

    tagger = Tagger()
    leads = sorted({term.text.split("\\", 2)[1].lstrip("b(?:") for rule in load_rules().rules.values() for term in rule.terms.values() if term.kind == "patterns" and term.text.startswith("\\b")})
    for filler in ("-" * 60, " -" * 60, "a-" * 60, "_ " * 60):
        text = "# probe\n\n" + "\n".join(f"{lead.split(')')[0].split('|')[0]} {filler}" for lead in leads[:200]) + "\n"
        tagger.tag(text)  # a pattern that backtracks would raise RuleError here


def test_a_default_pattern_is_skipped_only_where_it_cannot_match():
    """A pattern runs only when the text holds one literal of each of its groups: each match on its tag's cases holds them, and most patterns have some."""
    import regex

    from readme_tag.signals.regex_guard import gate_fold, required_literals

    waiting = total = 0
    for key, rule in sorted(load_rules().rules.items()):
        cases = read_yaml(CASES / f"{key}.yaml")
        texts = [text for part in ("pass", "fail") for text in (cases.get(part) or {}).values()]
        for pattern in (term.text for term in rule.terms.values() if term.kind == "patterns"):
            needs = required_literals(pattern)
            total += 1
            waiting += needs is not None
            for match in (found for text in texts if needs is not None for found in regex.finditer(pattern, text, regex.IGNORECASE | regex.VERSION0)):
                assert all(any(literal in gate_fold(match.group()) for literal in group) for group in needs), (key, pattern, needs, match.group())
    assert waiting >= 0.95 * total


def test_context_headings_are_distinct_words():
    """Each heading of ``contexts`` in scoring.yaml has words, and no two fold to the same words (the second would never apply)."""
    from readme_tag.vocabulary import normalise_term

    folded: dict[str, str] = {}
    for heading in load_rules().scoring.contexts:
        words = normalise_term(heading)
        assert words, f"context {heading!r} has no words"
        assert words not in folded, f"contexts {folded[words]!r} and {heading!r} are the same words"
        folded[words] = heading


@pytest.mark.parametrize(
    ("english", "others"),
    [
        ("License", ["许可证", "ライセンス", "라이선스", "Лицензия", "Licencia", "Licença", "Lizenz", "Licence", "Licenza", "Lisensi", "Lisans", "Giấy phép"]),
        ("Installation", ["安装步骤", "インストール方法", "설치 방법", "Установка", "Instalación", "Instalação", "Installation", "Installazione", "Instalasi", "Kurulum", "Cài đặt"]),
        (
            "Acknowledgements",
            ["致谢", "謝辞", "감사의 말", "Благодарности", "Agradecimientos", "Agradecimentos", "Danksagung", "Remerciements", "Ringraziamenti", "Terima kasih", "Teşekkürler", "Lời cảm ơn"],
        ),
        ("Contributing", ["贡献指南", "貢献", "기여하기", "Участие в разработке", "Contribuir", "Contribuindo", "Mitwirken", "Contribuer", "Contribuire", "Kontribusi", "Katkıda bulunma", "Đóng góp"]),
    ],
)
def test_a_context_heading_weighs_the_same_in_every_language_the_rules_know(english, others):
    """Text under a license or install heading counts as little in a Chinese or Turkish README as in an English one."""
    from readme_tag.match import HeadingFactors

    factor = HeadingFactors(load_rules().scoring.contexts)
    assert factor(english) < 1
    assert {heading: factor(heading) for heading in others} == dict.fromkeys(others, factor(english))


REGEX_SYNTAX = re.compile(r"\\[bdswBDSW]|\(\?|\[\^|\.[*+?]|\{\d+(?:,\d*)?\}")
"""What only a regular expression writes: ``\\b``, ``(?:``, ``[^``, ``.*``, ``{0,6}``."""


@pytest.mark.parametrize(("term", "is_regex"), [(r"\bjwt[- ]auth\b", True), ("(?:sso|saml) login", True), ("[^.]{0,40}", True), ("c++", False), ("node.js", False), ("ci/cd", False)])
def test_regex_syntax_is_recognised(term, is_regex):
    """The check below tells a regular expression from a plain term with punctuation."""
    assert bool(REGEX_SYNTAX.search(term)) is is_regex


def test_plain_terms_hold_no_regex_syntax():
    """A regular expression written under ``keywords`` or ``negative`` would be matched as words, never as a pattern: it belongs under ``patterns`` or ``negative_patterns``."""
    misplaced = [
        f"{Path(term.source).name}:{term.line}: {term.kind}: {term.text}"
        for rule in load_rules().rules.values()
        for term in rule.terms.values()
        if term.kind in ("keywords", "negative") and REGEX_SYNTAX.search(term.text)
    ]
    assert not misplaced, misplaced


def test_no_keyword_is_a_form_another_term_of_its_tag_already_matches():
    """A keyword that another term of its tag matches already (its plural or glued form, ``key bindings`` beside ``key binding``) at no less weight in any section adds nothing but a second count of its repeats."""
    repeated = []
    for rule in load_rules().rules.values():
        words = [term for term in rule.terms.values() if term.kind in ("keywords", "fuzzy")]
        matched_by = defaultdict(list)
        for other in words:
            for form in () if other.exact else variants(other.text)[1:]:
                matched_by[form].append(other)
        for term in words:
            covering = [other for other in matched_by[tuple(tokens(term.text))] if other.text != term.text]
            if term.kind == "keywords" and any(all(other.weight_in(section) >= term.weight_in(section) for section in SECTION_KINDS) for other in covering):
                repeated.append(f"{Path(term.source).name}:{term.line}: {term.text!r} is a form of {covering[0].text!r}")
    assert not repeated, repeated


def test_no_term_counts_for_and_against_its_tag_in_one_section():
    """A term that is a keyword and a negative of one rule in the same section kind is two weights where one says it
    (android emulator: 1 and -1 cancelled exactly); a term may count for its tag in one section and against it in another."""
    both = []
    for rule in load_rules().rules.values():
        negatives = {term.text: term for term in rule.terms.values() if term.kind == "negative"}
        for term in rule.terms.values():
            against = negatives.get(term.text) if term.kind == "keywords" else None
            if against and any(term.weight_in(section) and against.weight_in(section) for section in SECTION_KINDS):
                both.append(f"{Path(term.source).name}:{term.line} and {against.line}: {term.text!r}")
    assert not both, both


def test_each_template_opening_takes_out_a_line_that_begins_with_it_and_none_is_listed_twice():
    """Like codespell's data check: every opening of rules/boilerplate.yaml fires on a list item that is it and, if it is long enough, on a paragraph that begins with it."""
    from readme_tag.boilerplate import WHOLE_BELOW, Boilerplate
    from readme_tag.parse import parse_document
    from readme_tag.vocabulary import normalise_term

    ruleset = load_rules()
    openings = ruleset.template_openings
    assert len(ruleset.boilerplate) >= 10 and len(openings) > 150
    assert len({normalise_term(opening) for opening in openings}) == len(openings)
    boilerplate = Boilerplate(openings)
    for opening in openings:
        text = f"# shredder\n\nShreds old log files on a schedule.\n\n{opening} and then some words of ours.\n\n- {opening}\n"
        kept = [piece.text for piece in boilerplate.strip(parse_document(text, "README.md")).pieces]
        ours = [f"{opening} and then some words of ours."] if len(normalise_term(opening).split()) < WHOLE_BELOW else []
        assert kept == ["shredder", "Shreds old log files on a schedule.", *ours], (opening, kept)


def _class_end(pattern: str, at: int) -> int:
    """The index of the ``]`` that closes the character class opening at ``at`` (a ``]`` first in it, or escaped, is a member)."""
    at += 2 if pattern[at + 1 : at + 2] == "^" else 1
    at += 1 if pattern[at : at + 1] == "]" else 0
    while at < len(pattern) and pattern[at] != "]":
        at += 2 if pattern[at] == "\\" else 1
    return at


def _groups(pattern: str) -> list[tuple[int, int]]:
    """The (start, end) of each parenthesized group of a pattern, escapes and character classes passed over."""
    found, open_at, at = [], [], 0
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":
            at = _class_end(pattern, at)
        elif char == "(":
            open_at.append(at)
        elif char == ")" and open_at:
            found.append((open_at.pop(), at))
        at += 1
    return found


def _alternatives(body: str) -> list[str]:
    """A group's top-level alternatives."""
    parts, depth, current, at = [], 0, "", 0
    while at < len(body):
        char = body[at]
        if char in "\\[":
            end = at + 2 if char == "\\" else _class_end(body, at) + 1
            current, at = current + body[at:end], end
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
        at += 1
    return [*parts, current]


_CJK = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""Scripts a ``\\b`` is no use beside, since they run words together (or, Korean, join particles to them): Thai, Chinese, Japanese, Korean."""


def test_no_word_boundary_stands_beside_an_alternative_that_begins_or_ends_with_a_symbol():
    r"""``\b(?:go|\.net)`` never matches " .NET", nor ``(?:c|c#)\b`` "C# ": a ``\b`` there needs a word character on one side.
    Such an edge is written ``(?<!\w)`` or ``(?![\w#+])``. Nor does ``(?:hook|钩子)\b`` match "钩子函数": Chinese and
    Japanese and Thai run words together, so a ``\b`` belongs to the alternatives in other scripts alone."""
    dead = []
    for key, rule in sorted(load_rules().rules.items()):
        for pattern in (term.text for term in rule.terms.values() if term.kind in ("patterns", "negative_patterns")):
            for start, end in _groups(pattern):
                body = pattern[start + 1 : end]
                if body.startswith("?") and not body.startswith("?:"):
                    continue
                options = _alternatives(body.removeprefix("?:"))
                if pattern[max(0, start - 2) : start] == "\\b" and any(o.startswith(("\\.", "#", "\\+")) or _CJK.match(o[:1]) for o in options):
                    dead.append((key, pattern[max(0, start - 2) : end + 1]))
                if pattern[end + 1 : end + 3] == "\\b" and any(o.endswith(("#", "\\+", "\\.")) or _CJK.match(o[-1:]) for o in options):
                    dead.append((key, pattern[start : end + 3]))
    assert not dead
