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
from dataclasses import dataclass


class FallbackError(Exception):
    """A call of the fallback command that gave no answer."""


@dataclass(frozen=True)
class Fallback:
    """How to ask the LLM: the shell command, how long one call may take, how many run at once."""

    command: str
    timeout: float = 120.0
    jobs: int = 1

    def ask(self, prompt: str) -> str:
        """The command's stdout for ``prompt`` on its stdin; FallbackError when it fails."""
        try:
            process = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        except OSError as exc:
            raise FallbackError(f"the fallback command could not start: {exc.strerror or exc}") from None
        try:  # a lone surrogate (JSON allows one) cannot be UTF-8: it goes as U+FFFD
            out, err = process.communicate(prompt.encode("utf-8", "replace"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise FallbackError(f"the fallback command took over {self.timeout:g}s") from None
        if process.returncode != 0:
            last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise FallbackError(f"the fallback command exited with {process.returncode}" + (f": {last[0][:200]}" if last[0] else ""))
        answer = out.decode("utf-8", "replace")
        if not answer.strip():
            raise FallbackError("the fallback command printed nothing")
        return answer


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the command's whole process group (a shell and what it started), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()
