"""The timeline of a case: end date, effective status, 14-day rule, weekly interviews.

Pure functions over a case's facts (MOV-RULES.md sections 2 to 4). They read only
attributes, so they accept a :class:`~movdesk.models.Case` or any object with the same
attribute names (``start_date``, ``end_date``, ``renewal_new_end_date``, ``status``,
``contracting_date``, ``contracting_result``, ``phase2_start``, ``interviews``,
``suspensions``, ``company_periods``, ``exit``). Only ``attended`` interviews count.

Decisions beyond the contract's text:

* a case whose contract was never signed (ordered, no-show, refused) has no end date:
  it never entered the service, so nothing (final report, payments) runs from an end;
* a case recorded ``ended_term`` without an exit record ended on its current end date;
* the end at term is the current end date (E, or the renewed E) once it has passed:
  E itself is still a day of the case;
* an ``attended`` interview dated after today is a typing error and is ignored by the
  14-day clock (nobody attends the future).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models.enums import CaseStatus, ContractingResult, InterviewKind, InterviewStatus
from .calendar import add_months, week_monday
from .outcomes import classify_exit

#: Longest allowed effective gap between two attended interviews (rupture beyond it).
MAX_GAP_DAYS = 14
#: Length of the service from S, in days (E ≤ S + 179).
CASE_DAYS = 180
#: An individual interview counts for the weekly rule from this length, in minutes.
WEEKLY_MIN_MINUTES = 30

#: Interview kinds that keep the 14-day clock running. A tuple, not a set: membership
#: then compares by value, so plain strings read from the database match as well (an
#: enum member hashes by its name, a string by its value).
CLOCK_KINDS = (
    InterviewKind.CONTRACTING,
    InterviewKind.INDIVIDUAL,
    InterviewKind.GROUP,
    InterviewKind.PHONE,
)

_ONE_DAY = timedelta(days=1)

#: An inclusive range of days ``(first, last)``.
Interval = tuple[date, date]


def is_signed(case: Any) -> bool:
    """The contract was signed at the contracting interview."""
    return case.contracting_result == ContractingResult.SIGNED


def current_end(case: Any) -> date:
    """E, or the renewed end date when France Travail granted a renewal."""
    return case.renewal_new_end_date or case.end_date


def case_end_date(case: Any, today: date) -> date | None:
    """The end date of the case, or None while it runs (or when it never started).

    The exit date when an exit is recorded; otherwise, for a signed contract, the
    current end date once it is before ``today`` (ended at term).
    """
    if case.exit is not None:
        return case.exit.date
    if not is_signed(case):
        return None
    end = current_end(case)
    if end < today or case.status == CaseStatus.ENDED_TERM:
        return end
    return None


def effective_status(case: Any, today: date) -> CaseStatus:
    """The recorded status, except an active case past its end with no exit: ended at term."""
    status = CaseStatus(case.status)
    if status is CaseStatus.ACTIVE and case.exit is None and current_end(case) < today:
        return CaseStatus.ENDED_TERM
    return status


def phase(case: Any) -> int | None:
    """1 (diagnostic) or 2 (plan d'action) once the contract is signed, else None."""
    if not is_signed(case):
        return None
    return 2 if case.phase2_start is not None else 1


def active_period(case: Any, today: date) -> Interval | None:
    """From the contracting interview to the end date (or the current end while running)."""
    if not is_signed(case) or case.contracting_date is None:
        return None
    return case.contracting_date, case_end_date(case, today) or current_end(case)


def blocked_intervals(case: Any) -> list[Interval]:
    """Suspension and company-period days, as sorted, merged, non-adjacent intervals.

    Adjacent periods are merged too, so the day after an interval is never blocked.
    """
    spans = sorted(
        [(s.start_date, s.end_date) for s in case.suspensions]
        + [(p.start_date, p.end_date) for p in case.company_periods]
    )
    merged: list[Interval] = []
    for start, end in spans:
        if merged and start <= merged[-1][1] + _ONE_DAY:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def blocked_days(case: Any) -> set[date]:
    """Every day that lies in a suspension or a company period (for display and tests)."""
    days: set[date] = set()
    for start, end in blocked_intervals(case):
        days.update(start + timedelta(days=i) for i in range((end - start).days + 1))
    return days


def _blocked_between(intervals: Iterable[Interval], a: date, b: date) -> int:
    """How many blocked days d satisfy a < d < b."""
    first, last = a + _ONE_DAY, b - _ONE_DAY
    count = 0
    for start, end in intervals:
        lo, hi = max(start, first), min(end, last)
        if lo <= hi:
            count += (hi - lo).days + 1
    return count


def effective_gap(a: date, b: date, case: Any) -> int:
    """(b − a) minus the suspension and company-period days strictly between a and b."""
    return (b - a).days - _blocked_between(blocked_intervals(case), a, b)


def last_clock_interview(case: Any, today: date) -> date | None:
    """The last attended interview that keeps the 14-day clock running, up to today.

    The contracting interview counts when the contract was signed there.
    """
    last = case.contracting_date if is_signed(case) else None
    for interview in case.interviews:
        # The date tests come first: they discard most interviews at the least cost.
        day = interview.date
        if (
            (last is None or day > last)
            and day <= today
            and interview.status == InterviewStatus.ATTENDED
            and interview.kind in CLOCK_KINDS
        ):
            last = day
    return last


def latest_allowed_after(anchor: date, intervals: list[Interval]) -> date:
    """The last date L with effective gap(anchor, L) ≤ 14, given merged blocked intervals.

    The gap grows by one a day except over blocked days, so L is where the gap reaches
    14 on a day that is not blocked (on a blocked day the next day still has gap 14).
    """
    limit = anchor + timedelta(days=MAX_GAP_DAYS)
    while True:
        pushed = anchor + timedelta(days=MAX_GAP_DAYS + _blocked_between(intervals, anchor, limit))
        if pushed == limit:
            break
        limit = pushed
    for start, end in intervals:
        if start <= limit <= end:
            return end + _ONE_DAY
    return limit


def next_interview_deadline(case: Any, today: date) -> date | None:
    """Latest allowed date of the next interview under the 14-day rule (None: no clock yet)."""
    anchor = last_clock_interview(case, today)
    if anchor is None:
        return None
    return latest_allowed_after(anchor, blocked_intervals(case))


# --- Weekly interviews ------------------------------------------------------------------


@dataclass(frozen=True)
class WeekStatus:
    """One due ISO week: done when it holds an attended individual interview ≥ 30 min."""

    monday: date
    done: bool
    missed: bool

    @property
    def sunday(self) -> date:
        """The day the week's interview is due by."""
        return self.monday + timedelta(days=6)


def _weekly_interview_days(case: Any, first: date, last: date) -> set[date]:
    """Days from ``first`` to ``last`` holding an attended individual interview ≥ 30 min."""
    return {
        i.date
        for i in case.interviews
        if first <= i.date <= last
        and i.status == InterviewStatus.ATTENDED
        and i.kind == InterviewKind.INDIVIDUAL
        and i.minutes >= WEEKLY_MIN_MINUTES
    }


def _in_intervals(d: date, intervals: list[Interval]) -> bool:
    return any(start <= d <= end for start, end in intervals)


def _week_is_due(monday: date, contracting: date, end: date, intervals: list[Interval]) -> bool:
    """Section 2 rule 5, Decision: Monday to Friday all after the contracting interview
    and on or before the end date, and one of them neither suspended nor in a company
    period."""
    friday = monday + timedelta(days=4)
    if monday <= contracting or friday > end:
        return False
    return not all(_in_intervals(monday + timedelta(days=i), intervals) for i in range(5))


def _week_status(monday: date, done_days: set[date], today: date) -> WeekStatus:
    done = any(monday + timedelta(days=i) in done_days for i in range(7))
    sunday = monday + timedelta(days=6)
    return WeekStatus(monday=monday, done=done, missed=not done and sunday < today)


def due_weeks(case: Any, today: date) -> Iterator[date]:
    """Mondays of the due weeks, from the contracting interview up to the week of today."""
    period = active_period(case, today)
    if period is None:
        return
    contracting, end = period
    intervals = blocked_intervals(case)
    # The first Monday strictly after the contracting interview.
    monday = week_monday(contracting) + timedelta(days=7)
    last_monday = min(week_monday(today), week_monday(end))
    while monday <= last_monday:
        if _week_is_due(monday, contracting, end, intervals):
            yield monday
        monday += timedelta(days=7)


def weekly_compliance(case: Any, today: date) -> list[WeekStatus]:
    """Each due week up to the current one, whether it was done, and whether it was missed.

    A week is missed once its Sunday has passed; the current week is due by its Sunday.
    """
    mondays = list(due_weeks(case, today))
    if not mondays:
        return []
    done_days = _weekly_interview_days(case, mondays[0], mondays[-1] + timedelta(days=6))
    return [_week_status(monday, done_days, today) for monday in mondays]


def current_week(case: Any, today: date) -> WeekStatus | None:
    """The week of ``today`` when it is a due week (what the deadlines list shows)."""
    period = active_period(case, today)
    if period is None:
        return None
    monday = week_monday(today)
    if not _week_is_due(monday, period[0], period[1], blocked_intervals(case)):
        return None
    done_days = _weekly_interview_days(case, monday, monday + timedelta(days=6))
    return _week_status(monday, done_days, today)


# --- Follow-up after a positive exit -----------------------------------------------------


@dataclass(frozen=True)
class Window:
    """One follow-up interview window: from ``start`` to ``due`` inclusive."""

    number: int
    start: date
    due: date
    done: bool


def follow_up_dues(j: date) -> list[date]:
    """J + 6, then J + 1, 2 and 3 months (section 4)."""
    return [j + timedelta(days=6), add_months(j, 1), add_months(j, 2), add_months(j, 3)]


def follow_up_windows(case: Any) -> list[Window]:
    """The four follow-up windows after a positive exit on J ([] without one).

    The first window starts on J; each later one the day after the previous due date.
    """
    exit = case.exit
    if exit is None or not classify_exit(exit).positive:
        return []
    return windows_after(exit.date, case.interviews)


def windows_after(j: date, interviews: Iterable[Any]) -> list[Window]:
    """The four follow-up windows from J, whatever the exit (the caller knows it is positive)."""
    held = [
        i.date
        for i in interviews
        if i.kind == InterviewKind.FOLLOW_UP and i.status == InterviewStatus.ATTENDED
    ]
    windows = []
    start = j
    for number, due in enumerate(follow_up_dues(j), start=1):
        done = any(start <= d <= due for d in held)
        windows.append(Window(number=number, start=start, due=due, done=done))
        start = due + _ONE_DAY
    return windows


# --- What the case file header shows ----------------------------------------------------


@dataclass(frozen=True)
class CaseTimeline:
    """The figures of a case file header, as of ``today``."""

    status: CaseStatus
    phase: int | None
    #: Day n of 180, S being day 1 (None before S).
    day_number: int | None
    end_date: date | None
    next_interview: date | None
    #: Days left before the 14-day limit (negative once it has passed).
    days_left: int | None


def case_timeline(case: Any, today: date) -> CaseTimeline:
    """Bundle the header figures of a case."""
    status = effective_status(case, today)
    day = (today - case.start_date).days + 1
    deadline = next_interview_deadline(case, today) if status is CaseStatus.ACTIVE else None
    return CaseTimeline(
        status=status,
        phase=phase(case),
        day_number=day if day >= 1 else None,
        end_date=case_end_date(case, today),
        next_interview=deadline,
        days_left=(deadline - today).days if deadline is not None else None,
    )
