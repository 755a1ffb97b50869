"""Registering an order letter (lettre de commande): a new case, with every check.

The checks of the service (180 days, E before S, identifier shape, order number
already used) appear next to their fields; a PE identifier the office already knows
fills the identity from the database and locks it, so the same person is never typed
twice — « Mettre à jour ses coordonnées » unlocks it when they changed. A person who
still has a case in progress is named at once, and asked about at the save.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

from ...rules.validation import Problem
from ...rules.validation.common import PE_ID_RE
from ...services.context import Desk
from ...services.lookups import referent_choices
from ...services.orders import (
    DEFAULT_LENGTH_DAYS,
    KnownBeneficiary,
    find_beneficiary,
    normalise_pe_id,
    register_order,
)
from ..widgets import ChoiceCombo, FormDialog
from .identity import CATEGORIES, BeneficiaryFields, OrderFields, length_text, pe_id_line

__all__ = ["CATEGORIES", "NO_REFERENT", "OrderDialog", "length_text"]

#: Said when the office has no referent to choose (the main window says it earlier).
NO_REFERENT = (
    "aucun référent n'est enregistré : ajoutez-en un dans Paramètres › Référents (Ctrl+8)."
)
KNOWN_COLOUR = "#1b5e20"
BUSY_COLOUR = "#8a5a00"


def known_text(known: KnownBeneficiary) -> str:
    """What the order form says of a person the office already knows."""
    numbers = ", ".join(known.case_numbers) or "aucun"
    word = "dossiers" if len(known.case_numbers) > 1 else "dossier"
    text = f"Bénéficiaire déjà connu : {known.display_name} ({word} {numbers})"
    if known.in_progress:
        return f"{text} — encore en cours : {', '.join(known.in_progress)}"
    return f"{text} — ses coordonnées seront reprises"


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

        self.referent = ChoiceCombo(referent_choices(desk), none_text="— choisir —")
        self.pe_id = pe_id_line()
        self.known = QLabel()
        self.known.setObjectName("knownBeneficiary")
        self.known.setWordWrap(True)
        self.update_known = QCheckBox("Mettre à &jour ses coordonnées")
        self.update_known.setObjectName("updateKnown")

        self.form.add_section("Lettre de commande")
        self.order = OrderFields(
            self, start=today, end=today + timedelta(days=DEFAULT_LENGTH_DAYS)
        )
        order = self.order
        self.order_number, self.start, self.end = order.order_number, order.start, order.end
        self.length, self.agency, self.counsellor = order.length, order.agency, order.counsellor
        self.add_field("referent", "&Référent :", self.referent, aliases=["referent_id"])
        self.form.add_section("Bénéficiaire")
        self.add_field("pe_id", "&Identifiant FT :", self.pe_id)
        self.form.add_row("", self.known)
        self.add_field("update_known", "", self.update_known)
        self.person = BeneficiaryFields(self)
        person = self.person
        # The person's fields by name, as the form has always offered them.
        self.civility, self.last_name, self.first_name = (
            person.civility,
            person.last_name,
            person.first_name,
        )
        self.birth_date, self.category = person.birth_date, person.category
        self.phone, self.email, self.address = person.phone, person.email, person.address
        self.order_tabs()
        self.known.hide()
        self.form.set_row_visible("update_known", False)

        self.start.dateChanged.connect(self._on_start_changed)
        self.end.dateChanged.connect(self._on_end_changed)
        self.pe_id.textChanged.connect(self._on_pe_id)
        self.update_known.toggled.connect(self.person.set_enabled)
        self.resize(560, self.sizeHint().height())

    def identity_fields(self) -> list[QWidget]:
        return self.person.widgets()

    # -- live behaviour -------------------------------------------------------------

    def _on_start_changed(self) -> None:
        start = self.start.value()
        if start is not None and not self._end_chosen:
            self._setting_end = True
            self.end.set_value(start + timedelta(days=DEFAULT_LENGTH_DAYS))
            self._setting_end = False

    def _on_end_changed(self) -> None:
        if not self._setting_end:
            self._end_chosen = True

    def _on_pe_id(self, text: str) -> None:
        pe_id = normalise_pe_id(text)
        known = find_beneficiary(self.desk, pe_id) if PE_ID_RE.match(pe_id) else None
        if known is None:
            if self.known_beneficiary_id is not None:
                self._unlock_identity()
            return
        self.known.setText(known_text(known))
        colour = BUSY_COLOUR if known.in_progress else KNOWN_COLOUR
        self.known.setStyleSheet(f"color: {colour};")
        self.known.show()
        self.form.set_row_visible("update_known", True)
        self.update_known.setChecked(False)
        self.known_beneficiary_id = known.id
        self.person.load(known.identity)
        self.person.set_enabled(False)
        self.grow_to_fit()

    def _unlock_identity(self) -> None:
        """Another identifier was typed: the identity shown was someone else's."""
        self.known_beneficiary_id = None
        self.known.clear()
        self.known.hide()
        self.update_known.setChecked(False)
        self.form.set_row_visible("update_known", False)
        self.person.set_enabled(True)
        self.person.load(None)

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
            beneficiary=self.person.read(self.pe_id.text()),
            update_known=self.update_known.isChecked(),
            accept_warnings=accept_warnings,
        )
        return self.created_case_id
