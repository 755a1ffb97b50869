"""The per-case summary: what the rules say, computed per case, all stale ones, after changes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import fill_demo
from movdesk.models import Case, CaseSummary, ContractingResult, InterviewKind, InterviewStatus
from movdesk.rules.deadlines import case_deadlines
from movdesk.services.context import CASE_LOAD, Desk
from movdesk.services.milestones import record_contracting
from movdesk.services.rows import schedule_interview
from movdesk.services.summary import (
    fold,
    keep_fresh,
    refresh_stale,
    refresh_summaries,
    stale_case_ids,
)

from .conftest import TODAY


def _summary(session_factory: sessionmaker[Session], case_id: int) -> CaseSummary | None:
    with session_factory() as session:
        return session.get(CaseSummary, case_id)


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("Hélène", "helene"), ("HÉLÈNE", "helene"), ("Œillet", "oeillet"), ("François", "francois"),
     ("Müller-Lætitia", "muller-laetitia"), ("  d'Ornano ", "  d'ornano ")],
)  # fmt: skip
def test_fold_removes_case_accents_and_ligatures(typed: str, folded: str) -> None:
    assert fold(typed) == folded


def test_every_demo_case_gets_the_rules_next_deadline_and_alerts(
    session_factory: sessionmaker[Session],
) -> None:
    fill_demo(session_factory, cases=60, seed=2026, today=TODAY)
    with session_factory() as session:
        assert stale_case_ids(session, TODAY)  # imported: no summary yet
    assert refresh_stale(session_factory, TODAY) == 60
    with session_factory() as session:
        cases = session.scalars(select(Case).options(*CASE_LOAD)).all()
        summaries = {s.case_id: s for s in session.scalars(select(CaseSummary))}
        assert summaries.keys() == {c.id for c in cases}
        for case in cases:
            found = case_deadlines(case, TODAY)
            summary = summaries[case.id]
            assert summary.next_due == min((d.due for d in found), default=None)
            assert summary.alert_count == sum(d.due <= TODAY for d in found)
            attended = [
                i.date for i in case.interviews
                if i.status is InterviewStatus.ATTENDED and i.date <= TODAY
            ]  # fmt: skip
            assert summary.last_interview == max(attended, default=None)
            assert summary.last_name_key == fold(case.beneficiary.last_name)
            assert summary.computed_on == TODAY
        # Some demo cases do have something due: the check above was not vacuous.
        assert any(s.next_due is not None for s in summaries.values())
        assert any(s.alert_count for s in summaries.values())


def test_refresh_stale_redoes_only_missing_or_other_days(
    session_factory: sessionmaker[Session],
) -> None:
    fill_demo(session_factory, cases=30, seed=7, today=TODAY)
    assert refresh_stale(session_factory, TODAY) == 30
    assert refresh_stale(session_factory, TODAY) == 0
    with session_factory() as session, session.begin():
        session.execute(delete(CaseSummary).where(CaseSummary.case_id.in_([1, 2, 3])))
    assert refresh_stale(session_factory, TODAY) == 3
    assert refresh_stale(session_factory, TODAY + timedelta(days=1)) == 30


def test_refresh_stale_reports_progress_and_stops_when_cancelled(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("movdesk.services.batches.BATCH_SIZE", 10)
    fill_demo(session_factory, cases=35, seed=3, today=TODAY)
    seen: list[tuple[int, int]] = []
    assert refresh_stale(session_factory, TODAY, progress=lambda d, t: seen.append((d, t))) == 35
    assert seen == [(0, 35), (10, 35), (20, 35), (30, 35), (35, 35)]

    later = TODAY + timedelta(days=1)
    asked: list[int] = []

    def cancel_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    assert refresh_stale(session_factory, later, cancel=cancel_after_two) == 20
    with session_factory() as session:
        assert len(stale_case_ids(session, later)) == 15  # what was written stays written


def test_refresh_summaries_skips_removed_cases(
    session_factory: sessionmaker[Session], case_id: int
) -> None:
    with session_factory() as session, session.begin():
        assert refresh_summaries(session, [case_id, 9999], TODAY) == 1
    summary = _summary(session_factory, case_id)
    assert summary is not None
    # Ordered on 5 January: the contracting interview was due on the 12th.
    assert summary.next_kind == "contracting_interview"
    assert summary.next_due == date(2026, 1, 12)
    assert summary.alert_count == 1
    assert summary.last_name_key == "durand" and summary.first_name_key == "sophie"


def _attended(desk: Desk, case_id: int, on: date) -> None:
    schedule_interview(
        desk,
        case_id,
        on=on,
        kind=InterviewKind.INDIVIDUAL,
        status=InterviewStatus.ATTENDED,
        accept_warnings=True,
    )


def test_keep_fresh_recomputes_the_changed_case_after_each_action(
    desk: Desk, session_factory: sessionmaker[Session], case_id: int
) -> None:
    stop = keep_fresh(desk)
    record_contracting(desk, case_id, on=date(2026, 1, 8), result=ContractingResult.SIGNED)
    summary = _summary(session_factory, case_id)
    assert summary is not None and summary.next_kind != "contracting_interview"
    _attended(desk, case_id, date(2026, 2, 27))
    summary = _summary(session_factory, case_id)
    assert summary is not None and summary.last_interview == date(2026, 2, 27)

    stop()
    _attended(desk, case_id, date(2026, 3, 2))
    summary = _summary(session_factory, case_id)
    assert summary is not None and summary.last_interview == date(2026, 2, 27)


def test_a_removed_case_takes_its_summary_with_it(
    session_factory: sessionmaker[Session], case_id: int
) -> None:
    with session_factory() as session, session.begin():
        refresh_summaries(session, [case_id], TODAY)
    with session_factory() as session, session.begin():
        session.execute(delete(Case).where(Case.id == case_id))
    assert _summary(session_factory, case_id) is None
