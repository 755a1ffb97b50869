"""Run one plain function off the UI thread and hear from it through Qt signals.

The function is Qt-free and tested without Qt; it receives ``progress(done, total)``
and ``cancel() -> bool`` and returns its result or raises. The widget that starts a
:class:`Worker` only connects to its signals, shows progress and may cancel; it never
shares a widget with the worker thread (after Orange's ``concurrent`` helpers).

Lifetimes are the delicate part, because the window that owns a worker may close and
be deleted while its job still runs:

* the pool thread never touches the :class:`Worker` itself. Each run gets its own
  parentless :class:`_Relay`, kept alive by the run; the pool thread emits on the relay
  and Qt queues the call to the worker on the UI thread, or drops it if the worker has
  been deleted meanwhile;
* the run holds the job, the relay and two events, never the worker, so that nothing
  the pool thread owns keeps a widget alive or deletes one;
* a failure's traceback has its frames' variables cleared before it leaves the pool
  thread, so that it holds no session, connection or Qt object in a cycle;
* while a job runs, Python's cyclic garbage collector runs on the UI thread only
  (:class:`_Collector`). Left automatic, it may start on the pool thread at any
  allocation, and walk Qt wrappers that the UI thread is deleting at that moment, with
  the interpreter lock released between two steps of a widget's destructor (a debugger
  caught a test run crashing so, while a closed window's layouts were being deleted).
"""

from __future__ import annotations

import gc
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

#: What the job receives: ``progress(done, total)`` and ``cancel() -> bool``.
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]

_pool: QThreadPool | None = None
_collector: _Collector | None = None

#: How often the UI thread collects cyclic garbage while jobs run.
COLLECT_EVERY_MS = 250

_FINISHED, _FAILED, _CANCELLED = "finished", "failed", "cancelled"


def worker_pool() -> QThreadPool:
    """The threads of movdesk's background work (kept apart from Qt's global pool)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class _Collector(QObject):
    """Moves the cyclic garbage collection to the UI thread while any job runs.

    Automatic collection is switched off when the first job starts and back on once
    no job runs and the pool's threads are idle; meanwhile a timer collects on the UI
    thread, generation by generation, as the automatic collector would have.
    """

    #: Emitted by a pool thread as its job's last step; delivered on the UI thread.
    job_ended = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._jobs = 0
        self._restore = False
        self._timer = QTimer(self)
        self._timer.setInterval(COLLECT_EVERY_MS)
        self._timer.timeout.connect(self._tick)
        self.job_ended.connect(self._on_job_ended, Qt.ConnectionType.QueuedConnection)

    def job_started(self) -> None:
        """On the UI thread, before the job is queued."""
        if self._jobs == 0 and not self._timer.isActive():
            self._restore = gc.isenabled()
            gc.disable()
            self._timer.start()
        self._jobs += 1

    @Slot()
    def _on_job_ended(self) -> None:
        self._jobs -= 1
        self._tick()

    @Slot()
    def _tick(self) -> None:
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        if first and young > first:
            gc.collect(2 if old > third else 1 if middle > second else 0)
        # A thread still finishing its run may allocate: wait until the pool is idle.
        if self._jobs == 0 and worker_pool().activeThreadCount() == 0:
            self._timer.stop()
            if self._restore:
                gc.enable()


def garbage_collector() -> _Collector:
    """The UI thread's garbage collection while jobs run (made on first use)."""
    global _collector
    if _collector is None:
        _collector = _Collector()
    return _collector


class _Relay(QObject):
    """What one run emits from the pool thread; queued to the worker on the UI thread."""

    progress = Signal(int, int)
    ended = Signal(str, object)


def _outcome(job: Job, relay: _Relay, cancel: threading.Event) -> tuple[str, Any]:
    """Run ``job``; its result, its exception or its cancellation."""
    try:
        result = job(relay.progress.emit, cancel.is_set)
    except BaseException as error:  # noqa: BLE001 - handed to the UI thread, not lost
        if cancel.is_set():
            return _CANCELLED, None
        return _FAILED, error
    if cancel.is_set():
        return _CANCELLED, None
    return _FINISHED, result


class _Run(QRunnable):
    def __init__(
        self,
        job: Job,
        relay: _Relay,
        cancel: threading.Event,
        done: threading.Event,
        collector: _Collector,
    ) -> None:
        super().__init__()
        self._job = job
        self._relay = relay
        self._cancel = cancel
        self._done = done
        self._collector = collector

    def run(self) -> None:
        try:
            kind, payload = _outcome(self._job, self._relay, self._cancel)
            if isinstance(payload, BaseException):
                # Every frame has ended now: they keep their lines for the log, not
                # their variables.
                traceback.clear_frames(payload.__traceback__)
            self._relay.ended.emit(kind, payload)
        finally:
            # After the emission: once ``Worker.wait`` returns, this thread no longer
            # touches the worker's relay (the collector lives as long as the program).
            self._done.set()
            self._collector.job_ended.emit()


class Worker(QObject):
    """One run of ``job`` at a time in the worker pool; signals arrive on the UI thread."""

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
        self._running = False
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._done.set()
        self._relay: _Relay | None = None

    def start(self) -> None:
        """Queue the job, unless a run is under way."""
        if self._running:
            return
        self._running = True
        # Fresh events per run: a late ``set`` from the previous run cannot end this one.
        self._cancel = threading.Event()
        self._done = threading.Event()
        relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        relay.progress.connect(self._on_progress, queued)
        relay.ended.connect(self._on_ended, queued)
        # Also kept here, so that the relay is normally deleted on this thread.
        self._relay = relay
        collector = garbage_collector()
        collector.job_started()
        worker_pool().start(_Run(self._job, relay, self._cancel, self._done, collector))

    def cancel(self) -> None:
        """Ask the job to stop at its next ``cancel()`` check."""
        self._cancel.set()

    def is_running(self) -> bool:
        """True from :meth:`start` until the end signal has been delivered here."""
        return self._running

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job's thread is done with it (window closing); False on timeout."""
        return self._done.wait(timeout)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @Slot(str, object)
    def _on_ended(self, kind: str, payload: object) -> None:
        # Not running any more before the signal, so that a slot may start again at once.
        self._running = False
        if kind == _FINISHED:
            self.finished.emit(payload)
        elif kind == _FAILED:
            self.failed.emit(payload)
        else:
            self.cancelled.emit()


def progress_dialog(
    worker: Worker,
    text: str,
    parent: QWidget,
    *,
    title: str = "movdesk",
    modal: bool = True,
    delay_ms: int = 400,
) -> QProgressDialog:
    """The progress dialog of ``worker``: « Annuler » cancels it; its ``progress`` moves
    the bar. Window-modal, or (``modal=False``) leaving the window usable meanwhile.
    The caller closes it when the worker ends."""
    progress = QProgressDialog(text, "Annuler", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(
        Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal
    )
    progress.setMinimumDuration(delay_ms)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    progress.canceled.connect(worker.cancel)

    def moved(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, total))

    worker.progress.connect(moved)
    return progress
