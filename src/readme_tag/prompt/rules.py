"""The rules' side of a prompt: the Tagger for its own tag list and its own limit."""

from __future__ import annotations

from dataclasses import replace

from ..ruleset.taxonomy import Taxonomy
from ..settings import Settings, tagger_for
from ..tagger import Result, Tagger
from .parse import Prompt


def prompt_tagger(prompt: Prompt, settings: Settings, source: str) -> Tagger:
    """The Tagger for ``prompt``: its tag list as the taxonomy (named ``source`` in errors), its "at most N tags" unless ``settings`` set max_tags."""
    return tagger_for(replace(settings, taxonomy=Taxonomy(prompt.tags, source), max_tags=prompt.limit if settings.max_tags is None else settings.max_tags))


def tag_prompt(tagger: Tagger, prompt: Prompt) -> Result:
    """The prompt's README tagged, with the id of its expected JSON."""
    return tagger.tag(prompt.readme, id=prompt.skeleton.get("id"))
