"""The Paiements page's services: every tranche as ``movdesk payments`` gives it, the
supporting documents ticked (audited, undoable), tranches invoiced and paid through
their transitions, the refusals in French, and the payment-request PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import main
from movdesk.errors import UserError
from movdesk.models import (
    AuditEntry,
    CaseDocument,
    ContractingResult,
    ContractType,
    DocumentKind,
    ExitReason,
    OfficeSettings,
    PaymentTranche,
    Tranche,
)
from movdesk.rules.payments import TrancheStatus
from movdesk.services import milestones as ms
from movdesk.services.checklist import read_checklist, record_received
from movdesk.services.context import Desk
from movdesk.services.errors import ValidationFailed
from movdesk.services.invoicing import (
    TranchePick,
    cancel_invoicing,
    cancel_payment,
    export_payment_request,
    invoice_tranches,
    record_payment,
)
from movdesk.services.payments import load_payment_book
from movdesk.services.undo import undo_last
from movdesk.store.engine import make_session_factory
from tests.reports.pdf_checks import assert_fonts_embedded
from tests.services.demo_office import DEMO_TODAY, demo_engine, demo_path  # noqa: F401

D = DocumentKind
T1_PAPERS = (D.ORDER_LETTER, D.CONTRACT, D.INTERMEDIATE_REPORT, D.INTERMEDIATE_ATTENDANCE)


# --- The whole office against the command line ------------------------------------------


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@pytest.fixture(scope="module")
def demo_desk(demo_engine: Engine) -> Desk:  # noqa: F811
    return Desk(make_session_factory(demo_engine), user="test", clock=lambda: DEMO_TODAY)


def test_every_tranche_as_the_command_line_gives_it(
    demo_desk: Desk, demo_path: Path, capsys: pytest.CaptureFixture[str]  # noqa: F811
) -> None:
    assert main(["--db", str(demo_path), "payments", "--format", "json",
                 "--today", DEMO_TODAY.isoformat()]) == 0  # fmt: skip
    expected = json.loads(capsys.readouterr().out)
    book = load_payment_book(demo_desk)
    shown = [
        {
            "order_number": line.case.order_number, "beneficiary": line.case.beneficiary,
            "tranche": line.state.tranche.value, "status": line.state.status.value,
            "amount_cents": line.state.amount_cents,
            "due_date": line.state.due_date.isoformat() if line.state.due_date else None,
            "month": line.state.month, "missing_documents": line.state.missing_documents,
            "invoice_number": line.state.invoice_number,
            "invoice_date": iso(line.state.invoice_date), "paid_date": iso(line.state.paid_date),
            "explanation": line.state.explanation,
        }
        for line in book.lines()
    ]  # fmt: skip
    assert shown == expected["tranches"]
    assert [{"month": m, "amount_cents": c} for m, c in book.ready_by_month().items()] == expected[
        "ready_to_invoice_by_month"
    ]
    statuses = {line.state.status for line in book.lines()}
    assert statuses == set(TrancheStatus)  # the demo has every status
    count, cents = book.ready_total()
    assert cents == sum(book.ready_by_month().values()) and count > 0


def test_the_forecast_holds_tranches_not_due_in_the_next_three_months(demo_desk: Desk) -> None:
    book = load_payment_book(demo_desk)
    assert book.forecast_until == date(2027, 1, 31)
    forecast = book.forecast()
    assert forecast
    due_now = {line.key: line.state.status for line in book.lines()}
    for line in forecast:
        assert due_now[(line.case.id, line.forecast.tranche.value)] is TrancheStatus.NOT_DUE
        assert DEMO_TODAY <= line.forecast.expected <= book.forecast_until
    by_month = book.forecast_by_month()
    assert list(by_month) == ["2026-11", "2026-12", "2027-01"]
    assert sum(c for c, _ in by_month.values()) == len(forecast)
    assert sum(a for _, a in by_month.values()) == sum(f.forecast.amount_cents for f in forecast)


def test_invoices_group_their_tranches(demo_desk: Desk) -> None:
    book = load_payment_book(demo_desk)
    invoices = book.invoices()
    assert invoices and invoices == sorted(invoices, key=lambda i: i.invoice_date, reverse=True)
    first = invoices[0]
    assert book.invoice(first.number) == first
    assert first.total_cents == sum(line.state.amount_cents for line in first.lines)
    assert all(line.state.invoice_number == first.number for line in first.lines)
    assert book.invoice("nothing-like-it") is None


def test_reloading_some_cases_keeps_the_rest(demo_desk: Desk) -> None:
    book = load_payment_book(demo_desk)
    before = book.lines()
    some = [before[0].case.id, before[-1].case.id]
    book.reload_cases(demo_desk, some)
    assert [(l.key, l.state) for l in book.lines()] == [(l.key, l.state) for l in before]  # noqa: E741


# --- One case through its transitions ---------------------------------------------------

PRICE = 185_000
SIGNED_ON = date(2026, 1, 7)
REPORT_SENT = date(2026, 2, 27)


@pytest.fixture
def priced(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        session.add(OfficeSettings(id=1, name="Bureau Test", address="1 rue A\n59000 Lille",
                                   siret="12345678901234", market_number="MOV-59-LOT 1",
                                   price_per_case_cents=PRICE))  # fmt: skip
        session.commit()


@pytest.fixture
def signed(desk: Desk, case_id: int, priced: None) -> int:
    ms.record_contracting(desk, case_id, on=SIGNED_ON, result=ContractingResult.SIGNED)
    return case_id


def t1_status(desk: Desk, case_id: int) -> TrancheStatus:
    book = load_payment_book(desk)
    return next(s.status for s in book.states(case_id) if s.tranche is Tranche.T1)


def tick_t1_papers(desk: Desk, case_id: int) -> None:
    for kind in T1_PAPERS:
        record_received(desk, case_id, kind, date(2026, 3, 1))


def test_a_tranche_goes_from_not_due_to_paid(desk: Desk, signed: int, session: Session) -> None:
    assert t1_status(desk, signed) is TrancheStatus.NOT_DUE
    ms.mark_sent(desk, signed, ms.Dispatch.INTERMEDIATE_REPORT, on=REPORT_SENT)
    assert t1_status(desk, signed) is TrancheStatus.DUE_MISSING_DOCUMENTS
    tick_t1_papers(desk, signed)
    assert t1_status(desk, signed) is TrancheStatus.READY_TO_INVOICE
    pick = [TranchePick(signed, Tranche.T1)]
    assert invoice_tranches(desk, pick, " F-2026-03 ", date(2026, 3, 2)) == 1
    assert t1_status(desk, signed) is TrancheStatus.INVOICED
    record = session.scalars(select(PaymentTranche)).one()
    assert (record.invoice_number, record.invoice_date, record.amount_cents) == (
        "F-2026-03", date(2026, 3, 2), 55_500)
    assert record_payment(desk, pick, date(2026, 3, 2)) == 1
    assert t1_status(desk, signed) is TrancheStatus.PAID
    # Back again, one step at a time.
    cancel_payment(desk, pick)
    assert t1_status(desk, signed) is TrancheStatus.INVOICED
    cancel_invoicing(desk, pick)
    assert t1_status(desk, signed) is TrancheStatus.READY_TO_INVOICE
    session.expire_all()
    assert session.scalars(select(PaymentTranche)).all() == []


def test_ticking_a_document_is_audited_and_undone(
    desk: Desk, signed: int, session: Session
) -> None:
    record_received(desk, signed, D.EMPLOYMENT_CONTRACT, date(2026, 2, 20))
    document = session.scalars(select(CaseDocument)).one()
    assert (document.kind, document.received_on) == (D.EMPLOYMENT_CONTRACT, date(2026, 2, 20))
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "document")).one()
    assert entry.user == "claire" and entry.case_id == signed
    assert entry.summary == "Copie du contrat de travail : original reçu le 20/02/2026"
    assert undo_last(desk) == "Pièce justificative reçue"
    session.expire_all()
    assert session.scalars(select(CaseDocument)).all() == []
    # Untick: the receipt goes; a record that also says it was signed stays.
    session.add(CaseDocument(case_id=signed, kind=D.INTERMEDIATE_REPORT,
                             signed_on=date(2026, 2, 26), received_on=date(2026, 2, 27)))
    session.commit()
    record_received(desk, signed, D.INTERMEDIATE_REPORT, None)
    session.expire_all()
    kept = session.scalars(select(CaseDocument)).one()
    assert (kept.signed_on, kept.received_on) == (date(2026, 2, 26), None)
    assert undo_last(desk) == "Réception d'une pièce effacée"
    session.expire_all()
    assert session.scalars(select(CaseDocument)).one().received_on == date(2026, 2, 27)


def test_the_checklist_says_what_is_held_and_what_for(desk: Desk, signed: int) -> None:
    record_received(desk, signed, D.ORDER_LETTER, date(2026, 1, 2))
    with desk.action("test") as work:
        work.session.add(CaseDocument(case_id=signed, kind=D.CONTRACT, signed_on=SIGNED_ON))
    checklist = read_checklist(desk, signed)
    kinds = [item.kind for item in checklist.items]
    assert kinds == [*T1_PAPERS, D.FINAL_REPORT, D.FINAL_ATTENDANCE]
    letter, contract = checklist.item(D.ORDER_LETTER), checklist.item(D.CONTRACT)
    assert (letter.held, letter.received_on, letter.needed_for) == (True, date(2026, 1, 2),
                                                                    "Tranche 1")  # fmt: skip
    assert contract.held and contract.by_signature and contract.signed_on == SIGNED_ON
    assert not checklist.item(D.FINAL_REPORT).held
    assert checklist.item(D.FINAL_REPORT).needed_for == "Tranche 2"


def test_the_checklist_of_a_positive_job_exit(desk: Desk, signed: int) -> None:
    job = ms.ExitInput(date(2026, 2, 16), ExitReason.EMPLOYMENT,
                       employment_contract=ContractType.CDI, employment_full_time=True)
    ms.record_exit(desk, signed, job)
    needs = {item.kind: item.needed_for for item in read_checklist(desk, signed).items}
    assert needs[D.EMPLOYMENT_CONTRACT] == (
        "Sortie anticipée (T1 + T2) (ou promesse d'embauche) ; Tranche 3"
    )
    assert needs[D.HIRING_PROMISE] == (
        "Sortie anticipée (T1 + T2) (ou copie du contrat de travail)"
    )
    assert needs[D.PAYSLIP_OR_PRESENCE] == "Tranche 3"


def test_a_receipt_after_today_is_refused(desk: Desk, signed: int) -> None:
    with pytest.raises(ValidationFailed) as refused:
        record_received(desk, signed, D.CONTRACT, date(2026, 3, 3))
    assert refused.value.problems[0].field == "received_on"
    assert "ne peut pas être après aujourd'hui (02/03/2026)" in refused.value.problems[0].message


def ready_t1(desk: Desk, case_id: int) -> list[TranchePick]:
    ms.mark_sent(desk, case_id, ms.Dispatch.INTERMEDIATE_REPORT, on=REPORT_SENT)
    tick_t1_papers(desk, case_id)
    return [TranchePick(case_id, Tranche.T1)]


@pytest.mark.parametrize(
    ("number", "on", "field", "words"),
    [
        ("", date(2026, 3, 2), "invoice_number", "le numéro de facture est obligatoire"),
        ("F" * 51, date(2026, 3, 2), "invoice_number", "au plus 50 caractères (ici 51)"),
        ("F-1\nF-2", date(2026, 3, 2), "invoice_number", "caractère de contrôle"),
        ("F-1", date(2026, 3, 3), "invoice_date", "ne peut pas être après aujourd'hui"),
        ("F-1", date(2026, 2, 26), "invoice_date", "précède l'échéance de la tranche "
                                                   "(dossier LC-2026-000123, T1 : 27/02/2026)"),
    ],
)
def test_bad_invoices_are_refused_and_change_nothing(
    desk: Desk, signed: int, session: Session, number: str, on: date, field: str, words: str
) -> None:
    picks = ready_t1(desk, signed)
    with pytest.raises(ValidationFailed) as refused:
        invoice_tranches(desk, picks, number, on)
    assert refused.value.problems[0].field == field
    assert words in refused.value.problems[0].message
    assert session.scalars(select(PaymentTranche)).all() == []


def test_a_tranche_missing_documents_cannot_be_invoiced(desk: Desk, signed: int) -> None:
    ms.mark_sent(desk, signed, ms.Dispatch.INTERMEDIATE_REPORT, on=REPORT_SENT)
    record_received(desk, signed, D.ORDER_LETTER, date(2026, 3, 1))
    with pytest.raises(ValidationFailed) as refused:
        invoice_tranches(desk, [TranchePick(signed, Tranche.T1)], "F-1", date(2026, 3, 2))
    problem = refused.value.problems[0]
    assert problem.field == "tranches[0]"
    assert problem.message.startswith(
        "dossier LC-2026-000123, T1 : la tranche n'est pas prête à facturer (due, pièces "
        "manquantes : Contrat d'accompagnement signé ; Bilan intermédiaire"
    )
    with pytest.raises(ValidationFailed, match="(?i)aucune tranche n'est sélectionnée"):
        invoice_tranches(desk, [], "F-1", date(2026, 3, 2))


def test_an_invoice_number_keeps_its_date_and_payments_follow_invoices(
    desk: Desk, signed: int
) -> None:
    picks = ready_t1(desk, signed)
    with desk.action("test") as work:
        work.session.add(PaymentTranche(case_id=signed, tranche=Tranche.T3,
                                        invoice_number="F-9", invoice_date=date(2026, 2, 28)))
    with pytest.raises(ValidationFailed, match="(?i)la facture n° F-9 existe déjà, datée du 28/02"):
        invoice_tranches(desk, picks, "F-9", date(2026, 3, 2))
    invoice_tranches(desk, picks, "F-10", date(2026, 3, 1))
    with pytest.raises(ValidationFailed, match=r"(?i)précède la facture \(dossier LC-2026"):
        record_payment(desk, picks, date(2026, 2, 28))
    with pytest.raises(ValidationFailed, match="(?i)la tranche n'est pas payée"):
        cancel_payment(desk, picks)
    record_payment(desk, picks, date(2026, 3, 2))
    with pytest.raises(ValidationFailed, match="(?i)seule une tranche facturée et non payée"):
        cancel_invoicing(desk, picks)
    with pytest.raises(ValidationFailed, match="(?i)n'est pas facturée en attente"):
        record_payment(desk, picks, date(2026, 3, 2))


def test_invoicing_is_undone(desk: Desk, signed: int) -> None:
    picks = ready_t1(desk, signed)
    invoice_tranches(desk, picks, "F-11", date(2026, 3, 2))
    assert undo_last(desk) == "Facturer des tranches"
    assert t1_status(desk, signed) is TrancheStatus.READY_TO_INVOICE


def test_the_payment_request_lists_the_invoice(desk: Desk, signed: int, tmp_path: Path) -> None:
    picks = ready_t1(desk, signed)
    invoice_tranches(desk, picks, "F-2026-03", date(2026, 3, 2))
    out = tmp_path / "demande.pdf"
    assert export_payment_request(desk, str(out), "F-2026-03") == 1
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    flat = " ".join(text.split())
    for words in ("Bureau Test", "SIRET 12345678901234", "Marché n° MOV-59-LOT 1",
                  "Demande de paiement", "Facture n° F-2026-03 du 02/03/2026",
                  "LC-2026-000123", "DURAND Sophie", "05/01/2026", "Tranche 1 (30 %)",
                  "Total HT", "Page 1 / 1"):  # fmt: skip
        assert words in flat, words
    assert "555,00" in flat and "Montant total demandé : 555,00" in flat
    assert_fonts_embedded(out.read_bytes())
    with pytest.raises(UserError, match="(?i)aucune tranche n'est enregistrée sous la facture"):
        export_payment_request(desk, str(out), "X")


def test_a_very_large_action_is_not_offered_to_ctrl_z(desk: Desk, signed: int) -> None:
    from movdesk.models import AuditAction
    from movdesk.services.context import ActionRecord, RowChange
    from movdesk.services.undo import MAX_UNDO_ROWS, undo_label

    rows = tuple(RowChange(AuditAction.CREATE, PaymentTranche, n, signed, None, {})
                 for n in range(MAX_UNDO_ROWS + 1))  # fmt: skip
    desk.last_undoable = ActionRecord("Facturer des tranches", rows)
    assert undo_label(desk) is None
    with pytest.raises(UserError, match="Annuler la facture"):
        undo_last(desk)
