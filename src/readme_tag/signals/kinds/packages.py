"""``packages``: packages given to install commands (pip, npm, cargo, go, gem, brew, apt...)."""

from __future__ import annotations

from ...parse.code import packages_of
from ..code_names import CodeNames

KIND = CodeNames("packages", packages_of)
