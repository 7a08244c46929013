"""The LLM behind the rules: a command run once per undecided prompt, with the prompt on its stdin.

Any program that talks to an LLM will do (a local model runner, an HTTP
client script). Its stdout is taken as the LLM's answer. A call that exits
non-zero, prints nothing or outlives its timeout fails with a one-line
reason; a timed-out command is killed with everything it started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from dataclasses import dataclass, field


class FallbackError(Exception):
    """A call of the fallback command that gave no answer."""


@dataclass(frozen=True)
class Fallback:
    """How to ask the LLM: the shell command, how long one call may take, how many run at once; ``stop`` ends the calls under way."""

    command: str
    timeout: float = 120.0
    jobs: int = 1
    _running: set[subprocess.Popen[bytes]] = field(default_factory=set, compare=False, repr=False)
    _stopped: threading.Event = field(default_factory=threading.Event, compare=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def ask(self, prompt: str) -> str:
        """The command's stdout for ``prompt`` on its stdin; FallbackError when it fails or the run is stopping."""
        with self._lock:
            if self._stopped.is_set():
                raise FallbackError("the run was stopped before the fallback command started")
            try:
                process = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            except OSError as exc:
                raise FallbackError(f"the fallback command could not start: {exc.strerror or exc}") from None
            self._running.add(process)
        try:  # a lone surrogate (JSON allows one) cannot be UTF-8: it goes as U+FFFD
            out, err = process.communicate(prompt.encode("utf-8", "replace"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise FallbackError(f"the fallback command took over {self.timeout:g}s") from None
        finally:
            with self._lock:
                self._running.discard(process)
        if process.returncode != 0:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise FallbackError(f"the fallback command exited with {process.returncode}" + (f": {last[0][:200]}" if last[0] else ""))
        answer = out.decode("utf-8", "replace")
        if not answer.strip():
            raise FallbackError("the fallback command printed nothing")
        return answer

    def stop(self) -> None:
        """Start no more commands, and kill the ones under way with all they started (a stopped run leaves no paid call running)."""
        with self._lock:
            self._stopped.set()
            running = list(self._running)
        for process in running:
            _signal_group(process)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the command's whole process group (a shell and what it started), then reap it."""
    _signal_group(process)
    process.communicate()


def _signal_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
