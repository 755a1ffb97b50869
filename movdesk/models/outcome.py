"""How a case ended (sortie), the placement details, and retention at 3 months."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Date, Float, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .directory import Employer
from .enums import ContractType, ExitReason

if TYPE_CHECKING:
    from .case import Case


class Exit(Timestamped, Base):
    """The end of a case: its date, reason and, for a placement, what decides a positive exit.

    Only the group of columns matching ``reason`` is filled: ``employment_*`` for a job,
    ``training_*`` for a training, ``business_*`` for a business creation or takeover.
    ``date`` is the end date of the case; for a placement it is the first day (J).
    """

    __tablename__ = "case_exit"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), unique=True, nullable=False
    )
    date: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[ExitReason] = mapped_column(
        enum_column(ExitReason, "exit_reason"), nullable=False
    )
    #: Interruption notice sent to PE (due within 48 hours).
    notice_sent_date: Mapped[date | None] = mapped_column(Date)

    # Employment (reprise d'emploi).
    employment_contract: Mapped[ContractType | None] = mapped_column(
        enum_column(ContractType, "contract_type")
    )
    employment_start: Mapped[date | None] = mapped_column(Date)
    employment_end: Mapped[date | None] = mapped_column(Date)
    employment_full_time: Mapped[bool | None] = mapped_column(Boolean)
    employment_hours_per_month: Mapped[float | None] = mapped_column(Float)
    employment_employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer.id", ondelete="SET NULL")
    )
    employment_job_title: Mapped[str | None] = mapped_column(String(200))

    # Training (entrée en formation).
    training_hours_total: Mapped[float | None] = mapped_column(Float)
    training_hours_per_week: Mapped[float | None] = mapped_column(Float)
    #: Pre-qualifying or certifying (pré-qualifiante ou certifiante).
    training_qualifying: Mapped[bool | None] = mapped_column(Boolean)
    #: AFPR agreement (action de formation préalable au recrutement).
    training_afpr: Mapped[bool | None] = mapped_column(Boolean)
    training_start: Mapped[date | None] = mapped_column(Date)
    training_end: Mapped[date | None] = mapped_column(Date)
    training_title: Mapped[str | None] = mapped_column(String(200))
    training_organisation: Mapped[str | None] = mapped_column(String(200))

    # Business (création ou reprise d'entreprise).
    business_auto_entrepreneur: Mapped[bool | None] = mapped_column(Boolean)
    business_start: Mapped[date | None] = mapped_column(Date)
    business_name: Mapped[str | None] = mapped_column(String(200))

    # Follow-up (suivi dans l'emploi): still in the job at J + 3 months?
    retained_at_3_months: Mapped[bool | None] = mapped_column(Boolean)
    retention_recorded_on: Mapped[date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="exit")
    employment_employer: Mapped[Employer | None] = relationship()
