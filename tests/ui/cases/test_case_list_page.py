"""The « Bénéficiaires » page driven as a referent would: typing, filters, sorting, Enter."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.config import DatabaseLocation
from movdesk.demo import fill_demo
from movdesk.models import Case, CaseStatus, CaseSummary, Civility, ContractingResult
from movdesk.services.context import Desk
from movdesk.services.milestones import record_contracting
from movdesk.services.orders import BeneficiaryInput, register_order
from movdesk.services.summary import keep_fresh, refresh_stale
from movdesk.ui.cases import CASE_ID_ROLE, DEADLINE_STATUS_ROLE, CaseListModel, CaseListPage, Column
from movdesk.ui.cases.page import HEADER_KEY
from movdesk.ui.main_window import window_settings
from movdesk.ui.pages import PageContext

TODAY = date(2026, 3, 2)

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    fill_demo(session_factory, cases=80, seed=2026, today=TODAY)
    desk = Desk(session_factory, user="claire", clock=lambda: TODAY)
    register_order(
        desk,
        order_number="ZZ-2026-4777",
        referent_id=1,
        start_date=date(2026, 2, 23),
        beneficiary=BeneficiaryInput(
            last_name="Lefèvre", first_name="Hélène", pe_id="7654321B", civility=Civility.MME
        ),
    )
    refresh_stale(session_factory, TODAY)
    keep_fresh(desk)  # as the main window does
    return desk


def _column(page: CaseListPage, column: Column) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _case_id(session_factory: sessionmaker[Session], number: str) -> int:
    with session_factory() as session:
        return session.scalars(select(Case.id).where(Case.order_number == number)).one()


def test_the_model_passes_the_model_tester(qtmodeltester: ModelTester, desk: Desk) -> None:
    model = CaseListModel(desk)
    model.reload()
    assert model.rowCount() == 81
    qtmodeltester.check(model)


def test_all_cases_listed_soonest_deadline_first_with_the_count(page: CaseListPage) -> None:
    assert page.model.rowCount() == 81
    assert page.count_label.text() == "81 dossiers"
    dues = [page.model.case_row(r).next_due for r in range(page.model.rowCount())]
    filled = [d for d in dues if d is not None]
    assert filled == sorted(filled)
    assert page.table.horizontalHeader().sortIndicatorSection() == Column.NEXT_DUE


def test_typing_narrows_the_list_to_the_name_accents_or_not(
    qtbot: QtBot, page: CaseListPage
) -> None:
    qtbot.keyClicks(page.search, "hel")
    qtbot.waitUntil(lambda: page.model.rowCount() < 81)
    assert "LEFÈVRE Hélène" in _column(page, Column.BENEFICIARY)
    assert all(
        any(part.casefold().startswith(("hel", "hél")) for part in name.split())
        or "hel" in number.casefold()
        for name, number in zip(
            _column(page, Column.BENEFICIARY), _column(page, Column.ORDER_NUMBER), strict=True
        )
    )
    assert page.count_label.text().endswith("sur 81")
    page.search.clear()
    qtbot.keyClicks(page.search, "7654321")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _column(page, Column.ORDER_NUMBER) == ["ZZ-2026-4777"]
    assert page.count_label.text() == "1 dossier sur 81"


def test_filters_keep_only_matching_rows(qtbot: QtBot, page: CaseListPage) -> None:
    page.status_filter.setCurrentIndex(page.status_filter.findData(CaseStatus.ACTIVE.value))
    statuses = set(_column(page, Column.STATUS))
    assert statuses == {CaseStatus.ACTIVE.label}
    page.phase_filter.setCurrentIndex(page.phase_filter.findData(2))
    # « Phase 2 · sans période » flags a case without its company period.
    assert {text.split(" · ")[0] for text in _column(page, Column.PHASE)} <= {"Phase 2"}
    page.status_filter.setCurrentIndex(0)
    page.phase_filter.setCurrentIndex(0)
    name = page.referent_filter.itemText(1)
    page.referent_filter.setCurrentIndex(1)
    assert page.model.rowCount() and set(_column(page, Column.REFERENT)) == {name}
    page.referent_filter.setCurrentIndex(0)
    qtbot.mouseClick(page.late_filter, Qt.MouseButton.LeftButton)
    assert page.late_filter.isChecked()
    late = page.model.rowCount()
    assert 0 < late < 81
    assert all(page.model.case_row(r).late for r in range(late))


def test_clicking_a_header_sorts_and_again_reverses(qtbot: QtBot, page: CaseListPage) -> None:
    header = page.table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(Column.ORDER_NUMBER) + 10, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    numbers = _column(page, Column.ORDER_NUMBER)
    assert numbers == sorted(numbers)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert _column(page, Column.ORDER_NUMBER) == sorted(numbers, reverse=True)


def test_enter_on_several_matches_and_down_go_into_the_list(
    qtbot: QtBot, page: CaseListPage
) -> None:
    page.focus_search()
    qtbot.keyClicks(page.search, "lc-2")  # every demo case: Enter goes into the list
    opened: list[int] = []
    page.open_case_requested.connect(opened.append)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == []
    assert page.table.hasFocus() and page.selected_case_id() == page.model.case_id(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_case_id() == page.model.case_id(1)
    # Down from the search goes into the list as well, at once (no pause to wait for).
    page.focus_search()
    page.search.clear()
    qtbot.keyClicks(page.search, "lefev")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.model.rowCount() == 1 and page.table.currentIndex().row() == 0


def test_enter_and_double_click_ask_for_the_case_file(
    qtbot: QtBot, page: CaseListPage, session_factory: sessionmaker[Session]
) -> None:
    wanted = _case_id(session_factory, "ZZ-2026-4777")
    page.focus_search()
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "lefev")  # stored « Lefèvre »
    # Enter in the search field searches at once; the one case found opens …
    with qtbot.waitSignal(page.open_case_requested) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [wanted]
    assert page.model.rowCount() == 1
    assert page.selected_case_id() == wanted
    # … and Enter on the list opens it too.
    with qtbot.waitSignal(page.open_case_requested) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [wanted]
    rect = page.table.visualRect(page.model.index(0, Column.BENEFICIARY))
    # A double click is a click then a second, quick one on the same row.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_case_requested) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [wanted]


def test_a_change_through_the_desk_refreshes_the_row_and_keeps_the_selection(
    qtbot: QtBot, page: CaseListPage, desk: Desk, session_factory: sessionmaker[Session]
) -> None:
    wanted = _case_id(session_factory, "ZZ-2026-4777")
    assert page.select_case(wanted)
    row = page.model.row_of(wanted)
    assert row is not None
    assert page.model.index(row, Column.PHASE).data() == "—"
    record_contracting(desk, wanted, on=date(2026, 2, 25), result=ContractingResult.SIGNED)
    qtbot.waitUntil(lambda: page.model.case_row(page.model.row_of(wanted)).phase == 1)
    assert page.selected_case_id() == wanted
    row = page.model.row_of(wanted)
    assert page.model.index(row, Column.PHASE).data() == "Phase 1"
    assert page.model.index(row, Column.STATUS).data() == CaseStatus.ACTIVE.label
    with session_factory() as session:  # the summary followed the change
        summary = session.get(CaseSummary, wanted)
        assert summary is not None and summary.next_kind == "contract_to_pe"


def test_next_deadline_cell_says_its_urgency_in_words_and_colour(page: CaseListPage) -> None:
    model = page.model
    for r in range(model.rowCount()):
        index = model.index(r, Column.NEXT_DUE)
        status = index.data(DEADLINE_STATUS_ROLE)
        text = index.data()
        if status == "overdue":
            assert text.endswith("en retard")
            assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
        elif status == "later":
            assert "·" not in text
            assert index.data(Qt.ItemDataRole.BackgroundRole) is None
        assert index.data(CASE_ID_ROLE) == model.case_id(r)


def test_column_layout_is_kept_for_the_next_start(
    qtbot: QtBot,
    page: CaseListPage,
    desk: Desk,
    session_factory: sessionmaker[Session],
    db_location: DatabaseLocation,
) -> None:
    header = page.table.horizontalHeader()
    header.resizeSection(Column.REFERENT, 222)
    header.moveSection(Column.ALERTS, 0)
    header.setSortIndicator(Column.BENEFICIARY, Qt.SortOrder.DescendingOrder)
    page.save_layout()
    assert window_settings().value(HEADER_KEY) is not None
    again = CaseListPage(PageContext(session_factory, db_location, True, desk))
    qtbot.addWidget(again)
    restored = again.table.horizontalHeader()
    assert restored.sectionSize(Column.REFERENT) == 222
    assert restored.visualIndex(Column.ALERTS) == 0
    assert restored.sortIndicatorSection() == Column.BENEFICIARY
    names = _column(again, Column.BENEFICIARY)
    assert names[0] >= names[-1]
    QApplication.processEvents()
