"""The diagnostic and the action plan: barriers (freins), action-plan steps and
professional leads (pistes professionnelles)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLineEdit, QWidget

from ...models import ActionStatus, ActionStep, BarrierCategory, BarrierStatus
from ...services.context import Desk
from ...services.lookups import partner_choices, read_action, read_barrier
from ...services.rows import (
    Referral,
    add_action,
    add_barrier,
    add_job_target,
    update_action,
    update_barrier,
)
from ..jobs import JobFields
from ..widgets import ChoiceCombo, DateField, EnumCombo
from .base import CaseDialog
from .periods import notes_field

NONE_TEXT = "— aucun —"
#: A request handed to a partner is followed up after this many days, unless told.
REFERRAL_FOLLOW_UP_DAYS = 14


class BarrierDialog(CaseDialog):
    """A barrier found in the diagnostic, or its follow-up (``barrier_id``)."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        barrier_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = read_barrier(desk, barrier_id) if barrier_id is not None else None
        super().__init__(desk, case_id, "Frein" if existing else "Nouveau frein", parent)
        self.barrier_id = barrier_id
        self.category = EnumCombo(list(BarrierCategory))
        self.description = notes_field(70)
        self.status = EnumCombo(list(BarrierStatus))
        self.partner = ChoiceCombo(partner_choices(desk), none_text=NONE_TEXT)
        # The request handed to the partner (orientation), followed up by its date.
        self.referred_on = DateField(optional=True)
        self.follow_up_on = DateField(optional=True)
        self.referral_closed_on = DateField(optional=True)
        self.add_field("category", "&Catégorie :", self.category)
        self.add_field("description", "&Description :", self.description)
        self.add_field("status", "&Statut :", self.status)
        self.add_field("partner", "&Partenaire mobilisé :", self.partner, aliases=["partner_id"])
        self.form.add_section("Demande au partenaire")
        self.add_field("referred_on", "Demande &faite le :", self.referred_on)
        self.add_field("follow_up_on", "À &relancer le :", self.follow_up_on)
        self.add_field("referral_closed_on", "Ré&ponse reçue le :", self.referral_closed_on)
        if existing is not None:
            self.category.set_value(existing.category)
            # The category names the barrier; following it up changes the rest.
            self.category.setEnabled(False)
            self.description.setPlainText(existing.description or "")
            self.status.set_value(existing.status)
            self.partner.set_value(existing.partner_id)
            self.referred_on.set_value(existing.referred_on)
            self.follow_up_on.set_value(existing.follow_up_on)
            self.referral_closed_on.set_value(existing.referral_closed_on)
        #: The follow-up date the form proposed itself (replaced when the request moves).
        self._proposed: str | None = None
        self.referred_on.dateChanged.connect(lambda _d: self._propose_follow_up())
        self.finish_layout()

    def _propose_follow_up(self) -> None:
        """A request just dated is followed up two weeks later, unless a date was typed."""
        on = self.referred_on.value()
        typed = self.follow_up_on.text().strip()
        if on is None or (typed and typed != self._proposed):
            return
        self.follow_up_on.set_value(on + timedelta(days=REFERRAL_FOLLOW_UP_DAYS))
        self._proposed = self.follow_up_on.text().strip()

    def referral(self) -> Referral:
        return Referral(
            self.referred_on.value(), self.follow_up_on.value(), self.referral_closed_on.value()
        )

    def save(self, accept_warnings: bool) -> int | None:
        category, status = self.category.value(), self.status.value()
        assert category is not None and status is not None
        description = self.description.toPlainText().strip() or None
        if self.barrier_id is not None:
            update_barrier(
                self.desk,
                self.barrier_id,
                status=status,
                description=description,
                partner_id=self.partner.value(),
                referral=self.referral(),
            )
            return self.barrier_id
        return add_barrier(
            self.desk,
            self.case_id,
            category=category,
            description=description,
            status=status,
            partner_id=self.partner.value(),
            referral=self.referral(),
        )


class ActionDialog(CaseDialog):
    """A step of the action plan (phase 2), with its due date and partner; ``action_id``
    to follow one up or correct it."""

    def __init__(
        self,
        desk: Desk,
        case_id: int,
        action_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        existing = read_action(desk, action_id) if action_id is not None else None
        super().__init__(desk, case_id, "Action" if existing else "Nouvelle action", parent)
        self.action_id = action_id
        self.step = EnumCombo(list(ActionStep))
        self.description = QLineEdit()
        self.due = DateField(existing.due_date if existing else None, optional=True)
        self.status = EnumCombo(list(ActionStatus))
        self.partner = ChoiceCombo(partner_choices(desk), none_text=NONE_TEXT)
        self.add_field("step", "É&tape :", self.step)
        self.add_field("description", "&Action :", self.description)
        self.add_field("due", "&Échéance :", self.due, aliases=["due_date"])
        self.add_field("status", "&Statut :", self.status)
        self.add_field("partner", "&Partenaire :", self.partner, aliases=["partner_id"])
        if existing is not None:
            self.step.set_value(existing.step)
            # The step places the action in the plan; following it up changes the rest.
            self.step.setEnabled(False)
            self.description.setText(existing.description)
            self.status.set_value(existing.status)
            self.partner.set_value(existing.partner_id)
        else:
            # A new action is planned; its status is followed up afterwards.
            self.form.set_row_visible("status", False)
        self.finish_layout(600)

    def save(self, accept_warnings: bool) -> int | None:
        step = self.step.value()
        assert step is not None
        if self.action_id is not None:
            status = self.status.value()
            assert status is not None
            update_action(
                self.desk,
                self.action_id,
                status=status,
                description=self.description.text(),
                due_date=self.due.value(),
                partner_id=self.partner.value(),
            )
            return self.action_id
        return add_action(
            self.desk,
            self.case_id,
            step=step,
            description=self.description.text(),
            due_date=self.due.value(),
            partner_id=self.partner.value(),
        )


class JobTargetDialog(CaseDialog):
    """A professional lead: the job title (searched among the ROME titles the office
    knows) and its ROME code."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Nouvelle piste professionnelle", parent)
        self.job = JobFields(desk)
        self.title_field, self.rome = self.job.title, self.job.code
        self.add_field("title", "&Métier :", self.title_field)
        self.add_field("rome", "Code &ROME :", self.rome)
        self.form.add_row("", self.job.hint)
        self.job.explain_code()
        self.finish_layout()

    def save(self, accept_warnings: bool) -> int | None:
        return add_job_target(
            self.desk, self.case_id, title=self.title_field.text(), rome=self.rome.text()
        )
