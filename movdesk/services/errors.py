"""Why a service refused to save: broken rules, or warnings awaiting confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UserError
from ..rules.validation import Problem


def _text(problems: Sequence[Problem]) -> str:
    """The messages as sentences: the user reads the rule, never the field's code name."""
    return "\n".join(p.message[:1].upper() + p.message[1:] for p in problems)


class ValidationFailed(UserError):
    """The change breaks at least one rule; nothing was saved.

    ``problems`` keeps each broken rule with its field, so a form can show the message
    next to the field concerned.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        first = self.problems[0].field if self.problems else None
        super().__init__(_text(self.problems), field=first)


class NeedsConfirmation(UserError):
    """The change is acceptable but the rules warn about it; nothing was saved yet.

    The caller shows ``warnings`` and, if the user agrees, calls again with
    ``accept_warnings=True``.
    """

    def __init__(self, warnings: Sequence[Problem]) -> None:
        self.warnings = list(warnings)
        super().__init__(_text(self.warnings))


class NotFound(UserError):
    """The row the action speaks of no longer exists (removed in another window)."""
