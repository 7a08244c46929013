"""``readme-tag batch``: many READMEs, one JSON line each, in input order."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from ..settings import Settings
from .app import app
from .exits import EXIT_SOME_FAILED
from .options import MinConfidenceOption, TagsAs, TagsAsOption, settings_options


@app.command("batch")
@settings_options()
def batch_command(
    settings: Settings,
    paths: List[str] = typer.Argument(..., help="README files, directories (searched for README files) and JSON Lines files of {id, text} or {id, path}; - reads JSON Lines from stdin."),
    glob: Optional[str] = typer.Option(None, "--glob", help="File names to look for in directories (default: README*)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the JSON lines to this file instead of stdout."),
    resume: Optional[Path] = typer.Option(None, "--resume", help="Skip the ids already in this JSONL file and append the rest to it."),
    tags_as: TagsAs = TagsAsOption,
    min_confidence: Optional[float] = MinConfidenceOption,
    undecided: Optional[Path] = typer.Option(None, "--undecided", help="Write the ids of READMEs below the confidence threshold here, one JSON value a line (for an LLM to decide)."),
) -> None:
    """Tag many READMEs: one JSON line per input, in input order; failed inputs give {"id", "error"}."""
    from ..batch.inputs import iter_items
    from ..batch.resume import done_ids, id_key, open_output
    from ..batch.work import FAILED, UNDECIDED, Render, run_batch
    from ..output import to_json
    from ..settings import tagger_for

    tagger_for(settings)  # fail early, once, on a bad taxonomy or rule file (forked workers inherit it)
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
            for done in run_batch(items, settings, Render(tags_as.value, min_confidence), jobs):
                sink.write(done.line + "\n")
                failed += done.status == FAILED
                if pending is not None and done.status == UNDECIDED:
                    pending.write(to_json(done.id) + "\n")
                advance()
    finally:
        for handle in (sink, pending):
            if handle is not None and handle is not sys.stdout:
                handle.close()
    if failed:
        typer.echo(f"readme-tag: {failed} input(s) failed; their lines carry an \"error\"", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


@contextmanager
def _progress() -> Iterator[Callable[[], None]]:
    """A progress counter on stderr when it is a terminal, else nothing."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.completed} READMEs"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("tagging", total=None)
        yield lambda: progress.advance(task)
