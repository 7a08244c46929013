"""Rule files: schema validation, errors that name file and line, user rules over defaults."""

from __future__ import annotations

import json
import os
import pickle
import textwrap
from pathlib import Path

import pytest

from readme_tag.errors import RuleError
from readme_tag.ruleset import cache, load
from readme_tag.ruleset.load import load_rules

TAGS_JSON = Path(__file__).resolve().parents[1] / "src" / "readme_tag" / "data" / "tags.json"


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_user(directory: Path):
    return load_rules([directory], defaults=False)


def error_of(directory: Path) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_user(directory)
    return info.value


def test_valid_rule_with_every_signal_kind(tmp_path):
    write(
        tmp_path,
        "k8s.yaml",
        """\
        tag: k8s
        about: Kubernetes tooling
        keywords: {helm chart: 3, operator: {weight: 1, only: [title, description]}}
        fuzzy: {kubernetes: 4}
        patterns: {'\\bk8s\\b': 3}
        domains: {kubernetes.io: 2}
        badges: {artifacthub: 1}
        imports: {kubernetes: 2}
        packages: {kubernetes: 2}
        commands: {kubectl: 2}
        negative: {minikube: 1}
        """,
    )
    rule = load_user(tmp_path).rules["k8s"]
    kinds = sorted({term.kind for term in rule.terms.values()})
    assert kinds == ["badges", "commands", "domains", "fuzzy", "imports", "keywords", "negative", "packages", "patterns"]
    operator = next(t for t in rule.terms.values() if t.text == "operator")
    assert operator.only == frozenset({"title", "description"}) and operator.line == 3


def test_the_rule_file_in_readme_loads_with_every_kind_it_names(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = next(block.split("```")[0] for block in readme.split("```yaml\n")[1:] if block.startswith("tag: k8s"))
    (tmp_path / "k8s.yaml").write_text(example, encoding="utf-8")
    rule = load_user(tmp_path).rules["k8s"]
    named = {line.split(":")[0] for line in example.splitlines() if line[:1].isalpha()} - {"tag", "about", "aliases"}
    assert named and {term.kind for term in rule.terms.values()} == named


def test_keys_stay_text_even_when_yaml_would_read_them_otherwise(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\nkeywords:\n  on: 1\n  no: 1\n  3d: 2\n  1.0: 1\n")
    texts = sorted(t.text for t in load_user(tmp_path).rules["x"].terms.values())
    assert texts == ["1.0", "3d", "no", "on"]


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "bad.yaml", "tag: x\nkeywords:\n  a: 1\n   b: [2\n")
    error = error_of(tmp_path)
    assert error.source == str(path) and error.line == 4 and "invalid YAML" in error.message


def test_unknown_key_suggests_the_right_one(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\nkeyword: {a: 1}\n")
    error = error_of(tmp_path)
    assert error.line == 2 and "did you mean 'keywords'" in error.message


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("x.yaml", "tag: x\nkeywords: [a, b]\n", "must be a mapping"),
        ("x.yaml", "tag: x\nkeywords: {a: lots}\n", "must be a number"),
        ("x.yaml", "tag: x\nkeywords: {a: -1}\n", "negative"),
        ("x.yaml", "- tag: x\n", "must be a mapping"),
        ("x.yaml", "tag: 5\n", "'tag' must be a non-empty string"),
        ("x.yaml", "tag: x\nkeywords: {a: {weight: 1, exact: maybe}}\n", "'exact' must be true or false"),
        ("x.yaml", "tag: x\naliases: ml\n", "'aliases' must be a list"),
        ("x.yaml", "tag: x\ngives_way_to: [sdk, 3]\n", "'gives_way_to' must be a list of names"),
        ("x.yaml", "tag: x\ngoes_with: crm\n", "'goes_with' must be a list"),
        # a regular expression under keywords or negative was taken for words, and never matched
        ("x.yaml", "tag: x\nnegative: {'\\blets\\s+students\\b': 1}\n", "never match (they match words): put it under negative_patterns"),
        ("x.yaml", "tag: x\nkeywords: {'(?:web|mobile) app': 1}\n", "put it under patterns"),
        # a pattern given twice in other cases: patterns match case-insensitively, so it counted twice
        ("x.yaml", "tag: x\npatterns: {'\\bSynth\\b': 1, '\\bsynth\\b': 2}\n", "repeats"),
        # entries that could never match: a URL for a domain, a statement for an import
        ("x.yaml", "tag: x\ndomains: {'https://soundcloud.com/': 1}\n", "is no host name"),
        ("x.yaml", "tag: x\nimports: {'import librosa': 1}\n", "is more than a name"),
        ("scoring.yaml", "cutof: 7\n", "did you mean 'cutoff'"),
        ("scoring.yaml", "repeat_decay: 2\n", "from 0 to 1"),
        ("scoring.yaml", "single_match_factor: 1.5\n", "'single_match_factor' must be from 0 to 1"),
        ("scoring.yaml", "companion_cutoff_factor: 2\n", "'companion_cutoff_factor' must be from 0 to 1"),
        ("scoring.yaml", "sections: {titles: 3}\n", "did you mean 'title'"),
        ("scoring.yaml", "max_tags: 2.5\n", "whole number"),
        ("x.yaml", "tag: x\nkeywords: {a: .inf}\n", "'a' must be a finite number, not inf"),
        ("x.yaml", "tag: x\nkeywords: {a: {weight: 1, title: .NaN}}\n", "'a.title' must be a finite number, not nan"),
        ("x.yaml", "tag: x\nkeywords: {a: 1e308}\n", "'a' must be from 0 to"),
        ("x.yaml", "tag: x\nkeywords: {a: 1" + "0" * 400 + "}\n", "'a' must be a finite number, not inf"),  # a whole number past any float
        ("scoring.yaml", "max_tags: 1" + "0" * 5000 + "\n", "a whole number of 5001 digits is too long"),  # past what Python converts
        ("scoring.yaml", "cutoff: .inf\n", "'cutoff' must be a finite number, not inf"),
        ("scoring.yaml", "sections: {title: .nan}\n", "'sections.title' must be a finite number, not nan"),
        ("x.yaml", "tag: x\nkeywords: {a: 1_000}\n", "must be a number"),  # YAML 1.2: text
        ("scoring.yaml", "intake_weight: 2\n", "'intake_weight' must be from 0 to 1"),
        ("scoring.yaml", "intake_smoothing: 0\n", "'intake_smoothing' must be more than 0"),
        ("intake.yaml", "- 3\n", "an intake file must be a mapping"),
        ("x.yaml", "tag: x\nabout: [a, b]\nkeywords: {a: 1}\n", "'about' must be a string"),
        ("x.yaml", "tag: x\nmode: merge\nkeywords: {a: 1}\n", "'mode' must be 'extend' or 'replace'"),
        ("x.yaml", "tag: x\nkeywords: {a: {weight: 1, only: title}}\n", "'only' must be a list of section kinds"),
        ("x.yaml", "tag: x\nkeywords: {'  ': 1}\n", "empty keywords term"),
        ("scoring.yaml", "- 3\n", "a scoring file must be a mapping"),
        ("scoring.yaml", "sections: 3\n", "'sections' must be a mapping of name: number"),
        ("intake.yaml", "readmes: 10\ntags: {'': 1}\n", "empty tag name"),
        ("intake.yaml", "readme: 10\ntags: {ai: 1}\n", "did you mean 'readmes'"),
        ("intake.yaml", "readmes: 0\ntags: {ai: 0}\n", "'readmes' must be at least 1"),
        ("intake.yaml", "readmes: 10.5\ntags: {ai: 1}\n", "'readmes' must be a whole number"),
        ("intake.yaml", "readmes: 10\n", "'tags' must be a mapping of tag: count"),
        ("intake.yaml", "readmes: 10\ntags: {ai: 11}\n", "'tags.ai' must be from 0 to 10 (the READMEs counted), not 11"),
        ("intake.yaml", "readmes: 10\ntags: {ai: -1}\n", "'tags.ai' must be from 0 to 10"),
        ("intake.yaml", "readmes: 10\ntags: {ai: true}\n", "'tags.ai' must be a whole number"),
        ("intake.yaml", "readmes: 10\ntags: {AI: 1, ai: 2}\n", "tag 'ai' is counted twice"),
    ],
)
def test_wrong_types_and_values(tmp_path, name, content, message):
    write(tmp_path, name, content)
    assert message in error_of(tmp_path).message


def test_unknown_section_kind(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\nkeywords:\n  a: {weight: 1, only: [titel]}\n")
    error = error_of(tmp_path)
    assert "did you mean 'title'" in error.message and error.line == 3


def test_duplicate_key_and_duplicate_terms(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\nkeywords:\n  helm: 1\n  helm: 2\n")
    error = error_of(tmp_path)
    assert "duplicate key 'helm'" in error.message and error.line == 4
    write(tmp_path, "x.yaml", "tag: x\nkeywords:\n  Real-Time: 1\n  real time: 2\n")
    assert "repeats" in error_of(tmp_path).message
    write(tmp_path, "x.yaml", "tag: x\nkeywords: {kubernetes: 1}\nfuzzy: {kubernetes: 2}\n")
    assert "repeats keywords 'kubernetes'" in error_of(tmp_path).message


def test_regex_that_does_not_compile(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\npatterns:\n  '\\bfoo(': 1\n")
    error = error_of(tmp_path)
    assert "does not compile" in error.message and error.line == 3
    assert "pattern '\\bfoo('" in error.message  # as the file writes it: one backslash, not Python's repr of two


def test_catastrophic_regex_is_refused(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\npatterns:\n  '(a+)+$': 1\n")
    assert "nested quantifiers" in error_of(tmp_path).message


@pytest.mark.parametrize(
    "pattern, groups",
    [
        (r"\b(?:my|our)\s+(?:[\w\-]+\s+){0,3}(?:os|kernel)\b", [["kernel", "os"], ["my", "our"]]),  # both parts, the more selective first
        (r"a(?:ws|mazon) lambda", [[" lambda"], ["amazon", "aws"]]),  # "a" and "ws|mazon" are implied by "amazon|aws"
        (r"(?=setup)install", [["install"]]),  # a lookahead is outside the match
        (r"(?:docker )?compose", [["compose"]]),  # an optional part is not required
        (r"\w+\s\d+", None),  # nothing literal to wait for
    ],
)
def test_a_pattern_waits_for_one_literal_of_each_part_it_needs(pattern, groups):
    from readme_tag.signals.regex_guard import required_literals

    assert required_literals(pattern) == groups


def test_two_default_rules_for_one_tag_is_an_error(tmp_path, monkeypatch):
    write(tmp_path, "a.yaml", "tag: x\nkeywords: {a: 1}\n")
    write(tmp_path, "b.yaml", "tag: X \nkeywords: {b: 1}\n")
    monkeypatch.setattr("readme_tag.ruleset.files.default_rules_dir", lambda: tmp_path)
    with pytest.raises(RuleError, match="set in two files of one rules directory"):
        load_rules([])


def test_user_rules_extend_by_default_and_can_replace(tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    write(user, "ai.yaml", "tag: ai\nkeywords: {gradient boosting: 3}\n")
    merged = load_rules([user]).rules["ai"]
    texts = {t.text for t in merged.terms.values()}
    assert "gradient boosting" in texts and len(texts) > 1
    write(user, "ai.yaml", "tag: ai\nmode: replace\nkeywords: {gradient boosting: 3}\n")
    assert {t.text for t in load_rules([user]).rules["ai"].terms.values()} == {"gradient boosting"}


def test_rules_laid_over_the_defaults_leave_the_next_load_of_the_defaults_as_it_was(tmp_path):
    """Rule files are parsed once per process: extending a tag changes a copy, never the parsed defaults."""
    rule = load_rules().rules["ai"]
    before = (dict(rule.terms), rule.about, rule.aliases)
    write(tmp_path, "ai.yaml", "tag: ai\nabout: mine\naliases: [ml]\nkeywords: {gradient boosting: 3}\n")
    assert "gradient boosting" in {t.text for t in load_rules([tmp_path]).rules["ai"].terms.values()}
    after = load_rules().rules["ai"]
    assert (after.terms, after.about, after.aliases) == before and len(after.terms) > 100


def test_scoring_file_overrides_only_what_it_sets(tmp_path):
    write(tmp_path, "scoring.yaml", "cutoff: 7\nsections: {code: 0}\n")
    defaults = load_rules([]).scoring
    scoring = load_rules([tmp_path]).scoring
    assert scoring.cutoff == 7 and scoring.sections["code"] == 0
    assert scoring.sections["title"] == defaults.sections["title"]
    assert scoring.repeat_decay == defaults.repeat_decay


def test_a_later_intake_file_replaces_the_earlier_one_whole(tmp_path):
    """Counts come from one labelled set: a user's intake file is not merged into the default one."""
    defaults = load_rules([]).intake
    assert defaults is not None and defaults.counts["web-app"] > 0
    write(tmp_path, "intake.yaml", "readmes: 40\ntags:\n  game: 30\n  AI: 4\n")
    intake = load_rules([tmp_path]).intake
    assert intake is not None and intake.readmes == 40 and intake.counts == {"game": 30, "ai": 4}
    assert intake.source == str(tmp_path / "intake.yaml") and intake.lines == {"game": 3, "ai": 4}


def test_missing_rules_directory(tmp_path):
    with pytest.raises(RuleError, match="rules directory not found"):
        load_rules([tmp_path / "nope"])
    write(tmp_path, "ai.yaml", "tag: ai\n")  # a rule file given for its folder: not "not found"
    with pytest.raises(RuleError, match="is a file, not a rules directory"):
        load_rules([tmp_path / "ai.yaml"])


def test_fingerprint_changes_with_content_and_place(tmp_path):
    from readme_tag.ruleset.files import fingerprint, read_rule_sources

    path = write(tmp_path, "x.yaml", "tag: x\nkeywords: {a: 1}\n")
    first = fingerprint(read_rule_sources([tmp_path], defaults=False))
    written = path.stat()
    write(tmp_path, "x.yaml", "tag: x\nkeywords: {a: 2}\n")
    os.utime(path, ns=(written.st_atime_ns, written.st_mtime_ns))  # an edit within the clock's tick: same size, same time
    assert fingerprint(read_rule_sources([tmp_path], defaults=False)) != first
    (tmp_path / "elsewhere").mkdir()
    write(tmp_path / "elsewhere", "x.yaml", "tag: x\nkeywords: {a: 2}\n")
    assert fingerprint(read_rule_sources([tmp_path / "elsewhere"], defaults=False)) != fingerprint(read_rule_sources([tmp_path], defaults=False))


def test_the_defaults_fingerprint_by_size_and_time_without_reading_a_file(tmp_path, monkeypatch):
    """A run that finds its rules compiled reads none of the shipped rule files (2 MB of YAML); a reinstall gives them new times."""
    from readme_tag.ruleset.files import RuleSource, fingerprint

    path = write(tmp_path, "x.yaml", "tag: x\nkeywords: {a: 1}\n")
    os.utime(path, ns=(1_000, 1_000))
    first = fingerprint([RuleSource(0, path)])
    monkeypatch.setattr(Path, "read_text", lambda *args, **kwargs: pytest.fail("a default rule file was read"))
    assert fingerprint([RuleSource(0, path)]) == first
    os.utime(path, ns=(2_000, 2_000))
    assert fingerprint([RuleSource(0, path)]) != first
    with pytest.raises(RuleError, match="cannot read rule file"):
        fingerprint([RuleSource(0, tmp_path / "gone.yaml")])


@pytest.mark.parametrize(
    "first, second",
    [
        ("tag: ai\nkeywords: {boosting: 2}\n", "tag: ai\nkeywords: {Boosting: 3}\n"),
        ("tag: ai\nmode: replace\nkeywords: {a: 1}\n", "tag: ai\nkeywords: {b: 1}\n"),
        ("tag: ai\nkeywords: {b: 1}\n", "tag: ai\nmode: replace\nkeywords: {a: 1}\n"),
        ("cutoff: 3\n", "cutoff: 4\n"),
        ("readmes: 5\ntags: {ai: 1}\n", "readmes: 5\ntags: {ai: 2}\n"),
    ],
)
def test_files_of_one_directory_may_not_contradict_each_other(tmp_path, first, second):
    """Within one directory the order files are read in must not matter, so conflicts are errors."""
    name = "scoring.yaml" if first.startswith("cutoff") else "intake.yaml" if first.startswith("readmes") else "x.yaml"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a", name, first)
    write(tmp_path / "b", name if name != "x.yaml" else "y.yaml", second)
    with pytest.raises(RuleError, match="set in two files of one rules directory"):
        load_rules([tmp_path])


def test_later_directories_override_earlier_ones(tmp_path):
    for name, weight in (("one", 2), ("two", 5)):
        (tmp_path / name).mkdir()
        write(tmp_path / name, "ai.yaml", f"tag: ai\nkeywords: {{boosting: {weight}}}\n")
    rule = load_rules([tmp_path / "one", tmp_path / "two"]).rules["ai"]
    assert next(t.weight for t in rule.terms.values() if t.text == "boosting") == 5


def test_two_files_extending_one_tag_with_different_terms_combine(tmp_path):
    write(tmp_path, "a.yaml", "tag: ai\nkeywords: {boosting: 2}\n")
    write(tmp_path, "b.yaml", "tag: ai\nkeywords: {bagging: 2}\n")
    texts = {t.text for t in load_rules([tmp_path]).rules["ai"].terms.values()}
    assert {"boosting", "bagging"} <= texts


def test_rule_examples_in_the_readme_are_valid(tmp_path):
    """Every YAML example in README.md that is a rule or scoring file loads."""
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    rules = [b for b in blocks if b.lstrip().startswith(("tag:", "# my-rules/"))]
    assert len(rules) >= 3
    for number, block in enumerate(rules):
        name = "scoring.yaml" if "scoring.yaml" in block.splitlines()[0] else f"rule{number}.yaml"
        directory = tmp_path / str(number)
        directory.mkdir()
        write(directory, name, block)
        load_rules([directory])


def test_numbers_are_read_as_yaml_1_2_reads_them(tmp_path):
    write(tmp_path, "x.yaml", "tag: x\nkeywords: {a: 1e1, b: 012, c: 0x10, d: 0o10, e: -0, f: .5}\n")
    write(tmp_path, "scoring.yaml", "cutoff: 1e308\n")
    ruleset = load_user(tmp_path)
    assert {t.text: t.weight for t in ruleset.rules["x"].terms.values()} == {"a": 10, "b": 12, "c": 16, "d": 8, "e": 0, "f": 0.5}
    assert ruleset.scoring.cutoff == 1e308


def test_an_infinite_weight_never_reaches_the_json(cli, tmp_path):
    write(tmp_path, "x.yaml", "tag: k8s\nkeywords: {operator: .inf}\n")
    (tmp_path / "README.md").write_text("# kube operator\n")
    proc = cli(str(tmp_path / "README.md"), "--rules", str(tmp_path), "--explain", "--format", "json")
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"" and f"{tmp_path / 'x.yaml'}:2: 'operator' must be a finite number" in err


def test_after_one_rule_file_is_edited_a_compile_parses_only_that_file(tmp_path, monkeypatch):
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, "weather.yaml", "tag: weather\nkeywords: {forecast: 2}\n")
    write(rules, "recipes.yaml", "tag: recipes\nkeywords: {ingredients: 2}\n")
    parsed: list[str] = []
    real = load.load_yaml
    monkeypatch.setattr(load, "load_yaml", lambda text, source: parsed.append(Path(source).name) or real(text, source))

    def compile_afresh():
        load._parsed.cache_clear()  # a new process: only the cache on disk remains
        return load_rules([rules], defaults=False)  # the default files are kept the same way (parsing them all takes seconds)

    first = compile_afresh()
    assert sorted(parsed) == ["recipes.yaml", "weather.yaml"]
    parsed.clear()
    write(rules, "weather.yaml", "tag: weather\nkeywords: {forecast: 2, humidity: 1}\n")
    second = compile_afresh()
    assert parsed == ["weather.yaml"]
    assert {t.text for t in second.rules["weather"].terms.values()} == {"forecast", "humidity"}
    assert second.rules["recipes"] == first.rules["recipes"]


def test_a_kept_rule_entry_holding_the_wrong_thing_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    write(tmp_path, "weather.yaml", "tag: weather\nkeywords: {forecast: 2}\n")
    load._parsed.cache_clear()
    first = load_user(tmp_path)
    [entry] = (tmp_path / "cache").glob("rule-*.pickle")
    for junk in ({"not": "a rule"}, ("rule", "extend"), (1,)):
        entry.write_bytes(pickle.dumps(junk))
        load._parsed.cache_clear()
        assert load_user(tmp_path).rules == first.rules
        assert [type(part).__name__ for part in pickle.loads(entry.read_bytes())] == ["TagRule", "str"]


def test_a_strict_run_reuses_the_lenient_compile_and_still_refuses_a_mismatch(tmp_path, monkeypatch):
    """Strictness is checked on the compiled binding, so both kinds of run share one cache entry."""
    from readme_tag import Tagger

    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    write(tmp_path, "weather.yaml", "tag: weather\nkeywords: {forecast: 2}\n")
    taxonomy = [{"id": 1, "name": "weather"}, {"id": 2, "name": "recipes"}]
    assert Tagger(taxonomy, rules=tmp_path, default_rules=False).tag("# Forecast\n\nA forecast tool.\n").names == ["weather"]
    compiles: list[int] = []
    real = load.load_rules
    monkeypatch.setattr(load, "load_rules", lambda *a, **k: compiles.append(1) or real(*a, **k))
    with pytest.raises(RuleError, match=r"no rule for 1 tag\(s\): recipes"):
        Tagger(taxonomy, rules=tmp_path, default_rules=False, strict=True)
    assert compiles == [] and len(list((tmp_path / "cache").glob("compiled-*.pickle"))) == 1
    write(tmp_path, "recipes.yaml", "tag: recipes\nkeywords: {ingredients: 2}\n")
    assert Tagger(taxonomy, rules=tmp_path, default_rules=False, strict=True).tag("# Ingredients\n\nThe ingredients of a soup.\n").names == ["recipes"]
    assert compiles == [1]


def entry_size(value: tuple) -> int:
    """The bytes a cache entry of ``value`` takes."""
    return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def store_aged(tmp_path: Path, keys: list[str], value: tuple, kind: str = "compiled", start: int = 1000) -> None:
    """Store ``value`` under each key, each written a second after the one before (a clock that always moves on)."""
    for age, key in enumerate(keys):
        cache.store(key, value, kind=kind)
        os.utime(tmp_path / f"{kind}-{key}.pickle", (start + age, start + age))


def test_the_cache_keeps_the_entries_used_last_not_only_those_written_last(tmp_path, monkeypatch):
    """The default rules, compiled once and loaded by every run, outlive rule sets compiled after them but not used since."""
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path))
    value = ("x" * 1000,)
    monkeypatch.setattr(cache, "BUDGET", {"compiled": 2 * entry_size(value), "rule": 0})
    store_aged(tmp_path, ["often", "once"], value)
    assert cache.load("often", (str,)) == value
    cache.store("new", value)
    assert sorted(p.name for p in tmp_path.glob("*.pickle")) == ["compiled-new.pickle", "compiled-often.pickle"]


def test_a_burst_of_small_rule_sets_keeps_a_large_one_that_fits_the_budget(tmp_path, monkeypatch):
    """The budget is of bytes, not entries: twenty small compiles after a large one leave it in place, one more large one does not."""
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path))
    large, small = ("x" * 2000,), ("s",)
    monkeypatch.setattr(cache, "BUDGET", {"compiled": entry_size(large) + 20 * entry_size(small), "rule": 0})
    store_aged(tmp_path, ["large"], large)
    store_aged(tmp_path, [f"small{n}" for n in range(20)], small, start=2000)
    assert len(list(tmp_path.glob("compiled-*.pickle"))) == 21
    store_aged(tmp_path, ["next"], large, start=3000)
    assert not (tmp_path / "compiled-large.pickle").exists() and (tmp_path / "compiled-next.pickle").exists()


def test_the_cache_keeps_the_newest_entries_of_each_kind_apart(tmp_path, monkeypatch):
    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path))
    monkeypatch.setattr(cache, "BUDGET", {"compiled": entry_size(("compiled",)), "rule": 2 * entry_size(("rule",))})
    cache.store("c0", ("compiled",))
    store_aged(tmp_path, ["r0", "r1", "r2"], ("rule",), kind="rule")
    assert sorted(p.name for p in tmp_path.glob("*.pickle")) == ["compiled-c0.pickle", "rule-r1.pickle", "rule-r2.pickle"]
    assert cache.load("r2", (str,), kind="rule") == ("rule",) and cache.load("r2", (str,)) is None


@pytest.mark.parametrize("collecting", [True, False])
def test_compiling_and_loading_leave_the_garbage_collector_as_they_found_it(tmp_path, monkeypatch, collecting):
    """Collection is paused while the rules are built or unpickled, and given back as it was, also after a broken entry."""
    import gc

    from readme_tag import Tagger

    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))
    write(tmp_path, "weather.yaml", "tag: weather\nkeywords: {forecast: 2}\n")
    taxonomy = [{"id": 1, "name": "weather"}]
    states = []
    (gc.enable if collecting else gc.disable)()
    try:
        for _ in ("compiled", "loaded"):
            assert Tagger(taxonomy, rules=tmp_path, default_rules=False).tag("# Forecast\n\nA forecast tool.\n").names == ["weather"]
            states.append(gc.isenabled())
        [entry] = (tmp_path / "cache").glob("compiled-*.pickle")
        entry.write_bytes(b"not a pickle")
        assert cache.load(entry.stem.removeprefix("compiled-"), (object,)) is None
        states.append(gc.isenabled())
    finally:
        gc.enable()
    assert states == [collecting] * 3


def test_every_number_of_scoring_is_a_key_a_scoring_file_may_set_with_its_limits():
    """A field added to Scoring and forgotten in the scoring file's keys could never be set; a key without a field would fail."""
    from dataclasses import fields

    from readme_tag.ruleset.load import SCORING_KEYS, SCORING_LIMITS, WHOLE_NUMBERS
    from readme_tag.ruleset.model import Scoring

    assert sorted(SCORING_KEYS) == sorted(field.name for field in fields(Scoring))
    assert set(SCORING_KEYS) - set(SCORING_LIMITS) == {"sections", "contexts"}
    assert sorted(WHOLE_NUMBERS) == sorted(field.name for field in fields(Scoring) if field.type == "int")


def test_a_user_rule_named_otherwise_than_the_rule_it_means_is_a_rule_of_its_own_and_rules_check_says_how_to_extend(tmp_path, cli):
    """``tag: Kubernetes`` is the taxonomy's Kubernetes's own rule, in place of k8s's (a rule file extends the rule it names);
    ``rules check`` names k8s and how to extend it, whether the taxonomy takes the file or leaves it unused."""
    from readme_tag import Tagger

    kubectl, janitor = "# x\n\nA Kubernetes operator, deployed with kubectl and a Helm chart.\n", "# x\n\nA cluster janitor for stale namespaces.\n"
    write(tmp_path, "kubernetes.yaml", "tag: Kubernetes\nkeywords: {cluster janitor: 3}\n")
    own = Tagger(taxonomy=["Kubernetes", "AI"], rules=[tmp_path])
    assert [own.tag(text).names for text in (kubectl, janitor)] == [[], ["Kubernetes"]] and own.binding.stand_ins == {"Kubernetes": "k8s"}
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text('["Kubernetes", "AI"]')
    proc = cli("rules", "check", "--taxonomy", str(taxonomy), "--rules", str(tmp_path))
    assert proc.returncode == 0 and "note: the rule of Kubernetes is your file's alone, in place of k8s's (to extend k8s, write tag: k8s)" in proc.stdout.decode()
    proc = cli("rules", "check", "--rules", str(tmp_path))  # the default taxonomy calls it k8s: the file is unused
    assert proc.returncode == 1 and "unused rule: Kubernetes (not in the taxonomy; to extend the rule k8s, write tag: k8s)" in proc.stdout.decode()
    (tmp_path / "kubernetes.yaml").write_text("tag: k8s\nkeywords: {cluster janitor: 3}\n")
    extended = Tagger(taxonomy=["Kubernetes", "AI"], rules=[tmp_path], strict=True)
    assert [extended.tag(text).names for text in (kubectl, janitor)] == [["Kubernetes"], ["Kubernetes"]] and extended.binding.stand_ins == {}


def test_intake_counts_by_the_taxonomys_own_names_give_their_tags_a_factor(tmp_path):
    """``rules intake --taxonomy`` writes the taxonomy's names (``CLI Tool``), bound to the shipped ``cli``: none is left unused."""
    from readme_tag import Tagger

    write(tmp_path, "intake.yaml", "readmes: 40\ntags:\n  CLI Tool: 30\n  Databases: 2\n")
    tagger = Tagger(taxonomy=["CLI Tool", "Databases"], rules=[tmp_path], strict=True)
    factors = {tagger.taxonomy.tags[index].name: factor.count for index, factor in tagger.binding.intake.items()}
    assert factors == {"CLI Tool": 30, "Databases": 2}


def test_rules_check_says_nothing_of_a_stand_in_where_following_it_would_not_help(tmp_path):
    """Two files of the user's own never stand in for each other, and a rule no tag takes is not offered in place of another."""
    from readme_tag import Tagger

    pair, lone = tmp_path / "pair", tmp_path / "lone"
    for folder in (pair, lone):
        folder.mkdir()
    write(pair, "scraper.yaml", "tag: Web Scraper\nkeywords: {page harvester: 3}\n")
    write(pair, "scrapers.yaml", "tag: Web Scrapers\nkeywords: {page reaper: 3}\n")
    write(lone, "kubernetes.yaml", "tag: Kubernetes\nkeywords: {cluster janitor: 3}\n")
    assert Tagger(taxonomy=["Web Scrapers", "AI"], rules=[pair]).binding.stand_ins == {}
    assert Tagger(taxonomy=["Quantum"], rules=[lone]).binding.stand_ins == {}
    assert Tagger(rules=[lone]).binding.stand_ins == {"Kubernetes": "k8s"}  # the default taxonomy's k8s has the rule


def test_a_taxonomy_of_the_rule_sets_tags_in_another_order_is_every_rules_compilation_renumbered_and_a_subset_its_own(monkeypatch):
    """A stream of prompts whose tag lists order the 90 tags each their own way compiles the rules once: each list is a
    renumbering of that compilation, answering as the list compiled on its own does. Half the tags are compiled on their
    own: the rules left out would still take part in matching misspellings."""
    from dataclasses import replace

    from readme_tag import Tagger
    from readme_tag.compiled import forget
    from readme_tag.match import Matcher
    from readme_tag.output import explain_dict
    from readme_tag.ruleset.bind import bind
    from readme_tag.ruleset.taxonomy import Taxonomy

    Tagger()  # every rule compiled (or loaded from the tests' cache folder)
    forget()  # and no rule set kept loaded in the process by an earlier test: the subset below reads the rule files
    compiles: list[int] = []
    real = load.load_rules
    monkeypatch.setattr(load, "load_rules", lambda *a, **k: compiles.append(1) or real(*a, **k))
    items = json.loads(TAGS_JSON.read_text())[::-1]
    view = Tagger(items)
    assert compiles == []
    ruleset = real()
    binding = bind(Taxonomy(items), ruleset)
    alone = Tagger(items)
    alone.matcher = Matcher(binding.rules, ruleset.scoring, ruleset.template_openings)  # as a taxonomy is compiled on its own
    alone.binding = replace(binding, rules={})
    fixtures = sorted((Path(__file__).resolve().parents[1] / "fixtures").glob("*.*"))
    answers = [(explain_dict(view.tag_file(str(path))), explain_dict(alone.tag_file(str(path)))) for path in fixtures if path.suffix != ".jsonl"]
    assert len(answers) > 20 and sum(any(tag["emitted"] for tag in mine["explain"]) for mine, _ in answers) > 10
    assert all(mine == own for mine, own in answers)
    half = Tagger([item for item in items if item["name"] in ("linter", "cli", "editor", "testing")])
    assert compiles == [1]  # compiled on its own: "diagnostics", linter's fuzzy term, is then no other rule's word
    evidence = half.tag("# lintkit\n\nA linter for Python code that prints diagnostic messages in your editor and in CI.\n").scores["linter"].evidence
    assert ("fuzzy", "diagnostics") in [(e.kind, e.term) for e in evidence]


def test_tag_lists_of_the_same_rules_load_them_once_and_compile_each_pattern_once(tmp_path, monkeypatch):
    """A stream of prompts whose tag lists differ loaded every rule file and compiled each list's patterns for each list
    (half a second a list, most of it spent again on what the last list had built)."""
    from readme_tag import Tagger
    from readme_tag.compiled import forget
    from readme_tag.signals.kinds import patterns

    monkeypatch.setenv("README_TAG_CACHE", str(tmp_path / "cache"))  # nothing compiled in the folder: each list compiles
    forget()
    patterns._prepared.cache_clear()
    loads: list[int] = []
    compiles: list[str] = []
    real_load, real_compile = load.load_rules, patterns._compile
    monkeypatch.setattr(load, "load_rules", lambda *a, **k: loads.append(1) or real_load(*a, **k))
    monkeypatch.setattr(patterns, "_compile", lambda text: compiles.append(text) or real_compile(text))
    items = json.loads(TAGS_JSON.read_text())
    picked = lambda *names: [item for item in items if item["name"] in names]  # noqa: E731
    readme = "# lintkit\n\nA linter for Python code, run from the command line and in CI.\n"
    first = Tagger(picked("linter", "cli")).tag(readme).names
    assert loads == [1] and compiles and first
    seen = len(compiles)
    assert Tagger(picked("cli", "linter", "testing")).tag(readme).names == first and loads == [1]
    assert len(compiles) > seen and not set(compiles[:seen]) & set(compiles[seen:])  # testing's patterns, and no others again
    forget()  # a new run reads the rule files again
    assert Tagger(picked("linter")).tag(readme).names == ["linter"] and loads == [1, 1]


@pytest.mark.parametrize("mode, expected", [("", ["Küche"]), ("mode: replace\n", [])])
def test_a_rule_file_for_a_tag_no_shipped_rule_fits_extends_the_rule_of_its_name(tmp_path, mode, expected):
    """A user's file for "Küche" once took the place of the rule built from the name, so a README naming only the tag lost it;
    like any other file it extends that rule, and ``mode: replace`` still drops it."""
    from readme_tag import Tagger

    write(tmp_path, "kueche.yaml", f"tag: Küche\n{mode}keywords:\n  rezept: 3\n")
    taxonomy = [{"id": 1, "name": "Küche"}, {"id": 2, "name": "security"}]
    text = "# projekt\n\nEine App für die Küche.\n"
    assert Tagger(taxonomy).tag(text).names == ["Küche"]
    assert Tagger(taxonomy, [tmp_path]).tag(text).names == expected
    assert Tagger(taxonomy, [tmp_path]).tag("# x\n\nJedes Rezept.\n").names == ["Küche"]
    every = [*json.loads(TAGS_JSON.read_text()), {"id": 999, "name": "Küche"}]  # every shipped rule bound: once tagged with the shipped compilation, the name's terms left out
    assert Tagger(every, [tmp_path]).tag(text).names == expected


def test_a_rule_file_for_a_tag_whose_shipped_rule_another_tag_took_extends_the_rule_of_its_name(tmp_path):
    """ "AI" takes ai, so "Machine Learning" (ai's alias) is tagged by its name; a file of its own took the name's place,
    and a README that names only the tag lost it, with no word from ``rules check``."""
    from readme_tag import Tagger

    write(tmp_path, "ml.yaml", "tag: Machine Learning\nkeywords:\n  gradient boosting: 3\n")
    text = "# mlkit\n\nA toolkit for machine learning experiments.\n"
    for rules, taxonomy in (([], ["AI", "Machine Learning"]), ([tmp_path], ["AI", "Machine Learning"]), ([tmp_path], ["Machine Learning", "Artificial Intelligence"])):
        scores = Tagger(taxonomy, rules).tag(text).scores  # in either order of the taxonomy
        assert scores["Machine Learning"].score > 0 and "Machine Learning" in {e.term for e in scores["Machine Learning"].evidence}
    assert Tagger(["AI", "Machine Learning"], [tmp_path]).tag("# x\n\nUses gradient boosting.\n").scores["Machine Learning"].score > 0


def test_rule_files_pasted_into_one_are_refused_with_what_to_do(tmp_path):
    """``rules suggest --yaml`` prints a rule file a tag; pasted into one file they said only "invalid YAML: but found another document"."""
    write(tmp_path, "all.yaml", "tag: a\nkeywords:\n  x: 1\n---\ntag: b\nkeywords:\n  y: 1\n")
    error = error_of(tmp_path)
    assert error.line == 4 and "a rule file holds one rule" in str(error) and "--out" in str(error)


def test_a_rule_no_taxonomy_tag_takes_is_named_with_the_tag_it_seems_to_mean(cli, tmp_path):
    """A misspelt ``tag:`` or a ``--taxonomy`` left out made the user's rule files count nothing, with no word of it outside ``rules check``."""

    rules = tmp_path / "rules"
    rules.mkdir()
    write(rules, "astro.yaml", "tag: astrnomy\nkeywords:\n  telescope: 3\n")
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": 1, "name": "Astronomy"}, {"id": 2, "name": "Weather"}]))
    readme = tmp_path / "README.md"
    readme.write_text("# scope\n\nA telescope driver.\n")
    for given, hint in ((["--taxonomy", str(taxonomy)], "astrnomy (did you mean Astronomy?)"), ([], "astrnomy; is --taxonomy missing?")):
        proc = cli(str(readme), "--rules", str(rules), *given)
        assert proc.returncode == 0 and json.loads(proc.stdout)["tags"] is not None, proc.stderr
        assert proc.stderr.decode().splitlines() == [f"readme-tag: warning: 1 rule(s) of --rules name no taxonomy tag and count nothing: {hint}"]
    checked = cli("rules", "check", "--rules", str(rules), "--taxonomy", str(taxonomy))
    assert checked.returncode == 1 and "unused rule: astrnomy (not in the taxonomy; did you mean Astronomy?)" in checked.stdout.decode()
    quiet = cli(str(readme), "--taxonomy", str(taxonomy))
    assert quiet.returncode == 0 and quiet.stdout and quiet.stderr == b""


def test_a_relation_to_no_known_tag_is_reported(cli, tmp_path):
    """``gives_way_to: [nonexistent]`` passed ``rules check`` without a word."""
    write(tmp_path, "ai.yaml", "tag: ai\ngives_way_to: [nonexistent, agent]\ngoes_with: [web-ap]\n")
    proc = cli("rules", "check", "--rules", str(tmp_path))
    lines = proc.stdout.decode().splitlines()
    assert proc.returncode == 1 and "unknown tag: nonexistent (gives_way_to of ai) names no rule and no taxonomy tag" in lines
    assert "unknown tag: web-ap (goes_with of ai) names no rule and no taxonomy tag" in lines and not any("agent" in line for line in lines)
    assert cli("rules", "check").returncode == 0  # the shipped rules' relations all name rules
    (tmp_path / "README.md").write_text("# kube-reaper\n\nA Kubernetes operator.\n")
    tagged = cli(str(tmp_path / "README.md"), "--rules", str(tmp_path))  # tag and batch said nothing of it
    assert (
        tagged.returncode == 0
        and tagged.stdout
        and tagged.stderr.decode().splitlines()
        == ["readme-tag: warning: 2 relation(s) of --rules name no rule and no taxonomy tag and do nothing: nonexistent (gives_way_to of ai), web-ap (goes_with of ai)"]
    )


def test_tags_that_give_way_to_each_other_are_a_cycle_rules_check_reports(cli, tmp_path):
    """``alpha`` giving way to ``beta`` and ``beta`` to ``alpha`` left both out whenever both passed, and ``rules check`` exited 0."""
    from readme_tag import Tagger

    write(tmp_path, "alpha.yaml", "tag: alpha\nkeywords:\n  gizmo: 3\ngives_way_to: [beta]\n")
    write(tmp_path, "beta.yaml", "tag: beta\nkeywords:\n  widget: 3\ngives_way_to: [gamma]\n")
    write(tmp_path, "gamma.yaml", "tag: gamma\nkeywords:\n  doohickey: 3\ngives_way_to: [alpha]\n")
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text('["alpha", "beta", "gamma", "delta"]')
    proc = cli("rules", "check", "--rules", str(tmp_path), "--taxonomy", str(taxonomy))
    assert proc.returncode == 1 and "gives_way_to cycle: alpha, beta, gamma (each gives way, through the others, to itself)" in proc.stdout.decode().splitlines()
    assert "3 tag(s) give way to each other in a cycle" in proc.stderr.decode()
    assert Tagger(["alpha", "beta", "delta"], [tmp_path]).binding.cycles == []  # without gamma, no cycle


def test_a_user_term_replaces_the_term_of_a_non_ascii_tag_name(tmp_path):
    """The name's term was keyed by its case-folded spelling ("gärten"), a rule file's by its words ("garten"): ``Gärten: 0``
    did not switch the name off."""
    from readme_tag import Tagger

    write(tmp_path, "g.yaml", "tag: Gärten\nkeywords:\n  Gärten: 0\n  compost: 3\n")
    taxonomy = [{"id": 1, "name": "Gärten"}, {"id": 2, "name": "security"}]
    assert Tagger(taxonomy).tag("# x\n\nA Gärten planner.\n").names == ["Gärten"]
    assert Tagger(taxonomy, [tmp_path]).tag("# x\n\nA Gärten planner.\n").names == []
    assert Tagger(taxonomy, [tmp_path]).tag("# x\n\nCompost heaps.\n").names == ["Gärten"]


def test_a_relation_may_name_a_tag_as_the_taxonomy_does(tmp_path):
    """``gives_way_to: [Databases]`` passed ``rules check`` (a taxonomy name) and was then dropped: relations were found by rule names only."""
    from readme_tag import Tagger

    write(tmp_path, "ai.yaml", "tag: ai\ngives_way_to: [Databases]\n")
    tagger = Tagger([{"id": 1, "name": "ai"}, {"id": 2, "name": "Databases"}], [tmp_path])
    assert tagger.binding.gives_way == {0: frozenset({1})} and tagger.binding.unknown_relations == []


def test_a_tag_name_and_a_term_in_either_accent_encoding_are_one(tmp_path):
    """A taxonomy's ``Ga\\u0308rten`` (decomposed) and a rule file's ``Gärten: 0`` (composed) were keyed apart."""
    from readme_tag import Tagger

    write(tmp_path, "g.yaml", "tag: Gärten\nkeywords:\n  Gärten: 0\n")
    taxonomy = [{"id": 1, "name": "Ga\u0308rten"}, {"id": 2, "name": "security"}]
    assert Tagger(taxonomy).tag("# x\n\nA Gärten planner.\n").names == ["Ga\u0308rten"]
    assert Tagger(taxonomy, [tmp_path]).tag("# x\n\nA Gärten planner.\n").names == []


def test_a_relation_to_a_shipped_rule_name_reaches_the_tag_a_stand_in_serves(tmp_path):
    """``gives_way_to: [database]`` where a user's rule "Databases" serves the tag "Databases" passed ``rules check`` and was dropped."""
    from readme_tag import Tagger

    write(tmp_path, "ai.yaml", "tag: ai\ngives_way_to: [database]\n")
    write(tmp_path, "db.yaml", "tag: Databases\nkeywords: {sql: 3}\n")
    tagger = Tagger([{"id": 1, "name": "ai"}, {"id": 2, "name": "Databases"}], [tmp_path])
    assert tagger.binding.gives_way == {0: frozenset({1})} and tagger.binding.unknown_relations == []


def test_a_relation_may_name_a_rule_by_its_alias(cli, tmp_path):
    """``gives_way_to: [db]`` (an alias of the shipped database rule) failed ``rules check``; with a taxonomy without that rule, a
    spelling of a rule's name failed while the name passed."""
    write(tmp_path, "ai.yaml", "tag: ai\ngives_way_to: [database, Databases, db, web_app]\n")
    assert cli("rules", "check", "--rules", str(tmp_path)).returncode == 0
    taxonomy = tmp_path / "tax.json"
    taxonomy.write_text('["ai", "security"]')
    proc = cli("rules", "check", "--rules", str(tmp_path), "--taxonomy", str(taxonomy))
    assert "unknown tag" not in proc.stdout.decode(), proc.stdout


def test_terms_and_tag_names_typed_decomposed_match_a_readme(tmp_path):
    """A README's text is composed when read; a decomposed term ("Ga\\u0308rten planner") was split at its accent and matched nothing."""
    from readme_tag import Tagger

    write(tmp_path, "g.yaml", "tag: Beds\nkeywords:\n  Ga\u0308rten planner: 3\n")
    text = "# x\n\nA Gärten planner for raised beds.\n"
    assert Tagger([{"id": 1, "name": "Ga\u0308rten Planer"}, {"id": 2, "name": "security"}]).tag("# x\n\nDer Gärten Planer.\n").names == ["Ga\u0308rten Planer"]
    assert Tagger([{"id": 1, "name": "Beds"}, {"id": 2, "name": "security"}], [tmp_path]).tag(text).names == ["Beds"]


def test_a_relation_finds_a_tag_by_its_name_before_another_rule_s_alias(tmp_path):
    """ "LLMs" is a spelling of the tag "LLM" and an alias of another rule (the shipped ai rule's "llm", a user's "LLMs"): chat went with that rule's tag."""
    from readme_tag import Tagger

    write(tmp_path, "chat.yaml", "tag: chat\ngoes_with: [LLMs]\n")
    write(tmp_path, "bots.yaml", "tag: bots\naliases: [LLMs]\nkeywords: {chatbot: 1}\n")
    tagger = Tagger([{"id": 1, "name": "ai"}, {"id": 2, "name": "chat"}, {"id": 3, "name": "LLM"}, {"id": 4, "name": "bots"}], [tmp_path])
    assert tagger.binding.goes_with.get(1) == frozenset({2})


@pytest.mark.parametrize(
    "name, content",
    [
        ("scoring.yaml", "# cutoff: 4\n"),
        ("scoring.yaml", "sections:\n  # title: 5\ncutoff: 3\n"),
        ("x.yaml", "tag: x\nkeywords:\n  # widget: 2\naliases:\n"),
        ("boilerplate.yaml", "# mine:\n"),
    ],
)
def test_sections_whose_entries_are_all_commented_out_are_empty_not_errors(tmp_path, name, content):
    """A scoring file of comments, or ``keywords:`` with every entry commented out, was refused as no mapping."""
    from readme_tag import Tagger

    write(tmp_path, name, content)
    assert Tagger(["x", "k8s"], [tmp_path]).tag("# kube-reaper\n\nA Kubernetes operator.\n").names == ["k8s"]


def test_a_scoring_file_named_yml_is_the_scoring_file_not_a_tag_rule(tmp_path):
    """``scoring.yml`` was read as a tag's rule: "unknown key 'cutoff'"."""
    from readme_tag import Tagger

    write(tmp_path, "scoring.yml", "cutoff: 50\n")
    assert Tagger(["k8s"], [tmp_path]).scoring.cutoff == 50
    write(tmp_path, "scoring.yaml", "cutoff: 50\n")
    with pytest.raises(RuleError, match="a scoring file"):
        Tagger(["k8s"], [tmp_path])


def test_terms_with_a_backslash_or_an_ipv6_host_that_match_are_not_refused(tmp_path):
    """The regex check refused a LaTeX command and a Windows path as keywords, which match as words; the URL check refused
    an IPv6 host, which a link's domain can be."""
    from readme_tag import Tagger

    write(tmp_path, "latex.yaml", "tag: latex\nkeywords:\n  \\documentclass: 2\n  'C:\\Windows': 1\ndomains: {'::1': 1}\n")
    result = Tagger(["latex"], [tmp_path], default_rules=False).tag("# x\n\nUse \\documentclass{article} in C:\\Windows.\n")
    assert result.names == ["latex"] and {e.term for e in result.scores["latex"].evidence} >= {"\\documentclass", "C:\\Windows"}


def test_a_rule_file_that_is_a_broken_link_is_an_error_not_passed_over(cli, tmp_path):
    """A link left behind by a moved rules folder was skipped without a word: the run tagged without the rule."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "k8s.yaml").symlink_to(tmp_path / "moved" / "k8s.yaml")
    (tmp_path / "README.md").write_text("# kube-reaper\n\nA Kubernetes operator.\n")
    for args in ((str(tmp_path / "README.md"), "--rules", str(rules)), ("rules", "check", "--rules", str(rules))):
        proc = cli(*args)
        assert proc.returncode == 2 and proc.stdout == b"", args
        assert proc.stderr.decode().strip() == f"readme-tag: error: {rules / 'k8s.yaml'}: cannot read rule file: a link to a file that does not exist"
    (rules / "k8s.yaml").unlink()
    (rules / "k8s.yaml").write_text("tag: k8s\nkeywords: {reaper: 3}\n")
    (rules / ".#k8s.yaml").symlink_to("alice@laptop.12345:1733600000")  # Emacs's lock beside a file being edited: no rule file
    (rules / "loop.yaml").symlink_to(rules / "loop.yaml")
    looped = cli(str(tmp_path / "README.md"), "--rules", str(rules))
    assert looped.returncode == 2 and looped.stderr.decode().strip() == f"readme-tag: error: {rules / 'loop.yaml'}: cannot read rule file: Too many levels of symbolic links"
    (rules / "loop.yaml").unlink()
    assert cli(str(tmp_path / "README.md"), "--rules", str(rules)).returncode == 0
    (rules / "through.yaml").symlink_to(tmp_path / "README.md" / "x.yaml")  # a path through a file: no such file either
    through = cli(str(tmp_path / "README.md"), "--rules", str(rules))
    assert through.returncode == 2 and through.stderr.decode().strip().endswith("through.yaml: cannot read rule file: a link to a file that does not exist")


def test_a_term_two_files_of_one_directory_set_is_named_with_both_lines(tmp_path):
    """The conflict named the files but not where in them: a long rule file left the author searching."""
    write(tmp_path, "a.yaml", "tag: ai\nkeywords:\n  foo: 1\n  boosting: 2\n")
    write(tmp_path, "b.yaml", "tag: ai\nkeywords:\n  zed: 1\n  bar: 1\n  Boosting: 3\n")
    with pytest.raises(RuleError) as raised:
        load_rules([tmp_path])
    first, second = sorted(tmp_path / name for name in ("a.yaml", "b.yaml"))
    assert str(raised.value) == f"{second}:5: keywords term 'Boosting' of tag 'ai' is set in two files of one rules directory (also in {first}:4)"
