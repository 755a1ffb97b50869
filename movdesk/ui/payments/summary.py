"""The three tables under the tranche list: ready to invoice by month, the forecast of
the next three months (a forecast, said so), and the invoices recorded."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...services.invoicing import SHORT_NAMES
from ...services.payments import ForecastLine, Invoice, PaymentBook
from ..casefile.table import Column, RowsModel, make_table, selected_row
from ..casefile.text import short_date
from ..formatting import format_count, format_euros
from ..reporting import month_title

FORECAST_NOTE = (
    "<b>Prévision</b> — ces tranches ne sont pas encore dues : elles le deviendront si les "
    "dossiers se poursuivent comme prévu (bilan intermédiaire envoyé à S + 2 mois, fin du "
    "6e mois ou fin à terme, maintien dans l'emploi à 3 mois). Rien ici n'est à facturer."
)


class PaymentSummaries(QTabWidget):
    """Ready to invoice by month, the forecast, the invoices."""

    #: Asked for the payment request of this invoice number.
    request_asked = Signal(str)
    #: Asked to record the payment of this invoice number.
    payment_asked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentSummaries")
        self.ready: RowsModel[tuple[str, int]] = RowsModel(
            [
                Column("Mois de l'échéance", lambda r: month_title(r[0])),
                Column("Prêt à facturer (HT)", lambda r: format_euros(r[1]), right=True),
            ],
            self,
        )
        ready_view = make_table(self.ready, self, "readyByMonth")
        self.addTab(ready_view, "Prêt à facturer par &mois")
        self.addTab(self._forecast_tab(), "&Prévision (3 mois)")
        self.addTab(self._invoices_tab(), "Fact&ures")

    def _forecast_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        note = QLabel(FORECAST_NOTE, tab)
        note.setObjectName("forecastNote")
        note.setWordWrap(True)
        note.setStyleSheet("QLabel#forecastNote { background: #eef2f7; padding: 4px; }")
        layout.addWidget(note)
        row = QHBoxLayout()
        self.forecast_months: RowsModel[tuple[str, int, int]] = RowsModel(
            [
                Column("Mois", lambda r: month_title(r[0])),
                Column("Tranches prévues", lambda r: format_count(r[1]), right=True),
                Column("Montant prévu (HT)", lambda r: format_euros(r[2]), right=True),
            ],
            tab,
        )
        row.addWidget(make_table(self.forecast_months, tab, "forecastByMonth"), 2)
        self.forecast_lines: RowsModel[ForecastLine] = RowsModel(
            [
                Column("Date prévue", lambda f: short_date(f.forecast.expected)),
                Column("Dossier", lambda f: f.case.order_number),
                Column("Bénéficiaire", lambda f: f.case.beneficiary),
                Column("Tranche", lambda f: SHORT_NAMES[f.forecast.tranche]),
                Column("Montant", lambda f: format_euros(f.forecast.amount_cents), right=True),
                Column("Si…", lambda f: f.forecast.reason),
            ],
            tab,
        )
        row.addWidget(make_table(self.forecast_lines, tab, "forecastLines"), 5)
        layout.addLayout(row, 1)
        return tab

    def _invoices_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QHBoxLayout(tab)
        self.invoices: RowsModel[Invoice] = RowsModel(
            [
                Column("N° de facture", lambda i: i.number),
                Column("Date", lambda i: short_date(i.invoice_date)),
                Column("Tranches", lambda i: format_count(len(i.lines)), right=True),
                Column("Payées", lambda i: format_count(i.paid_count), right=True),
                Column("Total HT", lambda i: format_euros(i.total_cents), right=True),
            ],
            tab,
        )
        self.invoice_view = make_table(self.invoices, tab, "invoiceTable")
        layout.addWidget(self.invoice_view, 1)
        buttons = QVBoxLayout()
        self.request_button = QPushButton("&Demande de paiement (PDF)…", tab)
        self.request_button.setObjectName("invoiceRequest")
        self.request_button.clicked.connect(lambda: self._ask(self.request_asked))
        self.pay_button = QPushButton("Enregistrer le &paiement de la facture…", tab)
        self.pay_button.setObjectName("invoicePaid")
        self.pay_button.clicked.connect(lambda: self._ask(self.payment_asked))
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.pay_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return tab

    def _ask(self, signal: Signal) -> None:
        invoice = selected_row(self.invoice_view)
        if isinstance(invoice, Invoice):
            signal.emit(invoice.number)  # type: ignore[attr-defined]

    def show_book(self, book: PaymentBook) -> None:
        self.ready.set_rows(list(book.ready_by_month().items()))
        self.forecast_months.set_rows(
            [(month, count, cents) for month, (count, cents) in book.forecast_by_month().items()]
        )
        self.forecast_lines.set_rows(book.forecast())
        self.invoices.set_rows(book.invoices())
