"""Template lines (rules/boilerplate.yaml) are taken out of a README before matching, and only they."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from readme_tag import Tagger
from readme_tag.boilerplate import Boilerplate
from readme_tag.errors import RuleError
from readme_tag.parse import parse_document
from readme_tag.ruleset.load import load_rules

STARTER = textwrap.dedent(
    """\
    # Welcome to the starter

    Thanks for choosing the starter kit, see [its guide](https://starter.example/guide) now.

    This tool shreds old log files on a schedule, see [docs](https://shred.example/docs).

    - [ ] Read the starter guide before you ship `starter-cli`
    - Read the starter guidelines, which are ours

    ```
    thanks for choosing the starter kit
    ```
    """
)
OPENINGS = ["Welcome to the starter", "Thanks for choosing the starter kit", "Read the starter guide before you ship"]


def test_lines_that_begin_with_an_opening_go_with_their_links_and_code_spans():
    doc = parse_document(STARTER, "README.md")
    stripped = Boilerplate(OPENINGS).strip(doc)
    texts = [piece.text for piece in stripped.pieces]
    assert doc.title and stripped.title == ""  # the title was the template's
    assert not any("choosing" in text for text in texts if not text.startswith("thanks"))  # the paragraph went
    assert any(text.startswith("This tool shreds") for text in texts)  # the project's own paragraph stayed...
    assert stripped.description.startswith("This tool shreds")
    assert "Read the starter guidelines, which are ours" in texts  # ...and a line whose word only begins like one
    assert not any("Read the starter guide before" in text for text in texts)
    assert [link.domain for link in stripped.links] == ["shred.example"]
    assert "starter-cli" not in [span.text for span in stripped.inline_code]
    assert any(piece.kind == "code" and "thanks for choosing" in piece.text for piece in stripped.pieces)  # code blocks are kept


def test_a_template_title_takes_the_words_of_its_names_with_it():
    doc = parse_document("# Thanks for choosing the starter kit, ShredderApp\n\nThis tool shreds old log files on a schedule, nightly.\n", "README.md")
    assert "Shredder App" in [piece.text for piece in doc.pieces]
    stripped = Boilerplate(OPENINGS).strip(doc)
    assert stripped.title == "" and not [piece for piece in stripped.pieces if piece.kind == "title"]
    assert [piece.text for piece in stripped.pieces] == ["This tool shreds old log files on a schedule, nightly."]


def test_a_readme_without_template_lines_is_left_as_it_is_and_a_stripped_one_is_not_looked_at_again():
    doc = parse_document("# shredder\n\nShreds old log files.\n", "README.md")
    kept = Boilerplate(OPENINGS).strip(doc)
    assert kept.pieces == doc.pieces and kept.links == doc.links and kept.template_lines == () and doc.template_lines is None
    assert Boilerplate([]).strip(parse_document(STARTER, "README.md")).title == "Welcome to the starter"
    stripped = Boilerplate(OPENINGS).strip(parse_document(STARTER, "README.md"))
    assert stripped.template_lines == (1, 3, 7)
    assert Boilerplate(["This tool shreds old log files"]).strip(stripped) is stripped


def test_a_short_opening_takes_out_only_a_line_that_is_nothing_else():
    boilerplate = Boilerplate(["使用说明", "Lint with ESLint"])
    assert boilerplate.is_template("使用说明") and boilerplate.is_template("**Lint with ESLint**")
    assert not boilerplate.is_template("使用说明：本工具用于批量重命名照片")
    assert not boilerplate.is_template("Lint with ESLint before every commit, using our shared config")


def test_openings_match_as_words_whatever_the_case_markup_and_punctuation():
    boilerplate = Boilerplate(["Already a pro? Just edit this README.md", "以下是 Gitee 平台说明"])
    assert boilerplate.is_template("**Already a PRO** - just edit this `README.md` and go")
    assert boilerplate.is_template("{**以下是 Gitee 平台说明，您可以替换此简介**")
    assert not boilerplate.is_template("Already a professional? Just edit this README.md")
    assert not boilerplate.is_template("We said: already a pro? Just edit this README.md")


GITLAB_STARTER = textwrap.dedent(
    """\
    # ledger-sync

    ## Getting started

    To make it easy for you to get started with GitLab, here's a list of recommended next steps.

    ## Test and Deploy

    - [ ] [Analyze your code for known vulnerabilities with Static Application Security Testing (SAST)](https://docs.gitlab.com/ee/user/application_security/sast/)
    - [ ] [Deploy to Kubernetes, Amazon EC2, or Amazon ECS using Auto Deploy](https://docs.gitlab.com/ee/topics/autodevops/requirements.html)
    """
)


def test_the_default_rules_leave_gitlabs_starter_checklist_out_and_a_rules_directory_can_bring_it_back(tmp_path: Path):
    from readme_tag.output import explain_dict, explain_text

    result = Tagger().tag(GITLAB_STARTER, name="README.md")
    assert "security" not in result.names and "aws" not in result.scores
    assert result.template_lines == [5, 9, 10]
    assert "template text left out (rules/boilerplate.yaml): lines 5, 9, 10" in explain_text(result).splitlines()
    assert explain_dict(result)["template_lines"] == [5, 9, 10]
    (tmp_path / "boilerplate.yaml").write_text("gitlab: []\n", encoding="utf-8")
    counted = Tagger(rules=[tmp_path]).tag(GITLAB_STARTER, name="README.md")
    assert "security" in counted.names and "aws" in counted.scores and counted.template_lines == []
    assert "template text" not in explain_text(counted)


UNFILLED_TEMPLATE = textwrap.dedent(
    """\
    # Project Title

    One Paragraph of project description goes here

    ## Getting Started

    These instructions will get you a copy of the project up and running on your local machine for development and testing purposes. See deployment for notes on how to deploy the project on a live system.

    ## Deployment

    Add additional notes about how to deploy this on a live system
    """
)


def test_a_readme_template_left_unfilled_gets_no_tag_from_its_example_text(tmp_path: Path):
    """Its "live system" is an example sentence, not a live operating system; without the template list the floor emits `os`."""
    assert Tagger().tag(UNFILLED_TEMPLATE, name="README.md").names == []
    (tmp_path / "boilerplate.yaml").write_text("purplebooth: []\n", encoding="utf-8")
    assert Tagger(rules=[tmp_path]).tag(UNFILLED_TEMPLATE, name="README.md").names == ["os"]


def test_a_later_boilerplate_file_replaces_the_templates_it_names_and_adds_the_others(tmp_path: Path):
    (tmp_path / "boilerplate.yaml").write_text("gitlab:\n  - Our own checklist for new projects\nhouse-style:\n  - Generated by the house template\n", encoding="utf-8")
    defaults, ours = load_rules().boilerplate, load_rules([tmp_path]).boilerplate
    assert len(defaults["gitlab"]) > 10 and ours["gitlab"] == ("Our own checklist for new projects",)
    assert ours["house-style"] == ("Generated by the house template",)
    assert {name: openings for name, openings in ours.items() if name not in ("gitlab", "house-style")} == {name: o for name, o in defaults.items() if name != "gitlab"}


@pytest.mark.parametrize(
    "content, message",
    [
        ("- a list\n", "a boilerplate file must be a mapping"),
        ("gitlab: Getting started with GitLab\n", "template 'gitlab' must be a list of line openings"),
        ("gitlab: [3]\n", "template 'gitlab' must be a list of line openings"),
        ("gitlab:\n  - Getting started\n", "opening 'Getting started' of template 'gitlab' has fewer than 3 words"),
    ],
)
def test_a_wrong_boilerplate_file_is_a_rule_error_naming_its_line(tmp_path: Path, content: str, message: str):
    (tmp_path / "boilerplate.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules([tmp_path], defaults=False)
    assert message in info.value.message and info.value.line >= 1


def test_two_boilerplate_files_in_one_directory_are_an_error(tmp_path: Path):
    (tmp_path / "boilerplate.yaml").write_text("a: [one two three]\n", encoding="utf-8")
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "boilerplate.yaml").write_text("b: [four five six]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="a boilerplate file is set in two files of one rules directory"):
        load_rules([tmp_path], defaults=False)


def test_a_readme_that_is_only_gitlabs_new_project_template_gets_no_tag(default_tagger: Tagger) -> None:
    """Its checklist names team work and merge requests, which are GitLab's words, not the project's."""
    readme = textwrap.dedent(
        """\
        # team-board

        ## Collaborate with your team

        - [ ] [Invite team members and collaborators](https://docs.gitlab.com/ee/user/project/members/)
        - [ ] [Create a new merge request](https://docs.gitlab.com/ee/user/project/merge_requests/)

        ## Integrate with your tools

        - [ ] [Set up project integrations](https://gitlab.com/someone/team-board/-/settings/integrations)
        """
    )
    assert default_tagger.tag(readme, name="README.md").names == []
    assert "web-app" in default_tagger.tag(readme + "\nA web app for planning the team's week.\n", name="README.md").names


def test_a_readme_that_is_only_gitees_older_template_gets_no_tag(default_tagger: Tagger) -> None:
    """Gitee's new-repository README from when it was called 码云: its note says the platform is for developers."""
    readme = textwrap.dedent(
        """\
        # 排班小助手

        #### 介绍
        {**以下是码云平台说明，您可以替换此简介**
        码云是 OSCHINA 推出的基于 Git 的代码托管平台（同时支持 SVN）。专为开发者提供稳定、高效、安全的云端软件开发协作平台
        无论是个人、团队、或是企业，都能够用码云实现代码托管、项目管理、协作开发。}

        #### 软件架构
        软件架构说明

        #### 码云特技

        1.  码云官方博客 [blog.gitee.com](https://blog.gitee.com)
        2.  码云官方提供的使用手册 [https://gitee.com/help](https://gitee.com/help)
        3.  码云封面人物是一档用来展示码云会员风采的栏目 [https://gitee.com/gitee-stars/](https://gitee.com/gitee-stars/)
        """
    )
    assert default_tagger.tag(readme, name="README.md").names == []
    assert "web-app" in default_tagger.tag(readme + "\n一个在浏览器里排班的网页应用，打开 http://localhost:8080 即可使用。\n", name="README.md").names
