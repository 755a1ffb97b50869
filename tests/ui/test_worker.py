"""The background worker: signals on the UI thread, and safe when its owner goes first."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QObject
from pytestqt.qtbot import QtBot

from movdesk.ui.worker import Worker, worker_pool

pytestmark = pytest.mark.gui


class _Held:
    """A job that waits until the test lets it go, then reports progress and returns."""

    def __init__(self, result: object = "fini") -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.result = result

    def __call__(self, progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> object:
        self.started.set()
        assert self.release.wait(10)
        progress(1, 1)
        return self.result


def test_owner_deleted_while_the_job_runs(qtbot: QtBot) -> None:
    owner = QObject()
    job = _Held()
    worker = Worker(job, owner)
    heard: list[object] = []
    worker.finished.connect(heard.append)
    worker.progress.connect(lambda *args: heard.append(args))
    worker.start()
    assert job.started.wait(10)
    # The window closes and is deleted while the pass still runs.
    owner.deleteLater()
    qtbot.wait(10)
    del owner, worker
    gc.collect()
    job.release.set()
    # The job ends and emits into nothing; the UI thread goes on without a crash.
    assert worker_pool().waitForDone(10_000)
    QCoreApplication.processEvents()
    qtbot.wait(50)
    gc.collect()
    assert heard == []


def test_wait_returns_once_the_thread_is_done_and_the_end_is_then_delivered(
    qtbot: QtBot,
) -> None:
    job = _Held(42)
    worker = Worker(job)
    worker.start()
    assert worker.is_running()
    assert job.started.wait(10)
    assert not worker.wait(0.01)
    job.release.set()
    assert worker.wait(10)
    # The pool thread is done; the UI thread hears of it at its next turn.
    assert worker.is_running()
    with qtbot.waitSignal(worker.finished) as finished:
        pass
    assert finished.args == [42]
    assert not worker.is_running()


def test_a_slot_may_start_the_worker_again(qtbot: QtBot) -> None:
    runs: list[int] = []

    def job(_progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> int:
        runs.append(len(runs) + 1)
        return len(runs)

    worker = Worker(job)
    results: list[int] = []

    def again(result: int) -> None:
        results.append(result)
        if result < 3:
            worker.start()

    worker.finished.connect(again)
    worker.start()
    qtbot.waitUntil(lambda: results == [1, 2, 3], timeout=5000)
    assert not worker.is_running()


def test_start_while_running_runs_once(qtbot: QtBot) -> None:
    job = _Held()
    worker = Worker(job)
    ended: list[object] = []
    worker.finished.connect(ended.append)
    worker.start()
    worker.start()
    job.release.set()
    qtbot.waitUntil(lambda: ended == ["fini"], timeout=5000)
    qtbot.wait(50)
    assert ended == ["fini"]


def test_cancel_gives_cancelled_and_no_result(qtbot: QtBot) -> None:
    def job(_progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> str:
        while not cancel():
            threading.Event().wait(0.005)
        raise RuntimeError("stopped")

    worker = Worker(job)
    finished: list[object] = []
    failed: list[object] = []
    worker.finished.connect(finished.append)
    worker.failed.connect(failed.append)
    worker.start()
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    assert finished == [] and failed == []


def test_a_failure_reaches_the_ui_thread_without_the_jobs_variables(qtbot: QtBot) -> None:
    class Heavy:
        """Stands for a session or a connection the job had open."""

    def job(_progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> None:
        heavy = Heavy()
        raise ValueError(f"boom {type(heavy).__name__}")

    worker = Worker(job)
    with qtbot.waitSignal(worker.failed) as failed:
        worker.start()
    error = failed.args[0]
    assert isinstance(error, ValueError) and str(error) == "boom Heavy"
    # The traceback still names the lines, for the log...
    tb = error.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        assert not tb.tb_frame.f_locals, tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    assert names[-1] == "job"


def test_garbage_is_collected_on_the_ui_thread_while_a_job_runs(qtbot: QtBot) -> None:
    """A collection started on the pool thread may walk widgets the UI thread is
    deleting (a debugger caught it crashing a test run). Here the job makes cyclic
    garbage for a while: every collection meanwhile must run on the UI thread."""
    main = threading.get_ident()
    threads: list[int] = []

    def record(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    def job(_progress: Callable[[int, int], None], cancel: Callable[[], bool]) -> int:
        made = 0
        while not cancel():
            for _ in range(2000):
                cycle: list[object] = []
                cycle.append(cycle)
                made += 1
            threading.Event().wait(0.001)
        return made

    # A job of an earlier test may still hold the collection on the UI thread.
    qtbot.waitUntil(gc.isenabled, timeout=5000)
    gc.callbacks.append(record)
    try:
        worker = Worker(job)
        worker.start()
        assert not gc.isenabled()
        qtbot.wait(700)
        with qtbot.waitSignal(worker.cancelled, timeout=5000):
            worker.cancel()
        qtbot.waitUntil(gc.isenabled, timeout=5000)
    finally:
        gc.callbacks.remove(record)
    # The job made far more than a generation's worth of cycles; all were collected
    # by the UI thread's timer, none on the job's thread.
    assert threads and set(threads) == {main}
