"""The « Bénéficiaires » list read a page at a time, on more cases than one page holds."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSlider, QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import CaseStatus
from movdesk.services.case_list import (
    PAGE_SIZE,
    CaseListQuery,
    SortKey,
    case_ids,
    referent_choices,
    rows_for,
)
from movdesk.services.context import Desk
from movdesk.services.orders import add_referent
from movdesk.services.summary import keep_fresh, refresh_stale
from movdesk.ui.cases import CASE_ID_ROLE, CaseListModel, CaseListPage, Column

TODAY = date(2026, 3, 2)
#: Two full pages and a part of a third.
CASES = 2 * PAGE_SIZE + 50

pytestmark = pytest.mark.gui


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    fill_demo(session_factory, cases=CASES, seed=2026, today=TODAY)
    refresh_stale(session_factory, TODAY)
    desk = Desk(session_factory, user="claire", clock=lambda: TODAY)
    keep_fresh(desk)  # as the main window does
    return desk


def _expected(desk: Desk, query: CaseListQuery) -> list[int]:
    """The whole list of ``query`` as the database sorts it, in one read."""
    return desk.read(lambda session: case_ids(session, query, TODAY))


def _listed(model: CaseListModel) -> list[int]:
    return [model.index(r, 0).data(CASE_ID_ROLE) for r in range(model.rowCount())]


def _drag_scroll_bar_to_the_bottom(page: CaseListPage) -> None:
    QApplication.processEvents()  # the view lays out the rows it has, as between two drags
    page.table.verticalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)


def test_scrolling_to_the_bottom_lists_the_next_page_with_its_data(
    page: CaseListPage, desk: Desk
) -> None:
    model = page.model
    expected = _expected(desk, model.query)
    assert len(expected) == CASES
    assert model.rowCount() == PAGE_SIZE
    assert page.count_label.text() == f"{CASES} dossiers"  # every match, not the rows read
    assert model.canFetchMore()

    _drag_scroll_bar_to_the_bottom(page)
    assert model.rowCount() == 2 * PAGE_SIZE
    _drag_scroll_bar_to_the_bottom(page)
    assert model.rowCount() == CASES
    assert not model.canFetchMore()
    _drag_scroll_bar_to_the_bottom(page)
    assert model.rowCount() == CASES

    assert _listed(model) == expected
    rows = desk.read(lambda session: rows_for(session, expected, TODAY))
    numbers = [model.index(r, Column.ORDER_NUMBER).data() for r in range(CASES)]
    assert numbers == [rows[case_id].order_number for case_id in expected]
    names = [model.index(r, Column.BENEFICIARY).data() for r in range(CASES)]
    assert names == [rows[case_id].beneficiary for case_id in expected]
    assert page.count_label.text() == f"{CASES} dossiers"


def test_ctrl_end_reads_page_after_page_of_a_search_sorted_by_a_column(
    qtbot: QtBot, page: CaseListPage, desk: Desk
) -> None:
    header = page.table.horizontalHeader()
    spot = QPoint(header.sectionViewportPosition(Column.BENEFICIARY) + 10, 5)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=spot)  # Z to A
    qtbot.keyClicks(page.search, "lc-2")  # in every order number
    qtbot.waitUntil(lambda: page.model.query.text == "lc-2")
    query = page.model.query
    assert query.sort is SortKey.BENEFICIARY and query.descending
    expected = _expected(desk, query)
    assert len(expected) == page.model.match_count == CASES
    assert page.count_label.text() == f"{CASES} dossiers sur {CASES}"
    assert page.model.rowCount() == PAGE_SIZE

    page.table.setFocus()
    sizes = [page.model.rowCount()]
    while len(sizes) < 8 and sizes[-1] < CASES:
        qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        sizes.append(page.model.rowCount())
    # One page more at a time, down to the last case.
    assert sorted(set(sizes)) == [PAGE_SIZE, 2 * PAGE_SIZE, CASES]
    assert page.table.currentIndex().row() >= 2 * PAGE_SIZE - 1
    assert _listed(page.model) == expected
    names = [page.model.index(r, Column.BENEFICIARY).data() for r in range(CASES)]
    assert names[0] > names[-1]


def test_filters_and_sorts_read_by_pages_list_what_the_whole_query_lists(desk: Desk) -> None:
    model = CaseListModel(desk, page_size=25)
    referent = desk.read(referent_choices)[2].id
    queries = [
        CaseListQuery(referent_id=referent, sort=SortKey.REFERENT),
        CaseListQuery(statuses=frozenset({CaseStatus.ACTIVE}), sort=SortKey.DAY),
        CaseListQuery(phase=2, sort=SortKey.LAST_INTERVIEW, descending=True),
        CaseListQuery(late_only=True, sort=SortKey.STATUS),
        CaseListQuery(text="ma", sort=SortKey.ALERTS, descending=True),
    ]
    for query in queries:
        model.set_query(query)
        expected = _expected(desk, query)
        assert model.match_count == len(expected) > 25, query
        assert model.rowCount() == 25
        while model.canFetchMore():
            model.fetchMore()
        assert _listed(model) == expected, query


def test_a_case_further_down_is_listed_to_be_selected_and_stays_so_after_a_change(
    qtbot: QtBot, page: CaseListPage, desk: Desk
) -> None:
    expected = _expected(desk, page.model.query)
    wanted = expected[PAGE_SIZE + 30]
    assert page.model.row_of(wanted) is None  # not read yet
    assert page.select_case(wanted)
    assert page.selected_case_id() == wanted
    assert page.model.rowCount() == 2 * PAGE_SIZE  # down to the end of its page
    assert _listed(page.model) == expected[: 2 * PAGE_SIZE]
    assert page.model.index(PAGE_SIZE + 30, Column.ORDER_NUMBER).data() == desk.read(
        lambda session: rows_for(session, [wanted], TODAY)[wanted].order_number
    )
    # Scrolling on lists the rest from the ids read.
    _drag_scroll_bar_to_the_bottom(page)
    assert _listed(page.model) == expected

    # A change reads the list again as far down as it was read, and shows the selected
    # case again.
    with qtbot.waitSignal(page.model.modelReset):
        add_referent(desk, "Référent Ajouté Pendant Le Test")
    assert page.model.rowCount() == CASES
    assert _listed(page.model) == expected
    assert page.selected_case_id() == wanted
    row = page.model.row_of(wanted)
    assert row == PAGE_SIZE + 30
    viewport = page.table.viewport().rect()
    assert page.table.rowAt(viewport.top()) <= row <= page.table.rowAt(viewport.bottom())
    numbers = [page.model.index(r, Column.ORDER_NUMBER).data() for r in range(CASES)]
    rows = desk.read(lambda session: rows_for(session, expected, TODAY))
    assert numbers == [rows[case_id].order_number for case_id in expected]

    # Without a selection, the view keeps its place.
    page.table.clearSelection()
    _drag_scroll_bar_to_the_bottom(page)
    top = page.table.rowAt(0)
    assert top > 2 * PAGE_SIZE
    with qtbot.waitSignal(page.model.modelReset):
        add_referent(desk, "Autre Référent Ajouté")
    QApplication.processEvents()
    assert page.model.rowCount() == CASES
    assert page.table.rowAt(0) == top


def test_a_new_search_keeps_the_selection_only_among_the_rows_it_read(
    qtbot: QtBot, page: CaseListPage, desk: Desk
) -> None:
    expected = _expected(desk, page.model.query)
    deep, near = expected[-1], expected[3]
    assert page.select_case(deep)
    qtbot.keyClicks(page.search, "lc-2")  # still finds every case, the deep one last
    qtbot.waitUntil(lambda: page.model.query.text == "lc-2")
    assert page.model.match_count == CASES
    assert page.model.rowCount() == PAGE_SIZE  # no reading down to the old selection
    assert page.selected_case_id() is None
    assert page.select_case(near)
    qtbot.keyClicks(page.search, "0")
    qtbot.waitUntil(lambda: page.model.query.text == "lc-20")
    assert page.selected_case_id() == near


def test_the_model_passes_the_model_tester_while_pages_are_read(
    qtmodeltester: ModelTester, desk: Desk
) -> None:
    model = CaseListModel(desk, page_size=40)
    model.set_query(CaseListQuery(text="lc-2"))
    assert model.rowCount() == 40 and model.match_count == CASES
    expected = _expected(desk, model.query)
    # The tester stays on the model, checks every change and asks for more rows itself.
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert _listed(model) == expected
    model.reload()
    assert model.match_count == CASES
    assert _listed(model) == expected[: model.rowCount()]
    assert model.find_row(expected[-1]) == CASES - 1
    assert _listed(model) == expected
