"""The pages of the main window, in navigation order."""

from __future__ import annotations

from .base import Page, PageContext, PlaceholderPage
from .dashboard import DashboardPage
from .placeholders import (
    AgendaPage,
    BeneficiariesPage,
    DirectoryPage,
    IndicatorsPage,
    PaymentsPage,
    PlacementsPage,
)
from .settings import SettingsPage

#: The navigation, top to bottom; Ctrl+1 … Ctrl+8 follow this order.
PAGE_CLASSES: tuple[type[Page], ...] = (
    DashboardPage,
    BeneficiariesPage,
    AgendaPage,
    PlacementsPage,
    IndicatorsPage,
    PaymentsPage,
    DirectoryPage,
    SettingsPage,
)

__all__ = [
    "PAGE_CLASSES",
    "AgendaPage",
    "BeneficiariesPage",
    "DashboardPage",
    "DirectoryPage",
    "IndicatorsPage",
    "Page",
    "PageContext",
    "PaymentsPage",
    "PlaceholderPage",
    "PlacementsPage",
    "SettingsPage",
]
