"""The placements of the office (page « Placements »), read from SQL a page at a time.

One row per company period and per exit to a job, a training or a business
(:class:`~movdesk.rules.placements.PlacementKind`), with its case, referent, employer or
training body, dates, positive-exit verdict, state, follow-up and retention.

Like the case list (**decision**), nothing is loaded whole: after each change of a
filter or the sort the page reads the totals of every matching placement
(:func:`placement_totals`, one aggregate statement) and the first
:data:`PAGE_SIZE` rows in order (:func:`placement_page`); the next rows are read as the
view scrolls, by offset (a few tens of thousands of placements at most: a deep page
costs one more sort). The database filters and sorts on what the rules decide, so
those are written here in SQL, mirroring the rules: the positive-exit verdict
(:func:`movdesk.rules.outcomes.classify_exit`), the state
(:func:`movdesk.rules.placements.placement_state`) and the calendar months of
:func:`movdesk.rules.calendar.add_months`; tests compare them on every demo exit. The
words of each displayed row (the verdict's reason, the follow-up windows) come from the
rules themselves, for the page's rows only.

The period filter keeps the placements that *start* in the range (the first day of the
period, or J): the month's periods and exits, as the monthly indicators count exits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from types import SimpleNamespace
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
from sqlalchemy.orm import Session

from ..models import (
    Beneficiary,
    Case,
    CompanyPeriod,
    ContractType,
    Employer,
    Exit,
    ExitReason,
    Interview,
    InterviewKind,
    Referent,
)
from ..rules.calendar import add_months
from ..rules.outcomes import (
    MIN_CDD_MONTHS,
    MIN_HOURS_PER_MONTH,
    MIN_TRAINING_HOURS,
    MIN_TRAINING_HOURS_PER_WEEK,
    classify_exit,
)
from ..rules.placements import (
    FOLLOW_UP_MONTHS,
    PlacementKind,
    PlacementState,
    checks_retention,
)
from ..rules.timeline import Window, windows_after
from .case_list import needs_period_expression

#: Rows read at once: the first page after each change, one more at each scroll.
PAGE_SIZE = 200
PLACEMENT_REASONS = (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS)


class PlacementSort(StrEnum):
    """What the list sorts on, one per column."""

    ORDER_NUMBER = "order_number"
    BENEFICIARY = "beneficiary"
    REFERENT = "referent"
    KIND = "kind"
    ORGANISATION = "organisation"
    JOB = "job"
    START = "start"
    END = "end"
    VERDICT = "verdict"
    REASON = "reason"
    FOLLOW_UP = "follow_up"
    RETENTION = "retention"
    STATE = "state"


@dataclass(frozen=True)
class PlacementQuery:
    """The filters and the order of the placements list."""

    referent_id: int | None = None
    #: Kinds to keep; empty keeps all.
    kinds: frozenset[PlacementKind] = field(default_factory=frozenset)
    #: States to keep; empty keeps all.
    states: frozenset[PlacementState] = field(default_factory=frozenset)
    #: The placements starting in this range (either bound may be open).
    start_from: date | None = None
    start_to: date | None = None
    sort: PlacementSort = PlacementSort.START
    descending: bool = True


# --- The rules in SQL ------------------------------------------------------------------------


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


def _state_expression(
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


def _next_follow_up(start: Any, positive: Any, today: date) -> ColumnElement[Any]:
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


def _union() -> Any:
    """Company periods and placement exits, as one list of raw columns."""
    reason = type_coerce(Exit.reason, String)
    periods = select(
        literal(PlacementKind.PERIOD.value, String).label("kind"),
        CompanyPeriod.id.label("row_id"),
        CompanyPeriod.case_id.label("case_id"),
        CompanyPeriod.start_date.label("start"),
        CompanyPeriod.end_date.label("end"),
        CompanyPeriod.employer_id.label("employer_id"),
        literal(None, String).label("organisation_text"),
        CompanyPeriod.job_title.label("job"),
        CompanyPeriod.rome.label("rome"),
        literal(None, Integer).label("positive"),
        literal(None, Integer).label("retained"),
    )
    exits = select(
        reason.label("kind"),
        Exit.id.label("row_id"),
        Exit.case_id.label("case_id"),
        Exit.date.label("start"),
        case(
            (reason == ExitReason.EMPLOYMENT.value, Exit.employment_end),
            (reason == ExitReason.TRAINING.value, Exit.training_end),
            else_=null(),
        ).label("end"),
        case(
            (reason == ExitReason.EMPLOYMENT.value, Exit.employment_employer_id),
            else_=null(),
        ).label("employer_id"),
        case(
            (reason == ExitReason.TRAINING.value, Exit.training_organisation),
            (reason == ExitReason.BUSINESS.value, Exit.business_name),
            else_=null(),
        ).label("organisation_text"),
        case(
            (reason == ExitReason.EMPLOYMENT.value, Exit.employment_job_title),
            (reason == ExitReason.TRAINING.value, Exit.training_title),
            else_=null(),
        ).label("job"),
        literal(None, String).label("rome"),
        positive_expression().label("positive"),
        type_coerce(Exit.retained_at_3_months, Integer).label("retained"),
    ).where(reason.in_([r.value for r in PLACEMENT_REASONS]))
    return union_all(periods, exits)


class _Columns:
    """What the list computes on the raw columns ``p`` (of the union, or of a page of it)."""

    def __init__(self, p: Any, today: date) -> None:
        self.p = p
        #: What ``p`` are the columns of (the union, for :func:`_from`).
        self.source: Any = None
        start = type_coerce(p.start, Date)
        end = type_coerce(p.end, Date)
        self.start, self.end = start, end
        self.state = _state_expression(p.kind, start, end, p.positive, p.retained, today)
        self.next_follow_up = _next_follow_up(start, p.positive, today)
        self.organisation = func.coalesce(Employer.name, p.organisation_text)
        checked = and_(
            p.positive == 1,
            p.kind.in_([PlacementKind.EMPLOYMENT.value, PlacementKind.BUSINESS.value]),
        )
        # Retention: recorded yes, recorded no, to record (positive job or business).
        self.retention_rank = case(
            (and_(checked, p.retained == 1), 3),
            (and_(checked, p.retained == 0), 2),
            (checked, 1),
            else_=null(),
        )
        self.measured = and_(
            checked, sql_add_months(start, FOLLOW_UP_MONTHS) <= literal(today, Date)
        )
        self.state_rank = case(
            {state.value: rank for rank, state in enumerate(PlacementState)}, value=self.state
        )
        self.kind_rank = case(
            {kind.value: rank for rank, kind in enumerate(PlacementKind)}, value=p.kind
        )


@lru_cache(maxsize=4)
def _columns(today: date) -> _Columns:
    """The computed columns over the whole union, built once a day."""
    union = _union().subquery("placement")
    columns = _Columns(union.c, today)
    columns.source = union
    return columns


def _from(
    statement: Select[Any], sql: _Columns, query: PlacementQuery, *, joins: frozenset[str]
) -> Select[Any]:
    """``statement`` over the union, joined to what the filters and ``joins`` need."""
    statement = statement.select_from(sql.source)
    if query.referent_id is not None or joins & {"case", "beneficiary", "referent"}:
        statement = statement.join(Case, Case.id == sql.p.case_id)
    if "beneficiary" in joins:
        statement = statement.join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
    if "referent" in joins:
        statement = statement.join(Referent, Referent.id == Case.referent_id)
    if "employer" in joins:
        statement = statement.outerjoin(Employer, Employer.id == sql.p.employer_id)
    return statement


def _filtered(statement: Select[Any], query: PlacementQuery, sql: _Columns) -> Select[Any]:
    if query.referent_id is not None:
        statement = statement.where(Case.referent_id == query.referent_id)
    if query.kinds:
        statement = statement.where(sql.p.kind.in_(sorted(k.value for k in query.kinds)))
    if query.states:
        statement = statement.where(sql.state.in_(sorted(s.value for s in query.states)))
    if query.start_from is not None:
        statement = statement.where(sql.start >= query.start_from)
    if query.start_to is not None:
        statement = statement.where(sql.start <= query.start_to)
    return statement


#: The tables each sort needs joined to the union.
_SORT_JOINS = {
    PlacementSort.ORDER_NUMBER: frozenset({"case"}),
    PlacementSort.BENEFICIARY: frozenset({"beneficiary"}),
    PlacementSort.REFERENT: frozenset({"referent"}),
    PlacementSort.ORGANISATION: frozenset({"employer"}),
}


def _sort_values(query: PlacementQuery, sql: _Columns) -> list[Any]:
    p = sql.p
    keys: dict[PlacementSort, list[Any]] = {
        PlacementSort.ORDER_NUMBER: [Case.order_number],
        PlacementSort.BENEFICIARY: [func.lower(Beneficiary.last_name),
                                    func.lower(Beneficiary.first_name)],
        PlacementSort.REFERENT: [Referent.full_name],
        PlacementSort.KIND: [sql.kind_rank],
        PlacementSort.ORGANISATION: [func.lower(sql.organisation)],
        PlacementSort.JOB: [func.lower(p.job)],
        PlacementSort.START: [sql.start],
        PlacementSort.END: [sql.end],
        PlacementSort.VERDICT: [p.positive],
        PlacementSort.REASON: [p.positive, sql.kind_rank],
        PlacementSort.FOLLOW_UP: [sql.next_follow_up],
        PlacementSort.RETENTION: [sql.retention_rank],
        PlacementSort.STATE: [sql.state_rank],
    }  # fmt: skip
    return keys[query.sort]


def _order(values: Sequence[Any], ties: Sequence[Any], descending: bool) -> list[Any]:
    """``ORDER BY`` the sort values (empty ones last both ways), then the ties."""
    terms = [(v.desc() if descending else v.asc()).nulls_last() for v in values]
    return terms + [t.desc() if descending else t.asc() for t in ties]


def page_statement(
    query: PlacementQuery, today: date, *, offset: int = 0, size: int = PAGE_SIZE
) -> Select[Any]:
    """The SQL of :func:`placement_page`: ``size`` rows after ``offset`` in sort order.

    The placements are sorted and cut to the page first, joined only to what the sort
    and the filters read; the page's rows are then joined to their case, beneficiary,
    referent and employer (45,000 placements: about half the time of joining every
    one before sorting).
    """
    sql = _columns(today)
    p = sql.p
    values = [v.label(f"sort_{n}") for n, v in enumerate(_sort_values(query, sql))]
    joins = _SORT_JOINS.get(query.sort, frozenset())
    keys = _from(select(*p, *values), sql, query, joins=joins)
    keys = _filtered(keys, query, sql)
    keys = keys.order_by(*_order(values, (p.case_id, p.kind, p.row_id), query.descending))
    cut = keys.limit(size).offset(offset).subquery("cut")
    c = cut.c
    # The rank in the page keeps the order through the joins that follow.
    rank = func.row_number().over(
        order_by=_order(
            [c[f"sort_{n}"] for n in range(len(values))],
            (c.case_id, c.kind, c.row_id),
            query.descending,
        )
    )
    numbered = select(*c[: len(p)], rank.label("position")).subquery("page")
    page = _Columns(numbered.c, today)
    q = numbered.c
    return (
        select(
            q.kind, q.row_id, q.case_id, Case.order_number, Beneficiary.last_name,
            Beneficiary.first_name, Beneficiary.phone, Referent.full_name, page.organisation,
            q.job, q.rome, page.start, page.end, q.positive, q.retained, page.state,
        )
        .select_from(numbered)
        .join(Case, Case.id == q.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .join(Referent, Referent.id == Case.referent_id)
        .outerjoin(Employer, Employer.id == q.employer_id)
        .order_by(q.position)
    )  # fmt: skip


@dataclass(frozen=True)
class PlacementTotals:
    """The foot of the list: what every matching placement adds up to."""

    count: int = 0
    #: Exits to a job, a training or a business, and the positive ones.
    exits: int = 0
    positive: int = 0
    #: Positive job or business exits whose three months have passed, and those retained.
    measured: int = 0
    retained: int = 0

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        """A percentage with one decimal; None when ``whole`` is 0."""
        return None if not whole else round(100 * part / whole + 1e-9, 1)

    @property
    def positive_rate(self) -> float | None:
        return self.rate(self.positive, self.exits)

    @property
    def retention_rate(self) -> float | None:
        return self.rate(self.retained, self.measured)


def totals_statement(query: PlacementQuery, today: date) -> Select[Any]:
    """The SQL of :func:`placement_totals`: one aggregate over the matching rows."""
    sql = _columns(today)
    p = sql.p
    is_exit = case((p.kind != PlacementKind.PERIOD.value, 1), else_=0)
    measured = case((sql.measured, 1), else_=0)
    kept = case((and_(sql.measured, p.retained == 1), 1), else_=0)
    statement = _from(
        select(
            func.count(),
            func.coalesce(func.sum(is_exit), 0),
            func.coalesce(func.sum(p.positive), 0),
            func.coalesce(func.sum(measured), 0),
            func.coalesce(func.sum(kept), 0),
        ),
        sql,
        query,
        joins=frozenset(),
    )
    return _filtered(statement, query, sql)


def placement_totals(session: Session, query: PlacementQuery, today: date) -> PlacementTotals:
    """How many placements match, and their positive exits and retention."""
    found = session.connection().execute(totals_statement(query, today)).one()
    return PlacementTotals(*(int(value or 0) for value in found))


@dataclass(frozen=True)
class PlacementRow:
    """What one line of the list shows."""

    kind: PlacementKind
    row_id: int
    case_id: int
    order_number: str
    last_name: str
    first_name: str
    phone: str | None
    referent: str
    organisation: str | None
    job: str | None
    rome: str | None
    start: date
    end: date | None
    #: None for a company period (not an exit).
    positive: bool | None
    #: The rule that decided, in French (None for a company period).
    verdict: str | None
    state: PlacementState
    #: The four follow-up windows of a positive exit (empty otherwise).
    windows: tuple[Window, ...]
    retained: bool | None
    #: J + 3 months for a positive job or business exit, else None.
    retention_due: date | None

    @property
    def key(self) -> tuple[str, int]:
        """Unique in the list: a period and an exit may share an id."""
        return (self.kind.value, self.row_id)

    @property
    def beneficiary(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    @property
    def is_exit(self) -> bool:
        return self.kind is not PlacementKind.PERIOD


_EXIT_FACTS = (
    Exit.id, Exit.date, Exit.reason, Exit.employment_contract, Exit.employment_start,
    Exit.employment_end, Exit.employment_full_time, Exit.employment_hours_per_month,
    Exit.training_hours_total, Exit.training_hours_per_week, Exit.training_qualifying,
    Exit.training_afpr, Exit.business_auto_entrepreneur,
)  # fmt: skip


def _exit_facts(session: Session, ids: Sequence[int]) -> dict[int, Any]:
    """The exits ``ids`` as the rules read them (named attributes)."""
    if not ids:
        return {}
    names = [c.key for c in _EXIT_FACTS]
    rows = session.connection().execute(select(*_EXIT_FACTS).where(Exit.id.in_(ids)))
    return {row[0]: SimpleNamespace(**dict(zip(names, row, strict=True))) for row in rows}


def _follow_ups(session: Session, case_ids: Sequence[int]) -> dict[int, list[Any]]:
    """The follow-up interviews of the cases ``case_ids``, as :func:`windows_after` reads."""
    found: dict[int, list[Any]] = {}
    if not case_ids:
        return found
    query = select(Interview.case_id, Interview.date, Interview.kind, Interview.status).where(
        Interview.case_id.in_(case_ids), Interview.kind == InterviewKind.FOLLOW_UP
    )
    for case_id, day, kind, status in session.connection().execute(query):
        found.setdefault(case_id, []).append(SimpleNamespace(date=day, kind=kind, status=status))
    return found


def placement_page(
    session: Session,
    query: PlacementQuery,
    today: date,
    *,
    offset: int = 0,
    size: int = PAGE_SIZE,
) -> list[PlacementRow]:
    """``size`` placements of ``query`` from ``offset`` in its order, with what they show."""
    found = session.connection().execute(page_statement(query, today, offset=offset, size=size))
    raw = found.all()
    exits = _exit_facts(session, [r.row_id for r in raw if r.kind != PlacementKind.PERIOD.value])
    followed = _follow_ups(session, [r.case_id for r in raw if r.positive])
    rows = []
    for values in raw:
        (kind, row_id, case_id, number, last, first, phone, referent, organisation, job, rome,
         start, end, positive, retained, state) = values  # fmt: skip
        kind = PlacementKind(kind)
        facts = exits.get(row_id) if kind is not PlacementKind.PERIOD else None
        verdict = classify_exit(facts).reason if facts is not None else None
        is_positive = None if kind is PlacementKind.PERIOD else bool(positive)
        windows = tuple(windows_after(start, followed.get(case_id, []))) if positive else ()
        checked = checks_retention(kind, is_positive)
        rows.append(
            PlacementRow(
                kind=kind, row_id=row_id, case_id=case_id, order_number=number,
                last_name=last, first_name=first, phone=phone, referent=referent,
                organisation=organisation, job=job, rome=rome, start=start, end=end,
                positive=is_positive, verdict=verdict, state=PlacementState(state),
                windows=windows,
                retained=None if retained is None else bool(retained),
                retention_due=add_months(start, FOLLOW_UP_MONTHS) if checked else None,
            )
        )  # fmt: skip
    return rows


@dataclass(frozen=True)
class PlacementView:
    """What the page reads after each change: the totals, and the first rows."""

    totals: PlacementTotals
    rows: list[PlacementRow]


def first_rows(
    session: Session, query: PlacementQuery, today: date, *, size: int = PAGE_SIZE
) -> PlacementView:
    """The totals of ``query`` and its first ``size`` rows."""
    rows = placement_page(session, query, today, size=size)
    totals = placement_totals(session, query, today) if rows else PlacementTotals()
    return PlacementView(totals, rows)


# --- Phase 2 without a company period -------------------------------------------------------


@dataclass(frozen=True)
class MissingPeriod:
    """A running case in phase 2 without the company period the contract requires."""

    case_id: int
    order_number: str
    beneficiary: str
    referent: str
    phase2_start: date
    #: S + 4 months: the office's deadline for planning one (``company_period``).
    plan_by: date


def cases_without_period(
    session: Session, today: date, *, referent_id: int | None = None
) -> list[MissingPeriod]:
    """The running cases in phase 2 without a company period of 7 days at least (the
    flag of the case list), the longest in phase 2 first."""
    query = (
        select(Case.id, Case.order_number, Beneficiary.last_name, Beneficiary.first_name,
               Referent.full_name, Case.phase2_start, Case.start_date)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .join(Referent, Referent.id == Case.referent_id)
        .where(needs_period_expression(today))
        .order_by(Case.phase2_start, Case.order_number)
    )  # fmt: skip
    if referent_id is not None:
        query = query.where(Case.referent_id == referent_id)
    return [
        MissingPeriod(
            case_id, number, f"{last.upper()} {first}", referent, phase2, add_months(start, 4)
        )  # fmt: skip
        for case_id, number, last, first, referent, phase2, start in session.execute(query)
    ]
