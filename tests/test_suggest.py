"""``readme-tag rules suggest``: candidate terms mined from labelled READMEs, and the workflow for one's own taxonomy."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import yaml

from readme_tag.document import Document, Piece
from readme_tag.suggest import Candidate, Row, TagSuggestions, candidates, groups, phrases, proposed_weight, report_text, rule_yaml, suggestion_files, usual_spellings, written_form
from readme_tag.vocabulary import normalise_term

SUGGEST = Path(__file__).resolve().parents[1] / "fixtures" / "suggest"
GOLD = str(SUGGEST / "labels.jsonl")
OWN = ["--taxonomy", str(SUGGEST / "taxonomy.json")]


def f1(cli, *rules: str) -> float:
    proc = cli("eval", GOLD, *OWN, *rules, "--format", "json")
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    return float(json.loads(proc.stdout)["f1"])


def test_own_taxonomy_workflow_from_labels_to_rules(cli, tmp_path):
    """Label READMEs, let suggest write rules, review, and the rules tag the READMEs far better than the tag names alone."""
    before = f1(cli)
    out = tmp_path / "my-rules"
    proc = cli("rules", "suggest", GOLD, *OWN, "--min-support", "2", "--yaml", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == ["astronomy.yaml", "recipes.yaml", "weather.yaml"]
    weather = yaml.safe_load((out / "weather.yaml").read_text())
    assert weather["tag"] == "Weather" and "forecast" in weather["keywords"]
    after = f1(cli, "--rules", str(out))
    assert before < 0.5 < 0.9 <= after
    for path, line in zip(sorted(out.iterdir()), proc.stdout.decode().splitlines(), strict=True):  # the counts are of what each file holds
        rule = yaml.safe_load(path.read_text())
        terms = sum(len(entries) for kind, entries in rule.items() if isinstance(entries, dict) and kind != "negative")
        assert line == f"{path}: {terms} terms, {len(rule.get('negative') or {})} negatives"
    readme = tmp_path / "named.md"  # a README that says only the tag's name: a rule file for the tag keeps the name's terms
    readme.write_text("# meals\n\nA collection of recipes.\n")
    for rules in ((), ("--rules", str(out))):
        proc = cli(str(readme), *OWN, *rules, "--tags-as", "names")
        assert proc.returncode == 0 and json.loads(proc.stdout)["tags"] == ["Recipes"], rules


def test_a_file_for_a_tag_matched_to_a_shipped_rule_extends_that_rule(cli, tmp_path):
    """ "Databases" is matched to the shipped database rule: its file names that rule, so laid over the defaults it adds
    to the rule instead of taking the tag's place with an empty one."""
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": 1, "name": "Databases"}, {"id": 2, "name": "Libraries"}]))
    texts = {"db": "A key-value database engine with transactions, indexes and SQL queries.", "lib": "A small library of helpers for strings."}
    rows = []
    for kind, text in texts.items():
        for n in range(3):
            (tmp_path / f"{kind}{n}.md").write_text(f"# {kind}-{'xyz'[n]}{n * 7}\n\n{text}\n")
            rows.append({"file": f"{kind}{n}.md", "tags": ["Databases" if kind == "db" else "Libraries"]})
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "out"
    proc = cli("rules", "suggest", str(gold), "--taxonomy", str(taxonomy), "--min-support", "1", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert yaml.safe_load((out / "databases.yaml").read_text())["tag"] == "database"
    other = tmp_path / "other.md"  # words the shipped rule has and the mined terms lack
    other.write_text("# pgmini\n\nA tiny PostgreSQL-compatible relational database server with a query planner.\n")
    for rules in ((), ("--rules", str(out))):
        tagged = cli(str(other), "--taxonomy", str(taxonomy), "--tags-as", "names", *rules)
        assert tagged.returncode == 0 and json.loads(tagged.stdout)["tags"][:1] == ["Databases"], rules


def test_rule_files_quote_names_and_terms_that_yaml_reads_as_no_string(cli, tmp_path):
    """A tag or term spelled as YAML's null, a boolean or a number is written quoted, so the file loads as the rule it is."""
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": 1, "name": "null"}, {"id": 2, "name": "Yes"}]))
    rows = []
    for n, (first, second) in enumerate([("Kestrel", "harbour lanterns"), ("Marmot", "granite quarries"), ("Osprey", "velvet orchards")]):
        (tmp_path / f"a{n}.md").write_text(f"# {first}\n\nOf {second}.\n\nfalse\n\noff\n\ntrue\n")  # each word a paragraph: no longer phrase holds it
        (tmp_path / f"b{n}.md").write_text(f"# {second.title()}\n\nA {first.lower()}.\n\nyes\n\non\n\n1e3\n")
        rows += [{"file": f"a{n}.md", "tags": ["null"]}, {"file": f"b{n}.md", "tags": ["Yes"]}]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "out"
    proc = cli("rules", "suggest", str(gold), "--taxonomy", str(taxonomy), "--min-support", "2", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    rules = {path.name: yaml.safe_load(path.read_text()) for path in out.iterdir()}
    assert {rule["tag"] for rule in rules.values()} == {"null", "Yes"}
    keys = [key for rule in rules.values() for key in rule.get("keywords", {})]
    assert {"false", "off", "true", "1e3"} <= set(keys) and all(isinstance(key, str) for key in keys)
    checked = cli("rules", "check", "--rules", str(out), "--taxonomy", str(taxonomy))
    assert checked.returncode == 0, checked.stderr


def test_eval_names_each_tag_as_the_taxonomy_does(cli):
    proc = cli("eval", GOLD, *OWN, "--format", "json", "--errors")
    report = json.loads(proc.stdout)
    named = {"Weather", "Recipes", "Astronomy"}
    assert proc.returncode == 0 and report["per_tag"] and set(report["per_tag"]) <= named, report["per_tag"]
    listed = {t for e in report["errors"] for t in (*e["gold"], *e["also"], *e["emitted"], *(w["tag"] for w in e["wrong"] + e["missing"]))}
    assert report["errors"] and listed and listed <= named, listed  # the errors name them the same way


def test_out_writes_the_rule_files_without_yaml_too(cli, tmp_path):
    """--out is for rule files: without --yaml it writes them all the same, rather than print the table and write nothing."""
    out = tmp_path / "my-rules"
    proc = cli("rules", "suggest", GOLD, *OWN, "--min-support", "2", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout and sorted(p.name for p in out.iterdir()) == ["astronomy.yaml", "recipes.yaml", "weather.yaml"]


def test_table_lists_counts_precision_and_what_the_rules_have(cli):
    proc = cli("rules", "suggest", GOLD, *OWN, "--min-support", "2", "--tag", "recipes")
    assert proc.returncode == 0 and proc.stdout
    text = proc.stdout.decode()
    assert text.startswith("Recipes  (4 READMEs with the tag, 8 without)")
    row = next(line.split() for line in text.splitlines() if " ingredients " in line)
    assert row[:5] == ["prose", "ingredients", "4", "0", "1.00"]


def test_output_is_the_same_for_the_same_input(cli):
    first = cli("rules", "suggest", GOLD, *OWN, "--min-support", "2", "--yaml")
    second = cli("rules", "suggest", GOLD, *OWN, "--min-support", "2", "--yaml")
    assert first.returncode == 0 and first.stdout and first.stdout == second.stdout


def test_rules_the_default_rules_have_are_marked(cli):
    proc = cli("rules", "suggest", str(Path(__file__).resolve().parents[1] / "fixtures" / "labels.jsonl"), "--min-support", "1", "--tag", "k8s")
    assert proc.returncode == 0 and proc.stdout
    kubernetes = next(line for line in proc.stdout.decode().splitlines() if line.split()[1:2] == ["kubernetes"])
    assert kubernetes.split()[5] == "has"


def test_out_refuses_a_directory_with_files_and_an_unknown_tag_is_an_error(cli, tmp_path):
    (tmp_path / "keep.yaml").write_text("tag: x\n")
    proc = cli("rules", "suggest", GOLD, *OWN, "--yaml", "--out", str(tmp_path))
    assert proc.returncode == 2 and b"new or empty directory" in proc.stderr and (tmp_path / "keep.yaml").read_text() == "tag: x\n"
    proc = cli("rules", "suggest", GOLD, *OWN, "--tag", "Cooking")
    assert proc.returncode == 2 and b"tag 'Cooking' is not in the taxonomy" in proc.stderr  # as given, not case-folded
    proc = cli("rules", "suggest", GOLD)  # the gold file's tags are its own taxonomy's: none is in the default one
    assert proc.returncode == 2 and b"none of its tags is in the taxonomy (is --taxonomy missing?)" in proc.stderr and proc.stdout == b""


def test_out_names_each_file_for_its_tag_inside_the_directory_whatever_the_tag_name(cli, tmp_path):
    """Tags of one's own taxonomy may hold what a file name cannot ("a/b", "../x"): each gets a file of its own in --out, and nothing is written outside it."""
    names = {"Weather": "w/eather", "Recipes": "../recipes", "Astronomy": "astro:nomy"}
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": item["id"], "name": names[item["name"]]} for item in json.loads((SUGGEST / "taxonomy.json").read_text())]))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({**item, "tags": [names[t] for t in item["tags"]]}) + "\n" for item in map(json.loads, Path(GOLD).read_text().splitlines())))
    out = tmp_path / "deep" / "out"
    proc = cli("rules", "suggest", str(gold), "--readmes", str(SUGGEST), "--taxonomy", str(taxonomy), "--min-support", "2", "--yaml", "--out", str(out))
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["astro-nomy.yaml", "recipes.yaml", "w-eather.yaml"]
    assert sorted(p.name for p in (tmp_path / "deep").iterdir()) == ["out"]
    assert {yaml.safe_load(p.read_text())["tag"] for p in out.iterdir()} == set(names.values())
    names = suggestion_files(out, ["a", "a", "/", "..", "c/c++", "c#", "x" * 300, "界" * 120, "x" * 199 + ".y"])
    assert [p.name for p in names] == [
        "a.yaml",
        "a-2.yaml",
        "tag.yaml",
        "tag-2.yaml",
        "c-c++.yaml",
        "c#.yaml",
        "x" * 200 + ".yaml",
        "界" * 66 + ".yaml",
        "x" * 199 + ".yaml",
    ]  # README.md: c/c++ -> c-c++.yaml


def test_a_labelled_readme_that_cannot_be_read_is_left_out_with_a_warning_as_eval_gives(cli, tmp_path):
    """rules suggest once left out a missing README silently, while eval warned of it."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text(Path(GOLD).read_text() + json.dumps({"file": "gone.md", "tags": ["Weather"]}) + "\n")
    proc = cli("rules", "suggest", str(gold), "--readmes", str(SUGGEST), *OWN, "--min-support", "2", "--tag", "weather")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("Weather  ("), proc.stderr
    assert proc.stderr.decode().splitlines() == [f"readme-tag: warning: {gold}: 1 README(s) could not be read and are left out (the first: {SUGGEST / 'gone.md'}: no such file)"]
    for tags in ([], ["--tag", "weather"]):  # a wrong --readmes: with --tag, an empty table (and an empty --out file), exit 0
        wrong = cli("rules", "suggest", str(gold), "--readmes", str(tmp_path), *OWN, *tags, "--out", str(tmp_path / f"out{len(tags)}"))
        assert wrong.returncode == 2 and wrong.stderr.decode().splitlines()[-1] == f"readme-tag: error: {gold}: none of its READMEs with a taxonomy tag could be read", tags
        assert not (tmp_path / f"out{len(tags)}").exists()


def test_candidates_per_section_and_names():
    doc = Document(pieces=[Piece("title", "Sky Cast", 1), Piece("body", "the hourly forecast for you", 3)])
    found = candidates(doc)
    assert Candidate("title", "sky cast") in found and Candidate("body", "hourly forecast") in found
    assert not any(c.term.startswith("the ") or c.term.endswith(" you") for c in found)
    assert list(phrases(["数", "据", "集"], 3)) == ["数 据", "数 据 集", "据 集"]  # a lone CJK character is no term


def test_shields_own_badges_are_no_candidates_and_a_services_are():
    """``img.shields.io/badge/license-MIT-blue`` gave the candidate ``badges: {badge: 0.5}``: any README with a license
    badge then scored the tag."""
    from readme_tag.parse import parse_document

    text = "# x\n\n![l](https://img.shields.io/badge/license-MIT-blue.svg) ![e](https://img.shields.io/endpoint?url=x) ![p](https://img.shields.io/pypi/v/x.svg)\n\nA tool.\n"
    named = {c.term for c in candidates(parse_document(text, "README.md")) if c.kind == "badge"}
    assert named == {"pypi"}


def test_terms_are_shown_as_written_and_korean_phrases_stay_inside_a_word():
    """A candidate is shown with its accents, its Russian ending and its CJK characters side by side, and so written into a rule it matches what it was counted on."""
    doc = Document(pieces=[Piece("title", "게임 엔진", 1), Piece("body", "Библиотека для aplicación. Библиотека; the app, the docs, thể", 3)])
    spellings: Counter[tuple[str, str]] = Counter()
    found = {c.term for c in candidates(doc, spellings)}
    assert "게 임" in found and "엔 진" in found and "게 임 엔" not in found and "임 엔" not in found
    spelled = usual_spellings(spellings)
    for term, shown in (("게 임", "게임"), (normalise_term("Библиотека"), "библиотека"), (normalise_term("aplicación"), "aplicación"), ("the app", "the app")):
        assert written_form(term, spelled) == shown
        assert normalise_term(shown) == term
    assert list(phrases(["a1", "b1", "c1"], 3, frozenset({2}))) == ["a1", "a1 b1", "b1", "c1"]
    assert written_form(normalise_term("เว็บ"), {}) == "เว็บ"  # Thai, read a character at a time, is shown side by side
    rows = [Row(Candidate("body", "게 임"), 4, 0, "", written="게임"), Row(Candidate("body", "game"), 4, 0, ""), Row(Candidate("body", "เ ว ็ บ"), 4, 0, "", written="เว็บ")]
    wide, narrow, marked = report_text([TagSuggestions("t", 4, 9, rows=rows)], 5).splitlines()[2:5]
    assert "게임" in wide and len(wide) == len(narrow) - 2  # each Hangul syllable takes two columns
    assert "เว็บ" in marked and len(marked) == len(narrow) + 1  # a Thai mark takes none


def test_near_copies_count_once():
    same = frozenset(range(64))
    assert groups([same, same, frozenset(range(100, 164))]) == [0, 0, 2]


def test_proposed_weights_grow_with_trust():
    sure, unsure, tiny = Row(Candidate("body", "x"), 40, 0, ""), Row(Candidate("body", "x"), 6, 6, ""), Row(Candidate("body", "x"), 2, 0, "")
    assert proposed_weight(sure) >= 2.5 and proposed_weight(unsure) == 0.5 and 0.5 <= proposed_weight(tiny) < proposed_weight(sure)


def test_rules_intake_counts_each_taxonomy_tag_and_its_file_loads_as_rules(cli, tmp_path):
    """``rules intake`` prints an intake.yaml of the labels' tag counts; laid over rules, it scales their scores."""
    gold = tmp_path / "gold.jsonl"
    lines = Path(GOLD).read_text(encoding="utf-8").splitlines()
    gold.write_text("\n".join(lines + ['{"file": "extra.md", "tags": ["Weather", "Gardening"]}']) + "\n", encoding="utf-8")
    proc = cli("rules", "intake", str(gold), *OWN)
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert b"1 gold tag(s) are not in the taxonomy and are not counted: Gardening" in proc.stderr
    data = yaml.safe_load(proc.stdout)
    assert data == {"readmes": 13, "tags": {"Weather": 5, "Recipes": 4, "Astronomy": 4}}
    assert list(data["tags"]) == ["Weather", "Recipes", "Astronomy"]  # most first, then taxonomy order
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "intake.yaml").write_bytes(proc.stdout)
    (rules / "scoring.yaml").write_text("intake_weight: 1\nintake_smoothing: 3\n", encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text("# Weather station\n\nA weather logger for the garden shed.\n", encoding="utf-8")
    shown = cli(str(readme), *OWN, "--rules", str(rules), "--explain", "--format", "json")
    assert shown.returncode == 0 and shown.stdout, shown.stderr
    weather = next(t for t in json.loads(shown.stdout)["explain"] if t["name"] == "Weather")
    row = next(e for e in weather["evidence"] if e["kind"] == "intake")
    assert row["term"] == "5 of 13 READMEs" and row["text"] == "x1.09" and row["value"] > 0
    forgot = cli("rules", "intake", str(gold))  # --taxonomy left out: not one gold tag is the default taxonomy's, as suggest says
    assert forgot.returncode == 2 and forgot.stdout == b"" and forgot.stderr.decode().splitlines() == [f"readme-tag: error: {gold}: none of its tags is in the taxonomy (is --taxonomy missing?)"]


def test_rules_intake_counts_a_readme_two_gold_files_list_once(cli, tmp_path):
    """A README in two gold files (a train list and the whole list) was counted twice, its tags with it."""
    whole, train = tmp_path / "all.jsonl", tmp_path / "train.jsonl"
    lines = Path(GOLD).read_text(encoding="utf-8").splitlines()
    whole.write_text("\n".join(lines) + "\n", encoding="utf-8")
    train.write_text("\n".join(lines[:4]) + "\n", encoding="utf-8")
    once, twice = cli("rules", "intake", str(whole), *OWN), cli("rules", "intake", str(whole), str(train), *OWN)
    assert once.returncode == 0 and twice.returncode == 0 and once.stdout, twice.stderr
    assert yaml.safe_load(twice.stdout) == yaml.safe_load(once.stdout)
    assert b"4 line(s) name a README an earlier line names: each README is counted once" in twice.stderr


def test_template_text_suggests_no_terms(tmp_path):
    """READMEs that share a platform's starter text are neither near-copies nor a source of the template's words."""
    from readme_tag import Tagger
    from readme_tag.gold import GoldItem
    from readme_tag.suggest import suggest

    starter = "\n\n## Test and Deploy\n\n- [ ] Analyze your code for known vulnerabilities with Static Application Security Testing (SAST)\n"
    games = [
        "A turn-based roguelike of dungeon crawls, permadeath and pixel art.",
        "Roguelike deckbuilder: draft cards, fight bosses, climb the spire.",
        "A small roguelike where every floor is a new puzzle of traps and keys.",
        "Coffee-break roguelike for the terminal with seeded daily runs.",
    ]
    shops = ["Budgets and invoices for small shops.", "Track expenses by receipt photo.", "Payroll for a team of five.", "Split bills between flatmates."]
    gold = []
    for n, (game, shop) in enumerate(zip(games, shops, strict=True)):
        (tmp_path / f"w{n}.md").write_text(f"# quest-{n}\n\n{game}{starter}", encoding="utf-8")
        (tmp_path / f"b{n}.md").write_text(f"# ledger-{n}\n\n{shop}\n", encoding="utf-8")
        gold += [GoldItem(f"w{n}.md", ("game",), ()), GoldItem(f"b{n}.md", ("finance",), ())]
    (tmp_path / "boilerplate.yaml").write_text("gitlab: []\n", encoding="utf-8")
    for rules, expected in (([], False), ([str(tmp_path)], True)):
        (found,) = suggest(Tagger(rules=rules), gold, tmp_path, tags=["game"], min_support=3)
        terms = {row.candidate.term for row in found.rows}
        assert found.readmes == 4 and "roguelike" in terms
        assert any("vulnerabilities" in term for term in terms) is expected, sorted(terms)


def test_gold_tags_outside_the_taxonomy_are_named_and_unreadable_readmes_are_not_blamed_on_it(cli, tmp_path):
    """Without --taxonomy, a gold file of one's own tags may share a few with the default one: the others are named, not dropped
    in silence; a gold file whose READMEs cannot be read is told so, not that its tags are unknown."""
    (tmp_path / "a.md").write_text("# sweep\n\nA Kubernetes operator, deployed with kubectl and a Helm chart.\n")
    gold = tmp_path / "gold.jsonl"
    names = ["Weather", "Recipes", "Astronomy", "Birds", "Rivers", "Knots"]
    gold.write_text(json.dumps({"file": "a.md", "tags": ["k8s", *names], "also": ["weather"]}) + "\n")  # one name, however cased
    proc = cli("rules", "suggest", str(gold), "--min-support", "1")
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    assert proc.stderr.decode().splitlines() == [f"readme-tag: warning: {gold}: 6 gold tag(s) are not in the taxonomy and get no suggestions: Astronomy, Birds, Knots, Recipes, Rivers and 1 more"]
    (tmp_path / "a.md").unlink()
    proc = cli("rules", "suggest", str(gold), "--min-support", "1")
    assert proc.returncode == 2 and proc.stdout == b"" and proc.stderr.decode().splitlines()[-1] == f"readme-tag: error: {gold}: none of its READMEs with a taxonomy tag could be read"


def _mined(tmp_path: Path, readmes: dict[str, tuple[str, str]], tag: str, rule: str = "", **options: int) -> TagSuggestions:
    """What suggest proposes for ``tag`` from ``readmes`` (file name -> (text, its one tag)), under a taxonomy of their tags
    and, where ``rule`` holds a rule file's text, that rule laid over the defaults."""
    from readme_tag import Tagger
    from readme_tag.gold import GoldItem
    from readme_tag.suggest import suggest

    for name, (text, _) in readmes.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rules = []
    if rule:
        (tmp_path / "rules").mkdir()
        (tmp_path / "rules" / "rule.yaml").write_text(rule, encoding="utf-8")
        rules.append(str(tmp_path / "rules"))
    names = sorted({t for _, t in readmes.values()})
    tagger = Tagger(taxonomy=[{"id": n, "name": name} for n, name in enumerate(names)], rules=rules)
    gold = [GoldItem(name, (t,), ()) for name, (_, t) in readmes.items()]
    (found,) = suggest(tagger, gold, tmp_path, tags=[tag], **options)
    return found


def _sensors(tag: str = "IoT") -> dict[str, tuple[str, str]]:
    """Three READMEs of another field, for the READMEs without the tag."""
    return {f"o{n}.md": (f"# o{n}\n\nA {w} sensor reader.\n", tag) for n, w in enumerate(["heat", "wind", "rain"])}


def test_a_term_as_common_without_the_tag_is_proposed_neither_as_a_term_nor_as_a_negative(tmp_path):
    """A phrase in three cli READMEs and three security READMEs tells neither apart: it was proposed for both, and as a
    negative of cli beside its keyword; a negative needs more READMEs wrongly given the tag than rightly."""
    readmes = {f"c{n}.md": (f"# {w}\n\nA command line client for {w} files.\n\n## Usage\n\nRun `{w} data.{w}`.\n", "cli") for n, w in enumerate(["csvcut", "jsonfmt", "logtail"])}
    readmes |= {f"s{n}.md": (f"# {w}\n\nAn encrypted {w} of secrets, with a command line client.\n", "security") for n, w in enumerate(["vault", "keyring", "lockbox"])}
    security = _mined(tmp_path, readmes, "security", min_support=3)
    assert security.readmes == 3 and not [r for r in security.rows if "client" in r.candidate.term]
    cli_rows = _mined(tmp_path, readmes, "cli", min_support=3)
    proposed = {r.candidate.term for r in cli_rows.rows}
    assert "usage" in proposed and not proposed & {r.candidate.term for r in cli_rows.negatives}
    assert all(r.with_tag > r.without for r in cli_rows.negatives)


def test_function_words_of_other_languages_are_no_candidates(tmp_path):
    texts = ["Die Rezepte für die Küche, mit Zutaten und Brot.", "Zutaten und Mengen für die Suppe, mit Bildern.", "Kuchen backen: die Zutaten, der Ofen und die Zeit für den Teig."]
    readmes = {f"k{n}.md": (f"# k{n}\n\n{text}\n", "Küche") for n, text in enumerate(texts)}
    readmes |= {f"o{n}.md": (f"# {w}\n\nA tool to audit {w} permissions.\n", "security") for n, w in enumerate(["file", "port", "key"])}
    terms = {r.shown for r in _mined(tmp_path, readmes, "Küche", min_support=3).rows}
    assert "zutaten" in terms and not terms & {"die", "für", "mit", "und", "für die"}, terms


def test_a_term_in_the_title_of_one_readme_and_the_body_of_others_counts_every_readme(tmp_path):
    """Support was counted per section: a word in two descriptions and one body reached 2, under the default of 3, and was not shown."""
    readmes = {
        "a.md": ("# a\n\nA telescope mount driver.\n", "astronomy"),
        "b.md": ("# b\n\nTelescope focus control.\n", "astronomy"),
        "c.md": ("# c\n\nStar charts.\n\n## Setup\n\nPoint the telescope north.\n", "astronomy"),
        "d.md": ("# d\n\nA todo list.\n", "productivity"),
    }
    rows = _mined(tmp_path, readmes, "astronomy", min_support=3).rows
    assert [(r.candidate.kind, r.candidate.term, r.with_tag, r.without) for r in rows if "telescope" in r.candidate.term] == [("prose", "telescope", 3, 0)]


def test_a_plural_and_the_words_inside_a_phrase_counted_the_same_are_one_candidate(tmp_path):
    """A keyword matches its plural, so "recipe" stands for "recipes" too; "missing alt text" stands for its parts when they
    are in the same READMEs, and a rule file gets one entry a term, not one a section."""
    texts = [
        "Family recipes for soup.\n\n## Notes\n\nOne recipe a day; it flags missing alt text",
        "Bread baking.\n\nEach recipe has a photo, and a check for missing alt text on it",
        "Quick pies: recipes for a busy week.\n\nA linter says what has missing alt text",
    ]
    readmes = {f"r{n}.md": (f"# r{n}\n\n{text}.\n", "Cooking") for n, text in enumerate(texts)}
    readmes |= _sensors("Sensors")
    found = _mined(tmp_path, readmes, "Cooking", min_support=3)
    terms = [r.candidate.term for r in found.rows]
    assert "recipe" in terms and "recipes" not in terms and "missing alt text" in terms
    assert not {"missing", "alt", "alt text", "missing alt"} & set(terms), terms
    written = yaml.safe_load(rule_yaml(found, 50))
    assert "recipe" in written["keywords"] and "recipes" not in written["keywords"]


def test_a_term_a_pattern_already_matches_or_switched_off_is_marked_as_it_stands(tmp_path):
    """The rule column said "-" for a term a pattern of the rule matches whole, and "has" for a term set to weight 0."""
    rule = "tag: cli\nkeywords:\n  usage: 0\npatterns:\n  '\\bcommand[ -]line(?: client)?\\b': 2\n"
    readmes = {f"c{n}.md": (f"# {w}\n\nA command line client for {w}.\n\n## Usage\n\nRun it.\n", "cli") for n, w in enumerate(["csv", "json", "logs"])}
    readmes |= _sensors("iot")
    rows = {r.candidate.term: r.known for r in _mined(tmp_path, readmes, "cli", rule=rule, min_support=3).rows}
    assert rows["command line client"] == "has" and rows["usage"] == "", rows


def test_other_tags_that_have_a_term_are_named_as_the_taxonomy_names_them(tmp_path):
    """ "also in" listed the other tags case-folded ("datenbank")."""
    rule = "tag: Datenbank\nkeywords:\n  sql: 2\n"
    texts = ["Backups of SQL dumps to tape.", "Stores SQL snapshots in buckets.", "Keeps SQL archives for years."]
    readmes = {f"s{n}.md": (f"# s{n}\n\n{text}\n", "Speicher") for n, text in enumerate(texts)}
    readmes |= {f"d{n}.md": (f"# d{n}\n\nA {w} engine.\n", "Datenbank") for n, w in enumerate(["graph", "column", "vector"])}
    row = next(r for r in _mined(tmp_path, readmes, "Speicher", rule=rule, min_support=3).rows if r.candidate.term == "sql")
    assert row.others == ("Datenbank",)


def test_function_words_that_are_terms_elsewhere_stay_candidates():
    """Italian "ai", Spanish "dos", Dutch "door" are also AI, DOS, a door lock, far more often in READMEs."""
    found = set(phrases("generative ai in vs code for ms dos games with a smart door lock".split(), 3))
    assert {"ai", "generative ai", "vs code", "dos games", "smart door lock"} <= found


def test_tags_given_only_as_also_suggest_nothing_and_do_not_fail(tmp_path):
    """Every README had the tag only in "also": the tag's share of the READMEs divided by zero."""
    readmes = {f"r{n}.md": (f"# p{n}\n\nA command line tool for security audits, number {n}.\n", "security") for n in range(3)}
    from readme_tag import Tagger
    from readme_tag.gold import GoldItem
    from readme_tag.suggest import suggest

    for name, (text, _) in readmes.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (found,) = suggest(Tagger(), [GoldItem(name, (), ("security",)) for name in readmes], tmp_path, tags=["security"], min_support=1)
    assert found.readmes == 0 and found.rows == []


def test_a_negative_is_never_the_plural_of_a_proposed_term(tmp_path):
    """The keyword "recipe" matches "recipes": proposing it and "recipes" as a negative contradicted each other."""
    rule = "tag: Cooking\nkeywords:\n  kitchen: 3\n"
    texts = [
        "A kitchen timer with recipe notes.",
        "Kitchen scales; each recipe scaled.",
        "A kitchen planner: one recipe a day.",
        "Shopping lists from a recipe, for the kitchen.",
        "Kitchen inventory, and a recipe finder.",
        "Meal prep in the kitchen: recipe cards.",
    ]
    readmes = {f"c{n}.md": (f"# c{n}\n\n{text}\n", "Cooking") for n, text in enumerate(texts)}
    wrong = ["The kitchen of a restaurant, its recipes and its menus.", "Kitchen recipes, sold as an e-book.", "Recipes of a kitchen garden, a diary."]
    readmes |= {f"w{n}.md": (f"# w{n}\n\n{text}\n", "Blogs") for n, text in enumerate(wrong)}
    readmes |= _sensors()
    found = _mined(tmp_path, readmes, "Cooking", rule=rule, min_support=3)
    assert "recipe" in {r.candidate.term for r in found.rows}
    assert not {"recipe", "recipes"} & {r.candidate.term for r in found.negatives}, [r.candidate.term for r in found.negatives]


def test_a_pattern_that_matches_a_term_whole_by_another_alternative_has_it(tmp_path):
    """``rust|rustlang`` matches "rustlang" whole, though its search stops at "rust" first."""
    rule = "tag: Rust\npatterns:\n  'rust|rustlang': 2\n"
    texts = ["Written in rustlang, fast.", "A rustlang crate for parsing.", "Rustlang bindings to zlib."]
    readmes = {f"r{n}.md": (f"# r{n}\n\n{text}\n", "Rust") for n, text in enumerate(texts)}
    readmes |= _sensors()
    rows = {r.candidate.term: r.known for r in _mined(tmp_path, readmes, "Rust", rule=rule, min_support=3).rows}
    assert rows.get("rustlang") == "has", rows


def test_stop_words_are_counted_as_terms_are_and_block_no_other_word(tmp_path):
    """Stop words matched as written while terms were counted by form proposed "uber" at 3 with and 0 without, though as a
    keyword it matches every German "über"; and a stop word whose form is another word's ("меня" is matched as "меню" is,
    "при" as "прием") blocked that word."""
    from readme_tag.vocabulary import tokens

    for text, form in (("главное меню игры", "мен"), ("прием заявок", "при")):
        assert form in set(phrases(tokens(text), 3)), text
    assert "sao" not in set(phrases(tokens("os arquivos são salvos em json"), 3))  # Portuguese "are", far more often than São
    rides = ["An uber for taxis in small towns.", "Like uber, but for scooters and bikes.", "A ride app: uber for horse carts."]
    readmes = {f"r{n}.md": (f"# r{n}\n\n{text}\n", "Rides") for n, text in enumerate(rides)}
    docs = ["Alles über Noten und Tonleitern.", "Ein Buch über Gärten.", "Notizen über Vögel im Winter.", "Über das Wetter in Bergen."]
    readmes |= {f"d{n}.md": (f"# d{n}\n\n{text}\n", "Docs") for n, text in enumerate(docs)}
    rows = {r.candidate.term: (r.with_tag, r.without) for r in _mined(tmp_path, readmes, "Rides", min_support=3).rows}
    assert "uber" not in rows, rows  # 3 with, 4 without: no better than the tag's share


def test_a_negative_never_matches_a_term_the_rule_has(tmp_path):
    """The rule has "recipes": a negative "recipe" matches "recipes" too, and so took back what the keyword gave."""
    rule = "tag: Cooking\nkeywords:\n  kitchen: 3\n  recipes: 3\n"
    texts = [
        "A kitchen timer.",
        "Kitchen scales for bakers.",
        "A kitchen planner for the week.",
        "Shopping lists for the kitchen.",
        "Kitchen inventory, with recipes.",
        "Meal prep in the kitchen: recipes.",
    ]
    readmes = {f"c{n}.md": (f"# c{n}\n\n{text}\n", "Cooking") for n, text in enumerate(texts)}
    wrong = ["The kitchen of a restaurant: a recipe blog.", "Kitchen stories, one recipe each.", "A recipe a day from a kitchen garden, a diary.", "Kitchen recipe posts."]
    readmes |= {f"w{n}.md": (f"# w{n}\n\n{text}\n", "Blogs") for n, text in enumerate(wrong)}
    readmes |= _sensors()
    found = _mined(tmp_path, readmes, "Cooking", rule=rule, min_support=3)
    assert "recipe" not in {r.candidate.term for r in found.negatives}, [(r.candidate.term, r.with_tag, r.without) for r in found.negatives]


def test_a_negative_never_falls_inside_a_longer_term_the_rule_has(tmp_path):
    """The rule has "recipe app": a negative "recipe" took back what it gives ("A recipe app" got no tag)."""
    from readme_tag.ruleset.model import TagRule, Term
    from readme_tag.suggest.mine import _rule_terms

    terms = {("keywords", text): Term("keywords", text, 2.0, None, "x.yaml", 3) for text in ("recipe app", "kitchen")}
    known = _rule_terms(TagRule("Cooking", "", terms, "x.yaml", 1))
    assert known.matched_by(Candidate("prose", "recipe")) and known.matched_by(Candidate("prose", "app"))
    assert not known.matched_by(Candidate("prose", "recipes blog")) and not known.matched_by(Candidate("domain", "recipe"))


def test_a_negative_never_falls_inside_what_a_pattern_of_the_rule_requires():
    """The rule's ``recipe\\s+apps?`` needs "recipe" in every match: a negative "recipe" took back what it gives."""
    from readme_tag.ruleset.model import TagRule, Term
    from readme_tag.suggest.mine import _rule_terms

    rule = TagRule("Cooking", "", {("patterns", "recipe\\s+apps?"): Term("patterns", "recipe\\s+apps?", 3.0, None, "x.yaml", 3)}, "x.yaml", 1)
    known = _rule_terms(rule)
    assert known.matched_by(Candidate("prose", "recipe")) and not known.matched_by(Candidate("prose", "kitchen"))
    versions = _rule_terms(TagRule("Py3", "", {("patterns", "\\bpython[23]\\b"): Term("patterns", "\\bpython[23]\\b", 3.0, None, "x.yaml", 3)}, "x.yaml", 1))
    assert not versions.matched_by(Candidate("prose", "python"))  # every match is "python3", never the word "python"


def test_no_phrase_across_a_code_line_end_nor_a_subdomain_counted_as_its_domain(cli, tmp_path):
    """A phrase ran from one code line into the next ("midi yes"), and both a domain and its subdomain were proposed,
    which, pasted in, counted one link twice."""
    taxonomy = tmp_path / "taxonomy.json"
    taxonomy.write_text(json.dumps([{"id": 1, "name": "Music"}, {"id": 2, "name": "Weather"}]))
    what = ["a synthesizer patch editor", "a drum machine for the browser", "a sampler that slices loops", "a chord trainer for guitarists"]
    where = ["Paris", "a garden shed", "the lab", "our spare room"]
    rows = []
    for n in range(4):
        music = f"# tune-{'abcd'[n]}\n\nThis is {what[n]}, written in {where[n]}; see [docs](https://tone.example-music.org/p{n}).\n\n```sh\nfetch https://example.org/midi\nyes | tune-{n} --install\n```\n"
        (tmp_path / f"m{n}.md").write_text(music)
        sky = ["rain radar tiles", "wind and tide tables", "frost warnings by text", "pollen counts by district"][n]
        (tmp_path / f"w{n}.md").write_text(f"# sky-{'abcd'[n]}\n\nA forecast viewer of {sky}, station {n}.\n")
        rows += [{"file": f"m{n}.md", "tags": ["Music"]}, {"file": f"w{n}.md", "tags": ["Weather"]}]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(row) + "\n" for row in rows))
    proc = cli("rules", "suggest", str(gold), "--taxonomy", str(taxonomy), "--tag", "Music", "--yaml")
    assert proc.returncode == 0 and proc.stdout, proc.stderr
    rule = yaml.safe_load(proc.stdout)
    assert "example-music.org" in rule["domains"] and "tone.example-music.org" not in rule["domains"]
    assert not any("midi yes" in term for entries in rule.values() if isinstance(entries, dict) for term in entries)
