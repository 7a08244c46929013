"""The label files in bench/labels: the held-out parts follow the file-name hash, and every listed README names its source."""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import CORPUS

LABELS = Path(__file__).resolve().parents[1] / "bench" / "labels"


def _script(name: str, path: Path):
    """A bench script without a .py suffix, imported as a module."""
    loader = SourceFileLoader(name, str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module


split = _script("split", LABELS / "split")
put_github = _script("put_github", LABELS / "put-github")
samples = _script("samples", LABELS.parent / "samples")
accuracy = _script("accuracy", LABELS.parent / "accuracy")
passing = _script("passing", LABELS.parent / "passing")
keep = _script("keep", LABELS.parent / "keep")
sweep = _script("sweep", LABELS.parent / "sweep")
reach = _script("reach", LABELS.parent / "reach")


def entries(name: str | Path) -> list[dict]:
    """The entries of a JSON Lines label file (a name in bench/labels, or a path)."""
    return [json.loads(line) for line in (LABELS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def files(name: str) -> list[str]:
    return [entry["file"] for entry in entries(name)]


def test_the_pypi_labels_cover_the_listed_readmes_and_hold_out_by_the_hash():
    listed = files("registry.jsonl")
    train, test = files("registry-train.jsonl"), files("registry-test.jsonl")
    assert len(listed) == len(set(listed)) > 100
    assert sorted(train + test) == sorted(listed)
    assert all(split.held_out(file) for file in test) and not any(split.held_out(file) for file in train)


def test_the_debian_labels_cover_the_listed_readmes_once():
    listed = files("debian.jsonl")
    assert len(listed) == len(set(listed)) > 300
    assert sorted(files("debian-train.jsonl") + files("debian-test.jsonl")) == sorted(listed)


def test_the_github_labels_cover_the_listed_readmes_hold_out_a_third_of_the_first_sample_and_all_the_second_validate_on_later_ones_and_keep_the_other_samples_apart():
    sources = entries("github.jsonl")
    listed = [source["file"] for source in sources]
    train, test, val = files("github-train.jsonl"), files("github-test.jsonl"), files("github-val.jsonl")
    tuning = accuracy.TUNING_SAMPLES  # each drawn for tuning, in a file of its own
    apart = {name: files(f"github-{name}.jsonl") for name in ("s3-17", *(f"s{number}" for number in tuning), "formats")}
    assert len(listed) == len(set(listed)) > 400
    assert sorted(train + test + val + [file for part in apart.values() for file in part]) == sorted(listed)
    assert set(apart["s3-17"]) == {source["file"] for source in sources if source["sample"] in (3, *range(5, 18))}
    for number in tuning:
        assert set(apart[f"s{number}"]) == {source["file"] for source in sources if source["sample"] == number}
    assert set(apart["formats"]) == {source["file"] for source in sources if source["sample"] in (31, 32, 33, 34)}  # picked by path
    assert {Path(name).suffix for name in apart["formats"]} == {".adoc", ".org", ".rdoc", ".pod", ".textile", ".mediawiki", ".creole"}
    assert set(val) == {source["file"] for source in sources if source["sample"] in (18, 19, 20, 22, 23, 25, 26, 28, 30)}
    held = {source["file"] for source in sources if source["sample"] == 2 or (source["sample"] == 1 and split.held_out(source["file"]))}
    assert set(test) == held and not held & set(train)
    assert {source["file"] for source in sources if source["sample"] == 4} <= set(train)


def test_every_github_readme_names_its_repository_commit_and_checksum():
    for source in entries("github.jsonl"):
        assert source["repo"].count("/") == 1 and len(source["commit"]) == 40 and len(source["sha256"]) == 64, source
        assert Path(source["file"]).stem == source["repo"].replace("/", "__"), source


@pytest.mark.parametrize("listing", ["registry.jsonl", "debian.jsonl"])
def test_every_fetched_readme_has_a_package_version_and_checksum(listing):
    for source in entries(listing):
        assert source["package"] and source["version"] and len(source["sha256"]) == 64, source


@pytest.mark.skipif(not (CORPUS / "tune" / "labels.jsonl").is_file(), reason="no labelled corpus beside the project")
def test_the_corpus_splits_are_what_the_hash_gives():
    proc = subprocess.run([sys.executable, str(LABELS / "split"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


SOURCE_LABELS = {  # bench/accuracy's split names -> their label files
    **{name: f"{name}.jsonl" for name in ("tune-train", "tune-test", "named-train", "named-test", "extra-val", "extra-test", "wild")},
    **{f"{short}-{part}": f"{long}-{part}.jsonl" for short, long in (("reg", "registry"), ("deb", "debian"), ("gh", "github")) for part in ("train", "test")},
}


def test_each_translation_carries_its_source_readmes_labels_and_stays_on_its_side_of_the_split():
    gold = {name: {entry["file"]: entry for entry in entries(file)} for name, file in SOURCE_LABELS.items()}
    if (CORPUS / "dev" / "labels.jsonl").is_file():
        gold["dev"] = {entry["file"]: entry for entry in entries(CORPUS / "dev" / "labels.jsonl")}
    labelled = {part: {entry["file"]: entry for entry in entries(f"translations-{part}.jsonl")} for part in ("train", "test")}
    listing = entries("translations.jsonl")
    assert len({source["file"] for source in listing}) == len(listing) > 500
    assert sorted(listing_file for part in labelled.values() for listing_file in part) == sorted(source["file"] for source in listing)
    checked = 0
    for source in listing:
        assert source["file"].split("/")[0] == source["lang"] and len(source["sha256"]) == 64, source
        assert source["source_set"].endswith("-test") == (source["split"] == "test"), source
        if source["source_set"] in gold:
            original, mine = gold[source["source_set"]][source["source"]], labelled[source["split"]][source["file"]]
            assert (mine["tags"], mine["also"]) == (original["tags"], original["also"]), source
            checked += 1
    assert checked >= len(listing) // 2


@pytest.mark.parametrize(("listing", "folder"), [("translations.jsonl", "translations"), ("github.jsonl", "github")])
def test_the_texts_copied_in_are_the_labelled_ones(listing: str, folder: str):
    """The translations and the GitHub READMEs are not committed and no script fetches them: each one present (all, or the part copied in) is the text labelled."""
    import hashlib

    present = [source for source in entries(listing) if (LABELS.parent / folder / source["file"]).is_file()]
    if not present:
        pytest.skip(f"bench/{folder} is not committed")
    for source in present:
        assert hashlib.sha256((LABELS.parent / folder / source["file"]).read_bytes()).hexdigest() == source["sha256"], source


def test_a_stop_file_beside_the_copies_folder_calls_the_copying_off(tmp_path: Path):
    """put-github checks nothing once COPIES/STOP exists, and says why with the file's first line."""
    copy = tmp_path / "copies1" / "owner__tool.md.json"
    copy.parent.mkdir()
    copy.write_text("# Tool\\n", encoding="utf-8")
    assert put_github.stopped([copy]) is None
    (tmp_path / "STOP").write_text("the look-ups go to the judges\n", encoding="utf-8")
    reason = put_github.stopped([copy])
    assert reason is not None and reason.startswith("STOP:") and "the look-ups go to the judges" in reason
    (tmp_path / "STOP").write_text("", encoding="utf-8")
    assert (put_github.stopped([copy]) or "").startswith("STOP: copying was called off")


def test_put_github_writes_a_copy_only_when_it_is_the_labelled_text(tmp_path: Path):
    """A copy (the read_file answer's escaped text, or the whole answer) is decoded, cut where the labelled text was, and written only on a matching SHA-256."""
    import hashlib

    text = r"# Tool\u200d\n\tA line with a tab and \"quotes\".\nMore text past the cut.\n"  # as the answer writes it
    decoded = json.loads(f'"{text}"')
    cut_at = decoded.index("More")
    row = {"file": "owner__tool.md", "cut": True, "chars": cut_at, "sha256": hashlib.sha256(decoded[:cut_at].encode()).hexdigest()}
    rows, out = {row["file"]: row}, tmp_path / "github"
    copy = tmp_path / "owner__tool.md.json"
    copy.write_text(text[:-1], encoding="utf-8")  # stops inside the last escape, as a hand-cut copy may
    assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    assert (out / "owner__tool.md").read_bytes() == decoded[:cut_at].encode()
    copy.write_text(json.dumps({"repo": "owner/tool", "text": decoded}), encoding="utf-8")
    assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    for quoted in (f'"{text}"', f'"{text[:-1]}'):  # the string with its quotes, and cut before the closing one
        (out / "owner__tool.md").unlink()
        copy.write_text(quoted, encoding="utf-8")
        assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    (out / "owner__tool.md").unlink()
    copy.write_text(text.replace("tab", "TAB"), encoding="utf-8")
    assert "differs from the labelled text" in put_github.put(copy, rows, out)
    copy.write_text(text[:20], encoding="utf-8")
    assert "too short" in put_github.put(copy, rows, out)
    assert not (out / "owner__tool.md").exists()
    assert "not a row" in put_github.put(tmp_path / "other__x.md.json", rows, out)
    crlf = decoded[:cut_at].replace("\n", "\r\n")  # a file with Windows line endings, which the answer shows as \n
    rows["owner__tool.md"] = dict(row, cut=False, chars=len(crlf), sha256=hashlib.sha256(crlf.encode()).hexdigest())
    copy.write_text(json.dumps(decoded[:cut_at])[1:-1], encoding="utf-8")
    assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    assert (out / "owner__tool.md").read_bytes() == crlf.encode()
    marked = "\ufeff" + crlf  # and one that also begins with a byte-order mark, which the answer drops
    rows["owner__tool.md"] = dict(row, cut=False, chars=len(marked), sha256=hashlib.sha256(marked.encode()).hexdigest())
    assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    assert (out / "owner__tool.md").read_bytes() == marked.encode()
    template = '{{Infobox software\n| name = Tool\n}}\nTool is a "wiki" page.\n'  # a bare text beginning with {, as MediaWiki's do
    rows["owner__tool.md"] = dict(row, cut=False, chars=len(template), sha256=hashlib.sha256(template.encode()).hexdigest())
    copy.write_text(json.dumps(template)[1:-1], encoding="utf-8")
    assert put_github.put(copy, rows, out) == "owner__tool.md: ok"
    assert (out / "owner__tool.md").read_bytes() == template.encode()
    copy.write_text('{"text": 3}', encoding="utf-8")  # neither an answer nor a string's inside
    assert "not a JSON string or a read_file answer" in put_github.put(copy, rows, out)
    copy.unlink()
    assert "cannot read the copy" in put_github.put(copy, rows, out)


def test_put_github_lists_the_rows_a_copier_still_needs_leaving_out_the_texts_present_and_the_lost(tmp_path: Path):
    rows = {json.loads(line)["file"]: json.loads(line) for line in (LABELS / "github.jsonl").read_text(encoding="utf-8").splitlines()}
    wanted = [json.loads(line)["file"] for line in (LABELS / "github-val.jsonl").read_text(encoding="utf-8").splitlines()]
    lost = [name for name in wanted if name in {line.split()[0] for line in (LABELS / "lost.txt").read_text().splitlines() if line and line[0] != "#"}]
    (tmp_path / wanted[0]).write_text("present")
    lines = put_github.missing(["github-val.jsonl"], rows, tmp_path)
    assert len(lines) == len(wanted) - 1 - len(lost) and lost
    first = lines[0].split("\t")
    assert len(first) == 6 and first[0] in wanted and first[0] != wanted[0] and first[1] == rows[first[0]]["repo"] and first[5] in ("True", "False")
    assert put_github.missing([str(LABELS / "github-val.jsonl")], rows, tmp_path) == lines  # a path works as a name does
    with pytest.raises(SystemExit, match="no such label file"):
        put_github.missing(["no-such-labels.jsonl"], rows, tmp_path)


def test_put_github_missing_stops_quietly_when_its_reader_stops(tmp_path: Path):
    """`put-github --missing ... | head`: a reader that closes the pipe early ends the listing without a traceback (only a process shows it)."""
    command = [sys.executable, str(LABELS / "put-github"), "--out", str(tmp_path), "--missing", "github.jsonl"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # far more than a pipe holds is still to come
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert first.count(b"\t") == 5 and errors == b""


def test_samples_scores_as_eval_does_with_intervals_and_a_row_per_language(tmp_path: Path, monkeypatch, capsys):
    """bench/samples' figures for made-up samples are those of readme-tag eval; the language rows split them; a missing text stops it, a lost one is left out."""
    from readme_tag import Tagger
    from readme_tag.evaluate import evaluate
    from readme_tag.gold import load_gold

    texts = {
        "a__kube.md": ("# kube-tidy\n\nA Kubernetes operator: install it with `kubectl apply` or its Helm chart.\n", 1, "en", ["cloud-native"]),
        "b__jump.md": ("# jumpy\n\nA 2D platformer game made with Godot: run, jump and collect coins.\n", 2, "en", ["game"]),
        "c__notes.md": ("# notas\n\nMis apuntes del curso de bases de datos: ejercicios resueltos de SQL.\n", 2, "es", ["learning-resource"]),
    }
    also = {"a__kube.md": ["k8s"], "c__notes.md": ["database"]}  # right if emitted, not required
    labels, folder = tmp_path / "labels", tmp_path / "texts"
    labels.mkdir(), folder.mkdir()
    rows = [{"file": name, "sample": sample, **({"lang": lang} if sample == 2 else {})} for name, (_, sample, lang, _) in texts.items()]
    (labels / "github.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    (labels / "github-val.jsonl").write_text("".join(json.dumps({"file": name, "tags": tags, "also": also.get(name, [])}) + "\n" for name, (_, _, _, tags) in texts.items()))
    for name, (text, *_) in texts.items():
        (folder / name).write_text(text)

    def run(*numbers: str) -> str:
        monkeypatch.setattr(sys, "argv", ["samples", "--labels", str(labels), "--texts", str(folder), "--resamples", "200", *numbers])
        samples.main()
        return capsys.readouterr().out

    shown = run("1", "2").splitlines()
    assert len(shown) == 2 and shown[1].startswith("samples 1 2 ")  # sample 1 records no language: no language rows
    report = evaluate(Tagger(), load_gold(str(labels / "github-val.jsonl")), folder)
    assert f"P {report.precision:.3f} [" in shown[1] and f"F1 {report.f1:.3f} [" in shown[1] and f"no tag {report.untagged} " in shown[1]
    assert f"; {report.untagged_agreed} without gold tags either)" in shown[1]
    low, high = (float(x) for x in shown[1].split("F1 ")[1].split("[")[1].split("]")[0].split(", "))
    assert low <= report.f1 <= high
    agreed = run("--agreed-only", "1", "2").splitlines()[1]  # `also` emitted counts as wrong
    strict = evaluate(Tagger(), [replace(item, also=()) for item in load_gold(str(labels / "github-val.jsonl"))], folder)
    assert f"P {strict.precision:.3f} [" in agreed and f"F1 {strict.f1:.3f} [" in agreed
    assert strict.precision < report.precision  # a tag of `also` was emitted: the test can tell the two apart
    by_language = run("2").splitlines()
    assert [line.split()[0:3] for line in by_language[2:]] == [["in", "English", "1"], ["not", "in", "English"]]
    (folder / "c__notes.md").unlink()
    with pytest.raises(SystemExit, match="1 of 2 texts are missing"):
        run("2")
    present = run("--present", "2").splitlines()  # a partial copy, measured on what it has
    assert present[1].split()[:3] == ["samples", "2", "1"] and "no tag" in present[1]
    (labels / "lost.txt").write_text("# texts no copy can restore\nc__notes.md  # gone from the index\n")
    assert run("2").splitlines()[1].split()[:3] == ["samples", "2", "1"]  # a lost text is left out, not missing
    with pytest.raises(SystemExit, match="no labelled README of sample 3"):
        run("3")
    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader gone before the first line (`| head -0`): only a process shows how it ends
    command = [sys.executable, str(LABELS.parent / "samples"), "--labels", str(labels), "--texts", str(folder), "--resamples", "50", "2"]
    done = subprocess.run(command, stdout=write_end, stderr=subprocess.PIPE, check=False)
    os.close(write_end)
    assert done.returncode == 0 and done.stderr == b""


def test_every_sample_picked_by_name_names_the_commit_it_was_first_measured_with():
    """bench/labels/starts.txt covers bench/accuracy's FIRST_REPOSITORIES, and in a whole clone each commit is there to archive."""
    first = samples.starts(LABELS / "starts.txt")
    assert sorted(first) == sorted(int(name.removeprefix("gh-s")) for name in accuracy.FIRST_REPOSITORIES)
    root = LABELS.parents[1]
    shallow = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, text=True, check=False) if shutil.which("git") else None
    if shallow is None or shallow.returncode or shallow.stdout.strip() != "false":
        pytest.skip("no whole git history here")
    for commit in sorted(set(first.values())):
        assert subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True, check=False).returncode == 0, commit


TWO_READMES = {
    "a__kube.md": "# kube-tidy\n\nA Kubernetes operator: install it with `kubectl apply` or its Helm chart.\n",
    "b__jump.md": "# jumpy\n\nA 2D platformer game made with Godot: run, jump and collect coins.\n",
}
"""Two READMEs this checkout tags as their gold says (k8s; game), and their gold."""
TWO_GOLD = json.dumps({"file": "a__kube.md", "tags": ["k8s"]}) + "\n" + json.dumps({"file": "b__jump.md", "tags": ["game"]}) + "\n"


@pytest.fixture
def two_commits(tmp_path: Path) -> SimpleNamespace:
    """A throwaway git repository of this checkout's src and rules: commit ``same``, then ``unreachable``, whose cutoff no tag reaches."""
    repository = tmp_path / "repo"
    root = LABELS.parents[1]
    for part in ("src", "rules"):
        shutil.copytree(root / part, repository / part, ignore=shutil.ignore_patterns("__pycache__"))

    def commit() -> str:
        git = ["git", "-C", str(repository), "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
        subprocess.run([*git, "add", "-A"], check=True, capture_output=True)
        subprocess.run([*git, "commit", "-qm", "x"], check=True, capture_output=True)
        return subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()

    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    same = commit()
    scoring = repository / "rules" / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("\ncutoff: 3\n", "\ncutoff: 1000\n").replace("\nfirst_tag_floor: 0.5\n", "\nfirst_tag_floor: 0\n"), encoding="utf-8")
    return SimpleNamespace(repository=repository, same=same, unreachable=commit())


NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None or shutil.which("tar") is None, reason="reads commits with git and tar")
"""With ``slow``: the tests that build a commit's checkout from git (10-60 s each); .ci/run runs them with -m slow."""


@NEEDS_GIT
@pytest.mark.slow
def test_samples_at_start_tags_each_sample_with_its_own_commit(tmp_path: Path, monkeypatch, capsys, two_commits):
    """--at-start runs each sample's commit (bench/labels/starts.txt) from a git archive: the same figures for the same rules, none under a cutoff no tag reaches; --compare counts the answers that moved; an unlisted sample or a missing commit is a one-line exit."""
    labels, folder = tmp_path / "labels", tmp_path / "texts"
    for made in (labels, folder):
        made.mkdir()
    repository, same, unreachable = two_commits.repository, two_commits.same, two_commits.unreachable
    texts = TWO_READMES
    (labels / "github.jsonl").write_text("".join(json.dumps({"file": name, "sample": number}) + "\n" for number, name in enumerate(texts, 1)))
    (labels / "github-val.jsonl").write_text(TWO_GOLD)
    for name, text in texts.items():
        (folder / name).write_text(text)
    (labels / "starts.txt").write_text(f"# sample commit\n1 {same}  # the rules as they are\n2 {unreachable}\n")

    def run(*words: str) -> str:
        monkeypatch.setattr(sys, "argv", ["samples", "--labels", str(labels), "--texts", str(folder), "--repository", str(repository), "--resamples", "100", "--confidence", "0.5", *words])
        samples.main()
        return capsys.readouterr().out

    now, then = run("1").splitlines(), run("--at-start", "1").splitlines()
    assert len(now) == 2 and "F1 1.000" in now[1] and "at confidence 0.5: 100% at P 1.000" in now[1]
    assert then == now == run("--at", same, "1").splitlines()
    cut = run("--at-start", "2").splitlines()
    assert "no tag 1 (100.0%" in cut[1] and "at confidence 0.5: 0% at P 0.000" in cut[1]  # the commit's cutoff, not this checkout's
    assert "no tag 0 " in run("2").splitlines()[1] and run("--at", unreachable, "2").splitlines() == cut
    compared = run("--compare", unreachable, "1", "2").splitlines()  # this checkout tags both; the unreachable cutoff neither
    assert compared[:2] == run("1", "2").splitlines()[:2] and "no tag 2 (100.0%" in compared[-2] and compared[-2].startswith(f"at {unreachable}")
    assert compared[-1] == f"answers moved from {unreachable}: 2 of 2 (2 better, 0 worse, 0 even)"
    assert run("--compare", same, "1").splitlines()[-1] == f"answers moved from {same}: 0 of 1 (0 better, 0 worse, 0 even)"
    (labels / "starts.txt").write_text(f"1 {same}\n")
    with pytest.raises(SystemExit, match="names no start commit for sample 2"):
        run("--at-start", "1", "2")
    (labels / "starts.txt").write_text("1 0000000000000000000000000000000000000000\n")
    with pytest.raises(SystemExit, match="git archive 0000000000000000000000000000000000000000 failed"):
        run("--at-start", "1")


def test_keep_rule_conditions():
    """Validation's F1 may not fall (with --rise: must rise), its precision fall at most 0.005, the tuned 815's F1 at most 0.002."""
    before = {"validation": (0.6700, 0.7100), "tuned 815": (0.9000, 0.9500)}

    def holds(validation: tuple[float, float], tuned: float, rise: bool = False) -> list[bool]:
        return [held for _, held in keep.verdict(before, {"validation": validation, "tuned 815": (tuned, 0.9)}, rise)]

    assert holds((0.6700, 0.7100), 0.9000) == [True, True, True]
    assert holds((0.6700, 0.7100), 0.9000, rise=True) == [False, True, True]
    assert holds((0.6710, 0.7050), 0.8980, rise=True) == [True, True, True]
    assert holds((0.6699, 0.7049), 0.8979) == [False, False, False]
    assert "validation F1 0.6700 -> 0.6699 (does not fall)" in keep.verdict(before, {"validation": (0.6699, 0.7), "tuned 815": (0.9, 0.9)}, False)[0][0]
    tuned = {"tuned 815": before["tuned 815"]}  # --tuned-only: the tuned 815's condition alone
    assert [held for _, held in keep.verdict(tuned, {"tuned 815": (0.8979, 0.9)}, False)] == [False]
    assert [held for _, held in keep.verdict(tuned, {"tuned 815": (0.8980, 0.9)}, False)] == [True]


def test_keep_margin_rule_for_decision_settings():
    """--margin: validation's smaller margin over F1 0.60 / precision 0.65 must rise by more than 0.003; the tuned 815 do not count."""
    before = {"validation": (0.6791, 0.7147), "tuned 815": (0.9054, 0.96)}  # smaller margin: precision's, 0.0647

    def holds(f1: float, precision: float) -> list[bool]:
        return [held for _, held in keep.verdict(before, {"validation": (f1, precision), "tuned 815": (0.80, 0.9)}, False, True)]

    assert holds(0.6784, 0.7230) == [True]  # 0.0730: precision up, F1 a little down, the tuned 815 far down
    assert holds(0.6784, 0.7170) == [False]  # 0.0670: up by less than 0.003
    assert holds(0.6400, 0.7600) == [False]  # F1's margin, 0.0400, is now the smaller
    assert keep.margin(0.63, 0.70) == pytest.approx(0.03)
    assert "0.0647 -> 0.0730" in keep.verdict(before, {"validation": (0.6784, 0.7230), "tuned 815": (0.8, 0.9)}, False, True)[0][0]


def test_sweep_decides_each_value_from_one_matching_as_the_tagger_with_that_setting_does(tmp_path: Path, monkeypatch, capsys):
    """bench/sweep's rows for today's settings and for max_tags 1 are readme-tag eval's with those settings; other settings and refused splits exit 2."""
    from readme_tag import Tagger
    from readme_tag.evaluate import evaluate
    from readme_tag.gold import load_gold

    texts = {
        "a.md": ("# kube-tidy\n\nA Kubernetes operator in Go: install it with `kubectl apply` or its Helm chart.\n", ["k8s", "cloud-native"]),
        "b.md": ("# jumpy\n\nA 2D platformer game made with Godot: run, jump and collect coins.\n", ["game"]),
        "c.md": ("# tinyjson\n\nA small JSON parser library for C.\n\n```c\n#include <tinyjson.h>\n```\n", ["json", "lib", "parser"]),
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"file": name, "tags": tags}) + "\n" for name, (_, tags) in texts.items()))
    for name, (text, _) in texts.items():
        (tmp_path / name).write_text(text)
    groups = sweep.groups
    monkeypatch.setattr(sweep, "groups", lambda keep, names: {"made up": [("made-up", gold, tmp_path)]})
    monkeypatch.setattr(sys, "argv", ["sweep", "max_tags=1"])
    sweep.main()
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert len(rows) == 2 and rows[0][:2] == ["today's", "settings"] and rows[1][:2] == ["max_tags", "1"]
    items = load_gold(str(gold))
    for row, tagger in zip(rows, (Tagger(), Tagger(max_tags=1)), strict=True):
        report = evaluate(tagger, items, tmp_path)
        assert row[-5:-1] == ["3", f"{report.precision:.4f}", f"{report.recall:.4f}", f"{report.f1:.4f}"]
    assert rows[0][-3] != rows[1][-3]  # one tag a README loses recall here: the setting was applied
    one = ("json", "parser")  # c.md's json and parser given by one labeller only
    gold.write_text("".join(json.dumps({"file": name, "tags": [t for t in tags if t not in one], "also": [t for t in tags if t in one]}) + "\n" for name, (_, tags) in texts.items()))
    monkeypatch.setattr(sys, "argv", ["sweep", "--agreed-only", "max_tags=1"])
    sweep.main()
    agreed = capsys.readouterr().out.splitlines()[1].split()
    items = load_gold(str(gold))
    strict, loose = (evaluate(Tagger(), [replace(item, also=()) for item in items] if only else items, tmp_path) for only in (True, False))
    assert agreed[-4:-1] == [f"{strict.precision:.4f}", f"{strict.recall:.4f}", f"{strict.f1:.4f}"] and strict.precision < loose.precision  # parser, emitted, is wrong now
    with pytest.raises(argparse.ArgumentTypeError, match="not a decision setting"):
        sweep.parse_values("intake_weight=0.2")  # it changes the scores, not only the decision
    with pytest.raises(argparse.ArgumentTypeError, match="must be a number"):
        sweep.parse_values("cutoff=2,high")
    assert sweep.parse_values("max_tags=1,2") == ("max_tags", [1, 2])
    for refused in ("extra-test", min(accuracy.JUDGES)):  # a held-out split, a judge
        with pytest.raises(ValueError, match=f"{refused}: not a tuned split or validation"):
            groups(keep, [refused])
    monkeypatch.setattr(sweep, "groups", groups)
    monkeypatch.setattr(sys, "argv", ["sweep", "--split", "extra-test", "cutoff=2"])
    with pytest.raises(SystemExit) as refused_run:
        sweep.main()
    assert refused_run.value.code == 2 and "sweep: error: extra-test: not a tuned split" in capsys.readouterr().err


def test_reach_decides_from_one_matching_and_leaves_out_a_seeded_share_or_the_terms_no_tuned_readme_matches(tmp_path: Path, monkeypatch, capsys):
    """bench/reach's row with no term out is readme-tag eval's; the terms no tuned README matches are the ones its "unmatched"
    row loses (a game README beside a tuned Kubernetes one loses its game tag); a share's draw is the same for a seed and
    nearly every term out leaves no tag; a share not between 0 and 1 is refused."""
    from readme_tag import Tagger
    from readme_tag.evaluate import Outcome, evaluate, score_outcomes
    from readme_tag.gold import load_gold

    def split(name: str, texts: dict[str, tuple[str, list[str]]]) -> tuple[Path, Path]:
        folder = tmp_path / name
        folder.mkdir()
        for file, (text, _) in texts.items():
            (folder / file).write_text(text)
        gold = tmp_path / f"{name}.jsonl"
        gold.write_text("".join(json.dumps({"file": file, "tags": tags}) + "\n" for file, (_, tags) in texts.items()))
        return gold, folder

    measured = split("val", {"b.md": (TWO_READMES["b__jump.md"], ["game"]), "c.md": ("# tinyjson\n\nA small JSON parser library for C.\n", ["json", "lib"])})
    tuning = split("tuned", {"a.md": (TWO_READMES["a__kube.md"], ["k8s"]), "d.md": ("# jsonette\n\nA JSON parser library for C.\n", ["json", "lib"])})
    monkeypatch.setattr(reach, "groups", lambda accuracy: ({"validation": [measured]}, [tuning]))
    monkeypatch.setattr(sys, "argv", ["reach", "--share", "0.999", "--seeds", "2"])
    reach.main()
    shown = capsys.readouterr().out.splitlines()
    assert shown and shown[0].endswith("of the 2 tuned READMEs here")
    rows = {" ".join(line.split()[2:-3]): [float(x) for x in line.split()[-3:]] for line in shown[2:]}
    assert list(rows) == ["none", "99.9% at random", "unmatched in tuning"]
    report = evaluate(Tagger(), load_gold(str(measured[0])), measured[1])
    assert rows["none"] == [round(report.precision, 4), round(report.recall, 4), round(report.f1, 4)] and report.f1 > 0.5
    assert rows["99.9% at random"][2] < 0.2  # nearly every positive term out (with 1% left a draw could keep a term of these READMEs, as new rules once moved it): next to no tag is left
    tagger = Tagger()
    tuned = {hit.signal for _, hits in reach.matched(tagger, [tuning], set()) for hit in hits}
    kept = [
        Outcome(item, tagger.tag_hits([hit for hit in hits if hit.signal in tuned or tagger.matcher.signals[hit.signal].negative]).names, None)
        for item, hits in reach.matched(tagger, [measured], set())
    ]
    assert "game" in tagger.tag_file(str(measured[1] / "b.md")).names and "game" not in kept[0].emitted and "lib" in kept[1].emitted
    unseen = score_outcomes(kept)
    assert rows["unmatched in tuning"] == [round(unseen.precision, 4), round(unseen.recall, 4), round(unseen.f1, 4)] and unseen.recall < report.recall
    positive = list(range(1000))
    assert reach.left_out(positive, 0.1, 0) == reach.left_out(positive, 0.1, 0) != reach.left_out(positive, 0.1, 1)
    assert 50 < len(reach.left_out(positive, 0.1, 0)) < 150
    for refused in ("0", "1", "1.5", "half"):
        with pytest.raises(argparse.ArgumentTypeError):
            reach.share(refused)


@NEEDS_GIT
@pytest.mark.slow
def test_keep_measures_this_checkout_against_a_base_commit(tmp_path: Path, monkeypatch, capsys, two_commits):
    """bench/keep tags the groups with the base's src and rules in a process of its own: against a base that tags nothing every
    group rises (kept); against the same rules with --rise validation does not (not kept); a missing text is a one-line exit."""
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in TWO_READMES.items():
        (folder / name).write_text(text)
    (tmp_path / "gold.jsonl").write_text(TWO_GOLD)
    split = ("two", str(tmp_path / "gold.jsonl"), str(folder))
    monkeypatch.setattr(keep, "groups", lambda tuned_only=False: {"tuned 815": [split]} if tuned_only else {"validation": [split], "tuned 815": [split]})

    def run(*words: str) -> list[str]:
        monkeypatch.setattr(sys, "argv", ["keep", "--repository", str(two_commits.repository), *words])
        keep.main()
        return capsys.readouterr().out.splitlines()

    shown = run("--base", two_commits.unreachable, "--rise")
    assert shown[-1].startswith("kept") and shown[-4] == "holds  validation F1 0.0000 -> 1.0000 (rises)"
    assert shown[1].split()[-1] == "0.0000" and shown[3].split()[-1] == "1.0000"  # the base's row, then this checkout's
    with pytest.raises(SystemExit, match="not kept"):
        run("--base", two_commits.same, "--rise")
    assert "FAILS  validation F1 1.0000 -> 1.0000 (rises)" in capsys.readouterr().out
    assert run("--base", two_commits.same)[-1].startswith("kept")
    alone = run("--base", two_commits.unreachable, "--tuned-only")  # validation's texts elsewhere: the tuned 815's condition alone
    assert alone[-2] == "holds  tuned 815 F1 0.0000 -> 1.0000 (falls at most 0.002)" and not any("validation" in line for line in alone)
    (folder / "b__jump.md").unlink()
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 2 and "bench/keep: two (validation): 1 texts missing" in capsys.readouterr().err


def test_bench_scripts_stop_when_readme_tag_is_another_checkouts(tmp_path: Path, monkeypatch, capsys, two_commits):
    """Run from a checkout (a git worktree) whose readme_tag is not the one imported, a script stops with a one-line error
    naming both, before it tags anything: it would print the other checkout's figures as this one's."""
    accuracy.own_package("bench/accuracy")  # this checkout's own: passes
    monkeypatch.setattr(accuracy, "ROOT", tmp_path)
    with pytest.raises(SystemExit) as stopped:
        accuracy.own_package("bench/accuracy")
    shown = capsys.readouterr()
    assert stopped.value.code == 2 and shown.out == ""
    assert shown.err.startswith("bench/accuracy: readme_tag is imported from ") and shown.err.count("\n") == 1
    assert shown.err.endswith(f"not this checkout's {tmp_path / 'src'}: set PYTHONPATH={tmp_path / 'src'}\n")
    monkeypatch.setattr(keep, "script", lambda name: accuracy)
    monkeypatch.setattr(sys, "argv", ["keep", "--repository", str(two_commits.repository), "--base", two_commits.same])
    with pytest.raises(SystemExit) as stopped:
        keep.main()
    shown = capsys.readouterr()
    assert stopped.value.code == 2 and shown.out == "" and shown.err.startswith("bench/keep: readme_tag is imported from ")
    monkeypatch.setitem(sys.modules, "readme_tag", None)  # run with a Python that has no readme_tag: a traceback once
    with pytest.raises(SystemExit) as stopped:
        accuracy.own_package("bench/accuracy")
    shown = capsys.readouterr()
    assert stopped.value.code == 2 and shown.err.startswith("bench/accuracy: readme_tag is not installed for ") and shown.err.count("\n") == 1


@pytest.mark.parametrize("script", ["languages", "passing", "reach", "speed"])
def test_the_measuring_scripts_run_as_processes_refuse_another_checkouts_readme_tag(script: str, tmp_path: Path):
    """The scripts that measure this checkout's code (not bench/snapshot, which compares installed versions) stop before
    measuring when the readme_tag on the path is another one: exit 2, one line naming both, nothing on stdout."""
    (tmp_path / "readme_tag").mkdir()
    for name in ("__init__.py", "evaluate.py", "parse.py", "settings.py", "vocabulary.py"):
        (tmp_path / "readme_tag" / name).write_text("Tagger = load_gold = read_document = Settings = tag_key = None\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    ran = subprocess.run([sys.executable, str(LABELS.parent / script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert ran.returncode == 2 and ran.stdout == "", ran.stderr
    assert ran.stderr.startswith(f"bench/{script}: readme_tag is imported from {tmp_path}, not this checkout's ") and ran.stderr.count("\n") == 1


@pytest.mark.parametrize("script", ["accuracy", "keep", "languages", "passing", "reach", "samples", "speed", "snapshot", "sweep", "labels/split", "labels/fetch", "labels/put-github"])
def test_each_bench_script_answers_help_without_running(script: str, tmp_path: Path):
    """``--help`` prints the usage and exits 0 (it once ran everything, held-out rows included); an unknown option exits 2."""
    path = LABELS.parent / script
    shown = subprocess.run([sys.executable, str(path), "--help"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert shown.returncode == 0 and shown.stdout.startswith("usage:")
    assert "READMEs" not in shown.stdout.split("\n\n", 1)[0]  # the usage line, no table
    refused = subprocess.run([sys.executable, str(path), "--no-such-option"], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert refused.returncode == 2 and f"{path.name}: error:" in refused.stderr


@pytest.mark.parametrize(("script", "code"), [("accuracy", 0), ("passing", 0), ("labels/split", 1)])
def test_the_corpus_is_looked_for_where_readme_tag_shared_says(script: str, code: int, tmp_path: Path):
    """A checkout that is not beside ../shared names the shared folder in $README_TAG_SHARED (bench/accuracy skips without a corpus, split fails)."""
    env = {**os.environ, "README_TAG_SHARED": str(tmp_path / "elsewhere")}
    ran = subprocess.run([sys.executable, str(LABELS.parent / script), *(["--check"] if script == "labels/split" else [])], capture_output=True, text=True, env=env, timeout=60)
    assert ran.returncode == code
    assert f"no labelled corpus at {tmp_path / 'elsewhere' / 'corpus'}" in ran.stdout + ran.stderr


def test_passing_halves_a_terms_body_and_code_weights_marks_it_and_leaves_a_marked_or_opening_only_term_alone(tmp_path: Path):
    """bench/passing --apply rewrites only the weight at the end of each listed line, and a second run changes nothing."""
    rule = tmp_path / "x.yaml"
    rule.write_text(
        "keywords:\n"
        "  renderer: 0.4\n"
        "  shader: {weight: 1.5, title: 3}  # a graphics word\n"
        "  api docs: {weight: 1, only: [title, description]}\n"
        "patterns:\n"
        "  '/api/v\\d+/': {weight: 1, only: [body, heading]}\n",
        encoding="utf-8",
    )
    assert passing.apply(rule, {2, 3, 4, 6}) == 3
    lines = rule.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "  renderer: {weight: 0.4, body: 0.2, code: 0.2}  # mostly in passing"
    assert lines[2] == "  shader: {weight: 1.5, title: 3, body: 0.75, code: 0.75}  # a graphics word (mostly in passing)"
    assert lines[3] == "  api docs: {weight: 1, only: [title, description]}"
    assert lines[5] == "  '/api/v\\d+/': {weight: 1, only: [body, heading], body: 0.5}  # mostly in passing"
    assert passing.apply(rule, {2, 3, 4, 6}) == 0


def test_passing_counts_a_terms_record_only_where_it_stands_in_the_body_or_code(tmp_path: Path, default_tagger):
    """A term is judged by the places whose weight --apply halves: a match in the title counts neither right nor wrong."""
    folder = tmp_path / "tuned"
    folder.mkdir()
    opening = "A small program that keeps the files of a home folder in order, described here at some length.\n\n"
    texts = {
        "in-body.md": "# Tidy\n\n" + opening + "## Setup\n\nPoint it at your kubeconfig before the first run.\n",
        "in-title-wrong.md": "# Kubeconfig tidy\n\n" + opening,
        "in-title-right.md": "# Kubeconfig merge\n\n" + opening,
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps({"file": name, "tags": ["k8s"] if "right" in name else ["cli"], "also": []}) + "\n" for name in texts), encoding="utf-8")
    splits = [("tuned", gold, "tuned", True), ("judge", gold, "tuned", True), ("held", gold, "tuned", False)]
    bench = SimpleNamespace(lost=set, SPLITS=splits, CORPUS=tmp_path, TRANSLATIONS=tmp_path / "tr", PROBES=tmp_path / "probes")
    right, wrong = passing.records(default_tagger, bench, {"judge"})
    matcher = default_tagger.matcher
    names = [tag.name.strip() for tag in default_tagger.taxonomy.tags]
    term = [i for i, signal in enumerate(matcher.signals) if signal.text == "kubeconfig" and names[signal.tag] == "k8s" and not signal.negative]
    assert len(term) == 1
    assert (right[term[0]], wrong[term[0]]) == (0, 1)  # in-body.md only; the held-out and left-out splits are not counted


def test_the_held_out_groups_of_bench_accuracy_name_held_out_splits_and_all_of_them_together():
    held = {name for name, _, _, tuned in accuracy.SPLITS if not tuned and name not in accuracy.VALIDATION}
    groups = accuracy.HELD_GROUPS
    assert set(groups["held-all"]) == {name for group, names in groups.items() if group != "held-all" for name in names}
    assert set(groups["held-all"]) <= held and not set(groups["held-all"]) & {"intake", "tr-test"}


def test_bench_accuracy_rows_count_no_tag_over_all_readmes_and_over_those_with_gold_tags():
    """An empty answer to a README its labellers left without a tag counts in "no tag", not in "gold-tagged"."""
    from readme_tag.evaluate import Outcome, score_outcomes
    from readme_tag.gold import GoldItem

    gold = [GoldItem("a.md", (), ()), GoldItem("b.md", ("cli",), ()), GoldItem("c.md", ("k8s",), ()), GoldItem("d.md", ("game",), ())]
    emitted = [[], [], ["k8s"], ["game"]]
    line = accuracy.row("made-up", "tuned", score_outcomes([Outcome(item, tags, None) for item, tags in zip(gold, emitted, strict=True)]), "-", 3)
    assert line.split()[-3:] == ["50.0%", "33.3%", "-"]


def test_the_first_repositories_row_of_bench_accuracy_names_tuned_github_samples_drawn_that_way():
    """gh-first joins tuned GitHub sample splits (drawn with `draw candidates --top`), each from its own label file."""
    tuned = {name: gold for name, gold, _, is_tuned in accuracy.SPLITS if is_tuned}
    assert accuracy.FIRST_REPOSITORIES and set(accuracy.FIRST_REPOSITORIES) <= set(tuned)
    assert all(tuned[name].name == f"github-{name.removeprefix('gh-')}.jsonl" for name in accuracy.FIRST_REPOSITORIES)


def test_the_judges_are_samples_picked_by_name_each_with_its_start_commit():
    """bench/accuracy's JUDGES (tuned sets not tuned on yet) are samples drawn the hidden sample's way, each measured at a recorded commit."""
    first = samples.starts(LABELS / "starts.txt")
    assert accuracy.JUDGES and accuracy.JUDGES.issubset(accuracy.FIRST_REPOSITORIES)
    assert all(int(name.removeprefix("gh-s")) in first for name in accuracy.JUDGES)


def test_bench_accuracy_errors_list_the_tuned_sets_and_never_a_judge_or_an_untuned_split():
    """--errors lists a tuned set's READMEs; a judge's errors stay unread until it is spent, like held-out and validation."""
    listed = {name for name, _, _, tuned in accuracy.SPLITS if accuracy.lists_errors(name, tuned)}
    tuned = {name for name, _, _, is_tuned in accuracy.SPLITS if is_tuned}
    assert listed == tuned - accuracy.JUDGES
    assert "dev" in listed and not listed & accuracy.JUDGES and "gh-val" not in listed and "extra-test" not in listed


def test_the_lost_readmes_bench_accuracy_leaves_out_are_labelled_github_readmes_each_with_its_reason():
    gone = accuracy.lost()
    assert gone and gone <= set(files("github.jsonl"))
    reasons = [line.split("#", 1) for line in (LABELS / "lost.txt").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(reasons) == len(gone) and all(len(parts) == 2 and parts[1].strip() for parts in reasons)


draw = _script("draw", LABELS / "draw")


def _candidates(tmp_path, capsys, repos, top):
    """`draw candidates zq` over ``repos``, with "drawn/earlier" already in a rows folder: the lines it prints."""
    (tmp_path / "list.txt").write_text("\n".join(repos) + "\n")
    rows = tmp_path / "rows"
    rows.mkdir()
    (rows / "ab.jsonl").write_text(json.dumps({"file": "drawn__earlier.md", "repo": "drawn/earlier"}) + "\n")
    draw.candidates(draw.argparse.Namespace(fragment="zq", list=tmp_path / "list.txt", rows=rows, top=top))
    return capsys.readouterr().out.splitlines()


def test_draw_lists_a_fragments_candidates_in_hash_order_and_marks_the_labelled(tmp_path, capsys):
    labelled_repo = entries("github.jsonl")[0]["repo"]
    order = draw.positions("zq", 30)
    assert len(order) == len(set(order)) == 12 and all(0 <= position < 30 for position in order)
    repos = [f"someone/repo{number}" for number in range(30)]
    repos[order[0]], repos[order[1]] = labelled_repo.upper(), "drawn/earlier"
    lines = _candidates(tmp_path, capsys, repos, top=False)
    assert len(lines) == 12 and [int(line.split()[2]) for line in lines] == order
    assert [line.endswith("SKIP (already labelled)") for line in lines[:3]] == [True, True, False]


def test_draw_marks_a_readme_labelled_by_a_file_without_a_repo_field_as_labelled(tmp_path, capsys):
    """wild.jsonl's rows name only their file (owner__name.md): its repositories are labelled all the same."""
    elsewhere = {source["file"] for source in entries("github.jsonl")}
    row = next(row for row in entries("wild.jsonl") if row["file"] not in elsewhere)
    assert "repo" not in row
    repos = ["someone/free", Path(row["file"]).stem.replace("__", "/", 1)]
    lines = _candidates(tmp_path, capsys, repos, top=True)
    assert [line.endswith("SKIP (already labelled)") for line in lines] == [False, True]


def test_draw_top_lists_a_fragments_first_twelve_in_the_lists_order(tmp_path, capsys):
    repos = [f"someone/repo{number}" for number in range(30)]
    repos[1] = "drawn/earlier"
    lines = _candidates(tmp_path, capsys, repos, top=True)
    assert [int(line.split()[2]) for line in lines] == list(range(12)) != draw.positions("zq", 30)
    assert [line.endswith("SKIP (already labelled)") for line in lines[:3]] == [False, True, False]


def test_draw_lists_a_path_listing_in_its_order_marking_the_labelled_and_an_owners_third(tmp_path, capsys):
    labelled_repo = entries("github.jsonl")[0]["repo"]
    repos = ["pair/one", labelled_repo.lower(), "free/one", "pair/two", "pair/three", "drawn/earlier"]
    (tmp_path / "list.txt").write_text("\n".join(repos) + "\n")
    rows = tmp_path / "rows"
    rows.mkdir()
    (rows / "adoc.jsonl").write_text("".join(json.dumps({"file": f"{name}.adoc", "repo": name}) + "\n" for name in ("drawn/earlier", "pair/one", "pair/two")))
    draw.listed(draw.argparse.Namespace(list=tmp_path / "list.txt", rows=rows))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[2] for line in lines] == repos and [int(line.split()[1]) for line in lines] == list(range(6))
    marks = [line.partition("SKIP ")[2] for line in lines]
    assert marks == ["(already labelled)", "(already labelled)", "", "(already labelled)", "(two of its owner's labelled)", "(already labelled)"]


def test_draw_puts_a_copy_only_when_its_length_agrees_cuts_it_at_8000_and_counts_it_once(tmp_path, capsys):
    rows, out = tmp_path / "rows", tmp_path / "github"

    def put(total: int, text: str, repo: str = "a/b", path: str = "README.md", windows: bool = False) -> None:
        copy = tmp_path / "copy.json"
        copy.write_text(json.dumps(text)[1:-1])  # a JSON string's inside, as a helper saves it
        namespace = draw.argparse.Namespace(fragment="ab", repo=repo, path=path, commit="c" * 40, total=total, copy=copy, rows=rows, out=out, windows_line_ends=windows)
        draw.put(namespace)

    put(9000, "x" * 9000)
    put(45, "# Title\nA line of text here.\nAnother one.\n", repo="c/d", path="README")  # 42 characters: the index counts Windows line ends
    with pytest.raises(SystemExit):
        put(60, "# Short\n", repo="e/f")
    put(45, "= Title\n\nA paragraph of AsciiDoc prose here.\n", repo="g/h", path="README.adoc")  # the suffix picks the reader
    put(46, "#+TITLE: Title\nA paragraph of Org prose here.\n", repo="i/j", path="README.org")
    put(42, "= Title\n\nA paragraph of RDoc prose here.\n\n", repo="k/l", path="README.rdoc")
    put(12000, "a line of a long README\n" * 400, repo="m/n", windows=True)  # a cut text's Windows line ends, restored before the cut
    put(42, "= Title\n\nA paragraph of RDoc prose again\n\n", repo="k/l", path="README.rdoc")  # put again: its row is replaced
    saved = [json.loads(line) for line in (rows / "ab.jsonl").read_text().splitlines()]
    assert [(row["file"], row["chars"], row["cut"]) for row in saved] == [
        ("a__b.md", 8000, True),
        ("c__d.txt", 45, False),
        ("g__h.adoc", 45, False),
        ("i__j.org", 46, False),
        ("m__n.md", 8000, True),
        ("k__l.rdoc", 42, False),
    ]
    assert (out / "c__d.txt").read_bytes().count(b"\r\n") == 3
    assert (out / "m__n.md").read_bytes().count(b"\r\n") == 8000 // 25 and b"\n" not in (out / "m__n.md").read_bytes().replace(b"\r\n", b"")
    assert saved[0]["sha256"] == put_github.hashlib.sha256((out / "a__b.md").read_bytes()).hexdigest()
    assert "saved a__b.md" in capsys.readouterr().out


def test_draw_merges_two_labellings_into_common_tags_and_the_rest(tmp_path, capsys):
    rows = tmp_path / "rows"
    rows.mkdir()
    (rows / "xy.jsonl").write_text("".join(json.dumps({"file": name, "repo": name, "sample": 0}) + "\n" for name in ("one.md", "two.md")))
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"file": "two.md", "tags": ["cli", "lib"], "lang": "zh"}) + "\n" + json.dumps({"file": "one.md", "tags": ["game"], "lang": "en"}) + "\n")
    second.write_text(json.dumps({"file": "one.md", "tags": ["game"], "lang": "en"}) + "\n" + json.dumps({"file": "two.md", "tags": ["lib", "game-engine "], "lang": "zh"}) + "\n")
    out = tmp_path / "labels.jsonl"
    draw.merge(draw.argparse.Namespace(sample=31, out=out, rows=rows, fragments="xy", labellings=[first, second]))
    assert [json.loads(line) for line in out.read_text().splitlines()] == [
        {"file": "one.md", "tags": ["game"], "also": []},
        {"file": "two.md", "tags": ["lib"], "also": ["cli", "game-engine"]},
    ]
    assert [(row["sample"], row["lang"]) for row in map(json.loads, (rows / "rows-31.jsonl").read_text().splitlines())] == [(31, "en"), (31, "zh")]
    assert "agreement 0.667" in capsys.readouterr().out  # 2 x 2 common of 6 chosen


def test_snapshot_diff_says_what_moved_and_refuses_what_is_no_snapshot(tmp_path: Path):
    """Equal snapshots exit 0, a moved tag exits 1 and is listed, a missing or broken file is one line and exit 2."""
    script = str(LABELS.parent / "snapshot")
    line = {"id": "dev/a.md", "tags": ["cli"], "scores": {"cli": 5.0}}
    first, moved, broken = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    first.write_text(json.dumps(line) + "\n")
    moved.write_text(json.dumps({**line, "tags": ["lib"]}) + "\n")
    broken.write_text("{not json\n")
    same = subprocess.run([sys.executable, script, "--diff", str(first), str(first)], capture_output=True, text=True, timeout=60)
    assert same.returncode == 0 and "tags changed:    0" in same.stdout
    differ = subprocess.run([sys.executable, script, "--diff", str(first), str(moved)], capture_output=True, text=True, timeout=60)
    assert differ.returncode == 1 and "dev/a.md: ['cli'] -> ['lib']" in differ.stdout
    for bad in (tmp_path / "missing.jsonl", broken):
        ran = subprocess.run([sys.executable, script, "--diff", str(first), str(bad)], capture_output=True, text=True, timeout=60)
        assert ran.returncode == 2 and ran.stdout == "" and ran.stderr.startswith(f"bench/snapshot: {bad}: cannot read it as a snapshot") and ran.stderr.count("\n") == 1
