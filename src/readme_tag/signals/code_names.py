"""Names that a README's code uses (modules imported, packages installed, programs run), and ``$name``.

``$name`` stands for the project's own name: the first word of its title, or
a name in parentheses there. ``commands: {$name: 3}`` rewards a README that
runs its own program; ``imports: {$name: 2}`` one whose code imports itself.
"""

from __future__ import annotations

from collections.abc import Callable

from ..document import Document
from ..parse.code import Names
from ..ruleset.model import Term
from ..vocabulary import tokens
from .base import Indexes, SignalKind, Sink
from .lookup import Lookup

OWN_NAME = "$name"
_NOT_NAMES = frozenset(["a", "an", "the", "of", "for", "and", "to", "in", "on", "with", "my", "our", "your"])
_ECOSYSTEMS = frozenset(
    """go golang node nodejs python py rust ruby php java js ts typescript react vue angular svelte django flask laravel rails
    docker k8s kube emacs vim nvim neovim lua perl elixir dotnet swift kotlin scala haskell ocaml julia r""".split()
)
"""Words that open a name as its ecosystem's prefix (go-yaml, node-fetch, python-dotenv): the next word names the project, not the language's own command."""


def own_names(title: str) -> frozenset[str]:
    """The names a project's own program may have: the title's first word (after "Welcome to", "The"...; the second after an ecosystem's prefix),
    its first two or three words run together, and words in parentheses."""
    head, _, rest = title.partition("(")
    words = tokens(head)
    if words[:2] == ["welcome", "to"]:
        words = words[2:]
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    names = set(words[1:2] if len(words) > 1 and words[0] in _ECOSYSTEMS else words[:1]) | set(tokens(rest))
    for count in range(2, min(len(words), 3) + 1):
        names.update(("".join(words[:count]), "-".join(words[:count])))
    return frozenset(n for n in names if n not in _NOT_NAMES and len(n) > 1)


class CodeNameIndex(Lookup):
    """The names one kind of code signal reads, and the signals of ``$name``."""

    def __init__(self, read: Callable[[Document], Names]) -> None:
        super().__init__()
        self.read = read

    def match(self, doc: Document, sink: Sink) -> None:
        base = sink.base("code")
        own = self.table.get(OWN_NAME)
        names = own_names(doc.title) if own else frozenset()
        for name, line in self.read(doc):
            signals = self.table.get(name)
            if signals:
                sink.add(signals, "code", line, base, name)
            if own and name.lstrip("@").replace("_", "-").replace(".", "-") in names:
                sink.add(own, "code", line, base, name)


class CodeNames(SignalKind):
    """A kind of name read from code: its terms are names, or ``$name``."""

    def __init__(self, name: str, read: Callable[[Document], Names]) -> None:
        self.name = name  # type: ignore[misc]
        self.read = read

    def check(self, text: str) -> str | None:
        if len(text.split()) > 1:  # a name read from code has no space in it
            return f"{self.name} term {text!r} is more than a name (names are read from code, one word each: a module, a package or a program)"
        return None

    def compile(self, signal: int, term: Term, indexes: Indexes) -> None:
        index = indexes.get_or_make(self.name, lambda: CodeNameIndex(self.read))
        index.add(signal, term.text)
