"""Periods that stop or shape the case clock: suspensions and company periods."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .directory import Employer
from .enums import SuspensionKind, TargetDecision

if TYPE_CHECKING:
    from .case import Case
    from .plan import JobTarget


class Suspension(Timestamped, Base):
    """A suspension without postponement (suspension sans report): sickness or leave."""

    __tablename__ = "suspension"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    kind: Mapped[SuspensionKind] = mapped_column(
        enum_column(SuspensionKind, "suspension_kind"), nullable=False
    )
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="suspensions")

    @property
    def days(self) -> int:
        """Length counting the first and the last day."""
        return (self.end_date - self.start_date).days + 1


class CompanyPeriod(Timestamped, Base):
    """A period in a company (période en entreprise, e.g. PMSMP), 7 to 42 days."""

    __tablename__ = "company_period"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer.id", ondelete="RESTRICT")
    )
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    job_title: Mapped[str | None] = mapped_column(String(200))
    #: ROME code of the job tried (one letter, four digits).
    rome: Mapped[str | None] = mapped_column(String(5))
    job_target_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_target.id", ondelete="SET NULL")
    )
    #: Overall appraisal of the period (appréciation).
    evaluation: Mapped[str | None] = mapped_column(Text)
    #: The tutor (tuteur) at the company, and how to reach them.
    tutor_name: Mapped[str | None] = mapped_column(String(200))
    tutor_phone: Mapped[str | None] = mapped_column(String(40))
    #: What the period is for (objectifs de la période).
    objectives: Mapped[str | None] = mapped_column(Text)
    #: End-of-period evaluation: skills observed, and what it decides about the target.
    skills_observed: Mapped[str | None] = mapped_column(Text)
    target_decision: Mapped[TargetDecision | None] = mapped_column(
        enum_column(TargetDecision, "target_decision")
    )

    case: Mapped[Case] = relationship(back_populates="company_periods")
    employer: Mapped[Employer | None] = relationship()
    job_target: Mapped[JobTarget | None] = relationship()

    @property
    def days(self) -> int:
        """Length counting the first and the last day (Monday to Sunday = 7)."""
        return (self.end_date - self.start_date).days + 1
