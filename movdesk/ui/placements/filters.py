"""The filter bar of the placements page: referent, kind, state and period.

The period is a month (the current one and the 24 before it, by name), a year, or a
range typed in two date fields; it keeps the placements that start in it.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...reports.text import fr_month
from ...rules.calendar import add_months
from ...rules.placements import PlacementKind, PlacementState
from ...services.case_list import ReferentChoice
from ..widgets import DateField

ALL_REFERENTS = "Tous les référents"
ALL_KINDS = "Tous les types"
ALL_STATES = "Tous les états"
ALL_DATES = "Toutes les dates"
CUSTOM_RANGE = "Période choisie…"
#: Months offered by name, back from the current one.
MONTHS_BACK = 24

#: Kind filter entries: (text, kinds kept).
KIND_CHOICES: tuple[tuple[str, frozenset[PlacementKind]], ...] = (
    (ALL_KINDS, frozenset()),
    ("Périodes en entreprise", frozenset({PlacementKind.PERIOD})),
    (
        "Sorties : emploi, formation, création",
        frozenset({PlacementKind.EMPLOYMENT, PlacementKind.TRAINING, PlacementKind.BUSINESS}),
    ),
    ("Emploi", frozenset({PlacementKind.EMPLOYMENT})),
    ("Formation", frozenset({PlacementKind.TRAINING})),
    ("Création d'entreprise", frozenset({PlacementKind.BUSINESS})),
)


def month_range(first: date) -> tuple[date, date]:
    """The first and the last day of the month of ``first``."""
    start = first.replace(day=1)
    return start, add_months(start, 1) - timedelta(days=1)


def period_choices(today: date) -> list[tuple[str, tuple[date | None, date | None] | None]]:
    """(text, range) of the period combo; None for the range typed in the date fields."""
    choices: list[tuple[str, tuple[date | None, date | None] | None]] = [(ALL_DATES, (None, None))]
    this_month = today.replace(day=1)
    for back in range(MONTHS_BACK + 1):
        month = add_months(this_month, -back)
        text = fr_month(month.year, month.month).capitalize()
        if back == 0:
            text += " (ce mois-ci)"
        choices.append((text, month_range(month)))
    for year in (today.year, today.year - 1):
        choices.append((f"Année {year}", (date(year, 1, 1), date(year, 12, 31))))
    choices.append((CUSTOM_RANGE, None))
    return choices


class PlacementFilters(QWidget):
    """The combos of the filter bar; :attr:`changed` when one of them changes."""

    #: A filter changed: read the list again.
    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.referent = QComboBox(self)
        self.referent.setObjectName("placementReferent")
        self.referent.setAccessibleName("Filtre par référent")
        self.kind = QComboBox(self)
        self.kind.setObjectName("placementKind")
        self.kind.setAccessibleName("Filtre par type de placement")
        for text, kinds in KIND_CHOICES:
            self.kind.addItem(text, kinds)
        self.state = QComboBox(self)
        self.state.setObjectName("placementState")
        self.state.setAccessibleName("Filtre par état")
        self.state.addItem(ALL_STATES, None)
        for state in PlacementState:
            self.state.addItem(state.label, state.value)
        self.period = QComboBox(self)
        self.period.setObjectName("placementPeriod")
        self.period.setAccessibleName("Filtre par période de début")
        self.period.setToolTip("Les placements qui commencent dans la période")
        self.period.setMaxVisibleItems(16)
        for text, span in period_choices(today):
            self.period.addItem(text, span)
        self.start_from = DateField(optional=True)
        self.start_from.setObjectName("placementFrom")
        self.start_to = DateField(optional=True)
        self.start_to.setObjectName("placementTo")
        self.range_label = QLabel("au", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, stretch in ((self.referent, 1), (self.kind, 1), (self.state, 1),
                                (self.period, 1)):  # fmt: skip
            layout.addWidget(widget, stretch)
        layout.addWidget(self.start_from)
        layout.addWidget(self.range_label)
        layout.addWidget(self.start_to)
        self._show_range(False)
        for combo in (self.referent, self.kind, self.state):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.period.currentIndexChanged.connect(self._on_period)
        self.start_from.dateChanged.connect(lambda _d: self.changed.emit())
        self.start_to.dateChanged.connect(lambda _d: self.changed.emit())

    def fill_referents(self, choices: list[ReferentChoice]) -> None:
        kept = self.referent.currentData()
        self.referent.blockSignals(True)
        try:
            self.referent.clear()
            self.referent.addItem(ALL_REFERENTS, None)
            for choice in choices:
                name = choice.name if choice.active else f"{choice.name} (inactif)"
                self.referent.addItem(name, choice.id)
            self.referent.setCurrentIndex(max(self.referent.findData(kept), 0))
        finally:
            self.referent.blockSignals(False)

    def _show_range(self, shown: bool) -> None:
        for widget in (self.start_from, self.range_label, self.start_to):
            widget.setVisible(shown)

    def _on_period(self, _index: int) -> None:
        self._show_range(self.period.currentData() is None)
        self.changed.emit()

    def referent_id(self) -> int | None:
        return self.referent.currentData()

    def kinds(self) -> frozenset[PlacementKind]:
        return self.kind.currentData() or frozenset()

    def states(self) -> frozenset[PlacementState]:
        value = self.state.currentData()
        return frozenset() if value is None else frozenset({PlacementState(value)})

    def span(self) -> tuple[date | None, date | None]:
        """The start dates kept (either bound may be open)."""
        chosen = self.period.currentData()
        if chosen is None:
            return self.start_from.value(), self.start_to.value()
        return chosen
