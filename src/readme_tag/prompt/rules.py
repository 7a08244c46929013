"""The rules' side of a prompt: the Tagger for its own tag list and its own limit (or the one the command line sets)."""

from __future__ import annotations

from dataclasses import replace

from ..ruleset.taxonomy import Taxonomy
from ..settings import Settings, tagger_for
from ..tagger import Result, Tagger
from .parse import Prompt


def limited(prompt: Prompt, settings: Settings) -> Prompt:
    """``prompt`` with the limit its answers are held to: its own "at most N tags", unless ``settings`` set max_tags."""
    return prompt if settings.max_tags is None else replace(prompt, limit=settings.max_tags)


def prompt_tagger(prompt: Prompt, settings: Settings, source: str) -> Tagger:
    """The Tagger for ``prompt``: its tag list as the taxonomy (named ``source`` in errors), its limit (``limited``)."""
    return tagger_for(replace(settings, taxonomy=Taxonomy(prompt.tags, source), max_tags=limited(prompt, settings).limit))


def tag_prompt(tagger: Tagger, prompt: Prompt) -> Result:
    """The prompt's README tagged, with the id of its expected JSON."""
    return tagger.tag(prompt.readme, id=prompt.skeleton.get("id"))
