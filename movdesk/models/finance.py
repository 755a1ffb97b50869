"""Documents of a case and payment tranches (modalités de paiement)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .enums import DocumentKind, Tranche

if TYPE_CHECKING:
    from .case import Case


class CaseDocument(Timestamped, Base):
    """A document of the case: when it was printed, signed, sent to PE, received.

    The payment checklist reads these rows: a tranche is ready to invoice when every
    document it requires is held (``received_on``, or signed for the office's own).
    """

    __tablename__ = "case_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    kind: Mapped[DocumentKind] = mapped_column(
        enum_column(DocumentKind, "document_kind"), nullable=False
    )
    printed_on: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="documents")


class PaymentTranche(Timestamped, Base):
    """The invoicing record of one tranche of one case.

    Amounts due and statuses are computed by the rules engine from the price per case;
    this row keeps what only the office knows: invoice number and date, paid date, and
    the amount actually invoiced.
    """

    __tablename__ = "payment_tranche"
    __table_args__ = (UniqueConstraint("case_id", "tranche", name="uq_payment_tranche_case"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    tranche: Mapped[Tranche] = mapped_column(enum_column(Tranche, "tranche"), nullable=False)
    invoice_number: Mapped[str | None] = mapped_column(String(50))
    invoice_date: Mapped[date | None] = mapped_column(Date)
    paid_date: Mapped[date | None] = mapped_column(Date)
    #: Amount invoiced, in euro cents HT.
    amount_cents: Mapped[int | None] = mapped_column(Integer)

    case: Mapped[Case] = relationship(back_populates="tranches")
