"""Pages of the navigation that later work fills; each is its own class, replaced whole."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from .base import PlaceholderPage


class IndicatorsPage(PlaceholderPage):
    TITLE = "Indicateurs"
    ICON = "indicators"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogInfoView
    DESCRIPTION = (
        "Cette page contiendra les indicateurs mensuels de la prestation et leur export "
        "pour France Travail."
    )


class PaymentsPage(PlaceholderPage):
    TITLE = "Paiements"
    ICON = "payments"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DriveHDIcon
    DESCRIPTION = (
        "Cette page contiendra les tranches de paiement de chaque dossier, celles à "
        "facturer et celles déjà réglées."
    )
