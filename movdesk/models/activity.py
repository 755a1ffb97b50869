"""Interviews (entretiens): individual, group, phone, follow-up, and failed contracting attempts."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, Text, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .directory import Employer, Partner
from .enums import InterviewKind, InterviewStatus

if TYPE_CHECKING:
    from .case import Case

#: Default length of a planned interview, in minutes.
DEFAULT_INTERVIEW_MINUTES = 45


class Interview(Timestamped, Base):
    """One appointment with the beneficiary, planned or held.

    The contracting interview itself is recorded on the case (date and result); only
    ``attended`` interviews count for the weekly and 14-day rules.
    """

    __tablename__ = "interview"
    __table_args__ = (
        CheckConstraint("minutes > 0 AND minutes <= 600", name="minutes_range"),
        Index("ix_interview_case_date", "case_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), nullable=False
    )
    date: Mapped[date] = mapped_column(Date, nullable=False)
    time: Mapped[time | None] = mapped_column(Time)
    minutes: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_INTERVIEW_MINUTES, nullable=False
    )
    kind: Mapped[InterviewKind] = mapped_column(
        enum_column(InterviewKind, "interview_kind"), nullable=False
    )
    status: Mapped[InterviewStatus] = mapped_column(
        enum_column(InterviewStatus, "interview_status"),
        default=InterviewStatus.PLANNED,
        nullable=False,
    )
    notes: Mapped[str | None] = mapped_column(Text)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL")
    )
    employer_id: Mapped[int | None] = mapped_column(
        ForeignKey("employer.id", ondelete="SET NULL")
    )

    case: Mapped[Case] = relationship(back_populates="interviews")
    partner: Mapped[Partner | None] = relationship()
    employer: Mapped[Employer | None] = relationship()

    @property
    def attended(self) -> bool:
        return self.status is InterviewStatus.ATTENDED
