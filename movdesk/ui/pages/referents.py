"""Paramètres › Référents: the office's referents, added, renamed, deactivated.

A group of the settings page (until the directory page takes over). Each line says how
many cases the referent follows now; a deactivated referent stays listed, greyed and
marked « inactif », keeps their cases and history, and is no longer offered for new
orders (:mod:`movdesk.services.referents`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Desk
from ...services.referents import ReferentRow, referent_rows, set_referent_active
from ..formatting import plural

#: The referent id of a line of the list.
REFERENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
INACTIVE_COLOUR = "#6b6b6b"
NOTE = (
    "Un référent désactivé garde ses dossiers et leur historique ; il n'est plus proposé "
    "pour les nouvelles commandes ni les changements de référent."
)


def line_text(row: ReferentRow) -> str:
    """« Claire Martin — 3 dossiers en cours », marked « (inactif) » when deactivated."""
    name = row.full_name if row.active else f"{row.full_name} (inactif)"
    if not row.cases:
        return f"{name} — aucun dossier"
    return f"{name} — {plural(row.open_cases, 'dossier')} en cours sur {row.cases}"


class _ReferentList(QListWidget):
    """Entrée or F2 renames the selected referent."""

    def __init__(self, group: ReferentsGroup) -> None:
        super().__init__(group)
        self.group = group

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            if self.currentItem() is not None:
                self.group.rename_selected()
                return
        super().keyPressEvent(event)


class ReferentsGroup(QGroupBox):
    """The referents of the office, with the buttons to manage them."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Référents", parent)
        self.setObjectName("referentsGroup")
        self.desk = desk
        self.rows: list[ReferentRow] = []
        self.list = _ReferentList(self)
        self.list.setObjectName("referentList")
        self.list.setAccessibleName("Référents du bureau")
        self.add_button = QPushButton("A&jouter un référent…", self)
        self.add_button.setObjectName("addReferent")
        self.rename_button = QPushButton("Re&nommer…", self)
        self.rename_button.setObjectName("renameReferent")
        self.active_button = QPushButton("&Désactiver", self)
        self.active_button.setObjectName("toggleReferent")
        note = QLabel(NOTE, self)
        note.setWordWrap(True)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)
        self.add_button.clicked.connect(self.add_referent)
        self.rename_button.clicked.connect(self.rename_selected)
        self.active_button.clicked.connect(self.toggle_selected)
        self.list.currentRowChanged.connect(self._show_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename_selected())
        self.refresh()

    # -- reading --------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read the referents again, keeping (or moving to ``select_id``) the selection."""
        kept = select_id if select_id is not None else self.selected_id()
        self.rows = referent_rows(self.desk)
        self.list.clear()
        for row in self.rows:
            item = QListWidgetItem(line_text(row))
            item.setData(REFERENT_ID_ROLE, row.id)
            if not row.active:
                item.setForeground(QBrush(QColor(INACTIVE_COLOUR)))
            self.list.addItem(item)
            if row.id == kept:
                self.list.setCurrentItem(item)
        self._show_buttons()

    def selected(self) -> ReferentRow | None:
        index = self.list.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    def _show_buttons(self, *_args: object) -> None:
        row = self.selected()
        self.rename_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        inactive = row is not None and not row.active
        self.active_button.setText("&Réactiver" if inactive else "&Désactiver")

    # -- actions --------------------------------------------------------------------

    def add_referent(self) -> int | None:
        """A new referent (first and last name); selected once added."""
        from ..dialogs.referents import ReferentNameDialog

        dialog = ReferentNameDialog(self.desk, parent=self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            self.refresh(select_id=dialog.result_id)
            return dialog.result_id
        finally:
            dialog.deleteLater()

    def rename_selected(self) -> None:
        from ..dialogs.referents import ReferentNameDialog

        row = self.selected()
        if row is None:
            return
        dialog = ReferentNameDialog(self.desk, row.id, row.full_name, parent=self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.refresh(select_id=row.id)
        finally:
            dialog.deleteLater()

    def toggle_selected(self) -> None:
        """Deactivate the selected referent (asking when they still follow cases), or
        bring a deactivated one back."""
        row = self.selected()
        if row is None:
            return
        if row.active and row.open_cases:
            question = (
                f"{row.full_name} suit encore {plural(row.open_cases, 'dossier')} en cours. "
                "Ces dossiers lui restent attribués, avec leur historique ; changez leur "
                "référent depuis chaque dossier (« Changer de référent… »).\n\n"
                f"Désactiver {row.full_name} ?"
            )
            answer = QMessageBox.question(
                self,
                "Désactiver un référent",
                question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        set_referent_active(self.desk, row.id, not row.active)
        self.refresh(select_id=row.id)


NO_REFERENT_TITLE = "Aucun référent"
NO_REFERENT_TEXT = (
    "Aucun référent n'est enregistré : chaque dossier est suivi par un référent.\n\n"
    "Ajoutez d'abord les référents du bureau dans Paramètres › Référents, puis "
    "enregistrez la lettre de commande."
)
OPEN_SETTINGS = "&Ajouter un référent…"


def no_referent_box(parent: QWidget) -> QMessageBox:
    """« Aucun référent »: why no order can be typed yet, and « Ajouter un référent… »."""
    box = QMessageBox(parent)
    box.setObjectName("noReferentBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(NO_REFERENT_TITLE)
    box.setText(NO_REFERENT_TEXT)
    go = box.addButton(OPEN_SETTINGS, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Fermer", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    return box


def referent_ready(window: QWidget, desk: Desk) -> bool:
    """True when a new order can name an active referent; otherwise say what to do and
    offer to add one (Paramètres › Référents), and return False."""
    if any(row.active for row in referent_rows(desk)):
        return True
    box = no_referent_box(window)
    box.exec()
    if box.clickedButton() is not box.defaultButton():
        return False
    pages = getattr(window, "pages", [])
    for index, page in enumerate(pages):
        group = getattr(page, "referents", None)
        if isinstance(group, ReferentsGroup):
            window.show_page(index)  # type: ignore[attr-defined]
            group.add_button.setFocus()
            group.add_referent()
            break
    return False
