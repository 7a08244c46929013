"""readme-tag: deterministic, rule-based tagging of README files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ReadmeTagError", "Result", "Settings", "Tagger", "__version__"]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import ReadmeTagError
    from .settings import Settings
    from .tagger import Result, Tagger


def __getattr__(name: str) -> Any:
    """Import the heavy parts lazily, so that ``--version`` starts fast."""
    if name in ("Tagger", "Result"):
        from . import tagger

        return getattr(tagger, name)
    if name == "Settings":
        from .settings import Settings

        return Settings
    if name == "ReadmeTagError":
        from .errors import ReadmeTagError

        return ReadmeTagError
    raise AttributeError(f"module 'readme_tag' has no attribute {name!r}")
