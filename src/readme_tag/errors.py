"""Errors that the CLI reports as one line with exit code 2."""

from __future__ import annotations

_LINE_BREAKS = {ord(c): c.encode("unicode_escape").decode() for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}
"""What ``str.splitlines`` breaks a line at, each to its escape: a file's name may hold one."""


def one_line(message: str) -> str:
    """``message`` on one line: a line break in it (from a file's name, an LLM's answer) written as its escape."""
    return message.translate(_LINE_BREAKS)


class ReadmeTagError(Exception):
    """A problem with the user's input or configuration (exit code 2)."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(ReadmeTagError):
    """A README that cannot be read (missing, a directory, binary...)."""


class SettingError(ReadmeTagError, ValueError):
    """A setting out of its range (``max_tags``, ``cutoff``): exit code 2 on the command line, and in the API a wrong
    argument, a ``ValueError`` as README.md says."""


def cannot_read(exc: OSError, name: str) -> InputError:
    """Input that the system refused (a file gone, a closed or write-only stdin), as one line about ``name``: a missing
    file as a README's is said (``no such file``), whatever reads it."""
    return InputError("no such file" if isinstance(exc, FileNotFoundError) else f"cannot read: {exc.strerror or exc}", name)


def cannot_write(exc: OSError, name: str) -> InputError:
    """Output that the system refused (a full disk, a lost device), as one line about ``name``."""
    return InputError(f"cannot write: {exc.strerror or exc}", name)


class RuleError(ReadmeTagError):
    """A rule file that is not valid YAML or does not follow the schema."""


class TaxonomyError(ReadmeTagError):
    """A taxonomy that is not a list of unique tags."""


class WorkerDied(Exception):
    """A worker process of a pool died (killed, perhaps for memory) before it gave back the inputs it held (exit code 1)."""

    def __str__(self) -> str:
        return "a worker process died (killed, or out of memory) before it gave back the READMEs it held; the lines written before them stand, and --resume OUT carries on from them"


def error_text(exc: Exception) -> str:
    """What a failed input's record says: an input error as it reads, any other exception as a fault of readme-tag itself."""
    return str(exc) if isinstance(exc, ReadmeTagError) else f"internal error: {type(exc).__name__}: {exc}"


def some_of(names: list[str], shown: int = 5) -> str:
    """The first ``shown`` names of a message's list, and how many more there are."""
    return ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if len(names) > shown else "")
