"""``readme-tag PATH`` with nothing else: the tag command's default answer, without building the typer app.

A one-file run is what hooks and CI steps do most; typer and the pydantic
adapters it builds for each of a command's options took more of such a run
than the tagging. With any option or subcommand the typer app answers, and
its ``tag`` command gives the same bytes (``tests/test_cli.py`` checks).
"""

from __future__ import annotations

from ..gc_paused import gc_paused
from .exits import EXIT_OK

COMMANDS = frozenset(("tag", "prompt", "answer", "check", "lock", "rules", "eval", "batch"))
"""The typer app's commands: an argument with one of these names is a command, not a README."""


def is_plain(args: list[str]) -> bool:
    """Whether ``args`` is one README path (or ``-``) and nothing else."""
    return len(args) == 1 and (args[0] == "-" or not args[0].startswith("-")) and args[0] not in COMMANDS


def tag_plain(path: str) -> int:
    """Tag ``path`` with the default settings and print ``{"id", "tags"}``."""
    with gc_paused():  # a one-file run makes little garbage, but collections while importing and loading rules cost
        from ..output import result_dict, to_json
        from ..settings import Settings, tagger_for
        from .console import warn_if_inputs

        result = tagger_for(Settings()).tag_file(path)
        warn_if_inputs(path)
        print(to_json(result_dict(result)), flush=True)
        return EXIT_OK
