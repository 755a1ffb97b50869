"""The invoicing forms of the Paiements page: invoice the tranches picked, record a payment.

Both are :class:`~..widgets.FormDialog` forms: the service checks every tranche against
the rules and refuses in French under the field concerned, and nothing is saved then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget

from ...services.context import Desk
from ...services.invoicing import (
    MAX_INVOICE_NUMBER,
    TranchePick,
    invoice_tranches,
    record_payment,
)
from ..formatting import format_euros, plural
from ..widgets import DateField, FormDialog


class _TrancheForm(FormDialog):
    """A form about the tranches picked: what they are, then the fields of the action."""

    def __init__(
        self,
        desk: Desk,
        title: str,
        picks: Sequence[TranchePick],
        total_cents: int,
        parent: QWidget | None,
        *,
        caption: str,
        summary_name: str,
        save_text: str,
    ) -> None:
        super().__init__(desk, title, parent, save_text=save_text)
        self.picks = list(picks)
        self.count = 0
        count = plural(len(self.picks), "tranche")
        info = QLabel(f"{count} pour un total de {format_euros(total_cents)} HT", self)
        info.setObjectName(summary_name)
        self.form.add_row(caption, info)

    def finish(self, width: int) -> None:
        self.order_tabs()
        self.resize(width, self.sizeHint().height())

    def busy(self, action: Callable[[], int]) -> int:
        """Run the service with the wait cursor: a month's invoice may hold thousands."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.count = action()
        finally:
            QApplication.restoreOverrideCursor()
        return self.count


class InvoiceDialog(_TrancheForm):
    """Invoice number and date for the tranches picked (all ready to invoice)."""

    def __init__(
        self,
        desk: Desk,
        picks: Sequence[TranchePick],
        total_cents: int,
        parent: QWidget | None = None,
        *,
        suggested: str = "",
    ) -> None:
        super().__init__(desk, "Facturer les tranches", picks, total_cents, parent,
                         caption="À facturer :", summary_name="invoiceSummary",
                         save_text="&Facturer")  # fmt: skip
        self.number = QLineEdit(suggested, self)
        self.number.setMaxLength(MAX_INVOICE_NUMBER + 10)  # longer is refused in words
        self.number.setPlaceholderText("ex. FA-2026-10")
        self.add_field("invoice_number", "N° de &facture :", self.number)
        self.on = DateField(desk.today(), parent=self)
        self.add_field("invoice_date", "&Date de facture :", self.on, aliases=("tranches",))
        self.finish(460)

    def save(self, accept_warnings: bool) -> int | None:
        on = self.on.value() or self.desk.today()
        return self.busy(lambda: invoice_tranches(self.desk, self.picks, self.number.text(), on))


class PaymentDialog(_TrancheForm):
    """The date the tranches picked (all invoiced) were paid."""

    def __init__(
        self,
        desk: Desk,
        picks: Sequence[TranchePick],
        total_cents: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, "Enregistrer un paiement", picks, total_cents, parent,
                         caption="Payées :", summary_name="paymentSummary",
                         save_text="&Enregistrer")  # fmt: skip
        self.on = DateField(desk.today(), parent=self)
        self.add_field("paid_date", "&Date de paiement :", self.on, aliases=("tranches",))
        self.finish(420)

    def save(self, accept_warnings: bool) -> int | None:
        on = self.on.value() or self.desk.today()
        return self.busy(lambda: record_payment(self.desk, self.picks, on))
