"""Stored deadline schedules: the same list as the day-by-day rules, never out of date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import (
    Case,
    ContractingResult,
    DeadlineSchedule,
    InterviewKind,
    InterviewStatus,
    ScheduledDeadline,
    SuspensionKind,
)
from movdesk.services import schedule
from movdesk.services.batches import Cancelled
from movdesk.services.context import Desk
from movdesk.services.milestones import record_contracting
from movdesk.services.rows import add_suspension, delete_interview, schedule_interview
from movdesk.services.schedule import (
    bring_up_to_date,
    live_deadlines,
    open_deadlines,
    stored_deadlines,
    unscheduled_case_ids,
)

DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture
def demo(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    fill_demo(session_factory, cases=150, seed=11, today=DEMO_TODAY)
    return session_factory


def _scheduled(factory: sessionmaker[Session], case_id: int) -> bool:
    with factory() as session:
        return session.get(DeadlineSchedule, case_id) is not None


def test_stored_schedules_give_the_day_by_day_list_on_every_day(
    demo: sessionmaker[Session],
) -> None:
    since = DEMO_TODAY - timedelta(days=40)
    assert bring_up_to_date(demo, since) == 150
    with demo() as session:
        assert session.scalar(select(func.count()).select_from(ScheduledDeadline)) > 150
        kinds, statuses = set(), set()
        for offset in range(0, 260, 3):
            day = since + timedelta(days=offset)
            stored = stored_deadlines(session, day)
            assert stored == live_deadlines(session, day), day
            kinds.update(d.kind for d in stored)
            statuses.update(d.status for d in stored)
    # the comparison saw every status and nearly every kind
    assert statuses == {"overdue", "today", "soon", "later"}
    assert len(kinds) >= 11, kinds


def test_a_day_before_the_schedule_is_worked_out_again(demo: sessionmaker[Session]) -> None:
    bring_up_to_date(demo, DEMO_TODAY)
    earlier = DEMO_TODAY - timedelta(days=90)
    with demo() as session:
        assert len(unscheduled_case_ids(session, earlier)) == 150
        assert stored_deadlines(session, earlier) == []  # nothing usable stored for that day
    items = open_deadlines(demo, earlier)
    with demo() as session:
        assert items == live_deadlines(session, earlier)
        assert set(session.scalars(select(DeadlineSchedule.since))) == {earlier}


def test_referent_filter(demo: sessionmaker[Session]) -> None:
    with demo() as session:
        referent_id, name = session.execute(
            text("SELECT id, full_name FROM referent ORDER BY id LIMIT 1")
        ).one()
    items = open_deadlines(demo, DEMO_TODAY, referent_id=referent_id)
    assert items and {i.referent for i in items} == {name}
    everyone = open_deadlines(demo, DEMO_TODAY)
    assert items == [i for i in everyone if i.referent == name]


def test_every_change_of_the_facts_drops_the_case_schedule(
    desk: Desk, case_id: int, session_factory: sessionmaker[Session]
) -> None:
    today = date(2026, 3, 2)

    def kinds() -> list[str]:
        return [d.kind for d in open_deadlines(session_factory, today)]

    assert kinds() == ["contracting_interview"]
    assert _scheduled(session_factory, case_id)
    # the case row: contract signed on 7 January
    record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    assert not _scheduled(session_factory, case_id)
    assert "next_interview" in kinds()
    limit = next(d for d in open_deadlines(session_factory, today) if d.kind == "next_interview")
    assert limit.due == date(2026, 1, 21)
    # an interview: the 14-day clock starts again from it
    held = schedule_interview(
        desk,
        case_id,
        on=date(2026, 2, 25),
        kind=InterviewKind.INDIVIDUAL,
        status=InterviewStatus.ATTENDED,
        accept_warnings=True,
    )
    assert not _scheduled(session_factory, case_id)
    limit = next(d for d in open_deadlines(session_factory, today) if d.kind == "next_interview")
    assert limit.due == date(2026, 3, 11)
    # a suspension pushes the limit
    add_suspension(
        desk,
        case_id,
        kind=SuspensionKind.SICKNESS,
        start=date(2026, 3, 3),
        end=date(2026, 3, 9),
        accept_warnings=True,
    )
    assert not _scheduled(session_factory, case_id)
    limit = next(d for d in open_deadlines(session_factory, today) if d.kind == "next_interview")
    assert limit.due == date(2026, 3, 18)
    # removing the interview brings the old anchor back
    delete_interview(desk, held)
    assert not _scheduled(session_factory, case_id)
    with session_factory() as session:
        assert open_deadlines(session_factory, today) == live_deadlines(session, today)


def test_a_change_made_outside_the_services_is_seen_too(
    demo: sessionmaker[Session],
) -> None:
    bring_up_to_date(demo, DEMO_TODAY)
    with demo() as session:
        case_id = session.scalar(
            select(DeadlineSchedule.case_id)
            .join(ScheduledDeadline)
            .where(ScheduledDeadline.kind == "intermediate_report")
            .limit(1)
        )
        session.execute(
            update(Case).where(Case.id == case_id).values(intermediate_sent_date=DEMO_TODAY)
        )
        session.commit()
        assert session.get(DeadlineSchedule, case_id) is None
        # and its stored deadlines went with the schedule
        left = select(func.count()).where(ScheduledDeadline.case_id == case_id)
        assert session.scalar(left) == 0
    with demo() as session:
        assert open_deadlines(demo, DEMO_TODAY) == live_deadlines(session, DEMO_TODAY)


def test_removing_a_case_removes_its_schedule(demo: sessionmaker[Session]) -> None:
    bring_up_to_date(demo, DEMO_TODAY)
    with demo() as session:
        case = session.scalars(select(Case).limit(1)).one()
        session.delete(case)
        session.commit()
        assert session.scalar(select(func.count()).select_from(DeadlineSchedule)) == 149


def test_cancel_and_progress(demo: sessionmaker[Session]) -> None:
    seen: list[tuple[int, int]] = []
    with pytest.raises(Cancelled):
        bring_up_to_date(
            demo, DEMO_TODAY, progress=lambda d, t: seen.append((d, t)), cancel=lambda: True
        )
    assert seen == [(0, 150)]
    seen.clear()
    bring_up_to_date(demo, DEMO_TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, 150) and seen[-1] == (150, 150)


def test_a_database_that_refuses_writes_still_gets_the_list(
    demo: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object, **kwargs: object) -> int:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(schedule, "store_schedules", locked)
    with demo() as session:
        expected = live_deadlines(session, DEMO_TODAY)
    assert open_deadlines(demo, DEMO_TODAY) == expected
    with demo() as session:
        assert session.scalar(select(func.count()).select_from(DeadlineSchedule)) == 0
