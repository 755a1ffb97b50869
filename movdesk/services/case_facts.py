"""What the rules read of many cases, as light rows: the fast loader (faits des dossiers).

Speed (**decision**, moved here from ``movdesk deadlines`` so that the case list's
summary refresh shares it): building ORM entities for every interview costs about ten
times reading the same rows, so :func:`load_facts` reads only the columns the rules
need, with one Core statement per table (cases, interviews, suspensions, company
periods, exits, barriers handed to a partner), and returns light :class:`CaseFacts`
objects with the entities' attribute names; the rules accept either
(``movdesk.rules`` reads attributes only).

:func:`may_have_open_deadlines` is the SQL filter that leaves out only the cases that
cannot have an open deadline whatever their details (see :mod:`movdesk.rules.deadlines`).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    and_,
    func,
    not_,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from ..models import (
    INTERRUPTION_REASONS,
    Barrier,
    Beneficiary,
    Case,
    CaseStatus,
    CompanyPeriod,
    Exit,
    ExitReason,
    Interview,
    InterviewKind,
    InterviewStatus,
    Partner,
    Referent,
    Suspension,
)
from ..rules.calendar import add_months
from ..rules.timeline import CLOCK_KINDS

#: The case columns the deadline rules read, by the entity's attribute names.
_CASE_COLUMNS = (
    Case.order_number, Case.start_date, Case.end_date, Case.renewal_new_end_date,
    Case.status, Case.contracting_date, Case.contracting_result, Case.contract_sent_date,
    Case.refusal_notice_date, Case.phase2_start, Case.offers_subscription_date,
    Case.online_profile_date, Case.renewal_envisaged, Case.renewal_decision_date,
    Case.intermediate_sent_date, Case.final_sent_date,
)  # fmt: skip
_EXIT_COLUMNS = (
    Exit.date, Exit.reason, Exit.notice_sent_date, Exit.employment_contract,
    Exit.employment_start, Exit.employment_end, Exit.employment_full_time,
    Exit.employment_hours_per_month, Exit.training_hours_total, Exit.training_hours_per_week,
    Exit.training_qualifying, Exit.training_afpr, Exit.business_auto_entrepreneur,
    Exit.retained_at_3_months,
)  # fmt: skip


@dataclass(slots=True)
class Person:
    """The referent or the beneficiary, as far as the deadlines list shows them."""

    full_name: str = ""
    display_name: str = ""


@dataclass(slots=True)
class CaseFacts:
    """What the deadline rules read of a case, with :class:`Case`'s attribute names."""

    order_number: str
    start_date: date
    end_date: date
    renewal_new_end_date: date | None
    status: CaseStatus
    contracting_date: date | None
    contracting_result: Any
    contract_sent_date: date | None
    refusal_notice_date: date | None
    phase2_start: date | None
    offers_subscription_date: date | None
    online_profile_date: date | None
    renewal_envisaged: bool
    renewal_decision_date: date | None
    intermediate_sent_date: date | None
    final_sent_date: date | None
    referent: Person = field(default_factory=Person)
    beneficiary: Person = field(default_factory=Person)
    interviews: list[Any] = field(default_factory=list)
    suspensions: list[Any] = field(default_factory=list)
    company_periods: list[Any] = field(default_factory=list)
    exit: Any = None
    #: Only the barriers handed to a partner and awaiting an answer (partner follow-ups).
    barriers: list[Any] = field(default_factory=list)


def _finished_exit(today: date) -> ColumnElement[bool]:
    """SQL: an exit after which nothing can be open, whatever the rules find positive.

    Interruption notified; intermediate report sent, or the exit came before S + 59 days
    (so before S + 2 months, whatever the months); no follow-up window left (J before
    today − 4 months, so J + 3 months is past) and retention recorded unless it is a
    training (never checked).
    """
    placements = (ExitReason.EMPLOYMENT, ExitReason.TRAINING, ExitReason.BUSINESS)
    return (
        select(Exit.id)
        .where(
            Exit.case_id == Case.id,
            or_(
                Case.intermediate_sent_date.is_not(None),
                func.julianday(Exit.date) < func.julianday(Case.start_date) + 59,
            ),
            or_(Exit.reason.not_in(INTERRUPTION_REASONS), Exit.notice_sent_date.is_not(None)),
            or_(
                Exit.reason.not_in(placements),
                and_(
                    Exit.date < add_months(today, -4),
                    or_(
                        Exit.reason == ExitReason.TRAINING,
                        Exit.retained_at_3_months.is_not(None),
                    ),
                ),
            ),
        )
        .exists()
    )


def may_have_open_deadlines(today: date) -> ColumnElement[bool]:
    """SQL: the cases for which the rules can still find an open deadline.

    Left out: a refusal already notified, a no-show whose S + 7 has passed, and a case
    ended by an exit with every deliverable sent and nothing left after the exit.
    """
    notified_refusal = and_(
        Case.status == CaseStatus.REFUSED, Case.refusal_notice_date.is_not(None)
    )
    past_no_show = and_(
        Case.status == CaseStatus.NO_SHOW, Case.start_date < today - timedelta(days=7)
    )
    done = and_(
        Case.contract_sent_date.is_not(None),
        Case.final_sent_date.is_not(None),
        _finished_exit(today),
    )
    return not_(or_(notified_refusal, past_no_show, done))


def _stored_text(column: Any) -> Any:
    """An enum column read as its stored code: the rules compare by value, and turning
    some 100,000 interview codes into enum members would cost more than reading them."""
    return type_coerce(column, String).label(column.key)


_INTERVIEW_COLUMNS = (
    Interview.case_id,
    Interview.date,
    Interview.minutes,
    _stored_text(Interview.kind),
    _stored_text(Interview.status),
)


def _attach(connection: Connection, query: Select[Any], lists: dict[int, list[Any]]) -> None:
    """Append each row of ``query`` (``case_id`` first) to its case's list."""
    for row in connection.execute(query):
        lists[row[0]].append(row)


def deadline_interviews(ids: Any, today: date) -> Select[Any]:
    """Only the interviews the deadline rules can look at on ``today``.

    ``ids`` is a selectable of case ids (:func:`id_source`). The rules read, of a case's
    interviews: the last attended one that keeps the 14-day clock
    (``last_clock_interview``), those of the current week (``current_week``) and the
    follow-up ones after the exit (``windows_after``). The later ones are read too, so
    the same rows serve every day from ``today`` on (the stored deadline schedules of
    :mod:`movdesk.services.schedule`); there are few. Everything older is history:
    leaving it in the database divides the rows read by about seven on a large office.
    Each part walks the case-and-date index from where it needs to start, instead of
    testing every interview of every case.
    """
    earlier = aliased(Interview)
    last_day = (
        select(earlier.date)
        .where(
            earlier.case_id == Case.id,
            earlier.date <= today,
            earlier.status == InterviewStatus.ATTENDED,
            earlier.kind.in_(CLOCK_KINDS),
        )
        .order_by(earlier.date.desc())
        .limit(1)
        .scalar_subquery()
    )
    last_clock = (
        select(*_INTERVIEW_COLUMNS)
        .select_from(Case)
        .join(Interview, and_(Interview.case_id == Case.id, Interview.date == last_day))
        .where(Case.id.in_(ids))
    )
    monday = today - timedelta(days=today.weekday())
    from_this_week = select(*_INTERVIEW_COLUMNS).where(
        Interview.case_id.in_(ids), Interview.date >= monday
    )
    follow_up = (
        select(*_INTERVIEW_COLUMNS)
        .select_from(Exit)
        .join(Interview, and_(Interview.case_id == Exit.case_id, Interview.date >= Exit.date))
        .where(Exit.case_id.in_(ids), Interview.kind == InterviewKind.FOLLOW_UP)
    )
    # An interview found twice (the last one, and one of this week) is harmless to the rules.
    return union_all(last_clock, from_this_week, follow_up)  # type: ignore[return-value]


def id_source(connection: Connection, ids: list[int], wanted: ColumnElement[bool]) -> Any:
    """The case ids as a selectable for ``IN``: one JSON parameter on SQLite (any count,
    nothing to compile per id), else the filter itself as a subquery."""
    if connection.dialect.name == "sqlite" and sqlite3.sqlite_version_info >= (3, 38):
        # JSON functions are part of every SQLite since 3.38 (Python 3.11 ships later).
        listed = func.json_each(json.dumps(ids)).table_valued("value")
        return select(listed.c.value)
    return select(Case.id).where(wanted)


def load_facts(
    session: Session, wanted: ColumnElement[bool], *, deadlines_on: date | None = None
) -> dict[int, CaseFacts]:
    """The facts of the cases matching ``wanted`` (SQL on :class:`Case`), by case id.

    Core statements on the session's connection: rows, not entities (module notes).
    With ``deadlines_on``, only the interviews that the deadlines of that day depend on
    are read (:func:`deadline_interviews`); the deadlines come out the same.
    """
    query = (
        select(Case.id, Referent.full_name, Beneficiary.last_name, Beneficiary.first_name,
               *_CASE_COLUMNS)
        .join(Referent, Case.referent_id == Referent.id)
        .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
        .where(wanted)
    )  # fmt: skip
    connection = session.connection()
    referents: dict[str, Person] = {}
    kept: dict[int, CaseFacts] = {}
    for case_id, referent_name, last, first, *columns in connection.execute(query):
        facts = CaseFacts(*columns)
        facts.referent = referents.setdefault(referent_name, Person(full_name=referent_name))
        facts.beneficiary = Person(display_name=f"{last.upper()} {first}")
        kept[case_id] = facts
    # The case filter is evaluated once, above; the detail statements take its ids.
    ids = id_source(connection, list(kept), wanted)
    if deadlines_on is None:
        interviews = select(*_INTERVIEW_COLUMNS).where(Interview.case_id.in_(ids))
    else:
        interviews = deadline_interviews(ids, deadlines_on)
    _attach(connection, interviews, {i: f.interviews for i, f in kept.items()})
    for entity, attribute in ((Suspension, "suspensions"), (CompanyPeriod, "company_periods")):
        periods = select(entity.case_id, entity.start_date, entity.end_date).where(
            entity.case_id.in_(ids)
        )
        _attach(connection, periods, {i: getattr(f, attribute) for i, f in kept.items()})
    exits = select(Exit.case_id, *_EXIT_COLUMNS).where(Exit.case_id.in_(ids))
    for row in connection.execute(exits):
        kept[row[0]].exit = row
    _attach(connection, open_referrals(ids), {i: f.barriers for i, f in kept.items()})
    return kept


def open_referrals(ids: Any) -> Select[Any]:
    """The barriers of the cases ``ids`` handed to a partner and not answered yet, with
    what :func:`movdesk.rules.deadlines.partner_follow_ups` reads."""
    return (
        select(
            Barrier.case_id,
            Barrier.partner_id,
            Barrier.referred_on,
            Barrier.follow_up_on,
            Barrier.referral_closed_on,
            _stored_text(Barrier.status),
            _stored_text(Barrier.category),
            Partner.name.label("partner_name"),
        )
        .join(Partner, Partner.id == Barrier.partner_id)
        .where(
            Barrier.case_id.in_(ids),
            Barrier.referred_on.is_not(None),
            Barrier.referral_closed_on.is_(None),
        )
    )
