"""Rewrite a file whole or not at all: the new text goes into a draft beside it, which then replaces it."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def replace_file(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Give ``path`` what ``write`` writes; a failure (an OSError) or a kill meanwhile leaves the old file whole.

    A path that is a link is written where it points (the link stays), keeping
    the old file's mode; a file that may not be written is refused (EACCES),
    as writing it in place would be.
    """
    target = Path(os.path.realpath(path))
    draft = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # each thread's own draft
    try:
        if target.exists() and not os.access(target, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        with open(draft, "wb") as handle:
            write(handle)
        if target.exists():
            shutil.copymode(target, draft)
        os.replace(draft, target)
    finally:
        with contextlib.suppress(OSError):  # gone already when it replaced the file; never hide the error that matters
            draft.unlink()
