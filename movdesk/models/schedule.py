"""The stored deadline schedule (échéancier) of each case, and what keeps it honest.

``movdesk deadlines`` and the dashboard list the open deadlines of every case each day.
Working them out from the facts costs about 0.2 ms a case, but a case's facts change
far less often than the date, so each case's deadline schedule
(:func:`movdesk.rules.schedule.deadline_schedule`: every deadline with the days it is
open) is kept here, and the list becomes one indexed read.

It is derived data, and it must never outlive the facts it came from. Database
triggers see to that, whoever writes: any insert, change or removal of an interview,
suspension, company period, exit or barrier, and any change of the case row, deletes the
case's :class:`DeadlineSchedule` row, and its :class:`ScheduledDeadline` rows go with
it by cascade. A case without a schedule (new, changed, imported, or asked about a day
before ``since``) is worked out again from its facts at the next read
(:mod:`movdesk.services.schedule`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import DDL, Date, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

#: The tables whose rows are facts of one case (``case_id``), read by the deadline rules
#: (barriers: the follow-up of a request handed to a partner).
FACT_TABLES = ("interview", "suspension", "company_period", "case_exit", "barrier")


class DeadlineSchedule(Base):
    """That a case's schedule is stored, and the first day it answers for."""

    __tablename__ = "deadline_schedule"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), primary_key=True
    )
    #: The schedule gives the open deadlines of any day from this one on.
    since: Mapped[date] = mapped_column(Date, nullable=False)

    def __repr__(self) -> str:
        return f"DeadlineSchedule({self.case_id}, since={self.since})"


class ScheduledDeadline(Base):
    """One deadline of a case's schedule and the days it is open (empty: no bound)."""

    __tablename__ = "scheduled_deadline"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("deadline_schedule.case_id", ondelete="CASCADE"), index=True, nullable=False
    )
    #: Kind code of EXCHANGE.md, due date and the French label that says what to do.
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    due: Mapped[date] = mapped_column(Date, nullable=False)
    label: Mapped[str] = mapped_column(String(200), nullable=False)
    open_from: Mapped[date | None] = mapped_column(Date)
    open_until: Mapped[date | None] = mapped_column(Date)

    def __repr__(self) -> str:
        return f"ScheduledDeadline({self.case_id}, {self.kind}, due={self.due})"


def invalidation_triggers() -> list[str]:
    """``CREATE TRIGGER`` statements that drop a case's schedule when its facts change.

    The same text is written by the migration that introduced them; the migration test
    compares the two schemas line by line.
    """
    forget = "DELETE FROM deadline_schedule WHERE case_id IN ({});"
    statements = [
        "CREATE TRIGGER trg_mov_case_update_schedule AFTER UPDATE ON mov_case\n"
        f"BEGIN {forget.format('NEW.id')} END"
    ]
    for table in FACT_TABLES:
        for event_name, ids in (
            ("insert", "NEW.case_id"),
            ("update", "OLD.case_id, NEW.case_id"),
            ("delete", "OLD.case_id"),
        ):
            statements.append(
                f"CREATE TRIGGER trg_{table}_{event_name}_schedule "
                f"AFTER {event_name.upper()} ON {table}\n"
                f"BEGIN {forget.format(ids)} END"
            )
    return statements


for _statement in invalidation_triggers():
    event.listen(Base.metadata, "after_create", DDL(_statement))
