"""Periods that stop the clock: suspensions (sickness, leave) and company periods,
with their length and what the rules say of it shown while typing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...models import SuspensionKind
from ...services.advice import company_period_advice, suspension_advice
from ...services.context import Desk
from ...services.lookups import employer_choices
from ...services.rows import add_company_period, add_suspension
from ..widgets import DateField, EnumCombo
from .base import CaseDialog


def notes_field(height: int = 60) -> QPlainTextEdit:
    """A short multi-line text where Tab moves on (Ctrl+Entrée saves)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class SuspensionDialog(CaseDialog):
    """A suspension without postponement of E: sickness (≤ 14 days) or leave (35 in all)."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Nouvelle suspension", parent)
        self.kind = EnumCombo(list(SuspensionKind))
        self.start = DateField(self.today)
        self.end = DateField(self.today + timedelta(days=6))
        self.notes = notes_field()
        self.add_field("kind", "&Motif :", self.kind)
        self.add_field("start", "&Du :", self.start)
        self.add_field("end", "&Au :", self.end)
        self.add_field("notes", "&Notes :", self.notes)
        for signal in (self.kind.currentIndexChanged, self.start.dateChanged, self.end.dateChanged):
            signal.connect(self.refresh_advice)
        self.finish_layout()
        self.refresh_advice()

    def refresh_advice(self) -> None:
        kind, start, end = self.kind.value(), self.start.value(), self.end.value()
        if kind is None or start is None or end is None:
            return
        self.set_advice(
            suspension_advice(self.case, kind=kind, start=start, end=end), "Durée et règles"
        )

    def save(self, accept_warnings: bool) -> int | None:
        kind, start, end = self.kind.value(), self.start.value(), self.end.value()
        assert kind is not None and start is not None and end is not None
        return add_suspension(
            self.desk,
            self.case_id,
            kind=kind,
            start=start,
            end=end,
            notes=self.notes.toPlainText().strip() or None,
            accept_warnings=accept_warnings,
        )


class CompanyPeriodDialog(CaseDialog):
    """A period in a company (PMSMP…): 7 to 42 days; under 7 is accepted with a warning."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Nouvelle période en entreprise", parent)
        # Pick a company of the network, or type a new name: it joins the directory.
        self.employer = QComboBox()
        self.employer.setEditable(True)
        self.employer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.employer.addItem("", None)
        for choice in employer_choices(desk):
            self.employer.addItem(choice.label, choice.id)
        self.employer.lineEdit().setPlaceholderText("entreprise du réseau ou nouveau nom")
        self.start = DateField(self.today)
        self.end = DateField(self.today + timedelta(days=13))
        self.job_title = QLineEdit()
        self.rome = QLineEdit()
        self.rome.setMaxLength(5)
        self.rome.setPlaceholderText("ex. D1106")
        self.evaluation = notes_field()
        self.add_field("employer", "&Entreprise :", self.employer)
        self.add_field("start", "&Du :", self.start)
        self.add_field("end", "&Au :", self.end)
        self.add_field("job_title", "&Métier :", self.job_title)
        self.add_field("rome", "Code &ROME :", self.rome)
        self.add_field("evaluation", "É&valuation :", self.evaluation)
        self.start.dateChanged.connect(self.refresh_advice)
        self.end.dateChanged.connect(self.refresh_advice)
        self.finish_layout()
        self.refresh_advice()

    def refresh_advice(self) -> None:
        start, end = self.start.value(), self.end.value()
        if start is not None and end is not None:
            self.set_advice(company_period_advice(start, end), "Durée et règles")

    def employer_value(self) -> tuple[int | None, str | None]:
        """The directory id when a listed company is chosen, else the typed name."""
        text = " ".join(self.employer.currentText().split())
        index = self.employer.findText(text)
        if text and index > 0:
            return self.employer.itemData(index), None
        return None, text or None

    def save(self, accept_warnings: bool) -> int | None:
        start, end = self.start.value(), self.end.value()
        assert start is not None and end is not None
        employer_id, employer_name = self.employer_value()
        return add_company_period(
            self.desk,
            self.case_id,
            start=start,
            end=end,
            employer_id=employer_id,
            employer_name=employer_name,
            job_title=self.job_title.text().strip() or None,
            rome=self.rome.text(),
            evaluation=self.evaluation.toPlainText().strip() or None,
            accept_warnings=accept_warnings,
        )
