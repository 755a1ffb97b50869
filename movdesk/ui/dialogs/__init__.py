"""Every form a referent needs, one module per family of dialogs."""

from .exit import ExitDialog
from .identity import BeneficiaryDialog, OrderEditDialog
from .interview import InterviewDialog
from .milestones import (
    ContractingDialog,
    OnlineObligationsDialog,
    ReferentDialog,
    RenewalDialog,
    RetentionDialog,
)
from .office import FirstRunWizard, OfficeSettingsDialog
from .order import OrderDialog
from .periods import CompanyPeriodDialog, SuspensionDialog
from .plan import ActionDialog, BarrierDialog, JobTargetDialog

__all__ = [
    "ActionDialog",
    "BarrierDialog",
    "BeneficiaryDialog",
    "CompanyPeriodDialog",
    "ContractingDialog",
    "ExitDialog",
    "FirstRunWizard",
    "InterviewDialog",
    "JobTargetDialog",
    "OfficeSettingsDialog",
    "OnlineObligationsDialog",
    "OrderDialog",
    "OrderEditDialog",
    "ReferentDialog",
    "RenewalDialog",
    "RetentionDialog",
    "SuspensionDialog",
]
