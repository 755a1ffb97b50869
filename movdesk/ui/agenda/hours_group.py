"""Paramètres › « Horaires de travail des référents »: each referent's working week.

Monday to Saturday, a morning and an afternoon (« — » when the referent does not work
then); the planning help proposes appointments within them and the agenda shades the
hours outside. A referent who never saved theirs works the office's usual week.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...rules.working_hours import DEFAULT_HOURS, WEEKDAY_NAMES, WEEKDAYS, Stretch, WeekHours
from ...services.context import Desk
from ...services.errors import ValidationFailed
from ...services.lookups import referent_choices
from ...services.working_hours import has_own_hours, read_working_hours, save_working_hours
from ..widgets import TimeField
from ..widgets.form import ERROR_COLOUR, sentence

#: The columns of a day: morning from, to; afternoon from, to.
_HALVES = ("Matin, de", "à", "Après-midi, de", "à")


class WorkingHoursGroup(QGroupBox):
    """The working week of the referent chosen, saved in one action."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Horaires de travail des référents", parent)
        self.setObjectName("workingHours")
        self.desk = desk
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.referent = QComboBox(self)
        self.referent.setObjectName("hoursReferent")
        label = QLabel("Ré&férent :", self)
        label.setBuddy(self.referent)
        top.addWidget(label)
        top.addWidget(self.referent, 1)
        self.origin = QLabel(self)
        self.origin.setObjectName("hoursOrigin")
        top.addWidget(self.origin, 2)
        layout.addLayout(top)

        grid = QGridLayout()
        for column, title in enumerate(_HALVES, start=1):
            grid.addWidget(QLabel(title, self), 0, column)
        #: Per weekday, the four fields: morning from/to, afternoon from/to.
        self.fields: list[list[TimeField]] = []
        for weekday in WEEKDAYS:
            grid.addWidget(QLabel(WEEKDAY_NAMES[weekday].capitalize(), self), weekday + 1, 0)
            row = []
            for column in range(4):
                field = TimeField(parent=self)
                field.setObjectName(f"hours-{weekday}-{column}")
                field.setToolTip("« — » : pas de rendez-vous à proposer sur cette demi-journée")
                grid.addWidget(field, weekday + 1, column + 1)
                row.append(field)
            self.fields.append(row)
        # The fields keep their width; the space left goes to the right.
        grid.setColumnStretch(len(_HALVES) + 1, 1)
        layout.addLayout(grid)
        self.problems = QLabel(self)
        self.problems.setObjectName("hoursProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problems.hide()
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Enregistrer les &horaires", self)
        self.save_button.setObjectName("hoursSave")
        self.default_button = QPushButton("Horaires &habituels du bureau", self)
        self.default_button.setObjectName("hoursDefault")
        self.default_button.setToolTip("Du lundi au vendredi, 9:00–12:30 et 13:30–17:30")
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.default_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.saved = QLabel(self)
        self.saved.setObjectName("hoursSaved")
        layout.addWidget(self.saved)

        self.referent.currentIndexChanged.connect(lambda _index: self.load())
        self.save_button.clicked.connect(self.save)
        self.default_button.clicked.connect(lambda: self.show_week(DEFAULT_HOURS))
        self.refresh()

    def refresh(self) -> None:
        """Read the referents again (keeping the one chosen) and their week."""
        kept = self.referent.currentData()
        self.referent.blockSignals(True)
        try:
            self.referent.clear()
            for choice in referent_choices(self.desk):
                self.referent.addItem(choice.label, choice.id)
            found = self.referent.findData(kept) if kept is not None else 0
            self.referent.setCurrentIndex(max(found, 0))
        finally:
            self.referent.blockSignals(False)
        self.setEnabled(self.referent.count() > 0)
        self.load()

    def load(self) -> None:
        referent_id = self.referent.currentData()
        self.problems.hide()
        self.saved.clear()
        if referent_id is None:
            self.origin.setText("Aucun référent enregistré.")
            return
        week = read_working_hours(self.desk.session_factory, [referent_id])[referent_id]
        self.show_week(week)
        own = has_own_hours(self.desk, referent_id)
        self.origin.setText("" if own else "<i>Horaires habituels du bureau</i>")

    def show_week(self, week: WeekHours) -> None:
        """Fill the fields with ``week`` (the first two stretches of each day)."""
        for weekday, row in enumerate(self.fields):
            stretches = list(week.days[weekday])[:2]
            values: list[time | None] = []
            for start, end in stretches:
                values += [start, end]
            values += [None] * (4 - len(values))
            for field, value in zip(row, values, strict=True):
                field.set_value(value)

    def typed(self) -> list[list[Stretch]]:
        """The week as typed; a half-day needs both times (else it is said)."""
        days: list[list[Stretch]] = []
        self._incomplete: list[str] = []
        for weekday, row in enumerate(self.fields):
            stretches: list[Stretch] = []
            day = WEEKDAY_NAMES[weekday].capitalize()
            for half, (start_field, end_field) in zip(
                ("matin", "après-midi"), ((row[0], row[1]), (row[2], row[3])), strict=True
            ):
                unread = [f.problem() for f in (start_field, end_field) if f.problem()]
                if unread:
                    self._incomplete.append(f"{day}, {half} : {unread[0]}")
                    continue
                start, end = start_field.value(), end_field.value()
                if start is not None and end is not None:
                    stretches.append((start, end))
                elif start is not None or end is not None:
                    self._incomplete.append(
                        f"{day}, {half} : indiquez l'heure de début et l'heure de fin de la "
                        "plage (ou aucune des deux)."
                    )
            days.append(stretches)
        return days

    def save(self) -> bool:
        referent_id = self.referent.currentData()
        if referent_id is None:
            return False
        days = self.typed()
        if self._incomplete:
            self._show_problems(self._incomplete)
            return False
        try:
            save_working_hours(self.desk, referent_id, days)
        except ValidationFailed as refusal:
            self._show_problems([sentence(p.message) for p in refusal.problems])
            return False
        except UserError as error:
            self._show_problems([str(error)])
            return False
        self.load()
        self.saved.setText(f"Horaires de {self.referent.currentText()} enregistrés.")
        return True

    def _show_problems(self, lines: list[str]) -> None:
        self.problems.setText("\n".join(lines) + "\nRien n'a été enregistré.")
        self.problems.show()
