"""Dates and times as they are typed: exactly what was meant, or a French reason."""

from __future__ import annotations

from datetime import date, time

import pytest

from movdesk.ui.widgets.datetext import TextError, date_text, read_date, read_time, time_text

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2026", date(2026, 12, 31)),
        ("31122026", date(2026, 12, 31)),
        ("31/12/26", date(2026, 12, 31)),
        ("311226", date(2026, 12, 31)),
        ("31012027", date(2027, 1, 31)),
        (" 31 / 12 / 2026 ", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("31.12.2026", date(2026, 12, 31)),
        ("31 12 2026", date(2026, 12, 31)),
        ("1/2/2026", date(2026, 2, 1)),
        ("2026-12-31", date(2026, 12, 31)),
        # The last day of a 30-day month and of February, typed every way.
        ("30042026", date(2026, 4, 30)),
        ("30/04/26", date(2026, 4, 30)),
        ("28022026", date(2026, 2, 28)),
        ("290228", date(2028, 2, 29)),
        # Two-digit years: ten years ahead at most, else the century before.
        ("12/04/85", date(1985, 4, 12)),
        ("010136", date(2036, 1, 1)),
        ("010137", date(1937, 1, 1)),
        ("", None),
        ("   ", None),
    ],
)
def test_dates_read_exactly_as_typed(typed: str, expected: date | None) -> None:
    assert read_date(typed, today=TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("31042026", "« 31042026 » n'est pas une date : avril 2026 compte 30 jours."),
        ("31/06/2026", "juin 2026 compte 30 jours"),
        ("29022026", "« 29022026 » n'est pas une date : février 2026 compte 28 jours."),
        ("30/02/28", "février 2028 compte 29 jours"),
        ("00012026", "janvier 2026 compte 31 jours"),
        ("31132026", "le mois va de 01 à 12"),
        ("3112202", "tapez-la sous la forme JJ/MM/AAAA"),
        ("31/12", "tapez-la sous la forme JJ/MM/AAAA"),
        ("demain", "« demain » n'est pas une date"),
        ("01011850", "l'année va de 1900 à 2199"),
    ],
)
def test_impossible_dates_are_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(TextError) as refused:
        read_date(typed, today=TODAY)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9h30", time(9, 30)),
        ("9 h 30", time(9, 30)),
        ("09:30", time(9, 30)),
        ("0930", time(9, 30)),
        ("930", time(9, 30)),
        ("9h", time(9, 0)),
        ("9", time(9, 0)),
        ("14H05", time(14, 5)),
        ("14.05", time(14, 5)),
        ("00:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("", None),
    ],
)
def test_times_read_as_typed(typed: str, expected: time | None) -> None:
    assert read_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("25:00", "les heures vont de 0 à 23"),
        ("9h75", "les minutes vont de 00 à 59"),
        ("midi", "tapez-la sous la forme HH:MM"),
        ("9:5", "tapez-la sous la forme HH:MM"),
    ],
)
def test_impossible_times_are_refused(typed: str, reason: str) -> None:
    with pytest.raises(TextError, match=reason):
        read_time(typed)


def test_usual_forms() -> None:
    assert date_text(date(2026, 1, 5)) == "05/01/2026"
    assert date_text(None) == ""
    assert time_text(time(9, 5)) == "09:05"
    assert time_text(None) == ""
