"""``imports``: modules imported by the code blocks (Python, JavaScript, Rust, Go, Java, Julia, C, R, Ruby; CMake's find_package)."""

from __future__ import annotations

from ...parse.code import imports_of
from ..code_names import CodeNames

KIND = CodeNames("imports", imports_of)
