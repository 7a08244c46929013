"""Reading and decoding README files."""

from __future__ import annotations

import codecs
import os
import struct

import pytest

from readme_tag.errors import InputError
from readme_tag.reader import decode_bytes, read_source


def test_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "README.md"
    path.write_bytes(codecs.BOM_UTF8 + "# Café\r\n\r\nA tool.\r\n".encode())
    source = read_source(str(path))
    assert source.text.startswith("# Café")
    assert not source.truncated


def test_utf16_with_bom():
    data = "# Título\n\nUna biblioteca.\n".encode("utf-16")
    assert decode_bytes(data, "x").text == "# Título\n\nUna biblioteca.\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "# Kube tool\r\n\r\nA command-line tool for clusters: café, naïve.\r\n",
        "# Kube tool\n\n```\n├── main.go\n└── 一 go.mod\n```\n",  # characters whose low byte is NUL (U+2500, U+4E00) were taken for binary
        "# Hi\n",  # under eight code units was binary
        "# Kube tool\n\n" + "─" * 80 + "\nA Kubernetes operator.\n",  # more NULs in the low byte than the high: read in the wrong byte order
    ],
)
def test_utf16_without_bom_is_read_as_text(encoding, text):
    assert decode_bytes(text.encode(encoding), "x").text == text


def test_a_binary_file_with_nul_high_bytes_here_and_there_is_still_binary():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 4, "data.bin")


@pytest.mark.parametrize("data", [struct.pack("<100H", *range(1, 101)), struct.pack(">64H", *range(1, 65)), b"\x01\x00\x02\x00"])
def test_sixteen_bit_numbers_are_binary_not_utf16(data):
    """One NUL byte in each code unit, as UTF-16 text has, but read as text they are control characters."""
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data, "data.bin")


def test_nul_in_most_but_not_nine_tenths_of_the_high_bytes_is_binary_not_utf16():
    """UTF-16 of Latin-script text has a NUL in (nearly) every high byte; 60% is a binary file's pattern, not text's."""
    assert decode_bytes(b"a\x00" * 100, "x").text == "a" * 100  # every high byte NUL: UTF-16
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"a\x00" * 60 + b"aA" * 40, "data.bin")


def test_latin1_fallback_when_not_utf8():
    data = ("# Résumé génération " * 20).encode("latin-1")
    assert "Résumé" in decode_bytes(data, "x").text


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_single_byte_text_with_few_accents_is_not_read_as_utf8(encoding):
    """One accented letter in a long English text is no sign of UTF-8: no character in it reads as UTF-8 but ASCII."""
    data = ("# Gestor\n\n" + "A tool for the team's daily tasks and notes. " * 20 + "Una aplicación web.\n").encode(encoding)
    assert "aplicación" in decode_bytes(data, "x").text


def test_mostly_utf8_with_a_stray_byte_keeps_utf8():
    data = "# Ünïcode tool\n".encode() + b"\xff" + "\nmore text é".encode()
    text = decode_bytes(data, "x").text
    assert "Ünïcode" in text and "é" in text


def test_binary_is_an_error():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.md"))


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_source(str(tmp_path))


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "README.md"
    path.write_text("# x\n")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads any file: make open() refuse as it would for a user

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(InputError, match="permission denied"):
        read_source(str(path))


def test_long_file_is_cut_at_a_line_and_marked(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("# Big\n" + "word " * 100 + "\n" + ("é line\n" * 5000))
    source = read_source(str(path), max_bytes=4096)
    assert source.truncated
    assert len(source.text.encode()) <= 4096
    assert source.text.endswith("\n")


def test_cut_inside_a_character_drops_only_that_character():
    data = ("é" * 3000).encode()  # no newline to cut at
    source = decode_bytes(data, "x", max_bytes=1001)
    assert source.truncated and source.text == "é" * 500


def test_text_limit_cuts_at_a_line_end_and_says_so():
    from readme_tag import Tagger
    from readme_tag.reader import TEXT_LIMIT, limit_text

    text = "# Title\n" + ("a line of filler words\n" * 5000)
    cut, truncated = limit_text(text)
    assert truncated and len(cut) <= TEXT_LIMIT and cut.endswith("\n")
    assert limit_text("short\n") == ("short\n", False)
    assert Tagger().tag(text).truncated  # text given to the API is bounded too
