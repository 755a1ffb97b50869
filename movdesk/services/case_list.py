"""The case list (liste des bénéficiaires): which cases match, in which order, shown how.

The list window holds only case ids. :func:`case_ids` returns every matching id, already
sorted by the database; :func:`rows_for` reads the display values of one page of ids in
one query. Both read ``case_summary`` through an outer join, so a case whose summary
was not computed yet is still listed (without next deadline nor alerts, sorted last).

Status, phase and day n are computed in SQL from the case's columns, mirroring
:func:`movdesk.rules.timeline.effective_status`, :func:`~movdesk.rules.timeline.phase` and
:func:`~movdesk.rules.timeline.case_end_date` (a test compares them on demo cases), so
that the database can filter and sort on them.

Search (**decision**): the typed text is folded like the summary's name keys (lower
case, no accents) and matches the beginning of the last or first name, the beginning of
the PE identifier, or any part of the order number; several words must each match.
Each match is a range on an index, except « inside the order number », which reads
every case and so is tried only for text of three characters or more holding a digit
(every order number holds digits; « lc » or « 1 » would find nearly every case
anyway). A case without summary is searched on its names as stored, which finds
« Hélène » from « hél » or « Hél » but not from « hel » until the next refresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from ..models import Beneficiary, Case, CaseStatus, CaseSummary, ContractingResult, Exit, Referent
from ..rules.deadlines import deadline_status
from .summary import fold

#: Shortest text looked for inside order numbers (one or two digits are in most of them).
ORDER_SEARCH_MIN = 3

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
    #: Day n of 180 (S is day 1), stopped at the end of the case; None before S.
    day: int | None
    last_interview: date | None
    next_due: date | None
    next_label: str | None
    #: ``overdue``, ``today``, ``soon`` or ``later`` as of today (None without deadline).
    next_status: str | None
    #: Open deadlines overdue or due on the day of the summary; None without summary.
    alert_count: int | None

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
        self.status: ColumnElement[Any] = case(
            (
                and_(recorded == CaseStatus.ACTIVE.value, Exit.id.is_(None), current_end < day),
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
        last_day = func.min(func.coalesce(end, day), day)
        number = cast(func.julianday(last_day) - func.julianday(Case.start_date), Integer) + 1
        self.day: ColumnElement[Any] = case(
            (recorded.in_([s.value for s in NOT_STARTED]), None),
            (number < 1, None),
            else_=number,
        )
        self.late = or_(CaseSummary.next_due < day, CaseSummary.alert_count > 0)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` begins with ``prefix``, as a range an index can answer (binary order)."""
    return and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _word_matches(word: str, *, unsummarised: bool) -> ColumnElement[bool]:
    """One typed word: the ids of the cases it finds, as an ``IN`` over indexed selects.

    Each way of matching is its own select on an index (names on the summary's keys, PE
    identifier); only text with a digit, and of :data:`ORDER_SEARCH_MIN` characters at
    least, is looked for inside order numbers, the one search that reads every case (« lc »
    or « 1 » would find most of them anyway).
    """
    key = fold(word)
    if not key:  # a lone accent mark folds to nothing
        return false()
    found: list[Select[Any]] = [
        select(CaseSummary.case_id).where(_starts_with(CaseSummary.last_name_key, key)),
        select(CaseSummary.case_id).where(_starts_with(CaseSummary.first_name_key, key)),
    ]
    if any(c.isdigit() for c in word):
        found.append(
            select(Case.id)
            .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
            .where(_starts_with(Beneficiary.pe_id, "".join(word.split()).upper()))
        )
    if any(c.isdigit() for c in word) and len(key) >= ORDER_SEARCH_MIN:
        found.append(
            select(Case.id).where(Case.order_number.like(f"%{_like_escape(key)}%", escape="\\"))
        )
    if unsummarised:
        stored = [f"{_like_escape(text)}%" for text in {key, word}]
        found.append(
            select(Case.id)
            .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
            .outerjoin(CaseSummary, CaseSummary.case_id == Case.id)
            .where(
                CaseSummary.case_id.is_(None),
                or_(
                    *(
                        column.like(pattern, escape="\\")
                        for column in (Beneficiary.last_name, Beneficiary.first_name)
                        for pattern in stored
                    )
                ),
            )
        )
    # IN ignores repeats: no need for UNION's de-duplicating temporary tree.
    return Case.id.in_(union_all(*found))


def search_condition(text: str, *, unsummarised: bool = True) -> ColumnElement[bool] | None:
    """The SQL for the typed text; None when there is nothing to search.

    ``unsummarised``: also search the stored names of cases without a summary (only
    worth its full read while some case has none).
    """
    text = text.strip()
    if not text:
        return None
    whole = _word_matches(text, unsummarised=unsummarised)
    words = text.split()
    if len(words) == 1:
        return whole
    # « de la fontaine » is one last name; « durand sophie » is two words to match.
    return or_(whole, and_(*(_word_matches(w, unsummarised=unsummarised) for w in words)))


def has_unsummarised(session: Session) -> bool:
    """Some case has no summary row yet (two counts on indexes, not a join)."""
    cases = session.scalar(select(func.count()).select_from(Case)) or 0
    summaries = session.scalar(select(func.count()).select_from(CaseSummary)) or 0
    return cases > summaries


def _sort_terms(query: CaseListQuery, sql: _Expressions) -> list[ColumnElement[Any]]:
    keys: dict[SortKey, list[ColumnElement[Any]]] = {
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
    terms: list[ColumnElement[Any]] = []
    for expression in keys[query.sort]:
        # Empty values last whichever the direction: a missing deadline is never "first".
        ordered = expression.desc() if query.descending else expression.asc()
        terms.append(ordered.nulls_last())
    terms.append(Case.id.desc() if query.descending else Case.id.asc())
    return terms


def _base(select_: Select[Any], *, names: bool = True, exits: bool = True) -> Select[Any]:
    """From the case, with its summary; with its exit unless ``exits`` is False, and its
    beneficiary and referent unless ``names`` is False (every case has both: leaving them
    out changes no count, and the list of ids reads 50,000 rows fewer when it neither
    sorts nor filters on them)."""
    statement = select_.select_from(Case)
    if names:
        statement = statement.join(Beneficiary, Case.beneficiary_id == Beneficiary.id).join(
            Referent, Case.referent_id == Referent.id
        )
    if exits:
        statement = statement.outerjoin(Exit, Exit.case_id == Case.id)
    return statement.outerjoin(CaseSummary, CaseSummary.case_id == Case.id)


def list_statement(
    query: CaseListQuery, today: date, *, unsummarised: bool = True
) -> Select[Any]:
    """The SQL of :func:`case_ids`."""
    sql = _Expressions(today)
    by_name = query.sort in (SortKey.BENEFICIARY, SortKey.REFERENT)
    # Only the effective status and day n read the exit.
    by_exit = bool(query.statuses) or query.sort in (SortKey.STATUS, SortKey.DAY)
    statement = _base(select(Case.id), names=by_name, exits=by_exit)
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
    return statement.order_by(*_sort_terms(query, sql))


def case_ids(session: Session, query: CaseListQuery, today: date) -> list[int]:
    """Every case matching ``query``, sorted as it asks, as ids."""
    unsummarised = bool(query.text.strip()) and has_unsummarised(session)
    statement = list_statement(query, today, unsummarised=unsummarised)
    return list(session.connection().execute(statement).scalars())


def rows_for(session: Session, ids: Sequence[int], today: date) -> dict[int, CaseRow]:
    """The display values of the cases ``ids`` (one query); removed cases are absent."""
    if not ids:
        return {}
    sql = _Expressions(today)
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
        )
    ).where(Case.id.in_(ids))
    rows: dict[int, CaseRow] = {}
    for values in session.connection().execute(statement):
        (case_id, number, last, first, pe_id, referent, status, phase, day,
         last_interview, next_due, next_label, alerts) = values  # fmt: skip
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
        )
    return rows


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
