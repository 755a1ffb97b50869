"""The recorded lifecycle status of a case (MOV-RULES.md section 2), from its facts only.

:func:`status_from_facts` reads the contracting result, the exit and the retention
record; it never looks at today's date. The rules engine derives the *effective*
status from it (an active case whose end date has passed has ended at term), so the
stored status only changes when the referent records something.

Decisions:

* a placement exit (job, training, business) that is **not** positive closes the case
  at once: the case is over and owes no in-job follow-up, since follow-up and the 10 %
  tranche exist only after a positive exit;
* a positive job or business exit stays in ``follow_up`` until retention at 3 months is
  recorded (yes or no), then the case is ``closed``;
* a positive training exit stays in ``follow_up``: training never earns the retention
  check (no T3), and closing it at J + 3 months is a matter of dates, not of facts;
* an exit recorded on a case whose contract was never signed does not change the
  status (validation reports that exit as an error).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..models.enums import CaseStatus, ContractingResult, ExitReason
from .outcomes import classify_exit, is_employment_or_business


def status_from_facts(case: Any) -> CaseStatus:
    """The status the case should be recorded in, given what has been recorded."""
    result = case.contracting_result
    if result is None:
        return CaseStatus.ORDERED
    result = ContractingResult(result)
    if result is ContractingResult.NO_SHOW:
        return CaseStatus.NO_SHOW
    if result is ContractingResult.REFUSED:
        return CaseStatus.REFUSED
    exit = case.exit
    if exit is None:
        return CaseStatus.ACTIVE
    reason = ExitReason(exit.reason)
    if reason is ExitReason.TERM:
        return CaseStatus.ENDED_TERM
    if reason.is_interruption:
        return CaseStatus.INTERRUPTED
    if not classify_exit(exit).positive:
        return CaseStatus.CLOSED
    if is_employment_or_business(exit) and exit.retained_at_3_months is not None:
        return CaseStatus.CLOSED
    return CaseStatus.FOLLOW_UP


def status_since(case: Any) -> date:
    """The business date on which the case entered :func:`status_from_facts`'s status.

    Used to date a recorded transition: the order's start for an ordered case, the
    contracting interview for its results, the exit for an ended case, and the
    retention record (or the exit when that is unknown) for a case closed after
    follow-up.
    """
    status = status_from_facts(case)
    if status is CaseStatus.ORDERED:
        return case.start_date
    if status in (CaseStatus.NO_SHOW, CaseStatus.REFUSED, CaseStatus.ACTIVE):
        return case.contracting_date or case.start_date
    exit = case.exit
    if (
        status is CaseStatus.CLOSED
        and exit.retained_at_3_months is not None
        and exit.retention_recorded_on is not None
    ):
        return exit.retention_recorded_on
    return exit.date
