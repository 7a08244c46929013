"""``readme-tag prompt FILE``: answer a catalogue's LLM tagging prompt directly."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import typer

from ..settings import Settings
from .app import app
from .options import ExplainOption, Format, FormatOption, MinConfidenceOption, PrettyOption, TagsAs, settings_options
from .tag import print_result


@app.command("prompt")
@settings_options("rules", "max_tags", "cutoff", "strict", max_tags="Override the prompt's 'at most N tags'.")
def prompt_command(
    settings: Settings,
    path: str = typer.Argument(..., help="A catalogue's LLM tagging prompt (README, expected JSON, tag list), or - for stdin."),
    pretty: bool = PrettyOption,
    explain: bool = ExplainOption,
    format: Format = FormatOption,
    min_confidence: Optional[float] = MinConfidenceOption,
) -> None:
    """Answer a tagging prompt: print its expected JSON with the tags filled in from its own list."""
    from ..output import confidence_fields
    from ..prompt import answer, parse_prompt
    from ..reader import read_source
    from ..ruleset.taxonomy import Taxonomy
    from ..settings import tagger_for

    source = read_source(path, max_bytes=None)  # the whole prompt: its tag list may stand after a long README
    prompt = parse_prompt(source.text, source.name)
    taxonomy = Taxonomy(prompt.tags, f"{source.name} (tag list)")
    settings = replace(settings, taxonomy=taxonomy, max_tags=prompt.limit if settings.max_tags is None else settings.max_tags)
    result = tagger_for(settings).tag(prompt.readme, id=prompt.skeleton.get("id"))
    filled = answer(prompt, [t.tag.item for t in result.tags])
    if min_confidence is not None:
        filled.update(confidence_fields(result, min_confidence))
    print_result(result, filled, TagsAs.objects, pretty, explain, format)
