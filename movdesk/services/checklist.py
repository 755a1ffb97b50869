"""The supporting documents of one case (pièces justificatives): what is held, what the
payments need, and ticking a document as received — audited and undoable.

The checklist lists the documents the case's tranches can require (MOV-RULES.md
section 5): the order letter, the signed contract, the intermediate and final reports
with their attendance sheets, and after a positive job, training or business exit the
proofs that exit needs; plus any other document already recorded.

Decisions:

* a tick records the date the original was **received** (``received_on`` of
  :class:`~movdesk.models.CaseDocument`, with its existing meaning); clearing the tick
  erases that date, and deletes the record only when nothing else is written on it (a
  printed or signed document keeps its record);
* a document the office drew up and signed counts as held without a receipt
  (:func:`movdesk.rules.payments.documents_held`): its line says « signé le … », and
  ticking it records the receipt of the original on top;
* the receipt date is never after today; any earlier date is accepted (an order letter
  is often received before S).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import AuditAction, Case, CaseDocument, DocumentKind, ExitReason, Tranche
from ..rules.outcomes import classify_exit
from ..rules.payments import (
    EARLY_DOCUMENTS,
    OFFICE_DOCUMENTS,
    T1_DOCUMENTS,
    T2_DOCUMENTS,
    T3_DOCUMENTS,
    Requirement,
)
from ..rules.timeline import is_signed
from ..rules.validation import Problem, fr_date
from . import audit
from .context import Desk, fetch
from .errors import ValidationFailed

#: Documents that never support a payment: not listed unless recorded.
_NOT_LISTED = frozenset({DocumentKind.CONVOCATION, DocumentKind.OTHER})
#: The columns of a document record that say something besides its kind.
_RECORD_COLUMNS_IGNORED = frozenset({"id", "case_id", "kind", "created_at", "updated_at"})

RECEIVED_ACTION = "Pièce justificative reçue"
CLEARED_ACTION = "Réception d'une pièce effacée"


@dataclass(frozen=True)
class ChecklistItem:
    """One document of the checklist, and where it stands today."""

    kind: DocumentKind
    #: Which payment needs it (« Tranche 1 », « Sortie anticipée (T1 + T2) »…), or "".
    needed_for: str
    #: The tranches that need it, in the order of the contract.
    tranches: tuple[Tranche, ...]
    received_on: date | None
    signed_on: date | None
    #: Held today: received, or signed for a document the office draws up.
    held: bool

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def by_signature(self) -> bool:
        """Held through the office's signature only (no receipt recorded)."""
        return self.held and self.received_on is None


@dataclass(frozen=True)
class Checklist:
    """The supporting documents of one case."""

    case_id: int
    order_number: str
    beneficiary: str
    today: date
    items: tuple[ChecklistItem, ...]

    def item(self, kind: DocumentKind) -> ChecklistItem:
        return next(item for item in self.items if item.kind is kind)


def _needs(case: Case) -> dict[DocumentKind, list[tuple[Tranche, str]]]:
    """Document kind → the payments that need it (tranche, words), for this case."""
    plan: list[tuple[Tranche, str, tuple[Requirement, ...]]] = [
        (Tranche.T1, "Tranche 1", T1_DOCUMENTS),
        (Tranche.T2, "Tranche 2", T2_DOCUMENTS),
    ]
    exit = case.exit
    if is_signed(case) and exit is not None and classify_exit(exit).positive:
        reason = ExitReason(exit.reason)
        plan.append((Tranche.EARLY, "Sortie anticipée (T1 + T2)", EARLY_DOCUMENTS[reason]))
        if reason in T3_DOCUMENTS:
            plan.append((Tranche.T3, "Tranche 3", T3_DOCUMENTS[reason]))
    needs: dict[DocumentKind, list[tuple[Tranche, str]]] = {}
    for tranche, payment, requirements in plan:
        for requirement in requirements:
            for kind in requirement:
                others = [k.label.lower() for k in requirement if k is not kind]
                text = f"{payment} (ou {', '.join(others)})" if others else payment
                needs.setdefault(kind, []).append((tranche, text))
    return needs


def read_checklist(desk: Desk, case_id: int) -> Checklist:
    """The checklist of ``case_id`` as of the desk's today."""
    today = desk.today()

    def read(session: Session) -> Checklist:
        case = fetch(
            session,
            Case,
            case_id,
            options=(selectinload(Case.documents), selectinload(Case.exit),
                     selectinload(Case.beneficiary)),
        )  # fmt: skip
        needs = _needs(case)
        kinds = set(needs) | {DocumentKind(d.kind) for d in case.documents}
        items = []
        for kind in DocumentKind:
            if kind not in kinds or (kind in _NOT_LISTED and kind not in needs):
                continue
            rows = [d for d in case.documents if DocumentKind(d.kind) is kind]
            received = min((d.received_on for d in rows if d.received_on), default=None)
            signed = min((d.signed_on for d in rows if d.signed_on), default=None)
            held = (received is not None and received <= today) or (
                kind in OFFICE_DOCUMENTS and signed is not None and signed <= today
            )
            wanted = needs.get(kind, [])
            items.append(ChecklistItem(kind, " ; ".join(text for _t, text in wanted),
                                       tuple(t for t, _text in wanted), received, signed,
                                       held))  # fmt: skip
        return Checklist(case.id, case.order_number, case.beneficiary.display_name, today,
                         tuple(items))  # fmt: skip

    return desk.read(read)


def _is_empty(document: CaseDocument) -> bool:
    """Nothing but the kind is written on the record (its receipt just erased)."""
    values = audit.snapshot(document)
    return all(v is None for k, v in values.items() if k not in _RECORD_COLUMNS_IGNORED)


def record_received(desk: Desk, case_id: int, kind: DocumentKind, on: date | None) -> None:
    """Tick (``on`` = the receipt date) or untick (``on`` = None) ``kind`` for the case."""
    kind = DocumentKind(kind)
    today = desk.today()
    if on is not None and on > today:
        raise ValidationFailed(
            [Problem("received_on", f"la date de réception ne peut pas être après "
                                    f"aujourd'hui ({fr_date(today)}).")]  # fmt: skip
        )
    name = RECEIVED_ACTION if on is not None else CLEARED_ACTION
    with desk.action(name) as work:
        case = work.get(Case, case_id)
        rows = list(
            work.session.scalars(
                select(CaseDocument)
                .where(CaseDocument.case_id == case.id, CaseDocument.kind == kind)
                .order_by(CaseDocument.id)
            )
        )
        if on is not None:
            summary = f"{kind.label} : original reçu le {fr_date(on)}"
            held = [d for d in rows if d.received_on is not None]
            target = held[0] if held else (rows[-1] if rows else None)
            if target is None:
                target = CaseDocument(case_id=case.id, kind=kind, received_on=on)
                work.session.add(target)
                work.log(AuditAction.CREATE, target, case_id=case.id, summary=summary)
                return
            before = audit.snapshot(target)
            target.received_on = on
            work.log(AuditAction.UPDATE, target, case_id=case.id, summary=summary, before=before)
            return
        summary = f"{kind.label} : réception effacée"
        for document in rows:
            if document.received_on is None:
                continue
            before = audit.snapshot(document)
            document.received_on = None
            if _is_empty(document):
                work.log(AuditAction.DELETE, document, case_id=case.id, summary=summary,
                         before=before)  # fmt: skip
                work.session.delete(document)
            else:
                work.log(AuditAction.UPDATE, document, case_id=case.id, summary=summary,
                         before=before)  # fmt: skip
