"""The rule notes shown while an interview or a period is typed, one row per rule."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from movdesk.models import (
    ContractingResult,
    ContractType,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
)
from movdesk.services.advice import (
    FOLLOW_UP_WITHOUT_EXIT,
    GROUP_NOT_WEEKLY,
    HELD_IN_FUTURE,
    NOT_HELD,
    PHONE_NOT_WEEKLY,
    PLANNED_IN_PAST,
    SHORT_INTERVIEW,
    company_period_advice,
    interview_advice,
    next_appointment,
    suspension_advice,
)

TODAY = date(2026, 3, 2)  # a Monday
IND, G, P, F = (
    InterviewKind.INDIVIDUAL,
    InterviewKind.GROUP,
    InterviewKind.PHONE,
    InterviewKind.FOLLOW_UP,
)
HELD, PLANNED = InterviewStatus.ATTENDED, InterviewStatus.PLANNED


def held(day: date, kind: InterviewKind = IND) -> SimpleNamespace:
    return SimpleNamespace(id=None, date=day, kind=kind, status=HELD, minutes=45)


def case(*interviews: SimpleNamespace, suspensions=(), exit=None) -> SimpleNamespace:  # noqa: ANN001
    return SimpleNamespace(
        start_date=date(2026, 1, 5),
        end_date=date(2026, 7, 3),
        renewal_new_end_date=None,
        contracting_date=date(2026, 1, 7),
        contracting_result=ContractingResult.SIGNED,
        interviews=list(interviews),
        suspensions=list(suspensions),
        company_periods=[],
        exit=exit,
    )


def period(kind: SuspensionKind, start: date, end: date) -> SimpleNamespace:
    return SimpleNamespace(kind=kind, start_date=start, end_date=end)


RECENT = case(held(date(2026, 2, 23)))

ROWS = [
    # (case, day, minutes, kind, status, expected notes)
    (RECENT, TODAY, 45, IND, HELD, []),
    (RECENT, TODAY, 20, IND, HELD, [SHORT_INTERVIEW]),
    (RECENT, TODAY, 20, G, HELD, [GROUP_NOT_WEEKLY]),
    (RECENT, TODAY, 45, P, HELD, [PHONE_NOT_WEEKLY]),
    (RECENT, date(2026, 3, 1), 45, IND, HELD, ["Jour non travaillé (dimanche)"]),
    (RECENT, date(2026, 2, 28), 45, IND, HELD, ["Jour non travaillé (samedi)"]),
    (
        RECENT,
        date(2026, 5, 1),
        45,
        IND,
        PLANNED,
        [
            "Jour non travaillé (jour férié)",
            "Après la date limite de la règle des 14 jours (09/03/2026)",
        ],
    ),
    (RECENT, date(2026, 3, 9), 45, IND, PLANNED, []),
    # 14 days after 23 February is 9 March; the 10th is one day too late.
    (
        RECENT,
        date(2026, 3, 10),
        45,
        IND,
        PLANNED,
        ["Après la date limite de la règle des 14 jours (09/03/2026)"],
    ),
    (RECENT, date(2026, 3, 4), 45, IND, HELD, [HELD_IN_FUTURE]),
    (RECENT, date(2026, 2, 25), 45, IND, PLANNED, [PLANNED_IN_PAST]),
    (RECENT, TODAY, 45, IND, InterviewStatus.ABSENT, [NOT_HELD]),
    (RECENT, TODAY, 45, F, HELD, [FOLLOW_UP_WITHOUT_EXIT]),
    (
        RECENT,
        date(2026, 7, 6),
        45,
        IND,
        PLANNED,
        [
            "En dehors de la prestation (du 05/01/2026 au 03/07/2026)",
            "Après la date limite de la règle des 14 jours (09/03/2026)",
        ],
    ),
]


@pytest.mark.parametrize(("facts", "day", "minutes", "kind", "status", "expected"), ROWS)
def test_interview_advice(facts, day, minutes, kind, status, expected) -> None:  # noqa: ANN001
    got = interview_advice(facts, on=day, minutes=minutes, kind=kind, status=status, today=TODAY)
    assert got == expected


def test_a_suspension_pushes_the_14_day_limit() -> None:
    facts = case(
        held(date(2026, 2, 23)),
        suspensions=[period(SuspensionKind.SICKNESS, date(2026, 3, 2), date(2026, 3, 6))],
    )
    notes = interview_advice(
        facts, on=date(2026, 3, 13), minutes=45, kind=IND, status=PLANNED, today=TODAY
    )
    assert notes == []


def test_a_follow_up_after_a_positive_exit_has_no_note() -> None:
    exit = SimpleNamespace(
        date=date(2026, 2, 2),
        reason=ExitReason.EMPLOYMENT,
        employment_contract=ContractType.CDI,
        employment_full_time=True,
        employment_hours_per_month=None,
        employment_start=None,
        employment_end=None,
    )
    notes = interview_advice(
        case(exit=exit), on=TODAY, minutes=30, kind=F, status=HELD, today=TODAY
    )
    assert notes == []


@pytest.mark.parametrize(
    ("after", "proposed", "latest"),
    [
        (date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)),
        # A week after Friday 24 April is Friday 1 May (holiday): Monday 4 May.
        (date(2026, 4, 24), date(2026, 5, 4), date(2026, 5, 8)),
        # A week after 26 June would pass the end of the case (3 July, a Friday).
        (date(2026, 6, 29), date(2026, 7, 3), date(2026, 7, 13)),
    ],
)
def test_next_appointment(after: date, proposed: date, latest: date) -> None:
    assert next_appointment(case(), after) == (proposed, latest)


def test_suspension_advice_counts_leave_out_of_35() -> None:
    facts = case(suspensions=[period(SuspensionKind.LEAVE, date(2026, 2, 2), date(2026, 2, 21))])
    notes = suspension_advice(
        facts, kind=SuspensionKind.LEAVE, start=date(2026, 3, 2), end=date(2026, 3, 17)
    )
    assert notes[:3] == [
        "Durée : 16 jours",
        "Congés sur la prestation : 36 / 35 jours",
        "Les congés dépassent 35 jours sur la prestation",
    ]
    sick = suspension_advice(
        facts, kind=SuspensionKind.SICKNESS, start=date(2026, 3, 2), end=date(2026, 3, 16)
    )
    assert sick[:2] == ["Durée : 15 jours", "Maladie : 14 jours consécutifs au plus par suspension"]


@pytest.mark.parametrize(
    ("days", "second"),
    [
        (
            6,
            "Moins de 7 jours : acceptée, mais ne satisfait pas l'obligation de période "
            "en entreprise",
        ),
        (7, "Entre 7 et 42 jours : satisfait l'obligation de période en entreprise"),
        (42, "Entre 7 et 42 jours : satisfait l'obligation de période en entreprise"),
        (43, "Plus de 42 jours : refusée (6 semaines au plus)"),
    ],
)
def test_company_period_advice(days: int, second: str) -> None:
    start = date(2026, 3, 2)
    notes = company_period_advice(start, date.fromordinal(start.toordinal() + days - 1))
    assert notes == [f"Durée : {days} jours", second]
