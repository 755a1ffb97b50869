"""SQLAlchemy 2 entities of movdesk (MOV-RULES.md section 1). No Qt, no business rules."""

from .activity import DEFAULT_INTERVIEW_MINUTES, Interview
from .agenda import WorkingPeriod
from .audit import AuditEntry
from .base import NAMING_CONVENTION, Base, column_values
from .case import Beneficiary, Case, ReferentAssignment, StatusChange
from .directory import DirectoryContact, Employer, OfficeSettings, Partner, Referent
from .documents import CaseReport, DocumentSettings
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
    ReportKind,
    RomeSource,
    SuspensionKind,
    TargetDecision,
    Tranche,
)
from .finance import CaseDocument, PaymentTranche
from .outcome import Exit
from .periods import CompanyPeriod, Suspension
from .plan import Action, Barrier, JobTarget
from .rome import RomeJob
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
    "CaseReport",
    "CaseStatus",
    "CaseSummary",
    "Civility",
    "CompanyPeriod",
    "ContractType",
    "ContractingResult",
    "DeadlineSchedule",
    "DirectoryContact",
    "DocumentKind",
    "DocumentSettings",
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
    "ReportKind",
    "RomeJob",
    "RomeSource",
    "ScheduledDeadline",
    "StatusChange",
    "Suspension",
    "SuspensionKind",
    "TargetDecision",
    "Tranche",
    "WorkingPeriod",
    "column_values",
]
