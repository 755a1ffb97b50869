"""Planning help for one referent: read, propose, and plan the accepted interviews.

:func:`propose_for_referent` reads the referent's active cases (their facts, with the
time of each interview), their working week and their appointments to come, and asks
the pure proposer (:mod:`movdesk.rules.proposer`). :func:`accept_proposals` creates the
accepted interviews, planned, in one action that Ctrl+Z takes back as a whole; it checks
again that each slot is still free (another window may have filled it meanwhile) and
refuses the whole batch, in French, when one is not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import UserError
from ..models import (
    AuditAction,
    Case,
    CaseStatus,
    Interview,
    InterviewKind,
    InterviewStatus,
    OfficeSettings,
)
from ..rules.proposer import BusySlot, Plan, PlanningCase, Proposal, propose
from ..rules.validation import fr_date, validate_case
from ..rules.working_hours import WeekHours, minutes_of
from . import audit
from .case_facts import load_facts
from .context import Desk, guard
from .working_hours import read_working_hours

PLAN_ACTION = "Planifier des rendez-vous"
#: How far ahead the referent's agenda is read: beyond any 14-day limit to come.
HORIZON_DAYS = 90


@dataclass(frozen=True)
class PlanningInput:
    """What the proposer reads for one referent."""

    cases: tuple[PlanningCase, ...]
    busy: tuple[BusySlot, ...]
    hours: WeekHours
    alsace_moselle: bool


def _busy(session: Session, referent_id: int, first: date, last: date) -> list[BusySlot]:
    query = (
        select(Interview.date, Interview.time, Interview.minutes)
        .join(Case, Case.id == Interview.case_id)
        .where(
            Case.referent_id == referent_id,
            Interview.date.between(first, last),
            Interview.time.is_not(None),
            Interview.status.in_((InterviewStatus.PLANNED, InterviewStatus.ATTENDED)),
        )
    )
    return [BusySlot(day, at, minutes) for day, at, minutes in session.execute(query)]


def read_planning(factory: sessionmaker[Session], referent_id: int, today: date) -> PlanningInput:
    """The referent's active cases, agenda to come, working week and holiday calendar."""
    hours = read_working_hours(factory, [referent_id])[referent_id]
    with factory() as session:
        office = session.get(OfficeSettings, 1)
        wanted = and_(Case.referent_id == referent_id, Case.status == CaseStatus.ACTIVE)
        facts = load_facts(session, wanted, deadlines_on=today)
        # The proposer also reads the time of every interview (the usual slot).
        for facts_of in facts.values():
            facts_of.interviews = []
        timed = select(
            Interview.case_id,
            Interview.date,
            Interview.time,
            Interview.minutes,
            Interview.kind,
            Interview.status,
        ).where(Interview.case_id.in_(list(facts)))
        for row in session.execute(timed):
            facts[row.case_id].interviews.append(row)
        busy = _busy(session, referent_id, today, today + timedelta(days=HORIZON_DAYS))
        cases = tuple(
            PlanningCase(case_id, f.beneficiary.display_name, f)
            for case_id, f in sorted(
                facts.items(), key=lambda item: item[1].beneficiary.display_name
            )
        )
        return PlanningInput(cases, tuple(busy), hours, bool(office and office.alsace_moselle))


def propose_for_referent(factory: sessionmaker[Session], referent_id: int, today: date) -> Plan:
    """The proposals for the referent's active cases (and the cases left alone, why)."""
    given = read_planning(factory, referent_id, today)
    return propose(
        given.cases,
        today=today,
        hours=given.hours,
        busy=given.busy,
        alsace_moselle=given.alsace_moselle,
    )


def _still_free(session: Session, referent_id: int, proposal: Proposal) -> bool:
    start, end = minutes_of(proposal.start), proposal.end_minute
    for slot in _busy(session, referent_id, proposal.day, proposal.day):
        other = minutes_of(slot.start)
        if other < end and start < other + slot.minutes:
            return False
    return True


def accept_proposals(desk: Desk, proposals: Sequence[Proposal]) -> list[int]:
    """Create the accepted interviews, planned, in one undoable action; their ids."""
    if not proposals:
        return []
    created: list[int] = []
    with desk.action(PLAN_ACTION) as work:
        for proposal in sorted(proposals, key=lambda p: (p.day, p.start)):
            case = work.case(proposal.case_id)
            if not _still_free(work.session, case.referent_id, proposal):
                raise UserError(
                    f"Le créneau du {fr_date(proposal.day)} à {proposal.start:%H:%M} "
                    f"({proposal.beneficiary}) n'est plus libre : rien n'a été planifié. "
                    "Demandez de nouvelles propositions."
                )
            problems_before = validate_case(case)
            case_before = audit.snapshot(case)
            row = Interview(
                date=proposal.day,
                time=proposal.start,
                minutes=proposal.minutes,
                kind=InterviewKind.INDIVIDUAL,
                status=InterviewStatus.PLANNED,
            )
            case.interviews.append(row)
            # Accepting a proposal is the confirmation: only a refusal stops the batch.
            guard(case, problems_before, accept_warnings=True)
            work.sync_status(case)
            summary = (
                f"{InterviewKind.INDIVIDUAL.label} planifié le {fr_date(proposal.day)} "
                f"à {proposal.start:%H:%M} (proposition)"
            )
            work.log(AuditAction.CREATE, row, case_id=case.id, summary=summary)
            work.log(AuditAction.UPDATE, case, case_id=case.id, summary=summary, before=case_before)
            created.append(row.id)
    return created
