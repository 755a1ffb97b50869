"""The « Placements » page: periods and placement exits, follow-up, the week's calls."""

# The pages package lists this page and this page derives from the pages' base: import
# the pages first, so that whichever of the two is imported first, both complete.
from .. import pages as _pages  # noqa: F401  isort: skip
from .dialogs import CallListDialog, MissingPeriodDialog
from .model import Column, PlacementListModel
from .page import PlacementsPage

__all__ = [
    "CallListDialog",
    "Column",
    "MissingPeriodDialog",
    "PlacementListModel",
    "PlacementsPage",
]
