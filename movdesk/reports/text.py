"""How printed French documents write dates, times, durations, money and quotes.

Explicit formats, never the PC's locale (STYLE.md): a document printed on any desk
reads the same. Narrow no-break spaces (U+202F) keep ``1 850,00 €`` and « texte »
from breaking at the end of a line; the shipped font has the character, and the
page template draws it as such (« Référent : »). ReportLab's paragraphs, though,
break lines at U+202F as at a plain space: :func:`markup`, through which every
paragraph's text goes, writes it as the no-break space U+00A0 that they respect.
"""

from __future__ import annotations

from datetime import date, time
from xml.sax.saxutils import escape

from ..rules.text import printable

#: Narrow no-break space (espace fine insécable).
NNBSP = "\u202f"
#: No-break space (espace insécable).
NBSP = "\u00a0"

_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def fr_date(value: date | None, empty: str = "") -> str:
    """``02/03/2026`` (JJ/MM/AAAA), or ``empty``."""
    return value.strftime("%d/%m/%Y") if value is not None else empty


def fr_long_date(value: date, *, weekday: bool = True) -> str:
    """``lundi 2 mars 2026`` (``1er`` for the first of the month), for letters."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {_MONTHS[value.month - 1]} {value.year}"
    return f"{_DAYS[value.weekday()]} {text}" if weekday else text


def fr_month(year: int, month: int) -> str:
    """``mars 2026``."""
    return f"{_MONTHS[month - 1]} {year}"


def fr_time(value: time | None, empty: str = "") -> str:
    """``09 h 30`` (hours and minutes always two digits, so a column lines up)."""
    if value is None:
        return empty
    return f"{value.hour:02d}{NBSP}h{NBSP}{value.minute:02d}"


def fr_duration(minutes: int) -> str:
    """``45 min``, ``1 h``, ``1 h 30``, ``12 h 05``."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    if rest == 0:
        return f"{hours}{NBSP}h"
    return f"{hours}{NBSP}h{NBSP}{rest:02d}"


def group_digits(number: int) -> str:
    """``1 850`` with narrow no-break spaces between groups of three digits."""
    return f"{number:,}".replace(",", NNBSP)


def fr_money(cents: int) -> str:
    """``1 850,00 €`` from euro cents (narrow no-break spaces, decimal comma)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{group_digits(euros)},{rest:02d}{NBSP}€"


def quoted(text: str) -> str:
    """« text », with narrow no-break spaces inside the guillemets."""
    return f"«{NNBSP}{text}{NNBSP}»"


def markup(text: str | None) -> str:
    """Plain text made safe for a ReportLab paragraph: escaped, line breaks kept."""
    if not text:
        return ""
    # Characters refused at the door but perhaps stored before (controls, direction
    # marks) are printed as their escape rather than acted upon.
    lines = escape(printable(text.strip().replace(NNBSP, NBSP))).splitlines()
    return "<br/>".join(lines)
