"""The dates movdesk accepts anywhere: from 1 January 1900 to 31 December 2100.

A birth date may be old, an order letter is of these years; a date far outside this
range is a typing or export mistake. Refusing it where it comes in (the exchange file,
``--today``, the forms) also keeps every piece of date arithmetic (S + 179 days,
E + 6 months, the deadlines a year ahead) inside Python's calendar, which ends with
the year 9999.
"""

from __future__ import annotations

from datetime import date

EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def in_accepted_range(day: date) -> bool:
    return EARLIEST_DATE <= day <= LATEST_DATE


def accepted_range_text() -> str:
    """« du 01/01/1900 au 31/12/2100 »."""
    return f"du {EARLIEST_DATE:%d/%m/%Y} au {LATEST_DATE:%d/%m/%Y}"
