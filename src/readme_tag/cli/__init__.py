"""The ``readme-tag`` command line: one module per command, registered with ``app``.

``readme-tag PATH`` is short for ``readme-tag tag PATH``. Exit codes:
0 success; 1 a check that did not pass (or an unexpected failure); 2 a usage
or input error, reported in one line on stderr; 3 a batch or a stream of
prompts in which some inputs failed.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from itertools import pairwise
from typing import Any, List, Optional

from ..errors import error_text, one_line
from .exits import EXIT_FAILED, EXIT_INPUT, EXIT_OK
from .plain import is_plain, tag_plain

_WRITE_ERRORS = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS, errno.EPIPE, errno.EBADF))
"""The refusals of a write: said as ``cannot write`` (an error from elsewhere, a process that would not start, is said as it is)."""


def _command() -> Any:
    """The typer app as a click command, with every command registered (imported only when needed)."""
    import typer

    from .app import app

    # Each module registers its commands; --help lists them in this order.
    from . import tag, prompt, answer, check, rules, evaluate, batch  # noqa: F401  # isort: skip

    return typer.main.get_command(app)


def _route(args: list[str], command: Any) -> list[str]:
    """Make ``readme-tag PATH`` mean ``readme-tag tag PATH``."""
    if not args or args[0] in ("--help", "-h", "--version"):
        return args
    return args if args[0] in getattr(command, "commands", {}) else ["tag"] + args


def main(argv: Optional[List[str]] = None) -> None:
    """Entry point: run the CLI, turning errors into one line on stderr and an exit code (stdout's encoding as it was after)."""
    with _utf8_stdout():
        _main(argv)


def _main(argv: Optional[List[str]]) -> None:
    from ..errors import ReadmeTagError, WorkerDied, cannot_write
    from ..ruleset.cache import refusal as cache_refusal
    from ..settings import forget_taggers

    forget_taggers()  # each run reads the rule files afresh (in-process runs too)
    cache_refusal()  # and says only what it could not cache itself
    args = list(sys.argv[1:] if argv is None else argv)
    options = args.index("--") if "--" in args else len(args)  # --debug and --version work anywhere before --; after it, a file's name
    debug = "--debug" in args[:options]
    args = ["--version"] if "--version" in args[:options] else [a for at, a in enumerate(args) if a != "--debug" or at >= options]
    if sys.stderr is None:  # started with its standard error closed: what it says goes nowhere, never onto stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the process's own stream, for its lifetime
    if sys.stdout is None:  # started with its standard output closed: nothing it prints could be read
        _fail(f"error: {cannot_write(OSError(errno.EBADF, os.strerror(errno.EBADF)), '<stdout>')}", EXIT_INPUT)
    try:
        command_meant = _mistyped(args)
        if command_meant:
            _fail(f"error: no command or file named {args[0]!r}; did you mean `readme-tag {command_meant}`?", EXIT_INPUT)
        if is_plain(args):
            code = tag_plain(args[0])
        else:
            command = _command()
            args = _route(args, command)
            code = command.main(args, prog_name="readme-tag", standalone_mode=False)
        if code != EXIT_INPUT:  # an input error is one line, as README.md's table of exit codes says
            _say_cache_refusal()
        sys.stdout.flush()  # a write that fails is said here, not by the interpreter's last flush
    except ReadmeTagError as exc:
        if debug:  # the traceback, then the same line and exit code as without --debug
            traceback.print_exc()
        if exc.source == "<stdout>":
            _discard_stdout()
        _fail(f"error: {exc}", EXIT_INPUT)
    except WorkerDied as exc:
        _fail(f"error: {exc}", EXIT_FAILED)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(EXIT_FAILED)
    except OSError as exc:  # the system refused: a write (a full disk, a lost device) said as batch says it, anything else as what it is
        if debug:  # the traceback, then the same line and exit code as without --debug
            traceback.print_exc()
        said = exc.strerror or str(exc)
        refused = cannot_write(exc, exc.filename or "<stdout>") if exc.errno in _WRITE_ERRORS else f"{exc.filename}: {said}" if exc.filename else said
        if exc.errno in _WRITE_ERRORS and not exc.filename:
            _discard_stdout()
        _fail(f"error: {refused}", EXIT_INPUT)
    except Exception as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # a bare `readme-tag` (or `readme-tag rules`): the usage, not an error
            print(exc.format_message(), file=sys.stderr)  # type: ignore[attr-defined]
            sys.exit(EXIT_INPUT)
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # a usage error from click
            _fail(f"error: {_usage_message(exc.format_message(), args)}", EXIT_INPUT if exc.exit_code == 2 else exc.exit_code)
        if debug:  # the traceback, then the same line and exit code as without --debug
            traceback.print_exc()
        _fail(error_text(exc) + ("" if debug else " (run with --debug for a traceback)"), EXIT_FAILED)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


@contextmanager
def _utf8_stdout() -> Iterator[None]:
    """Write UTF-8 to a stdout that is a file or a pipe whatever encoding the locale or PYTHONIOENCODING gives it (a
    Windows redirect's cp1252), with its own error handler: JSON Lines are UTF-8, and a tag name or an id that cp1252 has
    no byte for ended a batch halfway. A terminal keeps its encoding, and shows such a character as JSON's escape of it
    (``\\u00e9``: the line stays JSON). The stream is set back as it was after."""
    stream = sys.stdout
    if not isinstance(stream, io.TextIOWrapper) or codecs.lookup(stream.encoding).name == "utf-8":
        yield
        return
    encoding, errors = stream.encoding, stream.errors
    if stream.isatty():
        stream.reconfigure(errors=_JSON_ESCAPE)
    else:
        stream.reconfigure(encoding="utf-8", errors=errors)
    try:
        yield
    finally:
        with suppress(OSError, ValueError):  # a closed pipe or stream: nothing more is written to it
            stream.reconfigure(encoding=encoding, errors=errors)


_JSON_ESCAPE = "readme-tag-json-escape"
"""The error handler that writes a character an encoding lacks as JSON's ``\\uXXXX`` escape (a surrogate pair above U+FFFF)."""


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    units = error.object[error.start : error.end].encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(units[at : at + 2], 'big'):04x}" for at in range(0, len(units), 2)), error.end


codecs.register_error(_JSON_ESCAPE, _json_escape)


def run() -> None:
    """The ``readme-tag`` console script: ``main()``, after which a one-file run leaves at once.

    Freeing the loaded rules object by object at exit takes a sixth of a
    one-file run's time; ``os._exit`` leaves that to the OS, once the
    output is flushed. Other commands (batch pools, written files) exit normally.
    """
    if not is_plain(sys.argv[1:]):
        main()
        return
    code = EXIT_OK
    try:
        main()
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started without it
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            code = code or EXIT_FAILED
    os._exit(code)


def _usage_message(message: str, args: list[str]) -> str:
    """Click's usage message; for several READMEs given to ``tag``, a pointer to ``batch`` instead of the list of them."""
    if args[:1] == ["tag"] and message.startswith("Got unexpected extra argument"):
        return "tag takes one README; for several, run `readme-tag batch PATH...` (one JSON line per README)"
    option = re.match(r"Invalid value for '(--[\w-]+)'", message)
    if option and any(value.strip().lower() in ("nan", "+nan", "-nan") for value in _values_of(option[1], args)):
        return f"Invalid value for '{option[1]}': must be a finite number, not nan"  # NaN fails every bound: not "should be at least 0"
    return message


def _values_of(option: str, args: list[str]) -> list[str]:
    """What ``args`` give ``option`` (``--cutoff 2``, ``--cutoff=2``)."""
    return [after for before, after in pairwise(args) if before == option] + [arg.split("=", 1)[1] for arg in args if arg.startswith(option + "=")]


def _say_cache_refusal() -> None:
    """A warning when compiled rules could not be kept in the cache folder: every run then compiles them again (seconds)."""
    from ..ruleset.cache import refusal

    why = refusal()
    if why:
        print(f"readme-tag: warning: compiled rules not cached ({why}); each run compiles them again (README_TAG_CACHE=off: no cache, no warning)", file=sys.stderr)


def _mistyped(args: list[str]) -> str | None:
    """The command a first argument that is no file seems to misspell (``evals``: ``eval``), if any."""
    from .plain import COMMANDS

    first = args[0] if args else "-"
    if first.startswith("-") or first in COMMANDS or any(mark in first for mark in "./\\") or os.path.lexists(first):  # a path
        return None
    import difflib  # only here: every run passes the test above, and the import costs a one-file run a millisecond

    close = difflib.get_close_matches(first, sorted(COMMANDS), n=1)
    return close[0] if close else None


def _discard_stdout() -> None:
    """Point stdout at the null device: what it still holds cannot be written, and the interpreter's last flush must not say so again (exit 120)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no stdout to point anywhere
        pass


def _fail(message: str, code: int) -> None:
    print(f"readme-tag: {one_line(message)}", file=sys.stderr)
    sys.exit(code)
