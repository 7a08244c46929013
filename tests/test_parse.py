"""Markdown, HTML and reST parsing into a Document, with line numbers."""

from __future__ import annotations

import pytest

from readme_tag.parse import parse_document
from readme_tag.parse.code import commands_of
from readme_tag.parse.html import extract_html
from readme_tag.parse.name_words import name_words

MARKDOWN = """\
[![PyPI](https://img.shields.io/pypi/v/thing.svg)](https://pypi.org/project/thing/)
[![Torch](https://img.shields.io/badge/PyTorch-2.1-EE4C2C?logo=pytorch)](https://pytorch.org)

# Thing

Thing is a small library for parsing *weather* reports.
It reads [METAR](https://en.wikipedia.org/wiki/METAR) strings.

## Installation

```bash
pip install thing
```

- first item with `inline code`
- second item

| Feature | Supported |
| ------- | --------- |
| TAF     | yes       |

<!-- a comment with secret words: kubernetes -->

Ref link to [the docs][docs].

[docs]: https://thing.readthedocs.io/en/latest/
"""


def line_of(doc, kind: str) -> int:
    """The line of the first piece of this kind (the title, the description)."""
    return next(piece.line for piece in doc.pieces if piece.kind == kind)


def pieces(doc, kind):
    return [p for p in doc.pieces if p.kind == kind]


def test_title_description_and_headings():
    doc = parse_document(MARKDOWN, "README.md")
    assert (doc.title, line_of(doc, "title")) == ("Thing", 4)
    assert doc.description.startswith("Thing is a small library for parsing *weather* reports.")
    assert line_of(doc, "description") == 6
    assert [(h.level, h.text, h.line) for h in doc.headings] == [(1, "Thing", 4), (2, "Installation", 9)]


def test_code_blocks_inline_code_and_context():
    doc = parse_document(MARKDOWN, "README.md")
    [block] = doc.code_blocks
    assert (block.info, block.text.strip(), block.line, block.context) == ("bash", "pip install thing", 12, "Installation")
    assert [(p.text, p.line) for p in doc.inline_code] == [("inline code", 15)]


def test_list_items_and_table_cells_are_body_text_with_lines():
    doc = parse_document(MARKDOWN, "README.md")
    body = {p.text: p.line for p in pieces(doc, "body")}
    assert body["first item with inline code"] == 15
    assert body["second item"] == 16
    assert body["TAF"] == 20
    assert all(p.context == "Installation" for p in pieces(doc, "body") if p.line > 9)


def test_links_have_domains_and_reference_links_resolve():
    doc = parse_document(MARKDOWN, "README.md")
    links = {link.text: (link.domain, link.line) for link in doc.links}
    assert links["METAR"] == ("en.wikipedia.org", 7)
    assert links["the docs"] == ("thing.readthedocs.io", 24)


def test_badges_give_service_label_and_are_not_body_text():
    doc = parse_document(MARKDOWN, "README.md")
    assert [(b.service, b.line) for b in doc.badges] == [("pypi", 1), ("badge", 2)]
    assert "PyTorch 2.1" in doc.badges[1].label and "pytorch" in doc.badges[1].label
    assert next(p.text for p in pieces(doc, "badge")) == "PyPI pypi"
    assert not any("PyPI" in p.text for p in pieces(doc, "body"))


@pytest.mark.parametrize(
    ("src", "service"),
    [
        ("https://badges.gitter.im/Join%20Chat.svg", "gitter"),
        ("https://dev.azure.com/acme/proj/_apis/build/status/ci?branchName=main", "azure"),
        ("https://sonarcloud.io/api/project_badges/measure?project=acme&metric=alert_status", "sonarcloud"),
        ("https://app.fossa.com/api/projects/git%2Bgithub.com%2Facme%2Fproj.svg?type=shield", "fossa"),
        ("https://discord.com/api/guilds/123/widget.png?style=shield", "discord"),
        ("https://jitpack.io/v/acme/proj.svg", "jitpack"),
    ],
)
def test_badges_of_chat_ci_quality_and_package_services_are_not_the_titles_or_openings_words(src, service):
    doc = parse_document(f"# Hyperion [![Join the chat at Gitter]({src})](https://example.org)\n\nA ledger for small shops, kept in plain text files.\n", "README.md")
    assert [b.service for b in doc.badges] == [service]
    assert doc.title == "Hyperion" and doc.description == "A ledger for small shops, kept in plain text files."
    assert parse_document("# Hyperion\n\n![logo](https://dev.azure.com/acme/logo.png)\n", "README.md").badges == []  # an image there is no badge


def test_html_comments_are_ignored():
    doc = parse_document(MARKDOWN, "README.md")
    assert not any("kubernetes" in p.text for p in doc.pieces)


def test_html_after_an_unclosed_comment_reads_as_html_parser_reads_it():
    """An unclosed ``<!--`` is text, as html.parser has it; a comment closed before it is still left out (the parser stops searching for an end it knows is not there)."""
    found = extract_html("<p>a <!-- shut --> b <!-- open <b>x</b> <!-- again</p>", 1)
    assert [block.text for block in found.blocks] == ["a b <!-- open <b>x <!-- again</p>"]


HTML = """\
<div align="center">
  <img src="docs/logo.png" alt="Stellar logo" width="120">
  <h1>Stellar</h1>
  <p>
    <a href="https://img.example.org/x"><img src="https://img.shields.io/npm/v/stellar" alt="npm version"></a>
  </p>
  <p><b>A fast static site generator for documentation.</b></p>
</div>

<details><summary>Screenshots</summary>

<video src="https://videos.example.com/demo.mp4" />

</details>

<h2 id="usage">Usage</h2>
"""


def test_raw_html_title_text_links_images_badges():
    doc = parse_document(HTML, "README.md")
    assert (doc.title, line_of(doc, "title")) == ("Stellar", 3)
    assert doc.description == "A fast static site generator for documentation."
    assert line_of(doc, "description") == 7
    assert [(i.src, i.alt, i.line) for i in doc.images] == [("docs/logo.png", "Stellar logo", 2)]
    assert [(b.service, b.alt, b.line) for b in doc.badges] == [("npm", "npm version", 5)]
    assert ("videos.example.com", 12) in [(link.domain, link.line) for link in doc.links]
    assert ("Screenshots", 10) in [(p.text, p.line) for p in doc.pieces]
    assert [(h.level, h.text, h.line) for h in doc.headings][-1] == (2, "Usage", 16)


def test_inline_html_inside_a_paragraph():
    doc = parse_document('# T\n\nBuilt with <a href="https://kit.example.dev">Kit</a> and <img src="a.png" alt="love">.\n', "README.md")
    assert doc.description == "Built with Kit and love ."
    assert [(i.src, i.alt) for i in doc.images] == [("a.png", "love")]
    assert doc.links[0].domain == "kit.example.dev" and doc.links[0].text == "Kit"


def test_bold_markers_leave_the_prose_and_code_spans_keep_theirs():
    """A pattern's window counts characters: ``**`` around a word would count too (一个 …… 库 within 20)."""
    doc = parse_document("# T\n\n一个 **快速** 的库, see `2**8` and **docs**.\n\n- **Fast**: one *pass*\n", "README.md")
    assert doc.description == "一个 快速 的库, see 2**8 and docs."
    assert "2**8" in [piece.text for piece in doc.inline_code]
    assert "Fast: one *pass*" in [piece.text for piece in doc.pieces]


def test_setext_heading_opens_the_readme_as_title():
    doc = parse_document("mytool (mt)\n-----------\nmytool is a line-oriented search tool for logs.\n", "README.md")
    assert doc.title == "mytool (mt)"
    assert doc.description.startswith("mytool is a line-oriented search tool")


def test_a_row_of_links_is_not_the_description():
    text = "# X\n\n[Docs](https://d.example) • [Demo](https://e.example) • [Paper](https://arxiv.org/abs/1)\n\nX renders clouds in real time on the GPU.\n"
    assert parse_document(text, "README.md").description == "X renders clouds in real time on the GPU."


@pytest.mark.parametrize("name", ["README.md", "README.mediawiki", "README.txt"])
def test_a_plain_text_table_of_contents_is_not_the_description(name):
    text = "Table of Contents\nHowl\nRequirements\nUsage\nUsing Docker\nDocker image\n\nHowl is a party game of hidden roles played in the browser.\n"
    assert parse_document(text, name).description == "Howl is a party game of hidden roles played in the browser."
    prose = "Fast.\nSmall and safe.\nNo dependencies at all.\nRuns on any Unix.\n"  # short lines that end sentences are prose
    assert parse_document(prose, name).description


def test_short_description_is_continued_by_the_next_paragraph():
    text = "# X\n\nA tiny tool for jobs.\n\nIt schedules cron jobs across many machines with retries.\n\nMore.\n"
    doc = parse_document(text, "README.md")
    assert doc.description == "A tiny tool for jobs. It schedules cron jobs across many machines with retries."
    assert [p.kind for p in doc.pieces].count("description") == 2


RST = """\
=========
Chronicle
=========

.. image:: https://img.shields.io/pypi/v/chronicle.svg
   :target: https://pypi.org/project/chronicle/
   :alt: PyPI

Chronicle is a Python library for reading ship logs.
See `the docs <https://chronicle.example.org>`_ and ``chronicle.read()``.

Usage
-----

Install it::

    pip install chronicle

.. code-block:: python

    import chronicle
"""


def test_rst_fallback():
    doc = parse_document(RST, "README.rst")
    assert (doc.title, line_of(doc, "title")) == ("Chronicle", 2)
    assert doc.description.startswith("Chronicle is a Python library for reading ship logs.")
    assert [(b.service, b.alt, b.line) for b in doc.badges] == [("pypi", "PyPI", 5)]
    assert ("chronicle.example.org", 10) in [(link.domain, link.line) for link in doc.links]
    assert [(h.level, h.text, h.line) for h in doc.headings] == [(1, "Chronicle", 2), (2, "Usage", 12)]
    assert [b.text.strip() for b in doc.code_blocks] == ["pip install chronicle", "import chronicle"]
    assert doc.code_blocks[1].info == "python"
    assert [p.text for p in doc.inline_code] == ["chronicle.read()"]


def test_rst_is_recognised_without_a_file_name():
    doc = parse_document(RST, "")
    assert doc.title == "Chronicle" and doc.badges


def test_rst_directives_without_prose_are_passed_over_and_an_admonitions_body_is_read_as_rest():
    text = (
        "Widget\n======\n\n.. contents:: Table of Contents\n\nWidget is a library for drawing charts in the terminal.\n\n"
        ".. warning:: Read this first.\n\n   .. code-block:: bash\n\n      pip install widget\n\n"
        ">>> import widget\n>>> widget.draw()\n\n.. toctree::\n\n   install\n   usage\n\n.. include:: ../CHANGES.rst\n"
    )
    doc = parse_document(text, "README.rst")
    assert doc.description == "Widget is a library for drawing charts in the terminal."
    assert [(block.info, block.text.strip(), block.line) for block in doc.code_blocks] == [("bash", "pip install widget", 11), ("python", ">>> import widget\n>>> widget.draw()", 14)]
    words = " ".join(piece.text for piece in doc.pieces if piece.kind != "code")
    assert "Read this first." in words and not any(word in words for word in ("Table of Contents", "toctree", "CHANGES", "install\n"))


def test_rst_saved_as_txt_is_read_as_rst():
    doc = parse_document("Widget\n======\n\n.. image:: https://img.shields.io/pypi/v/widget.svg\n\nWidget draws charts in the terminal.\n\nExample::\n\n    widget --bar data.csv\n", "README.txt")
    assert [b.service for b in doc.badges] == ["pypi"] and doc.description == "Widget draws charts in the terminal."
    assert [block.text.strip() for block in doc.code_blocks] == ["widget --bar data.csv"]


def test_plain_text_fallback():
    doc = parse_document("Weatherman\n==========\n\nA command line weather report for your terminal.\n", "README.txt")
    assert doc.title == "Weatherman"
    assert doc.description == "A command line weather report for your terminal."


def test_every_piece_keeps_its_line():
    doc = parse_document(MARKDOWN, "README.md")
    lines = MARKDOWN.splitlines()
    for piece in doc.pieces:
        first_word = piece.text.split()[0].strip("*`")
        assert first_word in lines[piece.line - 1] or piece.kind == "badge", piece


def test_a_tagline_heading_under_the_title_is_description():
    doc = parse_document('<h1 align="center">Quill</h1>\n<h3 align="center">A rich text editor for the web</h3>\n\n## Install\n\nnpm i quill\n', "README.md")
    assert doc.description == "A rich text editor for the web"
    assert [p.kind for p in doc.pieces][:2] == ["title", "description"]
    assert doc.pieces[-1].context == "Install"


def test_navigation_bar_headings_and_tables_are_neither_title_nor_description():
    text = "#### [Website](https://x.io) | [Blog](https://x.io/blog) | [Docs](https://x.io/docs)\n\n| Sponsor | Note |\n|---|---|\n| Acme Corp is a great sponsor of our work | thanks a lot |\n\n# Tool\n\nTool converts images to ASCII art quickly.\n"
    doc = parse_document(text, "README.md")
    assert doc.title == "Tool" and doc.description == "Tool converts images to ASCII art quickly."


def test_a_heading_that_is_one_link_is_still_the_title():
    doc = parse_document("# [Dockerfile tips](https://example.com/tips)\n\nHow to write small images.\n", "README.md")
    assert doc.title == "Dockerfile tips"


def test_rst_raw_html_and_badge_substitutions():
    text = (
        ".. raw:: html\n\n   <h1>Gauge</h1>\n\n|  |pypi| |docker|\n|  |stars|\n\n.. |pypi| image:: https://img.shields.io/pypi/v/gauge.svg\n\nGauge watches the disks and processors of your servers.\n"
    )
    doc = parse_document(text, "README.rst")
    assert doc.title == "Gauge"
    assert doc.description == "Gauge watches the disks and processors of your servers."
    assert not any("pypi" in p.text for p in doc.pieces if p.kind == "body")


def test_rst_badge_substitutions_in_a_title_are_not_its_words():
    text = "Sieve |version| |library|\n========================\n\nSieve filters mail.\n\n.. |library| image:: https://img.shields.io/badge/async-trio-blue.svg\n"
    doc = parse_document(text, "README.rst")
    assert doc.title.split() == ["Sieve"]
    assert [h.text.split() for h in doc.headings] == [["Sieve"]]


def test_github_alerts_and_list_items_are_not_the_description():
    text = "> [!NOTE]\n> This repository is no longer maintained by anyone at all.\n\n# Bucket\n\n- fast uploads of many kinds\n- small and simple to run\n\nBucket is an object storage server with an S3 API.\n"
    doc = parse_document(text, "README.md")
    assert doc.title == "Bucket"
    assert doc.description == "Bucket is an object storage server with an S3 API."


LIBRARY = "A Python library for reading and writing spreadsheets in the formats offices use."


@pytest.mark.parametrize(
    "head, body",
    [
        ("> **Warning**\n> This project is no longer maintained by its first authors.\n\n", ""),  # a notice in GitHub's older alert
        ("import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n", ""),  # a docs site's MDX page
        ("", ":::info\nThese pages describe the second major version of the package.\n:::\n\n"),  # Docusaurus
        ("", '!!! note "Version"\n    These pages describe the second major version of the package.\n\n'),  # MkDocs
        ("", "This is a read-only mirror of the upstream repository. Pull requests are not accepted here.\n\n"),
        ("", "**This project has been archived and is no longer maintained by anyone.**\n\n"),
        ("", "DEPRECATED: this repository moved to a new home, where its issues are answered.\n\n"),
        ("", "This project has moved to another forge and is developed there from now on.\n\n"),
        ("", "Deprecated: use the newer package of the same authors instead of this one.\n\n"),
        ("", "This project is not maintained anymore; its last release still works.\n\n"),
        ("", "Проект больше не поддерживается, используйте новую версию.\n\n"),
        ("", "项目已不再维护，请使用新的版本。\n\n"),
        ("", "Ce projet n'est plus maintenu depuis la version deux.\n\n"),
        ("", "이 저장소는 더 이상 유지보수되지 않습니다. 새 버전을 사용하세요.\n\n"),
        ("", "Dit project wordt niet meer onderhouden; gebruik de nieuwe versie.\n\n"),
        ("", "To repozytorium nie jest już rozwijane, nowa wersja jest gdzie indziej.\n\n"),
        ("", "Este repositório foi arquivado e não recebe mais atualizações.\n\n"),
        ("", "Questo progetto non è più mantenuto dal suo autore.\n\n"),
    ],
)
def test_notices_before_or_under_the_title_are_not_the_description(head, body):
    """A notice above the title took its place, and one under it was the description, so a README that says what it is
    in the next paragraph got no tag from it (a mirror, a docs site's page, a project that moved)."""
    doc = parse_document(f"{head}# tabkit\n\n{body}{LIBRARY}\n\n## Install\n\npip install tabkit\n", "README.md")
    assert doc.title == "tabkit" and doc.description == LIBRARY


@pytest.mark.parametrize(
    "preamble",
    [
        "Please star this repository if you find it useful!\n\n",
        "⭐ Star us on GitHub, it motivates the two of us a lot ⭐\n\n[![pypi](https://img.shields.io/pypi/v/tabkit.svg)](https://pypi.org/p/tabkit)\n\n",
        "Thanks to Ana for the logo and the colours of the site.\n\n(We need help with the Windows port, see the issues.)\n\n",
        "We are looking for maintainers: write to us if you can give a few hours a month.\n\n",
        "如果你觉得这个项目有用，请给个 star 支持一下！\n\n",
        "If this project helps you, please give it a star!\n\n",
        "Join the community on our Discord server for help and news.\n\n",
        "도움이 되셨다면 스타를 눌러 주세요, 큰 힘이 됩니다.\n\n",
        "Like this project? Give it a star! Pull requests are welcome too.\n\n",
        "This project is sponsored by a hosting company, which is the home of our servers.\n\n",
        "如果本项目对你有所帮助，点个 Star 吧！\n\n",
        "Si te resulta útil, dale una estrella en GitHub.\n\n",
        "If you find this project useful, please consider giving it a ⭐\n\n",
        "Join our Discord server! It is the best place to ask questions.\n\n",
        "Если проект оказался полезен, поставьте звёздочку.\n\n",
        "このプロジェクトが役に立ったら、スターをお願いします！\n\n",
    ],
)
@pytest.mark.parametrize("under", [False, True])
def test_a_preamble_takes_neither_the_title_nor_the_description(preamble, under):
    """A plea or thanks above ``# Title`` was the description, so the title was a plain heading and the paragraph that says
    what the project is was body text (under the title, it was the description): a clear README got no tag."""
    text = f"# tabkit\n\n{preamble}{LIBRARY}\n\n## Install\n\npip install tabkit\n" if under else f"{preamble}# tabkit\n\n{LIBRARY}\n\n## Install\n\npip install tabkit\n"
    doc = parse_document(text, "README.md")
    assert doc.title == "tabkit" and doc.description == LIBRARY


@pytest.mark.parametrize(
    "text",
    [
        "A tiny todo app for the terminal, written in Rust.\n\n# Testing\n\nRun cargo test; the unit tests use a temporary directory.\n",
        "Tabkit 是一个用于读取电子表格的 Python 库，也能写入表格。\n\n# 安装\n\n在新的虚拟环境中运行 pip install tabkit 即可。\n",
        "Thanks to its small core, this library reads spreadsheets fast.\n\n# Install\n\nRun pip install tabkit in a fresh virtual environment.\n",
    ],
)
def test_a_description_above_a_lone_section_heading_stays_the_description(text):
    """Only a preamble's shape (a plea, thanks, help wanted) is passed over: a section's name does not become the title."""
    doc = parse_document(text, "README.md")
    assert doc.title == "" and doc.description == text.split("\n")[0]


@pytest.mark.parametrize(
    "opening",
    [
        "This project is a mirror-based backup tool that copies your folders to a second disk every night.",
        "The package is moved by a small daemon from one server to the next when the first one fails.",
        "Deprecated APIs detector: finds calls to deprecated functions in your Python code and says what replaces them.",
        "Archived web pages viewer that opens the snapshots of a site as they stood on any day.",
        "Abandoned cart recovery plugin for online shops: it mails the customers who left before paying.",
        "This fork is archived-aware: it reads compressed logs as well as plain ones, from any folder.",
        "一个用于检测代码中已废弃 API 调用的静态分析工具，并给出替换建议。",
        'import your Postgres tables from a CSV file with one command: imp "file.csv"',
        "This project has moved to a new build system that compiles the whole tree in half the time.",
        "This library has moved to the new async API of the standard library, so every call can be awaited.",
        "이 프로젝트는 웹 아카이브 크롤러입니다. 오래된 사이트를 모아 검색할 수 있게 합니다.",
        "Thanks to SIMD this parser is fast enough for multi-gigabyte JSON files.",
        "Gracias a su núcleo pequeño, esta biblioteca de Python lee hojas de cálculo muy rápido.",
        "(A command-line tool that converts Markdown files into PDF documents.)",
        "请假管理系统，基于 Spring Boot 的企业请假审批平台。",
        "スターターキット: Next.js と Tailwind で作るブログのテンプレートです。",
        "Если вам нужен простой HTTP-клиент для Python, это он.",
        "If you use our API, this SDK wraps every endpoint in typed Python calls.",
        "Join our video calls from the terminal with one command and a room name.",
        "Supported by most YAML parsers, this schema language checks your config files.",
        "Update: a CLI that updates every package manager on your machine at once.",
        "We welcome you to Foo, a static site generator written in Go.",
        "Please star this repo if you like it! Tabkit is a Python library for reading spreadsheets.",
        "If you find it tedious to manage dotfiles by hand, dotlink symlinks them for you.",
        "如果你喜欢 Vim 但又想要现代的体验，这个 Neovim 插件提供了完整的配置。",
        "Sponsored by Acme Cloud, fastq is a job queue for Node.js.",
        "觉得不错的话请点个 star。FastCrawler 是一个异步的网页爬虫框架。",
        "¡Dale una estrella si te gusta! tareas-cli es una herramienta de tareas.",
        "Pull requests welcome! A curated list of Rust crates for audio.",
        "Thanks for stopping by! This is a small Python script that sorts photos into folders by date.",
    ],
)
def test_a_description_that_opens_like_a_notice_or_a_preamble_is_the_description(opening):
    """The notices were matched too loosely: a tool for deprecated calls, a mirror-based backup or abandoned carts lost its
    description (and with no # title, its title went to the next heading). So were the first preamble shapes (a review):
    "Thanks to", "请", "スター", "Update:", a description in parentheses or one after a plea in the same paragraph."""
    doc = parse_document(f"# tool\n\n{opening}\n\n## Usage\n\nRun it.\n", "README.md")
    assert doc.title == "tool" and doc.description == opening


def test_a_docs_site_admonition_with_blank_lines_is_no_description():
    """``:::info``, a blank line, the text, a blank line and ``:::`` is one admonition: its text was the description."""
    doc = parse_document(f"# tabkit\n\n:::info\n\nThese pages describe the second major version of the package.\n\n:::\n\n{LIBRARY}\n", "README.md")
    assert doc.title == "tabkit" and doc.description == LIBRARY


def test_a_long_paragraph_ending_with_a_colon_can_be_the_description():
    text = "# Vane\n\nVane is a framework for writing serverless web apps in Python and deploying them. It provides:\n\n* a command line tool\n"
    assert parse_document(text, "README.md").description.startswith("Vane is a framework")


def test_an_unspaced_chinese_paragraph_can_be_the_description():
    doc = parse_document("# 工具\n\n一个用于处理图像和视频的命令行工具。\n\n## 安装\n\n说明\n", "README.md")
    assert doc.description.startswith("一个用于")


BODY = """\
## Install

```bash
pip install thing
```

    indented code: import numpy

- an item with [a link](https://docs.example.org/start) and `thing --serve`
- ### A heading in an item
1. an ordered item
- 2. nested in one line

> A quote with a [link](https://quote.example.com)

| Feature | Supported |
| ------- | --------- |
| TAF     | yes       |

<!--
kubernetes, hidden in a comment
-->

<details>
<summary>More</summary>
<p>Raw HTML text</p>
</details>

<span>Inline HTML with a [markdown link](https://span.example.net)</span>

Usage
-----

Text under a setext heading ![badge](https://img.shields.io/pypi/v/thing.svg)
uses a [reference][ref].

~~~python
import thing
~~~

[ref]: https://ref.example.org/
"""


def _shape(doc):
    """What the matcher reads of a Document: each piece's words, section, line and headings; code, links, badges."""
    from readme_tag.vocabulary import tokens

    return (
        sorted({(p.kind, p.line, p.context, w) for p in doc.pieces for w in tokens(p.text)}),
        [(b.info, b.text.strip(), b.line, b.context) for b in doc.code_blocks],
        sorted((link.domain, link.line, link.context) for link in doc.links),
        [(b.service, b.line) for b in doc.badges],
        [(h.level, h.text, h.line) for h in doc.headings],
        [(s.text, s.line) for s in doc.inline_code],
    )


def test_the_line_scanner_reads_the_body_as_markdown_it_does(monkeypatch):
    """Below the head, the scanner gives the words, sections, lines and headings markdown-it-py's blocks give."""
    from readme_tag.parse import markdown

    text = "# Thing\n\nThing reads weather reports from airports all over the world.\n\n" + BODY
    monkeypatch.setattr(markdown, "HEAD_CHARS", len(text) + 1)
    whole = parse_document(text, "README.md")
    monkeypatch.setattr(markdown, "HEAD_CHARS", 10)
    scanned = parse_document(text, "README.md")
    assert whole.headings and whole.code_blocks and whole.links and whole.badges
    assert _shape(scanned) == _shape(whole)
    assert not any("kubernetes" in p.text for p in scanned.pieces)
    reference_line = text.splitlines().index("uses a [reference][ref].") + 1
    assert ("ref.example.org", reference_line) in [(link.domain, link.line) for link in scanned.links]


def test_the_head_ends_at_a_blank_line_outside_fences_and_comments():
    from readme_tag.parse.scanner import split_head

    text = "a\n\n```\ncode\n\nmore code\n```\n\n<!--\n\n-->\n\nz\n"
    assert split_head(text, 1) == 2
    assert split_head(text, 5) == text.index("```\n\n") + 4
    assert split_head(text, text.index("<!--") + 2) == text.index("-->\n\n") + 4
    assert split_head(text, len(text) - 1) == len(text)


def test_a_short_opening_sentence_describes_too():
    doc = parse_document("# s3d\n\nS3-compatible object storage server.\n\n## Usage\n\nRun it with the flag and more words here.\n", "README.md")
    assert next(p.text for p in doc.pieces if p.kind == "description") == "S3-compatible object storage server."
    assert parse_document("# s3d\n\nSee the docs.\n", "README.md").description == "See the docs."
    assert parse_document("# s3d\n\n[Docs](https://d.io) | [Blog](https://b.io)\n", "README.md").description == ""


def test_a_sentence_saying_what_the_project_is_describes_it_despite_a_colon():
    doc = parse_document("# crystal\n\nCrystal is a programming language with these goals:\n\n- fast\n- typed\n", "README.md")
    assert doc.description == "Crystal is a programming language with these goals:"
    lead_in = parse_document("# tool\n\nFor the 2024 edition see:\n\n- a link\n\nTool converts images to text quickly and well.\n", "README.md")
    assert lead_in.description.startswith("Tool converts")
    sentence = parse_document("# tool\n\nA Python library for parsing CSV files. Usage:\n\n- a\n\nMore words about the tool here.\n", "README.md")
    assert sentence.description.startswith("A Python library for parsing CSV files. Usage:")  # a sentence before the lead-in says what it is
    later = parse_document("# tool\n\nHello! A Python library for parsing CSV files. Usage:\n\n- a\n", "README.md")
    assert later.description.startswith("Hello! A Python library")  # the sentences before the lead-in, not only the first
    for tagline in ("Fast JSON parser. Zero dependencies. Usage:", "A U.S. tax calculator in Go. Usage:"):
        assert parse_document(f"# tool\n\n{tagline}\n\n- a\n", "README.md").description.startswith(tagline)  # five words before it
    for steps in ("See docs. Usage:", "Quick start. Run:"):  # too few words before the lead-in to say what it is
        short = parse_document(f"# tool\n\n{steps}\n\n- a\n\nTool converts images to text quickly and well.\n", "README.md")
        assert short.description.startswith("Tool converts")  # too few words before it to say anything


def test_commands_run_through_a_runner_name_both_programs():
    doc = parse_document("# Site\n\n```sh\nbundle exec jekyll serve\nnpx tsc --init\npoetry run pytest -q\nnpm run build\nbundle install\n```\n")
    assert [name for name, _ in commands_of(doc)] == ["bundle", "jekyll", "npx", "tsc", "poetry", "pytest", "npm", "bundle"]


def test_text_written_with_combining_accents_reads_as_composed_text():
    """Decomposed text (NFD: a letter, then its accents) splits words at each accent unless it is composed first."""
    import unicodedata

    from readme_tag import Tagger

    composed = "# Thư viện xử lý ảnh\n\nUne bibliothèque Python pour lire des images météo.\n"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    doc = parse_document(decomposed, "README.md")
    assert doc.title == "Thư viện xử lý ảnh"
    tagger = Tagger()
    names = tagger.tag(composed, name="README.md").names
    assert names and tagger.tag(decomposed, name="README.md").names == names


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("SomeGame", "Some Game"),
        ("BizarreCRM: a shop's CRM", "Bizarre CRM"),
        ("HTTPServer and JsonKit", "HTTP Server / Json Kit"),
        ("MinecraftVsZombies2", "Minecraft Zombies"),
        ("WinUX", "Win"),
        ("iOS and macOS notes, for eBay and iPhone", ""),
        ("qzcyOnlineShop", "qzcy Online Shop"),
        ("myPortfolio", ""),
        ("Some game", ""),
        ("README", ""),
    ],
)
def test_the_words_of_a_titles_camelcase_names(title, words):
    assert name_words(title) == words


def test_a_title_with_camelcase_names_also_reads_as_their_words():
    doc = parse_document("# SpringReactShop\n\nA shop for the neighbourhood, built over a weekend.\n", "README.md")
    assert [(piece.kind, piece.text, piece.line) for piece in doc.pieces if piece.kind == "title"] == [("title", "SpringReactShop", 1), ("title", "Spring React Shop", 1)]
    assert doc.title == "SpringReactShop"
    plain = parse_document("# Spring shop\n\nA shop for the neighbourhood, built over a weekend.\n", "README.md")
    assert [piece.text for piece in plain.pieces if piece.kind == "title"] == ["Spring shop"]


@pytest.mark.parametrize(
    "matter",
    [
        '---\nlayout: page\ntitle: "Quarry Notes"\ndescription: A field guide to rock layers.\npermalink: /games/\ntags:\n  - rocks\n---\n',
        '+++\ntitle = \'Quarry Notes\'\nsummary = "A field guide to rock layers."\nslug = "games"\n[params]\n  tone = "dry"\n+++\n',
        "\ufeff---\ntitle: Quarry Notes\ndescription: A field guide to rock layers.\nredirect_from: /games/\n...\n",  # a BOM the API was given
    ],
)
def test_front_matter_gives_its_title_and_description_and_its_other_fields_are_code(matter):
    doc = parse_document(matter + "\nSome prose about strata.\n\n## Layers\n\nMore.\n", "README.md")
    assert doc.title == "Quarry Notes" and doc.description.startswith("A field guide to rock layers.")
    assert [piece.kind for piece in doc.pieces if "games" in piece.text] == ["code"]  # not a heading, as CommonMark reads it
    assert [heading.line for heading in doc.headings if heading.text == "Layers"] == [matter.count("\n") + 4]  # an editor's line


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA paragraph under a rule.\n---\n",  # prose between two rules, not fields
        "---\n---\n# Title\n",  # nothing inside
        "---\nlayout: page\n\n# Title\n",  # never closed
        "# Title\n\n---\nlayout: page\n---\n",  # not at the top
        "---\n\n# Kube Sweeper\n\n---\n\nDeletes idle namespaces.\n",  # a heading between rules: # is a YAML comment, but no field
        "---\n- [Install](#install)\n- [Usage](#usage)\n---\n\n# Title\n",  # a list between rules
    ],
)
def test_what_is_not_front_matter_is_read_as_markdown_reads_it(text):
    doc = parse_document(text, "README.md")
    assert doc.pieces and not any(piece.kind == "code" for piece in doc.pieces)


def test_a_page_with_an_h1_of_its_own_keeps_it_as_its_title_and_its_front_matter_is_code():
    """A site's page names itself in its front matter ("Home"); the README's own h1 names the project (one in a code block does not count)."""
    doc = parse_document("---\nlayout: default\ntitle: Home\n---\n\n# Kube Sweeper\n\nDeletes idle namespaces in a cluster.\n", "README.md")
    assert doc.title == "Kube Sweeper" and doc.description.startswith("Deletes idle namespaces")
    assert [piece.kind for piece in doc.pieces if "Home" in piece.text] == ["code"]
    fenced = parse_document("---\ntitle: Kube Sweeper\n---\n\n```html\n<h1>{{ page.title }}</h1>\n```\n\nDeletes idle namespaces.\n", "README.md")
    assert fenced.title == "Kube Sweeper"


@pytest.mark.parametrize("line", ["#include </>", "#include <//>", "#include </.h>", "#include <x/.h>", "const a = require('/');", "import x from '@/';", "import '@';", 'import "/"'])
def test_an_import_of_only_slashes_names_no_module_and_does_not_fail(line):
    """``#include </>`` left no part of the path and stopped the README with an internal error (IndexError)."""
    from readme_tag.parse.code import imports_of

    doc = parse_document(f"# x\n\n```c\n{line}\n#include <zlib.h>\n```\n", "README.md")
    assert "zlib" in {name for name, _ in imports_of(doc)} and not any(name.strip("@/.") == "" for name, _ in imports_of(doc))
