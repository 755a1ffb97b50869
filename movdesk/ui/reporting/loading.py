"""A page's data read in a worker: the latest request wins, the page never freezes.

:class:`Loader` runs one read function at a time; asking again while a read runs
queues the newest request only (a month picked three times in a row reads once more,
not three times). Results arrive on the UI thread through :attr:`Loader.loaded`, errors
through :attr:`Loader.failed`, in French when they are a :class:`UserError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...errors import UserError
from ..worker import Worker


class Loader(QObject):
    """Runs the page's read functions off the UI thread, newest request first."""

    #: The result of the last read asked for.
    loaded = Signal(object)
    #: A read failed; the French message to show.
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self._next: Callable[[], Any] | None = None

    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_running()

    def load(self, read: Callable[[], Any]) -> None:
        """Run ``read`` in the worker (after the read under way, if any)."""
        if self.busy():
            self._next = read
            return
        worker = Worker(lambda _progress, _cancel: read(), self)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self._worker = worker
        worker.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the running read's thread is done (a window closing)."""
        return self._worker.wait(timeout) if self._worker is not None else True

    def _advance(self) -> bool:
        if self._worker is not None:
            self._worker.deleteLater()
            self._worker = None
        if self._next is not None:
            read, self._next = self._next, None
            self.load(read)
            return True
        return False

    def _on_finished(self, result: object) -> None:
        if not self._advance():
            self.loaded.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        if self._advance():
            return
        if isinstance(error, UserError):
            self.failed.emit(str(error))
        else:
            self.failed.emit(
                f"Lecture impossible : une erreur inattendue s'est produite ({error})."
            )
