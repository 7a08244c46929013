"""Python's cyclic garbage collector paused while a large structure is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause cyclic collection inside the block (or the decorated function), then put it back as it was.

    Compiling or unpickling the rules makes hundreds of thousands of
    long-lived objects and no garbage cycles: collections in between only
    traverse them again and again (a fifth of a compile, half of a load).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
