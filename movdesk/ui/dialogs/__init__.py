"""Every form a referent needs, one module per family of dialogs."""

from .interview import InterviewDialog
from .order import OrderDialog

__all__ = ["InterviewDialog", "OrderDialog"]
