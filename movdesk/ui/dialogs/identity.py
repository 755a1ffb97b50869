"""The order letter and the person it names: the fields both the new order and its
corrections show, and the two correction forms of a case file.

:class:`BeneficiaryFields` is the beneficiary's block (civility to address), added to
any form; :class:`BeneficiaryDialog` corrects the beneficiary of a case (identity,
identifier, contact details) and :class:`OrderEditDialog` the order letter (number,
dates, agency, counsellor). Both save through :mod:`movdesk.services.corrections`,
with the checks of a new order, and are undone by Ctrl+Z.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...models import Civility
from ...rules.validation.common import MAX_CASE_DAYS
from ...services.context import Desk
from ...services.corrections import beneficiary_input, update_beneficiary, update_order
from ...services.lookups import Choice
from ...services.orders import BeneficiaryInput, find_beneficiary
from ..widgets import ChoiceCombo, DateField, EnumCombo, FormDialog
from ..widgets.form import ERROR_COLOUR
from .base import CaseDialog

CATEGORIES = [Choice(n, f"Catégorie {n}") for n in (1, 2, 3)]
PE_ID_HINT = "7 chiffres + 1 chiffre ou lettre (ex. 1234567A)"


def length_text(days: int) -> str:
    return f"{days} jour{'s' if abs(days) > 1 else ''}"


def length_note(start: date | None, end: date | None) -> tuple[str, bool]:
    """What the form says of the order's length, and whether it breaks the rule."""
    if start is None or end is None:
        return "", False
    days = (end - start).days + 1
    if days < 1:
        return "la fin E précède le début S", True
    if days > MAX_CASE_DAYS:
        return f"{length_text(days)} : {MAX_CASE_DAYS} jours au plus", True
    return length_text(days), False


def show_length(label: QLabel, start: date | None, end: date | None) -> None:
    text, bad = length_note(start, end)
    if text:
        label.setText(text)
        label.setStyleSheet(f"color: {ERROR_COLOUR};" if bad else "")


def pe_id_line() -> QLineEdit:
    line = QLineEdit()
    line.setMaxLength(12)
    line.setPlaceholderText(PE_ID_HINT)
    return line


class OrderFields:
    """The order letter's block of a form: number, S and E with the length, agency and
    counsellor; the length is worked out as the dates are typed."""

    def __init__(
        self,
        dialog: FormDialog,
        *,
        number: str = "",
        start: date | None = None,
        end: date | None = None,
        agency: str | None = None,
        counsellor: str | None = None,
    ) -> None:
        self.order_number = QLineEdit(number)
        self.order_number.setPlaceholderText("n° de la lettre de commande")
        self.start = DateField(start)
        self.end = DateField(end)
        self.length = QLabel()
        self.length.setObjectName("orderLength")
        self.agency = QLineEdit(agency or "")
        self.counsellor = QLineEdit(counsellor or "")
        dialog.add_field("order_number", "N° de &commande :", self.order_number)
        dialog.add_field("start", "&Début S :", self.start, aliases=["start_date"])
        dialog.add_field("end", "&Fin E :", self.end, aliases=["end_date"])
        dialog.form.add_row("Durée :", self.length)
        dialog.add_field("agency", "&Agence France Travail :", self.agency)
        dialog.add_field("counsellor", "C&onseiller :", self.counsellor)
        for field in (self.start, self.end):
            field.dateChanged.connect(self.show_length)
        self.show_length()

    def show_length(self) -> None:
        show_length(self.length, self.start.value(), self.end.value())


class BeneficiaryFields:
    """The beneficiary's block of a form: civility, names, birth date, category, contact."""

    def __init__(self, dialog: FormDialog) -> None:
        self.civility = EnumCombo(list(Civility), optional=True)
        self.last_name = QLineEdit()
        self.first_name = QLineEdit()
        self.birth_date = DateField(optional=True)
        self.category = ChoiceCombo(CATEGORIES, none_text="—")
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("ex. 03 20 00 00 00")
        self.email = QLineEdit()
        self.address = QLineEdit()
        dialog.add_field("civility", "Civilit&é :", self.civility)
        dialog.add_field("last_name", "&Nom :", self.last_name)
        dialog.add_field("first_name", "&Prénom :", self.first_name)
        dialog.add_field("birth_date", "Date de nai&ssance :", self.birth_date)
        dialog.add_field("category", "Ca&tégorie :", self.category)
        dialog.add_field("phone", "Télép&hone :", self.phone)
        dialog.add_field("email", "Co&urriel :", self.email)
        dialog.add_field("address", "Adresse :", self.address)

    def widgets(self) -> list[QWidget]:
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

    def load(self, person: BeneficiaryInput | None) -> None:
        """Show ``person``, or empty fields."""
        self.civility.set_value(person.civility if person else None)
        self.last_name.setText(person.last_name if person else "")
        self.first_name.setText(person.first_name if person else "")
        self.birth_date.set_value(person.birth_date if person else None)
        self.category.set_value(person.category if person else None)
        self.phone.setText((person.phone or "") if person else "")
        self.email.setText((person.email or "") if person else "")
        self.address.setText((person.address or "") if person else "")

    def set_enabled(self, enabled: bool) -> None:
        for widget in self.widgets():
            widget.setEnabled(enabled)

    def read(self, pe_id: str) -> BeneficiaryInput:
        """The person as typed, with the identifier ``pe_id``."""
        return BeneficiaryInput(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            pe_id=pe_id,
            civility=self.civility.value(),
            birth_date=self.birth_date.value(),
            category=self.category.value(),
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            address=self.address.text().strip() or None,
        )


class BeneficiaryDialog(CaseDialog):
    """Correct the beneficiary of a case: a typo in a name, a new phone or address."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Modifier le bénéficiaire", parent)
        person = self.case.beneficiary
        self.pe_id = pe_id_line()
        self.pe_id.setText(person.pe_id)
        self.add_field("pe_id", "&Identifiant FT :", self.pe_id)
        self.person = BeneficiaryFields(self)
        self.person.load(beneficiary_input(person))
        known = find_beneficiary(desk, person.pe_id)
        numbers = known.case_numbers if known is not None else ()
        note = QLabel(
            f"La correction vaut pour tous les dossiers de la personne ({', '.join(numbers)})."
            if len(numbers) > 1
            else "La correction est gardée dans l'historique du dossier."
        )
        note.setObjectName("beneficiaryNote")
        note.setWordWrap(True)
        self.form.add_row("", note)
        self.finish_layout(560)

    def save(self, accept_warnings: bool) -> int | None:
        update_beneficiary(self.desk, self.case_id, self.person.read(self.pe_id.text()))
        return self.case_id


class OrderEditDialog(CaseDialog):
    """Correct the order letter of a case: number, S and E, agency, counsellor."""

    def __init__(self, desk: Desk, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(desk, case_id, "Modifier la commande", parent)
        case = self.case
        self.order = OrderFields(
            self,
            number=case.order_number,
            start=case.start_date,
            end=case.end_date,
            agency=case.agency,
            counsellor=case.counsellor,
        )
        order = self.order
        self.order_number, self.start, self.end = order.order_number, order.start, order.end
        self.length, self.agency, self.counsellor = order.length, order.agency, order.counsellor
        if case.renewal_new_end_date is not None:
            self.set_advice(
                ["La prestation est renouvelée : la nouvelle fin suit la décision, pas E"],
                "À savoir",
            )
        self.finish_layout(540)

    def save(self, accept_warnings: bool) -> int | None:
        start = self.start.value()
        assert start is not None
        update_order(
            self.desk,
            self.case_id,
            order_number=self.order_number.text(),
            start_date=start,
            end_date=self.end.value(),
            agency=self.agency.text(),
            counsellor=self.counsellor.text(),
            accept_warnings=accept_warnings,
        )
        return self.case_id
