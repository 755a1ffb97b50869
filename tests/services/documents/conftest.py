"""A signed case with interviews of every status, for the document services."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from movdesk.models import ContractingResult, InterviewKind, InterviewStatus
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.context import Desk

#: Attended individual interviews, every Monday from 12/01/2026 to 23/02/2026.
HELD = [date(2026, 1, 12) + timedelta(weeks=n) for n in range(7)]
ABSENT = date(2026, 2, 18)
EXCUSED = date(2026, 2, 25)
#: Planned: one later today (02/03/2026), one next week.
PLANNED = [date(2026, 3, 2), date(2026, 3, 9)]


def interview(desk: Desk, case_id: int, on: date, status: InterviewStatus, **kw) -> int:
    return rows.schedule_interview(
        desk,
        case_id,
        on=on,
        kind=kw.pop("kind", InterviewKind.INDIVIDUAL),
        at=kw.pop("at", time(9, 30)),
        minutes=kw.pop("minutes", 45),
        status=status,
        accept_warnings=True,
        **kw,
    )


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


@pytest.fixture
def followed(desk: Desk, signed: int) -> int:
    """The signed case with its interviews: 7 held, one absent, one excused, 2 planned."""
    for day in HELD:
        interview(desk, signed, day, InterviewStatus.ATTENDED)
    interview(desk, signed, ABSENT, InterviewStatus.ABSENT)
    interview(desk, signed, EXCUSED, InterviewStatus.EXCUSED)
    interview(desk, signed, PLANNED[0], InterviewStatus.PLANNED, at=time(14, 0), minutes=60)
    interview(desk, signed, PLANNED[1], InterviewStatus.PLANNED, at=time(10, 0))
    return signed
