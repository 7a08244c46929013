"""The words inside the CamelCase names of a title: a repository called SomeGame or BizarreCRM says "game" and "CRM"."""

from __future__ import annotations

import re

_NAME = re.compile(r"[A-Za-z0-9]+")
_JOINED = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]")
"""A word is two joined where a capital follows a small letter, or an acronym runs into a word (``HTTPServer``)."""
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")
MIN_PART = 3
"""Shorter parts are left out: UX, OS, AI, Vs are too short to tell a word from a fragment."""


def name_words(title: str) -> str:
    """The parts of each CamelCase name in ``title``, names apart by " / " ("" when it has none).

    A name that begins in lower case is split only into two words or more
    (``llmAgent``, not iOS, macOS or eBay); digits are left out
    (``MinecraftVsZombies2`` -> ``Minecraft Zombies``).
    """
    names = []
    for name in _NAME.findall(title):
        if _JOINED.search(name):
            parts = [part for part in _PART.findall(name) if len(part) >= MIN_PART]
            if len(parts) >= (1 if name[:1].isupper() else 2):
                names.append(" ".join(parts))
    return " / ".join(names)
