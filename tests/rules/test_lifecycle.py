"""Recorded status from the facts of a case (MOV-RULES.md section 2): one row per path."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from movdesk.models import Case, Exit
from movdesk.models.enums import CaseStatus, ContractingResult, ContractType, ExitReason
from movdesk.rules.lifecycle import status_from_facts, status_since

S = date(2026, 1, 5)
SIGNED_ON = date(2026, 1, 7)
J = date(2026, 5, 4)


def make_exit(reason: ExitReason, **fields: Any) -> SimpleNamespace:
    blank = dict.fromkeys(
        [
            "employment_contract", "employment_start", "employment_end", "employment_full_time",
            "employment_hours_per_month", "training_hours_total", "training_hours_per_week",
            "training_qualifying", "training_afpr", "business_auto_entrepreneur",
            "retained_at_3_months", "retention_recorded_on",
        ]
    )
    return SimpleNamespace(**{**blank, "date": J, "reason": reason, **fields})


def make_case(result: ContractingResult | None, exit: Any = None) -> SimpleNamespace:
    return SimpleNamespace(
        start_date=S,
        contracting_date=None if result is None else SIGNED_ON,
        contracting_result=result,
        exit=exit,
    )


CDI = {"employment_contract": ContractType.CDI, "employment_start": J, "employment_full_time": True}
R = ContractingResult
X = ExitReason
ST = CaseStatus

ROWS = [
    ("no-contracting", make_case(None), ST.ORDERED, S),
    ("no-show", make_case(R.NO_SHOW), ST.NO_SHOW, SIGNED_ON),
    ("refused", make_case(R.REFUSED), ST.REFUSED, SIGNED_ON),
    ("signed-no-exit", make_case(R.SIGNED), ST.ACTIVE, SIGNED_ON),
    ("positive-job", make_case(R.SIGNED, make_exit(X.EMPLOYMENT, **CDI)), ST.FOLLOW_UP, J),
    ("positive-job-retained",
     make_case(R.SIGNED, make_exit(X.EMPLOYMENT, **CDI, retained_at_3_months=True,
                                   retention_recorded_on=date(2026, 8, 4))),
     ST.CLOSED, date(2026, 8, 4)),
    ("positive-job-not-retained",
     make_case(R.SIGNED, make_exit(X.EMPLOYMENT, **CDI, retained_at_3_months=False)),
     ST.CLOSED, J),
    ("positive-business",
     make_case(R.SIGNED, make_exit(X.BUSINESS, business_auto_entrepreneur=False)),
     ST.FOLLOW_UP, J),
    ("positive-training-stays-in-follow-up",
     make_case(R.SIGNED, make_exit(X.TRAINING, training_afpr=True, retained_at_3_months=True)),
     ST.FOLLOW_UP, J),
    ("negative-placement-closes",
     make_case(R.SIGNED, make_exit(X.BUSINESS, business_auto_entrepreneur=True)),
     ST.CLOSED, J),
    ("term", make_case(R.SIGNED, make_exit(X.TERM)), ST.ENDED_TERM, J),
    *[
        (f"interruption-{reason.value}", make_case(R.SIGNED, make_exit(reason)),
         ST.INTERRUPTED, J)
        for reason in (X.RULE_14_DAYS, X.ABANDON, X.MOVED, X.HEALTH, X.OTHER)
    ],
    ("exit-without-signature-ignored", make_case(R.REFUSED, make_exit(X.TERM)),
     ST.REFUSED, SIGNED_ON),
]


@pytest.mark.parametrize(
    ("case", "status", "since"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_status_from_facts(case: Any, status: CaseStatus, since: date) -> None:
    assert status_from_facts(case) is status
    assert status_since(case) == since


def test_works_on_orm_entities() -> None:
    case = Case(
        order_number="LC-1",
        start_date=S,
        end_date=date(2026, 7, 3),
        contracting_date=SIGNED_ON,
        contracting_result=ContractingResult.SIGNED,
    )
    assert status_from_facts(case) is CaseStatus.ACTIVE
    case.exit = Exit(date=J, reason=ExitReason.TERM)
    assert status_from_facts(case) is CaseStatus.ENDED_TERM
