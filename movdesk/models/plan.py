"""Diagnostic and action plan: barriers (freins), actions (étapes), job targets (pistes)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .directory import Partner
from .enums import ActionStatus, ActionStep, BarrierCategory, BarrierStatus

if TYPE_CHECKING:
    from .case import Case


class Barrier(Timestamped, Base):
    """A barrier to employment identified in phase 1, and the partner working on it."""

    __tablename__ = "barrier"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    category: Mapped[BarrierCategory] = mapped_column(
        enum_column(BarrierCategory, "barrier_category"), nullable=False
    )
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[BarrierStatus] = mapped_column(
        enum_column(BarrierStatus, "barrier_status"),
        default=BarrierStatus.IDENTIFIED,
        nullable=False,
    )
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL")
    )
    identified_on: Mapped[date | None] = mapped_column(Date)
    lifted_on: Mapped[date | None] = mapped_column(Date)
    #: Handed to the partner (orientation): the request date, when to follow it up, and
    #: when the partner's answer closed the request. Open while neither closed nor lifted.
    referred_on: Mapped[date | None] = mapped_column(Date)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    referral_closed_on: Mapped[date | None] = mapped_column(Date)

    case: Mapped[Case] = relationship(back_populates="barriers")
    partner: Mapped[Partner | None] = relationship()

    @property
    def partner_name(self) -> str | None:
        """The partner's name (the deadline rules read it under this name)."""
        return self.partner.name if self.partner is not None else None


class Action(Timestamped, Base):
    """A step of the action plan (phase 2): social solutions, targets, job search."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    step: Mapped[ActionStep] = mapped_column(
        enum_column(ActionStep, "action_step"), nullable=False
    )
    description: Mapped[str] = mapped_column(Text, nullable=False)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus, "action_status"),
        default=ActionStatus.PLANNED,
        nullable=False,
    )
    done_on: Mapped[date | None] = mapped_column(Date)
    partner_id: Mapped[int | None] = mapped_column(
        ForeignKey("partner.id", ondelete="SET NULL")
    )

    case: Mapped[Case] = relationship(back_populates="actions")
    partner: Mapped[Partner | None] = relationship()


class JobTarget(Timestamped, Base):
    """A professional lead (piste professionnelle) with its ROME code."""

    __tablename__ = "job_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    rome: Mapped[str | None] = mapped_column(String(5))
    notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="job_targets")
