"""Word forms: accents folded, Russian endings dropped, Romance plurals; terms and text meet in one form."""

from __future__ import annotations

import pytest

from readme_tag.errors import RuleError
from readme_tag.vocabulary import tokens, variants
from readme_tag.word_forms import word_form
from test_scoring import make_tagger


@pytest.mark.parametrize(
    ("written", "form"),
    [
        ("aplicación", "aplicacion"),
        ("straße", "strasse"),
        ("générateur", "generateur"),
        ("łódź", "lodz"),
        ("viện", "vien"),  # Vietnamese tone marks (Latin Extended Additional)
        ("thư", "thu"),
        ("игра", "игр"),
        ("игры", "игр"),
        ("игрой", "игр"),
        ("данных", "данн"),
        ("трёхмерный", "трехмерн"),
        ("для", "для"),  # a stem keeps three letters
        ("game", "game"),
        ("前", "前"),
        ("게임", "게임"),  # Hangul is not decomposed
    ],
)
def test_word_form(written: str, form: str):
    assert word_form(written) == form


def test_tokens_and_variants_use_the_forms():
    assert tokens("Библиотека для игр") == ["библиотек", "для", "игр"]
    assert tokens("KÜTÜPHANE YÖNETİM SİSTEMİ") == tokens("kütüphane yönetim sistemi") == ["kutuphane", "yonetim", "sistemi"]
    assert ("servidores",) in variants("servidor")
    assert ("aplicacoes",) in variants("aplicação")
    assert ("modes",) not in variants("mod")


@pytest.mark.parametrize(
    "readme",
    [
        "# Змейка\n\nКлассическая игра для терминала.\n",  # nominative
        "# Змейка\n\nИсходный код игры для терминала.\n",  # genitive
        "# Snake\n\nUn juego clásico para la terminal.\n",
        "# Snake\n\nUn juego clasico para la terminal.\n",  # written without the accent
    ],
)
def test_a_term_matches_its_inflections_and_spellings(tmp_path, readme: str):
    tagger = make_tagger(tmp_path, {"game": "keywords: {игра: 2, juego clásico: 2}\n", "other": "keywords: {zzz: 1}\n"})
    result = tagger.tag(readme)
    assert result.names == ["game"]
    shown = result.scores["game"].evidence[0].text
    assert shown and shown.lower() in readme.lower()  # evidence shows the words as written


def test_two_spellings_of_one_form_in_a_rule_are_a_repeat(tmp_path):
    with pytest.raises(RuleError, match="repeats"):
        make_tagger(tmp_path, {"game": "keywords: {игра: 2, игры: 1}\n"})
