"""« Suivis à faire cette semaine »: the referents' call list of in-job follow-ups.

For each referent, the follow-up interviews (``follow_up_interview``) and retention
checks (``retention_check``) whose deadline is open today and due by the Sunday of
this week, overdue ones included, with the person's phone number and the job. The
deadlines are the rules' own (:func:`movdesk.rules.deadlines.case_deadlines`), worked
out from the facts of the cases that can have one: a positive placement exit whose
follow-up is not over, or whose retention is not recorded (SQL narrows them first, so
a 50,000-case office reads a few thousand cases, not all). Recording the interview or
the retention closes the line, as it closes the deadline.

The list is plain data (:class:`CallList`): the page shows it and
:mod:`movdesk.reports.call_list` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..models import Beneficiary, Case, Employer, Exit, ExitReason
from ..rules.calendar import add_months, week_monday
from ..rules.deadlines import case_deadlines
from .case_facts import load_facts
from .placements import PLACEMENT_REASONS, positive_expression

#: The deadline kinds of the call list.
CALL_KINDS = ("follow_up_interview", "retention_check")


@dataclass(frozen=True)
class CallLine:
    """One call to make: who, their number, what for, by when."""

    case_id: int
    order_number: str
    beneficiary: str
    phone: str | None
    kind: str
    #: What to do, in French (the deadline's label).
    label: str
    due: date
    #: ``overdue``, ``today``, ``soon`` (within the week) or ``later``.
    status: str
    #: The first day of the job, training or business (J).
    started: date
    #: The job, training or business, in words.
    placement: str


@dataclass(frozen=True)
class CallGroup:
    """The calls of one referent."""

    referent: str
    lines: tuple[CallLine, ...]


@dataclass(frozen=True)
class CallList:
    """The week's calls, by referent (by name)."""

    today: date
    week_start: date
    week_end: date
    groups: tuple[CallGroup, ...]

    @property
    def count(self) -> int:
        return sum(len(group.lines) for group in self.groups)


def _placement_words(values: tuple[object, ...]) -> str:
    (reason, contract, job, employer, training, organisation, business) = values
    reason = ExitReason(reason)
    if reason is ExitReason.EMPLOYMENT:
        head = contract.label if contract is not None else "Emploi"  # type: ignore[attr-defined]
        parts = [head, str(job) if job else None, str(employer) if employer else None]
    elif reason is ExitReason.TRAINING:
        parts = ["Formation", str(training) if training else None,
                 str(organisation) if organisation else None]  # fmt: skip
    else:
        parts = ["Création d'entreprise", str(business) if business else None]
    return " — ".join(p for p in parts if p)


def week_call_list(session: Session, today: date, *, referent_id: int | None = None) -> CallList:
    """The follow-ups and retention checks due by this week's Sunday (module notes)."""
    week_start = week_monday(today)
    week_end = week_start + timedelta(days=6)
    retention_open = and_(
        Exit.reason.in_([ExitReason.EMPLOYMENT, ExitReason.BUSINESS]),
        Exit.retained_at_3_months.is_(None),
    )
    followed = select(Exit.case_id).where(
        Exit.reason.in_(PLACEMENT_REASONS),
        positive_expression() == 1,
        or_(Exit.date >= add_months(today, -4), retention_open),
    )
    wanted = Case.id.in_(followed)
    if referent_id is not None:
        wanted = and_(wanted, Case.referent_id == referent_id)
    facts = load_facts(session, wanted)
    due: dict[int, list[tuple[str, str, date, str]]] = {}
    for case_id, case in facts.items():
        for deadline in case_deadlines(case, today):
            if deadline.kind in CALL_KINDS and deadline.due <= week_end:
                due.setdefault(case_id, []).append(
                    (deadline.kind, deadline.label, deadline.due, deadline.status)
                )
    details = {}
    if due:
        query = (
            select(Case.id, Case.order_number, Beneficiary.phone, Exit.date, Exit.reason,
                   Exit.employment_contract, Exit.employment_job_title, Employer.name,
                   Exit.training_title, Exit.training_organisation, Exit.business_name)
            .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
            .join(Exit, Exit.case_id == Case.id)
            .outerjoin(Employer, Employer.id == Exit.employment_employer_id)
            .where(Case.id.in_(list(due)))
        )  # fmt: skip
        details = {row[0]: row[1:] for row in session.execute(query)}
    groups: dict[str, list[CallLine]] = {}
    for case_id, items in due.items():
        case = facts[case_id]
        number, phone, started, *placement = details[case_id]
        for kind, label, day, status in items:
            groups.setdefault(case.referent.full_name, []).append(
                CallLine(
                    case_id=case_id,
                    order_number=number,
                    beneficiary=case.beneficiary.display_name,
                    phone=phone,
                    kind=kind,
                    label=label,
                    due=day,
                    status=status,
                    started=started,
                    placement=_placement_words(tuple(placement)),
                )
            )
    return CallList(
        today=today,
        week_start=week_start,
        week_end=week_end,
        groups=tuple(
            CallGroup(name, tuple(sorted(lines, key=lambda c: (c.due, c.beneficiary, c.kind))))
            for name, lines in sorted(groups.items())
        ),
    )
