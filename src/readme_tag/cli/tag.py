"""``readme-tag tag PATH`` (and the short form ``readme-tag PATH``): tag one README."""

from __future__ import annotations

from typing import Any, Optional

import typer

from ..settings import Settings
from .app import app
from .options import ExplainOption, Format, FormatOption, MinConfidenceOption, PrettyOption, TagsAs, TagsAsOption, command_tagger, settings_options, warn_unreachable


@app.command("tag")
@settings_options()
def tag_command(
    settings: Settings,
    path: str = typer.Argument(
        ...,
        metavar="PATH",
        help="README file to tag, or - for stdin; read as Markdown, or by its suffix as reST, plain text, AsciiDoc, Org, RDoc, POD, Textile, MediaWiki or Creole.",
    ),
    id: Optional[str] = typer.Option(None, "--id", help="The id to answer with (kept as the string given; default: the path)."),
    markup: str = typer.Option("", "--markup", help="Read the README as this markup (md, rst, txt, adoc, org, rdoc, pod, textile...) whatever its name: for stdin, or a file named otherwise."),
    tags_as: TagsAs = TagsAsOption,
    pretty: bool = PrettyOption,
    explain: bool = ExplainOption,
    format: Format = FormatOption,
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Tag one README and print {"id": ..., "tags": [...]}."""
    from ..output import check_tags_as, result_dict
    from ..parse import check_markup
    from .console import warn_if_inputs

    tagger = command_tagger(settings)
    check_tags_as(tagger.taxonomy, tags_as.value)
    warn_unreachable(min_confidence, tagger.scoring)
    result = tagger.tag_file(path, id=id, markup=check_markup(markup))
    if not markup:  # a markup named says the file is a README
        warn_if_inputs(path)
    print_result(result, result_dict(result, tags_as.value, min_confidence), tags_as, pretty, explain, format)


def print_result(result: Any, answer: dict, tags_as: TagsAs, pretty: bool, explain: bool, format: Format) -> None:
    """Print the answer, and with ``explain`` the evidence (a table after it, or one JSON object)."""
    from ..output import explain_dict, explain_text, to_json
    from .console import warn

    if not explain and format == Format.json:
        warn("--format json goes with --explain (the answer is JSON either way); without it, it changes nothing")
    if explain and format == Format.json:
        typer.echo(to_json({**answer, **explain_dict(result, tags_as.value)}, pretty))
        return
    typer.echo(to_json(answer, pretty))
    if explain:
        typer.echo(explain_text(result))
