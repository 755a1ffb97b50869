"""Errors that reach the user: a French message, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an impossible request; ``str(error)`` is the French message to show.

    The command line prints it on stderr and exits with code 1; windows show it next to
    the field concerned (``field``) when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message
