"""French wording helpers of the case file: dates through ``QLocale``, tones as colours."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QColor

from ..formatting import FRENCH

#: Shown where a date or a value is not known yet.
DASH = "—"

#: Text colours by tone; dark enough to read on white and on the pale header strip.
TONES = {
    "late": QColor("#b3261e"),
    "warn": QColor("#a85400"),
    "ok": QColor("#2e6b30"),
    "muted": QColor("#6b6b6b"),
}


def short_date(value: date | None) -> str:
    """``12/03/2026`` (or a dash), written by the French locale whatever the PC's."""
    if value is None:
        return DASH
    return FRENCH.toString(QDate(value.year, value.month, value.day), "dd/MM/yyyy")


def short_time(value: time | None) -> str:
    """``09:30`` (or a dash)."""
    if value is None:
        return DASH
    return FRENCH.toString(QTime(value.hour, value.minute), "HH:mm")


def date_time(value: datetime) -> str:
    """``27/02/2026 14:05`` for the history."""
    moment = QDateTime(
        QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
    )
    return FRENCH.toString(moment, "dd/MM/yyyy HH:mm")


def days(count: int) -> str:
    """``1 jour``, ``6 jours`` (zero and one are singular in French)."""
    return f"{count} jour{'s' if abs(count) > 1 else ''}"


def tone_color(tone: str | None) -> QColor | None:
    return TONES.get(tone) if tone else None
