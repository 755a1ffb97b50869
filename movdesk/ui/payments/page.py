"""The « Paiements » page: every tranche of every signed case, the documents each case
still misses, the invoicing and the payments (MOV-RULES.md section 5).

The whole office's tranches are worked out in a worker when the page comes forward
(:func:`movdesk.services.payments.load_payment_book`); after an action (a document
ticked, tranches invoiced or paid, or any change to a case in another window) only the
cases concerned are worked out again, and the list keeps its place and its selection.
Filters (status, month, referent, words) and sorting apply to what was read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyle,
    QWidget,
)

from ...errors import UserError
from ...reports.csv_export import EXCEL
from ...reports.payments_csv import payments_csv
from ...rules.payments import TrancheStatus
from ...services.context import Desk
from ...services.events import Change
from ...services.exports import write_file
from ...services.invoicing import (
    TranchePick,
    cancel_invoicing,
    cancel_payment,
    export_payment_request,
)
from ...services.lookups import referent_choices
from ...services.payments import (
    PaymentBook,
    TrancheFilter,
    TrancheLine,
    filter_lines,
    load_payment_book,
)
from ..casefile.text import short_date
from ..formatting import format_count, format_euros, plural
from ..pages.base import Page, PageContext
from ..relay import ChangeRelay
from ..reporting import Loader, ask_save_path, month_title
from ..reporting.background import run_with_progress
from ..reporting.view import read_only_table
from ..worker import Worker
from .checklist import ChecklistPanel
from .dialogs import InvoiceDialog, PaymentDialog
from .model import LINE_ROLE, Column, TrancheTableModel
from .summary import PaymentSummaries

ALL = "Tous"
SEARCH_PLACEHOLDER = "Rechercher : n° de commande ou nom"
#: Pause after the last keystroke before filtering, in milliseconds.
SEARCH_DELAY_MS = 200
_WIDTHS = {Column.ORDER: 118, Column.BENEFICIARY: 150, Column.TRANCHE: 52,
           Column.STATUS: 170, Column.AMOUNT: 95, Column.DUE: 80, Column.MISSING: 220,
           Column.INVOICE: 150, Column.PAID: 80}  # fmt: skip


class PaymentsPage(Page):
    TITLE = "Paiements"
    ICON = "payments"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DriveHDIcon

    #: The user asked for a case file (double click on a tranche, or the checklist).
    open_case_requested = Signal(int)
    #: The tranches of the whole office are on screen (after a read).
    book_shown = Signal(object)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.desk = context.desk
        self.book: PaymentBook | None = None
        self._jobs: set[Worker] = set()
        self.summary = QLabel("Lecture des tranches de paiement…", self)
        self.summary.setObjectName("paymentsSummary")
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        self.body.addLayout(self._build_filters())
        self.body.addLayout(self._build_actions())

        self.model = TrancheTableModel(self)
        self.table = read_only_table(self, "trancheTable", self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSortIndicator(Column.STATUS, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._open_line)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._on_selection())

        self.checklist = ChecklistPanel(self.desk, self)
        self.checklist.open_case_requested.connect(self.open_case_requested)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setObjectName("paymentsSplit")
        split.addWidget(self.table)
        split.addWidget(self.checklist)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([560, 420])
        self.summaries = PaymentSummaries(self)
        self.summaries.request_asked.connect(self.payment_request)
        self.summaries.payment_asked.connect(self.record_invoice_payment)
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        vertical.addWidget(split)
        vertical.addWidget(self.summaries)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 1)
        self.body.addWidget(vertical, 1)

        self.loader = Loader(self)
        self.loader.loaded.connect(self._show_book)
        self.loader.failed.connect(self.summary.setText)
        self._relay = ChangeRelay(self.desk, self)
        self._relay.changed.connect(self._on_change)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem("Tous les statuts", None)
        for status in (TrancheStatus.READY_TO_INVOICE, TrancheStatus.DUE_MISSING_DOCUMENTS,
                       TrancheStatus.INVOICED, TrancheStatus.PAID, TrancheStatus.NOT_DUE):
            self.status_filter.addItem(status.label, status.value)  # fmt: skip
        self.month_filter = QComboBox(self)
        self.month_filter.setObjectName("monthFilter")
        self.month_filter.setToolTip("Tranches dues, facturées ou payées dans le mois "
                                     "(comme movdesk payments --month)")  # fmt: skip
        self.month_filter.addItem("Tous les mois", None)
        self.referent_filter = QComboBox(self)
        self.referent_filter.setObjectName("paymentReferentFilter")
        self.referent_filter.addItem("Tous les référents", None)
        self.search = QLineEdit(self)
        self.search.setObjectName("paymentSearch")
        self.search.setPlaceholderText(SEARCH_PLACEHOLDER)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        shrink = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        for combo in (self.status_filter, self.month_filter, self.referent_filter):
            combo.setSizeAdjustPolicy(shrink)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        for text, widget in (("&Statut :", self.status_filter), ("M&ois :", self.month_filter),
                             ("Ré&férent :", self.referent_filter)):  # fmt: skip
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(self.search, 1)
        self.count = QLabel(self)
        self.count.setObjectName("trancheCount")
        row.addWidget(self.count)
        return row

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        buttons = (
            ("invoiceButton", "&Facturer…", self.invoice_selection,
             "Enregistrer les tranches sélectionnées (prêtes à facturer) sous un n° de facture"),
            ("paidButton", "&Payées le…", self.record_selection_payment,
             "Enregistrer la date de paiement des tranches facturées sélectionnées"),
            ("cancelInvoiceButton", "Annuler la facture", self.cancel_selection_invoice,
             "Remettre les tranches facturées (non payées) à facturer"),
            ("cancelPaymentButton", "Annuler le paiement", self.cancel_selection_payment,
             "Remettre les tranches payées à l'état facturé"),
            ("requestButton", "&Demande de paiement…", self.selection_request,
             "La demande de paiement de la facture de la tranche sélectionnée"),
            ("exportButton", "E&xporter (CSV)…", self.export_list,
             "Les tranches affichées, au format CSV pour Excel"),
        )  # fmt: skip
        for name, text, slot, tip in buttons:
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            setattr(self, name, button)
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Work out every tranche again (in the worker).

        The tranches already shown stay on screen meanwhile: they are current, since the
        page hears every change made in this program; the read catches a new day and
        what another program wrote.
        """
        self._fill_referents()
        desk = self.desk
        if self.book is None:
            self.summary.setText("Calcul des tranches de paiement de tous les dossiers…")
        self.loader.load(lambda: load_payment_book(desk))

    def busy(self) -> bool:
        """The tranches are being worked out."""
        return self.loader.busy()

    def _fill_referents(self) -> None:
        current = self.referent_filter.currentData()
        self.referent_filter.blockSignals(True)
        try:
            self.referent_filter.clear()
            self.referent_filter.addItem("Tous les référents", None)
            for choice in referent_choices(self.desk, active_only=False):
                self.referent_filter.addItem(choice.label, choice.id)
            self.referent_filter.setCurrentIndex(max(self.referent_filter.findData(current), 0))
        finally:
            self.referent_filter.blockSignals(False)

    def _show_book(self, book: PaymentBook) -> None:
        self.book = book
        self._fill_months()
        self._show_totals()
        self.apply_filters()
        self.summaries.show_book(book)
        self.book_shown.emit(book)

    def _fill_months(self) -> None:
        assert self.book is not None
        current = self.month_filter.currentData()
        self.month_filter.blockSignals(True)
        try:
            self.month_filter.clear()
            self.month_filter.addItem("Tous les mois", None)
            for month in self.book.months():
                self.month_filter.addItem(month_title(month), month)
            self.month_filter.setCurrentIndex(max(self.month_filter.findData(current), 0))
        finally:
            self.month_filter.blockSignals(False)

    def _show_totals(self) -> None:
        assert self.book is not None
        count, cents = self.book.ready_total()
        price = self.book.price_cents
        text = (
            f"<b>Prêt à facturer : {plural(count, 'tranche')}, {format_euros(cents)} HT</b> — "
            f"situation au {short_date(self.book.today)} ; prix de la prestation "
            f"{format_euros(price)} HT."
        )
        if price == 0:
            text += (" <span style='color:#b3261e'>Le prix de la prestation n'est pas "
                     "renseigné (Paramètres) : les montants sont à 0.</span>")  # fmt: skip
        self.summary.setText(text)

    def current_filter(self) -> TrancheFilter:
        status = self.status_filter.currentData()
        referent = self.referent_filter.currentData()
        return TrancheFilter(
            status=TrancheStatus(status) if status else None,
            month=self.month_filter.currentData() or None,
            referent_id=referent if isinstance(referent, int) else None,
            text=self.search.text(),
        )

    def apply_filters(self) -> None:
        """List the tranches the filters keep, keeping the selected ones selected."""
        if self.book is None:
            return
        kept_keys = [line.key for line in self.selected_lines()]
        lines = filter_lines(self.book, self.current_filter())
        self.model.set_lines(lines)
        total = len(self.book.lines())
        shown = f"{format_count(len(lines))} / {format_count(total)} tranches"
        self.count.setText(shown)
        self.select_keys(kept_keys)
        self._on_selection()

    # -- selection -------------------------------------------------------------------------

    def selected_lines(self) -> list[TrancheLine]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = sorted(index.row() for index in model.selectedRows())
        return [self.model.line(row) for row in rows if row < self.model.rowCount()]

    def select_keys(self, keys: Sequence[tuple[int, str]]) -> None:
        """Select the lines of ``keys`` that are listed (the first one made current)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        wanted = set(keys)
        first = None
        for row, line in enumerate(self.model.lines()):
            if line.key in wanted:
                index = self.model.index(row, 0)
                flags = (QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
                selection.select(index, flags)
                first = index if first is None else first
        if first is not None:
            selection.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(first)

    def selected_case_id(self) -> int | None:
        """The case of the current tranche (Entrée, Ctrl+E from the main window)."""
        lines = self.selected_lines()
        return lines[0].case.id if lines else None

    def _on_selection(self) -> None:
        lines = self.selected_lines()
        case_id = lines[0].case.id if lines else None
        if case_id == self.checklist.case_id() and case_id is not None:
            return
        texts = []
        if case_id is not None and self.book is not None:
            texts = [f"{s.tranche.label} : {s.explanation}" for s in self.book.states(case_id)]
        self.checklist.show_case(case_id, texts)

    def _open_line(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if isinstance(line, TrancheLine):
            self.open_case_requested.emit(line.case.id)

    # -- changes ---------------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if self.book is None:
            return
        if not change.case_ids:
            # An import, the office's price: every tranche may change.
            self.refresh()
            return
        self.book.reload_cases(self.desk, change.case_ids)
        self._fill_months()
        self._show_totals()
        self.apply_filters()
        self.summaries.show_book(self.book)
        case_id = self.checklist.case_id()
        if case_id is not None and case_id in change.case_ids:
            texts = [f"{s.tranche.label} : {s.explanation}" for s in self.book.states(case_id)]
            self.checklist.show_case(case_id, texts)

    # -- actions ---------------------------------------------------------------------------

    def _picks(self, lines: Sequence[TrancheLine]) -> list[TranchePick]:
        return [TranchePick(line.case.id, line.state.tranche) for line in lines]

    def _need_selection(self, title: str) -> list[TrancheLine] | None:
        lines = self.selected_lines()
        if not lines:
            QMessageBox.information(self, title, "Sélectionnez d'abord une ou plusieurs tranches "
                                                 "dans la liste (Ctrl+A : toutes).")  # fmt: skip
            return None
        return lines

    def invoice_selection(self) -> InvoiceDialog | None:
        """Invoice the tranches selected (the form asks the number and the date)."""
        lines = self._need_selection("Facturer")
        if lines is None:
            return None
        month = self.desk.today().strftime("%Y-%m")
        dialog = InvoiceDialog(self.desk, self._picks(lines),
                               sum(line.state.amount_cents for line in lines), self,
                               suggested=f"FA-{month}")  # fmt: skip
        dialog.open()
        return dialog

    def record_selection_payment(self) -> PaymentDialog | None:
        """Record the payment of the tranches selected."""
        lines = self._need_selection("Enregistrer le paiement")
        if lines is None:
            return None
        return self._payment_dialog(lines)

    def _payment_dialog(self, lines: Sequence[TrancheLine]) -> PaymentDialog:
        dialog = PaymentDialog(self.desk, self._picks(lines),
                               sum(line.state.amount_cents for line in lines), self)  # fmt: skip
        dialog.open()
        return dialog

    def record_invoice_payment(self, number: str) -> PaymentDialog | None:
        """Record the payment of every unpaid tranche of invoice ``number``."""
        invoice = self.book.invoice(number) if self.book is not None else None
        if invoice is None:
            return None
        unpaid = [line for line in invoice.lines if line.state.status is TrancheStatus.INVOICED]
        if not unpaid:
            QMessageBox.information(self, "Facture payée",
                                    f"Toutes les tranches de la facture n° {number} sont "
                                    "déjà enregistrées comme payées.")  # fmt: skip
            return None
        return self._payment_dialog(unpaid)

    def cancel_selection_invoice(self) -> None:
        """Put the selected invoiced tranches back to what the rules say."""
        self._cancel("Annuler la facturation", cancel_invoicing,
                     "Remettre {n} à facturer ? Le n° et la date de facture seront effacés "
                     "(Ctrl+Z pour revenir en arrière).")  # fmt: skip

    def cancel_selection_payment(self) -> None:
        """Put the selected paid tranches back to invoiced."""
        self._cancel("Annuler le paiement", cancel_payment,
                     "Effacer la date de paiement de {n} ? Elles redeviennent facturées en "
                     "attente de paiement.")  # fmt: skip

    def _cancel(
        self, title: str, action: Callable[[Desk, list[TranchePick]], int], question: str
    ) -> None:
        lines = self._need_selection(title)
        if lines is None:
            return
        text = question.format(n=plural(len(lines), "tranche"))
        if QMessageBox.question(self, title, text) != QMessageBox.StandardButton.Yes:
            return
        try:
            action(self.desk, self._picks(lines))
        except UserError as error:
            QMessageBox.warning(self, title, str(error))

    def selection_request(self) -> None:
        lines = self._need_selection("Demande de paiement")
        if lines is None:
            return
        numbers = sorted({line.state.invoice_number for line in lines if line.state.invoice_number})
        if len(numbers) != 1:
            QMessageBox.information(
                self, "Demande de paiement",
                "Sélectionnez une tranche facturée (ou les tranches d'une seule facture) ; "
                "l'onglet « Factures » liste toutes les factures.",
            )  # fmt: skip
            return
        self.payment_request(numbers[0])

    def payment_request(self, number: str) -> None:
        """Save the payment request PDF of invoice ``number``."""
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in number)
        path = ask_save_path(self, "Demande de paiement", f"demande-de-paiement-{safe}.pdf",
                             "Documents PDF (*.pdf)")  # fmt: skip
        if path is None:
            return
        desk = self.desk
        run_with_progress(
            self,
            f"Demande de paiement de la facture n° {number}",
            lambda _progress, _cancel: export_payment_request(desk, path, number),
            lambda count: f"Demande de paiement de la facture n° {number} "
                          f"({plural(count, 'tranche')}) enregistrée dans :\n« {path} »",
            jobs=self._jobs,
        )  # fmt: skip

    def export_list(self) -> None:
        """The tranches the filters keep, as CSV: the columns and the order (case by case)
        of ``movdesk payments --format csv``, whatever the sort on screen."""
        if self.book is None:
            return
        lines = filter_lines(self.book, self.current_filter())
        path = ask_save_path(self, "Exporter les tranches", "tranches-paiement.csv",
                             "Fichiers CSV (*.csv)")  # fmt: skip
        if path is None:
            return
        rows = [(line.case.order_number, line.case.beneficiary, line.state) for line in lines]
        run_with_progress(
            self,
            "Export des tranches",
            lambda _progress, _cancel: write_file(path, payments_csv(rows, EXCEL)),
            lambda _none: f"{plural(len(rows), 'tranche')} enregistrée"
                          f"{'s' if len(rows) > 1 else ''} dans :\n« {path} »",
            jobs=self._jobs,
        )  # fmt: skip
