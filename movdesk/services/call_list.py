"""« Suivis à faire cette semaine »: the referents' call list of in-job follow-ups.

For each referent, the follow-up interviews (``follow_up_interview``) and retention
checks (``retention_check``) whose deadline is open today and due by the Sunday of
this week (of the coming week on a Saturday or a Sunday), overdue ones included, with
the person's phone number and the job. The deadlines are the rules' own: read from
the stored deadline schedules (:mod:`.schedule`, one indexed read), or, on a database
that cannot be written, worked out by :func:`movdesk.rules.deadlines.case_deadlines`
from the facts of the cases that can have one (a positive placement exit whose
follow-up is not over, or whose retention is not recorded); a test compares the two.
Recording the interview or the retention closes the line, as it closes the deadline.

The list is the plain data of :mod:`movdesk.reports.call_list`
(:class:`~movdesk.reports.call_list.CallList`): the page shows it and the report
prints it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..models import (
    Beneficiary,
    Case,
    ContractType,
    Employer,
    Exit,
    ExitReason,
    Referent,
    ScheduledDeadline,
)
from ..reports.call_list import (
    CallGroup,
    CallLine,
    CallList,
    CallListDocument,
    render_call_list,
)
from ..reports.page import OfficeIdentity
from ..rules.calendar import add_months, week_monday
from ..rules.deadlines import case_deadlines, deadline_status
from .case_facts import load_facts
from .context import Desk, fetch
from .dashboard import read_office
from .placement_sql import PLACEMENT_REASONS, positive_expression
from .schedule import bring_up_to_date, stored_statement
from .summary import fold

#: Contracts in a word, for a line of the list.
_CONTRACTS = {
    ContractType.CDI: "CDI",
    ContractType.CDD: "CDD",
    ContractType.INTERIM: "Intérim",
    ContractType.SUBSIDISED: "Contrat aidé",
}
SATURDAY = 5
#: The deadline kinds of the call list.
CALL_KINDS = ("follow_up_interview", "retention_check")


def _placement_words(values: tuple[object, ...]) -> str:
    (reason, contract, job, employer, training, organisation, business) = values
    reason = ExitReason(reason)
    if reason is ExitReason.EMPLOYMENT:
        head = _CONTRACTS.get(contract, "Emploi")  # type: ignore[call-overload]
        parts = [head, str(job) if job else None, str(employer) if employer else None]
    elif reason is ExitReason.TRAINING:
        parts = ["Formation", str(training) if training else None,
                 str(organisation) if organisation else None]  # fmt: skip
    else:
        parts = ["Création d'entreprise", str(business) if business else None]
    return " — ".join(p for p in parts if p)


#: One call before its details: case, referent, beneficiary, kind, label, due, status.
_Due = tuple[int, str, str, str, str, date, str]


def _week(today: date) -> tuple[date, date]:
    """Monday to Sunday of this week; on a Saturday or a Sunday, of the coming week (the
    office prepares Monday's calls)."""
    start = week_monday(today)
    if today.weekday() >= SATURDAY:
        start += timedelta(days=7)
    return start, start + timedelta(days=6)


def due_from_facts(session: Session, today: date, referent_id: int | None) -> list[_Due]:
    """The week's calls worked out by the rules from the facts of the cases still followed
    (a positive placement exit: follow-up not over, or retention not recorded)."""
    week_end = _week(today)[1]
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
    found = []
    for case_id, case in load_facts(session, wanted, deadlines_on=today).items():
        for deadline in case_deadlines(case, today):
            if deadline.kind in CALL_KINDS and deadline.due <= week_end:
                found.append(
                    (case_id, case.referent.full_name, case.beneficiary.display_name,
                     deadline.kind, deadline.label, deadline.due, deadline.status)
                )  # fmt: skip
    return found


def due_from_schedules(session: Session, today: date, referent_id: int | None) -> list[_Due]:
    """The same calls read from the stored deadline schedules (usable on ``today``)."""
    week_end = _week(today)[1]
    query = stored_statement(today, referent_id=referent_id).where(
        ScheduledDeadline.kind.in_(CALL_KINDS), ScheduledDeadline.due <= week_end
    )
    return [
        (case_id, referent, f"{last.upper()} {first}", kind, label, due,
         deadline_status(due, today))
        for case_id, _number, last, first, referent, kind, due, label in session.execute(query)
    ]  # fmt: skip


def _call_list(session: Session, today: date, due: list[_Due]) -> CallList:
    """The calls with their phone numbers and jobs, by referent."""
    details = {}
    if due:
        query = (
            select(Case.id, Case.order_number, Beneficiary.phone, Exit.date, Exit.reason,
                   Exit.employment_contract, Exit.employment_job_title, Employer.name,
                   Exit.training_title, Exit.training_organisation, Exit.business_name)
            .join(Beneficiary, Beneficiary.id == Case.beneficiary_id)
            .join(Exit, Exit.case_id == Case.id)
            .outerjoin(Employer, Employer.id == Exit.employment_employer_id)
            .where(Case.id.in_(sorted({item[0] for item in due})))
        )  # fmt: skip
        details = {row[0]: row[1:] for row in session.execute(query)}
    groups: dict[str, list[CallLine]] = {}
    for case_id, referent, beneficiary, kind, label, day, status in due:
        number, phone, started, *placement = details[case_id]
        groups.setdefault(referent, []).append(
            CallLine(
                case_id=case_id,
                order_number=number,
                beneficiary=beneficiary,
                phone=phone,
                kind=kind,
                label=label,
                due=day,
                status=status,
                started=started,
                placement=_placement_words(tuple(placement)),
            )
        )
    week_start, week_end = _week(today)
    return CallList(
        today=today,
        week_start=week_start,
        week_end=week_end,
        groups=tuple(
            CallGroup(name, tuple(sorted(lines, key=lambda c: (c.due, c.beneficiary, c.kind))))
            for name, lines in sorted(groups.items(), key=lambda item: fold(item[0]))
        ),
    )


def week_call_list(
    factory: sessionmaker[Session], today: date, *, referent_id: int | None = None
) -> CallList:
    """The follow-ups and retention checks due by this week's Sunday (module notes).

    Read from the stored deadline schedules, brought up to date first (the window's
    deadline pass keeps them so); on a database that cannot be written, worked out by
    the rules from the facts of the cases still followed.
    """
    try:
        bring_up_to_date(factory, today)
    except OperationalError:
        with factory() as session:
            return _call_list(session, today, due_from_facts(session, today, referent_id))
    with factory() as session:
        return _call_list(session, today, due_from_schedules(session, today, referent_id))


def call_list_document(
    desk: Desk, today: date, *, referent_id: int | None = None
) -> CallListDocument:
    """The call list of the week with the office that prints it."""
    office = read_office(desk.session_factory)
    identity = OfficeIdentity(
        name=office.name or "Bureau non configuré",
        address=office.address,
        siret=office.siret,
        market_number=office.market_number,
    )

    calls = week_call_list(desk.session_factory, today, referent_id=referent_id)
    referent = None
    if referent_id is not None:
        referent = desk.read(lambda session: fetch(session, Referent, referent_id).full_name)
    return CallListDocument(identity, calls, referent)


def call_list_pdf(desk: Desk, today: date, *, referent_id: int | None = None) -> bytes:
    """The printed call list (PDF bytes)."""
    return render_call_list(call_list_document(desk, today, referent_id=referent_id))
