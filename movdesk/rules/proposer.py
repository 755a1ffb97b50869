"""Planning help (« Proposer des rendez-vous »): the next interview of each active case.

A pure function (:func:`propose`) over the cases' facts, the referent's working week and
their appointments already in the agenda. For each case it proposes one slot — a day
and a time — for the next individual interview, such that:

* it lies after today and no later than the latest date the 14-day rule allows
  (MOV-RULES.md section 2 rule 6, suspensions and company periods pushing it later) nor
  the end of the case;
* it falls on a working day (no weekend, no public holiday — section 8), outside the
  case's suspensions and company periods, within the referent's working hours;
* it overlaps none of the referent's appointments, nor another proposal;
* it covers the weekly interview (rule 5): in the current week when that week is due
  and not done yet, else in the next due week — and only when no slot is free in that
  week does it fall elsewhere before the 14-day limit (the proposal then says so).

Among the slots allowed it prefers the beneficiary's usual weekday and time (the most
frequent of their attended individual interviews), else a week after the last
interview at its time. The most urgent cases (earliest 14-day limit) choose first.

A case already holding a planned individual interview of 30 minutes or more before its
limit gets no proposal; nor does one whose limit has passed (the interruption is
offered elsewhere) or that has no day left. A case whose limit is today is not past
it: unless an interview is planned today, it is listed as to be seen today (proposals
start tomorrow).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import Any

from ..models.enums import CaseStatus, InterviewKind, InterviewStatus
from .calendar import is_working_day, week_monday
from .timeline import (
    WEEKLY_MIN_MINUTES,
    blocked_intervals,
    current_end,
    current_week,
    effective_status,
    last_clock_interview,
    latest_allowed_after,
)
from .validation.common import fr_date
from .working_hours import WeekHours, minutes_of, slot_starts, time_of

#: Length of a proposed interview, in minutes (the default of the interview form).
PROPOSED_MINUTES = 45
#: Proposed start times are on this grid, from the start of each working stretch.
STEP_MINUTES = 15
#: Why a case whose 14-day limit is today gets no proposal (they start tomorrow).
_LIMIT_TODAY = "Limite des 14 jours aujourd'hui : à recevoir aujourd'hui même"


@dataclass(frozen=True)
class PlanningCase:
    """An active case as the proposer reads it: its facts and whom it concerns.

    ``facts`` has the attribute names of :class:`~movdesk.models.Case` that the
    timeline rules read; its interviews also carry ``time`` (None when not given).
    """

    case_id: int
    beneficiary: str
    facts: Any


@dataclass(frozen=True)
class BusySlot:
    """An appointment already in the referent's agenda."""

    day: date
    start: time
    minutes: int


@dataclass(frozen=True)
class Proposal:
    """A proposed interview for one case."""

    case_id: int
    beneficiary: str
    day: date
    start: time
    minutes: int
    #: The latest date the 14-day rule allows.
    limit: date
    #: The Monday of the week whose weekly interview it covers (None: no week due).
    week: date | None
    #: False when no slot was free in that week: the week stays uncovered.
    covers_week: bool
    #: The beneficiary's usual weekday and time were kept.
    usual: bool
    reason: str

    @property
    def end_minute(self) -> int:
        return minutes_of(self.start) + self.minutes


@dataclass(frozen=True)
class NoProposal:
    """A case the proposer leaves alone, and why (in French)."""

    case_id: int
    beneficiary: str
    reason: str


@dataclass(frozen=True)
class Plan:
    proposals: tuple[Proposal, ...]
    skipped: tuple[NoProposal, ...]


def _in_intervals(day: date, intervals: Sequence[tuple[date, date]]) -> bool:
    return any(start <= day <= end for start, end in intervals)


def usual_slot(facts: Any) -> tuple[int, time] | None:
    """The most frequent (weekday, time) of the attended timed individual interviews.

    Ties go to the most recent: a beneficiary who moved to Thursdays is seen on Thursdays.
    """
    held = [
        i
        for i in facts.interviews
        if i.status == InterviewStatus.ATTENDED
        and i.kind == InterviewKind.INDIVIDUAL
        and getattr(i, "time", None) is not None
    ]
    if not held:
        return None
    counts = Counter((i.date.weekday(), i.time) for i in held)
    latest = {(i.date.weekday(), i.time): i.date for i in held}
    return max(counts, key=lambda slot: (counts[slot], latest[slot]))


def _last_held_time(facts: Any, anchor: date) -> time | None:
    for i in facts.interviews:
        if i.date == anchor and i.status == InterviewStatus.ATTENDED and getattr(i, "time", None):
            return i.time  # type: ignore[no-any-return]
    return None


def _planned_cover(facts: Any, first: date, last: date) -> Any | None:
    """A planned individual interview of 30 minutes or more from ``first`` to ``last``."""
    for i in sorted(facts.interviews, key=lambda i: i.date):
        if (
            first <= i.date <= last
            and i.status == InterviewStatus.PLANNED
            and i.kind == InterviewKind.INDIVIDUAL
            and i.minutes >= WEEKLY_MIN_MINUTES
        ):
            return i
    return None


def _weeks_to_cover(facts: Any, first: date) -> list[date]:
    """The Mondays of this week and the next when due and not done yet (rule 5)."""
    mondays = []
    for day in (first, week_monday(first) + timedelta(days=7)):
        week = current_week(facts, day)
        if week is not None and not week.done:
            mondays.append(week.monday)
    return mondays


class _Agenda:
    """The referent's busy minutes by day, growing as proposals are made."""

    def __init__(self, busy: Iterable[BusySlot]) -> None:
        self._days: dict[date, list[tuple[int, int]]] = defaultdict(list)
        for slot in busy:
            self.add(slot.day, minutes_of(slot.start), slot.minutes)

    def add(self, day: date, start: int, minutes: int) -> None:
        self._days[day].append((start, start + minutes))

    def free(self, day: date, start: int, minutes: int) -> bool:
        end = start + minutes
        return all(end <= lo or hi <= start for lo, hi in self._days.get(day, ()))


def _day_order(days: list[date], ideal: date) -> list[date]:
    return sorted(days, key=lambda d: (abs((d - ideal).days), d))


def _first_free(
    days: Sequence[date],
    agenda: _Agenda,
    hours: WeekHours,
    preferred: int,
    minutes: int,
) -> tuple[date, time] | None:
    for day in days:
        starts = [
            minutes_of(start)
            for stretch in hours.stretches(day)
            for start in slot_starts(stretch, minutes, STEP_MINUTES)
        ]
        for start in sorted(starts, key=lambda m: (abs(m - preferred), m)):
            if agenda.free(day, start, minutes):
                return day, time_of(start)
    return None


def propose(
    cases: Iterable[PlanningCase],
    *,
    today: date,
    hours: WeekHours,
    busy: Iterable[BusySlot] = (),
    alsace_moselle: bool = False,
    minutes: int = PROPOSED_MINUTES,
) -> Plan:
    """One proposal per case that needs one (module notes); the others with a reason."""
    agenda = _Agenda(busy)
    first = today + timedelta(days=1)
    skipped: list[NoProposal] = []
    todo: list[tuple[date, PlanningCase, date, date]] = []
    for case in cases:
        facts = case.facts
        if effective_status(facts, today) is not CaseStatus.ACTIVE:
            skipped.append(NoProposal(case.case_id, case.beneficiary, "Dossier non actif"))
            continue
        anchor = last_clock_interview(facts, today)
        if anchor is None:
            skipped.append(
                NoProposal(case.case_id, case.beneficiary, "Aucun entretien réalisé à ce jour")
            )
            continue
        limit = latest_allowed_after(anchor, blocked_intervals(facts))
        last = min(limit, current_end(facts))
        if limit < today:
            skipped.append(
                NoProposal(
                    case.case_id,
                    case.beneficiary,
                    f"Règle des 14 jours dépassée (limite le {fr_date(limit)})",
                )
            )
            continue
        planned = _planned_cover(facts, today, last)
        if planned is not None:
            when = fr_date(planned.date)
            if getattr(planned, "time", None) is not None:
                when += f" à {planned.time:%H:%M}"
            skipped.append(NoProposal(case.case_id, case.beneficiary, f"Déjà planifié le {when}"))
            continue
        if limit == today:
            # Still within the rule today, but proposals start tomorrow: say it is urgent.
            skipped.append(NoProposal(case.case_id, case.beneficiary, _LIMIT_TODAY))
            continue
        if last < first:
            skipped.append(
                NoProposal(
                    case.case_id,
                    case.beneficiary,
                    f"La prestation se termine le {fr_date(current_end(facts))}",
                )
            )
            continue
        todo.append((limit, case, anchor, last))
    proposals: list[Proposal] = []
    for limit, case, anchor, last in sorted(todo, key=lambda t: (t[0], t[1].case_id)):
        proposal = _propose_one(
            case, anchor, limit, last, first, agenda, hours, alsace_moselle, minutes
        )
        if isinstance(proposal, NoProposal):
            skipped.append(proposal)
            continue
        agenda.add(proposal.day, minutes_of(proposal.start), proposal.minutes)
        proposals.append(proposal)
    proposals.sort(key=lambda p: (p.day, p.start, p.beneficiary))
    return Plan(tuple(proposals), tuple(skipped))


def _propose_one(
    case: PlanningCase,
    anchor: date,
    limit: date,
    last: date,
    first: date,
    agenda: _Agenda,
    hours: WeekHours,
    alsace_moselle: bool,
    minutes: int,
) -> Proposal | NoProposal:
    facts = case.facts
    blocked = blocked_intervals(facts)
    allowed = [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if is_working_day(first + timedelta(days=n), alsace_moselle=alsace_moselle)
        and not _in_intervals(first + timedelta(days=n), blocked)
        and hours.works_on(first + timedelta(days=n))
    ]
    if not allowed:
        return NoProposal(
            case.case_id,
            case.beneficiary,
            f"Aucun jour travaillé libre avant le {fr_date(last)}",
        )
    usual = usual_slot(facts)
    held_at = _last_held_time(facts, anchor)
    preferred_time = usual[1] if usual else held_at or hours.stretches(allowed[0])[0][0]
    # The first week to cover that still has a day allowed (a week whose last working
    # day has passed is lost whatever is proposed).
    week, in_week = None, []
    for monday in _weeks_to_cover(facts, first):
        in_week = [d for d in allowed if monday <= d <= monday + timedelta(days=6)]
        if in_week:
            week = monday
            break

    def ideal(days: list[date]) -> date:
        if usual is not None:
            matching = [d for d in days if d.weekday() == usual[0]]
            if matching:
                return matching[0]
        rhythm = anchor + timedelta(days=7)
        return min(max(rhythm, days[0]), days[-1])

    found = None
    covers = False
    if in_week:
        found = _first_free(
            _day_order(in_week, ideal(in_week)), agenda, hours, minutes_of(preferred_time), minutes
        )
        covers = found is not None
    if found is None:
        found = _first_free(
            _day_order(allowed, ideal(allowed)), agenda, hours, minutes_of(preferred_time), minutes
        )
    if found is None:
        return NoProposal(
            case.case_id,
            case.beneficiary,
            f"Aucun créneau libre dans les horaires avant le {fr_date(last)}",
        )
    day, start = found
    kept_usual = usual is not None and (day.weekday(), start) == usual
    reason = _reason(week, covers, limit, kept_usual)
    return Proposal(
        case_id=case.case_id,
        beneficiary=case.beneficiary,
        day=day,
        start=start,
        minutes=minutes,
        limit=limit,
        week=week,
        covers_week=covers or week is None,
        usual=kept_usual,
        reason=reason,
    )


def _reason(week: date | None, covers: bool, limit: date, usual: bool) -> str:
    parts = []
    if week is not None:
        if covers:
            parts.append(f"entretien de la semaine du {fr_date(week)}")
        else:
            parts.append(f"aucun créneau libre la semaine du {fr_date(week)}")
    parts.append(f"au plus tard le {fr_date(limit)} (14 jours)")
    if usual:
        parts.append("jour et heure habituels")
    text = " ; ".join(parts)
    return text[:1].upper() + text[1:]
