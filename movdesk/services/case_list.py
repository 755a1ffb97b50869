"""The case list (liste des bénéficiaires): which cases match, in which order, shown how.

The list window reads the list by pages (**decision**): after each keystroke it needs
only :func:`first_page`: how many cases match (:func:`case_count`, for the count under
the list) and the first :data:`PAGE_SIZE` ids in sort order with their display rows
(:func:`case_page`). The next page is read when the view reaches the end of the rows it
has, starting after the sort values of the last row read (keyset pagination: each page
costs the same, however far down it is). :func:`case_ids` still returns every matching
id, sorted, for what needs the whole list; :func:`rows_for` reads the display values of
any ids in one query. All read ``case_summary`` through an outer join, so a case whose
summary was not computed yet is still listed (without next deadline nor alerts, sorted
last).

Status, phase and day n are computed in SQL from the case's columns, mirroring
:func:`movdesk.rules.timeline.effective_status`, :func:`~movdesk.rules.timeline.phase` and
:func:`~movdesk.rules.timeline.case_end_date` (a test compares them on demo cases), so
that the database can filter and sort on them.

Search is :mod:`movdesk.services.case_search`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..models import (
    Beneficiary,
    Case,
    CaseStatus,
    CaseSummary,
    CompanyPeriod,
    ContractingResult,
    Exit,
    Referent,
)
from ..rules.deadlines import MIN_COMPANY_PERIOD_DAYS, deadline_status
from .case_search import has_unsummarised, search_condition, search_ids

#: Ids (and display rows) read at once: the first page after each keystroke, and one
#: more each time the view reaches the end of the rows it has.
PAGE_SIZE = 200

#: SQLite's ``julianday()`` of a date is its ``date.toordinal()`` plus this.
JULIAN_DAY_OF_ORDINAL_0 = 1721424.5

#: Statuses of cases that never entered the service: no day count is shown for them.
NOT_STARTED = (CaseStatus.NO_SHOW, CaseStatus.REFUSED)


class SortKey(StrEnum):
    """What the list can be sorted on, one per column."""

    ORDER_NUMBER = "order_number"
    BENEFICIARY = "beneficiary"
    REFERENT = "referent"
    STATUS = "status"
    PHASE = "phase"
    DAY = "day"
    LAST_INTERVIEW = "last_interview"
    NEXT_DUE = "next_due"
    ALERTS = "alerts"


@dataclass(frozen=True)
class CaseListQuery:
    """The search text, the filters and the order of the case list."""

    text: str = ""
    referent_id: int | None = None
    #: Effective statuses to keep; empty keeps all.
    statuses: frozenset[CaseStatus] = field(default_factory=frozenset)
    #: 1 or 2; None keeps all.
    phase: int | None = None
    #: Only the cases with a deadline past or an alert (« En retard »).
    late_only: bool = False
    #: Only the running cases in phase 2 without a company period of 7 days at least.
    without_period: bool = False
    sort: SortKey = SortKey.NEXT_DUE
    descending: bool = False


@dataclass(frozen=True)
class CaseRow:
    """What one line of the list shows."""

    case_id: int
    order_number: str
    last_name: str
    first_name: str
    pe_id: str
    referent: str
    status: CaseStatus
    phase: int | None
    #: Day n (S is day 1), stopped at the end of the case; None before S.
    day: int | None
    last_interview: date | None
    next_due: date | None
    next_label: str | None
    #: ``overdue``, ``today``, ``soon`` or ``later`` as of today (None without deadline).
    next_status: str | None
    #: Open deadlines overdue or due on the day of the summary; None without summary.
    alert_count: int | None
    #: Running, in phase 2, and no company period of 7 days at least (an alert).
    needs_period: bool = False
    #: Days from S to the current end (E, or the renewed end), both counted.
    total_days: int | None = None

    @property
    def beneficiary(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    @property
    def late(self) -> bool:
        return self.next_status == "overdue" or bool(self.alert_count)


class _Expressions:
    """The SQL of the computed columns as of one day."""

    def __init__(self, today: date) -> None:
        day = literal(today, Date)
        current_end = func.coalesce(Case.renewal_new_end_date, Case.end_date)
        recorded = type_coerce(Case.status, String)
        signed = Case.contracting_result == ContractingResult.SIGNED
        # The exit is looked for only for an active case past its end (SQLite stops at
        # the first false term), not joined to every case: sorting or filtering 50,000
        # cases on the status takes about half the time.
        # Its own case_exit, even in a statement that also joins case_exit (day n).
        no_exit = ~select(Exit.id).where(Exit.case_id == Case.id).correlate_except(Exit).exists()
        self.status: ColumnElement[Any] = case(
            (
                and_(recorded == CaseStatus.ACTIVE.value, current_end < day, no_exit),
                CaseStatus.ENDED_TERM.value,
            ),
            else_=recorded,
        )
        self.status_rank = case(
            {status.value: rank for rank, status in enumerate(CaseStatus)}, value=self.status
        )
        self.phase: ColumnElement[Any] = case(
            (and_(signed, Case.phase2_start.is_not(None)), 2), (signed, 1), else_=None
        )
        end = case(
            (Exit.id.is_not(None), Exit.date),
            (
                and_(signed, or_(current_end < day, recorded == CaseStatus.ENDED_TERM.value)),
                current_end,
            ),
            else_=None,
        )
        # julianday() of today worked out here once, not by SQLite on every row: the
        # « Jour » sort reads 50,000 rows (about a quarter faster).
        today_number = literal(today.toordinal() + JULIAN_DAY_OF_ORDINAL_0, Float)
        last_number = func.min(func.coalesce(func.julianday(end), today_number), today_number)
        number = cast(last_number - func.julianday(Case.start_date), Integer) + 1
        self.day: ColumnElement[Any] = case(
            (recorded.in_([s.value for s in NOT_STARTED]), None),
            # None before day 1, written so that SQLite works the number out once.
            else_=type_coerce(func.nullif(func.max(number, 0), 0), Integer),
        )
        self.late = or_(CaseSummary.next_due < day, CaseSummary.alert_count > 0)
        # Phase 2 of a running case without the mandatory company period (≥ 7 days).
        enough = (
            select(CompanyPeriod.id)
            .where(
                CompanyPeriod.case_id == Case.id,
                func.julianday(CompanyPeriod.end_date) - func.julianday(CompanyPeriod.start_date)
                >= MIN_COMPANY_PERIOD_DAYS - 1,
            )
            .correlate_except(CompanyPeriod)
            .exists()
        )
        self.needs_period: ColumnElement[Any] = and_(
            self.status == CaseStatus.ACTIVE.value,
            signed,
            Case.phase2_start.is_not(None),
            ~enough,
        )
        # The length of the case « n / total » is read against: E, or the renewed end.
        self.total_days: ColumnElement[Any] = (
            cast(func.julianday(current_end) - func.julianday(Case.start_date), Integer) + 1
        )


@lru_cache(maxsize=4)
def _expressions(today: date) -> _Expressions:
    """The computed columns as of ``today``, built once a day: building them takes
    SQLAlchemy about a millisecond, and a keystroke reads three statements."""
    return _Expressions(today)


def status_expression(today: date) -> ColumnElement[Any]:
    """SQL: the effective status code of a case (its ``Case`` row) as of ``today``."""
    return _expressions(today).status


def needs_period_expression(today: date) -> ColumnElement[Any]:
    """SQL: the case (its ``Case`` row) is running in phase 2 without a company period
    of 7 days at least, as of ``today``."""
    return _expressions(today).needs_period


def _searches_unsummarised(session: Session, query: CaseListQuery) -> bool:
    """The search of ``query`` must also read the names of cases without summary."""
    return bool(query.text.strip()) and has_unsummarised(session)


#: A column of the list's SQL: a mapped attribute or a computed expression.
_Column = ColumnElement[Any] | InstrumentedAttribute[Any]


def _sort_values(query: CaseListQuery, sql: _Expressions) -> list[_Column]:
    """What the list is sorted on, before the case id that breaks the ties."""
    keys: dict[SortKey, list[_Column]] = {
        SortKey.ORDER_NUMBER: [Case.order_number],
        SortKey.BENEFICIARY: [
            func.coalesce(CaseSummary.last_name_key, func.lower(Beneficiary.last_name)),
            func.coalesce(CaseSummary.first_name_key, func.lower(Beneficiary.first_name)),
        ],
        SortKey.REFERENT: [Referent.full_name],
        SortKey.STATUS: [sql.status_rank],
        SortKey.PHASE: [sql.phase],
        SortKey.DAY: [sql.day],
        SortKey.LAST_INTERVIEW: [CaseSummary.last_interview],
        SortKey.NEXT_DUE: [CaseSummary.next_due],
        SortKey.ALERTS: [CaseSummary.alert_count],
    }
    return keys[query.sort]


def _sort_terms(values: Sequence[_Column], descending: bool) -> list[ColumnElement[Any]]:
    """The ``ORDER BY`` on ``values`` (from :func:`_sort_values`), then the case id."""
    terms: list[ColumnElement[Any]] = []
    for expression in values:
        # Empty values last whichever the direction: a missing deadline is never "first".
        ordered = expression.desc() if descending else expression.asc()
        terms.append(ordered.nulls_last())
    terms.append(Case.id.desc() if descending else Case.id.asc())
    return terms


@dataclass(frozen=True)
class PageKey:
    """Where a page of the list ends: the sort values and the id of its last case."""

    values: tuple[Any, ...]
    case_id: int


def _after(query: CaseListQuery, sql: _Expressions, key: PageKey) -> ColumnElement[bool]:
    """The cases sorted after ``key``: the keyset condition mirroring :func:`_sort_terms`.

    Value by value, in the query's direction and with empty values last both ways: a case
    comes later when its value is beyond the key's, or empty while the key's is not, or
    equal and the next value (at the end, the case id) comes later.
    """
    values = _sort_values(query, sql)
    later: ColumnElement[bool] = (
        Case.id < key.case_id if query.descending else Case.id > key.case_id
    )
    for expression, value in reversed(list(zip(values, key.values, strict=True))):
        if value is None:
            # Only empty values follow an empty value.
            later = and_(expression.is_(None), later)
        else:
            beyond = expression < value if query.descending else expression > value
            later = or_(beyond, expression.is_(None), and_(expression == value, later))
    return later


def _base(
    select_: Select[Any],
    *,
    beneficiaries: bool = True,
    referents: bool = True,
    exits: bool = True,
    summaries: bool = True,
) -> Select[Any]:
    """From the case, joined to its beneficiary, referent, exit and summary unless told
    not to. Every case has one beneficiary and one referent, at most one exit and one
    summary: leaving a join out changes no count, and saves 50,000 lookups when nothing
    sorts nor filters on that table."""
    statement = select_.select_from(Case)
    if beneficiaries:
        statement = statement.join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
    if referents:
        statement = statement.join(Referent, Case.referent_id == Referent.id)
    if exits:
        statement = statement.outerjoin(Exit, Exit.case_id == Case.id)
    if summaries:
        statement = statement.outerjoin(CaseSummary, CaseSummary.case_id == Case.id)
    return statement


def _filtered(
    statement: Select[Any], query: CaseListQuery, sql: _Expressions, *, unsummarised: bool
) -> Select[Any]:
    """``statement`` kept to the cases the search text and the filters of ``query`` find."""
    searched = search_condition(query.text, unsummarised=unsummarised)
    if searched is not None:
        statement = statement.where(searched)
    if query.referent_id is not None:
        statement = statement.where(Case.referent_id == query.referent_id)
    if query.statuses:
        statement = statement.where(sql.status.in_(sorted(s.value for s in query.statuses)))
    if query.phase is not None:
        statement = statement.where(sql.phase == query.phase)
    if query.late_only:
        statement = statement.where(sql.late)
    if query.without_period:
        statement = statement.where(sql.needs_period)
    return statement


def _sorted(
    columns: Sequence[_Column],
    values: Sequence[_Column],
    query: CaseListQuery,
    sql: _Expressions,
    *,
    unsummarised: bool,
) -> Select[Any]:
    """``columns`` of the cases of ``query``, sorted on ``values`` (its sort values, or
    the labels of these among ``columns``: each is then computed once a case)."""
    # Only day n joins the exit (the status looks for it itself).
    by_exit = query.sort is SortKey.DAY
    statement = _base(
        select(*columns),
        beneficiaries=query.sort is SortKey.BENEFICIARY,
        referents=query.sort is SortKey.REFERENT,
        exits=by_exit,
    )
    statement = _filtered(statement, query, sql, unsummarised=unsummarised)
    return statement.order_by(*_sort_terms(values, query.descending))


def list_statement(query: CaseListQuery, today: date, *, unsummarised: bool = True) -> Select[Any]:
    """The SQL of :func:`case_ids`."""
    sql = _expressions(today)
    values = _sort_values(query, sql)
    return _sorted([Case.id], values, query, sql, unsummarised=unsummarised)


def page_statement(
    query: CaseListQuery,
    today: date,
    *,
    after: PageKey | None = None,
    size: int = PAGE_SIZE,
    unsummarised: bool = True,
) -> Select[Any]:
    """The SQL of :func:`case_page`: the id and sort values of ``size`` + 1 cases (the one
    more says whether another page follows) sorted after ``after``, or from the first."""
    sql = _expressions(today)
    values = [value.label(f"sort_{n}") for n, value in enumerate(_sort_values(query, sql))]
    statement = _sorted([Case.id, *values], values, query, sql, unsummarised=unsummarised)
    if after is not None:
        statement = statement.where(_after(query, sql, after))
    return statement.limit(size + 1)


def count_statement(query: CaseListQuery, today: date, *, unsummarised: bool = True) -> Select[Any]:
    """The SQL of :func:`case_count`: no sort, and only the joins the filters read.

    A search without filter counts the ids it finds on the indexes, without reading the
    cases (two to three times faster for a name found in thousands of cases); except
    inside order numbers, which are tested on each case read anyway.
    """
    filtered = (
        query.referent_id is not None or query.statuses or query.phase is not None
        or query.late_only or query.without_period
    )  # fmt: skip
    found = None if filtered else search_ids(query.text, unsummarised=unsummarised)
    if found is not None:
        ids = found.subquery()
        return select(func.count(distinct(ids.c[0])))
    statement = _base(
        select(func.count()),
        beneficiaries=False,
        referents=False,
        exits=False,
        summaries=query.late_only,
    )
    return _filtered(statement, query, _expressions(today), unsummarised=unsummarised)


def case_ids(session: Session, query: CaseListQuery, today: date) -> list[int]:
    """Every case matching ``query``, sorted as it asks, as ids."""
    statement = list_statement(query, today, unsummarised=_searches_unsummarised(session, query))
    return list(session.connection().execute(statement).scalars())


def case_count(session: Session, query: CaseListQuery, today: date) -> int:
    """How many cases match ``query`` (``len(case_ids(…))`` without reading them)."""
    statement = count_statement(query, today, unsummarised=_searches_unsummarised(session, query))
    return int(session.connection().execute(statement).scalar_one())


@dataclass(frozen=True)
class CasePage:
    """One page of the list: its cases in order, with their display rows."""

    ids: tuple[int, ...]
    #: The display values of ``ids`` (a case removed meanwhile is absent), unless the
    #: page was read without them.
    rows: dict[int, CaseRow]
    #: Where the next page starts; None when this page ends the list.
    next: PageKey | None


def case_page(
    session: Session,
    query: CaseListQuery,
    today: date,
    *,
    after: PageKey | None = None,
    size: int = PAGE_SIZE,
    rows: bool = True,
) -> CasePage:
    """The first ``size`` cases of ``query`` sorted after ``after`` (from the first
    without it), with their display rows unless ``rows`` is False: the pages put end to
    end are :func:`case_ids`.

    ``after`` is the :attr:`CasePage.next` of the previous page, read for the same query
    on the same day.
    """
    if size < 1:
        raise ValueError("a page holds one case at least")
    statement = page_statement(
        query, today, after=after, size=size, unsummarised=_searches_unsummarised(session, query)
    )
    found = session.connection().execute(statement).all()
    page = found[:size]
    ids = tuple(values[0] for values in page)
    following = PageKey(tuple(page[-1][1:]), page[-1][0]) if len(found) > size else None
    shown = rows_for(session, ids, today) if rows else {}
    return CasePage(ids=ids, rows=shown, next=following)


def rows_for(session: Session, ids: Sequence[int], today: date) -> dict[int, CaseRow]:
    """The display values of the cases ``ids`` (one query); removed cases are absent."""
    if not ids:
        return {}
    sql = _expressions(today)
    statement = _base(
        select(
            Case.id,
            Case.order_number,
            Beneficiary.last_name,
            Beneficiary.first_name,
            Beneficiary.pe_id,
            Referent.full_name,
            sql.status,
            sql.phase,
            sql.day,
            CaseSummary.last_interview,
            CaseSummary.next_due,
            CaseSummary.next_label,
            CaseSummary.alert_count,
            sql.needs_period,
            sql.total_days,
        )
    ).where(Case.id.in_(ids))
    rows: dict[int, CaseRow] = {}
    for values in session.connection().execute(statement):
        (case_id, number, last, first, pe_id, referent, status, phase, day,
         last_interview, next_due, next_label, alerts, needs_period, total) = values  # fmt: skip
        rows[case_id] = CaseRow(
            case_id=case_id,
            order_number=number,
            last_name=last,
            first_name=first,
            pe_id=pe_id,
            referent=referent,
            status=CaseStatus(status),
            phase=phase,
            day=day,
            last_interview=last_interview,
            next_due=next_due,
            next_label=next_label,
            next_status=deadline_status(next_due, today) if next_due else None,
            alert_count=alerts,
            needs_period=bool(needs_period),
            total_days=total,
        )
    return rows


def first_page(
    session: Session,
    query: CaseListQuery,
    today: date,
    *,
    size: int = PAGE_SIZE,
    rows: bool = True,
) -> tuple[int, CasePage]:
    """What the list reads after each keystroke: how many cases match, and the first
    page of them (see :func:`case_page`). The count is a query of its own only when more
    than one page matches."""
    page = case_page(session, query, today, size=size, rows=rows)
    count = len(page.ids) if page.next is None else case_count(session, query, today)
    return count, page


@dataclass(frozen=True)
class ReferentChoice:
    """A referent for the list's filter."""

    id: int
    name: str
    active: bool


def referent_choices(session: Session) -> list[ReferentChoice]:
    """Every referent, active ones first, by name (the filter combo's entries)."""
    query = select(Referent.id, Referent.full_name, Referent.active).order_by(
        Referent.active.desc(), Referent.full_name
    )
    return [ReferentChoice(*row) for row in session.execute(query)]
