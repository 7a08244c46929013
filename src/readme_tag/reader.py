"""Read a README from a path or stdin and decode it to text; bound the text that is tagged.

A README's identity is in its first pages: only the first ``TEXT_LIMIT``
characters are parsed and tagged (and at most ``MAX_BYTES`` bytes are read),
so time and memory stay bounded for a file of any size. A longer README is
tagged from its start and the result says it was truncated.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, AnyStr, BinaryIO

from .code_pages import decode_legacy
from .errors import InputError, cannot_read

TEXT_LIMIT = 32 * 1024
"""The most characters of one README that are parsed and tagged."""
MAX_BYTES = 4 * TEXT_LIMIT
"""The most bytes of one README that are read (enough for TEXT_LIMIT characters in UTF-8, UTF-16 and single-byte
encodings; UTF-32, at four bytes a character after its BOM, gives one fewer)."""
DATA_LIMIT = 64 * 1024 * 1024
"""The most bytes (or characters) of a file read whole (a prompt, an LLM's answer, a taxonomy, a gold or lock file), and of
one line of JSON Lines: more is no such input (a device such as ``/dev/zero`` has no end), refused before it fills the memory."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192


@dataclass(frozen=True)
class Source:
    """A decoded README: its text, where it came from, and whether it was cut."""

    text: str
    name: str
    truncated: bool = False


def read_source(path: str, max_bytes: int | None = MAX_BYTES) -> Source:
    """Read ``path`` (``-`` for stdin) and decode it; raise InputError when it is not a README.

    ``max_bytes=None`` reads the whole file (a prompt, which holds more than its README), up to ``DATA_LIMIT``.
    """
    if path == "-":
        read = read_whole if max_bytes is None else lambda stdin, name: stdin.read(max_bytes + 1)
        return decode_bytes(read_stdin(lambda stdin: read(stdin, STDIN)), STDIN, max_bytes)
    try:
        with open_input(path) as handle:
            data = read_whole(handle, path) if max_bytes is None else handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except PermissionError:
        raise InputError("permission denied", path) from None
    except OSError as exc:
        raise cannot_read(exc, path) from None
    return decode_bytes(data, path, max_bytes)


STDIN = "<stdin>"
"""How messages name standard input, given as ``-``."""


def file_named(path: str) -> str:
    """``path`` as a file's, never standard input: a file named ``-`` is ``./-``."""
    return os.path.join(os.curdir, path) if path == "-" else path


def file_in(folder: Path, name: str) -> str:
    """The file ``name`` names from ``folder`` (itself when absolute), never standard input."""
    return file_named(name if os.path.isabs(name) else str(folder / name))


def waits_when_read(path: str | Path) -> bool:
    """Whether what stands at ``path`` is neither a regular file nor a folder (a FIFO, a device, a socket): reading it
    may wait for an end that never comes. False for nothing there."""
    return os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path))


def shown_name(path: str) -> str:
    """``path`` as messages name it: ``<stdin>`` for ``-``."""
    return STDIN if path == "-" else path


def read_whole(handle: IO[AnyStr], name: str, already: int = 0) -> AnyStr:
    """All that ``handle`` holds (after ``already`` bytes read of it); an InputError naming ``name`` when that is more than ``DATA_LIMIT`` in all."""
    data = handle.read(max(0, DATA_LIMIT + 1 - already))
    if already + len(data) > DATA_LIMIT:
        raise InputError(f"larger than {DATA_LIMIT >> 20} MiB, more than readme-tag reads whole (a device such as /dev/zero?)", name)
    return data


def bounded_lines(handle: BinaryIO) -> Iterator[bytes]:
    """The lines of ``handle``; one longer than ``DATA_LIMIT`` is cut to ``DATA_LIMIT + 1`` bytes with no line end (its rest is
    skipped), for its reader to refuse as a line of its own: the lines after it are read as ever."""
    while line := handle.readline(DATA_LIMIT + 1):
        yield line  # before its rest is skipped: a stream with no end (/dev/zero) says so at once, and goes on
        skip_rest_of_cut_line(handle, line)


def skip_rest_of_cut_line(handle: BinaryIO, line: bytes) -> None:
    """Read past the rest of ``line`` when it was cut at ``DATA_LIMIT + 1`` bytes (its reader refuses it as a line of its own)."""
    if len(line) > DATA_LIMIT and not line.endswith(b"\n"):
        while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
            pass


def first_line(handle: BinaryIO, keep: bool = False, limit: int | None = None) -> bytes:
    """The first line of ``handle`` that is not blank, cut at ``limit`` bytes (by default as ``bounded_lines`` cuts one); with ``keep``, the blank lines before it too (stdin is read once)."""
    read = b""
    while True:
        line = handle.readline((DATA_LIMIT if limit is None else limit) + 1)
        read += line
        if not line or line.removeprefix(b"\xef\xbb\xbf").strip():
            return read if keep else line


def standard_input() -> BinaryIO:
    """The bytes of stdin; InputError when the process was started with it closed."""
    if sys.stdin is None:
        raise InputError("standard input is closed", STDIN)
    return sys.stdin.buffer


def read_stdin(read: Callable[[BinaryIO], bytes]) -> bytes:
    """What ``read`` reads of stdin; InputError when it is closed or cannot be read (open for writing only: ``0>file``)."""
    try:
        return read(standard_input())
    except OSError as exc:
        raise cannot_read(exc, STDIN) from None


def open_input(path: str) -> BinaryIO:
    """``open(path, "rb")``; a name no file can have (a NUL byte, or a lone surrogate the file system cannot encode, in
    it) is an InputError, as a missing file is an OSError."""
    try:
        return open(path, "rb")
    except ValueError:
        shown = path.replace("\0", "\\0").encode("utf-8", "backslashreplace").decode("utf-8")
        why = "it holds a NUL byte" if "\0" in path else "it holds a character no file name can (a lone surrogate)"
        raise InputError(f"not a file name: {why}", shown) from None


def decode_bytes(data: bytes, name: str, max_bytes: int | None = MAX_BYTES) -> Source:
    """Decode README bytes: BOMs honoured, UTF-16 without one recognised, UTF-8 first, then the most plausible legacy code page."""
    truncated = max_bytes is not None and len(data) > max_bytes
    if max_bytes is not None and truncated:
        data = data[:max_bytes]
        cut = data.rfind(b"\n")
        if cut > max_bytes // 2:
            data = data[: cut + 1]
    encoding = next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:_SNIFF]:
        encoding = _utf16_without_bom(data[:_SNIFF])
        if encoding is None:
            raise InputError("looks like a binary file (NUL bytes), not text", name)
    if encoding is not None:
        # errors="ignore" drops a code unit cut in half at the size limit.
        return Source(data.decode(encoding, errors="ignore" if truncated else "replace"), name, truncated)
    return Source(_decode_text(data, truncated), name, truncated)


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``sample`` reads as UTF-16 text with no BOM, as Latin-script text with a few
    other characters does: one NUL byte in nine code units of ten or more (the high byte of a Latin letter, the low
    byte of a box-drawing line or a CJK ideograph such as U+2500 or U+4E00), in the byte order that reads the more
    letters, digits and spaces, and that reads few control characters; else None, a binary file (16-bit numbers)."""
    even, odd = sample[0::2], sample[1::2]
    units = len(odd)
    if units < 2:
        return None
    one_nul = sum((a == 0) != (b == 0) for a, b in zip(even, odd, strict=False))  # an odd last byte is no code unit
    if one_nul < 0.9 * units:
        return None
    readings = {encoding: sample[: 2 * units].decode(encoding, errors="replace") for encoding in ("utf-16-le", "utf-16-be")}
    encoding = max(readings, key=lambda name: sum(c.isascii() and (c.isalnum() or c.isspace()) for c in readings[name]))
    controls = sum(c < " " and c not in "\t\n\r\f" for c in readings[encoding])
    return encoding if controls <= 0.05 * units else None


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
"""A character past ASCII that UTF-8 read: without more of them (letters, digits, signs) than bytes it could not, or one
Latin letter beside one stray byte, bytes that are not UTF-8 are a legacy code page's letters (two Chinese characters in
GBK read as one UTF-8 character and two strays, two Japanese ones in Shift_JIS as one of each)."""


def _decode_text(data: bytes, truncated: bool) -> str:
    try:
        # Not final when truncated: a cut at the size limit may end inside a character.
        return codecs.getincrementaldecoder("utf-8")().decode(data, final=not truncated)
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    strays, beyond = text.count("\ufffd"), _BEYOND_ASCII.findall(text)
    letters = sum(unicodedata.category(c)[0] in "LNPS" for c in beyond)  # not a mark alone, nor unassigned
    latin_one = strays == 1 and len(beyond) == 1 and unicodedata.name(beyond[0], "").startswith("LATIN")  # "café" and a stray byte
    if strays <= max(3, len(data) // 200) and (letters > strays or latin_one):  # UTF-8 with a stray byte or two
        return text
    return decode_legacy(data, truncated)


def limit_text(text: str) -> tuple[str, bool]:
    """The first ``TEXT_LIMIT`` characters of ``text`` (cut at a line end when one is near), and whether it was cut."""
    if len(text) <= TEXT_LIMIT:
        return text, False
    cut = text.rfind("\n", 0, TEXT_LIMIT)
    return text[: cut + 1 if cut > TEXT_LIMIT // 2 else TEXT_LIMIT], True
