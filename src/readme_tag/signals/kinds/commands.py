"""``commands``: programs that the shell lines of code blocks run."""

from __future__ import annotations

from ...parse.code import commands_of
from ..code_names import CodeNames

KIND = CodeNames("commands", commands_of)
