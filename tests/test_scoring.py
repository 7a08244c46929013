"""Scoring and decision: saturation, cutoff, tie-break, max-tags, signals of each kind.

Each test uses its own small taxonomy and rules (and its own scoring.yaml),
so the default rules' tuning cannot change what is tested here.
"""

from __future__ import annotations

import textwrap
import unicodedata
from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.decide.decision import decide
from readme_tag.decide.scores import Evidence, TagScore
from readme_tag.output import explain_dict, explain_text

SCORING = """\
sections: {title: 4, description: 3, heading: 2, badge: 1, body: 1, code: 0.5}
contexts: {license: 0, installation: 0.5}
repeat_decay: 0.5
cutoff: 3
relative_cutoff: 0
max_tags: 3
fuzzy_score: 90
fuzzy_min_length: 6
"""


def make_tagger(tmp_path: Path, rules: dict[str, str], taxonomy: list[str] | None = None, **options) -> Tagger:
    directory = tmp_path / "rules"
    directory.mkdir(exist_ok=True)
    (directory / "scoring.yaml").write_text(SCORING)
    for tag, body in rules.items():
        (directory / f"{tag}.yaml").write_text(f"tag: {tag}\nmode: replace\n" + textwrap.dedent(body))  # the rule is this alone, not the tag's name too
    items = [{"id": i + 1, "name": name} for i, name in enumerate(taxonomy or list(rules))]
    return Tagger(items, directory, default_rules=False, **options)


def test_repeats_saturate_below_one_title_hit(tmp_path):
    tagger = make_tagger(tmp_path, {"alpha": "keywords: {data: 1}\n", "beta": "keywords: {widget: 1}\n"})
    opening = "# Widget\n\nA widget maker for the kitchen and the garden.\n\n## Notes\n\n"
    many = tagger.tag(opening + "Some data here.\n\n" * 20)
    fewer = tagger.tag(opening + "Some data here.\n\n" * 19)
    assert many.scores["alpha"].score < many.scores["beta"].score
    assert many.scores["alpha"].score - fewer.scores["alpha"].score < 0.001
    assert many.scores["alpha"].score < 2


def test_cutoff_and_its_override(tmp_path):
    tagger = make_tagger(tmp_path, {"alpha": "keywords: {gizmo: 1}\n"})
    text = "# Tool\n\nThis paragraph describes the tool in words.\n\n## More\n\nA gizmo, and another gizmo.\n"
    result = tagger.tag(text)
    assert result.names == [] and 0 < result.scores["alpha"].score < 3
    assert make_tagger(tmp_path, {"alpha": "keywords: {gizmo: 1}\n"}, cutoff=1).tag(text).names == ["alpha"]


def test_first_tag_floor_gives_a_weak_readme_its_best_tag_with_no_confidence(tmp_path):
    rules = {"alpha": "keywords: {gizmo: 1}\n", "beta": "keywords: {widget: 0.5}\n"}
    text = "# Tool\n\nThis paragraph describes the tool in words.\n\n## More\n\nA gizmo and a widget.\n"
    assert make_tagger(tmp_path, rules).tag(text).names == []
    (tmp_path / "rules" / "scoring.yaml").write_text(SCORING + "first_tag_floor: 1\n")
    floored = Tagger([{"id": 1, "name": "alpha"}, {"id": 2, "name": "beta"}], tmp_path / "rules", default_rules=False).tag(text)
    assert floored.names == ["alpha"] and floored.confidence == 0
    assert "alpha  score 1  (emitted under the cutoff by the first tag's floor (first_tag_floor), so with confidence 0)" in explain_text(floored)
    (tmp_path / "rules" / "scoring.yaml").write_text(SCORING + "first_tag_floor: 2\n")
    assert Tagger([{"id": 1, "name": "alpha"}], tmp_path / "rules", default_rules=False).tag(text).names == []


def test_the_first_tag_floor_gives_back_no_tag_that_gave_way():
    """Two tags over the cutoff that give way to each other are both left out; the floor took the first back, with a confidence."""
    scores = {0: TagScore(0, 5.0, []), 1: TagScore(1, 4.0, [])}
    cycle = {0: frozenset({1}), 1: frozenset({0})}
    decision = decide(scores, 3, cutoff=3, first_tag_floor=1, gives_way=cycle)
    assert decision.chosen == [] and decision.confidence == 0
    weak = decide({0: TagScore(0, 2.0, [])}, 3, cutoff=3, first_tag_floor=1, gives_way=cycle)
    assert [s.tag for s in weak.chosen] == [0] and weak.confidence == 0  # under the cutoff: the floor as ever


def test_a_tag_on_one_match_outside_the_title_counts_the_single_match_factor_of_it(tmp_path):
    rules = {"alpha": "keywords: {gizmo: 1.5}\n", "beta": "keywords: {widget: 1, sprocket: 1}\n"}
    opening = "# Tool\n\nA gizmo that also turns a widget and a sprocket.\n"
    full = make_tagger(tmp_path, rules).tag(opening)
    assert full.names == ["beta", "alpha"] and full.scores["alpha"].score == 4.5 and full.scores["beta"].score == 6
    (tmp_path / "rules" / "scoring.yaml").write_text(SCORING + "single_match_factor: 0.5\n")
    tagger = Tagger([{"id": 1, "name": "alpha"}, {"id": 2, "name": "beta"}], tmp_path / "rules", default_rules=False)
    halved = tagger.tag(opening)
    assert halved.scores["alpha"].score == 2.25 and [e.value for e in halved.scores["alpha"].evidence] == [2.25]
    assert halved.scores["beta"].score == 6 and halved.names == ["beta"]  # two matches: in full
    in_title = tagger.tag("# Gizmo\n\nA small tool for the kitchen and the garden.\n")
    assert in_title.scores["alpha"].score == 6 and in_title.names == ["alpha"]  # the title: in full


def test_a_tags_share_of_the_intake_scales_its_score_and_shows_in_the_evidence(tmp_path):
    rules = {"alpha": "keywords: {gizmo: 1.5}\n", "beta": "keywords: {widget: 1.5}\n", "gamma": "keywords: {sprocket: 1.5}\n"}
    text = "# Tool\n\nA gizmo, a widget and a sprocket for the kitchen.\n"
    even = make_tagger(tmp_path, rules).tag(text)
    assert [even.scores[name].score for name in ("alpha", "beta", "gamma")] == [4.5, 4.5, 4.5]
    assert even.names == ["alpha", "beta", "gamma"]  # a tie: taxonomy order
    (tmp_path / "rules" / "intake.yaml").write_text("readmes: 20\ntags: {alpha: 1, beta: 12}\n")  # gamma not counted
    tagger = Tagger([{"id": n, "name": name} for n, name in enumerate(rules, 1)], tmp_path / "rules", default_rules=False)
    assert tagger.tag(text).names == even.names  # intake_weight 0 (the default): every factor 1
    (tmp_path / "rules" / "scoring.yaml").write_text(SCORING + "intake_weight: 0.5\nintake_smoothing: 3\n")
    tagger = Tagger([{"id": n, "name": name} for n, name in enumerate(rules, 1)], tmp_path / "rules", default_rules=False)
    weighted = tagger.tag(text)
    # the mean of the file's counts is 6.5: beta x ((12 + 3) / 9.5) ** 0.5, alpha x (4 / 9.5) ** 0.5
    assert weighted.scores["beta"].score == pytest.approx(4.5 * (15 / 9.5) ** 0.5, abs=1e-5)
    assert weighted.scores["alpha"].score == pytest.approx(4.5 * (4 / 9.5) ** 0.5, abs=1e-5)
    assert weighted.scores["gamma"].score == 4.5 and weighted.names == ["beta", "gamma"]
    row = next(e for e in weighted.scores["beta"].evidence if e.kind == "intake")
    assert row.term == "12 of 20 READMEs" and row.source == f"{tmp_path / 'rules' / 'intake.yaml'}:2"
    assert sum(e.value for e in weighted.scores["beta"].evidence) == pytest.approx(weighted.scores["beta"].score, abs=0.002)
    assert not any(e.kind == "intake" for e in weighted.scores["gamma"].evidence)
    assert "intake: 12 of 20 READMEs" in explain_text(weighted)


def test_ties_break_by_taxonomy_order(tmp_path):
    rules = {"alpha": "keywords: {gizmo: 1}\n", "beta": "keywords: {gadget: 1}\n"}
    text = "# Gizmo gadget\n"
    assert make_tagger(tmp_path, rules, ["alpha", "beta"]).tag(text).names == ["alpha", "beta"]
    assert make_tagger(tmp_path, rules, ["beta", "alpha"]).tag(text).names == ["beta", "alpha"]


def test_best_first_and_max_tags(tmp_path):
    rules = {name: f"keywords: {{{word}: {weight}}}\n" for name, word, weight in [("a", "one", 1), ("b", "two", 2), ("c", "three", 3), ("d", "four", 4)]}
    text = "# one two three four\n"
    assert make_tagger(tmp_path, rules).tag(text).names == ["d", "c", "b"]
    assert make_tagger(tmp_path, rules, max_tags=1).tag(text).names == ["d"]
    assert make_tagger(tmp_path, rules, max_tags=0).tag(text).names == []


def test_relative_cutoff_drops_a_far_weaker_tag(tmp_path, monkeypatch):
    rules = {"alpha": "keywords: {gizmo: 10}\n", "beta": "keywords: {gadget: 1}\n"}
    text = "# Gizmo gadget\n"
    assert make_tagger(tmp_path, rules).tag(text).names == ["alpha", "beta"]
    monkeypatch.setattr(__name__ + ".SCORING", SCORING.replace("relative_cutoff: 0", "relative_cutoff: 0.2"))
    assert make_tagger(tmp_path, rules).tag(text).names == ["alpha"]


def test_the_relative_bar_stops_at_its_cap(tmp_path, monkeypatch):
    rules = {"alpha": "keywords: {gizmo: 10}\n", "beta": "keywords: {gadget: 2}\n", "gamma": "keywords: {doohickey: 1}\n"}
    text = "# Gizmo gadget doohickey\n"  # title x4: alpha 40, beta 8, gamma 4
    relative = SCORING.replace("relative_cutoff: 0", "relative_cutoff: 0.4")
    monkeypatch.setattr(__name__ + ".SCORING", relative)
    assert make_tagger(tmp_path, rules).tag(text).names == ["alpha"]  # the bar is 16
    monkeypatch.setattr(__name__ + ".SCORING", relative + "relative_cutoff_cap: 8\n")
    capped = make_tagger(tmp_path, rules).tag(text)
    assert capped.names == ["alpha", "beta"] and capped.cutoff == 8  # gamma (4) is still below the capped bar
    assert capped.confidence == round((8 - max(8, 0.4 * 8, 4)) / 8, 4) == 0  # beta only just reached the cap


def test_a_third_tag_must_reach_its_own_bar(tmp_path, monkeypatch):
    rules = {name: f"keywords: {{{word}: {weight}}}\n" for name, word, weight in [("a", "one", 1.5), ("b", "two", 1.25), ("c", "three", 1)]}
    text = "# one two three\n"  # title x4: a 6, b 5, c 4
    assert make_tagger(tmp_path, rules).tag(text).names == ["a", "b", "c"]
    base = SCORING
    monkeypatch.setattr(__name__ + ".SCORING", base + "third_tag_cutoff: 4.5\n")
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["a", "b"] and result.near[0].tag.name == "c"
    assert result.confidence == round((5 - 4) / 5, 4)  # b's margin over c, the best left out
    assert make_tagger(tmp_path, rules, max_tags=1).tag(text).names == ["a"]
    monkeypatch.setattr(__name__ + ".SCORING", base + "third_tag_cutoff: 4\n")
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["a", "b", "c"] and result.confidence == 0  # c only just reached its bar


def test_a_later_tag_the_opening_does_not_name_must_reach_its_own_bar(tmp_path, monkeypatch):
    rules = {"alpha": "keywords: {gizmo: 2}\n", "beta": "keywords: {widget: 2}\n", "gamma": "goes_with: [alpha]\nkeywords: {doohickey: 2}\n"}
    body = "# Gizmo\n\nA gizmo for the kitchen and the garden, made to last.\n\n## Parts\n\nIt has a widget. The widget turns.\n"  # alpha 14, beta 3 (2 + 1, body only)
    assert make_tagger(tmp_path, rules).tag(body).names == ["alpha", "beta"]
    monkeypatch.setattr(__name__ + ".SCORING", SCORING + "outside_opening_cutoff: 5\n")
    tagger = make_tagger(tmp_path, rules)
    held = tagger.tag(body)
    assert held.names == ["alpha"] and held.near[0].tag.name == "beta"  # only the body names beta: 3 is under 5
    assert "beta  score 3  (near miss: needs 5 as a later tag that the opening does not name)" in explain_text(held)  # --explain says why
    assert explain_dict(held)["explain"][1]["held"] == "needs 5 as a later tag that the opening does not name"
    opened = tagger.tag(body.replace("made to last", "with a widget"))
    assert opened.names == ["alpha", "beta"] and any(e.section == "description" for e in opened.tags[1].evidence)  # the opening names it: the cutoff is enough
    first = tagger.tag("# Thing\n\nMade to last, for the kitchen and the garden.\n\n## Parts\n\nThe widget turns, the widget stops.\n")
    assert first.names == ["beta"] and first.scores["beta"].score < 5  # only the body names it, but the first tag is never held to it
    strong = tagger.tag(body + "\n## Widget\n\nThe widget, the widget and the widget again.\n")
    beta = strong.scores["beta"].score
    assert strong.names == ["alpha", "beta"] and beta >= 5
    assert strong.confidence == round((beta - 5) / beta, 4)  # its margin is over its own bar, not the cutoff
    assert tagger.tag(body.replace("widget", "doohickey")).names == ["alpha", "gamma"]  # gamma goes with alpha: not held to it


def test_a_later_tag_only_the_opening_names_must_reach_its_own_bar_where_the_rest_is_evidence(tmp_path, monkeypatch):
    rules = {"alpha": "keywords: {gizmo: 2}\n", "beta": "keywords: {widget: 1}\n", "gamma": "goes_with: [alpha]\nkeywords: {doohickey: 1}\n"}
    text = "# Gizmo\n\nA gizmo for widget makers, made to last.\n\n## Parts\n\nThe gizmo turns.\n"  # beta 3, in the opening only
    assert make_tagger(tmp_path, rules).tag(text).names == ["alpha", "beta"]
    monkeypatch.setattr(__name__ + ".SCORING", SCORING + "opening_only_cutoff: 8\n")
    tagger = make_tagger(tmp_path, rules)
    held = tagger.tag(text)
    assert held.names == ["alpha"] and held.near[0].tag.name == "beta"  # the rest of the README bears it out nowhere
    assert held.near[0].held == "needs 8 as a later tag that only the opening names"
    assert tagger.tag(text.replace("The gizmo turns.", "The widget turns.")).names == ["alpha", "beta"]  # the body names it too
    assert tagger.tag("# Gizmo\n\nA gizmo for widget makers, made to last.\n").names == ["alpha", "beta"]  # all opening: nothing to bear it out
    assert tagger.tag(text.replace("widget", "doohickey")).names == ["alpha", "gamma"]  # gamma goes with alpha: not held to it
    title = tagger.tag("# Widget\n\nMade to last, for the kitchen and the garden.\n\n## Parts\n\nThe gizmo turns, the gizmo stops.\n")
    assert title.names[0] == "beta"  # the first tag is never held to it


def test_a_tag_that_goes_with_a_held_tag_is_held_as_any_other():
    body = [Evidence("keywords", "x", "body", 5, "x", 1.0, "")]
    opening = [Evidence("keywords", "y", "title", 1, "y", 1.0, "")]
    scores = {1: TagScore(1, 20.0, opening), 2: TagScore(2, 4.5, body), 3: TagScore(3, 4.2, body)}  # 3 goes with 2
    held = decide(scores, 3, 3.0, third_tag_cutoff=4.0, goes_with={3: frozenset({2})}, outside_opening_cutoff=5.0)
    assert [s.tag for s in held.chosen] == [1] and set(held.held) == {2, 3}  # 2 is held, so 3 has no emitted tag to go with
    alone = decide({1: scores[1], 3: scores[3]}, 3, 3.0, goes_with={3: frozenset({1})}, outside_opening_cutoff=5.0)
    assert [s.tag for s in alone.chosen] == [1, 3] and not alone.held  # beside an emitted tag it goes with, it is not held


def test_confidence_measures_each_emitted_tag_against_its_own_bar():
    body = [Evidence("keywords", "x", "body", 5, "x", 1.0, "")]
    opening = [Evidence("keywords", "y", "description", 3, "y", 1.0, "")]
    scores = {1: TagScore(1, 20.0, opening), 2: TagScore(2, 5.6, body), 3: TagScore(3, 4.5, opening)}
    decision = decide(scores, 3, 3.0, third_tag_cutoff=4.0, outside_opening_cutoff=5.0)
    assert [s.tag for s in decision.chosen] == [1, 2, 3]
    assert decision.confidence == round(min((5.6 - 5.0) / 5.6, (4.5 - 4.0) / 4.5), 4) > 0  # not 4.5 against 2's bar of 5


def test_a_tag_gives_way_to_a_more_specific_one_above_the_bar(tmp_path):
    rules = {
        "lib": "gives_way_to: [sdk, outside]\nkeywords: {library: 5}\n",
        "sdk": "keywords: {client: 1}\n",
        "data": "keywords: {tables: 2}\n",
    }
    tagger = make_tagger(tmp_path, rules)  # "outside" is no tag of the taxonomy: left out
    assert tagger.tag("# Library of tables\n").names == ["lib", "data"]
    given_way = tagger.tag("# Library of tables, a client\n")
    assert given_way.names == ["data", "sdk"]
    assert "lib" in [t.tag.name for t in given_way.near] and given_way.scores["lib"].score > given_way.scores["sdk"].score
    assert given_way.scores["lib"].held == "gives way to sdk" and given_way.scores["data"].held is None  # --explain says why
    assert make_tagger(tmp_path, rules, ["lib", "data"]).tag("# Library of tables, a client\n").names == ["lib", "data"]


def test_a_tag_that_gives_way_sets_no_bar_for_the_others():
    scores = {tag: TagScore(tag, score) for tag, score in {1: 20.0, 2: 10.0, 3: 6.0}.items()}  # lib, sdk, data
    kept = decide(scores, 3, 3.0, 0.5, gives_way={1: frozenset({2})})
    assert [s.tag for s in kept.chosen] == [2, 3] and kept.cutoff == 5  # lib gives way to sdk: sdk's bar (5), not lib's (10)
    assert kept.gave_way == {1: 2}
    alone = decide({1: scores[1], 3: scores[3]}, 3, 3.0, 0.5, gives_way={1: frozenset({2})})
    assert [s.tag for s in alone.chosen] == [1] and alone.cutoff == 10  # no sdk above the bar: lib stays and sets it
    assert alone.gave_way == {}


def test_a_companion_at_exactly_the_cutoff_is_let_in_beside_its_anchor():
    anchor = TagScore(1, 16.0)  # the relative bar: 8
    kept = decide({1: anchor, 2: TagScore(2, 3.0)}, 3, 3.0, 0.5, goes_with={2: frozenset({1})})
    assert [s.tag for s in kept.chosen] == [1, 2] and kept.beside == {2: 1}
    short = decide({1: anchor, 2: TagScore(2, 2.99)}, 3, 3.0, 0.5, goes_with={2: frozenset({1})})
    assert [s.tag for s in short.chosen] == [1] and short.beside == {}
    assert short.confidence > 0 and kept.confidence == 0  # let in under the bar the others passed, a companion is no clear case


def test_a_tag_that_gives_way_is_said_to_give_way_to_an_emitted_tag():
    # lib (1) gives way to sdk (2) and client (3), both over the bar; the third tag's bar keeps sdk out, client is emitted
    scores = {tag: TagScore(tag, score) for tag, score in {1: 20.0, 4: 18.0, 3: 16.0, 2: 12.0}.items()}
    decision = decide(scores, 3, 3.0, 0.5, gives_way={1: frozenset({2, 3})}, third_tag_cutoff=13.0)
    assert [s.tag for s in decision.chosen] == [4, 3] and decision.gave_way == {1: 3}  # not sdk, which was not emitted
    alone = decide(scores, 2, 3.0, 0.5, gives_way={1: frozenset({2})})
    assert [s.tag for s in alone.chosen] == [4, 3] and alone.gave_way == {1: 2}  # none emitted: the best over the bar
    opening = [Evidence("keywords", "x", "description", 3, "x", 1.0, "")]
    body = [Evidence("keywords", "x", "body", 9, "x", 1.0, "")]
    placed = {1: TagScore(1, 20.0, opening), 4: TagScore(4, 18.0, opening), 3: TagScore(3, 16.0, body), 2: TagScore(2, 12.0, opening)}
    held = decide(placed, 3, 3.0, 0.5, gives_way={1: frozenset({2, 3})}, outside_opening_cutoff=17.0)
    assert [s.tag for s in held.chosen] == [4, 2] and held.gave_way == {1: 2}  # client (3), the better, is held: sdk is named


def test_a_tag_that_gives_way_to_a_companion_is_no_anchor_either():
    # ui (1) gives way to web-app (4), let in beside chat (2); frontend (3) goes with ui: with ui left out, it is not let in
    scores = {1: TagScore(1, 20.0), 2: TagScore(2, 12.0), 3: TagScore(3, 6.0), 4: TagScore(4, 4.0)}
    relations = {"gives_way": {1: frozenset({4})}, "goes_with": {3: frozenset({1}), 4: frozenset({2})}}
    decision = decide(scores, 3, 3.0, 0.45, relative_cutoff_cap=8.0, companion_cutoff=2.25, **relations)
    assert [s.tag for s in decision.chosen] == [2, 4] and decision.beside == {4: 2} and decision.gave_way == {1: 4}


def test_a_tag_that_gives_way_to_one_that_gives_way_in_its_turn_keeps_its_companion():
    # 1 gives way to 2, 2 to 3, 3 to 4 (a companion of 1); 5 goes with 3: with 1 left out, 4 is not let in, so 3 stays with 5
    scores = {tag: TagScore(tag, score) for tag, score in {1: 20.0, 2: 18.0, 3: 16.0, 4: 6.0, 5: 6.0}.items()}
    relations = {"gives_way": {1: frozenset({2}), 2: frozenset({3}), 3: frozenset({4})}, "goes_with": {4: frozenset({1}), 5: frozenset({3})}}
    decision = decide(scores, 3, 10.0, 0.0, companion_cutoff=3.0, **relations)
    assert [s.tag for s in decision.chosen] == [3, 5] and decision.beside == {5: 3}


def test_a_tag_that_gives_way_is_no_anchor_for_a_companion():
    # ui (1) gives way to web-app (2); frontend (3) goes with ui: beside a tag that is left out, it needs the bar itself
    scores = {1: TagScore(1, 20.0), 2: TagScore(2, 12.0), 3: TagScore(3, 4.0)}
    decision = decide(scores, 3, 3.0, 0.5, gives_way={1: frozenset({2})}, goes_with={3: frozenset({1})})
    assert [s.tag for s in decision.chosen] == [2] and decision.beside == {}
    kept = decide({1: scores[1], 3: scores[3]}, 3, 3.0, 0.5, gives_way={1: frozenset({2})}, goes_with={3: frozenset({1})})
    assert [s.tag for s in kept.chosen] == [1, 3] and kept.beside == {3: 1}  # no web-app: ui stays, frontend beside it


def test_three_near_misses_are_kept_for_explain():
    scores = {tag: TagScore(tag, score) for tag, score in {1: 20.0, 2: 9.0, 3: 8.0, 4: 7.0, 5: 6.0}.items()}
    decision = decide(scores, 1, 3.0)
    assert [s.tag for s in decision.chosen] == [1] and [s.tag for s in decision.near] == [2, 3, 4]


def test_a_tag_that_goes_with_another_needs_only_the_cutoff_beside_it(tmp_path, monkeypatch):
    rules = {
        "web-app": "goes_with: [crm, outside]\nkeywords: {dashboard: 1}\n",
        "crm": "keywords: {leads: 4}\n",
        "data": "keywords: {records: 4}\n",
    }
    monkeypatch.setattr(__name__ + ".SCORING", SCORING.replace("relative_cutoff: 0", "relative_cutoff: 0.5"))
    tagger = make_tagger(tmp_path, rules)  # title x4: crm and data 16 (bar 8), web-app 4
    beside = tagger.tag("# Leads dashboard\n")
    assert beside.names == ["crm", "web-app"] and beside.cutoff == 8
    assert tagger.tag("# Records dashboard\n").names == ["data"]  # data is not one it goes with: the relative bar holds
    body_only = "# Leads\n\nKeeps every lead of a sales team in one place.\n\nIt has a dashboard.\n"
    assert tagger.tag(body_only).names == ["crm"]  # beside it, web-app still needs the cutoff (3): 1 in the body falls short
    unrelated = make_tagger(tmp_path, rules, ["web-app", "data"])  # crm not in the taxonomy: nothing to go with
    assert unrelated.tag("# Records dashboard\n").names == ["data"]


def test_beside_a_tag_it_goes_with_a_tag_needs_the_companion_fraction_of_the_cutoff(tmp_path, monkeypatch):
    rules = {"web-app": "goes_with: [crm]\nkeywords: {dashboard: 1}\n", "crm": "keywords: {leads: 4}\n", "data": "keywords: {records: 4}\n"}
    text = "# Leads\n\nKeeps every lead of a sales team in one place.\n\n## Dashboard\n"  # crm 16, web-app 2 (a heading)
    assert make_tagger(tmp_path, rules).tag(text).names == ["crm"]  # 2 is under the cutoff (3)
    monkeypatch.setattr(__name__ + ".SCORING", SCORING + "companion_cutoff_factor: 0.5\n")
    beside = make_tagger(tmp_path, rules).tag(text)
    assert beside.names == ["crm", "web-app"] and beside.confidence == 0  # 2 reaches half the cutoff, under the bar: no confidence
    assert [t.beside for t in beside.tags] == [None, "crm"]  # --explain says why a tag under the bar is in
    assert "web-app  score 2  (emitted beside crm, which it goes with)" in explain_text(beside)
    assert explain_dict(beside)["explain"][1]["beside"] == "crm"
    assert make_tagger(tmp_path, rules).tag(text.replace("Leads", "Records")).names == ["data"]  # data is no anchor for it
    assert make_tagger(tmp_path, rules, cutoff=3).tag(text).names == ["crm"]  # an explicit cutoff is kept strictly


def test_negative_terms_lower_the_score(tmp_path):
    rules = {"game": "keywords: {game: 2}\nnegative: {game engine: 2}\n"}
    assert make_tagger(tmp_path, rules).tag("# A puzzle game\n").names == ["game"]
    assert make_tagger(tmp_path, rules).tag("# A game engine\n").names == []


def test_two_terms_of_one_tag_on_the_same_words_count_once(tmp_path):
    rules = {"data": "keywords: {dataset: 1, data set: 0.5, datasets: 2}\n", "ml": "keywords: {dataset: 0.25}\n"}
    tagger = make_tagger(tmp_path, rules)
    opening = "# Notes\n\nSome prose about nothing in particular.\n\n## Files\n\n"
    assert tagger.tag(opening + "One dataset.\n").scores["data"].score == 1  # not also "data set" glued
    assert tagger.tag(opening + "Two datasets.\n").scores["data"].score == 2  # the heaviest: not also dataset's and data set's plurals
    assert tagger.tag(opening + "One dataset.\n").scores["ml"].score == 0.25  # another tag's term on the same words counts for that tag
    assert tagger.tag(opening + "A dataset and a dataset.\n").scores["data"].score == 1.5  # a term's repeats still count, with their decay


def test_a_title_and_its_camelcase_words_are_one_title_whose_match_counts_once(tmp_path):
    tagger = make_tagger(tmp_path, {"testing": "patterns:\n  'fuzz(?:ing)?\\b': 3\n"})
    joined = tagger.tag("# TheFuzz\n\nStrings, matched.\n").scores["testing"].evidence
    assert [(e.section, e.text, e.value) for e in joined] == [("title", "Fuzz", 12.0)]  # "TheFuzz" and its words "The Fuzz"
    twice = tagger.tag("# Fuzz and fuzzing\n\nStrings, matched.\n").scores["testing"].evidence
    assert [(e.section, e.text) for e in twice] == [("title", "Fuzz"), ("title", "fuzzing")]  # two words, two matches
    words = make_tagger(tmp_path, {"emulator": "keywords: {emulator: 1}\n"})
    repeated = words.tag("# Emulator: a Game Boy emulator\n\nPlays old cartridges.\n").scores["emulator"].evidence
    assert [(e.section, e.value) for e in repeated] == [("title", 4.0), ("title", 2.0)]  # a term's repeat in the title itself
    named = words.tag("# NesEmulator: an emulator\n\nPlays old cartridges.\n").scores["emulator"].evidence
    assert [(e.section, e.value) for e in named] == [("title", 4.0)]  # "an emulator" here, and "Nes Emulator" its name read as words
    engine = make_tagger(tmp_path, {"engine": "keywords: {game engine: 1}\n"}).tag("# GameEngine\n\nRenders sprites.\n").scores["engine"].evidence
    assert [(e.section, e.value) for e in engine] == [("title", 4.0)]  # "gameengine" glued, and "Game Engine" its words: one name


def test_a_misspelling_as_close_to_two_fuzzy_terms_counts_for_the_tag_first_in_the_taxonomy_in_any_order(tmp_path):
    rules = {"alpha": "fuzzy: {abcdefghijkl: 1}\n", "beta": "fuzzy: {abcdefghijkm: 1}\n"}
    text = "# notes\n\nThe abcdefghijkn is here.\n"  # 11 of 12 letters shared with each
    for order in (["alpha", "beta"], ["beta", "alpha"], ["alpha", "beta"]):  # the second and third: the first's compilation, renumbered
        scores = make_tagger(tmp_path, rules, order).tag(text).scores
        assert list(scores) == [order[0]] and scores[order[0]].evidence[0].text == "abcdefghijkn"


def test_terms_inside_one_cjk_phrase_count_once_at_the_heaviest(tmp_path):
    rules = {"learn": "keywords: {练习: 1, 习题: 2, 练习题: 1.5}\nnegative: {题库: 1, 练习题库: 0.5}\n", "quiz": "keywords: {练习: 0.25}\n"}
    tagger = make_tagger(tmp_path, rules)
    opening = "# Notes\n\nSome prose about nothing in particular.\n\n## Files\n\n"
    assert tagger.tag(opening + "数学练习题\n").scores["learn"].score == 2  # 习题 alone, not also 练习 and 练习题
    assert tagger.tag(opening + "数学练习题和英语练习\n").scores["learn"].score == 3  # 练习 elsewhere in the piece counts
    assert tagger.tag(opening + "数学练习题\n").scores["quiz"].score == 0.25  # another tag's term on the same characters counts for that tag
    assert tagger.tag(opening + "数学练习题库\n").scores["learn"].score == 1  # negatives too: 题库 once, not also 练习题库
    assert tagger.tag(opening + "data practice data\n").scores == {}  # words, not characters: no phrase to share


def test_evidence_shows_a_term_matched_in_characters_as_it_was_written(tmp_path):
    rules = {"data": "keywords: {数据集: 2, 데이터: 1, open data: 1}\n"}
    text = "# 数据集\n\n한국어 데이터 모음, Open  Data.\n"
    result = make_tagger(tmp_path, rules).tag(text)
    shown = {e.text for e in result.scores["data"].evidence}
    assert shown == {"数据集", "데이터", "open data"}  # not 数 据 集 or 데 이 터; words of other scripts as before
    rows = [line for line in explain_text(result).splitlines() if "keywords:" in line]
    starts = {sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in row[: row.index("'")]) for row in rows}
    assert len(rows) == 3 and len(starts) == 1  # the matched text starts in one column on a terminal, after terms in wide characters too


def test_terms_nested_in_a_heavier_term_of_the_opening_count_a_fraction(tmp_path, monkeypatch):
    rules = {"react": "keywords: {react: 1, react hook: 2}\n", "ui": "keywords: {react: 0.5}\n"}
    monkeypatch.setattr(__name__ + ".SCORING", SCORING + "nested_term_factor: 0.5\n")
    tagger = make_tagger(tmp_path, rules)
    assert tagger.tag("# Hooked\n\nA react hook for forms.\n").scores["react"].score == 7.5  # description x3: react hook 6, react inside it 3 x 0.5
    assert tagger.tag("# Hooked\n\nA react hook for forms.\n").scores["ui"].score == 1.5  # another tag's term on the same words counts in full
    assert tagger.tag("# Hooked\n\nA react hook. Uses react.\n").scores["react"].score == 6 + 3 + 0.75  # the other "react" in full, the nested one after it with its decay
    body = "# Hooked\n\nSome prose about nothing in particular.\n\n## Files\n\nA react hook for forms.\n"
    assert tagger.tag(body).scores["react"].score == 2 + 1  # in the body both count in full
    monkeypatch.undo()
    assert make_tagger(tmp_path, rules).tag("# Hooked\n\nA react hook for forms.\n").scores["react"].score == 9  # off by default


def test_only_limits_a_term_to_sections(tmp_path):
    rules = {"lib": "keywords: {library: {weight: 2, only: [title, description]}}\n"}
    assert make_tagger(tmp_path, rules).tag("# A library for dates\n").names == ["lib"]
    result = make_tagger(tmp_path, rules).tag("# Dates\n\nParse and format dates in many calendars.\n\n## Notes\n\nWe use a library and a library.\n")
    assert "lib" not in result.scores


def test_per_section_weights(tmp_path):
    rules = {"db": "keywords: {database: {weight: 0.5, title: 2}}\n"}
    assert make_tagger(tmp_path, rules).tag("# A database\n").scores["db"].score == 8
    body = make_tagger(tmp_path, rules).tag("# Notes\n\nSome prose about nothing in particular.\n\n## Storage\n\nIt has a database.\n")
    assert body.scores["db"].score == 0.5


def test_heading_context_lowers_what_stands_under_it(tmp_path):
    rules = {"alpha": "keywords: {gizmo: 3}\n"}
    assert make_tagger(tmp_path, rules).tag("# T\n\n## Notes\n\ngizmo\n").names == ["alpha"]
    assert make_tagger(tmp_path, rules).tag("# T\n\n## License\n\ngizmo\n").names == []
    assert make_tagger(tmp_path, rules).tag("# T\n\n## Installation\n\ngizmo\n").scores["alpha"].score == 1.5


def test_separator_plural_and_glued_variants(tmp_path):
    rules = {"rt": "keywords: {real-time: 3}\n"}
    for text in ("# Real time chat\n", "# realtime chat\n", "# Real_Time chat\n", "# Real-times\n"):
        assert make_tagger(tmp_path, rules).tag(text).names == ["rt"], text
    assert make_tagger(tmp_path, rules).tag("# Unreal timing\n").names == []


def test_chinese_terms_match_within_unspaced_text(tmp_path):
    rules = {"frontend": "keywords: {前端: 3}\n"}
    assert make_tagger(tmp_path, rules).tag("# 这是一个前端框架\n").names == ["frontend"]


def test_thai_terms_match_inside_a_run_without_spaces(tmp_path):
    rules = {"game": "keywords: {เกม: 3}\n"}
    assert make_tagger(tmp_path, rules).tag("# โปรเจกต์เกมหมากรุก\n").names == ["game"]


def test_korean_terms_match_with_a_particle_attached(tmp_path):
    rules = {"game": "keywords: {게임: 3}\n"}
    assert make_tagger(tmp_path, rules).tag("# 게임을 만드는 도구\n").names == ["game"]


def test_exact_terms_have_no_variants(tmp_path):
    rules = {"http": "keywords: {http: {weight: 3, exact: true}}\n"}
    assert make_tagger(tmp_path, rules).tag("# An HTTP toolkit\n").names == ["http"]
    assert make_tagger(tmp_path, rules).tag("# Serve over https\n").names == []


def test_fuzzy_terms_match_misspellings_but_not_short_or_distant_words(tmp_path):
    rules = {"k8s": "fuzzy: {kubernetes: 3}\n"}
    assert make_tagger(tmp_path, rules).tag("# Kubernets helper\n").names == ["k8s"]
    assert make_tagger(tmp_path, rules).tag("# Kubernetes helper\n").names == ["k8s"]
    assert make_tagger(tmp_path, rules).tag("# Cabernet reviews\n").names == []


def test_link_domains_badges_and_code_signals(tmp_path):
    rules = {
        "ai": "domains: {huggingface.co: 3}\n",
        "rust": "badges: {crates: 3}\n",
        "torch": "imports: {torch: 6}\n",
        "pkg": "packages: {requests: 6}\n",
        "kube": "commands: {kubectl: 6}\n",
    }
    text = textwrap.dedent(
        """\
        # Thing

        [![Crates.io](https://img.shields.io/crates/v/thing.svg)](https://crates.io/crates/thing)
        See the [model](https://huggingface.co/org/model).

        ```python
        import torch.nn as nn
        ```

        ```sh
        $ pip install -U "requests[socks]>=2.0"
        $ sudo kubectl apply -f thing.yaml
        ```
        """
    )
    result = make_tagger(tmp_path, rules, max_tags=5).tag(text)
    assert sorted(result.names) == ["ai", "kube", "pkg", "rust", "torch"]
    evidence = {e.kind: (e.section, e.line, e.text) for name in result.names for e in result.scores[name].evidence}
    assert evidence["domains"] == ("body", 4, "huggingface.co")
    assert evidence["badges"] == ("badge", 3, "crates")
    assert evidence["imports"] == ("code", 7, "torch")
    assert evidence["packages"] == ("code", 11, "requests")
    assert evidence["commands"] == ("code", 12, "kubectl")


def test_imports_at_a_julia_prompt(tmp_path):
    text = "# Fit\n\nCurve fitting.\n\n```julia\njulia> using Optim, Plots\n```\n"
    result = make_tagger(tmp_path, {"julian": "imports: {optim: 6}\n"}).tag(text)
    assert result.names == ["julian"] and result.scores["julian"].evidence[0].text == "optim"


def test_own_name_command(tmp_path):
    rules = {"cli": "commands: {$name: 4}\n"}
    text = "# grepper (gp)\n\nSearch files fast.\n\n```sh\n$ gp -i todo src/\ngrepper --help\n```\n"
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["cli"] and [e.text for e in result.scores["cli"].evidence] == ["gp", "grepper"]
    other = make_tagger(tmp_path, rules).tag("# grepper\n\nSearch files fast.\n\n```sh\nnpm test\n```\n")
    assert other.names == []


def test_own_name_package_and_import(tmp_path):
    rules = {"lib": "packages: {$name: 4}\nimports: {$name: 4}\n"}
    text = "# left-pad\n\nPads strings.\n\n```sh\nnpm install left-pad\n```\n\n```js\nconst pad = require('left-pad')\n```\n"
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["lib"] and sorted(e.kind for e in result.scores["lib"].evidence) == ["imports", "packages"]


def test_cmakes_find_package_is_an_import_in_either_case_and_a_find_of_something_else_is_not_the_project(tmp_path):
    rules = {"lib": "imports: {$name: 8}\n", "cv": "imports: {opencv: 8}\n"}
    text = "# tinyranges\n\nRange adaptors for C++.\n\n```cmake\nFIND_PACKAGE( tinyranges 1.2 REQUIRED)\nfind_package(OpenCV)\ntarget_link_libraries(app PRIVATE tinyranges)\n```\n"
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["lib", "cv"] and [(e.text, e.line) for e in result.scores["lib"].evidence] == [("tinyranges", 6)]
    other = make_tagger(tmp_path, rules).tag("# tinyranges\n\nRange adaptors for C++.\n\n```cmake\nfind_package(Boost)\n```\n")
    assert other.names == []


def test_a_go_one_line_import_names_the_package_path_and_its_last_part(tmp_path):
    rules = {"lib": "imports: {$name: 8}\n", "css": "imports: {normalize.css: 8}\n"}
    text = '# retry\n\nRetries calls.\n\n```go\nimport "example.org/x/retry"\n```\n\n```js\nimport "./styles.css"\nimport "normalize.css/normalize.css"\n```\n'
    result = make_tagger(tmp_path, rules).tag(text)
    assert result.names == ["lib", "css"] and [e.text for e in result.scores["lib"].evidence] == ["retry"]


@pytest.mark.parametrize(
    "title, code",
    [
        ("gorp", '```sh\ngo get github.com/go-gorp/gorp/v3\n```\n\n```go\nimport "github.com/go-gorp/gorp/v3"\n```\n'),  # a Go module's major version is not its name
        ("socket.io", '```js\nconst { Server } = require("socket.io");\n```\n'),  # a dotted name is the title's name
    ],
)
def test_the_projects_own_name_is_read_through_version_suffixes_and_dots(tmp_path, title, code):
    rules = {"lib": "imports: {$name: 8}\npackages: {$name: 8}\n"}
    result = make_tagger(tmp_path, rules).tag(f"# {title}\n\nDoes things.\n\n{code}")
    assert result.names == ["lib"] and {e.text for e in result.scores["lib"].evidence} <= {"gorp", "socket.io"}


def test_patterns_report_section_and_line(tmp_path):
    rules = {"gpt": "patterns: {'\\bgpt-?\\d\\b': 3}\n"}
    result = make_tagger(tmp_path, rules).tag("# Chat\n\nA chat client for your team and friends.\n\n## Models\n\nWorks with GPT-4 and gpt3.\n")
    assert result.names == ["gpt"]
    assert [(e.section, e.line, e.text) for e in result.scores["gpt"].evidence] == [("body", 7, "GPT-4"), ("body", 7, "gpt3")]


def test_a_pattern_compiled_with_the_rules_matches_as_one_compiled_from_its_text(tmp_path):
    """Each pattern is kept compiled and pickled; a run with another version of the regex engine compiles it from its text instead."""
    import pickle

    from readme_tag.signals.kinds.patterns import PatternIndex

    rules = {"gpt": "patterns: {'\\bgpt-?\\d\\b': 3}\n"}
    tagger = make_tagger(tmp_path, rules)
    index = next(i for i in tagger.matcher.indexes.values() if isinstance(i, PatternIndex))
    program = pickle.loads(index.patterns[0].program)
    assert program.pattern == index.patterns[0].text and [m.group() for m in program.finditer("GPT-4 and gpt3")] == ["GPT-4", "gpt3"]
    text = "# Chat\n\nA chat client for your team and friends.\n\n## Models\n\nWorks with GPT-4 and gpt3.\n"
    kept = tagger.tag(text)
    index.engine = "0.0"  # as if the installed regex were not the one that pickled the patterns
    compiled = tagger.tag(text)
    assert kept.names == compiled.names == ["gpt"]
    assert [e.text for e in kept.scores["gpt"].evidence] == [e.text for e in compiled.scores["gpt"].evidence] == ["GPT-4", "gpt3"]


def test_a_pattern_runs_only_where_its_sections_hold_a_literal_of_each_part_it_needs(tmp_path):
    rules = {
        "anywhere": "patterns: {'\\bhelm\\s+charts?\\b': 4}\n",
        "also": "patterns: {'\\bhelm\\s+charts?\\b': 4, 'helm\\s+repos?': 4}\n",
        "title": "patterns: {'\\bhelm\\s+charts?\\b': {weight: 4, only: [title]}}\n",
        "both-parts": "patterns: {'\\bhelm\\b.*\\bplugins?\\b': 4}\n",
        "no-literal": "patterns: {'\\w+\\s\\d{3}\\b': 4}\n",
    }
    tagger = make_tagger(tmp_path, rules, max_tags=5)
    body_only = tagger.tag("# Deploy\n\nShips helm charts to any cluster, with 100 presets.\n")
    assert sorted(body_only.names) == ["also", "anywhere", "no-literal"]
    in_title = tagger.tag("# Helm chart plugins\n\nShips them to any cluster.\n")
    assert sorted(in_title.names) == ["also", "anywhere", "both-parts", "title"]


def test_a_pattern_that_opens_with_spaces_is_placed_where_its_text_is(tmp_path):
    """``^\\s*`` takes in the blank lines and pieces before a line: the evidence names the line and the piece of the text matched."""
    tagger = make_tagger(tmp_path, {"py": "patterns: {'(?m)^\\s*from\\s+\\w+\\s+import\\b': 2}\n"})
    text = "# Quarry\n\nA tool for rock layers.\n\n## Use\n\n```python\n\n\nfrom quarry import strata\n```\n"
    [evidence] = tagger.tag(text).scores["py"].evidence
    assert (evidence.section, evidence.line, evidence.text) == ("code", 10, "from quarry import")


def test_rules_for_tags_outside_the_taxonomy_are_skipped(tmp_path):
    tagger = make_tagger(tmp_path, {"alpha": "keywords: {gizmo: 3}\n", "beta": "keywords: {gadget: 3}\n"}, ["alpha"])
    assert tagger.tag("# Gizmo gadget\n").names == ["alpha"]


def test_output_copies_the_taxonomy_item(tmp_path):
    directory = tmp_path / "rules"
    directory.mkdir()
    (directory / "g.yaml").write_text("tag: game-engine\nkeywords: {engine: 3}\n")
    item = {"id": "81", "name": "game-engine ", "extra": [1]}
    result = Tagger([item], directory, default_rules=False).tag("# An engine\n")
    assert result.tags[0].tag.item == item and result.as_dict()["tags"] == [item]  # as given, extra fields and all
    assert result.tags[0].tag.item is not item  # a copy: the caller's item may change after


@pytest.mark.parametrize("order", [["a.yaml", "b.yaml"], ["b.yaml", "a.yaml"]])
def test_scores_do_not_depend_on_rule_file_order(tmp_path, order, monkeypatch):
    rules = {"alpha": "keywords: {gizmo: 1, gadget: 1}\n", "beta": "keywords: {gadget: 2}\n"}
    tagger = make_tagger(tmp_path, rules)
    text = "# gizmo gadget\n\ngadget gizmo gadget\n"
    baseline = {name: item.score for name, item in tagger.tag(text).scores.items()}
    assert set(baseline) == {"alpha", "beta"} and all(baseline.values())  # both tags scored: the comparison has something to compare
    import readme_tag.ruleset.files as rules_module

    original = rules_module.rule_files
    monkeypatch.setattr(rules_module, "rule_files", lambda d: sorted(original(d), key=lambda p: order.index(p.name) if p.name in order else -1, reverse=True))
    again = make_tagger(tmp_path, rules)
    assert {name: item.score for name, item in again.tag(text).scores.items()} == baseline


def test_a_tagger_loaded_from_a_pickle_pickles_again_and_tags_alike(tmp_path):
    """Compiled rules come back from the cache with their signals made lazily; a process may send them on (dask, spawn), unpickled once more."""
    import pickle

    tagger = make_tagger(tmp_path, {"alpha": "keywords: {gizmo: 1}\nnegative: {toy gizmo: 0.5}\n", "beta": "patterns: {'widget \\w+': 1}\n"})
    text = "# Gizmo kit\n\nA gizmo and a widget maker, not a toy gizmo.\n"
    loaded = pickle.loads(pickle.dumps(tagger))
    again = pickle.loads(pickle.dumps(loaded))
    expected = tagger.tag(text)
    assert expected.names
    for copy in (loaded, again):
        result = copy.tag(text)
        assert result.names == expected.names
        assert {name: (s.score, [e.term for e in s.evidence]) for name, s in result.scores.items()} == {name: (s.score, [e.term for e in s.evidence]) for name, s in expected.scores.items()}
