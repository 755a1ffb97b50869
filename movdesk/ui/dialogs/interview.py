"""Entering an interview (entretien) from the keyboard, with the rules' advice shown live,
and planning the next appointment in the same step."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QLabel, QPlainTextEdit, QSpinBox, QWidget

from ...models import DEFAULT_INTERVIEW_MINUTES, InterviewKind, InterviewStatus
from ...rules.validation import Problem, fr_date
from ...rules.validation.common import MAX_INTERVIEW_MINUTES
from ...services.advice import (
    clash_notes,
    interview_advice,
    next_appointment,
    next_follow_up,
)
from ...services.agenda import referent_busy
from ...services.context import Desk
from ...services.errors import ValidationFailed
from ...services.lookups import (
    employer_choices,
    partner_choices,
    read_interview,
)
from ...services.office import read_office
from ...services.rows import schedule_interview, update_interview
from ..widgets import ChoiceCombo, DateField, EnumCombo, TimeField
from .base import CaseDialog

#: The kinds entered here; the contracting interview has its own dialog.
FORM_KINDS = (
    InterviewKind.INDIVIDUAL,
    InterviewKind.GROUP,
    InterviewKind.PHONE,
    InterviewKind.FOLLOW_UP,
)
NONE_TEXT = "— aucun —"


def default_status(on: date, today: date) -> InterviewStatus:
    """A date today or past is usually being recorded as held; a future one is planned."""
    return InterviewStatus.ATTENDED if on <= today else InterviewStatus.PLANNED


class InterviewDialog(CaseDialog):
    """Record or correct one interview of a case (``interview_id`` to correct)."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        interview_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = read_interview(desk, interview_id) if interview_id is not None else None
        title = "Modifier l'entretien" if existing else "Nouvel entretien"
        super().__init__(desk, case_id, title, parent)
        self.interview_id = interview_id
        #: The planned appointment created with this interview, once saved.
        self.next_interview_id: int | None = None
        self.alsace_moselle = read_office(desk).alsace_moselle
        # The status follows the date until the user picks one himself.
        self._status_chosen = existing is not None
        self._next_date_chosen = False
        # True while the dialog itself moves the next date (not a user's choice).
        self._proposing = False

        kinds = FORM_KINDS
        if existing and existing.kind not in FORM_KINDS:
            kinds = (existing.kind, *FORM_KINDS)
        self.date_field = DateField(existing.date if existing else self.today)
        self.time_field = TimeField(existing.time if existing else None)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, MAX_INTERVIEW_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(existing.minutes if existing else DEFAULT_INTERVIEW_MINUTES)
        self.kind = EnumCombo(kinds)
        self.status = EnumCombo(list(InterviewStatus))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.partner = ChoiceCombo(partner_choices(desk), none_text=NONE_TEXT)
        self.employer = ChoiceCombo(employer_choices(desk), none_text=NONE_TEXT)
        self.plan_next = QCheckBox("&Planifier le prochain rendez-vous")
        self.next_date = DateField(self.today)
        self.next_time = TimeField()
        self.next_hint = QLabel()
        self.next_hint.setObjectName("nextHint")

        self.add_field("date", "&Date :", self.date_field)
        self.add_field("time", "&Heure :", self.time_field)
        self.add_field("minutes", "D&urée :", self.minutes)
        self.add_field("kind", "&Type :", self.kind)
        self.add_field("status", "&Statut :", self.status)
        self.add_field("notes", "&Notes :", self.notes)
        self.add_field("partner", "P&artenaire associé :", self.partner)
        self.add_field("employer", "&Entreprise associée :", self.employer)
        self.add_field("plan_next", "", self.plan_next)
        self.add_field(
            "next_date", "Prochain &rendez-vous :", self.next_date, aliases=["next", "next.date"]
        )
        self.add_field("next_time", "Heure du rendez-&vous :", self.next_time)
        self.form.add_row("", self.next_hint)

        if existing:
            self.kind.set_value(existing.kind)
            self.status.set_value(existing.status)
            self.notes.setPlainText(existing.notes or "")
            self.partner.set_value(existing.partner_id)
            self.employer.set_value(existing.employer_id)
        else:
            self.status.set_value(default_status(self.today, self.today))

        self.date_field.dateChanged.connect(self._on_date_changed)
        self.minutes.valueChanged.connect(self.refresh_advice)
        self.time_field.timeChanged.connect(self.refresh_advice)
        self.kind.currentIndexChanged.connect(self.refresh_advice)
        self.kind.currentIndexChanged.connect(lambda _index: self._propose_next())
        self.status.currentIndexChanged.connect(self.refresh_advice)
        self.status.activated.connect(self._on_status_chosen)
        self.next_date.dateChanged.connect(self._on_next_date_edited)
        self.plan_next.toggled.connect(self._on_plan_next)
        self._on_plan_next(False)
        self._propose_next()
        self.refresh_advice()
        self.finish_layout()

    # -- live behaviour -------------------------------------------------------------

    def _on_status_chosen(self) -> None:
        self._status_chosen = True

    def _on_date_changed(self) -> None:
        on = self.date_field.value()
        if on is not None and not self._status_chosen:
            self.status.set_value(default_status(on, self.today))
        self._propose_next()
        self.refresh_advice()

    def _on_next_date_edited(self) -> None:
        if not self._proposing:
            self._next_date_chosen = True

    def _on_plan_next(self, checked: bool) -> None:
        for widget in (self.next_date, self.next_time, self.next_hint):
            widget.setEnabled(checked)

    def _propose_next(self) -> None:
        """One week later on a working day, never after the 14-day limit; after a
        follow-up interview, in the next follow-up window."""
        on = self.date_field.value()
        if on is None:
            return
        if self.kind.value() is InterviewKind.FOLLOW_UP:
            found = next_follow_up(self.case, on, alsace_moselle=self.alsace_moselle)
            if found is None:
                self._show_next(None, "Plus d'entretien de suivi dû : le suivi de 3 mois s'achève.")
                return
            proposed, window = found
            number = "1er" if window.number == 1 else f"{window.number}e"
            hint = (
                f"{number} entretien de suivi : du {fr_date(window.start)} au "
                f"{fr_date(window.due)} (suivi dans l'emploi)"
            )
            self._show_next(proposed, hint)
            return
        proposed, latest = next_appointment(self.case, on, alsace_moselle=self.alsace_moselle)
        self._show_next(proposed, f"Au plus tard le {fr_date(latest)} (règle des 14 jours)")

    def _show_next(self, proposed: date | None, hint: str) -> None:
        """Propose ``proposed`` as the next appointment (unless the user chose one)."""
        if proposed is not None and not self._next_date_chosen:
            self._proposing = True
            self.next_date.set_value(proposed)
            self._proposing = False
            if self.next_time.value() is None:
                self.next_time.set_value(self.time_field.value())
        self.next_hint.setText(hint)

    def advice_lines(self) -> list[str]:
        on, kind, status = self.date_field.value(), self.kind.value(), self.status.value()
        if on is None or kind is None or status is None:
            return []
        lines = interview_advice(
            self.case,
            on=on,
            minutes=self.minutes.value(),
            kind=kind,
            status=status,
            today=self.today,
            alsace_moselle=self.alsace_moselle,
            ignore_id=self.interview_id,
        )
        return lines + self.clash_lines(on, kind, status)

    def clash_lines(self, on: date, kind: InterviewKind, status: InterviewStatus) -> list[str]:
        """The referent's other appointments this one overlaps (none for a missed one)."""
        at = self.time_field.value()
        if at is None or status in (InterviewStatus.ABSENT, InterviewStatus.EXCUSED):
            return []
        ignored = [self.interview_id] if self.interview_id is not None else []
        busy = referent_busy(
            self.desk.session_factory, self.case.referent_id, on, ignore_ids=ignored
        )
        group = kind is InterviewKind.GROUP
        return clash_notes(at, self.minutes.value(), busy, group=group)

    def refresh_advice(self) -> None:
        self.set_advice(self.advice_lines())

    # -- saving ---------------------------------------------------------------------

    def _next_kind(self) -> InterviewKind:
        kind = self.kind.value()
        return (
            InterviewKind.FOLLOW_UP if kind is InterviewKind.FOLLOW_UP else InterviewKind.INDIVIDUAL
        )

    def check(self) -> list[Problem]:
        problems: list[Problem] = []
        on, upcoming = self.date_field.value(), self.next_date.value()
        if self.plan_next.isChecked() and on is not None and upcoming is not None:
            end = self.case.exit.date if self.case.exit else self.case.current_end_date
            if upcoming <= on:
                problems.append(
                    Problem("next.date", "le prochain rendez-vous suit l'entretien saisi.")
                )
            elif upcoming > end and self._next_kind() is not InterviewKind.FOLLOW_UP:
                problems.append(
                    Problem(
                        "next.date",
                        f"le prochain rendez-vous a lieu au plus tard à la fin de la "
                        f"prestation ({fr_date(end)}).",
                    )
                )
        return problems

    def save(self, accept_warnings: bool) -> int | None:
        on, kind, status = self.date_field.value(), self.kind.value(), self.status.value()
        assert on is not None and kind is not None and status is not None
        values = {
            "on": on,
            "kind": kind,
            "at": self.time_field.value(),
            "minutes": self.minutes.value(),
            "status": status,
            "notes": self.notes.toPlainText().strip() or None,
            "partner_id": self.partner.value(),
            "employer_id": self.employer.value(),
        }
        if self.interview_id is not None:
            update_interview(
                self.desk, self.interview_id, accept_warnings=accept_warnings, **values
            )
        else:
            # Kept at once: if the next appointment is refused, saving again corrects this
            # interview instead of recording it twice.
            self.interview_id = schedule_interview(
                self.desk, self.case_id, accept_warnings=accept_warnings, **values
            )
        if self.plan_next.isChecked() and self.next_interview_id is None:
            self.next_interview_id = self._schedule_next(accept_warnings)
        return self.interview_id

    def _schedule_next(self, accept_warnings: bool) -> int:
        upcoming = self.next_date.value()
        assert upcoming is not None
        try:
            return schedule_interview(
                self.desk,
                self.case_id,
                on=upcoming,
                kind=self._next_kind(),
                at=self.next_time.value(),
                minutes=DEFAULT_INTERVIEW_MINUTES,
                status=InterviewStatus.PLANNED,
                accept_warnings=accept_warnings,
            )
        except ValidationFailed as refusal:
            # The rules name the new row's own fields; here they concern the next date.
            raise ValidationFailed(
                [Problem("next.date", p.message, p.severity) for p in refusal.problems]
            ) from refusal
