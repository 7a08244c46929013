"""The Tagger: taxonomy and rules compiled once, then README text in, tags out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compiled import compiled_for
from .decide.decision import decide
from .decide.scores import Evidence, TagScore, score_hits
from .document import Document
from .match import Matcher
from .parse import parse_document, read_document
from .reader import decode_bytes, file_named, limit_text
from .ruleset.bind import Binding, refuse_mismatch
from .ruleset.files import read_rule_sources
from .ruleset.model import Scoring
from .ruleset.taxonomy import Tag
from .settings import RulesLike, Settings, TaxonomyLike
from .signals import Hit


@dataclass
class TagResult:
    """An emitted (or near-miss) tag with its score and the evidence for it."""

    tag: Tag
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    beside: str | None = None
    """For a tag emitted under the bar beside one it goes with (``goes_with``): that tag's name."""
    held: str | None = None
    """For a near miss that reached the bar but was left out, why, in words: a later tag's bar of its own, or the more
    specific tag it gives way to (``gives_way_to``)."""


@dataclass
class Result:
    """The answer for one README."""

    id: Any
    tags: list[TagResult]
    near: list[TagResult]
    cutoff: float
    truncated: bool = False
    scores: dict[str, TagResult] = field(default_factory=dict, repr=False)
    """Every tag that scored at all, by name (emitted or not)."""
    confidence: float = 0.0
    """The weakest emitted tag's margin over the cutoff and over the best tag left out (0 to 1)."""
    template_lines: list[int] = field(default_factory=list)
    """The lines of template text left out before matching (``rules/boilerplate.yaml``)."""

    @property
    def names(self) -> list[str]:
        return [t.tag.name for t in self.tags]

    def as_dict(self, tags_as: str = "objects", min_confidence: float | None = None) -> dict[str, Any]:
        """The answer the command line prints: ``{"id", "tags"}`` (tags as taxonomy objects, names or ids)."""
        from .output import result_dict

        return result_dict(self, tags_as, min_confidence)

    def as_json(self, tags_as: str = "objects", min_confidence: float | None = None) -> str:
        """The command line's JSON line for this result, byte for byte."""
        from .output import to_json

        return to_json(self.as_dict(tags_as, min_confidence))

    def explain(self, tags_as: str = "objects", min_confidence: float | None = None) -> dict[str, Any]:
        """What ``--explain --format json`` prints: the answer, and each emitted and near-miss tag with its score and evidence."""
        from .output import explain_dict

        return {**self.as_dict(tags_as, min_confidence), **explain_dict(self, tags_as)}


class Tagger:
    """Tags READMEs against a taxonomy; build once, call ``tag`` many times.

    The arguments are those of ``Settings``: ``taxonomy``, a Taxonomy, a list
    of ``{id, name}`` items, a path to a JSON file, or None for the embedded
    90-tag default; ``rules``, directories of user rules laid over the
    default rules (or used alone, with ``default_rules=False``). A taxonomy
    tag without a rule gets one built from its name; ``strict=True`` makes
    that, and rules for tags outside the taxonomy, an error.
    """

    def __init__(
        self,
        taxonomy: TaxonomyLike = None,
        rules: RulesLike = None,
        *,
        max_tags: int | None = None,
        cutoff: float | None = None,
        default_rules: bool = True,
        strict: bool = False,
    ) -> None:
        self._build(Settings.of(taxonomy, rules, max_tags=max_tags, cutoff=cutoff, default_rules=default_rules, strict=strict))

    @classmethod
    def from_settings(cls, settings: Settings) -> Tagger:
        """The Tagger for ``settings``."""
        tagger = cls.__new__(cls)
        tagger._build(settings)
        return tagger

    def _build(self, settings: Settings) -> None:
        self.settings = settings
        self.taxonomy = settings.load_taxonomy()
        compiled = compiled_for(read_rule_sources([Path(d) for d in settings.rules], settings.default_rules), self.taxonomy)
        if settings.strict:
            refuse_mismatch(compiled[0], self.taxonomy.source)  # strict and lenient runs share one compiled entry
        self.binding: Binding = compiled[0]
        self.matcher: Matcher = compiled[1]
        scoring = self.scoring
        self.max_tags = scoring.max_tags if settings.max_tags is None else settings.max_tags
        self.cutoff = scoring.cutoff if settings.cutoff is None else settings.cutoff
        self.first_tag_floor = scoring.first_tag_floor if settings.cutoff is None else 0.0
        """An explicit cutoff is a promise: no tag below it, so the floor is off."""
        self.companion_cutoff = self.cutoff * (scoring.companion_cutoff_factor if settings.cutoff is None else 1.0)
        """What a tag needs beside one it goes with (an explicit cutoff: the cutoff)."""

    @property
    def scoring(self) -> Scoring:
        """The scoring settings in force (``rules/scoring.yaml`` and any user override)."""
        return self.matcher.scoring

    def tag(self, text: str | bytes, id: Any = None, name: str | os.PathLike[str] = "", truncated: bool = False) -> Result:
        """Tag README ``text``; ``name`` (a file name or path) picks the format by its suffix (``parse.READERS``; Markdown otherwise).

        Bytes are decoded as a file's would be (BOM, UTF-8, then a legacy code page), from as many as a file's read keeps.
        """
        name = os.fspath(name)
        if isinstance(text, (bytes, bytearray)):
            source = decode_bytes(bytes(text), name or "<bytes>")  # at most the bytes a file's read is cut to
            text, truncated = source.text, truncated or source.truncated
        elif not isinstance(text, str):
            raise TypeError(f"tag() takes the README as str (or bytes), not {type(text).__name__}")
        text, cut = limit_text(text)
        return self.tag_document(parse_document(text, name, truncated or cut), id)

    def tag_document(self, doc: Document, id: Any = None) -> Result:
        """Tag a README that is already parsed."""
        doc = self.matcher.boilerplate.strip(doc)
        result = self.tag_hits(self.matcher.match(doc), id, doc.truncated)
        result.template_lines = list(doc.template_lines or ())
        return result

    def tag_hits(self, hits: list[Hit], id: Any = None, truncated: bool = False) -> Result:
        """The answer for the matches of a README (``matcher.match``; a benchmark may leave some out)."""
        scores = score_hits(hits, self.matcher, self.binding.intake)
        decision = decide(
            scores,
            self.max_tags,
            self.cutoff,
            self.scoring.relative_cutoff,
            self.first_tag_floor,
            self.binding.gives_way,
            self.scoring.third_tag_cutoff,
            self.binding.goes_with,
            relative_cutoff_cap=self.scoring.relative_cutoff_cap,
            companion_cutoff=self.companion_cutoff,
            outside_opening_cutoff=self.scoring.outside_opening_cutoff,
            opening_only_cutoff=self.scoring.opening_only_cutoff,
        )
        tags = self.taxonomy.tags

        def result(score: TagScore) -> TagResult:
            anchor = decision.beside.get(score.tag)
            other = decision.gave_way.get(score.tag)
            why = decision.held.get(score.tag) or (None if other is None else f"gives way to {tags[other].name}")
            return TagResult(tags[score.tag].own_copy(), score.score, score.evidence, None if anchor is None else tags[anchor].name, why)

        every = {tags[s.tag].name: result(s) for s in scores.values()}
        chosen = [every[tags[s.tag].name] for s in decision.chosen]
        near = [every[tags[s.tag].name] for s in decision.near]
        return Result(id, chosen, near, decision.cutoff, truncated, every, decision.confidence)

    def tag_file(self, path: str | bytes | os.PathLike[str] | os.PathLike[bytes], id: Any = None, markup: str = "") -> Result:
        """Read and tag one README (a path, as text or as the bytes of a file name; ``-`` (or ``b"-"``) is stdin, a Path never:
        ``Path("./-")`` is ``Path("-")``, a file of that name); the id defaults to the path, as a string; ``markup``
        (adoc, rst...) overrides the file name's suffix."""
        name = os.fsdecode(path)
        read = file_named(name) if isinstance(path, os.PathLike) else name
        return self.tag_document(read_document(read, markup), name if id is None else id)
