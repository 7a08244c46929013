"""``readme-tag rules check``: validate rule files against a taxonomy."""

from __future__ import annotations

import typer

from ..settings import Settings
from .app import rules_app
from .exits import EXIT_FAILED
from .options import settings_options


@rules_app.command("check")
@settings_options("taxonomy", "rules")
def rules_check_command(settings: Settings) -> None:
    """Validate the rule files and report taxonomy tags without a rule and rules for tags not in the taxonomy."""
    from ..ruleset.bind import mismatch_message
    from ..settings import tagger_for

    tagger = tagger_for(settings)
    binding = tagger.binding
    typer.echo(f"{binding.rule_count} rules valid; taxonomy: {len(tagger.taxonomy)} tags ({tagger.taxonomy.source})")
    for name in binding.fallback:
        typer.echo(f"no rule: {name} (matched by its name only)")
    for name in binding.unused:
        typer.echo(f"unused rule: {name} (not in the taxonomy)")
    if binding.fallback or binding.unused:
        typer.echo(f"readme-tag: {mismatch_message(binding)}", err=True)
        raise typer.Exit(EXIT_FAILED)
