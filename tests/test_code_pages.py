"""README bytes in a legacy code page are read in that code page, not as Windows-1252 mojibake."""

from __future__ import annotations

import pytest

from readme_tag.code_pages import SAMPLE, common_ideograph, decode_legacy, plausible_share
from readme_tag.reader import MAX_BYTES, decode_bytes

# Our own short READMEs, one per language, with the code page such a README was saved in on Windows.
TEXTS = {
    "gbk": "# 日志收集服务\n\n一个轻量的日志收集与检索服务，支持容器部署。\n\n## 安装\n\n    pip install logbox\n\n## 使用方法\n\n启动后打开浏览器查看日志。\n",
    "cp950": "# 記帳小幫手\n\n這是一個簡單的個人記帳程式，可以匯出報表。\n\n## 安裝\n\n請先安裝相依套件，再執行主程式。\n",
    "cp932": "# 画像変換ツール\n\nこれは画像の形式を一括で変換するためのコマンドラインツールです。\n\n## 使い方\n\n次のコマンドを実行してください。\n",
    "cp949": "# 일정 관리 앱\n\n이 프로젝트는 팀의 일정을 함께 관리하는 웹 애플리케이션입니다.\n\n## 설치\n\n아래 명령으로 서버를 실행하세요.\n",
    "cp1251": "# Парсер логов\n\nНебольшая библиотека для разбора журналов веб-сервера. Работает быстро и без зависимостей.\n",
    "cp1252": "# Gestion de bibliothèque\n\nUne application légère pour gérer les prêts de livres à l'école. Conçue pour être simple, même hors ligne.\n",
}


@pytest.mark.parametrize("code_page", sorted(TEXTS))
def test_each_code_page_reads_back_its_own_text(code_page):
    """Before, every one of these but the Western one came out as Windows-1252 mojibake."""
    text = TEXTS[code_page]
    source = decode_bytes(text.encode(code_page), "README.md")
    assert source.text == text


def test_german_with_sharp_s_and_umlauts_stays_western():
    text = "# Werkzeug für Größen\n\nEin schnelles Werkzeug zur Prüfung großer Dateien, überall einsetzbar.\n"
    assert decode_bytes(text.encode("cp1252"), "x").text == text


def test_text_with_only_typographic_quotes_reads_as_windows_1252():
    text = "# Notes\n\nIt\u2019s a \u201csmall\u201d tool \u2013 nothing more.\n"
    assert decode_bytes(text.encode("cp1252"), "x").text == text


def test_bytes_no_code_page_reads_plausibly_fall_back_to_latin_1():
    """0x81 is no Windows-1252 character and stops each multi-byte code page here; Cyrillic reads "aЃ", no word of one
    script: Latin-1 reads any byte."""
    data = b"# Tool\n\nA byte a\x81 alone.\n"
    assert decode_bytes(data, "x").text == data.decode("latin-1")


def test_a_character_cut_at_the_size_limit_is_dropped_not_mojibake():
    """A long Chinese line cut at the byte limit: the odd header puts the cut inside a two-byte character."""
    text = "# 说明x\n\n" + "这是一个数据处理工具" * (MAX_BYTES // 10)
    data = text.encode("gbk")
    assert len(data[:MAX_BYTES].decode("gbk", errors="ignore").encode("gbk")) == MAX_BYTES - 1  # the cut splits a character
    source = decode_bytes(data, "x")
    assert source.truncated and len(source.text) == (MAX_BYTES - 1 - 9) // 2 + 7
    assert text.startswith(source.text)  # every character whole, none replaced


def test_korean_spaced_words_are_not_read_as_chinese():
    """The Korean text's bytes are also valid GBK, where each syllable is a common Chinese character: the spacing tells them apart."""
    data = TEXTS["cp949"].encode("cp949")
    assert plausible_share(data.decode("gbk"), "gbk") < plausible_share(data.decode("cp949"), "cp949")


def test_common_ideographs_by_their_standards():
    assert common_ideograph("的", "gbk") and common_ideograph("們", "cp950") and common_ideograph("日", "cp932")
    assert not common_ideograph("龘", "gbk")


def test_decode_legacy_is_what_the_reader_uses_for_bytes_not_utf8():
    data = TEXTS["cp1251"].encode("cp1251")
    assert decode_legacy(data, truncated=False) == decode_bytes(data, "x").text == TEXTS["cp1251"]


def test_a_chinese_readme_in_gbk_gets_the_tags_of_its_utf8_text(tmp_path, default_tagger):
    """The tagger reads the Chinese words its rules know only when the code page is read right."""
    text = "# 日志收集服务\n\n一个轻量的日志收集与检索服务，用于监控和日志分析，支持 Docker 容器部署。\n\n## 功能\n\n- 日志采集\n- 全文检索\n- 告警监控\n"
    tagger = default_tagger
    (tmp_path / "utf8.md").write_bytes(text.encode("utf-8"))
    (tmp_path / "gbk.md").write_bytes(text.encode("gbk"))
    expected = tagger.tag_file(str(tmp_path / "utf8.md")).tags
    assert expected
    assert tagger.tag_file(str(tmp_path / "gbk.md")).tags == expected


def test_a_byte_the_code_page_lacks_past_the_sample_is_replaced_not_the_whole_text_misread():
    text = TEXTS["gbk"] * (SAMPLE // len(TEXTS["gbk"].encode("gbk")) + 2)
    data = text.encode("gbk") + b"\xff\xff tail\n"  # 0xFF is no GBK lead byte
    read = decode_bytes(data, "x").text
    assert read.startswith(text) and read.endswith("\ufffd\ufffd tail\n")


@pytest.mark.parametrize(
    "text",
    [
        "# Notes\n\nIt\u2019s a tool that doesn\u2019t need anything\u2014written in Go\u2014for logs.\n",
        "# fastq\n\nA queue with 5\u00b5s latency, up to 90\u00b0C, \u00b1a few percent. Loading\u2026please wait.\n",
        "# Outil\n\n## \u00c0 propos\n\nUn outil pour la ligne de commande.\n",
    ],
)
def test_western_text_whose_signs_stand_before_letters_stays_western(text):
    """A quote, dash or sign before a letter is a valid two-byte character in the Chinese, Japanese and Korean code
    pages ("It\u2019s" read as "It\u75f4"), and "\u00c0" alone a Cyrillic "\u0410": the text was read as those."""
    assert decode_bytes(text.encode("cp1252"), "x").text == text


@pytest.mark.parametrize(
    "code_page, words",
    [
        ("gbk", ["\u4e2d\u6587", "\u7b80\u4ecb", "\u529f\u80fd", "\u8bb8\u53ef\u8bc1", "\u793a\u4f8b"]),
        ("cp950", ["\u4e2d\u6587", "\u8aaa\u660e", "\u4f7f\u7528", "\u6587\u4ef6"]),  # (two common Big5 characters whose bytes are common GB 2312 ones read as GBK, which wins the tie)
        ("cp932", ["\u306f\u3058\u3081\u306b", "\u6771\u4eac", "\u624b\u9806", "\u6ce8\u610f", "\u8a2d\u5b9a"]),
        ("cp949", ["\uc124\uce58", "\uc0ac\uc6a9\ubc95", "\uae30\uc5ec", "\uc2dc\uc791\ud558\uae30"]),
    ],
)
def test_one_heading_word_in_an_english_readme_is_read_in_its_code_page(code_page, words):
    """A word or two was read as Cyrillic capitals ("\u0426\u0420\u041e\u0414"), Big5 as Japanese kana or as GBK, Korean as
    Chinese, or the bytes taken for UTF-8 with two stray bytes. (A Big5 or Shift_JIS word whose second bytes are ASCII
    letters reads as plausible Western text too, and Western wins the tie: curly quotes in English are commoner.)"""
    for word in words:
        text = f"# Tool\n\n## {word}\n\nRun it.\n"
        assert decode_bytes(text.encode(code_page), "x").text == text, word


def test_a_byte_the_code_page_lacks_or_a_cut_character_does_not_rule_it_out():
    """0x80 (the euro sign of Windows' own GBK), a name in Windows-1252 or a cut last character in the sample ruled GBK out."""
    for tail in (b" \x80.\n", " Jos\u00e9\n".encode("cp1252"), "\u5e93".encode("gbk")[:1]):
        data = TEXTS["gbk"].encode("gbk") + tail
        assert decode_bytes(data, "x").text.startswith(TEXTS["gbk"])


def test_one_letter_russian_words_are_plausible_and_rare_kanji_are_not_common():
    assert plausible_share("\u0438 \u0432 \u0441 \u043a", "cp1251") == 1.0
    assert not common_ideograph("\u5f0c", "cp932")  # JIS level 2, at the lead byte level 1 ends with
    assert common_ideograph("\u6771", "cp932") and not common_ideograph("\u6771", "gbk")  # \u6771 (east) is Japanese's, not GB 2312's


def test_an_english_readme_with_curly_quotes_and_a_russian_section_far_down_reads_the_section_in_1251():
    """The sample began at the first curly quote, the same byte in 1252 and 1251: 16 KiB of English punctuation tied, and
    Western read the Russian section as "Óáîðùèê"."""
    english = "# Sweeper\n\nIt\u2019s a \u201csmall\u201d tool \u2014 it cleans caches.\n\n" + "Plain English text about the tool and its options.\n" * 400
    russian = "\n## \u041f\u0435\u0440\u0435\u0432\u043e\u0434\n\n\u0423\u0431\u043e\u0440\u0449\u0438\u043a \u2014 \u043e\u0447\u0438\u0441\u0442\u043a\u0430 \u043a\u044d\u0448\u0430 \u0434\u043b\u044f \u0432\u0430\u0448\u0438\u0445 \u0441\u0435\u0440\u0432\u0435\u0440\u043e\u0432.\n"
    text = english + russian
    assert len(english.encode("cp1251")) > SAMPLE
    assert decode_bytes(text.encode("cp1251"), "x").text == text
