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
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    Date,
    Select,
    and_,
    case,
    func,
    literal,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from ..models import (
    Beneficiary,
    Case,
    CaseSummary,
    CompanyPeriod,
    Employer,
    Exit,
    ExitReason,
    Interview,
    InterviewKind,
    Referent,
)
from ..rules.calendar import add_months
from ..rules.outcomes import classify_exit
from ..rules.placements import (
    FOLLOW_UP_MONTHS,
    PlacementKind,
    PlacementState,
    checks_retention,
    placement_state,
)
from ..rules.timeline import Window, windows_after
from .case_list import needs_period_expression
from .placement_sql import (
    kind_rank,
    next_follow_up_expression,
    placements_union,
    retention_checked,
    retention_rank,
    sql_add_months,
    state_of,
)

#: Rows read at once: the first page after each change, one more at each scroll.
PAGE_SIZE = 200


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


#: Each sort: the columns it reads, the tables it joins, its values.
_SORTS: dict[PlacementSort, tuple[frozenset[str], frozenset[str], Any]] = {
    PlacementSort.ORDER_NUMBER: (frozenset(), frozenset({"case"}),
                                 lambda p, t: [Case.order_number]),
    # The case list's keys: names folded by Python (« ÉTIENNE » among the E); SQLite's
    # lower() leaves accented capitals as they are.
    PlacementSort.BENEFICIARY: (
        frozenset(), frozenset({"beneficiary", "summary"}),
        lambda p, t: [
            func.coalesce(CaseSummary.last_name_key, func.lower(Beneficiary.last_name)),
            func.coalesce(CaseSummary.first_name_key, func.lower(Beneficiary.first_name)),
        ],
    ),
    PlacementSort.REFERENT: (frozenset(), frozenset({"referent"}),
                             lambda p, t: [Referent.full_name]),
    PlacementSort.KIND: (frozenset(), frozenset(), lambda p, t: [kind_rank(p)]),
    PlacementSort.ORGANISATION: (
        frozenset({"employer_id", "organisation_text"}), frozenset({"employer"}),
        lambda p, t: [func.lower(func.coalesce(Employer.name, p.organisation_text))],
    ),
    PlacementSort.JOB: (frozenset({"job"}), frozenset(), lambda p, t: [func.lower(p.job)]),
    PlacementSort.START: (frozenset(), frozenset(), lambda p, t: [p.start]),
    PlacementSort.END: (frozenset({"end"}), frozenset(), lambda p, t: [p.end]),
    PlacementSort.VERDICT: (frozenset({"positive"}), frozenset(), lambda p, t: [p.positive]),
    PlacementSort.REASON: (frozenset({"positive"}), frozenset(),
                           lambda p, t: [p.positive, kind_rank(p)]),
    PlacementSort.FOLLOW_UP: (frozenset({"positive"}), frozenset(),
                              lambda p, t: [next_follow_up_expression(type_coerce(p.start, Date),
                                                            p.positive, t)]),
    PlacementSort.RETENTION: (frozenset({"positive", "retained"}), frozenset(),
                              lambda p, t: [retention_rank(p, t)]),
    PlacementSort.STATE: (
        frozenset({"end", "positive", "retained"}), frozenset(),
        lambda p, t: [case({s.value: rank for rank, s in enumerate(PlacementState)},
                           value=state_of(p, t))],
    ),
}  # fmt: skip
#: What a state filter reads.
_STATE_COLUMNS = frozenset({"end", "positive", "retained"})


def _joined(
    statement: Select[Any], placements: Any, query: PlacementQuery, joins: frozenset[str]
) -> Select[Any]:
    """``statement`` over ``placements``, joined to what the filters and ``joins`` need."""
    p = placements.c
    statement = statement.select_from(placements)
    if query.referent_id is not None or joins & {"case", "beneficiary", "referent"}:
        statement = statement.join(Case, Case.id == p.case_id)
    if "beneficiary" in joins:
        statement = statement.join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
    if "referent" in joins:
        statement = statement.join(Referent, Referent.id == Case.referent_id)
    if "employer" in joins:
        statement = statement.outerjoin(Employer, Employer.id == p.employer_id)
    if "summary" in joins:
        statement = statement.outerjoin(CaseSummary, CaseSummary.case_id == p.case_id)
    return statement


def _filtered(statement: Select[Any], query: PlacementQuery, p: Any, today: date) -> Select[Any]:
    """The filters of ``query`` but the kinds (the union holds only those)."""
    if query.referent_id is not None:
        statement = statement.where(Case.referent_id == query.referent_id)
    if query.states:
        statement = statement.where(state_of(p, today).in_(sorted(s.value for s in query.states)))
    if query.start_from is not None:
        statement = statement.where(type_coerce(p.start, Date) >= query.start_from)
    if query.start_to is not None:
        statement = statement.where(type_coerce(p.start, Date) <= query.start_to)
    return statement


def _order(values: Sequence[Any], ties: Sequence[Any], descending: bool) -> list[Any]:
    """``ORDER BY`` the sort values (empty ones last both ways), then the ties."""
    terms = [(v.desc() if descending else v.asc()).nulls_last() for v in values]
    return terms + [t.desc() if descending else t.asc() for t in ties]


def page_statement(
    query: PlacementQuery, today: date, *, offset: int = 0, size: int = PAGE_SIZE
) -> Select[Any]:
    """The SQL of :func:`placement_page`: the kind, id and case of ``size`` placements
    after ``offset`` in sort order.

    Only what the filters and the sort read is worked out and joined for every
    placement; what the page shows is read for its rows only (:func:`_rows_of`).
    """
    columns, joins, values_of = _SORTS[query.sort]
    if query.states:
        columns = columns | _STATE_COLUMNS
    placements = placements_union(columns, query.kinds)
    p = placements.c
    values = values_of(p, today)
    statement = _joined(select(p.kind, p.row_id, p.case_id), placements, query, joins)
    statement = _filtered(statement, query, p, today)
    ties = (p.case_id, p.kind, p.row_id)
    return statement.order_by(*_order(values, ties, query.descending)).limit(size).offset(offset)


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
    columns = frozenset({"positive", "retained"}) | (_STATE_COLUMNS if query.states else set())
    placements = placements_union(columns, query.kinds)
    p = placements.c
    is_exit = case((p.kind != PlacementKind.PERIOD.value, 1), else_=0)
    reached = and_(
        retention_checked(p),
        sql_add_months(type_coerce(p.start, Date), FOLLOW_UP_MONTHS) <= literal(today, Date),
    )
    measured = case((reached, 1), else_=0)
    kept = case((and_(reached, p.retained == 1), 1), else_=0)
    statement = _joined(
        select(
            func.count(),
            func.coalesce(func.sum(is_exit), 0),
            func.coalesce(func.sum(p.positive), 0),
            func.coalesce(func.sum(measured), 0),
            func.coalesce(func.sum(kept), 0),
        ),
        placements,
        query,
        frozenset(),
    )
    return _filtered(statement, query, p, today)


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
    Exit.id, Exit.case_id, Exit.date, Exit.reason, Exit.employment_contract,
    Exit.employment_start, Exit.employment_end, Exit.employment_full_time,
    Exit.employment_hours_per_month, Exit.training_hours_total, Exit.training_hours_per_week,
    Exit.training_qualifying, Exit.training_afpr, Exit.business_auto_entrepreneur,
    Exit.retained_at_3_months, Exit.training_end, Exit.employment_job_title,
    Exit.training_title, Exit.training_organisation, Exit.business_name,
)  # fmt: skip


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


@dataclass(frozen=True)
class _Shown:
    """What a row shows besides its case: the placement's own facts, from its table."""

    kind: PlacementKind
    start: date
    end: date | None
    organisation: str | None
    job: str | None
    rome: str | None
    exit: Any = None


def _shown(session: Session, keys: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int], _Shown]:
    """The facts of the periods and exits ``keys`` (read for one page only)."""
    connection = session.connection()
    found: dict[tuple[str, int], _Shown] = {}
    periods = [row_id for kind, row_id, _case in keys if kind == PlacementKind.PERIOD.value]
    if periods:
        query = (
            select(CompanyPeriod.id, CompanyPeriod.start_date, CompanyPeriod.end_date,
                   Employer.name, CompanyPeriod.job_title, CompanyPeriod.rome)
            .outerjoin(Employer, Employer.id == CompanyPeriod.employer_id)
            .where(CompanyPeriod.id.in_(periods))
        )  # fmt: skip
        for row_id, start, end, employer, job, rome in connection.execute(query):
            found[(PlacementKind.PERIOD.value, row_id)] = _Shown(
                PlacementKind.PERIOD, start, end, employer, job, rome
            )
    exits = [row_id for kind, row_id, _case in keys if kind != PlacementKind.PERIOD.value]
    if exits:
        names = [column.key for column in _EXIT_FACTS]
        query = (
            select(*_EXIT_FACTS, Employer.name.label("employer"))
            .outerjoin(Employer, Employer.id == Exit.employment_employer_id)
            .where(Exit.id.in_(exits))
        )
        for values in connection.execute(query):
            facts = SimpleNamespace(**dict(zip([*names, "employer"], values, strict=True)))
            kind = PlacementKind(ExitReason(facts.reason).value)
            if kind is PlacementKind.EMPLOYMENT:
                shown = (facts.employment_end, facts.employer, facts.employment_job_title)
            elif kind is PlacementKind.TRAINING:
                shown = (facts.training_end, facts.training_organisation, facts.training_title)
            else:
                shown = (None, facts.business_name, None)
            found[(kind.value, facts.id)] = _Shown(kind, facts.date, *shown, None, facts)
    return found


def _rows_of(
    session: Session, keys: Sequence[tuple[str, int, int]], today: date
) -> list[PlacementRow]:
    """The display rows of the placements ``keys``, in their order; the verdict, the
    state and the follow-up windows are the rules' own."""
    if not keys:
        return []
    cases = {
        row[0]: row[1:]
        for row in session.connection().execute(
            select(Case.id, Case.order_number, Beneficiary.last_name, Beneficiary.first_name,
                   Beneficiary.phone, Referent.full_name)
            .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
            .join(Referent, Referent.id == Case.referent_id)
            .where(Case.id.in_(sorted({case_id for _k, _i, case_id in keys})))
        )
    }  # fmt: skip
    shown = _shown(session, keys)
    verdicts = {key: classify_exit(s.exit) for key, s in shown.items() if s.exit is not None}
    positive_cases = {shown[key].exit.case_id for key, v in verdicts.items() if v.positive}
    followed = _follow_ups(session, sorted(positive_cases))
    rows = []
    for kind, row_id, case_id in keys:
        facts = shown.get((kind, row_id))
        if facts is None or case_id not in cases:
            continue  # removed since the keys were read: the change's reload follows
        number, last, first, phone, referent = cases[case_id]
        verdict = verdicts.get((kind, row_id))
        positive = None if verdict is None else verdict.positive
        retained = facts.exit.retained_at_3_months if facts.exit is not None else None
        windows = tuple(windows_after(facts.start, followed.get(case_id, []))) if positive else ()
        checked = checks_retention(facts.kind, positive)
        rows.append(
            PlacementRow(
                kind=facts.kind, row_id=row_id, case_id=case_id, order_number=number,
                last_name=last, first_name=first, phone=phone, referent=referent,
                organisation=facts.organisation, job=facts.job, rome=facts.rome,
                start=facts.start, end=facts.end, positive=positive,
                verdict=verdict.reason if verdict is not None else None,
                state=placement_state(facts.kind, facts.start, facts.end, positive, retained,
                                      today),
                windows=windows, retained=retained,
                retention_due=add_months(facts.start, FOLLOW_UP_MONTHS) if checked else None,
            )
        )  # fmt: skip
    return rows


def placement_page(
    session: Session,
    query: PlacementQuery,
    today: date,
    *,
    offset: int = 0,
    size: int = PAGE_SIZE,
) -> list[PlacementRow]:
    """``size`` placements of ``query`` from ``offset`` in its order, with what they show."""
    statement = page_statement(query, today, offset=offset, size=size)
    keys = [tuple(row) for row in session.connection().execute(statement)]
    return _rows_of(session, keys, today)  # type: ignore[arg-type]


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
