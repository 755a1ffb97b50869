"""Whether the data of a case is acceptable: the one place that says so.

Import uses it now, every form will use it later. Each ``check_*`` function takes
entities (transient ORM objects are fine; nothing is loaded or flushed) and returns a
list of :class:`Problem`. A problem names the field by its path in the exchange format
(EXCHANGE.md: ``suspensions[1].end``, ``exit.employment.end``, ``beneficiary.pe_id``)
and states the rule in French with its numbers; :meth:`Problem.line` prefixes the case
("Dossier LC-2026-000123, suspensions[0].end : …") for lists and the command line.

``error`` problems make the data unacceptable; ``warning`` problems are shown but
accepted (e.g. a company period under 7 days, MOV-RULES.md section 2.8).

Decisions beyond MOV-RULES.md:

* company periods may not overlap each other (a person is in one company at a time,
  and the 14-day rule would otherwise count a day twice); a company period may overlap
  a suspension, with a warning (a typo in one of the dates is the likelier story);
* anything that happens after the contract (phase 2, suspensions, company periods,
  attended interviews, an exit, a renewal) needs a signed contract;
* individual, group and phone interviews lie between S and the case's end (the exit
  date, or E / the renewed end); ``follow_up`` interviews lie on or after a positive
  exit's date;
* a contracting interview after S + 7 is a warning (a breach to show, not bad data);
* a term exit (fin à terme) is dated on the case's current end date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ...models.enums import SuspensionKind
from .activity import check_exit, check_interview
from .common import Problem, Severity, current_end, fr_date
from .order import check_beneficiary, check_contracting, check_order, check_renewal
from .periods import (
    check_company_period,
    check_suspension,
    company_period_problems,
    leave_total_problems,
    overlap_problems,
    period_suspension_overlaps,
    suspension_problems,
)

__all__ = [
    "Problem",
    "Severity",
    "check_beneficiary",
    "check_company_period",
    "check_contracting",
    "check_exit",
    "check_interview",
    "check_order",
    "check_renewal",
    "check_suspension",
    "current_end",
    "errors_only",
    "fr_date",
    "validate_case",
]


def _collection_problems(
    case: Any,
    collection: str,
    own_rules: Callable[[Any, Any, str], list[Problem]],
    what: str,
) -> list[Problem]:
    """The rules of each item of a list of periods, then overlaps between them.

    Each overlapping pair is reported once, on the later item of the list.
    """
    items = list(getattr(case, collection))
    problems: list[Problem] = []
    for index, item in enumerate(items):
        path = f"{collection}[{index}]"
        problems += own_rules(case, item, path)
        problems += overlap_problems(item, items[:index], collection, items, path, what)
    return problems


def validate_case(case: Any) -> list[Problem]:
    """Every rule that the data of ``case`` can break, errors and warnings."""
    problems = check_order(case) + check_contracting(case) + check_renewal(case)
    problems += _collection_problems(case, "suspensions", suspension_problems, "les suspensions")
    suspensions = list(case.suspensions)
    leaves = [i for i, s in enumerate(suspensions) if s.kind == SuspensionKind.LEAVE]
    if leaves:
        problems += leave_total_problems(case, suspensions, f"suspensions[{leaves[-1]}]")
    problems += _collection_problems(
        case, "company_periods", company_period_problems, "les périodes en entreprise"
    )
    problems += period_suspension_overlaps(case)
    for interview in case.interviews:
        problems += check_interview(case, interview)
    if case.exit is not None:
        problems += check_exit(case, case.exit)
    return problems


def errors_only(problems: Sequence[Problem]) -> list[Problem]:
    """The problems that make data unacceptable."""
    return [p for p in problems if p.is_error]
