"""Choosing a month: a combo of ``AAAA-MM`` months, newest first, written « octobre 2026 »."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ...reports.indicator_text import month_label


def month_title(month: str) -> str:
    """``2026-10`` → ``Octobre 2026``."""
    label = month_label(month)
    return label[:1].upper() + label[1:]


class MonthCombo(QComboBox):
    """The months offered, newest first; :attr:`month_chosen` tells the ``AAAA-MM`` picked."""

    #: The user picked another month (``AAAA-MM``).
    month_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthCombo")
        self.setMinimumContentsLength(14)
        self.currentIndexChanged.connect(self._on_index)
        self._filling = False

    def set_months(self, months: Sequence[str], current: str | None) -> None:
        """Offer ``months`` and select ``current`` (or the first) without telling anyone."""
        self._filling = True
        try:
            self.clear()
            for month in months:
                self.addItem(month_title(month), month)
            index = self.findData(current) if current is not None else -1
            self.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self._filling = False

    def month(self) -> str | None:
        value = self.currentData()
        return str(value) if value is not None else None

    def select(self, month: str) -> None:
        """Select ``month`` as the user would (tells :attr:`month_chosen`)."""
        index = self.findData(month)
        if index >= 0:
            self.setCurrentIndex(index)

    def _on_index(self, index: int) -> None:
        if not self._filling and index >= 0:
            self.month_chosen.emit(self.itemData(index))
