"""A stream of tagging prompts: answer the clear ones here, pass the rest on, and guard what the LLM answers.

The input is JSON Lines, one ``{"key": ..., "prompt": "..."}`` a line (``key``
optional: the line number otherwise). Each prompt is answered with its own
tag list and limit, in worker processes like ``batch``. A prompt whose
answer is less confident than the threshold is undecided: its line is
handed on as it was (to a file, or to the fallback command, whose answer
the guard checks and repairs). Every input gets one output record, in input
order: ``{"key", "answer", "confidence", "source": "rules"}``,
``{"key", "answer", "source": "llm"}``, ``{"key", "source": "undecided",
"confidence"}`` or ``{"key", "error"}``.
"""

from __future__ import annotations

import json
import signal
import threading
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from .. import json_input
from ..batch.inputs import Item
from ..batch.work import FAILED, OK, UNDECIDED, Done
from ..errors import error_text
from ..settings import Settings
from .fallback import Fallback, FallbackError
from .guard import check_answer
from .parse import answer, parse_prompt
from .rules import limited, prompt_tagger, tag_prompt

LLM, REJECTED, LLM_FAILED = "llm", "rejected", "llm-failed"
"""Statuses of prompts sent to the fallback: answered (the guard accepted the answer, perhaps repaired), rejected by the guard, or no answer."""


def read_prompts(handle: Iterable[bytes], source: str) -> Iterator[Item]:
    """The prompts of a JSON Lines stream; a line that is not one is an item with an error, keyed by its line number."""
    for number, data, line, problem in json_input.lines(handle):
        if problem:
            yield Item(number, error=f"{source}:{number}: {problem}")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("prompt"), str):
            yield Item(data.get("key", number) if isinstance(data, dict) else number, error=f'{source}:{number}: each line needs a "prompt" string')
            continue
        yield Item(data.get("key", number), text=data["prompt"], raw=line)


@dataclass(frozen=True)
class Answering:
    """How the rules answer prompts: the settings (each prompt brings its own taxonomy), and the confidence below which they pass."""

    settings: Settings
    threshold: float | None = None
    """None: answer every prompt."""


def answer_prompts(items: list[Item], answering: Answering) -> list[Done]:
    """Answer prompts in this process (one Tagger per tag list, kept for the next prompts)."""
    return [_answer(item, answering) for item in items]


def _answer(item: Item, answering: Answering) -> Done:
    key = item.id
    if item.error:
        return Done(key, {"key": key, "error": item.error}, FAILED)
    try:
        named = f"prompt {json.dumps(key, ensure_ascii=False)}"
        prompt = parse_prompt(item.text or "", named)
        result = tag_prompt(prompt_tagger(prompt, answering.settings, f"{named}'s tag list"), prompt)
    except Exception as exc:  # bad input, or a fault in readme-tag itself: this prompt's record says so, and the others still get theirs
        return Done(key, {"key": key, "error": error_text(exc)}, FAILED)
    if answering.threshold is not None and result.confidence < answering.threshold:
        return Done(key, {"key": key, "source": "undecided", "confidence": result.confidence}, UNDECIDED, passed_on=item.raw)
    filled = answer(prompt, [t.tag.item for t in result.tags])
    return Done(key, {"key": key, "answer": filled, "confidence": result.confidence, "source": "rules"}, OK)


def ask_llm(done: Done, fallback: Fallback, settings: Settings) -> Done:
    """The fallback's answer to an undecided prompt, checked and repaired by the guard (to the limit the rules kept to); a failure is an error record."""
    key = done.id
    text = json.loads(done.passed_on)["prompt"]
    try:
        reply = fallback.ask(text)
    except FallbackError as exc:
        return Done(key, {"key": key, "error": str(exc)}, LLM_FAILED)
    check = check_answer(limited(parse_prompt(text), settings), reply, repair=True)
    if not check.valid:
        return Done(key, {"key": key, "error": "the LLM's answer was rejected: " + "; ".join(check.problems)}, REJECTED)
    record: dict[str, Any] = {"key": key, "answer": check.answer, "source": "llm"}
    if check.repairs:
        record["repairs"] = check.repairs
    return Done(key, record, LLM)


def with_fallback(outcomes: Iterator[Done], fallback: Fallback, settings: Settings) -> Generator[Done, None, None]:
    """The outcomes, with each undecided prompt answered by the fallback (``fallback.jobs`` calls at once), in input order.

    A consumer that stops (a SIGTERM while it writes a record) must close the generator (``contextlib.closing``):
    its cleanup kills the commands under way, which interpreter exit would otherwise wait for.
    """
    pool = ThreadPoolExecutor(fallback.jobs)
    with _term_as_exit():
        try:
            window: deque[Done | Future[Done]] = deque()
            for done in outcomes:
                window.append(pool.submit(ask_llm, done, fallback, settings) if done.status == UNDECIDED else done)
                while window and (len(window) > 4 * fallback.jobs or not isinstance(window[0], Future) or window[0].done()):
                    first = window.popleft()
                    yield first.result() if isinstance(first, Future) else first
            for rest in window:
                yield rest.result() if isinstance(rest, Future) else rest
        finally:  # done, or stopped (Ctrl-C, a kill, an error): no call is left running or waiting, nor a worker pool
            pool.shutdown(wait=False, cancel_futures=True)
            fallback.stop()
            if isinstance(outcomes, Generator):
                outcomes.close()


@contextmanager
def _term_as_exit() -> Iterator[None]:
    """While the fallback runs, a SIGTERM (or a hangup: a closed terminal) is SystemExit(128 + its number): the cleanup runs and kills the commands under way (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def leave(number: int, frame: Any) -> None:
        raise SystemExit(128 + number)

    stops = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, leave) for number in stops if signal.getsignal(number) is signal.SIG_DFL}  # nohup's ignored hangup stays ignored
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


class Tally:
    """What became of the prompts, for the summary."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, done: Done, listed_before: bool = False) -> None:
        """Count ``done``; ``listed_before``: an undecided prompt whose line the list held already (a resumed run)."""
        self.counts[done.status] += 1
        self.counts["repaired"] += "repairs" in done.record
        self.counts["listed before"] += listed_before

    def sent_on_at_the_end(self, count: int) -> None:
        """``count`` prompts counted as listed before were sent on after all, at the end (``Lines.settle``)."""
        self.counts["listed before"] -= count

    def summary(self, fallback: bool, passed_to: str = "") -> str:
        """One line: how many prompts the rules answered, passed on (to the fallback, or to the file ``passed_to``), the LLM answered (repaired), were rejected or failed."""
        c = self.counts
        total = sum(c[s] for s in (OK, UNDECIDED, LLM, REJECTED, LLM_FAILED, FAILED))
        parts = [f"{total} prompt(s): {c[OK]} answered by the rules"]
        if fallback:
            sent = c[LLM] + c[REJECTED] + c[LLM_FAILED]
            parts.append(f"{sent} sent to the fallback: {c[LLM]} answered ({c['repaired']} repaired), {c[REJECTED]} rejected, {c[LLM_FAILED]} without an answer")
        elif passed_to:
            before = f" and {c['listed before']} listed there before the resume" if c["listed before"] else ""
            parts.append(f"{c[UNDECIDED] - c['listed before']} sent on to {passed_to}{before}")
        elif c[UNDECIDED]:
            parts.append(f"{c[UNDECIDED]} undecided (under --min-confidence)")
        parts.append(f"{c[FAILED]} failed")
        return "; ".join(parts)

    @property
    def failed(self) -> int:
        """Prompts whose record is an error."""
        return self.counts[FAILED] + self.counts[REJECTED] + self.counts[LLM_FAILED]
