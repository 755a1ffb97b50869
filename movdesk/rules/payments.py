"""Payment tranches (modalités de paiement), MOV-RULES.md section 5, as pure functions.

:func:`case_tranches` tells, for one case and the price per case P (in euro cents),
what each tranche is worth, whether it is due, which supporting documents are still
missing, and whether it was invoiced or paid. It reads only attributes (``start_date``,
``end_date``, ``renewal_new_end_date``, ``status``, ``contracting_result``,
``contracting_date``, ``intermediate_sent_date``, ``exit``, ``documents``,
``tranches``), so it accepts a :class:`~movdesk.models.Case` or a look-alike.

Decisions beyond the contract's text:

* **Amounts.** The boundaries 30 % and 90 % of P are rounded to the nearest cent (half
  up); T1 = round(30 %), T2 = round(90 %) − T1, T3 = P − round(90 %). Each tranche is
  within half a cent of its share and T1 + T2 + T3 = P exactly, whatever P.
* **Early positive exit.** Every positive job, training or business exit is an early
  positive exit (validation keeps an exit date within the case, so it lies before the
  end of the service). T1 and T2 merge into one tranche worth 90 % of P less what was
  already *claimed* for T1 or T2 (invoiced or paid: the amount recorded on the invoice,
  else the computed share), so nothing is ever invoiced twice. A T1 or T2 already
  claimed stays listed with its invoice; an unclaimed one disappears into the merged
  tranche; a merged tranche worth nothing is not listed.
* **T2** is due on S + 6 months when the case was still running that day, or on the end
  at term if that comes first (ended at term: an exit ``term``, or a signed contract past
  its current end date, see :func:`movdesk.rules.timeline.case_end_date`). An
  interrupted case never earns T2 (contract decision), nor does a case that left
  through a non-positive placement before S + 6 months.
* **T3** needs the retention at 3 months recorded as *yes* and J + 3 months reached.
  A training exit never earns it.
* **Documents held.** A document counts as held when its ``received_on`` date is set
  (originals received from the beneficiary, an employer, a training body or France
  Travail); for the documents the office draws up or countersigns itself (order
  letter, contract, reports and attendance sheets) a ``signed_on`` date is enough.
  Printed or sent dates never count, nor dates after today. For a requirement with
  alternatives (employment contract *or* hiring promise), one of them is enough.
* **Invoicing records win.** A tranche with a paid date is ``paid``, one with an
  invoice number or date is ``invoiced``, whatever the rules say now: the office has
  already acted on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, NamedTuple

from ..models.enums import DocumentKind, ExitReason, Tranche
from .calendar import add_months, french_date
from .outcomes import ExitVerdict, classify_exit
from .timeline import case_end_date, is_signed

#: Share of P at the end of each boundary, in percent (T1 ends at 30 %, T2 at 90 %).
T1_PERCENT = 30
T1_T2_PERCENT = 90


class TrancheStatus(StrEnum):
    """Where a tranche stands; ``label`` is the French wording of the payments view."""

    NOT_DUE = "not_due"
    DUE_MISSING_DOCUMENTS = "due_missing_documents"
    READY_TO_INVOICE = "ready_to_invoice"
    INVOICED = "invoiced"
    PAID = "paid"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    TrancheStatus.NOT_DUE: "Non due",
    TrancheStatus.DUE_MISSING_DOCUMENTS: "Due, pièces manquantes",
    TrancheStatus.READY_TO_INVOICE: "Prête à facturer",
    TrancheStatus.INVOICED: "Facturée",
    TrancheStatus.PAID: "Payée",
}

#: One supporting document to hold: any one of these kinds satisfies it.
Requirement = tuple[DocumentKind, ...]

#: Documents the office draws up or countersigns: held once signed.
OFFICE_DOCUMENTS = frozenset(
    {
        DocumentKind.ORDER_LETTER,
        DocumentKind.CONTRACT,
        DocumentKind.INTERMEDIATE_REPORT,
        DocumentKind.INTERMEDIATE_ATTENDANCE,
        DocumentKind.FINAL_REPORT,
        DocumentKind.FINAL_ATTENDANCE,
    }
)

D = DocumentKind
T1_DOCUMENTS: tuple[Requirement, ...] = (
    (D.ORDER_LETTER,),
    (D.CONTRACT,),
    (D.INTERMEDIATE_REPORT,),
    (D.INTERMEDIATE_ATTENDANCE,),
)
T2_DOCUMENTS: tuple[Requirement, ...] = ((D.FINAL_REPORT,), (D.FINAL_ATTENDANCE,))
T3_DOCUMENTS: dict[ExitReason, tuple[Requirement, ...]] = {
    ExitReason.EMPLOYMENT: ((D.EMPLOYMENT_CONTRACT,), (D.PAYSLIP_OR_PRESENCE,)),
    ExitReason.BUSINESS: ((D.BUSINESS_CREATION_PROOF,), (D.BUSINESS_SURVIVAL_PROOF,)),
}
EARLY_DOCUMENTS: dict[ExitReason, tuple[Requirement, ...]] = {
    ExitReason.EMPLOYMENT: ((D.EMPLOYMENT_CONTRACT, D.HIRING_PROMISE),),
    ExitReason.BUSINESS: ((D.BUSINESS_CREATION_PROOF,),),
    ExitReason.TRAINING: ((D.TRAINING_ENTRY_CERTIFICATE,),),
}


def requirement_label(requirement: Requirement) -> str:
    """The French name of a requirement: ``Copie du contrat de travail ou Promesse…``."""
    return " ou ".join(kind.label for kind in requirement)


class TrancheState(NamedTuple):
    """One tranche of one case as of a given day.

    A named tuple rather than a dataclass: an office's page makes 120,000 of them at once,
    and a tuple is built several times faster.
    """

    tranche: Tranche
    amount_cents: int
    status: TrancheStatus
    #: The day the tranche fell due (or will, when that day is already known).
    due_date: date | None
    explanation: str
    missing: tuple[Requirement, ...] = ()
    invoice_number: str | None = None
    invoice_date: date | None = None
    paid_date: date | None = None

    @property
    def missing_documents(self) -> list[str]:
        """The missing documents, named with their French labels."""
        return [requirement_label(r) for r in self.missing]

    @property
    def month(self) -> str | None:
        """``YYYY-MM`` the tranche belongs to: paid, invoiced, or due in; None if not due."""
        status = self.status
        if status is TrancheStatus.NOT_DUE:
            return None
        if status is TrancheStatus.PAID:
            when = self.paid_date
        elif status is TrancheStatus.INVOICED:
            when = self.invoice_date
        else:
            when = self.due_date
        return None if when is None else _month_text(when)


@lru_cache(maxsize=4096)
def _month_text(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def french_money(cents: int) -> str:
    """``185000`` → ``1 850,00 €``: euros as a French reader writes them (plain spaces)."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", " ")
    return f"{sign}{grouped},{rest:02d} €"


def _round_percent(price_cents: int, percent: int) -> int:
    """``price_cents × percent / 100`` rounded to the nearest cent, halves up."""
    return (price_cents * percent * 2 + 100) // 200


def tranche_amounts(price_cents: int) -> dict[Tranche, int]:
    """T1, T2 and T3 for price P in cents; they always sum to P (see the module notes)."""
    return dict(_amounts(price_cents))


#: :func:`tranche_amounts` by price, for the rules of many cases (never changed in place).
_AMOUNTS_BY_PRICE: dict[int, dict[Tranche, int]] = {}


def _amount_map(price_cents: int) -> dict[Tranche, int]:
    amounts = _AMOUNTS_BY_PRICE[price_cents] = dict(_amounts(price_cents))
    return amounts


@lru_cache(maxsize=64)
def _amounts(price_cents: int) -> tuple[tuple[Tranche, int], ...]:
    t1 = _round_percent(price_cents, T1_PERCENT)
    t1_t2 = _round_percent(price_cents, T1_T2_PERCENT)
    return ((Tranche.T1, t1), (Tranche.T2, t1_t2 - t1), (Tranche.T3, price_cents - t1_t2))


def documents_held(documents: Iterable[Any], today: date) -> frozenset[DocumentKind]:
    """The kinds of document held on ``today`` (see the module notes for "held")."""
    held = set()
    for doc in documents:
        kind = DocumentKind(doc.kind)
        received = doc.received_on is not None and doc.received_on <= today
        signed = doc.signed_on is not None and doc.signed_on <= today
        if received or (signed and kind in OFFICE_DOCUMENTS):
            held.add(kind)
    return frozenset(held)


class _Rule(NamedTuple):
    """What the contract says about a tranche, before invoicing records and documents."""

    due: bool
    due_date: date | None
    explanation: str
    requirements: tuple[Requirement, ...] = ()


def _claimed(record: Any | None) -> bool:
    """The office already invoiced (or was paid for) this tranche."""
    return record is not None and bool(
        record.paid_date or record.invoice_number or record.invoice_date
    )


def _resolve(
    tranche: Tranche, amount: int, rule: _Rule, record: Any | None, held: frozenset[DocumentKind]
) -> TrancheState:
    """Combine the rule, the office's invoicing record and the documents held."""
    if record is not None and _claimed(record):
        invoiced_amount = record.amount_cents if record.amount_cents is not None else amount
        invoice = f"facture n° {record.invoice_number or '?'}"
        if record.invoice_date:
            invoice += f" du {french_date(record.invoice_date)}"
        if record.paid_date:
            status = TrancheStatus.PAID
            text = f"Payée le {french_date(record.paid_date)} ({invoice})."
        else:
            status = TrancheStatus.INVOICED
            text = f"Facturée, en attente de paiement ({invoice})."
        return TrancheState(
            tranche,
            invoiced_amount,
            status,
            rule.due_date,
            text,
            invoice_number=record.invoice_number,
            invoice_date=record.invoice_date,
            paid_date=record.paid_date,
        )
    if not rule.due:
        return TrancheState(tranche, amount, TrancheStatus.NOT_DUE, rule.due_date, rule.explanation)
    missing = tuple(r for r in rule.requirements if held.isdisjoint(r))
    if missing:
        names = " ; ".join(requirement_label(r) for r in missing)
        return TrancheState(
            tranche,
            amount,
            TrancheStatus.DUE_MISSING_DOCUMENTS,
            rule.due_date,
            f"{rule.explanation} Pièces manquantes : {names}.",
            missing,
        )
    return TrancheState(
        tranche,
        amount,
        TrancheStatus.READY_TO_INVOICE,
        rule.due_date,
        f"{rule.explanation} Toutes les pièces sont réunies.",
    )


_NOT_SIGNED = _Rule(False, None, "Contrat d'accompagnement non signé : aucune tranche n'est due.")


def _t1_rule(case: Any, today: date, _verdict: ExitVerdict | None) -> _Rule:
    sent = case.intermediate_sent_date
    if sent is None or sent > today:
        planned = french_date(add_months(case.start_date, 2))
        return _Rule(
            False, None, f"Due à l'envoi du bilan intermédiaire (prévu au plus tard le {planned})."
        )
    due = max(sent, case.contracting_date or sent)
    return _Rule(
        True,
        due,
        f"Contrat signé et bilan intermédiaire envoyé le {french_date(sent)}.",
        T1_DOCUMENTS,
    )


def _t2_rule(case: Any, today: date, _verdict: ExitVerdict | None) -> _Rule:
    month6 = add_months(case.start_date, 6)
    exit = case.exit
    end = case_end_date(case, today)
    at_term = end is not None and (exit is None or ExitReason(exit.reason) is ExitReason.TERM)
    if at_term and end is not None and end < month6:
        return _Rule(True, end, f"Fin à terme le {french_date(end)}.", T2_DOCUMENTS)
    if exit is not None and exit.date < month6:
        reason = ExitReason(exit.reason)
        if reason.is_interruption:
            text = f"Dossier interrompu le {french_date(exit.date)} : la tranche 2 n'est pas due."
        else:
            text = (
                f"Sortie le {french_date(exit.date)} avant la fin du 6e mois, sans fin à "
                "terme : la tranche 2 n'est pas due."
            )
        return _Rule(False, None, text)
    if exit is not None and ExitReason(exit.reason).is_interruption:
        # Contract decision: an interrupted case never earns T2, even after a renewal.
        return _Rule(
            False,
            None,
            f"Dossier interrompu le {french_date(exit.date)} : la tranche 2 n'est pas due.",
        )
    if month6 <= today:
        return _Rule(
            True, month6, f"Fin du 6e mois (S + 6 mois) le {french_date(month6)}.", T2_DOCUMENTS
        )
    expected = min(month6, case.renewal_new_end_date or case.end_date)
    return _Rule(
        False,
        expected,
        f"Due à la fin du 6e mois ou à la fin à terme (le {french_date(expected)}).",
    )


def _t3_rule(case: Any, today: date, verdict: ExitVerdict | None) -> _Rule:
    exit = case.exit
    reason = ExitReason(exit.reason) if exit is not None else None
    if exit is None or reason not in T3_DOCUMENTS:
        if reason is ExitReason.TRAINING:
            text = "Sortie en formation : la tranche 3 n'est jamais due."
        elif exit is None:
            text = "Due après 3 mois de maintien suivant une sortie positive en emploi ou création."
        else:
            text = "Pas de sortie positive en emploi ou création d'entreprise : tranche 3 non due."
        return _Rule(False, None, text)
    verdict = verdict or classify_exit(exit)
    if not verdict.positive:
        return _Rule(False, None, f"{verdict.reason} : tranche 3 non due.")
    check = add_months(exit.date, 3)
    when = french_date(check)
    retained = exit.retained_at_3_months
    if retained is False:
        return _Rule(False, check, f"Pas de maintien à 3 mois ({when}) : tranche 3 non due.")
    if check > today:
        return _Rule(False, check, f"Due après le contrôle du maintien à 3 mois, le {when}.")
    if retained is None:
        return _Rule(False, check, f"Maintien à 3 mois (le {when}) non encore renseigné.")
    return _Rule(True, check, f"Maintien constaté à 3 mois, le {when}.", T3_DOCUMENTS[reason])


def _early_rule(case: Any, today: date, amount: int, verdict: ExitVerdict) -> _Rule:
    exit = case.exit
    reason = ExitReason(exit.reason)
    text = (
        f"{verdict.reason}, le {french_date(exit.date)} : tranches 1 et 2 fusionnées, "
        f"reste à facturer sur les 90 % : {french_money(amount)}."
    )
    if exit.date > today:
        return _Rule(False, exit.date, text)
    return _Rule(True, exit.date, text, EARLY_DOCUMENTS[reason])


def has_early_exit(case: Any) -> bool:
    """A signed case left through a positive job, training or business exit."""
    return is_signed(case) and case.exit is not None and classify_exit(case.exit).positive


def case_tranches(
    case: Any,
    price_cents: int,
    today: date,
    *,
    held: frozenset[DocumentKind] | None = None,
) -> list[TrancheState]:
    """Each tranche of ``case`` as of ``today``, for a price per case of ``price_cents``.

    Without a positive exit: T1, T2, T3. With one: the T1/T2 already claimed, the merged
    early tranche (what is left of the 90 %), and T3. ``held`` is
    :func:`documents_held` of the case's documents when the caller already knows it (a
    loader that works it out in SQL for many cases); the case's ``documents`` are then
    not read.
    """
    amounts = _AMOUNTS_BY_PRICE.get(price_cents) or _amount_map(price_cents)
    records = {Tranche(r.tranche): r for r in case.tranches} if case.tranches else {}
    if held is None:
        held = documents_held(case.documents, today)
    if not is_signed(case):
        # Nothing is due without a signed contract; the rules would each say so.
        return [_resolve(t, amounts[t], _NOT_SIGNED, records.get(t), held)
                for t in (Tranche.T1, Tranche.T2, Tranche.T3)]  # fmt: skip
    # Classified once: three rules read the same verdict.
    verdict = classify_exit(case.exit) if case.exit is not None else None
    states: list[TrancheState] = []
    if verdict is not None and verdict.positive:
        left = amounts[Tranche.T1] + amounts[Tranche.T2]
        for tranche, rule in ((Tranche.T1, _t1_rule), (Tranche.T2, _t2_rule)):
            record = records.get(tranche)
            if _claimed(record):
                state = _resolve(
                    tranche, amounts[tranche], rule(case, today, verdict), record, held
                )
                states.append(state)
                left -= state.amount_cents
        left = max(left, 0)
        early = records.get(Tranche.EARLY)
        if left > 0 or _claimed(early):
            merged = _early_rule(case, today, left, verdict)
            states.append(_resolve(Tranche.EARLY, left, merged, early, held))
        plan = [(Tranche.T3, _t3_rule)]
    else:
        plan = [(Tranche.T1, _t1_rule), (Tranche.T2, _t2_rule), (Tranche.T3, _t3_rule)]
    for tranche, rule in plan:
        rule_now = rule(case, today, verdict)
        states.append(_resolve(tranche, amounts[tranche], rule_now, records.get(tranche), held))
    return states


#: The statuses the office can act or has acted on: what a month's list keeps.
ACTIONABLE = frozenset(
    {
        TrancheStatus.DUE_MISSING_DOCUMENTS,
        TrancheStatus.READY_TO_INVOICE,
        TrancheStatus.INVOICED,
        TrancheStatus.PAID,
    }
)


def belongs_to_month(state: TrancheState, month: str | None) -> bool:
    """The tranche is in the list of ``month`` (``YYYY-MM``; None: every month).

    Paid in the month, invoiced in it, or due in it (ready or missing documents): what the
    office can act or has acted on that month (``movdesk payments --month``).
    """
    return month is None or (state.status in ACTIONABLE and state.month == month)


def ready_to_invoice_by_month(states: Iterable[TrancheState]) -> dict[str, int]:
    """Total ready to invoice, in cents, by month of the due date (``YYYY-MM``), sorted."""
    totals: dict[str, int] = defaultdict(int)
    for state in states:
        if state.status is TrancheStatus.READY_TO_INVOICE and state.month is not None:
            totals[state.month] += state.amount_cents
    return dict(sorted(totals.items()))
