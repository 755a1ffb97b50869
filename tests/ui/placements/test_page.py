"""The placements page, used as a referent uses it: read, filter, act from a row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import ContractType, InterviewKind
from movdesk.rules.indicators import monthly_indicators
from movdesk.rules.placements import PlacementKind, PlacementState
from movdesk.services.context import Desk
from movdesk.services.exports import indicator_cases
from movdesk.services.placements import PlacementQuery, placement_totals
from movdesk.services.schedule import open_deadlines
from movdesk.ui.casefile import open_windows
from movdesk.ui.dialogs import ExitDialog, InterviewDialog, RetentionDialog
from movdesk.ui.placements import CallListDialog, Column, MissingPeriodDialog
from movdesk.ui.placements.page import totals_text

from .conftest import CDI, TODAY, Modal, placed

pytestmark = pytest.mark.gui


def _column(page, column: Column) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _select(page, case_id: int) -> None:
    for row in range(page.model.rowCount()):
        if page.model.placement(row).case_id == case_id:
            page.table.selectRow(row)
            return
    raise AssertionError(f"case {case_id} not listed")


def _click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_placement_shows_its_verdict_follow_up_and_retention(
    make_page, desk: Desk, referent_id: int
) -> None:
    placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    placed(
        desk,
        referent_id,
        "LC-2",
        "2222222B",
        date(2026, 2, 24),
        employment_contract=ContractType.CDD,
        employment_end=date(2026, 4, 23),
        employment_full_time=True,
    )
    page = make_page()
    rows = {page.model.placement(r).order_number: r for r in range(page.model.rowCount())}
    cdi, cdd = rows["LC-1"], rows["LC-2"]
    text = page.model.index
    assert text(cdi, Column.VERDICT).data() == "Positive"
    assert text(cdi, Column.REASON).data() == "CDI à temps plein : sortie positive"
    assert text(cdi, Column.FOLLOW_UP).data() == "0 fait · 1er au plus tard le 03/03/2026"
    assert text(cdi, Column.RETENTION).data() == "à constater le 25/05/2026"
    assert text(cdi, Column.STATE).data() == "En suivi"
    assert text(cdd, Column.VERDICT).data() == "Non positive"
    assert "moins de 3 mois" in text(cdd, Column.REASON).data()
    assert text(cdd, Column.FOLLOW_UP).data() == "—"
    assert page.totals_label.text() == (
        "2 placements · 1 sortie positive sur 2 sorties (50,0 %) · maintien à 3 mois : 0 sur 0 (—)"
    )


def test_a_follow_up_recorded_from_a_row_closes_its_deadline(
    qtbot: QtBot, make_page, modal: Modal, desk: Desk, referent_id: int, session_factory
) -> None:
    case = placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    assert any(d.kind == "follow_up_interview" for d in open_deadlines(session_factory, TODAY))
    page = make_page()
    _select(page, case)

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, InterviewDialog)
        assert dialog.kind.value() is InterviewKind.FOLLOW_UP
        dialog.notes.setPlainText("En poste depuis une semaine, tout se passe bien.")
        dialog.accept()

    modal(record)
    _click(qtbot, page.follow_up_button)
    assert not [
        d
        for d in open_deadlines(session_factory, TODAY)
        if d.case_id == case and d.kind == "follow_up_interview"
    ]
    qtbot.waitUntil(lambda: _column(page, Column.FOLLOW_UP)[0].startswith("1 fait"))
    assert page.selected_placement() is not None  # the row stays selected


def test_retention_recorded_from_a_row_shows_in_the_monthly_indicators(
    qtbot: QtBot, make_page, modal: Modal, desk: Desk, referent_id: int
) -> None:
    case = placed(desk, referent_id, "LC-1", "1111111A", date(2025, 11, 20), **CDI)

    def cumul() -> int:
        rows = monthly_indicators(desk.read(indicator_cases), "2026-03")
        return rows[-1].maintien_emploi

    assert cumul() == 0
    page = make_page()
    _select(page, case)
    assert page.model.index(0, Column.RETENTION).data() == "à constater (dû le 20/02/2026)"

    def record(dialog: QWidget) -> None:
        assert isinstance(dialog, RetentionDialog)
        dialog.retained.setCurrentIndex(dialog.retained.findData(True))
        dialog.accept()

    modal(record)
    _click(qtbot, page.retention_button)
    assert cumul() == 1
    qtbot.waitUntil(lambda: _column(page, Column.RETENTION) == ["Oui"])
    assert _column(page, Column.STATE) == [PlacementState.RETAINED.label]


def test_the_case_opens_at_its_exit_and_a_two_month_cdd_reads_non_positive(
    qtbot: QtBot, make_page, modal: Modal, desk: Desk, referent_id: int
) -> None:
    case = placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    page = make_page()
    _select(page, case)
    _click(qtbot, page.open_button)
    (window,) = [w for w in open_windows() if w.case_id == case]
    qtbot.addWidget(window)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Sortie et suivi"

    seen: list[str] = []

    def type_a_cdd(dialog: QWidget) -> None:
        assert isinstance(dialog, ExitDialog)
        dialog.inputs["employment_contract"].set_value(ContractType.CDD)
        dialog.inputs["employment_start"].set_value(date(2026, 2, 25))
        dialog.inputs["employment_end"].set_value(date(2026, 4, 24))
        dialog.inputs["employment_full_time"].set_value(True)
        seen.append(dialog.verdict.text())
        dialog.close()  # nothing saved (a program close asks nothing)

    modal(type_a_cdd)
    exit_button = window.findChild(QPushButton, "exitButton")
    _click(qtbot, exit_button)
    assert seen == [
        "CDD de 2 mois (jusqu'au 24/04/2026) : moins de 3 mois (fin au plus tôt le "
        "25/05/2026), sortie non positive"
    ]
    assert page.model.index(0, Column.VERDICT).data() == "Positive"


def test_filters_and_totals_agree_with_the_service_on_demo_data(
    qtbot: QtBot, make_page, session_factory: sessionmaker[Session], desk: Desk
) -> None:
    fill_demo(session_factory, cases=120, seed=2026, today=TODAY)
    page = make_page()
    filters = page.filters
    filters.kind.setCurrentIndex(filters.kind.findText("Emploi"))
    assert set(_column(page, Column.KIND)) == {PlacementKind.EMPLOYMENT.label}
    query = PlacementQuery(kinds=frozenset({PlacementKind.EMPLOYMENT}))
    with session_factory() as session:
        totals = placement_totals(session, query, TODAY)
    assert page.model.totals == totals
    assert page.totals_label.text() == totals_text(totals)

    filters.state.setCurrentIndex(filters.state.findData(PlacementState.FOLLOW_UP.value))
    assert set(_column(page, Column.STATE)) <= {PlacementState.FOLLOW_UP.label}
    filters.kind.setCurrentIndex(0)
    filters.state.setCurrentIndex(0)
    filters.period.setCurrentIndex(filters.period.findText("Février 2026"))
    starts = _column(page, Column.START)
    assert starts and all(s.endswith("/02/2026") for s in starts)
    filters.period.setCurrentIndex(filters.period.findText("Période choisie…"))
    assert filters.start_from.isVisible()
    filters.start_from.set_value(date(2026, 1, 1))
    filters.start_to.set_value(date(2026, 1, 10))
    starts = _column(page, Column.START)
    assert starts and all(date(2026, 1, 1) <= _day(s) <= date(2026, 1, 10) for s in starts)

    page.table.sortByColumn(Column.BENEFICIARY, Qt.SortOrder.AscendingOrder)
    names = _column(page, Column.BENEFICIARY)
    assert names == sorted(names, key=str.casefold)


def _day(text: str) -> date:
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def test_phase_2_without_a_period_is_flagged_and_listed(
    qtbot: QtBot, make_page, modal: Modal, desk: Desk, referent_id: int
) -> None:
    placed(desk, referent_id, "LC-7", "7777777A", None, phase2=date(2026, 1, 12))
    page = make_page()
    assert page.banner.isVisible()
    assert page.banner.text().startswith("⚠ 1 dossier en phase 2 sans période en entreprise")

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, MissingPeriodDialog)
        assert dialog.model.rowCount() == 1
        assert dialog.model.index(0, 0).data() == "LC-7"
        assert dialog.model.index(0, 4).data() == "06/02/2026"  # S + 4 months
        dialog.reject()

    modal(look)
    _click(qtbot, page.banner_button)


def test_the_call_list_shows_the_week_and_prints(
    qtbot: QtBot,
    make_page,
    desk: Desk,
    referent_id: int,
    tmp_path: Path,
) -> None:
    placed(desk, referent_id, "LC-1", "1111111A", date(2026, 2, 25), **CDI)
    dialog = CallListDialog(desk)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    assert dialog.model.rowCount() == 1
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[:4] == ["Claire Martin", "03/03/2026 · cette semaine", "NOM1 Léa", "06 39 98 12 34"]
    assert dialog.summary.text() == "Semaine du 02/03/2026 au 08/03/2026 : 1 appel à passer"
    with qtbot.waitSignal(dialog.previewed, timeout=20_000) as shown:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    preview = shown.args[0]
    qtbot.addWidget(preview)
    assert preview.page_count() == 1
    target = tmp_path / "suivis.pdf"
    assert preview.save_as(str(target))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Suivis à faire cette semaine" in text and "NOM1 Léa" in text
    assert preview.document.file_name == "suivis-semaine-2026-03-02.pdf"


def test_the_page_is_in_the_main_window_and_opens_from_the_navigation(
    qtbot: QtBot, make_window
) -> None:
    window = make_window()
    window.show_page(3)
    page = window.current_page()
    assert page.TITLE == "Placements"
    assert page.findChild(QLabel, "placementTotals").text().startswith("0 placement")
    assert QApplication.activeModalWidget() is None


def test_the_model_passes_the_model_tester(
    qtmodeltester, make_page, session_factory: sessionmaker[Session]
) -> None:
    fill_demo(session_factory, cases=60, seed=3, today=TODAY)
    page = make_page()
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)
