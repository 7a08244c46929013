"""Property-based tests: any Markdown, HTML, AsciiDoc, Org, RDoc, POD, Textile or bytes gives valid, bounded, deterministic output."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from readme_tag import Tagger
from readme_tag.decide.decision import decide, highest_confidence
from readme_tag.decide.scores import TagScore, score_hits
from readme_tag.errors import InputError
from readme_tag.match import Matcher
from readme_tag.output import result_dict, to_json
from readme_tag.parse import parse_document
from readme_tag.reader import decode_bytes
from readme_tag.ruleset.bind import bind
from readme_tag.ruleset.files import read_rule_sources
from readme_tag.ruleset.load import load_rules
from readme_tag.ruleset.taxonomy import Taxonomy

TAGGER = Tagger()
FRESH = Tagger(default_rules=True)
"""A second Tagger, for answers that must not depend on what the first has seen."""
TAXONOMY_ITEMS = [tag.item for tag in Taxonomy.default()]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCABULARY = ["kubernetes", "helm", "pytorch", "neural network", "library", "cli", "database", "react", "game", "terminal", "json", "parser", "api", "docker"]
MARKUP = ["# ", "## ", "- ", "* ", "1. ", "> ", "```", "```python\n", "`", "**", "_", "~~", "|", "| --- |", "---", "===", "\n", "\n\n", "    ", "[", "](", ")", "![", "<", ">", "&amp;", "<!--", "-->"]
MARKUP += ["= ", "== ", "----\n", "|===\n", "++++\n", "image:", "link:", "[source,java]\n", "{name}", "+", "<<"]  # AsciiDoc
MARKUP += ["#+TITLE: ", "#+BEGIN_SRC sh\n", "[[", "]]", ":END:\n", "=head1 ", "=item ", "C<", "{x}[", "h1. ", "bc.. ", '"a":', "!"]  # Org, POD, RDoc, Textile
HTML = [
    '<div align="center">',
    "</div>",
    "<h1>",
    "</h1>",
    "<p>",
    "</p>",
    '<a href="https://x.io">',
    "</a>",
    '<img src="https://img.shields.io/badge/a-b-c" alt="b">',
    "<details><summary>",
    "</summary>",
    '<video src="v.mp4">',
    "<br>",
    "<script>",
    "</script>",
    "<pre>",
    "</pre>",
]

markdown = st.lists(st.one_of(st.sampled_from(MARKUP + HTML + VOCABULARY), st.text(max_size=20)), max_size=80).map("".join)


def check(result_text: str, max_tags: int = 3) -> list:
    data = json.loads(result_text)
    assert set(data) == {"id", "tags"}
    assert len(data["tags"]) <= max_tags
    assert all(tag in TAXONOMY_ITEMS for tag in data["tags"])
    return data["tags"]


@SETTINGS
@given(markdown, st.sampled_from(["README.md", "README.rst", "README.txt", "README.adoc", "README.org", "README.rdoc", "README.pod", "README.textile", "README.mediawiki", "README.creole", ""]))
def test_any_markup_gives_valid_bounded_output(text, name):
    check(to_json(result_dict(TAGGER.tag(text, id="x", name=name))))


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_cleanly(data):
    try:
        source = decode_bytes(data, "x")
    except InputError as exc:
        assert "binary" in str(exc)
        return
    check(to_json(result_dict(TAGGER.tag(source.text, id="x"))))


@SETTINGS
@given(markdown, st.integers(min_value=0, max_value=5))
def test_max_tags_is_respected(text, max_tags):
    TAGGER.max_tags = max_tags
    try:
        check(to_json(result_dict(TAGGER.tag(text))), max_tags)
    finally:
        TAGGER.max_tags = 3


@SETTINGS
@given(markdown)
def test_same_input_same_bytes(text):
    first = to_json(result_dict(TAGGER.tag(text, id="a")))
    assert to_json(result_dict(TAGGER.tag(text, id="a"))) == first
    assert to_json(result_dict(FRESH.tag(text, id="a"))) == first


def matcher_of(ruleset) -> Matcher:
    return Matcher(bind(Taxonomy.default(), ruleset).rules, ruleset.scoring)


def scores_with(matcher: Matcher, text: str) -> dict[int, float]:
    return {tag: item.score for tag, item in score_hits(matcher.match(parse_document(text, "README.md")), matcher).items()}


SOURCES = read_rule_sources()
BASE_MATCHER = TAGGER.matcher
"""The default rules for the default taxonomy, in the files' own order (compiled once: a compile takes seconds)."""


@settings(max_examples=2, deadline=None)
@given(st.randoms(use_true_random=False))
def test_rule_file_order_does_not_change_output(rng: random.Random):
    shuffled = SOURCES[:]
    rng.shuffle(shuffled)
    other = load_rules(sources=shuffled)
    assert BASE_MATCHER.scoring == other.scoring
    matcher = matcher_of(other)
    for text in ("# kube-op\n\nA Kubernetes operator and CLI for Helm charts.\n", "# Net\n\nA PyTorch library of neural network layers.\n"):
        first = scores_with(BASE_MATCHER, text)
        assert first and scores_with(matcher, text) == first


@SETTINGS
@given(
    st.dictionaries(st.integers(0, 20), st.floats(0, 50, allow_nan=False), max_size=8),
    st.floats(0, 0.9),
    st.floats(0, 10),
    st.floats(0, 30),
)
@example({0: 5e-324}, 0.5, 0.0, 0.0)  # a bar that rounds to 0 under the smallest score
def test_confidence_is_between_0_and_one_less_the_relative_bar(scores, relative, cutoff, cap):
    decision = decide({tag: TagScore(tag, score) for tag, score in scores.items()}, 3, cutoff, relative, relative_cutoff_cap=cap)
    best = max(scores.values(), default=0.0)
    assert all(item.score >= max(cutoff, min(relative * best, cap) if cap else relative * best) for item in decision.chosen)
    assert 0.0 <= decision.confidence <= highest_confidence(relative)
