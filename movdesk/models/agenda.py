"""The working hours of each referent (horaires de travail), read by the planning help.

A referent's week is a list of stretches — a weekday from Monday (0) to Saturday (5),
a start and an end time — so a lunch break is simply two stretches on the same day. A
referent without any row works the office's default hours
(:data:`movdesk.rules.working_hours.DEFAULT_HOURS`).
"""

from __future__ import annotations

from datetime import time

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Time
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped


class WorkingPeriod(Timestamped, Base):
    """One stretch of a referent's working week: a weekday, from ``start`` to ``end``."""

    __tablename__ = "working_period"
    __table_args__ = (
        CheckConstraint("weekday >= 0 AND weekday <= 5", name="monday_to_saturday"),
        CheckConstraint("end_time > start_time", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    referent_id: Mapped[int] = mapped_column(
        ForeignKey("referent.id", ondelete="CASCADE"), index=True, nullable=False
    )
    #: 0 Monday … 5 Saturday (the agenda's week).
    weekday: Mapped[int] = mapped_column(Integer, nullable=False)
    start_time: Mapped[time] = mapped_column(Time, nullable=False)
    end_time: Mapped[time] = mapped_column(Time, nullable=False)

    def __repr__(self) -> str:
        return (
            f"WorkingPeriod({self.referent_id}, {self.weekday}, {self.start_time}–{self.end_time})"
        )
