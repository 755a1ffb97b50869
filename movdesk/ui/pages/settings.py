"""The office settings (paramètres), shown read-only until the settings editor exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QStyle, QWidget

from ...services.dashboard import OfficeSummary, read_office
from ..formatting import NOT_FILLED, format_euros
from .base import Page, PageContext


class SettingsPage(Page):
    TITLE = "Paramètres"
    ICON = "settings"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogListView

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        note = QLabel(
            "Les paramètres du bureau sont affichés ici en lecture seule ; "
            "leur modification arrivera avec l'assistant de configuration.",
            self,
        )
        note.setWordWrap(True)
        self.body.addWidget(note)

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
        self.body.addStretch(1)
        self.refresh()

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
