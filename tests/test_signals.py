"""The signal kinds: the registry finds every kind, each kind fires on a README made for it, the keyword index."""

from __future__ import annotations

import pickle
import pkgutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readme_tag import Tagger
from readme_tag.errors import RuleError
from readme_tag.ruleset.load import RULE_KEYS
from readme_tag.signals import KINDS, Signal, kinds
from readme_tag.signals.code_names import own_names
from readme_tag.signals.keyword_index import KeywordIndex
from readme_tag.signals.kinds.signatures import SIGNATURE
from readme_tag.signals.table import SignalTable

README = """# gizmo

A gizmo for widgets, with a Kubernets operator.

[![PyPI](https://img.shields.io/pypi/v/gizmo.svg)](https://pypi.org/project/gizmo)

See [the docs](https://docs.gizmo.dev/start), or [download it for macOS](https://example.org/dl/Gizmo-2.1.dmg).

```sh
pip install gizmo-extras
gizmo --fast input.txt
```

```python
import numpy
```

```julia
using Gizmo
```

## API

`gizmo.start(options)` starts a gizmo.
"""

FIRES = {
    "keywords": ("widget", "widgets"),
    "fuzzy": ("kubernetes", "kubernets"),
    "negative": ("operator", "operator"),
    "negative_patterns": ("gizmo\\.\\w+\\(", "gizmo.start("),
    "patterns": ("gizmo for \\w+", "gizmo for widgets"),
    "domains": ("gizmo.dev", "gizmo.dev"),
    "links": ("*.dmg", "https://example.org/dl/gizmo-2.1.dmg"),
    "languages": ("julia", "julia"),
    "badges": ("pypi", "pypi"),
    "imports": ("numpy", "numpy"),
    "packages": ("gizmo-extras", "gizmo-extras"),
    "commands": ("$name", "gizmo"),
    "signatures": ("api", "gizmo.start(options)"),
}
"""For each kind: a term, and the text it matches in README."""


def test_every_module_of_kinds_registers_one_kind_under_its_name():
    modules = sorted(m.name for m in pkgutil.iter_modules(kinds.__path__))
    assert modules == sorted(KINDS)
    for name, kind in KINDS.items():
        assert kind.name == name and name in RULE_KEYS
        assert {"weight", "only"} <= set(kind.options)


def test_the_table_below_covers_every_kind():
    assert set(FIRES) == set(KINDS)


@pytest.mark.parametrize("kind", sorted(FIRES))
def test_each_kind_fires(kind: str, tmp_path: Path):
    term, matched = FIRES[kind]
    (tmp_path / "probe.yaml").write_text(f"tag: probe\n{kind}:\n  '{term}': 1\n", encoding="utf-8")
    tagger = Tagger([{"id": 1, "name": "probe"}], tmp_path, default_rules=False, cutoff=0)
    evidence = tagger.tag(README, name="README.md").scores["probe"].evidence
    assert [(e.kind, e.term, e.text) for e in evidence][:1] == [(kind, term, matched)]
    assert all(e.value < 0 for e in evidence) == KINDS[kind].negative


@pytest.mark.parametrize(
    "kind, value, message",
    [
        ("patterns", "{weight: 1, exact: true}", "unknown key 'exact'"),
        ("domains", "{weight: 1, exact: true}", "unknown key 'exact'"),
        ("keywords", "{weight: 1, exact: true, titel: 2}", "did you mean 'title'"),
        ("links", "1", "is no glob"),
    ],
)
def test_each_kind_checks_its_own_options(kind: str, value: str, message: str, tmp_path: Path):
    (tmp_path / "probe.yaml").write_text(f"tag: probe\n{kind}:\n  x: {value}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=message):
        Tagger([{"id": 1, "name": "probe"}], tmp_path, default_rules=False)


@pytest.mark.parametrize(
    "text, is_call",
    [
        ("parse(text, [options])", True),
        (".use(fn)", True),
        ("Client::new(url) -> Client", True),
        ("new Queue(name, {concurrency: 2})", True),
        ("strs(to) => Stream", True),
        ("GET /users/:id", False),
        ("npm install gizmo", False),
        ("parse", False),
        ("see parse(text) below", False),
    ],
)
def test_a_signature_is_a_call_and_nothing_else(text: str, is_call: bool):
    assert bool(SIGNATURE.fullmatch(text)) == is_call


def test_keyword_index_finds_every_term_left_to_right():
    index = KeywordIndex()
    index.add(("helm", "chart"), 1)
    index.add(("helm",), 2)
    index.add(("helm", "chart"), 3)
    index.add(("chart", "museum"), 4)
    words = "a helm chart museum and helm".split()
    assert list(index.find(words)) == [(1, 1, (2,)), (1, 2, (1, 3)), (2, 2, (4,)), (5, 1, (2,))]
    assert index.first_words == {"helm", "chart"} and len(index) == 3


def test_keyword_index_without_any_term_present():
    index = KeywordIndex()
    assert list(index.find(["nothing", "here"])) == []
    index.add(("late",), 9)
    assert list(index.find(["too", "late"])) == [(1, 1, (9,))]
    assert list(index.find(["too", "late"], present=set())) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from("abc"), min_size=1, max_size=3), max_size=12), st.lists(st.sampled_from("abcd"), max_size=8))
def test_keyword_index_finds_what_a_plain_scan_finds(terms: list, words: list):
    """Whatever the order terms are added in (a term, then a longer one through it, or the other way), find answers as a scan of every span."""
    index = KeywordIndex()
    for value, term in enumerate(terms):
        index.add(tuple(term), value)
    expected = []
    for start in range(len(words)):
        for size in range(1, len(words) - start + 1):
            values = tuple(value for value, term in enumerate(terms) if term == words[start : start + size])
            if values:
                expected.append((start, size, values))
    assert list(index.find(words)) == expected
    assert len(index) == len({tuple(term) for term in terms})
    copy = pickle.loads(pickle.dumps(index))  # as the compiled-rules cache keeps it: followers read when first met
    assert list(copy.find(words)) == expected and list(copy.find(words)) == expected and len(copy) == len(index)


def test_a_pickled_keyword_index_takes_more_terms():
    index = KeywordIndex()
    index.add(("helm", "chart"), 1)
    copy = pickle.loads(pickle.dumps(index))
    copy.add(("helm", "chart", "museum"), 2)
    copy.add(("helm",), 3)
    assert list(copy.find("a helm chart museum".split())) == [(1, 1, (3,)), (1, 2, (1,)), (1, 3, (2,))]
    assert copy.first_words == {"helm"} and len(copy) == 3


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(Signal, st.integers(0, 70_000), st.sampled_from(sorted(KINDS)), st.text(max_size=12), st.sampled_from(["a.yaml", "b.yaml", "<cli>"]), st.integers(0, 2**31), st.booleans()),
        max_size=20,
    )
)
def test_the_signal_table_gives_back_each_signal_also_after_pickling(signals: list):
    """The columns keep every field of every signal, in order, through the compiled-rules cache."""
    table = SignalTable(signals)
    for copy in (table, pickle.loads(pickle.dumps(table))):
        assert len(copy) == len(signals) and [copy[number] for number in range(len(signals))] == signals


FUZZY_TERMS = ("kubernetes", "terraform", "kotlin", "bitcoin", "rust")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FUZZY_TERMS), st.lists(st.tuples(st.integers(0, 12), st.sampled_from("abeiknorstu"), st.booleans()), max_size=3))
def test_the_fuzzy_prefilter_never_hides_a_misspelling(term: str, edits: list):
    """Words are looked up in rapidfuzz only when they could be close; every misspelling rapidfuzz accepts passes."""
    from rapidfuzz import fuzz, process

    from readme_tag.ruleset.model import Scoring
    from readme_tag.signals.words import WordIndex

    word = term
    for at, letter, insert in edits:  # insert a letter, or replace one
        at = min(at, len(word))
        word = word[:at] + letter + word[at + (0 if insert else 1) :]
    index = WordIndex(Scoring({}, {}, fuzzy_score=80))
    for signal, key in enumerate(FUZZY_TERMS):
        index.add_fuzzy(signal, key)
    best = process.extractOne(word, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=index.fuzzy_score)
    expected = best[2] if best is not None and best[0][0] == word[0] else -1
    assert index._closest(word) == expected
    assert index._could_be_close(word) or expected < 0
    shapes = index._shapes()
    assert shapes is not None and ((word[0], len(word)) in shapes or expected < 0)


@pytest.mark.parametrize(
    "title, names",
    [
        ("Witty Pi 5 Python Driver", {"witty", "wittypi", "witty-pi", "wittypi5", "witty-pi-5"}),
        ("Welcome to deFit", {"defit"}),
        ("The Gizmo tool", {"gizmo", "gizmotool", "gizmo-tool"}),
        ("Foo (foo-cli)", {"foo", "cli"}),
        ("go-yaml", {"yaml", "goyaml", "go-yaml"}),  # an ecosystem's prefix: `go build` is not the project's own command
        ("node-fetch", {"fetch", "nodefetch", "node-fetch"}),
        ("Go", {"go"}),
    ],
)
def test_own_names_come_from_the_title_and_its_first_words(title, names):
    assert own_names(title) == names
