"""Tagging items, one Tagger per process: the one path that ``batch``, the prompt stream and the Dask helpers share.

An item that fails (unreadable, binary, not a string...) becomes an error
record ``{"id", "error"}``; every other item becomes its rendered result.
``run_ordered`` runs any such work over a stream of items, in this process
or a pool, and gives the outcomes in input order.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ..errors import WorkerDied, error_text
from ..output import to_json
from ..parse import read_document
from ..ruleset.cache import refusal, refused_elsewhere
from ..settings import Settings, tagger_for
from ..tagger import Result, Tagger
from .inputs import Item

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

CHUNK = 16
"""Inputs sent to a worker process at a time."""
OK, UNDECIDED, FAILED = "ok", "undecided", "failed"


@dataclass(frozen=True)
class Render:
    """How a result becomes its output record: tags as objects, names or ids, and the confidence."""

    tags_as: str = "objects"
    min_confidence: float | None = None
    """With a threshold, records carry ``confidence`` and ``confident``; below it a result is undecided."""

    def record(self, result: Result) -> dict[str, Any]:
        from ..output import result_dict

        return result_dict(result, self.tags_as, self.min_confidence)


class Done(NamedTuple):
    """One item's outcome: its id, its output record and its status (ok, undecided or failed)."""

    id: Any
    record: dict[str, Any]
    status: str
    passed_on: str = ""
    """For an undecided prompt: its input line, to hand on as it was."""

    @property
    def line(self) -> str:
        """The record as one line of JSON."""
        return to_json(self.record)


def tag_item(tagger: Tagger, item: Item, render: Render) -> Done:
    """Tag one item; a failure is an error record, never an exception."""
    if item.error:
        return Done(item.id, {"id": item.id, "error": item.error}, FAILED)
    try:
        result = tagger.tag(item.text, id=item.id, name=item.name, truncated=item.truncated) if item.text is not None else tagger.tag_document(read_document(item.path), item.id)
    except Exception as exc:  # bad input, or a fault in readme-tag itself: this item's record says so, and the others still get theirs
        return Done(item.id, {"id": item.id, "error": error_text(exc)}, FAILED)
    undecided = render.min_confidence is not None and result.confidence < render.min_confidence
    return Done(item.id, render.record(result), UNDECIDED if undecided else OK)


def tag_items(items: Iterable[Item], settings: Settings, render: Render) -> list[Done]:
    """Tag items in this process, with the process's Tagger for ``settings``."""
    tagger = tagger_for(settings)
    return [tag_item(tagger, item, render) for item in items]


def _chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_start() -> None:
    """In each worker process: leave Ctrl-C to the parent (which stops the pool), go quiet once the parent is gone, and end then."""
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for stop in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):  # a handler of the parent's (the fallback's) is not the worker's: terminate ends it
        if stop is not None and callable(signal.getsignal(stop)):
            signal.signal(stop, signal.SIG_DFL)
    parent = os.getppid()
    sys.stderr = _QuietOrphan(sys.stderr, parent)
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


_ORPHAN_POLL = 0.5
"""Seconds between a worker's looks at whether its parent is still there."""


def _end_with(parent: int) -> None:
    """End this worker once its parent has died (killed: it could not stop the pool), not wait for work for ever."""
    import time

    while os.getppid() == parent:
        time.sleep(_ORPHAN_POLL)
    os._exit(0)


class _QuietOrphan:
    """A worker's stderr that says nothing once its parent has died (all it would say is a traceback of the broken pipe)."""

    def __init__(self, stream: TextIO, parent: int) -> None:
        self.stream = stream
        self.parent = parent

    def write(self, text: str) -> int:
        return self.stream.write(text) if os.getppid() == self.parent else len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def run_batch(items: Iterable[Item], settings: Settings, render: Render, jobs: int = 1) -> Generator[Done, None, None]:
    """Each item's tagged outcome, in input order; ``jobs`` processes work at once."""
    return run_ordered(items, partial(tag_items, settings=settings, render=render), jobs)


def run_ordered(items: Iterable[Item], work: Callable[[list[Item]], list[Done]], jobs: int = 1) -> Generator[Done, None, None]:
    """``work`` done on every item, outcomes in input order; with ``jobs`` > 1 in a pool of processes, through a bounded window.

    ``work`` must pickle (a module-level function, or a ``partial`` of one), since it travels to the workers. A
    consumer that stops early closes the generator (``contextlib.closing``), which stops the pool at once.
    """
    if jobs <= 1:
        for item in items:
            yield from work([item])
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start)
    window: deque[Future[tuple[list[Done], str | None]]] = deque()
    try:
        for chunk in _chunks(items):
            window.append(pool.submit(_in_worker, work, chunk))
            if len(window) >= jobs * 4:
                yield from _received(window.popleft().result())
        while window:
            yield from _received(window.popleft().result())
    except BrokenProcessPool:  # a worker died (killed, out of memory): the pool gives nothing more
        _stop(pool)
        raise WorkerDied() from None
    except BaseException:  # stopped early (closed, Ctrl-C): the workers are stopped at once
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers' processes without waiting for the chunks they hold, then the pool (its manager thread joined here,
    not met half-closed by the interpreter's exit), the chunks not begun cancelled."""
    for worker in list((getattr(pool, "_processes", None) or {}).values()):  # the executor's own (no public way to end them before 3.14)
        if worker.is_alive():
            worker.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def _in_worker(work: Callable[[list[Item]], list[Done]], chunk: list[Item]) -> tuple[list[Done], str | None]:
    """``work`` on a chunk in a worker, with why the worker could not cache the rules it compiled, if it could not."""
    return work(chunk), refusal()


def _received(outcome: tuple[list[Done], str | None]) -> list[Done]:
    """A worker's outcomes; its cache refusal becomes the parent's, for the command line to say."""
    done, why = outcome
    refused_elsewhere(why)
    return done
