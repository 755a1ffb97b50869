"""The week-by-week history of a signed demo case: periods, suspensions, interviews.

The history is built so that it keeps the contract (MOV-RULES.md section 2): one
attended individual interview of at least 30 minutes in every week that has a free
working day, hence never more than 14 days between interviews except where the
generator stops them on purpose (a case that is late, or interrupted under the 14-day
rule). Suspensions and company periods never overlap, stay inside the case, and keep
within their limits (sickness ≤ 14 days, leave ≤ 35 days in total, periods 7–42 days).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..rules.calendar import is_working_day, week_monday
from .catalog import INTERVIEW_NOTES, Employer, Job
from .exits import follow_up_dues

_DAY = timedelta(days=1)
#: Hundreds of thousands of lookups over a few hundred distinct days.
_is_working_day = lru_cache(maxsize=4096)(is_working_day)
_MORNING = ("09:00", "09:30", "10:00", "10:30", "11:00")
_AFTERNOON = ("13:30", "14:00", "14:30", "15:00", "15:30", "16:00")
MAX_SICKNESS_DAYS = 14
MAX_LEAVE_DAYS = 35


@dataclass
class Calendar:
    """The days of a case taken by suspensions and company periods."""

    spans: list[tuple[date, date]] = field(default_factory=list)
    taken: set[date] = field(default_factory=set)

    def is_free(self, start: date, end: date) -> bool:
        """True when no taken span touches [start, end] (a day's margin on each side)."""
        return all(end + _DAY < a or start - _DAY > b for a, b in self.spans)

    def take(self, start: date, end: date) -> None:
        self.spans.append((start, end))
        self.taken.update(start + timedelta(days=n) for n in range((end - start).days + 1))


def _next_monday(d: date) -> date:
    return d + timedelta(days=(7 - d.weekday()) % 7)


def company_periods(
    rng: random.Random,
    cal: Calendar,
    employers: list[Employer],
    first: date,
    last: date,
) -> list[dict[str, Any]]:
    """One or two periods in a company (7 to 42 days), starting on a Monday in [first, last]."""
    periods: list[dict[str, Any]] = []
    wanted = 1 if rng.random() < 0.75 else 2
    cursor = first
    for _ in range(wanted):
        start = _next_monday(cursor + timedelta(days=rng.randrange(0, 28)))
        weeks = rng.choice((1, 2, 2, 2, 3, 3, 4, 6))
        # Monday to Sunday of the last week, or Monday to its Friday when that is 7+ days.
        end = start + timedelta(days=7 * weeks - 1)
        if weeks > 1 and rng.random() < 0.5:
            end -= timedelta(days=2)
        if end > last or not cal.is_free(start, end):
            break
        cal.take(start, end)
        employer = rng.choice(employers)
        job: Job = rng.choice(employer.jobs)
        periods.append(
            {
                "start": start.isoformat(),
                "end": end.isoformat(),
                "employer": employer.name,
                "job_title": job.title,
                "rome": job.rome,
            }
        )
        cursor = end + timedelta(days=14)
    return periods


def _place(rng: random.Random, cal: Calendar, first: date, last: date, days: int) -> date | None:
    """A start date for a span of ``days`` days inside [first, last] that is free."""
    room = (last - first).days - days + 1
    if room < 0:
        return None
    for _ in range(6):
        start = first + timedelta(days=rng.randint(0, room))
        end = start + timedelta(days=days - 1)
        if cal.is_free(start, end):
            return start
    return None


def suspensions(rng: random.Random, cal: Calendar, first: date, last: date) -> list[dict[str, Any]]:
    """Sickness (≤ 14 days each) and leave (≤ 35 days in total) inside [first, last]."""
    found: list[dict[str, Any]] = []
    wanted: list[tuple[str, int]] = []
    if rng.random() < 0.15:
        wanted.append(("sickness", rng.randint(2, MAX_SICKNESS_DAYS)))
    if rng.random() < 0.2:
        leave_left = MAX_LEAVE_DAYS
        for _ in range(rng.choice((1, 1, 2))):
            days = min(rng.choice((5, 7, 9, 14, 21)), leave_left)
            leave_left -= days
            wanted.append(("leave", days))
    for kind, days in wanted:
        start = _place(rng, cal, first, last, days)
        if start is None:
            continue
        end = start + timedelta(days=days - 1)
        cal.take(start, end)
        found.append({"kind": kind, "start": start.isoformat(), "end": end.isoformat()})
    found.sort(key=lambda s: s["start"])
    return found


def _slot(rng: random.Random) -> str:
    return rng.choice(_MORNING if rng.random() < 0.55 else _AFTERNOON)


def _interview(
    rng: random.Random, on: date, kind: str, status: str, minutes: int
) -> dict[str, Any]:
    notes = None
    if status == "attended" and kind == "individual" and rng.random() < 0.15:
        notes = rng.choice(INTERVIEW_NOTES)
    return {"date": on.isoformat(), "time": _slot(rng), "minutes": minutes, "kind": kind,
            "status": status, "notes": notes}


def _free_days(cal: Calendar, first: date, last: date) -> list[date]:
    """Working days of [first, last] outside suspensions and company periods.

    Falls back on weekdays that are public holidays when a week has nothing else, since
    the weekly interview is owed all the same.
    """
    taken = cal.taken
    weekdays = [
        d
        for d in (first + timedelta(days=n) for n in range((last - first).days + 1))
        if d.weekday() < 5 and d not in taken
    ]
    working = [d for d in weekdays if _is_working_day(d)]
    return working or weekdays


def weekly_interviews(
    rng: random.Random, cal: Calendar, first: date, last: date
) -> list[dict[str, Any]]:
    """Attended interviews of every week of [first, last]: the weekly one and extras."""
    found: list[dict[str, Any]] = []
    monday = week_monday(first)
    while monday <= last:
        days = _free_days(cal, max(first, monday), min(last, monday + timedelta(days=6)))
        monday += timedelta(days=7)
        if not days:
            continue
        index = rng.randrange(len(days))
        if index < len(days) - 1 and rng.random() < 0.06:
            # Missed appointment, caught up later the same week.
            found.append(_interview(rng, days[index], "individual",
                                    rng.choice(("absent", "excused")), 45))
            index = rng.randint(index + 1, len(days) - 1)
        minutes = rng.choice((30, 45, 45, 60, 60, 60, 90))
        found.append(_interview(rng, days[index], "individual", "attended", minutes))
        others = [d for i, d in enumerate(days) if i != index]
        if others and rng.random() < 0.12:
            found.append(_interview(rng, rng.choice(others), "group", "attended",
                                    rng.choice((120, 180))))
        elif others and rng.random() < 0.08:
            found.append(_interview(rng, rng.choice(others), "phone", "attended",
                                    rng.choice((15, 20, 30))))
    return found


def planned_interviews(
    rng: random.Random, cal: Calendar, today: date, last: date, weeks: int
) -> list[dict[str, Any]]:
    """Appointments already booked after ``today``: one in each of the next ``weeks`` weeks."""
    found: list[dict[str, Any]] = []
    monday = week_monday(today)
    for _ in range(weeks):
        days = _free_days(cal, max(today + _DAY, monday), min(last, monday + timedelta(days=6)))
        monday += timedelta(days=7)
        if days:
            found.append(_interview(rng, rng.choice(days), "individual", "planned", 45))
    return found


def follow_up_interviews(rng: random.Random, first_day: date, today: date) -> list[dict[str, Any]]:
    """In-job follow-up: each held before its due date, the next one booked."""
    found: list[dict[str, Any]] = []
    previous = first_day
    for due in follow_up_dues(first_day):
        window = [d for d in _free_days(Calendar(), previous + _DAY, due)]
        previous = due
        if not window:
            continue
        on = rng.choice(window[-5:])
        if on <= today:
            if rng.random() < 0.93:
                found.append(_interview(rng, on, "follow_up", "attended",
                                        rng.choice((20, 30, 45))))
        else:
            found.append(_interview(rng, on, "follow_up", "planned", 30))
            break
    return found
