"""Bridge from the services' change bus to a Qt signal, so views refresh after writes."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.context import Desk


class ChangeRelay(QObject):
    """Re-emits every :class:`~movdesk.services.events.Change` of a desk as a signal."""

    #: A committed user action (a :class:`Change`); each view decides whether to refresh.
    changed = Signal(object)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = desk.bus.subscribe(self.changed.emit)
        self.destroyed.connect(lambda *_: self._unsubscribe())
