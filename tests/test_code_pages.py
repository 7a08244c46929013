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
    assert plausible_share(data.decode("gbk")) < plausible_share(data.decode("cp949"))


def test_common_ideographs_by_their_standards():
    assert common_ideograph("的") and common_ideograph("們") and common_ideograph("日")
    assert not common_ideograph("龘")


def test_decode_legacy_is_what_the_reader_uses_for_bytes_not_utf8():
    data = TEXTS["cp1251"].encode("cp1251")
    assert decode_legacy(data, truncated=False) == decode_bytes(data, "x").text == TEXTS["cp1251"]


def test_a_chinese_readme_in_gbk_gets_the_tags_of_its_utf8_text(tmp_path):
    """The tagger reads the Chinese words its rules know only when the code page is read right."""
    from readme_tag.tagger import Tagger

    text = "# 日志收集服务\n\n一个轻量的日志收集与检索服务，用于监控和日志分析，支持 Docker 容器部署。\n\n## 功能\n\n- 日志采集\n- 全文检索\n- 告警监控\n"
    tagger = Tagger()
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
