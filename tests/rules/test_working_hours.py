"""A referent's working week: the default, the checks, what fits."""

from __future__ import annotations

from datetime import date, time

from movdesk.rules.working_hours import DEFAULT_HOURS, check_hours, slot_starts, week_hours

MONDAY = date(2026, 3, 2)


def test_default_week_is_monday_to_friday_with_a_lunch_break() -> None:
    assert DEFAULT_HOURS.fits(MONDAY, time(9, 0), 45)
    assert DEFAULT_HOURS.fits(MONDAY, time(11, 45), 45)  # ends at 12:30 exactly
    assert not DEFAULT_HOURS.fits(MONDAY, time(12, 0), 45)  # runs into lunch
    assert not DEFAULT_HOURS.fits(MONDAY, time(17, 0), 45)
    assert not DEFAULT_HOURS.works_on(date(2026, 3, 7))  # Saturday
    assert not DEFAULT_HOURS.works_on(date(2026, 3, 8))  # Sunday
    assert DEFAULT_HOURS.total_minutes == 5 * 7 * 60 + 5 * 30


def test_week_from_rows_sorts_each_day() -> None:
    week = week_hours(
        [(5, time(9, 0), time(12, 0)), (0, time(14, 0), time(18, 0)), (0, time(8, 0), time(12, 0))]
    )
    assert week.days[0] == ((time(8, 0), time(12, 0)), (time(14, 0), time(18, 0)))
    assert week.works_on(date(2026, 3, 7))


def test_checks_name_the_day_and_the_rule() -> None:
    empty: list[list[tuple[time, time]]] = [[] for _ in range(6)]
    assert [p.field for p in check_hours(empty)] == ["hours"]
    bad = [list(day) for day in empty]
    bad[1] = [(time(10, 0), time(9, 0))]
    bad[2] = [(time(7, 0), time(12, 0))]
    bad[3] = [(time(9, 0), time(12, 0)), (time(11, 0), time(14, 0))]
    problems = check_hours(bad)
    assert [p.field for p in problems] == ["hours.mardi", "hours.mercredi", "hours.jeudi"]
    assert "doit suivre le début" in problems[0].message
    assert "entre 08:00 et 19:00" in problems[1].message
    assert "se chevauchent" in problems[2].message
    assert check_hours([[(time(9, 0), time(17, 0))], [], [], [], [], []]) == []


def test_slot_starts_every_step_that_fits() -> None:
    assert slot_starts((time(9, 0), time(10, 30)), 45, 15) == [
        time(9, 0),
        time(9, 15),
        time(9, 30),
        time(9, 45),
    ]
