"""Working days, practical dates, month arithmetic and ISO weeks (MOV-RULES.md section 8)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movdesk.rules.calendar import (
    add_months,
    french_date,
    is_working_day,
    iso_week_label,
    next_working_day,
    practical_date,
    week_monday,
    week_sunday,
)

D = date.fromisoformat


@pytest.mark.parametrize(
    ("day", "alsace_moselle", "working"),
    [
        ("2026-07-14", False, False),  # Fête nationale, a Tuesday
        ("2026-07-13", False, True),
        ("2026-07-12", False, False),  # Sunday
        ("2026-07-11", False, False),  # Saturday
        ("2026-04-06", False, False),  # Easter Monday
        ("2026-04-03", False, True),  # Good Friday: working in metropolitan France…
        ("2026-04-03", True, False),  # …a holiday in Alsace-Moselle
        ("2025-12-26", False, True),  # 26 December, a Friday
        ("2025-12-26", True, False),
        ("2026-05-25", False, False),  # Pentecost Monday
        ("2026-05-14", False, False),  # Ascension
        ("2026-05-08", False, False),  # Victoire 1945
        ("2026-11-11", False, False),  # Armistice
        ("2027-01-01", False, False),
    ],
)
def test_working_days(day: str, alsace_moselle: bool, working: bool) -> None:
    assert is_working_day(D(day), alsace_moselle=alsace_moselle) is working


@pytest.mark.parametrize(
    ("due", "alsace_moselle", "practical"),
    [
        ("2026-07-15", False, "2026-07-15"),  # a working day stays
        ("2026-07-14", False, "2026-07-13"),  # 14 July → Monday 13
        ("2026-07-12", False, "2026-07-10"),  # Sunday → Friday
        ("2026-04-06", False, "2026-04-03"),  # Easter Monday → Friday
        ("2026-04-06", True, "2026-04-02"),  # …Good Friday is off too in Alsace-Moselle
        ("2025-12-26", False, "2025-12-26"),
        ("2025-12-26", True, "2025-12-24"),  # 26 and 25 December off
        ("2026-05-25", False, "2026-05-22"),  # Pentecost Monday → Friday
        ("2027-01-01", False, "2026-12-31"),  # across a year end
        ("2026-08-15", False, "2026-08-14"),  # Assumption on a Saturday
        ("2026-11-01", False, "2026-10-30"),  # All Saints on a Sunday
    ],
)
def test_practical_date(due: str, alsace_moselle: bool, practical: str) -> None:
    assert practical_date(D(due), alsace_moselle=alsace_moselle) == D(practical)


def test_next_working_day_skips_weekend_and_holiday() -> None:
    assert next_working_day(D("2026-07-11")) == D("2026-07-13")
    assert next_working_day(D("2026-05-23")) == D("2026-05-26")  # Pentecost Monday


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2028-01-31", 1, "2028-02-29"),  # leap year
        ("2028-01-31", 2, "2028-03-31"),
        ("2026-08-31", 1, "2026-09-30"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-11-15", 3, "2027-02-15"),
        ("2026-01-05", 6, "2026-07-05"),
    ],
)
def test_add_months(start: str, months: int, expected: str) -> None:
    assert add_months(D(start), months) == D(expected)


@pytest.mark.parametrize(
    ("day", "monday", "sunday", "label"),
    [
        ("2026-01-01", "2025-12-29", "2026-01-04", "2026-W01"),
        ("2027-01-01", "2026-12-28", "2027-01-03", "2026-W53"),
        ("2026-03-16", "2026-03-16", "2026-03-22", "2026-W12"),
        ("2026-03-22", "2026-03-16", "2026-03-22", "2026-W12"),
    ],
)
def test_iso_weeks(day: str, monday: str, sunday: str, label: str) -> None:
    assert week_monday(D(day)) == D(monday)
    assert week_sunday(D(day)) == D(sunday)
    assert iso_week_label(D(day)) == label


def test_french_date() -> None:
    assert french_date(D("2026-03-05")) == "05/03/2026"


@given(st.dates(min_value=date(2000, 1, 10), max_value=date(2099, 12, 31)), st.booleans())
def test_practical_date_is_the_last_working_day_on_or_before(day: date, am: bool) -> None:
    practical = practical_date(day, alsace_moselle=am)
    assert practical <= day
    assert is_working_day(practical, alsace_moselle=am)
    between = (day - practical).days
    assert between < 7
    assert not any(
        is_working_day(practical + timedelta(days=i), alsace_moselle=am)
        for i in range(1, between + 1)
    )
