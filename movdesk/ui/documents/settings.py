"""Paramètres › « Documents imprimés »: the logo, the printed contacts, the office's texts.

A group box for the settings page, and the form that edits it. Each long text (the
contract's commitments, what a convocation asks to bring) can be put back to the text
written for movdesk with « Texte par défaut ».
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...services.context import Desk
from ...services.documents.settings import (
    DEFAULT_BENEFICIARY_COMMITMENTS,
    DEFAULT_CONVOCATION_ITEMS,
    DEFAULT_PROVIDER_COMMITMENTS,
    MAX_BLANK_ROWS,
    DocumentSettingsInput,
    DocumentSettingsView,
    load_document_settings,
    logo_size_problem,
    save_document_settings,
)
from ...store.files import os_error_cause
from ..widgets import FormDialog

#: Height of the logo's thumbnail, in pixels.
THUMBNAIL_HEIGHT = 40
#: Its height in the line of the settings page.
SMALL_THUMBNAIL = 20


def _thumbnail(data: bytes | None, label: QLabel, height: int = THUMBNAIL_HEIGHT) -> None:
    pixmap = QPixmap()
    if data and pixmap.loadFromData(QByteArray(data)):
        label.setPixmap(pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
    else:
        label.setPixmap(QPixmap())
        label.setText("Aucun logo")


def _is_default(text: str, default: str) -> bool:
    return " ".join(text.split()) == " ".join(default.split())


class DocumentSettingsGroup(QWidget):
    """One line of the settings page: what the printed documents carry, and « Modifier ».

    One line only, so that the page keeps to the window's height; the form shows every
    setting in full.
    """

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentSettings")
        self.desk = desk
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 4, 0, 4)
        title = QLabel("<b>Documents imprimés :</b>", self)
        self.logo = QLabel(self)
        self.logo.setObjectName("setting-logo")
        self.summary = QLabel(self)
        self.summary.setObjectName("documentSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton("Modifier les &documents imprimés…", self)
        self.edit_button.setObjectName("editDocumentSettings")
        self.edit_button.clicked.connect(self.edit)
        row.addWidget(title)
        row.addWidget(self.logo)
        row.addWidget(self.summary, 1)
        row.addWidget(self.edit_button)
        self.refresh()

    def summary_text(self) -> str:
        return self.summary.text()

    def refresh(self) -> None:
        settings = load_document_settings(self.desk)
        _thumbnail(settings.logo, self.logo, SMALL_THUMBNAIL)
        if settings.logo is None:
            self.logo.setText("sans logo ·")
        custom = not (
            _is_default(settings.beneficiary_commitments, DEFAULT_BENEFICIARY_COMMITMENTS)
            and _is_default(settings.provider_commitments, DEFAULT_PROVIDER_COMMITMENTS)
        )
        parts = [
            f"tél. {settings.phone}" if settings.phone else "",
            settings.email or "",
            "engagements du bureau" if custom else "engagements par défaut",
            f"{settings.blank_rows} ligne(s) vierge(s)",
        ]
        self.summary.setText(" · ".join(part for part in parts if part))
        place = settings.signature_place or "ville de l'adresse du bureau"
        where = settings.interview_place or "adresse du bureau"
        self.summary.setToolTip(
            f"À apporter (convocation) : {' ; '.join(settings.items)}\n"
            f"« Fait à » : {place}\nLieu des entretiens : {where}"
        )

    def edit(self) -> None:
        dialog = DocumentSettingsDialog(self.desk, self)
        try:
            if dialog.exec():
                self.refresh()
        finally:
            dialog.deleteLater()


class _LongText(QWidget):
    """A multi-line text with its « Texte par défaut » button."""

    def __init__(self, text: str, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QPlainTextEdit(text, self)
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(96)
        button = QPushButton("Texte par défaut", self)
        button.clicked.connect(lambda: self.edit.setPlainText(default))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(button)
        layout.addLayout(bar)

    def text(self) -> str:
        return self.edit.toPlainText()


class DocumentSettingsDialog(FormDialog):
    """The form of « Documents imprimés »."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, "Documents imprimés", parent)
        current: DocumentSettingsView = load_document_settings(desk)
        self.logo_data = current.logo
        self.logo_name = current.logo_name
        logo_row = QWidget(self)
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo_preview = QLabel(logo_row)
        self.logo_preview.setObjectName("logoPreview")
        choose = QPushButton("Choisir une image…", logo_row)
        choose.clicked.connect(lambda: self.choose_logo())
        remove = QPushButton("Retirer", logo_row)
        remove.clicked.connect(self.remove_logo)
        row.addWidget(self.logo_preview, 1)
        row.addWidget(choose)
        row.addWidget(remove)
        self.add_field("logo", "Logo (PNG ou JPEG) :", logo_row)
        self.phone = QLineEdit(current.phone or "", self)
        self.add_field("phone", "Téléphone imprimé :", self.phone)
        self.email = QLineEdit(current.email or "", self)
        self.add_field("email", "Courriel imprimé :", self.email)
        self.signature_place = QLineEdit(current.signature_place or "", self)
        self.signature_place.setPlaceholderText("La ville de l'adresse du bureau")
        self.add_field("signature_place", "« Fait à » :", self.signature_place)
        self.interview_place = QPlainTextEdit(current.interview_place or "", self)
        self.interview_place.setPlaceholderText("L'adresse du bureau")
        self.interview_place.setTabChangesFocus(True)
        self.interview_place.setFixedHeight(56)
        self.add_field("interview_place", "Lieu des entretiens :", self.interview_place)
        self.blank_rows = QSpinBox(self)
        self.blank_rows.setRange(0, MAX_BLANK_ROWS)
        self.blank_rows.setValue(current.blank_rows)
        self.add_field("blank_rows", "Lignes vierges des feuilles :", self.blank_rows)
        self.items = _LongText(current.convocation_items, DEFAULT_CONVOCATION_ITEMS, self)
        self.add_field("convocation_items", "À apporter (une ligne chacun) :", self.items)
        self.beneficiary = _LongText(
            current.beneficiary_commitments, DEFAULT_BENEFICIARY_COMMITMENTS, self
        )
        self.add_field("beneficiary_commitments", "Engagements du bénéficiaire :", self.beneficiary)
        self.provider = _LongText(current.provider_commitments, DEFAULT_PROVIDER_COMMITMENTS, self)
        self.add_field("provider_commitments", "Engagements du prestataire :", self.provider)
        self.set_advice(
            [
                "Dans les engagements, une ligne qui commence par « - » s'imprime comme une puce.",
                "Un texte laissé vide reprend le texte par défaut de movdesk.",
            ],
            "Textes du contrat",
        )
        self._show_logo()
        self.resize(720, self.sizeHint().height())

    def _show_logo(self) -> None:
        _thumbnail(self.logo_data, self.logo_preview)
        if self.logo_data and self.logo_name:
            self.logo_preview.setToolTip(self.logo_name)

    def choose_logo(self, path: str | None = None) -> bool:
        """An image file for the logo (``path`` in tests); checked when saving."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, "Logo du bureau", str(Path.home()), "Images (*.png *.jpg *.jpeg)"
            )
            if not path:
                return False
        try:
            too_big = logo_size_problem(Path(path).stat().st_size)
            if too_big is not None:
                self.show_banner(f"Logo : {too_big}")
                return False
            self.logo_data = Path(path).read_bytes()
        except OSError as error:
            self.show_banner(f"Logo : impossible de lire « {path} » ({os_error_cause(error)}).")
            return False
        self.logo_name = Path(path).name
        self._show_logo()
        return True

    def remove_logo(self) -> None:
        self.logo_data = None
        self.logo_name = None
        self._show_logo()

    def save(self, accept_warnings: bool) -> int | None:
        save_document_settings(
            self.desk,
            DocumentSettingsInput(
                phone=self.phone.text(),
                email=self.email.text(),
                signature_place=self.signature_place.text(),
                beneficiary_commitments=self.beneficiary.text(),
                provider_commitments=self.provider.text(),
                convocation_items=self.items.text(),
                interview_place=self.interview_place.toPlainText(),
                blank_rows=self.blank_rows.value(),
                logo=self.logo_data,
                logo_name=self.logo_name,
            ),
        )
        return None
