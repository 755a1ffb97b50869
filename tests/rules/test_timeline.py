"""The case timeline (MOV-RULES.md sections 2 and 4), one table row per rule or edge.

Cases are transient ORM objects built by :func:`make_case`; no database is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movdesk.models import (
    Beneficiary,
    Case,
    CaseStatus,
    CompanyPeriod,
    ContractingResult,
    ContractType,
    Exit,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    Referent,
    Suspension,
    SuspensionKind,
)
from movdesk.rules.timeline import (
    blocked_days,
    case_end_date,
    case_timeline,
    current_week,
    effective_gap,
    effective_status,
    follow_up_windows,
    next_interview_deadline,
    phase,
    weekly_compliance,
)

D = date.fromisoformat

#: An interview as (date, kind, minutes, status); kind, minutes and status may be left out.
InterviewSpec = tuple[Any, ...]


def interview(
    day: str | date, kind: str = "individual", minutes: int = 45, status: str = "attended"
) -> Interview:
    return Interview(
        date=D(day) if isinstance(day, str) else day,
        kind=InterviewKind(kind),
        minutes=minutes,
        status=InterviewStatus(status),
    )


def make_exit(day: str, reason: str = "employment", **fields: Any) -> Exit:
    """An exit; a job exit defaults to a full-time CDI (positive)."""
    if reason == "employment":
        fields.setdefault("employment_contract", ContractType.CDI)
        fields.setdefault("employment_full_time", True)
    if reason == "training":
        fields.setdefault("training_qualifying", True)
        fields.setdefault("training_hours_total", 400.0)
        fields.setdefault("training_hours_per_week", 35.0)
    if reason == "business":
        fields.setdefault("business_auto_entrepreneur", False)
    return Exit(date=D(day), reason=ExitReason(reason), **fields)


def make_case(
    start: str = "2026-01-05",
    end: str | None = None,
    *,
    contracting: str | None = "2026-01-07",
    result: str | None = "signed",
    status: str | None = None,
    interviews: Iterable[Interview] = (),
    suspensions: Iterable[tuple[str, str]] = (),
    periods: Iterable[tuple[str, str]] = (),
    exit: Exit | None = None,
    order_number: str = "LC-1",
    referent: str = "Claire Martin",
    **fields: Any,
) -> Case:
    """A transient case; E defaults to S + 179, the status to what the facts say."""
    start_date = D(start)
    if status is None:
        status = {None: "ordered", "signed": "active", "refused": "refused", "no_show": "no_show"}[
            result
        ]
        if exit is not None:
            status = "follow_up" if exit.reason.is_placement else "interrupted"
    return Case(
        order_number=order_number,
        start_date=start_date,
        end_date=D(end) if end else start_date + timedelta(days=179),
        status=CaseStatus(status),
        contracting_date=D(contracting) if contracting else None,
        contracting_result=ContractingResult(result) if result else None,
        renewal_envisaged=fields.pop("renewal_envisaged", False),
        interviews=list(interviews),
        suspensions=[
            Suspension(kind=SuspensionKind.SICKNESS, start_date=D(a), end_date=D(b))
            for a, b in suspensions
        ],
        company_periods=[CompanyPeriod(start_date=D(a), end_date=D(b)) for a, b in periods],
        exit=exit,
        referent=Referent(full_name=referent),
        beneficiary=Beneficiary(last_name="Durand", first_name="Sophie", pe_id="1234567A"),
        **fields,
    )


# --- End date and effective status ------------------------------------------------------


@pytest.mark.parametrize(
    ("case", "today", "end", "status"),
    [
        pytest.param(make_case(), "2026-03-01", None, "active", id="running"),
        pytest.param(make_case(end="2026-07-03"), "2026-07-03", None, "active", id="on-E"),
        pytest.param(
            make_case(end="2026-07-03"),
            "2026-07-04",
            "2026-07-03",
            "ended_term",
            id="ended-at-term-no-exit",
        ),
        pytest.param(
            make_case(
                end="2026-07-03",
                renewal_decision_date=D("2026-06-20"),
                renewal_new_end_date=D("2027-01-03"),
            ),
            "2026-08-01",
            None,
            "active",
            id="renewed-still-running",
        ),
        pytest.param(
            make_case(
                end="2026-07-03",
                renewal_decision_date=D("2026-06-20"),
                renewal_new_end_date=D("2027-01-03"),
            ),
            "2027-01-04",
            "2027-01-03",
            "ended_term",
            id="renewed-ended",
        ),
        pytest.param(
            make_case(exit=make_exit("2026-03-02")),
            "2026-03-10",
            "2026-03-02",
            "follow_up",
            id="positive-exit",
        ),
        pytest.param(
            make_case(exit=make_exit("2026-03-02", "abandon")),
            "2026-03-10",
            "2026-03-02",
            "interrupted",
            id="interruption",
        ),
        pytest.param(
            make_case(result=None, contracting=None, end="2026-07-03"),
            "2026-08-01",
            None,
            "ordered",
            id="never-contracted",
        ),
        pytest.param(
            make_case(result="refused"),
            "2026-08-01",
            None,
            "refused",
            id="refused",
        ),
        pytest.param(
            make_case(end="2026-07-03", status="ended_term"),
            "2026-07-04",
            "2026-07-03",
            "ended_term",
            id="recorded-ended-term",
        ),
    ],
)
def test_end_date_and_effective_status(
    case: Case, today: str, end: str | None, status: str
) -> None:
    assert case_end_date(case, D(today)) == (D(end) if end else None)
    assert effective_status(case, D(today)) is CaseStatus(status)


def test_phase() -> None:
    assert phase(make_case(result=None)) is None
    assert phase(make_case()) == 1
    assert phase(make_case(phase2_start=D("2026-02-16"))) == 2


# --- 14-day rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "suspensions", "periods", "gap"),
    [
        ("2026-01-01", "2026-01-15", [], [], 14),  # allowed
        ("2026-01-01", "2026-01-16", [], [], 15),  # breaks the rule
        ("2026-01-01", "2026-01-16", [("2026-01-05", "2026-01-07")], [], 12),
        ("2026-01-01", "2026-01-16", [], [("2026-01-05", "2026-01-11")], 8),
        # overlapping suspension and period count each day once
        (
            "2026-01-01",
            "2026-01-16",
            [("2026-01-05", "2026-01-07")],
            [("2026-01-06", "2026-01-08")],
            11,
        ),
        # only days strictly between a and b
        ("2026-01-01", "2026-01-16", [("2025-12-28", "2026-01-01")], [], 15),
        ("2026-01-01", "2026-01-16", [("2026-01-16", "2026-01-20")], [], 15),
        ("2026-01-01", "2026-01-16", [("2025-12-28", "2026-01-03")], [], 13),
    ],
)
def test_effective_gap(
    a: str, b: str, suspensions: list[tuple[str, str]], periods: list[tuple[str, str]], gap: int
) -> None:
    case = make_case(suspensions=suspensions, periods=periods)
    assert effective_gap(D(a), D(b), case) == gap


@pytest.mark.parametrize(
    ("interviews", "suspensions", "periods", "today", "deadline"),
    [
        pytest.param([], [], [], "2026-01-10", "2026-01-21", id="from-contracting"),
        pytest.param(
            [interview("2026-01-20")], [], [], "2026-01-25", "2026-02-03", id="from-last-individual"
        ),
        pytest.param(
            [interview("2026-01-20", "group")],
            [],
            [],
            "2026-01-25",
            "2026-02-03",
            id="group-counts",
        ),
        pytest.param(
            [interview("2026-01-20", "phone", 10)],
            [],
            [],
            "2026-01-25",
            "2026-02-03",
            id="phone-counts",
        ),
        pytest.param(
            [interview("2026-01-20", "follow_up")],
            [],
            [],
            "2026-01-25",
            "2026-01-21",
            id="follow-up-does-not",
        ),
        pytest.param(
            [interview("2026-01-20", status="absent")],
            [],
            [],
            "2026-01-25",
            "2026-01-21",
            id="absent-does-not",
        ),
        pytest.param(
            [interview("2026-01-20", status="planned")],
            [],
            [],
            "2026-01-15",
            "2026-01-21",
            id="planned-does-not",
        ),
        pytest.param(
            [interview("2026-01-20")],
            [],
            [],
            "2026-01-15",
            "2026-01-21",
            id="attended-in-the-future-ignored",
        ),
        pytest.param(
            [],
            [("2026-01-15", "2026-01-20")],
            [],
            "2026-01-10",
            "2026-01-27",
            id="suspension-inside",
        ),
        pytest.param(
            [],
            [("2026-01-10", "2026-01-23")],
            [],
            "2026-01-10",
            "2026-02-04",
            id="suspension-spanning-window",
        ),
        pytest.param(
            [],
            [("2026-01-21", "2026-01-25")],
            [],
            "2026-01-10",
            "2026-01-26",
            id="suspension-starting-on-limit",
        ),
        pytest.param(
            [],
            [],
            [("2026-01-19", "2026-01-30")],
            "2026-01-10",
            "2026-02-02",
            id="company-period-across-limit",
        ),
        pytest.param(
            [],
            [("2026-01-12", "2026-01-13")],
            [("2026-01-14", "2026-01-16")],
            "2026-01-10",
            "2026-01-26",
            id="adjacent-periods",
        ),
        pytest.param(
            [],
            [("2025-12-20", "2026-01-06")],
            [],
            "2026-01-10",
            "2026-01-21",
            id="suspension-before-anchor",
        ),
    ],
)
def test_next_interview_deadline(
    interviews: list[Interview],
    suspensions: list[tuple[str, str]],
    periods: list[tuple[str, str]],
    today: str,
    deadline: str,
) -> None:
    case = make_case(interviews=interviews, suspensions=suspensions, periods=periods)
    found = next_interview_deadline(case, D(today))
    assert found == D(deadline)
    anchor = max(
        [D("2026-01-07")]
        + [
            i.date
            for i in interviews
            if i.status is InterviewStatus.ATTENDED
            and i.kind is not InterviewKind.FOLLOW_UP
            and i.date <= D(today)
        ]
    )
    assert effective_gap(anchor, found, case) == 14
    assert effective_gap(anchor, found + timedelta(days=1), case) == 15


def test_no_clock_before_a_signed_contract() -> None:
    assert (
        next_interview_deadline(make_case(result=None, contracting=None), D("2026-01-10")) is None
    )
    assert next_interview_deadline(make_case(result="refused"), D("2026-01-10")) is None


def test_blocked_days_lists_each_day_once() -> None:
    case = make_case(
        suspensions=[("2026-01-05", "2026-01-07")], periods=[("2026-01-07", "2026-01-08")]
    )
    assert blocked_days(case) == {D("2026-01-05") + timedelta(days=i) for i in range(4)}


_day = st.integers(min_value=0, max_value=120).map(lambda n: D("2026-01-07") + timedelta(n))
_span = st.tuples(_day, st.integers(min_value=0, max_value=41)).map(
    lambda t: (t[0].isoformat(), (t[0] + timedelta(t[1])).isoformat())
)


@given(
    st.lists(_day, max_size=6),
    st.lists(_span, max_size=3),
    st.lists(_span, max_size=2),
    _span,
    st.booleans(),
)
def test_adding_a_blocked_period_never_brings_the_deadline_forward(
    days: list[date],
    suspensions: list[tuple[str, str]],
    periods: list[tuple[str, str]],
    extra: tuple[str, str],
    as_period: bool,
) -> None:
    today = D("2026-06-01")
    before = next_interview_deadline(
        make_case(
            interviews=[interview(d) for d in days], suspensions=suspensions, periods=periods
        ),
        today,
    )
    more_susp = suspensions + ([] if as_period else [extra])
    more_periods = periods + ([extra] if as_period else [])
    after = next_interview_deadline(
        make_case(
            interviews=[interview(d) for d in days], suspensions=more_susp, periods=more_periods
        ),
        today,
    )
    assert before is not None and after is not None
    assert after >= before


@given(
    st.lists(_day, max_size=6),
    st.lists(_span, max_size=3),
    _day,
    st.sampled_from(["individual", "group", "phone", "follow_up"]),
)
def test_adding_an_attended_interview_never_brings_the_deadline_forward(
    days: list[date],
    suspensions: list[tuple[str, str]],
    extra: date,
    kind: str,
) -> None:
    today = D("2026-06-01")
    before = next_interview_deadline(
        make_case(interviews=[interview(d) for d in days], suspensions=suspensions), today
    )
    after = next_interview_deadline(
        make_case(
            interviews=[interview(d) for d in days] + [interview(extra, kind)],
            suspensions=suspensions,
        ),
        today,
    )
    assert before is not None and after is not None
    assert after >= before


# --- Weekly interviews --------------------------------------------------------------------


def _weeks(case: Case, today: str) -> list[tuple[str, bool, bool]]:
    return [(w.monday.isoformat(), w.done, w.missed) for w in weekly_compliance(case, D(today))]


@pytest.mark.parametrize(
    ("case", "today", "weeks"),
    [
        pytest.param(  # contracting on Wednesday 7 Jan: the first due week starts 12 Jan
            make_case(interviews=[interview("2026-01-14")]),
            "2026-01-25",
            [("2026-01-12", True, False), ("2026-01-19", False, False)],
            id="current-week-due-by-sunday",
        ),
        pytest.param(
            make_case(),
            "2026-01-26",
            [
                ("2026-01-12", False, True),
                ("2026-01-19", False, True),
                ("2026-01-26", False, False),
            ],
            id="missed-weeks",
        ),
        pytest.param(
            make_case(contracting="2026-01-11"),
            "2026-01-12",
            [("2026-01-12", False, False)],
            id="contracting-on-sunday",
        ),
        pytest.param(
            make_case(contracting="2026-01-12"), "2026-01-18", [], id="contracting-on-monday"
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-14", minutes=29)]),
            "2026-01-19",
            [("2026-01-12", False, True), ("2026-01-19", False, False)],
            id="29-minutes",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-14", minutes=30)]),
            "2026-01-18",
            [("2026-01-12", True, False)],
            id="30-minutes",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-17")]),
            "2026-01-18",
            [("2026-01-12", True, False)],
            id="saturday-counts",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-14", "phone")]),
            "2026-01-19",
            [("2026-01-12", False, True), ("2026-01-19", False, False)],
            id="phone-does-not",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-14", "group")]),
            "2026-01-19",
            [("2026-01-12", False, True), ("2026-01-19", False, False)],
            id="group-does-not",
        ),
        pytest.param(
            make_case(interviews=[interview("2026-01-14", status="excused")]),
            "2026-01-19",
            [("2026-01-12", False, True), ("2026-01-19", False, False)],
            id="excused-does-not",
        ),
        pytest.param(
            make_case(periods=[("2026-01-12", "2026-01-16")]),
            "2026-01-18",
            [],
            id="week-covered-by-company-period",
        ),
        pytest.param(
            make_case(suspensions=[("2026-01-10", "2026-01-16")]),
            "2026-01-18",
            [],
            id="week-covered-by-suspension",
        ),
        pytest.param(
            make_case(suspensions=[("2026-01-12", "2026-01-15")]),
            "2026-01-19",
            [("2026-01-12", False, True), ("2026-01-19", False, False)],
            id="one-free-weekday-keeps-it-due",
        ),
        pytest.param(
            make_case(exit=make_exit("2026-01-22", "abandon")),
            "2026-02-01",
            [("2026-01-12", False, True)],
            id="exit-on-thursday",
        ),
        pytest.param(
            make_case(exit=make_exit("2026-01-23", "abandon")),
            "2026-02-01",
            [("2026-01-12", False, True), ("2026-01-19", False, True)],
            id="exit-on-friday",
        ),
        pytest.param(make_case(result=None, contracting=None), "2026-02-01", [], id="not-signed"),
    ],
)
def test_weekly_compliance(case: Case, today: str, weeks: list[tuple[str, bool, bool]]) -> None:
    assert _weeks(case, today) == weeks


def test_weekly_stops_at_the_end_date() -> None:
    case = make_case(end="2026-01-22")  # a Thursday
    assert [w[0] for w in _weeks(case, "2026-03-01")] == ["2026-01-12"]


def test_current_week() -> None:
    case = make_case(interviews=[interview("2026-01-14")])
    assert current_week(case, D("2026-01-10")) is None  # week of the contracting interview
    week = current_week(case, D("2026-01-16"))
    assert week is not None and week.done and week.sunday == D("2026-01-18")
    assert current_week(case, D("2026-01-19")) == weekly_compliance(case, D("2026-01-19"))[-1]


# --- Follow-up windows --------------------------------------------------------------------


def test_follow_up_windows_after_a_positive_exit() -> None:
    case = make_case(
        exit=make_exit("2026-01-31"),
        interviews=[
            interview("2026-02-06", "follow_up"),
            interview("2026-03-01", "phone"),
            interview("2026-04-15", "follow_up", status="planned"),
        ],
    )
    windows = [
        (w.number, w.start.isoformat(), w.due.isoformat(), w.done) for w in follow_up_windows(case)
    ]
    assert windows == [
        (1, "2026-01-31", "2026-02-06", True),
        (2, "2026-02-07", "2026-02-28", False),
        (3, "2026-03-01", "2026-03-31", False),  # a phone interview is not a follow-up
        (4, "2026-04-01", "2026-04-30", False),  # planned, not attended
    ]


def test_interview_on_the_next_day_falls_in_the_next_window() -> None:
    case = make_case(
        exit=make_exit("2026-01-31"), interviews=[interview("2026-02-07", "follow_up")]
    )
    assert [w.done for w in follow_up_windows(case)] == [False, True, False, False]


@pytest.mark.parametrize(
    "exit",
    [
        make_exit(
            "2026-03-02",
            "employment",
            employment_contract=ContractType.CDD,
            employment_end=D("2026-04-30"),
        ),
        make_exit("2026-03-02", "business", business_auto_entrepreneur=True),
        make_exit("2026-03-02", "abandon"),
        None,
    ],
)
def test_no_follow_up_without_a_positive_exit(exit: Exit | None) -> None:
    assert follow_up_windows(make_case(exit=exit)) == []


# --- Header ---------------------------------------------------------------------------


def test_case_timeline_header() -> None:
    case = make_case(interviews=[interview("2026-01-20")])
    header = case_timeline(case, D("2026-01-25"))
    assert header.status is CaseStatus.ACTIVE
    assert header.phase == 1
    assert header.day_number == 21  # S = 5 January is day 1
    assert header.next_interview == D("2026-02-03")
    assert header.days_left == 9
    assert header.end_date is None
    assert case_timeline(case, D("2026-01-04")).day_number is None
    ended = case_timeline(case, D("2026-07-10"))
    assert ended.status is CaseStatus.ENDED_TERM
    assert ended.end_date == D("2026-07-03") and ended.next_interview is None
