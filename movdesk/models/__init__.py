"""SQLAlchemy 2 entities of movdesk (MOV-RULES.md section 1). No Qt, no business rules."""

from .activity import DEFAULT_INTERVIEW_MINUTES, Interview
from .agenda import WorkingPeriod
from .audit import AuditEntry
from .base import NAMING_CONVENTION, Base, column_values
from .case import Beneficiary, Case, ReferentAssignment, StatusChange
from .directory import Employer, OfficeSettings, Partner, Referent
from .enums import (
    INTERRUPTION_REASONS,
    ActionStatus,
    ActionStep,
    AuditAction,
    BarrierCategory,
    BarrierStatus,
    CaseStatus,
    Civility,
    ContractingResult,
    ContractType,
    DocumentKind,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    PartnerKind,
    SuspensionKind,
    Tranche,
)
from .finance import CaseDocument, PaymentTranche
from .outcome import Exit
from .periods import CompanyPeriod, Suspension
from .plan import Action, Barrier, JobTarget
from .schedule import DeadlineSchedule, ScheduledDeadline
from .summary import CaseSummary

__all__ = [
    "DEFAULT_INTERVIEW_MINUTES",
    "INTERRUPTION_REASONS",
    "NAMING_CONVENTION",
    "Action",
    "ActionStatus",
    "ActionStep",
    "AuditAction",
    "AuditEntry",
    "Barrier",
    "BarrierCategory",
    "BarrierStatus",
    "Base",
    "Beneficiary",
    "Case",
    "CaseDocument",
    "CaseStatus",
    "CaseSummary",
    "Civility",
    "CompanyPeriod",
    "ContractType",
    "ContractingResult",
    "DeadlineSchedule",
    "DocumentKind",
    "Employer",
    "Exit",
    "ExitReason",
    "Interview",
    "InterviewKind",
    "InterviewStatus",
    "JobTarget",
    "OfficeSettings",
    "Partner",
    "PartnerKind",
    "PaymentTranche",
    "Referent",
    "ReferentAssignment",
    "ScheduledDeadline",
    "StatusChange",
    "Suspension",
    "SuspensionKind",
    "Tranche",
    "WorkingPeriod",
    "column_values",
]
