"""The milestones of a case: contracting interview, online obligations, renewal,
retention at 3 months, and a change of referent."""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ...models import ContractingResult
from ...rules.calendar import add_months
from ...rules.validation import Problem, fr_date
from ...rules.validation.common import CONTRACTING_DAYS, RENEWAL_MONTHS
from ...services import milestones as ms
from ...services.context import Desk
from ...services.lookups import load_case, referent_choices
from ...services.orders import change_referent
from ..widgets import ChoiceCombo, DateField, EnumCombo
from .base import CaseDialog


class ContractingDialog(CaseDialog):
    """The contracting interview (entretien de contractualisation) and its result.

    Once recorded, it is corrected here: another date or result, or « — » to take a
    wrongly recorded interview back (refused while what followed needs the contract).
    """

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        case = load_case(desk, case_id)
        recorded = case.contracting_result is not None
        title = (
            "Corriger l'entretien de contractualisation"
            if recorded
            else "Entretien de contractualisation"
        )
        super().__init__(desk, case_id, title, parent)
        self.date_field = DateField(self.case.contracting_date or self.today)
        # Not ``self.result``: that is QDialog.result(), the dialog's own outcome.
        self.outcome = EnumCombo(list(ContractingResult), optional=recorded)
        if recorded:
            self.outcome.set_value(ContractingResult(self.case.contracting_result))
        self.add_field("date", "&Date de l'entretien :", self.date_field)
        self.add_field("result", "&Résultat :", self.outcome)
        self.date_field.dateChanged.connect(self.refresh_advice)
        self.outcome.currentIndexChanged.connect(self.refresh_advice)
        self.finish_layout()
        self.refresh_advice()

    def clearing(self) -> bool:
        """« — » chosen for a recorded interview: it is to be taken back."""
        return self.outcome.value() is None

    def refresh_advice(self) -> None:
        self.date_field.setEnabled(not self.clearing())
        if self.clearing():
            self.set_advice(
                [
                    "L'entretien enregistré sera effacé : le dossier redevient « Commandée »",
                    "Refusé tant que des entretiens réalisés, une sortie ou d'autres "
                    "étapes supposent le contrat signé",
                ],
                "Effacer l'entretien",
            )
            return
        deadline = self.case.start_date + timedelta(days=CONTRACTING_DAYS)
        lines = [f"Au plus tard le {fr_date(deadline)} (S + 7 jours)"]
        on = self.date_field.value()
        if on is not None and on > deadline:
            lines.append("Après la date limite de l'entretien de contractualisation")
        self.set_advice(lines)

    def save(self, accept_warnings: bool) -> int | None:
        ms.record_contracting(
            self.desk,
            self.case_id,
            on=self.date_field.value(),
            result=self.outcome.value(),
            accept_warnings=accept_warnings,
        )
        return self.case_id


class OnlineObligationsDialog(CaseDialog):
    """Offers subscription and online profile on the France Travail site (step 3)."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Obligations en ligne", parent)
        self.offers = DateField(self.case.offers_subscription_date, optional=True)
        self.profile = DateField(self.case.online_profile_date, optional=True)
        self.add_field(
            "offers", "&Abonnement aux offres le :", self.offers, aliases=["offers_subscription"]
        )
        self.add_field("profile", "&Profil en ligne le :", self.profile, aliases=["online_profile"])
        self.set_advice(
            ["Laissez la date vide tant que la démarche n'est pas faite (Suppr l'efface)"],
            "Aide",
        )
        self.finish_layout()

    def check(self) -> list[Problem]:
        problems = []
        for key, field in (("offers", self.offers), ("profile", self.profile)):
            on = field.value()
            if on is not None and on < self.case.start_date:
                problems.append(
                    Problem(key, f"la date précède le début S ({fr_date(self.case.start_date)}).")
                )
        return problems

    def save(self, accept_warnings: bool) -> int | None:
        ms.record_online_obligations(
            self.desk,
            self.case_id,
            offers_subscription=self.offers.value(),
            online_profile=self.profile.value(),
        )
        return self.case_id


#: The choices of the renewal dialog, in the order shown.
RENEWAL_CHOICES = (
    ("envisaged", "Renouvellement envisagé (contacter France Travail à partir de E − 15)"),
    ("granted", "Décision de France Travail : renouvellement accordé"),
    ("refused", "Décision de France Travail : renouvellement refusé"),
)


class RenewalDialog(CaseDialog):
    """Renewal (renouvellement): envisaged, or France Travail's decision with its date."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Renouvellement", parent)
        self.choice = QComboBox()
        for code, label in RENEWAL_CHOICES:
            self.choice.addItem(label, code)
        self.decision_date = DateField(self.today)
        self.new_end = QLabel()
        self.new_end.setObjectName("renewalEnd")
        self.add_field(
            "choice", "&Situation :", self.choice, aliases=["renewal.envisaged", "renewal"]
        )
        self.add_field(
            "decision_date",
            "Date de la &décision :",
            self.decision_date,
            aliases=["renewal.decision_date"],
        )
        self.form.add_row("Nouvelle fin :", self.new_end)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.finish_layout()
        self.refresh()

    def decision(self) -> str:
        return str(self.choice.currentData())

    def refresh(self) -> None:
        deciding = self.decision() != "envisaged"
        self.decision_date.setEnabled(deciding)
        end = self.case.end_date
        if self.decision() == "granted":
            renewed = end + relativedelta(months=RENEWAL_MONTHS)
            self.new_end.setText(f"{fr_date(renewed)} (E + 6 mois)")
        else:
            self.new_end.setText(f"{fr_date(end)} (inchangée)")
        self.set_advice(["Une prestation ne se renouvelle qu'une fois, pour 6 mois"], "Règle")

    def save(self, accept_warnings: bool) -> int | None:
        if self.decision() == "envisaged":
            ms.envisage_renewal(self.desk, self.case_id)
        else:
            on = self.decision_date.value()
            assert on is not None
            ms.record_renewal_decision(
                self.desk, self.case_id, decided_on=on, granted=self.decision() == "granted"
            )
        return self.case_id


class RetentionDialog(CaseDialog):
    """Still in the job (or the business alive) 3 months after the exit (maintien)?"""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Maintien à 3 mois", parent)
        self.retained = QComboBox()
        self.retained.addItem("Oui : toujours en emploi ou en activité", True)
        self.retained.addItem("Non", False)
        self.date_field = DateField(self.today)
        self.add_field(
            "retained", "&Maintien :", self.retained, aliases=["follow_up.retained_at_3_months"]
        )
        self.add_field(
            "date", "&Constaté le :", self.date_field, aliases=["follow_up.retention_recorded_on"]
        )
        exit = self.case.exit
        if exit is not None:
            due = add_months(exit.date, ms.RETENTION_MONTHS)
            self.set_advice(
                [
                    f"Le maintien se constate à J + 3 mois, le {fr_date(due)} : « Oui » ne se "
                    "note pas avant ; « Non » se note dès que la personne a quitté son poste"
                ],
                "Règle",
            )
        self.finish_layout()

    def save(self, accept_warnings: bool) -> int | None:
        on = self.date_field.value()
        assert on is not None
        ms.record_retention(
            self.desk, self.case_id, retained=bool(self.retained.currentData()), on=on
        )
        return self.case_id


class ReferentDialog(CaseDialog):
    """Hand the case to another referent from a date, with the reason."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Changer de référent", parent)
        current = self.case.referent
        self.current = QLabel(current.full_name)
        choices = [c for c in referent_choices(desk) if c.id != current.id]
        self.referent = ChoiceCombo(choices, none_text="— choisir —")
        self.date_field = DateField(self.today)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("ex. départ, congé, répartition des dossiers")
        self.form.add_row("Référent actuel :", self.current)
        self.add_field(
            "new_referent", "&Nouveau référent :", self.referent, aliases=["referent_id"]
        )
        # The service names the change itself when its date is wrong.
        self.add_field("date", "À &partir du :", self.date_field, aliases=["referent"])
        self.add_field("reason", "&Motif :", self.reason)
        self.finish_layout()

    def save(self, accept_warnings: bool) -> int | None:
        referent, on = self.referent.value(), self.date_field.value()
        assert on is not None
        change_referent(
            self.desk, self.case_id, referent, on=on, reason=self.reason.text().strip() or None
        )
        return self.case_id
