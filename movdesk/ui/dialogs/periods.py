"""Periods that stop the clock: suspensions (sickness, leave) and company periods,
with their length and what the rules say of it shown while typing."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...models import SuspensionKind, TargetDecision
from ...services.advice import company_period_advice, suspension_advice
from ...services.context import Desk
from ...services.lookups import read_company_period, read_suspension
from ...services.rows import (
    add_company_period,
    add_suspension,
    update_company_period,
    update_suspension,
)
from ..directory.picker import EmployerPicker
from ..jobs import JobFields
from ..widgets import DateField, EnumCombo
from .base import CaseDialog


def notes_field(height: int = 60) -> QPlainTextEdit:
    """A short multi-line text where Tab moves on (Ctrl+Entrée saves)."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class SuspensionDialog(CaseDialog):
    """A suspension without postponement of E: sickness (≤ 14 days) or leave (35 in all);
    ``suspension_id`` to correct one."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        suspension_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = read_suspension(desk, suspension_id) if suspension_id is not None else None
        title = "Modifier la suspension" if existing else "Nouvelle suspension"
        super().__init__(desk, case_id, title, parent)
        self.suspension_id = suspension_id
        self.kind = EnumCombo(list(SuspensionKind))
        self.start = DateField(existing.start if existing else self.today)
        self.end = DateField(existing.end if existing else self.today + timedelta(days=6))
        self.notes = notes_field()
        if existing is not None:
            self.kind.set_value(existing.kind)
            self.notes.setPlainText(existing.notes or "")
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
            suspension_advice(
                self.case, kind=kind, start=start, end=end, ignore_id=self.suspension_id
            ),
            "Durée et règles",
        )

    def save(self, accept_warnings: bool) -> int | None:
        kind, start, end = self.kind.value(), self.start.value(), self.end.value()
        assert kind is not None and start is not None and end is not None
        notes = self.notes.toPlainText().strip() or None
        if self.suspension_id is not None:
            update_suspension(
                self.desk,
                self.suspension_id,
                kind=kind,
                start=start,
                end=end,
                notes=notes,
                accept_warnings=accept_warnings,
            )
            return self.suspension_id
        return add_suspension(
            self.desk,
            self.case_id,
            kind=kind,
            start=start,
            end=end,
            notes=notes,
            accept_warnings=accept_warnings,
        )


class CompanyPeriodDialog(CaseDialog):
    """A period in a company (PMSMP…): 7 to 42 days; under 7 is accepted with a warning.
    ``period_id`` to correct one.

    The employer comes from the directory or is typed (a new one joins the directory
    when the period is saved); the job target's title is searched among the ROME titles
    the office knows and fills its code. The end-of-period evaluation (skills observed,
    decision about the job target, appraisal) is saved with the period.
    """

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        period_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = read_company_period(desk, period_id) if period_id is not None else None
        title = "Modifier la période" if existing else "Nouvelle période"
        super().__init__(desk, case_id, f"{title} en entreprise", parent)
        self.period_id = period_id
        # The job target the period was linked to stays linked when it is corrected.
        self.job_target_id = existing.job_target_id if existing else None
        self.employer = EmployerPicker(desk)
        self.tutor_name = QLineEdit()
        self.tutor_name.setMaxLength(200)
        self.tutor_name.setPlaceholderText("ex. Mme Leroy, cheffe d'équipe")
        self.tutor_phone = QLineEdit()
        self.tutor_phone.setMaxLength(40)
        self.start = DateField(existing.start if existing else self.today)
        self.end = DateField(existing.end if existing else self.today + timedelta(days=13))
        self.job = JobFields(desk)
        self.job_title, self.rome = self.job.title, self.job.code
        self.objectives = notes_field(56)
        self.skills_observed = notes_field(56)
        self.target_decision = EnumCombo(list(TargetDecision), optional=True)
        self.evaluation = notes_field(48)
        if existing is not None:
            self.employer.set_employer(existing.employer_id, existing.employer_name)
            self.tutor_name.setText(existing.tutor_name or "")
            self.tutor_phone.setText(existing.tutor_phone or "")
            self.job.set_values(existing.job_title, existing.rome)
            self.objectives.setPlainText(existing.objectives or "")
            self.skills_observed.setPlainText(existing.skills_observed or "")
            self.target_decision.set_value(existing.target_decision)
            self.evaluation.setPlainText(existing.evaluation or "")
        self.add_field("employer", "&Entreprise :", self.employer, aliases=["employer_id"])
        self.form.add_row("", self.employer.hint)
        self.add_field("tutor_name", "&Tuteur :", self.tutor_name)
        self.add_field("tutor_phone", "Télé&phone du tuteur :", self.tutor_phone)
        self.add_field("start", "&Du :", self.start)
        self.add_field("end", "&Au :", self.end)
        self.add_field("job_title", "&Métier visé :", self.job_title)
        self.add_field("rome", "Code &ROME :", self.rome)
        self.form.add_row("", self.job.hint)
        self.add_field("objectives", "&Objectifs :", self.objectives)
        self.form.add_section("Évaluation de fin de période (à remplir au dernier jour)")
        self.add_field("skills_observed", "&Compétences observées :", self.skills_observed)
        self.add_field("target_decision", "&Décision :", self.target_decision)
        self.add_field("evaluation", "&Appréciation :", self.evaluation)
        self.start.dateChanged.connect(self.refresh_advice)
        self.end.dateChanged.connect(self.refresh_advice)
        self.finish_layout(600)
        self.refresh_advice()

    def refresh_advice(self) -> None:
        start, end = self.start.value(), self.end.value()
        if start is not None and end is not None:
            self.set_advice(company_period_advice(start, end), "Durée et règles")

    def employer_value(self) -> tuple[int | None, str | None]:
        """The directory id when a listed company is chosen, else the typed name."""
        return self.employer.value()

    def save(self, accept_warnings: bool) -> int | None:
        start, end = self.start.value(), self.end.value()
        assert start is not None and end is not None
        employer_id, employer_name = self.employer_value()
        values = {
            "start": start,
            "end": end,
            "employer_id": employer_id,
            "employer_name": employer_name,
            "job_title": self.job_title.text().strip() or None,
            "rome": self.rome.text(),
            "evaluation": self.evaluation.toPlainText().strip() or None,
            "tutor_name": self.tutor_name.text(),
            "tutor_phone": self.tutor_phone.text(),
            "objectives": self.objectives.toPlainText(),
            "skills_observed": self.skills_observed.toPlainText(),
            "target_decision": self.target_decision.value(),
            "accept_warnings": accept_warnings,
        }
        if self.period_id is not None:
            update_company_period(
                self.desk, self.period_id, job_target_id=self.job_target_id, **values
            )
            return self.period_id
        return add_company_period(self.desk, self.case_id, **values)
