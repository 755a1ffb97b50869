""" "What changed" announcements, so every open view can decide whether to refresh.

Services announce a :class:`Change` after their transaction commits. The bus is plain
Python (no Qt): the window bridges it to a Qt signal, tests subscribe directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import AuditAction


@dataclass(frozen=True)
class Change:
    """One committed user action: which kinds of rows it touched, and for which cases."""

    action: str
    entities: frozenset[str]
    case_ids: frozenset[int] = field(default_factory=frozenset)
    kind: AuditAction = AuditAction.UPDATE

    def touches(self, entity: str) -> bool:
        return entity in self.entities


Listener = Callable[[Change], None]


class ChangeBus:
    """Delivers each :class:`Change` to every subscriber, in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add ``listener``; returns a function that removes it again."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def announce(self, change: Change) -> None:
        # A copy: a listener may unsubscribe while being called.
        for listener in list(self._listeners):
            listener(change)
