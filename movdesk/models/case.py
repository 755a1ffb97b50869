"""The beneficiary and the case (prestation MOV), with its referent and status history."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Timestamped, enum_column
from .directory import Referent
from .enums import CaseStatus, Civility, ContractingResult

if TYPE_CHECKING:
    from .activity import Interview
    from .finance import CaseDocument, PaymentTranche
    from .outcome import Exit
    from .periods import CompanyPeriod, Suspension
    from .plan import Action, Barrier, JobTarget


class Beneficiary(Timestamped, Base):
    """A job seeker (bénéficiaire, demandeur d'emploi); may have several cases over time."""

    __tablename__ = "beneficiary"
    __table_args__ = (
        CheckConstraint("category IN (1, 2, 3)", name="category_1_2_3"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    civility: Mapped[Civility | None] = mapped_column(enum_column(Civility, "civility"))
    last_name: Mapped[str] = mapped_column(String(100), index=True, nullable=False)
    first_name: Mapped[str] = mapped_column(String(100), nullable=False)
    birth_date: Mapped[date | None] = mapped_column(Date)
    #: Identifiant France Travail / Pôle emploi: 7 digits then a digit or a letter.
    pe_id: Mapped[str] = mapped_column(String(8), unique=True, nullable=False)
    #: Registration category (catégorie d'inscription) 1, 2 or 3.
    category: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)

    cases: Mapped[list[Case]] = relationship(back_populates="beneficiary")

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}"

    def __repr__(self) -> str:
        return f"Beneficiary({self.pe_id!r}, {self.display_name!r})"


class Case(Timestamped, Base):
    """One order (lettre de commande) for one beneficiary, from S to the end of follow-up."""

    __tablename__ = "mov_case"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "renewal_new_end_date IS NULL OR renewal_decision_date IS NOT NULL",
            name="renewal_needs_decision",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: N° de lettre de commande.
    order_number: Mapped[str] = mapped_column(String(50), unique=True, nullable=False)
    beneficiary_id: Mapped[int] = mapped_column(
        ForeignKey("beneficiary.id", ondelete="RESTRICT"), index=True, nullable=False
    )
    referent_id: Mapped[int] = mapped_column(
        ForeignKey("referent.id", ondelete="RESTRICT"), index=True, nullable=False
    )
    agency: Mapped[str | None] = mapped_column(String(200))
    counsellor: Mapped[str | None] = mapped_column(String(200))
    #: S and E, as written on the order letter.
    start_date: Mapped[date] = mapped_column(Date, index=True, nullable=False)
    end_date: Mapped[date] = mapped_column(Date, nullable=False)
    #: Recorded lifecycle status (MOV-RULES.md section 2). The rules engine derives the
    #: effective status (an active case whose end date has passed has ended at term).
    status: Mapped[CaseStatus] = mapped_column(
        enum_column(CaseStatus, "case_status"),
        default=CaseStatus.ORDERED,
        index=True,
        nullable=False,
    )

    # Contracting interview (entretien de contractualisation) and what PE was sent.
    contracting_date: Mapped[date | None] = mapped_column(Date)
    contracting_result: Mapped[ContractingResult | None] = mapped_column(
        enum_column(ContractingResult, "contracting_result")
    )
    contract_sent_date: Mapped[date | None] = mapped_column(Date)
    refusal_notice_date: Mapped[date | None] = mapped_column(Date)

    #: Start of phase 2 (plan d'action), recorded by the referent.
    phase2_start: Mapped[date | None] = mapped_column(Date)

    # Online obligations of step 3 (abonnement aux offres, profil en ligne).
    offers_subscription_date: Mapped[date | None] = mapped_column(Date)
    online_profile_date: Mapped[date | None] = mapped_column(Date)

    # Renewal (renouvellement): once, 6 months, on a PE decision. A decision without a
    # new end date is a refusal by PE.
    renewal_envisaged: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    renewal_decision_date: Mapped[date | None] = mapped_column(Date)
    renewal_new_end_date: Mapped[date | None] = mapped_column(Date)

    # Deliverables sent to PE.
    intermediate_sent_date: Mapped[date | None] = mapped_column(Date)
    final_sent_date: Mapped[date | None] = mapped_column(Date)

    notes: Mapped[str | None] = mapped_column(Text)

    beneficiary: Mapped[Beneficiary] = relationship(back_populates="cases")
    referent: Mapped[Referent] = relationship()
    interviews: Mapped[list[Interview]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="[Interview.date, Interview.time, Interview.id]",
    )
    suspensions: Mapped[list[Suspension]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Suspension.start_date"
    )
    company_periods: Mapped[list[CompanyPeriod]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CompanyPeriod.start_date"
    )
    barriers: Mapped[list[Barrier]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Barrier.id"
    )
    actions: Mapped[list[Action]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Action.id"
    )
    job_targets: Mapped[list[JobTarget]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="JobTarget.id"
    )
    exit: Mapped[Exit | None] = relationship(
        back_populates="case", cascade="all, delete-orphan", uselist=False
    )
    documents: Mapped[list[CaseDocument]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseDocument.id"
    )
    tranches: Mapped[list[PaymentTranche]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="PaymentTranche.tranche"
    )
    referent_history: Mapped[list[ReferentAssignment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ReferentAssignment.id"
    )
    status_history: Mapped[list[StatusChange]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    @property
    def phase(self) -> int | None:
        """1 (diagnostic) or 2 (plan d'action) once the contract is signed, else None."""
        if self.contracting_result is not ContractingResult.SIGNED:
            return None
        return 2 if self.phase2_start is not None else 1

    @property
    def current_end_date(self) -> date:
        """E, or the renewed end date when PE granted a renewal."""
        return self.renewal_new_end_date or self.end_date

    def __repr__(self) -> str:
        return f"Case({self.order_number!r}, {self.status.value})"


class ReferentAssignment(Base):
    """Who followed the case, from when to when (a case has one referent at a time)."""

    __tablename__ = "referent_assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    referent_id: Mapped[int] = mapped_column(
        ForeignKey("referent.id", ondelete="RESTRICT"), nullable=False
    )
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="referent_history")
    referent: Mapped[Referent] = relationship()


class StatusChange(Base):
    """One dated lifecycle transition of a case, with who recorded it and when."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mov_case.id", ondelete="CASCADE"), index=True, nullable=False
    )
    from_status: Mapped[CaseStatus | None] = mapped_column(
        enum_column(CaseStatus, "from_status")
    )
    to_status: Mapped[CaseStatus] = mapped_column(
        enum_column(CaseStatus, "to_status"), nullable=False
    )
    #: The business date of the transition (e.g. the exit date), not the typing time.
    effective_date: Mapped[date] = mapped_column(Date, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime, server_default=func.current_timestamp(), nullable=False
    )
    recorded_by: Mapped[str] = mapped_column(String(200), default="", nullable=False)

    case: Mapped[Case] = relationship(back_populates="status_history")
