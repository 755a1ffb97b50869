"""Sections « Sortie et suivi », « Paiements » and « Historique » (« Documents »: ui/documents)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...services import milestones
from ...services.case_file_view import CaseFileView, FollowUpRow, TrancheRow
from ..formatting import format_euros
from .section import Host, Section
from .table import Column
from .text import DASH, TONES, date_time, short_date

_FOLLOW_UP_TONES = {"fait": "ok", "manqué": "late", "en cours": "warn"}
_TRANCHE_TONES = {
    "due_missing_documents": "late",
    "ready_to_invoice": "warn",
    "paid": "ok",
    "not_due": "muted",
}


def _colour(text: str, tone: str) -> str:
    return f'<span style="color:{TONES[tone].name()}">{text}</span>'


class ExitSection(Section):
    """The exit, whether it is positive and why, the follow-up windows and retention."""

    TITLE = "Sortie et suivi"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.verdict = self.add_label("exitVerdict", rich=True)
        self.follow_up_heading = self.add_heading("Suivi dans l'emploi ou la formation (3 mois)")
        self.windows, self.window_view = self.add_table(
            [
                Column("Entretien", lambda w: f"{w.number}{'er' if w.number == 1 else 'e'}"),
                Column("Du", lambda w: short_date(w.start)),
                Column("Au plus tard le", lambda w: short_date(w.due)),
                Column("État", lambda w: w.state, tone=_window_tone),
            ],
            "followUpTable",
            stretch=0,
        )
        self.retention = self.add_label("retentionLabel")
        self.body.addStretch(1)
        self.add_form_button(
            "Enregistrer la sortie…",
            "ExitDialog",
            name="exitButton",
        )
        self.cancel_button = self.add_button(
            "Annuler la sortie", self.cancel_exit, name="cancelExitButton"
        )
        self.retention_button = self.add_form_button(
            "Maintien à 3 mois…",
            "RetentionDialog",
            name="retentionButton",
        )
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        exit = view.exit
        self.cancel_button.setEnabled(exit is not None)
        # Only a positive exit is followed for 3 months: otherwise the table would be noise.
        followed = exit is not None and bool(exit.follow_up)
        self.follow_up_heading.setVisible(followed)
        self.window_view.setVisible(followed)
        if exit is None:
            self.verdict.setText("Aucune sortie enregistrée.")
            self.retention.setText("")
            self.fill(self.windows, self.window_view, ())
            return
        if exit.positive:
            verdict = _colour("Sortie positive", "ok")
        elif exit.complete:
            verdict = _colour("Sortie non positive", "late")
        else:
            verdict = _colour("Sortie à compléter", "warn")
        details = "".join(f"<br>{line}" for line in exit.details)
        self.verdict.setText(
            f"<b>{exit.reason}</b> le {short_date(exit.date)} — <b>{verdict}</b><br>"
            f"{exit.verdict}{details}"
        )
        self.fill(self.windows, self.window_view, exit.follow_up)
        if exit.retention_due is None:
            self.retention.setText("")
        elif exit.retained is None:
            due = short_date(exit.retention_due)
            self.retention.setText(f"Maintien dans l'emploi à 3 mois : à constater le {due}.")
        else:
            answer = "oui" if exit.retained else "non"
            self.retention.setText(
                f"Maintien dans l'emploi à 3 mois : {answer} "
                f"(constaté le {short_date(exit.retention_recorded_on)})."
            )
        if not self.retention_button.property("missingForm"):
            self.retention_button.setEnabled(exit.retention_due is not None)

    def cancel_exit(self) -> None:
        self.confirm_then(
            "Annuler la sortie",
            "Annuler la sortie enregistrée ? Le dossier redevient en cours ; "
            "l'historique garde la sortie annulée.",
            lambda: milestones.cancel_exit(self.host.desk, self.host.case_id),
        )


def _window_tone(row: FollowUpRow) -> str | None:
    return _FOLLOW_UP_TONES.get(row.state)


def _tranche_tone(row: TrancheRow) -> str | None:
    return _TRANCHE_TONES.get(row.status_code)


class PaymentsSection(Section):
    """The tranches of the case: amount, status, missing documents, invoice."""

    TITLE = "Paiements"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.summary = self.add_label("paymentSummary")
        self.tranches, self.tranche_view = self.add_table(
            [
                Column("Tranche", lambda t: t.label),
                Column("Montant HT", lambda t: format_euros(t.amount_cents), right=True),
                Column("Statut", lambda t: t.status, tone=_tranche_tone),
                Column("Échéance", lambda t: short_date(t.due_date)),
                Column(
                    "Pièces manquantes",
                    lambda t: " ; ".join(t.missing) or DASH,
                    tone=lambda t: "late" if t.missing else None,
                ),
                Column("Facture", lambda t: _invoice(t)),
                Column("Payée le", lambda t: short_date(t.paid_date)),
            ],
            "trancheTable",
            stretch=0,
        )
        self.explanations = self.add_label("trancheExplanations")
        self.body.addStretch(1)
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        if view.price_cents:
            self.summary.setText(
                f"Prix de la prestation : {format_euros(view.price_cents)} HT."
            )
        else:
            self.summary.setText(
                "Le prix de la prestation n'est pas renseigné (Paramètres) : "
                "les montants sont à zéro."
            )
        self.fill(self.tranches, self.tranche_view, view.tranches)
        self.explanations.setText(
            "\n".join(f"{t.label} : {t.explanation}" for t in view.tranches)
        )


def _invoice(row: TrancheRow) -> str:
    if row.invoice_number is None and row.invoice_date is None:
        return DASH
    return f"n° {row.invoice_number or DASH} du {short_date(row.invoice_date)}"


class HistorySection(Section):
    """The audit log of the case, newest first."""

    TITLE = "Historique"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.entries, self.history_view = self.add_table(
            [
                Column("Le", lambda h: date_time(h.at)),
                Column("Par", lambda h: h.user),
                Column("Opération", lambda h: h.action),
                Column("Détail", lambda h: h.summary, tip=lambda h: h.summary),
            ],
            "historyTable",
        )
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        self.fill(self.entries, self.history_view, view.history)
