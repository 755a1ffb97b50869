"""What the case file window (dossier) shows, as plain frozen dataclasses.

:func:`movdesk.services.case_file.load_case_file` fills these from one short session;
the window keeps no ORM object between two refreshes. Dates stay ``date`` objects (the
window writes them through ``QLocale``); everything else is ready to display, in French.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from ..models import CaseStatus
from ..rules.case_strip import CaseStrip
from .milestones import Dispatch

#: Leave (congés) allowed over a whole case, in days (MOV-RULES.md 2.7).
LEAVE_LIMIT_DAYS = 35
#: Longest sickness suspension, in consecutive days.
SICKNESS_LIMIT_DAYS = 14


@dataclass(frozen=True)
class DeadlineLine:
    """One open deadline: what to do, by when, and how urgent (deadline status code)."""

    kind: str
    label: str
    due: date
    practical_due: date
    status: str


@dataclass(frozen=True)
class Header:
    """The strip always visible at the top of the case file."""

    order_number: str
    beneficiary: str
    pe_id: str
    referent: str
    status: CaseStatus
    status_label: str
    phase: int | None
    #: Day n of the case, S being day 1, held at the end date once the case ended.
    day_number: int | None
    #: Length of the case in days (180, more after a renewal).
    total_days: int
    ended_on: date | None
    #: Latest allowed date of the next interview (14-day rule) and days left until it.
    interview_limit: date | None
    days_left: int | None
    next_deadlines: tuple[DeadlineLine, ...]


@dataclass(frozen=True)
class OrderBlock:
    """Commande et bénéficiaire."""

    civility: str
    last_name: str
    first_name: str
    birth_date: date | None
    category: int | None
    phone: str | None
    email: str | None
    address: str | None
    agency: str | None
    counsellor: str | None
    start_date: date
    end_date: date
    renewed_end_date: date | None
    renewal: str
    contracting_date: date | None
    contracting_result: str | None
    referents: tuple[tuple[str, date, date | None], ...]
    statuses: tuple[tuple[date, str], ...]


@dataclass(frozen=True)
class InterviewRow:
    """One interview, with what it counts for."""

    id: int
    date: date
    time: time | None
    minutes: int
    kind: str
    status: str
    attended: bool
    #: An attended individual interview of 30 minutes or more (weekly rule).
    counts_for_week: bool
    #: Effective gap in days since the previous attended interview of the 14-day clock.
    gap_days: int | None
    notes: str | None


@dataclass(frozen=True)
class WeekRow:
    """One due ISO week and whether its individual interview was held."""

    monday: date
    sunday: date
    done: bool
    missed: bool


@dataclass(frozen=True)
class Clock:
    """The 14-day clock: last attended interview, latest allowed next one, days left."""

    last_interview: date | None
    limit: date | None
    days_left: int | None


@dataclass(frozen=True)
class BarrierRow:
    id: int
    category: str
    description: str | None
    status: str
    lifted: bool
    partner: str | None
    partner_id: int | None
    identified_on: date | None
    lifted_on: date | None
    #: The request handed to the partner, its follow-up date, the partner's answer.
    referred_on: date | None = None
    follow_up_on: date | None = None
    referral_closed_on: date | None = None
    #: Handed to the partner and not answered yet (the barrier still to lift).
    referral_open: bool = False


@dataclass(frozen=True)
class ActionRow:
    id: int
    step: str
    description: str
    due_date: date | None
    status: str
    done: bool
    done_on: date | None
    partner: str | None


@dataclass(frozen=True)
class JobTargetRow:
    id: int
    title: str
    rome: str | None


@dataclass(frozen=True)
class PlanBlock:
    """Phase 2 start, online obligations (step 3) and the action plan by step."""

    phase2_start: date | None
    offers_subscription: date | None
    online_profile: date | None
    actions: tuple[ActionRow, ...]
    job_targets: tuple[JobTargetRow, ...]


@dataclass(frozen=True)
class CompanyPeriodRow:
    id: int
    employer: str | None
    start: date
    end: date
    days: int
    #: Seven days or more: satisfies the phase-2 obligation.
    enough: bool
    job_title: str | None
    rome: str | None
    evaluation: str | None
    #: The tutor (name and phone) and the decision about the job target, in French.
    tutor: str | None = None
    decision: str | None = None


@dataclass(frozen=True)
class SuspensionRow:
    id: int
    kind: str
    start: date
    end: date
    days: int
    #: Beyond what the contract allows (sickness over 14 consecutive days).
    too_long: bool
    notes: str | None


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up window after a positive exit; ``state`` is its French status."""

    number: int
    start: date
    due: date
    state: str


@dataclass(frozen=True)
class ExitBlock:
    """Sortie et suivi: the exit, its verdict in words, follow-up and retention."""

    date: date
    reason: str
    positive: bool
    verdict: str
    details: tuple[str, ...]
    follow_up: tuple[FollowUpRow, ...]
    #: Retention at 3 months is checked for a positive job or business exit.
    retention_due: date | None
    retained: bool | None
    retention_recorded_on: date | None
    #: False while a fact the verdict needs is missing (« À compléter : … »).
    complete: bool = True


@dataclass(frozen=True)
class DispatchRow:
    """A document owed to France Travail, with its due date and when it went."""

    dispatch: Dispatch
    label: str
    due: date | None
    sent_on: date | None
    #: ``envoyé``, ``à faire`` or ``en retard``.
    state: str


@dataclass(frozen=True)
class DocumentRow:
    """A document of the case (printed, signed, sent, received)."""

    id: int
    kind: str
    printed_on: date | None
    signed_on: date | None
    sent_on: date | None
    received_on: date | None
    notes: str | None
    #: The kind's code (``contract``, ``intermediate_report``…).
    kind_code: str = ""
    #: For a document movdesk printed: its period, who printed it, the PDF's hash.
    period_start: date | None = None
    period_end: date | None = None
    generated_by: str | None = None
    sha256: str | None = None
    pages: int | None = None
    #: The attached scanned copy: the name it had and the day it was attached.
    attachment_name: str | None = None
    attached_on: date | None = None


@dataclass(frozen=True)
class TrancheRow:
    label: str
    amount_cents: int
    status: str
    status_code: str
    due_date: date | None
    missing: tuple[str, ...]
    explanation: str
    invoice_number: str | None
    invoice_date: date | None
    paid_date: date | None


@dataclass(frozen=True)
class HistoryRow:
    """One entry of the case's audit log."""

    at: datetime
    user: str
    action: str
    summary: str


@dataclass(frozen=True)
class CaseFileView:
    """Everything the case file window shows, as of ``today``."""

    case_id: int
    today: date
    header: Header
    order: OrderBlock
    interviews: tuple[InterviewRow, ...]
    weeks: tuple[WeekRow, ...]
    clock: Clock
    barriers: tuple[BarrierRow, ...]
    plan: PlanBlock
    company_periods: tuple[CompanyPeriodRow, ...]
    suspensions: tuple[SuspensionRow, ...]
    leave_days_used: int
    exit: ExitBlock | None
    dispatches: tuple[DispatchRow, ...]
    documents: tuple[DocumentRow, ...]
    tranches: tuple[TrancheRow, ...]
    price_cents: int
    history: tuple[HistoryRow, ...]
    #: The timeline strip of the header (frise), from S to the end of the case.
    strip: CaseStrip | None = None

    @property
    def missed_weeks(self) -> tuple[WeekRow, ...]:
        return tuple(w for w in self.weeks if w.missed)

    @property
    def title(self) -> str:
        """``Dossier LC-… — NOM Prénom``, the window title."""
        return f"Dossier {self.header.order_number} — {self.header.beneficiary}"
