"""``python -m readme_tag`` runs the CLI."""

from .cli import run

run()
