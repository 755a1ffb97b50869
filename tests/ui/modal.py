"""Driving a modal window (a form, a question) that a test's action opens and waits on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def when_modal(kind: type, act: Callable[[Any], None], seen: list[str]) -> None:
    """When a modal window of class ``kind`` opens, note its title, make it the active
    window (as it is on a desktop: the keys go to it) and let ``act`` drive it."""

    def drive() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(10, drive)
            return
        seen.append(widget.windowTitle())
        widget.activateWindow()
        QTimer.singleShot(0, lambda: act(widget))

    QTimer.singleShot(0, drive)


def answer_next_box(button_text: str, seen: list[str]) -> None:
    """When the next message box opens, note its title and press ``button_text``."""

    def press(box: QMessageBox) -> None:
        for button in box.buttons():
            if button.text().replace("&", "") == button_text.replace("&", ""):
                button.click()
                return
        box.reject()  # never leave the test blocked: the assertions after will fail
        seen.append(f"no button « {button_text} »")

    when_modal(QMessageBox, press, seen)


def when_any_modal(act: Callable[[Any], None], done: list[bool] | None = None) -> None:
    """When any modal window shows, run ``act(window)`` on it (inside its event loop);
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
