"""The case list (Bénéficiaires): the page, its item model and how its cells read."""

# The pages package lists this page and this page derives from the pages' base: import
# the pages first, so that whichever of the two is imported first, both complete.
from .. import pages as _pages  # noqa: F401  isort: skip
from .model import CASE_ID_ROLE, CASE_ROW_ROLE, DEADLINE_STATUS_ROLE, CaseListModel, Column
from .page import CaseListPage

__all__ = [
    "CASE_ID_ROLE",
    "CASE_ROW_ROLE",
    "DEADLINE_STATUS_ROLE",
    "CaseListModel",
    "CaseListPage",
    "Column",
]
