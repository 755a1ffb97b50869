"""Registering an order letter (lettre de commande): a new case, with every check.

The checks of the service (180 days, E before S, identifier shape, order number
already used) appear next to their fields; a PE identifier the office already knows
fills the identity from the database and locks it, so the same person is never typed
twice.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...models import Civility
from ...rules.validation import Problem
from ...rules.validation.common import MAX_CASE_DAYS, PE_ID_RE
from ...services.context import Desk
from ...services.lookups import Choice, referent_choices
from ...services.orders import (
    DEFAULT_LENGTH_DAYS,
    BeneficiaryInput,
    find_beneficiary,
    normalise_pe_id,
    register_order,
)
from ..widgets import ChoiceCombo, DateField, EnumCombo, FormDialog
from ..widgets.form import ERROR_COLOUR

CATEGORIES = [Choice(n, f"Catégorie {n}") for n in (1, 2, 3)]
#: Said when the office has no referent to choose (the main window says it earlier).
NO_REFERENT = (
    "aucun référent n'est enregistré : ajoutez-en un dans Paramètres › Référents (Ctrl+8)."
)


def length_text(days: int) -> str:
    return f"{days} jour{'s' if abs(days) > 1 else ''}"


class OrderDialog(FormDialog):
    """Open a case from an order letter; ``created_case_id`` holds the new case's id."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(
            desk, "Nouvelle lettre de commande", parent, save_text="&Enregistrer la commande"
        )
        #: The id of the case opened by this order, once saved.
        self.created_case_id: int | None = None
        #: The beneficiary recognised by PE identifier, whose identity is reused.
        self.known_beneficiary_id: int | None = None
        self._end_chosen = False
        self._setting_end = False
        today = desk.today()

        self.order_number = QLineEdit()
        self.order_number.setPlaceholderText("n° de la lettre de commande")
        self.start = DateField(today)
        self.end = DateField(today + timedelta(days=DEFAULT_LENGTH_DAYS))
        self.length = QLabel()
        self.length.setObjectName("orderLength")
        self.agency = QLineEdit()
        self.counsellor = QLineEdit()
        self.referent = ChoiceCombo(referent_choices(desk), none_text="— choisir —")
        self.pe_id = QLineEdit()
        self.pe_id.setMaxLength(12)
        self.pe_id.setPlaceholderText("7 chiffres + 1 chiffre ou lettre (ex. 1234567A)")
        self.known = QLabel()
        self.known.setObjectName("knownBeneficiary")
        self.known.setWordWrap(True)
        self.known.setStyleSheet("color: #1b5e20;")
        self.civility = EnumCombo(list(Civility), optional=True)
        self.last_name = QLineEdit()
        self.first_name = QLineEdit()
        self.birth_date = DateField(optional=True)
        self.category = ChoiceCombo(CATEGORIES, none_text="—")
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()

        self.form.add_section("Lettre de commande")
        self.add_field("order_number", "N° de &commande :", self.order_number)
        self.add_field("start", "&Début S :", self.start, aliases=["start_date"])
        self.add_field("end", "&Fin E :", self.end, aliases=["end_date"])
        self.form.add_row("Durée :", self.length)
        self.add_field("agency", "&Agence France Travail :", self.agency)
        self.add_field("counsellor", "C&onseiller :", self.counsellor)
        self.add_field("referent", "&Référent :", self.referent, aliases=["referent_id"])
        self.form.add_section("Bénéficiaire")
        self.add_field("pe_id", "&Identifiant FT :", self.pe_id)
        self.form.add_row("", self.known)
        self.add_field("civility", "Civilit&é :", self.civility)
        self.add_field("last_name", "&Nom :", self.last_name)
        self.add_field("first_name", "&Prénom :", self.first_name)
        self.add_field("birth_date", "Date de nai&ssance :", self.birth_date)
        self.add_field("category", "Ca&tégorie :", self.category)
        self.add_field("phone", "Télép&hone :", self.phone)
        self.add_field("email", "Co&urriel :", self.email)
        self.add_field("address", "Adresse :", self.address)
        self.order_tabs()
        self.known.hide()

        self.start.dateChanged.connect(self._on_start_changed)
        self.end.dateChanged.connect(self._on_end_changed)
        self.pe_id.textChanged.connect(self._on_pe_id)
        self._show_length()
        self.resize(560, self.sizeHint().height())

    # -- live behaviour -------------------------------------------------------------

    def identity_fields(self) -> list[QWidget]:
        return [
            self.civility,
            self.last_name,
            self.first_name,
            self.birth_date,
            self.category,
            self.phone,
            self.email,
            self.address,
        ]

    def _on_start_changed(self) -> None:
        start = self.start.value()
        if start is not None and not self._end_chosen:
            self._setting_end = True
            self.end.set_value(start + timedelta(days=DEFAULT_LENGTH_DAYS))
            self._setting_end = False
        self._show_length()

    def _on_end_changed(self) -> None:
        if not self._setting_end:
            self._end_chosen = True
        self._show_length()

    def _show_length(self) -> None:
        start, end = self.start.value(), self.end.value()
        if start is None or end is None:
            return
        days = (end - start).days + 1
        if days < 1:
            text, bad = "la fin E précède le début S", True
        elif days > MAX_CASE_DAYS:
            text, bad = f"{length_text(days)} : {MAX_CASE_DAYS} jours au plus", True
        else:
            text, bad = length_text(days), False
        self.length.setText(text)
        self.length.setStyleSheet(f"color: {ERROR_COLOUR};" if bad else "")

    def _on_pe_id(self, text: str) -> None:
        pe_id = normalise_pe_id(text)
        known = find_beneficiary(self.desk, pe_id) if PE_ID_RE.match(pe_id) else None
        if known is None:
            if self.known_beneficiary_id is not None:
                self._unlock_identity()
            return
        numbers = ", ".join(known.case_numbers) or "aucun"
        word = "dossiers" if len(known.case_numbers) > 1 else "dossier"
        self.known.setText(
            f"Bénéficiaire déjà connu : {known.display_name} ({word} {numbers}) — "
            "ses coordonnées seront reprises"
        )
        self.known.show()
        self.known_beneficiary_id = known.id
        identity = known.identity
        self.civility.set_value(identity.civility)
        self.last_name.setText(identity.last_name)
        self.first_name.setText(identity.first_name)
        self.birth_date.set_value(identity.birth_date)
        self.category.set_value(identity.category)
        self.phone.setText(identity.phone or "")
        self.email.setText(identity.email or "")
        self.address.setText(identity.address or "")
        for widget in self.identity_fields():
            widget.setEnabled(False)

    def _unlock_identity(self) -> None:
        """Another identifier was typed: the identity shown was someone else's."""
        self.known_beneficiary_id = None
        self.known.clear()
        self.known.hide()
        for widget in self.identity_fields():
            widget.setEnabled(True)
        self.civility.set_value(None)
        self.birth_date.set_value(None)
        self.category.set_value(None)
        for line in (self.last_name, self.first_name, self.phone, self.email, self.address):
            line.clear()

    # -- saving ---------------------------------------------------------------------

    def check(self) -> list[Problem]:
        if self.referent.count() <= 1:
            return [Problem("referent", NO_REFERENT)]
        return []

    def save(self, accept_warnings: bool) -> int | None:
        start, end = self.start.value(), self.end.value()
        assert start is not None
        self.created_case_id = register_order(
            self.desk,
            order_number=self.order_number.text(),
            referent_id=self.referent.value(),
            start_date=start,
            end_date=end,
            agency=self.agency.text().strip() or None,
            counsellor=self.counsellor.text().strip() or None,
            beneficiary=BeneficiaryInput(
                last_name=self.last_name.text(),
                first_name=self.first_name.text(),
                pe_id=self.pe_id.text(),
                civility=self.civility.value(),
                birth_date=self.birth_date.value(),
                category=self.category.value(),
                phone=self.phone.text().strip() or None,
                email=self.email.text().strip() or None,
                address=self.address.text().strip() or None,
            ),
        )
        return self.created_case_id
