"""``readme-tag answer check PROMPT ANSWER``: is an LLM's answer to a tagging prompt valid, and can it be repaired?"""

from __future__ import annotations

import typer

from ..errors import one_line
from .app import answer_app
from .exits import EXIT_FAILED


@answer_app.command("check")
def answer_check_command(
    prompt_path: str = typer.Argument(..., metavar="PROMPT", help="The tagging prompt the LLM was sent (a file, or - for stdin)."),
    answer_path: str = typer.Argument(..., metavar="ANSWER", help="The LLM's reply: JSON, perhaps in a code fence or among prose (a file, or - for stdin)."),
    repair: bool = typer.Option(False, "--repair", help="Fix what is safe (case, spacing, near spellings, unknown or repeated tags, too many tags) and report each fix."),
) -> None:
    """Check an answer: the expected id, tags only from the prompt's list, no repeats, no more than the limit.

    Prints the (repaired) answer as JSON when it is valid; each repair and each
    problem goes to stderr on its own line. Exit 0 valid, 1 invalid, 2 bad input.
    """
    from ..errors import InputError
    from ..output import to_json
    from ..prompt import parse_prompt
    from ..prompt.guard import check_answer
    from ..reader import read_source

    if prompt_path == "-" and answer_path == "-":
        raise InputError("the prompt and the answer cannot both be read from stdin")
    source = read_source(prompt_path, max_bytes=None)
    prompt = parse_prompt(source.text, source.name)
    check = check_answer(prompt, read_source(answer_path, max_bytes=None).text, repair)
    for line in check.repairs:
        typer.echo(f"repaired: {one_line(line)}", err=True)
    for line in check.problems:
        typer.echo(f"invalid: {one_line(line)}", err=True)
    if not check.valid:
        raise typer.Exit(EXIT_FAILED)
    typer.echo(to_json(check.answer))
