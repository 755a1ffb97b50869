"""Choosing a month (the monthly indicators): the month by its French name, the year.

The indicators are sent for the month just ended, so that is the month offered; a month
not begun yet cannot be chosen (its figures would all be zero).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..widgets.datetext import MONTHS
from ..widgets.form import ERROR_COLOUR

FIRST_YEAR = 2010  # MOV started in 2010


def month_before(today: date) -> tuple[int, int]:
    """(year, month) of the month before ``today``'s."""
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


class MonthDialog(QDialog):
    """« Mois des indicateurs »: a month and a year, the month just ended by default."""

    def __init__(
        self,
        today: date,
        parent: QWidget | None = None,
        *,
        title: str = "Indicateurs du mois",
        prompt: str = "Mois des indicateurs :",
        accept_text: str = "&Choisir le fichier…",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MonthDialog")
        self.setWindowTitle(title)
        self.today = today
        year, month = month_before(today)
        self.month = QComboBox(self)
        self.month.setObjectName("monthChoice")
        for number, name in enumerate(MONTHS, start=1):
            self.month.addItem(name.capitalize(), number)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox(self)
        self.year.setObjectName("yearChoice")
        self.year.setRange(FIRST_YEAR, today.year)
        self.year.setValue(year)
        self.error = QLabel(self)
        self.error.setObjectName("monthError")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        month_label = QLabel(prompt, self)
        month_label.setBuddy(self.month)
        form.addRow(month_label, self.month)
        form.addRow("&Année :", self.year)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton("Annuler", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.month.currentIndexChanged.connect(self.error.hide)
        self.year.valueChanged.connect(self.error.hide)

    def chosen(self) -> tuple[int, int]:
        return self.year.value(), int(self.month.currentData())

    def month_text(self) -> str:
        """``AAAA-MM`` of the month chosen (the form the commands take)."""
        year, month = self.chosen()
        return f"{year:04d}-{month:02d}"

    def accept(self) -> None:
        year, month = self.chosen()
        if (year, month) > (self.today.year, self.today.month):
            self.error.setText(
                f"✖ {MONTHS[month - 1].capitalize()} {year} n'a pas encore commencé : "
                "choisissez un mois passé (ou le mois en cours)."
            )
            self.error.show()
            self.adjustSize()  # the message takes its lines: the dialog grows
            return
        super().accept()
