"""The dashboard's scheduler (échéancier): deadlines grouped by urgency, filtered by
referent, each line with the action its kind calls for."""

from .actions import ACTIONS, SECTIONS, DeadlineAction, actions_for, primary, print_document
from .model import CASE_ID_ROLE, ITEM_ROLE, Column, DeadlineTreeModel
from .widget import SchedulerWidget

__all__ = [
    "ACTIONS",
    "CASE_ID_ROLE",
    "ITEM_ROLE",
    "SECTIONS",
    "Column",
    "DeadlineAction",
    "DeadlineTreeModel",
    "SchedulerWidget",
    "actions_for",
    "primary",
    "print_document",
]
