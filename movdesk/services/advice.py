"""What the rules say about a row while the user is still typing it (conseils).

The forms show these sentences live, before anything is saved, so the referent learns
that a 25-minute interview will not count for the week *before* recording it. Pure
functions over a case's facts (the :mod:`movdesk.rules` timeline): no Qt, no session.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from ..models.enums import InterviewKind, InterviewStatus, SuspensionKind
from ..rules.calendar import (
    is_public_holiday,
    is_working_day,
    next_working_day,
    practical_date,
)
from ..rules.outcomes import classify_exit
from ..rules.timeline import (
    CLOCK_KINDS,
    WEEKLY_MIN_MINUTES,
    Window,
    blocked_intervals,
    current_end,
    follow_up_windows,
    is_signed,
    latest_allowed_after,
)
from ..rules.validation.common import (
    MAX_COMPANY_DAYS,
    MAX_LEAVE_DAYS_TOTAL,
    MAX_SICKNESS_DAYS,
    MIN_COMPANY_DAYS,
    days_text,
    fr_date,
)

#: The next appointment is proposed one week after the interview being recorded.
NEXT_APPOINTMENT_DAYS = 7

SHORT_INTERVIEW = "Moins de 30 minutes : ne compte pas pour l'entretien hebdomadaire"
GROUP_NOT_WEEKLY = "Un regroupement ne remplace pas l'entretien individuel hebdomadaire"
PHONE_NOT_WEEKLY = (
    "Un entretien téléphonique ne remplace pas l'entretien individuel hebdomadaire en face à face"
)
FOLLOW_UP_WITHOUT_EXIT = (
    "Entretien de suivi hors du suivi dans l'emploi : il suppose une sortie positive"
)
NOT_HELD = "Entretien non réalisé : il ne compte ni pour la semaine ni pour la règle des 14 jours"
HELD_IN_FUTURE = "Entretien noté réalisé à une date future : vérifiez la date ou le statut"
PLANNED_IN_PAST = "Rendez-vous prévu à une date passée : indiquez s'il a été réalisé"


def _day_off(on: date, alsace_moselle: bool) -> str | None:
    if is_working_day(on, alsace_moselle=alsace_moselle):
        return None
    if is_public_holiday(on, alsace_moselle=alsace_moselle):
        return "jour férié"
    return "samedi" if on.weekday() == 5 else "dimanche"


def clock_anchor(case: Any, before: date, today: date, ignore_id: int | None = None) -> date | None:
    """The last attended interview that keeps the 14-day clock running, before ``before``.

    ``ignore_id`` leaves out the interview being corrected, so that it is judged
    against the one before it.
    """
    last = case.contracting_date if is_signed(case) else None
    if last is not None and last >= before:
        last = None
    for interview in case.interviews:
        if ignore_id is not None and getattr(interview, "id", None) == ignore_id:
            continue
        day = interview.date
        if (
            day < before
            and day <= today
            and (last is None or day > last)
            and interview.status == InterviewStatus.ATTENDED
            and interview.kind in CLOCK_KINDS
        ):
            last = day
    return last


def period_notes(case: Any, on: date) -> list[str]:
    """A note when ``on`` falls in a suspension or a company period of the case (the
    beneficiary is on leave, sick or in a company then)."""
    periods = [("une suspension", s) for s in case.suspensions]
    periods += [("une période en entreprise", p) for p in case.company_periods]
    return [
        f"Pendant {what} (du {fr_date(p.start_date)} au {fr_date(p.end_date)})"
        for what, p in periods
        if p.start_date <= on <= p.end_date
    ]


def latest_allowed(case: Any, anchor: date) -> date:
    """The last date of the next interview under the 14-day rule after ``anchor``."""
    return latest_allowed_after(anchor, blocked_intervals(case))


def interview_advice(
    case: Any,
    *,
    on: date,
    minutes: int,
    kind: InterviewKind,
    status: InterviewStatus,
    today: date,
    alsace_moselle: bool = False,
    ignore_id: int | None = None,
) -> list[str]:
    """The rule notes about an interview on ``on``, in the order a referent reads them."""
    notes: list[str] = []
    day_off = _day_off(on, alsace_moselle)
    if day_off:
        notes.append(f"Jour non travaillé ({day_off})")
    if status == InterviewStatus.ATTENDED and on > today:
        notes.append(HELD_IN_FUTURE)
    elif status == InterviewStatus.PLANNED and on < today:
        notes.append(PLANNED_IN_PAST)
    elif status in (InterviewStatus.ABSENT, InterviewStatus.EXCUSED):
        notes.append(NOT_HELD)
    if kind == InterviewKind.FOLLOW_UP:
        if case.exit is None or not classify_exit(case.exit).positive:
            notes.append(FOLLOW_UP_WITHOUT_EXIT)
        return notes
    end = case.exit.date if case.exit is not None else current_end(case)
    if on < case.start_date or on > end:
        notes.append(
            f"En dehors de la prestation (du {fr_date(case.start_date)} au {fr_date(end)})"
        )
    notes += period_notes(case, on)
    if kind == InterviewKind.INDIVIDUAL and minutes < WEEKLY_MIN_MINUTES:
        notes.append(SHORT_INTERVIEW)
    elif kind == InterviewKind.GROUP:
        notes.append(GROUP_NOT_WEEKLY)
    elif kind == InterviewKind.PHONE:
        notes.append(PHONE_NOT_WEEKLY)
    anchor = clock_anchor(case, on, today, ignore_id)
    if anchor is not None and kind in CLOCK_KINDS:
        limit = latest_allowed(case, anchor)
        if on > limit:
            notes.append(f"Après la date limite de la règle des 14 jours ({fr_date(limit)})")
    return notes


def next_appointment(case: Any, after: date, *, alsace_moselle: bool = False) -> tuple[date, date]:
    """The proposed next appointment after an interview on ``after``, and the latest date.

    One week later, moved to a working day, but never after the 14-day limit (then the
    last working day before it) nor after the end of the case.
    """
    latest = latest_allowed(case, after)
    end = current_end(case)
    last = min(latest, end) if end > after else latest
    proposed = next_working_day(
        after + timedelta(days=NEXT_APPOINTMENT_DAYS), alsace_moselle=alsace_moselle
    )
    if proposed > last:
        proposed = practical_date(last, alsace_moselle=alsace_moselle)
        if proposed <= after:
            proposed = last
    return proposed, latest


def next_follow_up(
    case: Any, after: date, *, alsace_moselle: bool = False
) -> tuple[date, Window] | None:
    """After a follow-up interview on ``after``: the in-job follow-up window that opens
    next (MOV-RULES.md section 4) and a working day proposed in it, a week after it
    opens and never after its due date. None without a positive exit, or after the last
    window: the 14-day rule no longer runs then, the windows do."""
    window = next((w for w in follow_up_windows(case) if w.start > after), None)
    if window is None:
        return None
    proposed = next_working_day(
        window.start + timedelta(days=NEXT_APPOINTMENT_DAYS), alsace_moselle=alsace_moselle
    )
    if proposed > window.due:
        proposed = practical_date(window.due, alsace_moselle=alsace_moselle)
    return proposed, window


def period_length(start: date, end: date) -> int:
    """Days of a period, its first and last day counted (Monday to Sunday = 7)."""
    return (end - start).days + 1


def suspension_advice(
    case: Any,
    *,
    kind: SuspensionKind,
    start: date,
    end: date,
    ignore_id: int | None = None,
) -> list[str]:
    """The length of a suspension and, for leave, the days used out of 35.

    ``ignore_id`` leaves out the suspension being corrected, so it is not counted twice.
    """
    if end < start:
        return ["La fin précède le début"]
    length = period_length(start, end)
    notes = [f"Durée : {days_text(length)}"]
    if kind == SuspensionKind.SICKNESS and length > MAX_SICKNESS_DAYS:
        notes.append("Maladie : 14 jours consécutifs au plus par suspension")
    if kind == SuspensionKind.LEAVE:
        used = sum(
            period_length(s.start_date, s.end_date)
            for s in case.suspensions
            if s.kind == SuspensionKind.LEAVE
            and (ignore_id is None or getattr(s, "id", None) != ignore_id)
        )
        total = used + length
        notes.append(f"Congés sur la prestation : {total} / {MAX_LEAVE_DAYS_TOTAL} jours")
        if total > MAX_LEAVE_DAYS_TOTAL:
            notes.append("Les congés dépassent 35 jours sur la prestation")
    notes.append("Une suspension ne reporte pas la date de fin E")
    return notes


def company_period_advice(start: date, end: date) -> list[str]:
    """The length of a company period and what the 7/42-day rule says of it."""
    if end < start:
        return ["La fin précède le début"]
    length = period_length(start, end)
    notes = [f"Durée : {days_text(length)}"]
    if length < MIN_COMPANY_DAYS:
        notes.append(
            "Moins de 7 jours : acceptée, mais ne satisfait pas l'obligation de période "
            "en entreprise"
        )
    elif length > MAX_COMPANY_DAYS:
        notes.append("Plus de 42 jours : refusée (6 semaines au plus)")
    else:
        notes.append("Entre 7 et 42 jours : satisfait l'obligation de période en entreprise")
    return notes


@dataclass(frozen=True)
class Busy:
    """Another timed appointment of the referent that day (for the clash check)."""

    start: time
    minutes: int
    beneficiary: str
    group: bool = False


def clash_notes(at: time, minutes: int, busy: Iterable[Busy], *, group: bool = False) -> list[str]:
    """A note for each appointment of the referent that the slot ``at`` + ``minutes``
    overlaps (back to back is no clash). A participant of a group session (``group``)
    joins the session at the same time and length: that is no clash either."""
    first = at.hour * 60 + at.minute
    last = first + minutes
    notes = []
    for other in sorted(busy, key=lambda b: (b.start, b.beneficiary)):
        start = other.start.hour * 60 + other.start.minute
        end = start + other.minutes
        same_session = group and other.group and other.start == at and other.minutes == minutes
        if start < last and first < end and not same_session:
            what = "le regroupement" if other.group else "le rendez-vous"
            notes.append(
                f"Chevauche {what} de {other.beneficiary} ({other.start:%H:%M}–"
                f"{end // 60:02d}:{end % 60:02d}) du même référent"
            )
    return notes
