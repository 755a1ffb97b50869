"""The deadline schedule of a case: every deadline it will have, with the days it is open.

:func:`~movdesk.rules.deadlines.case_deadlines` answers for one day. The office list asks
the same question of 10,000 active cases every day, while a case's facts change far
less often than the date. So the answer is worked out once per change of the facts, as
a schedule: for every day from ``since`` on, the deadlines open that day are exactly the
schedule's items whose ``open_from``–``open_until`` range holds it (an empty bound is
open-ended). Status and practical date are not part of it: they follow from the due
date and the day asked.

How: the open deadlines of a case depend on the day only through a few dates, its
*turning points* (:func:`turning_points`) — each Monday while the case can be active
(the weekly interview moves on), the day after the current end (ended at term), S + 8
(a no-show's contracting interview closes), the day after each follow-up due date, and
the date of each interview of an active case still to come (a later interview becomes
the last one of the 14-day clock on its day). Between two turning points nothing
changes, so the schedule is :func:`~movdesk.rules.deadlines.open_items` evaluated on
``since`` and on each turning point, with the ranges merged. Tests compare the schedule
with the day-by-day rules on every day of many cases' lives, so a rule that started to
depend on the day in a new way would be caught.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models.enums import CaseStatus
from .calendar import week_monday
from .deadlines import KIND_ORDER, open_items
from .timeline import current_end, follow_up_dues

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ScheduledDeadline:
    """One deadline of a case and the days it is open (inclusive; None: no bound)."""

    kind: str
    due: date
    label: str
    open_from: date | None
    open_until: date | None

    def is_open(self, day: date) -> bool:
        """The deadline is open on ``day`` (the schedule's ``since`` or later)."""
        return (self.open_from is None or self.open_from <= day) and (
            self.open_until is None or day <= self.open_until
        )


def turning_points(case: Any, since: date) -> list[date]:
    """The days after ``since`` on which the open deadlines of ``case`` may change, sorted.

    The module notes list them; a day that is not one of them keeps the deadlines of
    the day before. The weekly and 14-day deadlines concern only a case recorded as
    active (its effective status is active on no other record), so only such a case
    has Mondays and interview dates among its turning points.
    """
    end = current_end(case)
    points = {case.start_date + timedelta(days=8), end + _ONE_DAY}
    last_active = end
    if case.exit is not None:
        points.update(due + _ONE_DAY for due in follow_up_dues(case.exit.date))
        last_active = max(end, case.exit.date)
    if CaseStatus(case.status) is CaseStatus.ACTIVE:
        points.update(i.date for i in case.interviews)
        # Each Monday up to the week after the case's last active day.
        monday = week_monday(since) + _ONE_WEEK
        while monday <= last_active + _ONE_WEEK:
            points.add(monday)
            monday += _ONE_WEEK
    return sorted(p for p in points if p > since)


def deadline_schedule(case: Any, since: date) -> list[ScheduledDeadline]:
    """The deadlines of ``case`` on every day from ``since`` on, with their open ranges.

    For any day ``d >= since``, the items open on ``d`` are those of
    :func:`~movdesk.rules.deadlines.open_items` on ``d``. Items come in the order they
    first open, then in the kinds table's order; an item that closes and opens again
    gets one range each time.
    """
    # Each range: [kind, due, label, first day, last day or None while open].
    ranges: list[list[Any]] = []
    live: dict[tuple[str, date, str], list[Any]] = {}
    for day in [since, *turning_points(case, since)]:
        items = set(open_items(case, day))
        for item in [item for item in live if item not in items]:
            live.pop(item)[4] = day - _ONE_DAY
        for item in sorted(items - live.keys(), key=lambda item: KIND_ORDER[item[0]]):
            live[item] = [*item, day, None]
            ranges.append(live[item])
    return [
        ScheduledDeadline(
            kind=kind,
            due=due,
            label=label,
            open_from=None if first == since else first,
            open_until=last,
        )
        for kind, due, label, first, last in ranges
    ]
