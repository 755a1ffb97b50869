"""The office settings (paramètres): shown, and edited through the checked office form."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QWidget,
)

from ...services.dashboard import OfficeSummary, read_office
from ..agenda.hours_group import WorkingHoursGroup
from ..documents.settings import DocumentSettingsGroup
from ..formatting import NOT_FILLED, format_euros
from .base import Page, PageContext, scrolling_body
from .referents import ReferentsGroup
from .rome_settings import RomeSettings


class SettingsPage(Page):
    TITLE = "Paramètres"
    ICON = "settings"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogListView

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Group after group, the settings scroll rather than stretch the window.
        self.body = scrolling_body(self)
        self.edit_button = QPushButton("&Modifier les paramètres du bureau…", self)
        self.edit_button.setObjectName("editSettings")
        self.edit_button.clicked.connect(self.edit_settings)

        box = QGroupBox("Bureau prestataire", self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._fields: dict[str, QLabel] = {}
        for key, label in (
            ("name", "Nom du bureau :"),
            ("address", "Adresse :"),
            ("siret", "SIRET :"),
            ("market_number", "N° de marché :"),
            ("price", "Prix de la prestation (HT) :"),
            ("alsace_moselle", "Jours fériés d'Alsace-Moselle :"),
        ):
            value = QLabel(box)
            value.setObjectName(f"setting-{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self._fields[key] = value
        self.body.addWidget(box)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.working_hours = WorkingHoursGroup(context.desk, self)
        self.body.addWidget(self.working_hours)
        self.documents = DocumentSettingsGroup(context.desk, self)
        self.body.addWidget(self.documents)
        self.rome = RomeSettings(context.desk, self)
        self.body.addWidget(self.rome)
        #: Paramètres › Référents (movdesk.ui.pages.referents).
        self.referents = ReferentsGroup(context.desk, self)
        self.body.addWidget(self.referents, 3)
        self.body.addStretch(1)
        self.refresh()

    def edit_settings(self) -> None:
        """The office form (the same checks as the first-run assistant); shown again after."""
        from ..dialogs import OfficeSettingsDialog

        if OfficeSettingsDialog(self.context.desk, self).exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            window = self.window()
            if hasattr(window, "refresh_title"):
                window.refresh_title()

    def field_text(self, key: str) -> str:
        """The text shown for one setting (``name``, ``address``, ``siret``, ``price``…)."""
        return self._fields[key].text()

    def refresh(self) -> None:
        office: OfficeSummary = read_office(self.context.session_factory)
        shown = {
            "name": office.name,
            "address": office.address,
            "siret": office.siret,
            "market_number": office.market_number,
            # No office sells the service for nothing: zero means "not entered yet".
            "price": format_euros(office.price_per_case_cents)
            if office.price_per_case_cents
            else None,
            "alsace_moselle": "Oui" if office.alsace_moselle else "Non",
        }
        for key, text in shown.items():
            self._fields[key].setText(text.strip() if text and text.strip() else NOT_FILLED)
        self.working_hours.refresh()
        self.documents.refresh()
        self.referents.refresh()
