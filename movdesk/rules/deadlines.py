"""The open deadlines (échéances) of a case, as listed by ``movdesk deadlines``.

One :class:`Deadline` per kind of the EXCHANGE.md kinds table, open exactly while the
table says. Each carries its due date (calendar days, as the contract says), its
practical date (the last working day on or before it, MOV-RULES.md section 8), its
status as of today and a French label that says what to do.

Decisions beyond the kinds table:

* ``contracting_interview`` stays open for an ordered case; once the beneficiary was
  recorded as not coming (no-show) it stays open only while S + 7 has not passed, since
  the interview can be rescheduled until then and the case is over afterwards;
* ``weekly_interview`` and ``next_interview`` concern a case whose effective status is
  active; ``follow_up_interview`` and ``retention_check`` follow the positive exit;
* ``partner_follow_up`` is the office's own reminder, not a deadline of the contract:
  a barrier handed to a partner (orientation) with a follow-up date is to be followed
  up by that date while the case is active, the barrier not lifted and the request not
  closed by the partner's answer. ``movdesk deadlines --format json`` leaves it out
  (:data:`CONTRACT_KINDS`, the closed list of EXCHANGE.md); every other list shows it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models.enums import BarrierCategory, BarrierStatus, CaseStatus, ContractingResult, ExitReason
from .calendar import add_months, french_date, practical_date
from .outcomes import classify_exit, is_employment_or_business
from .timeline import (
    case_end_date,
    current_end,
    current_week,
    effective_status,
    is_signed,
    next_interview_deadline,
    windows_after,
)

#: A deadline is ``soon`` when due within this many days after today.
SOON_DAYS = 7
#: Company periods shorter than this do not satisfy the phase-2 obligation.
MIN_COMPANY_PERIOD_DAYS = 7

KINDS = (
    "contracting_interview",
    "contract_to_pe",
    "refusal_notice",
    "weekly_interview",
    "next_interview",
    "intermediate_report",
    "company_period",
    "online_obligations",
    "renewal_contact",
    "final_report",
    "interruption_notice",
    "follow_up_interview",
    "retention_check",
    "partner_follow_up",
)

#: The kinds of EXCHANGE.md, the deadlines of the contract (the JSON's closed list).
CONTRACT_KINDS = KINDS[:-1]

#: The place of each kind in :data:`KINDS`: the order of a case's deadlines on one day.
KIND_ORDER = {kind: index for index, kind in enumerate(KINDS)}

_ORDINALS = {1: "1er", 2: "2e", 3: "3e", 4: "4e"}


@dataclass(frozen=True)
class Deadline:
    """One open deadline of one case."""

    order_number: str
    kind: str
    due: date
    practical_due: date
    status: str
    label: str


def deadline_status(due: date, today: date) -> str:
    """``overdue`` (before today), ``today``, ``soon`` (next 7 days) or ``later``."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + timedelta(days=SOON_DAYS):
        return "soon"
    return "later"


def _length(period: Any) -> int:
    """A period's length counting its first and last day (read from its dates only)."""
    return (period.end_date - period.start_date).days + 1


def _contracting(case: Any, today: date) -> Iterator[tuple[str, date, str]]:
    due = case.start_date + timedelta(days=7)
    result = case.contracting_result
    status = CaseStatus(case.status)
    if result in (ContractingResult.SIGNED, ContractingResult.REFUSED):
        if result == ContractingResult.SIGNED and case.contract_sent_date is None:
            yield (
                "contract_to_pe",
                case.contracting_date + timedelta(days=2),
                "Envoyer la copie du contrat d'accompagnement signé à France Travail",
            )
        if result == ContractingResult.REFUSED and case.refusal_notice_date is None:
            yield (
                "refusal_notice",
                case.contracting_date + timedelta(days=2),
                "Informer France Travail de la non-signature du contrat",
            )
        return
    if status is CaseStatus.ORDERED or (status is CaseStatus.NO_SHOW and due >= today):
        yield (
            "contracting_interview",
            due,
            "Tenir l'entretien de contractualisation (au plus tard à J + 7 du début)",
        )


def _while_active(case: Any, today: date) -> Iterator[tuple[str, date, str]]:
    end = current_end(case)
    week = current_week(case, today)
    if week is not None and not week.done:
        yield (
            "weekly_interview",
            week.sunday,
            "Tenir l'entretien individuel de la semaine du "
            f"{french_date(week.monday)} (30 minutes au moins)",
        )
    limit = next_interview_deadline(case, today)
    if limit is not None and limit <= end:
        yield (
            "next_interview",
            limit,
            "Tenir le prochain entretien avant la rupture des 14 jours",
        )
    if not any(_length(p) >= MIN_COMPANY_PERIOD_DAYS for p in case.company_periods):
        yield (
            "company_period",
            add_months(case.start_date, 4),
            "Planifier une période en entreprise (7 jours au moins)",
        )
    if case.phase2_start is not None:
        missing = [
            text
            for text, recorded in (
                ("l'abonnement aux offres", case.offers_subscription_date),
                ("le profil en ligne", case.online_profile_date),
            )
            if recorded is None
        ]
        if missing:
            yield (
                "online_obligations",
                case.phase2_start + timedelta(days=28),
                f"Faire créer {' et '.join(missing)} sur le site de France Travail",
            )
    if case.renewal_envisaged and case.renewal_decision_date is None:
        yield (
            "renewal_contact",
            case.end_date - timedelta(days=15),
            "Contacter France Travail au sujet du renouvellement",
        )
    yield from partner_follow_ups(getattr(case, "barriers", ()))


def is_open_referral(barrier: Any) -> bool:
    """A barrier handed to a partner whose answer is still awaited (demande en cours)."""
    return (
        barrier.partner_name is not None
        and barrier.referred_on is not None
        and barrier.referral_closed_on is None
        and barrier.status != BarrierStatus.LIFTED
    )


def partner_follow_ups(barriers: Iterable[Any]) -> Iterator[tuple[str, date, str]]:
    """One ``partner_follow_up`` per open request with a follow-up date (module notes)."""
    for barrier in barriers:
        if not is_open_referral(barrier) or barrier.follow_up_on is None:
            continue
        partner = barrier.partner_name or "le partenaire"
        category = BarrierCategory(barrier.category).label
        yield (
            "partner_follow_up",
            barrier.follow_up_on,
            f"Relancer {partner} (frein « {category} », demande du "
            f"{french_date(barrier.referred_on)})",
        )


def _after_exit(case: Any, exit: Any, today: date) -> Iterator[tuple[str, date, str]]:
    reason = ExitReason(exit.reason)
    if reason.is_interruption and exit.notice_sent_date is None:
        yield (
            "interruption_notice",
            exit.date + timedelta(days=2),
            "Informer France Travail de l'interruption du parcours",
        )
    if not reason.is_placement or not classify_exit(exit).positive:
        return
    windows = windows_after(exit.date, case.interviews)
    current = next((w for w in windows if w.due >= today), None)
    if current is not None and not current.done:
        yield (
            "follow_up_interview",
            current.due,
            f"Tenir le {_ORDINALS[current.number]} entretien de suivi dans l'emploi "
            "ou la formation",
        )
    if is_employment_or_business(exit) and exit.retained_at_3_months is None:
        yield (
            "retention_check",
            add_months(exit.date, 3),
            "Enregistrer si la personne est toujours en poste à 3 mois",
        )


def open_items(case: Any, today: date) -> Iterator[tuple[str, date, str]]:
    """The open deadlines of a case as ``(kind, due, label)``, before any status or sorting."""
    yield from _contracting(case, today)
    if not is_signed(case):
        return
    status = effective_status(case, today)
    end = case_end_date(case, today)
    due = add_months(case.start_date, 2)
    if case.intermediate_sent_date is None and (end is None or end >= due):
        yield ("intermediate_report", due, "Envoyer le bilan intermédiaire à France Travail")
    if status is CaseStatus.ACTIVE:
        yield from _while_active(case, today)
    if end is not None and case.final_sent_date is None:
        yield ("final_report", end + timedelta(days=7), "Envoyer le bilan final à France Travail")
    if case.exit is not None:
        yield from _after_exit(case, case.exit, today)


def case_deadlines(case: Any, today: date, *, alsace_moselle: bool = False) -> list[Deadline]:
    """The open deadlines of one case as of ``today``, in the order of the kinds table."""
    found = [
        Deadline(
            order_number=case.order_number,
            kind=kind,
            due=due,
            practical_due=practical_date(due, alsace_moselle=alsace_moselle),
            status=deadline_status(due, today),
            label=label,
        )
        for kind, due, label in open_items(case, today)
    ]
    found.sort(key=lambda d: KIND_ORDER[d.kind])
    return found


def all_deadlines(
    cases: Iterable[Any],
    today: date,
    referent: str | None = None,
    *,
    alsace_moselle: bool = False,
) -> list[Deadline]:
    """The open deadlines of every case (of one referent, by full name), soonest first."""
    found: list[Deadline] = []
    for case in cases:
        if referent is not None and case.referent.full_name != referent:
            continue
        found.extend(case_deadlines(case, today, alsace_moselle=alsace_moselle))
    found.sort(key=lambda d: (d.due, d.order_number))
    return found
