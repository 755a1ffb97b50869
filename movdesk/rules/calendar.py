"""Working days, practical dates and month arithmetic (MOV-RULES.md section 8).

Deadlines stay in calendar days, as the contract says; when one falls on a weekend or
a French public holiday (jour férié) movdesk also shows the *practical date*, the last
working day before it. Holidays come from the ``holidays`` package, metropolitan France;
Alsace-Moselle adds Good Friday and 26 December (a setting of the office).

The holiday sets are computed once per (year, region) and kept: the deadlines of
tens of thousands of cases ask for the same few years again and again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays
from dateutil.relativedelta import relativedelta

#: The Moselle subdivision of the ``holidays`` package; Bas-Rhin and Haut-Rhin
#: (67, 68) have the same two extra days.
_ALSACE_MOSELLE_SUBDIVISION = "57"

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=256)
def public_holidays(year: int, *, alsace_moselle: bool = False) -> frozenset[date]:
    """The French public holidays of ``year`` (metropolitan, or Alsace-Moselle)."""
    subdiv = _ALSACE_MOSELLE_SUBDIVISION if alsace_moselle else None
    return frozenset(holidays.France(years=year, subdiv=subdiv).keys())


def is_public_holiday(d: date, *, alsace_moselle: bool = False) -> bool:
    """True when ``d`` is a French public holiday."""
    return d in public_holidays(d.year, alsace_moselle=alsace_moselle)


def is_working_day(d: date, *, alsace_moselle: bool = False) -> bool:
    """Monday to Friday, and not a public holiday."""
    return d.weekday() < 5 and not is_public_holiday(d, alsace_moselle=alsace_moselle)


@lru_cache(maxsize=16384)
def practical_date(d: date, *, alsace_moselle: bool = False) -> date:
    """``d`` when it is a working day, else the last working day before it.

    Cached: the deadlines of an office fall on a few thousand distinct days.
    """
    while not is_working_day(d, alsace_moselle=alsace_moselle):
        d -= _ONE_DAY
    return d


def next_working_day(d: date, *, alsace_moselle: bool = False) -> date:
    """``d`` when it is a working day, else the first working day after it.

    Used to propose interview slots, which avoid non-working days.
    """
    while not is_working_day(d, alsace_moselle=alsace_moselle):
        d += _ONE_DAY
    return d


@lru_cache(maxsize=65536)
def add_months(d: date, n: int) -> date:
    """``d`` + ``n`` calendar months, clipped to the month's end (31 Jan + 1 = 28/29 Feb).

    Cached: ``relativedelta`` is slow, and the deadlines of many cases ask for the same
    few thousand (date, months) pairs.
    """
    return d + relativedelta(months=n)


def week_monday(d: date) -> date:
    """The Monday of the ISO week of ``d``."""
    return d - timedelta(days=d.weekday())


def week_sunday(d: date) -> date:
    """The Sunday of the ISO week of ``d`` (the day a weekly obligation is due)."""
    return d + timedelta(days=6 - d.weekday())


def iso_week_label(d: date) -> str:
    """``2026-W03``: the ISO year and week of ``d``, as shown in files."""
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


@lru_cache(maxsize=16384)
def french_date(d: date) -> str:
    """``JJ/MM/AAAA``, the date format of French users and of the Excel dialect.

    Cached: the payment explanations of a whole office write the same few thousand
    dates over and over, and ``strftime`` costs more than the look-up.
    """
    return d.strftime("%d/%m/%Y")


@lru_cache(maxsize=256)
def public_holiday_names(year: int, *, alsace_moselle: bool = False) -> Mapping[date, str]:
    """The French names of the public holidays of ``year`` (« Lundi de Pâques »…).

    Asked of the package in French whatever the PC's language, as the agenda shows them.
    """
    subdiv = _ALSACE_MOSELLE_SUBDIVISION if alsace_moselle else None
    # Read-only: the same mapping is handed to every caller.
    return MappingProxyType(dict(holidays.France(years=year, subdiv=subdiv, language="fr")))


def public_holiday_name(d: date, *, alsace_moselle: bool = False) -> str | None:
    """The French name of the public holiday on ``d``, or None on any other day."""
    return public_holiday_names(d.year, alsace_moselle=alsace_moselle).get(d)
