"""Every form a referent needs, one module per family of dialogs."""

from .interview import InterviewDialog
from .office import FirstRunWizard, OfficeSettingsDialog
from .order import OrderDialog

__all__ = ["FirstRunWizard", "InterviewDialog", "OfficeSettingsDialog", "OrderDialog"]
