"""The rules of the placements list, written in SQL so that the database filters and
sorts 45,000 placements (:mod:`.placements` reads the list with them).

Each expression mirrors a rule and is tested against it on every demo exit, boundary
cases and random dates: the positive-exit verdict
(:func:`movdesk.rules.outcomes.classify_exit`), the state
(:func:`movdesk.rules.placements.placement_state`), the calendar months of
:func:`movdesk.rules.calendar.add_months` (SQLite's own ``+3 months`` turns 30 November
into 2 March), the next follow-up due date (MOV-RULES.md section 4).

:func:`placements_union` is the list itself: the company periods and the placement
exits as one relation, with only the columns a query needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
    union_all,
)

from ..models import CompanyPeriod, ContractType, Exit, ExitReason
from ..rules.outcomes import (
    MIN_CDD_MONTHS,
    MIN_HOURS_PER_MONTH,
    MIN_TRAINING_HOURS,
    MIN_TRAINING_HOURS_PER_WEEK,
)
from ..rules.placements import FOLLOW_UP_MONTHS, PlacementKind, PlacementState

PLACEMENT_REASONS = (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS)


def sql_add_months(day: Any, months: int) -> ColumnElement[Any]:
    """SQL: ``day`` + ``months`` calendar months, the last day of the month when the day
    does not exist there (31 January + 1 month = 28 or 29 February), as
    :func:`~movdesk.rules.calendar.add_months`. SQLite's own ``+N months`` would give
    3 March."""
    if months < 0:
        raise ValueError("forward only: the placements add months to a start date")
    plain = func.date(day, f"+{months} months")
    last_of_month = func.date(day, "start of month", f"+{months + 1} months", "-1 day")
    return type_coerce(func.min(plain, last_of_month), Date)


def _is_true(column: Any) -> ColumnElement[bool]:
    return column.is_(True)


def positive_expression() -> ColumnElement[Any]:
    """SQL: 1 when the exit (a ``case_exit`` row) is positive, else 0 (section 6)."""
    hours_ok = or_(
        _is_true(Exit.employment_full_time),
        Exit.employment_hours_per_month > MIN_HOURS_PER_MONTH,
    )
    job_start = func.coalesce(Exit.employment_start, Exit.date)
    long_enough = and_(
        Exit.employment_end.is_not(None),
        Exit.employment_end >= sql_add_months(job_start, MIN_CDD_MONTHS),
    )
    contract = type_coerce(Exit.employment_contract, String)
    employment = case(
        (contract == ContractType.SUBSIDISED.value, True),
        (contract == ContractType.CDI.value, hours_ok),
        (
            contract.in_([ContractType.CDD.value, ContractType.INTERIM.value]),
            and_(long_enough, hours_ok),
        ),
        else_=False,
    )
    training = or_(
        _is_true(Exit.training_afpr),
        and_(
            _is_true(Exit.training_qualifying),
            Exit.training_hours_total >= MIN_TRAINING_HOURS,
            Exit.training_hours_per_week >= MIN_TRAINING_HOURS_PER_WEEK,
        ),
    )
    business = Exit.business_auto_entrepreneur.is_(False)
    reason = type_coerce(Exit.reason, String)
    verdict = case(
        (reason == ExitReason.EMPLOYMENT.value, employment),
        (reason == ExitReason.TRAINING.value, training),
        (reason == ExitReason.BUSINESS.value, business),
        else_=False,
    )
    return type_coerce(func.coalesce(case((verdict, 1), else_=0), 0), Integer)


def state_expression(
    kind: Any, start: Any, end: Any, positive: Any, retained: Any, today: date
) -> ColumnElement[Any]:
    """SQL of :func:`~movdesk.rules.placements.placement_state`."""
    day = literal(today, Date)
    checked = and_(
        positive == 1,
        kind.in_([PlacementKind.EMPLOYMENT.value, PlacementKind.BUSINESS.value]),
    )
    return case(
        (start > day, PlacementState.PLANNED.value),
        (and_(checked, _is_true(retained)), PlacementState.RETAINED.value),
        (and_(checked, retained.is_(False)), PlacementState.LOST.value),
        (checked, PlacementState.FOLLOW_UP.value),
        (
            and_(
                positive == 1,
                kind == PlacementKind.TRAINING.value,
                sql_add_months(start, FOLLOW_UP_MONTHS) >= day,
            ),
            PlacementState.FOLLOW_UP.value,
        ),
        (and_(end.is_not(None), end < day), PlacementState.FINISHED.value),
        else_=PlacementState.RUNNING.value,
    )


def next_follow_up_expression(start: Any, positive: Any, today: date) -> ColumnElement[Any]:
    """SQL: the due date of the first follow-up window due today or later (positive exits)."""
    day = literal(today, Date)
    dues = [
        type_coerce(func.date(start, "+6 days"), Date),
        *(sql_add_months(start, months) for months in (1, 2, 3)),
    ]
    return case(
        *((and_(positive == 1, due >= day), due) for due in dues),
        else_=null(),
    )


#: The columns of the list of placements, in order; the first four are always read.
PLACEMENT_COLUMNS = ("kind", "row_id", "case_id", "start", "end", "employer_id",
                     "organisation_text", "job", "positive", "retained")
_KEYS = frozenset(PLACEMENT_COLUMNS[:4])
_EXIT_KINDS = (PlacementKind.EMPLOYMENT, PlacementKind.TRAINING, PlacementKind.BUSINESS)


def _period_arm(names: Sequence[str]) -> Select[Any]:
    columns: dict[str, Any] = {
        "kind": literal(PlacementKind.PERIOD.value, String),
        "row_id": CompanyPeriod.id,
        "case_id": CompanyPeriod.case_id,
        "start": CompanyPeriod.start_date,
        "end": CompanyPeriod.end_date,
        "employer_id": CompanyPeriod.employer_id,
        "organisation_text": literal(None, String),
        "job": CompanyPeriod.job_title,
        "positive": literal(None, Integer),
        "retained": literal(None, Integer),
    }
    return select(*(columns[name].label(name) for name in names))


def _exit_arm(names: Sequence[str], kinds: Sequence[PlacementKind]) -> Select[Any]:
    reason = type_coerce(Exit.reason, String)
    employment, training = ExitReason.EMPLOYMENT.value, ExitReason.TRAINING.value
    columns: dict[str, Any] = {
        "kind": reason,
        "row_id": Exit.id,
        "case_id": Exit.case_id,
        "start": Exit.date,
        "end": case(
            (reason == employment, Exit.employment_end),
            (reason == training, Exit.training_end),
            else_=null(),
        ),
        "employer_id": case((reason == employment, Exit.employment_employer_id), else_=null()),
        "organisation_text": case(
            (reason == training, Exit.training_organisation),
            (reason == ExitReason.BUSINESS.value, Exit.business_name),
            else_=null(),
        ),
        "job": case(
            (reason == employment, Exit.employment_job_title),
            (reason == training, Exit.training_title),
            else_=null(),
        ),
        "positive": positive_expression(),
        "retained": type_coerce(Exit.retained_at_3_months, Integer),
    }
    return select(*(columns[name].label(name) for name in names)).where(
        reason.in_([kind.value for kind in kinds])
    )


@lru_cache(maxsize=64)
def placements_union(names: frozenset[str], kinds: frozenset[PlacementKind]) -> Any:
    """The periods and placement exits of ``kinds`` (all when empty), with the columns
    ``names`` only: a column the query does not need is not worked out for 45,000 rows
    (the positive-exit verdict above all)."""
    wanted = [name for name in PLACEMENT_COLUMNS if name in names | _KEYS]
    arms = []
    if not kinds or PlacementKind.PERIOD in kinds:
        arms.append(_period_arm(wanted))
    exit_kinds = [kind for kind in _EXIT_KINDS if not kinds or kind in kinds]
    if exit_kinds:
        arms.append(_exit_arm(wanted, exit_kinds))
    statement: Any = arms[0] if len(arms) == 1 else union_all(*arms)
    return statement.subquery("placement")


def state_of(p: Any, today: date) -> ColumnElement[Any]:
    start, end = type_coerce(p.start, Date), type_coerce(p.end, Date)
    return state_expression(p.kind, start, end, p.positive, p.retained, today)


def retention_checked(p: Any) -> ColumnElement[bool]:
    """A positive job or business exit: its retention is recorded."""
    return and_(
        p.positive == 1, p.kind.in_([PlacementKind.EMPLOYMENT.value, PlacementKind.BUSINESS.value])
    )


def retention_rank(p: Any, _today: date) -> ColumnElement[Any]:
    """Retention recorded yes, recorded no, to record (positive job or business)."""
    checked = retention_checked(p)
    return case(
        (and_(checked, p.retained == 1), 3),
        (and_(checked, p.retained == 0), 2),
        (checked, 1),
        else_=null(),
    )


def kind_rank(p: Any) -> ColumnElement[Any]:
    return case({kind.value: rank for rank, kind in enumerate(PlacementKind)}, value=p.kind)
