"""``readme-tag eval GOLD.jsonl``: precision, recall, F1 and more against labelled READMEs."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..settings import Settings
from .app import app
from .console import warn
from .exits import EXIT_FAILED
from .options import Format, command_tagger, settings_options


@app.command("eval")
@settings_options()
def eval_command(
    settings: Settings,
    gold: str = typer.Argument(..., metavar="GOLD", help='JSON Lines of {"file", "tags", "also"} per README; - reads it from stdin (paths then from the current folder).'),
    readmes: Optional[Path] = typer.Option(None, "--readmes", exists=True, file_okay=False, help="Directory the gold file's paths are relative to (default: the gold file's)."),
    format: Format = typer.Option(Format.text, "--format", help="A readable report (text) or JSON."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", min=0.0, max=1.0, help="Exit 1 when micro F1 is below this (0 to 1)."),
    errors: bool = typer.Option(False, "--errors", help="List each README whose tags differ from gold, with evidence."),
) -> None:
    """Measure precision, recall, F1, macro-F1 and top-1 against labelled READMEs.

    Warns of READMEs that cannot be read and of gold tags outside the taxonomy; --strict makes them an error.
    """
    from ..errors import InputError
    from ..evaluate import evaluate, gold_problems, report_dict, report_text
    from ..gold import load_gold
    from ..output import to_json
    from ..reader import shown_name

    items = load_gold(gold)
    tagger = command_tagger(settings)
    report = evaluate(tagger, items, readmes or Path(gold).parent)
    problems = gold_problems(report, tagger.taxonomy)
    if problems and settings.strict:
        raise InputError("; ".join(problems), shown_name(gold))
    for problem in problems:
        warn(f"{shown_name(gold)}: {problem}")
    if format == Format.json:
        typer.echo(to_json(report_dict(report, errors)))
    else:
        typer.echo(report_text(report, errors))
    if min_f1 is not None and round(report.f1, 4) < min_f1:  # the F1 as the report shows it: 0.9286 passes --min-f1 0.9286
        typer.echo(f"readme-tag: F1 {report.f1:.4f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(EXIT_FAILED)
