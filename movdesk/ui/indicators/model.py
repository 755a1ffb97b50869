"""The indicator table: one row per cohort then ``cumul``, the contract's columns in order.

Counts are written with grouped digits, rates as ``45,5 %`` (empty when the denominator
is zero); each header says what its column counts. :data:`FIGURE_ROLE` gives, for a count
cell, the ``(cohort, column)`` whose cases the page lists when it is activated.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ...reports.indicator_text import (
    COLUMN_MEANINGS,
    COLUMN_SHORT_TITLES,
    COLUMN_TITLES,
    cell_text,
)
from ...rules.indicators import COUNT_COLUMNS, CUMUL, INDICATOR_COLUMNS, IndicatorRow

#: ``(cohort, column)`` of a count cell, None elsewhere.
FIGURE_ROLE = Qt.ItemDataRole.UserRole + 1

#: Numerator and denominator of each rate, for its tooltip.
RATE_PARTS = {
    "taux_reprise_emploi": ("reprises_emploi_en_cours", "entres"),
    "taux_sorties_positives": ("sorties_positives", "sortis"),
    "taux_sorties_negatives": ("sorties_negatives", "sortis"),
    "taux_maintien_emploi": ("maintien_emploi", "maintien_mesures"),
}
_CUMUL_BACKGROUND = QColor("#eef2f7")
AnyIndex = QModelIndex | QPersistentModelIndex


class IndicatorTableModel(QAbstractTableModel):
    """The rows of one month's indicators (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[IndicatorRow] = []

    def set_rows(self, rows: Sequence[IndicatorRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> IndicatorRow:
        return self._rows[number]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(INDICATOR_COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(INDICATOR_COLUMNS):
            return None
        name = INDICATOR_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            title = COLUMN_SHORT_TITLES[name]
            return title.replace(" ", "\n", 1) if section else title
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{COLUMN_TITLES[name]} : {COLUMN_MEANINGS[name]} (colonne « {name} » du "
                    "fichier mensuel)")  # fmt: skip
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        name = INDICATOR_COLUMNS[index.column()]
        value = getattr(row, name)
        cumul = row.cohorte == CUMUL
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "cohorte":
                return "Cumul" if cumul else value
            return cell_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and name != "cohorte":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and cumul:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and cumul:
            return QBrush(_CUMUL_BACKGROUND)
        if role == FIGURE_ROLE and name in COUNT_COLUMNS:
            return (row.cohorte, name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(row, name, value)
        return None

    def _tip(self, row: IndicatorRow, name: str, value: object) -> str | None:
        if name in RATE_PARTS:
            top, bottom = RATE_PARTS[name]
            parts = f"{cell_text(getattr(row, top))} / {cell_text(getattr(row, bottom))}"
            if value is None:
                return f"{parts} : pas de taux (dénominateur nul)"
            assert isinstance(value, Decimal)
            return f"{parts} = {cell_text(value)}"
        if name in COUNT_COLUMNS:
            return "Double-cliquez (ou Entrée) pour voir les dossiers comptés"
        return None
