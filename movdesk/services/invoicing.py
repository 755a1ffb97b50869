"""Marking tranches invoiced and paid (facturation), and the payment request of an invoice.

Each action is one audited, undoable unit of work over the
:class:`~movdesk.models.PaymentTranche` records of the tranches picked; it checks every
tranche against the rules first (:func:`movdesk.rules.payments.case_tranches`, as of
today) and writes nothing when one of them is refused.

Decisions:

* only a tranche **ready to invoice** can be invoiced: a tranche still missing a
  document is not (the message names the documents); the amount recorded is the one
  the rules give that day, so a later change of price never changes an invoice;
* an invoice number (at most 50 characters) is shared by the tranches of one invoice:
  tranches may be added to an existing number only under the same invoice date;
* invoice and payment dates are never after today; an invoice is never dated before
  the tranche's due date, a payment never before the invoice;
* « Annuler la facturation » takes an invoiced, unpaid tranche back to what the rules
  say (the record is deleted when nothing else is written on it); « Annuler le
  paiement » takes a paid tranche back to invoiced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import AuditAction, Case, PaymentTranche, Tranche
from ..reports.page import OfficeIdentity
from ..reports.payment_request import PaymentRequest, RequestLine, render_payment_request
from ..rules.calendar import french_date
from ..rules.payments import TrancheState, TrancheStatus, case_tranches
from ..rules.validation import Problem
from . import audit
from .context import Desk, Work
from .dashboard import read_office
from .errors import ValidationFailed
from .exports import write_file
from .payment_data import PaymentCase, payment_cases
from .payments import office_price

INVOICE_ACTION = "Facturer des tranches"
PAYMENT_ACTION = "Enregistrer un paiement"
CANCEL_INVOICE_ACTION = "Annuler une facturation"
CANCEL_PAYMENT_ACTION = "Annuler un paiement"
#: Longest invoice number (the column's length).
MAX_INVOICE_NUMBER = 50
#: Short names of the tranches in messages and documents.
SHORT_NAMES = {Tranche.T1: "T1", Tranche.T2: "T2", Tranche.T3: "T3", Tranche.EARLY: "T1+T2"}


@dataclass(frozen=True)
class TranchePick:
    """One tranche of one case, as the user picked it."""

    case_id: int
    tranche: Tranche


def _invoice_number(number: str) -> str:
    text = number.strip()
    if not text:
        raise ValidationFailed([Problem("invoice_number", "le numéro de facture est obligatoire.")])
    if len(text) > MAX_INVOICE_NUMBER:
        raise ValidationFailed(
            [Problem("invoice_number", f"le numéro de facture compte au plus "
                                       f"{MAX_INVOICE_NUMBER} caractères (ici {len(text)}).")]
        )  # fmt: skip
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise ValidationFailed(
            [Problem("invoice_number", "le numéro de facture ne peut pas contenir de "
                                       "caractère de contrôle (retour à la ligne, tabulation…).")]
        )  # fmt: skip
    return text


def _not_after_today(field: str, what: str, on: date, today: date) -> None:
    if on > today:
        raise ValidationFailed(
            [Problem(field, f"la date {what} ne peut pas être après aujourd'hui "
                            f"({french_date(today)}).")]  # fmt: skip
        )


@dataclass
class _Picked:
    pick: TranchePick
    case: PaymentCase
    state: TrancheState | None
    record: PaymentTranche | None

    def name(self) -> str:
        return f"dossier {self.case.order_number}, {SHORT_NAMES[self.pick.tranche]}"


def _picked(work: Work, picks: Sequence[TranchePick], today: date) -> list[_Picked]:
    """The cases of ``picks`` with their tranches as of today (refused when none picked).

    The rules read the cases through the payments' light loader (documents held worked
    out by SQLite), so that an invoice of thousands of tranches is checked in a second;
    only the invoicing records are read as entities, to be written.
    """
    if not picks:
        raise ValidationFailed([Problem("tranches", "aucune tranche n'est sélectionnée.")])
    ids = sorted({p.case_id for p in picks})
    session = work.session
    cases = {case.id: case for case in payment_cases(session, today, Case.id.in_(ids))}
    records = {
        (r.case_id, Tranche(r.tranche)): r
        for r in session.scalars(select(PaymentTranche).where(PaymentTranche.case_id.in_(ids)))
    }
    price = office_price(session)
    found = []
    for index, pick in enumerate(picks):
        case = cases.get(pick.case_id)
        if case is None:
            raise ValidationFailed(
                [Problem(f"tranches[{index}]", f"dossier n° {pick.case_id} introuvable (ou sans "
                                               "contrat signé) : il a peut-être été supprimé.")]
            )  # fmt: skip
        tranche = Tranche(pick.tranche)
        states = {s.tranche: s for s in case_tranches(case, price, today, held=case.held)}
        found.append(_Picked(TranchePick(case.id, tranche), case, states.get(tranche),
                             records.get((case.id, tranche))))  # fmt: skip
    return found


def _refuse_unless(picked: list[_Picked], status: TrancheStatus, why: str) -> None:
    problems = []
    for index, item in enumerate(picked):
        state = item.state
        if state is not None and state.status is status:
            continue
        now = state.status.label.lower() if state is not None else "pas de tranche de ce type"
        extra = f" : {' ; '.join(state.missing_documents)}" if state and state.missing else ""
        problems.append(Problem(f"tranches[{index}]", f"{item.name()} : {why} ({now}{extra})."))
    if problems:
        raise ValidationFailed(problems)


_RECORD_FIELDS = ("invoice_number", "invoice_date", "paid_date", "amount_cents")


def _save_all(
    work: Work,
    picked: Sequence[_Picked],
    summary: Callable[[_Picked], str],
    values_of: Callable[[_Picked], dict[str, Any]],
) -> None:
    """Write ``values_of(item)`` on the record of every tranche picked, audited in one go;
    a record left with nothing on it is deleted."""
    logged: list[tuple[AuditAction, Any, int | None, str, dict[str, Any] | None]] = []
    gone = []
    for item in picked:
        text = summary(item)
        values = values_of(item)
        record = item.record
        if record is None:
            record = PaymentTranche(case_id=item.case.id, tranche=item.pick.tranche, **values)
            work.session.add(record)
            logged.append((AuditAction.CREATE, record, item.case.id, text, None))
            continue
        before = audit.snapshot(record)
        for key, value in values.items():
            setattr(record, key, value)
        if all(getattr(record, k) is None for k in _RECORD_FIELDS):
            logged.append((AuditAction.DELETE, record, item.case.id, text, before))
            gone.append(record)
        else:
            logged.append((AuditAction.UPDATE, record, item.case.id, text, before))
    work.log_many(logged)
    for record in gone:
        work.session.delete(record)


def invoice_tranches(desk: Desk, picks: Sequence[TranchePick], number: str, on: date) -> int:
    """Record the tranches ``picks`` as invoiced under ``number`` on ``on``; how many."""
    text = _invoice_number(number)
    today = desk.today()
    _not_after_today("invoice_date", "de facture", on, today)
    with desk.action(INVOICE_ACTION) as work:
        existing = work.session.scalar(
            select(PaymentTranche.invoice_date)
            .where(PaymentTranche.invoice_number == text, PaymentTranche.invoice_date.is_not(None))
            .limit(1)
        )
        if existing is not None and existing != on:
            raise ValidationFailed(
                [Problem("invoice_date", f"la facture n° {text} existe déjà, datée du "
                                         f"{french_date(existing)} : reprenez cette date ou "
                                         "choisissez un autre numéro.")]
            )  # fmt: skip
        picked = _picked(work, picks, today)
        _refuse_unless(
            picked, TrancheStatus.READY_TO_INVOICE, "la tranche n'est pas prête à facturer"
        )
        early = [
            (p, p.state.due_date)
            for p in picked
            if p.state is not None and p.state.due_date is not None and on < p.state.due_date
        ]
        if early:
            item, due_date = early[0]
            due = french_date(due_date)
            raise ValidationFailed(
                [Problem("invoice_date", f"la date de facture ({french_date(on)}) précède "
                                         f"l'échéance de la tranche ({item.name()} : {due}).")]
            )  # fmt: skip
        when = french_date(on)
        # The amount the rules give today: a later change of price never changes it.
        _save_all(
            work, picked,
            lambda i: f"{SHORT_NAMES[i.pick.tranche]} facturée : facture n° {text} du {when}",
            lambda i: {"invoice_number": text, "invoice_date": on,
                       "amount_cents": i.state.amount_cents if i.state else None},
        )  # fmt: skip
        return len(picked)


def record_payment(desk: Desk, picks: Sequence[TranchePick], on: date) -> int:
    """Record the invoiced tranches ``picks`` as paid on ``on``; how many."""
    today = desk.today()
    _not_after_today("paid_date", "de paiement", on, today)
    with desk.action(PAYMENT_ACTION) as work:
        picked = _picked(work, picks, today)
        _refuse_unless(picked, TrancheStatus.INVOICED, "la tranche n'est pas facturée en attente")
        for item in picked:
            invoiced = item.record.invoice_date if item.record else None
            if invoiced is not None and on < invoiced:
                raise ValidationFailed(
                    [Problem("paid_date", f"la date de paiement ({french_date(on)}) précède la "
                                          f"facture ({item.name()} : {french_date(invoiced)}).")]
                )  # fmt: skip
        when = french_date(on)
        _save_all(work, picked, lambda i: f"{SHORT_NAMES[i.pick.tranche]} payée le {when}",
                  lambda _i: {"paid_date": on})  # fmt: skip
        return len(picked)


def cancel_invoicing(desk: Desk, picks: Sequence[TranchePick]) -> int:
    """Take invoiced, unpaid tranches back to what the rules say; how many."""
    with desk.action(CANCEL_INVOICE_ACTION) as work:
        picked = _picked(work, picks, desk.today())
        _refuse_unless(picked, TrancheStatus.INVOICED,
                       "seule une tranche facturée et non payée peut être remise à facturer")
        _save_all(work, picked, lambda i: f"{SHORT_NAMES[i.pick.tranche]} : facturation annulée",
                  lambda _i: dict.fromkeys(("invoice_number", "invoice_date", "amount_cents")))
        return len(picked)


def cancel_payment(desk: Desk, picks: Sequence[TranchePick]) -> int:
    """Take paid tranches back to invoiced; how many."""
    with desk.action(CANCEL_PAYMENT_ACTION) as work:
        picked = _picked(work, picks, desk.today())
        _refuse_unless(picked, TrancheStatus.PAID, "la tranche n'est pas payée")
        _save_all(work, picked, lambda i: f"{SHORT_NAMES[i.pick.tranche]} : paiement annulé",
                  lambda _i: {"paid_date": None})  # fmt: skip
        return len(picked)


# --- The payment request (demande de paiement) ----------------------------------------------


def payment_request(desk: Desk, number: str) -> PaymentRequest:
    """What the payment request of invoice ``number`` shows, from the records."""
    text = number.strip()
    office = read_office(desk.session_factory)

    def read(session: Session) -> tuple[int, list[tuple[Case, PaymentTranche]]]:
        rows = session.execute(
            select(Case, PaymentTranche)
            .join(PaymentTranche, PaymentTranche.case_id == Case.id)
            .where(PaymentTranche.invoice_number == text)
            .options(selectinload(Case.beneficiary))
            .order_by(Case.order_number, PaymentTranche.tranche)
        ).all()
        return office_price(session), [(case, record) for case, record in rows]

    price, rows = desk.read(read)
    if not rows:
        raise ValidationFailed(
            [Problem("invoice_number",
                     f"aucune tranche n'est enregistrée sous la facture n° {text}.")]
        )
    lines = tuple(
        RequestLine(
            order_number=case.order_number,
            beneficiary=case.beneficiary.display_name,
            start_date=case.start_date,
            tranche=Tranche(record.tranche),
            amount_cents=record.amount_cents or 0,
        )
        for case, record in rows
    )
    dates = [record.invoice_date for _case, record in rows if record.invoice_date]
    return PaymentRequest(
        office=OfficeIdentity(office.name, office.address, office.siret, office.market_number),
        invoice_number=text,
        invoice_date=min(dates) if dates else desk.today(),
        drawn_up=desk.today(),
        price_cents=price,
        lines=lines,
    )


def export_payment_request(desk: Desk, path: str, number: str, progress: object = None) -> int:
    """Write the payment request PDF of invoice ``number``; returns its number of tranches."""
    request = payment_request(desk, number)
    write_file(path, render_payment_request(request))
    return len(request.lines)


def picks_of(lines: Iterable[tuple[int, Tranche]]) -> list[TranchePick]:
    """Picks from (case id, tranche) pairs, each once, in order."""
    seen: dict[tuple[int, Tranche], TranchePick] = {}
    for case_id, tranche in lines:
        seen.setdefault((case_id, Tranche(tranche)), TranchePick(case_id, Tranche(tranche)))
    return list(seen.values())
