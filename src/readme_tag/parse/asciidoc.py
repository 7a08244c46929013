"""AsciiDoc READMEs (``README.adoc``): a line reader for the parts a tagger needs.

``= Title`` and ``== Section`` (and titles underlined with ``=-~^+``) give
headings; ``----`` and ``....`` blocks, Markdown fences and indented lines
give code, with the language of a ``[source,LANG]`` line; ``image:`` and
``image::`` give images and badges (``link=`` or a link around one gives
its target); ``URL[text]``, ``link:URL[text]`` and bare URLs give links;
list items and table rows give items; ``++++`` blocks are read as HTML.
Comments, attribute entries and directives (``include::``, ``ifdef::``)
are skipped, and a ``{name}`` the README defines is replaced by its value.
"""

from __future__ import annotations

import re

from ..document import Image, Link
from .badges import badge_of
from .builder import DocumentBuilder
from .html import extract_html
from .inline import BARE_URL, Inline, without_bold
from .lines import Paragraph, block_end, substitute

_HEADING = re.compile(r"^(={1,6}|#{1,6})[ \t]+(\S.*?)(?:[ \t]+\1)?[ \t]*$")
_UNDERLINE = re.compile(r"^([=\-~^+])\1+[ \t]*$")
_UNDERLINE_LEVELS = "=-~^+"
_ATTRIBUTE = re.compile(r"^:(!?[\w][\w-]*!?):(?:[ \t]+(.*))?$")
_REFERENCE = re.compile(r"\{([\w][\w-]*)\}")
_BLOCK_ATTRIBUTES = re.compile(r"^\[([^\[\]]*)\]\s*$|^\[\[[^\[\]]*\]\]\s*$")
_BLOCK_TITLE = re.compile(r"^\.([^\s.].*)$")
_BLOCK_MACRO = re.compile(r"^(\w+)::(\S*)\[(.*)\]\s*$")
_DIRECTIVE = re.compile(r"^(?:ifdef|ifndef|ifeval|endif|include)::\S*\[(.*)\]\s*$")
_ITEM = re.compile(r"^[ \t]*(?:\*{1,5}|-|\.{1,5}|\d+\.|[a-zA-Z]\.)[ \t]+(?:\[[ x*]\][ \t]+)?(\S.*)$")
_TERM = re.compile(r"^(\S.*?)(?::{2,4}|;;)(?:[ \t]+(.*))?$")
_ADMONITION = re.compile(r"^(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION):[ \t]+")
_AUTHOR = re.compile(r"^[^\s:\[].*<[^<>\s]+@[^<>\s]+>|^v?\d+(?:\.\d+)*[,:]|^v\d")
_NAMES = re.compile(r"^[ \t]*[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3}(?:[ \t]*;[ \t]*[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){0,3})*[ \t]*$")
"""An author line without an e-mail address: capitalised names, several apart by ``;`` (``Jane Doe; John Roe``)."""
_DELIMITER = re.compile(r"^(?:(-{4,}|\.{4,}|/{4,}|\+{4,}|={4,}|\*{4,}|_{4,}|--|[|,:!]={3,})[ \t]*|(```+)[ \t]*(.*))$")
_CODE_SPAN = r"""(?P<tick>`+)\+?(?P<code>[^`]+?)\+?(?P=tick)
  | (?<![\w+])\+(?P<plus>[^\s+][^+\n]{0,200}?)\+(?![\w+])"""
_CODE = re.compile(_CODE_SPAN, re.VERBOSE)
_INLINE = re.compile(
    r"""
    image:(?!:)(?P<src>[^\s\[](?:[^\n\[]{0,300}[^\s\[])?)\[(?P<attrs>[^\]\n]{0,500})\]
  | (?:link:(?P<url>[^\s\[]+)|(?P<bare_url>https?://[^\s\[<>"]+))\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]
  | <<(?P<anchor>[^,<>\n]{1,200})(?:,[ \t]*(?P<xtext>[^<>\n]{1,200}))?>>
  | \b(?:xref|kbd|btn|menu|footnote|pass|mailto|icon|stem|latexmath|asciimath)(?::[^\s\[]*)?\[(?P<macro>[^\]\n]{0,500})\]
  | """
    + _CODE_SPAN
    + r"""
  | (?P<bare>"""
    + BARE_URL
    + r""")
    """,
    re.VERBOSE,
)
_CELL_SPEC = re.compile(r"^(?:\d+[+*])?[<^>]?(?:\.[<^>])?[adehlmsv]?$")
"""What stands before a cell's ``|`` to span or style it (``2+``, ``a``, ``^.>``): not the cell's words."""
_ALT_ATTRIBUTE = re.compile(r"""\balt=(?:"([^"]*)"|'([^']*)'|([^,\]]*))""")
_LINK_ATTRIBUTE = re.compile(r"""\blink=(?:"([^"]*)"|'([^']*)'|([^,\]]*))""")
_EXPANSION = 65536
"""How many characters ``{name}`` references may add to one README in all: an entry that doubles itself line by line would
otherwise grow past any memory (``:a: {a}{a}`` twenty-four times is 16 million characters); past it a reference stays as written."""
_BUILT_IN = {"nbsp": " ", "sp": " ", "empty": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">", "vbar": "|"}


def parse_asciidoc(text: str, builder: DocumentBuilder) -> None:
    """Feed an AsciiDoc README to ``builder``."""
    _Reader(text.split("\n"), builder).run()


class _Reader:
    """One AsciiDoc README being read: its lines, the attributes it defines, the style its next block takes."""

    def __init__(self, lines: list[str], builder: DocumentBuilder) -> None:
        self.lines = lines
        self.builder = builder
        self.attributes = dict(_BUILT_IN)
        self.paragraph = Paragraph(builder, self.inline)
        self.style = ""
        """The style a ``[...]`` line gave the next block (``source``, ``literal``...)."""
        self.language = ""
        self.expansion = _EXPANSION
        """The characters references may still add (``_EXPANSION``)."""

    def run(self) -> None:
        """Read every line, then hand over the last paragraph."""
        lines, i = self.lines, 0
        while i < len(lines):
            i = self.step(i)
        self.paragraph.flush()

    def step(self, i: int) -> int:
        """Read the line at ``i`` (and any block it opens); the index of the next line to read."""
        line = self.lines[i]
        stripped = line.strip()
        if not stripped:
            self.paragraph.flush()
            return i + 1
        directive = _DIRECTIVE.match(line)  # a preprocessor line (ifdef::, include::...), wherever it stands
        if directive or (line.startswith("//") and not line.startswith("////")):
            if directive:  # ifndef::name[:name: value] sets a default
                self.define(_ATTRIBUTE.match(directive[1]), default=True)
            return i + 1
        attribute = _ATTRIBUTE.match(line)
        if attribute:
            self.define(attribute)
            return i + 1
        delimiter = _DELIMITER.match(line)
        if self.paragraph.lines and not self.paragraph.item and not delimiter and not _BLOCK_ATTRIBUTES.match(line):
            self.paragraph.add(line, i)  # a paragraph goes on to a blank line, a block or block attributes
            return i + 1
        if delimiter:
            self.paragraph.flush()
            return self.block(i, delimiter[1] or delimiter[2], delimiter[3] or "")
        return self.start(i, line, stripped)

    def start(self, i: int, line: str, stripped: str) -> int:
        """A line that may begin something new: heading, block attributes, macro, list item or paragraph."""
        heading = _HEADING.match(line)
        if heading:
            return self.heading(i, len(heading[1]), heading[2])
        if i + 1 < len(self.lines) and self.underlines(i):
            level = _UNDERLINE_LEVELS.index(self.lines[i + 1].strip()[0]) + 1
            return self.heading(i, level, stripped, consumed=2)
        attributes = _BLOCK_ATTRIBUTES.match(line)
        if attributes:
            self.paragraph.flush()
            self.set_style(attributes[1] or "")
            return i + 1
        macro = _BLOCK_MACRO.match(line)
        if macro:
            self.paragraph.flush()
            if macro[1] == "image":
                self.builder.image(_image(macro[2], macro[3], i + 1))
            return i + 1
        title = _BLOCK_TITLE.match(line)
        if title and not self.paragraph.lines:
            self.paragraph.add(title[1], i)
            self.paragraph.flush()
            return i + 1
        if (line[:1] in (" ", "\t") and not self.paragraph.lines and not _ITEM.match(line)) or self.style in ("literal", "listing", "source"):  # an indented list item is a list item
            return self.literal(i)
        self.style = self.language = ""
        item = _ITEM.match(line) or _TERM.match(line)
        if item:
            self.paragraph.add(" ".join(part for part in item.groups() if part), i, item=True)
        elif stripped != "+":
            self.paragraph.add(_ADMONITION.sub("", line), i)
        return i + 1

    def underlines(self, i: int) -> bool:
        """Whether line ``i`` is a title underlined by the next line (lengths within two characters)."""
        if i < 0 or i + 1 >= len(self.lines):
            return False
        text, under = self.lines[i].strip(), self.lines[i + 1].strip()
        return len(text) >= 2 and _UNDERLINE.match(under) is not None and abs(len(text) - len(under)) <= 2 and self.lines[i][:1] not in (" ", "\t", ".", "[", "/", ":", "*", "-", "|", "=")

    def heading(self, i: int, level: int, title: str, consumed: int = 1) -> int:
        """A section title at ``i``; the index after it (and after the author and revision lines of the document's title)."""
        self.paragraph.flush()
        self.style = ""
        self.builder.heading(level, self.inline(title, i + 1), i + 1)
        i += consumed
        if level == 1:  # the document header: an author line and a revision line may follow the title
            if i < len(self.lines) and _NAMES.match(self.lines[i]):
                i += 1
            while i < len(self.lines) and _AUTHOR.match(self.lines[i]):
                i += 1
        return i

    def set_style(self, attributes: str) -> None:
        """Keep what a ``[...]`` line says of the next block: its style, and a source block's language."""
        parts = [part.strip() for part in attributes.split(",")]
        style = parts[0].lower()
        if style.startswith(("#", ".", "%")):
            style = ""
        if style in ("", "source") and len(parts) > 1:
            self.style, self.language = "source", parts[1]
        else:
            self.style, self.language = style, ""

    def block(self, i: int, delimiter: str, rest: str) -> int:
        """A delimited block opening at ``i``; the index after its closing line."""
        style, language = self.style, self.language
        self.style = self.language = ""
        fence = delimiter.startswith("`")
        if delimiter[0] in "=*_" or delimiter == "--":  # example, sidebar, quote, open: their content is read as usual
            return i + 1
        end = block_end(self.lines, i + 1, (lambda line: line.startswith(delimiter[:3])) if fence else (lambda line: line.rstrip() == delimiter))
        body = self.lines[i + 1 : end]
        if delimiter[0] in "-." or fence:
            self.builder.code(rest.strip() if fence else language, "\n".join(body), i + 2)
        elif delimiter[0] == "+" and style != "stem":
            self.builder.html(extract_html("\n".join(body), i + 2))
        elif delimiter[0] in "|,:!":
            self.table(body, i + 1, delimiter[0])
        return end + 1

    def table(self, body: list[str], first: int, separator: str) -> None:
        """A table's lines: a row of cells is an item; block markup inside cells (``a|`` cells) is skipped, images kept."""
        for row, line in enumerate(body, first):
            macro = _BLOCK_MACRO.match(line)
            if macro and macro[1] == "image":
                self.builder.image(_image(macro[2], macro[3], row + 1))
            if not line.strip() or macro or line.startswith("//") or _DELIMITER.match(line) or _BLOCK_ATTRIBUTES.match(line):
                continue
            cells = " ".join(cell.strip() for cell in line.split(separator) if cell.strip() and not _CELL_SPEC.match(cell.strip()))
            item = _ITEM.match(cells)
            if cells:
                self.paragraph.add(item[1] if item else cells, row, item=True)
        self.paragraph.flush()

    def literal(self, i: int) -> int:
        """An indented (or ``[literal]``/``[source]``) paragraph: code to the next blank line."""
        self.paragraph.flush()
        language = self.language if self.style == "source" else ""
        self.style = self.language = ""
        end = block_end(self.lines, i, lambda line: not line.strip())
        self.builder.code(language, "\n".join(self.lines[i:end]), i + 1)
        return end

    def define(self, attribute: re.Match[str] | None, default: bool = False) -> None:
        """Keep an attribute entry's value, its references replaced (a default only where none is set)."""
        if attribute is not None and not (default and attribute[1] in self.attributes):
            self.attributes[attribute[1].strip("!")] = self.substitute(attribute[2] or "")

    def substitute(self, text: str) -> str:
        """``text`` with each ``{name}`` the README has defined replaced by its value."""
        return _REFERENCE.sub(self._value, text) if "{" in text else text

    def _value(self, reference: re.Match[str]) -> str:
        """A reference's value while the README's expansion lasts; the reference as written after it, or when undefined."""
        value = self.attributes.get(reference[1])
        if value is None or len(value) > self.expansion:
            return reference[0]
        self.expansion -= len(value)
        return value

    def inline(self, text: str, line: int) -> Inline:
        """Read inline AsciiDoc that starts on ``line``."""
        text = without_bold(self.substitute(text), _CODE)
        out = Inline()
        out.text = _walk(text, line, out, "")
        return out


def _walk(text: str, line: int, out: Inline, href: str) -> str:
    """``text`` with its inline markup read into ``out``; ``href``: the link around it, for its images."""
    if not any(mark in text for mark in ("[", "`", "+", "<<", "://")):
        return text
    return substitute(_INLINE, text, line, lambda match, at: _replace(match, at, out, href))


def _replace(match: re.Match[str], at: int, out: Inline, href: str) -> str:
    """Record what ``match`` holds in ``out``; the text that stands for it in the prose."""
    if match["src"] is not None:
        image = _image(match["src"], match["attrs"], at)
        out.images.append(image if image.href else image._replace(href=href))
        return image.alt if badge_of(image.src) is None else ""  # a badge's words are read from the badge
    if match["text"] is not None:
        url = match["url"] or match["bare_url"]
        inner = _walk(match["text"], at, out, url)
        out.links.append(Link(url, inner, at))
        return inner
    if match["anchor"] is not None:
        return match["xtext"] or ""
    if match["macro"] is not None:
        return match["macro"]
    if match["bare"] is not None:
        return out.bare_link(match["bare"], at)
    return out.code_span(match["code"] if match["code"] is not None else match["plus"], at)


def _image(src: str, attributes: str, line: int) -> Image:
    """An image macro's target and ``[...]`` attributes: the image, its alt text and the link its ``link=`` names."""
    first = attributes.split(",", 1)[0].strip()
    alt = "" if "=" in first else first.strip("\"'")
    return Image(src, alt or _named(_ALT_ATTRIBUTE, attributes), line, _named(_LINK_ATTRIBUTE, attributes))


def _named(pattern: re.Pattern[str], attributes: str) -> str:
    """The value of a named attribute (``link=...``, ``alt="..."``), quoted or not; "" when absent."""
    found = pattern.search(attributes)
    return next((group for group in found.groups() if group), "").strip() if found else ""
