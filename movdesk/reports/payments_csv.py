"""The payment tranches as CSV: ``movdesk payments --format csv`` and the Paiements page.

One line per tranche, with the case, the amount (euros, two decimals), the due date, the
month it belongs to, the missing documents and the invoicing record, in a CSV dialect
of :mod:`.csv_export`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..rules.payments import TrancheState
from .csv_export import EXCEL, Cell, CsvDialect, money, write_csv

PAYMENT_COLUMNS = (
    "numero_commande", "beneficiaire", "tranche", "statut", "montant_eur", "date_echeance",
    "mois", "pieces_manquantes", "numero_facture", "date_facture", "date_paiement",
    "explication",
)  # fmt: skip


def payment_row(order_number: str, beneficiary: str, s: TrancheState) -> tuple[Cell, ...]:
    """One tranche's line."""
    return (
        order_number, beneficiary, s.tranche.value, s.status.label, money(s.amount_cents),
        s.due_date, s.month, " ; ".join(s.missing_documents), s.invoice_number,
        s.invoice_date, s.paid_date, s.explanation,
    )  # fmt: skip


def payments_csv(
    lines: Iterable[tuple[str, str, TrancheState]], dialect: CsvDialect = EXCEL
) -> bytes:
    """The file of ``(order number, beneficiary, tranche)`` lines."""
    return write_csv(PAYMENT_COLUMNS, (payment_row(*line) for line in lines), dialect)
