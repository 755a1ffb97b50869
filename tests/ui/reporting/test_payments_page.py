"""The Paiements page: the whole office as ``movdesk payments`` lists it, and one case
taken through every status from the page — documents ticked in its checklist (and
undone), invoiced, paid — with the refusals in French and the payment request."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import main
from movdesk.models import Civility, ContractingResult, DocumentKind, OfficeSettings, Tranche
from movdesk.rules.payments import TrancheStatus
from movdesk.services import milestones as ms
from movdesk.services.context import Desk
from movdesk.services.orders import BeneficiaryInput, add_referent, register_order
from movdesk.services.undo import undo_last
from movdesk.ui.pages.base import PageContext
from movdesk.ui.payments.page import PaymentsPage
from tests.services.demo_office import DEMO_TODAY

pytestmark = pytest.mark.gui

D = DocumentKind
T1_PAPERS = (D.ORDER_LETTER, D.CONTRACT, D.INTERMEDIATE_REPORT, D.INTERMEDIATE_ATTENDANCE)


def open_page(qtbot: QtBot, context: PageContext) -> PaymentsPage:
    page = PaymentsPage(context)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    with qtbot.waitSignal(page.book_shown, timeout=30_000):
        page.refresh()
    return page


# --- The demo office --------------------------------------------------------------------


def test_the_page_lists_what_the_command_line_lists(
    qtbot: QtBot, demo_context: PageContext, demo_path: Path, save_to: Callable[[str], Path],
    capsysbinary: pytest.CaptureFixture[bytes], told: list,
) -> None:  # fmt: skip
    page = open_page(qtbot, demo_context)
    assert page.model.rowCount() == len(page.book.lines())
    assert "Prêt à facturer" in page.summary.text()
    month = "2026-10"
    page.month_filter.setCurrentIndex(page.month_filter.findData(month))
    shown = [(line.case.order_number, line.state.tranche.value, line.state.status.value)
             for line in page.model.lines()]  # fmt: skip
    args = ["--db", str(demo_path), "payments", "--today", DEMO_TODAY.isoformat(),
            "--month", month]  # fmt: skip
    assert main([*args, "--format", "json"]) == 0
    expected = json.loads(capsysbinary.readouterr().out)["tranches"]
    listed = [(t["order_number"], t["tranche"], t["status"]) for t in expected]
    assert sorted(shown) == sorted(listed)
    # The list exported is the command line's CSV for the same month, whatever the sort.
    page.model.sort(1)
    target = save_to("tranches.csv")
    page.export_list()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert main([*args, "--format", "csv"]) == 0
    assert target.read_bytes() == capsysbinary.readouterr().out


def test_filters_by_status_referent_and_words(qtbot: QtBot, demo_context: PageContext) -> None:
    page = open_page(qtbot, demo_context)
    ready = page.status_filter.findData(TrancheStatus.READY_TO_INVOICE.value)
    page.status_filter.setCurrentIndex(ready)
    assert page.model.rowCount() == page.book.ready_total()[0]
    assert {line.state.status for line in page.model.lines()} == {
        TrancheStatus.READY_TO_INVOICE
    }
    page.referent_filter.setCurrentIndex(1)
    referent = page.referent_filter.currentData()
    assert {line.case.referent_id for line in page.model.lines()} <= {referent}
    page.status_filter.setCurrentIndex(0)
    page.referent_filter.setCurrentIndex(0)
    name = page.book.lines()[0].case.beneficiary.split()[0]
    page.search.setText(name.lower())
    qtbot.waitUntil(lambda: page.model.rowCount() < len(page.book.lines()), timeout=5_000)
    assert all(name in line.case.beneficiary.upper() for line in page.model.lines())
    assert page.count.text().startswith(f"{page.model.rowCount()}")


# --- One case through every status ------------------------------------------------------

TODAY = date(2026, 3, 2)


@pytest.fixture
def case_page(
    qtbot: QtBot, session_factory: sessionmaker[Session], db_location: object
) -> tuple[PaymentsPage, Desk, int]:
    with session_factory() as session:
        session.add(OfficeSettings(id=1, name="Bureau Test", market_number="MOV-59",
                                   price_per_case_cents=185_000))  # fmt: skip
        session.commit()
    desk = Desk(session_factory, user="claire", clock=lambda: TODAY)
    referent = add_referent(desk, "Claire Martin")
    case_id = register_order(
        desk, order_number="LC-2026-000123", referent_id=referent,
        start_date=date(2026, 1, 5), end_date=date(2026, 7, 3),
        beneficiary=BeneficiaryInput(last_name="Durand", first_name="Sophie", pe_id="1234567A",
                                     civility=Civility.MME),
    )  # fmt: skip
    ms.record_contracting(desk, case_id, on=date(2026, 1, 7), result=ContractingResult.SIGNED)
    context = PageContext(session_factory, db_location, False, desk)  # type: ignore[arg-type]
    page = open_page(qtbot, context)
    return page, desk, case_id


def t1_row(page: PaymentsPage) -> int:
    for row, line in enumerate(page.model.lines()):
        if line.state.tranche is Tranche.T1:
            return row
    raise AssertionError("no T1 listed")


def t1_status(page: PaymentsPage) -> TrancheStatus:
    return page.model.line(t1_row(page)).state.status


def test_a_tranche_through_every_status_from_the_page(
    qtbot: QtBot, case_page: tuple[PaymentsPage, Desk, int], told: list,
    save_to: Callable[[str], Path],
) -> None:  # fmt: skip
    page, desk, case_id = case_page
    assert t1_status(page) is TrancheStatus.NOT_DUE
    ms.mark_sent(desk, case_id, ms.Dispatch.INTERMEDIATE_REPORT, on=date(2026, 2, 27))
    assert t1_status(page) is TrancheStatus.DUE_MISSING_DOCUMENTS  # the page heard the change
    page.table.selectRow(t1_row(page))
    panel = page.checklist
    assert panel.case_id() == case_id
    assert "Pièces du dossier LC-2026-000123" in panel.heading.text()
    assert "Tranche 1 — 30 % : Contrat signé et bilan intermédiaire envoyé le 27/02/2026" in (
        panel.explanations.text())
    panel.received_on.set_value(date(2026, 3, 1))
    for kind in T1_PAPERS:
        assert panel.set_received(kind, True)
    assert t1_status(page) is TrancheStatus.READY_TO_INVOICE
    assert panel.checklist.item(D.CONTRACT).received_on == date(2026, 3, 1)
    # Undo the last tick: the tranche misses a document again; tick it once more.
    assert undo_last(desk) == "Pièce justificative reçue"
    assert t1_status(page) is TrancheStatus.DUE_MISSING_DOCUMENTS
    assert not panel.checklist.item(D.INTERMEDIATE_ATTENDANCE).held
    assert panel.set_received(D.INTERMEDIATE_ATTENDANCE, True)

    page.table.selectRow(t1_row(page))
    dialog = page.invoice_selection()
    assert dialog is not None
    summary = dialog.findChild(QLabel, "invoiceSummary").text().replace("\u202f", " ")
    assert summary.startswith("1 tranche pour un total de 555,00")
    dialog.number.setText("")
    dialog.accept()
    assert dialog.isVisible() and "obligatoire" in dialog.error_text("invoice_number")
    dialog.number.setText("F-2026-03")
    dialog.on.set_value(date(2026, 3, 2))
    dialog.accept()
    assert not dialog.isVisible()
    assert t1_status(page) is TrancheStatus.INVOICED
    invoices = page.summaries.invoices.rows()
    assert [(i.number, i.total_cents) for i in invoices] == [("F-2026-03", 55_500)]

    target = save_to("demande.pdf")
    page.table.selectRow(t1_row(page))
    page.selection_request()
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "facture n° F-2026-03" in text and "LC-2026-000123" in text and "555,00" in text

    page.table.selectRow(t1_row(page))
    paid = page.record_selection_payment()
    assert paid is not None
    paid.on.set_value(date(2026, 3, 1))  # before the invoice: refused under the field
    paid.accept()
    assert paid.isVisible() and "précède la facture" in paid.error_text("paid_date")
    paid.on.set_value(TODAY)
    paid.accept()
    assert t1_status(page) is TrancheStatus.PAID
    assert page.model.line(t1_row(page)).state.paid_date == TODAY


def test_a_tick_refused_goes_back(
    case_page: tuple[PaymentsPage, Desk, int], told: list
) -> None:
    page, _desk, case_id = case_page
    page.table.selectRow(t1_row(page))
    panel = page.checklist
    panel.received_on.set_value(TODAY + timedelta(days=1))
    assert not panel.set_received(D.CONTRACT, True)
    assert told == [("warning", "La date de réception ne peut pas être après aujourd'hui "
                                "(02/03/2026).")]  # fmt: skip
    assert not panel.checklist.item(D.CONTRACT).held


def test_nothing_selected_is_said(case_page: tuple[PaymentsPage, Desk, int], told: list) -> None:
    page, _desk, _case_id = case_page
    page.table.clearSelection()
    assert page.invoice_selection() is None
    assert told and "Sélectionnez d'abord" in told[-1][1]


def test_the_invoice_button_opens_the_form(
    qtbot: QtBot, case_page: tuple[PaymentsPage, Desk, int]
) -> None:
    from PySide6.QtCore import Qt

    from movdesk.ui.payments.dialogs import InvoiceDialog

    page, _desk, _case_id = case_page
    page.table.selectRow(t1_row(page))
    qtbot.mouseClick(page.invoiceButton, Qt.MouseButton.LeftButton)
    dialog = page.findChild(InvoiceDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.number.text() == "FA-2026-03"
    dialog.reject()
