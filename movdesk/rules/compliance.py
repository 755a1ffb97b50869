"""What an audit by France Travail looks at, case by case (conformité), as pure functions.

:func:`compliance_events` lists, for one case, the dated facts of the contract's
obligations that fall in a period: each due weekly interview (held or missed), each
break of the 14-day rule, each document owed to France Travail (sent on time, late, or
not at all) and the company period missing at S + 4 months. The Conformité view counts
them per referent and month; each count is a list of events, so that it drills down to
the cases. Reads attributes only, like :mod:`.timeline` (an entity or light rows).

Decisions beyond the contract's text:

* facts are those recorded now (an interview typed in late still counts as held: it
  took place); an event belongs to the month of its date: a week to the month of its
  Monday, a break of the 14-day rule to the day the gap passed 14 days, a document to
  its due date, the company period to S + 4 months;
* a week counts once its Sunday has passed; a due date once it has passed (before
  today); on time means sent on or before the due date;
* a break of the 14-day rule is dated the day after the latest allowed date of the next
  interview (:func:`~.timeline.latest_allowed_after`), when no attended interview was
  held by then and the case was still running that day; the gaps between consecutive
  interviews and the gap still open today are all counted;
* the company period is missing at S + 4 months when the case was running that day and
  no period of at least 7 days starts on or before it (a period recorded later but
  starting in time counts: the records carry no typing date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from ..models.enums import ContractingResult, ExitReason, InterviewStatus
from .calendar import add_months, french_date
from .timeline import (
    CLOCK_KINDS,
    blocked_intervals,
    case_end_date,
    current_end,
    is_signed,
    latest_allowed_after,
    weekly_compliance,
)

#: A company period satisfies the phase-2 obligation from this length, in days.
MIN_COMPANY_PERIOD_DAYS = 7
#: When a case must have its company period (MOV-RULES.md 2.8, decision).
COMPANY_PERIOD_MONTHS = 4
_ONE_DAY = timedelta(days=1)


class ComplianceKind(StrEnum):
    """One kind of audited fact; ``label`` names the column of the Conformité view."""

    WEEK_DUE = "week_due"
    WEEK_HELD = "week_held"
    WEEK_MISSED = "week_missed"
    RULE_14_DAYS = "rule_14_days"
    DISPATCH_DUE = "dispatch_due"
    DISPATCH_LATE = "dispatch_late"
    DISPATCH_MISSING = "dispatch_missing"
    COMPANY_PERIOD_MISSING = "company_period_missing"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    ComplianceKind.WEEK_DUE: "Semaines dues",
    ComplianceKind.WEEK_HELD: "Entretiens hebdomadaires tenus",
    ComplianceKind.WEEK_MISSED: "Semaines sans entretien",
    ComplianceKind.RULE_14_DAYS: "Ruptures des 14 jours",
    ComplianceKind.DISPATCH_DUE: "Envois dus à France Travail",
    ComplianceKind.DISPATCH_LATE: "Envois en retard",
    ComplianceKind.DISPATCH_MISSING: "Envois non faits",
    ComplianceKind.COMPANY_PERIOD_MISSING: "Sans période en entreprise à S + 4 mois",
}


@dataclass(frozen=True)
class ComplianceEvent:
    """One audited fact of one case: its kind, its date, and what it is, in French."""

    kind: ComplianceKind
    day: date
    detail: str


# --- Documents owed to France Travail -----------------------------------------------------


class DispatchKind(StrEnum):
    """What the office sends to France Travail (same names as the milestones' dispatches)."""

    CONTRACT = "contract"
    REFUSAL_NOTICE = "refusal_notice"
    INTERMEDIATE_REPORT = "intermediate_report"
    FINAL_REPORT = "final_report"
    INTERRUPTION_NOTICE = "interruption_notice"

    @property
    def label(self) -> str:
        return DISPATCH_LABELS[self]


DISPATCH_LABELS = {
    DispatchKind.CONTRACT: "Copie du contrat d'accompagnement signé",
    DispatchKind.REFUSAL_NOTICE: "Avis de non-signature du contrat",
    DispatchKind.INTERMEDIATE_REPORT: "Bilan intermédiaire",
    DispatchKind.FINAL_REPORT: "Bilan final",
    DispatchKind.INTERRUPTION_NOTICE: "Avis d'interruption du parcours",
}


@dataclass(frozen=True)
class OwedDispatch:
    """A document owed to France Travail: when it is due and when it went (if it did)."""

    kind: DispatchKind
    due: date
    sent: date | None


def owed_dispatches(case: Any, today: date) -> list[OwedDispatch]:
    """The documents owed to France Travail at this point of the case.

    The contract copy and the refusal notice within 48 hours of the contracting
    interview; for a signed contract the intermediate report at S + 2 months (unless the
    case ended before, and nothing was sent) and the final report 7 days after the end
    (the exit, or the current end date); the interruption notice within 48 hours.
    """
    owed = []
    signing = case.contracting_date
    result = case.contracting_result
    if signing is not None and result == ContractingResult.SIGNED:
        owed.append(OwedDispatch(DispatchKind.CONTRACT, signing + 2 * _ONE_DAY,
                                 case.contract_sent_date))  # fmt: skip
    if signing is not None and result == ContractingResult.REFUSED:
        owed.append(OwedDispatch(DispatchKind.REFUSAL_NOTICE, signing + 2 * _ONE_DAY,
                                 case.refusal_notice_date))  # fmt: skip
    exit = case.exit
    if is_signed(case):
        end = exit.date if exit is not None else None
        due = add_months(case.start_date, 2)
        sent = case.intermediate_sent_date
        if end is None or end >= due or sent is not None:
            owed.append(OwedDispatch(DispatchKind.INTERMEDIATE_REPORT, due, sent))
        final_due = (end or current_end(case)) + 7 * _ONE_DAY
        owed.append(OwedDispatch(DispatchKind.FINAL_REPORT, final_due, case.final_sent_date))
    if exit is not None and ExitReason(exit.reason).is_interruption:
        owed.append(OwedDispatch(DispatchKind.INTERRUPTION_NOTICE, exit.date + 2 * _ONE_DAY,
                                 exit.notice_sent_date))  # fmt: skip
    return owed


# --- The events of one case ---------------------------------------------------------------


def _weeks(case: Any, first: date, last: date, today: date) -> list[ComplianceEvent]:
    events = []
    for week in weekly_compliance(case, today):
        if not first <= week.monday <= last or week.sunday >= today:
            continue
        text = f"Semaine du {french_date(week.monday)} au {french_date(week.sunday)}"
        events.append(ComplianceEvent(ComplianceKind.WEEK_DUE, week.monday, text))
        kind = ComplianceKind.WEEK_HELD if week.done else ComplianceKind.WEEK_MISSED
        events.append(ComplianceEvent(kind, week.monday, text))
    return events


def clock_days(case: Any, today: date) -> list[date]:
    """The days of attended interviews that keep the 14-day clock, up to today, in order
    (the contracting interview first when the contract was signed there)."""
    days = {
        i.date
        for i in case.interviews
        if i.date <= today and i.status == InterviewStatus.ATTENDED and i.kind in CLOCK_KINDS
    }
    if is_signed(case) and case.contracting_date is not None:
        days = {d for d in days if d >= case.contracting_date}
        days.add(case.contracting_date)
    return sorted(days)


def rule_14_breaches(case: Any, today: date) -> list[tuple[date, date, date | None]]:
    """Each break of the 14-day rule: (last interview, day of the break, next interview).

    The next interview is None for a gap still open today.
    """
    if not is_signed(case):
        return []
    days = clock_days(case, today)
    if not days:
        return []
    intervals = blocked_intervals(case)
    end = case_end_date(case, today) or current_end(case)
    breaches = []
    for before, after in zip(days, [*days[1:], None], strict=True):
        limit = latest_allowed_after(before, intervals)
        broken = limit + _ONE_DAY
        if broken > end or (after is not None and after <= limit):
            continue
        if after is None and broken > today:
            continue
        breaches.append((before, broken, after))
    return breaches


def _breaches(case: Any, first: date, last: date, today: date) -> list[ComplianceEvent]:
    events = []
    for before, broken, after in rule_14_breaches(case, today):
        if not first <= broken <= last:
            continue
        if after is None:
            text = f"Aucun entretien depuis le {french_date(before)}"
        else:
            text = f"Aucun entretien du {french_date(before)} au {french_date(after)}"
        limit = french_date(broken - _ONE_DAY)
        events.append(ComplianceEvent(ComplianceKind.RULE_14_DAYS, broken,
                                      f"{text} (limite du {limit} dépassée)"))  # fmt: skip
    return events


def _dispatches(case: Any, first: date, last: date, today: date) -> list[ComplianceEvent]:
    events = []
    for owed in owed_dispatches(case, today):
        if not first <= owed.due <= last or owed.due >= today:
            continue
        due = french_date(owed.due)
        name = owed.kind.label
        owed_text = f"{name}, dû le {due}"
        events.append(ComplianceEvent(ComplianceKind.DISPATCH_DUE, owed.due, owed_text))
        if owed.sent is None:
            events.append(ComplianceEvent(ComplianceKind.DISPATCH_MISSING, owed.due,
                                          f"{name}, dû le {due} : non envoyé"))  # fmt: skip
        elif owed.sent > owed.due:
            late = (owed.sent - owed.due).days
            events.append(
                ComplianceEvent(
                    ComplianceKind.DISPATCH_LATE,
                    owed.due,
                    f"{name}, dû le {due} : envoyé le {french_date(owed.sent)} "
                    f"({late} jour{'s' if late > 1 else ''} de retard)",
                )
            )
    return events


def _company_period(case: Any, first: date, last: date, today: date) -> list[ComplianceEvent]:
    if not is_signed(case) or case.contracting_date is None:
        return []
    checkpoint = add_months(case.start_date, COMPANY_PERIOD_MONTHS)
    if not first <= checkpoint <= last or checkpoint >= today:
        return []
    end = case_end_date(case, today)
    if case.contracting_date > checkpoint or (end is not None and end < checkpoint):
        return []
    long_enough = sorted(
        p.start_date
        for p in case.company_periods
        if (p.end_date - p.start_date).days + 1 >= MIN_COMPANY_PERIOD_DAYS
    )
    if long_enough and long_enough[0] <= checkpoint:
        return []
    text = f"S + 4 mois le {french_date(checkpoint)} : "
    if long_enough:
        text += f"première période de 7 jours ou plus le {french_date(long_enough[0])}"
    else:
        text += "aucune période en entreprise de 7 jours ou plus"
    return [ComplianceEvent(ComplianceKind.COMPANY_PERIOD_MISSING, checkpoint, text)]


def compliance_events(case: Any, first: date, last: date, today: date) -> list[ComplianceEvent]:
    """The audited facts of ``case`` dated from ``first`` to ``last`` (module notes)."""
    return [
        *_weeks(case, first, last, today),
        *_breaches(case, first, last, today),
        *_dispatches(case, first, last, today),
        *_company_period(case, first, last, today),
    ]
