"""French display of money, dates and counts, through ``QLocale`` only.

Every widget formats through these helpers so the window never depends on the PC's
regional settings: an office whose Windows is set to English still reads « 1 800,00 € ».
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale
from sqlalchemy.engine import make_url

from ..config import DatabaseLocation

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)

#: Shown in place of an optional value nobody has filled in yet.
NOT_FILLED = "non renseigné"


def format_euros(cents: int) -> str:
    """``180000`` → ``1 800,00 €`` (French grouping and decimal comma)."""
    # Cents are exact integers; dividing only for display keeps two exact decimals.
    return FRENCH.toCurrencyString(cents / 100, "€", 2)


def format_count(value: int) -> str:
    """``1234`` → ``1 234``."""
    return FRENCH.toString(value)


def format_long_date(value: date) -> str:
    """``2026-03-03`` → ``mardi 3 mars 2026``."""
    return FRENCH.toString(QDate(value.year, value.month, value.day), QLocale.FormatType.LongFormat)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``3 dossiers``, ``1 dossier``, ``0 dossier`` (French: zero and one are singular)."""
    word = singular if count <= 1 else (plural_form or singular + "s")
    return f"{format_count(count)} {word}"


def describe_database(location: DatabaseLocation) -> str:
    """The file path of a SQLite database, or its URL (password hidden) for any other."""
    if location.path is not None:
        return str(location.path)
    return make_url(location.url).render_as_string(hide_password=True)
