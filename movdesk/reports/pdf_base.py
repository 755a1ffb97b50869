"""What the office's reporting PDFs share: the fonts, the office identity, a date.

The monthly summary and the payment request use these few names, so that moving to
another page furniture or font is a change here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: The fonts of the reporting PDFs.
FONT_REGULAR = "Helvetica"
FONT_BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class OfficeIdentity:
    """The provider office as the documents show it (from the office settings)."""

    name: str
    address: str | None = None
    siret: str | None = None
    market_number: str | None = None


def fr_date(value: date | None, empty: str = "") -> str:
    """``02/03/2026`` (JJ/MM/AAAA), or ``empty``."""
    return value.strftime("%d/%m/%Y") if value is not None else empty


def office_lines(office: OfficeIdentity) -> list[str]:
    """The office's address lines, SIRET and market number, those that are filled in."""
    lines = [line.strip() for line in (office.address or "").splitlines() if line.strip()]
    if office.siret:
        lines.append(f"SIRET {office.siret}")
    if office.market_number:
        lines.append(f"Marché n° {office.market_number}")
    return lines


def pdf_text(text: str) -> str:
    """``text`` with its narrow no-break spaces (U+202F) written as no-break spaces, which
    every font of the reporting PDFs has."""
    return text.replace("\u202f", "\u00a0")
