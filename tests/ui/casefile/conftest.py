"""A desk with a fixed today and one signed case with interviews, for the window tests."""

from __future__ import annotations

from datetime import date, time

import pytest
from pytestqt.qtbot import QtBot

from movdesk.models import ContractingResult, InterviewKind, InterviewStatus, SuspensionKind
from movdesk.services import milestones, rows
from movdesk.services.context import Desk
from movdesk.ui.casefile import CaseFileWindow
from tests.services.conftest import TODAY, case_id, desk, referent_id

__all__ = ["TODAY", "case_id", "desk", "referent_id"]


@pytest.fixture
def signed_case(desk: Desk, case_id: int) -> int:
    """Signed on 7 January; two interviews held, one planned; one leave period."""
    milestones.record_contracting(
        desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED
    )
    for day, kind, status in (
        (date(2026, 2, 16), InterviewKind.INDIVIDUAL, InterviewStatus.ATTENDED),
        (date(2026, 2, 24), InterviewKind.PHONE, InterviewStatus.ATTENDED),
        (date(2026, 3, 4), InterviewKind.INDIVIDUAL, InterviewStatus.PLANNED),
    ):
        rows.schedule_interview(
            desk,
            case_id,
            on=day,
            at=time(9, 30),
            minutes=45,
            kind=kind,
            status=status,
            accept_warnings=True,
        )
    rows.add_suspension(
        desk, case_id, kind=SuspensionKind.LEAVE, start=date(2026, 1, 19), end=date(2026, 1, 30)
    )
    return case_id


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, signed_case: int) -> CaseFileWindow:
    """The case file of the signed case, shown."""
    win = CaseFileWindow(desk, signed_case)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win
