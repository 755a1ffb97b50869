"""What the reporting pages (Indicateurs, Conformité, Paiements) share in the window:
background work with progress, file choice with a remembered folder, month choice,
the list of cases behind a figure, and a page's loading in a worker."""

from .background import run_with_progress
from .drilldown import CaseListDialog, DrillRow
from .files import ask_save_path
from .loading import Loader
from .month import MonthCombo, month_title

__all__ = [
    "CaseListDialog",
    "DrillRow",
    "Loader",
    "MonthCombo",
    "ask_save_path",
    "month_title",
    "run_with_progress",
]
