"""Starting the program: opening errors, demo filling, the event loop, unexpected errors."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk import app as app_module
from movdesk.app import (
    DEMO_UNAVAILABLE,
    log_path,
    open_main_window,
    prepare_application,
    report_unexpected,
    run_gui,
    setup_logging,
)
from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.models import CaseStatus
from movdesk.services.dashboard import count_cases
from tests.ui.rows import add_cases

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _no_first_run_assistant(monkeypatch: pytest.MonkeyPatch) -> None:
    """The assistant is modal: these tests drive the start, not the assistant."""
    from movdesk.ui.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "offer_first_run", lambda self: False)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Record (kind, title, text) of every message box instead of blocking on it."""
    shown: list[tuple[str, str, str]] = []
    for kind in ("critical", "warning", "information"):
        monkeypatch.setattr(
            QMessageBox,
            kind,
            lambda _parent, title, text, *_a, _kind=kind: shown.append((_kind, title, text)),
        )
    return shown


def test_application_is_named_and_french(qapp: QApplication) -> None:
    assert prepare_application() is qapp
    assert qapp.applicationName() == "movdesk"
    assert qapp.organizationName() == "movdesk"
    assert QLocale().language() == QLocale.Language.French
    assert QLocale().territory() == QLocale.Country.France


def test_user_error_at_opening_is_a_message_and_exit_code_1(
    db_location: DatabaseLocation,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[tuple[str, str, str]],
) -> None:
    def refuse(_location: DatabaseLocation) -> None:
        raise UserError("Cette base a été créée par une version plus récente de movdesk.")

    monkeypatch.setattr(app_module, "open_database", refuse)
    hook_before = sys.excepthook
    assert run_gui(db_location) == 1
    assert message_boxes == [
        (
            "critical",
            "Ouverture de la base impossible",
            "Cette base a été créée par une version plus récente de movdesk.",
        )
    ]
    assert sys.excepthook is hook_before


def test_event_loop_runs_and_returns_0(
    qtbot: QtBot, db_location: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Close the window as soon as the loop turns: the program ends as a user would end it.
    # The start screen comes first and is painted at once; the main window follows it.
    def close_main_window() -> None:
        shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"]
        if any(w.isVisible() for w in shown):
            QApplication.closeAllWindows()
        else:
            QTimer.singleShot(10, close_main_window)

    QTimer.singleShot(0, close_main_window)
    hook_before = sys.excepthook
    assert run_gui(db_location) == 0
    assert sys.excepthook is hook_before
    assert log_path().is_file()


def test_demo_fills_an_empty_database_once(
    qtbot: QtBot, db_location: DatabaseLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def fill_demo(factory: sessionmaker[Session], **_options: object) -> int:
        calls.append(1)
        add_cases(factory, [CaseStatus.ACTIVE] * 5)
        return 5

    monkeypatch.setitem(sys.modules, "movdesk.demo", types.SimpleNamespace(fill_demo=fill_demo))
    window, engine = open_main_window(db_location, demo=True)
    qtbot.addWidget(window)
    try:
        assert calls == [1]
        assert window.windowTitle() == "Base de démonstration — movdesk"
        assert "5 dossiers fictifs" in window.statusBar().currentMessage()
        assert window.pages[0].figures.total_cases == 5
    finally:
        engine.dispose()

    window, engine = open_main_window(db_location, demo=True)
    qtbot.addWidget(window)
    engine.dispose()
    assert calls == [1], "a demo database that holds cases is never filled again"


def test_demo_without_generator_opens_empty_with_a_note(
    qtbot: QtBot,
    db_location: DatabaseLocation,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # None in sys.modules makes the import fail, as when the module is not shipped.
    monkeypatch.setitem(sys.modules, "movdesk.demo", None)
    window, engine = open_main_window(db_location, demo=True)
    qtbot.addWidget(window)
    engine.dispose()
    assert window.statusBar().currentMessage() == DEMO_UNAVAILABLE
    assert count_cases(session_factory) == 0


def test_a_first_start_says_it_created_the_database(
    qtbot: QtBot, db_location: DatabaseLocation
) -> None:
    """The window's first start is one of the three places that create a database file,
    and it says so, with the path."""
    assert db_location.path is not None and not db_location.path.exists()
    window, engine = open_main_window(db_location)
    qtbot.addWidget(window)
    engine.dispose()
    assert db_location.path.is_file()
    message = window.statusBar().currentMessage()
    assert message == f"Nouvelle base de données créée : « {db_location.path} »."
    window, engine = open_main_window(db_location)
    qtbot.addWidget(window)
    engine.dispose()
    assert "Nouvelle base" not in window.statusBar().currentMessage()


def test_unexpected_error_is_logged_and_told_in_french(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[QMessageBox] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(box)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    path = setup_logging()
    try:
        raise RuntimeError("disque plein")
    except RuntimeError as error:
        report_unexpected(RuntimeError, error, error.__traceback__)
    [box] = shown
    assert box.windowTitle() == "Erreur inattendue"
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.text().startswith("Une erreur inattendue s'est produite")
    assert f"« {path} »" in box.text()
    assert "RuntimeError: disque plein" in box.detailedText()
    for handler in app_module.log.handlers:
        handler.flush()
    logged = path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "disque plein" in logged
    assert "RuntimeError: disque plein" in capsys.readouterr().err


def test_an_error_raised_while_its_dialog_is_open_is_only_logged(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        opened.append(box.text())
        # The same failure again, as a repaint under the dialog would raise it.
        report_unexpected(ValueError, ValueError("encore"), None)
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    setup_logging()
    report_unexpected(ValueError, ValueError("une fois"), None)
    assert len(opened) == 1
    report_unexpected(ValueError, ValueError("plus tard"), None)
    assert len(opened) == 2, "once the dialog is closed, the next error is shown again"


def test_user_error_escaping_a_slot_is_only_a_warning(
    message_boxes: list[tuple[str, str, str]],
) -> None:
    error = UserError("Le numéro de lettre de commande existe déjà.")
    report_unexpected(UserError, error, None)
    assert message_boxes == [("warning", "movdesk", "Le numéro de lettre de commande existe déjà.")]
