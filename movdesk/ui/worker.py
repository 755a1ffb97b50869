"""Run one plain function off the UI thread and hear from it through Qt signals.

The function is Qt-free and tested without Qt; it receives ``progress(done, total)``
and ``cancel() -> bool`` and returns its result or raises. The widget that starts a
:class:`Worker` only connects to its signals, shows progress and may cancel; it never
shares a widget with the worker thread (after Orange's ``concurrent`` helpers).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

#: What the job receives: ``progress(done, total)`` and ``cancel() -> bool``.
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

_pool: QThreadPool | None = None


def worker_pool() -> QThreadPool:
    """The threads of movdesk's background work (kept apart from Qt's global pool)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class _Run(QRunnable):
    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self._worker = worker

    def run(self) -> None:
        self._worker._execute()  # noqa: SLF001 - the runnable is the worker's own thread body


class Worker(QObject):
    """One run of ``job`` in the worker pool; signals arrive on the UI thread."""

    #: ``(done, total)`` as the job reports it.
    progress = Signal(int, int)
    #: The job's return value, once it has finished normally.
    finished = Signal(object)
    #: The exception the job raised (a ``UserError`` carries French words for the user).
    failed = Signal(object)
    #: The job stopped because :meth:`cancel` was called; no result.
    cancelled = Signal()

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._done.set()

    def start(self) -> None:
        """Queue the job; a worker runs once at a time."""
        if self.is_running():
            return
        self._cancel.clear()
        self._done.clear()
        worker_pool().start(_Run(self))

    def cancel(self) -> None:
        """Ask the job to stop at its next ``cancel()`` check."""
        self._cancel.set()

    def is_running(self) -> bool:
        return not self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has ended (window closing); False on timeout."""
        return self._done.wait(timeout)

    def _execute(self) -> None:
        # Runs on a pool thread: only signals leave it, queued to the UI thread.
        failure: BaseException | None = None
        result: Any = None
        try:
            result = self._job(self.progress.emit, self._cancel.is_set)
        except BaseException as error:  # noqa: BLE001 - handed to the UI thread, not lost
            failure = error
        if self._cancel.is_set():
            self._finish(self.cancelled.emit)
        elif failure is not None:
            self._finish(lambda: self.failed.emit(failure))
        else:
            self._finish(lambda: self.finished.emit(result))

    def _finish(self, emit: Callable[[], None]) -> None:
        # Done before the signal, so that a slot may start the worker again at once.
        self._done.set()
        try:
            emit()
        except RuntimeError:
            # The window closed meanwhile and took the worker with it: nobody listens.
            pass
