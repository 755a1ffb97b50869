"""The monthly indicator CSV (MOV-RULES.md section 7) and its per-case detail.

Both return the file's bytes in the chosen dialect (:mod:`movdesk.reports.csv_export`);
the caller decides where they go. The header uses the contract's column codes so that
France Travail and the office's own spreadsheets can rely on them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..rules.indicators import INDICATOR_COLUMNS, case_detail_rows, monthly_indicators
from .csv_export import EXCEL, Cell, CsvDialect, write_csv

#: Columns of the ``--detail`` CSV: one line per case active during the month.
DETAIL_COLUMNS: tuple[str, ...] = (
    "numero_commande",
    "cohorte",
    "date_debut",
    "date_fin",
    "date_contractualisation",
    "statut",
    "date_sortie",
    "motif_sortie",
    "sortie_positive",
    "regle_appliquee",
)


def monthly_csv(cases: Iterable[Any], month: str, dialect: CsvDialect = EXCEL) -> bytes:
    """One row per cohort up to ``month`` (``YYYY-MM``), then ``cumul``."""
    rows = monthly_indicators(cases, month)
    return write_csv(INDICATOR_COLUMNS, (row.values() for row in rows), dialect)


def detail_csv(cases: Iterable[Any], month: str, dialect: CsvDialect = EXCEL) -> bytes:
    """One row per case active during ``month``, with its status and exit as of then."""
    rows: list[tuple[Cell, ...]] = [
        (
            row.order_number,
            row.cohort,
            row.start_date,
            row.end_date,
            row.contracting_date,
            row.status.label,
            row.exit_date,
            row.exit_reason.label if row.exit_reason is not None else None,
            row.positive,
            row.decision,
        )
        for row in case_detail_rows(cases, month)
    ]
    return write_csv(DETAIL_COLUMNS, rows, dialect)
