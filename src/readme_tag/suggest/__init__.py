"""``readme-tag rules suggest``: mine labelled READMEs for candidate rule terms, per tag, for a person to review.

Candidates are the words and two- and three-word phrases of each section
kind (title, description, heading, body, code) and of the prose as a whole,
link domains, badge services, and the imports, packages and commands of the
code; none starts or ends with a function word (``stop_words.txt``). For
each tag and candidate: how many READMEs with the tag contain it, how many
without, the precision (with / (with + without)), and whether the tag's rule
already has it; only candidates more common with the tag than the tag is,
and only those that tell what no other row tells. Negative candidates come
from the tagger's own mistakes: words that more of the READMEs it wrongly
gives the tag hold than of those it rightly gives it.
Near-copies (a README mirrored, forked or translated several times) count
once: READMEs whose text shares at least half its word triples, estimated
from a small sketch of each, form one group, and counts are of groups.
Sorting breaks ties by text, so the output is the same for the same input.
Terms are shown as READMEs most often write them (accents, a Russian word's
ending; Chinese, Japanese and Korean characters side by side), so a term
pasted into a rule matches what it was counted on; a phrase never runs
across the space between two Korean words.

The steps: ``candidates`` (the terms of a README), ``copies`` (near-copies counted once), ``mine`` (the counts
per tag), ``report`` (the table, the rule file and its name).
"""

from .candidates import Candidate, candidates, phrases, usual_spellings, written_form
from .copies import groups, sketch
from .mine import Row, TagSuggestions, suggest
from .report import proposed_weight, report_text, rule_yaml, suggestion_files

__all__ = [
    "Candidate",
    "Row",
    "TagSuggestions",
    "candidates",
    "groups",
    "phrases",
    "proposed_weight",
    "report_text",
    "rule_yaml",
    "sketch",
    "suggest",
    "suggestion_files",
    "usual_spellings",
    "written_form",
]
