"""Driving the modal window a click opens (a form run with ``exec``), from a test."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(act: Callable[[QWidget], None], done: list[bool] | None = None) -> None:
    """When a modal window shows, run ``act(window)`` on it (inside its event loop);
    ``done`` gets ``True`` once it ran."""

    def run() -> None:
        window = QApplication.activeModalWidget()
        if window is None:
            QTimer.singleShot(20, run)
            return
        act(window)
        if done is not None:
            done.append(True)

    QTimer.singleShot(0, run)
