"""The case list flags a running case in phase 2 without its company period."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Civility, ContractingResult
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.services.summary import refresh_stale
from movdesk.ui.cases import CaseListPage, Column
from movdesk.ui.cases.page import WITHOUT_PERIOD

TODAY = date(2026, 3, 2)

pytestmark = pytest.mark.gui


def _in_phase_2(desk: Desk, referent: int, number: str, pe_id: str) -> int:
    case = register_order(
        desk,
        order_number=number,
        referent_id=referent,
        start_date=date(2025, 11, 3),
        beneficiary=BeneficiaryInput(
            last_name=f"Nom{number[-1]}", first_name="Léo", pe_id=pe_id, civility=Civility.M
        ),
    )
    ms.record_contracting(desk, case, on=date(2025, 11, 5), result=ContractingResult.SIGNED)
    ms.start_phase2(desk, case, on=date(2026, 1, 5))
    return case


@pytest.fixture
def desk(session_factory: sessionmaker[Session]) -> Desk:
    desk = Desk(session_factory, user="claire", clock=lambda: TODAY)
    referent = add_referent(desk, "Claire Martin")
    _in_phase_2(desk, referent, "LC-1", "1111111A")
    with_period = _in_phase_2(desk, referent, "LC-2", "2222222B")
    rows.add_company_period(desk, with_period, start=date(2026, 2, 2), end=date(2026, 2, 13))
    short = _in_phase_2(desk, referent, "LC-3", "3333333C")
    rows.add_company_period(
        desk, short, start=date(2026, 2, 2), end=date(2026, 2, 4), accept_warnings=True
    )
    refresh_stale(session_factory, TODAY)
    return desk


def test_the_flag_reads_in_the_phase_column_and_filters(qtbot: QtBot, page: CaseListPage) -> None:
    model = page.model
    phases = {
        model.index(r, Column.ORDER_NUMBER).data(): model.index(r, Column.PHASE).data()
        for r in range(model.rowCount())
    }
    assert phases == {
        "LC-1": "Phase 2 · sans période",
        "LC-2": "Phase 2",
        "LC-3": "Phase 2 · sans période",  # 3 days: does not count
    }
    row = next(
        r for r in range(model.rowCount()) if model.index(r, Column.ORDER_NUMBER).data() == "LC-1"
    )
    tip = model.index(row, Column.PHASE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Phase 2 sans période en entreprise d'au moins 7 jours")
    page.phase_filter.setCurrentIndex(page.phase_filter.findData(WITHOUT_PERIOD))
    shown = [model.index(r, Column.ORDER_NUMBER).data() for r in range(model.rowCount())]
    assert sorted(shown) == ["LC-1", "LC-3"]
    assert page.count_label.text() == "2 dossiers sur 3"
