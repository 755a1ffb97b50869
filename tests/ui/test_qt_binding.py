"""The Qt binding keeps Python's reference counts right where movdesk relies on it.

PySide6 6.12.0 took one reference from ``True`` at every signal delivered to a Python
callable: after some thousands of signals (an hour of use, or the test suite) the
interpreter freed ``True`` and the program crashed. ``pyproject.toml`` keeps that
release out; these tests say at once whether a new release may come in.
"""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QObject, Qt, Signal, Slot
from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.gui

SIGNALS = 1000


class _Sender(QObject):
    plain = Signal()
    number = Signal(int)
    payload = Signal(str, object)


class _Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.heard: list[object] = []

    @Slot(str, object)
    def take(self, kind: str, payload: object) -> None:
        self.heard.append(payload)


def _counts() -> tuple[int, int, int]:
    return sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None)


def test_signals_to_python_leave_true_false_and_none_alone() -> None:
    sender = _Sender()
    calls: list[int] = []
    sender.plain.connect(lambda: calls.append(0))
    sender.number.connect(calls.append)
    before = _counts()
    for i in range(SIGNALS):
        sender.plain.emit()
        sender.number.emit(i)
    after = _counts()
    assert len(calls) == 2 * SIGNALS
    drift = [a - b for a, b in zip(after, before, strict=True)]
    # The faulty release drifts by -2000 on True; a sound one by a handful at most.
    assert all(abs(d) < 50 for d in drift), f"True, False, None: {drift}"


def test_an_object_sent_from_a_thread_is_handed_over_once(qtbot: QtBot) -> None:
    """What the worker does: a result sent from a pool thread, queued to the UI thread."""
    sender, receiver = _Sender(), _Receiver()
    sender.payload.connect(receiver.take, Qt.ConnectionType.QueuedConnection)
    result = object()
    before = sys.getrefcount(result)

    def send() -> None:
        for _ in range(100):
            sender.payload.emit("finished", result)

    thread = threading.Thread(target=send)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(receiver.heard) == 100, timeout=5000)
    assert all(item is result for item in receiver.heard)
    receiver.heard.clear()
    assert sys.getrefcount(result) == before
