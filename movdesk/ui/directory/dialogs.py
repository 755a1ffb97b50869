"""The forms of the Annuaire: an entry (with its duplicates proposed while typing), a
contact, and the merge of two entries."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...models import PartnerKind
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.directory import EntryDetail, EntryKind, EntryRow, entry_detail
from ...services.directory_edit import (
    ContactInput,
    Duplicate,
    DuplicateFound,
    EntryInput,
    find_duplicates,
    merge_entries,
    merge_size,
    save_contact,
    save_entry,
)
from ...services.errors import NeedsConfirmation
from ...services.lookups import Choice
from ...services.undo import MAX_UNDO_ROWS
from ..formatting import format_count
from ..widgets import ChoiceCombo, EnumCombo, FormDialog
from ..widgets.form import ERROR_COLOUR

#: Pause after the last keystroke before looking for duplicates, in milliseconds.
DUPLICATE_DELAY_MS = 250
_TITLES = {
    (EntryKind.EMPLOYER, False): "Nouvelle entreprise",
    (EntryKind.EMPLOYER, True): "Modifier l'entreprise",
    (EntryKind.PARTNER, False): "Nouveau partenaire",
    (EntryKind.PARTNER, True): "Modifier le partenaire",
}


def _line(max_length: int, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(max_length)
    edit.setPlaceholderText(placeholder)
    return edit


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


class DuplicatePanel(QWidget):
    """The existing entries that look like the one typed, each with « Utiliser »."""

    def __init__(self, on_use: object, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatePanel")
        self._on_use = on_use
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 6, 8, 6)
        self.setStyleSheet(
            "QWidget#duplicatePanel { background: #fff3c4; border: 1px solid #e0c96b; }"
        )
        self.duplicates: list[Duplicate] = []
        self.hide()

    def show_duplicates(self, duplicates: list[Duplicate]) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.duplicates = list(duplicates)
        if not duplicates:
            self.hide()
            return
        heading = QLabel("<b>Déjà dans l'annuaire :</b>", self)
        self._layout.addWidget(heading)
        for duplicate in duplicates:
            row = QHBoxLayout()
            text = QLabel(f"{duplicate.label} — {duplicate.reason}", self)
            text.setObjectName("duplicateText")
            if duplicate.same_siret:
                text.setStyleSheet(f"color: {ERROR_COLOUR};")
            use = QPushButton("&Utiliser cette entrée", self)
            use.setObjectName(f"useDuplicate-{duplicate.id}")
            use.setAutoDefault(False)
            use.clicked.connect(lambda _checked=False, d=duplicate: self._on_use(d))  # type: ignore[operator]
            row.addWidget(text, 1)
            row.addWidget(use)
            self._layout.addLayout(row)
        self.show()

    def text(self) -> str:
        return " ; ".join(f"{d.label} — {d.reason}" for d in self.duplicates)


class EntryDialog(FormDialog):
    """An employer or a partner of the directory; ``entry_id`` to correct one.

    While the name, the town or the SIRET are typed, the entries they would duplicate
    are listed with a button to use one instead (``result_id`` is then its id and
    ``used_existing`` True). Saving a same name and town asks for confirmation; a same
    SIRET is refused (merge the two entries instead).
    """

    def __init__(
        self,
        desk: Desk,
        kind: EntryKind,
        entry_id: int | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ) -> None:
        super().__init__(desk, _TITLES[(kind, entry_id is not None)], parent)
        self.kind = kind
        self.entry_id = entry_id
        self.used_existing = False
        existing: EntryDetail | None = (
            entry_detail(desk, kind, entry_id) if entry_id is not None else None
        )
        self.name = _line(200)
        self.name.setText(name)
        self.sector = _line(200, "ex. Restauration, Bâtiment, Services à la personne")
        self.partner_kind = EnumCombo(list(PartnerKind))
        self.siret = _line(20, "14 chiffres")
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(48)
        self.address.setPlaceholderText("numéro et rue (le code postal et la ville à part)")
        self.postcode = _line(10, "ex. 59000")
        self.town = _line(100, "ex. Lille")
        self.contact_name = _line(200, "ex. Mme Leroy, responsable des ressources humaines")
        self.phone = _line(40)
        self.email = _line(200)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.add_field("name", "&Nom :", self.name)
        if kind is EntryKind.EMPLOYER:
            self.add_field("sector", "&Secteur :", self.sector)
        else:
            self.add_field("partner_kind", "&Type :", self.partner_kind, aliases=["kind"])
        self.add_field("siret", "S&IRET :", self.siret)
        self.add_field("address", "&Adresse :", self.address)
        self.add_field("postcode", "Code &postal :", self.postcode)
        self.add_field("town", "&Ville :", self.town)
        self.add_field("contact_name", "&Contact principal :", self.contact_name)
        self.add_field("phone", "&Téléphone :", self.phone)
        self.add_field("email", "C&ourriel :", self.email)
        self.add_field("notes", "N&otes :", self.notes)
        self.duplicates = DuplicatePanel(self.use_existing, self)
        self.layout().insertWidget(2, self.duplicates)
        if existing is not None:
            self._fill(existing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DUPLICATE_DELAY_MS)
        self._timer.timeout.connect(self.look_for_duplicates)
        for edit in (self.name, self.town, self.siret):
            edit.textEdited.connect(lambda _text: self._timer.start())
        self.order_tabs()
        self.resize(560, self.sizeHint().height())

    def _fill(self, detail: EntryDetail) -> None:
        row = detail.row
        self.name.setText(row.name)
        self.sector.setText(detail.sector or "")
        if detail.partner_kind is not None:
            self.partner_kind.set_value(detail.partner_kind)
        self.siret.setText(row.siret or "")
        self.address.setPlainText(detail.address or "")
        self.postcode.setText(row.postcode or "")
        self.town.setText(row.town or "")
        self.contact_name.setText(row.contact_name or "")
        self.phone.setText(row.phone or "")
        self.email.setText(row.email or "")
        self.notes.setPlainText(detail.notes or "")

    def values(self) -> EntryInput:
        return EntryInput(
            name=self.name.text(),
            town=_text(self.town),
            postcode=_text(self.postcode),
            address=_text(self.address),
            siret=_text(self.siret),
            sector=_text(self.sector) if self.kind is EntryKind.EMPLOYER else None,
            partner_kind=self.partner_kind.value() if self.kind is EntryKind.PARTNER else None,
            contact_name=_text(self.contact_name),
            phone=_text(self.phone),
            email=_text(self.email),
            notes=_text(self.notes),
        )

    def look_for_duplicates(self) -> list[Duplicate]:
        """List the entries the typed one would duplicate (under the form's banner)."""
        self._timer.stop()
        found = find_duplicates(self.desk, self.kind, self.values(), ignore_id=self.entry_id)
        self.duplicates.show_duplicates(found)
        self.grow_to_fit()
        return found

    def use_existing(self, duplicate: Duplicate) -> None:
        """Close the form on the existing entry instead of creating another."""
        self.result_id = duplicate.id
        self.used_existing = True
        self.saved.emit(duplicate.id)
        QDialog.accept(self)

    def save(self, accept_warnings: bool) -> int | None:
        try:
            return save_entry(
                self.desk,
                self.kind,
                self.values(),
                entry_id=self.entry_id,
                allow_same_name=accept_warnings,
            )
        except DuplicateFound as found:
            self.duplicates.show_duplicates(found.duplicates)
            self.grow_to_fit()
            if found.blocking:
                raise
            # A same name and town may be another establishment: the user says so.
            raise NeedsConfirmation([Problem("name", str(found))]) from found


class ContactDialog(FormDialog):
    """A person to call at an employer or a partner; ``contact`` to correct one."""

    def __init__(
        self,
        desk: Desk,
        kind: EntryKind,
        entry_id: int,
        parent: QWidget | None = None,
        *,
        contact_id: int | None = None,
        values: ContactInput | None = None,
    ) -> None:
        title = "Modifier le contact" if contact_id is not None else "Nouveau contact"
        super().__init__(desk, title, parent)
        self.kind, self.entry_id, self.contact_id = kind, entry_id, contact_id
        self.name = _line(200, "ex. Mme Hélène Duval")
        self.role = _line(200, "ex. tutrice, conseillère, responsable RH")
        self.phone = _line(40)
        self.email = _line(200)
        for key, label, edit in (
            ("name", "&Nom :", self.name),
            ("role", "&Fonction :", self.role),
            ("phone", "&Téléphone :", self.phone),
            ("email", "C&ourriel :", self.email),
        ):
            self.add_field(key, label, edit, aliases=[f"contact.{key}"])
        if values is not None:
            self.name.setText(values.name)
            self.role.setText(values.role or "")
            self.phone.setText(values.phone or "")
            self.email.setText(values.email or "")
        self.order_tabs()
        self.resize(460, self.sizeHint().height())

    def save(self, accept_warnings: bool) -> int | None:
        values = ContactInput(self.name.text(), _text(self.role), _text(self.phone),
                              _text(self.email))  # fmt: skip
        return save_contact(self.desk, self.kind, self.entry_id, values, contact_id=self.contact_id)


class MergeDialog(FormDialog):
    """Merge another entry into ``kept``: its links, contacts and details move over."""

    def __init__(
        self,
        desk: Desk,
        kept: EntryRow,
        others: list[EntryRow],
        parent: QWidget | None = None,
        *,
        absorbed_id: int | None = None,
    ) -> None:
        super().__init__(desk, "Fusionner deux entrées de l'annuaire", parent,
                         save_text="&Fusionner")  # fmt: skip
        self.kept = kept
        self._others = {row.id: row for row in others if row.id != kept.id}
        self.kept_label = QLabel(f"<b>{kept.label}</b>")
        self.absorbed = ChoiceCombo(
            [Choice(row.id, _described(row)) for row in self._others.values()],
            none_text="— choisir l'entrée en double —",
        )
        self.absorbed.set_value(absorbed_id)
        self.preview = QLabel()
        self.preview.setObjectName("mergePreview")
        self.preview.setWordWrap(True)
        self.form.add_row("Garder :", self.kept_label)
        self.add_field("absorbed", "&Fusionner avec :", self.absorbed, aliases=["merge"])
        self.form.add_row("", self.preview)
        self.absorbed.currentIndexChanged.connect(self.refresh_preview)
        self.refresh_preview()
        self.order_tabs()
        self.resize(560, self.sizeHint().height())

    def refresh_preview(self) -> None:
        row = self._others.get(self.absorbed.value() or -1)
        if row is None:
            self.preview.setText("")
            return
        links = (
            f"{row.periods} période(s) en entreprise et {row.hires} embauche(s)"
            if row.kind is EntryKind.EMPLOYER
            else f"{row.barriers} frein(s) suivi(s), dont {row.open_requests} demande(s) en cours"
        )
        kind, row_id = row.kind, row.id
        size = self.desk.read(lambda session: merge_size(session, kind, row_id))
        undo = (
            "Ctrl+Z l'annule tant que rien n'a changé depuis."
            if size <= MAX_UNDO_ROWS
            else f"elle modifie {format_count(size)} lignes : Ctrl+Z ne pourra pas l'annuler."
        )
        self.preview.setText(
            f"« {row.label} » disparaîtra de l'annuaire : ses {links}, ses entretiens, ses "
            f"contacts et les informations qui manquent à « {self.kept.label} » lui seront "
            f"rattachés. Chaque dossier concerné garde la trace de la fusion ; {undo}"
        )

    def check(self) -> list[Problem]:
        if self.absorbed.value() is None:
            return [Problem("absorbed", "choisissez l'entrée à fusionner.")]
        return []

    def save(self, accept_warnings: bool) -> int | None:
        absorbed = self.absorbed.value()
        assert absorbed is not None
        return merge_entries(self.desk, self.kept.kind, self.kept.id, absorbed).kept_id


def _described(row: EntryRow) -> str:
    extra = f" — SIRET {row.siret}" if row.siret else ""
    return f"{row.label}{extra}"
