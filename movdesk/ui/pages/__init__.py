"""The pages of the main window, in navigation order."""

from __future__ import annotations

from ..agenda.page import AgendaPage
from ..cases.page import CaseListPage
from ..directory.page import DirectoryPage
from ..indicators.page import IndicatorsPage
from ..payments.page import PaymentsPage
from ..placements.page import PlacementsPage
from .base import Page, PageContext, PlaceholderPage
from .dashboard import DashboardPage
from .settings import SettingsPage

#: The « Bénéficiaires » page is the case list (movdesk.ui.cases).
BeneficiariesPage = CaseListPage

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
    "CaseListPage",
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
