"""Pages of the navigation that later work fills; each is its own class, replaced whole."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from .base import PlaceholderPage


class PlacementsPage(PlaceholderPage):
    TITLE = "Placements"
    ICON = "placements"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DialogApplyButton
    DESCRIPTION = (
        "Cette page contiendra les sorties vers l'emploi ou la formation et le suivi "
        "dans l'emploi des bénéficiaires placés."
    )


class DirectoryPage(PlaceholderPage):
    TITLE = "Annuaire"
    ICON = "directory"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_DirHomeIcon
    DESCRIPTION = (
        "Cette page contiendra l'annuaire des référents, des partenaires et des "
        "employeurs du bureau."
    )
