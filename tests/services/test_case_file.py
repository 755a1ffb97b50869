"""The case file read model: one case with everything, as plain rows ready to show."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import (
    Case,
    CaseStatus,
    ContractingResult,
    ContractType,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
)
from movdesk.rules.outcomes import classify_exit
from movdesk.services import milestones as ms
from movdesk.services import rows
from movdesk.services.case_file import LATE, SENT, TO_DO, load_case_file
from movdesk.services.context import Desk
from movdesk.services.errors import NotFound
from movdesk.services.milestones import Dispatch

from .conftest import TODAY


@pytest.fixture
def signed(desk: Desk, case_id: int) -> int:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    return case_id


def _attended(desk: Desk, case_id: int, on: date, minutes: int = 45, **kw: object) -> int:
    return rows.schedule_interview(
        desk,
        case_id,
        on=on,
        at=time(10, 0),
        minutes=minutes,
        kind=kw.pop("kind", InterviewKind.INDIVIDUAL),  # type: ignore[arg-type]
        status=InterviewStatus.ATTENDED,
        accept_warnings=True,
    )


def test_unknown_case_is_not_found(session_factory: sessionmaker[Session]) -> None:
    with pytest.raises(NotFound, match="introuvable"):
        load_case_file(session_factory, 999, TODAY)


def test_header_of_a_fresh_order(
    session_factory: sessionmaker[Session], case_id: int
) -> None:
    view = load_case_file(session_factory, case_id, TODAY)
    h = view.header
    assert view.title == "Dossier LC-2026-000123 — DURAND Sophie"
    assert (h.pe_id, h.referent, h.status, h.status_label) == (
        "1234567A",
        "Claire Martin",
        CaseStatus.ORDERED,
        "Commandée",
    )
    assert (h.phase, h.day_number, h.total_days) == (None, 57, 180)
    assert h.interview_limit is None and h.days_left is None
    assert view.order.civility == "Madame" and view.order.agency == "Agence Lille Centre"
    assert view.dispatches == ()


def test_interviews_weeks_and_clock(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    _attended(desk, signed, date(2026, 1, 13))
    _attended(desk, signed, date(2026, 1, 20), minutes=20)  # too short for its week
    _attended(desk, signed, date(2026, 1, 29), kind=InterviewKind.GROUP, minutes=120)
    view = load_case_file(session_factory, signed, date(2026, 2, 3))

    assert [i.date for i in view.interviews] == [
        date(2026, 1, 13),
        date(2026, 1, 20),
        date(2026, 1, 29),
    ]
    assert [i.counts_for_week for i in view.interviews] == [True, False, False]
    assert [i.gap_days for i in view.interviews] == [6, 7, 9]
    assert [(w.monday, w.done, w.missed) for w in view.weeks] == [
        (date(2026, 1, 12), True, False),
        (date(2026, 1, 19), False, True),
        (date(2026, 1, 26), False, True),
        (date(2026, 2, 2), False, False),
    ]
    assert [w.monday for w in view.missed_weeks] == [date(2026, 1, 19), date(2026, 1, 26)]
    assert view.clock.last_interview == date(2026, 1, 29)
    assert view.clock.limit == date(2026, 2, 12)
    assert view.header.days_left == 9 and view.header.interview_limit == date(2026, 2, 12)
    assert view.header.phase == 1 and view.header.status is CaseStatus.ACTIVE
    assert len(view.header.next_deadlines) == 3
    dues = [d.due for d in view.header.next_deadlines]
    assert dues == sorted(dues)


def test_suspensions_count_leave_against_35_days(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    rows.add_suspension(
        desk, signed, kind=SuspensionKind.LEAVE, start=date(2026, 2, 2), end=date(2026, 2, 11)
    )
    rows.add_suspension(
        desk, signed, kind=SuspensionKind.SICKNESS, start=date(2026, 2, 16), end=date(2026, 2, 20)
    )
    rows.add_suspension(
        desk, signed, kind=SuspensionKind.LEAVE, start=date(2026, 3, 9), end=date(2026, 3, 13)
    )
    view = load_case_file(session_factory, signed, TODAY)
    assert [(s.kind, s.days) for s in view.suspensions] == [
        ("Congés", 10),
        ("Maladie", 5),
        ("Congés", 5),
    ]
    assert view.leave_days_used == 15
    assert not any(s.too_long for s in view.suspensions)


def test_exit_verdict_is_given_in_words(
    desk: Desk, signed: int, session_factory: sessionmaker[Session], session: Session
) -> None:
    ms.record_exit(
        desk,
        signed,
        ms.ExitInput(
            date=date(2026, 2, 16),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDD,
            employment_start=date(2026, 2, 16),
            employment_end=date(2026, 4, 15),
            employment_full_time=True,
            employment_job_title="Préparatrice de commandes",
        ),
        accept_warnings=True,
    )
    view = load_case_file(session_factory, signed, TODAY)
    exit = view.exit
    assert exit is not None
    case = session.get(Case, signed)
    assert case is not None and case.exit is not None
    assert exit.verdict == classify_exit(case.exit).reason
    assert not exit.positive and "non positive" in exit.verdict and "CDD" in exit.verdict
    assert "Poste : Préparatrice de commandes" in exit.details
    assert exit.follow_up == () and exit.retention_due is None


def test_positive_exit_has_follow_up_windows(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    ms.record_exit(
        desk,
        signed,
        ms.ExitInput(
            date=date(2026, 2, 2),
            reason=ExitReason.EMPLOYMENT,
            employment_contract=ContractType.CDI,
            employment_full_time=True,
        ),
        accept_warnings=True,
    )
    rows.schedule_interview(
        desk,
        signed,
        on=date(2026, 2, 5),
        kind=InterviewKind.FOLLOW_UP,
        status=InterviewStatus.ATTENDED,
        accept_warnings=True,
    )
    exit = load_case_file(session_factory, signed, date(2026, 3, 10)).exit
    assert exit is not None and exit.positive
    assert [(w.number, w.state) for w in exit.follow_up] == [
        (1, "fait"),
        (2, "manqué"),
        (3, "en cours"),
        (4, "à venir"),
    ]
    assert exit.retention_due == date(2026, 5, 2) and exit.retained is None


def test_documents_to_send_are_dated_or_to_do(
    desk: Desk, signed: int, session_factory: sessionmaker[Session], session: Session
) -> None:
    view = load_case_file(session_factory, signed, TODAY)
    states = {d.dispatch: (d.due, d.sent_on, d.state) for d in view.dispatches}
    assert states == {
        Dispatch.CONTRACT: (date(2026, 1, 9), None, LATE),
        Dispatch.INTERMEDIATE_REPORT: (date(2026, 3, 5), None, TO_DO),
        Dispatch.FINAL_REPORT: (date(2026, 7, 10), None, TO_DO),
    }
    assert TO_DO == "à faire"

    ms.mark_sent(desk, signed, Dispatch.CONTRACT, on=TODAY)
    view = load_case_file(session_factory, signed, TODAY)
    assert view.dispatches[0].sent_on == TODAY and view.dispatches[0].state == SENT


def test_refused_contract_owes_the_refusal_notice(
    desk: Desk, case_id: int, session_factory: sessionmaker[Session]
) -> None:
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.REFUSED)
    view = load_case_file(session_factory, case_id, TODAY)
    assert [(d.dispatch, d.state) for d in view.dispatches] == [(Dispatch.REFUSAL_NOTICE, LATE)]


def test_history_is_newest_first_one_line_per_action(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    _attended(desk, signed, date(2026, 1, 13))
    view = load_case_file(session_factory, signed, TODAY)
    summaries = [h.summary for h in view.history]
    assert summaries[0].startswith("Entretien individuel en face à face du 13/01/2026")
    assert summaries[0] != summaries[1]
    assert view.history[0].user == "claire" and view.history[0].action == "Création"
    assert summaries[1].startswith("Entretien de contractualisation du 07/01/2026")


def test_payments_use_the_office_price(
    desk: Desk, signed: int, session_factory: sessionmaker[Session]
) -> None:
    from tests.ui.rows import save_office

    save_office(session_factory, "Bureau", price_per_case_cents=185_000)
    view = load_case_file(session_factory, signed, TODAY)
    assert view.price_cents == 185_000
    assert [t.amount_cents for t in view.tranches] == [55_500, 111_000, 18_500]
    assert view.tranches[0].label.startswith("Tranche 1")


def test_every_demo_case_reads(session_factory: sessionmaker[Session]) -> None:
    fill_demo(session_factory, cases=40, seed=7, today=TODAY)
    with session_factory() as session:
        ids = session.query(Case.id).all()
    statuses = set()
    for (case_id,) in ids:
        view = load_case_file(session_factory, case_id, TODAY)
        statuses.add(view.header.status)
        h = view.header
        if h.day_number is not None:
            assert 1 <= h.day_number <= h.total_days or h.ended_on is None
        dates = [(i.date, i.time or time()) for i in view.interviews]
        assert dates == sorted(dates)
        assert view.history, "every demo case was written through the importer"
        assert len(h.next_deadlines) <= 3
        if view.exit is not None:
            assert view.exit.verdict
    assert {CaseStatus.ACTIVE, CaseStatus.INTERRUPTED} <= statuses
