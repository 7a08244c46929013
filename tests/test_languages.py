"""The rules know each field in the twelve other languages they cover: tests/languages.yaml, one opening per tag and language.

Each sentence says what a project is the way a README's opening would, in
Chinese, Japanese, Korean, Russian, Spanish, Portuguese, German, French,
Italian, Vietnamese, Indonesian or Turkish; tagged with the default rules and
settings (as ``readme-tag`` tags it), it must get its tag. A tag that the rules
know only in English, or in some of the languages, shows here by name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import opening_tags
from readme_tag import Tagger
from readme_tag.ruleset.yaml_lines import load_yaml

PHRASES = load_yaml((Path(__file__).parent / "languages.yaml").read_text(encoding="utf-8"), "languages.yaml")
LANGUAGES = ("zh", "ja", "ko", "ru", "es", "pt", "de", "fr", "it", "vi", "id", "tr")


def test_every_tag_has_a_sentence_in_every_language() -> None:
    assert PHRASES and all(tuple(by) == LANGUAGES for by in PHRASES.values())


@pytest.mark.parametrize("tag", sorted(PHRASES))
def test_each_language_opening_gets_its_tag(default_tagger: Tagger, tag: str) -> None:
    assert tag in {t.name for t in default_tagger.taxonomy.tags}
    wrong = []
    for language, sentence in PHRASES[tag].items():
        names = opening_tags(default_tagger, sentence)
        if tag not in names:
            wrong.append(f"{language}: {names} for {sentence!r}")
    assert not wrong, "\n".join(wrong)
