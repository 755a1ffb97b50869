"""A referent's working week (horaires de travail): when appointments may be proposed.

Pure values and checks, no Qt, no session. A week is six days, Monday (0) to Saturday
(5) — the agenda's week — each with its stretches of work (a lunch break makes two).
The agenda shows the day from 8:00 to 19:00, so stretches lie within it.

**Decision:** a referent who never set hours works the office's usual week,
:data:`DEFAULT_HOURS`: Monday to Friday, 9:00–12:30 and 13:30–17:30.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .validation.common import Problem

#: The agenda's day: the week and day views run from 8:00 to 19:00.
DAY_START = time(8, 0)
DAY_END = time(19, 0)
#: Monday to Saturday (``date.weekday()`` numbers).
WEEKDAYS = range(6)
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

#: One stretch of work, from its start to its end (end excluded).
Stretch = tuple[time, time]


def minutes_of(moment: time) -> int:
    """Minutes since midnight."""
    return moment.hour * 60 + moment.minute


def time_of(minutes: int) -> time:
    """The time ``minutes`` after midnight (within the day)."""
    return time(minutes // 60, minutes % 60)


def add_minutes(moment: time, minutes: int) -> time:
    """``moment`` + ``minutes``, within the same day (clipped at 23:59)."""
    total = min(minutes_of(moment) + minutes, 23 * 60 + 59)
    return time_of(total)


def at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


@dataclass(frozen=True)
class WeekHours:
    """The stretches of each day from Monday to Saturday, sorted by start."""

    days: tuple[tuple[Stretch, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != len(WEEKDAYS):
            raise ValueError("six days, Monday to Saturday")

    def stretches(self, day: date) -> tuple[Stretch, ...]:
        """The stretches of ``day`` (none on Sunday)."""
        weekday = day.weekday()
        return self.days[weekday] if weekday in WEEKDAYS else ()

    def fits(self, day: date, start: time, minutes: int) -> bool:
        """An appointment from ``start`` lasting ``minutes`` lies in one stretch of ``day``."""
        first = minutes_of(start)
        last = first + minutes
        return any(
            minutes_of(lo) <= first and last <= minutes_of(hi) for lo, hi in self.stretches(day)
        )

    def works_on(self, day: date) -> bool:
        return bool(self.stretches(day))

    @property
    def total_minutes(self) -> int:
        """The length of the working week."""
        return sum(minutes_of(hi) - minutes_of(lo) for day in self.days for lo, hi in day)


def week_hours(stretches: Sequence[tuple[int, time, time]]) -> WeekHours:
    """A week from ``(weekday, start, end)`` rows, in any order."""
    days: list[list[Stretch]] = [[] for _ in WEEKDAYS]
    for weekday, start, end in stretches:
        days[weekday].append((start, end))
    return WeekHours(tuple(tuple(sorted(day)) for day in days))


_MORNING = (time(9, 0), time(12, 30))
_AFTERNOON = (time(13, 30), time(17, 30))

#: The week of a referent who never set hours (module notes).
DEFAULT_HOURS = WeekHours(tuple((_MORNING, _AFTERNOON) if d < 5 else () for d in WEEKDAYS))


def check_hours(days: Sequence[Sequence[Stretch]]) -> list[Problem]:
    """What is wrong with a week as typed; each problem names its day (``hours.lundi``)."""
    problems: list[Problem] = []
    for weekday, stretches in enumerate(days):
        name = WEEKDAY_NAMES[weekday]
        field = f"hours.{name}"
        ordered = sorted(stretches)
        for start, end in ordered:
            if end <= start:
                problems.append(
                    Problem(
                        field,
                        f"{name} : la fin ({end:%H:%M}) doit suivre le début ({start:%H:%M}).",
                    )
                )
            elif start < DAY_START or end > DAY_END:
                problems.append(
                    Problem(
                        field,
                        f"{name} : les horaires se situent entre {DAY_START:%H:%M} et "
                        f"{DAY_END:%H:%M}, la journée de l'agenda (ici {start:%H:%M}–"
                        f"{end:%H:%M}).",
                    )
                )
        for (_s1, e1), (s2, _e2) in zip(ordered, ordered[1:], strict=False):
            if s2 < e1:
                problems.append(
                    Problem(
                        field, f"{name} : deux plages se chevauchent ({s2:%H:%M} avant {e1:%H:%M})."
                    )
                )
    if not problems and not any(days):
        problems.append(Problem("hours", "indiquez au moins une plage de travail dans la semaine."))
    return problems


def slot_starts(stretch: Stretch, minutes: int, step: int) -> list[time]:
    """The start times every ``step`` minutes at which ``minutes`` fit in ``stretch``."""
    lo, hi = minutes_of(stretch[0]), minutes_of(stretch[1])
    return [time_of(m) for m in range(lo, hi - minutes + 1, step)]


def days_between(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last`` inclusive."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
