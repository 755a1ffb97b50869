"""Sections « Diagnostic », « Plan d'action », « Périodes en entreprise », « Suspensions »."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...models import ActionStatus, BarrierStatus
from ...services import milestones
from ...services import rows as row_services
from ...services.case_file_view import LEAVE_LIMIT_DAYS, BarrierRow, CaseFileView
from .section import Host, Section
from .table import Column, selected_row
from .text import DASH, days, short_date


class DiagnosticSection(Section):
    """Barriers (freins) found in phase 1, with the partner working on each."""

    TITLE = "Diagnostic"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = self.add_label("diagnosticSummary")
        self.barriers, self.barrier_view = self.add_table(
            [
                Column("Frein", lambda b: b.category),
                Column("Statut", lambda b: b.status, tone=lambda b: "ok" if b.lifted else None),
                Column("Partenaire", lambda b: b.partner or DASH),
                Column("Demande", _referral_text, tone=self._referral_tone),
                Column("Repéré le", lambda b: short_date(b.identified_on)),
                Column("Levé le", lambda b: short_date(b.lifted_on)),
                Column("Description", lambda b: (b.description or "").replace("\n", " ")),
            ],
            "barrierTable",
        )
        self.add_form_button(
            "Ajouter un frein…",
            "BarrierDialog",
            name="addBarrierButton",
        )
        self.add_button(
            "Marquer comme levé",
            self.lift_selected,
            name="liftBarrierButton",
            needs=self.barrier_view,
            when=lambda b: not b.lifted,
        )
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        open_count = sum(1 for b in view.barriers if not b.lifted)
        self.summary.setText(
            f"{len(view.barriers)} frein(s) repéré(s), dont {open_count} encore à lever."
            if view.barriers
            else "Aucun frein enregistré."
        )
        self.fill(self.barriers, self.barrier_view, view.barriers)

    def _referral_tone(self, row: BarrierRow) -> str | None:
        if not row.referral_open or row.follow_up_on is None:
            return None
        return "late" if row.follow_up_on < self.host.today() else "warn"

    def lift_selected(self) -> None:
        row = selected_row(self.barrier_view)
        if row is None:
            return
        self.host.perform(
            lambda: row_services.update_barrier(
                self.host.desk,
                row.id,
                status=BarrierStatus.LIFTED,
                description=row.description,
                partner_id=row.partner_id,
            )
        )


def _referral_text(row: BarrierRow) -> str:
    """« du 02/03/2026, relance le 16/03/2026 », « réponse le … » once answered."""
    if row.referred_on is None:
        return DASH
    text = f"du {short_date(row.referred_on)}"
    if row.referral_closed_on is not None:
        return f"{text}, réponse le {short_date(row.referral_closed_on)}"
    if row.referral_open and row.follow_up_on is not None:
        return f"{text}, relance le {short_date(row.follow_up_on)}"
    return text


class PlanSection(Section):
    """Phase 2: its start, the online obligations, actions by step and job targets."""

    TITLE = "Plan d'action"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = self.add_label("planSummary")
        self.actions, self.action_view = self.add_table(
            [
                Column("Étape", lambda a: a.step.split(" — ")[0]),
                Column("Action", lambda a: a.description),
                Column("Échéance", lambda a: short_date(a.due_date)),
                Column("Statut", lambda a: a.status, tone=lambda a: "ok" if a.done else None),
                Column("Réalisée le", lambda a: short_date(a.done_on)),
                Column("Partenaire", lambda a: a.partner or DASH),
            ],
            "actionTable",
            stretch=3,
        )
        self.add_heading("Pistes professionnelles")
        self.targets, self.target_view = self.add_table(
            [Column("Métier", lambda t: t.title), Column("Code ROME", lambda t: t.rome or DASH)],
            "targetTable",
        )
        self.phase2_button = self.add_button(
            "Passer en phase 2 aujourd'hui",
            self.start_phase2,
            name="phase2Button",
        )
        self.add_form_button(
            "Obligations en ligne…",
            "OnlineObligationsDialog",
            name="onlineButton",
        )
        self.add_form_button(
            "Ajouter une action…",
            "ActionDialog",
            name="addActionButton",
        )
        self.edit_action_button = self.add_button(
            "Modifier…",
            self.edit_selected,
            name="editActionButton",
            dialog="ActionDialog",
            needs=self.action_view,
        )
        self.add_button(
            "Marquer comme réalisée",
            self.mark_done,
            name="actionDoneButton",
            needs=self.action_view,
            when=lambda a: not a.done,
        )
        self.add_form_button(
            "Ajouter une piste…",
            "JobTargetDialog",
            name="addTargetButton",
        )
        self.action_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        plan = view.plan
        if plan.phase2_start is None:
            start = "Phase 2 non commencée."
        else:
            start = f"Phase 2 commencée le {short_date(plan.phase2_start)}."
        self.summary.setText(
            f"{start} Abonnement aux offres : {short_date(plan.offers_subscription)} — "
            f"profil en ligne : {short_date(plan.online_profile)}."
        )
        self.phase2_button.setEnabled(
            view.header.phase == 1 and view.header.status.value == "active"
        )
        self.fill(self.actions, self.action_view, plan.actions)
        self.fill(self.targets, self.target_view, plan.job_targets)

    def start_phase2(self) -> None:
        today = self.host.today()
        self.confirm_then(
            "Passer en phase 2",
            f"Enregistrer le début de la phase 2 (plan d'action) le {short_date(today)} ?",
            lambda: milestones.start_phase2(self.host.desk, self.host.case_id, on=today),
        )

    def edit_selected(self) -> None:
        row = selected_row(self.action_view)
        if row is not None and self.edit_action_button.isEnabled():
            self.host.open_dialog("ActionDialog", action_id=row.id)

    def mark_done(self) -> None:
        row = selected_row(self.action_view)
        if row is not None:
            self.host.perform(
                lambda: row_services.update_action(
                    self.host.desk, row.id, status=ActionStatus.DONE
                )
            )


class CompanyPeriodsSection(Section):
    """Periods in a company (PMSMP…): 7 days at least satisfy the phase-2 obligation."""

    TITLE = "Périodes en entreprise"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = self.add_label("periodSummary")
        self.periods, self.period_view = self.add_table(
            [
                Column("Entreprise", lambda p: p.employer or DASH),
                Column("Du", lambda p: short_date(p.start)),
                Column("Au", lambda p: short_date(p.end)),
                Column(
                    "Durée",
                    lambda p: days(p.days),
                    tone=lambda p: None if p.enough else "warn",
                    tip=lambda p: None if p.enough else "Moins de 7 jours : ne compte pas",
                    right=True,
                ),
                Column("Métier", lambda p: p.job_title or DASH),
                Column("ROME", lambda p: p.rome or DASH),
                Column("Tuteur", lambda p: p.tutor or DASH),
                Column("Décision", lambda p: p.decision or DASH),
                Column("Évaluation", lambda p: (p.evaluation or "").replace("\n", " ")),
            ],
            "periodTable",
        )
        self.add_form_button(
            "Ajouter une période…",
            "CompanyPeriodDialog",
            name="addPeriodButton",
        )
        self.edit_button = self.add_button(
            "Modifier…",
            self.edit_selected,
            name="editPeriodButton",
            dialog="CompanyPeriodDialog",
            needs=self.period_view,
        )
        self.add_button(
            "Supprimer", self.delete_selected, name="deletePeriodButton", needs=self.period_view
        )
        self.period_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        enough = any(p.enough for p in view.company_periods)
        self.summary.setText(
            "Obligation remplie : une période d'au moins 7 jours."
            if enough
            else "Obligation de phase 2 : au moins une période de 7 jours, à planifier."
        )
        self.fill(self.periods, self.period_view, view.company_periods)

    def edit_selected(self) -> None:
        row = selected_row(self.period_view)
        if row is not None and self.edit_button.isEnabled():
            self.host.open_dialog("CompanyPeriodDialog", period_id=row.id)

    def delete_selected(self) -> None:
        row = selected_row(self.period_view)
        if row is not None:
            self.confirm_then(
                "Supprimer une période en entreprise",
                f"Supprimer la période du {short_date(row.start)} au {short_date(row.end)} ?",
                lambda: row_services.delete_company_period(self.host.desk, row.id),
            )


class SuspensionsSection(Section):
    """Suspensions without postponement: sickness (14 days each), leave (35 in all)."""

    TITLE = "Suspensions"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = self.add_label("suspensionSummary")
        self.suspensions, self.suspension_view = self.add_table(
            [
                Column("Motif", lambda s: s.kind),
                Column("Du", lambda s: short_date(s.start)),
                Column("Au", lambda s: short_date(s.end)),
                Column(
                    "Durée",
                    lambda s: days(s.days),
                    tone=lambda s: "late" if s.too_long else None,
                    right=True,
                ),
                Column("Notes", lambda s: (s.notes or "").replace("\n", " ")),
            ],
            "suspensionTable",
        )
        self.add_form_button(
            "Ajouter une suspension…",
            "SuspensionDialog",
            name="addSuspensionButton",
        )
        self.edit_button = self.add_button(
            "Modifier…",
            self.edit_selected,
            name="editSuspensionButton",
            dialog="SuspensionDialog",
            needs=self.suspension_view,
        )
        self.add_button(
            "Supprimer",
            self.delete_selected,
            name="deleteSuspensionButton",
            needs=self.suspension_view,
        )
        self.suspension_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        used = view.leave_days_used
        self.summary.setText(
            f"Congés utilisés : {used} / {LEAVE_LIMIT_DAYS} jours. "
            "Une suspension ne repousse pas la date de fin."
        )
        self.fill(self.suspensions, self.suspension_view, view.suspensions)

    def edit_selected(self) -> None:
        row = selected_row(self.suspension_view)
        if row is not None and self.edit_button.isEnabled():
            self.host.open_dialog("SuspensionDialog", suspension_id=row.id)

    def delete_selected(self) -> None:
        row = selected_row(self.suspension_view)
        if row is not None:
            self.confirm_then(
                "Supprimer une suspension",
                f"Supprimer la suspension du {short_date(row.start)} au {short_date(row.end)} ?",
                lambda: row_services.delete_suspension(self.host.desk, row.id),
            )

