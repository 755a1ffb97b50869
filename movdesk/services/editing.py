"""The two shapes of almost every action: change a case's own facts, or add/edit/remove
one of its rows (interview, suspension, company period…), checked by the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..models import AuditAction, Case
from ..rules.validation import Problem, validate_case
from . import audit
from .context import Desk, Work, guard

Row = TypeVar("Row")


def edit_case(
    desk: Desk,
    case_id: int,
    name: str,
    change: Callable[[Case], str],
    *,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Apply ``change`` (which returns the summary for the history) to the case.

    Returns the warnings the user accepted; raises when the change breaks a rule.
    """
    with desk.action(name) as work:
        case = work.case(case_id)
        problems_before = validate_case(case)
        before = audit.snapshot(case)
        old_exit = case.exit
        exit_before = audit.snapshot(old_exit) if old_exit is not None else None
        summary = change(case)
        warnings = guard(case, problems_before, accept_warnings=accept_warnings)
        work.sync_status(case)
        # The exit is the one row a case-level action may create, change or remove.
        if old_exit is not None and case.exit is None:
            work.log(
                AuditAction.DELETE, old_exit, case_id=case.id, summary=summary, before=exit_before
            )
        elif case.exit is not None:
            kind = AuditAction.CREATE if old_exit is None else AuditAction.UPDATE
            work.log(kind, case.exit, case_id=case.id, summary=summary, before=exit_before)
        work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=before)
        return warnings


def add_row(
    desk: Desk,
    case_id: int,
    name: str,
    make: Callable[[Work, Case], Any],
    summary: str,
    *,
    accept_warnings: bool = False,
) -> int:
    """Create the row ``make`` builds and attaches to the case; returns its id."""
    with desk.action(name) as work:
        case = work.case(case_id)
        problems_before = validate_case(case)
        status_before = audit.snapshot(case)
        row = make(work, case)
        guard(case, problems_before, accept_warnings=accept_warnings)
        work.sync_status(case)
        work.log(AuditAction.CREATE, row, case_id=case.id, summary=summary)
        work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=status_before)
        return int(row.id)


def edit_row(
    desk: Desk,
    entity: type[Row],
    row_id: int,
    name: str,
    change: Callable[[Work, Row], str],
    *,
    accept_warnings: bool = False,
) -> list[Problem]:
    """Change one row of a case (``change`` returns the summary for the history; it is
    given the open work too, to find or create what the row refers to)."""
    with desk.action(name) as work:
        row: Any = work.get(entity, row_id)
        case = work.case(row.case_id)
        problems_before = validate_case(case)
        before = audit.snapshot(row)
        case_before = audit.snapshot(case)
        summary = change(work, row)
        warnings = guard(case, problems_before, accept_warnings=accept_warnings)
        work.sync_status(case)
        work.log(AuditAction.UPDATE, row, case_id=case.id, summary=summary, before=before)
        work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=case_before)
        return warnings


def remove_row(
    desk: Desk, entity: type[Row], row_id: int, name: str, summary: str
) -> None:
    """Delete one row of a case; the audit log keeps its last values."""
    with desk.action(name) as work:
        row: Any = work.get(entity, row_id)
        case = work.case(row.case_id)
        problems_before = validate_case(case)
        before = audit.snapshot(row)
        case_before = audit.snapshot(case)
        work.session.delete(row)
        # Keep the in-memory collections in step with the deletion for the rules.
        for collection in ("interviews", "suspensions", "company_periods"):
            items = getattr(case, collection)
            if row in items:
                items.remove(row)
        guard(case, problems_before, accept_warnings=True)
        work.sync_status(case)
        work.log(AuditAction.DELETE, row, case_id=case.id, summary=summary, before=before)
        work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=case_before)
