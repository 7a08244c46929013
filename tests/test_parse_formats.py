"""The AsciiDoc, Org, RDoc, POD, Textile, MediaWiki and Creole readers: what they find in a README, and that the file's suffix picks them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.parse import READERS, parse_document, read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _kinds(doc, kind):
    return [piece.text for piece in doc.pieces if piece.kind == kind]


@pytest.fixture(scope="module")
def adoc():
    return read_document(str(FIXTURES / "quill-queue.adoc"))


@pytest.fixture(scope="module")
def org():
    return read_document(str(FIXTURES / "kubepeek.org"))


@pytest.mark.parametrize("suffix", [".md", *sorted(set(READERS) - {".pod"})])
def test_a_bare_url_ending_a_sentence_leaves_its_full_stop_in_the_prose(suffix):
    text = "Title\n=====\n\nIt is on https://pypi.org. A mirror is at https://mirror.example.net/simple, and more!\n"
    doc = parse_document(text, "README" + suffix)
    assert [(link.url, link.domain) for link in doc.links] == [
        ("https://pypi.org", "pypi.org"),
        ("https://mirror.example.net/simple", "mirror.example.net"),
    ]


FORMAT_FIXTURES = sorted(path for path in FIXTURES.iterdir() if path.suffix in READERS or path.suffix == ".md")


@pytest.mark.parametrize("path", FORMAT_FIXTURES, ids=[path.suffix for path in FORMAT_FIXTURES])
def test_windows_and_old_mac_line_ends_read_as_newlines_in_every_markup(path):
    """A README saved with CRLF (or CR) line ends gives the same document as with LF: a POD or Textile reader finds no blank line between "\r\n" paragraphs otherwise."""
    text = path.read_text(encoding="utf-8")
    unix = parse_document(text, path.name)
    assert unix.pieces
    for ends in ("\r\n", "\r"):
        other = parse_document(text.replace("\n", ends), path.name)
        assert (other.pieces, other.links, other.code_blocks) == (unix.pieces, unix.links, unix.code_blocks)


@pytest.mark.parametrize("path", FORMAT_FIXTURES, ids=[path.suffix for path in FORMAT_FIXTURES])
def test_a_form_feed_or_line_separator_inside_a_line_moves_no_line_number(path):
    """Only a line feed ends a line, as an editor counts them: ``str.splitlines`` also broke lines at \\f, \\v and U+2028,
    and each such character put every later line number one off."""
    text = path.read_text(encoding="utf-8")
    plain = parse_document(text, path.name)
    lines = text.split("\n")
    at = next(n for n, line in enumerate(lines) if len(line.split()) > 3)  # a line of prose near the top: the marks go inside it
    lines[at] = lines[at].replace(" ", " \f", 1).replace(" ", " \u2028", 1)
    marked = parse_document("\n".join(lines), path.name)
    assert plain.pieces and [p.line for p in marked.pieces] == [p.line for p in plain.pieces]


@pytest.mark.parametrize("name", ["README.rdoc", "README.org"])
def test_markdown_saved_as_rdoc_or_org_is_read_as_markdown_and_the_markups_own_are_not(name):
    markdown = "# Tidy Tasks\n\nA to-do list web app in Rails.\n\n## Install\n\n```bash\nbin/setup\n```\n"
    doc = parse_document(markdown, name)
    assert _kinds(doc, "title") == ["Tidy Tasks"] and _kinds(doc, "description") == ["A to-do list web app in Rails."]
    assert [block.info for block in doc.code_blocks] == ["bash"]
    own = {"README.rdoc": "= Tidy Tasks\n\nA to-do list.\n\n# not a heading here\n", "README.org": "* Tidy Tasks\n\nA to-do list.\n\n# a comment\n"}[name]
    doc = parse_document(own, name)  # its own reader: "#" opens no heading there (RDoc's text, Org's comment)
    assert _kinds(doc, "title") == ["Tidy Tasks"] and not [piece for piece in doc.pieces if piece.kind == "heading"]


def test_asciidoc_title_headings_and_description(adoc):
    assert adoc.title == "Quill Queue: a persistent message queue for the JVM"
    assert [(h.level, h.text) for h in adoc.headings][1:] == [(2, "Features"), (2, "Installation"), (2, "Usage"), (2, "License")]
    # the author and revision lines under the title are header, not prose; {project-name} is replaced
    assert adoc.description.startswith("Quill Queue is an embeddable message queue library for Java")
    assert not any("ada@example.org" in piece.text or "v2.3" in piece.text for piece in adoc.pieces)


def test_asciidoc_code_blocks_keep_their_language_and_leave_the_prose(adoc):
    assert [block.info for block in adoc.code_blocks] == ["groovy", "java"]
    assert "QuillQueue.open" in adoc.code_blocks[1].text
    assert not any("implementation" in text for text in _kinds(adoc, "body"))
    assert [span.text for span in adoc.inline_code][:1] == ["QuillQueue.open(path)"]


def test_asciidoc_badges_links_tables_and_passthrough(adoc):
    assert [(badge.service, badge.alt) for badge in adoc.badges] == [("maven-central", "Maven Central"), ("github-actions", "Build"), ("codecov", "Coverage")]
    assert adoc.badges[0].url == "https://search.maven.org/artifact/org.example/quill-queue"  # link= of the image
    assert adoc.badges[2].url == "https://codecov.io/gh/example/quill-queue"  # the link around the image
    assert ("LICENSE", "the license file") in [(link.url, link.text) for link in adoc.links]
    body = _kinds(adoc, "body")
    assert "segment.size 64 MB size of one segment file" in body  # a table row is one item
    assert "Website" in body  # ++++ passthrough read as HTML
    assert "Quill Queue 2.3.0 needs Java 17 or newer." in body  # admonition label dropped, attributes replaced


def test_asciidoc_comments_are_not_read(adoc):
    words = " ".join(piece.text for piece in adoc.pieces).lower()
    assert "helm" not in words and "blockchain" not in words


def test_org_title_subtitle_headings_and_code(org):
    assert org.title == "kubepeek"
    assert org.description.startswith("A terminal UI for watching Kubernetes pods")
    assert [(h.level, h.text) for h in org.headings] == [(1, "kubepeek"), (2, "Installation"), (2, "Usage"), (3, "Keys"), (2, "License")]
    assert [(block.info, block.text) for block in org.code_blocks] == [
        ("sh", "go install github.com/example/kubepeek@latest"),
        ("sh", "kubepeek --namespace payments --context staging"),
    ]
    assert [span.text for span in org.inline_code][:2] == ["~/.kube/config", "kubectl"]


def test_org_badges_tables_and_skipped_lines(org):
    assert [(badge.service, badge.url) for badge in org.badges] == [
        ("github-actions", "https://github.com/example/kubepeek/actions"),
        ("goreportcard", "https://goreportcard.com/report/github.com/example/kubepeek"),
    ]
    body = _kinds(org, "body")
    assert "l follow logs" in body and "Key Action" in body
    assert ("LICENSE", "LICENSE") in [(link.url, link.text) for link in org.links]
    words = " ".join(piece.text for piece in org.pieces).lower()
    assert "custom_id" not in words and "django" not in words and "blockchain" not in words and "toc:nil" not in words


@pytest.mark.parametrize(
    ("text", "name", "title", "code"),
    [
        ("Old Style Title\n===============\n\nA paragraph of prose here.\n\n  $ tool --flag\n", "README.asciidoc", "Old Style Title", "$ tool --flag"),
        (".Run it\n[source,shell]\n----\nmake run\n----\n", "readme.adoc", "", "make run"),
        ("[source,python]\nprint('a listing paragraph')\n\nProse after it.\n", "README.adoc", "", "print('a listing paragraph')"),
        ("* Heading\n: fixed-width line\n: another\n", "README.org", "Heading", "fixed-width line\nanother"),
        ("#+TITLE: T\n#+begin_example\nexample text\n#+end_example\n", "README.org", "T", "example text"),
    ],
)
def test_small_forms(text, name, title, code):
    doc = parse_document(text, name)
    assert doc.title == title
    assert [block.text for block in doc.code_blocks] == [code]


def test_the_suffix_picks_the_reader():
    text = "= Title\n\n== Section\n\nSome words of prose here.\n"
    assert parse_document(text, "README.adoc").title == "Title"
    assert parse_document(text, "README.md").title == ""  # Markdown sees no heading here
    org = "#+TITLE: Title\n\n* Section\nSome words of prose here.\n"
    assert [h.text for h in parse_document(org, "README.org").headings] == ["Title", "Section"]
    assert parse_document(org, "README.md").title != "Title"


def test_the_asciidoc_reader_tags_what_markdown_would_miss():
    """The fixture's kind (a library) stands in its title and description, which the Markdown reader does not find."""
    tagger = Tagger()
    text = (FIXTURES / "quill-queue.adoc").read_text()
    as_adoc = tagger.tag(text, name="quill-queue.adoc").names
    as_markdown = tagger.tag(text, name="quill-queue.md").names
    assert as_adoc and as_markdown
    assert as_adoc[:2] == ["message-queue", "lib"]
    assert "lib" not in as_markdown


def test_asciidoc_table_cells_holding_block_markup_and_an_image_named_by_alt():
    text = '== image:logo.png[alt="Widget"]\n\n|===\na| * first point\n[TIP]\n====\ninside tip\n====\n2+| spanning cell\n|===\n'
    doc = parse_document(text, "README.adoc")
    assert doc.title == "Widget"
    assert _kinds(doc, "body") == ["first point", "inside tip", "spanning cell"]


def test_asciidoc_preprocessor_lines_and_attribute_values():
    text = (
        ":uri-org: https://example.org\n"
        ":uri-repo: {uri-org}/widget\n"
        "ifndef::uri-base[:uri-base: link:]\n"
        "= Widget image:https://example.org/Join Chat.svg[Chat]\n\n"
        "A widget library for the terminal, in a few words.\n"
        "ifdef::env-github[]\n"
        "More prose of the same paragraph.\n"
        "endif::[]\n\n"
        "See {uri-repo}[the repository] and {uri-base}CONTRIBUTING.adoc[the guide].\n"
    )
    doc = parse_document(text, "README.adoc")
    assert doc.title == "Widget Chat"  # an image target may hold a space
    assert [image.src for image in doc.images] == ["https://example.org/Join Chat.svg"]
    assert doc.description == "A widget library for the terminal, in a few words. More prose of the same paragraph."
    assert [(link.url, link.text) for link in doc.links] == [("https://example.org/widget", "the repository"), ("CONTRIBUTING.adoc", "the guide")]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("README", "Pennywise\n=========\n\nA budget tracker for households... and more.\n\n---\n\n```sh\ncd .. && make\ndocker compose up -d\n```\n"),
        ("README.org", "# Pennywise\n\nA budget tracker for households.\n\n* fast\n* small\n\n```sh\ndocker compose up -d\n```\n"),
        ("README.rdoc", "Pennywise\n=========\n\nA budget tracker for households.\n\n## Usage\n\n```ruby\n=begin\nnotes\n=end\ndocker compose up -d\n```\n"),
    ],
)
def test_markdown_with_shapes_other_markups_share_is_still_markdown(name, text):
    doc = parse_document(text, name)  # a setext title, an ellipsis, "* " items, "=begin" in a fence: no reST, Org or RDoc of their own
    assert doc.title == "Pennywise" and doc.description == "A budget tracker for households" + ("... and more." if name == "README" else ".")
    assert [block.text.splitlines()[-1] for block in doc.code_blocks] == ["docker compose up -d"]
    assert [h.text for h in doc.headings] == ["Pennywise", *(["Usage"] if name == "README.rdoc" else [])]


@pytest.mark.parametrize(
    "text",
    [
        "Pennywise\n=========\n\nA budget tracker; see `the docs <https://example.org>`_.\n",
        "Pennywise\n=========\n\nA budget tracker. Install it::\n\n    pip install pennywise\n",
        "Pennywise\n=========\n\n.. note:: A budget tracker.\n",
    ],
)
def test_rest_without_a_name_is_known_by_its_own_shapes(text):
    doc = parse_document(text, "")
    assert doc.title == "Pennywise" and not [p for p in doc.pieces if "`" in p.text or p.text.startswith("..")]


def test_rest_with_tilde_underlines_is_rest_and_markdown_ending_a_line_in_two_colons_is_markdown():
    rest = parse_document("Pennywise\n=========\n\n.. image:: https://img.shields.io/pypi/v/pennywise.svg\n\nA budget tracker.\n\nInstallation\n~~~~~~~~~~~~\n\nRun it.\n", "")
    assert [h.text for h in rest.headings] == ["Pennywise", "Installation"] and [b.service for b in rest.badges] == ["pypi"]
    literal = parse_document("Widget\n======\n\nWidget sorts photos. Example::\n\n\n    widget sort ~/photos\n", "")
    assert [block.text.strip() for block in literal.code_blocks] == ["widget sort ~/photos"]  # reST allows two blank lines before it
    overlined = parse_document("~~~~~~~~~\nPennywise\n~~~~~~~~~\n\n.. image:: https://img.shields.io/pypi/v/pennywise.svg\n\nA budget tracker.\n\n~~~~~~~~~~\n\nMore.\n", "")
    assert overlined.title == "Pennywise" and [b.service for b in overlined.badges] == ["pypi"]  # an overline and a transition: reST's
    org = parse_document("# Widget\n\nA command line tool for sorting photos.\n\n* fast\n* small\n\n~~~\nmake install\n~~~\n", "README.org")
    assert org.title == "Widget" and [block.text.strip() for block in org.code_blocks] == ["make install"]
    markdown = parse_document("cppkit\n======\n\nEverything lives in namespace cppkit::\n\n- `cppkit::span`\n- `cppkit::vector`\n", "")
    assert [span.text for span in markdown.inline_code] == ["cppkit::span", "cppkit::vector"] and [h.text for h in markdown.headings] == ["cppkit"]


@pytest.mark.parametrize("header", ["Jane Doe; John Roe", "Jane Doe\nv1.2, 2024-01-01"])
def test_an_asciidoc_author_line_without_an_email_is_header_not_description(header):
    doc = parse_document(f"= Quarry\n{header}\n\nQuarry is a search tool for logs.\n", "README.adoc")
    assert doc.title == "Quarry" and doc.description == "Quarry is a search tool for logs."
    tagline = parse_document("= Quarry\nA search tool for logs, fast and small.\n", "README.adoc")
    assert tagline.description == "A search tool for logs, fast and small."  # a sentence under the title is no author


def test_a_creole_link_without_a_label_gives_its_page_name_as_words_and_its_address_as_none():
    doc = parse_document("= Notely =\n\nA note-taking tool: [[https://gitlab.com/acme/notely-kubernetes-operator]], [[Installation]].\n", "README.creole")
    assert doc.description == "A note-taking tool: , Installation."
    assert [link.url for link in doc.links] == ["https://gitlab.com/acme/notely-kubernetes-operator", "Installation"]


def test_a_textile_pre_block_goes_on_past_a_blank_line():
    doc = parse_document("h1. Tool\n\nA tool for sorting photos by date.\n\n<pre><code>\nmake install\n\nmake test\n</code></pre>\n\nMore prose here.\n", "README.textile")
    assert [block.text for block in doc.code_blocks] == ["make install\n\nmake test"]
    assert [piece.text for piece in doc.pieces if piece.kind == "body"] == ["More prose here."]


def test_rdoc_verbatim_text_that_opens_with_a_bracket_is_code_and_a_labelled_item_is_prose():
    text = "= Matrix\n\nA gem for matrices in plain Ruby code.\n\n  [[1, 2], [3, 4]].to_matrix\n\nConfig:\n\n  [core]\n  editor = vim\n\n[cat] a small furry mammal\n"
    doc = parse_document(text, "README.rdoc")
    assert [block.text for block in doc.code_blocks] == ["[[1, 2], [3, 4]].to_matrix", "[core]\neditor = vim"]
    assert [piece.text for piece in doc.pieces if piece.kind == "body"] == ["Config:", "cat a small furry mammal"]


def test_a_mediawiki_category_link_files_the_page_and_is_no_text_but_a_link_to_a_category_is():
    doc = parse_document("= Botty =\n\nA bot that archives talk pages, written in Python.\n\n[[Category:Bots]] [[:Category:Bots|see the bots]]\n", "README.mediawiki")
    assert [piece.text.strip() for piece in doc.pieces if piece.kind == "body"] == ["see the bots"]
    assert [link.url for link in doc.links] == [":Category:Bots"]


def test_asciidoc_list_items_indented_after_a_blank_line_are_items_and_an_indented_line_is_code():
    doc = parse_document("= Tool\n\nA tool for sorting photos by date.\n\n== Requirements\n\n  * Go 1.22\n  * make\n\n  go build ./...\n", "README.adoc")
    assert [piece.text for piece in doc.pieces if piece.kind == "body"] == ["Go 1.22", "make"]
    assert [block.text for block in doc.code_blocks] == ["go build ./..."]


def test_asciidoc_attributes_that_double_themselves_stop_growing():
    text = "= Widget\n\n:a: ab\n" + ":a: {a}{a}\n" * 22 + "\nA widget library. {a} {a}\n"  # 2**23 characters per {a} unbounded
    doc = parse_document(text, "README.adoc")
    assert doc.title == "Widget"
    assert doc.description.startswith("A widget library. ")
    assert sum(len(piece.text) for piece in doc.pieces) < 70000  # the README's expansion budget spent, {a} stays as written


def test_rdoc_headings_verbatim_code_badges_links_and_lists():
    doc = read_document(str(FIXTURES / "tidy-ledger.rdoc"))
    assert doc.title == "tidy-ledger"
    assert doc.description.startswith("A Ruby gem for double-entry bookkeeping")
    assert [h.text for h in doc.headings] == ["tidy-ledger", "Installation", "Usage", "Options", "Contributing"]
    assert [block.text.strip() for block in doc.code_blocks][:2] == ['gem "tidy-ledger"', "$ gem install tidy-ledger"]
    assert [(badge.service, badge.alt, badge.url) for badge in doc.badges][1] == ("github-actions", "CI", "https://github.com/example/tidy-ledger/actions")
    assert ("CONTRIBUTING.rdoc", "contributing guide") in [(link.url, link.text) for link in doc.links]
    assert [span.text for span in doc.inline_code] == ["TidyLedger::Book#trial_balance", "ledger.report(:monthly)"]
    body = _kinds(doc, "body")
    assert "currency the book's currency (an ISO 4217 code)" in body and "fiscal_year the month a fiscal year starts in" in body
    assert "Fork it" in body


def test_pod_name_section_is_title_and_description():
    doc = read_document(str(FIXTURES / "log-sieve.pod"))
    assert doc.title == "Log::Sieve"
    assert doc.description == "filter and summarise large log files from the command line"
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Log::Sieve"), (1, "SYNOPSIS"), (1, "DESCRIPTION"), (2, "Options"), (1, "LICENSE")]


def test_pod_codes_verbatim_items_html_and_what_is_left_out():
    doc = read_document(str(FIXTURES / "log-sieve.pod"))
    assert "$ logsieve --level error" in doc.code_blocks[0].text and len(doc.code_blocks) == 2
    assert [span.text for span in doc.inline_code] == ["debug", "info", "warn", "error", "2h", "30m"]  # C<> and C<< >>
    assert [(badge.service, badge.url) for badge in doc.badges] == [("github-actions", "https://github.com/example/Log-Sieve/actions")]
    assert ("https://example.org/log-sieve/manual", "the manual") in [(link.url, link.text) for link in doc.links]
    body = _kinds(doc, "body")
    assert "--level LEVEL" in body and "Keep lines newer than this, e.g. 2h or 30m." in body
    words = " ".join(piece.text for piece in doc.pieces).lower()
    assert "kubernetes" not in words and "react" not in words  # =begin comment, and the code after =cut


@pytest.mark.parametrize(
    "name, text",
    [
        ("README.md", "# Tally\n\nCounts words.\n\n    from tally import count\n    count('a b')\n"),
        ("README.pod", "=head1 NAME\n\nTally - counts words\n\n=head1 SYNOPSIS\n\n    from tally import count\n    count('a b')\n"),
        ("README.rdoc", "= Tally\n\nCounts words.\n\n    from tally import count\n    count('a b')\n"),
    ],
)
def test_an_indented_code_block_loses_its_indentation_in_every_markup(name, text):
    """POD and RDoc mark verbatim code by indenting it, as Markdown does; their code reaches the rules as Markdown's does."""
    assert [block.text.rstrip("\n") for block in parse_document(text, name).code_blocks] == ["from tally import count\ncount('a b')"]


@pytest.mark.parametrize("name", ["README.rdoc", "README.pod"])
def test_the_rdoc_and_pod_readers_take_their_suffix(name):
    text = (FIXTURES / ("tidy-ledger.rdoc" if name.endswith("rdoc") else "log-sieve.pod")).read_text()
    assert parse_document(text, name).title != parse_document(text, "README.md").title


def test_markup_option_reads_stdin_as_the_markup_named(cli):
    text = (FIXTURES / "quill-queue.adoc").read_bytes()
    as_adoc, as_md = cli("-", "--markup", "adoc", stdin=text), cli("-", "--markup", "md", stdin=text)
    assert as_adoc.returncode == 0 and as_md.returncode == 0 and as_adoc.stdout and as_md.stdout
    names = [[tag["name"] for tag in json.loads(proc.stdout)["tags"]] for proc in (as_adoc, as_md)]
    assert names[0] == ["message-queue", "lib"] and "lib" not in names[1]  # read as told, whatever its shapes
    assert cli("-", "--markup", "ADOC", stdin=text).stdout == as_adoc.stdout  # a suffix's case does not matter, as in file names
    as_markdown = cli("-", "--markup", "markdown", stdin=text)  # the name, as a .markdown file's suffix
    assert as_markdown.returncode == 0 and as_markdown.stdout == as_md.stdout
    refused = cli("-", "--markup", "docx", stdin=text)
    err = refused.stderr.decode()
    assert refused.returncode == 2 and refused.stdout == b"" and len(err.strip().splitlines()) == 1
    assert "--markup docx" in err and "adoc" in err


def test_textile_headings_code_badges_links_items_and_html():
    doc = read_document(str(FIXTURES / "raid-timer.textile"))
    assert doc.title == "RaidTimer"
    assert doc.description.startswith("RaidTimer is an addon for World of Warcraft")
    assert [(h.level, h.text) for h in doc.headings] == [(1, "RaidTimer"), (2, "Installation"), (2, "Slash commands"), (2, "License")]
    assert [(badge.service, badge.url) for badge in doc.badges] == [("travis-ci", "https://travis-ci.org/example/RaidTimer")]
    assert [block.text for block in doc.code_blocks] == ["/rt show\n/rt lock"]  # bc.. runs to the next block
    assert ("https://github.com/example/RaidTimer/releases", "the releases page") in [(link.url, link.text) for link in doc.links]
    assert [span.text for span in doc.inline_code] == ["Interface/AddOns", "/rt config"]
    body = _kinds(doc, "body")
    assert "Unzip it into Interface/AddOns" in body and "Project site" in body and "Bug reports go to the issue tracker." in body
    assert any("/rt test" in text and "run a test pull" in text for text in body)  # a table row is one item


def test_textile_html_blocks_and_indented_items():
    text = "h1. T\n\n<pre>\nvar x = 1;\n</pre>\n\n * one item\n * another\n"
    doc = parse_document(text, "README.textile")
    assert [block.text.strip() for block in doc.code_blocks] == ["var x = 1;"]
    assert _kinds(doc, "body") == ["one item", "another"]


def test_pod_code_before_the_first_command_and_rdoc_escapes_are_not_prose():
    pod = parse_document("#! /usr/bin/perl\n\npackage Foo::Bar;\nuse strict;\n\n=pod\n\n=head1 NAME\n\nFoo::Bar - reads a thing\n\n=cut\n", "README.pod")
    assert (pod.title, pod.description) == ("Foo::Bar", "reads a thing")
    assert parse_document("Prose in a file with no POD command at all.\n", "README.pod").description.startswith("Prose in a file")
    dashed = parse_document("=head1 NAME\n\nApp::Tally \u2013 counts words in files\n", "README.pod")
    assert (dashed.title, dashed.description) == ("App::Tally", "counts words in files")
    assert parse_document("= \\RDoc - Ruby Documentation\n\nSome words of prose here.\n", "README.rdoc").title == "RDoc - Ruby Documentation"


def test_a_batch_line_names_its_texts_markup(cli):
    text = (FIXTURES / "quill-queue.adoc").read_text()
    lines = [json.dumps({"id": "named", "text": text, "name": "README.adoc"}), json.dumps({"id": "markdown", "text": text, "name": "README.md"})]
    proc = cli("batch", "-", "--tags-as", "names", stdin=("\n".join(lines) + "\n").encode())
    assert proc.returncode == 0 and proc.stdout
    answers = {row["id"]: row["tags"] for row in map(json.loads, proc.stdout.decode().splitlines())}
    assert answers["named"] == ["message-queue", "lib"] and "lib" not in answers["markdown"]


def test_mediawiki_title_headings_code_links_tables_and_what_is_left_out():
    doc = read_document(str(FIXTURES / "ledger-proposals.mediawiki"))
    assert doc.title == "Ledger Proposals"
    assert doc.description.startswith("Ledger Proposals are the design documents for changes to the ledgerd cryptocurrency node")
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Ledger Proposals"), (2, "Contributing"), (2, "Proposals")]
    assert [(block.info, block.text) for block in doc.code_blocks] == [
        ("bash", "python3 tools/build_index.py --check"),
        ("", "git clone https://github.com/example/ledger-proposals\ncd ledger-proposals"),  # lines indented by a space
    ]
    links = [(link.url, link.text) for link in doc.links]
    assert ("https://example.org/ledgerd", "ledgerd") in links and ("LP-0001", "LP 1, the process") in links
    assert ("https://chat.example.org/ledger", "") in links  # a bare URL, without the sentence's full stop
    assert [(image.src, image.alt) for image in doc.images] == [("lp-workflow.png", "How a proposal moves from draft to final")]
    assert [span.text for span in doc.inline_code] == ["lp-NNNN.mediawiki"]
    body = _kinds(doc, "body")
    assert "1\nProcess\nProposal purpose and guidelines\nActive" in body  # a row's cells on lines of their own: one item
    assert "2 Consensus (soft fork) Block size and weight limits Final" in body  # cell attributes left out
    words = " ".join(piece.text for piece in doc.pieces).lower()
    assert "kubernetes" not in words and "infobox" not in words and "bsd" not in words and "notoc" not in words


def test_creole_headings_code_badges_links_tables_and_escapes():
    doc = read_document(str(FIXTURES / "pinfold.creole"))
    assert doc.title == "Pinfold"
    assert doc.description.startswith("Pinfold is a Bukkit plugin for Minecraft servers")
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Pinfold"), (2, "Installation"), (2, "Commands"), (2, "Configuration")]
    assert [block.text for block in doc.code_blocks] == ["claims:\n  max-per-player: 3\n  protect-animals: true"]
    assert [(badge.alt, badge.url) for badge in doc.badges] == [("Build", "https://ci.example.org/pinfold")]  # a linked image
    assert ("https://github.com/example/pinfold/issues", "the issue tracker") in [(link.url, link.text) for link in doc.links]
    assert [span.text for span in doc.inline_code] == ["Pinfold.jar", "plugins", "claims.yml"]
    body = _kinds(doc, "body")
    assert "/pinfold claim pinfold.claim claims the land you stand on" in body and "one file per world" in body
    assert any(text.strip().startswith("Not a list item") for text in body)  # ~ escapes the ** that would open an item


def test_creole_bold_opening_a_paragraph_is_not_an_item():
    doc = parse_document("**Bold** words open this paragraph of prose.\n", "README.creole")
    assert doc.description == "Bold words open this paragraph of prose."


@pytest.mark.parametrize("name, fixture", [("README.mediawiki", "ledger-proposals.mediawiki"), ("README.wiki", "ledger-proposals.mediawiki"), ("README.creole", "pinfold.creole")])
def test_the_wiki_readers_take_their_suffix(name, fixture):
    text = (FIXTURES / fixture).read_text()
    as_wiki, as_markdown = parse_document(text, name), parse_document(text, "README.md")
    assert as_wiki.headings and as_wiki.title and as_wiki.headings != as_markdown.headings


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("README.rst", "T\n=\n\n一个 **快速** 的库, see ``2**8`` and **docs**.\n"),
        ("README.adoc", "= T\n\n一个 **快速** 的库, see `2**8` and **docs**.\n"),
        ("README.textile", "h1. T\n\n一个 **快速** 的库, see @2**8@ and **docs**.\n"),
    ],
)
def test_bold_markers_leave_the_prose_of_every_reader_and_code_spans_keep_theirs(name, text):
    """As in Markdown: a pattern's window counts characters, and ``**`` around a word would count too."""
    doc = parse_document(text, name)
    assert doc.description.startswith("一个 快速 的库, see ")
    assert doc.description.rstrip(".").endswith("and docs")
    assert "2**8" in doc.description
    assert "2**8" in [piece.text for piece in doc.inline_code]


@pytest.mark.parametrize("suffix", [".md", *sorted(READERS)])
@pytest.mark.parametrize(
    "text",
    ["&#{digits};", "&#{digits}", "&#{zeros}65;", "<p>&#{digits};</p>", '<img alt="&#{zeros}65;" src="x.png">', "E<#{digits}>", "E<#{zeros}65>", "=head{digits} Usage", "=head² Usage"],
)
def test_numbers_too_long_for_python_to_read_are_text_not_a_crash(suffix, text):
    """Python converts at most 4,300 decimal digits to an int: a reference or heading level past that is read as text, in every markup."""
    body = text.format(digits="9" * 5000, zeros="0" * 5000)
    doc = parse_document(f"Title\n=====\n\nA tool for people.\n\n{body}\n\nThe end of it.\n", "README" + suffix)
    assert any("end of it" in piece.text for piece in doc.pieces)
    if text.startswith("&#") and suffix in (".md", ".mediawiki"):  # where HTML references are read
        read = " ".join(piece.text for piece in doc.pieces)
        assert ("\ufffd" in read) if "{digits}" in text else (" A " in read)  # past U+10FFFF as html.unescape reads one; leading zeros are no number


def test_asciidoc_without_a_name_is_read_as_asciidoc(cli):
    """AsciiDoc on stdin, in a JSON Lines text or in a prompt was read as Markdown (another tag than its file got); a
    Markdown README with an emoji shortcode at a line's start further down stays Markdown."""
    text = (FIXTURES / "quill-queue.adoc").read_text(encoding="utf-8")
    assert parse_document(text, "") == parse_document(text, "README.adoc")
    piped, named = cli("-", "--tags-as", "names", stdin=text.encode()), cli(str(FIXTURES / "quill-queue.adoc"), "--tags-as", "names")
    assert piped.returncode == named.returncode == 0 and piped.stdout and json.loads(piped.stdout)["tags"] == json.loads(named.stdout)["tags"]
    markdown = "Sweep\n=====\n\nA command-line tool.\n\n" + "Some text.\n\n" * 5 + ":warning: Back up first.\n"
    assert parse_document(markdown, "") == parse_document(markdown, "README.md")


def test_markdown_written_in_html_with_a_note_stays_markdown_without_a_name():
    """An HTML-block README with a ``NOTE: `` line and no Markdown heading was read as AsciiDoc from stdin or a prompt."""
    html = '<h1 align="center">sweep</h1>\n\n<p><b>A Kubernetes operator that deletes stale namespaces.</b></p>\n\n:sparkles: Fast.\n\nNOTE: needs a cluster.\n'
    assert parse_document(html, "") == parse_document(html, "README.md")
    one_shape = "sweep\n\nA command-line tool.\n\nNOTE: it deletes things.\n"  # one of AsciiDoc's shapes is not enough
    assert parse_document(one_shape, "") == parse_document(one_shape, "README.md")


def test_pod_has_heading_levels_one_to_six_only():
    """=head0 and =head9 became headings of levels 0 and 9, and the level-0 one the title."""
    doc = parse_document("=head1 NAME\n\nApp::Zero - counts things\n\n=head0 Zero\n\nText.\n\n=head9 Nine\n\nMore.\n", "README.pod")
    assert all(1 <= h.level <= 6 for h in doc.headings) and "Zero" not in [h.text for h in doc.headings]
