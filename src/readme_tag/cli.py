"""The ``readme-tag`` command line.

``readme-tag PATH`` is short for ``readme-tag tag PATH``. Exit codes:
0 success; 1 a check that did not pass (or an unexpected failure); 2 a usage
or input error, reported in one line on stderr.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, List, Optional

import typer

from . import __version__

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2
EXIT_SOME_FAILED = 3

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class TagsAs(str, Enum):
    """How tags are written in the output."""

    objects = "objects"
    names = "names"
    ids = "ids"


class Format(str, Enum):
    """Text for people, JSON for programs."""

    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readme-tag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Tag README files with at most N tags from a taxonomy, by rules (no machine learning).

    `readme-tag PATH` is short for `readme-tag tag PATH`. Exit codes: 0 ok, 1 a check
    did not pass, 2 a usage or input error, 3 a batch in which some inputs failed.
    """


TaxonomyOption = typer.Option(None, "--taxonomy", help="JSON list of {id, name} tags (default: the embedded 90 tags).")
RulesOption = typer.Option(None, "--rules", help="Directory of rule files laid over the defaults (repeatable).")
MaxTagsOption = typer.Option(None, "--max-tags", min=0, help="Emit at most this many tags (default 3).")
CutoffOption = typer.Option(None, "--cutoff", min=0.0, help="Minimum score for a tag (default from rules/scoring.yaml).")
TagsAsOption = typer.Option(TagsAs.objects, "--tags-as", help="Output tags as taxonomy objects, names or ids.")
PrettyOption = typer.Option(False, "--pretty", help="Indent the JSON output.")
ExplainOption = typer.Option(False, "--explain", help="Show the score and evidence of each emitted and near-miss tag.")
MinConfidenceOption = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help='Add the confidence (0-1) and "confident": false when it is below this.')
FormatOption = typer.Option(Format.text, "--format", help="With --explain: a readable table (text) or JSON.")


StrictOption = typer.Option(False, "--strict", help="Fail when a taxonomy tag has no rule, or a rule's tag is not in the taxonomy.")


def build_tagger(taxonomy: Any, rules: Optional[List[Path]], max_tags: Optional[int], cutoff: Optional[float], strict: bool = False) -> Any:
    """The Tagger for the command line's settings (imported late: ``--version`` stays fast)."""
    from .tagger import Tagger

    return Tagger(taxonomy, rules or None, max_tags=max_tags, cutoff=cutoff, strict=strict)


@app.command("tag")
def tag_command(
    path: str = typer.Argument(..., help="README file to tag, or - for stdin."),
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = MaxTagsOption,
    cutoff: Optional[float] = CutoffOption,
    id: Optional[str] = typer.Option(None, "--id", help="The id to answer with (kept as the string given; default: the path)."),
    tags_as: TagsAs = TagsAsOption,
    pretty: bool = PrettyOption,
    explain: bool = ExplainOption,
    format: Format = FormatOption,
    strict: bool = StrictOption,
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Tag one README and print {"id": ..., "tags": [...]}."""
    from .output import result_dict

    tagger = build_tagger(taxonomy, rules, max_tags, cutoff, strict)
    result = tagger.tag_file(path, id=id)
    _print_result(result, result_dict(result, tags_as.value, min_confidence), tags_as, pretty, explain, format)


def _print_result(result: Any, answer: dict, tags_as: TagsAs, pretty: bool, explain: bool, format: Format) -> None:
    """Print the answer, and with ``explain`` the evidence (a table after it, or one JSON object)."""
    from .output import explain_dict, explain_text, to_json

    if explain and format == Format.json:
        typer.echo(to_json({**answer, **explain_dict(result, tags_as.value), "tags": answer["tags"]}, pretty))
        return
    typer.echo(to_json(answer, pretty))
    if explain:
        typer.echo(explain_text(result))


@app.command("prompt")
def prompt_command(
    path: str = typer.Argument(..., help="A catalogue's LLM tagging prompt (README, expected JSON, tag list), or - for stdin."),
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = typer.Option(None, "--max-tags", min=0, help="Override the prompt's 'at most N tags'."),
    cutoff: Optional[float] = CutoffOption,
    pretty: bool = PrettyOption,
    explain: bool = ExplainOption,
    format: Format = FormatOption,
    strict: bool = StrictOption,
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Answer a tagging prompt: print its expected JSON with the tags filled in from its own list."""
    from .output import confidence_fields
    from .prompt import answer, parse_prompt
    from .reader import read_source
    from .taxonomy import Taxonomy

    source = read_source(path)
    prompt = parse_prompt(source.text, source.name)
    taxonomy = Taxonomy(prompt.tags, f"{source.name} (tag list)")
    tagger = build_tagger(taxonomy, rules, prompt.limit if max_tags is None else max_tags, cutoff, strict)
    result = tagger.tag(prompt.readme, id=prompt.skeleton.get("id"), truncated=source.truncated)
    filled = answer(prompt, [t.tag.item for t in result.tags])
    if min_confidence is not None:
        filled.update(confidence_fields(result, min_confidence))
    _print_result(result, filled, TagsAs.objects, pretty, explain, format)


LockOption = typer.Option(None, "--lock", help="The lock file (default: .readme-tags.json beside each README).")


@app.command("check")
def check_command(
    paths: List[str] = typer.Argument(..., help="README files to check."),
    expect: Optional[str] = typer.Option(None, "--expect", help="Comma-separated tags the README must get (instead of the lock file)."),
    lock: Optional[Path] = LockOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = MaxTagsOption,
    cutoff: Optional[float] = CutoffOption,
) -> None:
    """Exit 1 with a diff when a README's tags differ from --expect or from the lock file."""
    from .errors import InputError
    from .lockfile import entry_key, lock_path, read_lock, tag_diff

    tagger = build_tagger(taxonomy, rules, max_tags, cutoff)
    wanted = [t.strip() for t in expect.split(",") if t.strip()] if expect is not None else None
    for tag in wanted or []:
        if tag.casefold() not in tagger.taxonomy.by_key:
            raise InputError(f"unknown tag {tag!r} in --expect (not in the taxonomy)")
    changed = 0
    for path in paths:
        result = tagger.tag_file(path)
        expected = wanted
        if expected is None:
            lock_file = lock_path(path, lock)
            entries = read_lock(lock_file)
            key = entry_key(path, lock_file)
            if key not in entries:
                raise InputError(f"no entry for {key} in {lock_file} (run: readme-tag lock {path})", path)
            expected = entries[key]
        diff = tag_diff(path, expected, result)
        if diff:
            changed += 1
            typer.echo("\n".join(diff))
        else:
            typer.echo(f"{path}: ok ({', '.join(result.names) or 'no tags'})")
    if changed:
        raise typer.Exit(EXIT_FAILED)


@app.command("lock")
def lock_command(
    paths: List[str] = typer.Argument(..., help="README files whose tags to pin."),
    lock: Optional[Path] = LockOption,
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = MaxTagsOption,
    cutoff: Optional[float] = CutoffOption,
) -> None:
    """Write each README's current tags to the lock file that `check` compares against."""
    from .lockfile import entry_key, lock_path, read_lock, write_lock

    tagger = build_tagger(taxonomy, rules, max_tags, cutoff)
    updates: dict[Path, dict[str, list[str]]] = {}
    for path in paths:
        result = tagger.tag_file(path)
        lock_file = lock_path(path, lock)
        entries = updates.setdefault(lock_file, read_lock(lock_file))
        entries[entry_key(path, lock_file)] = result.names
        typer.echo(f"{path}: {', '.join(result.names) or 'no tags'}")
    for lock_file, entries in updates.items():
        write_lock(lock_file, entries)


rules_app = typer.Typer(help="Work with rule files.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")


@rules_app.command("check")
def rules_check_command(
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
) -> None:
    """Validate the rule files and report taxonomy tags without a rule and rules for tags not in the taxonomy."""
    from .binding import mismatch_message

    tagger = build_tagger(taxonomy, rules, None, None)
    binding = tagger.binding
    typer.echo(f"{binding.rule_count} rules valid; taxonomy: {len(tagger.taxonomy)} tags ({tagger.taxonomy.source})")
    for name in binding.fallback:
        typer.echo(f"no rule: {name} (matched by its name only)")
    for name in binding.unused:
        typer.echo(f"unused rule: {name} (not in the taxonomy)")
    if binding.fallback or binding.unused:
        typer.echo(f"readme-tag: {mismatch_message(binding)}", err=True)
        raise typer.Exit(EXIT_FAILED)


@app.command("eval")
def eval_command(
    gold: str = typer.Argument(..., help='JSON Lines of {"file", "tags", "also"} per README.'),
    readmes: Optional[Path] = typer.Option(None, "--readmes", help="Directory the gold file's paths are relative to (default: the gold file's)."),
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = MaxTagsOption,
    cutoff: Optional[float] = CutoffOption,
    format: Format = typer.Option(Format.text, "--format", help="A readable report (text) or JSON."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when micro F1 is below this."),
    errors: bool = typer.Option(False, "--errors", help="List each README whose tags differ from gold, with evidence."),
) -> None:
    """Measure precision, recall, F1, macro-F1 and top-1 against labelled READMEs."""
    from .evaluate import evaluate, load_gold, report_dict, report_text
    from .output import to_json

    items = load_gold(gold)
    tagger = build_tagger(taxonomy, rules, max_tags, cutoff)
    report = evaluate(tagger, items, readmes or Path(gold).parent)
    if format == Format.json:
        typer.echo(to_json(report_dict(report, errors)))
    else:
        typer.echo(report_text(report, errors))
    if min_f1 is not None and report.f1 < min_f1:
        typer.echo(f"readme-tag: F1 {report.f1:.4f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(EXIT_FAILED)


@app.command("batch")
def batch_command(
    paths: List[str] = typer.Argument(..., help="README files, directories (searched for README files) and JSON Lines files of {id, text} or {id, path}; - reads JSON Lines from stdin."),
    glob: Optional[str] = typer.Option(None, "--glob", help="File names to look for in directories (default: README*)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the JSON lines to this file instead of stdout."),
    resume: Optional[Path] = typer.Option(None, "--resume", help="Skip the ids already in this JSONL file and append the rest to it."),
    taxonomy: Optional[Path] = TaxonomyOption,
    rules: Optional[List[Path]] = RulesOption,
    max_tags: Optional[int] = MaxTagsOption,
    cutoff: Optional[float] = CutoffOption,
    tags_as: TagsAs = TagsAsOption,
    min_confidence: Optional[float] = MinConfidenceOption,
    undecided: Optional[Path] = typer.Option(None, "--undecided", help="Write the ids of READMEs below the confidence threshold here, one JSON value a line (for an LLM to decide)."),
) -> None:
    """Tag many READMEs: one JSON line per input, in input order; failed inputs give {"id", "error"}."""
    from functools import partial

    from .batch import FAILED, UNDECIDED, done_ids, id_key, iter_items, open_output, run_batch
    from .output import result_dict, to_json

    build_tagger(taxonomy, rules, max_tags, cutoff)  # fail early, once, on a bad taxonomy or rule file
    render = partial(result_dict, tags_as=tags_as.value, min_confidence=min_confidence)
    settings = {"taxonomy": taxonomy, "rules": rules or None, "max_tags": max_tags, "cutoff": cutoff, "render": render, "min_confidence": min_confidence}
    items = iter_items(paths, glob)
    if resume is not None:
        skip = done_ids(str(resume))
        items = (item for item in items if id_key(item.id) not in skip)
        output = output or resume
    failed = 0
    sink = open_output(output, append=resume is not None) if output else sys.stdout
    pending = open_output(undecided, append=resume is not None) if undecided else None
    try:
        with _progress() as advance:
            for ident, line, status in run_batch(items, settings, jobs):
                sink.write(line + "\n")
                failed += status == FAILED
                if pending is not None and status == UNDECIDED:
                    pending.write(to_json(ident) + "\n")
                advance()
    finally:
        for handle in (sink, pending):
            if handle is not None and handle is not sys.stdout:
                handle.close()
    if failed:
        typer.echo(f"readme-tag: {failed} input(s) failed; their lines carry an \"error\"", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


def _progress() -> Any:
    """A progress counter on stderr when it is a terminal, else nothing."""
    from contextlib import contextmanager

    @contextmanager
    def counter():  # type: ignore[no-untyped-def]
        if not sys.stderr.isatty():
            yield lambda: None
            return
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        columns = (SpinnerColumn(), TextColumn("{task.completed} READMEs"), TimeElapsedColumn())
        with Progress(*columns, transient=True) as progress:
            task = progress.add_task("tagging", total=None)
            yield lambda: progress.advance(task)

    return counter()


def _route(args: list[str], command: Any) -> list[str]:
    """Make ``readme-tag PATH`` mean ``readme-tag tag PATH``."""
    if not args or args[0] in ("--help", "-h", "--version"):
        return args
    return args if args[0] in getattr(command, "commands", {}) else ["tag"] + args


def main(argv: Optional[List[str]] = None) -> None:
    """Entry point: run the CLI, turning errors into one line on stderr and an exit code."""
    from .errors import ReadmeTagError

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    command = typer.main.get_command(app)
    try:
        code = command.main(_route(args, command), prog_name="readme-tag", standalone_mode=False)
    except ReadmeTagError as exc:
        if debug:
            raise
        _fail(f"error: {exc}", EXIT_INPUT)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_FAILED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # a usage error from click
            _fail(f"error: {exc.format_message()}", EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
        if debug:
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (run with --debug for a traceback)", EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _fail(message: str, code: int) -> None:
    print(f"readme-tag: {message}", file=sys.stderr)
    sys.exit(code)
