"""Fichier › Imprimer: batches in the background, cancel, preview; the dashboard's menu."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtWidgets import QMenu, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.models import InterviewKind, InterviewStatus
from movdesk.services.context import Desk
from movdesk.ui.documents.batch import BatchDialog, BatchPrinting, GroupSessionDialog, month_choices
from movdesk.ui.documents.preview import PreviewWindow
from movdesk.ui.main_window import MainWindow

from ...reports.pdf_checks import all_text
from ...services.documents.conftest import interview

pytestmark = pytest.mark.gui


@pytest.fixture
def window(
    qtbot: QtBot,
    session_factory: sessionmaker[Session],
    db_location: DatabaseLocation,
    desk: Desk,
    followed: int,
) -> MainWindow:
    win = MainWindow(session_factory, location=db_location, demo=False)
    win.desk.clock = desk.clock  # the documents' today is the fixtures' today
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win


def _accept(monkeypatch: pytest.MonkeyPatch, cls: type, setup=lambda d: None) -> None:
    def exec_(dialog) -> int:
        setup(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(cls, "exec", exec_)


def test_the_file_menu_has_the_batches(window: MainWindow) -> None:
    menu = window.menuBar().findChild(QMenu, "printMenu")
    assert menu is not None
    assert [a.text() for a in menu.actions()] == [
        "Feuilles d'émargement du &mois…",
        "&Bilans intermédiaires dus cette semaine…",
        "Feuille d'émargement d'un &regroupement…",
    ]


def test_month_sheets_run_in_the_background_then_preview(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _accept(
        monkeypatch, BatchDialog, lambda d: d.month.setCurrentIndex(d.month.findData("2026-02"))
    )
    batches = window.batch_printing.batches()
    with qtbot.waitSignal(batches.previewed, timeout=20_000) as shown:
        window.menuBar().findChild(QMenu, "printMenu").actions()[0].trigger()
        # The window stays usable while the batch runs: the progress is not modal.
        progress = window.findChild(QProgressDialog)
        assert progress is not None and not progress.isModal()
    preview: PreviewWindow = shown.args[0]
    qtbot.addWidget(preview)
    text = all_text(preview.document.data)
    assert "LC-2026-000123" in text and preview.document.title.endswith("février 2026")


def test_an_empty_month_says_so(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, boxes
) -> None:
    _accept(monkeypatch, BatchDialog, lambda d: d.month.setCurrentIndex(d.month.count() - 1))
    batches = window.batch_printing.batches()
    with qtbot.waitSignal(batches.finished, timeout=20_000) as ended:
        batches.month_sheets()
    assert "aucune feuille à imprimer" in ended.args[0]
    assert boxes and boxes[-1][0] == "information"


def test_a_batch_can_be_cancelled(qtbot: QtBot, window: MainWindow) -> None:
    batches: BatchPrinting = window.batch_printing.batches()

    def slow(progress, cancel):
        while not cancel():
            progress(0, 10)
            time.sleep(0.01)
        raise RuntimeError("stopped")

    with qtbot.waitSignal(batches.finished, timeout=10_000) as ended:
        worker = batches.run("Essai", slow, "rien")
        qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None)
        window.findChild(QProgressDialog).findChild(QPushButton).click()
    assert ended.args[0] == "Essai : annulé."
    assert not worker.is_running()


def test_due_intermediate_reports(
    qtbot: QtBot, window: MainWindow, desk: Desk, monkeypatch: pytest.MonkeyPatch, followed: int
) -> None:
    # Today is 02/03/2026: the report of the case (S + 2 months = 05/03/2026) is due this week.
    window.desk.clock = lambda: date(2026, 3, 2)
    _accept(monkeypatch, BatchDialog)
    batches = window.batch_printing.batches()
    with qtbot.waitSignal(batches.previewed, timeout=20_000) as shown:
        batches.due_reports()
    preview = shown.args[0]
    qtbot.addWidget(preview)
    assert [r.case_id for r in preview.document.records] == [followed]
    assert "Bilan intermédiaire" in all_text(preview.document.data)


def test_group_session_sheet(
    qtbot: QtBot, window: MainWindow, desk: Desk, monkeypatch: pytest.MonkeyPatch, followed: int
) -> None:
    interview(desk, followed, date(2026, 2, 26), InterviewStatus.ATTENDED, kind=InterviewKind.GROUP)
    _accept(monkeypatch, GroupSessionDialog, lambda d: d.week.set_value(date(2026, 2, 24)))
    preview = window.batch_printing.batches().group_sheet()
    assert preview is not None
    qtbot.addWidget(preview)
    assert "DURAND Sophie" in all_text(preview.document.data)


def test_a_week_without_group_session_is_refused(qtbot: QtBot, desk: Desk, followed: int) -> None:
    dialog = GroupSessionDialog(desk)
    qtbot.addWidget(dialog)
    dialog.week.set_value(date(2026, 1, 5))
    dialog.show()
    dialog.accept()
    assert dialog.document is None and "Aucun regroupement" in dialog.error_text("session")


def test_month_choices_run_from_next_month_back_a_year() -> None:
    choices = month_choices(date(2026, 1, 15))
    assert choices[0] == ("Février 2026", "2026-02")
    assert choices[1] == ("Janvier 2026", "2026-01")
    assert choices[-1] == ("Janvier 2025", "2025-01")


def test_deadline_lines_print_the_document_that_answers_them(
    qtbot: QtBot, window: MainWindow, followed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movdesk.services.schedule import DeadlineItem
    from movdesk.ui.deadlines.actions import actions_for
    from movdesk.ui.documents import options

    seen: list[tuple[int, str]] = []
    monkeypatch.setattr(
        options,
        "preview_case_document",
        lambda parent, desk, case_id, kind, ask=True: seen.append((case_id, kind)),
    )
    item = DeadlineItem(
        followed, "LC-2026-000123", "DURAND Sophie", "Claire Martin", "intermediate_report",
        date(2026, 3, 5), date(2026, 3, 5), "soon", "Envoyer le bilan intermédiaire",
    )  # fmt: skip
    printing = [a for a in actions_for("intermediate_report") if a.text.startswith("Imprimer")]
    assert printing and printing[0].run is not None
    printing[0].run(window, window.desk, item)
    assert seen == [(followed, "intermediate")]
