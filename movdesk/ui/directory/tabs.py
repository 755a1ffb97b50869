"""The tabs of the Annuaire: employers or partners (list, search, details, history),
and referents with their caseload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from ...services.context import Desk
from ...services.directory import (
    ContactRow,
    EntryDetail,
    EntryKind,
    EntryRow,
    HistoryLine,
    ReferentLine,
    entry_detail,
    list_entries,
    referent_lines,
    search_entries,
)
from ...services.directory_edit import ContactInput, delete_contact, delete_entry
from ...services.errors import NotFound
from ...services.summary import fold
from ..casefile.table import ROW_ROLE, Column, RowsModel, make_table, selected_row
from ..casefile.text import DASH, short_date
from ..formatting import format_count, plural
from .dialogs import ContactDialog, EntryDialog, MergeDialog

SEARCH_DELAY_MS = 120
#: History lines shown at most (requests awaiting an answer first, then the newest).
HISTORY_SHOWN = 1000
#: Column widths of the lists, by column number.
_LIST_WIDTHS = (210, 105, 160, 75, 85)
_HISTORY_WIDTHS = (85, 85, 190, 170, 125, 125)


#: Room beside a header's title: its margins and the sort arrow.
_HEADER_ROOM = 34


def _fixed_widths(view: QTableView, widths: Sequence[int]) -> None:
    """Widths set once: measuring thousands of rows to fit them would freeze the page.
    A column is never narrower than its title (« Demandes en cours » read « mandes en
    co »)."""
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    model = view.model()
    metrics = header.fontMetrics()
    for column, width in enumerate(widths):
        title = model.headerData(column, Qt.Orientation.Horizontal) if model else None
        needed = metrics.horizontalAdvance(str(title)) + _HEADER_ROOM if title else 0
        header.resizeSection(column, max(width, needed))


def _count(value: int) -> str:
    return str(value) if value else DASH


_ColumnAndKey = tuple[Column[EntryRow], Callable[[EntryRow], Any]]


def _text(title: str, attribute: str) -> _ColumnAndKey:
    """A text column, empty values shown as a dash and sorted last; accents ignored, so
    that « Établissements Roux » sorts with the E."""
    return (
        Column(title, lambda r: getattr(r, attribute) or DASH),
        lambda r: (not getattr(r, attribute), fold(getattr(r, attribute) or "")),
    )


def _number(title: str, attribute: str, *, warn: bool = False) -> _ColumnAndKey:
    """A count, sorted as a number; ``warn`` colours it when it is not zero."""
    tone = (lambda r: "warn" if getattr(r, attribute) else None) if warn else None
    return (
        Column(title, lambda r: _count(getattr(r, attribute)), right=True, tone=tone),
        lambda r: getattr(r, attribute),
    )


#: The columns of each list: how a row reads, and the value it sorts on.
_ENTRY_COLUMNS: dict[EntryKind, list[_ColumnAndKey]] = {
    EntryKind.EMPLOYER: [
        _text("Nom", "name"), _text("Ville", "town"), _text("Secteur", "category"),
        _number("Périodes", "periods"), _number("Embauches", "hires"),
        _text("Contact", "contact_name"),
    ],
    EntryKind.PARTNER: [
        _text("Nom", "name"), _text("Type", "category"), _text("Ville", "town"),
        _number("Freins suivis", "barriers"),
        _number("Demandes en cours", "open_requests", warn=True),
        _text("Contact", "contact_name"),
    ],
}  # fmt: skip


class SortedRows(QSortFilterProxyModel):
    """Sorts a :class:`RowsModel` on each column's own value (numbers as numbers)."""

    def __init__(self, keys: Sequence[Callable[[Any], Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = list(keys)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:  # noqa: N802
        key = self._keys[left.column()]
        return bool(key(left.data(ROW_ROLE)) < key(right.data(ROW_ROLE)))


def _history_tone(today: date) -> Callable[[HistoryLine], str | None]:
    def tone(line: HistoryLine) -> str | None:
        if not line.open:
            return None
        late = line.follow_up_on is not None and line.follow_up_on < today
        return "late" if late else "warn"

    return tone


class EntryTab(QWidget):
    """Employers or partners: search as you type, the list, one entry's details."""

    #: The user asked for this case's file (double click on a line of the history).
    open_case_requested = Signal(int)

    def __init__(self, desk: Desk, kind: EntryKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.kind = kind
        self.setObjectName(f"directory-{kind.value}")
        self._rows: list[EntryRow] = []
        self.detail: EntryDetail | None = None
        columns = _ENTRY_COLUMNS[kind]
        self.search = QLineEdit(self)
        self.search.setObjectName("directorySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Rechercher : nom, ville, SIRET, secteur ou contact")
        self.count_label = QLabel(self)
        self.model: RowsModel[EntryRow] = RowsModel([c for c, _ in columns], self)
        self.proxy = SortedRows([k for _, k in columns], self)
        self.proxy.setSourceModel(self.model)
        self.table = make_table(self.model, self, f"{kind.value}Table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        _fixed_widths(self.table, _LIST_WIDTHS)

        self.heading = QLabel(self)
        self.heading.setObjectName("entryHeading")
        self.heading.setWordWrap(True)
        self.info = QLabel(self)
        self.info.setObjectName("entryInfo")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts: RowsModel[ContactRow] = RowsModel(
            [
                Column("Contact", lambda c: c.name),
                Column("Fonction", lambda c: c.role or DASH),
                Column("Téléphone", lambda c: c.phone or DASH),
                Column("Courriel", lambda c: c.email or DASH),
            ],
            self,
        )
        self.contact_view = make_table(self.contacts, self, "contactTable")
        self.contact_view.setMaximumHeight(120)
        self.history_label = QLabel(self)
        self.history_label.setObjectName("historyLabel")
        self.history_label.setWordWrap(True)
        self.history: RowsModel[HistoryLine] = RowsModel(
            [
                Column("Depuis", lambda h: short_date(h.start)),
                Column("Jusqu'au", lambda h: short_date(h.end)),
                Column("Quoi", lambda h: h.what, tone=_history_tone(desk.today())),
                Column("Bénéficiaire", lambda h: h.beneficiary),
                Column("Dossier", lambda h: h.order_number),
                Column("Référent", lambda h: h.referent),
                Column("Détail", lambda h: h.detail or DASH, tip=lambda h: h.detail),
            ],
            self,
        )
        self.history_view = make_table(self.history, self, "historyTable")
        _fixed_widths(self.history_view, _HISTORY_WIDTHS)
        self.history_view.doubleClicked.connect(self._open_history_case)

        self.new_button = self._button("&Nouveau…" if kind is EntryKind.PARTNER else "&Nouvelle…",
                                       "newEntry", self.new_entry)  # fmt: skip
        self.edit_button = self._button("&Modifier…", "editEntry", self.edit_entry)
        self.contact_button = self._button("Ajouter un &contact…", "addContact", self.add_contact)
        self.edit_contact_button = self._button("Modifier…", "editContact", self.edit_contact)
        self.edit_contact_button.setToolTip("Modifier le contact choisi")
        self.delete_contact_button = self._button("Retirer", "deleteContact",
                                                  self.remove_contact)  # fmt: skip
        self.delete_contact_button.setToolTip("Retirer le contact choisi")
        self.merge_button = self._button("&Fusionner avec…", "mergeEntry", self.merge)
        self.delete_button = self._button("&Supprimer", "deleteEntry", self.delete)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count_label)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.info)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.merge_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        right_layout.addLayout(actions)
        right_layout.addWidget(QLabel("<b>Contacts</b>", self))
        right_layout.addWidget(self.contact_view)
        contact_actions = QHBoxLayout()
        for button in (self.contact_button, self.edit_contact_button, self.delete_contact_button):
            contact_actions.addWidget(button)
        contact_actions.addStretch(1)
        right_layout.addLayout(contact_actions)
        right_layout.addWidget(self.history_label)
        right_layout.addWidget(self.history_view, 3)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([500, 540])
        right.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.table.doubleClicked.connect(lambda _index: self.edit_entry())
        self.contact_view.selectionModel().selectionChanged.connect(
            lambda *_: self._enable_buttons()
        )
        self.show_selected()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- reading --------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the entries again, keeping the search and the selected entry."""
        kept = self.selected_id()
        self._rows = self.desk.read(lambda session: list_entries(session, self.kind))
        self.apply_search(keep=kept)

    def apply_search(self, keep: int | None = None) -> None:
        self._timer.stop()
        kept = keep if keep is not None else self.selected_id()
        shown = search_entries(self._rows, self.search.text())
        self.model.set_rows(shown)
        total = len(self._rows)
        noun = "entreprise" if self.kind is EntryKind.EMPLOYER else "partenaire"
        text = plural(len(shown), noun)
        self.count_label.setText(text if len(shown) == total else f"{text} sur {total}")
        if kept is not None and not self.select_entry(kept) and shown:
            self.table.selectRow(0)
        elif kept is None and shown:
            self.table.selectRow(0)
        self.show_selected()

    def select_entry(self, entry_id: int) -> bool:
        for number, row in enumerate(self.model.rows()):
            if row.id == entry_id:
                index = self.proxy.mapFromSource(self.model.index(number, 0))
                self.table.selectRow(index.row())
                self.table.scrollTo(index)
                return True
        return False

    def selected_row(self) -> EntryRow | None:
        return selected_row(self.table)

    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def show_selected(self) -> None:
        row = self.selected_row()
        self.detail = None
        if row is not None:
            try:
                self.detail = entry_detail(self.desk, self.kind, row.id)
            except NotFound:
                self.detail = None
        self._show(self.detail)
        self._enable_buttons()

    def _show(self, detail: EntryDetail | None) -> None:
        if detail is None:
            self.heading.setText("<i>Aucune entrée choisie.</i>")
            self.info.setText("")
            self.contacts.set_rows(())
            self.history.set_rows(())
            self.history_label.setText("<b>Historique</b>")
            return
        row = detail.row
        self.heading.setText(f"<h3>{_html(row.label)}</h3>")
        lines = [
            f"{'Secteur' if self.kind is EntryKind.EMPLOYER else 'Type'} : "
            f"{_html(row.category or '—')}",
            f"SIRET : {_html(row.siret or 'non renseigné')}",
        ]
        address = " — ".join(
            part
            for part in ((detail.address or "").replace("\n", ", "),
                         " ".join(p for p in (row.postcode, row.town) if p))
            if part
        )  # fmt: skip
        lines.append(f"Adresse : {_html(address or 'non renseignée')}")
        main = ", ".join(p for p in (row.contact_name, row.phone, row.email) if p)
        lines.append(f"Contact principal : {_html(main or 'non renseigné')}")
        if detail.notes:
            lines.append(f"Notes : {_html(detail.notes).replace(chr(10), '<br>')}")
        self.info.setText("<br>".join(lines))
        self.contacts.set_rows(detail.contacts)
        history = sorted(detail.history, key=lambda h: not h.open)
        self.history.set_rows(history[:HISTORY_SHOWN])
        if self.kind is EntryKind.EMPLOYER:
            summary = (
                f"périodes accueillies : {format_count(row.periods)} · embauches : "
                f"{format_count(row.hires)} · entretiens : {format_count(detail.interviews)}"
            )
        else:
            late = sum(
                1 for h in detail.open_requests
                if h.follow_up_on is not None and h.follow_up_on < self.desk.today()
            )  # fmt: skip
            summary = (
                f"freins suivis : {format_count(row.barriers)} · demandes en cours : "
                f"{format_count(len(detail.open_requests))}"
                + (f" (dont {late} à relancer)" if late else "")
            )
        if len(history) > HISTORY_SHOWN:
            summary += f" ; les {format_count(HISTORY_SHOWN)} plus récents affichés"
        self.history_label.setText(f"<b>Historique</b> — {summary}")

    def _enable_buttons(self) -> None:
        has_entry = self.detail is not None
        for button in (self.edit_button, self.contact_button, self.merge_button,
                       self.delete_button):  # fmt: skip
            button.setEnabled(has_entry)
        has_contact = selected_row(self.contact_view) is not None
        self.edit_contact_button.setEnabled(has_entry and has_contact)
        self.delete_contact_button.setEnabled(has_entry and has_contact)

    # -- actions --------------------------------------------------------------------

    def _run(self, dialog: QDialog) -> int | None:
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return getattr(dialog, "result_id", None)
            return None
        finally:
            dialog.deleteLater()

    def new_entry(self) -> int | None:
        """The entry form; the new entry (or the existing one chosen) is selected."""
        found = self._run(EntryDialog(self.desk, self.kind, parent=self))
        self.refresh()
        if found is not None:
            self.search.clear()
            self.apply_search(keep=found)
        return found

    def edit_entry(self) -> None:
        entry = self.selected_id()
        if entry is not None:
            self._run(EntryDialog(self.desk, self.kind, entry, parent=self))
            self.refresh()

    def add_contact(self) -> None:
        entry = self.selected_id()
        if entry is not None:
            self._run(ContactDialog(self.desk, self.kind, entry, parent=self))
            self.show_selected()

    def edit_contact(self) -> None:
        entry, contact = self.selected_id(), selected_row(self.contact_view)
        if entry is not None and contact is not None:
            values = ContactInput(contact.name, contact.role, contact.phone, contact.email)
            self._run(ContactDialog(self.desk, self.kind, entry, parent=self,
                                    contact_id=contact.id, values=values))  # fmt: skip
            self.show_selected()

    def remove_contact(self) -> None:
        contact = selected_row(self.contact_view)
        if contact is not None and self._confirm(
            "Retirer le contact", f"Retirer « {contact.name} » des contacts ?"
        ):
            self._perform(lambda: delete_contact(self.desk, contact.id))
            self.show_selected()

    def merge(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._run(MergeDialog(self.desk, row, self._rows, parent=self))
        self.refresh()

    def delete(self) -> None:
        row = self.selected_row()
        if row is not None and self._confirm(
            "Supprimer", f"Supprimer « {row.label} » de l'annuaire ?"
        ):
            self._perform(lambda: delete_entry(self.desk, self.kind, row.id))
            self.refresh()

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def _perform(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as error:
            QMessageBox.warning(self, "Action impossible", str(error))
            return False
        return True

    def _open_history_case(self, index: QModelIndex) -> None:
        line = self.history.row(index.row()) if index.isValid() else None
        if line is not None:
            self.open_case_requested.emit(line.case_id)


class ReferentTab(QWidget):
    """The referents and their caseload (added, renamed, deactivated in Paramètres)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setObjectName("directory-referents")
        self.model: RowsModel[ReferentLine] = RowsModel(
            [
                Column("Référent", lambda r: r.name if r.active else f"{r.name} (inactif)",
                       tone=lambda r: None if r.active else "muted"),
                Column("Portefeuille", lambda r: str(r.caseload), right=True,
                       tip=lambda r: "Dossiers commandés, en cours et en suivi dans l'emploi"),
                Column("En cours", lambda r: str(r.running), right=True),
                Column("En suivi dans l'emploi", lambda r: str(r.follow_up), right=True),
                Column("Commandés", lambda r: str(r.ordered), right=True),
                Column("Tous dossiers", lambda r: str(r.total), right=True),
                Column("Téléphone", lambda r: r.phone or DASH),
                Column("Courriel", lambda r: r.email or DASH),
            ],
            self,
        )  # fmt: skip
        self.table: QTableView = make_table(self.model, self, "referentTable")
        note = QLabel(
            "Le portefeuille compte les dossiers commandés, en cours et en suivi dans "
            "l'emploi. Les référents s'ajoutent, se renomment et se désactivent dans "
            "Paramètres.",
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def refresh(self) -> None:
        today = self.desk.today()
        self.model.set_rows(self.desk.read(lambda session: referent_lines(session, today)))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
