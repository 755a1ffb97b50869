"""The dashboard's scheduler: groups and counts, the referent filter remembered, the
notice, the action of a line, the case opened at the deadline's section."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QMessageBox
from pytestqt.qtbot import QtBot

from movdesk.models import Case, ExitReason
from movdesk.services.context import Desk
from movdesk.services.dashboard import read_deadline_overview
from movdesk.services.schedule import bring_up_to_date
from movdesk.ui.deadlines import Column, SchedulerWidget, actions_for
from movdesk.ui.deadlines.sent_dialog import SentDateDialog
from movdesk.ui.dialogs import ExitDialog
from movdesk.ui.main_window import MainWindow
from tests.agenda_office import (
    TODAY,
    Office,
    build_office,
    desk,
    office,
    other_office,
    signed_case,
)
from tests.ui.conftest import WindowFactory

__all__ = ["desk", "office", "other_office"]

pytestmark = pytest.mark.gui


@pytest.fixture
def scheduler(qtbot: QtBot, desk: Desk, office: Office) -> SchedulerWidget:
    widget = SchedulerWidget(desk)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.show_overview(read_deadline_overview(desk.session_factory, TODAY))
    return widget


def _titles(widget: SchedulerWidget) -> list[str]:
    model = widget.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_groups_with_counts_later_closed_and_todo_stretching(scheduler: SchedulerWidget) -> None:
    assert _titles(scheduler) == [
        "Rupture des 14 jours dans 3 jours au plus (0)",
        "En retard (4)",
        "Aujourd'hui (0)",
        "Cette semaine (3)",
        "Plus tard (7)",
    ]
    model, view = scheduler.model, scheduler.view
    assert view.isExpanded(model.group_index("overdue"))
    assert not view.isExpanded(model.group_index("later"))
    header = view.header()
    assert header.sectionResizeMode(Column.TODO) == QHeaderView.ResizeMode.Stretch
    assert "4 échéances en retard" in scheduler.counts.text()
    assert "7 plus tard" in scheduler.counts.text()
    soon = model.group_index("soon")
    # The weekly interview of DURAND says the appointment that will close it.
    texts = [model.index(row, Column.TODO, soon).data() for row in range(model.rowCount(soon))]
    assert any("rendez-vous prévu le 12/05/2026 à 09:30" in text for text in texts)


def test_the_notice_follows_the_deadlines_closed_since(scheduler: SchedulerWidget) -> None:
    """A deadline closed from its line left the notice saying one overdue too many."""
    assert "4 échéances en retard pour le bureau." in scheduler.notice_text.text()
    overview = scheduler.overview
    assert overview is not None
    first_late = next(i for i in overview.items if i.status == "overdue")
    kept = tuple(i for i in overview.items if i is not first_late)
    scheduler.show_overview(replace(overview, items=kept))
    assert "3 échéances en retard pour le bureau." in scheduler.notice_text.text()
    assert "3 échéances en retard" in scheduler.counts.text()


def test_referent_filter_is_remembered_and_the_notice_follows(
    qtbot: QtBot, scheduler: SchedulerWidget, desk: Desk
) -> None:
    assert scheduler.notice.isVisible()
    assert "4 échéances en retard pour le bureau." in scheduler.notice_text.text()
    combo = scheduler.referent_filter
    combo.setCurrentIndex(combo.findText("Karim Haddad"))
    assert _titles(scheduler)[1] == "En retard (1)"
    assert "1 échéance en retard pour Karim Haddad." in scheduler.notice_text.text()
    assert scheduler.view.isColumnHidden(Column.REFERENT)
    again = SchedulerWidget(desk)
    qtbot.addWidget(again)
    assert again.referent_filter.currentText() == "Karim Haddad"
    qtbot.mouseClick(scheduler.notice_close, Qt.MouseButton.LeftButton)
    assert not scheduler.notice.isVisible()


def test_the_referent_remembered_is_a_person_not_a_number_of_another_database(
    qtbot: QtBot, scheduler: SchedulerWidget, other_office: Callable[[list[str]], Desk]
) -> None:
    combo = scheduler.referent_filter
    combo.setCurrentIndex(combo.findText("Karim Haddad"))  # id 2 in this database
    # The demo database beside it: id 2 is somebody else, and Karim is not there.
    demo = SchedulerWidget(other_office(["Zoé Durand", "Yves Petit"]))
    qtbot.addWidget(demo)
    assert demo.referent_filter.currentText() == "Tous les référents"
    # Where Karim has another id, he is still the one chosen.
    again = SchedulerWidget(other_office(["Karim Haddad", "Yves Petit"]))
    qtbot.addWidget(again)
    assert again.referent_filter.currentText() == "Karim Haddad"


def test_the_line_button_marks_the_report_sent(
    qtbot: QtBot,
    scheduler: SchedulerWidget,
    desk: Desk,
    office: Office,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def send(dialog: SentDateDialog) -> int:
        assert dialog.date_field.value() == TODAY
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(SentDateDialog, "exec", send)
    assert scheduler.select(office.durand, "intermediate_report")
    index = scheduler.view.currentIndex()
    button = index.siblingAtColumn(Column.ACTION)
    assert button.data() == "Marquer envoyé…"
    rect = scheduler.view.visualRect(button)
    qtbot.mouseClick(scheduler.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with desk.session_factory() as session:
        case = session.get(Case, office.durand)
        assert case is not None and case.intermediate_sent_date == TODAY
    menu = scheduler.context_menu(scheduler.current_item())  # type: ignore[arg-type]
    entries = {a.text(): a for a in menu.actions() if a.text()}
    printing = entries["Imprimer le bilan intermédiaire…"]
    # Printing is part of the program: the entry opens the document's print dialog.
    assert printing.isEnabled() and "Aperçu et impression" in printing.toolTip()
    assert "Ouvrir le dossier" in entries


def test_a_broken_14_day_limit_offers_to_record_the_interruption_first(
    qtbot: QtBot, desk: Desk, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Signed on 04/02, never seen since: the 14-day limit (18/02) passed long ago.
    broken = signed_case(
        desk, "LC-2026-000104", office.claire, "Morel", "Jean", "1000004D", date(2026, 2, 2)
    )
    bring_up_to_date(desk.session_factory, TODAY)
    widget = SchedulerWidget(desk)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_overview(read_deadline_overview(desk.session_factory, TODAY))
    assert widget.select(broken, "next_interview")
    item = widget.current_item()
    assert item is not None and item.status == "overdue"
    button = widget.view.currentIndex().siblingAtColumn(Column.ACTION)
    assert button.data() == "Enregistrer l'interruption…"
    menu = widget.context_menu(item)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:2] == ["Enregistrer l'interruption…", "Saisir l'entretien…"]
    seen: dict[str, object] = {}

    def look(dialog: ExitDialog) -> int:
        seen["reason"] = dialog.reason.value()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ExitDialog, "exec", look)
    widget.run(item, 0)
    assert seen["reason"] is ExitReason.RULE_14_DAYS
    # A limit still ahead keeps recording the interview as the line's button.
    assert [a.text for a in actions_for("next_interview", "soon")] == ["Saisir l'entretien…"]


def test_double_click_opens_the_case_at_the_section_of_the_deadline(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "information", lambda *args: pytest.fail(str(args)))
    window: MainWindow = make_window()
    window.desk.clock = lambda: TODAY
    office = build_office(window.desk)
    with qtbot.waitSignal(window.scheduler.updated, timeout=10_000):
        window.scheduler.run_now()
    dashboard = window.pages[0]
    scheduler = dashboard.scheduler  # type: ignore[attr-defined]
    if scheduler.overview.today != TODAY:
        with qtbot.waitSignal(window.scheduler.updated, timeout=10_000):
            window.scheduler.run_now()
    assert scheduler.select(office.leroy, "weekly_interview")
    rect = scheduler.view.visualRect(scheduler.view.currentIndex().siblingAtColumn(Column.TODO))
    qtbot.mouseClick(scheduler.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.case_opened) as opened:
        qtbot.mouseDClick(scheduler.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [office.leroy]
    from movdesk.ui.casefile import open_windows

    (case_window,) = [w for w in open_windows() if w.case_id == office.leroy]
    assert type(case_window.tabs.currentWidget()).__name__ == "InterviewsSection"
    case_window.close()
