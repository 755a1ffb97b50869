"""From the search to the case, with the keyboard only, in the main window."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from movdesk.app import prepare_application
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.ui.casefile import open_windows
from movdesk.ui.cases import CaseListPage
from movdesk.ui.dialogs.month import MonthDialog, month_before
from movdesk.ui.widgets.datetext import MONTHS
from tests.ui.conftest import WindowFactory
from tests.ui.modal import when_modal

pytestmark = pytest.mark.gui


def test_the_menu_says_entree(qapp, make_window: WindowFactory) -> None:
    prepare_application()  # Qt's words in French, as the program starts
    window = make_window()
    native = QKeySequence.SequenceFormat.NativeText
    assert window.open_case_action.shortcut().toString(native) == "Entrée"
    assert window.open_case_action.toolTip() == "Ouvrir le dossier sélectionné (Entrée)"


def test_a_name_typed_in_the_search_then_entree_opens_the_case(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    desk = window.desk
    referent = add_referent(desk, "Claire Martin")
    ids = []
    for number, (last, pe_id) in enumerate((("Lefèvre", "7654321B"), ("Durand", "1234567A"))):
        ids.append(
            register_order(
                desk,
                order_number=f"LC-2026-00010{number}",
                referent_id=referent,
                start_date=date(2026, 2, 2),
                beneficiary=BeneficiaryInput(last_name=last, first_name="Anne", pe_id=pe_id),
            )
        )
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.page_changed):
        qtbot.keyClick(window.navigation, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert isinstance(page, CaseListPage) and page.search.hasFocus()
    # One case found: Entrée opens it (not the window's « Ouvrir » on a stale row).
    qtbot.keyClicks(page.search, "lefev")
    with qtbot.waitSignal(window.case_opened) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [ids[0]]
    assert [w.case_id for w in open_windows()] == [ids[0]]
    for case_window in open_windows():
        case_window.close()
    # Two found: Entrée goes into the list, Down picks the second, Entrée opens it.
    with qtbot.waitActive(window):
        window.activateWindow()
    page.focus_search()
    qtbot.keyClicks(page.search, "anne")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.table.hasFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.selected_case_id()
    with qtbot.waitSignal(window.case_opened) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [second]
    for case_window in open_windows():
        case_window.close()


def test_the_dashboard_counts_a_new_case_at_once(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    window = make_window()
    window.show_page(0)
    total = window.findChild(QLabel, "count-total")
    ordered = window.findChild(QLabel, "count-ordered")
    referents = window.findChild(QLabel, "count-referents")
    assert total.text() == "0"
    referent = add_referent(window.desk, "Claire Martin")
    qtbot.waitUntil(lambda: referents.text().startswith("1 référent"))
    register_order(
        window.desk,
        order_number="LC-2026-000100",
        referent_id=referent,
        start_date=date(2026, 2, 2),
        beneficiary=BeneficiaryInput(last_name="Lefèvre", first_name="Anne", pe_id="7654321B"),
    )
    # No F5, no page change: the change itself brings the counts up to date.
    qtbot.waitUntil(lambda: total.text() == "1")
    assert ordered.text() == "1"


def test_the_monthly_export_asks_the_month_first(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    window = make_window()
    saved_as: list[str] = []

    def choose(_parent, _title, suggested, _filter):  # type: ignore[no-untyped-def]
        saved_as.append(suggested)
        return str(tmp_path / suggested), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: None)
    today = window.desk.today()
    year, month = month_before(today)
    seen: list[str] = []
    shown: list[tuple[str, int]] = []

    def pick(dialog: MonthDialog) -> None:
        shown.append((dialog.month.currentText(), dialog.year.value()))
        dialog.month.setFocus()
        qtbot.keyClick(dialog.month, Qt.Key.Key_Return)

    when_modal(MonthDialog, pick, seen)
    with qtbot.waitSignal(window.work_finished, timeout=10_000):
        window.indicators_action.trigger()
    assert seen == ["Indicateurs du mois"]
    # The month just ended is offered, by its name.
    assert shown == [(MONTHS[month - 1].capitalize(), year)]
    assert saved_as == [f"indicateurs-{year:04d}-{month:02d}.csv"]
    assert (tmp_path / saved_as[0]).is_file()


def test_the_month_picker_offers_the_month_just_ended_and_refuses_the_future(
    qtbot: QtBot,
) -> None:
    dialog = MonthDialog(date(2026, 3, 2))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert (dialog.month.currentText(), dialog.year.value()) == ("Février", 2026)
    assert dialog.year.maximum() == 2026
    dialog.month.setFocus()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.month, Qt.Key.Key_Down)  # avril: not begun on 2 March
    qtbot.keyClick(dialog.month, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == (
        "✖ Avril 2026 n'a pas encore commencé : choisissez un mois passé (ou le mois en cours)."
    )
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)  # mars, the month in progress
    assert dialog.error.isHidden()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.month_text() == "2026-03"
    january = MonthDialog(date(2027, 1, 15))
    qtbot.addWidget(january)
    assert (january.month.currentText(), january.year.value()) == ("Décembre", 2026)
