"""Attendance sheets from the database: one case and a period, a group session, a month.

Rows are the interviews of the case dated within the period whose status is
``attended`` or ``planned`` (EXCHANGE.md `print`), sorted by date and time; absent and
excused interviews are not rows. The referent of a row is who followed the case that
day (the history of referents). The contracting interview is recorded on the case, not
as an interview: the signed contract is its proof, and it is not a row.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...models import (
    Beneficiary,
    Case,
    Interview,
    InterviewKind,
    InterviewStatus,
    Referent,
    ReferentAssignment,
)
from ...reports.attendance import AttendanceRow, AttendanceSheet, period_text
from ...reports.group_attendance import GroupParticipant, GroupSheet, session_text
from ...reports.page import DocumentHeader, OfficeIdentity
from ...reports.text import fr_long_date, fr_time
from ...rules.validation import Problem, fr_date
from ..batches import batches
from ..errors import ValidationFailed
from .identity import SHEET_KINDS, case_identity, referent_on

SHEET_TITLE = "Feuille d'émargement"
GROUP_TITLE = "Feuille d'émargement collective"

#: What a sheet reads of a case.
SHEET_LOAD = (
    selectinload(Case.interviews),
    selectinload(Case.beneficiary),
    selectinload(Case.referent),
    selectinload(Case.referent_history).selectinload(ReferentAssignment.referent),
)

#: The interview statuses a sheet lists.
ROW_STATUSES = (InterviewStatus.ATTENDED, InterviewStatus.PLANNED)


def check_period(start: date, end: date, *, field: str = "period") -> None:
    """A period ends on or after its start; a French refusal otherwise."""
    if end < start:
        raise ValidationFailed(
            [
                Problem(
                    field,
                    f"la période se termine le {fr_date(end)}, avant son début le "
                    f"{fr_date(start)}.",
                )
            ]
        )


def sheet_rows(case: Case, start: date, end: date) -> tuple[AttendanceRow, ...]:
    """The rows of ``case``'s sheet from ``start`` to ``end`` (module notes)."""
    chosen = [
        i
        for i in case.interviews
        if start <= i.date <= end and InterviewStatus(i.status) in ROW_STATUSES
    ]
    chosen.sort(key=lambda i: (i.date, i.time or time(0), i.id))
    return tuple(
        AttendanceRow(
            day=i.date,
            start=i.time,
            minutes=i.minutes,
            kind=SHEET_KINDS[InterviewKind(i.kind)],
            referent=referent_on(case, i.date),
            planned=InterviewStatus(i.status) is InterviewStatus.PLANNED,
        )
        for i in chosen
    )


def attendance_sheet(
    case: Case,
    start: date,
    end: date,
    *,
    office: OfficeIdentity,
    today: date,
    blank_rows: int = 0,
) -> AttendanceSheet:
    """The sheet of ``case`` from ``start`` to ``end``, dated ``today``."""
    check_period(start, end)
    header = DocumentHeader(
        title=SHEET_TITLE,
        office=office,
        document_date=today,
        case=case_identity(case),
        subtitle=period_text(start, end),
    )
    return AttendanceSheet(header, start, end, sheet_rows(case, start, end), blank_rows)


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of ``AAAA-MM``; a French refusal for anything else."""
    try:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
    except ValueError:
        raise ValidationFailed(
            [Problem("month", f"« {month} » n'est pas un mois valide (format AAAA-MM).")]
        ) from None
    return first, first.replace(day=calendar.monthrange(year, number)[1])


def cases_with_interviews(
    session: Session, start: date, end: date, referent_id: int | None = None
) -> list[int]:
    """Ids of the cases with a row between ``start`` and ``end`` (of one referent), in
    the order a batch prints them: by referent, then by beneficiary."""
    with_row = (
        select(Interview.case_id)
        .where(Interview.date.between(start, end))
        .where(Interview.status.in_([s.value for s in ROW_STATUSES]))
        .distinct()
    )
    query = (
        select(Case.id)
        .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
        .join(Referent, Case.referent_id == Referent.id)
        .where(Case.id.in_(with_row))
        .order_by(Referent.full_name, Beneficiary.last_name, Beneficiary.first_name, Case.id)
    )
    if referent_id is not None:
        query = query.where(Case.referent_id == referent_id)
    return list(session.scalars(query))


def load_cases(session: Session, ids: Sequence[int]) -> list[Case]:
    """The cases ``ids`` with what a sheet reads, in the order of ``ids``."""
    found: dict[int, Case] = {}
    for batch in batches(ids):
        for case in session.scalars(select(Case).where(Case.id.in_(batch)).options(*SHEET_LOAD)):
            found[case.id] = case
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class GroupSession:
    """A group session: the ``group`` interviews of several cases at one moment."""

    day: date
    start: time | None
    referent_id: int
    referent: str
    minutes: int
    case_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        count = len(self.case_ids)
        people = f"{count} participant{'s' if count > 1 else ''}"
        at = f" à {fr_time(self.start)}" if self.start is not None else ""
        return f"{fr_long_date(self.day)}{at} — {self.referent} ({people})"


def group_sessions(session: Session, start: date, end: date) -> list[GroupSession]:
    """The group sessions between ``start`` and ``end``: ``group`` interviews planned or
    held, gathered by date, time and the cases' referent, soonest first."""
    rows = session.execute(
        select(
            Interview.date,
            Interview.time,
            Case.referent_id,
            Referent.full_name,
            Interview.minutes,
            Case.id,
        )
        .join(Case, Interview.case_id == Case.id)
        .join(Referent, Case.referent_id == Referent.id)
        .where(Interview.kind == InterviewKind.GROUP.value)
        .where(Interview.date.between(start, end))
        .where(Interview.status.in_([s.value for s in ROW_STATUSES]))
        .order_by(Interview.date, Interview.time, Referent.full_name, Case.id)
    ).all()
    gathered: dict[tuple[date, time | None, int], list] = {}
    for day, at, referent_id, name, minutes, case_id in rows:
        gathered.setdefault((day, at, referent_id), []).append((name, minutes, case_id))
    return [
        GroupSession(
            day=day,
            start=at,
            referent_id=referent_id,
            referent=members[0][0],
            minutes=max(m for _n, m, _c in members),
            case_ids=tuple(dict.fromkeys(c for _n, _m, c in members)),
        )
        for (day, at, referent_id), members in gathered.items()
    ]


def group_sheet(
    session: Session,
    group: GroupSession,
    *,
    office: OfficeIdentity,
    today: date,
    place: str | None,
    blank_rows: int = 0,
) -> GroupSheet:
    """The sheet of one group session, its participants sorted by name."""
    cases = load_cases(session, list(group.case_ids))
    people = sorted(
        (
            GroupParticipant(
                last_name=c.beneficiary.last_name,
                first_name=c.beneficiary.first_name,
                pe_id=c.beneficiary.pe_id,
                order_number=c.order_number,
            )
            for c in cases
        ),
        key=lambda p: (p.last_name.casefold(), p.first_name.casefold()),
    )
    header = DocumentHeader(
        title=GROUP_TITLE,
        office=office,
        document_date=today,
        band_lines=(session_text(group.day, group.start), f"Référent : {group.referent}"),
        reference=f"Regroupement du {fr_date(group.day)} · {group.referent}",
    )
    return GroupSheet(
        header=header,
        day=group.day,
        start=group.start,
        minutes=group.minutes,
        referent=group.referent,
        participants=tuple(people),
        place=place,
        blank_rows=blank_rows,
    )
