"""Payment tranches (MOV-RULES.md section 5): one row per rule and per edge.

Price P = 1 850,00 € (185 000 cents): T1 = 555,00 €, T2 = 1 110,00 €, T3 = 185,00 €,
early positive exit = 1 665,00 € (90 %). S = 05/01/2026, E = S + 179 = 03/07/2026,
S + 6 months = 05/07/2026 (after E, so a 180-day case earns T2 at term).
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from movdesk.models.enums import (
    CaseStatus,
    ContractingResult,
    ContractType,
    DocumentKind,
    ExitReason,
    Tranche,
)
from movdesk.rules.payments import (
    TrancheStatus,
    case_tranches,
    documents_held,
    french_money,
    ready_to_invoice_by_month,
    tranche_amounts,
)

P = 185_000
S = date(2026, 1, 5)
E = S + timedelta(days=179)
REPORT = date(2026, 3, 5)
J = date(2026, 4, 15)
J3 = date(2026, 7, 15)

D = DocumentKind
T = Tranche
NOT_DUE = TrancheStatus.NOT_DUE
MISSING = TrancheStatus.DUE_MISSING_DOCUMENTS
READY = TrancheStatus.READY_TO_INVOICE
INVOICED = TrancheStatus.INVOICED
PAID = TrancheStatus.PAID


def doc(kind: DocumentKind, *, received: date | None = None, signed: date | None = None) -> Any:
    return SimpleNamespace(
        kind=kind, printed_on=None, signed_on=signed, sent_on=date(2026, 1, 6), received_on=received
    )


def got(*kinds: DocumentKind) -> list[Any]:
    return [doc(k, received=date(2026, 2, 1)) for k in kinds]


T1_DOCS = got(D.ORDER_LETTER, D.CONTRACT, D.INTERMEDIATE_REPORT, D.INTERMEDIATE_ATTENDANCE)
T2_DOCS = got(D.FINAL_REPORT, D.FINAL_ATTENDANCE)


def record(tranche: Tranche, **fields: Any) -> Any:
    base = {"invoice_number": None, "invoice_date": None, "paid_date": None, "amount_cents": None}
    return SimpleNamespace(tranche=tranche, **{**base, **fields})


def make_exit(reason: ExitReason, when: date = J, **fields: Any) -> Any:
    base: dict[str, Any] = {
        "employment_contract": None, "employment_start": None, "employment_end": None,
        "employment_full_time": None, "employment_hours_per_month": None,
        "training_hours_total": None, "training_hours_per_week": None,
        "training_qualifying": None, "training_afpr": None,
        "business_auto_entrepreneur": None, "retained_at_3_months": None,
    }  # fmt: skip
    return SimpleNamespace(reason=reason, date=when, **{**base, **fields})


def cdi(**fields: Any) -> Any:
    return make_exit(
        ExitReason.EMPLOYMENT, employment_contract=ContractType.CDI, employment_full_time=True,
        **fields,
    )  # fmt: skip


def business(**fields: Any) -> Any:
    return make_exit(ExitReason.BUSINESS, business_auto_entrepreneur=False, **fields)


def training(**fields: Any) -> Any:
    return make_exit(
        ExitReason.TRAINING, training_qualifying=True, training_afpr=False,
        training_hours_total=400, training_hours_per_week=35, **fields,
    )  # fmt: skip


def case(**fields: Any) -> Any:
    base: dict[str, Any] = {
        "start_date": S, "end_date": E, "renewal_new_end_date": None,
        "status": CaseStatus.ACTIVE, "contracting_result": ContractingResult.SIGNED,
        "contracting_date": S + timedelta(days=2), "intermediate_sent_date": None,
        "exit": None, "documents": [], "tranches": [],
    }  # fmt: skip
    return SimpleNamespace(**{**base, **fields})


Row = tuple[Tranche, TrancheStatus, int, date | None]

ROWS: list[tuple[str, Any, date, list[Row]]] = [
    (
        "refused contract: nothing is ever due",
        case(contracting_result=ContractingResult.REFUSED, status=CaseStatus.REFUSED),
        date(2026, 8, 1),
        [(T.T1, NOT_DUE, 55_500, None), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "signed, intermediate report not sent: T1 waits, T2 expected at E",
        case(), date(2026, 3, 1),
        [(T.T1, NOT_DUE, 55_500, None), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "report dated after today does not make T1 due",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS), REPORT - timedelta(days=1),
        [(T.T1, NOT_DUE, 55_500, None), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T1 due, no document held",
        case(intermediate_sent_date=REPORT), date(2026, 3, 10),
        [(T.T1, MISSING, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T1 ready: the four documents are held",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS), date(2026, 3, 10),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T1 ready with the office's own documents signed, not received",
        case(
            intermediate_sent_date=REPORT,
            documents=[doc(k, signed=REPORT) for k in
                       (D.ORDER_LETTER, D.CONTRACT, D.INTERMEDIATE_REPORT,
                        D.INTERMEDIATE_ATTENDANCE)],
        ),
        date(2026, 3, 10),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T1 invoiced: the record wins",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS,
             tranches=[record(T.T1, invoice_number="F-12", invoice_date=date(2026, 3, 12))]),
        date(2026, 3, 20),
        [(T.T1, INVOICED, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T1 paid, with the amount actually invoiced",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS,
             tranches=[record(T.T1, invoice_number="F-12", invoice_date=date(2026, 3, 12),
                              paid_date=date(2026, 4, 2), amount_cents=55_000)]),
        date(2026, 4, 10),
        [(T.T1, PAID, 55_000, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "E itself is still a day of the case: T2 not yet due",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS), E,
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "ended at term (E passed, no exit): T2 due on E, final report missing",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS), E + timedelta(days=1),
        [(T.T1, READY, 55_500, REPORT), (T.T2, MISSING, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "ended at term with an exit 'term' and the final report: T2 ready",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS,
             exit=make_exit(ExitReason.TERM, E), status=CaseStatus.ENDED_TERM),
        date(2026, 7, 10),
        [(T.T1, READY, 55_500, REPORT), (T.T2, READY, 111_000, E),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "renewed case: T2 due at S + 6 months while it runs",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS,
             renewal_new_end_date=date(2027, 1, 3)),
        date(2026, 7, 5),
        [(T.T1, READY, 55_500, REPORT), (T.T2, READY, 111_000, date(2026, 7, 5)),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "renewed case, the day before S + 6 months: T2 expected then",
        case(renewal_new_end_date=date(2027, 1, 3)), date(2026, 7, 4),
        [(T.T1, NOT_DUE, 55_500, None), (T.T2, NOT_DUE, 111_000, date(2026, 7, 5)),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "interrupted after the intermediate report: T1 earned, T2 not due",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS,
             exit=make_exit(ExitReason.ABANDON, date(2026, 4, 1)),
             status=CaseStatus.INTERRUPTED),
        date(2026, 8, 1),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "interrupted before the intermediate report: nothing earned",
        case(exit=make_exit(ExitReason.RULE_14_DAYS, date(2026, 2, 20)),
             status=CaseStatus.INTERRUPTED),
        date(2026, 8, 1),
        [(T.T1, NOT_DUE, 55_500, None), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "renewed case interrupted after S + 6 months: T2 still not due (decision)",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS,
             renewal_new_end_date=date(2027, 1, 3),
             exit=make_exit(ExitReason.HEALTH, date(2026, 9, 1)),
             status=CaseStatus.INTERRUPTED),
        date(2026, 10, 1),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "non-positive job exit (CDD of 2 months) before S + 6 months: no T2, no T3",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS + T2_DOCS,
             exit=make_exit(ExitReason.EMPLOYMENT, J, employment_contract=ContractType.CDD,
                            employment_end=date(2026, 6, 14), employment_full_time=True),
             status=CaseStatus.CLOSED),
        date(2026, 8, 1),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "early positive job exit, nothing claimed: 90 % merged, hiring promise missing",
        case(exit=cdi(), status=CaseStatus.FOLLOW_UP), date(2026, 4, 20),
        [(T.EARLY, MISSING, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "early positive job exit with a hiring promise: ready",
        case(exit=cdi(), documents=got(D.HIRING_PROMISE), status=CaseStatus.FOLLOW_UP),
        date(2026, 4, 20),
        [(T.EARLY, READY, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "early exit after T1 was paid: only what is left of the 90 %",
        case(intermediate_sent_date=REPORT, exit=cdi(), status=CaseStatus.FOLLOW_UP,
             documents=got(D.EMPLOYMENT_CONTRACT),
             tranches=[record(T.T1, invoice_number="F-1", invoice_date=REPORT,
                              paid_date=date(2026, 4, 1))]),
        date(2026, 4, 20),
        [(T.T1, PAID, 55_500, REPORT), (T.EARLY, READY, 111_000, J),
         (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "early exit after T1 invoiced at another amount: the rest is P × 90 % − invoiced",
        case(intermediate_sent_date=REPORT, exit=cdi(), status=CaseStatus.FOLLOW_UP,
             tranches=[record(T.T1, invoice_number="F-1", amount_cents=55_000)]),
        date(2026, 4, 20),
        [(T.T1, INVOICED, 55_000, REPORT), (T.EARLY, MISSING, 111_500, J),
         (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "early exit dated after today: merged tranche not yet due",
        case(exit=cdi(), status=CaseStatus.FOLLOW_UP), J - timedelta(days=1),
        [(T.EARLY, NOT_DUE, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "early training exit: merged tranche, and never T3 even if 'retained'",
        case(exit=training(retained_at_3_months=True), status=CaseStatus.FOLLOW_UP,
             documents=got(D.TRAINING_ENTRY_CERTIFICATE)),
        date(2026, 8, 1),
        [(T.EARLY, READY, 166_500, J), (T.T3, NOT_DUE, 18_500, None)],
    ),
    (
        "T3: retained at J + 3 months with contract and payslip: ready",
        case(exit=cdi(retained_at_3_months=True), status=CaseStatus.CLOSED,
             documents=got(D.EMPLOYMENT_CONTRACT, D.PAYSLIP_OR_PRESENCE)),
        J3,
        [(T.EARLY, READY, 166_500, J), (T.T3, READY, 18_500, J3)],
    ),
    (
        "T3: retained but the payslip is missing",
        case(exit=cdi(retained_at_3_months=True), status=CaseStatus.CLOSED,
             documents=got(D.EMPLOYMENT_CONTRACT)),
        date(2026, 7, 20),
        [(T.EARLY, READY, 166_500, J), (T.T3, MISSING, 18_500, J3)],
    ),
    (
        "T3: retention not yet recorded after J + 3 months",
        case(exit=cdi(), status=CaseStatus.FOLLOW_UP, documents=got(D.EMPLOYMENT_CONTRACT)),
        date(2026, 7, 20),
        [(T.EARLY, READY, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "T3: not retained at 3 months",
        case(exit=cdi(retained_at_3_months=False), status=CaseStatus.CLOSED,
             documents=got(D.EMPLOYMENT_CONTRACT)),
        date(2026, 7, 20),
        [(T.EARLY, READY, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "T3: 'retained' recorded before J + 3 months is not yet due",
        case(exit=cdi(retained_at_3_months=True), status=CaseStatus.CLOSED,
             documents=got(D.EMPLOYMENT_CONTRACT, D.PAYSLIP_OR_PRESENCE)),
        J3 - timedelta(days=1),
        [(T.EARLY, READY, 166_500, J), (T.T3, NOT_DUE, 18_500, J3)],
    ),
    (
        "business exit: proof of creation for the 90 %, of survival for T3",
        case(exit=business(retained_at_3_months=True), status=CaseStatus.CLOSED,
             documents=got(D.BUSINESS_CREATION_PROOF)),
        date(2026, 7, 20),
        [(T.EARLY, READY, 166_500, J), (T.T3, MISSING, 18_500, J3)],
    ),
    (
        "auto-entrepreneur: never positive, so no early tranche and no T3",
        case(intermediate_sent_date=REPORT, documents=T1_DOCS,
             exit=make_exit(ExitReason.BUSINESS, J, business_auto_entrepreneur=True),
             status=CaseStatus.CLOSED),
        date(2026, 8, 1),
        [(T.T1, READY, 55_500, REPORT), (T.T2, NOT_DUE, 111_000, None),
         (T.T3, NOT_DUE, 18_500, None)],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("label", "the_case", "today", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_tranches(label: str, the_case: Any, today: date, expected: list[Row]) -> None:
    states = case_tranches(the_case, P, today)
    assert [(s.tranche, s.status, s.amount_cents, s.due_date) for s in states] == expected
    for s in states:
        assert s.explanation
        assert bool(s.missing) == (s.status is MISSING)


def test_missing_documents_are_named_in_french() -> None:
    states = case_tranches(case(intermediate_sent_date=REPORT), P, date(2026, 3, 10))
    assert states[0].missing_documents == [
        "Lettre de commande signée (original et copie)",
        "Contrat d'accompagnement signé",
        "Bilan intermédiaire",
        "Feuille d'émargement du bilan intermédiaire",
    ]
    assert "Pièces manquantes : Lettre de commande" in states[0].explanation
    early = case_tranches(case(exit=cdi()), P, date(2026, 4, 20))[0]
    assert early.missing_documents == ["Copie du contrat de travail ou Promesse d'embauche"]


def test_invoice_details_are_kept() -> None:
    paid = record(T.T1, invoice_number="F-12", invoice_date=date(2026, 3, 12),
                  paid_date=date(2026, 4, 2))  # fmt: skip
    state = case_tranches(case(tranches=[paid]), P, date(2026, 4, 10))[0]
    assert (state.invoice_number, state.invoice_date, state.paid_date) == (
        "F-12", date(2026, 3, 12), date(2026, 4, 2),
    )  # fmt: skip
    assert state.month == "2026-04"
    assert "F-12" in state.explanation and "02/04/2026" in state.explanation


@pytest.mark.parametrize(
    ("doc_", "held"),
    [
        (doc(D.EMPLOYMENT_CONTRACT, received=date(2026, 5, 1)), True),
        (doc(D.EMPLOYMENT_CONTRACT, signed=date(2026, 5, 1)), False),  # not the office's own
        (doc(D.CONTRACT, signed=date(2026, 1, 7)), True),
        (doc(D.CONTRACT), False),  # printed or sent only
        (doc(D.FINAL_REPORT, received=date(2026, 6, 1)), False),  # received after today
    ],
)
def test_documents_held(doc_: Any, held: bool) -> None:
    assert (DocumentKind(doc_.kind) in documents_held([doc_], date(2026, 5, 15))) is held


@pytest.mark.parametrize(
    ("price", "t1", "t2", "t3"),
    [
        (185_000, 55_500, 111_000, 18_500),
        (100_001, 30_000, 60_001, 10_000),  # 30 000,3 → 30 000; 90 000,9 → 90 001
        (5, 2, 3, 0),  # 1,5 → 2; 4,5 → 5
        (1, 0, 1, 0),
        (0, 0, 0, 0),
    ],
)
def test_amounts(price: int, t1: int, t2: int, t3: int) -> None:
    assert tranche_amounts(price) == {T.T1: t1, T.T2: t2, T.T3: t3}


@given(st.integers(min_value=0, max_value=10**9))
def test_amounts_sum_to_price_and_stay_within_half_a_cent(price: int) -> None:
    amounts = tranche_amounts(price)
    assert sum(amounts.values()) == price
    for tranche, percent in ((T.T1, 30), (T.T2, 60), (T.T3, 10)):
        assert abs(amounts[tranche] * 100 - price * percent) <= 100


@given(st.integers(min_value=0, max_value=10**8), st.booleans())
def test_early_exit_never_pays_more_than_the_price(price: int, t1_paid: bool) -> None:
    tranches = [record(T.T1, invoice_number="F", paid_date=REPORT)] if t1_paid else []
    the_case = case(intermediate_sent_date=REPORT, exit=cdi(retained_at_3_months=True),
                    tranches=tranches)  # fmt: skip
    states = case_tranches(the_case, price, date(2026, 8, 1))
    assert sum(s.amount_cents for s in states) == price


def test_total_ready_to_invoice_by_month() -> None:
    march = case(intermediate_sent_date=REPORT, documents=T1_DOCS)
    april = case(exit=cdi(), documents=got(D.HIRING_PROMISE))
    missing = case(intermediate_sent_date=REPORT)
    today = date(2026, 4, 20)
    states = [s for c in (march, april, missing, march) for s in case_tranches(c, P, today)]
    assert ready_to_invoice_by_month(states) == {"2026-03": 111_000, "2026-04": 166_500}


@pytest.mark.parametrize(
    ("cents", "text"),
    [(185_000, "1 850,00 €"), (5, "0,05 €"), (123_456_789, "1 234 567,89 €"), (-150, "-1,50 €")],
)
def test_french_money(cents: int, text: str) -> None:
    assert french_money(cents) == text
