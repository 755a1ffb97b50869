"""Recording the exit (sortie): the reason, the fields that decide whether it is
positive, and the verdict of the rules shown live with the rule that decided."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...models import ContractType, ExitReason
from ...rules.outcomes import classify_exit
from ...rules.validation import fr_date
from ...rules.validation.common import MAX_HOURS_PER_MONTH
from ...services.context import Desk
from ...services.lookups import employer_choices
from ...services.milestones import ExitInput, record_exit
from ..widgets import DateField, DirectoryCombo, EnumCombo, HoursField, YesNoCombo
from .base import CaseDialog

POSITIVE_COLOUR = "#1b5e20"
NEGATIVE_COLOUR = "#b3261e"
#: A verdict waiting for a fact the rule needs: neither green nor red.
PENDING_COLOUR = "#8a5a00"
#: Lines kept for the verdict, so that the form does not move as it wraps.
VERDICT_LINES = 4
#: PE is told of an interruption within 48 hours (MOV-RULES.md 2.11).
NOTICE_DAYS = 2


class ExitDialog(CaseDialog):
    """End a case: job, training, business, end at term or interruption."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Sortie", parent)
        self.date_field = DateField(self.today)
        self.reason = EnumCombo(list(ExitReason))
        self.verdict = QLabel()
        self.verdict.setObjectName("exitVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        lines = self.verdict.fontMetrics().lineSpacing() * VERDICT_LINES
        self.verdict.setMinimumHeight(lines + 4)
        self.add_field("date", "&Date de sortie :", self.date_field)
        self.add_field("reason", "&Motif :", self.reason)
        self.form.add_row("Verdict :", self.verdict)

        #: ExitInput field name → its widget; the block of each reason.
        self.inputs: dict[str, QWidget] = {}
        self.blocks: dict[ExitReason, tuple[QLabel, list[str]]] = {}
        self._block(
            ExitReason.EMPLOYMENT,
            "Emploi",
            [
                ("employment_contract", "&Contrat :", EnumCombo(list(ContractType), optional=True)),
                ("employment_start", "Premier jour :", DateField(optional=True)),
                ("employment_end", "&Fin du contrat :", DateField(optional=True)),
                ("employment_full_time", "&Temps plein :", YesNoCombo()),
                (
                    "employment_hours_per_month",
                    "&Heures par mois :",
                    HoursField(MAX_HOURS_PER_MONTH),
                ),
                (
                    "employment_employer_id",
                    "&Employeur :",
                    DirectoryCombo(
                        employer_choices(desk), placeholder="entreprise du réseau ou nouveau nom"
                    ),
                ),
                ("employment_job_title", "&Poste :", QLineEdit()),
            ],
        )
        self._block(
            ExitReason.TRAINING,
            "Formation",
            [
                ("training_title", "&Intitulé :", QLineEdit()),
                ("training_organisation", "&Organisme :", QLineEdit()),
                ("training_qualifying", "&Préqualifiante ou certifiante :", YesNoCombo()),
                ("training_afpr", "&AFPR :", YesNoCombo()),
                ("training_hours_total", "Heures au &total :", HoursField(10_000.0)),
                ("training_hours_per_week", "Heures par se&maine :", HoursField(168.0)),
                ("training_start", "Début :", DateField(optional=True)),
                ("training_end", "Fin :", DateField(optional=True)),
            ],
        )
        self._block(
            ExitReason.BUSINESS,
            "Entreprise",
            [
                ("business_name", "&Nom de l'entreprise :", QLineEdit()),
                ("business_auto_entrepreneur", "&Auto-entrepreneur :", YesNoCombo()),
                ("business_start", "Début d'activité :", DateField(optional=True)),
            ],
        )
        if self.case.exit is not None:
            self._prefill(self.case.exit)
        self.reason.currentIndexChanged.connect(self.refresh)
        self.date_field.dateChanged.connect(self.refresh)
        for widget in self.inputs.values():
            for signal in ("currentIndexChanged", "dateChanged", "valueChanged", "textChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(self.refresh)
                    break
        # Blocks hidden first, so the dialog is sized for the one shown.
        self.refresh()
        self.finish_layout(560)

    def _block(self, reason: ExitReason, title: str, rows: list[tuple[str, str, QWidget]]) -> None:
        heading = self.form.add_section(title)
        for name, label, widget in rows:
            # Rule paths read ``exit.employment.end`` for the field ``employment_end``.
            block, _, rest = name.partition("_")
            self.add_field(name, label, widget, aliases=[f"{block}.{rest}"])
            self.inputs[name] = widget
        self.blocks[reason] = (heading, [name for name, _, _ in rows])

    def _prefill(self, exit: Any) -> None:
        self.date_field.set_value(exit.date)
        self.reason.set_value(ExitReason(exit.reason))
        for name, widget in self.inputs.items():
            value = getattr(exit, name)
            if isinstance(widget, HoursField):
                widget.set_number(value)
            elif isinstance(widget, EnumCombo):
                widget.set_value(ContractType(value) if value else None)
            elif hasattr(widget, "set_value"):
                widget.set_value(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value or "")

    @staticmethod
    def _read(widget: QWidget) -> object:
        if isinstance(widget, HoursField):
            return widget.number()
        if hasattr(widget, "value"):
            return widget.value()
        if isinstance(widget, QLineEdit):
            return widget.text().strip() or None
        return None

    def exit_input(self) -> ExitInput:
        """The exit as typed; ``record_exit`` keeps only the block of the reason."""
        on, reason = self.date_field.value(), self.reason.value()
        assert on is not None and reason is not None
        values = {name: self._read(widget) for name, widget in self.inputs.items()}
        employer = self.inputs["employment_employer_id"]
        assert isinstance(employer, DirectoryCombo)
        values["employment_employer_name"] = employer.new_name()
        known = {f.name for f in fields(ExitInput)}
        return ExitInput(date=on, reason=reason, **{k: v for k, v in values.items() if k in known})

    def refresh(self) -> None:
        reason = self.reason.value()
        for block_reason, (heading, names) in self.blocks.items():
            shown = block_reason is reason
            self.form.layout_.setRowVisible(heading, shown)
            for name in names:
                self.form.set_row_visible(name, shown)
        on = self.date_field.value()
        if on is not None and reason is not None:
            verdict = classify_exit(self.exit_input())
            colour = (
                POSITIVE_COLOUR
                if verdict.positive
                else NEGATIVE_COLOUR
                if verdict.complete
                else PENDING_COLOUR
            )
            self.verdict.setText(verdict.reason)
            self.verdict.setStyleSheet(f"color: {colour}; font-weight: bold;")
        if reason is not None and reason.is_interruption and isinstance(on, date):
            due = on + timedelta(days=NOTICE_DAYS)
            self.set_advice(
                [f"Prévenir France Travail sous 48 heures : au plus tard le {fr_date(due)}"]
            )
        else:
            self.set_advice([])
        self.grow_to_fit()

    def save(self, accept_warnings: bool) -> int | None:
        record_exit(self.desk, self.case_id, self.exit_input(), accept_warnings=accept_warnings)
        return self.case_id
