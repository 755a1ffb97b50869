"""Documents of a case and payment tranches (modalités de paiement)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .enums import DocumentKind, Tranche

if TYPE_CHECKING:
    from .case import Case


class CaseDocument(Timestamped, Base):
    """A document of the case: when it was printed, signed, sent to PE, received.

    The payment checklist reads these rows: a tranche is ready to invoice when every
    document it requires is held (``received_on``, or signed for the office's own).

    A document movdesk printed also keeps what was printed (the period it covers, when,
    by whom, the SHA-256 of the PDF and its page count), and a scanned signed copy may
    be attached: the file lives in the attachments folder beside the database
    (:mod:`movdesk.store.attachments`), named by its own SHA-256.
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
    #: The period a printed document covers (an attendance sheet, a report).
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    #: When and by whom movdesk printed it (None for a document recorded by hand).
    generated_at: Mapped[datetime | None] = mapped_column(DateTime)
    generated_by: Mapped[str | None] = mapped_column(String(200))
    #: SHA-256 of the PDF printed, in hexadecimal, and its number of pages.
    sha256: Mapped[str | None] = mapped_column(String(64))
    pages: Mapped[int | None] = mapped_column(Integer)
    #: The attached scan: its file in the attachments folder, the name it had, when.
    attachment_file: Mapped[str | None] = mapped_column(String(120))
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    attached_on: Mapped[date | None] = mapped_column(Date)

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
