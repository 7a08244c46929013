"""``readme-tag rules``: validate rule files against a taxonomy, mine labelled READMEs for terms, count their tags."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ..settings import Settings
from .app import rules_app
from .console import say, warn
from .exits import EXIT_FAILED, EXIT_INPUT
from .options import command_tagger, settings_options

NO_TAXONOMY_TAG = "none of its tags is in the taxonomy (is --taxonomy missing?)"
"""What suggest and intake say of a gold file none of whose tags the taxonomy has."""


@rules_app.command("check")
@settings_options("taxonomy", "rules")
def rules_check_command(settings: Settings) -> None:
    """Validate the rule files and report taxonomy tags without a rule, rules and intake counts for tags not in the taxonomy,
    relations that name no tag or go round, and a min_confidence no result can reach."""
    from ..decide.decision import highest_confidence
    from ..ruleset.bind import mismatch_message, unused_note
    from ..ruleset.load import errors_of_each
    from ..settings import tagger_for

    errors = errors_of_each([Path(d) for d in settings.rules])
    for error in errors:  # each file in error, not only the first
        say(f"error: {error}")
    if errors:
        raise typer.Exit(EXIT_INPUT)
    tagger = tagger_for(settings)
    binding = tagger.binding
    typer.echo(f"{binding.rule_count} rules valid; taxonomy: {len(tagger.taxonomy)} tags ({tagger.taxonomy.source})")
    for name in binding.fallback:
        typer.echo(f"no rule: {name} (matched by its name only)")
    for name in binding.unused:
        note = unused_note(name, binding, tagger.taxonomy)
        typer.echo(f"unused rule: {name} (not in the taxonomy" + (f"; {note})" if note else ")"))
    for name, other in binding.stand_ins.items():
        if name not in binding.unused:
            typer.echo(f"note: the rule of {name} is your file's alone, in place of {other}'s (to extend {other}, write tag: {other})")
    for name in binding.unused_counts:
        typer.echo(f"unused intake count: {name} (not in the taxonomy)")
    for name in binding.unknown_relations:
        typer.echo(f"unknown tag: {name} names no rule and no taxonomy tag")
    if binding.cycles:
        typer.echo(f"gives_way_to cycle: {', '.join(binding.cycles)} (each gives way, through the others, to itself)")
    highest = highest_confidence(tagger.scoring.relative_cutoff)
    unreachable = tagger.scoring.min_confidence > highest
    if unreachable:
        typer.echo(f"unreachable min_confidence: {tagger.scoring.min_confidence:g} (the highest confidence is {highest:g}, 1 - relative_cutoff)")
    mismatch = mismatch_message(binding)
    if mismatch:
        say(mismatch)
        raise typer.Exit(EXIT_FAILED)
    if unreachable:
        say("scoring.yaml's min_confidence is above any result's confidence: every result would be undecided")
        raise typer.Exit(EXIT_FAILED)


@rules_app.command("suggest")
@settings_options("taxonomy", "rules")
def rules_suggest_command(
    settings: Settings,
    gold: str = typer.Argument(..., metavar="GOLD", help='JSON Lines of {"file", "tags", "also"} per labelled README; - reads it from stdin (paths then from the current folder).'),
    readmes: Optional[Path] = typer.Option(None, "--readmes", exists=True, file_okay=False, help="Directory the gold file's paths are relative to (default: the gold file's)."),
    tag: Optional[List[str]] = typer.Option(None, "--tag", metavar="TAG", help="Only this tag (repeatable; default: every tag the gold file uses)."),
    yaml: bool = typer.Option(False, "--yaml", help="Print rule snippets (new terms with proposed weights, negatives) instead of the table."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the rule snippets (--yaml's) as one <tag>.yaml per tag into this new or empty directory."),
    top: int = typer.Option(20, "--top", min=1, help="Candidates per tag."),
    min_support: int = typer.Option(3, "--min-support", min=1, help="Least number of READMEs with the tag that must contain a candidate."),
    min_precision: float = typer.Option(0.5, "--min-precision", min=0.0, max=1.0, help="Least share of the READMEs holding a candidate that have the tag."),
) -> None:
    """Mine labelled READMEs for candidate rule terms per tag, with their precision, for review."""
    from yaml import safe_load

    from ..errors import InputError, some_of
    from ..gold import load_gold
    from ..reader import shown_name
    from ..suggest import report_text, rule_yaml, suggest, suggestion_files
    from ..vocabulary import tag_key

    named = shown_name(gold)  # as errors name it
    items = load_gold(gold)
    tagger = command_tagger(settings)
    known = tagger.taxonomy.by_key
    given: dict[str, str] = {}  # each gold tag as it is first written
    for name in (t for item in items for t in (*item.tags, *item.also)):
        given.setdefault(tag_key(name), name.strip())
    unknown = sorted(name for key, name in given.items() if key not in known)
    if unknown and len(unknown) < len(given):  # (none known: refused below)
        warn(f"{named}: {len(unknown)} gold tag(s) are not in the taxonomy and get no suggestions: {some_of(unknown)}")
    found = suggest(tagger, items, readmes or Path(gold).parent, tag, min_support, min_precision, warn=lambda problem: warn(f"{named}: {problem}"))
    if not any(s.readmes or s.others for s in found) and any(item.tags for item in items):  # (with --tag too: nothing was read)
        if all(tag_key(t) not in known for item in items for t in item.tags):
            raise InputError(NO_TAXONOMY_TAG, named)
        raise InputError("none of its READMEs with a taxonomy tag could be read", named)
    if not yaml and out is None:
        typer.echo(report_text(found, top), nl=False)
        return
    if out is None:
        typer.echo("---\n".join(rule_yaml(s, top) for s in found), nl=False)  # one YAML document a rule file
        return
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InputError("--out must be a new or empty directory (suggestions never overwrite rules)", str(out))
    out.mkdir(parents=True, exist_ok=True)
    for s, path in zip(found, suggestion_files(out, [tag_key(s.tag) for s in found]), strict=True):
        text = rule_yaml(s, top)
        path.write_text(text, encoding="utf-8")
        written = safe_load(text)
        terms = sum(len(entries) for kind, entries in written.items() if isinstance(entries, dict) and kind != "negative")
        typer.echo(f"{path}: {terms} terms, {len(written.get('negative') or {})} negatives")


@rules_app.command("intake")
@settings_options("taxonomy")
def rules_intake_command(
    settings: Settings,
    gold: List[str] = typer.Argument(..., metavar="GOLD", help='JSON Lines of {"file", "tags"} per labelled README (one file or several; - reads one from stdin).'),
) -> None:
    """Print an intake.yaml: how many of the labelled READMEs carry each taxonomy tag."""
    from ..errors import InputError, some_of
    from ..gold import load_gold
    from ..intake_count import count_intake, intake_yaml

    count = count_intake([item for path in gold for item in load_gold(path)], settings.load_taxonomy())
    if count.unknown and not any(n for _, n in count.counts):
        raise InputError(NO_TAXONOMY_TAG, " ".join(gold))
    if count.unknown:
        warn(f"{len(count.unknown)} gold tag(s) are not in the taxonomy and are not counted: {some_of(count.unknown)}")
    if count.repeated:
        warn(f"{count.repeated} line(s) name a README an earlier line names: each README is counted once, by its first line")
    typer.echo(intake_yaml(count, gold), nl=False)
