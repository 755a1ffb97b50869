"""``python -m movdesk``: same as the ``movdesk`` command."""

from .cli import run

run()
