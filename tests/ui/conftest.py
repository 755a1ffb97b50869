"""Fixtures of the window tests: a main window on the test database."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.ui.main_window import MainWindow

WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, session_factory: sessionmaker[Session], db_location: DatabaseLocation
) -> WindowFactory:
    """Build (and show) a main window on the test database; ``demo`` defaults to False."""

    def make(*, demo: bool = False) -> MainWindow:
        window = MainWindow(session_factory, location=db_location, demo=demo)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        return window

    return make
