"""POD READMEs (``README.pod``, Perl's markup): a paragraph reader for the parts a tagger needs.

``=head1`` to ``=head4`` give headings, and the NAME section's
"Module::Name - summary" the title and the description; ``=item``
paragraphs give list items; indented (verbatim) paragraphs give code;
``=begin html`` blocks and ``=for html`` paragraphs are read as HTML;
``C<>`` gives code spans and ``L<>`` links. Text before the first command
and after ``=cut`` (the code of a module) and other ``=begin`` blocks are
left out.
"""

from __future__ import annotations

import re

from ..document import Link
from .builder import DocumentBuilder
from .html import extract_html
from .inline import Inline, unescape
from .lines import paragraphs

_CODE = re.compile(r"([BCEFILSXZ])<(?:<+[ \t\n](.{0,500}?)[ \t\n]>+|([^<>]*))>", re.DOTALL)
"""An innermost formatting code: ``C<x>``, or ``C<< x >>`` whose content may hold angle brackets."""
_DASH = re.compile(r" +[-\u2013\u2014]{1,2} +")
"""What parts a NAME section's module name from its summary: a hyphen or a dash between spaces."""
_COMMAND = re.compile(r"^=[a-zA-Z]", re.MULTILINE)
_ITEM = re.compile(r"^(?:\*|\d+\.?)[ \t]*")
_HEAD = re.compile(r"head([1-6])")
_ENTITIES = {"lt": "<", "gt": ">", "verbar": "|", "sol": "/"}
_ROUNDS = 10
"""How deep formatting codes are unwrapped (``B<C<x>>`` is two)."""


def parse_pod(text: str, builder: DocumentBuilder) -> None:
    """Feed a POD README to ``builder``."""
    in_pod = _COMMAND.search(text) is None  # text before the first command is code, unless there is none
    name_next, begin = False, ""
    for line, block in paragraphs(text):
        if block.startswith("="):
            parts = block[1:].split(None, 1)
            command, rest = parts[0].lower() if parts else "", " ".join(parts[1].split()) if len(parts) > 1 else ""
            in_pod = command != "cut"
            name_next = False
            level = _HEAD.fullmatch(command)
            if level:
                name_next = rest.upper() == "NAME"
                if not name_next:
                    builder.heading(int(level[1]), _inline(rest, line), line)
            elif command == "item" and _ITEM.sub("", rest):
                builder.text(_inline(_ITEM.sub("", rest), line), line, item=True)
            elif command in ("begin", "end"):
                begin = rest.split(" ", 1)[0].lower() if command == "begin" else ""
            elif command == "for" and rest.lower().startswith("html "):
                builder.html(extract_html(rest[5:], line))
        elif not in_pod or (begin and begin != "html"):
            continue
        elif begin:
            builder.html(extract_html(block, line))
        elif block[:1] in (" ", "\t"):
            builder.code("", block, line)
        elif name_next:  # "Module::Name - what it does"
            name, *summary = _DASH.split(" ".join(block.split()), maxsplit=1)
            builder.heading(1, _inline(name, line), line)
            if summary:
                builder.text(_inline(summary[0], line), line)
            name_next = False
        else:
            builder.text(_inline(block, line), line)


def _inline(text: str, line: int) -> Inline:
    """Read POD formatting codes in ``text`` (innermost first)."""
    out = Inline()
    for _ in range(_ROUNDS):
        if "<" not in text:
            break
        text, count = _CODE.subn(lambda match: _replace(match, line, out), text)
        if not count:
            break
    out.text = text
    return out


def _replace(match: re.Match[str], line: int, out: Inline) -> str:
    """Record what a formatting code holds in ``out``; the text that stands for it in the prose."""
    code, content = match[1], match[2] if match[2] is not None else match[3]
    if code == "C":
        out.code_span(content, line)
    elif code == "L":
        label, bar, target = content.partition("|")
        target = target if bar else label
        if "://" in target:
            out.links.append(Link(target, label if bar else "", line))
            return label if bar else " "
        return label.split("/")[0] if not bar else label
    elif code == "E":
        return _ENTITIES.get(content, unescape(f"&{content};"))
    elif code in "XZ":
        return ""
    return content
