"""What the printed documents need beyond the case: report texts and document settings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped, enum_column
from .enums import ReportKind


class CaseReport(Timestamped, Base):
    """The free texts of one report of a case (bilan intermédiaire or final).

    The referent completes them in the report editor before printing; the printed
    report shows them beside what the case file already holds (actions, job targets,
    barriers, interviews). Which texts a kind uses: ``actions_taken`` and ``job_leads``
    (intermediate, seed « Livrable 1 »), ``achievements`` and ``next_steps`` (final,
    « Livrable 2 »), ``observations`` (both).
    """

    __tablename__ = "case_report"
    __table_args__ = (UniqueConstraint("case_id", "kind", name="uq_case_report_case_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind, "report_kind"), nullable=False)
    #: The date the report is drawn up on (its period ends there); None: the day printed.
    report_date: Mapped[date | None] = mapped_column(Date)
    actions_taken: Mapped[str | None] = mapped_column(Text)
    job_leads: Mapped[str | None] = mapped_column(Text)
    achievements: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    observations: Mapped[str | None] = mapped_column(Text)


class DocumentSettings(Timestamped, Base):
    """How the office's documents are printed (Paramètres › Documents). A single row, id 1.

    Empty texts mean the defaults written in :mod:`movdesk.services.documents.settings`.
    """

    __tablename__ = "document_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("blank_rows >= 0 AND blank_rows <= 30", name="blank_rows_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    #: The logo printed at the top of every document (PNG or JPEG), and its file name.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_name: Mapped[str | None] = mapped_column(String(255))
    #: The office's phone and e-mail as printed under its address.
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    #: The town written in « Fait à … » (the office's town when empty).
    signature_place: Mapped[str | None] = mapped_column(String(100))
    #: The commitments of the contract (contrat d'accompagnement), the office's text.
    beneficiary_commitments: Mapped[str | None] = mapped_column(Text)
    provider_commitments: Mapped[str | None] = mapped_column(Text)
    #: What a convocation asks the beneficiary to bring, one item per line.
    convocation_items: Mapped[str | None] = mapped_column(Text)
    #: Where interviews take place, when not at the office's address.
    interview_place: Mapped[str | None] = mapped_column(Text)
    #: Blank rows added at the end of attendance sheets, to fill in by hand.
    blank_rows: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
