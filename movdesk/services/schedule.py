"""The open deadlines of every case, served from the stored deadline schedules.

``movdesk deadlines`` and the dashboard ask each day for the open deadlines of every
case. :func:`open_deadlines` answers from the stored schedules
(:mod:`movdesk.models.schedule`), so a day's list is one indexed read:

1. the cases without a usable schedule — new, changed since (the database triggers
   dropped it), or asked about a day before the schedule's ``since`` — are worked out
   again from their facts (:func:`~movdesk.rules.schedule.deadline_schedule`) and
   stored, in batches, each in its own transaction;
2. the deadlines open that day are read from the schedules; status and practical date
   follow from the due date and the day.

On a file that cannot be written (read-only, or locked by another program for longer
than the busy timeout), nothing is stored and the same list is worked out from the facts
of every case (:func:`live_deadlines`): slower, never different.

Speed (**decision**, issue on the rules engine): on a 50,000-case office, the day-by-day
rules take about 2 s for 12,000 active cases, the stored read well under 0.5 s
(``benchmarks/bench_deadlines.py`` prints both, with a plain ``sqlite3`` floor).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, case, delete, insert, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..models import (
    Beneficiary,
    Case,
    DeadlineSchedule,
    OfficeSettings,
    Referent,
    ScheduledDeadline,
)
from ..rules.calendar import practical_date
from ..rules.deadlines import KIND_ORDER, case_deadlines, deadline_status
from ..rules.schedule import deadline_schedule
from .batches import Cancel, Cancelled, Progress, write_in_batches
from .case_facts import load_facts, may_have_open_deadlines


class DeadlineItem(NamedTuple):
    """One open deadline of one case, with whom it concerns, as lists show it.

    A named tuple: lists hold tens of thousands, and it is the cheapest to make.
    """

    case_id: int
    order_number: str
    beneficiary: str
    referent: str
    kind: str
    due: date
    practical_due: date
    #: ``overdue``, ``today``, ``soon`` (within 7 days) or ``later``.
    status: str
    label: str


def _sort_key(item: DeadlineItem) -> tuple[date, str, int]:
    """Soonest first, then by order number, then in the kinds table's order."""
    return item.due, item.order_number, KIND_ORDER[item.kind]


def _open_on(today: date) -> ColumnElement[bool]:
    """SQL: the stored deadline is open on ``today`` (an empty bound is open-ended)."""
    d = ScheduledDeadline
    return and_(
        or_(d.open_from.is_(None), d.open_from <= today),
        or_(d.open_until.is_(None), d.open_until >= today),
    )


def unscheduled_case_ids(session: Session, today: date) -> list[int]:
    """The cases whose stored schedule is missing or starts after ``today``."""
    query = (
        select(Case.id)
        .outerjoin(DeadlineSchedule, DeadlineSchedule.case_id == Case.id)
        .where(or_(DeadlineSchedule.case_id.is_(None), DeadlineSchedule.since > today))
        .order_by(Case.id)
    )
    return list(session.connection().execute(query).scalars())


def store_schedules(session: Session, case_ids: Sequence[int], since: date) -> int:
    """Work out and store the schedules of ``case_ids`` from ``since`` on (not committed).

    Returns how many deadlines were stored. A case that can have no open deadline from
    ``since`` on (:func:`may_have_open_deadlines`) gets an empty schedule.
    """
    connection = session.connection()
    connection.execute(delete(DeadlineSchedule).where(DeadlineSchedule.case_id.in_(case_ids)))
    existing = list(connection.execute(select(Case.id).where(Case.id.in_(case_ids))).scalars())
    if not existing:
        return 0
    connection.execute(insert(DeadlineSchedule), [{"case_id": i, "since": since} for i in existing])
    wanted = and_(Case.id.in_(existing), may_have_open_deadlines(since))
    rows = [
        {
            "case_id": case_id,
            "kind": item.kind,
            "due": item.due,
            "label": item.label,
            "open_from": item.open_from,
            "open_until": item.open_until,
        }
        for case_id, facts in load_facts(session, wanted, deadlines_on=since).items()
        for item in deadline_schedule(facts, since)
    ]
    if rows:
        connection.execute(insert(ScheduledDeadline), rows)
    return len(rows)


def open_items_of(
    session: Session, case_ids: Sequence[int], today: date
) -> dict[int, list[tuple[str, date, str]]]:
    """The ``(kind, due, label)`` open on ``today`` of each case of ``case_ids``.

    Schedules missing or starting after ``today`` are worked out and stored first, in
    ``session`` (not committed). A case with nothing open is left out.
    """
    connection = session.connection()
    usable = set(
        connection.execute(
            select(DeadlineSchedule.case_id).where(
                DeadlineSchedule.case_id.in_(case_ids), DeadlineSchedule.since <= today
            )
        ).scalars()
    )
    missing = [i for i in case_ids if i not in usable]
    if missing:
        store_schedules(session, missing, today)
    d = ScheduledDeadline
    query = select(d.case_id, d.kind, d.due, d.label).where(
        d.case_id.in_(case_ids),
        _open_on(today),
    )
    found: dict[int, list[tuple[str, date, str]]] = {}
    for case_id, kind, due, label in connection.execute(query):
        found.setdefault(case_id, []).append((kind, due, label))
    return found


def bring_up_to_date(
    factory: sessionmaker[Session],
    today: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Store the schedule of every case that has none usable on ``today``; how many cases.

    One transaction per batch: other writers wait one batch at most, and a cancelled
    pass (:class:`Cancelled`) keeps what it stored. A database that cannot be written
    raises :class:`~sqlalchemy.exc.OperationalError`.
    """
    with factory() as session:
        ids = unscheduled_case_ids(session, today)

    def write(session: Session, batch: Sequence[int]) -> None:
        store_schedules(session, batch, today)

    if write_in_batches(factory, ids, write, progress=progress, cancel=cancel) < len(ids):
        raise Cancelled
    return len(ids)


def _alsace_moselle(session: Session) -> bool:
    settings = session.get(OfficeSettings, 1)
    return bool(settings and settings.alsace_moselle)


def stored_statement(
    today: date,
    *,
    referent_id: int | None = None,
    due_between: tuple[date, date] | None = None,
) -> Select[Any]:
    """The deadlines open on ``today`` in the schedules usable that day, with their case
    (of one referent; due within ``due_between``, both days included)."""
    d = ScheduledDeadline
    query = (
        select(d.case_id, Case.order_number, Beneficiary.last_name, Beneficiary.first_name,
               Referent.full_name, d.kind, d.due, d.label)
        .join(DeadlineSchedule, DeadlineSchedule.case_id == d.case_id)
        .join(Case, Case.id == d.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .join(Referent, Referent.id == Case.referent_id)
        .where(
            DeadlineSchedule.since <= today,
            _open_on(today),
        )
    )  # fmt: skip
    if referent_id is not None:
        query = query.where(Case.referent_id == referent_id)
    if due_between is not None:
        query = query.where(d.due.between(*due_between))
    # Sorted by SQLite, in the order of _sort_key: cheaper than sorting the rows after.
    return query.order_by(d.due, Case.order_number, case(KIND_ORDER, value=d.kind))


def stored_deadlines(
    session: Session,
    today: date,
    *,
    referent_id: int | None = None,
    due_between: tuple[date, date] | None = None,
) -> list[DeadlineItem]:
    """The deadlines open on ``today`` in the stored schedules usable that day, sorted.

    Cases without such a schedule are left out: :func:`bring_up_to_date` first.
    """
    alsace_moselle = _alsace_moselle(session)
    query = stored_statement(today, referent_id=referent_id, due_between=due_between)
    rows = session.connection().execute(query).all()
    # A few hundred distinct due dates for tens of thousands of rows: each worked out once.
    dates = {
        due: (practical_date(due, alsace_moselle=alsace_moselle), deadline_status(due, today))
        for due in {row.due for row in rows}
    }
    items = [
        DeadlineItem(
            case_id,
            number,
            f"{last.upper()} {first}",
            referent,
            kind,
            due,
            *dates[due],
            label,
        )
        for case_id, number, last, first, referent, kind, due, label in rows
    ]
    return items


def live_deadlines(
    session: Session, today: date, *, referent_id: int | None = None
) -> list[DeadlineItem]:
    """The same list as :func:`stored_deadlines`, worked out from the facts of every case.

    The reference the stored schedules are tested against, and the way on a database
    that cannot be written.
    """
    alsace_moselle = _alsace_moselle(session)
    wanted = may_have_open_deadlines(today)
    if referent_id is not None:
        wanted = and_(wanted, Case.referent_id == referent_id)
    items = [
        DeadlineItem(
            case_id=case_id,
            order_number=d.order_number,
            beneficiary=facts.beneficiary.display_name,
            referent=facts.referent.full_name,
            kind=d.kind,
            due=d.due,
            practical_due=d.practical_due,
            status=d.status,
            label=d.label,
        )
        for case_id, facts in load_facts(session, wanted, deadlines_on=today).items()
        for d in case_deadlines(facts, today, alsace_moselle=alsace_moselle)
    ]
    items.sort(key=_sort_key)
    return items


def open_deadlines(
    factory: sessionmaker[Session],
    today: date,
    *,
    referent_id: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[DeadlineItem]:
    """The deadlines open on ``today`` (of one referent), soonest first (module notes)."""
    try:
        bring_up_to_date(factory, today, progress=progress, cancel=cancel)
    except OperationalError:
        with factory() as session:
            return live_deadlines(session, today, referent_id=referent_id)
    with factory() as session:
        return stored_deadlines(session, today, referent_id=referent_id)
