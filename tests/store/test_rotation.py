"""Retention of the automatic backups: 7 daily, 4 weekly, 6 monthly."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movdesk.config import DatabaseLocation
from movdesk.store.backup import (
    automatic_backups,
    backup_database,
    backups_to_keep,
    prune_automatic_backups,
    take_daily_backup,
)

from .conftest import add_referent

NOW = datetime(2026, 3, 31, 9, 0)


def _daily(days: int, hour: int = 8) -> list[datetime]:
    """One backup a day at ``hour``, for the ``days`` days up to NOW (newest first)."""
    return [datetime(2026, 3, 31, hour) - timedelta(days=n) for n in range(days)]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        pytest.param([], set(), id="nothing"),
        pytest.param(_daily(1), set(_daily(1)), id="one"),
        pytest.param(_daily(7), set(_daily(7)), id="a week: all kept"),
        pytest.param(
            # Three on the same day: only the newest of that day is a daily one.
            [datetime(2026, 3, 31, 8), datetime(2026, 3, 31, 12), datetime(2026, 3, 31, 7)],
            {datetime(2026, 3, 31, 12)},
            id="same day",
        ),
        pytest.param(
            # 31 March 2026 is a Tuesday: the eighth day back (Tue 24) is neither the
            # newest of its ISO week (Sun 29) nor of its month.
            _daily(8),
            set(_daily(7)),
            id="8 days: the eighth goes",
        ),
        pytest.param(
            _daily(90),
            # Daily: 25-31 March. Weekly (ISO weeks, Monday first): the newest of weeks
            # 14 (Mon 30 March), 13, 12, 11 -> 31, 29, 22, 15 March.
            # Monthly: March, February, January (newest of each) -> 31 Mar, 28 Feb, 31 Jan;
            # the range starts on 2 January.
            {datetime(2026, 3, d, 8) for d in range(25, 32)}
            | {datetime(2026, 3, 22, 8), datetime(2026, 3, 15, 8)}
            | {datetime(2026, 2, 28, 8), datetime(2026, 1, 31, 8)},
            id="three months of dailies",
        ),
        pytest.param(
            # After a long closure, periods without backups do not count.
            [datetime(2025, 7, 31, 8), datetime(2025, 7, 30, 8), datetime(2026, 3, 31, 8)],
            {datetime(2025, 7, 31, 8), datetime(2025, 7, 30, 8), datetime(2026, 3, 31, 8)},
            id="summer closure",
        ),
        pytest.param(
            # Clock was wrong: a backup dated next year counts as taken now.
            [datetime(2027, 1, 1), datetime(2026, 3, 31, 8), datetime(2026, 3, 30, 8)],
            {datetime(2027, 1, 1), datetime(2026, 3, 30, 8)},
            id="future date",
        ),
    ],
)
def test_backups_to_keep(dates: list[datetime], expected: set[datetime]) -> None:
    assert backups_to_keep(dates, NOW) == expected


def test_a_year_of_dailies_keeps_seventeen_at_most() -> None:
    kept = backups_to_keep(_daily(365), NOW)
    assert len(kept) == 7 + 4 + 6 - 3  # the newest is daily, weekly and monthly at once
    assert max(kept) == datetime(2026, 3, 31, 8)
    assert min(kept) == datetime(2025, 10, 31, 8)  # the newest of October 2025


_moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31))


@given(dates=st.lists(_moments, max_size=80), now=_moments)
def test_retention_properties(dates: list[datetime], now: datetime) -> None:
    kept = backups_to_keep(dates, now)
    assert kept <= set(dates)
    assert len(kept) <= 17
    if dates:
        assert max(dates) in kept
    # Pruning again removes nothing more.
    assert backups_to_keep(sorted(kept), now) == kept


@given(
    dates=st.lists(_moments, min_size=1, max_size=80),
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400)),
)
def test_the_newest_of_each_recent_period_is_kept(
    dates: list[datetime], later: timedelta
) -> None:
    now = max(dates) + later
    kept = backups_to_keep(dates, now)
    for period, count in (
        (lambda d: d.date(), 7),
        (lambda d: tuple(d.isocalendar())[:2], 4),
        (lambda d: (d.year, d.month), 6),
    ):
        recent = sorted({period(d) for d in dates}, reverse=True)[:count]
        for key in recent:
            assert max(d for d in dates if period(d) == key) in kept


@given(dates=st.lists(_moments, max_size=7, unique_by=lambda d: d.date()))
def test_seven_backups_on_different_days_are_all_kept(dates: list[datetime]) -> None:
    now = max(dates, default=datetime(2028, 1, 1))
    assert backups_to_keep(dates, now) == set(dates)


def _automatic_backups_on(location: DatabaseLocation, moments: list[datetime]) -> None:
    """Automatic backups as the program names them (one real copy, then file copies)."""
    first = backup_database(location, prefix="auto-", now=moments[0])
    for moment in moments[1:]:
        shutil.copyfile(first, first.with_name(f"auto-movdesk-{moment:%Y%m%d-%H%M%S}.sqlite"))


def test_prune_deletes_only_automatic_backups(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    manual = backup_database(location)
    _automatic_backups_on(location, [NOW - timedelta(days=n) for n in range(30)])
    removed = prune_automatic_backups(location, now=NOW)
    remaining = automatic_backups(location)
    assert len(remaining) + len(removed) == 30
    assert set(remaining.values()) == backups_to_keep(
        [NOW - timedelta(days=n) for n in range(30)], NOW
    )
    assert manual.is_file()
    assert all(not path.exists() for path in removed)


def test_daily_backup_prunes_after_taking_one(location: DatabaseLocation) -> None:
    add_referent(location, "Claire Martin")
    _automatic_backups_on(location, [NOW - timedelta(days=n) for n in range(1, 40)])
    taken = take_daily_backup(location, now=NOW)
    assert taken is not None and taken.is_file()
    assert len(automatic_backups(location)) <= 17
    assert take_daily_backup(location, now=NOW + timedelta(hours=23)) is None
