"""What the payment rules read of every signed case, as light rows (données des paiements).

:func:`payment_cases` feeds :func:`movdesk.rules.payments.case_tranches` for the whole
office in three Core statements: the signed cases with their exit, the kinds of
supporting document each case holds today, and the invoicing records. The rows carry
the entities' attribute names, so the rules cannot tell them from
:class:`~movdesk.models.Case`.

Speed (**decision**): the documents held are worked out by SQLite, one text per case
listing the kinds held (received, or signed for the office's own documents, on or
before today — :func:`movdesk.rules.payments.documents_held`), instead of reading every
document row; identical texts share one ``frozenset``. Building 40,000 ORM cases with
their documents took about ten seconds; this reads in well under one
(``benchmarks/bench_payments_page.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, String, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from ..models import (
    Beneficiary,
    Case,
    CaseDocument,
    CaseStatus,
    ContractingResult,
    DocumentKind,
    Exit,
    PaymentTranche,
    Referent,
    Tranche,
)
from ..rules.payments import OFFICE_DOCUMENTS
from .indicator_data import EXIT_COLUMNS, ExitReader, IndicatorExit, Parsed


@dataclass(frozen=True, slots=True)
class TrancheRecord:
    """The office's invoicing record of one tranche (:class:`PaymentTranche`'s names)."""

    tranche: Tranche
    invoice_number: str | None
    invoice_date: date | None
    paid_date: date | None
    amount_cents: int | None


@dataclass(slots=True)
class PaymentCase:
    """A signed case as the payment rules read it, and how the page names it."""

    id: int
    order_number: str
    referent_id: int
    referent: str
    beneficiary: str
    start_date: date
    end_date: date
    renewal_new_end_date: date | None
    status: CaseStatus
    contracting_result: ContractingResult | None
    contracting_date: date | None
    intermediate_sent_date: date | None
    exit: IndicatorExit | None = None
    tranches: list[TrancheRecord] = field(default_factory=list)
    #: The kinds of supporting document held today (see the module notes).
    held: frozenset[DocumentKind] = frozenset()


def _text(column: Any) -> Any:
    return type_coerce(column, String)


def _held_kinds(
    session: Session, today: date, ids: list[int] | None
) -> dict[int, frozenset[DocumentKind]]:
    office = [kind.value for kind in OFFICE_DOCUMENTS]
    held = or_(
        CaseDocument.received_on <= today,
        and_(CaseDocument.signed_on <= today, CaseDocument.kind.in_(office)),
    )
    query = (
        select(CaseDocument.case_id, func.group_concat(_text(CaseDocument.kind).distinct()))
        .where(held)
        .group_by(CaseDocument.case_id)
    )
    if ids is not None:
        query = query.where(CaseDocument.case_id.in_(ids))
    sets = Parsed(lambda kinds: frozenset(DocumentKind(k) for k in kinds.split(",")))
    return {case_id: sets[kinds] for case_id, kinds in session.connection().execute(query)}


_CASES = (
    select(
        Case.id, Case.order_number, Case.referent_id, Referent.full_name,
        Beneficiary.last_name, Beneficiary.first_name, _text(Case.start_date),
        _text(Case.end_date), _text(Case.renewal_new_end_date), _text(Case.status),
        _text(Case.contracting_result), _text(Case.contracting_date),
        _text(Case.intermediate_sent_date), *EXIT_COLUMNS,
    )
    .join(Referent, Case.referent_id == Referent.id)
    .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
    .outerjoin(Exit, Exit.case_id == Case.id)
    .where(Case.contracting_result == ContractingResult.SIGNED)
    .order_by(Case.start_date, Case.order_number)
)  # fmt: skip

_RECORDS = select(
    PaymentTranche.case_id, _text(PaymentTranche.tranche), PaymentTranche.invoice_number,
    _text(PaymentTranche.invoice_date), _text(PaymentTranche.paid_date),
    PaymentTranche.amount_cents,
).order_by(PaymentTranche.case_id, PaymentTranche.tranche)  # fmt: skip


def payment_cases(
    session: Session, today: date, wanted: ColumnElement[bool] | None = None
) -> list[PaymentCase]:
    """Every signed case (or those of them matching ``wanted``, SQL on :class:`Case`), by
    start date then order number, as the payment rules read it."""
    query, records, ids = _CASES, _RECORDS, None
    if wanted is not None:
        ids = list(session.scalars(select(Case.id).where(wanted)))
        query = query.where(Case.id.in_(ids))
        records = records.where(PaymentTranche.case_id.in_(ids))
    day = Parsed(date.fromisoformat)
    status, result = Parsed(CaseStatus), Parsed(ContractingResult)
    tranche_of = Parsed(Tranche)
    exit_of = ExitReader(day)
    cases: dict[int, PaymentCase] = {}
    for row in session.connection().execute(query):
        cases[row[0]] = PaymentCase(
            row[0], row[1], row[2], row[3], f"{row[4].upper()} {row[5]}", day[row[6]],
            day[row[7]], day[row[8]], status[row[9]], result[row[10]], day[row[11]],
            day[row[12]], exit_of(row, 13),
        )  # fmt: skip
    for case_id, kinds in _held_kinds(session, today, ids).items():
        case = cases.get(case_id)
        if case is not None:
            case.held = kinds
    for case_id, tranche, number, invoiced, paid, amount in session.connection().execute(
        records
    ):
        case = cases.get(case_id)
        if case is not None:
            case.tranches.append(
                TrancheRecord(tranche_of[tranche], number, day[invoiced], day[paid], amount)
            )
    return list(cases.values())
