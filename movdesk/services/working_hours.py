"""Reading and saving the working hours of each referent (Paramètres › Horaires).

Saving replaces the referent's whole week in one audited action; saving the office's
default week (or asking for it) removes the rows, so a later change of the default
reaches every referent who never set their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..models import AuditAction, Referent, WorkingPeriod
from ..rules.working_hours import (
    DEFAULT_HOURS,
    WEEKDAY_NAMES,
    Stretch,
    WeekHours,
    check_hours,
    week_hours,
)
from .context import Desk
from .errors import ValidationFailed

SAVE_ACTION = "Enregistrer les horaires de travail"


def read_working_hours(
    factory: sessionmaker[Session], referent_ids: Iterable[int]
) -> dict[int, WeekHours]:
    """The week of each referent asked for (the default week for one who set none)."""
    wanted = list(referent_ids)
    found: dict[int, list[tuple[int, time, time]]] = {i: [] for i in wanted}
    with factory() as session:
        rows = session.execute(
            select(
                WorkingPeriod.referent_id,
                WorkingPeriod.weekday,
                WorkingPeriod.start_time,
                WorkingPeriod.end_time,
            ).where(WorkingPeriod.referent_id.in_(wanted))
        )
        for referent_id, weekday, start, end in rows:
            found[referent_id].append((weekday, start, end))
    return {i: week_hours(rows) if rows else DEFAULT_HOURS for i, rows in found.items()}


def has_own_hours(desk: Desk, referent_id: int) -> bool:
    """True when the referent saved their own week (False: the office's default)."""
    query = select(WorkingPeriod.id).where(WorkingPeriod.referent_id == referent_id).limit(1)
    return desk.read(lambda s: s.scalar(query) is not None)


def _describe(days: Sequence[Sequence[Stretch]]) -> str:
    parts = []
    for weekday, stretches in enumerate(days):
        if stretches:
            text = ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in sorted(stretches))
            parts.append(f"{WEEKDAY_NAMES[weekday]} {text}")
    return " ; ".join(parts)


def save_working_hours(
    desk: Desk, referent_id: int, days: Sequence[Sequence[Stretch]]
) -> WeekHours:
    """Check and save the referent's week; the default week removes their own rows."""
    problems = check_hours(days)
    if problems:
        raise ValidationFailed(problems)
    week = week_hours([(d, a, b) for d, stretches in enumerate(days) for a, b in stretches])
    with desk.action(SAVE_ACTION) as work:
        referent = work.get(Referent, referent_id)
        summary = f"Horaires de {referent.full_name} : {_describe(week.days)}"
        for row in work.session.scalars(
            select(WorkingPeriod).where(WorkingPeriod.referent_id == referent_id)
        ).all():
            work.log(AuditAction.DELETE, row, case_id=None, summary=summary)
            work.session.delete(row)
        if week != DEFAULT_HOURS:
            for weekday, stretches in enumerate(week.days):
                for start, end in stretches:
                    row = WorkingPeriod(
                        referent_id=referent_id, weekday=weekday, start_time=start, end_time=end
                    )
                    work.session.add(row)
                    work.log(AuditAction.CREATE, row, case_id=None, summary=summary)
    return week
