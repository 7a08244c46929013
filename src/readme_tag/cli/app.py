"""The typer application that every command module registers with."""

from __future__ import annotations

import typer

from .. import __version__

HELP = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings=HELP,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
rules_app = typer.Typer(help="Work with rule files.", no_args_is_help=True, context_settings=HELP)
app.add_typer(rules_app, name="rules")
answer_app = typer.Typer(help="Guard what an LLM answers to a tagging prompt.", no_args_is_help=True, context_settings=HELP)
app.add_typer(answer_app, name="answer")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"readme-tag {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show a traceback before the one-line error (anywhere on the command line)."),
) -> None:
    """Tag README files with at most N tags from a taxonomy, by rules (no machine learning).

    `readme-tag PATH` is short for `readme-tag tag PATH`. Exit codes: 0 ok, 1 a check
    did not pass, 2 a usage or input error, 3 a batch or a stream of prompts in which some inputs failed.
    """
