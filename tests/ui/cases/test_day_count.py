"""The case list and the case file say the same day count: n / the length of the case,
to the renewed end once renewed (e.g. « 192 / 364 »)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import ContractingResult
from movdesk.services import milestones as ms
from movdesk.services.case_list import CaseListQuery, first_page, rows_for
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.services.summary import refresh_stale
from movdesk.ui.casefile import CaseFileWindow
from movdesk.ui.cases import Column

pytestmark = pytest.mark.gui

#: Day 192 of a case started on 5 January 2026.
TODAY = date(2026, 7, 15)


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    desk = Desk(session_factory, user="claire", clock=lambda: TODAY)
    referent = add_referent(desk, "Claire Martin")
    for number, (renew, pe_id) in enumerate(((True, "1234567A"), (False, "7654321B"))):
        case = register_order(
            desk,
            order_number=f"LC-2026-00012{number}",
            referent_id=referent,
            start_date=date(2026, 1, 5),
            end_date=date(2026, 7, 3),
            beneficiary=BeneficiaryInput(last_name=f"Nom{number}", first_name="Anne", pe_id=pe_id),
        )
        ms.record_contracting(desk, case, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
        if renew:
            ms.record_renewal_decision(desk, case, decided_on=date(2026, 6, 15), granted=True)
    refresh_stale(session_factory, TODAY)
    return desk


def test_the_list_and_the_case_file_agree(qtbot: QtBot, page, desk: Desk) -> None:
    texts = {}
    for row in range(page.model.rowCount()):
        number = page.model.index(row, Column.ORDER_NUMBER).data()
        texts[number] = page.model.index(row, Column.DAY).data()
    # Renewed to 3 January 2027: day 192 of 364. Not renewed: ended on E, day 180 of 180.
    assert texts == {"LC-2026-000120": "192 / 364", "LC-2026-000121": "180 / 180"}
    for case_id in (page.model.case_id(r) for r in range(page.model.rowCount())):
        window = CaseFileWindow(desk, case_id)
        qtbot.addWidget(window)
        number = window.view.header.order_number
        header = window.header.day.text()
        assert header.startswith(f"Jour {texts[number]}")
    tip = page.model.headerData(Column.DAY, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "nouvelle fin quand elle est renouvelée" in tip


def test_the_alerts_say_what_they_count(page, desk: Desk, session_factory) -> None:
    with session_factory() as session:
        _count, listed = first_page(session, CaseListQuery(), TODAY)
        rows = rows_for(session, list(listed.ids), TODAY)
    for index in range(page.model.rowCount()):
        row = rows[page.model.case_id(index)]
        tip = page.model.index(index, Column.ALERTS).data(Qt.ItemDataRole.ToolTipRole)
        if row.alert_count:
            assert tip.startswith(f"{row.alert_count} échéance")
            assert "dépassée" in tip and "à tenir aujourd'hui" in tip
        else:
            assert tip == "Aucune échéance dépassée ni à tenir aujourd'hui."
