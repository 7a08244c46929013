"""What the code in a README imports, installs and runs.

``imports``: modules named by import statements (Python, JavaScript, Rust,
Go, Java, Julia, C, R, Ruby) and packages CMake's ``find_package`` finds.
``packages``: names given to install commands (pip, conda, npm, yarn, pnpm,
cargo, go, gem, composer, brew, apt, dotnet, Julia's Pkg). ``commands``: the
programs that shell lines run.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..document import Document

_IMPORT = re.compile(
    r"""^[ \t]*(?:julia>[ \t]*)?(?:
        from[ \t]+(?P<py_from>[\w.]+)[ \t]+import\b
      | import[ \t]+(?P<py>[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)[ \t]*;?[ \t]*$
      | (?:using|import)[ \t]+(?P<jl>[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)[ \t]*$
      | use[ \t]+(?P<rs>\w+)::
      | extern[ \t]+crate[ \t]+(?P<crate>\w+)
      | \#[ \t]*include[ \t]*[<"](?P<c>[^>"\n]+)[>"]
    )
    | \brequire\(?[ \t]*['"](?P<req>[^'"\n]+)['"]
    | \bfrom[ \t]+['"](?P<es>[^'"\n]+)['"]
    | ^[ \t]*import[ \t]+['"](?P<side>[^'"\n]+)['"]
    | ^[ \t]*(?:import[ \t]+|[ \t]+)(?:\w+[ \t]+)?"(?P<go>[\w.-]+\.[a-z]{2,}/[\w./-]+)"
    | \blibrary\((?P<r>\w+)\)
    | \b(?i:find_package)\([ \t]*(?P<cmake>[\w.-]+)
    """,
    re.MULTILINE | re.VERBOSE,
)

_IMPORT_WORDS = ("import", "require", "use", "using", "include", "library(", "crate", "find_package", "FIND_PACKAGE")
"""A snippet without any of these words imports nothing (a quick test before the pattern runs)."""

_GO_PATH = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/")

_INSTALL = re.compile(
    r"""(?:^|[;&|]|\$)[ \t]*(?:sudo[ \t]+)?(?:
        (?:python[\d.]*[ \t]+-m[ \t]+)?(?:pip[\d.]*|pipx|uv[ \t]+pip|uv|poetry|pdm|conda|mamba|micromamba)[ \t]+(?:install|add)
      | (?:npm|pnpm|bun)[ \t]+(?:install|i|add)
      | yarn(?:[ \t]+global)?[ \t]+add
      | npx
      | cargo[ \t]+(?:install|add)
      | go[ \t]+(?:get|install)
      | gem[ \t]+install
      | composer(?:[ \t]+global)?[ \t]+require
      | brew[ \t]+(?:install|tap)
      | (?:apt|apt-get|dnf|yum|apk|pacman|zypper|snap|choco|scoop|winget)[ \t]+(?:install|add|-S)
      | dotnet[ \t]+add[ \t]+package
      | julia>?[ \t]*\][ \t]*add
      | \][ \t]*add
    )(?P<args>[^\n;&|]*)""",
    re.MULTILINE | re.VERBOSE,
)
_PKG_ADD = re.compile(r"""Pkg\.add\(\s*(?:\[)?(?P<args>[^)\n]*)\)""")
_VERSION = re.compile(r"(?:\[[^\]]*\])?(?:[=<>!~^@:]=?.*)?$")
_MAJOR_VERSION = re.compile(r"v\d+")
"""The last part of a Go module path that is its major version, not its name (``.../gorp/v3``)."""
_SHELL_INFOS = frozenset(("", "sh", "bash", "shell", "console", "zsh", "fish", "shell-session", "bat", "cmd", "powershell", "ps", "ps1", "pwsh", "text", "txt", "terminal", "sh-session"))
_PROMPT = re.compile(r"^\s*(?:\$|>|%|PS[^>]*>|❯|➜)\s+")
_ENV_ASSIGN = re.compile(r"^(?:\w+=\S*\s+)+")


Names = list[tuple[str, int]]
"""(name, line) pairs, each name lower-case."""


def _snippets(doc: Document) -> list[tuple[str, int, str]]:
    """(text, line, language) of every code block and code span."""
    snippets = [(block.text, block.line, block.info.split()[0].lower() if block.info.split() else "") for block in doc.code_blocks]
    # A code span reads as a shell command when it has arguments: `kubectl apply -f x.yaml`.
    snippets += [(piece.text, piece.line, "" if " " in piece.text.strip() else "span") for piece in doc.inline_code]
    return snippets


def _read(doc: Document, reader: Callable[[str, int, str, Names], None]) -> Names:
    out: Names = []
    for text, line, info in _snippets(doc):
        reader(text, line, info, out)
    return out


def imports_of(doc: Document) -> Names:
    """Modules named by the import statements of a document's code."""
    return _read(doc, _imports)


def packages_of(doc: Document) -> Names:
    """Packages given to install commands in a document's code."""
    return _read(doc, _packages)


def commands_of(doc: Document) -> Names:
    """Programs that the shell lines of a document's code run."""
    return _read(doc, _commands)


def _line_at(text: str, start: int, line: int) -> int:
    return line + text.count("\n", 0, start)


def _imports(text: str, line: int, info: str, out: Names) -> None:
    if not any(word in text for word in _IMPORT_WORDS):
        return
    for match in _IMPORT.finditer(text):
        kind = match.lastgroup or ""
        names = match[kind]
        if kind == "side" and info in ("go", "golang", "") and _GO_PATH.match(names):
            kind = "go"  # Go's one-line import "host.tld/path", not a JavaScript side-effect import
        at = _line_at(text, match.start(), line)
        for name in re.split(r"[ \t]*,[ \t]*", names):
            for module in _module_names(kind, name.split()[0] if name.strip() else ""):
                out.append((module, at))


def _module_names(kind: str, name: str) -> list[str]:
    """A module and its parents: ``torch.nn`` -> ``torch``, ``torch.nn``; ``@scope/pkg/sub`` -> ``@scope/pkg`` (none
    empty: ``#include </.h>`` names nothing)."""
    return [module for module in _modules(kind, name.lower()) if module.strip("@/.")]


def _modules(kind: str, name: str) -> list[str]:
    if not name or name.startswith("."):
        return []
    if kind in ("req", "es", "side"):
        parts = name.split("/")
        return ["/".join(parts[:2])] if name.startswith("@") and len(parts) > 1 else [parts[0]]
    if kind in ("go", "c"):
        parts = _without_major_version([p for p in name.split("/") if p])
        if not parts:  # only slashes: `#include </>`
            return []
        return [name, parts[-1].split(".")[0]] if len(parts) > 1 else [parts[0].split(".")[0]]
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(min(3, len(parts)))]


def _without_major_version(parts: list[str]) -> list[str]:
    """A Go module path's parts without the major version that ends it (``.../gorp/v3`` is gorp)."""
    return parts[:-1] if len(parts) > 1 and _MAJOR_VERSION.fullmatch(parts[-1]) else parts


def _packages(text: str, line: int, info: str, out: Names) -> None:
    for regex in (_INSTALL, _PKG_ADD):
        for match in regex.finditer(text):
            at = _line_at(text, match.start(), line)
            for arg in match["args"].replace(",", " ").split():
                name = _package_name(arg)
                if name:
                    out.append((name, at))


def _package_name(arg: str) -> str:
    arg = arg.strip("'\"`[]")
    if not arg or arg.startswith(("-", ".", "/", "$", "<", "{")) or "://" in arg or arg.startswith("git+"):
        return ""
    if arg.endswith((".txt", ".toml", ".cfg", ".whl", ".tar.gz", ".zip", ".json", ".lock")):
        return ""
    scoped = arg.startswith("@")
    name = _VERSION.sub("", arg[1:] if scoped else arg)
    if "/" in name and not scoped:  # a Go module path or a tap: its last part names it
        name = _without_major_version(name.rstrip("/").split("/"))[-1]
    name = ("@" + name if scoped else name).lower()
    return name if any(ch.isalnum() for ch in name) else ""


def _commands(text: str, line: int, info: str, out: Names) -> None:
    shell = info in _SHELL_INFOS
    for offset, raw in enumerate(text.split("\n")):
        prompt = _PROMPT.match(raw)
        if not shell and not prompt:
            continue
        command = raw[prompt.end() :] if prompt else raw.strip()
        if not command or command.startswith(("#", "//", "REM ")):
            continue
        command = _ENV_ASSIGN.sub("", command)
        words = command.split()
        while words and words[0] in ("sudo", "time", "nohup", "exec", "env"):
            words = words[1:]
        for name in _programs(words):
            out.append((name, line + offset))


_RUNNERS: dict[str, tuple[str, ...]] = {
    "npx": (),
    "bunx": (),
    "uvx": (),
    "bundle": ("exec",),
    "poetry": ("run",),
    "uv": ("run",),
    "pipx": ("run",),
    "pdm": ("run",),
    "hatch": ("run",),
    "pnpm": ("exec", "dlx"),
    "yarn": ("dlx",),
    "npm": ("exec",),
}
"""Programs that run another (``npx tsc``, ``bundle exec jekyll``), with the verb that comes first if any."""


def _programs(words: list[str]) -> list[str]:
    """The program a command line runs, and the one it runs through a runner (``bundle exec jekyll``: both)."""
    first = _program(words[0]) if words else ""
    if not first:
        return []
    verbs = _RUNNERS.get(first)
    if verbs is None or (verbs and words[1:2] and words[1] not in verbs):
        return [first]
    at = 2 if verbs else 1  # past the verb: "bundle exec jekyll"
    other = _program(words[at]) if len(words) > at else ""
    return [first, other] if other else [first]


def _program(word: str) -> str:
    """A command word as a program name (``./bin/tool`` -> ``tool``), or "" when it is none."""
    name = word.rsplit("/", 1)[-1].lower()
    return name if name and (name[0].isalpha() or name[0] == "_") and len(name) < 40 else ""
