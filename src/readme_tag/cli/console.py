"""What the long-running commands say on stderr: notes, warnings, and a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import one_line


def say(message: str) -> None:
    """A note on stderr, on one line (through ``sys.stderr`` as it stands: while a progress bar is drawn, the bar's
    console takes the line and prints it above the bar, not after it)."""
    print(f"readme-tag: {one_line(message)}", file=sys.stderr, flush=True)


def warn(message: str) -> None:
    """A warning on stderr."""
    say(f"warning: {message}")


def warn_if_inputs(path: str) -> None:
    """A warning when the one README to tag looks like JSON Lines of inputs (``batch``'s, as it tells them)."""
    from ..batch.inputs import is_jsonl

    if path != "-" and is_jsonl(path):
        warn(f"{path} looks like JSON Lines of inputs, and is tagged as one README; for a line of tags an input: readme-tag batch {path}")


@contextmanager
def progress(total: int | None, what: str = "READMEs", to_stdout: bool = True) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when stderr is a terminal (count, rate, and the time left when the total is known), unless
    the lines go to stdout (``to_stdout``) and that is a terminal too: the bar would be drawn in among them."""
    if not sys.stderr.isatty() or (to_stdout and sys.stdout.isatty()):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    if total is None:
        columns: tuple[Any, ...] = (SpinnerColumn(), TextColumn("{task.completed} " + what), TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    else:
        columns = (BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True, soft_wrap=True), transient=True) as progress:  # a note said meanwhile stays one line
        task = progress.add_task("tagging", total=total, rate="")

        def advance() -> None:
            speed = progress.tasks[0].speed
            progress.update(task, advance=1, rate=f"{speed:.0f}/s" if speed else "")

        yield advance
