"""« Exporter l'agenda (.ics) » and ``movdesk agenda``: the interviews as a calendar file.

Reads the interviews of a range (all referents, or one) and hands them to the renderer
(:mod:`movdesk.reports.agenda_ics`). What EXCHANGE.md asks: every interview planned or
attended in the range, and those later marked absent or excused as cancelled events;
by default from 7 days before today to 60 days after.

The UID token of the database is the moment its office settings were first saved: it
stays the same for the life of the database (and of its backups), and differs between
the office's database and the demo one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import UserError
from ..models import Beneficiary, Case, Interview, InterviewKind, InterviewStatus, OfficeSettings
from ..models import Referent as ReferentRow
from ..reports.agenda_ics import IcsEvent, agenda_ics
from ..rules.validation import fr_date
from .batches import Cancel, Cancelled, Progress
from .exports import write_file

#: The default range, around today (EXCHANGE.md).
DAYS_BEFORE = 7
DAYS_AFTER = 60
#: Events written between two progress reports (and cancel checks).
PROGRESS_EVERY = 200


@dataclass(frozen=True)
class AgendaExport:
    """The calendar file and what it holds."""

    data: bytes
    events: int
    first: date
    last: date


def default_range(today: date) -> tuple[date, date]:
    """Today − 7 days to today + 60 days (within the calendar's first and last days)."""
    first = date.fromordinal(max(date.min.toordinal(), today.toordinal() - DAYS_BEFORE))
    last = date.fromordinal(min(date.max.toordinal(), today.toordinal() + DAYS_AFTER))
    return first, last


def database_token(session: Session) -> str:
    """What makes this database's UIDs its own (module notes)."""
    office = session.get(OfficeSettings, 1)
    if office is None or office.created_at is None:
        return "bureau"
    return office.created_at.strftime("%Y%m%d%H%M%S")


def agenda_events(
    session: Session, first: date, last: date, *, referent_id: int | None = None
) -> list[IcsEvent]:
    """The interviews from ``first`` to ``last`` (of one referent), by date and time."""
    query = (
        select(
            Interview.id, Interview.case_id, Interview.date, Interview.time, Interview.minutes,
            Interview.kind, Interview.status, Interview.updated_at, Beneficiary.last_name,
            Beneficiary.first_name, Case.order_number, ReferentRow.full_name,
        )
        .join(Case, Case.id == Interview.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .join(ReferentRow, ReferentRow.id == Case.referent_id)
        .where(Interview.date.between(first, last))
        .order_by(Interview.date, Interview.time, Interview.id)
    )  # fmt: skip
    if referent_id is not None:
        query = query.where(Case.referent_id == referent_id)
    events = []
    for row in session.execute(query):
        status = InterviewStatus(row.status)
        events.append(
            IcsEvent(
                interview_id=row.id,
                case_id=row.case_id,
                day=row.date,
                start=row.time,
                minutes=row.minutes,
                kind_label=InterviewKind(row.kind).label,
                status=status.value,
                status_label=status.label,
                beneficiary=f"{row.last_name.upper()} {row.first_name}",
                order_number=row.order_number,
                referent=row.full_name,
                changed_at=row.updated_at,
            )
        )
    return events


def _watched(
    events: list[IcsEvent], progress: Progress | None, cancel: Cancel | None
) -> Iterator[IcsEvent]:
    """``events`` one by one, saying how far the file is and stopping when asked."""
    total = len(events)
    for done, event in enumerate(events):
        if done % PROGRESS_EVERY == 0:
            if cancel is not None and cancel():
                raise Cancelled
            if progress is not None:
                progress(done, total)
        yield event
    if progress is not None:
        progress(total, total)


def export_agenda(
    factory: sessionmaker[Session],
    *,
    first: date,
    last: date,
    referent_id: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> AgendaExport:
    """The calendar file of the range; refused in French when the range is backwards.

    ``progress(done, total)`` hears how many events are written, and ``cancel()`` stops
    the work (:class:`~.batches.Cancelled`) — a file of thousands of events takes seconds,
    so the window runs it in a worker.
    """
    if last < first:
        raise UserError(
            f"La période de l'agenda est à l'envers : du {fr_date(first)} au {fr_date(last)}. "
            "La date de fin suit la date de début."
        )
    with factory() as session:
        referent = session.get(ReferentRow, referent_id) if referent_id is not None else None
        if referent_id is not None and referent is None:
            raise UserError(f"Référent introuvable (n° {referent_id}).")
        events = agenda_events(session, first, last, referent_id=referent_id)
        name = (
            f"Agenda MOV — {referent.full_name}" if referent else "Agenda MOV — tous les référents"
        )
        token = database_token(session)
    data = agenda_ics(_watched(events, progress, cancel), token=token, name=name)
    return AgendaExport(data, len(events), first, last)


def write_agenda_file(
    factory: sessionmaker[Session],
    path: str | os.PathLike[str],
    *,
    first: date,
    last: date,
    referent_id: int | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> AgendaExport:
    """« Exporter l'agenda (.ics) »: the calendar file of the range written to ``path``,
    whole or not at all (nothing is written when cancelled)."""
    export = export_agenda(
        factory, first=first, last=last, referent_id=referent_id, progress=progress, cancel=cancel
    )
    if cancel is not None and cancel():
        raise Cancelled
    write_file(path, export.data)
    return export
