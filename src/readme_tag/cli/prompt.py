"""``readme-tag prompt``: answer one LLM tagging prompt, or a stream of them (JSON Lines), passing the unclear ones on."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Optional

import typer

from ..reader import bounded_lines, decode_bytes, first_line, read_source, read_stdin, read_whole, skip_rest_of_cut_line, standard_input
from ..settings import Settings
from .app import app
from .exits import EXIT_SOME_FAILED
from .options import ExplainOption, Format, FormatOption, PrettyOption, TagsAs, jobs_option, settings_options, warn_unreachable
from .tag import print_result

STREAM_ONLY = ("--jobs", "--output", "--resume", "--undecided", "--fallback", "--fallback-jobs", "--fallback-timeout")
ONE_ONLY = ("--pretty", "--explain", "--format")


@app.command("prompt")
@settings_options("rules", "max_tags", "cutoff", "strict", max_tags="Override the prompt's 'at most N tags'.")
def prompt_command(
    context: typer.Context,
    settings: Settings,
    path: str = typer.Argument(
        ...,
        metavar="PATH",
        help='A tagging prompt (README, expected JSON, tag list), or JSON Lines of {"key", "prompt"} (.jsonl, or a first line that is one); - reads either from stdin.',
    ),
    pretty: bool = PrettyOption,
    explain: bool = ExplainOption,
    format: Format = FormatOption,
    min_confidence: Optional[float] = typer.Option(
        None,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help=(
            'One prompt: add the confidence (0-1) and "confident": true when it reaches this, false below it. '
            'JSON Lines: the bar below which a prompt is not answered but undecided: {"key", "source": "undecided", "confidence"}.'
        ),
    ),
    jobs: int = jobs_option("JSON Lines: worker processes"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="JSON Lines: write the answers to this file instead of stdout."),
    resume: Optional[Path] = typer.Option(None, "--resume", help="JSON Lines: append to this file the prompts it does not answer yet (failed ones are retried)."),
    undecided: Optional[Path] = typer.Option(None, "--undecided", help="JSON Lines: copy the line of each prompt below the confidence threshold here, as it was, for the LLM."),
    fallback: Optional[str] = typer.Option(
        None, "--fallback", help="JSON Lines: run this shell command once per prompt below the threshold, the prompt on its stdin; its stdout is the LLM's answer, checked and repaired."
    ),
    fallback_jobs: int = typer.Option(1, "--fallback-jobs", min=1, help="How many fallback commands run at once."),
    fallback_timeout: float = typer.Option(120.0, "--fallback-timeout", min=0.001, max=86400.0, help="Seconds one fallback command may take (at most a day)."),
) -> None:
    """Answer tagging prompts: the expected JSON with the tags filled in from the prompt's own list.

    One prompt: print the filled expected JSON. JSON Lines of prompts: one answer
    record a line, in input order; with --min-confidence, --undecided or
    --fallback, prompts below the threshold are left undecided (--undecided
    copies them, --fallback hands them to the LLM) instead of answered.
    """
    from ..batch.inputs import JSONL_SUFFIXES

    stdin_prompts, stdin_text = _look_at_stdin() if path == "-" else (None, None)
    if stdin_prompts is not None or path.lower().endswith(JSONL_SUFFIXES) or _starts_a_stream(path):
        _refuse(context, ONE_ONLY, f"one prompt ({path} is JSON Lines of prompts)")
        stream = _Stream(jobs, output, resume, undecided, fallback, fallback_jobs, fallback_timeout, min_confidence)
        stream.run(settings, path, stdin_prompts)
        return
    _refuse(context, STREAM_ONLY, f"JSON Lines of prompts ({path} is one prompt)")
    _answer_one(settings, path, stdin_text, pretty, explain, format, min_confidence)


def _refuse(context: typer.Context, options: tuple[str, ...], works_on: str) -> None:
    """An input error when the command line gives any of ``options``, which work on ``works_on`` only."""
    from ..errors import InputError

    sources = {p.opts[0]: context.get_parameter_source(p.name or "") for p in context.command.params if p.opts}
    given = [option for option in options if getattr(sources.get(option), "name", None) == "COMMANDLINE"]
    if given:
        raise InputError(f"{', '.join(given)} {'work' if len(given) > 1 else 'works'} on {works_on}")


def _starts_a_stream(path: str) -> bool:
    """True when ``path`` is a regular file whose first line is a prompt record (JSON Lines of prompts under another name)."""
    from ..prompt.parse import is_prompt_record

    if path == "-" or not os.path.isfile(path):
        return False  # a pipe's first line cannot be read twice: its name (.jsonl) says
    try:
        with open(path, "rb") as file:
            return is_prompt_record(first_line(file))
    except OSError:
        return False  # said when it is read as one prompt


def _look_at_stdin() -> tuple[Iterator[bytes] | None, bytes | None]:
    """(the lines of stdin, None) when it holds JSON Lines of prompts (its first line is an object with a "prompt"); else (None, all of it)."""
    from ..prompt.parse import is_prompt_record

    first = read_stdin(lambda stdin: first_line(stdin, keep=True))
    if is_prompt_record(first):
        skip_rest_of_cut_line(standard_input(), first)  # as bounded_lines does for the lines after it
        return chain(io.BytesIO(first), bounded_lines(standard_input())), None  # a line each, split as a file's are: keys are line numbers
    return None, first + read_stdin(lambda stdin: read_whole(stdin, "<stdin>", already=len(first)))


def _answer_one(settings: Settings, path: str, stdin: bytes | None, pretty: bool, explain: bool, format: Format, min_confidence: float | None) -> None:
    from ..output import confidence_fields
    from ..prompt import answer, parse_prompt
    from ..prompt.rules import prompt_tagger, tag_prompt

    # The whole prompt: its tag list may stand after a long README.
    source = decode_bytes(stdin, "<stdin>", max_bytes=None) if stdin is not None else read_source(path, max_bytes=None)
    prompt = parse_prompt(source.text, source.name)
    tagger = prompt_tagger(prompt, settings, f"{source.name} (tag list)")
    warn_unreachable(min_confidence, tagger.scoring)
    result = tag_prompt(tagger, prompt)
    filled = answer(prompt, [t.tag.item for t in result.tags])
    if min_confidence is not None:
        filled.update(confidence_fields(result, min_confidence))
    print_result(result, filled, TagsAs.objects, pretty, explain, format)


class _Stream:
    """The options of a stream of prompts, and its run."""

    def __init__(
        self, jobs: int, output: Path | None, resume: Path | None, undecided: Path | None, fallback: str | None, fallback_jobs: int, fallback_timeout: float, min_confidence: float | None
    ) -> None:
        from ..batch.resume import one_output
        from ..errors import InputError

        self.output = one_output(output, resume)
        if undecided is not None and fallback is not None:
            raise InputError("give --undecided (hand the unclear prompts on in a file) or --fallback (ask the LLM command), not both")
        if fallback is not None and not fallback.strip():
            raise InputError("--fallback names no command: give the shell command that asks the LLM")
        self.jobs = jobs
        self.resume = resume
        self.undecided = undecided
        self.fallback = fallback
        self.fallback_jobs = fallback_jobs
        self.fallback_timeout = fallback_timeout
        self.min_confidence = min_confidence

    def run(self, settings: Settings, path: str, stdin: Iterator[bytes] | None) -> None:
        from collections import Counter
        from contextlib import closing, nullcontext
        from functools import partial

        from ..batch.inputs import occurrences
        from ..batch.resume import id_key, lines_out, lines_to_stdout, refuse_overwriting_inputs, resume_from, still_to_do
        from ..batch.work import UNDECIDED, run_ordered
        from ..prompt.fallback import Fallback
        from ..prompt.stream import Answering, Tally, answer_prompts, read_prompts, with_fallback
        from ..settings import tagger_for
        from .console import progress, say, warn

        scoring = tagger_for(replace(settings, taxonomy=None)).scoring  # fail early, once, on a bad rule file (forked workers inherit it)
        warn_unreachable(self.min_confidence, scoring)
        refuse_overwriting_inputs([path], [p for p in (self.output, self.undecided) if p is not None], to_stdout=self.output is None)
        threshold = None  # without a bar given and nowhere to hand prompts on, the rules answer every prompt
        if self.undecided is not None or self.fallback is not None or self.min_confidence is not None:
            threshold = scoring.min_confidence if self.min_confidence is None else self.min_confidence
        tally = Tally()
        # the prompts are opened before any output file is emptied or resumed: an input that cannot be read leaves them as they were
        with nullcontext(stdin) if stdin is not None else self._lines(path) as source:
            resumed = resume_from(self.resume, say, key="key") if self.resume is not None else None
            if resumed is not None and resumed.handed and self.fallback is not None:  # done, as --resume reads them: not asked about
                left = len(resumed.handed)
                warn(f"{self.resume}: {left} prompt(s) an earlier run left undecided stay as they are; --fallback asks only about the prompts not in it (take their lines out to ask)")
            found = read_prompts(source, "<stdin>" if stdin is not None else path)
            kept: Counter[str] = Counter()  # the undecided lines of the prompts passed over as done
            items = still_to_do(occurrences(found, id_key, warn, "key"), resumed, lambda item: item.raw, kept)
            outcomes = run_ordered(items, partial(answer_prompts, answering=Answering(settings, threshold)), self.jobs)
            if self.fallback is not None:
                outcomes = with_fallback(outcomes, Fallback(self.fallback, self.fallback_timeout, self.fallback_jobs), settings)
            with closing(outcomes), lines_out(self.output, self.undecided, resumed, kept) as write, progress(None, "prompts", to_stdout=lines_to_stdout(self.output)) as advance:
                for outcome in outcomes:
                    handed = write(outcome.line, outcome.passed_on if outcome.status == UNDECIDED else None)
                    tally.add(outcome, listed_before=outcome.status == UNDECIDED and not handed)
                    advance()
            tally.sent_on_at_the_end(write.settled)
            if write.restored:
                say(f"{self.undecided}: {write.restored} line(s) of prompts done before, lost from it in a kill, handed on again")
        say(tally.summary(self.fallback is not None, str(self.undecided or "")))
        if tally.failed:
            raise typer.Exit(EXIT_SOME_FAILED)

    @staticmethod
    @contextmanager
    def _lines(path: str) -> Iterator[Iterator[bytes]]:
        """The lines of the file at ``path``, open until the run's ``with`` ends."""
        from ..errors import cannot_read

        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed below, when the run's with ends
        except OSError as exc:
            raise cannot_read(exc, path) from None
        with handle:
            yield bounded_lines(handle)
