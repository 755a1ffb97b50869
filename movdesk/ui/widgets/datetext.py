"""Reading a date or a time as a French user types it — plain Python, no Qt.

The date and time fields of every form read their text through :func:`read_date` and
:func:`read_time`: a date comes out exactly as typed or is refused with a French
sentence saying why; it is never moved to the nearest day that exists.

Dates: ``31/12/2026``, ``31122026``, ``31/12/26``, ``311226``, ``1/2/2026``, with ``/``,
``-``, ``.`` or spaces between the parts, and ``2026-12-31`` (ISO). A two-digit year is
placed in the hundred years from ninety years ago to ten years ahead (in 2026: ``26`` is
2026, ``85`` is 1985, ``36`` is 2036, ``37`` is 1937), so that a birth date and a contract
date both read as meant.

Times: ``9h30``, ``9 h 30``, ``09:30``, ``0930``, ``930``, ``9h``, ``9``, ``14.05``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, time

#: The dates a field accepts (the range of the former date widgets).
FIRST_YEAR = 1900
LAST_YEAR = 2199
#: A two-digit year lands at most this many years after the current one.
YEARS_AHEAD = 10

DATE_EXAMPLE = "JJ/MM/AAAA (ex. 31/12/2026 ou 31122026)"
TIME_EXAMPLE = "HH:MM (ex. 09:30, 9h30 ou 0930)"

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_TIME_SEPARATED = re.compile(r"^(\d{1,2})\s*[:hH.]\s*(\d{2})?$")
_TIME_DIGITS = re.compile(r"^(\d{1,2})(\d{2})?$")


class TextError(ValueError):
    """The text is not a date (or a time); ``str()`` is the French reason."""


def _full_year(digits: str, this_year: int) -> int:
    year = int(digits)
    if len(digits) == 4:
        return year
    # The century that puts the year at most YEARS_AHEAD years ahead.
    candidate = this_year - this_year % 100 + year
    if candidate > this_year + YEARS_AHEAD:
        candidate -= 100
    return candidate


def _parts(text: str) -> tuple[str, str, str] | None:
    """Day, month and year digits of ``text``, or None when it has no date's shape."""
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return day, month, year
    for pattern in (_SEPARATED, _DIGITS):
        if match := pattern.match(text):
            day, month, year = match.groups()
            return day, month, year
    return None


def read_date(text: str, *, today: date | None = None) -> date | None:
    """The date ``text`` stands for; None when it is blank.

    Raises :class:`TextError` with the reason when ``text`` is not a date that exists.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    parts = _parts(typed)
    if parts is None:
        raise TextError(f"« {typed} » n'est pas une date : tapez-la sous la forme {DATE_EXAMPLE}.")
    this_year = (today or date.today()).year
    day, month, year = int(parts[0]), int(parts[1]), _full_year(parts[2], this_year)
    if not 1 <= month <= 12:
        raise TextError(f"« {typed} » n'est pas une date : le mois va de 01 à 12.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise TextError(
            f"« {typed} » n'est pas une date acceptée : l'année va de {FIRST_YEAR} à {LAST_YEAR}."
        )
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise TextError(
            f"« {typed} » n'est pas une date : {MONTHS[month - 1]} {year} compte "
            f"{last_day} jours."
        )
    return date(year, month, day)


def read_time(text: str) -> time | None:
    """The time of day ``text`` stands for; None when it is blank.

    Raises :class:`TextError` with the reason when ``text`` is not a time of day.
    """
    typed = " ".join(text.split())
    if not typed:
        return None
    compact = typed.replace(" ", "")
    match = _TIME_SEPARATED.match(compact) or _TIME_DIGITS.match(compact)
    if match is None:
        raise TextError(f"« {typed} » n'est pas une heure : tapez-la sous la forme {TIME_EXAMPLE}.")
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23:
        raise TextError(f"« {typed} » n'est pas une heure : les heures vont de 0 à 23.")
    if minutes > 59:
        raise TextError(f"« {typed} » n'est pas une heure : les minutes vont de 00 à 59.")
    return time(hours, minutes)


def date_text(value: date | None) -> str:
    """``31/12/2026``, or "" for no date."""
    return "" if value is None else f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def time_text(value: time | None) -> str:
    """``09:30``, or "" for no time."""
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"
