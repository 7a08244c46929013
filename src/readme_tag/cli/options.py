"""Options that several commands share, declared once; ``settings_options`` gives a command its ``Settings``.

The Tagger's settings (``--taxonomy``, ``--rules``, ``--max-tags``,
``--cutoff``, ``--strict``) are added to a command's signature by the
decorator, and the command receives one frozen ``Settings`` built from them.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from ..errors import some_of
from ..ruleset.model import Scoring
from ..settings import Settings

if TYPE_CHECKING:
    from ..tagger import Tagger


class TagsAs(str, Enum):
    """How tags are written in the output."""

    objects = "objects"
    names = "names"
    ids = "ids"


class Format(str, Enum):
    """Text for people, JSON for programs."""

    text = "text"
    json = "json"


TagsAsOption = typer.Option(TagsAs.objects, "--tags-as", help="Output tags as taxonomy objects, names or ids.")
PrettyOption = typer.Option(False, "--pretty", help="Indent the JSON output.")
ExplainOption = typer.Option(False, "--explain", help="Show the score and evidence of each emitted and near-miss tag.")
MinConfidenceOption = typer.Option(None, "--min-confidence", min=0.0, max=1.0, help='Add the confidence (0-1) and "confident": true when it reaches this, false below it.')
FormatOption = typer.Option(Format.text, "--format", help="With --explain: a readable table (text) or JSON (the answer is JSON either way).")
MAX_JOBS = 4 * (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
"""More worker processes than this (four for each core this process may run on) only cost memory and start-up: tagging is CPU-bound."""


def jobs_option(help: str) -> Any:
    """``--jobs``/``-j``: worker processes, 1 to ``MAX_JOBS``."""
    return typer.Option(1, "--jobs", "-j", min=1, max=MAX_JOBS, help=f"{help} (at most {MAX_JOBS}: four a core).")


def warn_unreachable(min_confidence: float | None, scoring: Scoring) -> None:
    """Warn when ``--min-confidence`` is above the most any result can have under these rules: nothing would be confident."""
    from ..decide.decision import highest_confidence
    from .console import warn

    highest = highest_confidence(scoring.relative_cutoff)
    if min_confidence is not None and min_confidence > highest:
        warn(f"--min-confidence {min_confidence:g} is above {highest:g}, the highest confidence these rules give (1 - relative_cutoff): no result will be confident")


def command_tagger(settings: Settings) -> Tagger:
    """The Tagger of a command's settings; a warning when rules of the user's files name no taxonomy tag, and so count
    nothing (a misspelt tag, or ``--taxonomy`` left out), and when their relations (gives_way_to, goes_with) name no tag."""
    from ..ruleset.bind import unused_note
    from ..settings import tagger_for
    from .console import warn

    tagger = tagger_for(settings)
    unused = tagger.binding.unused
    if unused:
        named = [f"{name} ({note})" if (note := unused_note(name, tagger.binding, tagger.taxonomy)) else name for name in unused]
        missing = "; is --taxonomy missing?" if settings.taxonomy is None else ""
        warn(f"{len(unused)} rule(s) of --rules name no taxonomy tag and count nothing: {some_of(named)}{missing}")
    unknown = tagger.binding.unknown_relations
    if unknown:
        warn(f"{len(unknown)} relation(s) of --rules name no rule and no taxonomy tag and do nothing: {some_of(unknown)}")
    return tagger


def _option(name: str, annotation: Any, option: Any) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=annotation)


SETTINGS = {
    "taxonomy": _option("taxonomy", Optional[Path], typer.Option(None, "--taxonomy", help="JSON list of {id, name} tags, or of tag names (default: the embedded 90 tags).")),
    "rules": _option("rules", Optional[List[Path]], typer.Option(None, "--rules", metavar="DIR", help="Directory of rule files laid over the defaults (repeatable).")),
    "max_tags": _option("max_tags", Optional[int], typer.Option(None, "--max-tags", min=0, help="Emit at most this many tags (default 3).")),
    "cutoff": _option("cutoff", Optional[float], typer.Option(None, "--cutoff", min=0.0, help="Minimum score for a tag (default: rules/scoring.yaml, which holds later tags to bars of their own).")),
    "strict": _option("strict", bool, typer.Option(False, "--strict", help="Fail when a taxonomy tag has no rule, or a rule's tag is not in the taxonomy.")),
}
"""The Tagger's settings as command-line options."""


def settings_options(*names: str, **help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the settings options ``names`` (all by default) and pass it ``settings: Settings``.

    ``help`` overrides an option's help text for this command (``max_tags="..."``).
    """
    chosen = names or tuple(SETTINGS)

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "settings"]
        added = [_with_help(SETTINGS[name], help.get(name)) for name in chosen]

        @functools.wraps(command)
        def run(**arguments: Any) -> None:
            values = {name: arguments.pop(name) for name in chosen}
            command(settings=_settings(values), **arguments)

        run.__signature__ = signature.replace(parameters=own + added)  # type: ignore[attr-defined]
        return run

    return decorate


def _with_help(parameter: inspect.Parameter, text: str | None) -> inspect.Parameter:
    if text is None:
        return parameter
    option = parameter.default
    return parameter.replace(default=typer.Option(option.default, *option.param_decls, min=option.min, help=text))


def settings_args(settings: Settings) -> list[str]:
    """The options that give ``settings`` on a command line (for a command a message tells the user to run)."""
    args = ["--taxonomy", settings.taxonomy] if isinstance(settings.taxonomy, str) else []
    for directory in settings.rules:
        args += ["--rules", directory]
    args += ["--max-tags", str(settings.max_tags)] if settings.max_tags is not None else []
    args += ["--cutoff", repr(settings.cutoff)] if settings.cutoff is not None else []
    return args + (["--strict"] if settings.strict else [])


def _settings(values: dict[str, Any]) -> Settings:
    taxonomy = values.get("taxonomy")
    return Settings(
        taxonomy=str(taxonomy) if taxonomy is not None else None,
        rules=tuple(str(r) for r in values.get("rules") or ()),
        max_tags=values.get("max_tags"),
        cutoff=values.get("cutoff"),
        strict=bool(values.get("strict", False)),
    )
