"""The Agenda page on known cases: week and month content, holidays shaded, click to
plan, drag with the rules' warning and Ctrl+Z, keyboard, opening the case, printing."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Interview, InterviewStatus
from movdesk.services.context import Desk
from movdesk.services.schedule import bring_up_to_date
from movdesk.ui.agenda import AgendaPage
from movdesk.ui.agenda.canvas import MONTH
from movdesk.ui.agenda.plan_dialog import PlanAppointmentDialog
from movdesk.ui.dialogs import InterviewDialog
from movdesk.ui.main_window import MainWindow
from movdesk.ui.pages.base import PageContext
from tests.agenda_office import (
    ASCENSION,
    MONDAY,
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
def page(qtbot: QtBot, desk: Desk, office: Office, db_location) -> AgendaPage:  # type: ignore[no-untyped-def]
    bring_up_to_date(desk.session_factory, TODAY)
    shown = AgendaPage(PageContext(desk.session_factory, db_location, False, desk))
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    with qtbot.waitExposed(shown):
        shown.show()
    shown.set_referents([office.claire])
    return shown


def _interview(factory: sessionmaker[Session], interview_id: int) -> Interview:
    with factory() as session:
        row = session.get(Interview, interview_id)
        assert row is not None
        return row


def _mouse(widget, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:  # type: ignore[no-untyped-def]
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _drag(canvas, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    left = Qt.MouseButton.LeftButton
    _mouse(canvas, QEvent.Type.MouseButtonPress, start, left)
    middle = QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2)
    _mouse(canvas, QEvent.Type.MouseMove, middle, left)
    _mouse(canvas, QEvent.Type.MouseMove, end, left)
    _mouse(canvas, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_week_shows_each_appointment_on_its_day_and_slot(page: AgendaPage, office: Office) -> None:
    canvas = page.canvas
    assert page.period.text() == "Semaine du 11 au 16 mai 2026 (semaine 20)"
    week = canvas.week
    assert week is not None
    placed = week.block_with(office.durand_planned)
    assert placed is not None
    assert week.lanes[placed.lane].day == TODAY and placed.top == 9 * 60 + 30
    assert week.block_with(office.leroy_planned) is None  # Karim's agenda is not shown
    group = week.block_with(office.group[0])
    assert group is not None and len(group.block.members) == 2
    assert week.lanes[group.lane].day == date(2026, 5, 15)
    # Ascension is named and shaded: the middle of its grid is grey, Wednesday's is white.
    assert week.days[3].holiday == "Ascension"
    image = canvas.grab().toImage()
    geom = canvas.week_geometry()
    y = int(geom.y_of(11 * 60 + 10))
    thursday = image.pixelColor(int(geom.lane_x(3) + 5), y)
    wednesday = image.pixelColor(int(geom.lane_x(2) + geom.lane_w / 2), y)
    assert wednesday == QColor("#ffffff")
    assert thursday.lightness() < 240
    assert "rendez-vous" in page.summary.text()


def test_several_referents_side_by_side(page: AgendaPage, office: Office) -> None:
    page.set_referents([office.claire, office.karim])
    week = page.canvas.week
    assert week is not None and week.referent_ids == (office.claire, office.karim)
    durand = week.block_with(office.durand_planned)
    leroy = week.block_with(office.leroy_planned)
    assert durand is not None and leroy is not None
    assert week.lanes[durand.lane].day == week.lanes[leroy.lane].day == TODAY
    assert leroy.lane == durand.lane + 1
    assert "Claire Martin et Karim Haddad" in page.referent_button.text()


def test_month_lists_the_days_and_the_holidays(page: AgendaPage, office: Office) -> None:
    page.set_mode(MONTH)
    month = page.canvas.month
    assert month is not None and page.period.text() == "Mai 2026"
    friday = month.cells[month.cell_of(date(2026, 5, 15))]  # type: ignore[index]
    assert [len(b.members) for b in friday.blocks] == [2]
    ascension = month.cells[month.cell_of(ASCENSION)]  # type: ignore[index]
    assert ascension.info.holiday == "Ascension" and ascension.info.off
    tuesday = month.cells[month.cell_of(TODAY)]  # type: ignore[index]
    assert [b.key for b in tuesday.blocks] == [office.durand_planned]
    # Double-clicking a day shows it.
    point = page.canvas.month_geometry().cell_rect(month.cell_of(TODAY) or 0)  # type: ignore[arg-type]
    center = QPoint(int(point.x + point.w - 8), int(point.y + point.h - 8))
    QApplication.sendEvent(
        page.canvas,
        QMouseEvent(
            QEvent.Type.MouseButtonDblClick,
            QPointF(center),
            QPointF(center),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        ),
    )
    assert page.mode == "day" and page.anchor == TODAY


def test_click_on_a_free_slot_plans_on_that_day_time_and_referent(
    qtbot: QtBot, page: AgendaPage, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def pick(dialog: PlanAppointmentDialog) -> int:
        seen["heading"] = dialog.findChild(type(dialog.count), "planWhen").text()  # type: ignore[union-attr]
        qtbot.keyClicks(dialog.search, "pet")
        dialog.refresh()
        seen["found"] = [dialog.results.item(i).text() for i in range(dialog.results.count())]
        dialog.accept()
        return int(dialog.result())

    def save(dialog: InterviewDialog) -> int:
        seen["slot"] = (dialog.date_field.value(), dialog.time_field.value())
        seen["status"] = dialog.status.value()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(PlanAppointmentDialog, "exec", pick)
    monkeypatch.setattr(InterviewDialog, "exec", save)
    wednesday = MONDAY + timedelta(days=2)
    point = page.canvas.slot_point(wednesday, 10 * 60 + 30, office.claire)
    assert point is not None
    qtbot.mouseClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert "Mercredi 13 mai 2026 à 10:30 — Claire Martin" in str(seen["heading"])
    assert len(seen["found"]) == 1 and str(seen["found"][0]).startswith("PETIT Lucas")  # type: ignore[arg-type,index]
    assert seen["slot"] == (wednesday, time(10, 30))
    assert seen["status"] == InterviewStatus.PLANNED
    qtbot.waitUntil(
        lambda: any(
            b.first.day == wednesday and b.first.start == time(10, 30)
            for b in (p.block for p in page.canvas.week.placed)  # type: ignore[union-attr]
        )
    )


def test_double_click_opens_the_interview_and_enter_opens_the_case(
    qtbot: QtBot, page: AgendaPage, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int | None] = []
    monkeypatch.setattr(
        InterviewDialog, "exec", lambda dialog: opened.append(dialog.interview_id) or 0
    )
    point = page.canvas.block_point(office.durand_planned)
    assert point is not None
    qtbot.mouseDClick(page.canvas, Qt.MouseButton.LeftButton, pos=point)
    assert opened == [office.durand_planned]
    assert page.selected_case_id() == office.durand
    with qtbot.waitSignal(page.open_case_requested) as asked:
        qtbot.keyClick(page.canvas, Qt.Key.Key_Return)
    assert asked.args == [office.durand]


def test_keyboard_moves_the_cursor_and_the_period(
    qtbot: QtBot, page: AgendaPage, office: Office
) -> None:
    canvas = page.canvas
    canvas.setFocus()
    canvas.cursor = (1, 8 * 60 + 30)  # Tuesday 8:30
    qtbot.keyClick(canvas, Qt.Key.Key_Down)  # 9:00: nothing
    assert canvas.selected is None
    qtbot.keyClick(canvas, Qt.Key.Key_Down)  # 9:30: DURAND's appointment
    assert canvas.selected is not None and canvas.selected.key == office.durand_planned
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert page.anchor == TODAY + timedelta(days=7)
    assert page.period.text().startswith("Semaine du 18 au 23 mai 2026")
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    qtbot.keyClick(canvas, Qt.Key.Key_PageUp)
    assert page.anchor == TODAY - timedelta(days=7)
    qtbot.keyClick(canvas, Qt.Key.Key_T)
    assert page.anchor == TODAY


def _answer_moves(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """Click « Déplacer » (or « Ne pas déplacer ») in the confirmation, keeping its text."""
    shown: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        wanted = answers.pop(0)
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    return shown


def test_drag_warns_about_the_holiday_then_ctrl_z_takes_it_back(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window: MainWindow = make_window()
    window.desk.clock = lambda: TODAY
    office = build_office(window.desk)
    agenda = window.pages[2]
    assert isinstance(agenda, AgendaPage)
    window.show_page(2)
    agenda.set_referents([office.karim])
    agenda.go_to(TODAY)
    canvas = agenda.canvas
    start = canvas.block_point(office.leroy_planned)
    top = canvas.slot_point(TODAY, 9 * 60 + 30, office.karim)
    end = canvas.slot_point(ASCENSION, 10 * 60, office.karim)
    assert start is not None and top is not None and end is not None
    shown = _answer_moves(monkeypatch, ["Déplacer"])
    # Taken where the box was grabbed, dropped as far below 10:00 on Thursday.
    _drag(canvas, start, QPoint(end.x(), end.y() + start.y() - top.y()))
    (text,) = shown
    assert "Déplacer le rendez-vous de LEROY Anne du mar. 12/05 09:30 au jeu. 14/05 10:00 ?" in text
    assert "Jour non travaillé (jour férié)" in text
    moved = _interview(window.session_factory, office.leroy_planned)
    assert (moved.date, moved.time) == (ASCENSION, time(10, 0))
    assert "Ctrl+Z" in window.statusBar().currentMessage()

    def shown_on_thursday() -> bool:
        placed = canvas.week.block_with(office.leroy_planned) if canvas.week else None
        return placed is not None and canvas.week.lanes[placed.lane].day == ASCENSION  # type: ignore[union-attr]

    qtbot.waitUntil(shown_on_thursday)

    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = _interview(window.session_factory, office.leroy_planned)
    assert (back.date, back.time) == (TODAY, time(9, 30))
    assert window.statusBar().currentMessage() == "Annulé : Déplacer un rendez-vous."


def test_drag_refused_by_the_user_changes_nothing(
    page: AgendaPage, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _answer_moves(monkeypatch, ["Ne pas déplacer"])
    canvas = page.canvas
    start = canvas.block_point(office.durand_planned)
    target = canvas.slot_point(MONDAY + timedelta(days=2), 9 * 60 + 30, office.claire)
    assert start is not None and target is not None
    _drag(canvas, start, QPoint(target.x(), start.y()))
    assert len(shown) == 1
    row = _interview(page.desk.session_factory, office.durand_planned)
    assert (row.date, row.time) == (TODAY, time(9, 30))


def test_printed_week_names_the_referent_the_days_and_the_states(
    page: AgendaPage,
    office: Office,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from pypdf import PdfReader

    from movdesk.ui.agenda.printing import week_pdf

    data = week_pdf(page.desk, [office.claire, office.karim], TODAY)
    target = tmp_path / "semaine.pdf"
    target.write_bytes(data)
    reader = PdfReader(str(target))
    assert len(reader.pages) == 2
    # Qt writes each word apart: compare the words, whatever spaces the reader puts.
    first = " ".join(reader.pages[0].extract_text().split())
    assert "Agenda de Claire Martin" in first and "semaine du lundi 11 mai 2026" in first
    assert "DURAND Sophie" in first and "Férié : Ascension" in first and "Prévu" in first
    second = " ".join(reader.pages[1].extract_text().split())
    assert "Agenda de Karim Haddad" in second and "LEROY Anne" in second
    # The page's own command writes the same file where the user says.
    monkeypatch.setattr(
        "movdesk.ui.agenda.page.QFileDialog.getSaveFileName",
        lambda *_args: (str(tmp_path / "page.pdf"), ""),
    )
    page.save_week_pdf()
    assert (tmp_path / "page.pdf").read_bytes()[:5] == b"%PDF-"


def test_export_from_the_page_writes_the_ics(
    page: AgendaPage,
    office: Office,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from movdesk.ui.agenda.export_dialog import AgendaExportDialog

    def choose(dialog: AgendaExportDialog) -> int:
        dialog.first.set_value(MONDAY)
        dialog.last.set_value(MONDAY + timedelta(days=5))
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    told: list[str] = []
    monkeypatch.setattr(AgendaExportDialog, "exec", choose)
    monkeypatch.setattr(
        "movdesk.ui.agenda.page.QFileDialog.getSaveFileName",
        lambda *_args: (str(tmp_path / "agenda.ics"), ""),
    )
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    page.export_ics()
    assert (tmp_path / "agenda.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert told and told[0].startswith("3 rendez-vous du 11/05/2026 au 16/05/2026")


def test_in_the_window_the_export_is_written_by_a_worker(
    qtbot: QtBot,
    make_window: WindowFactory,
    office: Office,
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from movdesk.ui.agenda.export_dialog import AgendaExportDialog

    def choose(dialog: AgendaExportDialog) -> int:
        dialog.first.set_value(MONDAY)
        dialog.last.set_value(MONDAY + timedelta(days=5))
        dialog.accept()
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(AgendaExportDialog, "exec", choose)
    monkeypatch.setattr(
        "movdesk.ui.agenda.page.QFileDialog.getSaveFileName",
        lambda *_args: (str(tmp_path / "agenda.ics"), ""),
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *_args: QMessageBox.StandardButton.Ok)
    window = make_window()
    index = window.page_index("export_ics")
    assert index is not None
    window.show_page(index)
    agenda = window.pages[index]
    assert isinstance(agenda, AgendaPage)
    # Off the UI thread, like Fichier's long commands: the window says when it is done.
    with qtbot.waitSignal(window.work_finished, timeout=10_000) as finished:
        agenda.export_ics()
    assert finished.args[0].startswith("3 rendez-vous du 11/05/2026 au 16/05/2026")
    assert (tmp_path / "agenda.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_drop_in_another_referents_lane_is_refused_with_a_reason(
    qtbot: QtBot, page: AgendaPage, office: Office
) -> None:
    page.set_referents([office.claire, office.karim])
    canvas = page.canvas
    start = canvas.block_point(office.durand_planned)
    target = canvas.slot_point(TODAY, 14 * 60, office.karim)
    assert start is not None and target is not None
    with qtbot.waitSignal(canvas.refused) as refused:
        _drag(canvas, start, target)
    assert "reste dans l'agenda du référent de son dossier" in refused.args[0]
    row = _interview(page.desk.session_factory, office.durand_planned)
    assert (row.date, row.time) == (TODAY, time(9, 30))


def test_an_office_without_referents_shows_an_empty_agenda(
    qtbot: QtBot,
    session_factory: sessionmaker[Session],
    db_location,  # type: ignore[no-untyped-def]
) -> None:
    empty = AgendaPage(PageContext(session_factory, db_location, False, Desk(session_factory)))
    qtbot.addWidget(empty)
    empty.show()
    assert empty.referent_button.text() == "Référents : Aucun référent"
    assert not empty.propose_button.isEnabled() and not empty.print_button.isEnabled()
    empty.canvas.setFocus()
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_T):
        qtbot.keyClick(empty.canvas, key)
    empty.set_mode(MONTH)
    assert empty.canvas.month is not None and len(empty.canvas.month.cells) >= 28


def test_a_band_chosen_from_a_more_list_opens_its_case(
    qtbot: QtBot, page: AgendaPage, office: Office
) -> None:
    week = page.canvas.week
    assert week is not None
    (leave,) = [p for p in week.bands if p.band.case_id == office.petit]
    with qtbot.waitSignal(page.open_case_requested) as asked:
        page.open_item(leave)
    assert asked.args == [office.petit]


def test_the_referents_shown_are_remembered_by_name_not_by_number(
    qtbot: QtBot,
    page: AgendaPage,
    office: Office,
    db_location,  # type: ignore[no-untyped-def]
    other_office,  # type: ignore[no-untyped-def]
) -> None:
    page.set_referents([office.karim])  # id 2 here
    # The demo database beside it: id 2 is Zoé Durand there, and Karim is not there; the
    # agenda opens on the first referent by name.
    demo_desk = other_office(["Yves Petit", "Zoé Durand"])
    demo = AgendaPage(PageContext(demo_desk.session_factory, db_location, True, demo_desk))
    qtbot.addWidget(demo)
    assert demo.referent_button.text() == "Référents : Yves Petit"
    # Where Karim has another id, he is still the one shown.
    other_desk = other_office(["Yves Petit", "Karim Haddad"])
    other = AgendaPage(PageContext(other_desk.session_factory, db_location, False, other_desk))
    qtbot.addWidget(other)
    assert other.referent_button.text() == "Référents : Karim Haddad"


def test_the_export_dialog_closes_without_asking_to_abandon_a_saisie(
    qtbot: QtBot, page: AgendaPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from movdesk.ui.agenda.export_dialog import AgendaExportDialog

    asked: list[bool] = []
    monkeypatch.setattr(AgendaExportDialog, "confirm_discard", lambda _d: asked.append(True))
    dialog = AgendaExportDialog(page.desk, page.referents, None, parent=page)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.last.set_value(MONDAY + timedelta(days=90))
    dialog.reject()
    assert asked == [] and dialog.result() == QDialog.DialogCode.Rejected


def test_the_case_picker_shows_its_lines_in_full(
    qtbot: QtBot, page: AgendaPage, desk: Desk, office: Office
) -> None:
    from movdesk.models import InterviewKind
    from movdesk.services import rows
    from movdesk.services.summary import refresh_stale

    case = signed_case(
        desk,
        "LC-2026-000138",
        office.claire,
        "Dos Santos Ferreira",
        "Marine-Adélaïde",
        "1000138A",
        date(2026, 4, 6),
    )
    rows.schedule_interview(
        desk,
        case,
        on=date(2026, 5, 6),
        at=time(10, 0),
        minutes=45,
        kind=InterviewKind.INDIVIDUAL,
        status=InterviewStatus.ATTENDED,
        accept_warnings=True,
    )
    refresh_stale(desk.session_factory, TODAY)
    picker = PlanAppointmentDialog(
        desk, on=TODAY, at=time(10, 0), referent_id=office.claire, referent_name="Claire Martin"
    )
    qtbot.addWidget(picker)
    with qtbot.waitExposed(picker):
        picker.show()
    qtbot.keyClicks(picker.search, "dos")
    picker.refresh()
    (line,) = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert line == (
        "DOS SANTOS FERREIRA Marine-Adélaïde — LC-2026-000138 — En cours "
        "(dernier entretien le 06/05/2026)"
    )
    assert picker.results.sizeHintForColumn(0) <= picker.results.viewport().width()
