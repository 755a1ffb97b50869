"""What the agenda shows, and moving an appointment (déplacer un rendez-vous).

:func:`read_agenda` reads, for some referents and a range of days, everything the
agenda draws, as plain frozen data for :mod:`movdesk.rules.agenda_layout`: the
interviews (every status), the contracting interviews recorded on the cases, the
suspensions and company periods as bands, the open deadlines on the day the office
acts on them, and the referents' working hours. It reads only what is stored (the
deadlines from the stored schedules, worked out by the deadline pass), so it never
works out rules for thousands of cases on the UI thread.

:func:`move_appointments` moves one appointment, or every participant of a group
session, in one undoable action, checked by the rules like any correction;
:func:`move_advice` says beforehand what the interview form would say of the new slot,
and whether it clashes with another appointment of the referent.

**Decisions:** a deadline is drawn on its practical date (the last working day on or
before it, MOV-RULES.md section 8), so that a Sunday's weekly deadline shows on the
Friday; its due date is in its details. A contracting interview has no time of its
own: it is listed on its day, above the hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, sessionmaker

from ..models import (
    AuditAction,
    Beneficiary,
    Case,
    CompanyPeriod,
    ContractingResult,
    Employer,
    Interview,
    InterviewKind,
    InterviewStatus,
    OfficeSettings,
    Referent,
    Suspension,
    SuspensionKind,
)
from ..rules.agenda_layout import Appointment, Band, DayDeadline
from ..rules.calendar import practical_date
from ..rules.validation import Problem, fr_date, validate_case
from ..rules.working_hours import WeekHours
from . import audit
from .advice import Busy, clash_notes, interview_advice
from .context import CASE_LOAD, Desk, fetch, guard
from .schedule import stored_deadlines
from .working_hours import read_working_hours

MOVE_ACTION = "Déplacer un rendez-vous"
#: How many days a deadline's practical date may come before its due date, at most.
PRACTICAL_SLACK_DAYS = 7

#: The kind code of the contracting interview, listed from the case's own date.
CONTRACTING = InterviewKind.CONTRACTING.value
#: Contracting result → the status the agenda shows.
_CONTRACTING_STATUS = {
    ContractingResult.SIGNED: InterviewStatus.ATTENDED.value,
    ContractingResult.REFUSED: InterviewStatus.ATTENDED.value,
    ContractingResult.NO_SHOW: InterviewStatus.ABSENT.value,
}


@dataclass(frozen=True)
class AgendaReferent:
    id: int
    name: str
    active: bool


@dataclass(frozen=True)
class AgendaData:
    """Everything the agenda draws for ``referent_ids`` from ``first`` to ``last``."""

    first: date
    last: date
    today: date
    referents: tuple[AgendaReferent, ...]
    appointments: tuple[Appointment, ...]
    bands: tuple[Band, ...]
    deadlines: tuple[DayDeadline, ...]
    hours: dict[int, WeekHours]
    alsace_moselle: bool

    @property
    def referent_ids(self) -> tuple[int, ...]:
        return tuple(r.id for r in self.referents)

    def referent_name(self, referent_id: int) -> str:
        for referent in self.referents:
            if referent.id == referent_id:
                return referent.name
        return ""

    def appointment(self, interview_id: int) -> Appointment | None:
        for item in self.appointments:
            if item.id == interview_id:
                return item
        return None


def agenda_referents(factory: sessionmaker[Session]) -> list[AgendaReferent]:
    """Every referent by name, those who left included (their past stays visible)."""
    query = select(Referent.id, Referent.full_name, Referent.active).order_by(Referent.full_name)
    with factory() as session:
        return [AgendaReferent(i, n, bool(a)) for i, n, a in session.execute(query)]


def _name(last: str, first: str) -> str:
    return f"{last.upper()} {first}"


def _appointments(
    session: Session, referent_ids: Sequence[int], first: date, last: date
) -> list[Appointment]:
    query = (
        select(
            Interview.id, Interview.case_id, Case.referent_id, Interview.date, Interview.time,
            Interview.minutes, Interview.kind, Interview.status, Beneficiary.last_name,
            Beneficiary.first_name, Case.order_number,
        )
        .join(Case, Case.id == Interview.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .where(Case.referent_id.in_(referent_ids), Interview.date.between(first, last))
        .order_by(Interview.date, Interview.time, Interview.id)
    )  # fmt: skip
    found = [
        Appointment(
            id=row.id,
            case_id=row.case_id,
            referent_id=row.referent_id,
            day=row.date,
            start=row.time,
            minutes=row.minutes,
            kind=InterviewKind(row.kind).value,
            status=InterviewStatus(row.status).value,
            beneficiary=_name(row.last_name, row.first_name),
            order_number=row.order_number,
        )
        for row in session.execute(query)
    ]
    contracting = (
        select(
            Case.id, Case.referent_id, Case.contracting_date, Case.contracting_result,
            Beneficiary.last_name, Beneficiary.first_name, Case.order_number,
        )
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .where(
            Case.referent_id.in_(referent_ids),
            Case.contracting_date.between(first, last),
            Case.contracting_result.is_not(None),
        )
    )  # fmt: skip
    for case_id, referent_id, day, result, last_name, first_name, number in session.execute(
        contracting
    ):
        found.append(
            Appointment(
                # Not an interview row: a negative id says so (it opens the case file).
                id=-case_id,
                case_id=case_id,
                referent_id=referent_id,
                day=day,
                start=None,
                minutes=0,
                kind=CONTRACTING,
                status=_CONTRACTING_STATUS[ContractingResult(result)],
                beneficiary=_name(last_name, first_name),
                order_number=number,
            )
        )
    return found


def _bands(session: Session, referent_ids: Sequence[int], first: date, last: date) -> list[Band]:
    bands: list[Band] = []
    person = (Beneficiary.last_name, Beneficiary.first_name)
    suspensions = (
        select(Suspension.id, Suspension.case_id, Case.referent_id, Suspension.start_date,
               Suspension.end_date, Suspension.kind, *person)
        .join(Case, Case.id == Suspension.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .where(Case.referent_id.in_(referent_ids), Suspension.start_date <= last,
               Suspension.end_date >= first)
    )  # fmt: skip
    for row_id, case_id, referent_id, start, end, kind, last_name, first_name in session.execute(
        suspensions
    ):
        what = SuspensionKind(kind).label.lower()
        label = f"Suspension ({what}) — {_name(last_name, first_name)}"
        bands.append(Band("suspension", row_id, case_id, referent_id, start, end, label))
    periods = (
        select(CompanyPeriod.id, CompanyPeriod.case_id, Case.referent_id, CompanyPeriod.start_date,
               CompanyPeriod.end_date, Employer.name, *person)
        .join(Case, Case.id == CompanyPeriod.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .outerjoin(Employer, Employer.id == CompanyPeriod.employer_id)
        .where(Case.referent_id.in_(referent_ids), CompanyPeriod.start_date <= last,
               CompanyPeriod.end_date >= first)
    )  # fmt: skip
    for (
        row_id,
        case_id,
        referent_id,
        start,
        end,
        employer,
        last_name,
        first_name,
    ) in session.execute(periods):
        where = f" chez {employer}" if employer else ""
        label = f"Période en entreprise{where} — {_name(last_name, first_name)}"
        bands.append(Band("company_period", row_id, case_id, referent_id, start, end, label))
    return bands


def _deadlines(
    session: Session,
    referent_ids: Sequence[int],
    first: date,
    last: date,
    today: date,
    alsace_moselle: bool,
) -> list[DayDeadline]:
    found: list[DayDeadline] = []
    # A practical date is at most a few days before its due date (a weekend and a
    # public holiday or two): read only the deadlines due around the range.
    due_between = (first, last + timedelta(days=PRACTICAL_SLACK_DAYS))
    for referent_id in referent_ids:
        for item in stored_deadlines(
            session, today, referent_id=referent_id, due_between=due_between
        ):
            day = practical_date(item.due, alsace_moselle=alsace_moselle)
            if first <= day <= last:
                found.append(
                    DayDeadline(
                        case_id=item.case_id,
                        referent_id=referent_id,
                        day=day,
                        due=item.due,
                        kind=item.kind,
                        label=item.label,
                        beneficiary=item.beneficiary,
                        status=item.status,
                    )
                )
    return found


def read_agenda(
    factory: sessionmaker[Session],
    referent_ids: Sequence[int],
    first: date,
    last: date,
    today: date,
) -> AgendaData:
    """Everything the agenda draws for ``referent_ids`` from ``first`` to ``last``."""
    ids = list(dict.fromkeys(referent_ids))
    hours = read_working_hours(factory, ids)
    with factory() as session:
        office = session.get(OfficeSettings, 1)
        alsace = bool(office and office.alsace_moselle)
        names = {
            i: (n, bool(a))
            for i, n, a in session.execute(
                select(Referent.id, Referent.full_name, Referent.active).where(Referent.id.in_(ids))
            )
        }
        ids = [i for i in ids if i in names]
        return AgendaData(
            first=first,
            last=last,
            today=today,
            referents=tuple(AgendaReferent(i, *names[i]) for i in ids),
            appointments=tuple(_appointments(session, ids, first, last)) if ids else (),
            bands=tuple(_bands(session, ids, first, last)) if ids else (),
            deadlines=tuple(_deadlines(session, ids, first, last, today, alsace)) if ids else (),
            hours={i: hours[i] for i in ids},
            alsace_moselle=alsace,
        )


# --- Busy slots and moving ---------------------------------------------------------------


def referent_busy(
    factory: sessionmaker[Session],
    referent_id: int,
    on: date,
    *,
    ignore_ids: Iterable[int] = (),
) -> list[Busy]:
    """The referent's timed appointments of ``on`` (absent and excused ones left out)."""
    ignored = set(ignore_ids)
    query = (
        select(Interview.id, Interview.time, Interview.minutes, Beneficiary.last_name,
               Beneficiary.first_name, Interview.kind)
        .join(Case, Case.id == Interview.case_id)
        .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
        .where(
            Case.referent_id == referent_id,
            Interview.date == on,
            Interview.time.is_not(None),
            or_(Interview.status == InterviewStatus.PLANNED,
                Interview.status == InterviewStatus.ATTENDED),
        )
    )  # fmt: skip
    with factory() as session:
        rows = session.execute(query).all()
    return [
        Busy(start, minutes, _name(last, first), InterviewKind(kind) is InterviewKind.GROUP)
        for interview_id, start, minutes, last, first, kind in rows
        if interview_id not in ignored and start is not None
    ]


@dataclass(frozen=True)
class MoveAdvice:
    """What the rules say of moving an appointment to a slot, before it is saved."""

    lines: tuple[str, ...]

    def text(self) -> str:
        return "\n".join(f"• {line}" for line in self.lines)


def move_advice(
    desk: Desk, interview_ids: Sequence[int], *, on: date, at: time | None
) -> MoveAdvice:
    """The interview form's notes for every moved interview, and the referent's clashes.

    For a group session each note names the participant it concerns; the same note for
    several participants is said once.
    """
    today = desk.today()
    lines: list[str] = []
    with desk.session_factory() as session:
        office = session.get(OfficeSettings, 1)
        alsace = bool(office and office.alsace_moselle)
        rows = [fetch(session, Interview, i) for i in interview_ids]
        cases = {r.case_id: fetch(session, Case, r.case_id, options=CASE_LOAD) for r in rows}
        referent_id = cases[rows[0].case_id].referent_id if rows else None
        several = len(rows) > 1
        for row in rows:
            case = cases[row.case_id]
            for note in interview_advice(
                case,
                on=on,
                minutes=row.minutes,
                kind=InterviewKind(row.kind),
                status=InterviewStatus(row.status),
                today=today,
                alsace_moselle=alsace,
                ignore_id=row.id,
            ):
                line = f"{case.beneficiary.display_name} : {note}" if several else note
                if line not in lines:
                    lines.append(line)
        minutes = rows[0].minutes if rows else 0
        group = bool(rows) and InterviewKind(rows[0].kind) is InterviewKind.GROUP
    if referent_id is not None and at is not None:
        busy = referent_busy(desk.session_factory, referent_id, on, ignore_ids=interview_ids)
        lines += clash_notes(at, minutes, busy, group=group)
    return MoveAdvice(tuple(lines))


def move_appointments(
    desk: Desk,
    interview_ids: Sequence[int],
    *,
    on: date,
    at: time | None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Move the interviews (one appointment, or a group session) to ``on`` at ``at``.

    One action, checked by the rules for each case like a correction of the interview;
    undone as a whole by Ctrl+Z. Returns the warnings accepted.
    """
    if not interview_ids:
        return []
    warnings: list[Problem] = []
    with desk.action(MOVE_ACTION) as work:
        for interview_id in interview_ids:
            row = work.get(Interview, interview_id)
            case = work.case(row.case_id)
            problems_before = validate_case(case)
            before, case_before = audit.snapshot(row), audit.snapshot(case)
            old = fr_date(row.date)
            row.date, row.time = on, at
            summary = f"{InterviewKind(row.kind).label} du {old} déplacé au {fr_date(on)}" + (
                f" à {at:%H:%M}" if at is not None else ""
            )
            # The same refusal or confirmation as every correction of an interview.
            warnings += guard(case, problems_before, accept_warnings=accept_warnings)
            work.sync_status(case)
            work.log(AuditAction.UPDATE, row, case_id=case.id, summary=summary, before=before)
            work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=case_before)
    return warnings


def group_members(factory: sessionmaker[Session], interview_id: int) -> list[int]:
    """The interviews of the group session ``interview_id`` belongs to (itself alone when
    it is not a group): same referent, day, time and length, kind ``group``."""
    with factory() as session:
        row = fetch(session, Interview, interview_id)
        if InterviewKind(row.kind) is not InterviewKind.GROUP or row.time is None:
            return [row.id]
        referent_id = session.scalar(select(Case.referent_id).where(Case.id == row.case_id))
        query = (
            select(Interview.id)
            .join(Case, Case.id == Interview.case_id)
            .where(
                and_(
                    Case.referent_id == referent_id,
                    Interview.date == row.date,
                    Interview.time == row.time,
                    Interview.minutes == row.minutes,
                    Interview.kind == InterviewKind.GROUP,
                )
            )
            .order_by(Interview.id)
        )
        return list(session.scalars(query))
