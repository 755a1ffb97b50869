"""Sections « Commande et bénéficiaire » and « Entretiens » of the case file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...rules.timeline import MAX_GAP_DAYS
from ...services import rows as row_services
from ...services.case_file_view import CaseFileView, InterviewRow, WeekRow
from .section import Host, Section
from .table import Column, selected_row
from .text import DASH, TONES, days, short_date, short_time

_BENEFICIARY_FIELDS = (
    ("name", "Nom"),
    ("birth_date", "Né(e) le"),
    ("pe_id", "Identifiant France Travail"),
    ("category", "Catégorie"),
    ("phone", "Téléphone"),
    ("email", "Courriel"),
    ("address", "Adresse"),
)
_ORDER_FIELDS = (
    ("order_number", "N° de lettre de commande"),
    ("agency", "Agence"),
    ("counsellor", "Conseiller"),
    ("period", "Début et fin prévue"),
    ("renewal", "Renouvellement"),
    ("contracting", "Contractualisation"),
    ("referent", "Référent"),
)


class OrderSection(Section):
    """The order letter, the beneficiary, the referents and the status history."""

    TITLE = "Commande et bénéficiaire"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.values: dict[str, QLabel] = {}
        boxes = QHBoxLayout()
        boxes.addWidget(self._group("Bénéficiaire", _BENEFICIARY_FIELDS), 1)
        boxes.addWidget(self._group("Commande", _ORDER_FIELDS), 1)
        self.body.addLayout(boxes)
        self.add_heading("Référents successifs et statuts")
        history = QHBoxLayout()
        self.referents, self.referent_view = self.add_table(
            [
                Column("Référent", lambda r: r[0]),
                Column("Depuis le", lambda r: short_date(r[1])),
                Column("Jusqu'au", lambda r: short_date(r[2])),
            ],
            "referentTable",
        )
        self.statuses, self.status_view = self.add_table(
            [Column("Le", lambda r: short_date(r[0])), Column("Statut", lambda r: r[1])],
            "statusTable",
        )
        history.addWidget(self.referent_view, 1)
        history.addWidget(self.status_view, 1)
        self.body.addLayout(history, 1)
        self.add_form_button(
            "Modifier le &bénéficiaire…",
            "BeneficiaryDialog",
            name="beneficiaryButton",
            tip="Corriger l'identité, l'identifiant ou les coordonnées du bénéficiaire",
        )
        self.add_form_button(
            "Modifier la &commande…",
            "OrderEditDialog",
            name="orderButton",
            tip="Corriger le n° de commande, les dates S et E, l'agence ou le conseiller",
        )
        self.contracting_button = self.add_form_button(
            "Entretien de contractualisation…",
            "ContractingDialog",
            name="contractingButton",
            tip="Enregistrer ou corriger l'entretien de contractualisation et son résultat",
        )
        self.add_form_button(
            "Changer de référent…",
            "ReferentDialog",
            name="referentButton",
        )
        self.add_form_button(
            "Renouvellement…",
            "RenewalDialog",
            name="renewalButton",
        )
        self.finish()

    def _group(self, title: str, fields: tuple[tuple[str, str], ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for key, label in fields:
            value = QLabel(box)
            value.setObjectName(f"order-{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label} :", value)
            self.values[key] = value
        return box

    def show_view(self, view: CaseFileView) -> None:
        o, h = view.order, view.header
        end = short_date(o.end_date)
        if o.renewed_end_date is not None:
            end = f"{end}, renouvelée jusqu'au {short_date(o.renewed_end_date)}"
        contracting = DASH
        if o.contracting_date is not None:
            contracting = f"{short_date(o.contracting_date)} — {o.contracting_result or DASH}"
        texts = {
            "name": f"{o.civility} {o.last_name.upper()} {o.first_name}".strip(),
            "birth_date": short_date(o.birth_date),
            "pe_id": h.pe_id,
            "category": str(o.category) if o.category else DASH,
            "phone": o.phone or DASH,
            "email": o.email or DASH,
            "address": (o.address or DASH).replace("\n", ", "),
            "order_number": h.order_number,
            "agency": o.agency or DASH,
            "counsellor": o.counsellor or DASH,
            "period": f"du {short_date(o.start_date)} au {end}",
            "renewal": o.renewal,
            "contracting": contracting,
            "referent": h.referent,
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.fill(self.referents, self.referent_view, o.referents)
        self.fill(self.statuses, self.status_view, o.statuses)


def _styled_count(missed: int) -> str:
    text = f"manquées : {missed}"
    if missed:
        return f'<span style="color:{TONES["late"].name()}"><b>{text}</b></span>'
    return text


def _gap_tone(row: InterviewRow) -> str | None:
    return "late" if row.gap_days is not None and row.gap_days > MAX_GAP_DAYS else None


def _week_state(week: WeekRow) -> str:
    return "faite" if week.done else "manquée" if week.missed else "en cours"


def _week_tone(week: WeekRow) -> str | None:
    return "ok" if week.done else "late" if week.missed else "warn"


class InterviewsSection(Section):
    """Interviews in date order, the 14-day clock and the weekly interviews."""

    TITLE = "Entretiens"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.clock_label = self.add_label("clockLabel")
        lists = QHBoxLayout()
        self.body.addLayout(lists, 1)
        self.interviews, self.interview_view = self.add_table(
            [
                Column("Date", lambda r: short_date(r.date)),
                Column("Heure", lambda r: short_time(r.time)),
                Column("Durée", lambda r: f"{r.minutes} min", right=True),
                Column("Type", lambda r: r.kind),
                Column(
                    "Statut", lambda r: r.status, tone=lambda r: None if r.attended else "muted"
                ),
                Column(
                    "Semaine",
                    lambda r: "compte" if r.counts_for_week else "",
                    tip=lambda r: "Entretien individuel d'au moins 30 minutes : "
                    "il vaut pour sa semaine"
                    if r.counts_for_week
                    else None,
                ),
                Column(
                    "Écart",
                    lambda r: days(r.gap_days) if r.gap_days is not None else "",
                    tone=_gap_tone,
                    tip=lambda r: "Jours depuis l'entretien précédent, hors suspensions et "
                    "périodes en entreprise (14 au plus)",
                    right=True,
                ),
                Column("Notes", lambda r: (r.notes or "").replace("\n", " ")),
            ],
            "interviewTable",
            stretch=3,
            into=lists,
        )
        weeks = QVBoxLayout()
        lists.addLayout(weeks, 1)
        self.weeks_label = QLabel(self)
        self.weeks_label.setObjectName("weeksLabel")
        self.weeks_label.setWordWrap(True)
        weeks.addWidget(self.weeks_label)
        self.weeks, self.week_view = self.add_table(
            [
                Column("Semaine du", lambda w: short_date(w.monday)),
                Column("au", lambda w: short_date(w.sunday)),
                Column("État", _week_state, tone=_week_tone),
            ],
            "weekTable",
            into=weeks,
        )
        self.new_button = self.add_form_button(
            "Nouvel entretien…",
            "InterviewDialog",
            name="newInterviewButton",
            tip="Planifier ou enregistrer un entretien (Ctrl+E)",
        )
        self.edit_button = self.add_button(
            "Modifier…",
            self.edit_selected,
            name="editInterviewButton",
            dialog="InterviewDialog",
            needs=self.interview_view,
        )
        self.delete_button = self.add_button(
            "Supprimer",
            self.delete_selected,
            name="deleteInterviewButton",
            needs=self.interview_view,
        )
        self.interview_view.doubleClicked.connect(lambda _index: self.edit_selected())
        self.finish()

    def show_view(self, view: CaseFileView) -> None:
        clock = view.clock
        if clock.limit is None:
            last = short_date(clock.last_interview)
            self.clock_label.setText(f"Dernier entretien pris en compte : {last}.")
        else:
            self.clock_label.setText(
                f"Dernier entretien pris en compte : {short_date(clock.last_interview)}. "
                f"Prochain entretien au plus tard le {short_date(clock.limit)} "
                "(règle des 14 jours, suspensions et périodes en entreprise décomptées)."
            )
        missed = view.missed_weeks
        done = sum(1 for w in view.weeks if w.done)
        text = (
            f"<b>Entretien individuel hebdomadaire</b><br>Semaines dues : {len(view.weeks)}, "
            f"faites : {done}, "
        )
        text += _styled_count(len(missed))
        if missed:
            text += "<br>Semaines manquées : " + ", ".join(short_date(w.monday) for w in missed)
        self.weeks_label.setText(text)
        first = self.interviews.rowCount() == 0
        self.fill(self.interviews, self.interview_view, view.interviews)
        if first:
            # The latest interviews matter most: show the end of the list first.
            self.interview_view.scrollToBottom()
        self.fill(self.weeks, self.week_view, view.weeks)

    def edit_selected(self) -> None:
        row = selected_row(self.interview_view)
        if row is not None and self.edit_button.isEnabled():
            self.host.open_dialog("InterviewDialog", interview_id=row.id)

    def delete_selected(self) -> None:
        row = selected_row(self.interview_view)
        if row is None:
            return
        question = (
            f"Supprimer l'entretien du {short_date(row.date)} ({row.kind.lower()}) ?\n"
            "Il reste inscrit dans l'historique du dossier."
        )
        self.confirm_then(
            "Supprimer un entretien",
            question,
            lambda: row_services.delete_interview(self.host.desk, row.id),
        )

