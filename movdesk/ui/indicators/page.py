"""The « Indicateurs » page: the month's indicators for France Travail, and compliance.

Two tabs: « Indicateurs mensuels » (:mod:`.view`) and « Conformité »
(:mod:`.compliance`). The tab shown reads its data when the page comes forward
(F5 too) and after every change recorded through the desk while the page is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QTabWidget, QWidget

from ...services.events import Change
from ..pages.base import Page, PageContext
from ..relay import ChangeRelay
from .compliance import ComplianceView
from .view import IndicatorsView


class IndicatorsPage(Page):
    TITLE = "Indicateurs"
    ICON = "indicators"
    FALLBACK_ICON = QStyle.StandardPixmap.SP_FileDialogInfoView

    #: The user asked for a case file (from the cases behind a figure).
    open_case_requested = Signal(int)

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("indicatorTabs")
        self.indicators = IndicatorsView(context.desk, self.tabs)
        self.compliance = ComplianceView(context.desk, self.tabs)
        self.tabs.addTab(self.indicators, "Indicateurs &mensuels")
        self.tabs.addTab(self.compliance, "&Conformité")
        self.body.addWidget(self.tabs, 1)
        self._stale = {self.indicators: True, self.compliance: True}
        for view in (self.indicators, self.compliance):
            view.open_case_requested.connect(self.open_case_requested)
        self.tabs.currentChanged.connect(lambda _index: self._read_current(force=False))
        self._relay = ChangeRelay(context.desk, self)
        self._relay.changed.connect(self._on_change)

    def refresh(self) -> None:
        """Read the tab shown again (the page came forward, or F5)."""
        for view in self._stale:
            self._stale[view] = True
        self._read_current(force=True)

    def busy(self) -> bool:
        """A read is under way in one of the tabs."""
        return self.indicators.loader.busy() or self.compliance.loader.busy()

    def _read_current(self, *, force: bool) -> None:
        view = self.tabs.currentWidget()
        if isinstance(view, IndicatorsView | ComplianceView) and (force or self._stale[view]):
            self._stale[view] = False
            view.refresh()

    def _on_change(self, _change: Change) -> None:
        for view in self._stale:
            self._stale[view] = True
        if self.isVisible():
            self._read_current(force=True)
