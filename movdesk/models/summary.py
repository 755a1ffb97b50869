"""The per-case summary (résumé du dossier) the case list sorts and filters on.

Deadlines follow from the rules, not from columns, so the database alone cannot sort
50,000 cases by "next deadline". This table keeps, per case, what the rules found on
``computed_on``: the next open deadline, the number of alerts, the last interview, and
the beneficiary's name folded for search (lower case, no accents), so that a
``LIKE 'hel%'`` finds « Hélène » through an index. It is derived data: the services
rewrite a row after every change of its case and each day for all cases
(:mod:`movdesk.services.summary`); a case may have no row yet (just imported).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class CaseSummary(Base):
    """What the rules said of one case on ``computed_on``, for sorting the case list."""

    __tablename__ = "case_summary"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), primary_key=True
    )
    #: The soonest open deadline (due date, kind code of EXCHANGE.md, French label).
    next_due: Mapped[date | None] = mapped_column(Date, index=True)
    next_kind: Mapped[str | None] = mapped_column(String(40))
    next_label: Mapped[str | None] = mapped_column(String(200))
    #: Date of the last attended interview on or before ``computed_on``.
    last_interview: Mapped[date | None] = mapped_column(Date)
    #: Open deadlines overdue or due on ``computed_on``.
    alert_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    computed_on: Mapped[date] = mapped_column(Date, index=True, nullable=False)
    #: Last and first names folded for search: lower case, accents removed.
    last_name_key: Mapped[str] = mapped_column(String(100), index=True, nullable=False)
    first_name_key: Mapped[str] = mapped_column(String(100), index=True, nullable=False)

    def __repr__(self) -> str:
        return f"CaseSummary({self.case_id}, next={self.next_due}, alerts={self.alert_count})"
